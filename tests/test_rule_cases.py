"""Tests as data: one case file per rule in tests/cases/, each case {title, document, expect}.

`expect` lists every violation the document must produce (rule and mentions), no more.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.rules.registry import RULES

CASES = Path(__file__).parent / "cases"


def _cases() -> list:
    return list(_iter_cases())


def _iter_cases():
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['title']}")


def test_every_rule_has_a_case_file():
    assert {p.stem for p in CASES.glob("*.json")} == set(RULES)


def test_every_rule_has_firing_and_silent_cases():
    for path in CASES.glob("*.json"):
        cases = json.loads(path.read_text(encoding="utf-8"))
        fires = [any(v["rule"] == path.stem for v in c["expect"]) for c in cases]
        assert any(fires) and not all(fires), path.stem


@pytest.mark.parametrize("case", _cases())
def test_case(case, check_docs):
    result = check_docs([case["document"]])
    got = sorted((r.rule, tuple(r.mentions)) for r in result.violations.itertuples())
    want = sorted((v["rule"], tuple(v["mentions"])) for v in case["expect"])
    assert got == want, result.violations[["rule", "mentions", "message"]].to_string()
