"""`pytest --tally PATH`: one test per document × rule, counted against tally's own outcomes."""

from __future__ import annotations

import shutil
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import tally

pytest_plugins = ("pytester",)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "tally-gold.json"
FAULTY = ROOT / "tests" / "golden" / "faulty.jsonl"
# Until the package is installed again with the new entry point, load the plugin by name.
INSTALLED = any(e.name == "tally" for e in entry_points(group="pytest11"))
PLUGIN = [] if INSTALLED else ["-p", "checks.pytest_plugin"]


def expected(path: Path | list[Path], strict: bool = False, rule: str | None = None) -> dict:
    """passed / failed / skipped / warnings as tally's own outcomes say they must be."""
    result = tally.check(path)
    o, v = result.outcomes, result.violations
    if rule is not None:
        o, v = o[o["rule"] == rule], v[v["rule"] == rule]
    fails = o["outcome"] == "fails"
    hard = fails & ((o["severity"] == "error") | strict)
    warned = v["severity"] == "warning"
    return {
        "passed": int((o["outcome"] == "holds").sum() + (fails & ~hard).sum()),
        "failed": int(hard.sum()),
        "skipped": int((o["outcome"] == "does not apply").sum()),
        "warnings": 0 if strict else int(warned.sum()),
    }


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "gold").mkdir()
    shutil.copy(GOLD, pytester.path / "gold" / GOLD.name)
    shutil.copy(FAULTY, pytester.path / FAULTY.name)
    return pytester


def run(p: pytest.Pytester, *args: str) -> pytest.RunResult:
    return p.runpytest_inprocess(*PLUGIN, "-p", "no:cacheprovider", *args)


def test_gold_items_follow_the_outcomes(project):
    result = run(project, "--tally", "gold/")
    result.assert_outcomes(**expected(GOLD))
    assert result.ret == 0


def test_violations_fail_with_tallys_message(project):
    result = run(project, "--tally", FAULTY.name)
    result.assert_outcomes(**expected(FAULTY))
    assert result.ret == 1
    out = result.stdout.str()
    assert "tally error part_whole.sum in faulty-extractor-output: 1 violation" in out
    assert "Traceback" not in out and "def runtest" not in out


def test_strict_turns_warnings_into_failures(project):
    result = run(project, "--tally", FAULTY.name, "--tally-strict")
    result.assert_outcomes(**expected(FAULTY, strict=True))


def test_ids_are_stable_and_k_selects_by_rule_or_document(project):
    listed = run(project, "--tally", "gold/", "--collect-only", "-q").stdout.str()
    assert "gold/tally-gold.json::aleppo-evacuation-2016-12-16::part_whole.sum" in listed
    by_rule = run(project, "--tally", "gold/", FAULTY.name, "-k", "part_whole.sum")
    both = [GOLD, FAULTY]
    unselected = len(tally.check(both).outcomes.query("rule != 'part_whole.sum'"))
    by_rule.assert_outcomes(**expected(both, rule="part_whole.sum"), deselected=unselected)
    by_doc = run(project, "--tally", "gold/", FAULTY.name, "-k", "aleppo-evacuation-2016-12-16")
    by_doc.assert_outcomes(**expected(GOLD), deselected=len(tally.check(FAULTY).outcomes))


def test_junitxml_from_pytest_itself(project):
    run(project, "--tally", "gold/", "--junitxml", "out.xml")
    xml = (project.path / "out.xml").read_text(encoding="utf-8")
    assert xml.count("<testcase ") == 13
    assert 'name="part_whole.sum"' in xml and "<skipped" in xml


def test_unusable_input_is_a_collection_error_naming_file_and_line(project):
    bad = project.path / "bad.jsonl"
    bad.write_text('{"doc_id": "a", "mentions": []}\n{"doc_id": "b", "mentions": [\n')
    result = run(project, "--tally", "bad.jsonl")
    out = result.stdout.str()
    assert result.ret == 2
    assert "ERROR collecting bad.jsonl" in out
    assert "tally: unusable input: bad.jsonl:2" in out
    assert "Traceback" not in out


def test_an_empty_file_is_not_a_pass(project):
    (project.path / "empty.jsonl").write_text("")
    result = run(project, "--tally", "empty.jsonl")
    assert result.ret == 2
    assert "nothing to check is not a pass" in result.stdout.str()


def test_inert_unless_asked(project):
    project.makepyfile(test_plain="def test_one():\n    assert True\n")
    result = run(project)
    result.assert_outcomes(passed=1)


def test_paths_from_pyproject(project):
    project.makepyprojecttoml('[tool.tally]\npaths = ["gold"]\n')
    run(project).assert_outcomes(**expected(GOLD))


def test_a_missing_path_is_a_usage_error(project):
    result = run(project, "--tally", "nowhere/")
    assert result.ret == 4
    assert "--tally nowhere/: no such file or folder" in result.stderr.str()


def test_the_fixture_returns_a_check_result(project):
    project.makepyfile(
        test_mine=f"""
def test_gold_is_consistent(tally_check):
    result = tally_check("gold/")
    assert result.ok and result.warnings == {tally.check(GOLD).warnings}

def test_faulty_is_not(tally_check):
    assert not tally_check({str(FAULTY)!r}).ok
"""
    )
    run(project).assert_outcomes(passed=2)
