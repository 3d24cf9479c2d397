"""Read the number written in a QUANTITY span.

`read_surface` returns a `Surface`:
- `number` with an exact `Fraction` when the whole span reads as one count (SPEC §4a);
- `percent` for a percentage or per-mille (`50%`, `خمسين بالمئة`, `20 بالألف`), value in
  percent: a share, never a count, so it never compares with an annotated value;
- `vague` for vague quantity words (`عدة آلاف`, `الآلاف`, `مئات`, `ألف ونيف`);
- `other` for anything else, and whenever the reading is not certain: a wrong number raises a
  false `value.surface` error, no number keeps the rule silent.

The span is cut into tokens; the first may carry an attached prefix (و ف ب ل ك ال لل and
their combinations, also on digits: `بـ500`), later ones only the conjunction `و`. Tokens
become lexical items and a small grammar reads them: a *term* is a closed group (digits or
number words below 1000) followed by scale words that multiply (`ثلاثة آلاف`, `ألف مليون`),
a scale word on its own (`مليون`, the dual `مليونين`), or a fraction of a scale
(`نصف مليون`); terms joined by `و` add, each smaller than the magnitude before it
(`مليون و200 ألف`). Anything the grammar does not cover is `other`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import prod

import numpy as np
import pandas as pd

from checks.arabic import INVISIBLE, fold, strip_marks, western_digits

NUMBER, PERCENT, VAGUE, AMBIGUOUS, OTHER = "number", "percent", "vague", "ambiguous", "other"
Num = int | Fraction
# Past what any figure can be: a digit run longer than MAX_DIGITS (Python refuses int() past
# 4,300 digits, and parsing long runs is slow) or a value of LIMIT or more (float64 would
# overflow further on) is unreadable, never an error. Figures above what facts hold exactly
# (2**53) are still read, so that `tally extract` can name them in a notice.
LIMIT = 10**40
MAX_DIGITS = 40


@dataclass(frozen=True)
class Surface:
    """What a span writes. `value` is in `unit` for a percentage (`percent` or `per_mille`);
    for AMBIGUOUS it is the count reading (`12.400` → 12400, `2ر1 مليون` → 1200000), which an
    extractor may take for a count but a rule never compares; `low`/`high` are a vague
    word's bounds from `VAGUE_TABLE` (None when the table has none)."""

    kind: str
    value: Fraction | None = None
    unit: str | None = None
    low: int | None = None
    high: int | None = None


# Lexical categories.
UNIT = "unit"  # 1..9 (`واحد` … `تسعة`)
HEAD = "head"  # `أحد`, `إحدى`: 1, only in 11 and 21, 31, …
TEEN2 = "teen2"  # `اثنا`, `اثنتي`: 2, only in 12
TEN = "ten"  # `عشر`, `عشرة`: 10 alone, or the second word of 11-19
TENS = "tens"  # 20..90
HUNDRED = "hundred"  # 100..900 in one word; `مئة` also after a unit (`ثلاث مئة`)
COUNTING = "counting"  # a unit's form with ة («ثلاثة»): never the first word of a hundred
SCALE = "scale"  # ألف, مليون, مليار, بليون, تريليون in a grammatical form
SCALE_DEF = "scale_def"  # the same with the article: `المليون` in `نصف المليون`
FRACTION = "fraction"  # `نصف`, `ربع`
QUARTERS = "quarters"  # `أرباع` in `ثلاثة أرباع`
ZERO = "zero"
DIGITS = "digits"
AND = "and"

# Scale forms: singular (also the genitive after 11+), accusative in -ا (singular after
# 11-99, or the construct dual «ألفا شخص»), dual with ن (stands alone), construct dual in -ي,
# plural (after 3-10).
SING, ACC, DUAL, DUAL_CONSTRUCT, PLURAL = "sing", "acc", "dual", "dual_construct", "plural"


@dataclass(frozen=True, slots=True)
class Item:
    cat: str
    value: Num = 0  # int where whole: exact and cheaper than Fraction
    form: str = ""
    tanween: bool = False  # the token carried tanween fatha (`ألفًا`): accusative singular
    decimal_comma: bool = False  # digits whose comma is a decimal mark: need a scale word
    # `12.400`, `2ر1`: read as `value` (a decimal) before a scale word; alone `12.400` is read
    # both ways by outlets (12.4, 12,400) and `2ر1` is a press form: both are AMBIGUOUS, and
    # `whole` is the count reading (12400) or None.
    dot_three: bool = False
    whole: int | None = None
    press: bool = False  # `2ر1`: ر between digits, written fraction first (1.2)
    # `12.430.118`, `2,371,675`, `2371675`: written out to the unit (two group marks or
    # more, or a million and up); a scale word after it no larger than it names its
    # magnitude («12.430.118 مليون نسمة») or multiplies a table in thousands: AMBIGUOUS
    written_out: bool = False


_AND = Item(AND)


def _fold_keys(words: dict[str, Item]) -> dict[str, Item]:
    return {fold(w): item for w, item in words.items()}


def _units() -> dict[str, Item]:
    words: dict[str, Item] = {}
    for n, forms in {
        1: ("واحد", "واحدة", "واحدا"),
        2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "ثنتان", "ثنتين"),
        # the accusative of the bare form too: «ثلاثمائة وسبعًا وعشرين»
        3: ("ثلاث", "ثلاثة", "ثلاثا"),
        4: ("أربع", "أربعة", "أربعا"),
        5: ("خمس", "خمسة", "خمسا"),
        6: ("ست", "ستة", "ستا"),
        7: ("سبع", "سبعة", "سبعا"),
        8: ("ثمان", "ثماني", "ثمانية", "ثمانيا"),
        9: ("تسع", "تسعة", "تسعا"),
    }.items():
        for w in forms:
            # «ثلاثة» (with ة) counts things; the hundreds take the form without it
            # («ثلاث مئة», «ثلاثمئة»): «الأيام الثلاثة مئة ألف زائر» is 3 days, then 100,000
            words[w] = Item(UNIT, n, COUNTING if w.endswith("ة") else "")
    for w in ("أحد", "إحدى"):
        words[w] = Item(HEAD, 1)
    for w in ("اثنا", "اثني", "اثنتا", "اثنتي"):
        words[w] = Item(TEEN2, 2)
    for w in ("عشر", "عشرة"):
        words[w] = Item(TEN, 10)
    for n, stem in enumerate(("", "", "عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع")):
        if n >= 2:
            for end in ("ون", "ين"):
                words[stem + end] = Item(TENS, 10 * n)
    hundred = ("مائة", "مئة")
    for w in hundred:
        words[w] = Item(HUNDRED, 100)
    for stem in ("مائت", "مئت"):
        for end in ("ان", "ين", "ا", "ي"):
            words[stem + end] = Item(HUNDRED, 200)
    stems = {3: ("ثلاث", "ثلث"), 4: ("أربع",), 5: ("خمس",), 6: ("ست",), 7: ("سبع",)}
    stems |= {8: ("ثمان", "ثماني"), 9: ("تسع",)}
    for n, ss in stems.items():
        for stem in ss:
            for w in hundred:
                words[stem + w] = Item(HUNDRED, 100 * n)
    words["صفر"] = Item(ZERO)
    words["نصف"] = Item(FRACTION, Fraction(1, 2))
    words["ربع"] = Item(FRACTION, Fraction(1, 4))
    words["أرباع"] = Item(QUARTERS, Fraction(1, 4))
    return words


def _scales() -> dict[str, Item]:
    words: dict[str, Item] = {}
    for scale, sing, plurals in (
        (10**3, ("ألف",), ("آلاف",)),
        (10**6, ("مليون",), ("ملايين",)),
        (10**9, ("مليار",), ("مليارات", "ملايير")),  # «ملايير»: Moroccan and Algerian
        # «بليون» is the short-scale name of the milliard in Gulf and Hayat style.
        (10**9, ("بليون",), ("بلايين",)),
        (10**12, ("تريليون", "ترليون"), ("تريليونات", "ترليونات")),
    ):
        s = scale
        for w in sing:
            words[w] = Item(SCALE, s, SING)
            words[w + "ا"] = Item(SCALE, s, ACC)
            words[w + "ان"] = Item(SCALE, s, DUAL)
            words[w + "ين"] = Item(SCALE, s, DUAL)
            words[w + "ي"] = Item(SCALE, s, DUAL_CONSTRUCT)
            words["ال" + w] = Item(SCALE_DEF, s, SING)
        for w in plurals:
            words[w] = Item(SCALE, s, PLURAL)
    return words


_LEXICON = _fold_keys({**_units(), **_scales()})

# Vague quantity words: a span holding one is vague, never a number.
_VAGUE = {
    fold(w)
    for w in (
        "عدة",
        "بضعة",
        "بضع",
        "عشرات",
        "مئات",
        "مئآت",
        "ألوف",
        "الآلاف",
        "الملايين",
        "المليارات",
        "نيف",  # «ألف ونيف»: a thousand and some
        "ونيف",
    )
}
# A plural scale word alone (`آلاف`) is vague: "thousands".
_PLURAL_ALONE = {w for w, item in _LEXICON.items() if item.form == PLURAL}

# SPEC §3, the one table of vague-word bounds (rules, extractor and docs read it): a few or
# several is 3-9; the plural of a unit is at least three of it and below ten of it; the
# plural of a scale word alone is at least three of it and up to the largest figure still
# said in it. A scale word that follows multiplies (`عشرات الآلاف` → [30000, 99999]).
VAGUE_TABLE: dict[str, tuple[int, int]] = {
    "بضعة": (3, 9),
    "بضع": (3, 9),
    "عدة": (3, 9),
    "عشرات": (30, 99),
    "مئات": (300, 999),
    "آلاف": (3000, 999_999),
    "ملايين": (3_000_000, 999_999_999),
    "مليارات": (3_000_000_000, 999_999_999_999),
}
_VAGUE_HEADS = {fold(w): b for w, b in VAGUE_TABLE.items()} | {
    fold("مئآت"): VAGUE_TABLE["مئات"],
    fold("ألوف"): VAGUE_TABLE["آلاف"],
}
# Scale words that multiply the bounds of a head before them (`عدة آلاف`, `مئات الآلاف`).
_VAGUE_SCALES = {
    fold(w): n
    for w, n in {
        "مئات": 100,
        "المئات": 100,
        "آلاف": 10**3,
        "ألوف": 10**3,
        "الآلاف": 10**3,
        "ألف": 10**3,
        "ملايين": 10**6,
        "الملايين": 10**6,
        "مليون": 10**6,
        "مليارات": 10**9,
        "المليارات": 10**9,
        "مليار": 10**9,
    }.items()
}

# Percent and per-mille: marks glued to digits, one-word and two-word markers.
PER_CENT, PER_MILLE = "percent", "per_mille"
_PERCENT_SIGNS = {"%": PER_CENT, "٪": PER_CENT, "‰": PER_MILLE, "؉": PER_MILLE}
_PERCENT_WORDS = {
    **{fold("بال" + w): PER_CENT for w in ("مئة", "مائة", "مية")},
    fold("بالألف"): PER_MILLE,
}
_PERCENT_PAIRS = {
    **{(fold(f), fold("ال" + w)): PER_CENT for w in ("مئة", "مائة", "مية") for f in ("في", "فى")},
    **{(fold(f), fold("الألف")): PER_MILLE for f in ("في", "فى")},
}
_PERCENT_ANYWHERE = set(_PERCENT_WORDS)
_PERCENT_TOKENS = _PERCENT_ANYWHERE | {b for _, b in _PERCENT_PAIRS}
_PERCENT_FIRSTS = {a for a, _ in _PERCENT_PAIRS}
_PERCENT_SIGN = re.compile("[" + "".join(_PERCENT_SIGNS) + "]")

# Masculine duals of nouns counted in conflict and disaster reporting. A closed list on
# purpose: a word in -ين is as often a sound plural (`مسلحين`, `مدنيين`), so only nouns whose
# plural is broken (شخص/أشخاص, جندي/جنود) are listed. Nominative -ان forms that are also a
# plural or a name (`بلدان`, `صبيان`, `ولدان`, `حيان`) are left out.
_MASCULINE_DUAL_STEMS = (
    # people
    "شخص",
    "رجل",
    "طفل",
    "ولد",
    "صبي",
    "شاب",
    "جندي",
    "ضابط",
    "عنصر",
    "قتيل",
    "جريح",
    "شهيد",
    "أسير",
    "طبيب",
    "شقيق",
    "سجين",
    "وزير",
    "نائب",
    "سفير",
    "رئيس",
    "زعيم",
    "قائد",
    # time
    "يوم",
    "أسبوع",
    "شهر",
    "عام",
    "عقد",
    "قرن",
    # places and buildings
    "بلد",
    "حي",
    "منزل",
    "بيت",
    "مبنى",
    "مستشفى",
    "مسجد",
    "مخيم",
    "موقع",
    "حاجز",
    "معبر",
    "جسر",
    "مركز",
    "ريف",
    "سد",
    "مطار",
    "ميناء",
    "قضاء",  # a district: «قضاءي طرابلس وعكار»
    # parties and armed groups
    "حزب",
    "فصيل",
    "تنظيم",
    "فريق",
    "طرف",
    "جانب",
    # sport: «فوزين وتعادلين», «موسمين», «نهائيين», «لقبين»
    "فوز",
    "تعادل",
    "موسم",
    "نهائي",
    "لقب",
    # weapons, events, vehicles, money
    "صاروخ",
    "نفق",
    "مقعد",
    "هدف",
    "هجوم",
    "انفجار",
    "زلزال",
    "قارب",
    "زورق",
    "دولار",
)
_NOT_DUAL = {fold(w) for w in ("بلدان", "صبيان", "ولدان", "حيان")}
# Oblique forms that are as often a sound plural of a participle: «معبرين عن» (expressing),
# «الموقعين» (signatories), «مركزين على» (focusing), «المخيمين» (campers), «حاجزين».
_NOT_DUAL |= {fold(w) for w in ("معبرين", "موقعين", "مركزين", "مخيمين", "حاجزين")}
_MASCULINE_DUALS = {
    fold(stem + end) for stem in _MASCULINE_DUAL_STEMS for end in ("ين", "ان")
} - _NOT_DUAL
# Words shaped like a feminine dual (-تين/-تان) that are not one: names, loanwords, countries.
_NOT_FEMININE_DUAL = {
    fold(w)
    for w in (
        "بوتين",
        "روتين",
        "بروتين",
        "لاتين",
        "مارتين",
        "جاستين",
        "كريستين",
        "فالنتين",
        "كونستانتين",
        "أرجنتين",
        "ثابتين",
        "صامتين",
        "ميتين",  # the dead (plural or dual)
        "ميتان",
        "حيتان",  # whales
        "بهتان",
        "نيكوتين",
        "جيلاتين",
        "بلاتين",
        "كيراتين",
        "كوينتين",
        "إيتان",
        "ناتان",
        "يوناتان",
        "ساتان",
        "تيتان",
        "بستان",
        "بساتين",  # orchards: a broken plural shaped like a feminine dual
        "فستان",
        "كتان",
        "بوتان",
        "أفغانستان",
        "باكستان",
        "كردستان",
        "كوردستان",
        "طاجيكستان",
        "أوزبكستان",
        "تركمانستان",
        "كازاخستان",
        "قرغيزستان",
        "قيرغيزستان",
        "داغستان",
        "تتارستان",
        "هندوستان",
        "عربستان",
        "بلوشستان",
        "وزيرستان",
        "خوزستان",
        "لرستان",
        "سيستان",
        "كوهستان",
    )
}
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")

# Prefixes attached to the first token, longest first: conjunction, preposition, article.
_FIRST_PREFIXES = tuple(
    sorted(
        {
            c + p + a
            for c in ("", "و", "ف")
            for p, a in (
                ("", ""),
                ("ب", ""),
                ("ل", ""),
                ("ك", ""),
                ("", "ال"),
                ("ب", "ال"),
                ("ك", "ال"),
                ("لل", ""),
            )
        }
        - {""},
        key=len,
        reverse=True,
    )
)
_PREFIX_SET = frozenset(_FIRST_PREFIXES)
_VAGUE_PREFIXED = frozenset(p + w for p in ("", *_FIRST_PREFIXES) for w in _VAGUE)
_PLURAL_ALONE_PREFIXED = frozenset(p + w for p in ("", *_FIRST_PREFIXES) for w in _PLURAL_ALONE)
_PREFIX_LENGTHS = sorted({len(p) for p in _FIRST_PREFIXES}, reverse=True)
# Alone, «الاثنين» is Monday and «الأحد» Sunday as often as "the two"/"the one".
_NO_ARTICLE = {fold(w) for w in ("اثنين", "اثنان", "أحد", "إحدى")}

_DIGIT_TOKEN = re.compile(r"[0-9][0-9,٬.٫،]*")
# A thin or plain space between a digit and a group of three is a thousands mark, unless the
# group goes on with a mark of its own («الـ58 798.000»: two numbers, one grouped by dots)
_THIN_GROUPS = re.compile(r"(?<=\d)[\u2009\u202f\u00a0\u2007 ](?=\d{3}(?![\d.,٬٫]\d))")
_TANWEEN_FATH = re.compile("[\u064b\u08f0]")
_DAMMA_SECOND = re.compile(".\u064f")  # خُمس (a fifth), not خمس (five)
_ONE = {"واحد", "واحدة"}
# 100 and 200 spelled without hamza, standing alone (maybe prefixed): «مية» is also water,
# «ميتين» the dead, «كمية» a quantity. Inside a compound («خمسمية») they are read.
_HAMZALESS_HUNDRED = re.compile(r"(?:[وف]?(?:[بلك]|ال|بال|لل)?)مي[ةهتا]")
# `fold` and `western_digits` as one table (one pass over the span): folding works per code
# point, so the table is built by folding every code point it can change.
_FOLD_DIGITS = {
    cp: western_digits(fold(chr(cp))) or None
    for cp in (*range(0x0600, 0x0700), *range(0x06F0, 0x06FA), *range(0x08F0, 0x08F3))
    if western_digits(fold(chr(cp))) != chr(cp)
} | {ord(c): None for c in INVISIBLE}
_REMOVE = str.maketrans(dict.fromkeys(INVISIBLE + "\u0640"))
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_NOT_DIGIT = re.compile(r"[^0-9]+")
_DOT_THREE = re.compile(r"([0-9]{1,3})\.([0-9]{3})")
# The press form: digit groups joined by «ر», typed in the order they are displayed right
# to left, so the most significant group comes last («2ر1» shows as 1ر2). The groups read
# the other way round form one number whose first mark is the decimal point before a
# scale word («675ر371ر2 مليون» = 2.371675 million, «953ر612 ألف» = 612.953 thousand,
# «2ر1 مليون» = 1.2 million) and whose marks all separate thousands when the groups after
# the first have three digits and no scale word follows («140ر34 حاجا» = 34,140).
_PRESS = re.compile(r"[0-9]+(?:ر[0-9]+)+")
_PLAIN = re.compile(r"[0-9]+")
_GROUP_MARKS = re.compile(r"[,٬.،](?=[0-9]{3})")
# A press agency's decimal set right to left with a space after the «ر» («4ر 1797» for
# 1797.4) is read as the press form it stands for. (A figure typeset without the space
# before its scale word, «2036مليون», is left unread here: the extractor reads it apart,
# `quantities._GLUED_SCALE`, and `value.surface` stays silent on it.)
_PRESS_SPACED = re.compile(r"(?<=\d)ر\s+(?=\d)")
# Digits, the Arabic comma, one or two digits: a decimal where a scale word or a percent
# follows («١،٥ مليون», «50،24%»), a list of two numbers elsewhere («المادتين 3،5»).
_COMMA_DECIMAL = re.compile(r"[0-9]+،[0-9]{1,2}")


def parse_digits(token: str, scale_follows: bool = False) -> Fraction | None:
    """A digit string (Western digits) with its separators, or None.

    `,` `٬` and `،` separate groups of three; `٫` is a decimal mark; `.` is a decimal mark
    unless it separates groups of three more than once (SPEC §4a). A single `,` followed by
    one or two digits cannot separate thousands, so it is a decimal mark (`7,8` on the
    Richter scale); after the Arabic comma `،`, the list separator of Arabic text, it is
    read so only before a scale word (`١،٥ مليون`), since `٣،٥` alone may be a list. More
    than MAX_DIGITS digits: None (unreadable, never an error).
    """
    if len(_NOT_DIGIT.sub("", token)) > MAX_DIGITS:
        return None
    arabic_comma = "،" in token
    token = token.replace("٬", ",").replace("،", ",")
    if "٫" in token:
        whole, _, frac = token.partition("٫")
        return _decimal(whole, frac)
    if token.count(".") > 1:
        if "," in token:
            return None
        return _grouped(token.replace(".", ","))
    if "." in token:
        whole, _, frac = token.partition(".")
        return _decimal(whole, frac)
    if (scale_follows or not arabic_comma) and token.count(",") == 1:
        whole, _, frac = token.partition(",")
        if len(frac) in (1, 2) and _PLAIN.fullmatch(whole) and _PLAIN.fullmatch(frac):
            return _decimal(whole, frac)
    return _grouped(token)


def _decimal(whole: str, frac: str) -> Fraction | None:
    if not _PLAIN.fullmatch(frac):
        return None
    w = _grouped(whole)
    return None if w is None else w + Fraction(int(frac), 10 ** len(frac))


def _grouped(token: str) -> Fraction | None:
    if _PLAIN.fullmatch(token):
        return Fraction(int(token))
    if _GROUPED.fullmatch(token):
        return Fraction(int(token.replace(",", "")))
    return None


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # folded, Western digits
    tanween: bool
    fraction_mark: bool
    hamzaless_one: bool = False  # written «واحد» with bare alif: "one", not «وأحد» "and one"
    hamzaless_hundred: bool = False  # a lone «مية», «ميتين»: water, the dead, «كمية»


def _tokens(span: str) -> list[_Token]:
    """Whitespace tokens, with what diacritics and hamza tell before folding drops them."""
    span = _PRESS_SPACED.sub("ر", span)
    raw = _THIN_GROUPS.sub("", span.translate(_REMOVE)).split()
    folded = " ".join(raw).translate(_FOLD_DIGITS).split()
    if len(folded) != len(raw):  # a token of diacritics only
        folded = [t.translate(_FOLD_DIGITS) for t in raw]
    out = []
    for t, f in zip(raw, folded, strict=True):
        if not f:
            continue
        marked = t != f
        plain = strip_marks(t) if marked and ("مي" in f or f in _ONE) else t
        out.append(
            _Token(
                f,
                marked and _TANWEEN_FATH.search(t) is not None,
                marked and _DAMMA_SECOND.match(t) is not None,
                plain in _ONE,
                "مي" in f and _HAMZALESS_HUNDRED.match(plain) is not None,
            )
        )
    return out


def _digit_item(text: str, tok: _Token) -> Item | None:
    if not _DIGIT_TOKEN.fullmatch(text):
        if _PRESS.fullmatch(text):  # «2ر1»: displayed right to left as 1ر2, i.e. 1.2
            first, *rest = reversed(text.split("ر"))
            digits = "".join(rest)
            value = Fraction(int(first)) + Fraction(int(digits), 10 ** len(digits))
            thousands = all(len(g) == 3 for g in rest) and len(first) <= 3
            return Item(DIGITS, value, press=True, whole=int(first + digits) if thousands else None)
        return None
    if m := _DOT_THREE.fullmatch(text):
        whole, frac = m.groups()
        value = Fraction(int(whole)) + Fraction(int(frac), 1000)
        # «0.725 ريال لكل سهم»: no outlet writes thousands after a zero, so its count
        # reading is none (the form stays ambiguous to the rules, as the SPEC has it)
        count = int(whole + frac) if int(whole) else None
        return Item(DIGITS, value, dot_three=True, whole=count)
    value = parse_digits(text)
    if value is not None:
        if value.denominator == 1 and (
            value >= 10**6 or len(_GROUP_MARKS.findall(text)) >= 2
        ):  # written to the unit, with or without its group marks: one reading of both
            return Item(DIGITS, int(value), written_out=True)
        return Item(DIGITS, int(value) if value.denominator == 1 else value)
    value = parse_digits(text, scale_follows=True)
    return None if value is None else Item(DIGITS, value, decimal_comma=True)


def _word_item(text: str, tok: _Token) -> Item | None:
    item = _LEXICON.get(text)
    if item is None:
        return _digit_item(text, tok)
    if tok.fraction_mark and item.cat in (UNIT, TEN):
        return None  # خُمس, عُشر: a fraction, not a cardinal
    if tok.hamzaless_hundred and item.cat == HUNDRED and item.value <= 200:
        return None
    if tok.tanween and item.cat == SCALE:
        return Item(SCALE, item.value, item.form, tanween=True)
    return item


def _prefixes_of(text: str) -> list[str]:
    """The attachable prefixes `text` starts with, longest first."""
    return [text[:k] for k in _PREFIX_LENGTHS if text[:k] in _PREFIX_SET and len(text) > k]


def _first_item(tok: _Token, alone: bool) -> Item | None:
    """The first token: a word or digits, maybe with an attached prefix."""
    item = _word_item(tok.text, tok)
    if item is not None:
        return item
    for p in _prefixes_of(tok.text):
        rest = tok.text[len(p) :]
        if _DIGIT_TOKEN.fullmatch(rest):
            return _digit_item(rest, tok)
        # A prefixed word needs three letters (`لست` is "I am not", not ل + ست), but for و.
        if len(rest) < (2 if p == "و" else 3):
            continue
        if alone and "ال" in p and rest in _NO_ARTICLE:
            return None
        if (item := _word_item(rest, tok)) is not None:
            if p.endswith("ال") and p != "ال" and item.cat == SCALE and item.form == SING:
                return None  # «بالألف» per mille, «بالمليون» per million or "by the million"
            return item
    return None


def _definite(text: str) -> bool:
    """The first word carries the article: `الثماني`, `بالأربع`."""
    return text not in _LEXICON and any(p.endswith("ال") for p in _prefixes_of(text))


def _items(tokens: list[_Token]) -> list[Item] | None:
    items: list[Item] = []
    definite = False
    for i, tok in enumerate(tokens):
        if i == 0:
            item = _first_item(tok, alone=len(tokens) == 1)
            if item is None:
                return None
            items.append(item)
            definite = _definite(tok.text)
            continue
        if tok.text == "و":
            items.append(_AND)
            continue
        # A definite compound repeats the article: «الثماني والأربعين» is 48, one number.
        if definite and tok.text.startswith("وال") and len(tok.text) > 5:
            item = _word_item(tok.text[3:], tok)
            if item is not None and item.cat in (TENS, UNIT, HUNDRED):
                items += [_AND, item]
                continue
            # folded «وألفان» also begins «وال»: then it is «و» and the word, read below
        # Later words join with «و»: split it off first, so «وأحد» (folded «واحد») is
        # "and one", as the grammar wants, not the bare «واحد».
        item = None
        # A bare-alif «واحد» stays "one": «مليون واحد» is one million, not 1,000,001.
        glued = items[-1].cat != AND and not tok.hamzaless_one
        if glued and tok.text.startswith("و") and len(tok.text) >= 2:
            item = _word_item(tok.text[1:], tok)
            if item is not None:
                items.append(_AND)
        if item is None:
            item = _word_item(tok.text, tok)
        if item is None:
            return None
        items.append(item)
    return items


class _Reader:
    """Recursive descent over the items of one span. Methods return None when not a number."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.pos = 0
        self.ambiguous = False

    def peek(self, k: int = 0) -> Item | None:
        i = self.pos + k
        return self.items[i] if i < len(self.items) else None

    def number(self) -> Fraction | None:
        if len(self.items) == 1 and self.items[0].cat == ZERO:
            return Fraction(0)
        total: Num = 0
        last_mag = 0  # magnitude of the previous term; 0 before the first
        whole = True  # the previous term's count is whole (not «1.5 مليون»)
        round_hundreds = False  # the previous term counts whole hundreds («مائة ألف»)
        while True:
            if last_mag:
                if (item := self.peek()) is None:
                    return Fraction(total)
                if item.cat != AND:
                    if not (last_mag >= 1000 and item.cat == DIGITS and self._tail_below(last_mag)):
                        return None
                    # «44 ألفًا 532», «8 مليون 38 ألف 209»: a smaller group typed after a
                    # scale word without its «و». One number if the span is one figure, which
                    # the reader cannot know: ambiguous, so `value.surface` stays silent.
                    self.ambiguous = True
                    self.pos -= 1  # the term starts here: undo the step over an «و» below
                self.pos += 1
                item = self.peek()
                if item is not None and item.cat == FRACTION and self.pos + 1 == len(self.items):
                    # «مليون ونصف»: a half or quarter of the scale before it ends the span.
                    if last_mag < 1000 or not whole:
                        return None
                    return Fraction(total + item.value * last_mag)
            term = self._term()
            if term is None:
                return None
            value, mag, group, scales = term
            if not last_mag or value < last_mag:
                total += value
            elif mag == last_mag and group is None and scales == 1 and round_hundreds:
                # «مائة ألف وألف», «مائتا مليون ومليونان»: the classical sum for 101, 102.
                total += value
            elif (
                scales == 1
                and group is not None
                and group.denominator == 1
                and last_mag >= 1000
                and group < last_mag
                and total < mag
            ):
                # «ألف وخمسمائة مليون» (Levant, Iraq): the last scale word multiplies the
                # whole sum, 1.5e9; read so only where adding would put a figure after a
                # smaller scale, which no one writes.
                total = (total + group) * mag
            else:
                return None
            last_mag = mag
            whole = group is None or group.denominator == 1
            round_hundreds = group is not None and group >= 100 and group % 100 == 0

    def _tail_below(self, last_mag: int) -> bool:
        """The digits at the reading point, with the scale words after them, count less than
        the scale before them (`44 ألفًا 532`, not `44 ألفًا 532 ألفًا`)."""
        start = self.pos
        term = self._term()
        self.pos = start
        return term is not None and term[0] < last_mag

    def _term(self) -> tuple[Num, int, Num | None, int] | None:
        """(value, magnitude, count before the scale words or None, number of scale words)."""
        item = self.peek()
        if item is None:
            return None
        if item.cat == FRACTION or (
            item.cat == UNIT and item.value == 3 and (q := self.peek(1)) and q.cat == QUARTERS
        ):
            return self._fraction_term()
        if item.cat in (SCALE, SCALE_DEF):
            return self._scale_term()
        group = self._group()
        if group is None:
            return None
        value, decimal_comma, *digits = group
        scales = self._scales(after_count=True)
        if scales is None or (decimal_comma and not scales):
            return None
        if digits and digits[0].written_out:
            if scales and value >= prod(scales):
                # «12.430.118 مليون نسمة»: the scale word names the magnitude. A budget
                # in thousands («1,250,000 ألف دينار») multiplies: two readings, silent.
                scales = []
                self.ambiguous = True
        elif digits:  # «12.400», «2ر1»: certain only as a decimal before a scale word
            if digits[0].press or not scales:
                self.ambiguous = True
            if not scales and digits[0].whole is not None:
                value = digits[0].whole  # «12.400 نازح», «140ر34 حاجا»: the count reading
        mag = 1
        for s in scales:
            mag *= s
        return value * mag, mag, value, len(scales)

    def _fraction_term(self) -> tuple[Num, int, Num, int] | None:
        """«نصف مليون», «ثلاثة أرباع المليون»; the fraction stands as the term's count."""
        item = self.peek()
        if item.cat == UNIT:  # ثلاثة أرباع
            frac = Fraction(3, 4)
            self.pos += 2
        else:
            frac = item.value
            self.pos += 1
        scale = self.peek()
        if scale is None or scale.cat not in (SCALE, SCALE_DEF) or scale.form not in (SING, ACC):
            return None
        self.pos += 1
        return frac * scale.value, int(scale.value), frac, 1

    def _scale_term(self) -> tuple[Num, int, None, int] | None:
        item = self.peek()
        if item.cat == SCALE_DEF:
            if self.pos != 0:
                return None
            count = 1
        elif item.form == SING or (item.form == ACC and item.tanween):
            count = 1
        elif (
            item.form == ACC
            and self.pos == 0
            and (nxt := self.peek(1)) is not None
            and (nxt.cat == AND)
        ):
            # «ألفا ومئتان», «مليونا و611 ألفا»: grammar says an accusative 1200 (a construct
            # dual cannot stand before و), careless writing a dual 2200. The grammatical
            # reading, marked ambiguous: an extractor takes it, `value.surface` stays silent.
            count = 1
            self.ambiguous = True
        elif item.form == ACC and self.pos != 0:
            return None  # «مليون وألفا»: unsure, and no reading is the grammatical one
        elif item.form in (ACC, DUAL, DUAL_CONSTRUCT):
            # A lone «ألفا» without tanween is the construct dual («ألفا شخص»): 2000.
            count = 2
        else:
            return None  # a plural scale word without a count is vague
        self.pos += 1
        rest: list[int] = []
        if item.form != DUAL:  # «ألفان» stands alone; «ألفي مليون» and «ألف مليون» stack
            more = self._scales(after_count=False, above=int(item.value))
            if more is None:
                return None
            rest = more
        mag = int(item.value)
        for s in rest:
            mag *= s
        return count * mag, mag, None, 1 + len(rest)

    def _scales(self, after_count: bool, above: int = 0) -> list[int] | None:
        """Scale words that multiply what comes before, in non-decreasing order."""
        out: list[int] = []
        while (item := self.peek()) is not None and item.cat == SCALE:
            first = after_count and not out
            if item.form in (DUAL, DUAL_CONSTRUCT) or (item.form == PLURAL and not first):
                return None
            scale = int(item.value)
            if scale < max(above, out[-1] if out else 0):
                return None
            out.append(scale)
            self.pos += 1
        return out

    def _group(self) -> tuple[Num, bool] | None:
        """A closed group: digits, or number words below 1000."""
        item = self.peek()
        if item.cat == DIGITS:
            self.pos += 1
            if item.press or item.dot_three or item.written_out:
                return item.value, item.decimal_comma, item
            return item.value, item.decimal_comma
        hundreds = 0
        nxt = self.peek(1)
        if item.cat == HUNDRED:
            hundreds = int(item.value)
            self.pos += 1
        elif item.cat == UNIT and item.value >= 3 and nxt and nxt.cat == HUNDRED:
            if nxt.value != 100 or item.form == COUNTING:
                return None
            hundreds = int(item.value) * 100  # ثلاث مائة
            self.pos += 2
        if hundreds:
            if (a := self.peek()) and a.cat == AND:
                save = self.pos
                self.pos += 1
                below = self._below_hundred()
                if below is not None:
                    return hundreds + below, False
                self.pos = save
            return hundreds, False
        below = self._below_hundred()
        return None if below is None else (below, False)

    def _below_hundred(self) -> int | None:
        item, nxt = self.peek(), self.peek(1)
        if item is None:
            return None
        unit = int(item.value)
        if nxt is not None and nxt.cat == TEN:
            # «واحد عشر» is not standard, but «وأحد عشر» folds to it; 11 either way.
            if item.cat in (UNIT, HEAD, TEEN2):
                self.pos += 2
                return 10 + unit
            return None
        if item.cat in (UNIT, HEAD) and nxt is not None and nxt.cat == AND:
            tens = self.peek(2)
            if tens is not None and tens.cat == TENS:
                self.pos += 3
                return unit + int(tens.value)
        after_and = self.pos > 0 and self.items[self.pos - 1].cat == AND
        if item.cat in (UNIT, TEN, TENS) or (item.cat == HEAD and after_and):
            self.pos += 1  # «أحد» alone is "one of" or Sunday; «ألف وأحد» is 1001
            return unit
        return None


def _read_number(tokens: list[_Token]) -> tuple[Fraction | None, bool]:
    """(value, ambiguous): the number the tokens write, and whether outlets write it two ways."""
    items = _items(tokens)
    if items is None:
        return None, False
    reader = _Reader(items)
    value = reader.number()
    if value is not None and value >= LIMIT:
        return None, False
    return value, reader.ambiguous


def _percent(tokens: list[_Token]) -> tuple[list[_Token], str] | bool | None:
    """Split off a percent or per-mille marker: (number tokens, unit), None when there is
    none, False when a marker stands where a percentage cannot."""
    texts = [t.text for t in tokens]
    if _PERCENT_TOKENS.isdisjoint(texts) and not _PERCENT_SIGN.search("".join(texts)):
        return None
    factor: str | None = None
    if len(texts) >= 2 and (pair := _PERCENT_PAIRS.get((texts[-2], texts[-1]))):
        tokens, factor = tokens[:-2], pair
    elif texts[-1] in _PERCENT_WORDS:
        tokens, factor = tokens[:-1], _PERCENT_WORDS[texts[-1]]
    else:
        first, last = tokens[0], tokens[-1]
        for sign, f in _PERCENT_SIGNS.items():
            if last.text.endswith(sign):
                tokens = [*tokens[:-1], _Token(last.text[: -len(sign)], False, False)]
            elif first.text.startswith(sign):  # «%50» as typed in right-to-left text
                tokens = [_Token(first.text[len(sign) :], False, False), *tokens[1:]]
            else:
                continue
            factor = f
            break
        tokens = [t for t in tokens if t.text]
    rest = "".join(t.text for t in tokens)
    if any(s in rest for s in _PERCENT_SIGNS) or any(t.text in _PERCENT_ANYWHERE for t in tokens):
        return False
    if factor is None:
        return None
    return tokens, factor


def _is_dual(tokens: list[_Token]) -> bool:
    """A counted dual: feminine -تين/-تان, a masculine dual of the closed list, or either in
    construct state before what it counts (`بلدتي الفوعة وكفريا`, `ريفي حلب وإدلب`)."""
    if len(tokens) != 1:
        return False
    text = tokens[0].text
    candidates = [text] + [text[len(p) :] for p in _prefixes_of(text) if len(text) - len(p) >= 4]
    if any(word in _NOT_FEMININE_DUAL for word in candidates):
        return False
    if any(word in _MASCULINE_DUALS for word in candidates):
        return True
    if is_construct_dual(text):
        return True
    # A feminine noun (ة -> ت) and the dual ending, after a stem of two letters or more that
    # is not just a prefix: «سنتين», «الجهتين»; not «التين» (the figs).
    stem = text[:-3]
    return (
        text.endswith(("تين", "تان"))
        and len(stem) >= 2
        and stem not in _FIRST_PREFIXES
        and _ARABIC_WORD.fullmatch(text) is not None
    )


_MASCULINE_CONSTRUCT = {fold(stem + "ي") for stem in _MASCULINE_DUAL_STEMS}
# Words in -تي that are no construct dual: the relative pronoun, «حتى», nisba adjectives.
_NOT_CONSTRUCT = {
    fold(w)
    for w in ("التي", "اللتي", "حتى", "ذاتي", "وقتي", "بيتي", "صوتي", "موتي", "زيتي", "تحتي")
}


def is_construct_dual(text: str) -> bool:
    """A dual in construct state, its ن dropped (`قريتي`, `مخيمي`, `جهتي`): feminine -تي after
    a stem of two letters or more, or a masculine dual of the closed list. A noun in construct
    state never takes the article, so `الكويتي` (a nisba) is none. Folded text; whether what
    follows is what it counts is the caller's to judge."""
    if text in _NOT_CONSTRUCT or _ARABIC_WORD.fullmatch(text) is None:
        return False
    words = [text] + [text[len(p) :] for p in _prefixes_of(text) if "ال" not in p]
    # every reading first: «والتي» is و + «التي», a relative pronoun with the article
    if any(word in _NOT_CONSTRUCT or word.startswith("ال") for word in words):
        return False
    # «جهتي طنجة والشرق»: a stem of two letters too, as the free dual's («الجهتين»)
    return any(
        word in _MASCULINE_CONSTRUCT or (word.endswith("تي") and len(word) >= 4) for word in words
    )


def is_closed_dual(word: str) -> bool:
    """A masculine dual of the documented closed list, free or in construct state (folded)."""
    return word in _MASCULINE_DUALS or word in _MASCULINE_CONSTRUCT


@lru_cache(maxsize=1 << 16)
def stops_reading(word: str) -> bool:
    """`word`, as its own whitespace-separated word anywhere but first in a span, leaves the
    span no reading (`read_surface` gives OTHER or VAGUE) unless it is the noun of a count
    and a half and at most two words follow it («4 سنوات ونصف», «4 سنوات و نصف»). True for
    a word that reads as nothing alone and that no path of the reader takes after the first
    place: no number, scale or digit item (bare, after «و» or after «وال»), no «و», no half,
    no percent word or sign, no vague word. The extractor stops growing a figure two words
    after one (`checks.extract.quantities`) instead of reading every longer span."""
    if read_surface(word).kind != OTHER or any(map(str.isdigit, word)):
        return False  # digit groups may join their neighbours («5 000»)
    tokens = _tokens(word)
    if len(tokens) != 1:
        return False
    tok = tokens[0]
    text = tok.text
    if text == "و" or _PERCENT_SIGN.search(text) or text in _PERCENT_TOKENS:
        return False
    if text in _PERCENT_FIRSTS or text in _VAGUE_PREFIXED or text in _PLURAL_ALONE_PREFIXED:
        return False
    if text in _HALF or (text[:1] == "و" and text[1:] in _HALF):
        return False
    if _word_item(text, tok) is not None or _first_item(tok, alone=False) is not None:
        return False
    glued = [text[k:] for k, p in ((1, "و"), (3, "وال")) if text.startswith(p)]
    return all(_word_item(rest, tok) is None for rest in glued)


def is_number_word(word: str) -> bool:
    """A number or scale word of the lexicon as written, before any prefix is split off
    (`واحد`, `ثلاثين`, `ألفا`): folded text."""
    return word in _LEXICON


def _is_vague(tokens: list[_Token]) -> bool:
    if any(t.text in _VAGUE_PREFIXED and not _quantities_noun(t) for t in tokens):
        return True
    return len(tokens) == 1 and tokens[0].text in _PLURAL_ALONE_PREFIXED


def _quantities_noun(tok: _Token) -> bool:
    """«وكميات من المازوت» (quantities of): «ك» + «مئات» written without its hamza is the
    noun «كميات», not "like hundreds"."""
    return tok.hamzaless_hundred and "كمي" in tok.text


def _unprefixed(word: str, table: dict) -> str | None:
    """`word`, or `word` without an attached prefix, as a key of `table`."""
    if word in table:
        return word
    for p in _prefixes_of(word):
        if word[len(p) :] in table:
            return word[len(p) :]
    return None


def _vague_bounds(tokens: list[_Token]) -> tuple[int | None, int | None]:
    """[low, high] of a vague span by `VAGUE_TABLE`, (None, None) outside the table."""
    texts = [t.text for t in tokens]
    head = _unprefixed(texts[0], _VAGUE_HEADS)
    if head is None or len(texts) > 2:
        return None, None
    low, high = _VAGUE_HEADS[head]
    if len(texts) == 1:
        return low, high
    scale = _VAGUE_SCALES.get(texts[1])
    if scale is None or high >= 1000:
        return None, None
    return low * scale, (high + 1) * scale - 1


_HALF = {fold("نصف"): Fraction(1, 2), fold("ربع"): Fraction(1, 4)}


def _with_fraction(tokens: list[_Token]) -> Fraction | None:
    """«4 سنوات ونصف», «سنتين ونصف»: a count, its noun, and a half or quarter of the noun."""
    if len(tokens) < 2:
        return None
    last = tokens[-1].text
    if tokens[-2].text == "و" and last in _HALF:
        frac, noun, count = _HALF[last], tokens[-3], tokens[:-3]
    elif last[:1] == "و" and last[1:] in _HALF:
        frac, noun, count = _HALF[last[1:]], tokens[-2], tokens[:-2]
    else:
        return None
    if _ARABIC_WORD.fullmatch(noun.text) is None or noun.text in _LEXICON:
        return None
    if not count:
        return Fraction(2) + frac if _is_dual([noun]) else None
    value, ambiguous = _read_number(count)
    if value is None or ambiguous or value.denominator != 1:
        return None
    return value + frac


@lru_cache(maxsize=65536)
def read_surface(span: str) -> Surface:
    """The number, percentage or vague quantity a span writes (cached per distinct span)."""
    tokens = _tokens(span)
    if not tokens:
        return Surface(OTHER)
    percent = _percent(tokens)
    if percent is False:
        return Surface(OTHER)
    if percent is not None:
        rest, unit = percent
        if not rest or _is_vague(rest):
            return Surface(OTHER)
        value, ambiguous = _read_number(rest)
        if value is None and len(rest) == 1 and _COMMA_DECIMAL.fullmatch(rest[0].text):
            # «50،24%»: before a percent, as before a scale word, the Arabic comma and one
            # or two digits are a decimal (a share is no list of numbers)
            value = parse_digits(rest[0].text, scale_follows=True)
        if value is None:
            return Surface(OTHER)
        return Surface(AMBIGUOUS if ambiguous else PERCENT, value, unit)
    if _is_vague(tokens):
        return Surface(VAGUE, None, None, *_vague_bounds(tokens))
    value, ambiguous = _read_number(tokens)
    if value is not None:
        return Surface(AMBIGUOUS if ambiguous else NUMBER, value)
    if _is_dual(tokens):
        return Surface(NUMBER, Fraction(2))
    if (value := _with_fraction(tokens)) is not None:
        return Surface(NUMBER, value)
    return Surface(OTHER)


_PLAIN_DIGITS = re.compile(r"[0-9]{1,15}")


def written_values(spans: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(values, units) each span writes, for a whole column: the value as float (NaN where
    the span writes no certain number) and its unit, "" for a number and `percent` or
    `per_mille` for a percentage. Each distinct span is read once (a corpus repeats its
    figures), plain ASCII digit runs directly (exactly what `read_surface` gives them), the
    rest by `read_surface`."""
    codes, uniques = pd.factorize(spans.to_numpy(dtype=object), use_na_sentinel=True)
    read = [*map(_written_value, uniques), (np.nan, "")]
    values = np.array([v for v, _ in read], dtype=np.float64)
    units = np.array([u for _, u in read], dtype=object)
    return values[codes], units[codes]  # code -1 (missing) takes the trailing NaN


def _written_value(span: object) -> tuple[float, str]:
    if not isinstance(span, str):
        return np.nan, ""
    if _PLAIN_DIGITS.fullmatch(span):
        return float(int(span)), ""
    read = read_surface(span)
    if read.kind == NUMBER:
        return float(read.value), ""
    if read.kind == PERCENT:
        return float(read.value), read.unit
    return np.nan, ""
