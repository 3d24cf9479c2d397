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


@dataclass(frozen=True)
class Matches:
    """For one scheme: which prediction took which gold mention, and how."""

    pairs: pd.DataFrame  # pred (row), gold (row), outcome: correct | incorrect | partial
    pred_outcome: np.ndarray  # per prediction row: an outcome or "spurious"
    gold_outcome: np.ndarray  # per gold row: an outcome or "missed"


def candidate_pairs(gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Every (pred row, gold row) in one document whose spans overlap, with the facts the
    schemes need."""
    g = pd.DataFrame({"doc": gold["doc_id"].to_numpy(), "gold": np.arange(len(gold)),
                      "gs": gold["start"].to_numpy(), "ge": gold["end"].to_numpy(),
                      "gl": gold["label"].to_numpy()})  # fmt: skip
    p = pd.DataFrame({"doc": pred["doc_id"].to_numpy(), "pred": np.arange(len(pred)),
                      "ps": pred["start"].to_numpy(), "pe": pred["end"].to_numpy(),
                      "pl": pred["label"].to_numpy()})  # fmt: skip
    pairs = p.merge(g, on="doc")
    same_span = (pairs["ps"] == pairs["gs"]) & (pairs["pe"] == pairs["ge"])
    overlap = ((pairs["ps"] < pairs["ge"]) & (pairs["gs"] < pairs["pe"])) | same_span
    pairs = pairs[overlap.to_numpy()].reset_index(drop=True)
    pairs["same_span"] = same_span[overlap.to_numpy()].to_numpy()
    pairs["same_label"] = (pairs["pl"] == pairs["gl"]).to_numpy()
    pairs["distance"] = (pairs["ps"] - pairs["gs"]).abs() + (pairs["pe"] - pairs["ge"]).abs()
    return pairs


def _category(pairs: pd.DataFrame, scheme: str) -> np.ndarray:
    span, label = pairs["same_span"].to_numpy(), pairs["same_label"].to_numpy()
    correct = {"strict": span & label, "exact": span, "partial": span, "type": label}[scheme]
    other = "partial" if scheme == "partial" else "incorrect"
    return np.where(correct, "correct", other)


def match(pairs: pd.DataFrame, n_gold: int, n_pred: int, scheme: str) -> Matches:
    category = _category(pairs, scheme)
    pred_deg = np.bincount(pairs["pred"], minlength=n_pred)
    gold_deg = np.bincount(pairs["gold"], minlength=n_gold)
    alone = (pred_deg[pairs["pred"]] == 1) & (gold_deg[pairs["gold"]] == 1)
    chosen = [pairs.loc[alone, ["pred", "gold"]].assign(outcome=category[alone])]
    contested = pairs[~alone].assign(outcome=category[~alone])
    if len(contested):
        chosen.append(_best_first(contested))
    taken = pd.concat(chosen, ignore_index=True)
    pred_outcome = np.full(n_pred, "spurious", dtype=object)
    gold_outcome = np.full(n_gold, "missed", dtype=object)
    pred_outcome[taken["pred"].to_numpy()] = taken["outcome"].to_numpy()
    gold_outcome[taken["gold"].to_numpy()] = taken["outcome"].to_numpy()
    return Matches(taken, pred_outcome, gold_outcome)


def _best_first(contested: pd.DataFrame) -> pd.DataFrame:
    """One-to-one, best pairs first; only competing spans come here, so the loop is short."""
    ranked = contested.assign(rank=(contested["outcome"] != "correct").astype(int))
    ranked = ranked.sort_values(["rank", "distance", "gs", "ps", "gold", "pred"], kind="stable")
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    keep = []
    for i, p, g in zip(ranked.index, ranked["pred"], ranked["gold"], strict=True):
        if p in used_pred or g in used_gold:
            continue
        used_pred.add(p)
        used_gold.add(g)
        keep.append(i)
    return ranked.loc[keep, ["pred", "gold", "outcome"]]


def counts(m: Matches) -> dict[str, int]:
    pred = pd.Series(m.pred_outcome).value_counts()
    gold = pd.Series(m.gold_outcome).value_counts()
    return {
        "correct": int(gold.get("correct", 0)),
        "incorrect": int(gold.get("incorrect", 0)),
        "partial": int(gold.get("partial", 0)),
        "missed": int(gold.get("missed", 0)),
        "spurious": int(pred.get("spurious", 0)),
    }


def counts_by_label(m: Matches, gold_labels: np.ndarray, pred_labels: np.ndarray) -> dict:
    """Correct, incorrect, partial and missed under the gold label; spurious under the
    predicted label (SPEC §6)."""
    g = pd.crosstab(pd.Series(gold_labels, name="label"), pd.Series(m.gold_outcome, name="o"))
    p = pd.crosstab(pd.Series(pred_labels, name="label"), pd.Series(m.pred_outcome, name="o"))
    labels = sorted(set(g.index) | set(p.index))
    out = {}
    for label in labels:
        row = {o: int(g.at[label, o]) if label in g.index and o in g.columns else 0
               for o in ("correct", "incorrect", "partial", "missed")}  # fmt: skip
        row["spurious"] = (
            int(p.at[label, "spurious"]) if label in p.index and "spurious" in p.columns else 0
        )
        out[label] = row
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
