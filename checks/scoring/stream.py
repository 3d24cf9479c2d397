"""`tally score` over document-aligned pieces of the predictions, here or in worker processes.

Matching, values, relations and the rules on the predictions all look inside one document,
so the predictions are cut like `tally check` cuts its input (JSONL line batches, Parquet row
groups, Label Studio tasks) and each piece is scored against just the gold documents it
names (`GoldIndex`). The driver adds the parts up with the same `assemble` a one-pass score
uses, so the report is identical whatever the chunk size or the number of processes. The gold
is read once per process: forked workers inherit the driver's, spawned ones read it once.
Gold documents no piece predicted are scored at the end, as missed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from checks.facts import Facts, InputError
from checks.notices import Notices
from checks.readers.source import display, is_stream
from checks.scoring.gold_index import GoldIndex
from checks.scoring.score import Part, ScoreOptions, assemble, score_part
from checks.stream import Piece, pieces, read_piece

_INDEX: dict[tuple, GoldIndex] = {}


def gold_index(path: Path) -> GoldIndex:
    """The gold of `path`, read and indexed once per process (a reused Spark worker keeps
    it between runs), read again when the file changed."""
    key = (str(path), *_stamp(path))
    if key not in _INDEX:
        _INDEX.clear()  # one gold at a time: an earlier one is not kept alive
        from checks.readers.load import load

        _INDEX[key] = GoldIndex(load([path], "score"))
    return _INDEX[key]


def _stamp(path: Path) -> tuple[int, ...]:
    """When and how large each file of the gold last was: its version."""
    try:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        return tuple(x for f in files for x in (f.stat().st_mtime_ns, f.stat().st_size))
    except OSError:  # a stream, or gone: load names the problem
        return ()


@dataclass
class PieceScore:
    part: Part
    size: int  # input bytes the piece stood for (progress)


def score_piece(piece: Piece, gold: Path, options: ScoreOptions) -> PieceScore:
    """Read one piece of predictions and score it: the unit of work of every process."""
    return PieceScore(score_part(gold_index(gold), read_piece(piece), options), piece.size)


@dataclass
class StreamedScore:
    report: dict
    gold: Facts
    notices: Notices  # the predictions' (the gold's travel with `gold`)


def score_paths(
    gold: Path,
    pred: Path,
    options: ScoreOptions = ScoreOptions(),
    chunk_docs: int = 25_000,
    jobs: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
) -> StreamedScore:
    index = gold_index(gold)  # before any worker starts: a forked one inherits it
    if is_stream(gold):
        jobs = 1  # a pipe is read once; a spawned worker could not read it again
    notices = Notices()
    work: Iterator[Piece] = pieces([pred], chunk_docs, notices)
    task = partial(score_piece, gold=gold, options=options)
    if jobs > 1:
        from checks.parallel import run_parallel

        results: Iterator[PieceScore] = run_parallel(work, task, jobs)
    else:
        results = map(task, work)
    seen = np.zeros(len(index), dtype=bool)
    parts: list[Part] = []
    for r in results:
        part = r.part
        if seen[part.gold_docs].any():
            from checks.readers.load import load

            load([pred])  # raises the one duplicate-document error, naming every place
            raise InputError(display(pred), "a document appears more than once")
        seen[part.gold_docs] = True
        parts.append(part)
        notices.merge(part.notices)
        if on_progress is not None:
            on_progress(part.pred_docs, r.size)
    if not sum(p.pred_docs for p in parts):
        raise InputError.nothing_in(display(pred), "score")
    missed = np.flatnonzero(~seen)
    for i in range(0, len(missed), chunk_docs):
        parts.append(score_part(index, Facts(), options, extra_gold=missed[i : i + chunk_docs]))
    return StreamedScore(assemble(index, parts), index.facts, notices)
