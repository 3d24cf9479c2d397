"""The vectorized cue finder against a plain per-span reading of the same definition."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.codepoints import CodePoints
from checks.cues import (
    _FOLD,
    _PREFIXES,
    AFTER_ORDERED,
    AFTER_WINDOW,
    ORDERED,
    WINDOW,
    _word_mask,
    after_cue_codes,
    cue_codes,
    find_cues,
    find_cues_after,
)

# Pieces news text is made of around figures: the cues as written, with hamza forms,
# prefixes and diacritics, other words ending in the same letters, punctuation, marks,
# invisible characters, digits and an astral character.
PIECES = [
    "أكثر من", "اكثر من", "أكثرَ مِنْ", "وأكثر من", "فأكثر من", "ما يزيد عن", "ما لا يقل عن",
    "أقل من", "نحو", "ونحو", "حوالي", "حوالى", "قرابة", "زهاء", "أكثر", "من", "عن", "ثمن",
    "بحر", "لي", "به", "ماء", "يمن", "ضمن", " ", "  ", "\u00a0", "،", ".", "«", "»", "(",
    "بنحو", "لأكثر من", "وبنحو", "فلأقل من", "ما يقرب من", "تجاوز", "دون", "بدون", "لا تقل عن",
    "على الأقل", "تقريبًا", "على الأكثر", "حافلة", "لاجئ سوري", "ب", "ل", "و",
    "-", "\u064e", "\u0651", "\u0640", "\u200f", "\u200c", "4500", "٤٥٠٠", "🙂", "x", "\n",
]  # fmt: skip


@st.composite
def texts_and_starts(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=0, max_size=12)))
    starts = draw(st.lists(st.integers(-2, len(text) + 2), min_size=1, max_size=8))
    return text, starts


def reference_cue(text: str, start: int) -> int:
    """The cue (index into ORDERED) ending before `start`, read one span at a time: the
    WINDOW code points before it (spaces before the text), folded, deleted marks dropped,
    trailing punctuation and spaces skipped; a cue must start a word or follow one و/ف."""
    start = min(max(start, 0), len(text))
    raw = " " * max(0, WINDOW - start) + text[max(0, start - WINDOW) : start]
    folded = [int(_FOLD[min(ord(c), 0xFFFF)]) for c in raw]
    kept = [c for c in folded if c != 0]
    word = [bool(w) for w in _word_mask(np.array(kept, dtype=np.uint16))]
    while word and not word[-1]:
        kept.pop()
        word.pop()
    for code, cue in enumerate(ORDERED):
        k = len(cue)
        if len(kept) < k or [chr(c) for c in kept[-k:]] != list(cue):
            continue
        before = len(kept) - k - 1
        if before < 0 or not word[before]:
            return code
        if kept[before] in _PREFIXES.tolist() and (before == 0 or not word[before - 1]):
            return code
        two = kept[before] in map(ord, "بل") and before >= 1 and kept[before - 1] in map(ord, "وف")
        if two and (before == 1 or not word[before - 2]):
            return code
    return -1


@settings(max_examples=400, deadline=None)
@given(texts_and_starts())
def test_cue_finder_agrees_with_a_per_span_reading(case):
    text, starts = case
    points = CodePoints.of(pd.Series([text], dtype=object))
    got = cue_codes(points, np.zeros(len(starts), dtype=np.int64), np.asarray(starts))
    expected = [reference_cue(text, s) if text else -1 for s in starts]
    assert got.tolist() == expected


def test_cues_are_found_through_marks_prefixes_and_punctuation():
    text = "قتل أكثرَ مِنْ «4500» وفأكثر من 7 ونحو 30 ثمن 5"
    starts = [text.index("4500"), text.index("7"), text.index("30"), text.rindex("5")]
    found = find_cues(CodePoints.of(pd.Series([text])), np.zeros(4, np.int64), np.array(starts))
    assert found.tolist() == ["اكثر من", None, "نحو", None]
    assert set(ORDERED) >= {"اكثر من", "نحو"}


def reference_after(text: str, end: int) -> int:
    """The cue (index into AFTER_ORDERED) after the span ending at `end`, read one span at a
    time: AFTER_WINDOW code points folded, deleted marks dropped; the cue where the text
    resumes after spaces, or past one or two words (letters only) separated by spaces."""
    end = min(max(end, 0), len(text))
    raw = text[end : end + AFTER_WINDOW] + " " * max(0, end + AFTER_WINDOW - len(text))
    kept = [c for c in (int(_FOLD[min(ord(ch), 0xFFFF)]) for ch in raw) if c != 0]
    kept += [0] * (AFTER_WINDOW - len(kept))  # the deleted marks, moved to the end
    n = AFTER_WINDOW
    word = [bool(w) for w in _word_mask(np.array(kept, dtype=np.uint16))]
    space = [c in (0x20, 0xA0, 0x09) for c in kept]
    digit = [chr(c).isdigit() for c in kept]
    padded = kept + [0x20] * 20
    padded_word = word + [False] * 20
    pos = next((i for i in range(n) if not space[i]), n)
    if pos == n or not word[pos]:
        return -1
    for _ in range(3):
        for code, cue in enumerate(AFTER_ORDERED):
            k = len(cue)
            if [chr(c) for c in padded[pos : pos + k]] == list(cue) and not padded_word[pos + k]:
                return code
        stop = next((i for i in range(pos, n) if not word[i]), n)
        if any(digit[pos:stop]):
            return -1
        nxt = next((i for i in range(stop, n) if not space[i]), n)
        if stop == n or nxt in (stop, n) or not word[nxt]:
            return -1
        pos = nxt
    return -1


@settings(max_examples=400, deadline=None)
@given(texts_and_starts())
def test_after_cue_finder_agrees_with_a_per_span_reading(case):
    text, ends = case
    points = CodePoints.of(pd.Series([text], dtype=object))
    got = after_cue_codes(points, np.zeros(len(ends), dtype=np.int64), np.asarray(ends))
    expected = [reference_after(text, e) if text else -1 for e in ends]
    assert got.tolist() == expected


def test_cues_after_the_span_or_its_counted_noun():
    text = (
        "خرجت 35 حافلة على الأقل، و70 ألفا على الأقل، و۴۵۰ شخصا تقريبًا، و80,000 لاجئ سوري "
        "تقريبا، و5 أطفال، على الأقل، و3 أيام على الأكثرية، و12 طفلا و4 نساء تقريبا"
    )
    spans = ["35", "70 ألفا", "۴۵۰", "80,000", "5", "3", "12"]
    ends, pos = [], 0
    for s in spans:
        i = text.index(s, pos)
        ends.append(i + len(s))
        pos = i + len(s)
    found = find_cues_after(CodePoints.of(pd.Series([text])), np.zeros(7, np.int64), np.array(ends))
    assert found.tolist() == ["علي الاقل", "علي الاقل", "تقريبا", "تقريبا", None, None, None]


def test_prefixed_and_long_cues_before():
    text = "وصل بنحو 10 ولأكثر من 5 وبنحو 7 وما يقرب من 40 وتجاوز 11 ولا تقل عن 900 ودون 18"
    starts = [text.index(s) for s in ("10", "5", "7", "40", "11", "900", "18")]
    found = find_cues(CodePoints.of(pd.Series([text])), np.zeros(7, np.int64), np.array(starts))
    assert found.tolist() == ["نحو", "اكثر من", "نحو", "ما يقرب من", "تجاوز", "لا تقل عن", "دون"]
