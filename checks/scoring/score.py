"""SPEC §6: score an extractor's facts against the gold.

The report is plain data (the JSON of `tally score`): raw counts, ratios derived from
them, and the detail behind every count (which gold and predicted mention, in which
document), so that a baseline comparison can say what was fixed and what broke.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from checks.engine import gc_paused, run_checks
from checks.facts import Facts, InputError
from checks.intervals import DEFAULT_TOLERANCE
from checks.readers.load import borrow_from_gold
from checks.schema import BOUNDED_QUALIFIERS, RELATIONS
from checks.scoring.matching import (
    CORRECT,
    SCHEMES,
    SPURIOUS,
    candidate_pairs,
    counts,
    counts_by_label,
    match,
    ratios,
)


@dataclass(frozen=True)
class ScoreInput:
    gold: Facts
    pred: Facts


def align(gold: Facts, pred: Facts) -> ScoreInput:
    """Predictions for unknown documents are an error; missing documents score as missed."""
    known = set(gold.documents["doc_id"])
    unknown = pred.documents[~pred.documents["doc_id"].isin(known)]
    if len(unknown):
        row = unknown.iloc[0]
        raise InputError(str(row["origin"]), f"prediction for unknown doc_id {row['doc_id']!r} "
                         f"(not in the gold)")  # fmt: skip
    return ScoreInput(gold, borrow_from_gold(pred, gold))


def score(gold: Facts, pred: Facts, *, value_tolerance: float = 0.0,
          about_tolerance: Fraction = DEFAULT_TOLERANCE) -> dict:  # fmt: skip
    with gc_paused():
        return _score(gold, pred, value_tolerance, about_tolerance)


def _score(gold: Facts, pred: Facts, value_tolerance: float, about_tolerance: Fraction) -> dict:
    data = align(gold, pred)
    g, p = data.gold.mentions, data.pred.mentions
    pairs = candidate_pairs(g, p)
    alone = pairs.alone
    schemes = {s: match(pairs, s, alone) for s in SCHEMES}
    g_labels, p_labels = g["label"], p["label"]
    mentions: dict = {}
    by_label: dict = {}
    for s, m in schemes.items():
        c = counts(m)
        mentions[s] = {**ratios(c, s), **c}
        by_label[s] = {
            label: {**ratios(lc, s), **lc}
            for label, lc in counts_by_label(m, g_labels, p_labels).items()
        }
    mentions["by_label"] = by_label
    m = schemes["strict"]
    ok = m.outcome == CORRECT
    strict = pd.DataFrame({"gold": m.gold[ok], "pred": m.pred[ok]})
    violations = run_checks(data.pred, about_tolerance).violations
    return {
        "documents": {"gold": len(data.gold.documents), "pred": len(data.pred.documents)},
        "mentions": mentions,
        "values": values(g, p, strict, value_tolerance),
        "relations": relations(data.gold, data.pred, strict),
        "violations": len(violations),
        "violations_by_rule": {k: int(v) for k, v in
                               violations["rule"].value_counts().sort_index().items()},
        "detail": detail(g, p, schemes, violations),
    }  # fmt: skip


def values(g: pd.DataFrame, p: pd.DataFrame, strict: pd.DataFrame, tolerance: float) -> dict:
    """Value and qualifier accuracy over QUANTITY mentions matched under strict."""
    q = strict[(g["label"].to_numpy()[strict["gold"]] == "QUANTITY")]
    gi, pi = q["gold"].to_numpy(), q["pred"].to_numpy()
    gq = g["qualifier"].fillna("exact").to_numpy()[gi]
    pq = p["qualifier"].fillna("exact").to_numpy()[pi]
    close = same_values(g, p, gi, pi, tolerance)
    n = len(q)
    return {
        "matched": n,
        "value_accuracy": float(close.mean()) if n else None,
        "qualifier_accuracy": float((gq == pq).mean()) if n else None,
        "value_correct": int(close.sum()),
        "qualifier_correct": int((gq == pq).sum()),
    }


def same_values(
    g: pd.DataFrame, p: pd.DataFrame, gi: np.ndarray, pi: np.ndarray, tolerance: float = 0.0
) -> np.ndarray:
    """Per matched pair (g row gi, p row pi): the values agree (relative tolerance; both
    missing agrees), and for a range/vague prediction `low` and `high` are equal too."""
    gv, pv = g["value"].to_numpy()[gi], p["value"].to_numpy()[pi]
    close = np.abs(pv - gv) <= tolerance * np.abs(gv)
    close = np.where(np.isnan(gv) & np.isnan(pv), True, close)
    bounded = np.isin(p["qualifier"].fillna("exact").to_numpy()[pi], list(BOUNDED_QUALIFIERS))
    for col in ("low", "high"):
        a, b = g[col].to_numpy()[gi], p[col].to_numpy()[pi]
        same = (a == b) | (np.isnan(a) & np.isnan(b))
        close &= ~bounded | same
    return close


def _relation_keys(r: pd.DataFrame, ids: pd.Series | None = None) -> pd.DataFrame:
    """(doc_id, from, to, type), with same_as made undirected and duplicates dropped."""
    src, dst = r["from"].to_numpy(dtype=object), r["to"].to_numpy(dtype=object)
    if ids is not None:  # map predicted mention ids to the gold ids they matched
        key = r["doc_id"].astype(str) + "\x00"
        src = (key + r["from"].astype(str)).map(ids).to_numpy(dtype=object)
        dst = (key + r["to"].astype(str)).map(ids).to_numpy(dtype=object)
    sym = r["type"].to_numpy() == "same_as"
    swap = sym & pd.notna(src) & pd.notna(dst) & (src.astype(str) > dst.astype(str))
    src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
    out = pd.DataFrame({"doc_id": r["doc_id"].to_numpy(), "from": src, "to": dst,
                        "type": r["type"].to_numpy()})  # fmt: skip
    return out.drop_duplicates().reset_index(drop=True)


def relations(gold: Facts, pred: Facts, strict: pd.DataFrame) -> dict:
    g, p = gold.mentions, pred.mentions
    to_gold = pd.Series(
        g["id"].to_numpy()[strict["gold"]],
        index=(p["doc_id"].astype(str) + "\x00" + p["id"].astype(str)).to_numpy()[strict["pred"]],
    )
    gk = _relation_keys(gold.relations)
    pk = _relation_keys(pred.relations, to_gold)
    hit = pk.merge(gk.assign(gold=True), on=["doc_id", "from", "to", "type"], how="left")
    hit["gold"] = hit["gold"].fillna(False).astype(bool)
    out = _prf(int(hit["gold"].sum()), len(pk), len(gk))
    out["by_type"] = {
        t: _prf(int(hit.loc[hit["type"] == t, "gold"].sum()), int((pk["type"] == t).sum()),
                int((gk["type"] == t).sum()))
        for t in RELATIONS if (pk["type"] == t).any() or (gk["type"] == t).any()
    }  # fmt: skip
    return out


def _prf(tp: int, predicted: int, gold: int) -> dict:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp,
            "fp": predicted - tp, "fn": gold - tp}  # fmt: skip


def detail(g: pd.DataFrame, p: pd.DataFrame, schemes: dict, violations: pd.DataFrame) -> dict:
    """What every count is made of, as columns (one list per field, one entry per mention).

    gold: each gold mention's outcome in every scheme (`outcome` is strict's) and the
    prediction that took it under strict; pred: the same for each prediction; spurious:
    the predictions strict found no gold for; violations: the rules on the predictions.
    A baseline comparison diffs these; `rows()` reads them back as records.
    """
    strict = schemes["strict"]
    pred_ids = np.append(p["id"].to_numpy(dtype=object), None)
    gold_ids = np.append(g["id"].to_numpy(dtype=object), None)
    took = np.full(len(g), -1)
    took[strict.gold] = strict.pred
    taken_by = np.full(len(p), -1)
    taken_by[strict.pred] = strict.gold
    gold_cols = _columns(g, schemes, "gold", "pred", pred_ids[took])
    pred_cols = _columns(p, schemes, "pred", "gold", gold_ids[taken_by])
    spurious = strict.pred_outcome == SPURIOUS
    v = violations
    return {
        "gold": gold_cols,
        "pred": pred_cols,
        "spurious": {k: np.asarray(col, dtype=object)[spurious].tolist()
                     for k, col in pred_cols.items()},
        "violations": {"rule": v["rule"].tolist(), "severity": v["severity"].tolist(),
                       "doc_id": v["doc_id"].tolist(),
                       "mentions": [list(x) for x in v["mentions"]],
                       "message": v["message"].tolist()},
    }  # fmt: skip


def _columns(m: pd.DataFrame, schemes: dict, me: str, other: str, partner: np.ndarray) -> dict:
    cols = {
        "doc_id": m["doc_id"].tolist(),
        me: m["id"].tolist(),
        "start": m["start"].tolist(),
        "end": m["end"].tolist(),
        "label": m["label"].tolist(),
        "text": m["text"].tolist(),
        "outcome": schemes["strict"].outcome_names(me).tolist(),
    }
    for name, scheme in schemes.items():
        cols[name] = scheme.outcome_names(me).tolist()
    cols[other] = partner.tolist()
    return cols


def rows(columns: dict) -> list[dict]:
    """Records from a detail table kept as columns."""
    keys = list(columns)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]
