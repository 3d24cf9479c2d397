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
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain
from operator import attrgetter, itemgetter
from typing import TypeVar

from checks.arabic import fold
from checks.numbers import NUMBER, PERCENT, read_surface

T = TypeVar("T")

# A word: letters with their marks (tanween, shadda, tatweel); a figure: digits in any script
# with thousands/decimal separators between digit groups. Written for speed, same matches:
# runs of Arabic letters and marks are taken whole by one range test before the general
# letter class is tried, and no run is backtracked into (possessive: a run is maximal).
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a"
# The Arabic comma «،» joins digit groups only before exactly three digits, with no space
# («12،045 مخالفا» in Gulf agency copy): «،» before a space, or before one, two or four
# digits, stays the list mark it is.
TOKEN_RE = re.compile(
    rf"(?:[{_ARABIC_LETTERS}{_MARKS}]++|[^\W\d_])++|\d++(?:(?:[.,٬٫]|،(?=\d{{3}}(?!\d)))\d+)*+"
)
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


_PERCENT_SIGNS = ("%", "٪")


def comma_decimals(parts: list[str]) -> None:
    """Join, in a text split into gaps and words, digits, an Arabic comma and one or two
    digits into one figure where a percent, a scale word or a measure follows («50،24%»,
    «١،٥ مليون», «7،2 هكتار»): a decimal mark there, as the reader takes it before a scale
    word. Elsewhere («المادتين 3،5») the comma stays the list mark it is."""
    from checks.extract.units import is_measure_key  # units reads tokens: imported late

    i = 1
    while i + 3 < len(parts):
        low = parts[i + 2]
        if (
            parts[i + 1] == "،"
            and parts[i][-1:].isdigit()
            and len(low) <= 2
            and low.isdigit()
            and _decimal_follows(parts, i + 3, is_measure_key)
        ):
            parts[i : i + 3] = [parts[i] + "،" + low]
        i += 2


def _decimal_follows(parts: list[str], gap: int, measure: Callable[[str], bool]) -> bool:
    """A percent, a scale word or a measure right after the figure ending before `gap`.
    The number reader says which words make a percent or multiply (`بالمئة`, `في المئة`,
    `مليون`); the units table which name a measure."""
    after = parts[gap]
    if after.startswith(_PERCENT_SIGNS):
        return True
    if after.strip() or "\n" in after or gap + 1 >= len(parts):
        return False  # a mark or a line between: no measure of the figure
    word = parts[gap + 1]
    if measure(fold(word)):
        return True
    said = [word]
    if gap + 3 < len(parts) and parts[gap + 2] == " ":
        said.append(parts[gap + 3])  # «في المئة»
    for n in (1, len(said)):
        read = read_surface("2 " + " ".join(said[:n]))
        if read.kind == PERCENT or (read.kind == NUMBER and read.value > 2):
            return True
    return False


def tokenize(text: str) -> list[Token]:
    """The tokens of a text. Every step runs in C over the whole text: one split into gaps
    and words, offsets by accumulating their lengths, sentences by counting the ends in
    the gaps, keys by one look-up per word (`_KEY_OF`); the only Python run per token is
    its `__init__` (and `fold` for a word met for the first time)."""
    parts = _SPLIT_RE.split(text)  # gap, word, gap, word, …, gap
    if "،" in text:
        comma_decimals(parts)
    words = parts[1::2]
    if not words:
        return []
    offsets = list(accumulate(map(len, parts)))
    starts, stops = offsets[0:-1:2], offsets[1::2]
    # A sentence end never stands inside a token (a full stop between digits is no end, and
    # only digits hold a dot), so a token's sentence is the count of the ends in the gaps
    # before it, and it is joined to the token before when their gap is white space
    # without a line break. Both are worked out once per distinct gap (most are a space).
    gaps = parts[0:-1:2]
    ends, joins = _GAP_ENDS, _GAP_JOINS
    if not all(map(ends.__contains__, gaps)):
        if len(ends) > _GAPS_MAX:  # full: this text's gaps are worked out for it alone
            ends, joins = {}, {}
        for g in set(gaps).difference(ends):
            joins[g] = not g.strip() and "\n" not in g
            ends[g] = len(_SENTENCE_END.findall(g))  # set last: `ends` says a gap is known
    sentences = list(accumulate(map(ends.__getitem__, gaps)))
    if len(_KEY_OF) > _KEYS_MAX:
        _KEY_OF.clear()
    keys = list(map(_KEY_OF.__getitem__, words))
    epoch, distinct = _register(keys)
    bares = list(map(_BARE_OF.get, keys, keys))  # most words carry no proclitic
    digits = list(map(str.isdigit, map(itemgetter(0), words)))
    joined = list(map(joins.__getitem__, gaps))
    joined[0] = False
    tokens = list(map(Token, words, starts, stops, sentences, keys, bares, digits, joined))
    found = (words, starts, stops, sentences, keys, bares, digits, joined)
    columns = dict(zip(_FIELDS, found, strict=True))
    columns[_DISTINCT] = (epoch, distinct)
    _remember(tokens, columns)
    return tokens


class _Keys(dict):
    """word -> its key, `fold(word)` worked out when a word is first met. A text's keys are
    one dict look-up per word in C, and the same key is the same string object in every
    text: the sets and dicts keyed by keys (the vocabulary below, the tests of `where`,
    the word tables of the other modules) then find it by identity, not by comparing
    strings."""

    def __missing__(self, word: str) -> str:
        key = self[word] = fold(word)
        return key


_KEY_OF = _Keys()
_KEYS_MAX = 1 << 17


# gap between two tokens -> the sentence ends in it; whether it is white space only,
# without a line break (the tokens on either side are then `joined`). Never emptied (a
# reader in another thread may be between its test and its look-up); past `_GAPS_MAX` gaps,
# new ones are worked out for their text alone.
_GAP_ENDS: dict[str, int] = {}
_GAP_JOINS: dict[str, bool] = {}
_GAPS_MAX = 1 << 16


_FIELDS = ("text", "start", "end", "sentence", "key", "bare", "is_digits", "joined")
# id(token list) -> (the list, {attribute: its column}): the columns `tokenize` built, kept
# so that every module of the pipeline reads them instead of building them again (the
# pipeline tokenizes a whole batch before it reads the first text's figures, so a single
# "last text" slot would miss). The entry holds the list, so its id cannot be reused while
# it is there; the pipeline `release`s a text when done, and past `_COLUMNS_MAX` texts the
# oldest is forgotten. Callers only read the columns: they are shared.
_COLUMNS: dict[int, tuple[list[Token], dict[str, list]]] = {}
_COLUMNS_MAX = 512


def _remember(tokens: list[Token], columns: dict[str, list]) -> None:
    while len(_COLUMNS) >= _COLUMNS_MAX:
        try:
            del _COLUMNS[next(iter(_COLUMNS))]
        except (KeyError, RuntimeError, StopIteration):  # another thread got there first
            break
    _COLUMNS[id(tokens)] = (tokens, columns)


def release(tokens: list[Token]) -> None:
    """Forget the columns of a text (the pipeline calls it when the text is done)."""
    _COLUMNS.pop(id(tokens), None)


def _columns(tokens: list[Token]) -> dict[str, list]:
    entry = _COLUMNS.get(id(tokens))
    if entry is None or entry[0] is not tokens:
        columns: dict[str, list] = {}
        _remember(tokens, columns)
        return columns
    return entry[1]


def keys_of(tokens: list[Token]) -> list[str]:
    """The keys of all tokens (read once per text)."""
    return column(tokens, "key")


def column(tokens: list[Token], name: str) -> list:
    """One attribute of every token (`column(tokens, "start")`), read in C once per text;
    the list is shared, callers must not change it."""
    columns = _columns(tokens)
    found = columns.get(name)
    if found is None:
        found = columns[name] = list(map(attrgetter(name), tokens))
    return found


def derived(tokens: list[Token], name: str, make: Callable[[], T]) -> T:
    """A value worked out from a text's tokens (`make()`), kept with its columns so that
    every module that asks for it gets the one made first; callers must not change it."""
    columns = _columns(tokens)
    found = columns.get(name)
    if found is None:
        found = columns[name] = make()
    return found


def distinct_keys(tokens: list[Token]) -> frozenset[str]:
    """The set of the keys of a text (made once, when it is tokenized)."""
    return _distinct_keys(tokens)


def where(tokens: list[Token], accepts: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose key `accepts` (a pure test of one key): patterns start at
    a few words, and are looked for there instead of at every token. Each key of the
    vocabulary (`_VOCAB`) is put to `accepts` once per process; a text costs one set
    operation in C (does it hold an accepted key?), and a pass over its words only when
    it does."""
    distinct = _distinct_keys(tokens)
    entry = _JUDGED.get(accepts)
    if entry is None:
        if len(_JUDGED) >= _TESTS_MAX:  # a test made afresh at each call (a lambda)
            _JUDGED.clear()
        entry = _JUDGED[accepts] = (set(), [0])
    accepted, judged = entry
    vocab = _VOCAB
    if judged[0] < len(vocab):
        new = vocab[judged[0] :]
        accepted.update(filter(accepts, new))
        judged[0] += len(new)
    if accepted.isdisjoint(distinct):
        return []
    return indices_of(tokens, distinct.intersection(accepted))


def indices_of(tokens: list[Token], keys: set[str] | frozenset[str]) -> list[int]:
    """The indices of the tokens whose key is one of `keys` (keys the text writes, mostly
    one or two), in order: read off the text's positions of each key (`_positions`), not
    off a pass over all its tokens for each test (`where` is asked a few times per text)."""
    at = _positions(tokens)
    if len(keys) == 1:
        return list(at[next(iter(keys))])
    return sorted(chain.from_iterable(at[k] for k in keys))


def _positions(tokens: list[Token]) -> dict[str, list[int]]:
    """Each key of the text -> the indices of its tokens, listed in one pass per text."""

    def make() -> dict[str, list[int]]:
        at: dict[str, list[int]] = {}
        for n, key in enumerate(keys_of(tokens)):
            found = at.get(key)
            if found is None:
                at[key] = [n]
            else:
                found.append(n)
        return at

    return derived(tokens, "key positions", make)


# test -> (the keys of `_VOCAB` it accepts, [how many keys of `_VOCAB` it has judged]);
# all tests forgotten past `_TESTS_MAX` of them, or when the vocabulary starts again.
_JUDGED: dict[Callable[[str], bool], tuple[set[str], list[int]]] = {}
_TESTS_MAX = 64

# Every key met, in the order met, and as a set; for the keys a proclitic comes off, their
# `bare`. A text's distinct keys are put against the set once, when it is tokenized (the
# only pass in which a known key costs a string comparison); `where` then reads only the
# keys added since a test last ran. Past `_VOCAB_MAX` keys all of it starts again, in a
# new epoch (a text registered in an older one is registered again when asked about).
_VOCAB: list[str] = []
_VOCAB_SET: set[str] = set()
_BARE_OF: dict[str, str] = {}
_VOCAB_MAX = 1 << 17
_EPOCH = [0]
_DISTINCT = "distinct keys"  # the column of a text's (epoch, set of its keys)


def _register(keys: list[str]) -> tuple[int, frozenset[str]]:
    """(epoch, the text's distinct keys), its new keys added to the vocabulary."""
    if len(_VOCAB) > _VOCAB_MAX:
        _JUDGED.clear()
        _VOCAB_SET.clear()
        _VOCAB.clear()
        _BARE_OF.clear()
        _EPOCH[0] += 1
    distinct = frozenset(keys)
    new = distinct.difference(_VOCAB_SET)
    if new:
        for key in new:
            b = bare(key)
            if b != key:
                _BARE_OF[key] = b
        _VOCAB.extend(new)
        _VOCAB_SET.update(new)
    return _EPOCH[0], distinct


def _distinct_keys(tokens: list[Token]) -> frozenset[str]:
    """The set of the keys of a text, registered in the vocabulary of this epoch."""
    columns = _columns(tokens)
    found = columns.get(_DISTINCT)
    if found is None or found[0] != _EPOCH[0]:
        found = columns[_DISTINCT] = _register(keys_of(tokens))
    return found[1]


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
