"""Benchmark `tally score` against nervaluate on generated documents.

    python benchmarks/score_bench.py             # 100k documents
    python benchmarks/score_bench.py --docs 5000

Gold: the check benchmark's realistic corpus. Predictions: each gold mention kept,
shrunk by a character, relabelled or dropped, plus spurious one-character spans between
mentions; no two spans compete, so nervaluate's order does not matter and both must give
identical counts (the run fails otherwise). tally is timed on its mention scoring alone
and on the whole `score` (values, relations, the consistency rules on the predictions and
the per-mention detail); nervaluate on its `Evaluator(...).evaluate()`.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus, write_jsonl

LABELS = ["QUANTITY", "PERSON", "ORG", "LOC", "DATE", "EVENT"]
SCHEMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
FIELDS = ("correct", "incorrect", "partial", "missed", "spurious")


def predictions(gold_docs: list[dict], seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for doc in gold_docs:
        mentions = []
        for m in doc["mentions"]:
            roll = rng.random()
            if roll < 0.1:
                continue  # missed
            p = {k: m[k] for k in ("id", "start", "end", "text", "label") if k in m}
            p.update({k: m[k] for k in ("value", "qualifier", "low", "high") if k in m})
            if roll < 0.2 and m["end"] - m["start"] > 1:
                p["end"] -= 1
                p["text"] = doc["text"][p["start"] : p["end"]]
            elif roll < 0.3:
                p["label"] = rng.choice([x for x in LABELS if x != m["label"]])
            mentions.append(p)
            if rng.random() < 0.05:  # a spurious character in the separator after it
                s = m["end"]
                mentions.append({"id": f"{m['id']}x", "start": s, "end": s + 1,
                                 "text": doc["text"][s : s + 1], "label": "ORG"})  # fmt: skip
        keep = {m["id"] for m in mentions}
        rels = [r for r in doc["relations"] if r["from"] in keep and r["to"] in keep]
        out.append({"doc_id": doc["doc_id"], "mentions": mentions, "relations": rels})
    return out


def nervaluate_run(gold_docs, pred_docs) -> tuple[float, dict]:
    from nervaluate import Evaluator

    def ents(doc):
        return [{"label": m["label"], "start": m["start"], "end": m["end"] - 1}
                for m in doc["mentions"]]  # fmt: skip

    true = [ents(d) for d in gold_docs]
    pred = [ents(d) for d in pred_docs]
    t0 = time.perf_counter()
    result = Evaluator(true, pred, tags=LABELS, loader="dict").evaluate()["overall"]
    seconds = time.perf_counter() - t0
    return seconds, {ours: {f: getattr(result[theirs], f) for f in FIELDS}
                     for ours, theirs in SCHEMES.items()}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    args = ap.parse_args()
    from checks.readers.load import load
    from checks.scoring.matching import SCHEMES as OURS
    from checks.scoring.matching import candidate_pairs, counts, match
    from checks.scoring.score import score

    gold_docs = corpus(args.docs * 7)[: args.docs]
    pred_docs = predictions(gold_docs)
    with tempfile.TemporaryDirectory() as tmp:
        gold = load([write_jsonl(gold_docs, Path(tmp) / "gold.jsonl")])
        pred = load([write_jsonl(pred_docs, Path(tmp) / "pred.jsonl")])
    n = len(gold.mentions)
    print(f"{len(gold_docs):,} documents, {n:,} gold and {len(pred.mentions):,} predicted mentions")

    t0 = time.perf_counter()
    pairs = candidate_pairs(gold.mentions, pred.mentions)
    alone = pairs.alone
    ours = {s: counts(match(pairs, s, alone)) for s in OURS}
    t_match = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = score(gold, pred)
    t_full = time.perf_counter() - t0
    t_nerv, theirs = nervaluate_run(gold_docs, pred_docs)

    for s in OURS:
        if ours[s] != theirs[s] or {f: full["mentions"][s][f] for f in FIELDS} != theirs[s]:
            raise SystemExit(f"{s}: tally {ours[s]} differs from nervaluate {theirs[s]}")
    print(f"{'':<34}{'seconds':>9}{'mentions/s':>13}{'vs nervaluate':>15}")
    for name, t in (("nervaluate Evaluator.evaluate", t_nerv),
                    ("tally, four schemes", t_match),
                    ("tally score (everything)", t_full)):  # fmt: skip
        print(f"{name:<34}{t:>9.2f}{n / t:>13,.0f}{t_nerv / t:>14.1f}x")
    print("identical counts in all four schemes:", {s: ours[s] for s in ("strict", "partial")})


if __name__ == "__main__":
    main()
