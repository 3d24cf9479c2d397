"""The words the relation patterns read: the folded token keys around a span (`_Words`), cue
sets written with and without و/ف, and the rough stems and consonant skeletons that tell a
counted noun again. Shared by every relation module."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import compress, pairwise
from operator import ne

from checks.arabic import fold
from checks.extract.dates import _MONTHS
from checks.extract.model import Mention
from checks.extract.tokens import (
    Token,
    bare,
    column,
    derived,
    distinct_keys,
    indices_of,
    keys_of,
    where,
)


def _with_conjunctions(cues: set[str]) -> frozenset[str]:
    """The cues as written alone and after و or ف, so that `_has` is one set test."""
    return frozenset(cues | {p + c for c in cues for p in "وف"})


_CLAUSE_MARKS = "،,:؛;"
_CLAUSE_MARK_RE = re.compile(f"[{_CLAUSE_MARKS}]")


# `fold` of a short string asked again and again (a figure's text, the words right after
# it): one dict look-up instead of a regex and the replacement passes.
_fold = lru_cache(maxsize=1 << 16)(fold)


class _Words:
    """The folded words (token keys) around a span, found by bisection over the tokens:
    within the span's sentence, and between given offsets."""

    def __init__(self, tokens: list[Token], text: str = "") -> None:
        self.tokens = tokens
        self.starts = column(tokens, "start")
        self.sentences = column(tokens, "sentence")
        self.keys = keys_of(tokens)
        self.text = text
        self._keyset = distinct_keys(tokens)  # the tokenizer's set of the text's keys
        # the offsets of the clause marks, listed once per text
        self._commas = _clause_marks(tokens, text)
        # what the window methods bisect for, by offset, kept for the text (`_by_offset`)
        self._index, self._mark_before, self._mark_after = _by_offset(
            tokens, text, self.starts, self._commas
        )
        # each token's sentence as a run of tokens: its first index and one past its last
        # (worked out once per text: several relation modules read the same words)
        self.first_of, self.end_of = _sentence_runs(tokens)
        self._at: dict[object, list[int]] = derived(tokens, "cue positions", dict)

    def has(self, cues: frozenset[str] | set[str]) -> bool:
        """Some word of the text is one of the cues: a pattern whose cue the text never
        writes is not looked for at any figure."""
        return not self._keyset.isdisjoint(cues)

    def has_bare(self, cues: frozenset[str]) -> bool:
        """Some word of the text is one of the cues, with or without its proclitic."""
        return self.has(cues) or any(bare(k) in cues for k in self._keyset)

    def at(self, cues: frozenset[str]) -> list[int]:
        """The indices of the tokens whose key is one of the cues, in order: listed once per
        text and cue set (a window holds a cue only if one of these falls in it)."""
        found = self._at
        at = found.get(cues)
        if at is None:
            written = self._keyset.intersection(cues)
            at = found[cues] = indices_of(self.tokens, written) if written else []
        return at

    def where(self, accepts: Callable[[str], bool]) -> list[int]:
        """`tokens.where` of this text (the indices of the tokens whose key `accepts`),
        asked once per text and test."""
        found = self._at.get(accepts)
        if found is None:
            found = self._at[accepts] = where(self.tokens, accepts)
        return found

    def between(self, start: int, end: int) -> int:
        """How many words lie between two offsets."""
        return self._index[end] - self._index[start]

    # Starts grow and sentences never go back, so the words a window keeps (not before a
    # floor, in one sentence) are one run of it: its ends are found by bisection, once per
    # offset and text (`_index[offset]` is `bisect_left(starts, offset)`: the windows are
    # asked about a million times per 300 articles, at a few hundred offsets per text, and
    # a bisection over Python ints costs several times a dict look-up).

    # `before` and `before_at` are the relations' most frequent calls: written out, each
    # one a few comparisons and one slice.

    def before(self, start: int, n: int, floor: int) -> list[str]:
        """Up to n words before `start`, not before `floor` nor out of its sentence."""
        k = self._index[start]
        if k == 0:
            return []
        first = self.first_of
        lo = first[k] if k < len(first) else first[-1]
        if k - n > lo:
            lo = k - n
        if floor > 0:
            at_floor = self._index[floor]
            if at_floor > lo:
                lo = at_floor
        return self.keys[lo:k]

    def before_at(self, k: int, n: int, floor: int) -> list[str]:
        """`before` of the offset where token k starts (or of the text's end)."""
        if k == 0:
            return []
        first = self.first_of
        lo = first[k] if k < len(first) else first[-1]
        if k - n > lo:
            lo = k - n
        if floor > 0:
            at_floor = self._index[floor]
            if at_floor > lo:
                lo = at_floor
        return self.keys[lo:k]

    def after(self, end: int, n: int, ceiling: int | None) -> list[str]:
        """Up to n words after `end`, before `ceiling`, in the sentence of what ends there."""
        k = self._index[end]
        if k == 0 or k >= len(self.keys):
            return []
        hi = self.end_of[k - 1]
        if k + n < hi:
            hi = k + n
        if ceiling is not None:
            at_ceiling = self._index[ceiling]
            if at_ceiling < hi:
                hi = at_ceiling
        return self.keys[k:hi]

    def span(self, start: int, end: int) -> list[str]:
        """The words between two offsets."""
        return self.keys[self._index[start] : self._index[end]]

    def comma_after(self, end: int) -> int | None:
        """The offset of the first clause mark at or after `end`, if any."""
        return self._mark_after[end]

    def comma_before(self, start: int) -> int:
        """The offset just after the last clause mark before `start` (0 if none)."""
        return self._mark_before[start]

    def clause_ends(self, text: str, end: int) -> bool:
        """A clause mark stands between `end` and the next word («الخمس، بينهم»)."""
        k = self._index[end]
        nxt = self.tokens[k].start if k < len(self.tokens) else len(text)
        return bool(_CLAUSE_MARK_RE.search(text, end, nxt))

    def noun_after(self, q: Mention) -> str:
        nxt = self.after(q.end, 1, None)
        return nxt[0] if nxt else ""


def _sentence_runs(tokens: list[Token]) -> tuple[list[int], list[int]]:
    """(first token of each token's sentence, one past its last), once per text."""

    def runs() -> tuple[list[int], list[int]]:
        sentences = column(tokens, "sentence")
        n = len(sentences)
        cuts = [0, *compress(range(1, n), map(ne, sentences[1:], sentences)), n]
        first: list[int] = []
        ends: list[int] = []
        for lo, hi in pairwise(cuts):
            first += [lo] * (hi - lo)
            ends += [hi] * (hi - lo)
        return first, ends

    return derived(tokens, "sentence runs", runs)


class _ByOffset(dict):
    """offset -> `of(offset)`, each worked out when first asked: a look-up by offset costs
    one dict subscript, and a text asks about a few hundred offsets many times over."""

    __slots__ = ("_of",)

    def __init__(self, of: Callable[[int], object]) -> None:
        super().__init__()
        self._of = of

    def __missing__(self, offset: int) -> object:
        found = self[offset] = self._of(offset)
        return found


def _by_offset(
    tokens: list[Token], text: str, starts: list[int], commas: list[int]
) -> tuple[_ByOffset, _ByOffset, _ByOffset]:
    """(token index, mark before, mark after) by offset, once per text: `bisect_left` of
    the token starts (the first token at or after the offset), the offset just after the
    last clause mark before it (0 if none) and that of the first one at or after it (None
    if none)."""

    def mark_after(end: int) -> int | None:
        n = bisect_left(commas, end)
        return commas[n] if n < len(commas) else None

    def mark_before(start: int) -> int:
        n = bisect_left(commas, start) - 1
        return commas[n] + 1 if n >= 0 else 0

    def make() -> tuple[str, _ByOffset, _ByOffset, _ByOffset]:
        index = _ByOffset(partial(bisect_left, starts))
        return text, index, _ByOffset(mark_before), _ByOffset(mark_after)

    found = derived(tokens, "by offset", make)
    if found[0] is not text:  # these tokens read with another text (not in the pipeline)
        found = make()
    return found[1:]


def _clause_marks(tokens: list[Token], text: str) -> list[int]:
    """The offsets of the clause marks of the text, listed in one regex pass per text."""

    def marks() -> tuple[str, list[int]]:
        return text, [m.start() for m in _CLAUSE_MARK_RE.finditer(text)]

    found = derived(tokens, "clause marks", marks)
    return found[1] if found[0] is text else marks()[1]


def _has(words: list[str], cues: frozenset[str]) -> bool:
    """A cue among the words, also with و/ف before it (the cue sets hold those forms)."""
    return not cues.isdisjoint(words)


# The dead and the wounded under their many names: one stem each, so a subject that names
# them («وتوزع المتوفون بين …») finds the figure that counts them («وفاة 562 شخصا»).
_ONE_STEM = {
    **{
        fold(w): "وفي"
        for w in (
            "وفاة", "وفيات", "متوفون", "متوفين", "متوفى", "قتلى", "قتيل", "قتيلا", "موتى",
            "شهداء", "شهيد", "شهيدا",
        )
    },
    **{
        fold(w): "جرح"
        for w in (
            "جرحى", "جريح", "جريحا", "مصابون", "مصابين", "مصاب", "مصابا", "إصابة", "إصابات",
        )
    },
}  # fmt: skip


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A rough stem to tell a counted noun again («السوريين», «سوري»): article, plural,
    feminine and accusative («متهما») endings and a final nisba ي off; a weak last letter
    written ا or ي is one; the words news uses for the dead, and for the wounded, are one
    stem each (`_ONE_STEM`)."""
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if word in _ONE_STEM:
        return _ONE_STEM[word]
    for end in ("يين", "ين", "ون", "ات", "ه", "ي"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            break
    else:  # the accusative's alif («17 متهما», «محتجزا»): the noun of «متهمين», «محتجز»
        if len(word) >= 4 and word[-1] == "ا" and word[-2] not in "اي":
            word = word[:-1]
        elif len(word) >= 5 and word.endswith("يا"):
            word = word[:-2]  # a nisba's accusative: «سعوديا» is of «السعوديون»
    if len(word) == 3 and word[-1] == "ا":
        return word[:-1] + "ي"  # a weak last root letter: «وفاة» and «الوفيات» give وفي
    return word.removesuffix("ي") if len(word) > 3 else word


def _stems(words: list[str]) -> set[str]:
    """Each word's stem, with and without a one-letter proclitic («بنفقات» → نفق)."""
    return {_stem(x) for w in words for x in (w, bare(w))}


# Relative pronouns after a noun: a clause narrows the group it names («من الضحايا الذين
# …», «الدول الخمس التي …»). One set for `part_of` and `member_of`: the one-module layout
# bound the name twice and the second binding was the one both read.
_RELATIVES = {fold(w) for w in ("التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي")}


@lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str:
    """The consonants of a word without article, plural or verb endings and long vowels:
    «الخارجين» and «خرجوا» both give خرج, «القتلى» and «قتلوا» قتل."""
    word = fold(word)
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    for end in ("يين", "ين", "ون", "وا", "ات", "ى", "ه", "ي"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            break
    return "".join(c for c in word if c not in "اويى")


def shares_root(a: str, b: str) -> bool:
    """Two skeletons (`_skeleton`) with three consonants in a row in common: a noun and the
    verb of its root («معتقل» and «عتقلت», «مرحل» and «رحلت»)."""
    return any(a[i : i + 3] in b for i in range(len(a) - 2))


# A period named as the subject of a count («أيلول الماضي وحده شهد مقتل 206», «ليلة السابع
# والعشرين شهدت وحدها حضور 2.5 مليون»): the months as Arab outlets name them and the nouns
# of a span of time. What a period holds «alone» is a tally of another time, no share of
# the running total.
_PERIODS = frozenset(
    {k.split()[0] for k in _MONTHS if len(k) > 2}  # «تشرين الثاني»: «تشرين»; not «آب» (أب)
    | {
        fold(w)
        for w in (
            *("ليلة", "الليلة", "يوم", "اليوم", "نهار", "أسبوع", "الأسبوع", "شهر", "الشهر"),
            *("عام", "العام", "سنة", "السنة", "موسم", "الموسم"),
        )
    }
)

# Rates, in the plural: one for each group a list names («وجاءت نسب النجاح بحسب الفروع:
# علوم الحياة 92,5 في المئة، …»), each of its own group, none a share of a count before.
_RATES = frozenset(fold(w) for w in ("نسب", "النسب", "معدلات", "المعدلات", "نسبها"))
# An age bound after a counted group («من الأطفال دون سن الخامسة», «فوق سن الستين»): the
# bound word and the age noun; the age itself is what narrows the group.
_AGE_BOUNDS = frozenset(fold(w) for w in ("دون", "تحت", "فوق", "بين"))
_AGE_NOUNS = frozenset(fold(w) for w in ("سن", "عمر"))

# «منذ … آب الماضي بلغ 20 ألفا»: a past word after «منذ» dates the start of the span a count
# runs over, it does not make the count a former value.
# «منذ» dates a span; «حتى نهاية تشرين الأول الماضي 1328 منشأة», «بلغ نهاية العام
# الماضي 1048 شركة»: a count as of the end of a past period is the report's, no former one
_AS_OF = _with_conjunctions({fold(w) for w in ("منذ", "نهاية", "بنهاية", "لنهاية")})
# «خلال شهر تشرين الأول الماضي 1043 قضية»: the period the count was made in, dated as
# «منذ» dates a span: the count is the report's, no former value
_DATING = _AS_OF | _with_conjunctions({fold(w) for w in ("خلال", "طيلة", "طوال")})


SINCE_REACH = 8  # words before a past marker searched for the «منذ» that dates a span


def _past_said(
    before: list[str], past: set[str] | frozenset[str], reach: int, dating: frozenset = _AS_OF
) -> bool:
    """A past marker among the last `reach` words `before` a figure that no «منذ» before it
    dates: «كان 107», «6 آلاف العام الماضي», but not «منذ الإعلان عن تفشي المرض في آب
    الماضي بلغ 20,015» (`before` reaches `SINCE_REACH` words further back for the «منذ»);
    with `dating=_DATING`, nor «خلال شهر تشرين الأول الماضي 1043»."""
    since = False
    first = len(before) - reach
    for n, w in enumerate(before):
        if w in dating:
            since = True
        elif w in past and n >= first and not since:
            return True
    return False


# «العدد الأكبر من الحالات», «بالنصيب الأكبر», «الحصة الأعلى»: the superlative of a ranking,
# whose figure is the largest share of a whole stated before.
_LARGEST = _with_conjunctions({fold(w) for w in ("الأكبر", "الأعلى", "الأكثر", "الأوفر")})


# «بعدما كانت», «بعد أن كان»: a clause that tells what a count was before
_AFTER_WHEN = _with_conjunctions({fold("بعدما")})
_AFTER = _with_conjunctions({fold("بعد")})
_THAT = fold("أن")
