"""`tally score --engine spark`: the predictions scored inside Spark, by tally's own `score_part`.

Scoring is per document, like the rules: every Arrow batch of whole predicted documents is
scored by the Python workers against the gold documents it names (each worker reads and
indexes the gold once, from a path it can read) and comes back as one pickled `Part`; the
driver adds the parts up with the same `assemble` as the pandas engine, so the report is
the same. No shuffle, no SQL rewrite of the matching.

Parts are assembled in input order (file, then position in the file), which Spark's
partitions do not promise. An unusable predicted document, or one the gold does not hold,
is an input problem naming its file and doc_id; all of them are reported and the run exits
2. A doc_id predicted twice is found on the driver, where the parts' gold documents meet.

Import `score_dataframe` to score a Spark DataFrame of predictions inside a Spark job.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from checks.facts import Facts, InputError
from checks.lookup import positions
from checks.notices import Notices
from checks.readers.source import display
from checks.scoring.gold_index import GoldIndex
from checks.scoring.score import Part, ScoreOptions, assemble, score_part
from checks.spark import CORRUPT, ORIGIN, _facts, _quiet_pandas_warning, _twice

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

POSITION = "_tally_position"  # a row's id in Spark: with its file, the input order

OUT = pa.schema(
    [
        ("kind", pa.string()),  # "part", "problem" or "twice"
        ("file", pa.string()),  # the batch's first row: the parts' order
        ("row", pa.int64()),
        ("where", pa.string()),  # problem: file and doc_id; twice: the doc_id
        ("message", pa.string()),
        ("part", pa.binary()),
    ]
)


@dataclass
class SparkScore:
    report: dict
    gold: Facts
    notices: Notices  # the predictions'
    input_problems: list[str]  # "file doc_id X: message", sorted


def score_dataframe(
    df: DataFrame, gold: Path, options: ScoreOptions = ScoreOptions()
) -> SparkScore:
    """Score a Spark DataFrame of predicted documents (SPEC §5 columns, one row each)
    against the gold at `gold`, a path every Spark worker can read. The report is the one
    `tally score --format json` writes, without its notices. A predicted document that is
    unusable, or unknown to the gold, raises InputError naming the first and the count."""
    result = _score(df, gold, options, "dataframe")
    if result.input_problems:
        first, n = result.input_problems[0], len(result.input_problems)
        where, _, message = first.partition(": ")
        raise InputError(
            where, message + (f" (and {n - 1} more unusable documents)" if n > 1 else "")
        )
    return result


def _score(df: DataFrame, gold: Path, options: ScoreOptions, name: str) -> SparkScore:
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from checks.scoring.stream import gold_index

    if ORIGIN not in df.columns:
        df = df.withColumn(ORIGIN, F.lit("dataframe"))
    if CORRUPT not in df.columns:
        df = df.withColumn(CORRUPT, F.lit(None).cast("string"))
    # A file's rows come in partitions of increasing ids, in file order.
    df = df.withColumn(POSITION, F.monotonically_increasing_id())
    body = partial(score_batches, str(gold), options)
    # The driver reads the gold while the workers score: toArrow waits on a socket.
    with ThreadPoolExecutor(1) as reader:
        index = reader.submit(gold_index, gold)
        table = df.mapInArrow(body, from_arrow_schema(OUT)).toArrow()
        return _collect(table, index.result(), df, options, name)


def _collect(
    table: pa.Table, index: GoldIndex, df: DataFrame, options: ScoreOptions, name: str
) -> SparkScore:
    """The parts in input order, assembled; with input problems, those and no report."""
    rows = table.to_pylist()
    twice = sorted(r["where"] for r in rows if r["kind"] == "twice")
    if twice:
        _twice(df, twice[0])
    problems = sorted(f"{r['where']}: {r['message']}" for r in rows if r["kind"] == "problem")
    found = sorted((r for r in rows if r["kind"] == "part"),
                   key=lambda r: (r["file"], r["row"]))  # fmt: skip
    parts: list[Part] = [pickle.loads(r["part"]) for r in found]
    seen = np.zeros(len(index), dtype=bool)
    notices = Notices()
    for part in parts:
        if seen[part.gold_docs].any():
            doc = index.doc_ids[part.gold_docs[seen[part.gold_docs]][0]]
            _twice(df, doc)
        seen[part.gold_docs] = True
        notices.merge(part.notices)
    if problems:
        return SparkScore({}, index.facts, notices, problems)
    if not parts:
        raise InputError.nothing_in(name, "score")
    missed = np.flatnonzero(~seen)
    if len(missed):
        parts.append(score_part(index, Facts(), options, extra_gold=missed))
    return SparkScore(assemble(index, parts), index.facts, notices, problems)


def score_with_spark(
    gold: Path, pred: Path, options: ScoreOptions = ScoreOptions(), master: str = "local[2]"
) -> SparkScore:
    """`tally score --engine spark`: Spark reads the predictions (JSONL or Parquet, a file or
    a folder); this process reads the gold, as every worker does."""
    from checks.spark import open_corpus, spark_errors

    if not gold.exists():
        raise InputError(str(gold), "no such file or folder")
    _, corpus, notices = open_corpus([pred], master)
    with spark_errors(display(pred)):
        scored = _score(corpus, gold.resolve(), options, str(pred))
    scored.notices.merge(notices)
    return scored


# ---------------------------------------------------------------- inside the Python workers
def score_batches(gold: str, options: ScoreOptions, batches: Iterator[pa.RecordBatch]):
    """mapInArrow body: each batch of whole predicted documents → one part, or problems."""
    from checks.runtime import tune_memory

    tune_memory()
    _quiet_pandas_warning()
    for batch in batches:
        if batch.num_rows:
            yield _score_batch(pa.Table.from_batches([batch]), Path(gold), options)


def _score_batch(table: pa.Table, gold: Path, options: ScoreOptions) -> pa.RecordBatch:
    from checks.scoring.stream import gold_index

    first = {"file": table.column(ORIGIN)[0].as_py(), "row": table.column(POSITION)[0].as_py()}
    out: dict[str, list] = {f.name: [] for f in OUT}

    def add(kind: str, where=None, message=None, part=None) -> None:
        values = {"kind": kind, "where": where, "message": message, "part": part, **first}
        for name, column in out.items():
            column.append(values[name])

    facts, problems, repeated = _facts(table.drop_columns([POSITION]))
    for where, message in problems:
        add("problem", where, message)
    doc_ids = facts.documents["doc_id"]
    for doc in sorted({*repeated, *doc_ids[doc_ids.duplicated()]}):
        add("twice", doc)
    index = gold_index(gold)
    unknown = positions(index.index, doc_ids) < 0
    for origin, doc in zip(facts.documents["origin"][unknown], doc_ids[unknown], strict=True):
        add("problem", origin, f"prediction for unknown doc_id {doc!r} (not in the gold)")
    if not out["kind"] and len(facts.documents):
        part = score_part(index, facts, options)
        add("part", part=pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    return pa.RecordBatch.from_pydict(out, schema=OUT)
