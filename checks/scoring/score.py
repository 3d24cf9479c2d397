"""SPEC §6: score an extractor's facts against the gold.

The report is plain data (the JSON of `tally score`): raw counts, ratios derived from
them, and the detail behind every count (which gold and predicted mention, in which
document), so that a baseline comparison can say what was fixed and what broke.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from checks.engine import gc_paused, run_checks, sort_violations
from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE
from checks.lookup import endpoint_rows, positions
from checks.notices import Notices
from checks.readers.load import borrow_from_gold
from checks.rules.registry import VIOLATION_COLUMNS
from checks.schema import BOUNDED_QUALIFIERS, RELATIONS
from checks.scoring.gold_index import GoldIndex
from checks.scoring.matching import (
    CORRECT,
    OUTCOMES,
    SCHEMES,
    SPURIOUS,
    Outcomes,
    candidate_pairs,
    counts,
    counts_by_label,
    group_codes,
    match,
    ratios,
)


@dataclass(frozen=True)
class ScoreOptions:
    value_tolerance: float = 0.0
    about_tolerance: Fraction = DEFAULT_TOLERANCE


def score(gold: Facts, pred: Facts, *, value_tolerance: float = 0.0,
          about_tolerance: Fraction = DEFAULT_TOLERANCE) -> dict:  # fmt: skip
    """The whole report in one pass: one part holding every document (the streamed run
    assembles many parts with the same code)."""
    index = GoldIndex(gold)
    options = ScoreOptions(value_tolerance, about_tolerance)
    with gc_paused():
        return assemble(index, [score_part(index, pred, options, all_gold=True)])


@dataclass
class Part:
    """What a piece of predictions (whole documents) contributes to the report: outcome
    codes and row numbers, no strings the driver already holds. Gold rows and documents are
    global positions in the gold; prediction rows are the part's own, in input order."""

    gold_docs: np.ndarray  # gold documents scored here
    pred_docs: int  # predicted documents in it
    gold_rows: np.ndarray  # global gold mention rows
    gold_outcome: np.ndarray  # (scheme, gold row) outcome codes
    gold_partner: np.ndarray  # the prediction row strict matched to it, -1
    pred_doc: np.ndarray  # per prediction: its document's gold position
    pred_columns: dict[str, np.ndarray]  # id, start, end, label, text
    pred_outcome: np.ndarray  # (scheme, prediction row)
    pred_partner: np.ndarray  # the global gold row strict matched to it, -1
    value_hits: dict[str, np.ndarray]  # gold_row (global), value, qualifier
    value_errors: dict[str, list]  # in gold row order
    relations_pred: dict[str, np.ndarray]  # doc, type, gold (found in the gold)
    relations_gold: dict[str, np.ndarray]  # doc, type
    violations: pd.DataFrame
    notices: Notices = field(default_factory=Notices)


def score_part(index: GoldIndex, pred: Facts, options: ScoreOptions,
               extra_gold: np.ndarray | None = None, all_gold: bool = False) -> Part:  # fmt: skip
    """Score predictions for some documents against their gold. The part covers the gold
    of every predicted document, plus `extra_gold` (gold documents nobody predicted:
    their mentions are missed), or the whole gold with `all_gold`."""
    at = index.locate(pred)
    docs = np.arange(len(index)) if all_gold else at
    if extra_gold is not None:
        docs = np.concatenate([docs, extra_gold])
    gp = index.part(docs)
    gold = gp.facts
    pred = borrow_from_gold(pred, gold)
    g, p = gold.mentions, pred.mentions
    pairs = candidate_pairs(g, p)
    alone = pairs.alone
    schemes = [match(pairs, s, alone) for s in SCHEMES]
    m = schemes[0]  # strict
    ok = m.outcome == CORRECT
    strict = pd.DataFrame({"gold": m.gold[ok], "pred": m.pred[ok]})
    took = np.full(len(g), -1, dtype=np.int64)  # the pair strict took, correct or not
    took[m.gold] = m.pred
    taken_by = np.full(len(p), -1, dtype=np.int64)
    taken_by[m.pred] = gp.rows[m.gold]
    hits = _value_hits(g, p, strict, options.value_tolerance)
    hit, gk = _relation_hits(gold, pred, strict)
    doc_of = np.append(gp.docs, -1)  # part document position → gold position
    pred_docs = pd.Index(pred.documents["doc_id"].to_numpy(dtype=object), dtype=object)

    return Part(
        gold_docs=gp.docs,
        pred_docs=len(pred.documents),
        gold_rows=gp.rows,
        gold_outcome=np.stack([s.gold_outcome for s in schemes]).astype(np.int8),
        gold_partner=took,
        pred_doc=np.append(at, -1)[positions(pred_docs, p["doc_id"])],
        pred_columns={c: p[c].to_numpy() for c in _SIDE},
        pred_outcome=np.stack([s.pred_outcome for s in schemes]).astype(np.int8),
        pred_partner=taken_by,
        value_hits={
            "gold_row": gp.rows[hits["gold_row"].to_numpy()],
            "value": hits["value"].to_numpy(bool),
            "qualifier": hits["qualifier"].to_numpy(bool),
        },
        value_errors=value_errors(g, p, hits),
        relations_pred={**hit, "doc": doc_of[hit["doc"]]},
        relations_gold={**gk, "doc": doc_of[gk["doc"]]},
        violations=run_checks(pred, options.about_tolerance).violations,
        notices=pred.notices,
    )


def assemble(index: GoldIndex, parts: list[Part]) -> dict:
    """The report from its parts: counts summed (ratios derived once, from the sums),
    detail rows in gold order and in input order, per-document counts by gold position.
    Every gold mention must be in exactly one part."""
    g = index.facts.mentions
    gold_rows = _cat([q.gold_rows for q in parts], np.int64)
    order = np.argsort(gold_rows, kind="stable")
    if not np.array_equal(gold_rows[order], np.arange(len(g))):
        raise AssertionError("score parts do not cover the gold mentions once each")
    n_pred = np.array([len(q.pred_doc) for q in parts], dtype=np.int64)
    pred_start = np.cumsum(n_pred) - n_pred
    shifted = [np.where(q.gold_partner >= 0, q.gold_partner + o, -1)
               for q, o in zip(parts, pred_start, strict=True)]  # fmt: skip
    gold_partner = _cat(shifted, np.int64)[order]
    gold_outcome = np.concatenate([q.gold_outcome for q in parts], axis=1)[:, order]
    pred_outcome = np.concatenate([q.pred_outcome for q in parts], axis=1)
    pred_doc = _cat([q.pred_doc for q in parts], np.int64)
    pred_cols = {c: np.concatenate([q.pred_columns[c] for q in parts])
                 for c in parts[0].pred_columns}  # fmt: skip
    pred_partner = _cat([q.pred_partner for q in parts], np.int64)
    outcomes = {s: Outcomes(pred_outcome[i].astype(np.int64), gold_outcome[i].astype(np.int64))
                for i, s in enumerate(SCHEMES)}  # fmt: skip
    g_labels, p_labels = g["label"], pd.Series(pred_cols["label"], dtype=object)
    coded = group_codes(g_labels, p_labels)
    mentions: dict = {}
    by_label: dict = {}
    for s, o in outcomes.items():
        c = counts(o)
        mentions[s] = {**ratios(c, s), **c}
        by_label[s] = {
            label: {**ratios(lc, s), **lc}
            for label, lc in counts_by_label(o, g_labels, p_labels, coded).items()
        }
    mentions["by_label"] = by_label
    hits = _gather(parts, "value_hits", gold_row=np.int64, value=bool, qualifier=bool)
    rel_pred = _gather(parts, "relations_pred", doc=np.int64, type=object, gold=bool)
    rel_gold = _gather(parts, "relations_gold", doc=np.int64, type=object)
    violations = sort_violations(
        pd.concat([q.violations for q in parts], ignore_index=True)[VIOLATION_COLUMNS]
    )
    mention_doc = index.mention_doc
    return {
        "documents": {"gold": len(index), "pred": int(sum(q.pred_docs for q in parts))},
        "mentions": mentions,
        "values": _values(hits),
        "relations": _relations(rel_pred, rel_gold),
        "violations": len(violations),
        "violations_by_rule": {k: int(v) for k, v in
                               violations["rule"].value_counts().sort_index().items()},
        "detail": {**detail(g, pred_cols, index.doc_ids[pred_doc], outcomes, gold_partner,
                            pred_partner, violations),
                   "value_errors": _in_gold_order(parts, hits)},
        "per_document": per_document(index.doc_ids, mention_doc, pred_doc, outcomes,
                                     mention_doc[hits["gold_row"]], hits, rel_pred, rel_gold),
    }  # fmt: skip


def _cat(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def _gather(parts: list[Part], table: str, **dtypes) -> dict[str, np.ndarray]:
    """One of the parts' column tables, concatenated."""
    return {k: _cat([getattr(q, table)[k] for q in parts], dt) for k, dt in dtypes.items()}


def _in_gold_order(parts: list[Part], hits: dict[str, np.ndarray]) -> dict:
    """The parts' value errors, one table in gold mention order."""
    cols = parts[0].value_errors.keys()
    merged = {c: [x for q in parts for x in q.value_errors[c]] for c in cols}
    bad = ~(hits["value"] & hits["qualifier"])
    order = np.argsort(hits["gold_row"][bad], kind="stable")
    if np.array_equal(order, np.arange(len(order))):
        return merged
    return {c: [v[i] for i in order.tolist()] for c, v in merged.items()}


def per_document(doc_ids: np.ndarray, gdoc: np.ndarray, pdoc: np.ndarray, schemes: dict,
                 vdoc: np.ndarray, value_hits: dict, rel_pred: dict,
                 rel_gold: dict) -> dict:  # fmt: skip
    """Every count behind the headline metrics, per gold document, as columns.

    The metrics are ratios of counts summed over documents, so these columns are all a
    significance test needs to recompute them on resampled or swapped document sets."""
    n = len(doc_ids)

    def per_doc(code: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(code, weights=weights, minlength=n).astype(np.int64)

    cols: dict[str, np.ndarray] = {}
    for name, m in schemes.items():
        # one bincount per scheme and side: a document × outcome grid
        k = len(OUTCOMES)
        grid = np.bincount(gdoc * k + m.gold_outcome, minlength=n * k).reshape(n, k)
        pgrid = np.bincount(pdoc * k + m.pred_outcome, minlength=n * k).reshape(n, k)
        for code, outcome in enumerate(OUTCOMES[:4]):
            cols[f"{name}_{outcome}"] = grid[:, code]
        cols[f"{name}_spurious"] = pgrid[:, SPURIOUS]
    cols["values_matched"] = per_doc(vdoc)
    cols["value_correct"] = per_doc(vdoc, value_hits["value"].astype(float))
    cols["qualifier_correct"] = per_doc(vdoc, value_hits["qualifier"].astype(float))
    tp = per_doc(rel_pred["doc"], rel_pred["gold"].astype(float))
    cols["relations_tp"] = tp
    cols["relations_fp"] = per_doc(rel_pred["doc"]) - tp
    cols["relations_fn"] = per_doc(rel_gold["doc"]) - tp
    return {"doc_id": doc_ids.tolist(), **{k: v.tolist() for k, v in cols.items()}}


def _value_hits(
    g: pd.DataFrame, p: pd.DataFrame, strict: pd.DataFrame, tolerance: float
) -> pd.DataFrame:
    """One row per QUANTITY matched under strict: its document, whether the value (with
    low/high for range/vague) and the qualifier agree."""
    q = strict[(g["label"].to_numpy()[strict["gold"]] == "QUANTITY")]
    by_gold = np.argsort(q["gold"].to_numpy(), kind="stable")  # in gold order
    gi, pi = q["gold"].to_numpy()[by_gold], q["pred"].to_numpy()[by_gold]
    gq, pq = _qualifiers(g, gi), _qualifiers(p, pi)
    close = same_values(g, p, gi, pi, tolerance)
    return pd.DataFrame({"doc_id": g["doc_id"].to_numpy()[gi], "gold_row": gi, "pred_row": pi,
                         "value": close, "qualifier": gq == pq})  # fmt: skip


def _qualifiers(m: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """The qualifiers at `rows`, a missing one read as exact (only those rows filled)."""
    q = m["qualifier"].to_numpy(dtype=object)[rows]
    return np.where(pd.isna(q), "exact", q)


def same_values(
    g: pd.DataFrame,
    p: pd.DataFrame,
    gi: np.ndarray,
    pi: np.ndarray,
    tolerance: float = 0.0,
    units: bool = True,
) -> np.ndarray:
    """Per matched pair (g row gi, p row pi): the values agree (relative tolerance; both
    missing agrees) in the same `unit` (SPEC §6: 90 percent is not 90 people), and for a
    range/vague prediction `low` and `high` are equal too. `units=False` compares the figures
    alone (`tally agree` reports a different unit as its own disagreement)."""
    gv, pv = g["value"].to_numpy()[gi], p["value"].to_numpy()[pi]
    close = np.abs(pv - gv) <= tolerance * np.abs(gv)
    close = np.where(np.isnan(gv) & np.isnan(pv), True, close)
    if units:
        close &= _units(g, gi) == _units(p, pi)
    bounded = np.isin(_qualifiers(p, pi), list(BOUNDED_QUALIFIERS))
    for col in ("low", "high"):
        a, b = g[col].to_numpy()[gi], p[col].to_numpy()[pi]
        same = (a == b) | (np.isnan(a) & np.isnan(b))
        close &= ~bounded | same
    return close


def _units(m: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """The units at `rows`, a count (no unit, or an empty one) as ""."""
    u = m["unit"].to_numpy(dtype=object)[rows]
    return np.where(pd.isna(u), "", u).astype(str)


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
        for name in ("value", "qualifier", "low", "high", "unit"):
            out[f"{side}_{name}"] = col(frame, name, rows)
    return out


def _values(hits: dict[str, np.ndarray]) -> dict:
    """Value and qualifier accuracy over QUANTITY mentions matched under strict."""
    close, same_q = hits["value"], hits["qualifier"]
    n = len(close)
    return {
        "matched": n,
        "value_accuracy": float(close.mean()) if n else None,
        "qualifier_accuracy": float(same_q.mean()) if n else None,
        "value_correct": int(close.sum()),
        "qualifier_correct": int(same_q.sum()),
    }


def _relation_hits(gold: Facts, pred: Facts, strict: pd.DataFrame) -> tuple[dict, dict]:
    """(distinct predicted relation keys: doc, type and gold = found in the gold; distinct
    gold keys: doc, type), with doc the position in `gold.documents`.

    A key is (document, from, to, type) with same_as made undirected; predicted endpoints
    become the gold mention their mention matched under strict. Endpoints are coded as gold
    mention rows (an id no gold mention has gets a code of its own past them, a missing one
    -1), so keys compare as integers: no string key per row."""
    g, p, gr, pr = gold.mentions, pred.mentions, gold.relations, pred.relations
    docs = pd.Index(gold.documents["doc_id"].to_numpy(dtype=object), dtype=object)
    gr_doc, pr_doc = positions(docs, gr["doc_id"]), positions(docs, pr["doc_id"])
    (g_src, g_dst), id_codes = endpoint_rows(positions(docs, g["doc_id"]), g["id"], gr_doc,
                                             [gr["from"], gr["to"]])  # fmt: skip
    n = len(g)
    g_src, g_dst = (np.where(row >= 0, row, np.where(code >= 0, n + code, -1))
                    for row, code in zip((g_src, g_dst), id_codes, strict=True))  # fmt: skip
    # Ids are text: the readers make them so.
    (p_src, p_dst), _ = endpoint_rows(positions(docs, p["doc_id"]), p["id"], pr_doc,
                                      [pr["from"], pr["to"]])  # fmt: skip
    gold_of = np.full(len(p) + 1, -1, dtype=np.int64)  # predicted row → its strict gold row
    gold_of[strict["pred"].to_numpy()] = strict["gold"].to_numpy()
    doc = np.concatenate([gr_doc, pr_doc]).astype(np.int64)
    frm = np.concatenate([g_src, gold_of[p_src]])
    to = np.concatenate([g_dst, gold_of[p_dst]])
    rtype = np.concatenate([gr["type"].to_numpy(dtype=object), pr["type"].to_numpy(dtype=object)])
    tcode, types = pd.factorize(rtype, use_na_sentinel=False)
    same_as = np.flatnonzero(np.asarray(types, dtype=object) == "same_as")
    swap = np.isin(tcode, same_as) & (frm >= 0) & (to >= 0) & (frm > to)
    frm, to = np.where(swap, to, frm), np.where(swap, frm, to)
    code = pd.factorize(doc)[0].astype(np.int64)
    for col in (frm + 1, to + 1, tcode.astype(np.int64)):
        code = pd.factorize(code * (int(col.max(initial=0)) + 1) + col)[0].astype(np.int64)
    n_g = len(gr)
    g_first = np.flatnonzero(~pd.Series(code[:n_g]).duplicated().to_numpy())
    p_first = np.flatnonzero(~pd.Series(code[n_g:]).duplicated().to_numpy())
    found = np.isin(code[n_g:][p_first], code[:n_g])
    hit = {"doc": pr_doc[p_first], "type": rtype[n_g + p_first], "gold": found}
    return hit, {"doc": gr_doc[g_first], "type": rtype[g_first]}


def relations(gold: Facts, pred: Facts, strict: pd.DataFrame) -> dict:
    """Relation precision, recall and F1, overall and per type (SPEC §6)."""
    hit, gk = _relation_hits(gold, pred, strict)
    return _relations(hit, gk)


def _relations(pred: dict[str, np.ndarray], gold: dict[str, np.ndarray]) -> dict:
    """From the distinct predicted keys (type, found in the gold) and distinct gold keys."""
    found = pred["gold"]
    out = prf(int(found.sum()), len(found), len(gold["type"]))
    predicted = pd.Series(pred["type"], dtype=object).value_counts()
    true = pd.Series(pred["type"][found], dtype=object).value_counts()
    in_gold = pd.Series(gold["type"], dtype=object).value_counts()
    out["by_type"] = {
        t: prf(int(true.get(t, 0)), int(predicted.get(t, 0)), int(in_gold.get(t, 0)))
        for t in RELATIONS
        if predicted.get(t, 0) or in_gold.get(t, 0)
    }
    return out


def prf(tp: int, predicted: int, gold: int) -> dict:
    """Relation precision, recall and F1. A ratio over nothing is `null`, as an accuracy over
    zero matches is (SPEC §6): precision with no prediction, recall with no gold, F1 when
    there is neither. F1 = 2·tp / (predicted + gold), so it is 0, not null, when only one
    side has relations (every one of them is then wrong)."""
    precision = tp / predicted if predicted else None
    recall = tp / gold if gold else None
    f1 = 2 * tp / (predicted + gold) if predicted + gold else None
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp,
            "fp": predicted - tp, "fn": gold - tp}  # fmt: skip


def detail(g: pd.DataFrame, pred: dict[str, np.ndarray], pred_doc_ids: np.ndarray,
           schemes: dict[str, Outcomes], gold_partner: np.ndarray, pred_partner: np.ndarray,
           violations: pd.DataFrame) -> dict:  # fmt: skip
    """What every count is made of, as columns (one list per field, one entry per mention).

    gold: each gold mention's outcome in every scheme (`outcome` is strict's) and the
    prediction that took it under strict; pred: the same for each prediction; spurious:
    the predictions strict found no gold for; violations: the rules on the predictions.
    A baseline comparison diffs these; `rows()` reads them back as records.
    """
    pred_ids = np.append(pred["id"], None)
    gold_ids = np.append(g["id"].to_numpy(dtype=object), None)
    gold_cols = _columns(
        {"doc_id": g["doc_id"].to_numpy(), **{c: g[c].to_numpy() for c in _SIDE}},
        schemes, "gold", "pred", pred_ids[gold_partner],
    )  # fmt: skip
    pred_cols = _columns(
        {"doc_id": pred_doc_ids, **{c: pred[c] for c in _SIDE}},
        schemes, "pred", "gold", gold_ids[pred_partner],
    )  # fmt: skip
    spurious = schemes["strict"].pred_outcome == SPURIOUS
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


_SIDE = ("id", "start", "end", "label", "text")


def _columns(side: dict[str, np.ndarray], schemes: dict[str, Outcomes], me: str, other: str,
             partner: np.ndarray) -> dict[str, np.ndarray]:  # fmt: skip
    cols = {
        "doc_id": side["doc_id"],
        me: side["id"],
        "start": side["start"],
        "end": side["end"],
        "label": side["label"],
        "text": side["text"],
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
