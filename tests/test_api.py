"""The Python API (`import tally`): sources, result objects, docstring examples, quickstart."""

from __future__ import annotations

import doctest
import importlib
import io
import json
import runpy
import warnings
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest
from hypothesis.errors import NonInteractiveExampleWarning

import tally
from checks.cli import run as cli_run
from checks.rules.registry import RULES

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
FAULTY = ROOT / "tests" / "golden" / "faulty.jsonl"


def cli(*argv: str) -> tuple[int, bytes]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_run(list(argv))
    return code, out.getvalue().encode()


@pytest.mark.parametrize("module", ["tally", "checks.api", "checks.results", "checks.strategies"])
def test_docstring_examples(module, monkeypatch):
    monkeypatch.chdir(ROOT)
    # The strategies' docstring shows `.example()`, which is meant for interactive use.
    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


def test_the_api_page_examples(monkeypatch):
    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    # A fence closes an example's expected output, as a blank line does.
    test = doctest.DocTestParser().get_doctest(
        page.replace("\n```", "\n\n```"), {}, "docs/api.md", "docs/api.md", 0
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.tries > 5 and runner.failures == 0


def test_the_api_page_property_test_snippet_runs():
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in page.split("```python\n")[1:]]
    (snippet,) = [b for b in blocks if "def link_repeated_figures" in b]
    space: dict = {}
    exec(compile(snippet, "docs/api.md", "exec"), space)
    space["test_linking_keeps_documents_consistent"]()
    space["test_linking_does_not_hide_an_overflowing_whole"]()


def test_every_source_kind_gives_the_same_result():
    frame = pd.read_json(FAULTY, lines=True)
    sources = [str(FAULTY), FAULTY, [FAULTY], tally.load(FAULTY), frame]
    results = [tally.check(s).violations for s in sources]
    for r in results[1:]:
        pd.testing.assert_frame_equal(r, results[0])


@pytest.mark.parametrize(
    "options", [{}, {"keep_facts": True}, {"jobs": 2, "chunk_size": 1}, {"chunk_size": 2}]
)
def test_every_engine_path_gives_the_same_result(options):
    reference = tally.check(tally.load([GOLD, FAULTY]))
    result = tally.check([GOLD, FAULTY], **options)
    assert result.to_dict() == reference.to_dict()
    pd.testing.assert_frame_equal(result.outcomes, reference.outcomes)


@pytest.mark.parametrize("fmt", ["json", "text", "junit", "md", "github"])
def test_render_is_the_cli_report(fmt):
    code, out = cli("check", str(FAULTY), "--format", fmt)
    result = tally.check(FAULTY)
    assert result.render(fmt).encode() == out
    assert result.exit_code == code == 1


def test_outcomes_grid_agrees_with_the_violations():
    result = tally.check([GOLD, FAULTY])
    o = result.outcomes
    assert len(o) == len(result.documents) * len(RULES)
    assert set(o["outcome"]) <= {"holds", "fails", "does not apply"}
    failing = set(map(tuple, result.violations[["doc_id", "rule"]].drop_duplicates().to_numpy()))
    assert set(map(tuple, o.loc[o["outcome"] == "fails", ["doc_id", "rule"]].to_numpy())) == failing
    assert result.by_rule == result.violations["rule"].value_counts().to_dict()
    assert not result.ok and result.errors == 4 and result.warnings == 4


def test_raise_for_errors_carries_the_result():
    assert tally.check(GOLD).raise_for_errors().ok
    with pytest.raises(tally.CheckFailed) as caught:
        tally.check(FAULTY).raise_for_errors()
    assert caught.value.result.errors == 4
    assert str(caught.value).startswith("FAILED: count.members")


def test_a_json_only_run_says_it_has_no_outcomes():
    result = tally.check(FAULTY, outcomes=False)
    assert result.render("json")
    with pytest.raises(ValueError, match="outcomes"):
        _ = result.outcomes


def test_html_from_a_streamed_result_reads_the_facts_again():
    assert tally.check(FAULTY).render("html") == tally.check(FAULTY, keep_facts=True).render("html")


def test_a_bad_dataframe_row_is_named():
    frame = pd.DataFrame(
        {"doc_id": ["ok", "Not A Slug!"], "mentions": [[], []], "relations": [[], []]}
    )
    with pytest.raises(tally.InputError, match=r"^dataframe:2: "):
        tally.check(frame)
    with pytest.raises(tally.InputError, match="nothing to check"):
        tally.check(frame.head(0))


def test_unusable_paths_raise_input_error(tmp_path):
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(tally.InputError, match="nothing to check is not a pass"):
        tally.check(tmp_path / "empty.jsonl")
    with pytest.raises(tally.InputError, match="no such file"):
        tally.load(tmp_path / "missing.jsonl")
    with pytest.raises(TypeError, match="a source is a path"):
        tally.check(42)
    with pytest.raises(ValueError, match="engine"):
        tally.check(GOLD, engine="dask")


def test_score_report_objects(tmp_path):
    pred = tally.extract(ROOT / "seeds")
    report = tally.score(GOLD, pred)
    data = report.to_dict()
    assert report.strict.f1 == data["mentions"]["strict"]["f1"]
    assert report.relations.tp == data["relations"]["tp"]
    assert report.values.matched == data["values"]["matched"]
    assert report.violations == data["violations"]
    labels = report.by_label
    strict = labels[labels["scheme"] == "strict"].set_index("label")
    assert strict.loc["QUANTITY", "f1"] == data["mentions"]["by_label"]["strict"]["QUANTITY"]["f1"]
    # The streamed path (one path each) and the one-pass path give the same report.
    _, out = cli("extract", str(ROOT / "seeds"))
    (tmp_path / "pred.jsonl").write_bytes(out)
    streamed = tally.score(GOLD, tmp_path / "pred.jsonl")
    assert streamed.strict == report.strict and streamed.relations == report.relations


def test_against_a_baseline_gives_the_significance_figures(tmp_path):
    gold = tally.load(GOLD)
    perfect = tally.score(gold, gold)
    (tmp_path / "base.json").write_text(json.dumps(perfect.to_dict()))
    worse = tally.score(gold, tally.extract(ROOT / "seeds"))
    compared = worse.against(tmp_path / "base.json", samples=50)
    assert compared.significance is not None and "available" in compared.significance
    assert compared.regressed == (worse.strict.f1 < perfect.strict.f1)
    assert compared.exit_code == (1 if compared.regressed else 0)
    assert worse.against(perfect, max_drop=1.0).regressed is False
    with pytest.raises(tally.InputError, match="not a tally score report"):
        worse.against({"mentions": {}})


def test_extract_equals_the_cli(tmp_path):
    _, out = cli("extract", str(ROOT / "seeds"))
    (tmp_path / "x.jsonl").write_bytes(out)
    from_cli = tally.load(tmp_path / "x.jsonl")
    facts = tally.extract(ROOT / "seeds")
    cols = ["doc_id", "id", "start", "end", "label", "value", "qualifier"]
    pd.testing.assert_frame_equal(facts.mentions[cols], from_cli.mentions[cols])
    from_frame = tally.extract(pd.DataFrame(facts.documents[["doc_id", "text", "published"]]))
    pd.testing.assert_frame_equal(from_frame.mentions[cols], facts.mentions[cols])


def test_quickstart_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    runpy.run_path(str(ROOT / "examples" / "quickstart.py"), run_name="__main__")
    assert "strict F1" in capsys.readouterr().out
