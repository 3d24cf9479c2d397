"""A ranking names its set: «وسجلت القاهرة العدد الأكبر من الحالات بـ218 حالة، تلتها الجيزة
بـ176» ranks the places by their share of all the cases counted before, not of the count
stated nearest («نقلت 980 حالة إلى المستشفيات», a subset of them). The whole of the
ranked figure is the first free count, in the one or two sentences before, of the
set the superlative's «من» phrase names («من الحالات»: the cases), or, with no set
named («يستأثر بالنصيب الأكبر بـ160 ألفا»), of what the figure counts, else any count
of the sentence before: the set a text counts first is the one it goes on to break down
(«أنجزت تعبيد 120 كيلومترا …، ضمن خطة تشمل 300 كيلومتر»). A set the phrase narrows («من
النازحين الجدد») is of a count whose clause says the narrowing words, or of none. A whole
already broken down in another sentence («منها 430 حالة ناتجة عن حوادث طرق و215 …») holds
no ranking of its parts as well: two breakdowns of one whole (by cause, by province) each
add up to it, and `part_whole.sum` sums all the parts of a whole, so the ranking is
linked to nothing."""

from __future__ import annotations

from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _BY
from checks.extract.relations.part_reads import (
    _acts_as,
    _former,
    _same_group,
    _tally_names,
)
from checks.extract.relations.part_wholes import _names_again
from checks.extract.relations.rank_sets import names_set_of
from checks.extract.relations.words import _LARGEST, _fold, _stem, _stems, _Words

RANK_REACH = 6  # words before the figure, in its clause, searched for the superlative
CLAUSE_REACH = 8  # words either side of a count, in its clause, read for the narrowing words
SENTENCES_BACK = 2  # sentences before the ranking searched for its whole
_FROM = _fold("من")


def ranked_whole(words: _Words, fig: _Figures, k: int, parts_of: dict[int, int]) -> int | None:
    """The whole a figure ranked first by a superlative («العدد الأكبر من …بـN») is the
    largest share of, or None where the figure is no such share."""
    figures = fig.figures
    q = figures[k]
    if _LARGEST.isdisjoint(fig.near[k]):
        return None  # no superlative in reach of the figure
    if fig.units[k] == "percent" or not _BY.search(words.text[max(0, q.start - 4) : q.start]):
        return None
    floor = max(words.comma_before(q.start), figures[k - 1].end if k else 0)
    before = words.before(q.start, RANK_REACH, floor)
    at = next((i for i, w in enumerate(before) if w in _LARGEST), None)
    if at is None:
        return None
    phrase = before[at + 1 :]
    named = phrase[1] if len(phrase) >= 2 and phrase[0] == _FROM else None
    if named is not None and not named.startswith("ال"):
        return None  # «الأكبر من نوعه»: no set named
    narrow = frozenset(w for w in phrase[2:] if w.startswith("ال") and len(w) >= 5)
    free = []  # the earlier figures of the sentences before, nearest first
    for j in range(k - 1, -1, -1):
        if figures[j].sentence < q.sentence - SENTENCES_BACK:
            break  # the figures before it are of earlier sentences still
        if (
            figures[j].sentence < q.sentence
            and fig.units[j] == fig.units[k]
            and j not in parts_of
            and not _former(words, figures[j])
        ):
            free.append(j)
    if named is not None:
        stem = _stem(named)
        said = [
            j
            for j in free
            if fig.stems[j] == stem
            or _same_group(named, figures[j])
            or _acts_as(words, figures[j], named)
            or _tally_names(words, figures, j, named)
        ]
    else:
        said = [j for j in free if _names_again(fig, k, j)] or [
            j for j in free if figures[j].sentence == q.sentence - 1
        ]
    if narrow:
        said = [j for j in said if _says_all(words, figures[j], narrow)]
    # «الدول الأكثر مغادرة للمعتمرين بـ200 ألف»: of those who left, not of all who came
    said = [j for j in said if names_set_of(words, before[at:], figures[j])]
    return min(said) if said else None


def _says_all(words: _Words, w: Mention, narrow: frozenset[str]) -> bool:
    """The clause of count w, within its sentence, says every narrowing word (its stem):
    «عدد النازحين في البلاد بلغ 3 ملايين» does not say «الجدد»."""
    clause = words.before(w.start, CLAUSE_REACH, words.comma_before(w.start)) + words.after(
        w.end, CLAUSE_REACH, words.comma_after(w.end)
    )
    said = _stems(clause)
    return all(not said.isdisjoint(_stems([n])) for n in narrow)
