"""Facts JSONL (SPEC §5): one document per line."""

from __future__ import annotations

from pathlib import Path

import orjson

from checks.facts import DOCUMENT_COLUMNS, Facts, InputError
from checks.notices import Notices
from checks.readers.arrow_jsonl import NotFastPath, read_fast
from checks.readers.documents import check_doc_id, documents_frame
from checks.readers.keys import KEYS, meant, typo_message
from checks.readers.records import mentions_frame, relations_frame
from checks.readers.source import display, not_json, read_bytes


def read_jsonl(path: Path, data: bytes | None = None) -> Facts:
    """Clean files take pyarrow's fast path; anything else is read line by line here."""
    if data is None:
        data = read_bytes(path)
    try:
        return read_fast(path, data)
    except NotFastPath:
        return read_strict(path, data)


def parse_line(line: bytes, name: str, lineno: int) -> dict:
    try:
        doc = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise not_json(name, line, exc, lineno) from None
    if not isinstance(doc, dict):
        raise InputError(f"{name}:{lineno}", "a line must hold one JSON object (a document)")
    return doc


def check_keys(record: dict, level: str, where: str, notices: Notices, name: str) -> None:
    """Typos of SPEC keys are errors; an extractor's own keys are counted."""
    for key in record:
        if not isinstance(key, str) or key in ("doc_id", "origin"):
            continue
        good = meant(level, key)
        if good is not None and good != key:
            raise InputError(where, typo_message(level, key, good))
        if good is None and key not in KEYS[level]:
            notices.add(f"unknown {level} key {key!r} ignored", 1, name)


def read_strict(path: Path, data: bytes, first_line: int = 1) -> Facts:
    """Line by line, naming the line of every problem (`data` starts at line `first_line`)."""
    name = display(path)
    docs: list[dict] = []
    mentions: list[dict] = []
    relations: list[dict] = []
    notices = Notices()
    for lineno, line in enumerate(data.splitlines(), start=first_line):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        doc = parse_line(line, name, lineno)
        check_keys(doc, "document", where, notices, name)
        doc_id = check_doc_id(doc.get("doc_id"), where)
        docs.append({**{k: doc.get(k) for k in DOCUMENT_COLUMNS}, "origin": where})
        for key, level, sink in (
            ("mentions", "mention", mentions),
            ("relations", "relation", relations),
        ):
            items = doc.get(key, [])
            if items is None:
                items = []
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise InputError(where, f"{key!r} must be a list of objects")
            for item in items:
                check_keys(item, level, where, notices, name)
                item["doc_id"] = doc_id
                item["origin"] = where
            sink.extend(items)
    return Facts(
        documents=documents_frame(docs),
        mentions=mentions_frame(mentions),
        relations=relations_frame(relations),
        notices=notices,
    )
