"""DATE spans: weekday names and «اليوم» (today), normalized against the `published` date.

A weekday names the latest such day on or before publication (news reports the past week);
«اليوم» is the publication day. A time-of-day word before a weekday («صباح الجمعة») and
«اليوم» before one («اليوم الجمعة») join the span. «اليوم السابع» is a newspaper, not today.
Without `published` the span carries no `normalized` date. When «اليوم» and the weekday
disagree («اليوم الاثنين» in a Tuesday paper), «اليوم» wins: today is the publication day,
and the weekday is the outlet's slip that the `date.weekday` rule then reports. A weekday
followed by a day and a month («الأحد 8 أكتوبر», «الجمعة 3 تشرين الثاني 2023») names that
date: the span runs over it and is normalized to it (the year written, or the one that puts
it nearest the publication), so a weekday that disagrees with its own date is reported. The
weekday table and the reading of a span are the `date.weekday` rule's own
(`checks.rules.date_rules`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from checks.arabic import fold
from checks.extract.tokens import Token, gap, where
from checks.rules.date_rules import WEEKDAYS, _strip, read_date_words

_TODAY = fold("اليوم")
_PARTS_OF_DAY = {fold(w) for w in ("صباح", "مساء", "ظهر", "ليلة", "فجر", "يوم")}
_NOT_TODAY_NEXT = {fold("السابع")}
_DATE_WORDS = set(WEEKDAYS) | {_TODAY} | _PARTS_OF_DAY  # the words a DATE span starts with
_stripped = lru_cache(maxsize=1 << 16)(_strip)  # one word's reading, worked out once
# Month names as Arab outlets write them: Egyptian and Gulf, Maghrebi, Algerian and Tunisian,
# Levantine (two words for the Kanuns and Tishreens).
MONTHS: dict[str, int] = {
    fold(w): n
    for n, words in enumerate(
        (
            ("يناير", "جانفي"),
            ("فبراير", "فيفري", "شباط"),
            ("مارس", "آذار"),
            ("أبريل", "ابريل", "إبريل", "أفريل", "نيسان"),
            ("مايو", "ماي", "أيار"),
            ("يونيو", "يونيه", "جوان", "حزيران"),
            ("يوليو", "يوليه", "يوليوز", "جويلية", "تموز"),
            ("أغسطس", "اغسطس", "غشت", "أوت", "آب"),
            ("سبتمبر", "شتنبر", "أيلول"),
            ("أكتوبر", "اكتوبر", "تشرين الأول"),
            ("نوفمبر", "نونبر", "تشرين الثاني"),
            ("ديسمبر", "دجنبر", "كانون الأول"),
        ),
        start=1,
    )
    for w in words
} | {fold("كانون الثاني"): 1}


@lru_cache(maxsize=1 << 16)
def _opens_date(key: str) -> bool:
    return _stripped(key) in _DATE_WORDS


@dataclass
class Date:
    start: int
    end: int
    text: str
    normalized: str | None
    first: int
    last: int


def normalize(span: str, published: str | None) -> str | None:
    if not published:
        return None
    day = dt.date.fromisoformat(published)
    weekday, _, today = read_date_words(span)
    if weekday is None:
        return day.isoformat() if today else None
    if today:
        return day.isoformat()
    # By day numbers, not date arithmetic: the weekday before 0001-01-01 has no ISO date
    # (datetime's range starts there), so it gets none instead of an OverflowError.
    back = day.toordinal() - (day.weekday() - weekday) % 7
    return dt.date.fromordinal(back).isoformat() if back >= 1 else None


def _explicit(
    text: str, tokens: list[Token], i: int, published: str | None
) -> tuple[int, str | None] | None:
    """(last token, ISO date) of «8 أكتوبر [2024]» starting at token i, if it is one."""
    if i + 1 >= len(tokens) or not tokens[i].text.isdigit() or not 1 <= int(tokens[i].text) <= 31:
        return None
    last, month = None, None
    for n in (2, 1):  # «تشرين الأول» before «تشرين»
        end = i + n
        if end < len(tokens) and _glued(text, tokens, i, end):
            month = MONTHS.get(" ".join(t.key for t in tokens[i + 1 : end + 1]))
            if month is not None:
                last = end
                break
    if last is None or month is None:
        return None
    day, year = int(tokens[i].text), None
    nxt = last + 1
    year_next = nxt < len(tokens) and len(tokens[nxt].text) == 4 and tokens[nxt].text.isdigit()
    if year_next and _glued(text, tokens, last, nxt):
        year, last = int(tokens[nxt].text), nxt
    if published is None and year is None:
        return last, None
    pub = dt.date.fromisoformat(published) if published else None
    candidates = [year] if year is not None else [pub.year - 1, pub.year, pub.year + 1]
    dates = []
    for y in candidates:
        try:
            dates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not dates:
        return last, None
    best = min(dates, key=lambda d: abs((d - pub).days)) if pub else dates[0]
    return last, best.isoformat()


def _glued(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """Tokens a … b in one sentence with only spaces between."""
    return all(
        tokens[k].sentence == tokens[a].sentence
        and not gap(text, tokens[k - 1].end, tokens[k].start)
        for k in range(a + 1, b + 1)
    )


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
        elif word == _TODAY or word in _PARTS_OF_DAY:
            if joined and _stripped(nxt.key) in WEEKDAYS:
                last = i + 1
            elif word != _TODAY or (nxt is not None and _stripped(nxt.key) in _NOT_TODAY_NEXT):
                continue
        else:
            continue
        start = tok.start + (word != tok.key)  # a proclitic stays outside the span
        explicit = _explicit(text, tokens, last + 1, published)
        if explicit is not None and _glued(text, tokens, last, last + 1):
            last = explicit[0]
        end = tokens[last].end
        span = text[start:end]
        normalized = explicit[1] if explicit is not None else normalize(span, published)
        dates.append(Date(start, end, span, normalized, first, last))
    return dates
