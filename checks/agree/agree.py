"""`tally agree`: every pair of annotators compared, Krippendorff's alpha across all of
them, and the adjudication list (each disagreement with its context, both versions and the
Label Studio link of its task)."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from checks.agree.compare import CATEGORICAL, MENTION_FIELDS, Comparison, attribute, compare_pair
from checks.agree.export import Annotated
from checks.agree.stats import krippendorff_alpha

CONTEXT = 40  # characters of text shown on each side of a disagreement
KINDS = ("span_only", "boundary", "label", "boundary_label", "value", "qualifier", "category",
         "unit", "status", "normalized", "relation_only")  # fmt: skip
KIND_HELP = {
    "span_only": "a span only one annotator marked",
    "boundary": "same label, different boundaries",
    "label": "same span, different label",
    "boundary_label": "overlapping spans, different boundaries and label",
    "value": "same span, different value (or low/high)",
    "qualifier": "same span, different qualifier",
    "category": "same span, different category",
    "unit": "same span, different unit (or a measure against a count)",
    "status": "same span, different status",
    "normalized": "same span, different normalized date",
    "relation_only": "a relation only one annotator drew",
}


def task_link(url: str | None, project: object, task: object) -> str | None:
    if not url or project is None or task is None:
        return None
    return f"{url.rstrip('/')}/projects/{project}/data?task={task}"


def _natural(key: str) -> tuple:
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


def agree(annotated: Annotated, url: str | None = None) -> dict:
    keys = sorted(annotated.facts, key=_natural)
    names = annotated.annotators
    docs_of = {k: set(annotated.facts[k].documents["doc_id"]) for k in keys}
    pairs, items = [], []
    for a, b in combinations(keys, 2):
        docs = sorted(docs_of[a] & docs_of[b])
        if not docs:
            continue
        c = compare_pair(annotated.facts[a], annotated.facts[b], docs)
        pairs.append({"a": names[a], "b": names[b], **c.overall, "by_document": c.by_document})
        items.extend(_items(annotated, a, b, c, url))
    items.sort(key=lambda i: (i["doc_id"], i["start"], i["end"], KINDS.index(i["kind"]),
                              i["annotators"]))  # fmt: skip
    compared = sorted({d for k in keys for d in docs_of[k]
                       if sum(d in docs_of[j] for j in keys) >= 2})  # fmt: skip
    return {
        "annotators": [names[k] for k in keys],
        "tasks": len(annotated.tasks),
        "documents": compared,
        "notices": annotated.notices.as_list(),
        "alpha": alpha(annotated, keys, set(compared)),
        "pairs": pairs,
        "adjudication": items,
    }


def alpha(annotated: Annotated, keys: list[str], docs: set[str]) -> dict:
    """Krippendorff's alpha (nominal) on qualifier and category across all annotators; a
    unit is a QUANTITY span (document and offsets), rated by the annotators who marked it."""
    frames = []
    for k in keys:
        m = annotated.facts[k].mentions
        m = m[(m["label"] == "QUANTITY") & m["doc_id"].isin(docs)]
        frames.append(pd.DataFrame({"doc_id": m["doc_id"], "start": m["start"], "end": m["end"],
                                    "annotator": k,
                                    **{c: attribute(m, c) for c in CATEGORICAL}}))  # fmt: skip
    units = pd.concat(frames, ignore_index=True).drop_duplicates(
        ["doc_id", "start", "end", "annotator"]
    )
    out: dict = {"annotators": len(keys), "units": 0}
    if units.empty:
        return {**out, **dict.fromkeys(CATEGORICAL)}
    index = ["doc_id", "start", "end"]
    for col in CATEGORICAL:
        table = units.pivot(index=index, columns="annotator", values=col)
        out["units"] = int((table.notna().sum(axis=1) >= 2).sum())
        out[col] = krippendorff_alpha(table)
    return out


def _number(v: object) -> object:
    if isinstance(v, float):
        if np.isnan(v):
            return None
        return int(v) if v.is_integer() else v
    if isinstance(v, np.integer):
        return int(v)
    return v


def _versions(m: pd.DataFrame, rows: np.ndarray) -> list[dict | None]:
    present = rows >= 0
    records = m.take(rows[present])[list(MENTION_FIELDS)].to_dict("records")
    it = iter(records)
    out: list[dict | None] = []
    for p in present:
        if not p:
            out.append(None)
            continue
        r = next(it)
        out.append(
            {k: _number(v) for k, v in r.items() if v is not None and _number(v) is not None}
        )
    return out


def _context(text: str, start: int, end: int) -> dict:
    return {"before": text[max(0, start - CONTEXT) : start], "text": text[start:end],
            "after": text[end : end + CONTEXT]}  # fmt: skip


def _items(annotated: Annotated, a: str, b: str, c: Comparison, url: str | None) -> list[dict]:
    """Disagreement rows as adjudication items (output-sized: one dict per disagreement)."""
    names = [annotated.annotators[a], annotated.annotators[b]]
    diffs = c.disagreements
    spans = diffs[diffs["kind"] != "relation_only"]
    va = _versions(c.am, spans["a"].to_numpy())
    vb = _versions(c.bm, spans["b"].to_numpy())
    out = []
    for kind, doc_id, x, y in zip(spans["kind"], spans["doc_id"], va, vb, strict=True):
        start = min(v["start"] for v in (x, y) if v)
        end = max(v["end"] for v in (x, y) if v)
        out.append(_item(annotated, doc_id, kind, names, [x, y], start, end, url))
    rels = diffs[diffs["kind"] == "relation_only"]
    for side, m in (("a", c.am), ("b", c.bm)):
        mine = rels[rels["side"] == side]
        ends = [_versions(m, _rows_of(m, mine, col)) for col in ("from", "to")]
        for doc_id, rtype, src, dst in zip(mine["doc_id"], mine["type"], *ends, strict=True):
            version = {"type": rtype, "from": src, "to": dst}
            anchor = src or dst or {"start": 0, "end": 0}
            pair = [version, None] if side == "a" else [None, version]
            out.append(_item(annotated, doc_id, "relation_only", names, pair, anchor["start"],
                             anchor["end"], url))  # fmt: skip
    return out


def _rows_of(m: pd.DataFrame, rels: pd.DataFrame, col: str) -> np.ndarray:
    """Row of each relation endpoint in the mention table (-1 for a missing mention)."""
    index = pd.MultiIndex.from_arrays([m["doc_id"].astype(str), m["id"].astype(str)])
    wanted = pd.MultiIndex.from_arrays([rels["doc_id"].astype(str), rels[col].astype(str)])
    return index.get_indexer(wanted)


def _item(annotated: Annotated, doc_id: str, kind: str, names: list[str], versions: list,
          start: int, end: int, url: str | None) -> dict:  # fmt: skip
    task = annotated.tasks[doc_id]
    return {
        "doc_id": doc_id,
        "task": task.id,
        "link": task_link(url, task.project, task.id),
        "kind": kind,
        "start": start,
        "end": end,
        "context": _context(task.text, start, end),
        "annotators": names,
        "versions": versions,
    }
