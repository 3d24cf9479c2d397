"""Benchmark `tally score` against nervaluate on generated documents.

    python benchmarks/score_bench.py             # 100k documents
    python benchmarks/score_bench.py --docs 5000

Gold: the check benchmark's realistic corpus. Predictions: each gold mention kept,
shrunk by a character, relabelled or dropped, plus spurious one-character spans between
mentions; no two spans compete, so nervaluate's order does not matter and both must give
identical counts (the run fails otherwise). tally is timed on its mention scoring alone
and on the whole `score` (values, relations, the consistency rules on the predictions and
the per-mention detail); nervaluate on its `Evaluator(...).evaluate()`.

End to end from files, as users run it: `tally score --format json` (reading both files,
the report with its detail written) with `--jobs 1` and `--jobs 2` in fresh processes, and
`--engine spark` on local[2] once its session is up (warmed on other, small files, so the
gold is read and indexed in the timed run too); wall time and peak RSS of the process tree.
Every mode's mention counts must equal the one-pass `score`'s (the run fails otherwise).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus, write_jsonl
from benchmarks.scale_bench import TreePeak, warm_child

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


SPARK_CHILD = """
import json, sys, time
from pathlib import Path
from checks.scoring.spark_score import score_with_spark
from checks.spark import session
session("local[2]")
score_with_spark(Path(sys.argv[3]), Path(sys.argv[4]))  # warm: JVM, Python workers, imports
print("READY", flush=True)
sys.stdin.readline()
t0 = time.perf_counter()
result = score_with_spark(Path(sys.argv[1]), Path(sys.argv[2]))
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "mentions": result.report["mentions"]}), flush=True)
"""


def from_files(gold: Path, pred: Path, jobs: int, out: Path) -> dict:
    """`tally score --format json --jobs N` in a fresh process: seconds, peak RSS, counts."""
    cmd = [sys.executable, "-m", "checks", "score", "--gold", str(gold), "--pred", str(pred),
           "--format", "json", "--out", str(out), "--jobs", str(jobs), "--quiet"]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    peak = TreePeak(proc.pid)
    code = proc.wait()
    seconds = time.perf_counter() - t0
    rss = peak.stop()
    if code != 0:
        raise SystemExit(f"tally score exited {code}")
    return {"seconds": seconds, "rss": rss, "mentions": json.loads(out.read_bytes())["mentions"]}


def with_spark(gold: Path, pred: Path, tmp: Path) -> dict:
    """`score_with_spark` on local[2], timed once the session is up and warm."""
    few = corpus(70, seed=9)[:10]
    small = (write_jsonl(few, tmp / "warm-gold.jsonl"),
             write_jsonl(predictions(few), tmp / "warm-pred.jsonl"))  # fmt: skip
    return warm_child(SPARK_CHILD, str(gold), str(pred), *map(str, small))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--no-spark", action="store_true", help="skip the Spark row")
    args = ap.parse_args()
    from checks.readers.load import load
    from checks.runtime import tune_memory
    from checks.scoring.matching import SCHEMES as OURS
    from checks.scoring.matching import candidate_pairs, counts, match
    from checks.scoring.score import score

    tune_memory()  # what the `tally` command does; nervaluate runs in this process too

    gold_docs = corpus(args.docs * 7)[: args.docs]
    pred_docs = predictions(gold_docs)
    folder = tempfile.TemporaryDirectory()
    tmp = Path(folder.name)
    gold_path = write_jsonl(gold_docs, tmp / "gold.jsonl")
    pred_path = write_jsonl(pred_docs, tmp / "pred.jsonl")
    gold, pred = load([gold_path]), load([pred_path])
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

    del gold, pred, pairs
    runs = {f"tally score --jobs {j}": from_files(gold_path, pred_path, j, tmp / "report.json")
            for j in (1, 2)}  # fmt: skip
    if not args.no_spark:
        runs["tally score --engine spark (warm)"] = with_spark(gold_path, pred_path, tmp)
    print(
        f"\nend to end from files ({gold_path.stat().st_size / 1e6:.0f} MB gold, "
        f"{pred_path.stat().st_size / 1e6:.0f} MB predictions; JSON report with detail)"
    )
    print(f"{'':<36}{'seconds':>9}{'peak RSS':>11}{'vs nervaluate':>15}{'vs --jobs 1':>13}")
    base = runs["tally score --jobs 1"]["seconds"]
    for name, r in runs.items():
        if r["mentions"] != json.loads(json.dumps(full["mentions"])):
            raise SystemExit(f"{name}: mention counts differ from the one-pass score")
        print(f"{name:<36}{r['seconds']:>9.2f}{r['rss'] / 2**20:>8,.0f} MB"
              f"{t_nerv / r['seconds']:>14.1f}x{base / r['seconds']:>12.2f}x")  # fmt: skip
    folder.cleanup()


if __name__ == "__main__":
    main()
