"""Facts JSONL (SPEC §5): one document per line."""

from __future__ import annotations

from pathlib import Path

import orjson

from checks.facts import DOCUMENT_COLUMNS, Facts, InputError
from checks.readers.arrow_jsonl import NotFastPath, read_fast
from checks.readers.documents import check_doc_id, documents_frame
from checks.readers.records import mentions_frame, relations_frame


def read_jsonl(path: Path) -> Facts:
    """Clean files take pyarrow's fast path; anything else is read line by line here."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    try:
        return read_fast(path, data)
    except NotFastPath:
        return read_strict(path, data)


def read_strict(path: Path, data: bytes) -> Facts:
    """Line by line, naming the line of every problem."""
    docs: list[dict] = []
    mentions: list[dict] = []
    relations: list[dict] = []
    for lineno, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            doc = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON or not UTF-8 ({exc})") from None
        if not isinstance(doc, dict):
            raise InputError(where, "a line must hold one JSON object (a document)")
        doc_id = check_doc_id(doc.get("doc_id"), where)
        docs.append({**{k: doc.get(k) for k in DOCUMENT_COLUMNS}, "origin": where})
        for key, sink in (("mentions", mentions), ("relations", relations)):
            items = doc.get(key, [])
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise InputError(where, f"{key!r} must be a list of objects")
            for item in items:
                item["doc_id"] = doc_id
                item["origin"] = where
            sink.extend(items)
    return Facts(
        documents=documents_frame(docs),
        mentions=mentions_frame(mentions),
        relations=relations_frame(relations),
    )
