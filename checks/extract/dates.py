"""DATE spans: weekday names and «اليوم» (today), normalized against the `published` date.

A weekday names the latest such day on or before publication (news reports the past week);
«اليوم» (Egyptian «النهارده») is the publication day, «أمس» the day before and «غدا» the
day after, when a weekday follows them (`أمس الأحد`). A weekday followed by the day and
month it falls on (`الأحد 8 أكتوبر`, `الأحد الموافق 8 تشرين الأول 2023`, `الأحد 8/10/2023`,
day first) is that date: the year when written, else the one that puts it nearest to
publication; the rule then says whether the outlet's weekday is right. A weekday followed
by a Hijri date and no Gregorian one («يوم الجمعة 9 ذي الحجة 1445هـ», «الاثنين العاشر من
ذي الحجة») is the day that date falls on by the Umm al-Qura calendar
(`checks.extract.hijri`), or the day after when the weekday names that one (a month begun
by sighting); «اليوم» and «أمس» before it still count from publication. A time-of-day
word before a weekday («صباح الجمعة») and
«اليوم» before one («اليوم الجمعة») join the span. «اليوم السابع» is a newspaper, not today.
Without `published` the span carries no `normalized` date. When «اليوم» and the weekday
disagree («اليوم الاثنين» in a Tuesday paper), «اليوم» wins: today is the publication day,
and the weekday is the outlet's slip that the `date.weekday` rule then reports. The
weekday table and the reading of a span are the `date.weekday` rule's own
(`checks.rules.date_rules`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from checks.arabic import fold, western_digits
from checks.extract import hijri
from checks.extract.tokens import Token, gap, where
from checks.rules.date_rules import WEEKDAYS, _strip, read_date_words

_TODAY = fold("اليوم")
# Days counted from publication: today, yesterday, tomorrow (with a weekday after them).
_RELATIVE = {_TODAY: 0, fold("النهارده"): 0, fold("النهاردة"): 0, fold("أمس"): -1,
             fold("البارحة"): -1, fold("غدا"): 1}  # fmt: skip
_ALONE = {_TODAY, fold("النهارده"), fold("النهاردة")}  # today needs no weekday after it
_PARTS_OF_DAY = {fold(w) for w in ("صباح", "مساء", "ظهر", "ليلة", "ليل", "فجر", "عصر", "يوم")}
_NOT_TODAY_NEXT = {fold("السابع")}
_DATE_WORDS = set(WEEKDAYS) | set(_RELATIVE) | _PARTS_OF_DAY  # the words a DATE span starts with
# Gregorian months as Arab outlets name them: Egyptian/Gulf, Levantine, Maghrebi.
_MONTHS = {
    fold(name): number
    for number, names in enumerate(
        (
            ("يناير", "جانفي", "كانون الثاني"), ("فبراير", "فيفري", "شباط", "فبراير"),
            ("مارس", "آذار"), ("أبريل", "إبريل", "أفريل", "نيسان"), ("مايو", "ماي", "أيار"),
            ("يونيو", "يونيه", "جوان", "حزيران"), ("يوليو", "يوليه", "جويلية", "يوليوز", "تموز"),
            ("أغسطس", "أوت", "غشت", "آب"), ("سبتمبر", "شتنبر", "أيلول"),
            ("أكتوبر", "تشرين الأول"), ("نوفمبر", "نونبر", "تشرين الثاني"),
            ("ديسمبر", "دجنبر", "كانون الأول"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
GREGORIAN_MONTHS = frozenset(_MONTHS)  # the folded names, for the figure reader
_LINKS = {fold("الموافق"), fold("الموافقة")}  # «الأحد الموافق 8 أكتوبر»
_stripped = lru_cache(maxsize=1 << 16)(_strip)  # one word's reading, worked out once


@lru_cache(maxsize=1 << 16)
def _opens_date(key: str) -> bool:
    return _stripped(key) in _DATE_WORDS


@dataclass(slots=True)
class Date:
    start: int
    end: int
    text: str
    normalized: str | None
    first: int
    last: int


@lru_cache(maxsize=1 << 14)  # a span and a day repeat: «أمس» in every text of one day
def normalize(span: str, published: str | None) -> str | None:
    if not published:
        return None
    day = dt.date.fromisoformat(published)
    weekday, _, today = read_date_words(span)
    offset = 0 if today else _relative_offset(span)
    if offset is not None:
        # by day numbers: the day after 9999-12-31 or before 0001-01-01 has no ISO date
        at = day.toordinal() + offset
        return dt.date.fromordinal(at).isoformat() if 1 <= at <= _LAST_DAY else None
    if weekday is None:
        return None
    # By day numbers, not date arithmetic: the weekday before 0001-01-01 has no ISO date
    # (datetime's range starts there), so it gets none instead of an OverflowError.
    back = day.toordinal() - (day.weekday() - weekday) % 7
    return dt.date.fromordinal(back).isoformat() if back >= 1 else None


_LAST_DAY = dt.date.max.toordinal()


def _relative_offset(span: str) -> int | None:
    """Days from publication that a relative word of the span names (`أمس` -1, «أول أمس»
    -2), or None."""
    before = ""
    for word in fold(span).split():
        offset = _RELATIVE.get(_stripped(word))
        if offset is not None:
            return offset - 1 if offset == -1 and before == _FIRST else offset
        before = _stripped(word)
    return None


_FIRST = fold("أول")  # «أول أمس»: the day before yesterday


def find_dates(
    text: str, tokens: list[Token], taken: set[int], published: str | None
) -> list[Date]:
    dates: list[Date] = []
    for i in where(tokens, _opens_date):
        tok = tokens[i]
        word = _stripped(tok.key)
        if i in taken or (dates and dates[-1].last >= i):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        joined = (
            nxt is not None and nxt.sentence == tok.sentence and not gap(text, tok.end, nxt.start)
        )
        first = last = i
        if word in WEEKDAYS:
            pass
        elif word in _RELATIVE or word in _PARTS_OF_DAY:
            if joined and _stripped(nxt.key) in WEEKDAYS:
                last = i + 1
            elif word not in _ALONE or (nxt is not None and _stripped(nxt.key) in _NOT_TODAY_NEXT):
                continue
        else:
            continue
        start = tok.start + (word != tok.key)  # a proclitic stays outside the span
        if _RELATIVE.get(word) == -1 and _first_before(text, tokens, i):
            first, start = i - 1, tokens[i - 1].start + (tokens[i - 1].key != _FIRST)
        written = _day_and_month(text, tokens, last, taken, published)
        hijri_date = None if written is not None else _hijri_date(text, tokens, last, taken)
        if written is not None:
            last, normalized = written
        elif hijri_date is not None:
            last, ymd = hijri_date
            span = text[start : tokens[last].end]
            normalized = normalize(span, published) if _relative_offset(span) is not None else None
            normalized = normalized or _hijri_day(span, ymd, published)
        else:
            normalized = normalize(text[start : tokens[last].end], published)
        end = tokens[last].end
        if text.count("(", start, end) > text.count(")", start, end) and text[end : end + 1] == ")":
            end += 1  # «يوم الجمعة (12 يناير)»: the bracket the span opened closes in it
        dates.append(Date(start, end, text[start:end], normalized, first, last))
    return dates


def _first_before(text: str, tokens: list[Token], i: int) -> bool:
    """«أول أمس» (the day before yesterday): «أول» right before «أمس», in its sentence."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    return (
        prev.sentence == tokens[i].sentence
        and _FIRST in (prev.key, prev.bare)
        and not gap(text, prev.end, tokens[i].start)
    )


def _day_and_month(
    text: str, tokens: list[Token], at: int, taken: set[int], published: str | None
) -> tuple[int, str | None] | None:
    """(last token, ISO date) of «8 أكتوبر [2023]» written right after the weekday at `at`,
    through «،», «(» or «الموافق»; None when no day and month follow."""
    k = _past_hijri_date(tokens, at) + 1
    if (
        k < len(tokens)
        and tokens[k].key in _LINKS
        and not gap(text, tokens[k - 1].end, tokens[k].start).strip("،,(")
    ):
        k += 1
    if k + 1 >= len(tokens) or not tokens[k].is_digits or k in taken:
        return None
    if (
        gap(text, tokens[k - 1].end, tokens[k].start).strip("،,(")
        or tokens[k].sentence != tokens[at].sentence
    ):
        return None
    digits = western_digits(text[tokens[k].start : tokens[k].start + 10])
    if chain := _NUMERIC_DATE.match(digits) or _YEAR_FIRST.match(digits):
        # «يوم الأربعاء 10-1-2024», «الأحد 7/1/2024», «الأحد 2024/1/7»: in digits
        end = tokens[k].start + chain.end()
        last = k
        while last + 1 < len(tokens) and tokens[last + 1].start < end:
            last += 1
        day, month, year = (int(chain.group(n)) for n in (1, 3, 4))
        if chain.re is _YEAR_FIRST:
            year, day = day, year
        if not 1 <= month <= 12:
            return last, None
        if HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
            # «الأحد 1445/12/9هـ», «9/12/1445»: a Hijri date, by Umm al-Qura
            era = last + 1 < len(tokens) and tokens[last + 1].key in _HIJRI_ERA
            if era and not gap(text, tokens[last].end, tokens[last + 1].start).strip():
                last += 1
            return last, _hijri_day(tokens[at].text, (year, month, day), published)
        return last, _dated(day, month, year, published)
    day = int(western_digits(tokens[k].text)) if tokens[k].text.isdigit() else 0
    month, last = _month_at(tokens, k + 1)
    if month is None or not 1 <= day <= 31 or gap(text, tokens[k].end, tokens[k + 1].start):
        return None
    if last + 2 < len(tokens) and gap(text, tokens[last].end, tokens[last + 1].start) == "/":
        also, after = _month_at(tokens, last + 1)  # «أكتوبر/تشرين الأول»
        last = after if also == month else last
    year = None
    if (
        last + 1 < len(tokens)
        and tokens[last + 1].is_digits
        and not gap(text, tokens[last].end, tokens[last + 1].start)
    ):
        written = western_digits(tokens[last + 1].text)
        if written.isdigit() and len(written) == 4:
            year, last = int(written), last + 1
    return last, _dated(day, month, year, published)


_HIJRI_MONTHS = {
    fold(w)
    for w in (
        *("محرم", "صفر", "ربيع", "جمادى", "جمادي", "رجب", "شعبان", "رمضان", "شوال"),
        *("ذو", "ذي", "القعدة", "الحجة", "الأول", "الآخر", "الثاني", "الأولى", "الآخرة"),
    )
}
HIJRI_WORDS = 7  # tokens of a Hijri date between a weekday and «الموافق»


def _past_hijri_date(tokens: list[Token], at: int) -> int:
    """The last token of a Hijri date written between the weekday at `at` and «الموافق»
    («الاثنين العاشر من ذي الحجة 1445هـ الموافق 16 يونيو»), or `at` when there is none:
    the Gregorian date after «الموافق» is the one the weekday is checked against."""
    sentence = tokens[at].sentence
    for k in range(at + 1, min(len(tokens), at + 2 + HIJRI_WORDS)):
        if tokens[k].sentence != sentence:
            return at
        if tokens[k].key in _LINKS:
            between = tokens[at + 1 : k]
            named = any(t.key in _HIJRI_MONTHS for t in between)
            return k - 1 if named else at
    return at


# A date in digits, day first as Arab outlets write it: «10-1-2024», «10/01/2024»; or year
# first («2024/1/10», «1445/12/9»). A year of these is a Hijri one: no weekday of news
# falls in the Gregorian years 1300-1600.
_NUMERIC_DATE = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?!\d)")
_YEAR_FIRST = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)")
HIJRI_YEARS = (1300, 1600)


def _month_at(tokens: list[Token], k: int) -> tuple[int | None, int]:
    """The month named at token `k` (one word or two: `تشرين الأول`) and its last token."""
    if k >= len(tokens):
        return None, k
    if k + 1 < len(tokens):
        two = _MONTHS.get(f"{tokens[k].key} {tokens[k + 1].key}")
        if two is not None:
            return two, k + 1
    return _MONTHS.get(tokens[k].key), k


def _dated(day: int, month: int, year: int | None, published: str | None) -> str | None:
    """The ISO date; without a year, the year that puts it nearest to publication."""
    if year is None:
        if not published:
            return None
        around = dt.date.fromisoformat(published)
        years = (around.year - 1, around.year, around.year + 1)
        candidates = [d for y in years if (d := _valid(y, month, day)) is not None]
        if not candidates:
            return None
        return min(candidates, key=lambda d: abs(d - around)).isoformat()
    found = _valid(year, month, day)
    return found.isoformat() if found is not None else None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 in a 30-day month, 29 February of a common year, year 0
        return None


# Hijri months by their folded words (one or two), as outlets write them.
_HIJRI_MONTH_NAMES = {
    " ".join(fold(w) for w in name.split()): number
    for number, names in enumerate(
        (
            ("محرم", "المحرم"), ("صفر",), ("ربيع الأول",), ("ربيع الآخر", "ربيع الثاني"),
            ("جمادى الأولى", "جمادى الأول"), ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"),
            ("رجب",), ("شعبان",), ("رمضان",), ("شوال",), ("ذو القعدة", "ذي القعدة"),
            ("ذو الحجة", "ذي الحجة"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# Days written as ordinals («التاسع من ذي الحجة», «الحادي عشر», «الثالث والعشرين»).
_ORDINAL_UNITS = {
    fold(w): n
    for n, words in enumerate(
        (("الأول", "الحادي"), ("الثاني",), ("الثالث",), ("الرابع",), ("الخامس",),
         ("السادس",), ("السابع",), ("الثامن",), ("التاسع",)),
        start=1,
    )
    for w in words
}  # fmt: skip
_ORDINAL_TENS = {fold("العاشر"): 10, fold("العشرين"): 20, fold("الثلاثين"): 30}
_TEEN = fold("عشر")
_AND_TWENTY = fold("والعشرين")
_FIRST_OF = {fold("غرة"), fold("مطلع")}
_OF = fold("من")
_HIJRI_ERA = {fold(w) for w in ("هـ", "ه", "هجرية", "هجري", "للهجرة", "الهجري", "الهجرية")}


def _hijri_day_at(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """(day, its last token) of a Hijri day at token k: digits or an ordinal."""
    key = tokens[k].key
    if tokens[k].is_digits:
        digits = western_digits(tokens[k].text)
        return (int(digits), k) if digits.isdigit() and len(digits) <= 2 else None
    if key in _FIRST_OF:
        return 1, k
    if key in _ORDINAL_TENS:
        return _ORDINAL_TENS[key], k
    unit = _ORDINAL_UNITS.get(key)
    if unit is None:
        return None
    nxt = tokens[k + 1].key if k + 1 < len(tokens) else ""
    if nxt == _TEEN:
        return 10 + unit, k + 1
    if nxt == _AND_TWENTY:
        return 20 + unit, k + 1
    return unit, k


def _hijri_date(
    text: str, tokens: list[Token], at: int, taken: set[int]
) -> tuple[int, tuple[int | None, int, int]] | None:
    """(last token, (year or None, month, day)) of a Hijri date written right after the
    weekday at `at` («9 ذي الحجة 1445هـ», «التاسع من ذي الحجة»), or None."""
    k = at + 1
    sentence = tokens[at].sentence
    if k >= len(tokens) or k in taken or gap(text, tokens[at].end, tokens[k].start).strip("،,("):
        return None
    day = _hijri_day_at(tokens, k)
    if day is None:
        return None
    day_number, k = day[0], day[1] + 1
    if k < len(tokens) and tokens[k].key == _OF:
        k += 1
    month = None
    for n in (2, 1):
        words = " ".join(t.key for t in tokens[k : k + n])
        if len(tokens[k : k + n]) == n and words in _HIJRI_MONTH_NAMES:
            month, k = _HIJRI_MONTH_NAMES[words], k + n
            break
    if month is None or not 1 <= day_number <= 30 or tokens[k - 1].sentence != sentence:
        return None
    last, year = k - 1, None
    if k < len(tokens) and tokens[k].is_digits and tokens[k].sentence == sentence:
        digits = western_digits(tokens[k].text)
        if digits.isdigit() and len(digits) == 4:
            year, last = int(digits), k
            era = k + 1 < len(tokens) and tokens[k + 1].key in _HIJRI_ERA
            if era and not gap(text, tokens[k].end, tokens[k + 1].start).strip():
                last = k + 1  # «1445هـ», «1445 هجرية»
    return last, (year, month, day_number)


def _hijri_day(span: str, ymd: tuple[int | None, int, int], published: str | None) -> str | None:
    """The ISO date a Hijri date names: its Umm al-Qura day, or the day after when the
    span's weekday names that one; without a year, the year nearest to publication."""
    year, month, day = ymd
    if year is None:
        if not published:
            return None
        year = hijri.year_near(month, day, dt.date.fromisoformat(published))
        if year is None:
            return None
    days = hijri.candidates(year, month, day)
    if not days:
        return None
    weekday = read_date_words(span)[0]
    return next((d for d in days if d.weekday() == weekday), days[0]).isoformat()
