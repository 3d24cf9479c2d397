"""Facts JSONL (SPEC §5): one document per line, with its text so the output checks alone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import orjson

from checks.extract import extractor_name
from checks.extract.pipeline import extract_many
from checks.notices import Notices

# Documents extracted together: their qualifier cues are found by one vectorized call.
BATCH = 256


def _record(doc: dict, extractor: str, found: tuple[list[dict], list[dict]]) -> dict:
    record = {"doc_id": doc["doc_id"], "extractor": extractor}
    for key in ("published", "source", "lang", "text"):
        if doc.get(key) is not None:
            record[key] = doc[key]
    record["mentions"], record["relations"] = found
    return record


def document_record(
    doc: dict, extractor: str | None = None, notices: Notices | None = None
) -> dict:
    return next(document_records([doc], extractor, notices))


def document_records(
    docs: Iterable[dict], extractor: str | None = None, notices: Notices | None = None
) -> Iterator[dict]:
    """The facts record of each document, in order, extracted in batches of `BATCH`."""
    name = extractor or extractor_name()
    it = iter(docs)
    while batch := list(islice(it, BATCH)):
        for doc, found in zip(batch, extract_many(batch, notices), strict=True):
            yield _record(doc, name, found)


def to_jsonl(docs: Iterable[dict], notices: Notices | None = None) -> str:
    # bytes joined and decoded once: no str copy of each record, no concatenation per line
    records = document_records(docs, notices=notices)
    return b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records).decode()
