"""`tally check` over document-aligned chunks: memory bounded by the chunk, not the corpus.

Every rule looks inside one document only, so the corpus is cut into pieces of whole
documents (JSONL by line batches, Parquet by row groups, Label Studio exports by tasks),
each piece is read and checked on its own — here or in a worker process — and the driver
adds the per-piece results up: documents in input order, violations in the SPEC §4a order,
per-document outcomes, notices. What spans documents is checked by the driver: a doc_id
may appear once in the whole input, and every path must hold a document.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from checks.engine import CheckResult, outcome_table, run_checks, sort_violations
from checks.facts import Facts, InputError, check_unique_documents
from checks.intervals import DEFAULT_TOLERANCE
from checks.notices import Notices
from checks.options import DEFAULT_CHUNK
from checks.readers.source import display, is_stdin, is_stream, read_bytes
from checks.rules.registry import VIOLATION_COLUMNS

# Input bytes from which --jobs defaults to the core count. Measured end to end on 2 cores:
# 2 processes were slower at 63 MB, even at 92 MB and 0.5 s faster at 115 MB (a worker
# takes half a second to start; the driver checks pieces meanwhile).
PARALLEL_FROM = 100 * 2**20
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Piece:
    """Whole documents of one input file; read in the process that checks them."""

    arg: int  # which path argument it came from
    path: Path
    kind: str  # "jsonl", "parquet" or "labelstudio"
    first: int = 1  # first line (JSONL) or row (Parquet), 1-based
    data: bytes = b""  # JSONL: the lines (empty when only `at` says where they are)
    at: tuple[int, int] | None = None  # JSONL file: (byte offset, length) of the lines
    groups: tuple[int, ...] = ()  # Parquet: the row groups
    tasks: tuple = ()  # Label Studio: the tasks
    size: int = 0  # input bytes it stands for (progress)


@dataclass(frozen=True)
class Options:
    about_tolerance: Fraction = DEFAULT_TOLERANCE
    gold: Path | None = None  # where documents without text borrow it from
    only: tuple[str, ...] | None = None
    # Per-document outcomes (13 rows a document) feed the text, JUnit and markdown reports;
    # the JSON report does not show them, so a JSON run need not hold them.
    outcomes: bool = True


@dataclass
class PieceResult:
    arg: int
    doc_ids: list[str]
    violations: pd.DataFrame
    doc_pos: np.ndarray  # outcomes: document position within the piece
    rule_code: np.ndarray  # outcomes: index into RULES
    checked: np.ndarray
    failed: np.ndarray
    notices: Notices = field(default_factory=Notices)
    size: int = 0  # input bytes the piece stood for (progress)


# ---------------------------------------------------------------- cutting the input
def pieces(paths: list[Path], chunk_docs: int, notices: Notices) -> Iterator[Piece]:
    from checks.readers.load import input_files

    for arg, p in enumerate(paths):
        for f in input_files(p, notices):
            yield from file_pieces(arg, f, chunk_docs)


def file_pieces(arg: int, path: Path, chunk_docs: int) -> Iterator[Piece]:
    if path.suffix == ".parquet":
        from checks.readers.parquet import row_group_runs

        for groups, first, size in row_group_runs(path, chunk_docs):
            yield Piece(arg, path, "parquet", first, groups=tuple(groups), size=size)
        return
    if path.suffix != ".jsonl" and _starts_with(path, b"["):
        from checks.readers.jsonfile import read_json

        data = read_bytes(path)
        tasks = read_json(path, data)
        if not isinstance(tasks, list) or not all(isinstance(t, dict) and "id" in t for t in tasks):
            # The reader names the fault, or the tasks without ids by position: one piece.
            yield Piece(arg, path, "labelstudio", tasks=(tasks,), size=len(data))
            return
        size = len(data) * chunk_docs // max(len(tasks), 1)
        for i in range(0, max(len(tasks), 1), chunk_docs):
            part = tasks[i : i + chunk_docs]
            yield Piece(arg, path, "labelstudio", i + 1, tasks=(part,), size=size)
        return
    yield from _jsonl_pieces(arg, path, chunk_docs)


def _starts_with(path: Path, prefix: bytes) -> bool:
    if is_stream(path):
        return read_bytes(path).lstrip()[:1] == prefix
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        read_bytes(path)  # raises the reader's own InputError
        raise
    return head.removeprefix(_BOM).lstrip()[:1] == prefix


def _jsonl_pieces(arg: int, path: Path, chunk_docs: int) -> Iterator[Piece]:
    if is_stream(path):
        yield from _batches(arg, path, io.BytesIO(read_bytes(path)), chunk_docs)
        return
    try:
        f = path.open("rb")
    except OSError:
        read_bytes(path)  # raises the reader's own InputError
        raise
    with f:
        yield from _batches(arg, path, f, chunk_docs)


def _batches(arg: int, path: Path, f: BinaryIO, chunk_docs: int) -> Iterator[Piece]:
    """Pieces of `chunk_docs` whole lines, cut from large blocks at newlines found by numpy
    (no Python object per line)."""
    # Only a regular file can be read again by range (not stdin, a pipe or `<(cmd)`).
    again = not is_stream(path)
    first, offset = 1, 0
    for data, n_lines in _line_runs(f, chunk_docs):
        at = (offset, len(data)) if again else None
        offset += len(data)
        if first == 1:
            data = data.removeprefix(_BOM)
        yield Piece(arg, path, "jsonl", first, data=data, at=at, size=len(data))
        first += n_lines


def without_data(piece: Piece) -> Piece:
    """The piece as a worker process gets it: where its lines are in the file rather than
    the lines themselves, so they are read there instead of pickled through a pipe."""
    return piece if piece.at is None else replace(piece, data=b"")


def _lines(piece: Piece) -> bytes:
    if piece.data or piece.at is None:
        return piece.data
    offset, length = piece.at
    try:
        with piece.path.open("rb") as f:
            f.seek(offset)
            data = f.read(length)
    except OSError as exc:
        raise InputError(display(piece.path), f"cannot read: {exc.strerror}") from None
    if len(data) != length:
        raise InputError(display(piece.path), "the file changed while it was being checked")
    return data.removeprefix(_BOM) if offset == 0 else data


def _line_runs(f: BinaryIO, n: int) -> Iterator[tuple[bytes, int]]:
    """(bytes, line count) of every run of `n` lines, the last run possibly shorter."""
    held: list[bytes] = []  # the current run so far: whole lines, then maybe a partial one
    have = 0  # whole lines in `held`
    while block := f.read(_BLOCK):
        ends = (np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10) + 1).tolist()
        pos, i = 0, 0
        while have + len(ends) - i >= n:
            i += n - have
            cut = ends[i - 1]
            yield b"".join([*held, block[pos:cut]]), n
            held, have, pos = [], 0, cut
        held.append(block[pos:])
        have += len(ends) - i
    tail = b"".join(held)
    if tail:
        yield tail, have + (not tail.endswith(b"\n"))


_BLOCK = 1 << 24  # bytes read at a time


def read_piece(piece: Piece) -> Facts:
    facts = _read_piece(piece)
    check_unique_documents(facts.documents)
    return facts


def _read_piece(piece: Piece) -> Facts:
    if piece.kind == "parquet":
        from checks.readers.parquet import read_row_groups

        return read_row_groups(piece.path, list(piece.groups), piece.first)
    if piece.kind == "labelstudio":
        from checks.readers.labelstudio import read_labelstudio

        return read_labelstudio(piece.path, piece.tasks[0])
    from checks.readers.arrow_jsonl import NotFastPath, read_fast
    from checks.readers.jsonl import read_strict

    data = _lines(piece)
    try:
        return read_fast(piece.path, data, piece.first)
    except NotFastPath:
        return read_strict(piece.path, data, piece.first)


# ---------------------------------------------------------------- one piece
_GOLD: dict[Path, Facts] = {}


def _gold(path: Path) -> Facts:
    """The gold, loaded once per process and only when a document lacks text."""
    if path not in _GOLD:
        from checks.readers.load import load

        _GOLD[path] = load([path])
    return _GOLD[path]


def prepare(facts: Facts, options: Options) -> Facts:
    """What `tally check` does to read facts before the rules: borrow text, say what lacks it."""
    from checks.readers.load import borrow_from_gold, note_missing_text

    if facts.documents["text"].isna().any():
        if options.gold is not None:
            facts = borrow_from_gold(facts, _gold(options.gold), str(options.gold))
        note_missing_text(facts)
    return facts


def check_piece(piece: Piece, options: Options) -> PieceResult:
    """Read and check one piece: the unit of work of every engine (here, pool, Spark)."""
    facts = prepare(read_piece(piece), options)
    result = result_of(piece.arg, facts, options)
    result.size = piece.size
    return result


def result_of(arg: int, facts: Facts, options: Options) -> PieceResult:
    result = run_checks(facts, options.about_tolerance, options.only)
    o = result.outcomes if options.outcomes else result.outcomes.head(0)
    doc_pos = o["doc_id"].cat.codes.to_numpy()  # positions in result.documents
    rule_code = o["rule"].cat.codes.to_numpy()  # indices into RULES
    return PieceResult(
        arg,
        result.documents,
        result.violations,
        doc_pos.astype(np.int32),
        rule_code.astype(np.int8),
        o["checked"].to_numpy(np.int32),
        o["failed"].to_numpy(np.int32),
        facts.notices,
    )


# ---------------------------------------------------------------- the driver
def input_size(paths: list[Path]) -> int:
    try:
        return sum(
            f.stat().st_size
            for p in paths
            if not is_stdin(p) and p.exists()
            for f in ([p] if p.is_file() else p.rglob("*"))
            if f.is_file()
        )
    except OSError:
        return 0


def default_jobs(paths: list[Path]) -> int:
    """All cores for a big input (a worker takes half a second to start), else one process."""
    return (os.cpu_count() or 1) if input_size(paths) >= PARALLEL_FROM else 1


def check_paths(
    paths: list[Path],
    options: Options = Options(),
    chunk_docs: int = DEFAULT_CHUNK,
    jobs: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """All documents under `paths`, checked chunk by chunk, as one result."""
    notices = Notices()
    work = pieces(paths, chunk_docs, notices)
    if jobs > 1:
        from checks.parallel import run_parallel

        results = run_parallel(work, partial(check_piece, options=options), jobs)
    else:
        results = (check_piece(p, options) for p in work)
    total = Totals(len(paths))
    for r in results:
        total.add(r)
        if on_progress is not None:
            on_progress(len(r.doc_ids), r.size)
    if total.duplicated:
        from checks.readers.load import load

        load(paths)  # raises the one duplicate-document error, naming every place
        raise InputError(display(paths[0]), "a document appears more than once")
    for arg, n in enumerate(total.per_arg):
        if n == 0:
            raise InputError.nothing_in(display(paths[arg]))
    return total.result(notices)


class Totals:
    """Per-piece results added up; documents seen so far, for the one cross-document rule."""

    def __init__(self, n_args: int) -> None:
        self.per_arg = [0] * n_args
        self.documents: list[str] = []
        self.seen: set[str] = set()
        self.duplicated = False
        self.violations: list[pd.DataFrame] = []
        self.outcomes: list[tuple[np.ndarray, ...]] = []
        self.notices = Notices()

    def add(self, r: PieceResult) -> None:
        before = len(self.seen)
        self.seen.update(r.doc_ids)
        if len(self.seen) != before + len(r.doc_ids):
            self.duplicated = True
        self.per_arg[r.arg] += len(r.doc_ids)
        offset = len(self.documents)
        self.documents.extend(r.doc_ids)
        if len(r.violations):
            self.violations.append(r.violations)
        self.outcomes.append((r.doc_pos + offset, r.rule_code, r.checked, r.failed))
        self.notices.merge(r.notices)

    def result(self, notices: Notices) -> CheckResult:
        self.notices.merge(notices)
        v = (
            pd.concat(self.violations, ignore_index=True)
            if self.violations
            else pd.DataFrame({c: pd.Series(dtype=object) for c in VIOLATION_COLUMNS})
        )
        return CheckResult(
            self.documents,
            sort_violations(v[VIOLATION_COLUMNS]),
            self._outcomes(),
            self.notices.as_list(),
        )

    def _outcomes(self) -> pd.DataFrame:
        parts = list(zip(*self.outcomes, strict=True)) or [[], [], [], []]
        doc, rule, checked, failed = (
            np.concatenate(p) if len(p) else np.zeros(0, np.int64) for p in parts
        )
        return outcome_table(self.documents, doc, rule, checked, failed)


def write_violations(violations: pd.DataFrame, path: Path) -> None:
    """The violations as a table: Parquet for `.parquet`, else JSONL (one per line)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(violations[VIOLATION_COLUMNS], preserve_index=False)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, tmp)
    else:
        import orjson

        with tmp.open("wb") as f:
            for row in table.to_pylist():
                f.write(orjson.dumps(row) + b"\n")
    tmp.replace(path)
