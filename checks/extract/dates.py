"""DATE spans: weekday names and «اليوم» (today), normalized against the `published` date.

A weekday names the latest such day on or before publication (news reports the past week);
«اليوم» is the publication day. A time-of-day word before a weekday («صباح الجمعة») and
«اليوم» before one («اليوم الجمعة») join the span. «اليوم السابع» is a newspaper, not today.
Without `published` the span carries no `normalized` date. When «اليوم» and the weekday
disagree («اليوم الاثنين» in a Tuesday paper), «اليوم» wins: today is the publication day,
and the weekday is the outlet's slip that the `date.weekday` rule then reports. The
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
        end = tokens[last].end
        span = text[start:end]
        dates.append(Date(start, end, span, normalize(span, published), first, last))
    return dates
