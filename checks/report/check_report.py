"""`tally check` output: text for people, JSON per SPEC §7, JUnit XML for CI.

Every writer is one vectorized pass over the violations (and, for JUnit, the document × rule
grid), and every value from the data goes through the escaper of its format
(`checks.report.inert`), so a report is well-formed and inert whatever the input holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

import numpy as np
import orjson
import pandas as pd

from checks.engine import CheckResult
from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE
from checks.output import Chunks
from checks.report import github
from checks.report.inert import (
    JSON_OPTIONS,
    as_text,
    dumps_json,
    md,
    md_series,
    surrogate_free,
    terminal,
    terminal_series,
    xml_attr,
    xml_attr_series,
    xml_text,
    xml_text_series,
)
from checks.rules.registry import RULES

_SEVERITY_ORDER = {"error": 0, "warning": 1}
JUNIT_CHUNK = 20_000  # documents per piece of JUnit, so memory stays bounded


def safe(result: CheckResult) -> CheckResult:
    """The result with lone surrogates (which no UTF-8 writer accepts) shown as escapes."""
    v = result.violations
    clean = v.assign(**{c: surrogate_free(v[c]) for c in ("doc_id", "mentions", "message")})
    docs = surrogate_free(pd.Series(result.documents, dtype=object)).tolist()
    problems = surrogate_free(pd.Series(result.input_problems, dtype=object)).tolist()
    return replace(result, documents=docs, violations=clean, input_problems=problems)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def plural_series(n: pd.Series, word: str) -> pd.Series:
    return as_text(n) + pd.Series(np.where(n == 1, f" {word}", f" {word}s"), index=n.index)


def mention_lists(v: pd.DataFrame) -> pd.Series:
    """Each violation's mention ids joined with commas (None or non-str ids shown as text)."""
    joined = v["mentions"].str.join(",")
    bad = joined.isna()
    if bad.any():
        joined[bad] = v.loc[bad, "mentions"].map(lambda ids: ",".join(map(str, ids or ())))
    return joined.astype(object)


# ---------------------------------------------------------------- JSON
def to_json(result: CheckResult) -> bytes:
    """UTF-8 bytes, as JSON is: the output writer takes them as they are (decoding a large
    report to str and encoding it again cost more than making it)."""
    try:  # the common case: no lone surrogates, so no cleaning pass over the strings
        return orjson.dumps(_payload(result), option=JSON_OPTIONS)
    except TypeError:
        return dumps_json(_payload(safe(result)))


def _payload(result: CheckResult) -> dict:
    v = result.violations
    keys = ("rule", "severity", "doc_id", "mentions", "message")
    records = [
        {"rule": r, "severity": s, "doc_id": d, "mentions": list(m), "message": msg}
        for r, s, d, m, msg in zip(*(v[k].tolist() for k in keys), strict=True)
    ]
    payload = {"documents": len(result.documents), "violations": records,
               "notices": result.notices}  # fmt: skip
    if result.input_problems:
        payload["input_problems"] = result.input_problems
    return payload


# ---------------------------------------------------------------- text
def counts(result: CheckResult) -> dict:
    v = result.violations
    dirty = int(v["doc_id"].nunique())
    return {"documents": len(result.documents), "errors": result.errors,
            "warnings": result.warnings, "dirty": dirty}  # fmt: skip


def verdict(result: CheckResult) -> str:
    """`OK`, `FAILED: rule, rule` (the rules with errors), led by `UNUSABLE INPUT: …` when
    some documents could not be read (the run then checked only the others)."""
    v = result.violations
    broken = sorted(set(v.loc[v["severity"] == "error", "rule"]))
    said = "FAILED: " + ", ".join(broken) if broken else "OK"
    if not result.input_problems:
        return said
    unread = f"UNUSABLE INPUT: {plural(len(result.input_problems), 'document')} not checked"
    return unread + ("; " + said if broken else "")


def verdict_line(result: CheckResult, out: object) -> str:
    """The one line printed on stderr when the report went to a file."""
    c = counts(result)
    return (
        f"tally check: {verdict(result)} ({plural(c['errors'], 'error')}, "
        f"{plural(c['warnings'], 'warning')} in {c['dirty']} of "
        f"{plural(c['documents'], 'document')}) → {terminal(out)}"
    )


def to_text(result: CheckResult) -> str:
    """Violations grouped by document, errors first, then the totals and the verdict."""
    result = safe(result)
    v = result.violations
    width = max([len(r) for r in RULES] + [4])
    body = ""
    if not v.empty:
        doc = terminal_series(v["doc_id"])
        sev = v["severity"].map(_SEVERITY_ORDER).fillna(2).astype(int)
        lines = (
            "  " + as_text(v["severity"]).str.ljust(7) + "  " + v["rule"].str.ljust(width)
            + "  [" + terminal_series(mention_lists(v)) + "]  " + terminal_series(v["message"])
        )  # fmt: skip
        per_doc = (
            pd.DataFrame({"doc": doc, "e": v["severity"] == "error"})
            .groupby("doc", sort=False)["e"]
            .agg(["sum", "size"])
        )
        errors, total = per_doc["sum"].astype(int), per_doc["size"]
        headers = (
            per_doc.index.to_series()
            + "  (" + plural_series(errors, "error") + ", "
            + plural_series(total - errors, "warning") + ")"
        )  # fmt: skip
        n_doc = len(headers)
        table = pd.concat(
            [
                pd.DataFrame({"doc": headers.index, "kind": 0, "sev": 0, "line": headers.values}),
                pd.DataFrame({"doc": doc, "kind": 1, "sev": sev, "line": lines}),
                pd.DataFrame({"doc": headers.index, "kind": 2, "sev": 0, "line": [""] * n_doc}),
            ],
            ignore_index=True,
        ).sort_values(["doc", "kind", "sev"], kind="stable")
        body = "\n".join(table["line"]) + "\n"
    c = counts(result)
    summary = (
        f"{plural(c['documents'], 'document')} checked: {plural(c['errors'], 'error')}, "
        f"{plural(c['warnings'], 'warning')} in {plural(c['dirty'], 'document')}; "
        f"{c['documents'] - c['dirty']} clean. {_not_applied(result)}"
    )
    return body + summary + "\n" + verdict(result) + "\n"


def _not_applied(result: CheckResult) -> str:
    """CheckList's third outcome, counted: rules that found nothing to examine."""
    total = len(result.documents) * len(RULES)
    o = result.outcomes
    applied = len(o.loc[o["checked"] > 0, ["doc_id", "rule"]].drop_duplicates())
    return f"{total - applied} of {total} rule×document checks did not apply."


def per_document_outcomes(result: CheckResult) -> pd.DataFrame:
    """Every (document, rule) with checked and failed counts, zeros included."""
    grid = pd.MultiIndex.from_product([result.documents, list(RULES)], names=["doc_id", "rule"])
    counts = result.outcomes.set_index(["doc_id", "rule"])[["checked", "failed"]]
    counts = counts[~counts.index.duplicated()]
    full = counts.reindex(grid, fill_value=0).reset_index()
    full["severity"] = full["rule"].map({k: r.severity for k, r in RULES.items()})
    return full


# ---------------------------------------------------------------- JUnit
PLAIN, SKIPPED, FAILURE, WARNING = 0, 1, 2, 3
_XML_HEAD = "<?xml version='1.0' encoding='utf-8'?>\n"


def _unread_suite(problems: list[str]) -> str:
    """A failing case per document that could not be read, so CI shows it beside the rules."""
    if not problems:
        return ""
    cases = "".join(
        f'    <testcase classname="input" name="{xml_attr(where)}">\n'
        f'      <failure message="unusable input" type="input">{xml_text(what)}</failure>\n'
        "    </testcase>\n"
        for where, _, what in (p.partition(": ") for p in problems)
    )
    n = len(problems)
    return (f'  <testsuite name="input" tests="{n}" failures="{n}" skipped="0" errors="0">\n'
            + cases + "  </testsuite>\n")  # fmt: skip


def junit_chunks(result: CheckResult) -> Iterator[str]:
    """One test case per document and rule: failure on errors, skipped when not applicable,
    warnings as system-out. Built as a grid of string pieces (no element per case): each
    case is the document's escaped prefix followed by the rule's tail for its status."""
    result = safe(result)
    docs = np.array(sorted(result.documents), dtype=object)
    rules = list(RULES)
    n_d, n_r = len(docs), len(rules)
    unread = _unread_suite(result.input_problems)
    if n_d == 0:
        yield _XML_HEAD + ('<testsuites name="tally check">\n' + unread + "</testsuites>\n"
                           if unread else '<testsuites name="tally check" />\n')  # fmt: skip
        return
    doc_index, rule_index = pd.Index(docs), pd.Index(rules)
    checked = np.zeros((n_d, n_r), dtype=np.int64)
    o = result.outcomes.drop_duplicates(["doc_id", "rule"])
    di, ri = doc_index.get_indexer(o["doc_id"]), rule_index.get_indexer(o["rule"])
    ok = (di >= 0) & (ri >= 0)
    checked[di[ok], ri[ok]] = o["checked"].to_numpy()[ok]
    status = np.where(checked == 0, SKIPPED, PLAIN)

    # Violations: one case text per (document, rule) cell, lines joined in report order.
    v = result.violations
    rule_names = pd.Series([xml_attr(r) for r in rules], dtype=object)
    v_cells, v_cases = np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    if not v.empty:
        vd, vr = doc_index.get_indexer(v["doc_id"]), rule_index.get_indexer(v["rule"])
        at = np.where((vd >= 0) & (vr >= 0), vd * n_r + vr, -1)
        cells = pd.DataFrame(
            {
                "cell": at,
                "line": "[" + mention_lists(v) + "] " + as_text(v["message"]),
                "error": v["severity"] == "error",
            }
        )
        cells = cells[cells["cell"] >= 0]
        grouped = cells.groupby("cell", sort=True).agg(
            text=("line", "\n".join), n=("line", "size"), error=("error", "any")
        )
        v_cells = grouped.index.to_numpy()
        status.reshape(-1)[v_cells] = np.where(grouped["error"], FAILURE, WARNING)
        name = rule_names.iloc[v_cells % n_r].reset_index(drop=True)
        body = xml_text_series(grouped["text"]).reset_index(drop=True)
        n = grouped["n"].reset_index(drop=True)
        many = np.where(n == 1, " violation", " violations")
        failure = (
            name + '">\n      <failure message="' + as_text(n) + many + '" type="' + name
            + '">' + body + "</failure>\n    </testcase>\n"
        )  # fmt: skip
        warning = (
            name + '">\n      <system-out>warning: ' + body + "</system-out>\n    </testcase>\n"
        )
        v_cases = np.where(grouped["error"].to_numpy(), failure, warning).astype(object)
    tails = np.empty((n_r, 2), dtype=object)
    for j, r in enumerate(rule_names):
        name = f'{r}"'
        tails[j, PLAIN] = name + " />\n"
        tails[j, SKIPPED] = (
            name + '>\n      <skipped message="does not apply" />\n    </testcase>\n'
        )
    failures = (status == FAILURE).sum(axis=1)
    skipped = (status == SKIPPED).sum(axis=1)
    esc = xml_attr_series(pd.Series(docs, dtype=object))
    opens = (
        '  <testsuite name="' + esc + f'" tests="{n_r}" failures="'
        + as_text(pd.Series(failures)) + '" skipped="' + as_text(pd.Series(skipped))
        + '" errors="0">\n'
    ).to_numpy()  # fmt: skip
    prefixes = ('    <testcase classname="' + esc + '" name="').to_numpy()

    yield _XML_HEAD + '<testsuites name="tally check">\n' + unread
    for a in range(0, n_d, JUNIT_CHUNK):
        b = min(a + JUNIT_CHUNK, n_d)
        pieces = np.empty((b - a, 2 * n_r + 2), dtype=object)
        pieces[:, 0] = opens[a:b]
        pieces[:, 1:-1:2] = prefixes[a:b, None]
        st = status[a:b]
        plainish = np.minimum(st, SKIPPED)
        pieces[:, 2:-1:2] = tails[np.arange(n_r)[None, :], plainish]
        lo, hi = np.searchsorted(v_cells, [a * n_r, b * n_r])
        here = v_cells[lo:hi]
        pieces[here // n_r - a, 2 + 2 * (here % n_r)] = v_cases[lo:hi]
        pieces[:, -1] = "  </testsuite>\n"
        yield "".join(pieces.ravel().tolist())
    yield "</testsuites>\n"


def to_junit(result: CheckResult) -> str:
    return "".join(junit_chunks(result))


# ---------------------------------------------------------------- markdown (job summary)
MD_ROWS = 100  # violations listed in the markdown summary (GitHub caps a summary at 1 MiB)


def to_md(result: CheckResult) -> str:
    """Verdict, a table by rule and the first violations: a pull-request comment or a
    GitHub job summary. Every value from the data is markdown-escaped."""
    result = safe(result)
    v = result.violations
    c = counts(result)
    lines = [
        f"### tally check: {verdict(result)}",
        "",
        f"{plural(c['documents'], 'document')} checked: {plural(c['errors'], 'error')}, "
        f"{plural(c['warnings'], 'warning')} in {plural(c['dirty'], 'document')}; "
        f"{c['documents'] - c['dirty']} clean.",
    ]
    if v.empty:
        return "\n".join(lines) + "\n"
    by_rule = v.groupby("rule", sort=True).agg(
        severity=("severity", "first"), n=("rule", "size"), docs=("doc_id", "nunique")
    )
    lines += ["", "| rule | severity | violations | documents |", "|---|---|---:|---:|"]
    lines += (
        "| " + by_rule.index.map(md) + " | " + by_rule["severity"].map(md) + " | "
        + as_text(by_rule["n"]) + " | " + as_text(by_rule["docs"]) + " |"
    ).tolist()  # fmt: skip
    shown = v.head(MD_ROWS)
    more = f" (first {MD_ROWS} of {len(v)})" if len(v) > MD_ROWS else ""
    lines += ["", f"<details><summary>violations{more}</summary>", ""]
    lines += ["| document | rule | severity | mentions | message |", "|---|---|---|---|---|"]
    lines += (
        "| " + md_series(shown["doc_id"]) + " | " + md_series(shown["rule"]) + " | "
        + md_series(shown["severity"]) + " | " + md_series(mention_lists(shown)) + " | "
        + md_series(shown["message"]) + " |"
    ).tolist()  # fmt: skip
    lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- GitHub annotations
def to_github(result: CheckResult, facts: Facts) -> str:
    """One annotation per violation (errors as ::error, warnings as ::warning) at the facts
    file and line of its document, or the Label Studio task and region of its first mention."""
    v = safe(result).violations.reset_index(drop=True)
    if v.empty:
        return ""
    first = v["mentions"].str.get(0)
    m = facts.mentions[["doc_id", "id", "origin"]]
    m = m.assign(**{c: surrogate_free(m[c]) for c in m}).drop_duplicates(["doc_id", "id"])
    at = pd.DataFrame({"doc_id": v["doc_id"], "id": first}).merge(
        m, on=["doc_id", "id"], how="left"
    )["origin"]
    docs = facts.documents[["doc_id", "origin"]]
    docs = docs.assign(**{c: surrogate_free(docs[c]) for c in docs}).drop_duplicates("doc_id")
    doc_at = v[["doc_id"]].merge(docs, on="doc_id", how="left")["origin"]
    origin = surrogate_free(at.where(at.notna(), doc_at))
    title = "tally " + as_text(v["rule"]) + " in " + as_text(v["doc_id"])
    message = "[" + mention_lists(v) + "] " + as_text(v["message"])
    return github.annotations(v["severity"], origin, title, message)


def render(
    fmt: str, result: CheckResult, facts: Facts, about_tolerance: Fraction = DEFAULT_TOLERANCE
) -> Chunks:
    """The report in `fmt`, as text or pieces for the output writer. `github` also appends
    the markdown summary to $GITHUB_STEP_SUMMARY when that is set."""
    if fmt == "junit":
        return junit_chunks(result)
    if fmt == "html":
        from checks.report.check_html import to_html

        return to_html(safe(result), facts, about_tolerance)
    if fmt == "github":
        github.append_step_summary(to_md(result))
        return to_github(result, facts)
    return FORMATS[fmt](result)


FORMATS = {"text": to_text, "json": to_json, "junit": to_junit, "md": to_md}
