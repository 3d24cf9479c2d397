"""What a sum of money measures: profit, revenue, income, assets, deposits, loans, spending,
a deficit, a session's turnover, a price. Business news states several sums in one
currency for one company or state («صافي أرباح 12.4 مليار ريال … إجمالي الموجودات 1.2
تريليون ريال»); they are different measures of it, never a part and its whole, however
their sizes compare. A sum's measure is the nearest measure word before it in its
sentence, back to the sum before it: a sum with none named is of no known measure and
fits any whole."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from checks.extract.model import Mention
from checks.extract.relations.words import _Words

MEASURE_REACH = 12  # words before a sum searched for the word naming its measure

# folded word starts (after «و», «ب», «ل», «ف» and «ال») -> the measure they name
_MEASURES: tuple[tuple[str, str], ...] = (
    ("ارباح", "profit"),
    ("ربح", "profit"),
    ("خسائر", "profit"),
    ("خساره", "profit"),
    ("خسارة", "profit"),
    ("ايراد", "revenue"),
    ("مبيعات", "revenue"),
    ("معاملات", "revenue"),
    ("دخل", "income"),
    ("ناتج", "income"),  # «الناتج البنكي الصافي»: a bank's net income
    ("اصول", "assets"),
    ("موجودات", "assets"),
    ("ودائع", "deposits"),
    ("قروض", "loans"),
    ("نفقات", "spending"),
    ("انفاق", "spending"),
    ("مصروفات", "spending"),
    ("عجز", "deficit"),
    ("تداول", "turnover"),  # «قيمة التداولات»: what a session traded
    ("سعر", "price"),  # «سعر السهم»: a price per unit
)
# a share named alone before a sum: its price («صعد سهم سالك إلى 3.45 درهم»)
_PRICED = frozenset({"سهم"})
_NOT_MEASURES = ("دخول", "دخلت")  # «دخول», «دخلت»: entering, not income


@lru_cache(maxsize=1 << 14)
def _measure_word(word: str) -> str | None:
    """The measure a folded word names, or None: the word itself, or past one prefix
    («ونفقات», «بإيرادات», «للأرباح»), each without its article."""
    forms = [word]
    if word.startswith("لل"):
        forms.append(word[2:])
    elif word[:1] in ("و", "ف", "ب", "ل"):
        forms.append(word[1:])
    for form in forms:
        form = form.removeprefix("ال")
        if form.startswith(_NOT_MEASURES):
            return None
        if form in _PRICED:
            return "price"
        for start, measure in _MEASURES:
            if form.startswith(start):
                return measure
    return None


def _names_measure(word: str) -> bool:
    return _measure_word(word) is not None


def measure_of(words: _Words, q: Mention, floor: int, near: int) -> str | None:
    """The measure named by the nearest measure word before sum q, not before `floor`
    (the end of the sum before it) nor out of its sentence; a share's price only after
    `near`, the end of the figure before it, and past the word right after it («236 مليون
    سهم بقيمة 52 مليون دينار»: the counted noun of the figure before, no price)."""
    # the words are read only where a measure word stands in reach
    at = words.where(_names_measure)
    k = bisect_left(words.starts, q.start)
    n = bisect_left(at, k - MEASURE_REACH)
    if n == len(at) or at[n] >= k:
        return None
    before = words.before(q.start, MEASURE_REACH, floor)
    close = len(words.before(q.start, MEASURE_REACH, near)) - (1 if near else 0)
    for n, word in enumerate(reversed(before)):
        measure = _measure_word(word)
        if measure == "price" and n >= close:
            continue
        if measure is not None:
            return measure
    return None


def other_measures(a: str | None, b: str | None) -> bool:
    """Two sums of named, different measures: neither is a part of the other."""
    return a is not None and b is not None and a != b


# What stands between a sum and its conversion: its currency, a bracket, «نحو»/«أي».
_CONVERSION = re.compile(r"\s*[^\s()]{0,12}\s*\(\s*(?:(?:نحو|حوالي|حوالى|أي|اي|ما يعادل)\s+)?")


def converts(text: str, before: Mention, q: Mention) -> bool:
    """Sum q, in brackets right after the sum before it, converts it into another currency
    («688,3 مليون دينار (نحو 971 مليون دولار)»): the same sum again."""
    return _CONVERSION.fullmatch(text, before.end, q.start) is not None and (
        text[q.end : q.end + 40].split(")")[0].count(" ") <= 2
    )
