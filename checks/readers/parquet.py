"""Facts in Parquet: one row per document with nested `mentions` and `relations` (SPEC §5).

Archives live in Parquet (about 12× smaller than the JSONL). Row groups are the unit of
reading, so a chunked run holds a few row groups at a time. Rows go through the same
Arrow conversion as the fast JSONL path; a row group it is not sure of is read row by row
by the strict JSONL reader, so a fault names `file:row` exactly as a JSONL fault names
`file:line`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from checks.facts import Facts, InputError
from checks.readers.arrow_jsonl import (
    SCHEMA,
    NotFastPath,
    conform,
    convert,
    extra_keys,
    line_origins,
    vet,
)
from checks.readers.jsonl import read_strict
from checks.readers.source import display


def open_parquet(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(display(path), f"not a readable Parquet file ({exc})") from None


def row_group_runs(path: Path, chunk_docs: int) -> Iterator[tuple[list[int], int, int]]:
    """Runs of whole row groups of about `chunk_docs` rows: (row groups, first row counted
    from 1, compressed bytes)."""
    meta = open_parquet(path).metadata
    run: list[int] = []
    rows, first, size = 0, 1, 0
    for i in range(meta.num_row_groups):
        run.append(i)
        rows += meta.row_group(i).num_rows
        size += meta.row_group(i).total_byte_size
        if rows >= chunk_docs:
            yield run, first, size
            first += rows
            run, rows, size = [], 0, 0
    if run:
        yield run, first, size


def read_row_groups(path: Path, groups: list[int], first_row: int) -> Facts:
    try:
        table = open_parquet(path).read_row_groups(groups)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(display(path), f"not a readable Parquet file ({exc})") from None
    return read_table(path, table, first_row)


def read_parquet(path: Path) -> Facts:
    """The whole file (the non-chunked readers' entry)."""
    from checks.facts import concat_facts

    return concat_facts(
        [read_row_groups(path, g, first) for g, first, _ in row_group_runs(path, 1 << 62)]
    )


def read_table(path: Path, table: pa.Table, first_row: int) -> Facts:
    """Rows of whole documents; row `first_row` is the table's first."""
    name = display(path)
    if "doc_id" not in table.column_names:
        raise InputError(name, "no doc_id column: not a facts table (SPEC §5)")
    try:
        conformed = conform(table)
    except (NotFastPath, pa.ArrowInvalid, pa.ArrowNotImplementedError):
        conformed = None  # a value of another type: the strict reader names it
    if conformed is not None:
        bad = _first_non_finite(conformed)
        if bad is not None:
            raise InputError(f"{name}:{first_row + bad}", "NaN or Infinity in value, low or high")
        try:
            notices = extra_keys(_with_lists(table), name)
            vet(conformed)
            return convert(conformed, line_origins(name, first_row, table.num_rows), notices)
        except NotFastPath:
            pass
    # Row by row with the strict reader: it names the row and keeps odd values.
    lines = b"\n".join(orjson.dumps(r, default=str) for r in table.to_pylist())
    return read_strict(path, lines + b"\n", first_row)


def _with_lists(table: pa.Table) -> pa.Table:
    """extra_keys reads the item fields of `mentions`/`relations`: add absent ones empty."""
    for column in ("mentions", "relations"):
        if column not in table.column_names:
            table = table.append_column(column, pa.nulls(table.num_rows, SCHEMA.field(column).type))
    return table


def _first_non_finite(table: pa.Table) -> int | None:
    lists = table.column("mentions").combine_chunks()
    parent = pc.list_parent_indices(lists)
    flat = pc.list_flatten(lists)
    for name in ("value", "low", "high"):
        x = flat.field(name)
        bad = pc.fill_null(pc.or_(pc.is_nan(x), pc.is_inf(x)), False)
        if pc.any(bad).as_py():
            return int(pc.min(pc.filter(parent, bad)).as_py())
    return None
