"""Two annotators of the seed who disagree in six known, planted ways.

`plant` takes annotator A's Label Studio result items and returns annotator B's, plus the
adjudication list `tally agree` must report, as (kind, A's side, B's side) where a side is
a region id or, for relations, (from, to, type), and None where that annotator has nothing.
"""

from __future__ import annotations

import copy

PLANTED = [
    ("span_only", "l_tokyo", None),  # B missed a span
    ("boundary", "l_aleppo_city_1", "l_aleppo_city_1"),  # B dropped «مدينة» from «مدينة حلب»
    ("value", "q_wounded", "q_wounded"),  # 337 → 338
    ("qualifier", "q_fighters", "q_fighters"),  # more_than → about
    ("unit", "q_evacuees", "q_evacuees"),  # a count → 9500 percent
    ("relation_only", ("q_returned", "p_putin_4", "reported_by"), None),  # B did not draw it
]


def plant(result: list[dict], text: str) -> list[dict]:
    b = copy.deepcopy(result)
    b = [r for r in b if r.get("id") != "l_tokyo" or r["type"] == "relation"]
    for r in b:
        if r["type"] == "relation":
            continue
        v = r["value"]
        if r["id"] == "l_aleppo_city_1":
            v["start"] += len("مدينة ")
            v["text"] = text[v["start"] : v["end"]]
        if r["id"] == "q_wounded" and r["from_name"] == "value":
            v["number"] = 338
        if r["id"] == "q_fighters" and r["from_name"] == "qualifier":
            v["choices"] = ["about"]
    evacuees = next(r for r in b if r.get("id") == "q_evacuees" and r["from_name"] == "label")
    span = {k: evacuees["value"][k] for k in ("start", "end")}
    b.append({"id": "q_evacuees", "from_name": "unit", "to_name": "text", "type": "textarea",
              "value": {**span, "text": ["percent"]}})  # fmt: skip
    return [
        r
        for r in b
        if not (
            r["type"] == "relation" and (r["from_id"], r["to_id"]) == ("q_returned", "p_putin_4")
        )
    ]


def observed(report: dict) -> list[tuple]:
    """The adjudication list reduced to (kind, A's side, B's side), in report order."""
    out = []
    for item in report["adjudication"]:
        sides = []
        for v in item["versions"]:
            if v is None:
                sides.append(None)
            elif "type" in v and "from" in v:
                sides.append((v["from"]["id"], v["to"]["id"], v["type"]))
            else:
                sides.append(v["id"])
        out.append((item["kind"], *sides))
    return out
