"""The one output writer: a report goes to stdout or to `--out`, whole or not at all.

A regular file is replaced atomically: the report is written to a temp file with a unique
name in the target's folder, flushed, fsync-ed, then renamed onto the target, so a reader
never sees half a report and concurrent writers never share a temp file. A symlink is
followed (the link stays, its target is replaced); a special file (/dev/null, a FIFO, a
terminal) is opened and written, never replaced by a regular file. A target that cannot be
written is an `OutputError` naming the option and the path; the CLI exits 2.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

Chunks = str | bytes | Iterable[str | bytes]


class OutputError(Exception):
    """The report cannot be written where asked; the CLI turns it into exit code 2."""

    def __init__(self, option: str, path: Path | str, message: str) -> None:
        super().__init__(f"{option} {path}: {message}")
        self.option, self.path, self.message = option, str(path), message


def check_target(out: Path | None, option: str = "--out") -> None:
    """Fail before any work when the report could not be written at the end."""
    if out is not None:
        _resolve(out, option)


def write_report(report: Chunks, out: Path | None, option: str = "--out") -> None:
    """Write `report` (text, bytes, or an iterable of pieces, written as they come) to
    stdout when `out` is None, else to `out` as described in the module docstring."""
    if out is None:
        _to_stdout(report)
        return
    target, existing = _resolve(out, option)
    try:
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            with open(target, "wb") as f:  # a device or FIFO: write through
                _write_all(f, report)
            return
        _replace(target, existing, report)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(option, out, exc.strerror or str(exc)) from None


def _resolve(out: Path, option: str) -> tuple[Path, os.stat_result | None]:
    """The path to write (symlinks followed) and its current status, or an OutputError."""
    try:
        st = os.stat(out)  # follows links: /dev/stdout and /dev/fd/N (`>(cmd)`) lead to pipes
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        if not os.access(out, os.W_OK):
            raise OutputError(option, out, "permission denied")
        return Path(out), st  # a device, FIFO or socket: written through as named
    target = Path(os.path.realpath(out))
    folder = target.parent
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        blocker = next(p for p in target.parents if p.exists())
        raise OutputError(option, out, f"not a folder: {blocker}") from None
    except OSError as exc:
        raise OutputError(option, out, exc.strerror or str(exc)) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(option, out, "is a folder; give a file name")
    if st is None:
        if not folder.exists():
            raise OutputError(option, out, f"folder does not exist: {folder}")
        if not folder.is_dir():
            raise OutputError(option, out, f"not a folder: {folder}")
    if st is None or stat.S_ISREG(st.st_mode):
        # A new file or a replacement is created in the folder.
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(option, out, f"permission denied: cannot create files in {folder}")
    elif not os.access(target, os.W_OK):
        raise OutputError(option, out, "permission denied")
    return target, st


def _replace(target: Path, existing: os.stat_result | None, report: Chunks) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tally-tmp", dir=target.parent)
    try:
        with _terminate_cleanly(), os.fdopen(fd, "wb") as f:
            _write_all(f, report)
            f.flush()
            # mkstemp makes the file 0600; a report gets the mode a new file would get, or
            # keeps the one of the file it replaces.
            os.fchmod(f.fileno(), stat.S_IMODE(existing.st_mode) if existing else _new_mode())
            os.fsync(f.fileno())
            os.replace(tmp, target)
            tmp = None
        _fsync_folder(target.parent)
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _new_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM while writing raises SystemExit, so `finally` removes the temp file. (SIGKILL
    cannot be caught: then a uniquely named `.NAME.*.tally-tmp` stays, the target is intact.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _pieces(report: Chunks) -> Iterator[bytes]:
    if isinstance(report, (str, bytes)):
        report = (report,)
    for piece in report:
        # A lone surrogate cannot be UTF-8: shown as \udxxx rather than failing the write.
        yield piece.encode("utf-8", "backslashreplace") if isinstance(piece, str) else piece


def joined(report: Chunks) -> str:
    """The whole report as text, as the writer would write it (for tests and summaries)."""
    return b"".join(_pieces(report)).decode("utf-8")


def _write_all(f, report: Chunks) -> None:
    for piece in _pieces(report):
        f.write(piece)


def _to_stdout(report: Chunks) -> None:
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        for piece in _pieces(report):
            if buffer is not None:
                buffer.write(piece)
            else:
                sys.stdout.write(piece.decode("utf-8"))
        if buffer is not None:
            buffer.flush()
    except BrokenPipeError:
        # The reader stopped reading (`tally check | head`): how much it took is its choice,
        # and the run's verdict (the exit code) stands. What is still buffered goes nowhere.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
