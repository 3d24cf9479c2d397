from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.numbers import NUMBER, OTHER, VAGUE, read_surface
from tests.arabic_words import arabic_words

TABLE = [
    ("4500", NUMBER, 4500),
    ("337", NUMBER, 337),
    ("٤٥٠٠", NUMBER, 4500),
    ("۴۵۰۰", NUMBER, 4500),
    ("٤٬٥٠٠", NUMBER, 4500),
    ("4,500", NUMBER, 4500),
    ("1.234.567", NUMBER, 1234567),
    ("4.5", NUMBER, Fraction(9, 2)),
    ("٣٫٥ مليون", NUMBER, 3500000),
    ("1\u2009234\u2009567", NUMBER, 1234567),
    ("3 آلاف", NUMBER, 3000),
    ("ألف", NUMBER, 1000),
    ("ألفان", NUMBER, 2000),
    ("ألفين", NUMBER, 2000),
    ("ألفي", NUMBER, 2000),
    ("ألفًا", NUMBER, 1000),
    ("عشرين ألفًا", NUMBER, 20000),
    ("ثلاثة آلاف وخمسمائة", NUMBER, 3500),
    ("مائة", NUMBER, 100),
    ("مئة", NUMBER, 100),
    ("ثلاثمئة", NUMBER, 300),
    ("ثلاث مائة", NUMBER, 300),
    ("مئتين", NUMBER, 200),
    ("أحد عشر", NUMBER, 11),
    ("خمسة وعشرون", NUMBER, 25),
    ("وخمسة", NUMBER, 5),
    ("بخمسة", NUMBER, 5),
    ("للخمسة", NUMBER, 5),
    ("خَمْسَةُ", NUMBER, 5),
    ("مليونين", NUMBER, 2000000),
    ("قريتين", NUMBER, 2),
    ("الجهتين", NUMBER, 2),
    ("شخصين", NUMBER, 2),
    ("عدة آلاف", VAGUE, None),
    ("الآلاف", VAGUE, None),
    ("آلاف", VAGUE, None),
    ("مئات", VAGUE, None),
    ("عشرات", VAGUE, None),
    ("بضعة", VAGUE, None),
    ("عشرات الآلاف", VAGUE, None),
    ("مسلحًا", OTHER, None),
    ("المسلحين", OTHER, None),  # plural as well as dual: not read as 2
    ("4500 مسلح", OTHER, None),
    ("4,5", OTHER, None),
    ("", OTHER, None),
]


@pytest.mark.parametrize(("span", "kind", "value"), TABLE)
def test_table(span, kind, value):
    got = read_surface(span)
    assert got.kind == kind
    assert got.value == (None if value is None else Fraction(value))


def test_seed_figures():
    """Every QUANTITY span of the seed's gold reads as annotated (vague ones as vague)."""
    from pathlib import Path

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
