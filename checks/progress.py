"""Progress on stderr for long `tally check` and `tally score` runs: documents done, rate,
time left.

Shown only when stderr is a terminal (never in CI logs or pipes) and not `--quiet`, and only
once a run has taken a second, so short runs print nothing. Time left is estimated from the
input bytes consumed, since the document count is known only at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

DELAY = 1.0  # seconds before the bar appears


class Meter:
    def __init__(self, total_bytes: int, progress: Progress | None, name: str = "check") -> None:
        self.name = name
        self.total = max(total_bytes, 1)
        self.progress = progress
        self.task = None
        self.docs = 0
        self.started = time.perf_counter()

    def __call__(self, docs: int, size: int) -> None:
        self.docs += docs
        if self.progress is None:
            return
        elapsed = time.perf_counter() - self.started
        if self.task is None:
            if elapsed < DELAY:
                return
            self.progress.start()
            self.task = self.progress.add_task(self.name, total=self.total, docs=0, rate=0.0)
        self.progress.update(
            self.task, advance=size, docs=self.docs, rate=self.docs / max(elapsed, 1e-9)
        )


@contextmanager
def meter(total_bytes: int, quiet: bool, command: str = "check") -> Iterator[Meter]:
    """A callback for `check_paths` and `score_paths`; a no-op when quiet or when stderr is
    not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield Meter(total_bytes, None, command)
        return
    progress = Progress(
        TextColumn(f"tally {command}: {{task.fields[docs]:,}} documents"),
        TextColumn("{task.fields[rate]:,.0f}/s"),
        BarColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=True,
    )
    m = Meter(total_bytes, progress, command)
    try:
        yield m
    finally:
        if m.task is not None:
            progress.stop()
