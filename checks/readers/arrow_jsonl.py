"""The fast path for facts JSONL: pyarrow's C++ JSON reader with the SPEC §5 schema.

It reads clean files whole, without a Python loop per line. Anything it is not sure of
(a parse error, a value of another type, a blank line, a missing required field, a doc_id
that is not a slug, bytes that are not UTF-8, NaN or Infinity, a key that looks like a typo
of a SPEC key) makes it step aside: `read_jsonl` then reads the file line by line with
the strict reader, which names the line of the problem or keeps the odd value for the rules.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from checks.facts import DOCUMENT_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS, Facts
from checks.notices import Notices
from checks.readers.keys import meant
from checks.readers.records import finish_mentions
from checks.readers.source import display
from checks.schema import DOC_ID_RE

_S, _F, _I = pa.string(), pa.float64(), pa.int64()
MENTION = pa.struct(
    [("id", _S), ("start", _I), ("end", _I), ("text", _S), ("label", _S), ("value", _F),
     ("qualifier", _S), ("low", _F), ("high", _F), ("category", _S), ("unit", _S), ("status", _S),
     ("normalized", _S)]
)  # fmt: skip
RELATION = pa.struct([("from", _S), ("to", _S), ("type", _S)])
SCHEMA = pa.schema(
    [*((c, _S) for c in DOCUMENT_COLUMNS if c != "origin"),
     ("mentions", pa.list_(MENTION)), ("relations", pa.list_(RELATION))]
)  # fmt: skip


class NotFastPath(Exception):
    """The strict reader should read this file."""


def read_fast(path: Path, data: bytes, first_line: int = 1) -> Facts:
    """Parse, then convert: `data` holds whole lines, the first of them `first_line`."""
    table, notices = parse(path, data)
    return convert(table, line_origins(display(path), first_line, table.num_rows), notices)


def parse(path: Path, data: bytes) -> tuple[pa.Table, Notices]:
    """Bytes → an Arrow table in the SPEC §5 shape (one row per document), or NotFastPath."""
    n_lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if not data.startswith(b"{") or data.count(b"\n{") != n_lines - 1:
        # Blank lines, or a line that is not an object: pyarrow's reader crashes the
        # process (SIGSEGV) on a top-level `null` line.
        raise NotFastPath("a line that does not start with '{'")
    try:
        table = pj.read_json(
            pa.BufferReader(data),
            parse_options=pj.ParseOptions(explicit_schema=SCHEMA,
                                          unexpected_field_behavior="infer"),
        )  # fmt: skip
        table.validate(full=True)  # UTF-8 of every string
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise NotFastPath(str(exc)) from None
    if table.num_rows != n_lines:
        raise NotFastPath("row count")
    notices = extra_keys(table, display(path))
    vet(table)
    return table, notices


def line_origins(name: str, first_line: int, rows: int) -> np.ndarray:
    return np.array([f"{name}:{i}" for i in range(first_line, first_line + rows)], dtype=object)


def vet(table: pa.Table) -> None:
    """What any Arrow input must pass before conversion (NotFastPath otherwise)."""
    if _non_finite(table):
        raise NotFastPath("NaN or Infinity")  # not JSON: the strict reader names the line
    doc_id = table.column("doc_id")
    if doc_id.null_count or not pc.all(pc.match_substring_regex(
            doc_id, f"^(?:{DOC_ID_RE.pattern})$")).as_py():  # fmt: skip
        raise NotFastPath("doc_id")


def convert(table: pa.Table, origin: np.ndarray, notices: Notices | None = None) -> Facts:
    """An Arrow table of whole documents (SPEC §5 columns) → the three facts tables.

    `origin` names each row's place in the input (``file:line``). Anything the conversion
    is not sure of raises NotFastPath, so the caller can read those documents strictly.
    """
    # Columns are built in the canonical dtypes (`typed`): object strings with None, float64
    # numbers, int64 offsets; re-typing them would cost as much as the conversion itself.
    columns = {  # one value per document: nothing repeats, so no dictionary
        c: table.column(c).combine_chunks().to_numpy(zero_copy_only=False)
        for c in DOCUMENT_COLUMNS[:-1]
    }
    columns["origin"] = origin
    docs = pd.DataFrame(
        {k: pd.Series(v, dtype=object, copy=not v.flags.writeable) for k, v in columns.items()}
    )
    published = docs["published"].dropna()
    if len(published):
        parsed = pd.to_datetime(published, format="%Y-%m-%d", errors="coerce")
        if parsed.isna().any():
            raise NotFastPath("published")
        docs.loc[published.index, "published"] = parsed.dt.strftime("%Y-%m-%d").to_numpy(
            dtype=object
        )
    mentions = _flatten(table, "mentions", MENTION, docs, origin, ("id", "start", "end", "label"))
    mentions["invalid"] = None
    relations = _flatten(table, "relations", RELATION, docs, origin, ("from", "to", "type"))
    return Facts(
        documents=docs[DOCUMENT_COLUMNS],
        mentions=finish_mentions(mentions[MENTION_COLUMNS], retype=False),
        relations=relations[RELATION_COLUMNS],
        notices=notices if notices is not None else Notices(),
    )


def conform(table: pa.Table) -> pa.Table:
    """Any table with SPEC §5 columns (Parquet, Spark) → exactly `SCHEMA`: missing columns and
    fields become nulls, others are cast.

    Only casts that keep what a JSON reader would have seen are made (`_same_kind`): a
    string offset, an integer doc_id, a boolean or a `mentions` column that is not a list of
    records raise NotFastPath, so the strict reader names the row and the value, as it does
    for the same document in JSONL. ArrowInvalid when a value cannot be cast."""
    n = table.num_rows
    columns = []
    for f in SCHEMA:
        if f.name not in table.column_names:
            columns.append(pa.nulls(n, f.type))
            continue
        column = table.column(f.name)
        _require_kind(column.type, f.type, f.name)
        if pa.types.is_list(f.type):
            columns.append(_conform_list(column.combine_chunks(), f.type))
        else:
            columns.append(column.cast(f.type))
    return pa.Table.from_arrays(columns, schema=SCHEMA)


def _same_kind(source: pa.DataType, target: pa.DataType) -> bool:
    """Whether casting `source` to `target` reads the value as JSON would: widening numbers,
    other string layouts, dates as their ISO text, an all-null column."""
    t = pa.types
    if source == target or t.is_null(source):
        return True
    if t.is_dictionary(source):
        return _same_kind(source.value_type, target)
    if t.is_string(target):
        return t.is_string(source) or t.is_large_string(source) or t.is_date(source)
    if t.is_integer(target):
        return t.is_integer(source)
    if t.is_floating(target):
        return t.is_integer(source) or t.is_floating(source)
    if t.is_list(target):
        return (t.is_list(source) or t.is_large_list(source)) and t.is_struct(source.value_type)
    return False


def _require_kind(source: pa.DataType, target: pa.DataType, name: str) -> None:
    if not _same_kind(source, target):
        raise NotFastPath(f"{name}: {source} is not {target}")


def _conform_list(lists: pa.Array, target: pa.ListType) -> pa.Array:
    if pa.types.is_large_list(lists.type):
        lists = lists.cast(pa.list_(lists.type.value_type))
    values, struct = lists.values, target.value_type
    fields = []
    for f in struct:
        if values.type.get_field_index(f.name) >= 0:
            source = values.field(f.name)
            _require_kind(source.type, f.type, f.name)
            fields.append(source.cast(f.type))
        else:
            fields.append(pa.nulls(len(values), f.type))
    inner = pa.StructArray.from_arrays(fields, fields=list(struct))
    return pa.ListArray.from_arrays(lists.offsets, inner, type=target, mask=lists.is_null())


def _non_finite(table: pa.Table) -> bool:
    """NaN and ±Infinity in the number fields (Arrow tells them from null; pandas would not)."""
    flat = pc.list_flatten(table.column("mentions").combine_chunks())
    for name in ("value", "low", "high"):
        x = flat.field(name)
        if pc.any(pc.or_(pc.is_nan(x), pc.is_inf(x))).as_py():
            return True
    return False


def extra_keys(table: pa.Table, where: str) -> Notices:
    """Keys beyond SPEC §5, found by the reader's schema inference: a typo of a SPEC key
    sends the file to the strict reader (which names the line); the rest are counted."""
    notices = Notices()
    levels = [("document", table.schema, {f.name for f in SCHEMA}, None)]
    for column, struct in (("mentions", MENTION), ("relations", RELATION)):
        inferred = table.schema.field(column).type.value_type
        levels.append((column[:-1], inferred, {f.name for f in struct}, column))
    for level, fields, known, column in levels:
        for f in fields:
            if f.name in known or f.name == "doc_id":
                continue
            if meant(level, f.name) is not None:
                raise NotFastPath(f"typo {f.name}")
            if column is None:
                count = table.num_rows - table.column(f.name).null_count
            else:
                items = pc.list_flatten(table.column(column).combine_chunks())
                count = len(items) - items.field(f.name).null_count
            notices.add(f"unknown {level} key {f.name!r} ignored", count, where)
    return notices


def _flatten(
    table: pa.Table,
    column: str,
    struct: pa.StructType,
    docs: pd.DataFrame,
    origin: np.ndarray,
    required: tuple[str, ...],
) -> pd.DataFrame:
    lists = table.column(column).combine_chunks()
    parent = pc.list_parent_indices(lists).to_numpy()
    flat = pc.list_flatten(lists)
    for name in required:  # Arrow counts its nulls already; pandas would scan for them
        if flat.field(name).null_count:
            raise NotFastPath(f"{column[:-1]} {name}")
    columns = {"doc_id": docs["doc_id"].to_numpy(dtype=object)[parent]}
    known = {f.name for f in struct}
    for field, values in zip(flat.type, flat.flatten(), strict=True):
        if field.name in known:
            columns[field.name] = _to_numpy(values)
    columns["origin"] = origin[parent]
    return pd.DataFrame(
        {k: pd.Series(v, dtype=v.dtype, copy=not v.flags.writeable) for k, v in columns.items()}
    )


def _to_numpy(values: pa.Array) -> np.ndarray:
    """Strings through a dictionary: labels, ids and figures repeat, so each distinct string
    becomes one Python object, shared by every row that holds it."""
    if not pa.types.is_string(values.type):
        return values.to_numpy(zero_copy_only=False)
    encoded = pc.dictionary_encode(values)
    words = np.array([*encoded.dictionary.to_pylist(), None], dtype=object)
    idx = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy()
    return words[idx]
