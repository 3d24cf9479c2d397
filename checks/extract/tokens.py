"""Words and sentences with their code-point offsets into the unchanged text.

Every other extractor module works on these tokens; `key` is the folded word (diacritics,
hamza forms, ى/ي and ة/ه folded by `checks.arabic.fold`) used for table look-ups, so the
tables are written once in ordinary spelling and match every variant in the text. Keys are
folded once per document, in one pass over all words, and sentences are found by one
search over the sentence ends: tokenizing is linear in the text. Functions of one word
(`bare` here, the word classes of the other modules) are memoized in bounded caches:
an archive repeats its vocabulary, so each distinct word is worked out about once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from checks.arabic import fold

# A word: letters with their marks (tanween, shadda, tatweel); a figure: digits in any script
# with thousands/decimal separators between digit groups.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
TOKEN_RE = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+|\d+(?:[.,٬٫]\d+)*")
# Sentence ends: full stop (not between digits), question/exclamation marks, line breaks.
_SENTENCE_END = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?؟\n]")
# One-letter proclitics peeled off a word for look-ups (و and, ف so, ب in/by, ل for).
PROCLITICS = "وفبل"


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int
    key: str  # the folded word (see the module docstring)
    bare: str  # the key without one proclitic (`bare`)

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit()


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def tokenize(text: str) -> list[Token]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    matches = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    # Tokens hold no line break, so the keys of all words fold in one call and split back.
    keys = fold("\n".join(word for word, _, _ in matches)).split("\n") if matches else []
    return [
        Token(word, start, end, bisect_right(ends, start), key, bare(key))
        for (word, start, end), key in zip(matches, keys, strict=True)
    ]


@lru_cache(maxsize=1 << 16)
def bare(key: str) -> str:
    """A folded word without one proclitic (`وموسكو` → `موسكو`, `للصليب` → `الصليب`)."""
    if key.startswith("لل") and len(key) > 3:
        return "ال" + key[2:]
    if key[:1] in PROCLITICS and len(key) > 3:
        return key[1:]
    return key


def gap(text: str, end: int, start: int) -> str:
    """The text between two spans, stripped of whitespace."""
    return text[end:start].strip()
