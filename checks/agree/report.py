"""`tally agree` output: text, json, md and html (one self-contained file: no scripts, a
strict Content-Security-Policy, every text from the data escaped)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checks.agree.agree import KIND_HELP
from checks.report.inert import dumps_json

TEMPLATES = Path(__file__).parent / "templates"
ATTRIBUTES = ("value", "qualifier", "low", "high", "category", "unit", "status", "normalized")


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def coef(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def mention(v: dict | None) -> str:
    """One annotator's version of a span or relation, on one line."""
    if v is None:
        return "—"
    if "type" in v and "from" in v:
        return f"{_end(v['from'])} —{v['type']}→ {_end(v['to'])}"
    attrs = " ".join(f"{k}={v[k]}" for k in ATTRIBUTES if k in v)
    return f"«{v.get('text') or ''}» {v['start']}–{v['end']} {v['label']}" + (
        f" {attrs}" if attrs else ""
    )


def mention_html(v: dict | None) -> Markup:
    """`mention` for HTML: every quoted text in its own <bdi>, so Arabic never reorders the
    offsets and labels around it; all data escaped."""
    if v is None:
        return Markup("—")
    if "type" in v and "from" in v:
        return Markup("{} —{}→ {}").format(_end_html(v["from"]), v["type"], _end_html(v["to"]))
    attrs = " ".join(f"{k}={v[k]}" for k in ATTRIBUTES if k in v)
    return Markup("«<bdi>{}</bdi>» {}–{} {} {}").format(
        v.get("text") or "", v["start"], v["end"], v["label"], attrs
    )


def _end_html(m: dict | None) -> Markup:
    if m is None:
        return Markup("(missing region)")
    return Markup("«<bdi>{}</bdi>» {} {}").format(m.get("text") or "", m["label"], m["id"])


def _end(m: dict | None) -> str:
    return "(missing region)" if m is None else f"«{m.get('text') or ''}» {m['label']} {m['id']}"


def to_json(report: dict) -> bytes:
    return dumps_json(report)


def _header(report: dict) -> list[str]:
    a = report["alpha"]
    lines = [
        f"tally agree: {len(report['annotators'])} annotators ({', '.join(report['annotators'])}); "
        f"{len(report['documents'])} of {report['tasks']} tasks annotated by two or more",
    ]
    if a["units"]:
        lines.append(
            f"Krippendorff's alpha over {a['units']} QUANTITY spans marked by two or more: "
            f"qualifier {coef(a['qualifier'])}, category {coef(a['category'])}, "
            f"unit {coef(a['unit'])}"
        )
    return lines


def to_text(report: dict) -> str:
    lines = _header(report)
    for p in report["pairs"]:
        s, r = p["spans"], p["relations"]
        st = s["strict"]
        lines += [
            "",
            f"{p['a']} vs {p['b']} ({p['documents']} documents)",
            f"  spans      strict F1 {pct(st['f1'])}, partial F1 {pct(s['partial']['f1'])} "
            f"({st['correct']} same, {st['incorrect']} overlapping but different, "
            f"{st['missed']} only {p['a']}, {st['spurious']} only {p['b']})",
        ]
        for label, m in p["by_label"]["strict"].items():
            part = p["by_label"]["partial"][label]
            lines.append(
                f"    {label:<9} strict F1 {pct(m['f1']):>7}  partial F1 {pct(part['f1']):>7}"
            )
        v = p["values"]
        lines.append(f"  values     {v['same']} of {v['matched']} strict QUANTITY matches same "
                     f"({pct(v['agreement'])})")  # fmt: skip
        for col in ("qualifier", "category", "unit"):
            c = p[col]
            lines.append(f"  {col:<10} {c['same']} of {c['matched']} same ({pct(c['agreement'])}), "
                         f"Cohen's kappa {coef(c['kappa'])}")  # fmt: skip
        lines.append(f"  relations  F1 {pct(r['f1'])} ({r['tp']} both, {r['fn']} only {p['a']}, "
                     f"{r['fp']} only {p['b']})")  # fmt: skip
        lines.append("  by document:")
        for doc_id, d in p["by_document"].items():
            lines.append(
                f"    {doc_id}  strict F1 {pct(d['spans']['strict']['f1'])}, partial F1 "
                f"{pct(d['spans']['partial']['f1'])}, values {pct(d['values']['agreement'])}, "
                f"qualifier kappa {coef(d['qualifier']['kappa'])}, category kappa "
                f"{coef(d['category']['kappa'])}, relations F1 {pct(d['relations']['f1'])}"
            )
    items = report["adjudication"]
    lines += ["", f"adjudication: {len(items)} disagreements"]
    doc = None
    for i in items:
        if i["doc_id"] != doc:
            doc = i["doc_id"]
            lines.append(f"{doc} (task {i['task']}){'  ' + i['link'] if i['link'] else ''}")
        c = i["context"]
        lines.append(
            f"  {i['kind']:<14} {_flat(c['before'])}[{_flat(c['text'])}]{_flat(c['after'])}"
        )
        width = max(len(n) for n in i["annotators"])
        for name, v in zip(i["annotators"], i["versions"], strict=True):
            lines.append(f"    {name + ':':<{width + 1}} {_flat(mention(v))}")
    return "\n".join(lines) + "\n"


def _flat(s: str) -> str:
    """One line, nothing a terminal would act on: line breaks shown as ¶, other control
    characters as escapes."""
    s = re.sub(r"\r?\n", " ¶ ", s)
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: f"\\x{ord(m[0]):02x}", s)


def _md(s: object) -> str:
    """Inert in a markdown table cell: HTML escaped, markdown specials backslashed."""
    text = html.escape(_flat(str(s)), quote=False)
    return re.sub(r"([\\`*_\[\]|#~])", r"\\\1", text)


def to_md(report: dict) -> str:
    lines = ["### tally agree", "", *[_md(x) for x in _header(report)], ""]
    lines += [
        "| annotators | documents | strict F1 | partial F1 | values | qualifier κ | category κ "
        "| relation F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in report["pairs"]:
        lines.append(
            f"| {_md(p['a'])} vs {_md(p['b'])} | {p['documents']} | "
            f"{pct(p['spans']['strict']['f1'])} | {pct(p['spans']['partial']['f1'])} | "
            f"{pct(p['values']['agreement'])} | {coef(p['qualifier']['kappa'])} | "
            f"{coef(p['category']['kappa'])} | {pct(p['relations']['f1'])} |"
        )
    items = report["adjudication"]
    lines += ["", f"#### Adjudication: {len(items)} disagreements", ""]
    if items:
        lines += ["| document | kind | context | first | second |", "|---|---|---|---|---|"]
    for i in items:
        c = i["context"]
        where = f"[{_md(i['doc_id'])}]({i['link']})" if i["link"] else _md(i["doc_id"])
        versions = [f"{_md(n)}: {_md(mention(v))}" for n, v in zip(i["annotators"], i["versions"],
                                                                  strict=True)]  # fmt: skip
        lines.append(f"| {where} | {i['kind']} | {_md(c['before'])}**{_md(c['text'])}**"
                     f"{_md(c['after'])} | {versions[0]} | {versions[1]} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def to_html(report: dict) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]))  # fmt: skip
    env.filters["pct"] = pct
    env.filters["coef"] = coef
    env.filters["mention"] = mention_html
    return env.get_template("agree.html.j2").render(r=report, kinds=KIND_HELP)


FORMATS = {"text": to_text, "json": to_json, "md": to_md, "html": to_html}
