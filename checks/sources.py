"""What the library API accepts as a source, told apart once.

A source is a path, a list of paths, `Facts`, a pandas DataFrame of documents in the SPEC §5
shape (one row per document, list columns `mentions` and `relations`) or a Spark DataFrame
of the same shape. Paths go to the readers (so every CLI input works); a pandas DataFrame
goes through the Parquet table reader (same vectorized conversion, same strict fallback
naming the row); Spark is recognized without importing pyspark.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from checks.facts import Facts, InputError, check_unique_documents

PathLike = str | os.PathLike
# Any: a Spark DataFrame, recognized by `is_spark` without importing pyspark.
Source = PathLike | Sequence[PathLike] | Facts | pd.DataFrame | Any
FRAME_NAME = "dataframe"  # how messages name a DataFrame source: `dataframe:3` is its row 3


def is_spark(source: object) -> bool:
    """A pyspark DataFrame (classic or Connect), recognized by its type's module."""
    kind = type(source)
    return kind.__name__ == "DataFrame" and kind.__module__.startswith("pyspark.sql")


def as_paths(source: object) -> list[Path] | None:
    """The paths a source names, or None when it is data (Facts or a DataFrame)."""
    if isinstance(source, (str, os.PathLike)):
        return [Path(source)]
    if isinstance(source, Sequence) and not isinstance(source, (str, bytes)):
        items = list(source)
        if items and all(isinstance(p, (str, os.PathLike)) for p in items):
            return [Path(p) for p in items]
        if not items:
            raise InputError("source", "an empty list of paths: nothing to read is not a pass")
    return None


def facts_from_frame(frame: pd.DataFrame, name: str = FRAME_NAME) -> Facts:
    """A pandas DataFrame of documents (SPEC §5 columns) as facts; rows are numbered from 1."""
    import pyarrow as pa

    from checks.readers.parquet import read_table

    if frame.empty:
        raise InputError.nothing_in(name)
    try:
        table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise InputError(name, f"not a facts table (SPEC §5): {exc}") from None
    facts = read_table(Path(name), table, 1)
    check_unique_documents(facts.documents)
    return facts


def read_source(source: Source, job: str = "check") -> Facts:
    """Any non-Spark source as facts (paths read whole)."""
    if isinstance(source, Facts):
        return source
    if isinstance(source, pd.DataFrame):
        return facts_from_frame(source)
    if is_spark(source):
        return facts_from_frame(source.toPandas())
    paths = as_paths(source)
    if paths is None:
        raise TypeError(
            "a source is a path, a list of paths, Facts or a DataFrame, "
            f"not {type(source).__name__}"
        )
    from checks.readers.load import load

    return load(paths, job)
