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
from checks.extract.tokens import Token

MONTHS = {
    fold(m)
    for m in (
        "يناير", "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يونيه", "يوليو",
        "يوليه", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار",
        "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "جانفي", "فيفري", "أفريل",
        "ماي", "جوان", "جويلية", "أوت", "محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان",
        "رمضان", "شوال", "ذو", "ذي",
    )
}  # fmt: skip
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
        "البنزين", "بنزين", "أوكتان", "الأوكتان", "خليجي",
    )
}  # fmt: skip


_AND = fold("و")


def _month_after_next(tokens: list[Token], i: int) -> bool:
    """«21 و23 فبراير»: a number, «و», a day number of two digits at most, a month."""
    if i + 3 >= len(tokens) or len(tokens[i].text) > 2:
        return False
    day, month = tokens[i + 2], tokens[i + 3]
    return day.is_digits and len(day.text) <= 2 and (month.key in MONTHS or month.bare in MONTHS)


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
    if not (tok.key.startswith("ال") or tok.bare.startswith("ال")):
        return False
    prev = _prev(tokens, i)
    return prev is not None and (prev.key in _HEADS or prev.bare in _HEADS)


_TEN = {fold("عشر"), fold("عشرة")}


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
    if start > 1 and text[start - 1] == "-":
        return text[start - 2].isalpha() and text[start - 2] != "ـ"
    return start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()


_SAYS = {fold(w) for w in ("أن", "إن", "قائلا", "مضيفا", "قال", "وقال", "قالت", "وقالت")}


def _closes_a_quoted_name(text: str, tok: Token) -> bool:
    """Digits right before a closing «»» or «"», the quote opened one or two words before:
    a product, grade or index named in quotes («بنزين «سوبر 98»», «إيجي إكس 30»). Quoted
    speech opens after a colon or a verb of saying («أن «الحصيلة بلغت 52»»)."""
    end = tok.end
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
        )
    # A token holds no - or /: a chain needs a neighbour in the run (`_digit_run`).
    chained = (tok.start and text[tok.start - 1] in _RUN) or (
        tok.end < len(text) and text[tok.end] in _RUN
    )
    if chained and _DATE_CHAIN.fullmatch(_digit_run(text, tok)):
        return True  # 15-12-2023, 15/12/2023
    if chained and _numbered_chain(text, tokens, i):
        return True  # «المرسوم رقم 23-178»: the second group of one identifier
    before = text[tok.start - 1] if tok.start > 0 else ""
    after = text[tok.end] if tok.end < len(text) else ""
    after2 = text[tok.end + 1] if tok.end + 1 < len(text) else ""
    if (after in ":/" and after2.isdigit()) or (
        before in ":/" and tok.start > 1 and text[tok.start - 2].isdigit()
    ):
        return True  # 23:11, 2254/2015
    if len(tok.text) > 1 and tok.text[0] in "0٠۰" and tok.text.isdigit():
        return True  # a phone number or a code
    if _glued_to_a_word(text, tok.start):
        return True  # «كوفيد-19», «إف-16», «A320»: the number is part of a name
    if _closes_a_quoted_name(text, tok):
        return True  # «سوبر 98», «إيجي إكس 30»: the last word of a name in quotes
    s = tok.sentence  # the neighbours in its sentence (`_prev`, `_next`, written out)
    prev = tokens[i - 1] if i > 0 and tokens[i - 1].sentence == s else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].sentence == s else None
    if after == "/" and nxt is not None and (nxt.key in MONTHS or nxt.bare in MONTHS):
        return True  # «14/مارس/2022»: a date with the month in words
    if nxt is not None and nxt.key == _AND and _month_after_next(tokens, i):
        return True  # «بين 21 و23 فبراير»: the first day of a span of dates
    if prev is not None and prev.key == _AND and _labels_listed(tokens, i):
        return True  # «الحارتين 29 و43»: the second of two numbers a plural label names
    if prev is not None and prev.end == tok.start and prev.key.endswith("ال"):
        # الـ11, الـ1070: an ordinal or part of a name (tatweel folds away), unless it
        # counts: a counted noun or a scale word after it (`الـ55 قتيلا`, `الـ49.5 مليون
        # مسافر`), or a definite plural before it (`الولايات الـ58`)
        return not _definite_count(tokens, i, counted)
    pkey = prev.bare if prev is not None else ""
    if prev is not None and (prev.key in NUMBERING or pkey in NUMBERING):
        # «بلغ العدد 14 ألفا»: «العدد» (the number) before a count, not an issue number
        return not (
            pkey == _THE_NUMBER and nxt is not None and (nxt.key in _SCALES or counted(nxt))
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
    if 1 <= n <= 31 and nxt is not None and not _gap(text, tok, nxt).strip() and nkey in MONTHS:
        return True  # 11 تموز
    if 1 <= n <= 12 and nkey in TIMES_OF_DAY and pkey in _AT_TIME:
        return True  # «حتى 4 عصرا», «في 10 صباحا»: an hour of the day («أصيب 12 مساء» counts)
    if len(tok.text) == 4 and 1300 <= n <= 1500 and _hijri_year(text, tokens, i, prev, nxt):
        return True  # «موسم 1445 هـ», «عام 1446 هجرية»
    if len(tok.text) == 4 and 1900 <= n <= 2100:
        if prev is not None and (prev.key in _YEAR_OR_MONTH or pkey in _YEAR_OR_MONTH):
            return True
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
        return not (noun or (nkey == _FROM and after is not None and counted(after)))
    return False


_YEAR_OR_MONTH = _YEAR_BEFORE | MONTHS
_AT_TIME = {fold(w) for w in ("حتى", "من", "في", "منذ", "عند", "بعد", "قبل", "إلى", "وحتى")}
_IN_TIME = {fold(w) for w in ("في", "خلال", "طوال")}
_FROM = fold("من")
_LINE = {fold(w) for w in ("الرقم", "رقم", "الخط", "خط", "الهاتف", "هاتف")}
_SINGLE = {fold(w) for w in ("الواحد", "الواحدة")}
_SCORE_WORDS = tuple(fold(w) for w in ("فوز", "فاز", "نتيجة", "تعادل", "هزيمة", "خسارة", "تغلب"))


_THE_NUMBER = fold("العدد")
_HIJRI = frozenset(fold(w) for w in ("هـ", "ه", "هجري", "هجرية", "للهجرة", "الهجري", "الهجرية"))


def _hijri_year(
    text: str, tokens: list[Token], i: int, prev: Token | None, nxt: Token | None
) -> bool:
    """A year of the Hijri calendar: «هـ» or «هجرية» after it (written on or apart), or a
    word that a year follows before it («موسم حج 1445», «لعام 1446»)."""
    tok = tokens[i]
    if tok.end < len(text) and text[tok.end] in "هـ":
        return True
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
    return tokens[i].key in _SINGLE and prev is not None and prev.bare.startswith("ال")


_ONE = {fold(w) for w in ("واحد", "واحدة", "واحدا")}
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
    if nxt is not None and fold(nxt.text) in _SCALES:
        return True
    if prev is None or not prev.bare.startswith("ال"):
        return False
    # a definite plural before it: «الولايات الـ58»; or a definite noun it counts, «المقاعد
    # الـ34» — not one that numbers days, hours or rounds («اليوم الـ100», «الساعة الـ11»)
    return prev.key.endswith("ات") or (
        counted(prev) and prev.bare not in _ORDINAL_HEADS and prev.bare not in _POINTS_IN_TIME
    )


_POINTS_IN_TIME = {fold(w) for w in ("الساعة", "الدقيقة", "الثانية", "الشوط")}


_SCALES = {fold(w) for w in ("ألف", "آلاف", "ألفا", "مليون", "ملايين", "مليار", "مليارات")}


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
