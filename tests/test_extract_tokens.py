"""Tokens: the per-gap sentence count, the shared columns and the vocabulary of `where`
give what their plain definitions give."""

from __future__ import annotations

from bisect import bisect_right

import pytest

from checks.extract import tokens as T

TEXTS = [
    "وصل 3.5 ألف نازح إلى المدينة. ثم غادر 200 منهم!\nوقال المسؤول: هل يعود الباقون؟ لا.",
    "بلغ العدد ٥٫٢ مليون، و12,400 في الريف…  ثم\n\n  توقف النقل  . انتهى",
    "كلمة\u200bأخرى بـ تطويل ـ وحده، و2016م. آخر سطر بلا نقطة",
    "...؟! 7",
    "",
    "   ",
]


def _plain(text: str) -> list[tuple[int, bool]]:
    """(sentence, joined) of each token by their definitions: sentence ends before the
    token's start; joined when the gap before it is blank and in the same sentence."""
    found = list(T.TOKEN_RE.finditer(text))
    ends = [m.end() for m in T._SENTENCE_END.finditer(text)]
    out, prev = [], None
    for m in found:
        sentence = bisect_right(ends, m.start())
        joined = prev is not None and not text[prev[0] : m.start()].strip() and prev[1] == sentence
        out.append((sentence, joined))
        prev = (m.end(), sentence)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_sentences_and_joins_follow_their_definition(text: str) -> None:
    tokens = T.tokenize(text)
    assert [(t.sentence, t.joined) for t in tokens] == _plain(text)
    T.release(tokens)


@pytest.mark.parametrize("text", TEXTS[:3])
def test_columns_are_the_token_attributes(text: str) -> None:
    tokens = T.tokenize(text)
    for name in T._FIELDS:
        assert T.column(tokens, name) == [getattr(t, name) for t in tokens]
    T.release(tokens)
    assert T.column(tokens, "key") == [t.key for t in tokens]  # built again when released
    assert [t.bare for t in tokens] == [T.bare(t.key) for t in tokens]


def _ends_in_alif(key: str) -> bool:
    return key.endswith("ا")


def test_where_after_the_vocabulary_starts_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(T, "_VOCAB_MAX", 8)
    first = T.tokenize(TEXTS[0])
    T.where(first, _ends_in_alif)
    for text in TEXTS[1:3]:  # more than 8 new keys: a new epoch
        T.release(T.tokenize(text))
    for tokens in (first, T.tokenize("قالا هذا ثم ذهبا معا")):
        expected = [k for k, t in enumerate(tokens) if _ends_in_alif(t.key)]
        assert expected and T.where(tokens, _ends_in_alif) == expected
        T.release(tokens)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("أتت النيران على 7،2 هكتار", ["7،2"]),
        ("بلغت النسبة 50،24% من المسجلين", ["50،24"]),
        ("بلغت النسبة 50،24 في المئة", ["50،24"]),
        ("صدرت ١،٥ مليون طن", ["١،٥"]),
        ("نصت المادتان 3،5 من القانون", []),  # a list of two numbers
        ("ارتفع العدد إلى 3، 5 منهم أطفال", []),  # a space after the comma
        ("بلغ 7،2\nهكتار", []),  # a line between the figure and the word
        ("بلغت 4،125 دولار", []),  # three digits: thousands, joined by the pattern itself
    ],
)
def test_an_arabic_comma_joins_a_decimal_only_before_a_measure(text, joined):
    """«،» and one or two digits are a decimal before a percent, a scale word or a measure,
    and stay a list mark elsewhere."""
    found = [t.text for t in T.tokenize(text) if "،" in t.text]
    assert [t for t in found if len(t.split("،")[1]) <= 2] == joined
