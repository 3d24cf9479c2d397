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
from checks.lookup import positions
from checks.readers.load import borrow_from_gold
from checks.schema import BOUNDED_QUALIFIERS, RELATIONS
from checks.scoring.matching import (
    CORRECT,
    OUTCOMES,
    SCHEMES,
    SPURIOUS,
    candidate_pairs,
    counts,
    counts_by_label,
    group_codes,
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
    coded = group_codes(g_labels, p_labels)
    mentions: dict = {}
    by_label: dict = {}
    for s, m in schemes.items():
        c = counts(m)
        mentions[s] = {**ratios(c, s), **c}
        by_label[s] = {
            label: {**ratios(lc, s), **lc}
            for label, lc in counts_by_label(m, g_labels, p_labels, coded).items()
        }
    mentions["by_label"] = by_label
    m = schemes["strict"]
    ok = m.outcome == CORRECT
    strict = pd.DataFrame({"gold": m.gold[ok], "pred": m.pred[ok]})
    violations = run_checks(data.pred, about_tolerance).violations
    value_hits = _value_hits(g, p, strict, value_tolerance)
    relation_hits = _relation_hits(data.gold, data.pred, strict)
    return {
        "documents": {"gold": len(data.gold.documents), "pred": len(data.pred.documents)},
        "mentions": mentions,
        "values": values(g, p, strict, value_tolerance, value_hits),
        "relations": relations(data.gold, data.pred, strict, relation_hits),
        "violations": len(violations),
        "violations_by_rule": {k: int(v) for k, v in
                               violations["rule"].value_counts().sort_index().items()},
        "detail": {**detail(g, p, schemes, violations),
                   "value_errors": value_errors(g, p, value_hits)},
        "per_document": per_document(data.gold.documents["doc_id"], g, p, schemes,
                                     value_hits, relation_hits),
    }  # fmt: skip


def per_document(doc_ids: pd.Series, g: pd.DataFrame, p: pd.DataFrame, schemes: dict,
                 value_hits: pd.DataFrame, relation_hits: tuple) -> dict:  # fmt: skip
    """Every count behind the headline metrics, per gold document, as columns.

    The metrics are ratios of counts summed over documents, so these columns are all a
    significance test needs to recompute them on resampled or swapped document sets."""
    docs = pd.Index(doc_ids.to_numpy(dtype=object), dtype=object)  # doc_ids are slugs (str)
    n = len(docs)

    def codes(doc: pd.Series) -> np.ndarray:
        return positions(docs, doc)

    def per_doc(code: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(code, weights=weights, minlength=n).astype(np.int64)

    cols: dict[str, np.ndarray] = {}
    gdoc, pdoc = codes(g["doc_id"]), codes(p["doc_id"])
    for name, m in schemes.items():
        # one bincount per scheme and side: a document × outcome grid
        k = len(OUTCOMES)
        grid = np.bincount(gdoc * k + m.gold_outcome, minlength=n * k).reshape(n, k)
        pgrid = np.bincount(pdoc * k + m.pred_outcome, minlength=n * k).reshape(n, k)
        for code, outcome in enumerate(OUTCOMES[:4]):
            cols[f"{name}_{outcome}"] = grid[:, code]
        cols[f"{name}_spurious"] = pgrid[:, SPURIOUS]
    vdoc = codes(value_hits["doc_id"])
    cols["values_matched"] = per_doc(vdoc)
    cols["value_correct"] = per_doc(vdoc, value_hits["value"].to_numpy(float))
    cols["qualifier_correct"] = per_doc(vdoc, value_hits["qualifier"].to_numpy(float))
    hit, gk = relation_hits
    hdoc = codes(hit["doc_id"])
    tp = per_doc(hdoc, hit["gold"].to_numpy(float))
    cols["relations_tp"] = tp
    cols["relations_fp"] = per_doc(hdoc) - tp
    cols["relations_fn"] = per_doc(codes(gk["doc_id"])) - tp
    return {"doc_id": docs.tolist(), **{k: v.tolist() for k, v in cols.items()}}


def _value_hits(
    g: pd.DataFrame, p: pd.DataFrame, strict: pd.DataFrame, tolerance: float
) -> pd.DataFrame:
    """One row per QUANTITY matched under strict: its document, whether the value (with
    low/high for range/vague) and the qualifier agree."""
    q = strict[(g["label"].to_numpy()[strict["gold"]] == "QUANTITY")]
    gi, pi = q["gold"].to_numpy(), q["pred"].to_numpy()
    gq, pq = _qualifiers(g, gi), _qualifiers(p, pi)
    close = same_values(g, p, gi, pi, tolerance)
    return pd.DataFrame({"doc_id": g["doc_id"].to_numpy()[gi], "gold_row": gi, "pred_row": pi,
                         "value": close, "qualifier": gq == pq})  # fmt: skip


def _qualifiers(m: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """The qualifiers at `rows`, a missing one read as exact (only those rows filled)."""
    q = m["qualifier"].to_numpy(dtype=object)[rows]
    return np.where(pd.isna(q), "exact", q)


def same_values(
    g: pd.DataFrame, p: pd.DataFrame, gi: np.ndarray, pi: np.ndarray, tolerance: float = 0.0
) -> np.ndarray:
    """Per matched pair (g row gi, p row pi): the values agree (relative tolerance; both
    missing agrees), and for a range/vague prediction `low` and `high` are equal too."""
    gv, pv = g["value"].to_numpy()[gi], p["value"].to_numpy()[pi]
    close = np.abs(pv - gv) <= tolerance * np.abs(gv)
    close = np.where(np.isnan(gv) & np.isnan(pv), True, close)
    bounded = np.isin(_qualifiers(p, pi), list(BOUNDED_QUALIFIERS))
    for col in ("low", "high"):
        a, b = g[col].to_numpy()[gi], p[col].to_numpy()[pi]
        same = (a == b) | (np.isnan(a) & np.isnan(b))
        close &= ~bounded | same
    return close


def value_errors(g: pd.DataFrame, p: pd.DataFrame, hits: pd.DataFrame) -> dict:
    """Strict matches whose value (or low/high) or qualifier differs, gold beside predicted:
    right offsets and label but a wrong figure is still wrong for a reader."""
    bad = hits[~(hits["value"] & hits["qualifier"])]
    gi, pi = bad["gold_row"].to_numpy(), bad["pred_row"].to_numpy()

    def col(frame: pd.DataFrame, name: str, rows: np.ndarray) -> list:
        x = frame[name].to_numpy(dtype=object)[rows]
        return [None if v is None or v != v else v for v in x]

    out = {
        "doc_id": bad["doc_id"].tolist(),
        "gold": col(g, "id", gi),
        "pred": col(p, "id", pi),
        "text": col(g, "text", gi),
        "value_ok": bad["value"].tolist(),
        "qualifier_ok": bad["qualifier"].tolist(),
    }
    for side, frame, rows in (("gold", g, gi), ("pred", p, pi)):
        for name in ("value", "qualifier", "low", "high"):
            out[f"{side}_{name}"] = col(frame, name, rows)
    return out


def values(g: pd.DataFrame, p: pd.DataFrame, strict: pd.DataFrame, tolerance: float,
           hits: pd.DataFrame | None = None) -> dict:  # fmt: skip
    """Value and qualifier accuracy over QUANTITY mentions matched under strict."""
    if hits is None:
        hits = _value_hits(g, p, strict, tolerance)
    close, same_q = hits["value"].to_numpy(bool), hits["qualifier"].to_numpy(bool)
    n = len(hits)
    return {
        "matched": n,
        "value_accuracy": float(close.mean()) if n else None,
        "qualifier_accuracy": float(same_q.mean()) if n else None,
        "value_correct": int(close.sum()),
        "qualifier_correct": int(same_q.sum()),
    }


def _relation_hits(gold: Facts, pred: Facts, strict: pd.DataFrame) -> tuple:
    """(predicted relation keys with `gold` = found in the gold, gold relation keys).

    A key is (doc_id, from, to, type) with same_as made undirected and duplicates dropped;
    predicted endpoints become the gold mention their mention matched under strict. Keys
    are compared as integer codes: one hash pass per column, not string keys per row."""
    g, p, gr, pr = gold.mentions, pred.mentions, gold.relations, pred.relations
    docs = pd.Index(gold.documents["doc_id"].to_numpy(dtype=object), dtype=object)
    # Predicted mentions and relation endpoints as (document, id) codes, ids read as text.
    ids = pd.concat([p["id"], pr["from"], pr["to"]], ignore_index=True).to_numpy(dtype=object)
    id_code = pd.factorize(ids.astype(str))[0].astype(np.int64)
    width = int(id_code.max(initial=0)) + 1
    n_p, n_r = len(p), len(pr)
    p_key = positions(docs, p["doc_id"]).astype(np.int64) * width + id_code[:n_p]
    matched = pd.Index(p_key[strict["pred"].to_numpy()])
    r_doc = positions(docs, pr["doc_id"]).astype(np.int64) * width
    gold_row = np.append(strict["gold"].to_numpy(), -1)  # position -1: matched nothing
    g_ids = np.append(g["id"].to_numpy(dtype=object), None)
    src = g_ids[gold_row[matched.get_indexer(r_doc + id_code[n_p : n_p + n_r])]]
    dst = g_ids[gold_row[matched.get_indexer(r_doc + id_code[n_p + n_r :])]]
    # Gold keys, then predicted keys, coded together.
    cols = [np.concatenate([r[c].to_numpy(dtype=object) for r in (gr, pr)]) for c in
            ("doc_id", "type")]  # fmt: skip
    doc, rtype = cols
    frm = np.concatenate([gr["from"].to_numpy(dtype=object), src])
    to = np.concatenate([gr["to"].to_numpy(dtype=object), dst])
    swap = (rtype == "same_as") & pd.notna(frm) & pd.notna(to)
    swap[swap] = frm[swap].astype(str) > to[swap].astype(str)
    frm, to = np.where(swap, to, frm), np.where(swap, frm, to)
    code = np.zeros(len(doc), dtype=np.int64)
    for col in (doc, frm, to, rtype):
        c = pd.factorize(col, use_na_sentinel=False)[0]
        code = pd.factorize(code * (int(c.max(initial=0)) + 1) + c)[0].astype(np.int64)
    n_g = len(gr)
    g_first = ~pd.Series(code[:n_g]).duplicated().to_numpy()
    p_first = ~pd.Series(code[n_g:]).duplicated().to_numpy()

    def keys(rows: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame({"doc_id": doc[rows], "from": frm[rows], "to": to[rows],
                             "type": rtype[rows]}, dtype=object)  # fmt: skip

    gk = keys(np.flatnonzero(g_first))
    hit = keys(n_g + np.flatnonzero(p_first))
    hit["gold"] = np.isin(code[n_g:][p_first], code[:n_g])
    return hit, gk


def relations(gold: Facts, pred: Facts, strict: pd.DataFrame, hits: tuple | None = None) -> dict:
    hit, gk = _relation_hits(gold, pred, strict) if hits is None else hits
    found = hit["gold"].to_numpy(dtype=bool)
    out = prf(int(found.sum()), len(hit), len(gk))
    predicted = hit["type"].value_counts()
    true = hit["type"][found].value_counts()
    in_gold = gk["type"].value_counts()
    out["by_type"] = {
        t: prf(int(true.get(t, 0)), int(predicted.get(t, 0)), int(in_gold.get(t, 0)))
        for t in RELATIONS
        if predicted.get(t, 0) or in_gold.get(t, 0)
    }
    return out


def prf(tp: int, predicted: int, gold: int) -> dict:
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
        "gold": {k: col.tolist() for k, col in gold_cols.items()},
        "pred": {k: col.tolist() for k, col in pred_cols.items()},
        "spurious": {k: col[spurious].tolist() for k, col in pred_cols.items()},
        "violations": {"rule": v["rule"].tolist(), "severity": v["severity"].tolist(),
                       "doc_id": v["doc_id"].tolist(),
                       "mentions": [list(x) for x in v["mentions"]],
                       "message": v["message"].tolist()},
    }  # fmt: skip


def _columns(
    m: pd.DataFrame, schemes: dict, me: str, other: str, partner: np.ndarray
) -> dict[str, np.ndarray]:
    cols = {
        "doc_id": m["doc_id"].to_numpy(),
        me: m["id"].to_numpy(),
        "start": m["start"].to_numpy(),
        "end": m["end"].to_numpy(),
        "label": m["label"].to_numpy(),
        "text": m["text"].to_numpy(),
        "outcome": schemes["strict"].outcome_names(me),
    }
    for name, scheme in schemes.items():
        cols[name] = scheme.outcome_names(me)
    cols[other] = partner
    return cols


def rows(columns: dict) -> list[dict]:
    """Records from a detail table kept as columns."""
    keys = list(columns)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]
