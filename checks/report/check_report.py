"""`tally check` output: text for people, JSON per SPEC §7, JUnit XML for CI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pandas as pd

from checks.engine import CheckResult
from checks.rules.registry import RULES

_SEVERITY_ORDER = {"error": 0, "warning": 1}


def to_json(result: CheckResult) -> str:
    records = [
        {
            "rule": r.rule,
            "severity": r.severity,
            "doc_id": r.doc_id,
            "mentions": list(r.mentions),
            "message": r.message,
        }
        for r in result.violations.itertuples(index=False)
    ]
    payload = {
        "documents": len(result.documents),
        "violations": records,
        "notices": result.notices,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_text(result: CheckResult) -> str:
    v = result.violations
    lines: list[str] = []
    width = max([len(r) for r in RULES] + [4])
    if not v.empty:
        v = v.assign(_sev=v["severity"].map(_SEVERITY_ORDER))
        for doc_id, group in v.groupby("doc_id", sort=True):
            errors = int((group["severity"] == "error").sum())
            lines.append(f"{doc_id}  ({errors} errors, {len(group) - errors} warnings)")
            for r in group.sort_values("_sev", kind="stable").itertuples(index=False):
                ids = ",".join(r.mentions)
                lines.append(f"  {r.severity:<7}  {r.rule:<{width}}  [{ids}]  {r.message}")
            lines.append("")
    dirty = v["doc_id"].nunique() if not v.empty else 0
    lines.append(
        f"{len(result.documents)} documents checked: {result.errors} errors, "
        f"{result.warnings} warnings in {dirty} documents; "
        f"{len(result.documents) - dirty} clean. {_not_applied(result)}"
    )
    verdict = "FAILED" if result.errors else "OK"
    broken = sorted(set(result.violations.loc[result.violations["severity"] == "error", "rule"]))
    lines.append(verdict + (f": {', '.join(broken)}" if broken else ""))
    return "\n".join(lines) + "\n"


def _not_applied(result: CheckResult) -> str:
    """CheckList's third outcome, counted: rules that found nothing to examine."""
    grid = per_document_outcomes(result)
    idle = int((grid["checked"] == 0).sum())
    return f"{idle} of {len(grid)} rule×document checks did not apply."


def per_document_outcomes(result: CheckResult) -> pd.DataFrame:
    """Every (document, rule) with checked and failed counts, zeros included."""
    grid = pd.MultiIndex.from_product([result.documents, list(RULES)], names=["doc_id", "rule"])
    counts = result.outcomes.set_index(["doc_id", "rule"])[["checked", "failed"]]
    counts = counts[~counts.index.duplicated()]
    full = counts.reindex(grid, fill_value=0).reset_index()
    full["severity"] = full["rule"].map({k: r.severity for k, r in RULES.items()})
    return full


def to_junit(result: CheckResult) -> str:
    """One test case per document and rule: failure on errors, skipped when not applicable."""
    grid = per_document_outcomes(result)
    by_key = {k: g for k, g in result.violations.groupby(["doc_id", "rule"], sort=False)}
    suites = ET.Element("testsuites", name="tally check")
    for doc_id, rows in grid.groupby("doc_id", sort=True):
        suite = ET.SubElement(suites, "testsuite", name=str(doc_id))
        n_fail = n_skip = 0
        for row in rows.itertuples(index=False):
            case = ET.SubElement(suite, "testcase", classname=str(doc_id), name=row.rule)
            found = by_key.get((doc_id, row.rule))
            text = (
                ""
                if found is None
                else "\n".join(
                    f"[{','.join(m)}] {msg}"
                    for m, msg in zip(found["mentions"], found["message"], strict=True)
                )
            )
            if found is not None and row.severity == "error":
                n_fail += 1
                fail = ET.SubElement(
                    case, "failure", message=f"{len(found)} violations", type=row.rule
                )
                fail.text = text
            elif found is not None:
                ET.SubElement(case, "system-out").text = "warning: " + text
            elif row.checked == 0:
                n_skip += 1
                ET.SubElement(case, "skipped", message="does not apply")
        suite.set("tests", str(len(rows)))
        suite.set("failures", str(n_fail))
        suite.set("skipped", str(n_skip))
        suite.set("errors", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMATS = {"text": to_text, "json": to_json, "junit": to_junit}
