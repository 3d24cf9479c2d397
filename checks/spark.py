"""`tally check --engine spark`: tally's own per-chunk engine inside Spark, via `mapInArrow`.

The corpus is read by Spark (JSONL or Parquet, any path Spark reads) with one row per
document, so every partition holds whole documents and no shuffle is needed: each Arrow
batch of a partition goes through the same conversion and rules as a local chunk. There is
no SQL rewrite of the rules, hence one implementation of each. `mapInArrow` keeps Spark's
pandas conversion out of the path (pyspark warns about pandas 3, and it was 2.5× slower).

Spark gives no line numbers, so an unusable document becomes an input problem naming its
file and doc_id; the run reports all of them and exits 2. doc_id uniqueness is checked with
a `groupBy(doc_id).count()` before the rules, since the rules see one batch at a time.

Import `check_dataframe` to run the rules inside an existing Spark job.
"""

from __future__ import annotations

import logging
import math
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa

from checks.engine import CheckResult, outcome_table, sort_violations
from checks.facts import Facts, InputError, concat_facts
from checks.intervals import DEFAULT_TOLERANCE
from checks.notices import Notice, Notices
from checks.options import DEFAULT_CHUNK
from checks.readers.source import display, is_stream
from checks.rules.registry import RULES, VIOLATION_COLUMNS

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

ORIGIN = "_tally_origin"  # the file each row came from
CORRUPT = "_corrupt_record"  # Spark's column for a JSON line it could not parse
BATCH_DOCS = DEFAULT_CHUNK  # Arrow batch per call: the chunk the pandas engine uses

# One output row per violation, per document (its per-rule outcomes) or per input problem.
OUT = pa.schema(
    [
        ("kind", pa.string()),  # "violation", "document", "problem" or "notice"
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("doc_id", pa.string()),
        ("mentions", pa.list_(pa.string())),
        ("message", pa.string()),
        ("checked", pa.list_(pa.int64())),  # per rule, in registry order
        ("failed", pa.list_(pa.int64())),
        ("count", pa.int64()),  # notices: how many
    ]
)


def session(master: str = "local[2]") -> SparkSession:
    """A Spark session on loopback only, UI off, Python workers reused."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback, and no warning about it
    _quiet_pandas_warning()
    debug = bool(os.environ.get("TALLY_DEBUG"))
    builder = SparkSession.builder
    if not debug:  # no JVM start-up banner on a user's terminal
        quiet = Path(__file__).with_name("spark_log4j2.properties").as_uri()
        builder = builder.config(
            "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={quiet}"
        )
    spark = (
        builder.master(master)
        .appName("tally")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.python.worker.reuse", "true")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(BATCH_DOCS))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")  # the doc_id count; small on one machine
        .getOrCreate()
    )
    # A read failure comes back as tally's own one-line error (`spark_errors`); the JVM's
    # stack trace for it is shown only when debugging.
    spark.sparkContext.setLogLevel("ERROR" if debug else "OFF")
    # pyspark's own Python logger prints the same failure again, as JSON, on stderr.
    logging.getLogger("DataFrameQueryContextLogger").disabled = not debug
    return spark


def _quiet_pandas_warning() -> None:
    """pyspark warns that it does not fully support pandas 3; `mapInArrow` never hands a
    pandas object to Spark, so the warning does not concern this path."""
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")


def spark_schema():
    from pyspark.sql.pandas.types import from_arrow_schema

    from checks.readers.arrow_jsonl import SCHEMA

    return from_arrow_schema(SCHEMA)


def open_corpus(paths: list[Path], master: str) -> tuple[SparkSession, DataFrame, Notices]:
    """The session and the corpus for `--engine spark`: the files are chosen as the pandas
    engine chooses them (folders expanded, other files skipped with a notice), so both
    engines read the same documents and a mixed folder is not handed whole to one reader."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise InputError(
            "--engine spark", "pyspark is not installed: pip install 'tally[spark]'"
        ) from None
    from checks.readers.load import input_files

    for p in paths:
        if is_stream(p):  # Spark's executors open files by name; a stream has none
            raise InputError(
                display(p),
                "--engine spark reads files and folders, not a stream; "
                "read it without --engine spark",
            )
    notices = Notices()
    files = [f for p in paths for f in input_files(p, notices)]
    for f in files:
        if f.suffix == ".json" and _starts_with(f, b"["):
            raise InputError(
                display(f),
                "a Label Studio export: --engine spark reads facts JSONL and Parquet "
                "(SPEC §5); read it without --engine spark",
            )
    spark = session(master)
    with spark_errors(", ".join(map(display, paths))):  # a union of unlike files fails here
        return spark, read_corpus(spark, [str(f) for f in files]), notices


def _starts_with(path: Path, prefix: bytes) -> bool:
    with path.open("rb") as f:
        return f.read(4096).lstrip()[: len(prefix)] == prefix


@contextmanager
def spark_errors(where: str) -> Iterator[None]:
    """What Spark fails on while reading (a corrupt Parquet footer, a file gone) is bad
    input, exit 2, named by Spark's first line, not a Java traceback."""
    from py4j.protocol import Py4JJavaError
    from pyspark.errors import PySparkException

    try:
        yield
    except (Py4JJavaError, PySparkException) as exc:
        text = str(getattr(exc, "java_exception", None) or exc)
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        raise InputError(where, f"Spark could not read it: {first[:300]}") from None


def read_corpus(spark: SparkSession, paths: list[str]) -> DataFrame:
    """JSONL and Parquet files (or folders of them) as one row per document, with origin."""
    from pyspark.sql import functions as F

    jsonl = [p for p in paths if not _is_parquet(p)]
    parquet = [p for p in paths if _is_parquet(p)]
    frames = []
    if jsonl:
        schema = spark_schema().add(CORRUPT, "string")
        frames.append(
            spark.read.schema(schema)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .option("allowNonNumericNumbers", "false")
            .json(jsonl)
        )
    if parquet:
        frames.append(spark.read.parquet(*parquet).withColumn(CORRUPT, F.lit(None).cast("string")))
    # The file's path is a column of each file source, so it is taken before the union.
    frames = [f.withColumn(ORIGIN, F.col("_metadata.file_path")) for f in frames]
    df = frames[0]
    for other in frames[1:]:
        df = df.unionByName(other, allowMissingColumns=True)
    return df


def _is_parquet(path: str) -> bool:
    p = Path(path)
    return p.suffix == ".parquet" or (p.is_dir() and any(p.rglob("*.parquet")))


def check_dataframe(df: DataFrame, about_tolerance: Fraction = DEFAULT_TOLERANCE) -> DataFrame:
    """The violations of a Spark DataFrame of documents (SPEC §5 columns, one row each), as a
    Spark DataFrame with columns rule, severity, doc_id, mentions, message.

    Raises InputError when a doc_id appears more than once or a document is unusable.
    """
    _unique_doc_ids(df)
    out = run(df, about_tolerance)
    problems = out.where("kind = 'problem'").limit(20).collect()
    if problems:
        raise InputError(problems[0]["doc_id"] or "input", problems[0]["message"])
    return out.where("kind = 'violation'").select(*VIOLATION_COLUMNS)


def run(
    df: DataFrame,
    about_tolerance: Fraction = DEFAULT_TOLERANCE,
    outcomes: bool = True,
    gold: Path | None = None,
) -> DataFrame:
    """Every output row (see OUT) of the rules over `df`. Without `outcomes` the document
    rows carry no per-rule counts (the JSON report shows none), so the driver collects one
    short row per document. doc_id uniqueness is the caller's to check (it spans batches)."""
    from pyspark.sql import functions as F

    if ORIGIN not in df.columns:
        df = df.withColumn(ORIGIN, F.lit("dataframe"))
    if CORRUPT not in df.columns:
        df = df.withColumn(CORRUPT, F.lit(None).cast("string"))
    from pyspark.sql.pandas.types import from_arrow_schema

    body = partial(check_batches, about_tolerance, outcomes, str(gold) if gold else None)
    return df.mapInArrow(body, from_arrow_schema(OUT))


def _unique_doc_ids(df: DataFrame) -> None:
    """A Spark job of its own: for `check_dataframe`, whose result stays lazy."""
    from pyspark.sql import functions as F

    dup = df.where(F.col("doc_id").isNotNull()).groupBy("doc_id").count()
    first = dup.where("count > 1").orderBy("doc_id").limit(1).collect()
    if first:
        _twice(df, first[0]["doc_id"])


def _twice(df: DataFrame, doc_id: str) -> NoReturn:
    """The error for a doc_id held by more than one row, naming every place it is."""
    from pyspark.sql import functions as F

    where = "dataframe"
    if ORIGIN in df.columns:
        rows = df.where(F.col("doc_id") == doc_id).select(ORIGIN).collect()
        where = ", ".join(sorted({f"{local_path(r[ORIGIN])} doc_id {doc_id}" for r in rows}))
    raise InputError(where, f"document {doc_id!r} appears more than once")


def local_path(uri: str | None) -> str | None:
    """Spark names a row's file by URI; a local file is named by its path, as the pandas
    engine names it (`file:/tmp/a%20b.jsonl` is `/tmp/a b.jsonl`)."""
    if uri and uri.startswith("file:"):
        return unquote(urlsplit(uri).path)
    return uri


# ---------------------------------------------------------------- inside the Python workers
def check_batches(
    about_tolerance: Fraction,
    outcomes: bool,
    gold: str | None,
    batches: Iterator[pa.RecordBatch],
):
    """mapInArrow body: each batch of whole documents → output rows. Documents without text
    borrow it from `gold` (a path the workers can read), as in the pandas engine."""
    from checks.runtime import tune_memory

    tune_memory()
    _quiet_pandas_warning()
    for batch in batches:
        if batch.num_rows:
            table = pa.Table.from_batches([batch])
            yield from _check_batch(table, about_tolerance, outcomes, gold)


def _check_batch(
    table: pa.Table, about_tolerance: Fraction, outcomes: bool, gold: str | None = None
) -> Iterator[pa.RecordBatch]:
    from checks.engine import run_checks
    from checks.stream import Options, prepare

    rows_out: dict[str, list] = {f.name: [] for f in OUT}
    facts, problems, repeated = _facts(table)
    if len(facts.documents):
        facts = prepare(facts, Options(about_tolerance, Path(gold) if gold else None))
    for where, message in problems:
        _append(rows_out, kind="problem", doc_id=where, message=message)
    for n in facts.notices.as_list():
        _append(rows_out, kind="notice", message=n["reason"], count=n["count"],
                mentions=n["where"])  # fmt: skip
    if repeated or facts.documents["doc_id"].duplicated().any():
        # The rules need unique doc_ids; the driver sees these rows and names every place.
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in VIOLATION_COLUMNS})
        docs = [*facts.doc_ids, *repeated]
        yield _document_batch(CheckResult(docs, empty, empty), outcomes=False)
    elif len(facts.documents):
        result = run_checks(facts, about_tolerance)
        yield _violation_batch(result.violations)
        yield _document_batch(result, outcomes)
    if rows_out["kind"]:
        yield pa.RecordBatch.from_pydict(rows_out, schema=OUT)


def _append(rows: dict[str, list], **values) -> None:
    for name in rows:
        rows[name].append(values.get(name))


def _violation_batch(v: pd.DataFrame) -> pa.RecordBatch:
    n = len(v)
    return pa.RecordBatch.from_pydict(
        {
            "kind": ["violation"] * n,
            "rule": v["rule"].tolist(),
            "severity": v["severity"].tolist(),
            "doc_id": v["doc_id"].tolist(),
            "mentions": [list(m) for m in v["mentions"].tolist()],
            "message": v["message"].tolist(),
            "checked": [None] * n,
            "failed": [None] * n,
            "count": [None] * n,
        },
        schema=OUT,
    )


def _document_batch(result: CheckResult, outcomes: bool) -> pa.RecordBatch:
    """One row per document: its checked and failed counts per rule (registry order)."""
    n = len(result.documents)
    if not outcomes:
        return pa.RecordBatch.from_arrays(
            [
                pa.array(["document"] * n) if f.name == "kind"
                else pa.array(result.documents, pa.string()) if f.name == "doc_id"
                else pa.nulls(n, f.type)
                for f in OUT
            ],
            schema=OUT,
        )  # fmt: skip
    docs = pd.Index(result.documents)
    o = result.outcomes
    d = docs.get_indexer(o["doc_id"])
    r = pd.Index(list(RULES)).get_indexer(o["rule"])
    checked = np.zeros((len(docs), len(RULES)), dtype=np.int64)
    failed = np.zeros_like(checked)
    checked[d, r] = o["checked"].to_numpy()
    failed[d, r] = o["failed"].to_numpy()
    width = len(RULES)
    offsets = pa.array(np.arange(0, (n + 1) * width, width, dtype=np.int32))
    return pa.RecordBatch.from_arrays(
        [
            pa.array(["document"] * n),
            pa.nulls(n, pa.string()),
            pa.nulls(n, pa.string()),
            pa.array(result.documents, pa.string()),
            pa.nulls(n, pa.list_(pa.string())),
            pa.nulls(n, pa.string()),
            pa.ListArray.from_arrays(offsets, pa.array(checked.ravel())),
            pa.ListArray.from_arrays(offsets, pa.array(failed.ravel())),
            pa.nulls(n, pa.int64()),
        ],
        schema=OUT,
    )


def _facts(table: pa.Table) -> tuple[Facts, list[tuple[str, str]], list[str]]:
    """The batch's usable documents, (origin, message) for each unusable one, and the
    doc_ids of usable documents seen a second time in the batch."""
    from checks.readers.arrow_jsonl import NotFastPath, conform, convert, vet

    origin_col = [local_path(o) for o in table.column(ORIGIN).to_pylist()]
    doc_ids = table.column("doc_id").to_pylist()
    origins = np.array(
        [f"{f} doc_id {d}" for f, d in zip(origin_col, doc_ids, strict=True)], dtype=object
    )
    corrupt = table.column(CORRUPT).is_valid().to_numpy(zero_copy_only=False)
    problems = [
        (f"{origin_col[i]}", f"not a JSON document: {table.column(CORRUPT)[i].as_py()[:80]!r}")
        for i in np.flatnonzero(corrupt)
    ]
    if corrupt.any():
        keep = pa.array(~corrupt)
        table, origins = table.filter(keep), origins[~corrupt]
        origin_col = [o for o, c in zip(origin_col, corrupt, strict=True) if not c]
    try:
        conformed = conform(table)
        vet(conformed)
        return convert(conformed, origins), problems, []
    except (NotFastPath, InputError, pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    # Some document in the batch is unusable: read them one by one to say which. A doc_id
    # seen before in the batch is passed on as such (the driver names all its places).
    good: list[Facts] = []
    seen: set[str] = set()
    repeated: list[str] = []
    for row, origin in zip(table.to_pylist(), origins.tolist(), strict=True):
        try:
            facts = _one_document(row, origin)
        except InputError as exc:
            problems.append((origin, exc.message))
            continue
        if row["doc_id"] in seen:
            repeated.append(row["doc_id"])
        else:
            seen.add(row["doc_id"])
            good.append(facts)
    return concat_facts(good) if good else Facts(), problems, repeated


def _one_document(row: dict, origin: str) -> Facts:
    import orjson

    from checks.readers.jsonl import read_strict

    row = {k: v for k, v in row.items() if k not in (ORIGIN, CORRUPT) and v is not None}
    for m in row.get("mentions") or []:
        for key in ("value", "low", "high"):
            v = m.get(key) if isinstance(m, dict) else None
            if isinstance(v, float) and not math.isfinite(v):
                raise InputError(origin, f"mention {m.get('id')!r}: {key} is NaN or Infinity")
    facts = read_strict(Path(origin), orjson.dumps(row, default=str) + b"\n")
    facts.documents["origin"] = origin
    return facts


# ---------------------------------------------------------------- the driver side
def collect(out: DataFrame, corpus: DataFrame, notices: Notices | None = None) -> CheckResult:
    """The output rows gathered on the driver into the usual result (same reports).

    Every document comes back as one row, so doc_id uniqueness is checked here rather than
    by a separate Spark job over `corpus` (a group-by and a shuffle); `corpus` is read
    again only to name the places of a doc_id found twice. `notices` are the driver's own
    (files skipped), merged with the workers'."""
    table = out.toArrow()
    kind = table.column("kind").to_numpy(zero_copy_only=False)
    v = table.filter(pa.array(kind == "violation")).select(VIOLATION_COLUMNS).to_pylist()
    violations = pd.DataFrame(
        {c: pd.Series([r[c] for r in v], dtype=object) for c in VIOLATION_COLUMNS}
    )
    docs = table.filter(pa.array(kind == "document"))
    documents = docs.column("doc_id").to_pylist()
    seen = pd.Series(documents, dtype=object)
    if seen.duplicated().any():
        _twice(corpus, min(seen[seen.duplicated()]))
    width = len(RULES)
    if docs.column("checked").null_count:  # run without outcomes
        checked = failed = np.zeros((0, width), dtype=np.int64)
    else:
        checked = np.asarray(pa.compute.list_flatten(docs.column("checked")).to_numpy())
        failed = np.asarray(pa.compute.list_flatten(docs.column("failed")).to_numpy())
        checked, failed = checked.reshape(-1, width), failed.reshape(-1, width)
    d, r = np.nonzero(checked | failed)
    outcomes = outcome_table(documents, d, r, checked[d, r], failed[d, r])
    notices = notices if notices is not None else Notices()
    for row in table.filter(pa.array(kind == "notice")).to_pylist():
        part = Notices()  # a notice row carries its examples in `mentions`
        part.items[row["message"]] = Notice(row["message"], row["count"], row["mentions"] or [])
        notices.merge(part)
    problems = [
        f"{row['doc_id']}: {row['message']}"
        for row in table.filter(pa.array(kind == "problem")).to_pylist()
    ]
    return CheckResult(
        documents, sort_violations(violations), outcomes, notices.as_list(), sorted(problems)
    )


def check_with_spark(
    paths: list[Path],
    about_tolerance: Fraction = DEFAULT_TOLERANCE,
    violations_out: Path | None = None,
    master: str = "local[2]",
    outcomes: bool = True,
    gold: Path | None = None,
) -> CheckResult:
    """`tally check --engine spark`: read, check, optionally write the violations table."""
    _, corpus, notices = open_corpus(paths, master)
    with spark_errors(", ".join(map(display, paths))):
        out = run(corpus, about_tolerance, outcomes, gold)
        if violations_out is not None:
            out = out.persist()
            table = out.where("kind = 'violation'").select(*VIOLATION_COLUMNS)
            writer = table.coalesce(1).write.mode("overwrite")
            if violations_out.suffix == ".parquet":
                writer.parquet(str(violations_out))
            else:
                writer.json(str(violations_out))
        result = collect(out, corpus, notices)
    if not result.documents and not result.input_problems:
        raise InputError.nothing_in(", ".join(map(str, paths)))
    return result
