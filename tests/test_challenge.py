"""The news challenge corpus (tests/challenge/): it reads cleanly, its offsets hold, and
`tally check` raises exactly the planted inconsistencies, per document, no more, no less.

The corpus is gold: a document that fails here is either a corpus error or a SPEC point
the rules do not implement yet; the failure message names the violations on both sides.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from checks.engine import CheckResult, run_checks
from checks.readers.load import load
from tests.challenge import build

CHALLENGE = Path(__file__).parent / "challenge"
SPLITS = build.SPLITS


def _docs(split: str) -> list[dict]:
    path = CHALLENGE / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@cache
def _checked(split: str) -> tuple[CheckResult, list[dict]]:
    facts = load([CHALLENGE / f"{split}.jsonl"])
    return run_checks(facts), facts.notices.as_list()


def _planted() -> dict[str, list[dict]]:
    return json.loads((CHALLENGE / "planted.json").read_text(encoding="utf-8"))


def _doc_params() -> list:
    return [
        pytest.param(split, d["doc_id"], id=f"{split}:{d['doc_id']}")
        for split in SPLITS
        for d in _docs(split)
    ]


def test_build_is_current():
    """The JSONL and planted.json are what build.py renders from the sources."""
    assert build.main(["--check"]) == 0


def test_splits_are_disjoint_and_sized():
    ids = {split: {d["doc_id"] for d in _docs(split)} for split in SPLITS}
    assert not ids["dev"] & ids["test"]
    assert sum(map(len, ids.values())) >= 90
    planted = _planted()
    for split in SPLITS:
        assert any(doc in planted for doc in ids[split]), f"no planted document in {split}"
    assert set(planted) <= ids["dev"] | ids["test"]


def test_a_split_from_two_sources_refuses_a_repeated_doc_id(tmp_path, monkeypatch):
    """dev is dev.txt followed by dev-b.txt; one doc_id in both is a source error."""
    (tmp_path / "src").mkdir()
    doc = "=== a-1 | 2024-01-01 | x\nوصلت [[3|QUANTITY|v=3|c=trucks]] شاحنات\n"
    for name in build.SOURCES["dev"]:
        (tmp_path / "src" / name).write_text(doc, encoding="utf-8")
    monkeypatch.setattr(build, "HERE", tmp_path)
    with pytest.raises(build.SourceError, match="a-1"):
        build.parse_split("dev")


@pytest.mark.parametrize("split", SPLITS)
def test_reads_without_notices(split):
    _, notices = _checked(split)
    assert notices == []


@pytest.mark.parametrize("split", SPLITS)
def test_offsets_hold(split):
    for doc in _docs(split):
        assert doc["lang"] == "ar" and doc["published"] and doc["source"]
        for m in doc["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"], (doc["doc_id"], m["id"])


@pytest.mark.parametrize(("split", "doc_id"), _doc_params())
def test_check_raises_exactly_the_planted(split, doc_id):
    result, _ = _checked(split)
    v = result.violations[result.violations["doc_id"] == doc_id]
    got = sorted((r.rule, tuple(sorted(r.mentions))) for r in v.itertuples())
    want = sorted((p["rule"], tuple(sorted(p["mentions"]))) for p in _planted().get(doc_id, []))
    assert got == want, v[["rule", "severity", "mentions", "message"]].to_string()


# The forms the issue lists, each at least twice in each split (tests/challenge/coverage.py).
REQUIRED_FORMS = [
    "Western digits", "Arabic-Indic digits", "Persian digits", "thousands separator , or ٬",
    "ambiguous 12.400 style", "decimal (7.7, 7,8, ٦٫٨)", "digits + scale word",
    "و-joined tail", "number words", "clitic attached before the span", "cue before the span",
    "cue with a و/ب/ل prefix", "cue after the span", "vague word",
    "vague word + scale (عشرات الآلاف)", "range", "counted dual",
    "construct dual (بلدتي, ريفي, ألفا)", "definite compound (الثماني والأربعين)",
    "percentage", "measure: magnitude", "measure: money", "measure: day", "measure: hour",
    "part_of: percent share of a count", "member_of: LOC in a counted dual/plural",
    "relation reported_by", "relation same_as", "relation date_of", "DATE with a weekday",
    "mention EVENT", "not a quantity: year", "not a quantity: ordinal", "planted passages",
]  # fmt: skip


@pytest.mark.parametrize("split", SPLITS)
def test_every_form_in_both_splits(split):
    from tests.challenge.coverage import census

    counts = census(split)
    assert {f: counts[f] for f in REQUIRED_FORMS if counts[f] < 2} == {}


def _violations(rows: list[tuple[str, str, str, list[str]]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "rule", "severity", "mentions"])


def test_eval_end_to_end_counts_found_and_false_errors():
    from benchmarks.challenge_eval import end_to_end

    planted = {"a": [{"rule": "part_whole.sum", "mentions": ["q1", "q2"]}],
               "b": [{"rule": "date.weekday", "mentions": ["d1"]}]}  # fmt: skip
    v = _violations([
        ("a", "part_whole.sum", "error", ["m3", "m9"]),  # found, whatever the ids
        ("a", "value.surface", "error", ["m3"]),  # false: not the planted rule
        ("b", "qualifier.cue", "warning", ["m1"]),  # a warning is no false error
        ("c", "interval.empty", "error", ["m2"]),  # false: an unplanted document
    ])  # fmt: skip
    assert end_to_end(v, planted) == {"planted": 2, "found": 1, "false_errors": 2}


def test_eval_false_numbers_by_surface_and_by_value():
    from benchmarks.challenge_eval import false_numbers

    errors = {"doc_id": ["a", "a", "b"], "pred": ["m1", "m2", "m5"],
              "text": ["4500", "عدة آلاف", "337"], "value_ok": [False, False, True]}  # fmt: skip
    report = {"detail": {"value_errors": errors}}
    v = _violations([("a", "value.surface", "error", ["m1"]),
                     ("b", "value.surface", "error", ["m7"])])  # fmt: skip
    # a/m1 counted once (surface and value), a/m2 is vague (no number to differ from),
    # b/m5 has the right value, b/m7 fired value.surface.
    assert false_numbers(report, v) == 2
