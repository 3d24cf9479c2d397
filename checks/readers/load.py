"""Read any input tally accepts: a Label Studio JSON export, facts JSONL, or a folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from checks.facts import Facts, InputError, concat_facts
from checks.readers.jsonfile import read_json
from checks.readers.jsonl import read_jsonl
from checks.readers.labelstudio import read_labelstudio

INPUT_SUFFIXES = (".json", ".jsonl")


STDIN = Path("-")


def input_files(path: Path) -> list[Path]:
    if path == STDIN:
        return [path]
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in INPUT_SUFFIXES)
    return [path]


def read_stdin() -> Facts:
    """`-`: a Label Studio export or facts JSONL piped in (`tally extract … | tally check -`)."""
    import sys

    from checks.readers.arrow_jsonl import NotFastPath, read_fast
    from checks.readers.jsonl import read_strict

    where = Path("<stdin>")
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise InputError(str(where), "empty: no document to read")
    if data.lstrip()[:1] == b"[":
        return read_labelstudio(where, read_json(where, data))
    try:
        return read_fast(where, data)
    except NotFastPath:
        return read_strict(where, data)


def read_file(path: Path) -> Facts:
    if path == STDIN:
        return read_stdin()
    if path.suffix == ".jsonl":
        return read_jsonl(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    if data.lstrip()[:1] == b"[":
        return read_labelstudio(path, read_json(path, data))
    return read_jsonl(path)


def load(paths: list[Path]) -> Facts:
    files = [f for p in paths for f in input_files(p)]
    return concat_facts([read_file(f) for f in files])


def borrow_from_gold(facts: Facts, gold: Facts) -> Facts:
    """Documents without text take text and published from the gold of the same doc_id."""
    docs = facts.documents
    if docs["text"].notna().all() or gold.documents.empty:
        return facts
    ref = gold.documents.set_index("doc_id")
    no_text = docs["text"].isna()
    docs = docs.copy()
    docs.loc[no_text, "text"] = docs.loc[no_text, "doc_id"].map(ref["text"])
    no_date = no_text & docs["published"].isna()
    docs.loc[no_date, "published"] = docs.loc[no_date, "doc_id"].map(ref["published"])
    docs = docs.astype({"text": object, "published": object})
    docs = docs.where(pd.notna(docs), None)
    return Facts(documents=docs, mentions=facts.mentions, relations=facts.relations)
