"""The sides of a vote are parts of the body that voted.

A chamber's vote is told as one sentence of sides — «بأغلبية 33 صوتا، مقابل رفض 5 نواب
وامتناع 3 عن التصويت، من أصل 40 نائبا» — for, against, abstaining (and absent), each with a
word of voting before it, set against each other with «مقابل» or joined by «و», and the
body's size after «من أصل» (or «من مجموع»). The «من أصل» cue reaches the figure next to it;
the other sides of the same vote are parts of that body too. Sides that add up to more than
the body are the slip `part_whole.sum` reports.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.words import _with_conjunctions, _Words

# A word of one side of a vote, right before its figure: «بأغلبية 33», «مقابل رفض 5»,
# «وامتناع 3», «أيد 120», «عارض 14», «وغياب 4».
_SIDES = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("بأغلبية", "أغلبية", "بموافقة", "موافقة", "وافق", "أيد", "بتأييد", "تأييد"),
            *("رفض", "برفض", "معارضة", "بمعارضة", "عارض", "امتناع", "امتنع", "وامتناع"),
            *("تحفظ", "غياب", "غاب", "لصالح", "ضد", "مقابل"),  # «120 عضوا مقابل 14»
        )
    }
)
_OUT_OF = frozenset(fold(w) for w in ("أصل", "مجموع"))
SIDE_REACH = 3  # words before a figure, after the figure before it, read for a side's word


def vote_sides(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """`part_of` links of the other sides of a vote whose one side «من أصل» has linked to
    the body (module docstring)."""
    if not words.has(_SIDES):
        return []
    figures = fig.figures
    parts_of = linked_parts(figures, rels)
    out: list[dict] = []
    for j, w in enumerate(figures):
        if _OUT_OF.isdisjoint(words.before(w.start, 2, figures[j - 1].end if j else 0)):
            continue
        sides = [
            k
            for k in range(j - 1, -1, -1)
            if figures[k].sentence == w.sentence and fig.units[k] == fig.units[j]
        ]
        sides = [k for k in sides if _a_side(words, fig, k)]
        if len(sides) < 2 or not any(parts_of.get(k) == j for k in sides):
            continue
        more = [k for k in sorted(sides) if k not in parts_of]
        if more and fig.may_hold(j, more):
            out += [{"from": figures[k].id, "to": w.id, "type": "part_of"} for k in more]
            parts_of.update(dict.fromkeys(more, j))
    return out


def _a_side(words: _Words, fig: _Figures, k: int) -> bool:
    """A word of voting stands before figure k, after the figure before it."""
    floor = fig.figures[k - 1].end if k else 0
    return not _SIDES.isdisjoint(words.before(fig.figures[k].start, SIDE_REACH, floor))
