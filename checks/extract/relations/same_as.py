"""`same_as`: a figure said again (same value, unit, category), «الـ» pointing back, a tally
with «بلغ» restating an earlier count, one candidate's share stated again; and the
evacuation events of one article (the same process seen by different sources), chained in
text order; blocking events are separate events."""

from __future__ import annotations

import math
import re
from itertools import pairwise

from checks.arabic import fold
from checks.extract.headline import SAME_AS_FROM, _toll, same_as_headline
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.relations.figures import WHOLE_CATEGORIES, _is_figure, _kind, _people_or
from checks.extract.relations.part_cues import _PART_CUES, _is_noun
from checks.extract.relations.part_sets import restates
from checks.extract.relations.rival_tolls import _RIVAL, _TOLL_WORDS
from checks.extract.relations.scope import another_event, period_of
from checks.extract.relations.toll_groups import DEMOGRAPHIC_GROUPS, group_of, toll_group
from checks.extract.relations.words import (
    _RELATIVES,
    _fold,
    _has,
    _skeleton,
    _stem,
    shares_root,
)
from checks.extract.tokens import bare


def _said_again(a: Mention, b: Mention) -> bool:
    """The same value, qualifier class, unit and category: one figure said twice (the
    headline's «50 ضحية» and «إلى 50 شخصا»), not a part of itself."""
    ka, kb = (
        (m.attrs.get("value"), _STRICT_BOUNDS.get(m.attrs.get("qualifier"), "point"),
         m.attrs.get("unit"), _people_or(m.attrs.get("category")))
        for m in (a, b)
    )  # fmt: skip
    return ka[0] is not None and ka == kb


_STRICT_BOUNDS = {"more_than": "more", "less_than": "less"}
_PER_EACH_BEFORE = re.compile(r"(?:^|\s)[وف]?[لب]كل\s*$")  # «لكل 100 أنثى», «بكل ألف»
_NEXT_WORD = re.compile(r"\s+([^\s،,.:؛;()«»]+)")


def _counted_noun(text: str, q: Mention) -> str | None:
    """The stem of the noun right after a figure, as the category of what it counts; None
    when the next word is a function word or the figure measures something."""
    if q.attrs.get("unit") is not None:
        return None
    word = _NEXT_WORD.match(text, q.end)
    if word is None:
        return None
    key = _fold(word.group(1))
    return "noun:" + _stem(key) if _is_noun(key) and not key.startswith("ال") else None


SLIP_RATIO = 4  # how far apart a restatement's values may be and still be one figure


def _within_a_slip(a: Mention, b: Mention) -> bool:
    """The two figures' values are within `SLIP_RATIO` of each other (or one has none): a
    figure named again by «الـ» or by a tally may be misstated — an outlet's slip is what
    `same_as.values` reports — but one ten or a hundred times the other is another figure
    («بـ140 قرية» is not «القرى الـ1477», «54 مريضا» not «عدد المرضى … 5,400»). Two voices'
    rival tolls are read elsewhere (`rival_tolls`) and may differ more."""
    x, y = a.attrs.get("value") or a.attrs.get("low"), b.attrs.get("value") or b.attrs.get("low")
    if not x or not y:
        return True
    return max(x, y) <= SLIP_RATIO * min(x, y)


def _category_after(text: str, q: Mention) -> str | None:
    """The category of the word right after a figure, if the lexicon knows it."""
    word = _NEXT_WORD.match(text, q.end)
    return noun_category(word.group(1)) if word is not None else None


def same_as_figures(text: str, quantities: list[Mention]) -> list[dict]:
    """A figure written again with the same value, unit and category (`35 ألف شخص` …
    `35000 مدني`: people in general are one category here) is the same figure: each repeat
    is `same_as` its first mention (unless one says «more than» or «less than» it and the
    other does not). Small figures (below `SAME_AS_FROM`), figures of
    unknown category and repeats a few words apart («100 في حلب و100 في إدلب») are left
    alone."""
    first: dict[tuple, Mention] = {}
    rels = []
    latest: dict[tuple, Mention] = {}  # (unit, category) -> the latest figure of them
    valued: dict[tuple, Mention] = {}  # ((unit, category), value) -> the latest of them
    people_valued: dict[tuple, Mention] = {}  # (unit, value) -> the latest count of people
    measured: dict[tuple, Mention] = {}  # (unit, value) -> the latest measure of them
    for q in quantities:
        if _PER_EACH_BEFORE.search(text, max(0, q.start - 8), q.start):
            continue  # «104 ذكور لكل 100 أنثى»: the base of a rate counts nothing
        value, category = q.attrs.get("value"), q.attrs.get("category")
        if category is None and value is not None and value >= SAME_AS_FROM:
            # «تسليم 2400 وحدة» … «تسليم 2,400 وحدة»: a noun the lexicon does not know still
            # says what is counted, by its stem (and «الـ90 ألف وحدة» points back to units,
            # not to «350 ألف نسمة»)
            category = _counted_noun(text, q)
        unit = q.attrs.get("unit")
        if category is None and unit is not None and unit not in ("percent", "per_mille"):
            # «أي 50% من الـ4.6 تريليون جنيه»: a sum or a measure named again by «الـ»
            # is its unit's figure of that value (`measured`, read only by «الـ» below)
            measure = measured.get((unit, value))
            if measure is not None and _anaphoric(text[max(0, q.start - 8) : q.start]):
                rels.append({"from": q.id, "to": measure.id, "type": "same_as"})
                continue
            measured[(unit, value)] = q  # the latest: «الـ» points back to the nearest
        kind = (unit, category)
        earlier = latest.get(kind) if category is not None else None
        # «تشمل 1477 قرية … بـ140 قرية … تخدم القرى الـ1477»: the figure of that very value,
        # however far back, before the latest of the kind
        earlier = valued.get((kind, value), earlier) if category is not None else None
        if (
            earlier is not None
            and earlier.attrs.get("value") != value
            and _kind(category) == "people"
            and (q.attrs.get("unit"), value) in people_valued
        ):
            # «المتهم فيها 11 شخصا» … «و4 متهمين» … «المتهمين الـ11»: the people of that
            # very value, counted in general, before a group of the kind of another value
            earlier = people_valued[(q.attrs.get("unit"), value)]
        if category is not None:
            latest[kind] = q
            valued[(kind, value)] = q
            if category in WHOLE_CATEGORIES:
                people_valued[(q.attrs.get("unit"), value)] = q
        if (
            earlier is not None
            and _anaphoric(text[max(0, q.start - 8) : q.start])
            and not _threshold(text[max(0, q.start - 24) : q.start])
            and (earlier.attrs.get("value") == value or not _narrowed(text, q))
            and _within_a_slip(earlier, q)
        ):
            # «الـ49.5 مليون مسافر»: the article points back to the figure said before, so
            # they are one figure, whatever the values (a restated figure may be misstated)
            rels.append({"from": q.id, "to": earlier.id, "type": "same_as"})
            continue
        if value is None or category is None or value < SAME_AS_FROM:
            continue
        category = "people" if category in WHOLE_CATEGORIES else category
        # «ألف شخص» and «أكثر من ألف شخص» say different things with one number; «نحو 25
        # مليون» and «25 مليون» say one
        bound = _STRICT_BOUNDS.get(q.attrs.get("qualifier"), "point")
        key = (value, bound, q.attrs.get("unit"), category)
        seen = first.setdefault(key, q)
        if seen is q:
            continue
        if seen.sentence != q.sentence or len(text[seen.end : q.start].split()) >= 5:
            rels.append({"from": q.id, "to": seen.id, "type": "same_as"})
    # «بلغ عددهم 33.848.242 نسمة، أي ما يناهز 34 مليون نسمة»: one figure, said twice
    rels += [
        {"from": b.id, "to": a.id, "type": "same_as"}
        for a, b in pairwise(quantities)
        if a.attrs.get("unit") == b.attrs.get("unit") and restates(text, a, b)
    ]
    more = same_as_definite(text, quantities) + same_as_tallies(text, quantities)
    more += same_as_headline(text, quantities)
    return _once(rels + more + same_as_held_shares(text, quantities))


# «حصل الرئيس فلان على 84.30 بالمئة», «فوز فلان بنسبة 94.65 بالمئة», «فلان بـ9.56%»: the
# name right before «على», «بنسبة» or «بـ» holds the share.
_HOLDER = re.compile(r"(?:^|\s)(?:حصول|حصل|حصلت|نال|نالت|فوز|فاز|فازت)\s+(?:\S+\s+){0,3}?"
                     r"([^\s،,.]+)\s+(?:على|بنسبة|بـ?)\s*$")  # fmt: skip
_ROUNDS = re.compile(r"الجولة|جولة|الدور|السابقة")


def same_as_held_shares(text: str, quantities: list[Mention]) -> list[dict]:
    """«حصل الرئيس عبد المجيد تبون على 84.30 بالمئة» … «أعلنت فوز تبون بنسبة 94.65
    بالمئة»: one candidate's share stated again in another sentence is one figure, whatever
    the values (two sources at odds is what `same_as.values` reports). The holder is the
    name right before «على/بنسبة» after a verb of winning; a common noun («الحزب») or a
    text that speaks of rounds («الجولة الثانية») holds no single result, so nothing is
    linked there."""
    held: dict[str, Mention] = {}
    rels = []
    for q in quantities:
        if q.attrs.get("unit") != "percent":
            continue
        hit = _HOLDER.search(text[max(0, q.start - 80) : q.start])
        if hit is None or hit.group(1).startswith("ال") or len(hit.group(1)) < 3:
            continue
        name = fold(hit.group(1))
        earlier = held.setdefault(name, q)
        rounds = any(_ROUNDS.search(_sentence_around(text, m)) for m in (q, earlier))
        if earlier is not q and earlier.sentence != q.sentence and not rounds:
            rels.append({"from": q.id, "to": earlier.id, "type": "same_as"})
    return rels


def _once(rels: list[dict]) -> list[dict]:
    """Each figure restates at most one earlier figure: the first link found for it."""
    seen: set[str] = set()
    out = []
    for r in rels:
        if r["from"] not in seen:
            seen.add(r["from"])
            out.append(r)
    return out


_DEFINITE_NOUN = re.compile(r"(?:^|\s)[وفب]?(ال\S+)\s+(?:[وف]?الـ+\s*)?$")


RESTATED_FROM = 10  # a «الـN» of this value or more names its one equal again
_THE_OTHERS = frozenset(
    _fold(w) for w in ("الآخرين", "الأخرى", "الآخرون", "الباقية", "الباقين", "المتبقية", "المتبقين")
)


def same_as_definite(text: str, quantities: list[Mention]) -> list[dict]:
    """«الحافلات الـ16», «الشاحنات الخمس عشرة»: a definite numeral after a definite noun
    points back to the group that noun counted before; it restates the one earlier figure
    of that category. «الـ» before digits marks the reference whatever the values (a
    misstated restatement is what `same_as.values` reports); a definite number word
    restates only an equal figure. With two or more such figures the numeral may add them
    up («المتهمون التسعة» after three, four and two of them), so nothing is linked."""
    rels = []
    for k, q in enumerate(quantities):
        if not _is_figure(q):
            continue
        before = text[max(0, q.start - 40) : q.start]
        marked = _anaphoric(before)
        # the article as written: folding makes «آلاف» (thousands) read «الاف»
        if not (q.text.startswith(("ال", "إل")) or marked):
            continue
        noun = _DEFINITE_NOUN.search(before)
        category = noun_category(noun.group(1)) if noun else None
        value = q.attrs.get("value")
        # «المؤلفة من 23 وزيرا» … «وأدى الوزراء الـ23 اليمين»: «الـ» before digits names
        # again the one earlier figure of that very value (a broken plural shares no root
        # the skeletons can see), when the value is no small number any count may have
        if (
            marked
            and value is not None
            and value >= RESTATED_FROM
            and any(map(str.isdigit, q.text))
        ):
            equal = [
                p
                for p in quantities[:k]
                if p.attrs.get("value") == value and p.attrs.get("unit") == q.attrs.get("unit")
            ]
            # (a part said again is the part of that value too; «الـ20 الآخرين», «الـ100
            # الباقية» are the others, another group of the same size)
            nxt = _NEXT_WORD.match(text, q.end)
            others = nxt is not None and _fold(nxt.group(1)) in _THE_OTHERS
            if len(equal) == 1 and not others:
                rels.append({"from": q.id, "to": equal[0].id, "type": "same_as"})
                continue
        if category is None and noun is not None and value is not None:
            if _narrowed(text, q):
                continue  # «الحرائق الـ206 الباقية»: the rest, not the count said again
            # «الجثامين الـ54» after «45 جثمانا»: a noun with no category, by its root; a
            # number word («الموقوفين التسعة» after «توقيف تسعة أشخاص») only its equal
            said = _said_by_root(text, quantities[:k], q, noun.group(1))
            # «ووجهت 380 ألفا منها …» … «القارورات الـ380 ألفا»: a count of its very value
            # with no noun of its own is the one said again, before the root's other count
            bare = [
                p
                for p in (quantities[:k] if marked else ())
                if p.attrs.get("value") == value
                and p.attrs.get("unit") == q.attrs.get("unit")
                and p.attrs.get("category") is None
                and _category_after(text, p) is None
            ]
            if bare and (said is None or said.attrs.get("value") != value):
                said = bare[-1]
            if said is not None and (marked or said.attrs.get("value") == value):
                rels.append({"from": q.id, "to": said.id, "type": "same_as"})
            continue
        if category is None or q.attrs.get("category") not in (None, category):
            continue  # the noun before is what it counts (the extractor's category, if any)
        # «تخدم القرى الـ1477» far after «تشمل 1477 قرية»: a count the text stated with
        # that very value, however many figures stand between, is the one named again
        # («المتهم فيها 11 شخصا» … «المتهمين الـ11»: people the noun's verb counted)
        same = [
            p
            for p in quantities[:k]
            if value is not None
            and p.attrs.get("value") == value
            and p.attrs.get("unit") == q.attrs.get("unit")
            and (
                (p.attrs.get("category") or _category_after(text, p)) == category
                or _names_people(text, p, noun, category)
                # «ملف 18 شخصا فقدوا في البحر» … «عائلات الضحايا الـ18»: victims are people
                # of the very count, whatever befell them
                or (category == "victims" and p.attrs.get("category") in WHOLE_CATEGORIES)
            )
        ]
        if same:
            rels.append({"from": q.id, "to": same[-1].id, "type": "same_as"})
            continue
        alike = [
            p
            for p in quantities[max(0, k - RESTATED_WITHIN) : k]
            if p.attrs.get("unit") == q.attrs.get("unit")
            and (p.attrs.get("category") == category or _names_people(text, p, noun, category))
            # «بقاء عدة عمال … الضحايا الـ11»: a number names again a figure said with one,
            # never a vague count that stated none
            and (value is None or p.attrs.get("value") is not None)
        ]
        # «الحافلات الـ16» points back whatever it says; a definite number word («الجنود
        # الخمسة» after «3 جنود») may count another group, so it restates only its equal
        if len(alike) > 1 and marked and value is not None:
            alike = _clearly_nearest(alike, value)
        if len(alike) != 1:
            continue
        equal = value is not None and alike[0].attrs.get("value") == value
        if equal or (marked and not _narrowed(text, q) and _within_a_slip(alike[0], q)):
            rels.append({"from": q.id, "to": alike[0].id, "type": "same_as"})
    return rels


def _said_by_root(text: str, before: list[Mention], q: Mention, noun: str) -> Mention | None:
    """The earlier figure a «الـN» after a definite noun restates, found by the noun's root
    (three consonants in a row in common: «الجثامين» and «جثمانا», `shares_root`) when
    the noun has no category: the one of its very value, else the one clearly nearest it
    in value within a slip."""
    root = _skeleton(noun)
    if len(root) < 3:
        return None
    kin = []
    for p in before:
        # «النواب الـ50 والوزراء الـ15»: a definite numeral's noun stands before it
        noun = (
            _DEFINITE_NOUN.search(text[max(0, p.start - 40) : p.start])
            if _anaphoric(text[max(0, p.start - 8) : p.start])
            else None
        )
        word = noun.group(1) if noun is not None else None
        if word is None:
            after = _NEXT_WORD.match(text, p.end)
            word = after.group(1) if after is not None else None
        if word is None or p.attrs.get("unit") != q.attrs.get("unit"):
            continue
        if shares_root(root, _skeleton(word)):
            kin.append(p)
    value = q.attrs.get("value")
    equal = [p for p in kin if p.attrs.get("value") == value]
    if equal:
        return equal[-1]
    near = _clearly_nearest(kin, value) if len(kin) > 1 else kin
    return near[0] if len(near) == 1 and _within_a_slip(near[0], q) else None


def _clearly_nearest(alike: list[Mention], value: float) -> list[Mention]:
    """Of several counts of its category, «الجثامين الـ54» restates the one nearest its
    value («45 جثمانا», not the running «90» nor the «15» per hostage) when that one is
    clearly nearest: its ratio to the value at most the square root of the next one's. A
    restatement misstated by a slip stays near what it restates; else none is chosen."""
    ranked = sorted(
        (abs(math.log(v / value)), n)
        for n, p in enumerate(alike)
        if isinstance(v := p.attrs.get("value"), int | float) and v > 0 and value > 0
    )
    if len(ranked) < 2 or ranked[0][0] > ranked[1][0] / 2:
        return alike
    return [alike[ranked[0][1]]]


def _names_people(text: str, p: Mention, noun: re.Match, category: str) -> bool:
    """Does the definite noun name the people `p` counted? By what befell them («مقتل 7
    مدنيين» … «القتلى السبعة», «جثث 10 مهاجرين» … «الضحايا الـ10»: the same fate; the
    wounded are not the dead), as people in general («الأشخاص الـ14»), or by the verb or
    noun of the count itself («اعتقلت 14 شخصا» … «المعتقلين الـ14»). Another group of
    people is another count: «قتل 5 جنود» … «العمال الـ11», «مقتل 8 أشخاص» … «المسلحين
    الـ4»."""
    if _kind(category) != "people":
        return False
    if p.attrs.get("category") is None and category in _FATES and p.attrs.get("unit") is None:
        # «لقي 11 معدنا حتفهم» … «الضحايا الـ11»: a noun the lexicon does not know, whose
        # fate says it counts people
        fate = _toll(p, text)
        return fate is not None and (category == "victims" or fate == _FATES[category])
    if _kind(p.attrs.get("category")) != "people":
        return False
    if category in _FATES:
        fate = _toll(p, text)
        return fate is not None and (category == "victims" or fate == _FATES[category])
    if category in WHOLE_CATEGORIES:
        return True
    if p.attrs.get("category") not in WHOLE_CATEGORIES:
        return False  # two named groups («الجنود», «العمال»): two counts
    named = _skeleton(noun.group(1))
    around = text[max(0, p.start - 24) : p.start].split()[-2:] + text[p.end :].split()[:1]
    return any(shares_root(named, _skeleton(w)) for w in around)


_FATES = {"killed": "killed", "dead": "killed", "wounded": "wounded", "victims": None}


def _narrowed(text: str, q: Mention) -> bool:
    """«المنازل الـ500 المدمرة كليا» after «2300 منزل»: an adjective right after the
    numeral picks a part of the group, not the group said again; a relative clause («الـ16
    التي …») may describe the whole one."""
    after = _NEXT_WORD.match(text, q.end)
    if after is None:
        return False
    word = after.group(1)  # as written: folded, «إلى» would read as a definite word
    return word.startswith("ال") and _fold(word) not in _RELATIVES and "ـ" not in word


_ANAPHORIC = re.compile(r"(?:^|\s)[وف]?الـ+\s*$")
# «تخطى الـ450 شخصا», «تجاوز الـ 20 ألفا», «حاجز الـ100»: after a verb of crossing or
# nearing (or «حاجز», «عتبة») «الـ» marks a mark passed, not a figure said before.
_THRESHOLD = re.compile(
    r"(?:^|\s)(?:[وف]?(?:تخطى|تخطت|يتخطى|تتخطى|تجاوز|تجاوزت|يتجاوز|تتجاوز|تعدى|تعدت|يتعدى|"
    r"فاق|فاقت|يفوق|تفوق|قارب|قاربت|يقارب|ناهز|ناهزت|يناهز|حاجز|عتبة|سقف)|[وف]?(?:ال)?حاجز)"
    r"\s+(?:[وف]?الـ+)\s*$"
)


def _threshold(before: str) -> bool:
    """«الـ» after a verb of crossing or nearing a mark (`_THRESHOLD`)."""
    return _THRESHOLD.search(before) is not None


def _anaphoric(before: str) -> bool:
    """«الـ» ends the text before a figure (the literal tested before the regex)."""
    return "الـ" in before and _ANAPHORIC.search(before) is not None


# «عدد الخارجين من حرستا بلغ 4679»: a tally of a group, stated by «بلغ» and its kin, with
# the words between the tally noun and the verb (a place, «منذ …») kept for the place test.
_TALLY_STATED = re.compile(
    r"(?:^|\s)[وب]?(?:عدد|حصيلة)\s+((?:[^\s\d]+\s+(?=ال))?ال\S+)((?:\s+\S+){0,8}?)\s+"
    r"(?:قد\s+)?(?:بلغ|بلغت|يبلغ|تبلغ|وصل|وصلت|يصل|تصل|تخطى|تجاوز|ناهز|قارب)"
    r"(?:\s+(?:نحو|حوالي|حوالى|قرابة|زهاء|أكثر\s+من|ما\s+يقرب\s+من))?\s*$"
)
# The last word `_TALLY_STATED` can end with: its verb, or the qualifier after it.
_TALLY_ENDS = (
    *("بلغ", "بلغت", "يبلغ", "تبلغ", "وصل", "وصلت", "يصل", "تصل", "تخطى", "تجاوز", "ناهز"),
    *("قارب", "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "من"),
)
_TALLY_LOOKBACK = 140  # characters before a figure searched for its tally phrase
_UPDATES = re.compile(r"ارتفع|ليرتفع|لترتفع|ليصل|لتصل|ليبلغ|لتبلغ|زاد|تراجع|انخفض|إجمالي|الإجمالي")
_PLACE_IN = re.compile(r"(?:^|\s)(?:من|في|إلى)\s+(\S+)")
RESTATED_WITHIN = 8  # earlier figures searched for the one a tally restates


def same_as_tallies(text: str, quantities: list[Mention]) -> list[dict]:
    """«٦٧٤٩ شخصا خرجوا من مدينة حرستا … وقال المرصد إن عدد الخارجين من حرستا بلغ 4679
    شخصا»: a tally stated with «بلغ» (`_TALLY_STATED`) of the group an earlier sentence
    counted — the tally noun shares its consonants with that figure's noun or verb, both
    count one kind of people or thing, and any place the tally names is named in that
    sentence too — restates that figure, whatever its value (a restated figure may be
    misstated: `same_as.values` is there to say so). A running total («ارتفع عدد …»,
    «الإجمالي»), a tally of another span or event (`scope`) and a toll of everyone after
    a count of children or women are not restatements."""
    rels = []
    lead = None  # the text's first sentence, folded, when first asked
    for k, q in enumerate(quantities):
        if k == 0 or (q.attrs.get("category") is None and _counted_noun(text, q) is None):
            continue  # («عقود الزواج … 64,870 عقدا»: a noun the lexicon does not know)
        before = text[max(0, q.start - _TALLY_LOOKBACK) : q.start]
        hit = (
            _TALLY_STATED.search(before)
            if ("عدد" in before or "حصيلة" in before) and before.rstrip().endswith(_TALLY_ENDS)
            else None
        )
        if hit is None or _UPDATES.search(hit.group(0)):
            continue
        named, rest = hit.group(1).split(), hit.group(2)  # «عدد الخارجين», «عدد حضور المباراة»
        noun = _skeleton(named[0])
        if len(noun) < 2:
            continue  # «الوفيات» leaves «ف» alone: no root to tell a noun again by
        unread = q.attrs.get("category") is None  # then one counted noun, by its stem
        narrowed = _adjective(named, rest)
        places = [fold(p) for p in _PLACE_IN.findall(rest)]
        # «عدد القتلى المدنيين بلغ»: the toll of one group restates only that group's count
        if another_event(text, q.start):
            continue  # «وفي هجوم منفصل، … بلغت حصيلة القتلى 3»: another event's tally
        group = toll_group([_fold(w) for w in (*named, *rest.split())], _TOLL_WORDS)
        span = period_of(text, q.start, q.end)
        for j in range(k - 1, max(-1, k - 1 - RESTATED_WITHIN), -1):
            p = quantities[j]
            if not _one_group(p, q) or _introduced_as_part(text, p):
                continue
            if unread and _counted_noun(text, p) != _counted_noun(text, q):
                continue  # «64,870 عقدا» restates «66,214 عقد», not «2285 إصابة»
            if narrowed and not _says(text, p, narrowed):
                continue  # «عدد المنازل المتضررة بلغ 30» is not «انهارت ثلاثة منازل»
            if p.sentence == q.sentence and _RIVAL.isdisjoint(
                _fold(w) for w in text[p.end : q.start].split()
            ):
                continue  # in one sentence, only another voice's tally («في حين ذكرت …»)
            # «عدد القتلى المدنيين بلغ» restates only the civilians' count; «عدد القتلى بلغ
            # 11» is not «3 أطفال», a group counted by age or sex within the toll
            of_p = group_of(p, _words_before(text, p), _TOLL_WORDS)
            if group != of_p and (group is not None or of_p in DEMOGRAPHIC_GROUPS):
                continue
            if period_of(text, p.start, p.end) != span:
                continue  # «قتل 20 شخصا» … «عدد القتلى منذ بداية الحملة بلغ 340»
            if not _within_a_slip(p, q):
                continue  # «6 شاحنات وقود» … «عدد الشاحنات … تجاوز 40 ألف شاحنة»
            sentence = fold(_sentence_around(text, p))
            around = (
                fold(text[p.end : p.end + 40]).split()[:2]
                + fold(text[max(0, p.start - 12) : p.start]).split()[-1:]
            )
            if places and lead is None:
                lead = fold(text.split(".", 1)[0])
            if noun in {_skeleton(x) for w in around for x in (w, bare(w))} and all(
                pl in sentence or pl.removeprefix("ال") in sentence or pl in lead for pl in places
            ):  # (a place the lead names is the frame of every figure: «في المملكة»)
                rels.append({"from": q.id, "to": p.id, "type": "same_as"})
                break
    return rels


def _adjective(named: list[str], rest: str) -> str | None:
    """The skeleton of the definite adjective that narrows a tally's noun («عدد المنازل
    المتضررة»), or None (a place, a relative clause, a group of the toll is not one)."""
    words = [*named[1:], *rest.split()[:1]]
    if not words or not words[0].startswith("ال"):
        return None
    word = _fold(words[0])
    if word in _RELATIVES or noun_category(word) is not None or word in _TOLL_WORDS:
        return None
    skeleton = _skeleton(word)
    return skeleton if len(skeleton) >= 3 else None


def _says(text: str, p: Mention, skeleton: str) -> bool:
    """A word of the figure's clause shares the adjective's root («المتضررة»: «تضررت»)."""
    near = _words_before(text, p) + [_fold(w) for w in text[p.end : p.end + 40].split()[:3]]
    return any(shares_root(skeleton, _skeleton(w)) for w in near)


def _words_before(text: str, p: Mention) -> list[str]:
    """The folded words of the clause before a figure (at most eight)."""
    clause = re.split("[،,؛;.]", text[max(0, p.start - 80) : p.start])[-1]
    return [_fold(w) for w in clause.split()][-8:]


def _introduced_as_part(text: str, p: Mention) -> bool:
    """«بينها 20 شاحنة وقود»: a part a cue introduces is not the group a tally restates."""
    return _has([fold(w) for w in text[max(0, p.start - 30) : p.start].split()[-3:]], _PART_CUES)


def _one_group(a: Mention, b: Mention) -> bool:
    """Same unit and category; people in general (`WHOLE_CATEGORIES`) may be any people
    («120 شخصا قتلوا» … «عدد القتلى بلغ 102 قتيلا»: the tally noun has said who)."""
    ca, cb = a.attrs.get("category"), b.attrs.get("category")
    if a.attrs.get("unit") != b.attrs.get("unit"):
        return False
    if ca in WHOLE_CATEGORIES or cb in WHOLE_CATEGORIES:
        return _kind(ca) == _kind(cb) == "people"
    return ca == cb


def _sentence_around(text: str, m: Mention) -> str:
    """The text of the sentence `m` stands in (to the nearest full stop either side)."""
    lo, hi = max(0, m.start - _SENTENCE_REACH), min(len(text), m.end + _SENTENCE_REACH)
    start = max(text.rfind(".", lo, m.start), text.rfind("\n", lo, m.start), lo - 1) + 1
    ends = [e for e in (text.find(".", m.end, hi), text.find("\n", m.end, hi)) if e != -1]
    return text[start : min(ends) if ends else hi]


_SENTENCE_REACH = 400  # characters: a sentence is read no further either side


def same_as_events(evacuations: list[Mention]) -> list[dict]:
    """Chain the evacuation events (not the blocking ones) in text order."""
    return [{"from": a.id, "to": b.id, "type": "same_as"} for a, b in pairwise(evacuations)]
