"""`tally score` output: text, json, md (pull-request comment), junit and html."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from checks.facts import Facts
from checks.scoring.matching import SCHEMES
from checks.scoring.score import rows

TEMPLATES = Path(__file__).parent / "templates"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _signed(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "—"
    return f"{100 * x:+.1f} pt" if pct else f"{x:+g}"


def to_json(report: dict, comparison: dict | None = None) -> str:
    out = dict(report)
    if comparison is not None:
        out["baseline"] = comparison
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def headline_rows(report: dict) -> list[tuple[str, dict]]:
    return [(s, report["mentions"][s]) for s in SCHEMES]


def to_text(report: dict, comparison: dict | None = None) -> str:
    lines = [f"{'scheme':<9}{'P':>8}{'R':>8}{'F1':>8}{'COR':>7}{'INC':>6}{'PAR':>6}{'MIS':>6}"
             f"{'SPU':>6}"]  # fmt: skip
    for s, m in headline_rows(report):
        lines.append(f"{s:<9}{_pct(m['precision']):>8}{_pct(m['recall']):>8}{_pct(m['f1']):>8}"
                     f"{m['correct']:>7}{m['incorrect']:>6}{m['partial']:>6}{m['missed']:>6}"
                     f"{m['spurious']:>6}")  # fmt: skip
    v, r = report["values"], report["relations"]
    lines.append("")
    lines.append(
        f"values over {v['matched']} strict QUANTITY matches: value accuracy "
        f"{_pct(v['value_accuracy'])}, qualifier accuracy {_pct(v['qualifier_accuracy'])}"
    )
    lines.append(
        f"relations: P {_pct(r['precision'])} R {_pct(r['recall'])} F1 {_pct(r['f1'])} "
        f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
    )
    by_rule = ", ".join(f"{k} {n}" for k, n in report["violations_by_rule"].items()) or "none"
    lines.append(f"consistency violations in the predictions: {report['violations']} ({by_rule})")
    lines.append("")
    lines.append("strict, per label:")
    for label, m in report["mentions"]["by_label"]["strict"].items():
        lines.append(
            f"  {label:<9}P {_pct(m['precision']):>7}  R {_pct(m['recall']):>7}  "
            f"F1 {_pct(m['f1']):>7}"
        )
    if comparison is not None:
        lines += ["", f"against the baseline (max drop {comparison['max_drop']:g}):"]
        for m in comparison["metrics"]:
            pct = m["metric"] != "violations"
            flag = "  REGRESSED" if m["regressed"] else ""
            fmt = _pct if pct else (lambda x: "—" if x is None else str(x))
            lines.append(
                f"  {m['metric']:<20}{fmt(m['baseline']):>8} → {fmt(m['current']):>8}"
                f"  {_signed(m['change'], pct)}{flag}"
            )
        d = comparison["mentions"]
        lines.append(
            f"  mentions: {len(d['fixed'])} fixed, {len(d['broken'])} broken, "
            f"{len(d['still_wrong'])} still wrong; spurious {len(d['new_spurious'])} new, "
            f"{len(d['gone_spurious'])} gone"
        )
        for e in d["broken"][:20]:
            lines.append(
                f"    broken  {e['doc_id']} {e['gold']} «{e['text']}» {e['before']} → {e['after']}"
            )
        lines.append("REGRESSED" if comparison["regressed"] else "no regression")
    return "\n".join(lines) + "\n"


def to_md(report: dict, comparison: dict | None = None) -> str:
    lines = ["### tally score", "", "| scheme | precision | recall | F1 | COR | INC | PAR | MIS "
             "| SPU |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for s, m in headline_rows(report):
        lines.append(f"| {s} | {_pct(m['precision'])} | {_pct(m['recall'])} | {_pct(m['f1'])} "
                     f"| {m['correct']} | {m['incorrect']} | {m['partial']} | {m['missed']} "
                     f"| {m['spurious']} |")  # fmt: skip
    v, r = report["values"], report["relations"]
    lines += ["", f"- values: {v['matched']} strict QUANTITY matches, value accuracy "
              f"{_pct(v['value_accuracy'])}, qualifier accuracy {_pct(v['qualifier_accuracy'])}",
              f"- relations: F1 {_pct(r['f1'])} (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})",
              f"- consistency violations in the predictions: {report['violations']}"]  # fmt: skip
    if comparison is not None:
        lines += ["", "#### Against the baseline", "", "| metric | baseline | current | change |",
                  "|---|---:|---:|---:|"]  # fmt: skip
        for m in comparison["metrics"]:
            pct = m["metric"] != "violations"
            fmt = _pct if pct else (lambda x: "—" if x is None else str(x))
            mark = " :x:" if m["regressed"] else ""
            lines.append(
                f"| {m['metric']} | {fmt(m['baseline'])} | {fmt(m['current'])} | "
                f"{_signed(m['change'], pct)}{mark} |"
            )
        d = comparison["mentions"]
        lines += ["", f"{len(d['fixed'])} mentions fixed, {len(d['broken'])} broken, "
                  f"{len(d['still_wrong'])} still wrong."]  # fmt: skip
        if d["broken"]:
            lines += ["", "<details><summary>broken mentions</summary>", ""]
            lines += [f"- `{e['doc_id']}` {e['gold']} «{e['text']}»: {e['before']} → {e['after']}"
                      for e in d["broken"][:50]]  # fmt: skip
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def to_junit(report: dict, comparison: dict | None = None) -> str:
    """One test case per document: it fails when a strict mention is wrong or the
    predictions break a consistency rule there."""
    d = report["detail"]
    wrong = defaultdict(list)
    for g in rows(d["gold"]):
        if g["outcome"] != "correct":
            wrong[g["doc_id"]].append(f"{g['outcome']}: {g['gold']} «{g['text']}» ({g['label']})")
    for p in rows(d["spurious"]):
        wrong[p["doc_id"]].append(f"spurious: {p['pred']} «{p['text']}» ({p['label']})")
    for v in rows(d["violations"]):
        if v["severity"] == "error":
            wrong[v["doc_id"]].append(f"{v['rule']}: {v['message']}")
    docs = sorted(set(d["gold"]["doc_id"]) | set(wrong))
    suite = ET.Element("testsuite", name="tally score", tests=str(len(docs)),
                       failures=str(sum(1 for d in docs if wrong[d])), errors="0")  # fmt: skip
    for d in docs:
        case = ET.SubElement(suite, "testcase", classname="tally.score", name=d)
        if wrong[d]:
            fail = ET.SubElement(case, "failure", message=f"{len(wrong[d])} problems")
            fail.text = "\n".join(wrong[d])
    if comparison is not None and comparison["regressed"]:
        case = ET.SubElement(suite, "testcase", classname="tally.score", name="baseline")
        bad = [m["metric"] for m in comparison["metrics"] if m["regressed"]]
        ET.SubElement(case, "failure", message="regressed: " + ", ".join(bad))
        suite.set("tests", str(len(docs) + 1))
        suite.set("failures", str(int(suite.get("failures")) + 1))
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def segments(text: str, spans: list[dict]) -> list[dict]:
    """Cut the text at every span boundary; each piece knows the spans covering it."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    out = []
    for a, b in pairwise(cuts):
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        out.append({"text": text[a:b], "span": covering[0] if covering else None})
    return out


def document_views(report: dict, gold: Facts, limit: int) -> list[dict]:
    """Documents with something wrong first, then the rest, up to `limit`.

    The choice is made on the detail columns; spans are gathered for the shown documents
    only, so a large corpus costs no per-mention Python here."""
    d = report["detail"]
    g = pd.DataFrame(d["gold"], columns=["doc_id", "gold", "start", "end", "label", "outcome"])
    p = pd.DataFrame(d["pred"], columns=["doc_id", "pred", "start", "end", "label", "outcome"])
    wrong = pd.concat(
        [g.loc[g["outcome"] != "correct", "doc_id"], p.loc[p["outcome"] != "correct", "doc_id"]]
    ).value_counts()
    flagged = set(wrong.index) | set(d["violations"]["doc_id"])
    docs = gold.documents[["doc_id", "text"]]
    ranked = docs.assign(clean=~docs["doc_id"].isin(flagged)).sort_values(["clean", "doc_id"])
    shown = ranked.head(limit)
    keep = set(shown["doc_id"])
    g, p = g[g["doc_id"].isin(keep)], p[p["doc_id"].isin(keep)]
    problems = defaultdict(list)
    for v in rows(d["violations"]):
        if v["doc_id"] in keep:
            problems[v["doc_id"]].append(v)
    views = []
    for doc_id, text in zip(shown["doc_id"], shown["text"], strict=True):
        sides = {}
        for name, table, id_col in (("gold", g, "gold"), ("pred", p, "pred")):
            mine = table[table["doc_id"] == doc_id].sort_values(
                ["start", "end"], ascending=[True, False]
            )
            spans = [
                {"start": st, "end": en, "label": lb, "id": i, "outcome": o, "ok": o == "correct"}
                for st, en, lb, i, o in zip(
                    mine["start"],
                    mine["end"],
                    mine["label"],
                    mine[id_col],
                    mine["outcome"],
                    strict=True,
                )
            ]
            sides[name] = segments(text or "", spans)
        views.append({"doc_id": doc_id, **sides, "wrong": int(wrong.get(doc_id, 0)),
                      "violations": problems[doc_id]})  # fmt: skip
    return views


def to_html(report: dict, comparison: dict | None, gold: Facts, limit: int = 50) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]))  # fmt: skip
    env.filters["pct"] = _pct
    env.filters["signed"] = _signed
    template = env.get_template("score.html.j2")
    return template.render(report=report, comparison=comparison, schemes=SCHEMES,
                           docs=document_views(report, gold, limit),
                           total_docs=len(gold.documents))  # fmt: skip


FORMATS = {"text": to_text, "json": to_json, "md": to_md, "junit": to_junit}
