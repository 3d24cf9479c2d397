"""A day's toll told place by place, under the day's total of the same toll; and the
day's total under the toll to date it raises.

A ministry's daily statement gives the day's dead and wounded, then the same day province
by province («39 شهيدا و69 مصابا بمحافظة …، و13 شهيدا و25 مصابا بمحافظة …»), or the
places first and the day's total after them («وبذلك بلغت الحصيلة …»), often with no cue
word between. Each run of counts of one toll that adds up exactly to a count of that toll
next to it is a breakdown of it.
"""

from __future__ import annotations

from itertools import pairwise

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures, _with_conjunctions
from checks.extract.relations.joint_tolls import _DEATH_WORDS, _WOUND_WORDS
from checks.extract.relations.part_reads import _befell, _former, _told_earlier, spread_out
from checks.extract.relations.rival_tolls import (
    DEATHS,
    WOUNDS,
    _opens_with_place,
    _toll_kind,
    opens_against,
)
from checks.extract.relations.toll_days import words_sentence_before
from checks.extract.relations.toll_groups import _SIDES, _people, toll_group
from checks.extract.relations.words import _stems, _Words
from checks.extract.tokens import bare

RUN_REACH = 24  # figures either side of a toll searched for the run that adds up to it
RAISE_REACH = 24  # words before a figure searched for the verb of a rise («ليرتفع … إلى»)
RUN_MIN = 2  # counts in a breakdown


_FATES = {"killed": DEATHS, "wounded": WOUNDS}


def _kinds(words: _Words, fig: _Figures) -> list[str | None]:
    """Each figure's toll, `DEATHS` or `WOUNDS`, when it is an exact whole count of one
    (worked out once per text: every toll rule asks it)."""
    known = fig.__dict__.get("_toll_kinds")
    if known is None:
        known = fig.__dict__["_toll_kinds"] = _read_kinds(words, fig)
    return known


def _read_kinds(words: _Words, fig: _Figures) -> list[str | None]:
    figures = fig.figures
    out: list[str | None] = []
    for k, q in enumerate(figures):
        value = q.attrs.get("value")
        exact = q.attrs.get("qualifier") == "exact" and isinstance(value, int)
        floor = figures[k - 1].end if k else 0
        if not exact or fig.units[k] is not None or fig.kinds[k] == "things":
            out.append(None)  # «من ثلاث جنسيات» counts no one
            continue
        # what befell them said by the figure's noun or the word before it («وإصابة 124»),
        # else by its toll phrase («عدد الجرحى 30»), as `joint_tolls` reads a split
        kind = _FATES.get(_befell(words, q) or "") or _toll_kind(words, q, floor) or _verb(words, q)
        # «بعدما كانت 3287» is the toll before the day's rise, and with the day's 78 adds
        # up to the new toll without breaking it down (asked last: only of a toll, most
        # figures are none, and `_former` reads more words than the toll tests)
        out.append(None if kind is None or _former(words, q) else kind)
    return out


def _verb(words: _Words, q: Mention) -> str | None:
    """The toll the word right before a figure names («استشهاد 19 شخصا», «وإصابة 30»)."""
    before = words.before(q.start, 1, words.comma_before(q.start))
    if not before:
        return None
    word = before[0]
    if word in _DEATH_WORDS or bare(word) in _DEATH_WORDS:
        return DEATHS
    return WOUNDS if word in _WOUND_WORDS else None


def _run_to(figures: list[Mention], seq: list[int], at: int, step: int) -> list[int] | None:
    """The counts of `seq` next to `seq[at]` (after it for `step` 1, before it for -1) that
    add up to it exactly; after it, past any larger count (the toll to date the day's
    raises, said between them). Before it a larger count closes the run: the parts of a
    total said after them stand right before it."""
    whole = figures[seq[at]]
    total = whole.attrs["value"]
    n = at + step
    while (
        step > 0
        and n < len(seq)
        and seq[n] - seq[at] <= RUN_REACH
        and figures[seq[n]].attrs["value"] >= total
    ):
        n += 1  # «يرتفع عدد الضحايا إلى 3365» between the day's toll and its provinces
    run, acc = [], 0
    while 0 <= n < len(seq) and abs(seq[n] - seq[at]) <= RUN_REACH and acc < total:
        value = figures[seq[n]].attrs["value"]
        if value >= total:
            return None
        run.append(seq[n])
        acc += value
        n += step
    return sorted(run) if acc == total and len(run) >= RUN_MIN else None


def _apart(words: _Words, fig: _Figures, t: int, run: list[int]) -> bool:
    """A toll and a run in one sentence are items of one list (a breakdown with a cue is
    read by the cue's rules); a sentence of words only between a toll and the nearest
    count of its run («وتواصل فرق الإنقاذ البحث …») closes the statement: what follows
    is another paragraph's."""
    figures = fig.figures
    if any(figures[p].sentence == figures[t].sentence for p in run):
        return True  # «شبوة بـ300، تليها أبين بـ200، ثم عدن بـ100»: one list, no breakdown
    a, b = (t, run[0]) if run[0] > t else (run[-1], t)
    said = {figures[k].sentence for k in range(a, b + 1)}
    between = words.sentences[figures[a].last + 1 : figures[b].first]
    return any(n not in said for n in between)


def tolls_by_place(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """The day's toll told place by place («39 شهيدا و69 مصابا بمحافظة …، و13 شهيدا و25
    مصابا بمحافظة …»), before or after the day's total, with no cue word: the run of
    counts of the dead (or of the wounded) next to a count of the same toll that add up
    to it exactly are its parts, the dead under the dead and the wounded under the wounded.
    The exact sum is what tells a breakdown from counts of other days or other wars said
    side by side. A count linked before to a wider whole (the toll to date) goes down to
    the day's total, which stays under that whole."""
    figures = fig.figures
    kinds = _kinds(words, fig)
    whole_of = {r["from"]: r for r in rels if r["type"] == "part_of"}
    index = {q.id: k for k, q in enumerate(figures)}
    out: list[dict] = []
    ran: set[int] = set()  # counts put in a run: a sibling of the run is never its whole
    for kind in (DEATHS, WOUNDS):
        seq = [k for k, c in enumerate(kinds) if c == kind]
        # the largest first: the day's 78 takes «39، 13، 24، 2» before 39 can take the rest
        for at in sorted(range(len(seq)), key=lambda a: -figures[seq[a]].attrs["value"]):
            t = seq[at]
            if t in ran:
                continue
            run = _run_to(figures, seq, at, 1) or _run_to(figures, seq, at, -1)
            if run is None or not fig.may_hold(t, run) or _apart(words, fig, t, run):
                continue
            above = whole_of.get(figures[t].id)
            if above is not None and any(whole_of.get(figures[p].id) is not None
                                         and whole_of[figures[p].id]["to"] == above["to"]
                                         for p in run):  # fmt: skip
                continue  # «حلب بـ4,100، تلتها منبج بـ2,600 ثم الباب بـ1,500»: siblings
            ran.update(run)
            for p in run:
                old = whole_of.get(figures[p].id)
                if old is None:
                    link = {"from": figures[p].id, "to": figures[t].id, "type": "part_of"}
                    out.append(link)
                    whole_of[figures[p].id] = link
                elif figures[index[old["to"]]].attrs.get("value", 0) > figures[t].attrs["value"]:
                    old["to"] = figures[t].id
    return out


# a rise the counts just told make: present or of result («يرتفع», «ليرتفع»), or «ما رفع»;
# the past «ارتفعت حصيلة … إلى» opens a statement and raises nothing told before it
_RAISES = _with_conjunctions(
    {fold(w) for w in ("يرتفع", "ترتفع", "ليرتفع", "لترتفع", "يرفع", "ترفع", "ليرفع", "لترفع")}
    | {fold(w) for w in ("ليصل", "لتصل", "ليبلغ", "لتبلغ")}
)
_RAISED = frozenset(fold(w) for w in ("رفع", "رفعت"))  # after «ما», «مما»
_WHICH = frozenset(fold(w) for w in ("ما", "مما"))
_TO = frozenset(fold(w) for w in ("إلى", "الى"))
# the toll a rise names before its figure («ترتفع الحصيلة الإجمالية للشهداء … إلى 2350»)
_NAMED = {
    **dict.fromkeys((fold(w) for w in ("الشهداء", "القتلى", "الوفيات", "الموتى")), DEATHS),
    **dict.fromkeys((fold(w) for w in ("الجرحى", "المصابين", "الإصابات")), WOUNDS),
}


def _raise_at(words: _Words, q: Mention) -> int | None:
    """The token of the rise verb before `q` in its sentence, with «إلى» between them."""
    first = max(words.first_of[q.first], q.first - RAISE_REACH)
    keys = words.keys
    for v in range(q.first - 1, first - 1, -1):
        key = keys[v]
        if key in _RAISES or (key in _RAISED and v > first and keys[v - 1] in _WHICH):
            return v if not _TO.isdisjoint(keys[v + 1 : q.first]) else None
    return None


def _named_toll(words: _Words, v: int, q: Mention) -> str | None:
    """The last toll named between the rise verb and the figure."""
    for key in reversed(words.keys[v + 1 : q.first]):
        if (kind := _NAMED.get(bare(key)) or _NAMED.get(key)) is not None:
            return kind
    return None


def raised_by_day(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«أسفرت عن 78 شهيدا و122 جريحا. وبهؤلاء يرتفع عدد الضحايا إلى 3365 شهيدا و14344
    جريحا», «… 19 شخصا و91 جريحا، ما رفع الحصيلة إلى 3136 شهيدا و13979 جريحا»: the
    day's count of a toll is a part of the toll to date it raises, the dead of the dead
    and the wounded of the wounded. The day's count is the one count of that toll before
    the rise verb in its sentence or, when the rise opens its sentence, in the sentence
    with words before it."""
    figures = fig.figures
    kinds = _kinds(words, fig)
    linked = {r["from"] for r in rels if r["type"] == "part_of"}
    out: list[dict] = []
    for t, q in enumerate(figures):
        v = _raise_at(words, q) if fig.units[t] is None else None
        if v is None:
            continue
        kind = kinds[t] or _named_toll(words, v, q)
        if kind is None:
            continue
        before = [k for k in range(max(0, t - RUN_REACH), t) if figures[k].sentence == q.sentence]
        # «وتوزعت الإصابات على محليات الخرطوم (640) …»: counts that spread the day's count
        # are not it
        told = [k for k in before if figures[k].last < v and not spread_out(words, figures[k])]
        if not told:  # the rise opens its sentence: the day's toll is the sentence before
            prior = words_sentence_before(words, q)
            told = [k for k in range(max(0, t - RUN_REACH), t) if figures[k].sentence == prior]
        day = [k for k in told if kinds[k] == kind and not spread_out(words, figures[k])]
        if not day and not _TO.isdisjoint(words.keys[max(v + 1, q.first - 3) : q.first]):
            # «تسجيل 1,530 إصابة بحمى الضنك … . وبذلك يرتفع إجمالي الإصابات … إلى»: a case
            # of a disease is no wound; the day's count is the one whose noun the rise names
            # (the words of the rise up to its «إلى»; a count told as a first one is none)
            rise = words.keys[v + 1 : q.first]
            named = _stems(rise[: next((n for n, w in enumerate(rise) if w in _TO), len(rise))])
            day = [k for k in told if fig.stems[k] in named and not spread_out(words, figures[k])
                   and not _told_earlier(words, figures[k])]  # fmt: skip
        if len(day) != 1 or figures[day[0]].id in linked:
            continue
        d = day[0]
        value = figures[d].attrs.get("value")  # a vague day's count («عشرات») says no rise
        if value is not None and value < q.attrs.get("value", 0) and fig.may_hold(t, [d]):
            out.append({"from": figures[d].id, "to": q.id, "type": "part_of"})
            linked.add(figures[d].id)
    return out


_SPAN = _with_conjunctions({fold("منذ"), fold("خلال")})
# «منذ بدء العدوان»: the span of the toll to date itself, no part of it
_START = frozenset(fold(w) for w in ("بدء", "بداية", "اندلاع", "انطلاق", "السابع"))
_TO_DATE = frozenset(fold(w) for w in ("ارتفاع", "ارتفعت", "ارتفع", "حصيلة", "الحصيلة", "عدد"))


def _in_span(words: _Words, q: Mention, said: dict[int, bool]) -> bool:
    """The figure's sentence dates what it counts to a span of the war: «منذ استئناف
    الحرب», «منذ 18 مارس», «منذ اتفاق وقف إطلاق النار», «خلال الساعات الـ24 الماضية»;
    not «منذ بدء العدوان», the span of the whole toll. Worked out once per sentence
    (`said`, by the sentence's first word)."""
    first = words.first_of[q.first]
    if first not in said:
        keys = words.keys[first : words.end_of[q.first]]
        said[first] = any(
            key in _SPAN and nxt not in _START and bare(nxt) not in _START
            for key, nxt in pairwise(keys)
        )
    return said[first]


_VICTIMS = _with_conjunctions(
    {fold(w) for w in ("الضحايا", "ضحايا", "القتلى", "قتلى", "الشهداء", "شهداء")}
)


def _of_group(words: _Words, q: Mention) -> bool:
    """The figure's clause counts a group of the victims: «الضحايا من النساء والأطفال»,
    «ومن الكوادر الصحية 192 قتيلا»."""
    before = words.before(q.start, 10, 0)
    return toll_group(before, _VICTIMS) is not None


def within_the_toll(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«ارتفعت حصيلة الشهداء إلى 68,643 … . … بلغت حصيلة الشهداء والإصابات منذ اتفاق وقف
    إطلاق النار 211 شهيدا و597 مصابا»: a count of the dead (or the wounded) of a span of
    the war is a part of the toll to date of the same kind the statement opened with (the
    first count of that toll told with «ارتفع», «حصيلة» or «عدد» before it, in an earlier
    sentence), never of the other kind; and so is a count of a group of the victims
    («أرقام الضحايا من النساء والأطفال بلغت 869 قتيلا»). A count whose sentence opens with
    a place («وفي الضفة الغربية، …») is that place's, not the toll's."""
    figures = fig.figures
    kinds = _kinds(words, fig)
    linked = {r["from"] for r in rels if r["type"] == "part_of"}
    out: list[dict] = []
    first: dict[str, int] = {}  # kind -> the first toll to date of it
    to_date = [False] * len(figures)
    spans: dict[int, bool] = {}
    for k, q in enumerate(figures):
        # «ارتفع عدد الضحايا … إلى 62 ألفا و64 شهيدا و156 ألفا و573 مصابا»: the second toll
        # of the pair the rise reaches is a toll to date too
        told = not _TO_DATE.isdisjoint(words.before(q.start, 14, 0))
        paired = k > 0 and to_date[k - 1] and _and_before(words, q)
        to_date[k] = (told or paired) and not _in_span(words, q, spans)
        kind = kinds[k]
        if kind is None:
            continue
        if kind not in first:
            if to_date[k]:
                first[kind] = k
            continue
        w = first[kind]
        if (
            q.id in linked
            or q.sentence == figures[w].sentence
            or q.attrs["value"] >= figures[w].attrs["value"]
            or not (_in_span(words, q, spans) or _of_group(words, q))
            or _opens_with_place(words, q)
            or opens_against(words, q)  # «في المقابل، … وصلت إلى 3,166»: a rival toll
            or not fig.may_hold(w, [k])
        ):
            continue
        out.append({"from": q.id, "to": figures[w].id, "type": "part_of"})
        linked.add(q.id)
    return out


def _and_before(words: _Words, q: Mention) -> bool:
    """The figure is a second item joined by «و» («، و149 ألفا»)."""
    return words.text[max(0, q.start - 2) : q.start].strip().endswith("و")


def paired_tolls(words: _Words, fig: _Figures, rels: list[dict]) -> None:
    """«إلى 60 ألفا و839 …، و149 ألفا و588 حالة إصابة …، بينهم 9350 ضحية، و37 ألفا و547
    حالة إصابة»: two tolls side by side, the dead then the wounded, and their parts in the
    same order. A part linked to the wounded whose partner (the item after it) counts the
    wounded counts the dead: it goes to the toll before, the first of the pair; in general
    a part of one toll of the pair that counts the other's kind goes to the other."""
    figures = fig.figures
    kinds = _kinds(words, fig)
    index = {q.id: k for k, q in enumerate(figures)}
    for r in rels:
        if r["type"] != "part_of" or r["from"] not in index or r["to"] not in index:
            continue
        p, w = index[r["from"]], index[r["to"]]
        for other in (w - 1, w + 1):
            if not 0 <= other < len(figures) or figures[other].sentence != figures[w].sentence:
                continue
            second = max(w, other)
            if not _and_before(words, figures[second]) or kinds[w] == kinds[other]:
                continue
            own = kinds[p]
            if own is None and p + 1 < len(figures) and other < w:
                partner = p + 1  # «بينهم 9350 ضحية، و37 ألفا حالة إصابة»
                told = kinds[w] is not None and kinds[partner] == kinds[w]
                if not told or not _and_before(words, figures[partner]):
                    continue
            elif own is None or own != kinds[other]:
                continue
            smaller = figures[p].attrs.get("value", 0) < figures[other].attrs.get("value", 0)
            if smaller and fig.may_hold(other, [p]):
                r["to"] = figures[other].id
                break


SIDES_REACH = 6  # sentences after a day's toll read for the dead of each side
_DIED = _with_conjunctions(
    {fold(w) for w in ("قتل", "قتلوا", "مقتل", "استشهد", "استشهاد", "لقي", "لقوا", "سقطوا")}
    | {fold(w) for w in ("حتفهم", "حتفه", "مصرعهم", "قضوا", "قتلى", "القتلى")}
)
_ALL_PEOPLE = {None, "persons", "people", "victims", "killed", "dead"}
_OF = fold("من")


def _died(words: _Words, q: Mention) -> bool:
    """A word of death in the figure's clause, a few words before or after it."""
    before = words.before(q.start, 5, words.comma_before(q.start))
    return not _DIED.isdisjoint(before) or not _DIED.isdisjoint(words.after(q.end, 4, None))


def _toll_of_dead(words: _Words, q: Mention) -> bool:
    """A toll of the dead: a word of death near it, or in its sentence before it («بلغ عدد
    القتلى الذين سقطوا في سوريا في شهر …، حوالي 4182 شخصا»)."""
    return _died(words, q) or not _DIED.isdisjoint(words.before(q.start, 14, 0))


def _side(words: _Words, q: Mention) -> bool:
    """The figure counts one side or group: its noun («21 مقاتلا», «22 مدنيا») or «من» and
    the group after it («19 من قوات النظام», «119 شخصا من المدنيين»)."""
    if q.attrs.get("category") not in _ALL_PEOPLE:
        return True
    # «عدد القتلى المدنيين بلغ 42 ألفا»: the group named in the toll phrase before it
    for x in words.before(q.start, 4, words.comma_before(q.start)):
        if (x.startswith("ال") and _people(x) is not None) or x in _SIDES:
            return True
    after = words.after(q.end, 3, None)
    if _OF in after[:2]:
        group = after[after.index(_OF) + 1 :][:1]  # «من المدنيين», «من قوات النظام»
        return bool(group) and (
            _people(group[0]) is not None  # «من المدنيين»
            # «من مقاتلي المعارضة»: a plural in construct has lost its ن
            or (group[0].endswith("ي") and _people(group[0] + "ن") is not None)
            or group[0] in _SIDES
            or "ال" + group[0] in _SIDES
        )
    return False


def sides_of_a_toll(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«ذكر المرصد أن 133 شخصا قتلوا أمس … . وأوضح أن 21 مقاتلا قتلوا في … . كما قتل 19
    من قوات النظام …»: after a toll of all the dead, the dead of each side or group told
    in the next sentences, with no cue, are its parts, when together they fit under it and
    account for most of it (the 7 dead of one shelling are no breakdown of a war's 18,800).
    A later count of all the dead («قتل 40 شخصا في …») opens another statement."""
    figures = fig.figures
    kinds = _kinds(words, fig)
    whole_of = {r["from"]: r["to"] for r in rels if r["type"] == "part_of"}
    parts_of: dict[str, list[Mention]] = {}  # whole -> its parts linked before, in order
    for q in figures:
        if q.id in whole_of:
            parts_of.setdefault(whole_of[q.id], []).append(q)
    # the first figure of a later sentence than figure t's: the sides are told after it
    later = [len(figures)] * len(figures)
    for t in range(len(figures) - 2, -1, -1):
        same = figures[t + 1].sentence == figures[t].sentence
        later[t] = later[t + 1] if same else t + 1
    out: list[dict] = []
    for t, w in enumerate(figures):
        total = w.attrs.get("value")
        if (
            total is None
            or fig.units[t] is not None
            or kinds[t] == WOUNDS  # «مقتل 4 مدنيين وإصابة 30»: the 30 are the wounded
            or w.id in whole_of
            or _side(words, w)  # a group's toll: its sides are no parts of it
            or not _toll_of_dead(words, w)
        ):
            continue
        told = [q for q in parts_of.get(w.id, ()) if q.start > w.start]
        found: list[int] = []
        for k in range(later[t], len(figures)):
            q = figures[k]
            value = q.attrs.get("value")
            if q.sentence > w.sentence + SIDES_REACH:
                break
            if q.sentence == w.sentence or fig.units[k] is not None or value is None:
                continue
            # «ووثق المرصد مقتل 618 …، 641 من قوات النظام، و515 …»: the items of a list
            # of the dead said after its first
            listed = bool(found) and figures[found[-1]].sentence == q.sentence
            if (
                fig.kinds[k] not in (fig.kinds[t], None)
                or kinds[k] == WOUNDS
                or not (listed or _died(words, q))
            ):
                continue  # «على محافظتي إدلب وحماة»: places, not people
            if value >= total or not _side(words, q):
                break  # another toll of all the dead
            if q.id in whole_of:
                # a part of a side told before («بينهم 6365 طفلا»): inside the statement
                if whole_of[q.id] != w.id and whole_of[q.id] not in {figures[f].id for f in found}:
                    break
                continue
            found.append(k)
        # a part told without a value («عشرات»: a vague count) adds its lower bound
        counted = sum(q.attrs.get("value", q.attrs.get("low", 0)) for q in told) + sum(
            figures[k].attrs["value"] for k in found
        )
        if len(found) + len(told) < 2 or not found:
            continue
        if not total / 2 <= counted <= fig.bounds()[1][t]:
            continue  # the sides told account for most of the toll, and fit in it
        if not fig.may_hold(t, found):
            continue
        for k in found:
            out.append({"from": figures[k].id, "to": w.id, "type": "part_of"})
            whole_of[figures[k].id] = w.id
            parts_of.setdefault(w.id, []).append(figures[k])
    return out


def _joined(words: _Words, a: Mention, b: Mention) -> bool:
    """Two counts joined by «و» a few words apart («31 شهيدا وأكثر من 600 جريح»)."""
    between = words.span(a.end, b.start)
    return len(between) <= 4 and any(w.startswith("و") for w in between)


def pair_completed(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«إلى 1448 شهيدا و6868 مصابا … وبلغت الحصيلة في الضفة 31 شهيدا وأكثر من 600 جريح»:
    when the first of a pair of counts is a part of the first of a pair of tolls, the
    second (the other kind) is a part of the second."""
    figures = fig.figures
    kinds = _kinds(words, fig)
    index = {q.id: k for k, q in enumerate(figures)}
    linked = {r["from"] for r in rels if r["type"] == "part_of"}
    out: list[dict] = []
    for r in list(rels):
        if r["type"] != "part_of" or r["from"] not in index or r["to"] not in index:
            continue
        p, w = index[r["from"]], index[r["to"]]
        q, v = p + 1, w + 1
        if q >= len(figures) or v >= len(figures) or v == p or figures[q].id in linked:
            continue
        # a bound says the toll as well («وأكثر من 600 جريح»)
        kind = kinds[q] or (
            _FATES.get(_befell(words, figures[q]) or "") if fig.units[q] is None else None
        )
        if (
            kind is None
            or figures[q].attrs.get("value") is None
            or kinds[p] == kind
            or kinds[v] != kind
            or kinds[w] == kind
            or figures[q].sentence != figures[p].sentence
            or figures[v].sentence != figures[w].sentence
            or not _joined(words, figures[p], figures[q])
            or not _joined(words, figures[w], figures[v])
        ):
            continue
        if figures[q].attrs.get("value", 0) < figures[v].attrs.get("value", 0) and fig.may_hold(
            v, [q]
        ):
            out.append({"from": figures[q].id, "to": figures[v].id, "type": "part_of"})
            linked.add(figures[q].id)
    return out
