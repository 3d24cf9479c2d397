"""The two sides of a total: a figure counted «between» two parties, then what each side
gave, in the next sentence, with no cue.

«… تبادل الأسرى بين الحكومة وجماعة الحوثي، … نقل 887 محتجزا. وأطلقت الحكومة سراح 706
…، فيما أفرج الحوثيون عن 191 محتجزا»: the sentence of the total names the two sides
(«بين A وB»); the next sentence has a clause for each, a side named as its subject and a
figure. Each side's figure is a part of the total, and they are disjoint (one side's
prisoners are not the other's), so parts that add up to more than the total are the slip
`part_whole.sum` reports — the sides, not the sum, say it is a breakdown.

The signs, all required: «بين» and a side of one to three words, «و», a second side,
before the total in its sentence (not «بين 5 و10»: a side is no figure); in the next
sentence, exactly one figure for each side (the first in a clause that names that side,
and no other), each of the total's unit, not a former value, not linked already, each
below the total; the two sides' words differ.
"""

from __future__ import annotations

from bisect import bisect_left

from checks.arabic import fold
from checks.extract.relations.words import _CLAUSE_MARK_RE, _stem, _Words
from checks.extract.tokens import bare

SIDE_WORDS = 3  # words of one side's name («الحكومة اليمنية», «جماعة الحوثي»)
SENTENCE_WORDS = 60  # words before a total, in its sentence, searched for «بين A وB»
_BETWEEN = frozenset(fold(w) for w in ("بين", "وبين"))
# Heads of a side's name that name no side of their own («جماعة الحوثي»: the Houthis),
# and words that end a side's name («بين الحكومة والحوثيين في السويد»).
_GENERIC = frozenset(fold(w) for w in ("جماعة", "قوات", "جانب", "طرف", "حركة", "تنظيم"))
_NAME_ENDS = frozenset(
    fold(w)
    for w in ("في", "من", "على", "عن", "إلى", "الى", "مع", "التي", "الذي", "الذين", "منذ", "خلال")
)


def side_parts(words: _Words, figures: list, units: list, j: int) -> list[int]:
    """The figures of the sentence after total j that the two sides named with it gave,
    one for each side, or []."""
    q = figures[j]
    sides = _sides(words, q.start)
    if sides is None:
        return []
    out: dict[int, int] = {}  # side -> figure
    last = len(words.starts) - 1
    for k in range(j + 1, len(figures)):
        f = figures[k]
        if f.sentence == q.sentence:
            continue
        if f.sentence > q.sentence + 1:
            break
        if units[k] != units[j]:
            continue
        # the figure's clause: from the last clause mark, or its sentence's start
        opens = words.starts[words.first_of[min(bisect_left(words.starts, f.start), last)]]
        clause_start = max(words.comma_before(f.start), opens)
        named = {
            s
            for s, stems in enumerate(sides)
            if not stems.isdisjoint(_clause_stems(words, clause_start, f.start))
        }
        if len(named) == 1:
            side = named.pop()
            if side in out:
                return []  # a side given twice: a list of its own, not one figure each
            out[side] = k
    return sorted(out.values()) if len(out) == 2 else []


def _clause_stems(words: _Words, start: int, end: int) -> set[str]:
    return {_stem(w) for word in words.span(start, end) for w in (word, bare(word))}


def _sides(words: _Words, before: int) -> tuple[frozenset[str], frozenset[str]] | None:
    """The stems of the two sides named «بين A وB» in the sentence before offset `before`."""
    # most sentences write no «بين» before the total: the words are not read there
    at = words.at(_BETWEEN)
    k = bisect_left(words.starts, before)
    n = bisect_left(at, k - SENTENCE_WORDS)
    if n == len(at) or at[n] >= k:
        return None
    keys = words.before(before, SENTENCE_WORDS, 0)
    if _BETWEEN.isdisjoint(keys):
        return None
    for n, key in enumerate(keys):
        if key not in _BETWEEN:
            continue
        first = keys[n + 1 : n + 1 + SIDE_WORDS]
        cut = next((i for i, w in enumerate(first) if w.startswith("و") and i), None)
        if cut is None:
            continue
        a = first[:cut]
        b = keys[n + 1 + cut : n + 1 + cut + SIDE_WORDS]
        b = [b[0][1:], *b[1:]] if b else []
        b = b[: next((i for i, w in enumerate(b) if w in _NAME_ENDS), len(b))]
        sides = tuple(_side(words_) for words_ in (a, b))
        if all(sides) and sides[0].isdisjoint(sides[1]):
            return sides  # type: ignore[return-value]
    return None


def _side(names: list[str]) -> frozenset[str]:
    """The stems that name a side: its words but generic heads and figures."""
    out = set()
    for w in names:
        if _CLAUSE_MARK_RE.search(w) or any(c.isdigit() for c in w):
            return frozenset()
        w = w.removeprefix("ال")
        if len(w) > 2 and fold(w) not in _GENERIC and "ال" + w not in _GENERIC:
            out.add(_stem(w))
    return frozenset(out)
