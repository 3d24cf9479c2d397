"""`tally check --format html`: one self-contained page to find each violation in the text.

Summary by rule and by document, then each document with violations: its text right-to-left
with every mention a violation names highlighted (`<mark>`) and linked to the message, and
beside the text the messages with the figures (value, qualifier, interval) they add up.
Filters by rule and severity are `:target` anchors and CSS: the page has no script, a strict
Content-Security-Policy, and jinja2 escapes every value from the data.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

from checks.engine import CheckResult
from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE, interval
from checks.report.check_report import counts, plural, verdict
from checks.report.inert import as_text, html_clean
from checks.rules.registry import RULES

TEMPLATES = Path(__file__).parent / "templates"
MAX_DOCS = 200  # documents drawn in full; the summary still counts every one


def slug(rule: str) -> str:
    return rule.replace(".", "-")


def _bound(x: float) -> str:
    if np.isnan(x):
        return "?"
    if np.isinf(x):
        return "∞"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"  # a measure's 6.93


def _interval(lo: float, hi: float) -> str:
    if np.isnan(lo) and np.isnan(hi):
        return "—"
    return f"[{_bound(lo)}, {_bound(hi)}{')' if np.isinf(hi) else ']'}"


def _number(x: float | str, unit: str | None = None) -> str:
    """A value (or an interval already written) with a measure's unit: `7.7 magnitude`."""
    if isinstance(x, str):
        said = x
    elif x is None or np.isnan(x):
        return ""
    else:
        said = f"{int(x):,}" if float(x).is_integer() else f"{x:,}"
    return f"{said} {unit}" if unit and said != "—" else said


def segments(text: str, marks: list[dict]) -> list[dict]:
    """Cut the text at every highlighted boundary; each piece carries its innermost mark,
    whether the mark starts there (the piece gets the anchor id) and whether it ends there
    (the links to its violations follow)."""
    cuts = sorted({0, len(text), *(m["start"] for m in marks), *(m["end"] for m in marks)})
    out = []
    for a, b in pairwise(cuts):
        covering = [m for m in marks if m["start"] <= a and b <= m["end"]]
        inner = min(covering, key=lambda m: m["end"] - m["start"]) if covering else None
        ending = [m for m in covering if m["end"] == b]
        out.append({"text": text[a:b], "mark": inner, "first": inner is not None
                    and inner["start"] == a, "ending": ending})  # fmt: skip
    return out


def document_views(
    result: CheckResult, facts: Facts, about_tolerance: Fraction, limit: int
) -> list[dict]:
    """Views of the first `limit` documents with violations. The tables are cut down to
    those documents first (vectorized); Python then only walks their few rows."""
    v = result.violations
    shown_ids = list(dict.fromkeys(sorted(as_text(v["doc_id"]))))[:limit]
    keep = set(shown_ids)
    d = facts.documents
    docs = {r["doc_id"]: r for r in d[d["doc_id"].isin(keep)].to_dict("records")}
    m = facts.mentions[facts.mentions["doc_id"].isin(keep)].drop_duplicates(["doc_id", "id"])
    unit = m["unit"].where(m["label"] == "QUANTITY", None)  # only a QUANTITY is a measure
    lo, hi = interval(m["qualifier"], m["value"], m["low"], m["high"], about_tolerance, unit)
    mentions = {(r["doc_id"], r["id"]): r for r in m.assign(lo=lo, hi=hi).to_dict("records")}
    by_doc: dict[str, list[dict]] = {i: [] for i in shown_ids}
    for r in v[v["doc_id"].isin(keep)].to_dict("records"):
        by_doc[r["doc_id"]].append(r)
    views = []
    for k, doc_id in enumerate(shown_ids):
        doc = docs.get(doc_id, {})
        text = doc.get("text") if isinstance(doc.get("text"), str) else None
        anchors: dict[str, dict] = {}
        violations = []
        for i, row in enumerate(by_doc[doc_id]):
            vid = f"d{k}-v{i}"
            rows = []
            for mid in row["mentions"]:
                info = mentions.get((doc_id, mid))
                placed = (
                    info is not None
                    and text is not None
                    and 0 <= info["start"] < info["end"] <= len(text)
                )
                if placed:
                    mark = anchors.setdefault(
                        mid,
                        {"id": f"d{k}-m{len(anchors)}", "mention": mid, "start": int(info["start"]),
                         "end": int(info["end"]), "links": [], "severity": row["severity"]},
                    )  # fmt: skip
                    mark["links"].append({"href": vid, "n": i + 1, "severity": row["severity"]})
                    if row["severity"] == "error":
                        mark["severity"] = "error"
                rows.append(_mention_row(mid, info, anchors.get(mid)))
            violations.append({"id": vid, "n": i + 1, "rule": row["rule"],
                               "slug": slug(row["rule"]), "severity": row["severity"],
                               "message": row["message"], "mentions": rows})  # fmt: skip
        rules = sorted({x["rule"] for x in violations})
        views.append({
            "id": f"d{k}", "doc_id": doc_id, "origin": doc.get("origin"),
            "lang": doc.get("lang") or "ar",
            "text": text, "segments": segments(text, list(anchors.values())) if text else [],
            "violations": violations, "slugs": [slug(r) for r in rules],
            "errors": sum(x["severity"] == "error" for x in violations),
            "warnings": sum(x["severity"] == "warning" for x in violations),
        })  # fmt: skip
    return views


def _mention_row(mid: str, info: dict | None, mark: dict | None) -> dict:
    if info is None:
        return {"id": mid, "missing": True}
    quantity = info["label"] == "QUANTITY"
    unit = info.get("unit") if quantity and isinstance(info.get("unit"), str) else None
    return {
        "id": mid,
        "anchor": mark["id"] if mark else None,
        "text": info["text"],
        "label": info["label"],
        "value": info["normalized"] if info["label"] == "DATE" else _number(info["value"], unit),
        "qualifier": info["qualifier"] or ("exact" if quantity else ""),
        "interval": _number(_interval(info["lo"], info["hi"]), unit) if quantity else "",
        "offsets": f"{info['start']}–{info['end']}",
    }


def summary_tables(result: CheckResult) -> tuple[list[dict], list[dict]]:
    v = result.violations
    by_rule = []
    n = v.groupby("rule")["doc_id"].agg(["size", "nunique"]) if not v.empty else None
    for rule in RULES.values():
        found = n is not None and rule.id in n.index
        by_rule.append({"rule": rule.id, "slug": slug(rule.id), "severity": rule.severity,
                        "description": rule.description,
                        "violations": int(n.loc[rule.id, "size"]) if found else 0,
                        "documents": int(n.loc[rule.id, "nunique"]) if found else 0})  # fmt: skip
    by_doc = []
    if not v.empty:
        d = (
            pd.DataFrame({"doc_id": as_text(v["doc_id"]), "e": v["severity"] == "error"})
            .groupby("doc_id", sort=True)["e"]
            .agg(["sum", "size"])
        )
        by_doc = [{"doc_id": i, "errors": int(e), "warnings": int(s - e)}
                  for i, e, s in zip(d.index, d["sum"], d["size"], strict=True)]  # fmt: skip
    return by_rule, by_doc


@functools.cache
def _template() -> Template:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        finalize=html_clean,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("check.html.j2")


def to_html(
    result: CheckResult,
    facts: Facts,
    about_tolerance: Fraction = DEFAULT_TOLERANCE,
    limit: int = MAX_DOCS,
) -> str:
    by_rule, by_doc = summary_tables(result)
    views = document_views(result, facts, about_tolerance, limit)
    shown = {v["doc_id"]: v["id"] for v in views}
    for row in by_doc:
        row["anchor"] = shown.get(row["doc_id"])
    c = counts(result)
    return _template().render(
        verdict=verdict(result), counts=c, by_rule=by_rule, by_doc=by_doc, docs=views,
        hidden=len(by_doc) - len(views), plural=plural,
    )  # fmt: skip
