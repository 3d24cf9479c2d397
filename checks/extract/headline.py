"""A headline's toll restated in the body: one figure, whatever the two values say.

Outlets put the toll in the headline («32 قتيلا و63 مصابا في تصادم …») and state it again
in the first paragraph; when the story is updated and the headline is not, the two
disagree — an inconsistency readers see first, which `same_as.values` reports once the two
are linked. The headline is the first line of a text (a line break within its first
characters, no full stop before it, no colon ending it: that line opens a list), or the
words before a wire dateline («البحيرة - أعلنت …», «عدن - (سبأ):») when the text does not
open with the dateline. A headline figure is the
same figure as the first body figure that counts the same thing: the same category, or
people in general that a word of death or injury right before it says what befell them
(«أسفر عن وفاة 23 شخصا» restates «32 قتيلا»). A body figure counting a subgroup (children,
women) is never the headline's toll.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.joint_tolls import joint_after
from checks.extract.relations.part_cues import _RATE
from checks.extract.relations.words import _skeleton, shares_root

HEADLINE_WITHIN = 250  # characters: a headline is short
_JOINT_REACH = 6  # words after a count read for a joint toll of the dead and the wounded
# «البحيرة - أعلنت», «الخرطوم – (سونا):»: one or two words, a dash, then the body
_DATELINE = re.compile(r"(?:^|\s)([^\s\-–.،:]+(?:\s[^\s\-–.،:]+)?)\s+[-–]\s+\S")
# What befell people, right before their count: death or injury.
_BEFELL = {
    **{
        fold(w): "killed"
        for w in (
            "وفاة",
            "مقتل",
            "مصرع",
            "بحياة",
            "حياة",
            "وفيات",
            "قتل",
            "ومقتل",
            "جثث",
            "جثامين",
            "استشهاد",
            # «ارتفاع عدد الشهداء إلى 10.022»: the toll named before «إلى»
            "الشهداء",
            "القتلى",
            "الضحايا",
            "الوفيات",
        )
    },
    **{
        fold(w): "wounded"
        for w in (
            *("إصابة", "إصابات", "جرح", "وإصابة", "وجرح", "أصيب", "وأصيب", "أصيبت"),
            *("الجرحى", "المصابين"),
        )
    },
}
_SAME_TOLL = {"victims": "killed", "dead": "killed"}  # categories of one toll
SAME_AS_FROM = 100  # a repeated figure below this may well count another thing
_MET_DEATH = frozenset(
    fold(w + p) for w in ("حتف", "مصرع") for p in ("هم", "ه", "ها", "هما", "هن")
)  # «لقي … حتفهم»
# A full stop: no decimal point («10.022») nor a headline's ellipsis («غزة.. ارتفاع»).
_FULL_STOP = re.compile(r"(?<![.\d])\.(?=\s|$)")
_GENERAL = {"persons", "people", "civilians", None}  # people in general, or not said


def headline_end(text: str) -> int | None:
    """Where the headline ends, or None when the text has none."""
    line = text.find("\n", 0, HEADLINE_WITHIN)
    if line > 0 and not _FULL_STOP.search(text, 0, line):
        # a first line ending in a colon opens a list of rows («توزعت كالتالي:»): no headline
        return None if text[:line].rstrip().endswith((":", "：")) else line
    dateline = _DATELINE.search(text, 0, HEADLINE_WITHIN)
    if dateline is None:
        return None
    head = text[: dateline.start(1)]
    stops = list(_FULL_STOP.finditer(head))
    if stops:
        # «الأردن: 87 وفاة و9417 إصابة جديدة. عمان - سجلت …»: one full stop, closing the
        # headline right before the dateline; a stop within is a sentence of the body
        if len(stops) > 1 or head[stops[0].end() :].strip():
            return None
        head = head[: stops[0].start()]
    return len(head) if len(head.split()) >= 3 else None


def _toll(q: Mention, text: str) -> str | None:
    """What a count counts, as a toll: its category, or the death or injury word before it.
    «مصرع وإصابة 450 شخصا», «وفاة وإصابة 12»: one count of the dead and the wounded
    together, a toll of its own that neither the dead nor the wounded restate."""
    category = q.attrs.get("category")
    after = [fold(w).strip("،,.") for w in text[q.end : q.end + 60].split()[:_JOINT_REACH]]
    if joint_after(after):  # «38 قتيلا وجريحا», «25 شخصا بين قتيل وجريح»
        return "killed_and_wounded"
    words = text[max(0, q.start - 24) : q.start].split()
    befell = [_BEFELL.get(fold(word).strip("،,")) for word in words[-2:]]
    if len(befell) == 2 and befell == ["killed", "wounded"]:
        return "killed_and_wounded"
    if category not in _GENERAL:
        return _SAME_TOLL.get(category, category)
    for word in reversed(befell):
        if word is not None:
            return word
    # «لقي 11 معدنا حتفهم»: the death the verb's object names, after the counted noun
    if not _MET_DEATH.isdisjoint(after[1:3]):
        return "killed"
    # «87 وفاة و9417 إصابة»: the noun the count is of names the toll
    return _BEFELL.get(after[0]) if after else None


def _said_again(
    h: Mention, body: list[Mention], taken: set[str], fits: Callable[[Mention], bool]
) -> Mention | None:
    """The first body count with the headline count's value and category (no subgroup) that
    `fits` its toll (no word of another toll before it: «إصابة 46» is not «مقتل 46»)."""
    return next(
        (
            b
            for b in body
            if b.id not in taken
            and b.attrs.get("value") == h.attrs.get("value")
            and b.attrs.get("category") == h.attrs.get("category")
            and fits(b)
        ),
        None,
    )


_OF_PEOPLE = frozenset({"killed", "wounded", "killed_and_wounded"})


def _nearest_in_value(h: Mention, body: list[Mention]) -> Mention | None:
    """The body count whose value is nearest the headline count's (by ratio)."""
    value = h.attrs.get("value")
    valued = [b for b in body if b.attrs.get("value")]
    if not value or not valued:
        return None
    return min(valued, key=lambda b: max(b.attrs["value"], value) / min(b.attrs["value"], value))


_PHRASE = re.compile(r"\s*([^\W\d_]+)\s+([^\W\d_]+)")


def _counted_phrase(text: str, q: Mention) -> tuple[str, str] | None:
    """The two words right after a count, folded («حالة غش»), when both are words."""
    m = _PHRASE.match(text, q.end)
    return None if m is None else (fold(m.group(1)), fold(m.group(2)))


def _counted_noun(text: str, q: Mention) -> str:
    """The word right after a count, folded, also where the clause ends after it («بإجمالي
    273 ميدالية.»); "" when none."""
    m = _NOUN.match(text, q.end)
    return "" if m is None else fold(m.group(1))


_NOUN = re.compile(r"\s+([^\W\d_]+)")
_PART_BEFORE = re.compile(r"(?:منهم|منها|بينهم|بينها|منهن)\s*$")


def _indefinite(noun: str) -> str:
    """The counted noun without the accusative's alif («بلاغا» → «بلاغ»)."""
    return noun[:-1] if noun.endswith("ا") and len(noun) > 3 else noun


def _phrase_again(text: str, h: Mention, body: list[Mention], taken: set[str]) -> Mention | None:
    """The first body count followed by the two words the headline count is followed by,
    when it is the only one: the headline's figure said again (whatever its value)."""
    if h.one_word_dual():
        return None
    # a dual counts itself («قريتين»): the word after it is no noun it counts
    body = [b for b in body if not b.one_word_dual()]
    phrase = _counted_phrase(text, h)
    # «بـ21 ذهبية و26 ميدالية»: a noun and the next count, no phrase; its noun still counts
    same = [b for b in body if b.id not in taken and _counted_phrase(text, b) == phrase]
    if phrase is not None and len(same) == 1 and not phrase[1].startswith("و"):
        return same[0]
    # «الإطفاء: 1540 بلاغا خلال يوم الأمطار» over «تلقت … 1450 بلاغا مرتبطا بالأمطار، منها 620
    # بلاغا …»: else the body's first count of the headline's noun, in the first sentence
    # after the headline (the lead states the story's figure before its parts); «21 طائرة
    # «تايفون» إضافية»: a noun a quoted name follows has no phrase, but its noun
    noun = _indefinite(phrase[0] if phrase is not None else _counted_noun(text, h))
    if len(noun) < 3:
        return None
    first = next((b for b in body if b.id not in taken), None)
    lead = [b for b in body if first is not None and b.sentence == first.sentence]
    named = [b for b in lead if _indefinite(_counted_noun(text, b)) == noun]
    # (the one of its very value first: «دمر 161 ألفا و600 وحدة» over «437 ألفا و600 وحدة،
    # منها 161 ألفا و600 وحدة دمرت كليا»; else the first, unless that is a part of the
    # lead's figure: «منهم 1,855,027 حاجا» restates no headline of another value)
    # («تسقط 337 مسيرة» over «337 طائرة مسيرة»: its very value, whatever noun it takes, when
    # large enough that no other count of the lead has it by chance)
    value = h.attrs.get("value")
    anyhow = lead if value is not None and value >= SAME_AS_FROM else []
    equal = [b for b in named + anyhow if b.attrs.get("value") == value]
    if equal:
        return equal[0]
    if named and not _PART_BEFORE.search(text, max(0, named[0].start - 12), named[0].start):
        return named[0]
    return None


# Units a headline's measure is said again in: areas, lengths, masses, volumes, power — not
# shares, spans of time or money, of which a story has many different ones.
_NOT_RESTATED = frozenset({"percent", "per_mille", "year", "month", "week", "day", "hour",
                           "minute", "decade"})  # fmt: skip
MEASURE_SLIP = 4  # how far a headline's measure and its body figure may be apart


def _measures_again(text: str, quantities: list[Mention], end: int) -> list[dict]:
    """«النيران تأتي على 450 هكتارا» over «أتى … على 540 هكتارا، منها 380 … و160»: the one
    headline measure of a physical unit is the body's first figure of that unit said again
    (the first paragraph states the story's figure before its parts), within a slip; a
    headline sum of money («موازنة بـ6ر4 تريليون جنيه») the body's sum of its very value."""
    rels: list[dict] = []
    head: dict[str, list[Mention]] = {}
    body: dict[str, Mention] = {}
    sums: dict[tuple, Mention] = {}  # (currency, value) -> the body's first sum of them
    valued: dict[tuple, Mention] = {}  # (unit, value) -> the body's first measure of them
    for q in quantities:
        unit, value = q.attrs.get("unit"), q.attrs.get("value")
        if unit is None or unit in _NOT_RESTATED or not value:
            continue
        if len(unit) == 3:  # a currency (ISO 4217): a story has many sums, so only the
            if q.end <= end:  # body's sum of the very value says the headline's again
                head.setdefault(unit, []).append(q)
            else:
                sums.setdefault((unit, value), q)
            continue
        if q.end <= end:
            head.setdefault(unit, []).append(q)
        else:
            body.setdefault(unit, q)
            valued.setdefault((unit, value), q)
    for unit in [u for u in head if len(u) == 3]:
        for h in head.pop(unit):
            b = sums.get((unit, h.attrs["value"])) or _sum_named_again(text, h, sums)
            if b is not None:
                rels.append({"from": b.id, "to": h.id, "type": "same_as"})
    for unit, (h, *more) in head.items():
        # «باحتياطيات تقارب 3.2 مليار برميل» over «بنحو 2.1 مليار برميل … أي ما يعادل نحو
        # 3.2 مليار برميل»: the body's measure of the headline's very value, else its first
        b = valued.get((unit, h.attrs["value"])) or body.get(unit)
        if more or b is None:
            continue
        x, y = h.attrs["value"], b.attrs["value"]
        if max(x, y) <= MEASURE_SLIP * min(x, y):
            rels.append({"from": b.id, "to": h.id, "type": "same_as"})
    return rels


# Roots of the verbs and words any sum stands after: they name no one sum («بلغ», «سجل»).
_GENERIC_ROOTS = frozenset({"بلغ", "سجل", "رتفع", "صل", "قدر", "نحو", "حول", "زيد", "تجوز"})
SUM_CLAUSE = 40  # characters before a sum read for the nouns that name it


# Words before a share that say nothing of what it is a share of («بنسبة 30%», «نحو 40%»)
_SHARE_WORDS = frozenset(
    fold(w)
    for w in (
        *("نسبة", "بنسبة", "ونسبة", "معدل", "بمعدل", "حوالي", "نحو", "بنحو", "قرابة", "أكثر"),
        *("أقل", "من", "إلى", "الى", "بلغت", "بلغ", "تبلغ", "يبلغ", "أي", "ما", "يعادل"),
    )
)


def _word_before(text: str, q: Mention) -> str | None:
    """The word right before a figure, folded, when it is a word of content."""
    words = fold(text[max(0, q.start - 24) : q.start]).split()
    if not words or words[-1] in _SHARE_WORDS or not words[-1].isalpha():
        return None
    return words[-1]


def _shares_again(text: str, quantities: list[Mention], end: int) -> list[dict]:
    """«الدستور الجديد يمر بموافقة 89.1% من الناخبين» over «أعلن … موافقة 98.1% من
    الأصوات الصحيحة»: a headline share is the body's first share written after a word of
    the same root (three consonants in a row in common), said again."""
    shares = [q for q in quantities if q.attrs.get("unit") == "percent"]
    body = [q for q in shares if q.start > end]
    rels: list[dict] = []
    taken: set[str] = set()
    for h in (q for q in shares if q.end <= end):
        word = _word_before(text, h)
        root = _skeleton(word) if word else ""
        b = _said_after_root(text, root, body, taken) if len(root) >= 3 else None
        if b is None:
            b = _share_told_after(text, h, end, [b for b in body if b.id not in taken])
        if b is not None:
            rels.append({"from": b.id, "to": h.id, "type": "same_as"})
            taken.add(b.id)
    return rels


def _said_after_root(text: str, root: str, body: list[Mention], taken: set[str]) -> Mention | None:
    """The first body share not taken yet that stands after a word of the headline share's
    root («إن نسبة الإنجاز في أعمال الخط …، بلغت 86%»: the share's subject, a clause away
    from its verb, when only a share word stands right before it)."""
    for b in body:
        if b.id in taken:
            continue
        said = _word_before(text, b)
        named = [said] if said is not None else _subject_of_share(text, b)
        if any(shares_root(root, _skeleton(w)) for w in named):
            return b
    return None


SHARE_AFTER_WORDS = 12  # words after a share, in its sentence, read for what it is of
SHARED_ROOTS = 2  # roots a headline share and a body share must both be followed by


def _share_told_after(text: str, h: Mention, end: int, body: list[Mention]) -> Mention | None:
    """«استبيان: 67 بالمائة من العائلات التونسية تقترض لتغطية مصاريف رمضان» over «أن 61,7
    بالمائة من المستجوبين … اضطروا إلى الاقتراض … لمجابهة مصاريف الشهر»: a headline share
    with no word of its own before it is the first body share the words after which share
    two roots with the words after the headline's (what the share is of, and what it did)."""
    said = _roots_told(text, h.end, end)
    if len(said) < SHARED_ROOTS:
        return None
    for b in body:
        told = _roots_told(text, b.end, len(text))
        shared = {a for a in said if any(shares_root(a, t) for t in told)}
        if len(shared) >= SHARED_ROOTS:
            return b
    return None


def _roots_told(text: str, start: int, ceiling: int) -> set[str]:
    """The content roots of the words after a share, up to its sentence's end."""
    window = text[start:ceiling]
    stop = re.search(r"[!؟?\n]|\.(?!\d)", window)  # «2.350»: a decimal point ends nothing
    words = re.findall(r"[^\W\d_]{3,}", window[: stop.start() if stop else len(window)])
    return _content_roots(words[:SHARE_AFTER_WORDS])


SHARE_SUBJECT_CHARS = 260  # characters before a share read for «نسبة X»


def _subject_of_share(text: str, q: Mention) -> list[str]:
    """The word after «نسبة» in the sentence before a share («إن نسبة الإنجاز …، بلغت
    86%»), when the share stands after a verb of reaching: what the share is of."""
    window = fold(text[max(0, q.start - SHARE_SUBJECT_CHARS) : q.start])
    window = window[window.rfind(".") + 1 :]
    words = window.split()
    if not words or words[-1].strip("،,") not in _SHARE_WORDS:
        return []
    at = max((n for n, w in enumerate(words) if w in _RATE_WORDS), default=None)
    return [words[at + 1].strip("،,")] if at is not None and at + 1 < len(words) else []


_RATE_WORDS = frozenset(_RATE | {fold("معدل"), fold("ومعدل")})


def _content_roots(words: list[str]) -> set[str]:
    """The consonant skeletons of three letters or more of the words, bar the roots any sum
    stands after (`_GENERIC_ROOTS`)."""
    skeletons = {_skeleton(w) for w in words}
    return {k for k in skeletons if len(k) >= 3 and k not in _GENERIC_ROOTS}


def _roots(text: str, start: int) -> set[str]:
    """The consonant skeletons of the words in the few characters before a sum."""
    words = re.findall(r"[^\W\d_]{3,}", text[max(0, start - SUM_CLAUSE) : start])
    return _content_roots(words)


CLAUSE_CHARS = 120  # characters before a body sum, within its clause, read for its nouns
_CLAUSE_MARK = re.compile(r"[.،,:؛;]")


def _clause_roots(text: str, start: int) -> set[str]:
    """`_roots` of the whole clause before a body sum («بلغ إجمالي التصرفات العقارية
    المسجلة لدى … خلال الأسبوع المنتهي يوم الجمعة 22 نوفمبر 13.6 مليار»), up to
    `CLAUSE_CHARS` back; the decimal point of a number before it is no clause mark."""
    window = text[max(0, start - CLAUSE_CHARS) : start]
    # «جمع مؤتمر المانحين، الذي نظمته السعودية …، تعهدات بقيمة 1.35 مليار»: a relative
    # clause set off by commas is read past, to the clause it interrupts
    window = _RELATIVE_CLAUSE.sub(" ", window)
    marks = [m.end() for m in _CLAUSE_MARK.finditer(window) if not _in_number(window, m.start())]
    words = re.findall(r"[^\W\d_]{3,}", window[marks[-1] if marks else 0 :])
    return _content_roots(words)


_RELATIVE_CLAUSE = re.compile(r"[،,]\s*(?:الذي|التي|الذين|اللذين|اللتين)\s[^،,.:؛;]*[،,]")


def _in_number(text: str, at: int) -> bool:
    return 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()


def _roots_after(text: str, end: int, ceiling: int) -> set[str]:
    """The consonant skeletons of the words after a sum's currency word, in the headline."""
    words = re.findall(r"[^\W\d_]{3,}", text[end : min(ceiling, end + SUM_CLAUSE)])[1:]
    return _content_roots(words)


def _sum_named_again(text: str, h: Mention, sums: dict[tuple, Mention]) -> Mention | None:
    """«عجز الميزانية السعودية يبلغ 21.4 مليار ريال» over «سجلت … عجزا بلغ 12.4 مليار
    ريال»: the body's first sum of the currency whose words before it share a root with the
    headline sum's («عجز»), within a slip — the figure said again, whatever its value."""
    # and the words after it, past its currency, when it opens the headline («16.3 مليار
    # درهم تصرفات عقارات دبي في أسبوع» over «بلغ إجمالي التصرفات العقارية … 13.6 مليار»)
    named = _roots(text, h.start) | _roots_after(text, h.end, headline_end(text) or h.end)
    unit, value = h.attrs["unit"], h.attrs["value"]
    for (u, v), b in sorted(sums.items(), key=lambda item: item[1].start):
        if u != unit or not v or max(v, value) > MEASURE_SLIP * min(v, value):
            continue
        if any(shares_root(a, c) for a in named for c in _clause_roots(text, b.start)):
            return b
    return None


def same_as_headline(text: str, quantities: list[Mention]) -> list[dict]:
    """Each headline count and the first body count of the same toll (module docstring)."""
    end = headline_end(text)
    if end is None:
        return []
    counts = [q for q in quantities if "unit" not in q.attrs and q.attrs.get("value") is not None]
    head = [q for q in counts if q.end <= end]
    body = [q for q in counts if q.start > end]
    rels, taken = (
        _measures_again(text, quantities, end) + _shares_again(text, quantities, end),
        set(),
    )
    for h in head:
        toll = _toll(h, text)
        if toll is None:
            # «ضبط 1,411 حالة غش» over «رصدت … 1,141 حالة غش وإخلال»: no toll, but the noun
            # phrase the headline counts, counted first again in the body, says it again
            again = _phrase_again(text, h, body, taken)
            if again is not None:
                rels.append({"from": again.id, "to": h.id, "type": "same_as"})
                taken.add(again.id)
            continue
        # «مقتل 46 مدنيا …» over «لقي 46 مدنيا مصرعهم … مقتل 20 مدنيا»: the body's count
        # written with the headline's number, when there is one, is the toll said again
        again = _said_again(h, body, taken, lambda b, toll=toll: _toll(b, text) in (None, toll))
        if again is not None:
            rels.append({"from": again.id, "to": h.id, "type": "same_as"})
            taken.add(again.id)
            continue
        if toll == "killed_and_wounded":
            # the body splits a joint toll into its dead and wounded; another joint count is
            # an earlier or another voice's toll («25 شخصا بين قتيل وجريح في حصيلة أولية»)
            continue
        if toll not in _OF_PEOPLE:
            # «أكثر من 6 آلاف منزل» over «انهيار 2,874 منزلا كليا و3,150 جزئيا، بإجمالي
            # 6,024»: houses or trucks are counted by kind in the body; the headline's is
            # the body count of its category nearest its value
            b = _nearest_in_value(
                h, [b for b in body if b.id not in taken and _toll(b, text) == toll]
            )
            if b is not None:
                rels.append({"from": b.id, "to": h.id, "type": "same_as"})
                taken.add(b.id)
            continue
        for b in body:
            if b.id in taken or _toll(b, text) != toll:
                continue
            # the body's own count of the toll, not a subgroup of it
            category = b.attrs.get("category")
            if (
                category in _GENERAL
                or category == h.attrs.get("category")
                or (_SAME_TOLL.get(category, category) == toll)
            ):
                rels.append({"from": b.id, "to": h.id, "type": "same_as"})  # later → earlier
                taken.add(b.id)
            break
    return rels
