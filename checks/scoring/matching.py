"""Match predicted mentions to gold mentions under the four SemEval-2013 9.1 schemes.

Schemes (nervaluate's definitions): for a predicted span overlapping a gold span,
  strict   correct when offsets and label are equal, else incorrect
  exact    correct when offsets are equal, else incorrect
  partial  correct when offsets are equal, else partial (counts 0.5)
  type     correct when labels are equal, else incorrect
A prediction overlapping no gold span is spurious; a gold span no prediction took is missed.

Matching is one-to-one and deterministic. Where every prediction overlaps at most one
gold span and the other way round (nearly always), each pair stands alone and is scored in
one vectorized pass; these results equal nervaluate's. Where spans compete (one gold span
overlapped by two predictions, or the reverse), nervaluate's result depends on the order
of the input lists (its issues #39/#40); tally instead takes pairs best first: correct
before partial/incorrect, then the smallest boundary distance, then the earliest position.
Offsets are half-open code points: [start, end) overlaps [s, e) when start < e and s < end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SCHEMES = ("strict", "exact", "partial", "type")
OUTCOMES = ("correct", "incorrect", "partial", "missed", "spurious")


CORRECT, INCORRECT, PARTIAL, MISSED, SPURIOUS = range(5)


@dataclass(frozen=True)
class Outcomes:
    """For one scheme, every gold and every predicted row's outcome (codes index OUTCOMES):
    all that the counts need, whether from one match or from pieces put together."""

    pred_outcome: np.ndarray  # per prediction row (SPURIOUS when it took nothing)
    gold_outcome: np.ndarray  # per gold row (MISSED when nothing took it)

    def outcome_names(self, side: str) -> np.ndarray:
        codes = self.gold_outcome if side == "gold" else self.pred_outcome
        return np.array(OUTCOMES, dtype=object)[codes]


@dataclass(frozen=True)
class Matches(Outcomes):
    """For one scheme: which prediction took which gold mention, and how."""

    pred: np.ndarray  # rows of the taken pairs
    gold: np.ndarray
    outcome: np.ndarray


@dataclass(frozen=True)
class Pairs:
    """Every overlapping (pred row, gold row) in one document, with what the schemes need."""

    pred: np.ndarray
    gold: np.ndarray
    same_span: np.ndarray
    same_label: np.ndarray
    distance: np.ndarray
    gold_start: np.ndarray
    pred_start: np.ndarray
    n_pred: int
    n_gold: int

    @property
    def alone(self) -> np.ndarray:
        """Pairs whose prediction and gold span overlap nothing else: scored independently."""
        pred_deg = np.bincount(self.pred, minlength=self.n_pred)
        gold_deg = np.bincount(self.gold, minlength=self.n_gold)
        return (pred_deg[self.pred] == 1) & (gold_deg[self.gold] == 1)


def candidate_pairs(gold: pd.DataFrame, pred: pd.DataFrame) -> Pairs:
    """An interval join: documents laid end to end on one line, gold spans sorted by start;
    each prediction looks only at gold spans starting less than the longest gold span of
    its document before it."""
    docs, _ = pd.factorize(pd.concat([gold["doc_id"], pred["doc_id"]], ignore_index=True))
    gdoc, pdoc = docs[: len(gold)].astype(np.int64), docs[len(gold) :].astype(np.int64)
    width = (
        int(max(gold["end"].max() if len(gold) else 0, pred["end"].max() if len(pred) else 0)) + 2
    )
    gs = gdoc * width + gold["start"].to_numpy(np.int64)
    ge = gdoc * width + gold["end"].to_numpy(np.int64)
    ps = pdoc * width + pred["start"].to_numpy(np.int64)
    pe = pdoc * width + pred["end"].to_numpy(np.int64)
    order = np.argsort(gs, kind="stable")
    gs_sorted = gs[order]
    longest = np.zeros(int(docs.max(initial=-1)) + 1, dtype=np.int64)
    np.maximum.at(longest, gdoc, ge - gs)
    lo = np.searchsorted(gs_sorted, ps - longest[pdoc], side="left")
    hi = np.searchsorted(gs_sorted, np.maximum(pe, ps + 1), side="left")
    n = np.maximum(hi - lo, 0)
    p_idx = np.repeat(np.arange(len(pred)), n)
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    g_idx = order[np.repeat(lo, n) + offsets]
    same_span = (gs[g_idx] == ps[p_idx]) & (ge[g_idx] == pe[p_idx])
    keep = ((ps[p_idx] < ge[g_idx]) & (gs[g_idx] < pe[p_idx])) | same_span
    p_idx, g_idx, same_span = p_idx[keep], g_idx[keep], same_span[keep]
    labels, _ = pd.factorize(pd.concat([gold["label"], pred["label"]], ignore_index=True))
    glab, plab = labels[: len(gold)], labels[len(gold) :]
    return Pairs(
        pred=p_idx,
        gold=g_idx,
        same_span=same_span,
        same_label=glab[g_idx] == plab[p_idx],
        distance=np.abs(ps[p_idx] - gs[g_idx]) + np.abs(pe[p_idx] - ge[g_idx]),
        gold_start=gs[g_idx],
        pred_start=ps[p_idx],
        n_pred=len(pred),
        n_gold=len(gold),
    )


def _category(pairs: Pairs, scheme: str) -> np.ndarray:
    span, label = pairs.same_span, pairs.same_label
    correct = {"strict": span & label, "exact": span, "partial": span, "type": label}[scheme]
    return np.where(correct, CORRECT, PARTIAL if scheme == "partial" else INCORRECT)


def match(pairs: Pairs, scheme: str, alone: np.ndarray | None = None) -> Matches:
    category = _category(pairs, scheme)
    alone = pairs.alone if alone is None else alone
    pred, gold, outcome = pairs.pred[alone], pairs.gold[alone], category[alone]
    if not alone.all():
        p2, g2, o2 = _best_first(pairs, category, ~alone)
        pred, gold, outcome = (np.concatenate([pred, p2]), np.concatenate([gold, g2]),
                               np.concatenate([outcome, o2]))  # fmt: skip
    pred_outcome = np.full(pairs.n_pred, SPURIOUS, dtype=np.int64)
    gold_outcome = np.full(pairs.n_gold, MISSED, dtype=np.int64)
    pred_outcome[pred] = outcome
    gold_outcome[gold] = outcome
    return Matches(pred_outcome, gold_outcome, pred, gold, outcome)


def _best_first(pairs: Pairs, category: np.ndarray, contested: np.ndarray):
    """One-to-one, best pairs first; only competing spans come here, so the loop is short."""
    idx = np.flatnonzero(contested)
    rank = np.lexsort(
        (
            pairs.pred[idx],
            pairs.gold[idx],
            pairs.pred_start[idx],
            pairs.gold_start[idx],
            pairs.distance[idx],
            category[idx] != CORRECT,
        )
    )
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    keep = []
    for i in idx[rank]:
        p, g = int(pairs.pred[i]), int(pairs.gold[i])
        if p in used_pred or g in used_gold:
            continue
        used_pred.add(p)
        used_gold.add(g)
        keep.append(i)
    keep = np.array(keep, dtype=np.int64)
    return pairs.pred[keep], pairs.gold[keep], category[keep]


def counts(m: Outcomes) -> dict[str, int]:
    gold = np.bincount(m.gold_outcome, minlength=5)
    pred = np.bincount(m.pred_outcome, minlength=5)
    return {
        "correct": int(gold[CORRECT]),
        "incorrect": int(gold[INCORRECT]),
        "partial": int(gold[PARTIAL]),
        "missed": int(gold[MISSED]),
        "spurious": int(pred[SPURIOUS]),
    }


def group_codes(gold_keys: pd.Series, pred_keys: pd.Series) -> tuple:
    """(gold codes, predicted codes, distinct keys): one hash pass, reused by every scheme."""
    keys = np.concatenate([gold_keys.to_numpy(dtype=object), pred_keys.to_numpy(dtype=object)])
    codes, labels = pd.factorize(keys)
    return codes[: len(gold_keys)], codes[len(gold_keys) :], labels


def counts_by_label(
    m: Outcomes, gold_labels: pd.Series, pred_labels: pd.Series, coded: tuple | None = None
) -> dict:
    """Correct, incorrect, partial and missed under the gold label; spurious under the
    predicted label (SPEC §6). `coded`: `group_codes` of the two label columns, if known."""
    g, p, labels = coded if coded is not None else group_codes(gold_labels, pred_labels)
    k = len(labels)
    grid_g = np.bincount(g * 5 + m.gold_outcome, minlength=k * 5).reshape(k, 5)
    grid_p = np.bincount(p * 5 + m.pred_outcome, minlength=k * 5).reshape(k, 5)
    out = {}
    for i in np.argsort(np.array(labels, dtype=str)):
        row = {name: int(grid_g[i, code]) for code, name in enumerate(OUTCOMES[:4])}
        row["spurious"] = int(grid_p[i, SPURIOUS])
        out[str(labels[i])] = row
    return out


def ratios(c: dict[str, int], scheme: str) -> dict:
    """Precision, recall and F1 from raw counts (partial counts half in partial/type)."""
    actual = c["correct"] + c["incorrect"] + c["partial"] + c["spurious"]
    possible = c["correct"] + c["incorrect"] + c["partial"] + c["missed"]
    hit = c["correct"] + (0.5 * c["partial"] if scheme in ("partial", "type") else 0)
    precision = hit / actual if actual else 0.0
    recall = hit / possible if possible else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "tp": hit, "fp": actual - hit, "fn": possible - hit}  # fmt: skip
