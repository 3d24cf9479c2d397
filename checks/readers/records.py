"""Turn raw mention and relation records (dicts from any reader) into typed tables.

Both readers hand their records here, so JSONL and Label Studio input are validated by the
same vectorized code: structural faults raise `InputError` (exit 2) naming the origin;
attribute faults are kept in `invalid` for the `span.label` rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.facts import (
    MENTION_COLUMNS,
    NUMBER_COLUMNS,
    RELATION_COLUMNS,
    STRING_COLUMNS,
    InputError,
    typed,
)

_NUMBER_TYPES = (int, float, np.integer, np.floating)
OFFSET_LIMIT = 2**62  # far beyond any text; keeps int64 arithmetic exact


def _classify(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "missing"
    if isinstance(v, bool):
        return "other"
    if isinstance(v, (int, np.integer)):
        return "int"
    if isinstance(v, _NUMBER_TYPES):
        return "number"
    return "other"


def _kind(values: pd.Series) -> pd.Series:
    """'missing', 'int', 'number' or 'other' for each raw value (bool is not a number)."""
    return values.map(_classify)


def _fail(frame: pd.DataFrame, bad: pd.Series, what: str) -> None:
    if bad.any():
        row = frame[bad].iloc[0]
        raise InputError(str(row["origin"]), f"mention {row['id']!r}: {what}")


def _first(frame: pd.DataFrame, bad: pd.Series, col: str, template: str) -> None:
    """Raise for the first bad row, quoting its value."""
    if bad.any():
        row = frame[bad].iloc[0]
        value = row[col].item() if isinstance(row[col], np.generic) else row[col]
        what = template.format(col=col, value=value)
        raise InputError(str(row["origin"]), f"mention {row['id']!r}: {what}")


def mentions_frame(records: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame.from_records(records, columns=MENTION_COLUMNS)
    if raw.empty:
        return typed(raw)
    missing_id = raw["id"].isna()
    _fail(raw, missing_id, "has no id")
    bad_id = ~raw["id"].map(lambda v: isinstance(v, (str, int)) and not isinstance(v, bool))
    _first(raw, bad_id, "id", "{col} must be text or an integer, got {value!r:.40}")
    raw["id"] = raw["id"].map(lambda v: v if isinstance(v, str) else str(v))
    for col in ("start", "end"):
        kinds = _kind(raw[col])
        _fail(raw, kinds == "missing", f"has no {col} offset")
        numeric = kinds.isin(["int", "number"])
        size = raw[col].where(numeric, 0).map(abs)
        _first(raw, numeric & (size >= OFFSET_LIMIT), col, "{col} offset {value:g} is out of range")
        _first(raw, kinds != "int", col, "{col} offset {value!r:.40} is not an integer")
    _fail(raw, raw["label"].isna(), "has no label")
    _first(raw, ~raw["label"].map(lambda v: isinstance(v, str)), "label",
           "{col} must be text, got {value!r:.40}")  # fmt: skip
    problems = pd.Series("", index=raw.index, dtype=object)
    for col in NUMBER_COLUMNS:
        kinds = _kind(raw[col])
        other = kinds == "other"
        problems = _add(problems, other, raw[col], f"{col} is not a number: {{!r}}")
        raw[col] = pd.to_numeric(raw[col].where(kinds.isin(["int", "number"])), errors="coerce")
    for col in STRING_COLUMNS:
        present = raw[col].notna()
        not_text = present & ~raw[col].map(lambda v: isinstance(v, str))
        problems = _add(problems, not_text, raw[col], f"{col} is not text: {{!r}}")
        raw[col] = raw[col].where(~not_text, None)
    text_ok = raw["text"].isna() | raw["text"].map(lambda v: isinstance(v, str))
    _fail(raw, ~text_ok, "text is not a string")
    return finish_mentions(raw, problems)


def finish_mentions(
    raw: pd.DataFrame, problems: pd.Series | None = None, retype: bool = True
) -> pd.DataFrame:
    """Checks both readers share once the columns have their types: duplicate ids (exit 2)
    and negative numbers (kept, as a `span.label` problem). The Arrow reader builds its
    columns in the canonical dtypes already and passes `retype=False`."""
    dup = raw.duplicated(["doc_id", "id"], keep="first")
    if dup.any():
        row = raw[dup].iloc[0]
        raise InputError(
            str(row["origin"]), f"duplicate mention id {row['id']!r} in document {row['doc_id']!r}"
        )
    if problems is None:
        problems = pd.Series("", index=raw.index, dtype=object)
    for col in NUMBER_COLUMNS:
        negative = raw[col] < 0
        problems = _add(problems, negative, raw[col], f"{col} is negative: {{!r}}")
        raw[col] = raw[col].where(~negative)
    said = problems != ""
    raw["invalid"] = None
    if said.any():
        raw.loc[said, "invalid"] = problems[said].str.strip("; ")
    return typed(raw) if retype else raw


def _add(problems: pd.Series, mask: pd.Series, values: pd.Series, template: str) -> pd.Series:
    if not mask.any():
        return problems
    msgs = values[mask].map(template.format)
    return problems.where(~mask, problems + "; " + msgs.reindex(problems.index).fillna(""))


def relations_frame(records: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame.from_records(records, columns=RELATION_COLUMNS)
    if raw.empty:
        return typed(raw)
    for col in ("from", "to", "type"):
        bad = raw[col].isna()
        if bad.any():
            row = raw[bad].iloc[0]
            raise InputError(str(row["origin"]), f"relation has no {col!r}")
    for col in ("from", "to", "type"):
        not_text = ~raw[col].map(lambda v: isinstance(v, (str, int)) and not isinstance(v, bool))
        if not_text.any():
            row = raw[not_text].iloc[0]
            raise InputError(
                str(row["origin"]), f"relation {col!r} must be text, got {row[col]!r:.40}"
            )
        raw[col] = raw[col].map(lambda v: v if isinstance(v, str) else str(v))
    return typed(raw)
