"""Facts → Label Studio result items: the inverse of `checks.readers.labelstudio`.

Used for pre-annotations (predictions) and for submitting annotations through the API.
Reading these items back with the tally reader gives the same mentions and relations.
"""

from __future__ import annotations

import math

import pandas as pd

from checks.facts import Facts
from checks.schema import ATTRIBUTES, LS_LABELS, LS_TEXT

_KIND_TO_TYPE = {"number": "number", "choice": "choices", "text": "textarea"}
_VALUE_KEY = {"number": "number", "choice": "choices", "text": "text"}


def _present(v: object) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else float(v)


def region_items(m: pd.Series, origin: str) -> list[dict]:
    span = {"start": int(m["start"]), "end": int(m["end"]), "text": m["text"]}
    items = [{
        "id": m["id"], "from_name": LS_LABELS, "to_name": LS_TEXT, "type": "labels",
        "origin": origin, "value": {**span, "labels": [m["label"]]},
    }]  # fmt: skip
    for attr in ATTRIBUTES:
        v = m[attr.name]
        if not _present(v):
            continue
        if attr.kind == "number":
            v = _number(v)
        elif attr.kind in ("choice", "text"):
            v = [v]
        items.append({
            "id": m["id"], "from_name": attr.name, "to_name": LS_TEXT,
            "type": _KIND_TO_TYPE[attr.kind], "origin": origin,
            "value": {**span, _VALUE_KEY[attr.kind]: v},
        })  # fmt: skip
    return items


def results_by_document(facts: Facts, origin: str = "prediction") -> dict[str, list[dict]]:
    """`origin` is "prediction" for pre-annotations, "manual" for submitted annotations."""
    out: dict[str, list[dict]] = {d: [] for d in facts.doc_ids}
    for _, m in facts.mentions.iterrows():
        out[m["doc_id"]].extend(region_items(m, origin))
    r = facts.relations
    for doc_id, src, dst, rtype in zip(r["doc_id"], r["from"], r["to"], r["type"], strict=True):
        out[doc_id].append({
            "from_id": src, "to_id": dst, "type": "relation", "direction": "right",
            "labels": [rtype],
        })  # fmt: skip
    return out
