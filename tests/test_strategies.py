"""The Hypothesis strategies: consistent documents pass `check`; `violating=R` fires R only."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import tally
from checks.rules.registry import RULES as ENGINE_RULES
from checks.schema import LABELS
from checks.strategies import RULES, as_facts, documents, surfaces

EXAMPLES = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def batch(strategy) -> st.SearchStrategy[list[dict]]:
    """A few documents at once: one `check` call per example keeps the run short."""
    return st.lists(strategy, min_size=1, max_size=4, unique_by=lambda d: d["doc_id"])


def fired(docs: list[dict]) -> tuple[set[str], tally.CheckResult]:
    result = tally.check(as_facts(docs))
    return set(result.violations["rule"]), result


def test_every_rule_of_the_engine_has_a_strategy():
    for rule in ENGINE_RULES:
        assert rule in RULES, f"no strategy for {rule}: add a valid constraint and a mutation"
        assert RULES[rule].valid is not None or RULES[rule].violate is not None
    assert set(RULES) <= set(ENGINE_RULES)


@EXAMPLES
@given(batch(documents()))
def test_consistent_documents_have_no_violation(docs):
    rules, result = fired(docs)
    assert rules == set(), result.render("text")
    assert result.ok and len(result.documents) == len(docs)


@pytest.mark.parametrize("rule", list(ENGINE_RULES))
def test_violating_documents_break_exactly_that_rule(rule):
    @EXAMPLES
    @given(batch(documents(violating=rule)))
    def prop(docs):
        rules, result = fired(docs)
        assert rules == {rule}, result.render("text")
        per_doc = result.violations.groupby("doc_id")["rule"].nunique()
        assert len(per_doc) == len(docs), "every drawn document breaks the rule"

    prop()


@EXAMPLES
@given(batch(documents(labels={"QUANTITY"})))
def test_labels_restrict_what_appears(docs):
    assert {m["label"] for d in docs for m in d["mentions"]} == {"QUANTITY"}
    assert fired(docs)[0] == set()


@EXAMPLES
@given(batch(documents(units=("percent", "km", "usd"))))
def test_units_keep_documents_consistent(docs):
    assert fired(docs)[0] == set()


@given(st.integers(0, 10**9))
def test_every_surface_reads_back_as_its_value(value):
    from checks.numbers import NUMBER, read_surface

    for form in surfaces(value):
        read = read_surface(form)
        assert read.kind == NUMBER and read.value == value, form


def test_requests_that_cannot_be_met_fail_when_built():
    with pytest.raises(InvalidArgument, match="no strategy for rule"):
        documents(violating="no.such.rule")
    with pytest.raises(InvalidArgument, match="needs labels"):
        documents(violating="date.weekday", labels={"QUANTITY"})
    with pytest.raises(InvalidArgument, match="snake_case"):
        documents(units=("Km",))
    with pytest.raises(InvalidArgument, match="outside SPEC"):
        documents(labels={"MONEY"})
    assert set(LABELS) >= {"QUANTITY"}


def test_re_exported_as_tally_strategies():
    import tally.strategies

    assert tally.strategies.documents is documents


@pytest.mark.parametrize("rule", ["value.surface", "same_as.values", "value.missing"])
def test_violations_with_measures_break_exactly_that_rule(rule):
    @EXAMPLES
    @given(batch(documents(violating=rule, units=("km", "percent", "usd"))))
    def prop(docs):
        assert fired(docs)[0] == {rule}

    prop()


def test_measures_have_tenths_read_exactly():
    from hypothesis import find

    def has_tenths(doc: dict) -> bool:
        return any(isinstance(m.get("value"), float) for m in doc["mentions"])

    doc = find(documents(units=("km",)), has_tenths, settings=settings(database=None))
    assert fired([doc])[0] == set()
