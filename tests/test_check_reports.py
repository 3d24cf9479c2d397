"""Golden files for `tally check` reports. Regenerate with TALLY_UPDATE_GOLDEN=1."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checks.engine import run_checks
from checks.output import joined
from checks.readers.load import load
from checks.report.check_report import FORMATS, render

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def facts():
    return load([GOLDEN / "faulty.jsonl"])


@pytest.fixture(scope="module")
def result(facts):
    return run_checks(facts)


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [("text", "txt"), ("json", "json"), ("junit", "xml"), ("md", "md"), ("html", "html")],
)
def test_report_matches_golden(result, facts, fmt, suffix):
    rendered = joined(render(fmt, result, facts)).replace(str(GOLDEN), "<golden>")
    path = GOLDEN / f"check.{suffix}"
    if os.environ.get("TALLY_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


def test_text_report_names_what_broke(result):
    text = FORMATS["text"](result)
    assert "more than 4500 (≥ 4501) + 337 = 4838 > 950 (exact)" in text
    assert text.rstrip().endswith(
        "FAILED: count.members, date.weekday, part_whole.sum, value.surface"
    )


def test_junit_is_one_case_per_document_and_rule(result):
    root = ET.fromstring(FORMATS["junit"](result).split("\n", 1)[1])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["clean-document", "faulty-extractor-output"]
    assert all(len(s.findall("testcase")) == 13 for s in suites)
    faulty = suites[1]
    assert faulty.get("failures") == "4"
    assert {c.get("name") for c in faulty.iter("testcase") if c.find("failure") is not None} == {
        "count.members",
        "date.weekday",
        "part_whole.sum",
        "value.surface",
    }


def test_html_report_is_escaped_and_script_free(result, facts):
    html = joined(render("html", result, facts))
    assert "<script" not in html
    assert "default-src 'none'; style-src 'unsafe-inline'" in html
    assert html.count("<mark ") == 8 and '<div class="text" dir="rtl" lang="ar">' in html
    assert "parts of «9500» overflow it: more than 4500 (≥ 4501) + 337 = 4838 &gt; 950" in html


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "md", "html"])
def test_unread_documents_are_said_in_every_format(result, facts, fmt):
    """A distributed run goes on past a document it cannot read (and exits 2); the report
    must not read as a pass over the documents that were read."""
    from dataclasses import replace

    problems = ["part-0.jsonl doc_id x-1: 'mentions' must be a list of objects",
                "part-1.jsonl: not a JSON document: '{\"doc_id\": '"]  # fmt: skip
    clean = replace(result, violations=result.violations.iloc[:0], input_problems=problems)
    rendered = joined(render(fmt, clean, facts))
    if fmt == "json":
        import json

        assert json.loads(rendered)["input_problems"] == problems
    elif fmt == "junit":
        suite = ET.fromstring(rendered.encode()).find("testsuite[@name='input']")
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == ["part-0.jsonl doc_id x-1", "part-1.jsonl"]
        assert all(c.find("failure") is not None for c in cases)
    elif fmt == "html":
        said = "UNUSABLE INPUT: 2 documents not checked"
        assert f"<title>tally check: {said}</title>" in rendered
        assert f'<span class="UNUSABLE INPUT">{said}</span>' in rendered
    else:
        assert "UNUSABLE INPUT: 2 documents not checked" in rendered
        assert "OK" not in rendered.replace("UNUSABLE INPUT", "")


def test_measures_are_shown_with_their_unit_never_as_counts(tmp_path):
    """A magnitude is `7.7 magnitude` with the interval [7.7, 7.7] in every format, and a
    percent share is `70 percent`: never rounded as a count would be ([8, 7])."""
    from tests.conftest import resolve_offsets, write_jsonl

    text = "ضرب زلزال بقوة 7.7 درجات، وقالت هيئة أخرى إن قوته 7.8 درجات. نزح 12 ألف شخص، 70 بالمائة منهم نساء و40 بالمائة أطفال."  # noqa: E501
    doc = resolve_offsets({"doc_id": "quake", "text": text, "mentions": [
        {"id": "a", "text": "7.7", "label": "QUANTITY", "value": 7.7, "unit": "magnitude"},
        {"id": "b", "text": "7.8", "label": "QUANTITY", "value": 7.8, "unit": "magnitude"},
        {"id": "w", "text": "12 ألف", "label": "QUANTITY", "value": 12000},
        {"id": "p1", "text": "70 بالمائة", "label": "QUANTITY", "value": 70, "unit": "percent"},
        {"id": "p2", "text": "40 بالمائة", "label": "QUANTITY", "value": 40, "unit": "percent"},
    ], "relations": [{"from": "a", "to": "b", "type": "same_as"},
                     {"from": "p1", "to": "w", "type": "part_of"},
                     {"from": "p2", "to": "w", "type": "part_of"}]})  # fmt: skip
    facts = load([write_jsonl(tmp_path / "quake.jsonl", [doc])])
    result = run_checks(facts)
    assert sorted(result.violations["rule"]) == ["part_whole.sum", "same_as.values"]
    for fmt in ("text", "json", "md", "html"):
        out = joined(render(fmt, result, facts))
        assert "7.7 magnitude" in out and "7.8 magnitude" in out, fmt
        assert "70 percent + 40 percent = 110 percent" in out, fmt  # md escapes the >
    html = joined(render("html", result, facts))
    assert "[7.7, 7.7] magnitude" in html and "[8, 7]" not in html
