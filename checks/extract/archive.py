"""`tally extract` over an archive: the document-aligned pieces `tally check` streams
(`checks.stream`: JSONL by line batches, Parquet by row groups, Label Studio exports by
tasks), each extracted here or in a worker process (`--jobs`, `checks.parallel`), written
in input order as facts JSONL or, for an `--out` ending in `.parquet`, as Parquet in the
SPEC §5 shape (one row per document, nested mentions and relations). Memory holds a few
pieces, not the archive. Seed folders (`<doc_id>.json` + `.txt`) are read whole, as before.

What spans pieces is the driver's: a doc_id may appear once in the whole input, every
path must hold a document, and notices (figures refused, files skipped) add up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import orjson

from checks.extract import extractor_name
from checks.extract.inputs import DOCUMENT_FIELDS, _is_seed_folder, read_inputs
from checks.extract.writer import document_records
from checks.facts import InputError
from checks.notices import Notices
from checks.options import DEFAULT_CHUNK
from checks.readers.source import display

PARQUET_ROW_GROUP = 10_000  # documents per row group of a Parquet output


@dataclass(frozen=True)
class DocumentPiece:
    """Documents already read (a seed folder), in batches like the streamed pieces."""

    arg: int
    docs: tuple[dict, ...]


@dataclass
class Extracted:
    arg: int
    records: list[dict]
    notices: Notices = field(default_factory=Notices)


def extract_piece(piece, extractor: str) -> Extracted:
    """Read one piece and extract its documents: the unit of work of every engine."""
    notices = Notices()
    if isinstance(piece, DocumentPiece):
        docs = list(piece.docs)
    else:
        from checks.stream import read_piece

        frame = read_piece(piece).documents
        docs = [
            {k: _text_or_none(row.get(k)) for k in (*DOCUMENT_FIELDS, "origin")}
            for row in frame.to_dict("records")
        ]
    for doc in docs:
        if doc["text"] is None:
            raise InputError(
                doc["origin"], f"document {doc['doc_id']!r} has no text to extract from"
            )
    return Extracted(piece.arg, list(document_records(docs, extractor, notices)), notices)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def pieces(paths: list[Path], chunk_docs: int, notices: Notices) -> Iterator:
    """Document-aligned pieces of every path, in input order."""
    from checks.readers.load import input_files
    from checks.stream import file_pieces

    for arg, path in enumerate(paths):
        if str(path) != "-" and _is_seed_folder(path):
            docs = iter(read_inputs([path]))
            while batch := tuple(islice(docs, chunk_docs)):
                yield DocumentPiece(arg, batch)
            continue
        for f in input_files(path, notices):
            yield from file_pieces(arg, f, chunk_docs)


def extract_paths(
    paths: list[Path],
    jobs: int = 1,
    chunk_docs: int = DEFAULT_CHUNK,
    notices: Notices | None = None,
) -> Iterator[dict]:
    """The facts record of every document under `paths`, in input order."""
    from functools import partial

    notices = notices if notices is not None else Notices()
    task = partial(extract_piece, extractor=extractor_name())
    work = pieces(paths, chunk_docs, notices)
    if jobs > 1:
        from checks.parallel import run_parallel

        results = run_parallel(work, task, jobs)
    else:
        results = map(task, work)
    seen: dict[str, int] = {}
    per_arg = [0] * len(paths)
    for result in results:
        notices.merge(result.notices)
        per_arg[result.arg] += len(result.records)
        for record in result.records:
            doc_id = record["doc_id"]
            if doc_id in seen:
                raise InputError(
                    display(paths[result.arg]),
                    f"document {doc_id!r} appears more than once in the input",
                )
            seen[doc_id] = result.arg
            yield record
    for arg, n in enumerate(per_arg):
        if n == 0:
            raise InputError.nothing_in(display(paths[arg]), "extract")


def jsonl_lines(records: Iterator[dict]) -> Iterator[bytes]:
    for record in records:
        yield orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


def write_parquet(records: Iterator[dict], out: Path) -> None:
    """Records as Parquet in the SPEC §5 shape that tally's readers take (written to a
    temporary file beside `out`, then moved over it: a failed run leaves no half file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from checks.readers.arrow_jsonl import SCHEMA

    tmp = out.with_name(out.name + ".tmp")
    try:
        with pq.ParquetWriter(tmp, SCHEMA) as writer:
            while batch := list(islice(records, PARQUET_ROW_GROUP)):
                writer.write_table(pa.Table.from_pylist([_row(r) for r in batch], schema=SCHEMA))
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)


def _row(record: dict) -> dict:
    """Integers go to float64 columns: exact, since extract writes none at 2**53 or more."""
    numbers = ("value", "low", "high")
    mentions = [
        {k: float(v) if k in numbers and v is not None else v for k, v in m.items()}
        for m in record["mentions"]
    ]
    return record | {"mentions": mentions}


def run_extract(paths: list[Path], out: Path | None, jobs: int, engine: str) -> None:
    """`tally extract`: facts JSONL to stdout or `--out`, Parquet for a `.parquet` `--out`;
    the notices on stderr."""
    import typer

    from checks.output import check_target, write_report

    notices = Notices()
    spark_dataset = engine == "spark" and out is not None and out.suffix == ".parquet"
    if spark_dataset and out.is_dir() and not (out / "_SUCCESS").exists():
        raise InputError(str(out), "--out is a folder that is not a Spark dataset: not replaced")
    if out is not None and not spark_dataset:
        check_target(out)
    if engine == "spark":
        from checks.extract.spark import extract_with_spark

        extract_with_spark(paths, out, notices)
    else:
        records = extract_paths(paths, jobs, notices=notices)
        if out is not None and out.suffix == ".parquet":
            write_parquet(records, out)
        else:
            write_report(jsonl_lines(records), out)
    if notices:
        typer.echo(notices.line(), err=True)
