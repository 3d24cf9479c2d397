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

from collections.abc import Callable

from checks.arabic import fold
from checks.extract.tokens import Token, bare

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
    )
}  # fmt: skip
# After these a year is likelier than a count, unless a counted noun follows (`في 2016` but
# `منذ 2000 شخص` hardly, `خلال 1900 غارة` a count).
_YEAR_MAYBE = {fold(w) for w in ("في", "منذ", "حتى", "خلال", "قبل", "بعد", "وفي", "ومنذ")}
_YEAR_AFTER = {fold(w) for w in ("م", "هـ", "ه", "ميلادي", "ميلادية", "هجري", "هجرية")}
_CLOCK = {fold(w) for w in ("الساعة", "ساعة")}
_NUMBERING = {
    fold(w)
    for w in (
        "المادة", "مادة", "رقم", "الرقم", "القرار", "قرار", "البند", "بند", "الفقرة", "الفصل",
        "الساخن", "هاتف", "الهاتف", "الصفحة", "صفحة", "الطريق", "المبنى", "الغرفة", "الكيلو",
        "الآية", "الحديث", "القانون", "قانون", "المرسوم", "مرسوم", "الرحلة", "رحلة", "الرمز",
        "الموديل", "طراز", "الطراز", "سورة", "الجولة", "الدورة", "النسخة", "العدد",
    )
}  # fmt: skip


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


def not_a_figure(
    text: str, tokens: list[Token], i: int, counted: Callable[[Token], bool] = lambda t: False
) -> bool:
    """The digit token at `i` is a year, date, time, ordinal, name or identifier; `counted`
    says whether a word is a counted noun or a unit (then 2016 before it is a count)."""
    tok = tokens[i]
    if not tok.is_digits:
        return False
    before = text[tok.start - 1] if tok.start > 0 else ""
    after = text[tok.end] if tok.end < len(text) else ""
    after2 = text[tok.end + 1] if tok.end + 1 < len(text) else ""
    if (after in ":/" and after2.isdigit()) or (
        before in ":/" and tok.start > 1 and text[tok.start - 2].isdigit()
    ):
        return True  # 23:11, 2254/2015
    if len(tok.text) > 1 and tok.text[0] in "0٠۰" and tok.text.isdigit():
        return True  # a phone number or a code
    prev, nxt = _prev(tokens, i), _next(tokens, i)
    if prev is not None and prev.end == tok.start and prev.key.endswith("ال"):
        return True  # الـ11, الـ1070: an ordinal or part of a name (tatweel folds away)
    pkey = bare(prev.key) if prev is not None else ""
    if prev is not None and (prev.key in _NUMBERING or pkey in _NUMBERING):
        return True
    if prev is not None and (prev.key in _CLOCK or pkey in _CLOCK):
        return True
    nkey = nxt.key if nxt is not None else ""
    if not tok.text.isdigit():
        return False
    n = int(tok.text) if len(tok.text) <= 4 else 0
    if 1 <= n <= 31 and nxt is not None and not _gap(text, tok, nxt).strip() and nkey in MONTHS:
        return True  # 11 تموز
    if len(tok.text) == 4 and 1900 <= n <= 2100:
        if prev is not None and {prev.key, pkey} & (_YEAR_BEFORE | MONTHS):
            return True
        if nxt is None or _gap(text, tok, nxt).strip() or nkey in MONTHS or nkey in _YEAR_AFTER:
            return True
        if prev is not None and {prev.key, pkey} & _YEAR_MAYBE:
            return not counted(nxt)
    return False
