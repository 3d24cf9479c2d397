"""Evaluate `tally extract` on the news challenge corpus, end to end from raw text.

    python benchmarks/challenge_eval.py                    # dev, test and seed, a text table
    python benchmarks/challenge_eval.py --split test       # one split
    python benchmarks/challenge_eval.py --format md        # the README tables
    python benchmarks/challenge_eval.py --split dev --details   # per passage: what went wrong
    python benchmarks/challenge_eval.py --source dev-d.txt # one author's dev file, a row each

Each passage is stripped to raw text (`doc_id`, `text`, `published`, `source`, `lang`: no
mentions), `tally extract` runs on it as a user runs it (a subprocess of this Python), and
the output is scored against the gold with tally's own scoring library (`checks.scoring`).
The seed row is in-sample: `seeds/` as the raw input, `gold/` as the gold.

Metrics:
- QUANTITY strict precision / recall / F1 (same offsets and label, SPEC §6);
- value and qualifier accuracy over the strict-matched QUANTITYs (§6);
- `part_of` precision / recall: relations of that type only, both endpoints strict-matched
  (precision is "—" when the extractor predicts no `part_of` at all);
- false numbers: predicted QUANTITYs whose value differs from what their own span says.
  A predicted QUANTITY counts once if either (a) `value.surface` fires on it when the §4
  rules run on the extractor's own output, or (b) it is strict-matched to a gold QUANTITY
  whose span reads as one number or percentage (`checks.numbers.read_surface`, the reader
  `value.surface` uses) and its value (with low/high for range/vague) differs from the
  gold's — a wrong figure that (a) cannot see, e.g. `الثماني والأربعين` (48) predicted as
  the range 8–40, which `value.surface` ignores as a range;
- end to end, `tally check` on the extracted facts: planted inconsistencies *found* (a
  planted entry of `tests/challenge/planted.json` counts as found when its rule fires in
  its document, whatever the mention ids) and *false errors* (every error-severity
  violation that is not a planted rule firing in its planted document).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.engine import run_checks  # noqa: E402
from checks.facts import Facts  # noqa: E402
from checks.numbers import NUMBER, PERCENT, read_surface  # noqa: E402
from checks.readers.load import load  # noqa: E402
from checks.scoring.score import score  # noqa: E402

CHALLENGE = ROOT / "tests" / "challenge"
RAW_KEYS = ("doc_id", "text", "published", "source", "lang")
ROWS = ("dev", "test", "seed")


def source_ids(name: str) -> set[str]:
    """The doc ids of one dev source file (`dev-d.txt`): one author's passages."""
    from tests.challenge.build import SOURCES, parse

    if name not in SOURCES["dev"]:
        sys.exit(f"--source takes a dev source file: {', '.join(SOURCES['dev'])}")
    return {d["doc_id"] for d in parse(CHALLENGE / "src" / name)[0]}


def gold_and_raw(split: str, tmp: Path) -> tuple[Path, Path, dict[str, list[dict]]]:
    """The gold path, the raw input path and the planted violations of a split.

    A split `dev:<file>` is the dev passages of one source file (one author).
    """
    if split == "seed":
        return ROOT / "gold", ROOT / "seeds", {}
    split, _, source = split.partition(":")
    gold = CHALLENGE / f"{split}.jsonl"
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    if source:
        keep = source_ids(source)
        docs = [d for d in docs if d["doc_id"] in keep]
        gold = tmp / f"{source}.gold.jsonl"
        gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                        encoding="utf-8")  # fmt: skip
    raw = tmp / f"{split}.raw.jsonl"
    raw.write_text(
        "".join(json.dumps({k: d[k] for k in RAW_KEYS if k in d}, ensure_ascii=False) + "\n"
                for d in docs),
        encoding="utf-8",
    )  # fmt: skip
    planted = json.loads((CHALLENGE / "planted.json").read_text(encoding="utf-8"))
    ids = {d["doc_id"] for d in docs}
    return gold, raw, {k: v for k, v in planted.items() if k in ids}


def extract(raw: Path, out: Path) -> None:
    """`tally extract RAW --out OUT`, the command a user runs, from this checkout."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run([sys.executable, "-m", "checks", "extract", str(raw), "--out", str(out)],
                          env=env, capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"tally extract failed on {raw} (exit {done.returncode}):\n{done.stderr}")


def only_part_of(facts: Facts) -> Facts:
    rel = facts.relations
    return Facts(facts.documents, facts.mentions, rel[rel["type"] == "part_of"], facts.notices)


def false_numbers(report: dict, violations: pd.DataFrame) -> int:
    """Predicted QUANTITYs whose value differs from what their span says (module doc)."""
    surface = violations[violations["rule"] == "value.surface"]
    bad = {(d, m) for d, ms in zip(surface["doc_id"], surface["mentions"], strict=True)
           for m in ms}  # fmt: skip
    errs = report["detail"]["value_errors"]
    for doc, pred, text, ok in zip(errs["doc_id"], errs["pred"], errs["text"], errs["value_ok"],
                                   strict=True):  # fmt: skip
        if not ok and read_surface(text).kind in (NUMBER, PERCENT):
            bad.add((doc, pred))
    return len(bad)


def end_to_end(violations: pd.DataFrame, planted: dict[str, list[dict]]) -> dict:
    fired = set(zip(violations["doc_id"], violations["rule"], strict=True))
    wanted = [(doc, p["rule"]) for doc, ps in planted.items() for p in ps]
    expected = set(wanted)
    errors = violations[violations["severity"] == "error"]
    false = sum((d, r) not in expected for d, r in zip(errors["doc_id"], errors["rule"],
                                                        strict=True))  # fmt: skip
    return {"planted": len(wanted), "found": sum(w in fired for w in wanted),
            "false_errors": int(false)}  # fmt: skip


DETAILED = ("part_of", "member_of", "same_as")


def _links(facts: Facts, kind: str) -> dict[str, set[tuple]]:
    """doc_id -> {(from span, to span)} of one relation type, spans as (start, end, text)."""
    m = facts.mentions.set_index(["doc_id", "id"])
    rel = facts.relations[facts.relations["type"] == kind]
    out: dict[str, set[tuple]] = {}
    for doc, a, b in zip(rel["doc_id"], rel["from"], rel["to"], strict=True):
        if (doc, a) not in m.index or (doc, b) not in m.index:
            continue
        ends = [m.loc[(doc, x)] for x in (a, b)]
        pair = tuple((int(e["start"]), int(e["end"]), e["text"]) for e in ends)
        out.setdefault(doc, set()).add(tuple(sorted(pair)) if kind == "same_as" else pair)
    return out


def details(gold: Facts, pred: Facts, violations: pd.DataFrame, planted: dict) -> str:
    """Per passage: missed and spurious `part_of`/`member_of`/`same_as` links (endpoints
    compared by offsets, same_as in text order), planted violations not found and error
    violations that were not planted."""
    lines = []
    links = {k: (_links(gold, k), _links(pred, k)) for k in DETAILED}
    errors = violations[violations["severity"] == "error"]
    for doc in gold.doc_ids:
        out = []
        for kind, (g, p) in links.items():
            gd, pd_ = g.get(doc, set()), p.get(doc, set())
            for what, links_ in (("missed  ", gd - pd_), ("spurious", pd_ - gd)):
                out += [f"  {what} {kind}: {a[2]}@{a[0]} -> {b[2]}@{b[0]}"
                        for a, b in sorted(links_)]  # fmt: skip
        fired = set(violations.loc[violations["doc_id"] == doc, "rule"])
        wanted = {p["rule"] for p in planted.get(doc, [])}
        out += [f"  planted not found: {r}" for r in sorted(wanted - fired)]
        mine = errors[(errors["doc_id"] == doc) & ~errors["rule"].isin(wanted)]
        out += [f"  false error {r}: {msg}" for r, msg in zip(mine["rule"], mine["message"],
                                                              strict=True)]  # fmt: skip
        if out:
            lines += [doc, *out]
    return "\n".join(lines)


def evaluate(split: str, show: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, raw, planted = gold_and_raw(split, Path(tmp))
        pred_path = Path(tmp) / "pred.jsonl"
        extract(raw, pred_path)
        gold, pred = load([gold_path]), load([pred_path])
    report = score(gold, pred)
    rel = score(only_part_of(gold), only_part_of(pred))["relations"]
    violations = run_checks(pred).violations
    if show:
        print(details(gold, pred, violations, planted))
    q = report["mentions"]["by_label"]["strict"].get("QUANTITY", {})
    return {
        "split": split,
        "documents": len(gold.documents),
        "gold_quantities": int((gold.mentions["label"] == "QUANTITY").sum()),
        "precision": q.get("precision", 0.0),
        "recall": q.get("recall", 0.0),
        "f1": q.get("f1", 0.0),
        "value_accuracy": report["values"]["value_accuracy"],
        "qualifier_accuracy": report["values"]["qualifier_accuracy"],
        "part_of_precision": rel["precision"] if rel["tp"] + rel["fp"] else None,
        "part_of_recall": rel["recall"],
        "part_of_gold": rel["tp"] + rel["fn"],
        "false_numbers": false_numbers(report, violations),
        **end_to_end(violations, planted),
    }


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


COLUMNS = [
    ("split", "split", str),
    ("docs", "documents", str),
    ("QTY P", "precision", _num),
    ("QTY R", "recall", _num),
    ("QTY F1", "f1", _num),
    ("value acc", "value_accuracy", _num),
    ("qualifier acc", "qualifier_accuracy", _num),
    ("part_of P", "part_of_precision", _num),
    ("part_of R", "part_of_recall", _num),
    ("false numbers", "false_numbers", str),
    ("planted found", None, lambda r: f"{r['found']}/{r['planted']}" if r["planted"] else "—"),
    ("false errors", "false_errors", str),
]


def cells(row: dict) -> list[str]:
    return [fmt(row[key]) if key else fmt(row) for _, key, fmt in COLUMNS]


def table(rows: list[dict], fmt: str) -> str:
    head = [h for h, _, _ in COLUMNS]
    body = [cells(r) for r in rows]
    if fmt == "md":
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(b) + " |" for b in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(head)]
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))]
    out += ["  ".join(c.ljust(w) for c, w in zip(b, widths, strict=True)) for b in body]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=ROWS, action="append",
                        help="dev, test or seed (repeatable; default all three)")  # fmt: skip
    parser.add_argument("--format", choices=("text", "md"), default="text")
    parser.add_argument("--details", action="store_true",
                        help="per passage, the part_of/member_of/same_as links missed and "
                             "spurious, the planted violations not found and the false errors "
                             "(not for test: the held-out split is only scored)")  # fmt: skip
    parser.add_argument("--source", action="append", metavar="FILE",
                        help="one dev source file (dev.txt, dev-b.txt, ...: one author), a row "
                             "each (repeatable; instead of --split)")  # fmt: skip
    args = parser.parse_args(argv)
    splits = args.split or ([] if args.source else list(ROWS))
    splits += [f"dev:{name}" for name in args.source or ()]
    if args.details and "test" in splits:
        parser.error("--details lists passages; the held-out test split is only scored")
    rows = [evaluate(s, args.details) for s in splits]
    print(table(rows, args.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
