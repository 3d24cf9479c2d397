"""The one facts model: three tables every reader produces and every rule reads.

documents  doc_id, text, published, source, lang, extractor, origin
mentions   doc_id, id, start, end, text, label, value, qualifier, low, high, category,
           unit, status, normalized, invalid, origin
relations  doc_id, from, to, type, origin

`origin` says where a row came from (``file:line`` or ``file task 7 region ab12``) so that
every message can point back at the input. `invalid` holds attribute problems found while
reading (a value that is not a number, ...) that the `span.label` rule reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from checks.notices import Notices, merge_all

DOCUMENT_COLUMNS = ["doc_id", "text", "published", "source", "lang", "extractor", "origin"]
MENTION_COLUMNS = [
    "doc_id",
    "id",
    "start",
    "end",
    "text",
    "label",
    "value",
    "qualifier",
    "low",
    "high",
    "category",
    "unit",
    "status",
    "normalized",
    "invalid",
    "origin",
]
RELATION_COLUMNS = ["doc_id", "from", "to", "type", "origin"]
NUMBER_COLUMNS = ["value", "low", "high"]
STRING_COLUMNS = ["qualifier", "category", "unit", "status", "normalized"]


class InputError(Exception):
    """Input that cannot be used at all; the CLI turns it into exit code 2."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message

    @classmethod
    def nothing_in(cls, location: str, job: str = "check") -> InputError:
        """The one error for an input without documents: an empty path is not a pass."""
        return cls(location, f"no documents in it: nothing to {job} is not a pass")

    def __reduce__(self):
        # Worker processes send errors back pickled; keep both parts across the trip.
        return (type(self), (self.location, self.message))


@dataclass
class Facts:
    documents: pd.DataFrame = field(default_factory=lambda: empty_frame(DOCUMENT_COLUMNS))
    mentions: pd.DataFrame = field(default_factory=lambda: empty_frame(MENTION_COLUMNS))
    relations: pd.DataFrame = field(default_factory=lambda: empty_frame(RELATION_COLUMNS))
    notices: Notices = field(default_factory=Notices)

    @property
    def doc_ids(self) -> list[str]:
        return self.documents["doc_id"].tolist()


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return typed(pd.DataFrame({c: pd.Series(dtype=object) for c in columns}))


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the canonical dtypes so rules never meet a column of the wrong kind."""
    frame = frame.copy()
    for c in frame.columns:
        if c in ("start", "end"):
            frame[c] = frame[c].astype(np.int64)
        elif c in NUMBER_COLUMNS:
            frame[c] = frame[c].astype(np.float64)
        else:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame


def check_unique_documents(docs: pd.DataFrame) -> None:
    """A doc_id names one document: a second one makes the input unusable (exit 2), naming
    every place it appears. Every reader's output passes here before any rule runs."""
    dup = docs[docs["doc_id"].duplicated(keep=False)]
    if not dup.empty:
        first = dup.iloc[0]["doc_id"]
        where = ", ".join(dup[dup["doc_id"] == first]["origin"].astype(str))
        raise InputError(where, f"document {first!r} appears more than once")


def concat_facts(parts: list[Facts]) -> Facts:
    """Join facts from several inputs; a doc_id may come from one input only."""
    if not parts:
        return Facts()
    docs = pd.concat([p.documents for p in parts], ignore_index=True)
    check_unique_documents(docs)
    return Facts(
        documents=docs,
        mentions=pd.concat([p.mentions for p in parts], ignore_index=True),
        relations=pd.concat([p.relations for p in parts], ignore_index=True),
        notices=merge_all([p.notices for p in parts]),
    )
