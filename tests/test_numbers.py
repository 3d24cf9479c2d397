from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.numbers import NUMBER, OTHER, PERCENT, VAGUE, Surface, read_surface
from tests.arabic_words import arabic_words

FORMS = Path(__file__).parent / "number_forms.tsv"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _forms() -> list:
    rows = []
    lines = [x for x in FORMS.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert lines[0] == "span\tkind\tvalue\twhy"
    for line in lines[1:]:
        if not line:
            continue
        span, kind, value, why = line.split("\t")
        span = _ESCAPE.sub(lambda m: chr(int(m[1], 16)), span)
        rows.append(pytest.param(span, kind, value, why, id=f"{span!r} {why}"))
    return rows


def test_forms_table_is_large_and_unique():
    spans = [p.values[0] for p in _forms()]
    assert len(spans) >= 100
    assert len(set(spans)) == len(spans), "a span is listed twice"


@pytest.mark.parametrize(("span", "kind", "value", "why"), _forms())
def test_forms(span, kind, value, why):
    assert kind in (NUMBER, PERCENT, VAGUE, OTHER)
    got = read_surface(span)
    assert got.kind == kind, why
    assert got.value == (Fraction(value) if value else None), why


def test_empty_and_blank_spans_are_other():
    assert read_surface("") == Surface(OTHER)
    assert read_surface(" \u200f ") == Surface(OTHER)


def test_seed_figures():
    """Every QUANTITY span of the seed's gold reads as annotated (vague ones as vague)."""
    from checks.readers.load import load

    gold = load([Path(__file__).parent.parent / "gold"])
    q = gold.mentions[gold.mentions["label"] == "QUANTITY"]
    assert len(q) == 7
    for text, value, qualifier in zip(q["text"], q["value"], q["qualifier"], strict=True):
        got = read_surface(text)
        if qualifier == "vague":
            assert got.kind == VAGUE, text
        else:
            assert got.kind == NUMBER and got.value == value, text


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
N = st.integers(min_value=0, max_value=10**7 - 1)


@given(N)
def test_digits_round_trip_in_every_script(n):
    plain, grouped = str(n), f"{n:,}"
    for text in (
        plain,
        grouped,
        plain.translate(ARABIC_INDIC),
        grouped.replace(",", "٬").translate(ARABIC_INDIC),
        plain.translate(PERSIAN),
    ):
        assert read_surface(text) == read_surface(text)  # cached and pure
        assert read_surface(text).value == n, text


@given(N)
def test_words_round_trip(n):
    words = arabic_words(n)
    got = read_surface(words)
    assert got.kind == NUMBER and got.value == n, words
