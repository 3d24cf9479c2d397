"""The vectorized cue finder against a plain per-span reading of the same definition."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.codepoints import CodePoints
from checks.cues import _FOLD, _PREFIXES, ORDERED, WINDOW, _word_mask, cue_codes, find_cues

# Pieces news text is made of around figures: the cues as written, with hamza forms,
# prefixes and diacritics, other words ending in the same letters, punctuation, marks,
# invisible characters, digits and an astral character.
PIECES = [
    "أكثر من", "اكثر من", "أكثرَ مِنْ", "وأكثر من", "فأكثر من", "ما يزيد عن", "ما لا يقل عن",
    "أقل من", "نحو", "ونحو", "حوالي", "حوالى", "قرابة", "زهاء", "أكثر", "من", "عن", "ثمن",
    "بحر", "لي", "به", "ماء", "يمن", "ضمن", " ", "  ", "\u00a0", "،", ".", "«", "»", "(",
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
