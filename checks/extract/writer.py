"""Facts JSONL (SPEC §5): one document per line, with its text so the output checks alone."""

from __future__ import annotations

import orjson

from checks.extract import extractor_name
from checks.extract.pipeline import extract
from checks.notices import Notices


def document_record(
    doc: dict, extractor: str | None = None, notices: Notices | None = None
) -> dict:
    mentions, relations = extract(doc["text"], doc.get("published"), notices, doc["doc_id"])
    record = {"doc_id": doc["doc_id"], "extractor": extractor or extractor_name()}
    for key in ("published", "source", "lang", "text"):
        if doc.get(key) is not None:
            record[key] = doc[key]
    record["mentions"] = mentions
    record["relations"] = relations
    return record


def to_jsonl(docs: list[dict], notices: Notices | None = None) -> str:
    name = extractor_name()
    return "".join(orjson.dumps(document_record(d, name, notices)).decode() + "\n" for d in docs)
