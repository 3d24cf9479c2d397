"""`--jobs N`: pieces checked (or scored) by the driver and N − 1 worker processes,
results taken back in input order.

Workers are forked when the driver runs no other thread, so they start with tally imported;
otherwise (a progress bar, an embedding program) they are spawned, since a fork could copy a
lock another thread holds, and each imports tally once (about half a second). The driver is
the Nth worker: while the pool's queue is full it checks the next piece itself, which also
covers the workers' start-up. At most two pieces per worker are queued and results wait in
a bounded line, so memory stays bounded by the chunk size. An `InputError` raised in a
worker pickles with its location (see `InputError.__reduce__`) and ends the run with exit 2;
a worker that dies ends it with an error too, never a hang.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from checks.runtime import tune_memory
from checks.stream import Piece, without_data

R = TypeVar("R")


def _start_method() -> str:
    """`fork` when this process runs no other thread: the worker then starts with tally
    already imported (half a second sooner). With other threads (a progress bar, an
    embedding program) a fork could copy a lock held mid-operation, so `spawn`."""
    return "fork" if threading.active_count() == 1 else "spawn"


def run_parallel(work: Iterator[Piece], task: Callable[[Piece], R], jobs: int) -> Iterator[R]:
    """`task` of every piece, in input order; `task` must pickle (a module-level function or
    a partial of one), since the workers run it too."""
    helpers = jobs - 1
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(helpers, mp_context=context, initializer=tune_memory) as pool:
        line: deque[Future[R] | R] = deque()  # in input order
        try:
            for piece, last in _marking_last(work):
                queued = sum(isinstance(p, Future) and not p.done() for p in line)
                # The last piece stays here when the pool is busy: the workers finish what
                # they hold while the driver checks it, instead of the driver waiting idle.
                if queued < 2 * helpers and not (last and queued):
                    line.append(pool.submit(task, without_data(piece)))
                else:
                    line.append(task(piece))  # the driver works too
                while line and (len(line) > 4 * jobs or _ready(line[0])):
                    yield _result(line.popleft())
            while line:
                yield _result(line.popleft())
        finally:
            for p in line:
                if isinstance(p, Future):
                    p.cancel()


def _marking_last(work: Iterator[Piece]) -> Iterator[tuple[Piece, bool]]:
    """Each piece with whether it is the last (one piece read ahead)."""
    ahead = next(work, None)
    while ahead is not None:
        piece, ahead = ahead, next(work, None)
        yield piece, ahead is None


def _ready(p: Future | object) -> bool:
    return not isinstance(p, Future) or p.done()


def _result(p: Future[R] | R) -> R:
    return p.result() if isinstance(p, Future) else p
