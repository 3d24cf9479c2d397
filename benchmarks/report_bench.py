"""Benchmark the `tally check` report writers: JUnit (and text, md, html) against JSON.

    python benchmarks/report_bench.py                      # 1M mentions (~200 MB JSONL)
    python benchmarks/report_bench.py --mentions 100000    # a quick run

Two measurements on one seeded corpus (benchmarks/corpus.py):
- end to end: `tally check FILE --format F --out OUT` in its own process, wall time and
  peak RSS, so the ratio JUnit/JSON is what a CI job sees (issue 7 measured 88 s and 3.9 GB
  for JUnit against 7 s for JSON on a 207 MB input);
- writers only: the same violations table rendered by each writer, in one process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus, write_jsonl

MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t
print(code, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def end_to_end(path: Path, fmt: str, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one `tally check` run in a fresh process."""
    cmd = [sys.executable, "-m", "checks", "check", str(path), "--format", fmt, "--out", str(out)]
    res = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True)
    code, wall, rss_kb = res.stdout.split()
    return float(wall), int(rss_kb) / 1024, int(code)


def writers_only(path: Path, formats: list[str]) -> dict[str, tuple[float, int]]:
    """Seconds and output size of each writer on one checked corpus."""
    from checks.engine import run_checks
    from checks.readers.load import load
    from checks.report.check_report import render

    facts = load([path])
    result = run_checks(facts)
    times = {}
    for fmt in formats:
        t = time.perf_counter()
        size = sum(len(piece) for piece in render(fmt, result, facts))
        times[fmt] = (time.perf_counter() - t, size)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--formats", default="json,junit,text,md,html")
    args = ap.parse_args()
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(corpus(args.mentions), Path(tmp) / "corpus.jsonl")
        mb = path.stat().st_size / 1e6
        print(f"corpus: {args.mentions:,} mentions, {mb:.0f} MB JSONL")
        print(f"\n{'end to end':<12}{'seconds':>9}{'peak MB':>9}{'× JSON time':>13}{'exit':>6}")
        base = None
        for fmt in formats:
            wall, rss, code = end_to_end(path, fmt, Path(tmp) / f"out.{fmt}")
            base = base or wall
            print(f"{fmt:<12}{wall:>9.1f}{rss:>9.0f}{wall / base:>13.2f}{code:>6}")
        print(f"\n{'writer only':<12}{'seconds':>9}{'output MB':>11}{'× JSON':>9}")
        times = writers_only(path, formats)
        base_t = times[formats[0]][0]
        for fmt, (t, size) in times.items():
            print(f"{fmt:<12}{t:>9.2f}{size / 1e6:>11.1f}{t / base_t:>9.1f}")


if __name__ == "__main__":
    main()
