"""Great Expectations over the facts tables and tally's rule results (real GE, ephemeral)."""

from __future__ import annotations

import pytest

from checks.engine import run_checks
from checks.readers.load import load
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "faulty.jsonl"


@pytest.fixture(scope="module")
def gx_suite():
    from checks import gx_suite

    return gx_suite


def test_data_docs_show_the_rule_results(gx_suite, tmp_path):
    facts = load([GOLDEN])
    result = run_checks(facts)
    report = gx_suite.validate_with_gx(facts, result, tmp_path)
    assert report.facts_ok
    assert set(report.failed["tally_rules"]) == set(result.violations["rule"])
    assert (tmp_path / "index.html").exists()
    page = next((tmp_path / "validations").rglob("*tally_rules*.html")).read_text()
    assert "Unsuccessful Expectations" in page
    for rule in result.violations["rule"]:
        assert rule in page


def test_rule_table_is_read_not_recomputed(gx_suite):
    facts = load([GOLDEN])
    result = run_checks(facts)
    table = gx_suite.rule_results_table(result)
    faulty = table.set_index("doc_id").loc["faulty-extractor-output"]
    assert faulty["part_whole.sum"] == 1 and faulty["span.offsets"] == 0


def test_facts_suite_catches_a_bad_table(gx_suite, tmp_path):
    facts = load([GOLDEN])
    facts.mentions.loc[0, "label"] = "MISC"
    facts.mentions.loc[1, "low"], facts.mentions.loc[1, "high"] = 10.0, 5.0
    report = gx_suite.validate_with_gx(facts, run_checks(facts), None)
    assert not report.facts_ok
    assert set(report.failed["mentions"]) == {
        "label",
        "expect_column_pair_values_a_to_be_greater_than_b",
    }


def test_errors_inside_ge_are_raised_not_passed(gx_suite):
    facts = load([GOLDEN])
    result = run_checks(facts)
    facts.mentions = facts.mentions.drop(columns=["status"])
    with pytest.raises(gx_suite.GXFailure, match="status"):
        gx_suite.validate_with_gx(facts, result, None)


def test_cli_writes_data_docs(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checks",
            "check",
            str(ROOT / "gold"),
            "--data-docs",
            str(tmp_path / "docs"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "docs" / "index.html").exists()
