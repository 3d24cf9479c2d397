"""Run every registered rule over the facts and gather one violations table."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE
from checks.lookup import positions

# Importing the rule modules registers them.
from checks.rules import date_rules, mention_rules, relation_rules  # noqa: F401
from checks.rules.context import Context
from checks.rules.registry import RULES, VIOLATION_COLUMNS


@dataclass(frozen=True)
class CheckResult:
    documents: list[str]
    violations: pd.DataFrame  # VIOLATION_COLUMNS, sorted
    outcomes: pd.DataFrame  # doc_id, rule, severity, checked, failed: the three outcomes
    notices: list[dict] = field(default_factory=list)  # what the readers did not use
    # "origin: message" per document that could not be read: distributed runs go on past
    # them (and exit 2); every report says so, so a partial result never reads as a pass.
    input_problems: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return int((self.violations["severity"] == "error").sum())

    @property
    def warnings(self) -> int:
        return int((self.violations["severity"] == "warning").sum())


def run_checks(
    facts: Facts,
    about_tolerance: Fraction = DEFAULT_TOLERANCE,
    only: Iterable[str] | None = None,
) -> CheckResult:
    """All rules (or the ones named in `only`) over the facts, as one violations table."""
    with gc_paused():
        return _run(facts, about_tolerance, only)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while the rules build many small objects (messages, id lists): its
    full passes over a large heap cost more than the rules. Nothing here makes cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _run(facts: Facts, about_tolerance: Fraction, only: Iterable[str] | None) -> CheckResult:
    ctx = Context(facts, about_tolerance)
    n_docs = len(facts.documents)
    frames, docs, rules, checks, fails = [], [], [], [], []
    chosen = list(only) if only is not None else list(RULES)
    for rule_id in chosen:
        rule = RULES[rule_id]
        result = rule.run(ctx)
        frames.append(result.violations.assign(rule=rule.id, severity=rule.severity))
        checked = np.bincount(result.checked, minlength=n_docs)
        failed = np.bincount(
            positions(ctx.doc_index, result.violations["doc_id"]), minlength=n_docs
        )
        rows = np.flatnonzero(checked | failed)
        docs.append(rows)
        rules.append(np.full(len(rows), RULE_CODE[rule_id], dtype=np.int8))
        checks.append(checked[rows])
        fails.append(failed[rows])
    violations = pd.concat(frames, ignore_index=True)[VIOLATION_COLUMNS]
    outcomes = outcome_table(facts.doc_ids, *map(np.concatenate, (docs, rules, checks, fails)))
    return CheckResult(
        facts.doc_ids, sort_violations(violations), outcomes, facts.notices.as_list()
    )


RULE_CODE = {rule_id: i for i, rule_id in enumerate(RULES)}
_SEVERITIES = ["error", "warning"]


def outcome_table(
    documents: list[str],
    doc: np.ndarray,
    rule: np.ndarray,
    checked: np.ndarray,
    failed: np.ndarray,
) -> pd.DataFrame:
    """doc_id, rule, severity, checked, failed from positions into `documents` and codes
    into `RULES`; categorical, since a corpus has 13 rows per document and the strings are
    already held once in `documents`."""
    rules = list(RULES)
    severity = np.array([_SEVERITIES.index(RULES[r].severity) for r in rules], dtype=np.int8)
    return pd.DataFrame(
        {
            "doc_id": pd.Categorical.from_codes(doc, categories=pd.Index(documents)),
            "rule": pd.Categorical.from_codes(rule, categories=rules),
            "severity": pd.Categorical.from_codes(severity[rule], categories=_SEVERITIES),
            "checked": np.asarray(checked, dtype=np.int64),
            "failed": np.asarray(failed, dtype=np.int64),
        }
    )


def sort_violations(v: pd.DataFrame) -> pd.DataFrame:
    """SPEC §4a order: doc_id, rule, first mention; ties keep the rules' own order."""
    first = np.array([ids[0] if ids else "" for ids in v["mentions"].tolist()], dtype=object)
    keys = [pd.factorize(col, sort=True)[0] for col in (first, v["rule"], v["doc_id"])]
    order = np.lexsort(keys)  # last key is the primary one; lexsort is stable
    return v.take(order).reset_index(drop=True)
