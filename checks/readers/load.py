"""Read any input tally accepts: a Label Studio JSON export, facts JSONL, a folder, or `-`.

A path that holds nothing tally reads is unusable input (exit 2), never an empty pass: an
upstream step that wrote nothing must not turn CI green.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from checks.facts import Facts, InputError, concat_facts
from checks.lookup import positions
from checks.notices import Notices
from checks.readers.jsonfile import read_json
from checks.readers.jsonl import read_jsonl
from checks.readers.labelstudio import read_labelstudio
from checks.readers.source import display, is_stdin, read_bytes

INPUT_SUFFIXES = (".json", ".jsonl", ".parquet")
_SUFFIXES_SAID = ", ".join(INPUT_SUFFIXES[:-1]) + " or " + INPUT_SUFFIXES[-1]
TEXT_RULES = "span.offsets, qualifier.cue, date.weekday"


def _quiet(path: Path) -> bool:
    """Files a data folder naturally holds besides data: not worth a notice."""
    return path.name.startswith(".") or path.stem.upper() in ("README", "LICENSE")


def input_files(path: Path, notices: Notices | None = None) -> list[Path]:
    if is_stdin(path):
        return [path]
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.is_file())
    kept = [p for p in files if p.suffix in INPUT_SUFFIXES]
    skipped = [p for p in files if p.suffix not in INPUT_SUFFIXES and not _quiet(p)]
    if notices is not None:
        for p in skipped:
            notices.add(f"file that is not {_SUFFIXES_SAID} skipped", 1, str(p))
    if not kept:
        raise InputError(
            str(path), f"no documents in this folder (no {_SUFFIXES_SAID} file in it or below)"
        )
    return kept


def read_file(path: Path) -> Facts:
    if path.suffix == ".parquet":
        from checks.readers.parquet import read_parquet

        return read_parquet(path)
    data = read_bytes(path)
    if path.suffix == ".jsonl":
        return read_jsonl(path, data)
    if data.lstrip()[:1] == b"[":
        return read_labelstudio(path, read_json(path, data))
    return read_jsonl(path, data)


def load(paths: list[Path], job: str = "check") -> Facts:
    """All documents of all paths; each path must hold at least one document (`job` names
    what an empty one leaves undone)."""
    notices = Notices()
    parts = []
    for p in paths:
        facts = concat_facts([read_file(f) for f in input_files(p, notices)])
        if facts.documents.empty:
            raise InputError.nothing_in(display(p), job)
        parts.append(facts)
    facts = concat_facts(parts)
    facts.notices.merge(notices)
    return facts


def borrow_from_gold(facts: Facts, gold: Facts, gold_name: str = "the --gold input") -> Facts:
    """Documents without text take text and published from the gold of the same doc_id;
    the notice says from where, and how many documents stay without text."""
    docs = facts.documents
    no_text = docs["text"].isna()
    if not no_text.any():
        return facts
    ref = pd.Index(gold.documents["doc_id"].to_numpy(dtype=object), dtype=object)
    at = positions(ref, docs["doc_id"])  # -1: not in the gold

    def from_gold(column: str, rows: np.ndarray) -> np.ndarray:
        """`column` with the gold's value at `rows` (None where the gold has none)."""
        values = docs[column].to_numpy(dtype=object, copy=True)
        taken = np.append(gold.documents[column].to_numpy(dtype=object), None)[at[rows]]
        values[rows] = np.where(pd.notna(taken), taken, None)
        return values

    no_date = no_text & docs["published"].isna()
    docs = docs.assign(
        text=pd.Series(from_gold("text", np.flatnonzero(no_text)), docs.index, dtype=object),
        published=pd.Series(
            from_gold("published", np.flatnonzero(no_date)), docs.index, dtype=object
        ),
    )
    borrowed = no_text & docs["text"].notna()
    facts.notices.add(
        f"document without text took its text from the gold in {gold_name}",
        int(borrowed.sum()),
        ", ".join(docs.loc[borrowed, "doc_id"].head(3)),
    )
    return Facts(docs, facts.mentions, facts.relations, facts.notices)


def note_missing_text(facts: Facts) -> None:
    """Say which documents have no text, so the rules that need it are skipped visibly."""
    docs = facts.documents
    missing = docs["text"].isna()
    facts.notices.add(
        f"document without text: {TEXT_RULES} skipped for it (give --gold to borrow text)",
        int(missing.sum()),
        ", ".join(docs.loc[missing, "doc_id"].head(3)),
    )
