"""How `tally check` grows with the corpus: one process, `--jobs 2`, Spark local[2].

    python benchmarks/scale_bench.py --data /tmp/tally-scale              # 100k, 1M, 10M
    python benchmarks/scale_bench.py --data /tmp/tally-scale --sizes 100000 1000000

Each point is one end-to-end run in a fresh process tree (JSON report written): wall time,
mentions per second and the peak resident memory of the whole tree (driver, workers, and
for Spark the JVM and its Python workers), sampled every 50 ms from /proc. Spark is timed
once its session is up and warm (a tiny run first), reading the Parquet copy; the others
read the JSONL. Corpora are generated once into --data and reused. The cost curve is
saved as benchmarks/scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import iter_corpus, write_jsonl, write_parquet

PAGE = os.sysconf("SC_PAGE_SIZE")
PLOT = Path(__file__).with_name("scale.png")
SPARK_CHILD = """
import sys, time, json
from pathlib import Path
from checks.spark import check_with_spark, session
session("local[2]")
check_with_spark([Path(sys.argv[2])])  # warm: JVM, Python workers, imports
print("READY", flush=True)
sys.stdin.readline()
t0 = time.perf_counter()
result = check_with_spark([Path(sys.argv[1])], outcomes=False)  # as for --format json
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "violations": len(result.violations)}), flush=True)
"""


def corpus_files(data: Path, n_mentions: int) -> tuple[Path, Path]:
    jsonl, parquet = data / f"corpus-{n_mentions}.jsonl", data / f"corpus-{n_mentions}.parquet"
    if not jsonl.exists():
        write_jsonl(iter_corpus(n_mentions), jsonl.with_suffix(".tmp")).rename(jsonl)
    if not parquet.exists():
        write_parquet(iter_corpus(n_mentions), parquet.with_suffix(".ptmp")).rename(parquet)
    return jsonl, parquet


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and every descendant."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, ppid in parent.items():
            if ppid == p and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except OSError:
            continue
    return total


class TreePeak:
    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_cli(jsonl: Path, jobs: int, out: Path) -> dict:
    cmd = [sys.executable, "-m", "checks", "check", str(jsonl), "--format", "json",
           "--out", str(out), "--jobs", str(jobs), "--quiet"]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = TreePeak(proc.pid)
    code = proc.wait()
    seconds = time.perf_counter() - t0
    rss = peak.stop()
    if code not in (0, 1):
        raise SystemExit(f"tally check exited {code}")
    found = len(json.loads(out.read_bytes())["violations"])
    return {"seconds": seconds, "rss": rss, "violations": found}


def run_spark(parquet: Path, warm: Path) -> dict:
    return warm_child(SPARK_CHILD, str(parquet), str(warm))


def warm_child(script: str, *args: str) -> dict:
    """Run `script` in a fresh process that warms up, prints READY, waits for a line, runs
    the timed part and prints its result as JSON; the peak RSS is its tree's in that part."""
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL}
    proc = subprocess.Popen([sys.executable, "-c", script, *args], text=True, **pipes)
    while (line := proc.stdout.readline()) and not line.startswith("READY"):
        pass
    if not line:
        raise SystemExit("the warm-up failed (for Spark: pyspark and Java installed?)")
    peak = TreePeak(proc.pid)
    proc.stdin.write("go\n")
    proc.stdin.flush()
    result = json.loads(proc.stdout.readline())
    rss = peak.stop()
    proc.wait()
    return {**result, "rss": rss}


def plot(rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for mode in dict.fromkeys(r["mode"] for r in rows):
        pts = [r for r in rows if r["mode"] == mode]
        x = [r["mentions"] for r in pts]
        left.plot(x, [r["seconds"] for r in pts], marker="o", label=mode)
        right.plot(x, [r["rss"] / 2**20 for r in pts], marker="o", label=mode)
    for ax, label in ((left, "wall seconds"), (right, "peak RSS of the process tree, MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        ax.set_xlabel("mentions")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle("tally check, end to end (2-core shared machine)")
    fig.tight_layout()
    fig.savefig(PLOT, dpi=100)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="where the corpora are kept")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000])
    ap.add_argument("--modes", nargs="+", default=["jobs 1", "jobs 2", "spark local[2]"])
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument(
        "--results", type=Path, help="keep the rows here (JSON) and plot every row kept so far"
    )
    args = ap.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    files = {n: corpus_files(args.data, n) for n in args.sizes}
    if args.generate_only:
        return
    warm = write_parquet(iter_corpus(2_000), args.data / "warm.parquet")
    rows = []
    print(f"{'mentions':>12}  {'mode':<16}{'seconds':>9}{'mentions/s':>12}{'peak MB':>9}", end="")
    print("  violations")
    for n, (jsonl, parquet) in files.items():
        for mode in args.modes:
            if mode == "spark local[2]":
                r = run_spark(parquet, warm)
            else:
                r = run_cli(jsonl, int(mode.split()[1]), args.data / "report.json")
            rows.append({"mentions": n, "mode": mode, **r})
            print(
                f"{n:>12,}  {mode:<16}{r['seconds']:>9.2f}{n / r['seconds']:>12,.0f}"
                f"{r['rss'] / 2**20:>9.0f}  {r['violations']:,}",
                flush=True,
            )
    if args.results is not None:
        kept = json.loads(args.results.read_text()) if args.results.exists() else []
        done = {(r["mentions"], r["mode"]) for r in rows}
        rows = [r for r in kept if (r["mentions"], r["mode"]) not in done] + rows
        rows.sort(key=lambda r: (r["mode"], r["mentions"]))
        args.results.write_text(json.dumps(rows, indent=1))
    plot(rows)
    print(f"cost curve: {PLOT}")


if __name__ == "__main__":
    main()
