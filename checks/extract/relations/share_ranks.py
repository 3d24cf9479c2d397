"""A ranking of shares: the places or groups a count goes to, each with its share of it.

News gives a count and then ranks what it splits into by share, with no part cue: «عدد
المغادرين سيبلغ 141 ألف مسافر، وتتصدر دبي وجهاتهم بنسبة 31 في المئة، تليها القاهرة (24 في
المئة) ثم إسطنبول (19 في المئة)». The ranking opens with a verb of topping («تتصدر»,
«تصدرت», «تصدرتها») before the first share and goes on with a word of rank («تليها»,
«تلتها», «يليها») before the second; the shares after it, one after the other in the
sentence, are the ranking's. They are shares of the count the sentence states before the
ranking (or, when it states none, the last count of the sentence before): the set the
sentence has just counted. Shares that add up to a little more than 100 are the slip
`part_whole.sum` reports, so they stay linked; far more than 100, or ranked after a count of
places, they are rates of the places ranked (a poverty or pass rate each), no shares.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.quantities import PLACE_CATEGORIES
from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.part_cues import _RANK_WORDS
from checks.extract.relations.words import _has, _with_conjunctions, _Words

# A verb of topping, with or without the pronoun of the set it tops («تصدرتها إربد»).
_TOPS = _with_conjunctions(
    {fold(v + p) for v in ("تصدر", "تصدرت", "يتصدر", "تتصدر") for p in ("", "ها", "ه", "هم")}
)
_RANKS = _with_conjunctions(_RANK_WORDS)
TOP_REACH = 6  # words before the first share, in its clause, searched for the verb of topping


def ranked_shares(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """`part_of` links of a ranking's shares to the count before it (module docstring)."""
    figures, units = fig.figures, fig.units
    if "percent" not in units or not words.has(_TOPS):
        return []
    linked = linked_parts(figures, rels)
    out: list[dict] = []
    k = 0
    while k < len(figures):
        run = _ranking_from(words, fig, k)
        if len(run) < 2 or any(p in linked for p in run):
            k += max(1, len(run))
            continue
        whole = _counted_before(fig, k)
        if whole is not None and _shares_of(fig, run, whole):
            out += [
                {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in run
            ]
        k = run[-1] + 1
    return out


def _ranking_from(words: _Words, fig: _Figures, k: int) -> list[int]:
    """The shares of a ranking opened at figure k: a share with a verb of topping before it
    in its clause, then the shares that follow it in its sentence, a word of rank between
    the first two."""
    figures, units = fig.figures, fig.units
    q = figures[k]
    if units[k] != "percent":
        return []
    if not _has(words.before(q.start, TOP_REACH, words.comma_before(q.start)), _TOPS):
        return []
    run = [k]
    for n in range(k + 1, len(figures)):
        if figures[n].sentence != q.sentence or units[n] != "percent":
            break
        run.append(n)
    if len(run) < 2 or not _has(words.span(q.end, figures[run[1]].start), _RANKS):
        return []
    return run


SHARES_SLIP = 105  # what shares of one whole may add up to, an outlet's slip included


def _shares_of(fig: _Figures, run: list[int], whole: int) -> bool:
    """The run reads as shares of the whole, not as rates of the places it ranks («تصدرت
    أسيوط بنسبة 66.7%، تلتها سوهاج بـ59.6%» after «المحافظات الـ27»: the poverty rate of
    each): the whole counts no places, and the shares add up to 100 or a slip above it."""
    if fig.figures[whole].attrs.get("category") in PLACE_CATEGORIES:
        return False
    lo, _ = fig.bounds()
    return sum(float(lo[p]) for p in run) <= SHARES_SLIP


def _counted_before(fig: _Figures, k: int) -> int | None:
    """The nearest count (no unit) before figure k in its sentence, else the last count of
    the sentence before."""
    figures, units = fig.figures, fig.units
    sentence = figures[k].sentence
    for j in range(k - 1, -1, -1):
        if figures[j].sentence < sentence - 1:
            return None
        if units[j] is None and "value" in figures[j].attrs:
            return j
    return None
