"""The count of one region, given after the count of the whole country, is a part of it.

Census, election and exam news states the national figure and then the figure of a
region with the same tally: «بلغ عدد الناخبين N ناخب في عموم البلاد، وفي محافظة X بلغ
عددهم M ناخب، منهم …», «بلغ عدد السكان N نسمة. وفي منطقة Y بلغ عدد السكان M نسمة». The
region's count is a sub-total of the national one; its own breakdown («منهم …») stays
under it (the cue patterns put it there), never under the national count directly.

The signs, all required:

- the sub-total is a count (census, voters, pupils); its words before it, in its
  sentence back to the figure before, open a region as a frame («وفي محافظة X»,
  «بمنطقة X»; محافظة, منطقة, ولاية, إقليم, مدينة, …), none after it in its clause
  names one, and they repeat the tally: the same counted
  noun after both figures («نسمة», «ناخب»), or «عددهم/عددها» before the sub-total;
- the whole is the nearest earlier figure of its unit, in its sentence or the one before
  that states a figure, whose sentence names no region before it nor its clause after
  it (a figure of another region is a sibling, not the whole: `part_lists` and the
  ranking rules read those; «البلدية», «القضاء» are as often adjectives or bodies), is
  no share, change or rate, not a value set against another, and not a part itself;
- the sub-total is below the whole and, with the parts the whole has already, fits under
  it (a whole split by group and by region at once must never have the two summed).
"""

from __future__ import annotations

from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.words import _fold, _Words
from checks.extract.tokens import bare

REGION_REACH = 10  # words before a figure read for the region it is of
SENTENCE_REACH = 40  # words of the whole's sentence before it, read for a region
AFTER_REACH = 3  # words after it (its counted noun, then «في/ب + region»)
NATIONAL_WINDOW = 12  # figures before a region's count searched for the national one
FIT = 1.005  # the rounding parts may add up over their whole by
_REGIONS = frozenset(
    _fold(w)
    for w in (
        "محافظة", "المحافظة", "منطقة", "المنطقة", "ولاية", "الولاية", "إقليم", "الإقليم",
        "اقليم", "الاقليم", "مدينة", "المدينة", "مقاطعة", "المقاطعة", "إمارة", "الإمارة",
        "امارة", "الامارة",
    )
)  # fmt: skip
_IN = frozenset(_fold(w) for w in ("في", "وفي", "فى", "وفى"))
_THEIR_COUNT = frozenset(_fold(w) for w in ("عددهم", "عددها", "وعددهم", "وعددها"))
_AGAINST = frozenset(_fold(w) for w in ("مقابل", "بمقابل", "مقارنة", "كان", "كانت"))


def _words_before(words: _Words, fig: _Figures, k: int) -> list[str]:
    figures = fig.figures
    floor = figures[k - 1].end if k else 0
    return words.before(figures[k].start, REGION_REACH, floor)


def _region(before: list[str]) -> bool:
    return any(w in _REGIONS or bare(w) in _REGIONS for w in before)


def _framed(before: list[str]) -> bool:
    """«وفي محافظة X …», «بمنطقة X»: a region opened as the frame of what follows (not
    «وتصدرت ولاية X القائمة بـN»: a ranking of places, read by the ranking rules)."""
    return any(
        (w in _REGIONS and i and before[i - 1] in _IN) or (w[:1] == "ب" and w[1:] in _REGIONS)
        for i, w in enumerate(before)
    )


def _region_after(words: _Words, fig: _Figures, k: int) -> bool:
    """«1452 بإقليم X»: a region named right after the figure, in its clause."""
    q = fig.figures[k]
    ceiling = words.comma_after(q.end)
    if k + 1 < len(fig.figures):
        nxt = fig.figures[k + 1].start
        ceiling = nxt if ceiling is None else min(ceiling, nxt)
    return _region(words.after(q.end, AFTER_REACH, ceiling))


def region_subtotals(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of a region's count to the national count (module docstring)."""
    figures = fig.figures
    if len(figures) < 2 or not words.has(_REGIONS | frozenset("ب" + w for w in _REGIONS)):
        return []
    parts_of = linked_parts(figures, linked)
    lo, hi = fig.bounds()
    rels: list[dict] = []
    for s in range(1, len(figures)):
        if s in parts_of or fig.units[s] is not None or fig.changes[s]:
            continue  # counts of people or things, as census and elections give them
        before = _words_before(words, fig, s)
        if not _framed(before) or _region_after(words, fig, s):
            continue  # «وفي محافظة X بلغ عددهم M»; not «M في منطقة Y» (a list of places)
        whole = _national(words, fig, s)
        if whole is None or whole in parts_of:
            continue
        same_noun = fig.stems[s] and fig.stems[s] == fig.stems[whole]
        if not (same_noun or _THEIR_COUNT & set(before)):
            continue
        held = sum(
            float(lo[p]) for p, w in parts_of.items() if w == whole and fig.units[p] == fig.units[s]
        )
        if float(lo[s]) >= float(lo[whole]):
            continue  # the same count again (a headline's), or no part of it
        if held + float(lo[s]) > float(hi[whole]) * FIT or not fig.may_hold(whole, [s]):
            continue
        parts_of[s] = whole
        rels.append({"from": figures[s].id, "to": figures[whole].id, "type": "part_of"})
    return rels


def _national(words: _Words, fig: _Figures, s: int) -> int | None:
    """The nearest earlier count of s's unit, this sentence or the one before that states
    a figure, that names no region: the whole the region's count is of."""
    figures = fig.figures
    seen: set[int] = set()
    for j in range(s - 1, max(-1, s - 1 - NATIONAL_WINDOW), -1):
        if figures[j].sentence != figures[s].sentence:
            seen.add(figures[j].sentence)
        if len(seen) > 1:
            return None
        if fig.units[j] != fig.units[s] or fig.changes[j]:
            continue
        if (
            fig.rates[j] is not None
            or _region(words.before(figures[j].start, SENTENCE_REACH, 0))
            or _region_after(words, fig, j)
        ):
            return None  # «محافظة القاهرة أكبر …، إذ بلغ عدد سكانها N»: a region's too
        if _AGAINST & set(words.before(figures[j].start, 3, words.comma_before(figures[j].start))):
            continue
        return j
    return None
