"""A ranking by what a superlative names counts that set, not any total of the same noun.

«تصدرت باكستان قائمة الدول الأكثر خروجًا للمعتمرين بـ411 ألفا، يليها إندونيسيا بـ368
ألفا، ثم الهند بـ221 ألفا» ranks the countries by the pilgrims who LEFT: the indefinite
word after the superlative («الأكثر خروجًا», «أكثر الدول إصابة», «الأعلى وفيات») names the
set the ranked counts belong to. A total stated before of the same noun («مجموع المعتمرين
القادمين 1,566,754»: those who came) holds them only when its own clause says that word
too; otherwise the ranked counts are no breakdown of it, however alike their nouns.

A figure is ranked so when its own clause (back to the figure or clause mark before it)
holds the superlative and its word, or when a rank word («يليها», «تلتها», «ثم») joins it
to a figure ranked so just before it."""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _FOLLOWED
from checks.extract.relations.words import _LARGEST, _with_conjunctions, _Words

_SUPERLATIVES = _LARGEST | _with_conjunctions({fold(w) for w in ("أكثر", "أكبر", "أعلى", "أوفر")})
_NOT_SET_WORDS = frozenset(
    fold(w) for w in ("من", "في", "على", "عدد", "نسبة", "حصة", "قائمة", "بين", "إلى")
)
CLAUSE_REACH = 10  # words before a figure, in its clause, searched for the superlative
WORD_REACH = 2  # words after the superlative searched for the word naming the set
WHOLE_REACH = 16  # words before the total, in its sentence, read for that word
AFTER_REACH = 6  # words after the total, in its clause, read for it
JOIN_REACH = 6  # words between two ranked figures a rank word may join
CORE_LETTERS = 3  # letters a set word keeps, its ending off, to be looked for


def outside_ranked(words: _Words, fig: _Figures, whole: int, run: list[int]) -> list[int]:
    """The run without the figures a superlative ranks by a set the whole's clause does
    not name (module docstring)."""
    figures = fig.figures
    said = _clause(words, figures[whole])
    named: dict[int, str | None] = {}
    keep = []
    for n, k in enumerate(run):
        q = figures[k]
        floor = max(words.comma_before(q.start), figures[k - 1].end if k else 0)
        word = _set_word(words.before(q.start, CLAUSE_REACH, floor))
        if word is None and n and named.get(run[n - 1]):
            gap = words.span(figures[run[n - 1]].end, q.start)
            if len(gap) <= JOIN_REACH and not _FOLLOWED.isdisjoint(gap):
                word = named[run[n - 1]]  # «… بـ411 ألفا يليها إندونيسيا بـ368 ألفا»
        named[k] = word
        if word is None or _said(word, said):
            keep.append(k)
    return keep


def _said(word: str, clause: list[str]) -> bool:
    """The clause holds the set word's letters, its case ending off («تداولا» in
    «المتداولة», «خروجا» in «الخارجين» not: another pattern of the root is another word)."""
    core = word.rstrip("اةهى") or word
    return len(core) >= CORE_LETTERS and any(core in w for w in clause)


def names_set_of(words: _Words, before: list[str], whole) -> bool:
    """The superlative in `before` names no set by an indefinite word, or the words of
    total `whole` say it (`part_ranks`: «الأكثر مغادرة بـ200 ألف» is of those who left)."""
    word = _set_word(before)
    return word is None or _said(word, _clause(words, whole))


def _set_word(before: list[str]) -> str | None:
    """The indefinite word a superlative names its set by («الأكثر خروجا»), if any."""
    for i, w in enumerate(before):
        if w not in _SUPERLATIVES:
            continue
        for x in before[i + 1 : i + 1 + WORD_REACH]:
            if x in _NOT_SET_WORDS:
                return None
            if not x.startswith("ال") and len(x) > CORE_LETTERS and x.isalpha():
                return x  # a word, not «بـ» nor a figure
    return None


def _clause(words: _Words, q) -> list[str]:
    """The words before the total in its sentence («وشهدت السيولة المتداولة …، حيث جاءت
    بواقع 4.2 مليارات»), and after it in its clause."""
    return words.before(q.start, WHOLE_REACH, 0) + words.after(
        q.end, AFTER_REACH, words.comma_after(q.end)
    )
