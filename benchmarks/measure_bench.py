"""What measures (QUANTITYs with a `unit`) cost `tally check`, and the vectorized measure
floats (exact Fractions only near a tie) against a per-row `Fraction` loop.

    python benchmarks/measure_bench.py                  # 100k mentions
    python benchmarks/measure_bench.py --mentions 20000 # a quick run

Rows: the rules over the corpus as generated (all counts), then with a share of the
documents' QUANTITYs turned into measures (`unit: km`, values unchanged), each as a ratio to
the all-counts run; then `measure_floats` (what the rules compute for every measure row)
against a per-row Fraction loop over the same rows (what computing them all exactly
costs). Every figure is the median of `--repeat` runs in this process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus, write_jsonl
from checks.engine import run_checks
from checks.facts import Facts
from checks.intervals import (
    DEFAULT_TOLERANCE,
    _measure,
    measure_bounds,
    measure_floats,
    qualifier_codes,
)
from checks.readers.load import load


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def with_measures(facts: Facts, share: float, seed: int = 1) -> Facts:
    """Every QUANTITY of a random `share` of the documents becomes a measure in km, so
    their relations stay within one unit and the violations are the same as with counts
    (up to the rounding of non-integral values, which measures do not do)."""
    m = facts.mentions.copy()
    docs = facts.documents["doc_id"].to_numpy(dtype=object)
    rng = np.random.default_rng(seed)
    chosen = rng.choice(docs, size=int(len(docs) * share), replace=False)
    picked = ((m["label"] == "QUANTITY") & m["doc_id"].isin(chosen)).to_numpy()
    unit = m["unit"].to_numpy(dtype=object).copy()
    unit[picked] = "km"
    m["unit"] = unit
    return Facts(facts.documents, m, facts.relations, facts.notices)


def per_row(m) -> list:
    """The named alternative: one Fraction computation per measure row, no dedup."""
    rows = np.flatnonzero(m["unit"].notna().to_numpy())
    kind = qualifier_codes(m["qualifier"])[rows]
    v, lo, hi = (m[c].to_numpy(np.float64)[rows] for c in ("value", "low", "high"))
    return [_measure(int(k), a, b, c, DEFAULT_TOLERANCE)
            for k, a, b, c in zip(kind, v, lo, hi, strict=True)]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        facts = load([write_jsonl(corpus(args.mentions, seed=7), Path(tmp) / "c.jsonl")])
    base = median_seconds(lambda: run_checks(facts), args.repeat)
    n_q = int((facts.mentions["label"] == "QUANTITY").sum())
    print(f"{len(facts.mentions):,} mentions, {n_q:,} QUANTITY, {len(facts.documents):,} docs")
    print(f"{'run':<44}{'seconds':>9}{'ratio':>8}")
    print(f"{'tally check, all counts':<44}{base:>9.3f}{1:>8.2f}")
    for share in (0.05, 0.25, 1.0):
        mixed = with_measures(facts, share)
        t = median_seconds(lambda f=mixed: run_checks(f), args.repeat)
        label = f"tally check, measures in {share:.0%} of documents"
        print(f"{label:<44}{t:>9.3f}{t / base:>8.2f}")
    m = with_measures(facts, 1.0).mentions
    rows = np.flatnonzero(m["unit"].notna().to_numpy())
    cols = (m["qualifier"], m["value"], m["low"], m["high"], DEFAULT_TOLERANCE, rows)
    ours = median_seconds(lambda: measure_floats(*cols), args.repeat)
    naive = median_seconds(lambda: per_row(m), args.repeat)
    exact = measure_bounds(*cols)
    assert list(zip(exact.lo, exact.hi, strict=True)) == per_row(m)
    lo, _ = measure_floats(*cols)
    want = np.array([np.nan if x is None else float(x) for x in exact.lo])
    assert np.allclose(lo, want, rtol=1e-12, equal_nan=True)
    print(f"{'measure_floats, every QUANTITY a measure':<44}{ours:>9.3f}{1:>8.2f}")
    print(f"{'per-row Fraction loop (alternative)':<44}{naive:>9.3f}{naive / ours:>8.2f}")


if __name__ == "__main__":
    main()
