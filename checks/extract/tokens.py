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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import and_, attrgetter, eq, is_, itemgetter, not_

from checks.arabic import fold

# A word: letters with their marks (tanween, shadda, tatweel); a figure: digits in any script
# with thousands/decimal separators between digit groups. Written for speed, same matches:
# runs of Arabic letters and marks are taken whole by one range test before the general
# letter class is tried, and no run is backtracked into (possessive: a run is maximal).
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a"
TOKEN_RE = re.compile(rf"(?:[{_ARABIC_LETTERS}{_MARKS}]++|[^\W\d_])++|\d++(?:[.,٬٫]\d+)*+")
# The same, captured: `re.split` gives the gaps and the tokens in turn, all in C.
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
# Sentence ends: full stop (not between digits), question/exclamation marks, line breaks.
# One character class first, so the engine skips to candidates without trying each offset.
_SENTENCE_END = re.compile(r"[.!?؟\n](?<!\d\.(?=\d))")
# One-letter proclitics peeled off a word for look-ups (و and, ف so, ب in/by, ل for).
PROCLITICS = "وفبل"


@dataclass(slots=True)
class Token:
    """A word or a figure. Slots, not a named tuple: the extractor reads token attributes
    millions of times, and slot reads are the fastest attribute reads Python has."""

    text: str
    start: int
    end: int
    sentence: int
    key: str  # the folded word (see the module docstring)
    bare: str  # the key without one proclitic (`bare`)
    is_digits: bool  # a figure written in digits (its first character is one)
    joined: bool  # in the sentence of the token before it, with only white space between


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def tokenize(text: str) -> list[Token]:
    """The tokens of a text. Every step runs in C over the whole text: one split into gaps
    and words, offsets by accumulating their lengths, sentences by bisection, keys by one
    fold of all words; the only Python run per token is its `__init__`."""
    parts = _SPLIT_RE.split(text)  # gap, word, gap, word, …, gap
    words = parts[1::2]
    if not words:
        return []
    offsets = list(accumulate(map(len, parts)))
    starts, stops = offsets[0:-1:2], offsets[1::2]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentences = list(map(bisect_right, repeat(sentence_ends), starts))
    # Tokens hold no line break, so the keys of all words fold in one call and split back.
    keys = fold("\n".join(words)).split("\n")
    digits = map(str.isdigit, map(itemgetter(0), words))
    blank = map(not_, map(str.strip, parts[2:-1:2]))  # the gaps between words
    joined = [False, *map(and_, blank, map(eq, sentences, sentences[1:]))]
    tokens = list(
        map(Token, words, starts, stops, sentences, keys, map(bare, keys), digits, joined)
    )
    global _LAST_KEYS
    _LAST_KEYS = (tokens, keys)
    return tokens


_KEY = attrgetter("key")
# (tokens, their keys) of the text tokenized or asked about last: every module asks for the
# keys of the same text in turn. One tuple, replaced whole, so a reader in another thread
# sees a matching pair; it holds the list, so `is` cannot match a new list at a reused id.
_LAST_KEYS: tuple[list[Token] | None, list[str]] = (None, [])


def keys_of(tokens: list[Token]) -> list[str]:
    """The keys of all tokens (read once per text)."""
    global _LAST_KEYS
    last = _LAST_KEYS
    if last[0] is not tokens:
        last = _LAST_KEYS = (tokens, list(map(_KEY, tokens)))
    return last[1]


def column(tokens: list[Token], name: str) -> list:
    """One attribute of every token (`column(tokens, "start")`), read in C."""
    return keys_of(tokens) if name == "key" else list(map(attrgetter(name), tokens))


def where(tokens: list[Token], accepts: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose key `accepts` (a pure test of one key): patterns start at
    a few words, and are looked for there instead of at every token. Each distinct key is
    put to `accepts` once per process (`_JUDGED`); a text costs one dict look-up per word."""
    keys = keys_of(tokens)
    judged = _JUDGED.get(accepts)
    if judged is None or len(judged) > _JUDGED_MAX:
        if len(_JUDGED) >= _TESTS_MAX:  # a test made afresh at each call (a lambda)
            _JUDGED.clear()
        judged = _JUDGED[accepts] = {}
    verdicts = list(map(judged.get, keys))
    if None in verdicts:
        for k in compress(range(len(keys)), map(is_, verdicts, repeat(None))):
            key = keys[k]
            verdicts[k] = judged[key] = bool(accepts(key))
    return list(compress(range(len(keys)), verdicts))


# test -> {key: whether the test accepts it}; a test's keys emptied past `_JUDGED_MAX`,
# all tests forgotten past `_TESTS_MAX` of them.
_JUDGED: dict[Callable[[str], bool], dict[str, bool]] = {}
_JUDGED_MAX = 1 << 17
_TESTS_MAX = 64


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
