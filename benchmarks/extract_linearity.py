"""Is `tally extract` linear in its input? Double adversarial inputs and print the time ratio.

    python benchmarks/extract_linearity.py                 # sizes 2,000 → 32,000 units
    python benchmarks/extract_linearity.py --start 500 --steps 3 --repeat 3   # quick

Each input kind is built at n, 2n, 4n … units and extracted in this process (best of
`--repeat` runs, so other load on the machine inflates no ratio); the ratio of successive
times must stay near 2 for a linear extractor (4 would be quadratic). The kinds are the
inputs that were quadratic before (issue 28 item 8): a long digit run, a chain of
separator-joined figures, a repeated scale word, many figures in one article, and seed
text repeated.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.extract.writer import to_jsonl  # noqa: E402

SEED = (ROOT / "seeds" / "aleppo-evacuation-2016-12-16.txt").read_text("utf-8")
SEED_LINES = [line for line in SEED.splitlines() if line.strip()]

# name -> (text of n units, what a unit is)
KINDS: dict[str, tuple[Callable[[int], str], str]] = {
    # one run is cheap per character, so these runs are 32 times longer than the other inputs
    "digit run": (lambda n: "قتل " + "7" * (32 * n) + " شخصا", "32 digits"),
    "grouped digits": (lambda n: "5" + ",000" * (8 * n), "32 chars"),
    "separator chain": (lambda n: "٥،٠٠٠،٠٠٠،" * (n // 10), "character"),
    "scale words": (lambda n: "ألف " * (n // 4), "character"),
    "figures in one sentence": (lambda n: "قتل 5 أشخاص و" * (n // 12), "character"),
    "seed text": (
        lambda n: "\n".join(SEED_LINES[k % len(SEED_LINES)] for k in range(n // 100)),
        "character",
    ),
}


def best_time(text: str, repeat: int) -> float:
    doc = {"doc_id": "linearity", "text": text, "published": "2016-12-16"}
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        to_jsonl([doc])
        best = min(best, time.perf_counter() - t)
    return best


def ratios(kind: str, start: int, steps: int, repeat: int) -> list[tuple[int, float, float]]:
    """(size, seconds, ratio to the previous size) for `steps` doublings from `start`."""
    build = KINDS[kind][0]
    rows, previous = [], None
    for k in range(steps):
        n = start * 2**k
        seconds = best_time(build(n), repeat)
        rows.append((n, seconds, seconds / previous if previous else float("nan")))
        previous = seconds
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=2000, help="units in the first input")
    parser.add_argument("--steps", type=int, default=5, help="sizes, each double the last")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is kept)")
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), help="only these")
    args = parser.parse_args()
    print(f"{'input':<25} {'size':>8} {'unit':<10} {'seconds':>9} {'ratio':>6}")
    for kind in args.kind or KINDS:
        for n, seconds, ratio in ratios(kind, args.start, args.steps, args.repeat):
            shown = "" if ratio != ratio else f"{ratio:6.2f}"
            print(f"{kind:<25} {n:>8} {KINDS[kind][1]:<10} {seconds:9.4f} {shown:>6}")


if __name__ == "__main__":
    main()
