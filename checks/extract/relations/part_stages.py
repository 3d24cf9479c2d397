"""Stages of one body of candidates, each inside the one before (تقدم ⊇ حضر ⊇ نجح): «تقدم
60 ألفا، منهم 59 ألفا حضروا و51 ألفا نجحوا» lists both figures under the candidates, yet
those who passed are among those who sat. The later stage goes under the earlier one, so
the parts of the candidates do not count one body twice (`part_whole.sum`)."""

from __future__ import annotations

from checks.extract.model import Mention
from checks.extract.relations.words import _fold, _Words

# The verbs and nouns of sitting an exam, and of its result (a result needs a sitting).
_SAT = frozenset(
    _fold(w)
    for w in ("حضر", "حضروا", "حضور", "الحاضرين", "الحاضرون", "أدى", "أدوا", "جلس", "جلسوا")
)
_RESULT = frozenset(
    _fold(w)
    for w in (
        *("نجح", "نجحوا", "الناجحين", "الناجحون", "ناجحا", "ناجح"),
        *("رسب", "رسبوا", "الراسبين", "الراسبون", "راسبا"),
    )
)


def _stage(words: _Words, q: Mention, floor: int, ceiling: int | None) -> str | None:
    """«N حضروا», «حضر منهم N», «ونجح N»: the stage named by the word right after the
    figure, else by the words right before it (after the last clause mark)."""
    mark = words.comma_after(q.end)
    if mark is not None and (ceiling is None or mark < ceiling):
        ceiling = mark  # «حضر منهم 30350، ونجح»: the next clause's verb is not this one's
    for near in (
        words.after(q.end, 1, ceiling),
        words.before(q.start, 3, max(floor, words.comma_before(q.start))),
    ):
        keys = {w.removeprefix("و") for w in near} | set(near)
        sat, result = not keys.isdisjoint(_SAT), not keys.isdisjoint(_RESULT)
        if sat != result:
            return "sat" if sat else "result"
    return None


def nest_stages(words: _Words, figures: list[Mention], rels: list[dict]) -> None:
    """Re-point, in place, each part of a whole that names a result to the one sibling part
    that names the sitting, when the text writes both under one whole and the result is
    no larger than the sitting."""
    if not (words.has(_SAT) or words.has(frozenset("و" + w for w in _SAT))):
        return
    at = {q.id: n for n, q in enumerate(figures)}
    parts: dict[str, list[dict]] = {}
    for r in rels:
        if r["type"] == "part_of" and r["from"] in at:
            parts.setdefault(r["to"], []).append(r)
    for siblings in parts.values():
        if len(siblings) < 2:
            continue
        stage = {}
        for r in siblings:
            n = at[r["from"]]
            floor = figures[n - 1].end if n else 0
            ceiling = figures[n + 1].start if n + 1 < len(figures) else None
            stage[r["from"]] = _stage(words, figures[n], floor, ceiling)
        sat = [r["from"] for r in siblings if stage[r["from"]] == "sat"]
        if len(sat) != 1:
            continue
        held = figures[at[sat[0]]].attrs.get("value")
        for r in siblings:
            value = figures[at[r["from"]]].attrs.get("value")
            if (
                stage[r["from"]] == "result"
                and held is not None
                and value is not None
                and value <= held
            ):
                r["to"] = sat[0]


def rounded_whole(part: Mention, whole: Mention) -> bool:
    """«إجمالي الزوار بلغ 6ر1 مليون» (the headline) … «بلغ 512ر648ر1 مليون»: a round
    figure of two significant digits or more that differs from the whole by less than its
    own last written digit is the whole said again, rounded, not a part of it («100 نائب
    من أصل 161» is one: one digit says no rounding; an equal figure may be all of it)."""
    p, w = part.attrs.get("value"), whole.attrs.get("value")
    if not p or not w or p == w or p != int(p) or part.attrs.get("unit") == "percent":
        return False
    step = 1
    while int(p) % (step * 10) == 0:
        step *= 10
    return step >= 100 and int(p) // step >= 10 and abs(w - p) < step  # «100 من أصل 161»: no


# A change «زيادة/ارتفاع/انخفاض … بنسبة X%»: X is the rate of the change, no share.
_CHANGES = frozenset(
    _fold(p + w)
    for w in ("زيادة", "ارتفاع", "انخفاض", "تراجع", "نمو", "نقص", "تزايد", "ارتفعت", "انخفضت")
    for p in ("", "و", "ب", "وب")
)
_AT_RATE = frozenset(_fold(w) for w in ("بنسبة", "نسبته", "بمعدل", "نسبتها"))
_OF_THEM = frozenset(_fold(w) for w in ("منهم", "منها", "منهن", "بينهم", "بينها"))
CHANGE_REACH = 12  # words before the share, in its clause, searched for the change


def change_rate(words: _Words, q: Mention) -> bool:
    """«بزيادة 90 ألف متعطل عن الربع المماثل بنسبة 4.5%»: a percent «بنسبة» after a change
    in its clause is how much it changed, no share of the count («بنسبة 20% منهم» is)."""
    if q.attrs.get("unit") != "percent":
        return False
    before = words.before(q.start, CHANGE_REACH, words.comma_before(q.start))
    if not before or before[-1] not in _AT_RATE or _CHANGES.isdisjoint(before):
        return False
    return _OF_THEM.isdisjoint(words.after(q.end, 1, None))
