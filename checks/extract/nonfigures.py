"""Digits that are no QUANTITY (SPEC §2): years and dates, clock times, ordinals, numbers
inside names and identifiers.

Each test looks only at the digit token and its neighbours, so the pass stays linear:
- a year: four digits from 1900 to 2100 after a year word (`عام 2016`, `في 2016`, `لعام
  2024`), a month name, or before a month, `م`/`هـ`, punctuation or the end of the text — a
  count of 2016 things is followed by what it counts;
- a day of the month: 1 to 31 right before a month name (`11 تموز`);
- a clock time: digits joined by `:` (`23:11`), or after `الساعة` (`الساعة 7 صباحا`);
- an ordinal or a name: digits glued to the article (`الدفعة الـ11`, `مشروع الـ1070 شقة`);
- an identifier: digits after a word that numbers things (`المادة 112`, `القرار 2254`,
  `الخط الساخن 15333`), digits joined by `/`, or a leading zero (`0933…`, a phone number).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checks.arabic import fold, western_digits
from checks.cues import CUES
from checks.extract.dates import GREGORIAN_MONTHS
from checks.extract.tokens import Token
from checks.extract.units import is_measure_word

# The first word of every Gregorian month name the date reader knows (Egyptian and Gulf,
# Levantine, Maghrebi: «غشت», «شتنبر»), and the Hijri months: a number right before one is a
# day of the month.
MONTHS = {name.split()[0] for name in GREGORIAN_MONTHS} | {
    fold(m) for m in ("محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي")
}
_YEAR_BEFORE = {  # a year follows these, whatever comes after it
    fold(w)
    for w in (
        "عام", "العام", "سنة", "السنة", "مطلع", "أوائل", "أواخر", "بداية", "نهاية", "منتصف",
        "صيف", "شتاء", "ربيع", "خريف", "موازنة", "ميزانية", "انتخابات", "دستور", "موسم",
        "عامي", "العامين", "سنتي", "السنتين", "أعوام", "الأعوام", "سنوات", "السنوات",
    )
}  # fmt: skip
_CLOCK = {fold(w) for w in ("الساعة", "ساعة", "الدقيقة")}  # «في الدقيقة 42» of a match
NUMBERING = {
    fold(w)
    for w in (
        "المادة", "مادة", "رقم", "الرقم", "القرار", "قرار", "البند", "بند", "الفقرة", "الفصل",
        "الساخن", "هاتف", "الهاتف", "الصفحة", "صفحة", "الطريق", "المبنى", "الغرفة", "الكيلو",
        "الآية", "الحديث", "القانون", "قانون", "المرسوم", "مرسوم", "الرحلة", "رحلة", "الرمز",
        "الموديل", "طراز", "الطراز", "سورة", "الجولة", "الدورة", "النسخة", "العدد",
        "اللواء", "الفرقة", "الكتيبة", "الفوج", "القطاع", "المربع", "البوابة", "المعبر",
        # quarters of a town named by a number: «الحارة 50», «الحارتين 29 و43»
        "الحارة", "حارة", "الحارتين", "الحارات",
        # grades and editions named by a number: «البنزين 92», «أوكتان 95», «خليجي 25»
        "البنزين", "بنزين", "أوكتان", "الأوكتان", "خليجي", "عيار", "العيار",  # «عيار 21» gold
        # a numbered train, a car's model year, a disease named with its year
        "قطار", "القطار", "موديل", "كوفيد",
        # a stadium named by a number: «استاد 974»
        "استاد", "ستاد",
    )
}  # fmt: skip


_AND = fold("و")
# Nouns a distance or a weight names a race or a class after: «سباق 400 متر حرة», «سباق
# الـ10 كيلومترات», «في وزن 96 كلغ», «لوزن فوق 61 كيلوجراما»
_CLASS_NOUNS = frozenset(
    fold(p + w) for p in ("", "ل", "ب", "و", "في") for w in ("سباق", "وزن", "فئة")
) - {fold("بوزن")}  # «بوزن 5 أطنان»: weighing five tonnes
_CLASS_BETWEEN = frozenset(fold(w) for w in ("الـ", "ال", "فوق", "تحت", "دون"))


def _names_a_class(tokens: list[Token], i: int) -> bool:
    """The digits after a noun of a race or a weight class («سباق», «وزن»), past «الـ» or
    «فوق/تحت»: the distance or the weight names the event, it measures nothing."""
    s = tokens[i].sentence
    k = i - 1
    while k >= 0 and tokens[k].sentence == s and tokens[k].key in _CLASS_BETWEEN and i - k < 3:
        k -= 1
    return k >= 0 and tokens[k].sentence == s and tokens[k].key in _CLASS_NOUNS


def _labels_listed(tokens: list[Token], i: int) -> bool:
    """Token i follows «و» and a number that a dual or plural label names right before it
    («الحارتين 29 و43», «المادتين 5 و6»): both numbers are names, not counts."""
    if i < 3 or not tokens[i - 2].is_digits:
        return False
    word = tokens[i - 3].bare
    # the dual or plural of a label («الحارتين», «البندين», «الحارات»), not a word that
    # only ends like one («بنزين 80 و8.50 جنيه»)
    for end, single in (("تين", "ه"), ("ين", ""), ("ات", "ه")):
        if word.endswith(end) and word[: -len(end)] + single in NUMBERING:
            return True
    return False


# Digit groups joined by - or / three times or more: a date or a code, never a range.
_DATE_CHAIN = re.compile(r"\d+(?:[-/]\d+){2,}")
_RUN = set("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹-/")


def _digit_run(text: str, tok: Token) -> str:
    """The run of digits, - and / around the token (bounded: a date is short)."""
    lo, hi = tok.start, tok.end
    while lo > 0 and tok.start - lo < 12 and text[lo - 1] in _RUN:
        lo -= 1
    while hi < len(text) and hi - tok.end < 12 and text[hi] in _RUN:
        hi += 1
    return western_digits(text[lo:hi])


# Singular nouns a definite number word after them makes ordinal or a name: «القرن
# العشرين» (the 20th century), «الذكرى الخمسين», «مجموعة العشرين» (G20), «اليوم العاشر».
_ORDINAL_HEADS = {
    fold(w)
    for w in (
        "القرن", "الذكرى", "الدورة", "العيد", "الطابق", "المؤتمر", "الجولة", "النسخة",
        "مجموعة", "قمة", "الموسم", "اليوم", "الأسبوع", "الشهر", "الدفعة", "القافلة",
        "الحلقة", "المرحلة", "المادة", "الفقرة", "البند", "الفصل", "الكتيبة", "اللواء",
        "الفرقة", "الفوج", "القرار", "الليلة", "السنة", "العام", "الحرب", "الجلسة",
    )
}  # fmt: skip


# Definite ordinals: a number word joined to one is part of it («الحادي والعشرين», 21st).
_ORDINALS = {
    fold("ال" + w + end)
    for w in ("حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع")
    for end in ("", "ة")
} | {fold("الحادية")}


_HEADS = _ORDINAL_HEADS | _ORDINALS


def _ordinal_word(tokens: list[Token], i: int) -> bool:
    """A number word with the article right after an ordinal head (see `_ORDINAL_HEADS`)."""
    tok = tokens[i]
    if not (tok.key.startswith("ال") or tok.bare.startswith("ال")) or tok.key in THOUSAND_WORDS:
        return False  # «حتى اليوم ألف و240»: «ألف» folds to «الف», it has no article
    prev = _prev(tokens, i)
    return prev is not None and (prev.key in _HEADS or prev.bare in _HEADS)


_TEN = {fold("عشر"), fold("عشرة")}
# «ألف» folds to «الف»: a scale word that only looks definite
THOUSAND_WORDS = frozenset(fold(w) for w in ("ألف", "ألفا", "آلاف", "ألفين", "ألفان"))


def _ordinal_teen(tokens: list[Token], i: int) -> bool:
    """«للمرة الثانية عشرة», «سن الثانية عشرة»: the ten of an ordinal teen (12th) is no
    count of ten."""
    prev = _prev(tokens, i)
    return (
        tokens[i].key in _TEN
        and prev is not None
        and (prev.key in _ORDINALS or prev.bare in _ORDINALS)
    )


def _noun_shaped(tok: Token) -> bool:
    """A word no verb can be: ending in ة (`ضحية`, `غارة`) or carrying tanween."""
    return tok.text.endswith("ة") or any(m in tok.text for m in "\u064b\u064c\u064d")


def _accusative_noun(tok: Token) -> bool:
    """An indefinite word in the accusative, its alif of tanween written (`فصلا`,
    `مترا`): after a number, the noun it counts — unless it is one of the adverbs news
    puts after a year («في 2023 أيضا», «تقريبا»)."""
    key = tok.key
    return len(key) > 3 and key.endswith("ا") and not key.startswith("ال") and key not in ADVERBS


# Accusative adverbs: they end in ا like a counted noun after a year («في 2023 أيضا») and
# like a dual verb (`قتلا`, `quantities._dual_agrees`), and agree with nothing.
TIMES_OF_DAY = {
    fold(w) for w in ("صباحا", "صباحاً", "مساء", "مساءً", "مساءا", "عصرا", "عصراً", "ظهرا", "ظهراً",
                      "فجرا", "فجراً", "ليلا", "ليلاً")
}  # fmt: skip
ADVERBS = TIMES_OF_DAY | {
    fold(w)
    for w in (
        *("أيضا", "تقريبا", "حاليا", "مثلا", "إجمالا", "سنويا", "يوميا", "شهريا", "لاحقا"),
        *("سابقا", "مجددا", "أخيرا", "تحديدا", "خصوصا", "عموما", "رسميا", "فعليا", "تباعا"),
        *("ميلاديا", "هجريا", "أساسا", "أصلا", "نسبيا", "جزئيا", "كليا", "مؤخرا", "قريبا"),
        *("جدا", "معا", "كثيرا", "فورا", "غدا", "أبدا", "دائما", "أحيانا", "نهارا", "تماما"),
        *("أسبوعيا", "قسرا", "قسريا", "كذا", "هذا", "إذا", "لذا", "ما", "لا", "إلا"),
    )
}


def _prev(tokens: list[Token], i: int) -> Token | None:
    return tokens[i - 1] if i > 0 and tokens[i - 1].sentence == tokens[i].sentence else None


def _next(tokens: list[Token], i: int) -> Token | None:
    return (
        tokens[i + 1]
        if i + 1 < len(tokens) and tokens[i + 1].sentence == tokens[i].sentence
        else None
    )


def _gap(text: str, a: Token, b: Token) -> str:
    return text[a.end : b.start]


def _glued_to_a_word(text: str, start: int) -> bool:
    """Digits written onto a word, or onto it with a hyphen, are part of a name: a disease
    («كوفيد-19»), a weapon («إف-16», «إس-400»), a model («A320»). A count stands apart from
    the words around it, and a range's hyphen has digits on both sides. Arabic letters
    written onto digits with no hyphen are clitics («و20», «بـ40»), so only Latin ones
    make a name there."""
    if start > 1 and text[start - 1] in "-_":
        return text[start - 2].isalpha() and text[start - 2] != "ـ"
    return start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()


def _latin_suffix(text: str, end: int) -> bool:
    """Latin letters written onto the digits after them: an ordinal or a name («1st»,
    «5G»); Arabic script never writes a count's noun onto its digits."""
    return end < len(text) and text[end].isascii() and text[end].isalpha()


_SAYS = {fold(w) for w in ("أن", "إن", "قائلا", "مضيفا", "قال", "وقال", "قالت", "وقالت")}


DATELINE_REACH = 40  # characters from a line's start a dateline's date stands within
# «الكويت - 1 - 5 (كونا) --», «المنامة في 3 مارس /بنا/»: a city, then the day and month
# joined by dashes, then the agency's name in brackets
_DATELINE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)? - (\d{1,2}) - (\d{1,2}) \([^\W\d_]+\)")


def _dateline_date(text: str, tok: Token) -> bool:
    """The token is the day or the month of a dateline opening the text or a line."""
    line = text.rfind("\n", 0, tok.start) + 1
    m = _DATELINE.match(text, line)
    return m is not None and tok.start in (m.start(1), m.start(2))


def _closes_a_quoted_name(text: str, tok: Token) -> bool:
    """Digits right before a closing «»» or «"», the quote opened one or two words before:
    a product, grade or index named in quotes («بنزين «سوبر 98»», «إيجي إكس 30»), or a
    sequel's number before its subtitle («فيلم «ولاد رزق 3: القاضية»»). Quoted speech opens
    after a colon or a verb of saying («أن «الحصيلة بلغت 52»»)."""
    end = tok.end
    if end < len(text) and text[end] == ":":  # a subtitle closes the quote a few words on
        close = re.match(r':[^«»"\d.،:]{1,30}([»"])', text[end:])
        if close is None:
            return False
        end += close.start(1)
    if end >= len(text) or text[end] not in '»"':
        return False
    opening = "«" if text[end] == "»" else '"'
    start = text.rfind(opening, max(0, tok.start - 30), tok.start)
    if start < 0 or "»" in text[start : tok.start]:
        return False
    if not 1 <= len(text[start + 1 : tok.start].split()) <= 2:
        return False
    before = text[max(0, start - 12) : start].split()
    return not (text[:start].rstrip().endswith(":") or (before and fold(before[-1]) in _SAYS))


def not_a_figure(
    text: str, tokens: list[Token], i: int, counted: Callable[[Token], bool] = lambda t: False
) -> bool:
    """The digit token at `i` is a year, date, time, ordinal, name or identifier; `counted`
    says whether a word is a counted noun or a unit (then 2016 before it is a count)."""
    tok = tokens[i]
    if not tok.is_digits:  # each test asked only of the words its first condition admits
        key = tok.key
        return (
            ((key.startswith("ال") or tok.bare.startswith("ال")) and _ordinal_word(tokens, i))
            or (key in _TEN and _ordinal_teen(tokens, i))
            or (key in _SINGLE and _single_adjective(tokens, i))
            or (key in _ONE and _single_time(tokens, i))
            or (key in _PERCENT_WORDS and _lone_percent_word(tokens, i))
        )
    # A token holds no - or /: a chain needs a neighbour in the run (`_digit_run`).
    chained = (tok.start and text[tok.start - 1] in _RUN) or (
        tok.end < len(text) and text[tok.end] in _RUN
    )
    if chained and _DATE_CHAIN.fullmatch(_digit_run(text, tok)):
        return True  # 15-12-2023, 15/12/2023
    if chained and _numbered_chain(text, tokens, i):
        return True  # «المرسوم رقم 23-178»: the second group of one identifier
    if "/" in text[max(0, tok.start - 10) : tok.end + 12] and _spaced_date(text, tok):
        return True  # «14 / 06 / 1446هـ», «03/ 02/ 2024م», «11 - 13 / 4 / 1440ه»
    if tok.start < DATELINE_REACH and _dateline_date(text, tok):
        return True  # «الكويت - 1 - 5 (كونا) --»: the day and month of an agency's dateline
    before = text[tok.start - 1] if tok.start > 0 else ""
    after = text[tok.end] if tok.end < len(text) else ""
    after2 = text[tok.end + 1] if tok.end + 1 < len(text) else ""
    if (after in ":/" and after2.isdigit()) or (
        before in ":/" and tok.start > 1 and text[tok.start - 2].isdigit()
    ):
        return True  # 23:11, 2254/2015
    if after == ":" and _LABELLED.match(text, tok.end):
        return True  # «95: 19 جنيها للتر»: a label (a grade, an item) before its figure
    if _numbers_a_line(text, tok):
        return True  # «1- الكويت: 20 ميدالية», «2) حزب النهضة»: the number of a list's line
    if len(tok.text) > 1 and tok.text[0] in "0٠۰" and tok.text.isdigit() and after != "ر":
        return True  # a phone number or a code («045ر212»: the low group of 212,045)
    if _glued_to_a_word(text, tok.start) or _latin_suffix(text, tok.end):
        return True  # «كوفيد-19», «إف-16», «A320», «ad_1», «1st»: part of a name
    if _closes_a_quoted_name(text, tok):
        return True  # «سوبر 98», «إيجي إكس 30»: the last word of a name in quotes
    s = tok.sentence  # the neighbours in its sentence (`_prev`, `_next`, written out)
    prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == s else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == s else None
    if nxt is not None and is_measure_word(nxt) and _names_a_class(tokens, i):
        return True  # «سباق 400 متر», «سباق الـ10 كيلومترات», «وزن 96 كلغ»: a name
    if prev is not None and prev.key == _AND and _labels_listed(tokens, i):
        return True  # «الحارتين 29 و43»: the second of two numbers a plural label names
    if prev is not None and (
        (prev.end == tok.start and prev.key.endswith("ال"))
        or (prev.key in _ARTICLE and not _gap(text, prev, tok).strip())  # «الـ 18»
    ):
        # الـ11, الـ1070: an ordinal or part of a name (tatweel folds away), unless it
        # counts: a counted noun or a scale word after it (`الـ55 قتيلا`, `الـ49.5 مليون
        # مسافر`), or a definite plural before it (`الولايات الـ58`)
        return not _definite_count(tokens, i, counted)
    pkey = prev.bare if prev is not None else ""
    if prev is not None and (prev.key in NUMBERING or pkey in NUMBERING):
        # «بلغ العدد 14 ألفا»: «العدد» (the number) before a count, not an issue number;
        # «قطع القطار 120 كيلومترا»: a label's noun before a measure is its subject;
        # «صوت لصالح القرار 120 عضوا»: a counted noun in the accusative says it counts
        return not (
            nxt is not None
            and (
                is_measure_word(nxt)
                or (pkey == _THE_NUMBER and (nxt.key in _SCALES or counted(nxt)))
                or _accusative_noun(nxt)
            )
        )
    if (before == "-" or after == "-") and _score(text, tokens, i):  # a score needs a -
        return True
    before2 = tokens[i - 2] if prev is not None and i > 1 and tokens[i - 2].sentence == s else None
    if before2 is not None and before2.bare in _LINE and prev.key.startswith("ال"):
        return True  # «بالرقم الأخضر 1548», «الخط الساخن»: a number and its adjective
    if prev is not None and (prev.key in _CLOCK or pkey in _CLOCK):
        return True
    nkey = nxt.key if nxt is not None else ""
    if not tok.text.isdigit():
        return False
    n = int(tok.text) if len(tok.text) <= 4 else 0
    if (
        1 <= n <= 31
        and nxt is not None
        and _gap(text, tok, nxt).strip() in ("", "/")
        and (nkey in MONTHS)
    ):
        return True  # 11 تموز, 26/مارس/2021
    if 1 <= n <= 31 and nkey in _DAY_LINKS and _day_of_month(text, tokens, i):
        return True  # «4 من مارس», «9 من جمادى الأولى», «من 2 إلى 8 يونيو»
    if 1 <= n <= 31 and _day_before_month(text, tokens, i):
        return True  # «7 من أيار», «بين 5 و8 مايو», «السبت 4 إلى الأحد 5 أكتوبر»
    if 1 <= n <= 31 and nxt is not None and nxt.text.lower() in _LATIN_MONTHS:
        return True  # «الأربعاء 21 november 2012»
    if 1 <= n <= 12 and nkey in TIMES_OF_DAY and pkey in _AT_TIME:
        return True  # «حتى 4 عصرا», «في 10 صباحا»: an hour of the day («أصيب 12 مساء» counts)
    # «خلال السنة 1312 مليار دينار»: a scale word after digits a Hijri year could be makes
    # them a sum (a Hijri year carries its «هـ»; a Gregorian one may stand before «مليار»)
    scaled = nkey in _SCALES
    if (
        len(tok.text) == 4
        and 1300 <= n <= 1500
        and not scaled
        and _hijri_year(text, tokens, i, prev, nxt)
    ):
        return True  # «موسم 1445 هـ», «عام 1446 هجرية»
    if len(tok.text) == 4 and 1900 <= n <= 2100:
        if prev is not None and (prev.key in _YEAR_OR_MONTH or pkey in _YEAR_OR_MONTH):
            return True  # «خلال العام 2024 مليار دولار»: the year, then one billion
        if prev is not None and prev.key == _BY and _in_by_list(tokens, i):
            return False  # «ومحطة الميناء بـ1900، ومحطة الوادي بـ1400 ميغاواط»: an item
        if _in_bracket_list(text, tok):
            return False  # «سنار (2400) والقضارف (1900) وكسلا (1800)»: a holder's count
        if nxt is None or _gap(text, tok, nxt).strip():
            return True
        after = _next(tokens, i + 1)
        if nkey in _IN_TIME and after is not None and after.key in _YEAR_BEFORE:
            return False  # «مقابل 2048 في العام الذي سبقه»: a year is not «in the year»
        # A count of 1900 to 2100 names what it counts (`2000 شخص`, `2000 من المسلحين`);
        # without a counted noun after it, a number in that range is a year.
        noun = (
            counted(nxt)
            or _noun_shaped(nxt)
            or nkey in _SCALES  # «1900 مليار ليرة»
            or _accusative_noun(nxt)  # «1960 فصلا دراسيا»: a year is followed by no tamyiz
        )
        if prev is not None and prev.key == _SINCE and not (counted(nxt) or nkey in _SCALES):
            return True  # «منذ 2015 بصورة مستمرة»: since a year («منذ 2000 عام» counts years)
        if not (counted(nxt) or nkey in _SCALES) and _year_named_before(tokens, i):
            return True  # «من العام الحالي 2024 ارتفاعا»: the year the words before name
        # «أكثر من 2000 منتسب», «نحو 2000 متجر»: a bound or an estimate is of a count
        cued = _estimate_before(tokens, i) and nxt.key not in ADVERBS
        return not (noun or cued or (nkey == _FROM and after is not None and counted(after)))
    return False


_SINCE = fold("منذ")
_BY = fold("ب")
BY_LIST_REACH = 5  # tokens either side of «بـN» searched for the list's next or last item


_HELD = re.compile(r"\(\s*[\d٠-٩]+\s*\)")


def _in_bracket_list(text: str, tok: Token) -> bool:
    """Digits alone in brackets, with another bracketed count a few words before or after
    them: the counts of a list of holders, whatever their size."""
    if (
        text[max(0, tok.start - 2) : tok.start].strip() != "("
        or text[tok.end : tok.end + 2].strip()[:1] != ")"
    ):
        return False
    around = text[max(0, tok.start - 40) : tok.start - 1] + " " + text[tok.end + 1 : tok.end + 40]
    return _HELD.search(around) is not None


def _in_by_list(tokens: list[Token], i: int) -> bool:
    """The digits at `i`, written «بـN», stand in a list of holders each «بـ» a figure
    («وأسهمت محطة الشمال بـ2100 ميغاواط، ومحطة الميناء بـ1900، ومحطة الوادي بـ1400»): a
    figure beside figures, not a year, whatever its size. Another «بـ» and digits in the
    sentence, a few tokens before or after, says so."""
    sentence = tokens[i].sentence
    return any(
        0 < k < len(tokens)
        and tokens[k].sentence == sentence
        and tokens[k].is_digits
        and tokens[k - 1].key == _BY
        for k in (*range(i - BY_LIST_REACH, i - 1), *range(i + 2, i + BY_LIST_REACH + 1))
    )


CUE_WORDS = 3  # words of the longest qualifier cue before a figure («ما لا يقل عن»)


def _estimate_before(tokens: list[Token], i: int) -> bool:
    """A qualifier cue of the SPEC's table (`checks.cues.CUES`) right before the digits
    («نحو», «أكثر من», «ما يزيد على», with a proclitic: «بنحو»): what it qualifies is an
    amount, not a year."""
    said: list[Token] = []
    k = i
    while len(said) < CUE_WORDS and (prev := _prev(tokens, k)) is not None:
        said.insert(0, prev)
        k -= 1
    for n in range(1, len(said) + 1):
        first, rest = said[-n], [t.key for t in said[len(said) - n + 1 :]]
        if any(" ".join([head, *rest]) in CUES for head in (first.key, first.bare)):
            return True
    return False


# «العام الحالي 2024», «الموازنة العامة 2024», «السنة المالية 2023»: a year noun and its
# adjective before four digits name the year they are
_YEAR_ADJECTIVES = {
    fold(w)
    for w in (
        *("الحالي", "الجاري", "الماضي", "المقبل", "القادم", "المنصرم", "المالي", "العامة"),
        *("الحالية", "الجارية", "الماضية", "المقبلة", "القادمة", "المالية"),
    )
}


def _year_named_before(tokens: list[Token], i: int) -> bool:
    prev = _prev(tokens, i)
    noun = _prev(tokens, i - 1) if prev is not None else None
    return (
        noun is not None
        and prev.key in _YEAR_ADJECTIVES
        and (
            noun.key in _YEAR_BEFORE
            or noun.bare in _YEAR_BEFORE
            or noun.key.removeprefix("ال") in _YEAR_BEFORE  # «الموازنة العامة 2024»
        )
    )


_LABELLED = re.compile(r":[ \t]+\d")
_LATIN_MONTHS = frozenset(
    m.lower()
    for m in (
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
    )
)


_YEAR_OR_MONTH = _YEAR_BEFORE | MONTHS
_LINE_NUMBER = re.compile(r"[ \t]?[-–).][ \t]*[^\W\d_]")


def _numbers_a_line(text: str, tok: Token) -> bool:
    """One to three digits open their line (after white space, a bullet or a bracket only)
    and a mark («-», «)», «.») and a word follow them: the number of an item («1- ارتفاع
    الصادرات», «2) حزب النهضة»), not a figure."""
    if len(tok.text) > 3:
        return False
    line = text.rfind("\n", 0, tok.start) + 1
    return not text[line : tok.start].strip(" \t-•*(") and bool(_LINE_NUMBER.match(text, tok.end))


# Digit groups a slash parts with spaces around it, the day perhaps a range: a date as
# agencies type it («14 / 06 / 1446هـ», «03/ 02/ 2024م», «11 - 13 / 4 / 1440ه»).
_SPACED_DATE = re.compile(r"\d{1,2}(?:\s*-\s*\d{1,2})?\s*/\s*\d{1,2}\s*/\s*\d{2,4}(?!\d)")


def _spaced_date(text: str, tok: Token) -> bool:
    """The token is a group of a date written with spaced slashes (`_SPACED_DATE`)."""
    lo = max(0, tok.start - 16)
    window = text[lo : tok.end + 18]
    return any(
        m.start() + lo <= tok.start and tok.end <= m.end() + lo
        for m in _SPACED_DATE.finditer(window)
    )


# After a day of the month: «من» before the month («4 من مارس», «9 من شهر رمضان»), or
# the word that closes a range of days before it («من 2 إلى 8 يونيو»).
_DAY_LINKS = {fold(w) for w in ("من", "إلى", "الى", "حتى", "و")}
_MONTH_WORD = fold("شهر")


def _day_of_month(text: str, tokens: list[Token], i: int) -> bool:
    """A day 1 to 31 whose month follows a word away: «N من (شهر) MONTH», or the first day
    of a range «N إلى M MONTH» (a count «ارتفع من 20 إلى 26 قتيلا» names no month)."""
    s = tokens[i].sentence
    k = i + 2
    if k >= len(tokens) or tokens[k].sentence != s:
        return False
    if tokens[i + 1].key == _FROM:
        if tokens[k].key == _MONTH_WORD and k + 1 < len(tokens):
            k += 1
        return tokens[k].key in MONTHS and tokens[k].sentence == s
    day = tokens[k]
    return (
        day.is_digits
        and day.text.isdigit()
        and len(day.text) <= 2
        and 1 <= int(day.text) <= 31
        and k + 1 < len(tokens)
        and tokens[k + 1].sentence == s
        and tokens[k + 1].key in MONTHS
        and not _gap(text, day, tokens[k + 1]).strip()
    )


_AT_TIME = {fold(w) for w in ("حتى", "من", "في", "منذ", "عند", "بعد", "قبل", "إلى", "وحتى")}
_IN_TIME = {fold(w) for w in ("في", "خلال", "طوال")}
_FROM = fold("من")
_LINE = {fold(w) for w in ("الرقم", "رقم", "الخط", "خط", "الهاتف", "هاتف", "الطريق", "طريق")}
_SINGLE = {fold(w) for w in ("الواحد", "الواحدة")}
_SCORE_WORDS = tuple(fold(w) for w in ("فوز", "فاز", "نتيجة", "تعادل", "هزيمة", "خسارة", "تغلب"))


_THE_NUMBER = fold("العدد")
_HIJRI_MONTHS = {
    fold(m) for m in ("محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان", "رمضان", "شوال", "القعدة",
                      "الحجة")
}  # fmt: skip
_MONTH_WORD = {fold("شهر"), fold("شهري")}
_DAY_LINKS = {fold(w) for w in ("و", "إلى", "الى", "حتى", "ولغاية", "لغاية")}


def _day_before_month(text: str, tokens: list[Token], i: int) -> bool:
    """A day of the month written apart from its month: «18 من حزيران», «27 من شهر
    إبريل», or the first day of two joined by «و»/«إلى» before the month that ends
    them («بين 3 و9 يونيو», «الأحد 10 إلى الاثنين 11 سبتمبر»)."""
    s = tokens[i].sentence
    ahead = [t for t in tokens[i + 1 : i + 6] if t.sentence == s]
    if len(ahead) >= 2 and ahead[0].key == _FROM:
        month = ahead[2] if ahead[1].key in _MONTH_WORD and len(ahead) > 2 else ahead[1]
        return month.key in MONTHS
    k = 0
    while k < len(ahead) and (ahead[k].key in _DAY_LINKS or _strip_day(ahead[k].key)):
        k += 1
    if k == 0 or k + 1 >= len(ahead) or not ahead[k].is_digits or not ahead[k].text.isdigit():
        return False
    day = int(ahead[k].text) if len(ahead[k].text) <= 2 else 0
    return 1 <= day <= 31 and ahead[k + 1].key in MONTHS and ahead[k].start > tokens[i].end


def _strip_day(key: str) -> bool:
    """A weekday name, with or without «و» («إلى الاثنين 11 سبتمبر»)."""
    return key in _WEEKDAY_KEYS or (key[:1] == "و" and key[1:] in _WEEKDAY_KEYS)


_WEEKDAY_KEYS = {
    fold(w) for w in ("السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس",
                      "الجمعة")
}  # fmt: skip
_HIJRI = frozenset(fold(w) for w in ("هـ", "ه", "هجري", "هجرية", "للهجرة", "الهجري", "الهجرية"))


def _hijri_year(
    text: str, tokens: list[Token], i: int, prev: Token | None, nxt: Token | None
) -> bool:
    """A year of the Hijri calendar: «هـ» or «هجرية» after it (written on or apart), or a
    word that a year follows before it («موسم حج 1445», «لعام 1446»)."""
    tok = tokens[i]
    if tok.end < len(text) and text[tok.end] in "هـ":
        return True
    if any(t.key in _HIJRI_MONTHS for t in tokens[max(0, i - 2) : i]):
        return True  # «20 جمادى الأولى 1446», «15 من ربيع الثاني 1441»
    if nxt is not None and nxt.key in _HIJRI:
        return True
    return prev is not None and (prev.key in _YEAR_BEFORE or prev.bare in _YEAR_BEFORE)


def _numbered_chain(text: str, tokens: list[Token], i: int) -> bool:
    """The digits at i follow a digit group by «-» or «/», and that group follows a word
    that numbers things («رقم», «المرسوم»): both groups are one identifier."""
    head = tokens[i - 1] if i > 0 else None
    if head is None or not head.is_digits or head.end + 1 != tokens[i].start:
        return False
    if text[head.end] not in "-/":
        return False
    word = _prev(tokens, i - 1)
    return word is not None and (word.key in NUMBERING or word.bare in NUMBERING)


def _single_adjective(tokens: list[Token], i: int) -> bool:
    """«المباراة الواحدة», «الشاحنة الواحدة»: the definite adjective «the single» after a
    definite noun is no count (an indefinite «امرأة واحدة» is one)."""
    prev = _prev(tokens, i)
    if prev is not None and prev.key in _SERVANT:
        return True  # «عبد الواحد»: a name
    return tokens[i].key in _SINGLE and prev is not None and prev.bare.startswith("ال")


_ONE = {fold(w) for w in ("واحد", "واحدة", "واحدا")}
_ARTICLE = {fold(w) for w in ("الـ", "ال", "والـ", "بالـ", "للـ")}  # the article alone
_SERVANT = {fold(w) for w in ("عبد", "وعبد", "لعبد", "بعبد")}  # «عبد الواحد»: a name
# Stretches of time «واحد» singles out: «خلال ليلة واحدة», «في موسم واحد» (in a single …)
_TIME_NOUNS = {
    fold(w)
    for w in ("ليلة", "يوم", "موسم", "مرة", "ساعة", "دقيقة", "أسبوع", "شهر", "عام", "سنة",
              "جلسة", "جولة", "دفعة", "ضربة")
}  # fmt: skip


def _single_time(tokens: list[Token], i: int) -> bool:
    """«واحد» after a stretch of time is emphasis (in a single night), not a count of one;
    after people or things («شخص واحد», «هدفا واحدا») it counts."""
    prev = _prev(tokens, i)
    if tokens[i].key not in _ONE or prev is None:
        return False
    key = prev.key
    return key in _TIME_NOUNS or (key[:1] in "وفبل" and key[1:] in _TIME_NOUNS)


def _definite_count(tokens: list[Token], i: int, counted: Callable[[Token], bool]) -> bool:
    nxt, prev = _next(tokens, i), _prev(tokens, i - 1)
    if nxt is not None and counted(nxt):
        return True
    if nxt is not None and (fold(nxt.text) in _SCALES or nxt.key in _REMAINING):
        return True  # «الـ70 الباقية»: the rest of a count
    if prev is not None and (prev.key.endswith(_OWNED_PLURAL) or _owned_plural(prev.key)):
        return True  # «مبارياته الـ34», «مراكزها الـ12»: a plural made definite by its owner
    if prev is None or not prev.bare.startswith("ال"):
        return False
    # a definite plural before it: «الولايات الـ58», «الحرائق الـ206»; a plural in construct
    # with it («ولايات السلطنة الـ63»); or a definite noun it counts, «المقاعد الـ34» — not
    # one that numbers days, hours or rounds («اليوم الـ100», «الساعة الـ11»): no plural
    # takes an ordinal
    head = _prev(tokens, i - 2)
    # «المناطق الإدارية الـ13»: a definite adjective between the plural and its numeral
    described = (
        head is not None
        and head.bare.startswith("ال")
        and prev.text.endswith(("ية", "ي"))
        and _plural(head.bare[2:])
    )
    return (
        _plural(prev.bare[2:])
        or described
        or (head is not None and not head.bare.startswith("ال") and _plural(head.bare))
        or (counted(prev) and prev.bare not in _ORDINAL_HEADS and prev.bare not in _POINTS_IN_TIME)
    )


_OWNED_PLURAL = tuple(fold("ات" + e) for e in ("ه", "ها", "هم", "هن", "هما"))
_REMAINING = frozenset(fold(w) for w in ("الباقية", "الباقين", "المتبقية", "الأخرى", "المتبقين"))


def _plural(word: str) -> bool:
    """A sound feminine plural («ولايات») or masculine one («المتهمين», «الموظفون»), or a
    broken plural of the forms فعائل / مفاعل / فواعل («حرائق», «مقاعد», «مدارس»): five
    letters with a long «ا» in the middle; of the forms فعاليل / مفاعيل («جثامين»,
    «صواريخ», «مساجين»): six, «ا» then «ي»; of the forms أفعلاء / فعلاء («أعضاء»,
    «وزراء»); or of the form فُعّال («نواب», «طلاب», «عمال»): four, «ا» third."""
    return (
        word.endswith("ات")
        or (len(word) >= 5 and word.endswith(("ين", "ون")) and word not in _NOT_PLURAL)
        or (len(word) >= 5 and word.endswith("اء"))
        or (len(word) == 4 and word[2] == "ا")
        or (len(word) == 5 and word[2] == "ا")
        or (len(word) == 6 and word[2] == "ا" and word[4] == "ي" and not word.endswith("ه"))
    )


# Words in -ين/-ون that are no plural of what a numeral after them counts: days of the week
# and two-word nouns' duals («الاثنين»), and «الماضيين» of a span of time.
_NOT_PLURAL = frozenset(fold(w) for w in ("اثنين", "ماضيين", "قادمين", "مقبلين"))
_PRONOUNS = (fold("هما"), fold("هم"), fold("هن"), fold("ها"), fold("ه"))


def _owned_plural(key: str) -> bool:
    """«مراكزها», «أعضاؤه»: a broken plural with a pronoun of its owner."""
    for end in _PRONOUNS:
        if key.endswith(end) and len(key) - len(end) >= 4:
            return _plural(key[: -len(end)])
    return False


_POINTS_IN_TIME = {fold(w) for w in ("الساعة", "الدقيقة", "الثانية", "الشوط")}


_SCALES = {
    fold(w)
    for w in ("ألف", "آلاف", "ألفا", "مليون", "ملايين", "مليار", "مليارات", "تريليون", "تريليونات")
}


def _score(text: str, tokens: list[Token], i: int) -> bool:
    """«بفوزه 3-2», «بنتيجة 1-1»: two digit groups joined by - that do not rise (a range
    rises: `10-15`), or that follow a word of a match result."""
    tok = tokens[i]
    left = i > 0 and tokens[i - 1].is_digits and text[tokens[i - 1].end : tok.start] == "-"
    right = (
        i + 1 < len(tokens)
        and tokens[i + 1].is_digits
        and text[tok.end : tokens[i + 1].start] == "-"
    )
    if not (left or right):
        return False
    a, b = (tokens[i - 1], tok) if left else (tok, tokens[i + 1])
    if not (a.text.isdigit() and b.text.isdigit()):
        return False
    if int(western_digits(a.text)) >= int(western_digits(b.text)):
        return True
    head = i - 1 if left else i
    word = tokens[head - 1].key if head > 0 else ""
    return any(w in word for w in _SCORE_WORDS)


# «في المائة», «بالمئة»: the percent words. A figure takes them when they follow it; met on
# their own, its number stands behind a bracket or a slash («(0.7) في المائة», «/ 23 /
# بالمئة»), and they are that number's percent, never a hundred of something.
_PERCENT_WORDS = {fold(p + w) for p in ("ال", "بال") for w in ("مئة", "مائة", "مئه", "مائه")}
_IN = {fold("في"), fold("فى")}


def _lone_percent_word(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == tok.sentence else None
    if nxt is not None and nxt.key in _SCALES:
        return False  # «حاجز المئة ألف»: the hundred thousand, a figure
    prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == tok.sentence else None
    return tok.key.startswith("ب") or (prev is not None and prev.key in _IN)
