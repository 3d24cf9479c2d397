"""The documents `tally extract` reads: seed folders, facts JSONL / Label Studio exports
that carry the text, or `-` for either on stdin."""

from __future__ import annotations

from pathlib import Path

from checks.facts import InputError

DOCUMENT_FIELDS = ("doc_id", "text", "published", "source", "lang")


def _is_seed_folder(path: Path) -> bool:
    return path.is_dir() and any(p.with_suffix(".txt").is_file() for p in path.glob("*.json"))


def read_inputs(paths: list[Path]) -> list[dict]:
    """Documents with their text, in input order; a doc_id may appear once."""
    from annotate.documents import read_documents
    from checks.readers.load import load

    docs: list[dict] = []
    for path in paths:
        if str(path) != "-" and _is_seed_folder(path):
            docs += [
                {k: d.get(k) for k in DOCUMENT_FIELDS} | {"origin": f"{path}/{d['doc_id']}"}
                for d in read_documents(path)
            ]
            continue
        frame = load([path]).documents  # a path without documents is an InputError there
        docs += frame[[*DOCUMENT_FIELDS, "origin"]].to_dict("records")
    seen: dict[str, str] = {}
    for doc in docs:
        if doc["doc_id"] in seen:
            raise InputError(
                doc["origin"], f"document {doc['doc_id']!r} also in {seen[doc['doc_id']]}"
            )
        seen[doc["doc_id"]] = doc["origin"]
        if not isinstance(doc.get("text"), str):
            raise InputError(
                doc["origin"], f"document {doc['doc_id']!r} has no text to extract from"
            )
    return docs
