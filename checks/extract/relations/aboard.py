"""The people aboard a vehicle, or inside a place, hold the toll of what befell it.

News of a crash, a wreck or a collapse gives the dead and the wounded and, before or after
them, how many the bus, the boat or the train carried or the mine held: «لقي 24 شخصا
حتفهم وأصيب 18 آخرون … وكانت الحافلة تقل 43 راكبا», «أوضح أن 110 عمال كانوا داخل المنجم
لحظة الانفجار». The dead and the wounded are among those aboard, so the first count of
each fate in the sentences around the count aboard is a part of it. The two fates are
disjoint, so parts that add up to more than those aboard are what `part_whole.sum` reports.

A count aboard counts people, with a word of carrying in its clause right before it («تقل»,
«على متنها», «يستقلها») or a word of being inside or aboard a few words after it («كانوا
داخل المنجم», «كانوا على متنها»). A count of the dead or the wounded that is a part of
something already (of a toll before it, of a joint toll) is left where it is; so is a
count of another event («وفي حادث منفصل»). In a collision of two vehicles the dead may
have been in either, so no count aboard one of them holds the toll.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.part_reads import _befell
from checks.extract.relations.rival_tolls import DEATHS, WOUNDS, _toll_kind
from checks.extract.relations.scope import another_event
from checks.extract.relations.words import _with_conjunctions, _Words

# A word of carrying right before the count: «كانت الحافلة تقل 43 راكبا», «على متنها 44».
_CARRYING = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("تقل", "يقل", "تقلان", "يستقل", "يستقلها", "تستقلها", "يستقلونها"),
            *("متنها", "متنه", "متنهما", "متن"),
        )
    }
)
# A word of being inside or aboard after the count and its noun: «110 عمال كانوا داخل
# المنجم», «44 شخصا كانوا على متنها».
_INSIDE = _with_conjunctions({fold(w) for w in ("داخل", "متنها", "متنه", "متن")})
_NEGATIONS = frozenset(fold(w) for w in ("لا", "ما"))  # «ما لا يقل عن 20»: a cue
# Verbs of rescue before a count: those got out, not the ones aboard the toll is of.
_RESCUED = _with_conjunctions(
    {fold(w) for w in ("إنقاذ", "انقاذ", "أنقذ", "أنقذت", "إجلاء", "أجلي", "انتشال", "نجا")}
)
# A collision of two vehicles: its dead may have been in either, none is all aboard one.
_COLLISION = _with_conjunctions(
    {fold(w) for w in ("تصادم", "اصطدام", "اصطدم", "اصطدمت", "تصادمت", "تصادمها", "اصطدامها")}
)
# Verbs of rescue alive («وأنقذوا 78 شخصا»), words of the survivors and of the missing.
_RESCUED_ALIVE = _with_conjunctions(
    {fold(w) for w in ("إنقاذ", "انقاذ", "أنقذ", "أنقذت", "أنقذوا", "انتشلوا أحياء", "نجا")}
)
_SURVIVORS = frozenset(fold(w) for w in ("ناجيا", "ناجين", "ناجون", "ناجية", "ناجيات"))
_MISSING = frozenset(fold(w) for w in ("مفقودين", "مفقودون", "مفقودا", "مفقودة"))
_AFTER = frozenset(fold(w) for w in ("بعد", "وبعد"))
_WERE = _with_conjunctions({fold(w) for w in ("كان", "كانوا", "كانت", "كانا")})
# Bodies recovered count some of the dead as they are found, not the toll.
_BODIES = frozenset(fold(w) for w in ("جثة", "جثث", "جثامين", "جثمان", "جثتين"))
RESCUE_REACH = 5  # words before a count, in its clause, read for a verb of rescue
CARRYING_REACH = 3  # words before a count, in its clause, read for a word of carrying
INSIDE_REACH = 4  # words after it, in its clause, read for a word of being inside
SENTENCES_AROUND = 3  # sentences either side of the count aboard searched for its toll
_FATES = {DEATHS: "killed", WOUNDS: "wounded"}


def _aboard(words: _Words, fig: _Figures, j: int) -> bool:
    """Figure j counts the people aboard or inside (module docstring): not «ما لا يقل عن»
    (a cue), not a count of the wounded a vehicle carries («تقل 25 جريحا»: a toll), not
    the ones rescued from inside («إنقاذ 45 شخصا كانوا محاصرين داخل المبنى»)."""
    q = fig.figures[j]
    if fig.units[j] is not None or fig.kinds[j] == "things" or "value" not in q.attrs:
        return False
    if _fate(words, fig.figures, j) is not None:
        return False
    floor = words.comma_before(q.start)
    before = words.before(q.start, CARRYING_REACH, floor)
    carried = any(
        w in _CARRYING and (n == 0 or before[n - 1] not in _NEGATIONS) for n, w in enumerate(before)
    )
    after = words.after(q.end, INSIDE_REACH, words.comma_after(q.end))
    # «110 عمال كانوا داخل المنجم»: were inside («خمسة ناجين محتجزين داخل كبينة»: found)
    inside = not _INSIDE.isdisjoint(after) and not _WERE.isdisjoint(after)
    if not (carried or inside):
        return False
    return _RESCUED.isdisjoint(words.before(q.start, RESCUE_REACH, floor))


def _fate(words: _Words, figures: list[Mention], k: int) -> str | None:
    """What befell the people figure k counts: its noun, the verb before it, or its toll."""
    q = figures[k]
    return _befell(words, q) or _FATES.get(_toll_kind(words, q, figures[k - 1].end if k else 0))


def _wreck_fate(words: _Words, figures: list[Mention], k: int) -> str | None:
    """What a wreck left of those aboard, when no toll word says it: the bodies recovered,
    the ones rescued («وأنقذوا 78 شخصا») and the missing («140 آخرون في عداد المفقودين»).
    Bodies stand for the dead only beside the rescued or the missing (the fates of one
    wreck told): alone, or beside a count of the dead, they are the bodies found so far."""
    q = figures[k]
    floor = words.comma_before(q.start)
    if not _RESCUED_ALIVE.isdisjoint(words.before(q.start, RESCUE_REACH, floor)):
        return "rescued"
    after = words.after(q.end, INSIDE_REACH, words.comma_after(q.end))
    if any(w.removeprefix("ال") in _MISSING for w in after):
        return "missing"
    if after and after[0] in _SURVIVORS:
        return "rescued"
    # «انتشلت 89 جثة», «انتشال جثث 27 مهاجرا»; not «بعد انتشال ثلاث جثث», the step that
    # raised a toll told before
    before = words.before(q.start, 3, floor)
    bodies = words.noun_after(q) in _BODIES or (before and before[-1] in _BODIES)
    return "bodies" if bodies and _AFTER.isdisjoint(before) else None


def tolls_aboard(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """`part_of` links of the dead and the wounded under the count aboard (module
    docstring), for figures no earlier pattern has made a part."""
    figures = fig.figures
    if words.has(_COLLISION):
        return []  # «تصادم حافلة وشاحنة»: the toll is of two vehicles (module docstring)
    parts_of = linked_parts(figures, rels)
    out: list[dict] = []
    for j, w in enumerate(figures):
        if j in parts_of or not _aboard(words, fig, j):
            continue
        first: dict[str, int] = {}
        for k, q in enumerate(figures):
            if abs(q.sentence - w.sentence) > SENTENCES_AROUND or k == j:
                continue
            if fig.units[k] is not None or fig.kinds[k] == "things":
                continue
            if fig.nouns[k] in _BODIES:  # bodies are no toll (`_wreck_fate`)
                fate = _wreck_fate(words, figures, k)
            else:
                fate = _fate(words, figures, k) or _wreck_fate(words, figures, k)
            if fate is not None and fate not in first:
                first[fate] = k
        if "bodies" in first and ("killed" in first or len(first) < 2):
            del first["bodies"]  # «بعد انتشال ثلاث جثث»: bodies found so far, no toll
        if "killed" not in first and "bodies" not in first:
            continue  # the wounded alone («نقلت 38 جريحا»): no toll of an accident aboard
        parts = [
            k
            for k in sorted(first.values())
            if k not in parts_of and not another_event(words.text, figures[k].start)
        ]
        if not parts or not all(fig.may_hold(j, [k]) for k in parts):
            continue
        out += [{"from": figures[k].id, "to": w.id, "type": "part_of"} for k in parts]
        parts_of.update(dict.fromkeys(parts, j))
        break  # one vehicle's or one place's count aboard: the first one the text states
    return out
