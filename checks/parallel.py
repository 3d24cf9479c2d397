"""`--jobs N`: pieces checked in worker processes, results taken back in input order.

Workers are started with `spawn` (no fork of a process holding threads or large frames), so
each imports tally once and then checks piece after piece. At most two pieces per worker
are in flight, so memory stays bounded by the chunk size. An `InputError` raised in a
worker pickles with its location (see `InputError.__reduce__`) and ends the run with exit 2;
a worker that dies ends it with an error too, never a hang.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from checks.stream import Options, Piece, PieceResult, check_piece


def _start_worker() -> None:
    from checks.runtime import keep_freed_memory

    keep_freed_memory()


def run_parallel(work: Iterator[Piece], options: Options, jobs: int) -> Iterator[PieceResult]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker) as pool:
        pending: deque[Future[PieceResult]] = deque()
        try:
            for piece in work:
                pending.append(pool.submit(check_piece, piece, options))
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()
