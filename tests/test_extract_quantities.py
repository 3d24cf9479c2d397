"""`tally extract` on figures as news writes them (SPEC §2, §4a, §4b): one case per form in
tests/cases/extract/quantities.json, sentences written for these tests, each listing every
QUANTITY the extractor must find (span, value, qualifier, unit, low/high) and nothing else;
cases with no figures are the negative ones (years, dates, clock times, ordinals,
identifiers, words that only end like duals). Plus invariances: a clitic before a figure
or a cue changes neither its span's reading nor its qualifier."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.extract.pipeline import extract
from tests.conftest import ROOT

CASES = ROOT / "tests" / "cases" / "extract" / "quantities.json"
KEYS = ("text", "value", "qualifier", "unit", "low", "high")


def _cases() -> list:
    return [pytest.param(c, id=c["title"]) for c in json.loads(CASES.read_text("utf-8"))]


def quantities(text: str) -> list[dict]:
    mentions, _ = extract(text, "2020-01-01")
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
    return [{k: m[k] for k in KEYS if k in m} for m in mentions if m["label"] == "QUANTITY"]


def test_the_case_file_has_positive_and_negative_cases():
    cases = json.loads(CASES.read_text("utf-8"))
    assert len(cases) >= 60
    assert sum(not c["quantities"] for c in cases) >= 15


@pytest.mark.parametrize("case", _cases())
def test_quantity_sentences(case):
    assert quantities(case["text"]) == case["quantities"]


NOUNS = st.sampled_from(["شخصا", "طفلا", "مدنيا", "جريحا", "لاجئا"])
CUES = st.sampled_from(
    [("أكثر من", "more_than"), ("نحو", "about"), ("ما يقرب من", "about"), ("أقل من", "less_than"),
     ("ما لا يقل عن", "at_least"), ("حوالي", "about"), ("قرابة", "about"), ("", "exact")]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.integers(11, 99), NOUNS, CUES, st.sampled_from(["", "و", "ب", "ل", "وب"]))
def test_a_prefix_on_the_cue_keeps_span_value_and_qualifier(n, noun, cue, prefix):
    words, qualifier = cue
    lead = f"{prefix}{words} " if words else ""
    text = f"قال المسؤول إن الحصيلة بلغت {lead}{n} {noun} في المدينة."
    (q,) = quantities(text)
    assert (q["text"], q["value"], q["qualifier"]) == (str(n), n, qualifier), text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([("عشرين", 20), ("ثلاثين", 30), ("خمسين", 50), ("مئات", None)]),
       st.sampled_from(["", "و", "ب", "ل", "ف", "وب"]))  # fmt: skip
def test_a_clitic_on_a_number_word_stays_outside_the_span(word, prefix):
    written, value = word
    (q,) = quantities(f"وصلت المساعدات {prefix}{written} أسرة في المخيم.")
    assert q["text"] == written
    assert q.get("value") == value


AFTER = st.sampled_from([("على الأقل", "at_least"), ("تقريبا", "about"), ("تقريبًا", "about"),
                         ("على الأكثر", "at_most")])  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.integers(11, 99), NOUNS, AFTER, st.booleans())
def test_a_cue_after_the_counted_noun_sets_the_qualifier(n, noun, cue, with_noun):
    words, qualifier = cue
    counted = f" {noun}" if with_noun else ""
    text = f"قال المسؤول إن الحصيلة بلغت {n}{counted} {words} في المدينة."
    (q,) = quantities(text)
    assert (q["text"], q["value"], q["qualifier"]) == (str(n), n, qualifier), text


@pytest.mark.parametrize(
    ("source", "units"),
    [
        # the outlet's country, by name or by the demonym it writes
        ("الوكالة الوطنية للإعلام", ["lbp", "lbp", None]),
        ("رؤيا", [None, None, "jod"]),
        ("الغد الأردنية", [None, None, "jod"]),
        ("شفق نيوز", [None, None, "iqd"]),
        # a web address: the country code of its domain, else the outlet's Latin name
        ("petra.gov.jo", [None, None, "jod"]),
        ("https://www.nna-leb.gov.lb/ar/economy/12", ["lbp", "lbp", None]),
        ("https://www.alsumaria.tv/news/economy", [None, None, "iqd"]),
        ("Shafaq", [None, None, "iqd"]),  # a Latin name
        ("Reuters", [None, None, None]),  # a Latin name of no one country
        # a name outlets of two countries carry says nothing, nor does no source
        ("الوطن", [None, None, None]),
        ("https://alwatan.com/details/1", [None, None, None]),
        ("example.org", [None, None, None]),
        ("", [None, None, None]),
    ],
)
def test_money_the_text_names_no_country_for_is_the_outlets(source, units):
    text = "تراجع سعر الصفيحة من 1,529,000 إلى 1,511,000 ليرة، وسعر الأسطوانة 7 دنانير."
    mentions, _ = extract(text, "2024-05-21", source=source)
    assert [m.get("unit") for m in mentions if m["label"] == "QUANTITY"] == units


def test_the_currencys_own_adjective_wins_over_the_outlet():
    mentions, _ = extract(
        "بلغ السعر 500 ليرة سورية.", "2024-05-21", source="الوكالة الوطنية للإعلام"
    )
    assert [m.get("unit") for m in mentions if m["label"] == "QUANTITY"] == ["syp"]
