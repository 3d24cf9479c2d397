"""Hijri (Umm al-Qura) dates to Gregorian ones, so a weekday written before a Hijri date
(«يوم الجمعة 9 ذي الحجة 1445هـ») can be checked against the day that date falls on.

The Umm al-Qura calendar is the official calendar of Saudi Arabia; its months begin on
days fixed in advance, so it is no formula but a table: here the length of each month
from Muharram 1370 (13 October 1950) to Dhu al-Hijja 1500 (2077), one bit a month (1 is
30 days, 0 is 29), twelve bits a year written as three hex digits. The month starts are
those of the KACST tables as published with the hijridate package (MIT licence, Mohammed
Alshehri). Outside these years no Hijri date is read.

Countries that begin a month by sighting the crescent begin it on the Umm al-Qura day or
the day after: `candidates` gives both days, so a weekday that matches the later one is
no slip.
"""

from __future__ import annotations

import datetime as dt

FIRST_YEAR, LAST_YEAR = 1370, 1500
_FIRST_DAY = dt.date(1950, 10, 13).toordinal()  # 1 Muharram 1370
_LENGTHS = (
    "aaaa5754b555ab3aa64ea95baaa555aaab4ab655aaaaab2ecab2ab6aaaabab4aab2aba2baa6b4aba55aa"
    "ab5556d2b54aea57526e936aaad555aa5b52ba95b49ba4db25d52daa5ad4aea56d4bd23d91da95b4ab5a"
    "56d2b693b49b6556a9754b6a56caad555b29b92ba95d4ada55aaab595749764baa5b52b6a56d2ae9572a"
    "75535a95d49ba4dd26d535aaaad4b6a57527a95b4ab5536c9ae4b6a96b4ada55d25d92dc96d4ad6556d2"
    "b693749b64d72ab54b6a5752b6956b2ad94dc95d4aea56caad5556c97"
)


def _month_starts() -> list[int]:
    """The ordinal of the first day of each month, FIRST_YEAR's Muharram first."""
    starts, day = [], _FIRST_DAY
    for year in range(LAST_YEAR - FIRST_YEAR + 1):
        bits = int(_LENGTHS[3 * year : 3 * year + 3], 16)
        for month in range(12):
            starts.append(day)
            day += 30 if bits >> (11 - month) & 1 else 29
    starts.append(day)
    return starts


_STARTS = _month_starts()


def to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Hijri one by Umm al-Qura, or None outside the table or for
    a day the month does not have (the 30th of a 29-day month)."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 and day >= 1):
        return None
    n = (year - FIRST_YEAR) * 12 + month - 1
    if _STARTS[n] + day - 1 >= _STARTS[n + 1]:
        return None
    return dt.date.fromordinal(_STARTS[n] + day - 1)


def candidates(year: int, month: int, day: int) -> list[dt.date]:
    """The days a Hijri date may name: the Umm al-Qura day, then the day after (a month
    begun by sighting the crescent a day later)."""
    found = to_gregorian(year, month, day)
    return [] if found is None else [found, found + dt.timedelta(days=1)]


def year_near(month: int, day: int, around: dt.date) -> int | None:
    """The Hijri year that puts a date written without its year nearest to `around`."""
    best: tuple[int, int] | None = None
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        found = to_gregorian(year, month, day)
        if found is not None:
            gap = abs((found - around).days)
            if best is None or gap < best[0]:
                best = (gap, year)
    return best[1] if best else None
