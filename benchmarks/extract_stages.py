"""CPU time of each stage of `tally extract`, on the seed-sized articles of `extract_bench`.

    python benchmarks/extract_stages.py                 # 300 articles, best of 3 runs
    python benchmarks/extract_stages.py --articles 500 --repeat 5

Each stage's entry point is wrapped with a CPU-time counter (`time.process_time`, so the
shares hold on a loaded machine): tokens, entities, dates, figures (spans; categories;
qualifier cues of the batch; intervals of the batch), events, relations, and the JSON
writing; `other` is what is left (the pipeline's own glue: mentions, ids, sorting). The run
with the least total is shown, after one warm-up run (caches filled, as in a long run).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's code

from benchmarks.extract_bench import DEV, seed_sized_articles
from checks.extract import dates, entities, events, pipeline, quantities, relations, writer

STAGES: dict[str, list[tuple[object, str]]] = {
    "tokens": [(pipeline, "tokenize")],
    "entities": [(entities, "find_entities")],
    "dates": [(dates, "find_dates")],
    "figures: spans": [(quantities, "figure_spans")],
    "figures: categories": [(quantities, "categorized")],
    "figures: qualifier cues": [(quantities, "qualify")],
    "figures: intervals": [(pipeline, "_bounds")],
    "events": [(events, "find_events")],
    "relations": [
        (relations, name)
        for name in (
            "part_of",
            "same_as_figures",
            "member_of",
            "reported_and_dated",
            "same_as_events",
        )
    ],
}


def _timed(f: Callable, stage: str, spent: dict[str, float]) -> Callable:
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    return timed


def measure(docs: list[dict], repeat: int) -> dict[str, float]:
    """Seconds per stage (and `total`) of the fastest of `repeat` runs."""
    spent: dict[str, float] = defaultdict(float)
    for stage, places in STAGES.items():
        for module, name in places:
            setattr(module, name, _timed(getattr(module, name), stage, spent))
    writer.to_jsonl(docs)
    best: dict[str, float] = {}
    for _ in range(repeat):
        spent.clear()
        start = time.process_time()
        records = list(writer.document_records(docs))
        written = time.process_time()
        "".join(orjson.dumps(r).decode() + "\n" for r in records)
        end = time.process_time()
        spent["writing JSON"] = end - written
        spent["total"] = end - start
        if not best or spent["total"] < best["total"]:
            best = dict(spent)
    best["other"] = best["total"] - sum(v for k, v in best.items() if k != "total")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="seed-sized articles")
    parser.add_argument("--repeat", type=int, default=3, help="runs (the fastest is shown)")
    args = parser.parse_args()
    docs = seed_sized_articles(args.articles, DEV if DEV.is_file() else None)
    best = measure(docs, args.repeat)
    total = best.pop("total")
    print(f"{'stage':<26} {'CPU s':>7} {'share':>6}")
    for stage, seconds in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{stage:<26} {seconds:7.3f} {100 * seconds / total:5.1f}%")
    print(f"{'total':<26} {total:7.3f}  ({len(docs) / total:.0f} articles per CPU-second)")


if __name__ == "__main__":
    main()
