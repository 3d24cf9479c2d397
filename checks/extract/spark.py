"""`tally extract --engine spark`: the extractor inside Spark, via `mapInArrow`.

The archive is read by Spark as `tally check --engine spark` reads it (`checks.spark`: JSONL
or Parquet, one row per document, so every partition holds whole documents and nothing is
shuffled); each Arrow batch goes through the same `document_records` as a local run. Each
output row carries both forms of its document's facts: the SPEC §5 columns (written by
Spark as a Parquet dataset for an `--out` ending in `.parquet`, so the write runs on the
cluster) and the facts JSONL line exactly as a local run writes it (collected in input
order for JSONL output, so `--engine spark` and `--jobs 1` write the same bytes). What the
extractor refuses (a figure past 2**53) reaches the driver through an accumulator and is
said on stderr as locally. Import `extract_dataframe` to extract inside a Spark job.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import pyarrow as pa

from checks.extract import extractor_name
from checks.facts import InputError
from checks.notices import Notice, Notices
from checks.readers.source import display

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

LINE = "_tally_line"  # the facts JSONL line of the row's document


def _out_schema() -> pa.Schema:
    from checks.readers.arrow_jsonl import SCHEMA

    return SCHEMA.append(pa.field(LINE, pa.binary()))


def extract_dataframe(df: DataFrame, notices=None) -> DataFrame:
    """Documents (doc_id, text and optional published, source, lang) → their facts, one
    row each: the SPEC §5 columns and the JSONL line. `notices`, a Spark accumulator made by
    `notice_accumulator`, collects what was refused."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    columns = [
        F.col(c) if c in df.columns else F.lit(None).cast("string").alias(c)
        for c in ("doc_id", "text", "published", "source", "lang")
    ]
    body = partial(extract_batches, extractor_name(), notices)
    return df.select(*columns).mapInArrow(body, from_arrow_schema(_out_schema()))


def extract_batches(extractor: str, notices, batches: Iterator[pa.RecordBatch]):
    """mapInArrow body: each batch of documents → a batch of their facts."""
    from checks.extract.archive import _row
    from checks.extract.writer import document_records
    from checks.runtime import tune_memory

    tune_memory()
    schema = _out_schema()
    for batch in batches:
        if not batch.num_rows:
            continue
        found = Notices()
        docs = [{k: v for k, v in d.items() if v is not None} for d in batch.to_pylist()]
        rows = [
            _row(r) | {LINE: orjson.dumps(r) + b"\n"}
            for r in document_records(docs, extractor, found)
        ]
        if found and notices is not None:
            notices.add(found.as_list())
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def notice_accumulator(spark):
    from pyspark.accumulators import AccumulatorParam

    class _Items(AccumulatorParam):
        def zero(self, value):
            return []

        def addInPlace(self, a, b):
            return a + b

    return spark.sparkContext.accumulator([], _Items())


def extract_with_spark(
    paths: list[Path], out: Path | None, notices: Notices, master: str = "local[2]"
) -> None:
    """`tally extract --engine spark`: Parquet dataset for a `.parquet` `--out`, else the
    facts JSONL lines in input order (stdout or `--out`)."""
    from pyspark.sql import functions as F

    from checks.output import write_report
    from checks.spark import CORRUPT, ORIGIN, _unique_doc_ids, local_path, open_corpus, spark_errors

    spark, df, read_notices = open_corpus(paths, master)
    notices.merge(read_notices)
    where = ", ".join(map(display, paths))
    with spark_errors(where):
        bad = df.where(
            F.col(CORRUPT).isNotNull() | F.col("doc_id").isNull() | F.col("text").isNull()
        )
        first = bad.select(ORIGIN, "doc_id", CORRUPT).limit(1).collect()
        if first:
            row = first[0]
            what = (
                "a line that is not a JSON object"
                if row[CORRUPT] is not None
                else f"document {row['doc_id']!r} has no text to extract from"
                if row["doc_id"] is not None
                else "a document without doc_id"
            )
            raise InputError(local_path(row[ORIGIN]) or where, what)
        _unique_doc_ids(df)
        if df.limit(1).count() == 0:
            raise InputError.nothing_in(where, "extract")
        refused = notice_accumulator(spark)
        facts = extract_dataframe(df, refused)
        if out is not None and out.suffix == ".parquet":
            facts.drop(LINE).write.mode("overwrite").parquet(str(out))
        else:
            lines = (row[LINE] for row in facts.select(LINE).toLocalIterator())
            write_report(lines, out)
    items = refused.value  # the notices of every batch, one list
    notices.merge(Notices({i["reason"]: Notice(i["reason"]) for i in items}))
    for i in items:
        notices.merge(Notices({i["reason"]: Notice(i["reason"], i["count"], list(i["where"]))}))
