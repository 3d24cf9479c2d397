"""The cue finder's narrow first look must never hide a cue the full window finds."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.codepoints import CodePoints
from checks.cues import ORDERED, WINDOW, _match, _window, cue_codes, find_cues

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


@settings(max_examples=400, deadline=None)
@given(texts_and_starts())
def test_two_stage_cue_finder_equals_the_full_window(case):
    text, starts = case
    points = CodePoints.of(pd.Series([text], dtype=object))
    docs = np.zeros(len(starts), dtype=np.int64)
    start = np.asarray(starts, dtype=np.int64)
    got = cue_codes(points, docs, start)
    if len(text):
        clipped = np.minimum(np.maximum(start, 0), points.lengths[docs])
        full = _match(_window(points, docs, clipped, WINDOW))
    else:
        full = np.full(len(starts), -1, dtype=np.int8)
    assert got.tolist() == full.tolist()


def test_cues_are_found_through_marks_prefixes_and_punctuation():
    text = "قتل أكثرَ مِنْ «4500» وفأكثر من 7 ونحو 30 ثمن 5"
    starts = [text.index("4500"), text.index("7"), text.index("30"), text.rindex("5")]
    found = find_cues(CodePoints.of(pd.Series([text])), np.zeros(4, np.int64), np.array(starts))
    assert found.tolist() == ["اكثر من", None, "نحو", None]
    assert set(ORDERED) >= {"اكثر من", "نحو"}
