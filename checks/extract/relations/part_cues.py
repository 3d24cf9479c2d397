"""The words `part_of` looks for (part cues, breakdown verbs, totals, tallies, places, past
markers, rank words …), the word windows it reads, and the tests over a list of words
alone."""

from __future__ import annotations

import re
from itertools import pairwise

from checks.arabic import fold
from checks.extract.quantities import PLACE_CATEGORIES, noun_category
from checks.extract.relations.words import _has, _skeleton, _stem, _with_conjunctions
from checks.extract.tokens import bare

# Words before a figure (or right after it) that make it a part of an earlier whole.
_PART_CUES = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("بينهم", "بينها", "بينهن", "بينهما", "منهم", "منها", "منهن", "منهما"),
            *("ضمنهم", "ضمنها", "ضمنهن"),  # «من ضمنهم ستة أطفال»
        )
    }
)
# Words before a list of parts that split an earlier whole («ينقسمون إلى», «يتوزعون على»).
_SPLIT_CUES = _with_conjunctions({
    fold(w)
    for w in (
        "ينقسمون", "ينقسم", "تنقسم", "منقسمين", "مقسمين", "يتوزعون", "يتوزع", "تتوزع",
        "موزعين", "موزعة", "موزعون", "توزعوا", "توزعت", "توزع", "يتألفون", "يتوزعن",
        "كالتالي", "كالآتي", "تضمنت", "تضمن", "تتضمن", "يتضمن", "شملت", "شمل", "تشمل",
        "يشمل", "حيث",
    )
})  # fmt: skip
# Words before a whole that sums the list right before it («بإجمالي 3.9 مليون»).
_TOTAL_CUES = _with_conjunctions(
    {fold(w) for w in ("إجمالي", "بإجمالي", "مجموع", "بمجموع", "المجموع")}
)
# «67 مستشفى من أصل 89»: the figure before is a part of the one after.
_OUT_OF_CUES = _with_conjunctions({fold(w) for w in ("أصل", "جملة")})  # «من جملة 139333»
_RISE_VERBS = {
    fold(w) for w in ("ليصل", "لتصل", "ليرتفع", "لترتفع", "ليبلغ", "لتبلغ", "ليصبح", "وصل", "ارتفع")
} | {fold(w) for w in ("يرفع", "ترفع")}  # «مما يرفع العدد الإجمالي إلى 43» (`_reaches_total`)
_RAISES = frozenset(fold(w) for w in ("يرفع", "ترفع"))
_WHICH = frozenset(fold(w) for w in ("مما", "ما"))
_TO = {fold(w) for w in ("إلى", "الى")}
_TALLY_WORDS = {
    fold(w) for w in ("عدد", "العدد", "حصيلة", "الحصيلة", "إجمالي", "الإجمالي", "مجموع", "المجموع")
}
_IN_ALL = [fold("في"), fold("المجموع")]
# Definite nouns of one batch of things counted as a whole: what they include is its make-up.
_BATCHES = frozenset(
    fold(w)
    for w in (
        *("الهجوم", "الهجمة", "الرشقة", "القصف", "الضربة", "القافلة", "الشحنة", "الدفعة"),
        *("الحمولة", "المساعدات", "الصفقة", "الحزمة"),
    )
)
_IN_ALL_WORD = frozenset(_IN_ALL[1:])


WHOLE_WINDOW = 8  # figures after a group of parts searched for their whole


# Breakdown cues that also spread a whole over places («موزعين على 2297 مركزا»).
_SPREAD_CUES = _with_conjunctions({
    fold(w)
    for w in (
        "يتوزعون", "يتوزع", "تتوزع", "موزعين", "موزعة", "موزعون", "توزعوا", "توزعت", "توزع",
        "يتوزعن",
    )
})  # fmt: skip
_HUMAN_PART_CUES = _with_conjunctions(
    {fold(w) for w in ("بينهم", "منهم", "بينهن", "منهن", "ضمنهم", "ضمنهن")}
)
_NONHUMAN_PART_CUES = _with_conjunctions({fold(w) for w in ("بينها", "منها", "ضمنها")})
# Verbs of taking from a source: «واستوردت منها سلعا بقيمة 9 مليارات» (imported from it,
# the trade partner), «واقترضت منه 200 مليون»: the pronoun after them is the source, no
# part cue. («تلقى منها 1,851 حالة العلاج», «اشترى منهم 300 تذكرة»: of them, some did
# it; the verbs whose subject may be the part are not listed.)
_FROM_SOURCE = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("استورد", "استوردت", "يستورد", "تستورد", "استوردنا"),
            *("اقترض", "اقترضت", "يقترض", "تقترض", "اقترضنا"),
        )
    }
)


def from_source(before: list[str]) -> bool:
    """Every part cue of the words stands right after a verb of taking from a source."""
    cues = [n for n, w in enumerate(before) if w in _PART_CUES]
    return bool(cues) and all(n and before[n - 1] in _FROM_SOURCE for n in cues)


_AMONG = fold("بين")
_AMONG_WORD = frozenset({_AMONG})
_FROM = fold("من")


_RATE = {fold(w) for w in ("نسبة", "ونسبة", "بنسبة")}
_AT_RATE = fold("بنسبة")
_TURNING_OUT = {
    fold(w)
    for w in ("المشاركة", "الاقتراع", "التصويت", "الإقبال", "المشاركين", "المقترعين", "مشاركة")
}
OUT_OF_REACH = 12  # words between a part and «من أصل» its whole


_ABOUT = {fold(w) for w in ("نحو", "قرابة", "حوالي", "حوالى", "زهاء")}


_RATE_REACH = 14  # words: «نسبة المشاركة في الدور الأول … التي جرت يوم السبت بلغت 11,22%»


_THEIR_NUMBER = _with_conjunctions({fold(w) for w in ("عددهم", "عددها", "عددهن")})


TOTAL_REACH = 8  # words before a figure searched for «إجمالي» when its parts are far


_TOTAL_WORDS = _TOTAL_CUES | _with_conjunctions(
    {fold(w) for w in ("إجمالية", "الإجمالي", "الإجمالية", "الكلي", "الكلية")}
)


TALLY_REACH = 8  # words before a whole searched for «عدد», «حصيلة», «إجمالي»
_COMMA_RE = re.compile("[،,؛;]")


_ON = fold("على")
_NEGATIONS = {fold(w) for w in ("لا", "لم", "لن", "ولا", "ولم", "ولن", "ليس", "غير")}


def _negated(before: list[str]) -> bool:
    return bool(before) and before[-1] in _NEGATIONS


_INCLUDES = _with_conjunctions(
    {fold(w) for w in ("تضمنت", "تضمن", "تتضمن", "يتضمن", "شملت", "شمل", "تشمل", "يشمل", "حيث")}
)


def _splits(before: list[str]) -> bool:
    """A breakdown cue among the words, not negated («ولا تشمل الانتخابات ثلاث محافظات»)."""
    if _SPLIT_CUES.isdisjoint(before):
        return False
    return any(x in _SPLIT_CUES and not _negated(before[:n]) for n, x in enumerate(before))


def _only_includes(before: list[str]) -> bool:
    """The one breakdown cue is a verb of including and no tally is named with it: «العام
    الدراسي يتضمن ثلاثة فصول» says what a year holds; it splits a whole only of the same
    noun («في 15 محافظة، وتشمل ثلاث محافظات»), while «وتضمنت حصيلة القتلى ستين طفلا»
    splits the toll it names, and «وشمل الهجوم نحو 170 مسيرة …» the attack (a batch,
    a convoy, a shipment: `_BATCHES`) whose count the text gave before."""
    if any(x in _TALLY_WORDS or bare(x) in _TALLY_WORDS or x in _BATCHES for x in before):
        return False
    cues = [x for x in before if x in _SPLIT_CUES]
    return bool(cues) and all(x in _INCLUDES for x in cues)


# Connectives that open a clause about something else («…، بينما ارتفع عدد المصابين إلى»).
_CONTRASTS = _with_conjunctions(
    {fold(w) for w in ("بينما", "فيما", "حين", "وسط", "مقابل", "بالمقابل")}
)


def _tally_named(before: list[str]) -> str | None:
    """«ليرتفع عدد القتلى إلى»: the category the running tally counts, if read."""
    for a, b in pairwise(before):
        if a in _TALLY_WORDS or (a[:1] in "وفبل" and a[1:] in _TALLY_WORDS):
            return noun_category(b)
    return None


_THESE = fold("هؤلاء")
_THESE_WORD = frozenset({_THESE})
# «بواقع» and a pronoun of the whole («قتل 23 شخصا، هم 15 رجلا و5 نساء و3 أطفال») before a
# list of two or more name its parts
_NAMELY_CUES = _with_conjunctions({fold(w) for w in ("بواقع", "هم", "هن", "هي")})


def _min_offset(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _among_these(before: list[str]) -> bool:
    """«ومن بين هؤلاء 18 ألفا و540»: «بين هؤلاء» points back to the group just counted."""
    return any(a == _AMONG and b == _THESE for a, b in pairwise(before))


_IN = fold("في")
_PLACE_CATEGORIES = PLACE_CATEGORIES


# «ينقسمون إلى 19 ألفا من …، إضافة إلى 2545 تونسيا»: «إضافة إلى» adds one more part.
_BESIDES = re.compile(r"[،,]\s*و?(?:بالإضافة|إضافة|بالاضافة|اضافة)\s+(?:إلى|الى)\s*$")
_AND_HELD = re.compile(r"(?:^|[\s،,])و\S+(?:\s+\S+){0,2}\s+ب\s*ـ*\s*$")
# «كالتالي: حلب 432، ودير الزور 78»: a row of a prose table, a name (up to three words) then
# its figure, opened after a colon; the next rows are «، و» and a name
_ROW_OPENED = re.compile(r":\s*[^\s\d:،,.]+(?:\s+[^\s\d:،,.]+){0,2}\s*$")
_AND_ROW = re.compile(
    r"^\s*(?:[^\s\d:،,.]+\s*)?[،,]\s*و[^\s\d:،,.]+(?:\s+[^\s\d:،,.]+){0,2}\s*$"
)  # («إربد 9200 طن، وعجلون 5600 طن»: the row's noun or unit before the comma)


_BARE_PART_CUES = frozenset(
    fold(w) for w in ("بينهم", "بينها", "بينهن", "منهم", "منها", "منهن", "ضمنهم", "ضمنها")
)


# Words that put a figure in the past or set it against another: a former value. Before
# the figure, in its clause, any of them; after it, only the words naming a past period
# («40 مقعدا بعدما كان …» says 40 is the current value).
_PAST_AFTER = {
    fold(w)
    for w in (
        *("الماضي", "الماضية", "السابق", "السابقة", "سابقا", "المنصرم", "المنصرمة"),
        *("الفائت", "الفائتة", "سبقه", "سبقها", "سبقته", "قبله", "قبلها"),
    )
}
_PAST = _PAST_AFTER | {fold(w) for w in ("كان", "كانت", "بعدما", "مقارنة", "بالماضي")}
PAST_REACH = 6  # words before a figure, in its clause, searched for a past marker


# «أكبرهم عددا», «أكثرها تضررا»: the largest of a group counted before is one of its parts.
_MOST_OF = _with_conjunctions(
    {fold(w) for w in ("أكبرهم", "أكبرها", "أكثرهم", "أكثرها", "أعلاها", "أعلاهم")}
)


_ALLOT = _with_conjunctions(
    {fold(w) for w in ("خصصت", "خصص", "تخصص", "يخصص", "رصدت", "رصد", "ترصد", "يرصد")}
)
_SPENDING = {fold(w) for w in ("نفقات", "مصروفات", "إنفاق")}  # their stems, the words
ALLOT_REACH = 4  # words between an allocation verb and the first sum it allots


_ALONE = _with_conjunctions({fold(w) for w in ("وحده", "وحدها", "وحدهم", "وحدهن")})


_FUNCTION_WORDS = {
    fold(w) for w in ("في", "من", "على", "إلى", "عن", "مع", "منها", "منهم", "بين", "وفي", "فقط")
}


def _is_noun(word: str) -> bool:
    return len(word) >= 3 and word not in _FUNCTION_WORDS and word.isalpha()


def _consonants(noun: str) -> str:
    """The consonant skeleton of a counted noun, hamza off («شهيدا», «شهداء»: شهد)."""
    return _skeleton(noun).replace("ء", "") if _is_noun(noun) else ""


_OTHERS = {
    fold(w) for w in ("آخرون", "آخرين", "أخرى", "آخر", "أخريات", "آخران", "أخريان", "أخريين")
}  # («وأصيب اثنان آخران»: two others)
# «و» and a qualifier cue before a figure («، ونحو مليون», «وأكثر من 200»): still «و».
_AND_QUALIFIED = re.compile(
    r"(^|\s)و(?:نحو|قرابة|حوالي|حوالى|زهاء|أكثر\s+من|أقل\s+من|ما\s+يقرب\s+من"
    r"|ما\s+يزيد\s+(?:على|عن)|ما\s+لا\s+يقل\s+عن)\s*$"
)
# The last word of each form above: a gap that does not end in one of them holds none.
_AND_QUALIFIED_ENDS = ("نحو", "قرابة", "حوالي", "حوالى", "زهاء", "من", "على", "عن")


def _and_plain(between: str) -> str:
    """`_AND_QUALIFIED.sub(r"\1و ", between)` («، ونحو» read as «، و»). The regex has no
    literal to skip ahead by and is tried at every offset of the gap; it can only match
    at the gap's end, so it runs only on a gap that ends in one of its last words."""
    if not between.rstrip().endswith(_AND_QUALIFIED_ENDS):
        return between
    return _AND_QUALIFIED.sub(r"\1و ", between)


_IN_PLACES = re.compile(r"(?:^|\s)في\s*$")


_PER_EACH = frozenset(fold(w) for w in ("كل", "لكل", "بكل"))


# A verbal noun before a figure says what it counts («مقتل 229 مدنيا», «إصابة 500»).
_EVENT_NOUNS = {
    fold(w): c
    for c, ws in {
        "killed": ("مقتل", "وفاة", "مصرع"),
        "wounded": ("إصابة", "جرح"),
        "detainees": ("اعتقال", "أسر"),
        "displaced": ("نزوح",),
    }.items()
    for w in ws
}
_TOLL = {fold(w) for w in ("حصيلة", "الحصيلة", "عدد")}


_DID = {
    fold(w): c
    for c, ws in {
        "killed": ("قتل", "قتلت", "قتلوا", "لقي", "لقوا", "استشهد", "استشهدوا", "توفي"),
        "wounded": ("أصيب", "أصيبوا", "جرح", "جرحوا"),
        "displaced": ("نزح", "نزحوا"),
    }.items()
    for w in ws
}


def _reaches_total(before: list[str]) -> bool:
    """«ليصل العدد الإجمالي إلى», «ليرتفع عدد النازحين … إلى»: a running total."""
    if not any(w in _TO for w in before[-4:]) or _has(before[-4:], _PART_CUES):
        return False
    if any(a in _IN_ADDITION and b in _TO for a, b in pairwise(before[-4:])):
        return False  # «ارتفع إلى 12.400 شخص، بالإضافة إلى 52 ألف جريح»: another count
    # «يرفع» reaches a total only as what the count just told does («مما يرفع العدد إلى
    # 43»); «عادت لترفع الحصيلة إلى 137» restates the toll a source had given
    rises = any(w in _RISE_VERBS and w not in _RAISES for w in before) or any(
        a in _WHICH and b in _RAISES for a, b in pairwise(before)
    )
    return rises and any(w in _TALLY_WORDS for w in before)


def _possessive_off(word: str) -> str:
    """«من أصواتهم» → «أصوات»: the pronoun suffix names the whole, the noun its group."""
    for end in ("هم", "هن", "ها"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


# Shares of the votes are shares of the voters who cast them.
_SHARE_GROUPS = {"votes": "voters"}


_IN_ADDITION = {fold(w) for w in ("بالإضافة", "إضافة", "وبالإضافة", "بالاضافة", "اضافة")}
# «تلاه/تلته/تلاها/تلاهم»: followed by it, her, them — each pronoun of the ranked
_RANK_WORDS = {
    fold(v + p)
    for v, pronouns in (("يلي", ("ه", "ها", "هم", "هن")), ("تلي", ("ه", "ها", "هم", "هن")),
                        ("تلا", ("ه", "ها", "هم", "هن")), ("تلت", ("ه", "ها", "هم", "هن")))
    for p in pronouns
} | {fold("ثم")}  # fmt: skip
_RESTATES = {fold(w) for w in ("أي", "بنسبة", "نسبته", "نسبتهم", "معدل", "نسبة")}
_AGAINST = {fold(w) for w in ("مقابل", "ومقابل")}
_BY = re.compile(r"ب\s*ـ*\s*$")


# what a held share is held by, right before the figure: «بـ87 مقعدا», «على 23 مقعدا», «في
# 21 وفاة» (a cause held responsible for its share: «سببا في 38 منها، وعدم ترك مسافة في 21»)
# («بالسجن المؤبد بحق سبعة»: a verdict held against a group of the accused)
_HELD = re.compile(
    r"(?:(?<!\S)و?ب\s*ـ*\s*|بنحو\s+|بحوالي\s+|على\s+|علي\s+|(?<!\S)في\s+|(?<!\S)بحق\s+)$"
)
_FOLLOWED = _with_conjunctions(_RANK_WORDS | {fold(w) for w in ("متبوعا", "متبوعة")})


_SPENDING_STEMS = frozenset(_stem(w) for w in _SPENDING)
# Words around a figure that name no noun a total and its part could share.
_NOT_NOUNS = {
    _stem(fold(w)) for w in ("تبلغ", "يبلغ", "بلغ", "بلغت", "أن", "إن", "إلى", "من", "في")
}
