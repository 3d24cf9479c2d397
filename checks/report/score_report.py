"""`tally score` output: text, json, md (pull-request comment), junit and html."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checks.facts import Facts
from checks.report import github
from checks.report.inert import (
    as_text,
    dumps_json,
    html_clean,
    md,
    terminal,
    xml_attr,
    xml_attr_series,
    xml_text_series,
)
from checks.scoring import significance
from checks.scoring.baseline import HEADLINE
from checks.scoring.matching import SCHEMES
from checks.scoring.score import rows

TEMPLATES = Path(__file__).parent / "templates"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _na(x: float | None) -> str:
    """A ratio over nothing (no relation of that type on one side) is `n/a`, not 0 %."""
    return "n/a" if x is None else _pct(x)


def relation_summary(r: dict, keys: tuple[str, ...] = ("precision", "recall", "f1")) -> str:
    """`P … R … F1 …`, or why there are none: with no relation on either side the three
    are `null` in JSON (SPEC §6, like an accuracy over zero matches), said here in words."""
    if r["tp"] + r["fp"] + r["fn"] == 0:
        return "n/a: no relations in the gold or the predictions"
    short = {"precision": "P", "recall": "R", "f1": "F1"}
    return " ".join(f"{short[k]} {_na(r[k])}" for k in keys)


BROKEN_SHOWN = {"text": 20, "md": 50}  # broken mentions listed; the rest are counted


def more_broken(shown: int, total: int) -> str | None:
    """The line after a cut list of broken mentions: how many more and where they all are."""
    if total <= shown:
        return None
    return (
        f"… {total - shown} more broken mentions (of {total}); `--format json` lists them "
        "all under baseline.mentions.broken, `--format html` the first 200"
    )


def _signed(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "—"
    return f"{100 * x:+.1f} pt" if pct else f"{x:+g}"


def to_json(report: dict, comparison: dict | None = None) -> bytes:
    """UTF-8 bytes, straight to the output writer (a full report with its per-mention detail
    is hundreds of MB: decoding it to str and encoding it again took longer than orjson)."""
    out = dict(report)
    if comparison is not None:
        out["baseline"] = comparison
    return dumps_json(out)


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
    lines.append(f"relations: {relation_summary(r)} (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    for t, m in r.get("by_type", {}).items():
        lines.append(
            f"  {t:<12}P {_na(m['precision']):>7}  R {_na(m['recall']):>7}  "
            f"F1 {_na(m['f1']):>7}  (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
        )
    by_rule = ", ".join(f"{k} {n}" for k, n in report["violations_by_rule"].items()) or "none"
    lines.append(f"consistency violations in the predictions: {report['violations']} ({by_rule})")
    lines.append("")
    lines.append("strict, per label:")
    for label, m in report["mentions"]["by_label"]["strict"].items():
        lines.append(
            f"  {terminal(label):<9}P {_pct(m['precision']):>7}  R {_pct(m['recall']):>7}  "
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
        lines += significance.text_lines(comparison)
        d = comparison["mentions"]
        lines.append(
            f"  mentions: {len(d['fixed'])} fixed, {len(d['broken'])} broken, "
            f"{len(d['still_wrong'])} still wrong; spurious {len(d['new_spurious'])} new, "
            f"{len(d['gone_spurious'])} gone"
        )
        shown = BROKEN_SHOWN["text"]
        for e in d["broken"][:shown]:
            lines.append(
                f"    broken  {terminal(e['doc_id'])} {terminal(e['gold'])} "
                f"«{terminal(e['text'])}» {terminal(e['before'])} → {terminal(e['after'])}"
            )
        more = more_broken(shown, len(d["broken"]))
        if more:
            lines.append(f"    {more}")
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
              f"- relations: {relation_summary(r, ('f1',))} "
              f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"]  # fmt: skip
    lines += [
        f"  - {t}: precision {_na(m['precision'])}, recall {_na(m['recall'])}, "
        f"F1 {_na(m['f1'])} (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
        for t, m in r.get("by_type", {}).items()
    ]
    lines += [f"- consistency violations in the predictions: {report['violations']}"]
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
        lines += significance.md_lines(comparison)
        d = comparison["mentions"]
        lines += ["", f"{len(d['fixed'])} mentions fixed, {len(d['broken'])} broken, "
                  f"{len(d['still_wrong'])} still wrong."]  # fmt: skip
        if d["broken"]:
            lines += ["", "<details><summary>broken mentions</summary>", ""]
            shown = BROKEN_SHOWN["md"]
            lines += [f"- {md(e['doc_id'])} {md(e['gold'])} «{md(e['text'])}»: {md(e['before'])} "
                      f"→ {md(e['after'])}" for e in d["broken"][:shown]]  # fmt: skip
            more = more_broken(shown, len(d["broken"]))
            if more:
                lines.append(f"- {more}")
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def to_junit(report: dict, comparison: dict | None = None) -> str:
    """One test case per document: it fails when a strict mention is wrong or the
    predictions break a consistency rule there. Built in one vectorized pass."""
    d = report["detail"]
    g = pd.DataFrame(
        d["gold"], columns=["doc_id", "gold", "text", "label", "outcome"], dtype=object
    )
    g = g[g["outcome"] != "correct"]
    sp = pd.DataFrame(d["spurious"], columns=["doc_id", "pred", "text", "label"], dtype=object)
    v = pd.DataFrame(
        d["violations"], columns=["doc_id", "rule", "severity", "message"], dtype=object
    )
    v = v[v["severity"] == "error"]
    s = as_text
    problems = pd.concat(
        [
            pd.DataFrame({"doc_id": g["doc_id"], "line": s(g["outcome"]) + ": " + s(g["gold"])
                          + " «" + s(g["text"]) + "» (" + s(g["label"]) + ")"}),
            pd.DataFrame({"doc_id": sp["doc_id"], "line": "spurious: " + s(sp["pred"]) + " «"
                          + s(sp["text"]) + "» (" + s(sp["label"]) + ")"}),
            pd.DataFrame({"doc_id": v["doc_id"], "line": s(v["rule"]) + ": " + s(v["message"])}),
        ],
        ignore_index=True,
    )  # fmt: skip
    grouped = problems.groupby("doc_id", sort=False)["line"].agg(["size", "\n".join])
    docs = pd.Series(sorted(set(d["gold"]["doc_id"]) | set(grouped.index)), dtype=object)
    n = grouped["size"].reindex(docs).fillna(0).astype(int).reset_index(drop=True)
    text = grouped["join"].reindex(docs).fillna("").reset_index(drop=True)
    head = '  <testcase classname="tally.score" name="' + xml_attr_series(docs) + '"'
    many = pd.Series(np.where(n == 1, " problem", " problems"))
    cases = head + pd.Series(
        np.where(
            n > 0,
            '>\n    <failure message="' + as_text(n) + many + '">' + xml_text_series(text)
            + "</failure>\n  </testcase>\n",
            " />\n",
        )
    )  # fmt: skip
    tests, failures = len(docs), int((n > 0).sum())
    tail = ""
    if comparison is not None and comparison["regressed"]:
        bad = [m["metric"] for m in comparison["metrics"] if m["regressed"]]
        how = "significantly worse" if comparison.get("gate_applied") == "significant" else ""
        tail = ('  <testcase classname="tally.score" name="baseline">\n    <failure message="'
                + xml_attr(f"{how or 'regressed'}: " + ", ".join(bad))
                + '" />\n  </testcase>\n')  # fmt: skip
        tests, failures = tests + 1, failures + 1
    if comparison is not None and comparison.get("significance"):
        lines = "\n".join(significance.text_lines(comparison))
        tail += "  <system-out>" + xml_text_series(pd.Series([lines])).iloc[0] + "</system-out>\n"
    head = "<?xml version='1.0' encoding='utf-8'?>\n"
    suite = f'<testsuite name="tally score" tests="{tests}" failures="{failures}" errors="0">\n'
    body = "".join(cases.tolist()) if tests else ""
    return head + suite + junit_properties(report) + body + tail + "</testsuite>\n"


def junit_properties(report: dict) -> str:
    """The headline metrics as suite properties (CI dashboards show them); a metric that is
    `null` in JSON (nothing to measure it over) is `n/a`, never 0."""
    out = ["  <properties>\n"]
    for name, path, _ in HEADLINE:
        x = report
        for key in path:
            x = x[key]
        shown = "n/a" if x is None else str(x) if name == "violations" else _pct(x)
        out.append(f'    <property name="{xml_attr(name)}" value="{xml_attr(shown)}" />\n')
    out.append("  </properties>\n")
    return "".join(out)


def verdict_line(report: dict, comparison: dict | None, out: object) -> str:
    """The one line printed on stderr when the report went to a file."""
    m, v, r = report["mentions"], report["values"], report["relations"]
    if comparison is None:
        state = "scored"
    elif comparison["regressed"]:
        state = "REGRESSED: " + ", ".join(x["metric"] for x in comparison["metrics"]
                                          if x["regressed"])  # fmt: skip
    else:
        state = "no regression"
    return (
        f"tally score: {state} (strict F1 {_pct(m['strict']['f1'])}, partial F1 "
        f"{_pct(m['partial']['f1'])}, value accuracy {_pct(v['value_accuracy'])}, relation F1 "
        f"{_pct(r['f1'])}) → {terminal(out)}"
    )


def to_github(report: dict, comparison: dict | None, gold: Facts, pred: Facts) -> str:
    """Workflow annotations: a warning per document with wrong mentions or rule errors in the
    predictions (at the prediction file's line for it, else the gold's), and an error per
    regressed metric (the only thing that fails the job). Appends the markdown report to
    $GITHUB_STEP_SUMMARY when set."""
    github.append_step_summary(to_md(report, comparison))
    d = report["detail"]
    g = pd.DataFrame(d["gold"], columns=["doc_id", "outcome"], dtype=object)
    sp = pd.DataFrame(d["spurious"], columns=["doc_id"], dtype=object)
    v = pd.DataFrame(d["violations"], columns=["doc_id", "severity"], dtype=object)
    parts = {
        "wrong": g.loc[g["outcome"] != "correct", "doc_id"].value_counts(),
        "spurious": sp["doc_id"].value_counts(),
        "rule errors": v.loc[v["severity"] == "error", "doc_id"].value_counts(),
    }
    table = pd.DataFrame(parts).fillna(0).astype(int).sort_index()
    lines = ""
    if not table.empty:
        keys = ["doc_id", "origin"]
        origins = pd.concat([pred.documents[keys], gold.documents[keys]])
        origins = origins.drop_duplicates("doc_id")
        origin = origins.set_index("doc_id")["origin"].reindex(table.index)

        def counted(col: str, one: str, many: str) -> pd.Series:
            n = table[col]
            return as_text(n) + pd.Series(np.where(n == 1, one, many), index=n.index)

        message = (
            counted("wrong", " gold mention wrong", " gold mentions wrong") + " (strict), "
            + counted("spurious", " spurious", " spurious") + ", "
            + counted("rule errors", " consistency error", " consistency errors")
            + " in the predictions"
        )  # fmt: skip
        title = "tally score: " + as_text(pd.Series(table.index, index=table.index))
        level = pd.Series("warning", index=table.index)
        lines = github.annotations(level, origin, title, message)
    if comparison is not None:
        for m in comparison["metrics"]:
            if m["regressed"]:
                pct = m["metric"] != "violations"
                fmt = _pct if pct else str
                lines += (
                    f"::error title=tally score regression::{m['metric']} "
                    f"{fmt(m['baseline'])} → {fmt(m['current'])} ({_signed(m['change'], pct)})\n"
                )
    return lines


# HTML report (owned with templates/score.html.j2).

WRONG = (
    "wrong = a gold mention that strict does not match correctly (incorrect, partial or "
    "missed) or a spurious prediction; each counts once, so the documents' counts add up to "
    "the strict row's incorrect + partial + missed + spurious"
)
LONG_SPAN = 24  # characters: longer spans may wrap; their label stays with the last word


def _number(x) -> str:
    if x is None:
        return "—"
    x = float(x)
    return f"{int(x):,}" if x.is_integer() else f"{x:,}"


def _figure(value, qualifier, low, high, unit=None) -> str:
    """A QUANTITY's reading in words: `more than 9,500`, `range 3,000–9,999`, a measure
    with its unit (`exact 7.7 magnitude`)."""
    q = qualifier or "exact"
    if q in ("range", "vague"):
        said = f"{q} {_number(low)}–{_number(high)}"
    else:
        said = f"{q.replace('_', ' ')} {_number(value)}"
    return f"{said} {unit}" if isinstance(unit, str) and unit else said


def _value_or_unit(e: dict) -> str:
    """What of a wrong value is wrong: the figure, its unit (90 percent vs 90), or both."""
    if (e.get("gold_unit") or None) == (e.get("pred_unit") or None):
        return "value"
    same = all(e[f"gold_{k}"] == e[f"pred_{k}"] for k in ("value", "low", "high"))
    return "unit" if same else "value and unit"


def value_error_rows(report: dict) -> list[dict]:
    """Strict matches with a wrong value or qualifier, gold vs predicted in words."""
    out = []
    for e in rows(report["detail"].get("value_errors") or {}):
        gold, pred = (
            _figure(e[f"{s}_value"], e[f"{s}_qualifier"], e[f"{s}_low"], e[f"{s}_high"],
                    e.get(f"{s}_unit"))
            for s in ("gold", "pred")
        )  # fmt: skip
        what = [w for w, ok in ((_value_or_unit(e), e["value_ok"]),
                                ("qualifier", e["qualifier_ok"])) if not ok]  # fmt: skip
        out.append({**e, "gold_reading": gold, "pred_reading": pred, "what": " and ".join(what)})
    return out


def segments(text: str, spans: list[dict]) -> list[dict]:
    """Cut the text at every span boundary. Each piece is drawn as its innermost covering
    span; a span's label goes once, on the piece where it ends (so a nested or long span
    never repeats its label or leaves a label-only box)."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    out = []
    for a, b in pairwise(cuts):
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        piece = text[a:b]
        ending = [s for s in reversed(covering) if s["end"] == b]
        head, tail = piece, ""
        if ending and len(piece) > LONG_SPAN and " " in piece.rstrip():
            cut = piece.rstrip().rfind(" ") + 1  # keep the last word with the label
            head, tail = piece[:cut], piece[cut:]
        out.append({"text": piece, "head": head, "tail": tail,
                    "span": covering[-1] if covering else None,
                    "nested": len(covering) > 1, "labels": ending})  # fmt: skip
    return out


def _label(span: dict) -> str:
    if span["outcome"] != "correct":
        return f"{span['label']} · {span['outcome']}"
    if span.get("value_error"):
        e = span["value_error"]
        return f"{span['label']} · {e['what']}: {e['gold_reading']} ≠ {e['pred_reading']}"
    return span["label"]


def document_views(report: dict, gold: Facts, limit: int) -> list[dict]:
    """Documents with something wrong first, then the rest, up to `limit`.

    The choice is made on the detail columns; spans are gathered for the shown documents
    only, so a large corpus costs no per-mention Python here. A document's `wrong` is the
    strict count (see WRONG); value and qualifier errors are counted beside it."""
    d = report["detail"]
    g = pd.DataFrame(d["gold"], columns=["doc_id", "gold", "start", "end", "label", "outcome"])
    p = pd.DataFrame(d["pred"], columns=["doc_id", "pred", "start", "end", "label", "outcome"])
    wrong = pd.concat(
        [g.loc[g["outcome"] != "correct", "doc_id"], p.loc[p["outcome"] == "spurious", "doc_id"]]
    ).value_counts()
    errors = value_error_rows(report)
    flagged = set(wrong.index) | set(d["violations"]["doc_id"]) | {e["doc_id"] for e in errors}
    docs = gold.documents[["doc_id", "text"]]
    ranked = docs.assign(clean=~docs["doc_id"].isin(flagged)).sort_values(["clean", "doc_id"])
    shown = ranked.head(limit)
    keep = set(shown["doc_id"])
    g, p = g[g["doc_id"].isin(keep)], p[p["doc_id"].isin(keep)]
    problems = defaultdict(list)
    for v in rows(d["violations"]):
        if v["doc_id"] in keep:
            problems[v["doc_id"]].append(v)
    value_errors = defaultdict(list)
    by_mention = {}
    for e in errors:
        if e["doc_id"] in keep:
            value_errors[e["doc_id"]].append(e)
            by_mention[("gold", e["doc_id"], e["gold"])] = e
            by_mention[("pred", e["doc_id"], e["pred"])] = e
    views = []
    for doc_id, text in zip(shown["doc_id"], shown["text"], strict=True):
        sides = {}
        for name, table, id_col in (("gold", g, "gold"), ("pred", p, "pred")):
            mine = table[table["doc_id"] == doc_id].sort_values(
                ["start", "end"], ascending=[True, False]
            )
            spans = []
            for st, en, lb, i, o in zip(mine["start"], mine["end"], mine["label"],
                                        mine[id_col], mine["outcome"], strict=True):  # fmt: skip
                span = {"start": st, "end": en, "label": lb, "id": i, "outcome": o,
                        "value_error": by_mention.get((name, doc_id, i))}  # fmt: skip
                span["kind"] = "err" if o != "correct" else "val" if span["value_error"] else "ok"
                span["caption"] = _label(span)
                spans.append(span)
            sides[name] = segments(text or "", spans)
        views.append({"doc_id": doc_id, **sides, "wrong": int(wrong.get(doc_id, 0)),
                      "value_errors": value_errors[doc_id],
                      "violations": problems[doc_id]})  # fmt: skip
    return views


def _finalize(value: object) -> object:
    """Controls in data shown, not sent; markup the template built (a macro's output, whose
    data already went through here) is kept as markup, not escaped a second time."""
    return value if isinstance(value, Markup) else html_clean(value)


def to_html(report: dict, comparison: dict | None, gold: Facts, limit: int = 50) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html", "j2"]),
                      finalize=_finalize)  # fmt: skip
    env.filters["pct"] = _pct
    env.filters["na"] = _na
    env.filters["signed"] = _signed
    env.filters["p"] = lambda p: "—" if p is None else f"{p:.3f}"
    template = env.get_template("score.html.j2")
    m = report["mentions"]["strict"]
    return template.render(report=report, comparison=comparison, schemes=SCHEMES,
                           docs=document_views(report, gold, limit),
                           total_docs=len(gold.documents), wrong_definition=WRONG,
                           strict_wrong=m["incorrect"] + m["partial"] + m["missed"]
                           + m["spurious"],
                           value_errors=len(report["detail"].get("value_errors", {})
                                            .get("doc_id", [])),
                           gate_note=significance.gate_note(comparison) if comparison
                           else None)  # fmt: skip


FORMATS = {"text": to_text, "json": to_json, "md": to_md, "junit": to_junit}
