"""Agreement between two annotators, with one taken as the reference (span F1 and relation
F1 are symmetric, so which one does not change a number).

Spans are paired by tally's own matching (`checks.scoring.matching`), values compared by
the scorer's `same_values`, relations as SPEC §6 defines a relation match: both endpoints
matched under strict and the same type (`same_as` in either direction). Everything is
computed on whole tables; per-document numbers are the same counts grouped by document.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from checks.agree.stats import cohen_kappa
from checks.facts import Facts
from checks.scoring.matching import (
    CORRECT,
    INCORRECT,
    MISSED,
    SPURIOUS,
    Matches,
    candidate_pairs,
    counts,
    counts_by_label,
    match,
    ratios,
)
from checks.scoring.score import prf, same_values

SPAN_SCHEMES = ("strict", "partial")
CATEGORICAL = ("qualifier", "category", "unit")  # chance-corrected (kappa / alpha)
ATTRIBUTE_COLUMNS = ("value", "qualifier", "low", "high", "category", "unit", "status",
                     "normalized")  # fmt: skip
MENTION_FIELDS = ("id", "start", "end", "text", "label", *ATTRIBUTE_COLUMNS)


def restrict(facts: Facts, docs: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    m = facts.mentions[facts.mentions["doc_id"].isin(docs)].reset_index(drop=True)
    r = facts.relations[facts.relations["doc_id"].isin(docs)].reset_index(drop=True)
    return m, r


def attribute(m: pd.DataFrame, col: str) -> np.ndarray:
    """An attribute as compared: a missing qualifier means exact (SPEC §4a); a missing
    category is its own answer, and a missing unit (a count) is one too."""
    v = m[col]
    if col == "qualifier":
        v = v.where(v.notna() | (m["label"] != "QUANTITY"), "exact")
    return v.fillna("—").to_numpy(dtype=object)


@dataclass(frozen=True)
class Comparison:
    """Two annotators over the documents both annotated: numbers overall and by document,
    and the disagreements (rows index `am`/`bm`, the two mention tables compared)."""

    overall: dict
    by_document: dict
    disagreements: pd.DataFrame
    am: pd.DataFrame
    bm: pd.DataFrame


def compare_pair(a: Facts, b: Facts, docs: list[str]) -> Comparison:
    keep = set(docs)
    am, ar = restrict(a, keep)
    bm, br = restrict(b, keep)
    pairs = candidate_pairs(am, bm)
    alone = pairs.alone
    schemes = {s: match(pairs, s, alone) for s in SPAN_SCHEMES}
    strict = schemes["strict"]
    ok = strict.outcome == CORRECT
    ai, bi = strict.gold[ok], strict.pred[ok]

    overall: dict = {"spans": {}, "by_label": {}}
    by_doc: dict = {d: {"spans": {}} for d in docs}
    for s, m in schemes.items():
        overall["spans"][s] = _span_numbers(counts(m), s)
        overall["by_label"][s] = {
            lbl: _span_numbers(c, s)
            for lbl, c in counts_by_label(m, am["label"], bm["label"]).items()
        }
        per_doc = counts_by_label(m, am["doc_id"], bm["doc_id"])
        for d in docs:
            by_doc[d]["spans"][s] = _span_numbers(per_doc.get(d, _zero()), s)

    matched = pd.DataFrame({"doc_id": am["doc_id"].to_numpy()[ai], "a": ai, "b": bi})
    cols = ("qualifier", "category", "unit", "status", "normalized")
    va = {c: attribute(am, c)[ai] for c in cols}  # each attribute once, per strict match
    vb = {c: attribute(bm, c)[bi] for c in cols}
    same = {
        "value": same_values(am, bm, ai, bi, units=False)
        & same_values(bm, am, bi, ai, units=False),
        **{c: va[c] == vb[c] for c in cols},
    }
    q = matched[am["label"].to_numpy()[ai] == "QUANTITY"]
    overall.update(_attribute_numbers(q.index.to_numpy(), same, va, vb))
    for d, part in q.groupby("doc_id", sort=False):
        by_doc[d].update(_attribute_numbers(part.index.to_numpy(), same, va, vb))
    none = _attribute_numbers(q.index.to_numpy()[:0], same, va, vb)
    for d in docs:
        if "values" not in by_doc[d]:
            by_doc[d].update(none)

    rel = relation_hits(am, ar, bm, br, ai, bi)
    overall["relations"] = _relation_numbers(rel)
    overall["relations"]["by_type"] = {
        t: _relation_numbers(part) for t, part in rel.groupby("type", sort=True)
    }
    b = rel["side"] == "b"
    per_doc = (
        pd.DataFrame({"doc_id": rel["doc_id"], "tp": b & rel["hit"], "pred": b, "gold": ~b})
        .groupby("doc_id")[["tp", "pred", "gold"]]
        .sum()
        .reindex(docs, fill_value=0)
    )
    for d, tp, predicted, gold in zip(docs, per_doc["tp"], per_doc["pred"], per_doc["gold"],
                                      strict=True):  # fmt: skip
        by_doc[d]["relations"] = prf(int(tp), int(predicted), int(gold))
    overall["documents"] = len(docs)

    return Comparison(overall, by_doc, disagreements(am, bm, strict, same, rel), am, bm)


def _zero() -> dict[str, int]:
    return {"correct": 0, "incorrect": 0, "partial": 0, "missed": 0, "spurious": 0}


def _span_numbers(c: dict, scheme: str) -> dict:
    return {**ratios(c, scheme), **c}


def _attribute_numbers(idx: np.ndarray, same: dict, va: dict, vb: dict) -> dict:
    """Value agreement, and qualifier/category agreement with Cohen's kappa, over the strict
    QUANTITY matches `idx` (positions in the arrays of strict matches)."""
    n = len(idx)
    out = {"values": {"matched": n, "same": int(same["value"][idx].sum()),
                      "agreement": float(same["value"][idx].mean()) if n else None}}  # fmt: skip
    for col in CATEGORICAL:
        out[col] = {
            "matched": n,
            "same": int(same[col][idx].sum()),
            "agreement": float(same[col][idx].mean()) if n else None,
            "kappa": cohen_kappa(va[col][idx], vb[col][idx]),
        }
    return out


def _relation_table(r: pd.DataFrame, to_other: pd.Series | None) -> pd.DataFrame:
    """Relations with same_as made undirected and duplicates dropped; `key_from`/`key_to`
    are the endpoints in the other annotator's ids (unmatched endpoints get a key that
    equals nothing there)."""
    src, dst = r["from"].astype(str), r["to"].astype(str)
    sym = (r["type"] == "same_as").to_numpy()
    swap = sym & (src > dst).to_numpy()
    src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
    t = pd.DataFrame({"doc_id": r["doc_id"].to_numpy(), "from": src, "to": dst,
                      "type": r["type"].to_numpy()}).drop_duplicates(ignore_index=True)  # fmt: skip
    if to_other is None:
        t["key_from"], t["key_to"] = t["from"], t["to"]
        return t
    doc = t["doc_id"].astype(str) + "\x1f"
    kf = (doc + t["from"]).map(to_other).fillna("\x1funmatched " + t["from"]).to_numpy(object)
    kt = (doc + t["to"]).map(to_other).fillna("\x1funmatched " + t["to"]).to_numpy(object)
    sym = (t["type"] == "same_as").to_numpy()
    swap = sym & (kf.astype(str) > kt.astype(str))
    t["key_from"], t["key_to"] = np.where(swap, kt, kf), np.where(swap, kf, kt)
    return t


def relation_hits(am, ar, bm, br, ai, bi) -> pd.DataFrame:
    """Every relation of a and of b once, with `side` (a/b) and `hit` (the other annotator
    drew the same one: SPEC §6's relation match, b's endpoints mapped onto a's)."""
    key = bm["doc_id"].astype(str).to_numpy()[bi] + "\x1f" + bm["id"].astype(str).to_numpy()[bi]
    b_to_a = pd.Series(am["id"].to_numpy()[ai], index=key)
    ta = _relation_table(ar, None)
    tb = _relation_table(br, b_to_a)
    cols = ["doc_id", "key_from", "key_to", "type"]
    ka = ta[cols].assign(hit=True).drop_duplicates(cols)
    kb = tb[cols].assign(hit=True).drop_duplicates(cols)
    ta = ta.merge(kb, on=cols, how="left")
    tb = tb.merge(ka, on=cols, how="left")
    out = pd.concat([ta.assign(side="a"), tb.assign(side="b")], ignore_index=True)
    out["hit"] = out["hit"].fillna(False).astype(bool)
    return out


def _relation_numbers(rel: pd.DataFrame) -> dict:
    """Precision/recall/F1 with a as reference: tp = b's relations a also drew."""
    b = rel["side"] == "b"
    return prf(int((b & rel["hit"]).sum()), int(b.sum()), int((~b).sum()))


def disagreements(am: pd.DataFrame, bm: pd.DataFrame, strict: Matches, same: dict,
                  rel: pd.DataFrame) -> pd.DataFrame:  # fmt: skip
    """One row per disagreement: kind, doc_id, the a and b mention rows (-1 when absent);
    for a relation only one side drew, that side and the relation (in its own ids)."""
    parts = []
    only_a = np.flatnonzero(strict.gold_outcome == MISSED)
    only_b = np.flatnonzero(strict.pred_outcome == SPURIOUS)
    parts.append(_rows("span_only", am["doc_id"].to_numpy()[only_a], only_a, -1))
    parts.append(_rows("span_only", bm["doc_id"].to_numpy()[only_b], -1, only_b))
    wrong = strict.outcome == INCORRECT
    ga, pb = strict.gold[wrong], strict.pred[wrong]
    same_span = (am["start"].to_numpy()[ga] == bm["start"].to_numpy()[pb]) & (
        am["end"].to_numpy()[ga] == bm["end"].to_numpy()[pb]
    )
    same_label = am["label"].to_numpy()[ga] == bm["label"].to_numpy()[pb]
    kind = np.where(same_span, "label", np.where(same_label, "boundary", "boundary_label"))
    parts.append(_rows(kind, am["doc_id"].to_numpy()[ga], ga, pb))
    ok = strict.outcome == CORRECT
    ai, bi = strict.gold[ok], strict.pred[ok]
    for col in ("value", "qualifier", "category", "unit", "status", "normalized"):
        differ = ~same[col]
        parts.append(_rows(col, am["doc_id"].to_numpy()[ai[differ]], ai[differ], bi[differ]))
    missed = rel[~rel["hit"]]
    rels = pd.DataFrame({"kind": "relation_only", "doc_id": missed["doc_id"].to_numpy(),
                         "a": -1, "b": -1, "side": missed["side"].to_numpy(),
                         "from": missed["from"].to_numpy(), "to": missed["to"].to_numpy(),
                         "type": missed["type"].to_numpy()})  # fmt: skip
    return pd.concat([*parts, rels], ignore_index=True)


def _rows(kind, doc_id, a, b) -> pd.DataFrame:
    n = len(doc_id)
    return pd.DataFrame(
        {
            "kind": np.broadcast_to(np.asarray(kind, dtype=object), (n,)),
            "doc_id": doc_id,
            "a": np.broadcast_to(np.asarray(a, dtype=np.int64), (n,)),
            "b": np.broadcast_to(np.asarray(b, dtype=np.int64), (n,)),
        }
    )
