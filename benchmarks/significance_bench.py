"""Benchmark the paired significance tests of `tally score --baseline`.

    python benchmarks/significance_bench.py                # 100k documents, 1,000 samples
    python benchmarks/significance_bench.py --docs 10000

Per-document counts are drawn at random (the tests only see counts). tally's tests (a
bootstrap and an approximate randomization for all seven metrics, as weight matrices
times counts) are timed against the same tests written as sacreBLEU writes its
bootstrap: one resample at a time, summing the drawn rows (`stats[idx].sum(0)`); the loop
is timed on a tenth of the samples and scaled, and both must give the same interval.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.scoring import significance as sig


def loop_bootstrap(a: np.ndarray, b: np.ndarray, n: int, seed: int) -> np.ndarray:
    rng, _ = sig.generators(seed)
    d = len(a)
    out = []
    for rows in sig._blocks(n, d):  # the same random stream as the vectorized run
        idx = rng.integers(0, d, size=(rows, d))
        for i in range(rows):
            now = sig.evaluate(a[idx[i]].sum(0))["strict F1"]
            then = sig.evaluate(b[idx[i]].sum(0))["strict F1"]
            out.append(float(now - then))
    return np.array(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=1000)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    k = len(sig.COLUMNS)
    a = rng.integers(0, 8, size=(args.docs, k)).astype(float)
    b = np.clip(a + rng.integers(-1, 2, size=a.shape), 0, None)
    t = time.perf_counter()
    tests = sig.paired_tests(a, b, samples=args.samples)
    fast = time.perf_counter() - t
    few = max(1, args.samples // 10)
    t = time.perf_counter()
    slow_deltas = loop_bootstrap(a, b, few, sig.SEED)
    slow = (time.perf_counter() - t) * args.samples / few
    fast_deltas = sig.bootstrap_deltas(a, b, few, sig.generators(sig.SEED)[0])["strict F1"]
    assert np.allclose(fast_deltas, slow_deltas, atol=1e-12), "loop and matrices differ"
    s = tests["strict F1"]
    print(f"{args.docs:,} documents, {args.samples:,} samples, 7 metrics, both tests")
    print(
        f"  strict F1 change {s['change']:+.5f}, 95% CI [{s['ci_low']:+.5f}, "
        f"{s['ci_high']:+.5f}], p {s['p_bootstrap']:.3f} / {s['p_randomization']:.3f}"
    )
    print(f"  tally (weights @ counts):         {fast:7.2f} s")
    print(f"  loop per sample, bootstrap only:  {slow:7.2f} s (scaled from {few} samples)")
    print(f"  ratio: {slow / fast:.1f}x")


if __name__ == "__main__":
    main()
