"""Source documents: a folder of `<doc_id>.json` (metadata) + `<doc_id>.txt` (text)."""

from __future__ import annotations

from pathlib import Path

from checks.facts import InputError
from checks.readers.documents import check_doc_id, check_published
from checks.readers.jsonfile import read_json

TASK_FIELDS = ("doc_id", "published", "source", "lang", "title")


def read_documents(folder: Path) -> list[dict]:
    """Task data for Label Studio: text exactly as published plus the SPEC §1 fields."""
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of documents")
    docs = []
    for meta_path in sorted(folder.glob("*.json")):
        meta = read_json(meta_path)
        if not isinstance(meta, dict):
            raise InputError(str(meta_path), "document metadata must be a JSON object")
        doc_id = check_doc_id(meta.get("doc_id"), str(meta_path))
        text_path = meta_path.with_suffix(".txt")
        if not text_path.exists():
            raise InputError(str(meta_path), f"no text file {text_path.name} beside it")
        try:
            text = text_path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(str(text_path), f"not UTF-8 at byte {exc.start}") from None
        data = {k: meta[k] for k in TASK_FIELDS if k in meta}
        data["published"] = check_published(meta.get("published"), str(meta_path))
        data["doc_id"] = doc_id
        data["text"] = text
        docs.append(data)
    if not docs:
        raise InputError(str(folder), "holds no <doc_id>.json documents")
    return docs
