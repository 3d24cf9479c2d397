"""The gold, indexed by document: any set of its documents as facts, with global row numbers.

Scoring is per document, so predictions can be scored piece by piece against just the gold
documents they name. Rows keep their global numbers, so every piece's counts and detail go
back to one place in the whole gold, and the assembled report equals a one-pass score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from checks.facts import Facts, InputError
from checks.lookup import positions


def _grouped(doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows ordered by document, first position per document, count per document)."""
    order = np.argsort(doc, kind="stable")
    count = np.bincount(doc, minlength=n_docs)
    first = np.cumsum(count) - count
    return order, first, count


def _ranges(order: np.ndarray, first: np.ndarray, count: np.ndarray, docs: np.ndarray):
    n = count[docs]
    at = np.repeat(first[docs] - (np.cumsum(n) - n), n) + np.arange(n.sum())
    return order[at]


@dataclass
class GoldPart:
    """Some gold documents as facts; `docs`, `rows`: their global document and mention
    positions (ascending documents, each document's mentions in input order)."""

    facts: Facts
    docs: np.ndarray
    rows: np.ndarray


class GoldIndex:
    def __init__(self, gold: Facts) -> None:
        self.facts = gold
        ids = gold.documents["doc_id"].to_numpy(dtype=object)
        self.doc_ids = ids
        self.index = pd.Index(ids, dtype=object)
        n = len(ids)
        self.mention_doc = positions(self.index, gold.mentions["doc_id"]).astype(np.int64)
        relation_doc = positions(self.index, gold.relations["doc_id"]).astype(np.int64)
        self._mentions = _grouped(self.mention_doc, n)
        self._relations = _grouped(relation_doc, n)
        self._in_order = bool((np.diff(self.mention_doc) >= 0).all()) and bool(
            (np.diff(relation_doc) >= 0).all()
        )

    def __len__(self) -> int:
        return len(self.doc_ids)

    def locate(self, pred: Facts) -> np.ndarray:
        """The gold position of every predicted document; a prediction for a document the
        gold does not hold is unusable input, naming where it came from."""
        at = positions(self.index, pred.documents["doc_id"])
        if (at < 0).any():
            row = pred.documents.iloc[int(np.flatnonzero(at < 0)[0])]
            raise InputError(str(row["origin"]), f"prediction for unknown doc_id "
                             f"{row['doc_id']!r} (not in the gold)")  # fmt: skip
        return at.astype(np.int64)

    def part(self, docs: np.ndarray) -> GoldPart:
        docs = np.sort(np.asarray(docs, dtype=np.int64))
        if len(docs) == len(self) and self._in_order:  # the whole gold: no copy
            return GoldPart(self.facts, docs, np.arange(len(self.facts.mentions)))
        rows = _ranges(*self._mentions, docs)
        rel = _ranges(*self._relations, docs)
        g = self.facts
        facts = Facts(
            g.documents.take(docs).reset_index(drop=True),
            g.mentions.take(rows).reset_index(drop=True),
            g.relations.take(rel).reset_index(drop=True),
        )
        return GoldPart(facts, docs, rows)
