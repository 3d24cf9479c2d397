"""The probe end to end: generate → run → compare → report (as data)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from checks.facts import InputError
from checks.probe.cases import CAPABILITIES, KINDS, Case, Original
from checks.probe.expect import FAIL, FILTERED, PASS, Result, judge
from checks.probe.perturb import gold_figures, perturbations
from checks.probe.runner import read_predictions, run_extractor
from checks.probe.templates import mft_cases

CONTEXT = 30  # code points shown on each side of a failing figure


@dataclass
class Suite:
    originals: list[Original]
    cases: list[Case]
    gold_figures: int


def build_suite(paths: list[Path], seed: int) -> Suite:
    """Cases from the documents and gold figures of `paths`, and from the templates."""
    from checks.readers.load import load

    facts = load(paths, "probe")
    originals, figures = gold_figures(facts.documents, facts.mentions)
    if not originals:
        raise InputError(", ".join(map(str, paths)), "no document with text: nothing to perturb")
    cases = perturbations(originals, figures, facts.relations) + mft_cases(seed)
    return Suite(originals, cases, len(figures))


def documents(suite: Suite) -> list[dict]:
    """What the extractor gets: the originals, then every case's document."""
    out = []
    for d in [*suite.originals, *suite.cases]:
        doc = {"doc_id": d.id, "text": d.text}
        if d.published:
            doc["published"] = d.published
        out.append(doc)
    return out


def run_suite(suite: Suite, command: str, timeout: float) -> tuple[list[Result], list[dict]]:
    """Each case's result, and the notices of reading the extractor's output."""
    docs = documents(suite)
    out = run_extractor(command, docs, timeout)
    read = read_predictions(command, out, [d["doc_id"] for d in docs])
    return [judge(c, read.documents) for c in suite.cases], read.notices.as_list()


def _counts(results: list[Result]) -> dict:
    n = Counter(r.status for r in results)
    tested = n[PASS] + n[FAIL]
    return {
        "cases": len(results),
        "tested": tested,
        "filtered": n[FILTERED],
        "passed": n[PASS],
        "failed": n[FAIL],
        "pass_rate": n[PASS] / tested if tested else None,
    }


def _failure(r: Result) -> dict:
    c = r.case
    s, e = c.span
    return {
        "id": c.id,
        "capability": c.capability,
        "test": c.test,
        "kind": c.kind,
        "change": c.change,
        "before": c.text[max(0, s - CONTEXT) : s],
        "figure": c.text[s:e],
        "after": c.text[e : e + CONTEXT],
        "expected": r.expected,
        "got": r.got,
    }


def summarize(
    results: list[Result],
    suite: Suite,
    command: str,
    seed: int,
    inputs: list[str],
    notices: list[dict] | None = None,
) -> dict:
    """The report as data: counts per capability, per kind, per test; every failing and
    filtered case by id."""
    capabilities = []
    for cap, about in CAPABILITIES.items():
        mine = [r for r in results if r.case.capability == cap]
        if not mine:
            continue
        tests = []
        for test, kind in dict.fromkeys((r.case.test, r.case.kind) for r in mine):
            rs = [r for r in mine if r.case.test == test and r.case.kind == kind]
            tests.append(
                {
                    "test": test,
                    "kind": kind,
                    **_counts(rs),
                    "failing": [r.case.id for r in rs if r.status == FAIL],
                    "filtered_ids": [r.case.id for r in rs if r.status == FILTERED],
                }
            )
        kinds = {k: _counts([r for r in mine if r.case.kind == k]) for k in KINDS}
        capabilities.append(
            {
                "capability": cap,
                "about": about,
                **_counts(mine),
                "kinds": {k: v for k, v in kinds.items() if v["cases"]},
                "tests": tests,
            }
        )
    return {
        "extractor": command,
        "seed": seed,
        "inputs": inputs,
        "documents": len(suite.originals),
        "gold_figures": suite.gold_figures,
        "summary": _counts(results),
        "kinds": {k: _counts([r for r in results if r.case.kind == k]) for k in KINDS},
        "capabilities": capabilities,
        "failures": [_failure(r) for r in results if r.status == FAIL],
        "filtered": [{"id": r.case.id, "reason": r.got} for r in results if r.status == FILTERED],
        "notices": notices or [],
    }


def probe(paths: list[Path], command: str, seed: int = 0, timeout: float = 300.0) -> dict:
    suite = build_suite(paths, seed)
    results, notices = run_suite(suite, command, timeout)
    return summarize(results, suite, command, seed, [str(p) for p in paths], notices)


def below(report: dict, rate: float) -> list[str]:
    """Capabilities whose pass rate is under `rate`; one with no judged case counts as 0."""
    return [
        c["capability"]
        for c in report["capabilities"]
        if (c["pass_rate"] if c["pass_rate"] is not None else 0.0) < rate
    ]
