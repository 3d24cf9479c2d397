"""The unit of a figure (SPEC §2 `unit`): read from the measure noun after it.

A count has no unit; a measure names it right after the figure (`4 أيام`, `2750 طنا`,
`35500 مليار ليرة سورية`, `7.7 درجات`), or the figure is a dual of the unit noun itself
(`أسبوعين`, `ساعتين`), or the noun sits inside the span before a half (`4 سنوات ونصف`).
Nouns are listed in ordinary spelling and folded once; their dual, plural and accusative
forms are listed with them. Degrees are a magnitude next to an earthquake word and a
temperature next to a heat word, otherwise no unit is claimed. A currency takes its
country from the adjective after it (`ليرة سورية`), else from the countries the text names,
else the noun's most common currency, else none.
"""

from __future__ import annotations

from collections.abc import Callable

from checks.arabic import fold, western_digits
from checks.extract.tokens import Token
from checks.rules.date_rules import WEEKDAYS

_NOUNS: dict[str, tuple[str, ...]] = {
    "hour": ("ساعة", "ساعات", "ساعتين", "ساعتان"),
    "minute": ("دقيقة", "دقائق", "دقيقتين", "دقيقتان"),
    "second": ("ثانية", "ثوان", "ثواني", "ثانيتين", "ثانيتان"),
    "day": ("يوم", "أيام", "يوما", "يومين", "يومان"),
    "week": ("أسبوع", "أسابيع", "أسبوعا", "أسبوعين", "أسبوعان"),
    "month": ("شهر", "أشهر", "شهور", "شهرا", "شهرين", "شهران"),
    "year": ("عام", "أعوام", "عاما", "عامين", "عامان", "سنة", "سنوات", "سنين", "سنتين", "سنتان"),
    "decade": ("عقود", "عقدين", "عقدان"),
    "km": ("كيلومتر", "كيلومترات", "كيلومترا", "كلم", "كم", "كيلومترين"),
    "m": ("متر", "أمتار", "مترا", "مترين"),
    "foot": ("قدم", "أقدام"),  # only cubed (`_CUBED`): «ملياري قدم مكعب» of gas
    "mm": ("ملم", "مم", "مليمتر", "مليمترات", "مليمترا", "ملليمتر", "ملليمترات", "ملليمترا"),
    "cm": ("سنتيمتر", "سنتيمترات", "سنتيمترا", "سم"),
    "hectare": ("هكتار", "هكتارات", "هكتارا"),
    "dunam": ("دونم", "دونمات", "دونما"),
    "feddan": ("فدان", "أفدنة", "فدانا"),
    "ton": ("طن", "أطنان", "طنا", "طنين"),
    "kg": (
        "كيلوغرام",
        "كيلوغرامات",
        "كيلوغراما",
        "كيلوجرام",
        "كيلوجراما",
        "كيلوجرامات",
        "كغ",
        "كلغ",
        "كيلو",
    ),
    "liter": ("لتر", "لترات", "لترا", "ليتر", "ليترات", "ليترا"),
    "barrel": ("برميل", "براميل", "برميلا"),
    "gram": ("غرام", "غرامات", "غراما", "جرام", "جرامات", "جراما"),
    "quintal": ("قنطار", "قناطير", "قنطارا"),
    "kilowatt": ("كيلوواط", "كيلووات", "كيلو واط"),
    "megawatt": ("ميغاواط", "ميغاوات", "ميجاوات", "ميجاواط", "ميغا واط", "ميجا وات"),
    "gigawatt": ("غيغاواط", "غيغاوات", "جيجاوات", "جيجاواط"),
    # data: rates «ميغابت في الثانية» (`_per_time` adds the second), volumes «غيغابايت»
    "megabit": ("ميغابت", "ميجابت"),
    "gigabit": ("غيغابت", "جيجابت"),
    "megabyte": ("ميغابايت", "ميجابايت"),
    "gigabyte": ("غيغابايت", "جيجابايت"),
    "terabyte": ("تيرابايت",),
    "mile": ("ميل", "أميال", "ميلا"),
    "usd": ("دولار", "دولارات", "دولارا"),
    "eur": ("يورو",),
    "ils": ("شيكل", "شيكلا", "شواكل", "شيقل", "شيقلا", "شواقل"),
    "mru": ("أوقية",),  # the Mauritanian ouguiya (new, since 2018)
    "piastre": ("قرش", "قرشا", "قروش"),
    "fils": ("فلس", "فلسا", "فلسات", "فلوس"),  # a thousandth of a dinar: no ISO code
    # «مليار سنتيم»: Maghrebi news counts large dinar sums in centimes
    "centime": ("سنتيم", "سنتيما", "سنتيمات"),
    "dzd": ("دج",),  # «16794 مليار دج»: the Algerian dinar's short form
    "cny": ("يوان",),
    "rub": ("روبل", "روبلات", "روبلا"),
}
UNIT_OF: dict[str, str] = {fold(w): unit for unit, words in _NOUNS.items() for w in words}
_SQUARE = {fold(w) for w in ("مربع", "مربعا", "مربعة")}
_SQUARED = {"km": "km2", "m": "m2"}
_CUBE = {fold(w) for w in ("مكعب", "مكعبا", "مكعبة")}
_CUBED = {"m": "m3", "foot": "cubic_foot"}
# A rate: a unit per hour or per second («كيلومترا في الساعة», «كم/ساعة», «كلم/س»,
# «متر مكعب في الثانية»); the unit's name is `<unit>_per_<time>`.
_PER_TIME = {fold(w): t for t, ws in {"hour": ("الساعة", "ساعة", "س"),
                                      "second": ("الثانية", "ثانية", "ث"),
                                      "day": ("اليوم", "يوم", "ي")}.items()
             for w in ws}  # fmt: skip
_DAILY = fold("يوميا")  # «برميل يوميا»: per day, one word
# The definite singular of a span of time after a figure says when, it measures nothing
# (a count of days is «يوما», «أيام»; «آلاف الساعات» is a plural made definite).
TIME_ADVERBS = frozenset(
    fold(w) for w in ("اليوم", "العام", "الشهر", "الأسبوع", "السنة", "الأمس", "الموسم")
)
_DEGREE = {fold(w) for w in ("درجة", "درجات", "درجتين")}
_ARTICLE = fold("ال")
_POINT, _BASIS = fold("نقطة"), fold("أساس")
_POINTS = frozenset(fold(w) for w in ("نقطة", "نقاط", "نقطتين", "نقطتان"))
_SHARE_WORDS = frozenset(fold(w) for w in ("بالمئة", "بالمائة", "المئة", "المائة", "بالمية"))


_INDEX_WORDS = frozenset(
    fold(w)
    for w in ("مؤشر", "المؤشر", "مؤشرات", "المؤشرات", "لمؤشر", "بورصة", "البورصة", "للبورصة",
              "الرقم القياسي", "القياسي", "مستوى", "معدل", "معدلات", "المعدل", "رصيده",
              # a league's points: «برصيد 84 نقطة», «بفارق 10 نقاط»
              "رصيد", "برصيد", "رصيدها", "رصيدهم", "بفارق", "فارق", "الصدارة",
              "أساس", "الفائدة", "فائدة")
)  # fmt: skip


_PERCENTAGE_WORDS = frozenset(fold(w) for w in ("مئوية", "مئويه", "المئوية"))


def _hundreds(tokens: list[Token], at: int | None) -> bool:
    """The figure at `at` is written in digits and is a hundred or more («7399.87»)."""
    if at is None or not tokens[at].is_digits:
        return False
    digits = western_digits(tokens[at].text).replace(",", "").replace("٬", "")
    try:
        return float(digits) >= 100
    except ValueError:
        return False


def _in_an_index_sentence(tokens: list[Token], k: int) -> bool:
    """The sentence speaks of an index, a level or an average: its points are a measure."""
    sentence = tokens[k].sentence
    lo = k
    while lo > 0 and tokens[lo - 1].sentence == sentence and k - lo < 40:
        lo -= 1
    return any(t.key in _INDEX_WORDS or t.bare in _INDEX_WORDS for t in tokens[lo:k])


def _after_a_share(tokens: list[Token], at: int) -> bool:
    """A percentage stands in the few words before `at`, in its sentence."""
    sentence = tokens[at].sentence
    for t in tokens[max(0, at - 8) : at]:
        if t.sentence == sentence and (t.key in _SHARE_WORDS or "%" in t.text or "٪" in t.text):
            return True
    return False


_QUAKE = ("زلزال", "هزة", "هزات", "ريختر", "بقوة")
_HEAT = ("حرارة", "الحرارة", "مئوية", "العظمى", "الصغرى")  # «سجلت العظمى 41 درجة»
# The same words folded once here, not at every figure that looks for them.
_QUAKE_KEYS = tuple(map(fold, _QUAKE))
_HEAT_KEYS = tuple(map(fold, _HEAT))
_FORCE, _EARTHQUAKE, _SHAKE = fold("قوة"), fold("زلزال"), fold("هز")

# Currencies named by country: noun -> [(adjective or country stem, code)], default code.
_CURRENCIES: dict[str, tuple[list[tuple[str, str]], str | None]] = {
    "ليرة": (
        [
            ("سوري", "syp"),
            ("لبنان", "lbp"),
            ("ترك", "try"),
            ("دمشق", "syp"),
            ("حلب", "syp"),
            ("بيروت", "lbp"),
            ("طرابلس الشام", "lbp"),
            ("أنقرة", "try"),
            ("إسطنبول", "try"),
        ],
        None,
    ),
    "دينار": (
        [
            ("أردن", "jod"),
            ("عراق", "iqd"),
            ("كويت", "kwd"),
            ("ليبي", "lyd"),
            ("تونس", "tnd"),
            ("جزائر", "dzd"),
            ("بحرين", "bhd"),
            # capitals and big cities, after every country name
            ("عمان", "jod"),
            ("بغداد", "iqd"),
            ("أربيل", "iqd"),
            ("البصرة", "iqd"),
            ("المنامة", "bhd"),
            ("طرابلس", "lyd"),
            ("بنغازي", "lyd"),
        ],
        None,
    ),
    "ريال": (
        [
            ("سعودي", "sar"),
            ("يمن", "yer"),
            ("قطر", "qar"),
            ("عمان", "omr"),
            ("إيران", "irr"),
            ("الرياض", "sar"),
            ("صنعاء", "yer"),
            ("الدوحة", "qar"),
            ("مسقط", "omr"),
            ("طهران", "irr"),
        ],
        None,
    ),
    "درهم": (
        [
            ("مغرب", "mad"),
            ("إمارات", "aed"),
            ("إماراتي", "aed"),
            ("الرباط", "mad"),
            ("الدار البيضاء", "mad"),
            ("مراكش", "mad"),
            ("طنجة", "mad"),
            ("دبي", "aed"),
            ("أبوظبي", "aed"),
            ("أبو ظبي", "aed"),
            ("الشارقة", "aed"),
            ("عجمان", "aed"),
            ("رأس الخيمة", "aed"),
            ("الفجيرة", "aed"),
            ("أم القيوين", "aed"),
            ("أكادير", "mad"),
            ("مكناس", "mad"),
        ],
        None,
    ),
    "فرنك": (
        [
            ("سويسر", "chf"),
            ("إفريقي", "xof"),
            ("أفريقي", "xof"),
            ("سيفا", "xof"),
            ("جيبوت", "djf"),
            ("جنيف", "chf"),
            ("زيورخ", "chf"),
        ],
        None,
    ),
    "جنيه": (
        [
            ("سودان", "sdg"),
            ("استرليني", "gbp"),
            ("إسترليني", "gbp"),
            ("مصر", "egp"),
            ("الخرطوم", "sdg"),
            # state capitals and regions, not «الأبيض» or «مدني» (white, civil)
            *[(city, "sdg") for city in ("بورتسودان", "القضارف", "كسلا", "نيالا", "الفاشر")],
            *[(city, "sdg") for city in ("دارفور", "كردفان", "أم درمان")],
        ],
        "egp",
    ),
}
_CURRENCY_FORMS = {
    fold(w): noun
    for noun, forms in {
        "ليرة": ("ليرة", "ليرات", "ليرتين"),
        "دينار": ("دينار", "دنانير", "دينارا", "دينارين"),
        "ريال": ("ريال", "ريالات", "ريالا"),
        "درهم": ("درهم", "دراهم", "درهما"),
        "جنيه": ("جنيه", "جنيهات", "جنيها"),
        "فرنك": ("فرنك", "فرنكات", "فرنكا"),
    }.items()
    for w in forms
}


def _key(tok: Token) -> str:
    return tok.bare if tok.bare in UNIT_OF or tok.bare in _DEGREE else tok.key


def unit_of_noun(
    tokens: list[Token], k: int, text: str, figure_at: int | None = None, outlet: str = ""
) -> str | None:
    """The unit the word at `k` (and the word after it) names; None for a counted noun.
    `text` is the document's and `outlet` its source's country (`outlets.outlet_country`):
    a currency may take its country from them; `figure_at` is the figure's first token,
    for the words before it (`بقوة 7.7`)."""
    if k >= len(tokens):
        return None
    tok = tokens[k]
    if tok.key not in _NOUN_KEYS and tok.bare not in _NOUN_KEYS:
        return None  # most figures count: no measure noun after them
    key = _key(tok)
    nxt = (
        tokens[k + 1].key if k + 1 < len(tokens) and tokens[k + 1].sentence == tok.sentence else ""
    )
    if key in TIME_ADVERBS:
        return None  # «13.77 مليارا اليوم السابق», «بين البلدين العام الماضي»: when, no unit
    if names_a_day(key, nxt):
        return None  # «و4.150 يوم الثلاثاء»: on Tuesday, a date, no count of days
    if key not in UNIT_OF and key.startswith(_ARTICLE) and key[2:] in UNIT_OF:
        key = key[2:]  # «آلاف الهكتارات», «عشرات الكيلومترات»: the noun made definite
    if key == _POINT and nxt == _BASIS:
        return "basis_point"  # «50 نقطة أساس»
    if key in _POINTS:
        # «مرتفعا 84 نقطة، … عند مستوى 12,105 نقاط»: an index's points; after a percentage
        # in the clause, the points a rate moved by («53 بالمائة، تقل بنحو نقطتين»).
        # Elsewhere «نقاط» are places counted («5 نقاط تفتيش», «نقاط توزيع»): no unit.
        if nxt in _PERCENTAGE_WORDS:
            return "percentage_point"  # «بانخفاض 1.6 نقطة مئوية»: named so
        # «بنسبة 0.60 في المائة، لينهي دون 7400 نقطة»: a level of a hundred points or more
        # is an index's, whatever share stands before it
        if _after_a_share(tokens, figure_at or k) and not _hundreds(tokens, figure_at):
            return "percentage_point"
        return "point" if _in_an_index_sentence(tokens, k) else None
    if key in UNIT_OF:
        unit = UNIT_OF[key]
        if unit == "mru" and nxt != _NEW and _an_ounce(tokens, k, text, outlet):
            return "ounce"
        if nxt in _SQUARE:
            return _SQUARED.get(unit, unit)
        if nxt in _CUBE and unit in _CUBED:
            unit, k = _CUBED[unit], k + 1
        elif unit == "foot":
            return None  # «قدم» alone after a figure is a verb or a foot no news measures
        return _per_time(tokens, k, unit, figure_at)
    if key in _DEGREE:
        return _degree(tokens, k, figure_at)
    if key in _CURRENCY_FORMS:
        return currency(_CURRENCY_FORMS[key], nxt, lambda: _folded(text), outlet)
    return None


def _an_ounce(tokens: list[Token], k: int, text: str, outlet: str) -> bool:
    """«أوقية» is a weight of gold or silver (an ounce) in a sentence of those metals, and
    anywhere outside Mauritanian news; there, and where the text speaks of Mauritania, it is
    the ouguiya («مليار أوقية»)."""
    sentence = tokens[k].sentence
    near = (
        t.bare for t in tokens[max(0, k - OUNCE_REACH) : k + OUNCE_REACH] if t.sentence == sentence
    )
    if any(word.removeprefix("ال") in _PRECIOUS for word in near):
        return True
    folded = _folded(text)
    return not any(place in outlet or place in folded for place in _MAURITANIA)


OUNCE_REACH = 12  # words around «أوقية» searched for the metal it weighs
_PRECIOUS = frozenset(fold(w) for w in ("ذهب", "فضة", "بلاتين", "معدن", "المعدن"))
_MAURITANIA = tuple(fold(w) for w in ("موريتان", "نواكشوط", "نواذيبو"))
_NEW = fold("جديدة")  # «أوقية جديدة»: the ouguiya since 2018
_DAY = fold("يوم")


def names_a_day(key: str, nxt: str) -> bool:
    """«يوم الثلاثاء» (folded words): a figure before it is dated by it, counts no days."""
    return key == _DAY and nxt in WEEKDAYS


def _per_time(tokens: list[Token], k: int, unit: str, figure_at: int | None = None) -> str:
    """`unit` or its rate: «كيلومترا في الساعة», «كم/ساعة», «كلم/س», «مترا مكعبا في الثانية»;
    `figure_at`: the figure's first token, for a daily rate named before it."""
    sentence = tokens[k].sentence
    # «قدم مكعب قياسي يوميا», «برميل مكافئ نفط يوميا»: what the unit is measured as, then
    # the time it is per
    while (
        k + 1 < len(tokens)
        and tokens[k + 1].sentence == sentence
        and (tokens[k + 1].key in _UNIT_QUALIFIERS)
    ):
        k += 1
    rest = [t for t in tokens[k + 1 : k + 3] if t.sentence == sentence]
    annual = unit in _ANNUAL_UNITS and rest and rest[0].key == _ANNUAL
    if annual and figure_at is not None and _capacity_before(tokens, figure_at):
        return f"{unit}_per_year"  # «بطاقة 600 ألف طن سنويا»: a plant's yearly capacity
    if unit not in _RATE_UNITS:
        return unit
    if unit in _DAILY_UNITS and (
        (rest and rest[0].key == _DAILY and rest[0].start - tokens[k].end == 1)
        or (figure_at is not None and _daily_before(tokens, figure_at))
    ):
        # «برميل يوميا», «بمعدل يومي بلغ 3.36 مليون برميل»: the oil trade's unit (b/d)
        return f"{unit}_per_day"
    if len(rest) == 2 and rest[0].key == _IN and rest[1].key in _PER_TIME:
        return f"{unit}_per_{_PER_TIME[rest[1].key]}"
    if rest and rest[0].start - tokens[k].end == 1 and rest[0].key in _PER_TIME:
        return f"{unit}_per_{_PER_TIME[rest[0].key]}"  # «كم/ساعة»: one slash between
    return unit


def _daily_before(tokens: list[Token], first: int) -> bool:
    """A daily rate or average named in the few words before the figure, in its clause
    («بمعدل يومي بلغ», «متوسط إنتاج يومي قدره»)."""
    sentence = tokens[first].sentence
    for t in reversed(tokens[max(0, first - DAILY_REACH) : first]):
        if t.sentence != sentence or t.key in _CLAUSE_WORDS:
            return False
        if t.key in _DAILY_ADJECTIVES or t.bare in _DAILY_ADJECTIVES:
            return True
    return False


def _capacity_before(tokens: list[Token], first: int) -> bool:
    """A capacity named in the few words before the figure, in its sentence («بطاقة
    إنتاجية تفوق», «تبلغ طاقته الإنتاجية», «لترتفع الطاقة الإجمالية إلى أكثر من»): a rate
    per year the plant can make, where output in a year («أنتجت 3 ملايين طن سنويا») is an
    amount."""
    sentence = tokens[first].sentence
    for t in reversed(tokens[max(0, first - CAPACITY_REACH) : first]):
        if t.sentence != sentence:
            return False
        if _CAPACITY.isdisjoint((t.key, t.bare, t.bare.removeprefix("ال"))):
            continue
        return True
    return False


CAPACITY_REACH = 6  # words before a figure searched for «طاقة»
_CAPACITY = frozenset(
    fold(w) for w in ("طاقة", "طاقته", "طاقتها", "طاقات", "قدرة", "قدرته", "قدرتها")
)
_ANNUAL = fold("سنويا")
_ANNUAL_UNITS = {"ton"}  # the yearly capacity news states in tonnes (water plants' in m3)
DAILY_REACH = 4  # words before a figure searched for «يومي»
_DAILY_ADJECTIVES = frozenset(fold(w) for w in ("يومي", "اليومي", "يومية", "اليومية"))
_CLAUSE_WORDS = frozenset(fold(w) for w in ("منها", "بينها", "مقابل", "و"))
_RATE_UNITS = {"km", "m", "m3", "liter", "barrel", "megabit", "gigabit", "megabyte", "gigabyte"}
_RATE_UNITS |= {"cubic_foot"}
_UNIT_QUALIFIERS = frozenset(fold(w) for w in ("قياسي", "مكافئ", "مكافئا", "نفط", "النفط"))
# «يوميا» after a unit is usually the clause's adverb («3 لترات يوميا» for each person: an
# amount, in litres); after barrels it is the unit oil output is stated in, and after cubic
# metres the unit a water or gas supply is («تنتج 4 ملايين متر مكعب يوميا»).
_DAILY_UNITS = {"barrel", "m3", "cubic_foot"}
_IN = fold("في")


def _degree(tokens: list[Token], k: int, figure_at: int | None) -> str | None:
    sentence = tokens[k].sentence
    lo = max(0, (figure_at if figure_at is not None else k) - 8)
    near = [t.key for t in tokens[lo : k + 6] if t.sentence == sentence]
    if any(w in key for key in near for w in _QUAKE_KEYS):
        return "magnitude"
    if any(w in key for key in near for w in _HEAT_KEYS):
        return "degree_c"
    # «تتراوح درجات الحرارة على الساحل بين 8 و14 درجة، وفي زحلة بين 1 و7 درجات»: the
    # heat word opens the sentence, the later degrees still measure it
    earlier = [t.key for t in tokens[max(0, k - 30) : lo] if t.sentence == sentence]
    heat = any(w in key for key in earlier for w in _HEAT_KEYS)
    quake = any(w in key for key in earlier for w in _QUAKE_KEYS)
    if heat and not quake:
        return "degree_c"
    # «سجلت الشبكة 23 هزة …، ولم تتجاوز قوة أي منها 4 درجات»: so does a quake word
    if quake and not heat:
        return "magnitude"
    # «بمجموع 408 درجات من 410», «الحد الأدنى للقبول 390 درجة»: an exam's marks
    if grade_sentence(tokens, k):
        return "point"
    return None


# Words of exams and their marks: a «درجة» or a figure «من 20» in their sentence is a mark.
_GRADE_WORDS = frozenset(
    fold(w)
    for w in ("مجموع", "بمجموع", "المجموع", "للقبول", "القبول", "امتحان", "الامتحان",
              "الامتحانات", "امتحانات", "علامة", "العلامة", "الثانوية", "البكالوريا",
              "الباكالوريا", "الشهادة", "تنسيق", "التنسيق")
)  # fmt: skip
# Words that speak of marks only beside a mark «من 20»: an average is also a rate's
# («معدل الفائدة»), pupils are also counted
_MARK_WORDS = _GRADE_WORDS | frozenset(
    fold(w)
    for w in ("معدل", "بمعدل", "المعدل", "تلميذ", "تلميذا", "تلميذة", "تلاميذ", "طالب",
              "طالبا", "طالبة", "طلاب", "الطلاب", "مترشح", "مترشحا", "نالت", "نال", "أحرز")
)  # fmt: skip
GRADE_REACH = 30  # tokens either side of a figure, in its sentence, searched for them


def grade_sentence(tokens: list[Token], k: int, weak: bool = False) -> bool:
    """The sentence of token k speaks of exams, marks or admission («بمجموع», «للقبول»);
    with `weak`, an average or a pupil is enough (for a mark written «من 20»)."""
    words = _MARK_WORDS if weak else _GRADE_WORDS
    sentence = tokens[k].sentence
    window = tokens[max(0, k - GRADE_REACH) : k + GRADE_REACH]
    return any(t.sentence == sentence and (t.key in words or t.bare in words) for t in window)


def magnitude_before(tokens: list[Token], first: int) -> bool:
    """«بقوة 6.8» in a sentence about an earthquake: a magnitude without the word درجات."""
    if first == 0 or tokens[first - 1].bare != _FORCE:
        return False
    sentence = tokens[first].sentence
    window = tokens[max(0, first - 10) : first + 8]
    return any(t.sentence == sentence and _EARTHQUAKE in t.key for t in window) or any(
        t.sentence == sentence and _SHAKE in t.key for t in window
    )


def currency(
    noun: str, adjective: str, folded_text: Callable[[], str], outlet: str = ""
) -> str | None:
    """ISO 4217 code of a currency noun, from its adjective, the country the outlet
    publishes in (`outlets.outlet_country`: a Lebanese agency's «ليرة» is the Lebanese
    pound whatever else the text names), or the country the text names first
    (`folded_text()`, asked for only when the adjective and the outlet name none)."""
    countries, default = _FOLDED_CURRENCIES[noun]
    if adjective.startswith("و"):
        adjective = ""  # «بـ1.1 مليار ريال، والسعودية بـ…»: the next holder, no adjective
    for stem, code in countries:
        if stem in adjective:
            return code
    if outlet:
        for stem, code in countries:
            if stem in outlet:
                return code
    # the country the text names first: its dateline and lead set the scene («عدن - واصل
    # الريال اليمني تراجعه … والريال السعودي 496 ريالا» counts Yemeni riyals)
    whole = folded_text()
    named = [
        (at, n, code) for n, (stem, code) in enumerate(countries) if (at := whole.find(stem)) >= 0
    ]
    return min(named)[2] if named else default


_LAST_FOLDED: tuple[str, str] = ("", "")


def _folded(text: str) -> str:
    """The folded text of the document asked about last (folded once, when first asked)."""
    global _LAST_FOLDED
    last = _LAST_FOLDED
    if last[0] is not text:
        last = _LAST_FOLDED = (text, fold(text))
    return last[1]


def unit_of_dual(key: str) -> str | None:
    """The time or measure unit a definite dual names (`اليومين`, `العقدين`, `الساعتين`)."""
    word = key[2:] if key.startswith("ال") else key
    return UNIT_OF.get(word)


# Every unit that is money: the currencies named by their noun and those named by country.
MONEY_UNITS = frozenset(
    {"usd", "eur", "ils", "mru", "piastre", "fils", "centime", "dzd", "cny", "rub"}
    | {code for countries, _ in _CURRENCIES.values() for _, code in countries}
    | {default for _, default in _CURRENCIES.values() if default is not None}
)

# `_CURRENCIES` with its stems folded once (`currency` is asked at every figure before one).
_FOLDED_CURRENCIES = {
    noun: ([(fold(stem), code) for stem, code in countries], default)
    for noun, (countries, default) in _CURRENCIES.items()
}

# Every word `unit_of_noun` reads a unit from, with or without its proclitic.
_NOUN_KEYS = (
    frozenset(UNIT_OF)
    | frozenset(_ARTICLE + w for w in UNIT_OF)  # «آلاف الهكتارات»
    | _DEGREE
    | frozenset(_CURRENCY_FORMS)
    | _POINTS  # «نقطة أساس», an index's points
)


def is_measure_key(key: str) -> bool:
    """A folded word a unit is read from, before its proclitic is peeled off."""
    return key in _NOUN_KEYS


def is_measure_word(tok: Token) -> bool:
    """A word a unit is read from (a measure, a currency, degrees), with or without its
    proclitic: after a figure it says what the figure measures («2000 جنيه»)."""
    return tok.key in _NOUN_KEYS or tok.bare in _NOUN_KEYS
