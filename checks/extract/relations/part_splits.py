"""A sum split «على» its components: «تتوزع النفقات البالغة N دينار على A دينار نفقات
جارية وB دينار نفقات رأسمالية», «موزعة على A للرواتب وB للاستثمار».

With a count, «على» after a breakdown verb names what the count is spread over («موزعين
على 2297 مركزا»: places, no parts), and `part_of` leaves it; with a sum of money or a
measure, what stands after «على» in the sum's own unit is a component of it. So:

- the whole is a sum (a unit that is no share, no time, no rate), not a part already,
  with a breakdown verb in the words before it (back to the figure before);
- «على» (or «إلى») stands between it and the next figure, a few words on, and that
  figure and those joined to it by «و» in the sentence, in the whole's unit, are its
  components;
- at least two of them, each below the whole, none linked already, and together they
  fit under it (a change or a second year after «على» is no component).
"""

from __future__ import annotations

from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _SPLIT_CUES
from checks.extract.relations.words import _fold, _Words

VERB_REACH = 6  # words before the whole read for the breakdown verb
ON_REACH = 3  # words between the whole and its first component
FIT = 1.005  # the rounding parts may add up over their whole by
_ON = frozenset(_fold(w) for w in ("على", "إلى", "الى"))
_NO_SUM = (None, "percent", "time")


def split_sums(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of the components a sum is split on (module docstring)."""
    figures = fig.figures
    if len(figures) < 3 or not words.has(_SPLIT_CUES):
        return []
    index = {q.id: k for k, q in enumerate(figures)}
    linked_parts = {
        index[r["from"]] for r in linked if r["type"] == "part_of" and r["from"] in index
    }
    lo, hi = fig.bounds()
    rels: list[dict] = []
    for k in range(len(figures) - 2):
        unit = fig.units[k]
        if unit in _NO_SUM or fig.changes[k] or fig.rates[k] is not None or k in linked_parts:
            continue
        q = figures[k]
        if not _SPLIT_CUES & set(words.before(q.start, VERB_REACH, figures[k - 1].end if k else 0)):
            continue
        first = words.span(q.end, figures[k + 1].start)
        if len(first) > ON_REACH or not _ON & set(first):
            continue
        parts = [k + 1]
        for p in range(k + 2, len(figures)):
            if figures[p].sentence != q.sentence or fig.units[p] != unit:
                break
            gap = words.text[figures[p - 1].end : figures[p].start].split()
            if not gap or not gap[-1].startswith("و"):
                break  # «… جارية و8 مليارات», «… و 8 مليارات»: joined by «و»
            parts.append(p)
        if (
            len(parts) < 2
            or any(fig.units[p] != unit or p in linked_parts or fig.changes[p] for p in parts)
            or sum(float(lo[p]) for p in parts) > float(hi[k]) * FIT
            or not fig.may_hold(k, parts)
        ):
            continue
        linked_parts.update(parts)
        rels.extend({"from": figures[p].id, "to": q.id, "type": "part_of"} for p in parts)
    return rels
