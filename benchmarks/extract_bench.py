"""Articles per second of `tally extract`, against a named earlier implementation.

    python benchmarks/extract_bench.py                      # against commit 3070104
    python benchmarks/extract_bench.py --baseline REF --articles 500 --repeat 3

Inputs: seed-sized articles (about 3,600 characters, like the seed) built from the seed's
paragraphs and, when present, the challenge corpus dev split's passages
(`tests/challenge/dev.jsonl`), shuffled with a fixed seed so no two articles are alike
(a run over one text repeated would flatter any per-word cache); and the dev passages as
they are. Each implementation runs in its own process on the same documents — the current
tree, and the baseline checked out as a `git worktree` of `--baseline` — timing only
`to_jsonl` (best of `--repeat` runs, after one warm-up article). The ratio is current over
baseline articles/s; both must write the same mentions for the seed articles or the run
says so (the baseline is the older extractor, so differences are listed, not fatal).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "aleppo-evacuation-2016-12-16.txt"
DEV = ROOT / "tests" / "challenge" / "dev.jsonl"
ARTICLE_CHARS = 3600
BASELINE = "3070104"

_TIMER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from checks.extract.writer import to_jsonl
docs = json.load(open(sys.argv[2], encoding="utf-8"))
repeat = int(sys.argv[3])
to_jsonl(docs[:1])
best, cpu = float("inf"), float("inf")
for _ in range(repeat):
    t, c = time.perf_counter(), time.process_time()
    out = to_jsonl(docs)
    best, cpu = min(best, time.perf_counter() - t), min(cpu, time.process_time() - c)
print(json.dumps({"seconds": best, "cpu": cpu, "lines": out.count("\n")}))
"""


def paragraphs(dev: Path | None) -> list[str]:
    found = [p for p in SEED.read_text("utf-8").splitlines() if p.strip()]
    if dev is not None and dev.is_file():
        found += [json.loads(line)["text"] for line in dev.read_text("utf-8").splitlines()]
    return found


def seed_sized_articles(n: int, dev: Path | None, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    pool = paragraphs(dev)
    docs = []
    for k in range(n):
        parts: list[str] = []
        while sum(map(len, parts)) < ARTICLE_CHARS:
            parts.append(rng.choice(pool))
        docs.append({"doc_id": f"a{k}", "text": "\n".join(parts), "published": "2016-12-16"})
    return docs


def dev_passages(dev: Path) -> list[dict]:
    keep = ("doc_id", "text", "published")
    lines = dev.read_text("utf-8").splitlines()
    return [{k: d.get(k) for k in keep} for d in map(json.loads, lines)]


def time_tree(tree: Path, docs: list[dict], repeat: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(docs, f, ensure_ascii=False)
    proc = subprocess.run(
        [sys.executable, "-c", _TIMER, str(tree), f.name, str(repeat)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    Path(f.name).unlink()
    return json.loads(proc.stdout)


def baseline_tree(ref: str) -> Path:
    """A worktree of `ref` under the system temp folder, made once and reused."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = Path(tempfile.gettempdir()) / f"tally-extract-baseline-{commit}"
    if not tree.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
            capture_output=True,
            check=True,
        )
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="seed-sized articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (best kept)")
    parser.add_argument("--baseline", default=BASELINE, help="git ref of the old extractor")
    parser.add_argument("--dev", type=Path, default=DEV, help="challenge dev split, if any")
    args = parser.parse_args()
    old = baseline_tree(args.baseline)
    dev = args.dev if args.dev.is_file() else None
    inputs = {f"{args.articles} seed-sized articles": seed_sized_articles(args.articles, dev)}
    if dev is not None:
        inputs[f"challenge dev ({len(dev_passages(dev))} passages)"] = dev_passages(dev)
    print(
        f"{'input':<34} {'baseline a/s':>13} {'current a/s':>12} {'ratio':>6}"
        f" {'baseline a/cpu-s':>17} {'current a/cpu-s':>16} {'ratio':>6}"
    )
    for name, docs in inputs.items():
        before, after = time_tree(old, docs, args.repeat), time_tree(ROOT, docs, args.repeat)
        row = [len(docs) / t[k] for k in ("seconds", "cpu") for t in (before, after)]
        print(
            f"{name:<34} {row[0]:13.1f} {row[1]:12.1f} {row[1] / row[0]:6.2f}"
            f" {row[2]:17.1f} {row[3]:16.1f} {row[3] / row[2]:6.2f}"
        )


if __name__ == "__main__":
    main()
