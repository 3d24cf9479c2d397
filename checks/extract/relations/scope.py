"""What a count says it covers — the span of time, and whether another event — read from
its own words.

Two tolls, or a tally and an earlier figure, are one count only if they cover one span:
«قتل 20 شخصا في الغارة» and «عدد القتلى منذ بداية الحملة بلغ 340» are the day's count and
the running total; «35 شخصا قتلوا خلال 24 ساعة» and «الحصيلة الإجمالية منذ بداية الحرب
بلغت 41 ألفا» the same. A clause says one of:

- `RUNNING`: a total to date — «منذ بداية/بدء/اندلاع/مطلع …», «الإجمالية», «الكلية»,
  «التراكمية», «حتى الآن/اليوم»;
- `WINDOW`: a span that ends now — «خلال 24 ساعة», «في غضون يومين», «على مدى أسبوع»,
  «الساعات الـ24 الماضية» (not «الأسبوع الماضي», which dates the event);
- nothing (None): the count of the event the sentence tells.

«منذ الجمعة» dates the event itself (an attack that began on Friday), so «منذ» counts as
running only before a word of beginning, a month or a year («منذ 7 أكتوبر 2023», «منذ
2011»).

A sentence that tells of another event («وفي هجوم منفصل»، «في حادث آخر»، «غارة أخرى»)
counts that event, not the one told before: «آخر/أخرى» after an indefinite noun says
«another» («آخر حصيلة», before its noun, is the latest one).
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.nonfigures import MONTHS
from checks.extract.relations.figures import _LAST, _TIME_NOUNS
from checks.extract.relations.words import _with_conjunctions

RUNNING, WINDOW = "running", "window"
WINDOW_REACH = 3  # words after «خلال» searched for the noun of time it spans

_SINCE = _with_conjunctions({fold("منذ")})
_BEGINNING = frozenset(fold(w) for w in ("بداية", "بدء", "اندلاع", "مطلع", "انطلاق"))
_TO_DATE = _with_conjunctions(
    {
        fold(w)
        for w in ("الإجمالية", "الإجمالي", "إجمالي", "الكلية", "الكلي", "التراكمية", "التراكمي")
    }
)
_UNTIL = _with_conjunctions({fold("حتى")})
_NOW = frozenset(fold(w) for w in ("الآن", "اللحظة", "اليوم"))
_DURING = _with_conjunctions({fold(w) for w in ("خلال", "غضون", "مدى", "مدار")})
_TIMES = frozenset(_TIME_NOUNS | {"ال" + w for w in _TIME_NOUNS})
# the plural and dual nouns of time: «الساعات الـ24 الماضية» spans hours; the singular
# («الأسبوع الماضي») dates the event
_SPANS = frozenset(
    fold(w)
    for w in (
        *("الساعات", "الأيام", "الأسابيع", "الأشهر", "الشهور", "السنوات", "الأعوام"),
        *("الساعتين", "اليومين", "الأسبوعين", "الشهرين", "العامين", "السنتين"),
    )
)


def _counted_span(words: list[str]) -> bool:
    """«24 ساعة», «يومين», «الساعات الـ24 الماضية», «الأسبوع الأخير»: a span of time
    counted or set against now — not «خلال العام ذاته» or «خلال عام 2023», which date."""
    times = [n for n, w in enumerate(words) if w in _TIMES or w in _SPANS or w in _DUAL_TIMES]
    if not times:
        return False
    n = times[0]
    return (
        words[n] in _SPANS
        or words[n] in _DUAL_TIMES
        or (n > 0 and words[n - 1].isdigit())
        or not _LAST.isdisjoint(words[n + 1 : n + 3])
    )


_DUAL_TIMES = frozenset(fold(w) for w in ("ساعتين", "يومين", "أسبوعين", "شهرين", "عامين", "سنتين"))


def period(words: list[str]) -> str | None:
    """The span a clause's folded words say its count covers (module docstring)."""
    for n, word in enumerate(words):
        if word in _TO_DATE:
            return RUNNING
        if n + 1 < len(words) and (
            (word in _SINCE and (words[n + 1] in _BEGINNING or _a_month(words[n + 1 : n + 3])))
            or (word in _UNTIL and words[n + 1] in _NOW)
        ):
            return RUNNING
    for n, word in enumerate(words):
        if word in _DURING and _counted_span(words[n + 1 : n + 1 + WINDOW_REACH]):
            return WINDOW
        if word in _SPANS and not _LAST.isdisjoint(words[n + 1 : n + 3]):
            return WINDOW
    return None


def _a_month(words: list[str]) -> bool:
    """«أكتوبر 2023», «7 أكتوبر», «2011»: a month (a day of it) or a year after «منذ» —
    a date a running count starts from; a weekday («منذ الجمعة») dates the event."""
    if not words:
        return False
    first = words[0]
    if first.isdigit() and len(first) == 4:
        return True
    if first.isdigit() and len(words) > 1:
        first = words[1]
    return first in MONTHS or first.split("/")[0] in MONTHS


CLAUSE_BEFORE, CLAUSE_AFTER = 90, 60  # characters read either side of a figure
_MARKS = "،,؛;.\n"


def period_of(text: str, start: int, end: int) -> str | None:
    """The span the clause around a figure at `start:end` says it covers: from the last
    clause mark before it to the first after it, within a few words."""
    lo = max(0, start - CLAUSE_BEFORE)
    hi = min(len(text), end + CLAUSE_AFTER)
    opens = max(text.rfind(m, lo, start) for m in _MARKS) + 1 or lo
    closes = [k for k in (text.find(m, end, hi) for m in _MARKS) if k != -1]
    clause = text[max(opens, lo) : min(closes, default=hi)]
    return period([fold(w) for w in clause.split()])


_APART = frozenset(fold(w) for w in ("منفصل", "منفصلة", "منفصلين", "مماثل", "مماثلة"))
_ANOTHER = frozenset(fold(w) for w in ("آخر", "أخرى", "آخرين", "أخريين"))
_NOT_NOUNS = _with_conjunctions(
    {fold(w) for w in ("في", "من", "على", "إلى", "عن", "مع", "إن", "أن", "بحسب", "حسب", "وفق")}
)
# «آخر حصيلة», «آخر الأرقام»: the latest of the figures, not another event
_FIGURES_NOUNS = frozenset(
    fold(w)
    for w in (
        *("حصيلة", "الحصيلة", "إحصائية", "إحصاء", "الإحصاءات", "الأرقام", "أرقام", "تحديث"),
        *("البيانات", "بيانات", "المعطيات", "التقديرات", "تقديرات", "تقرير", "التقارير"),
    )
)
SENTENCE_BEFORE = 160  # characters before a figure read for its sentence's opening


def another_event(text: str, start: int) -> bool:
    """The sentence before a figure tells of another event (module docstring)."""
    lo = max(0, start - SENTENCE_BEFORE)
    opens = max(text.rfind(".", lo, start), text.rfind("\n", lo, start)) + 1 or lo
    words = [fold(w.strip("،,:؛")) for w in text[max(opens, lo) : start].split()]
    return any(
        w in _APART
        or (w in _ANOTHER and n > 0 and not words[n - 1].startswith("ال")
            and words[n - 1] not in _NOT_NOUNS and words[n + 1 : n + 2] != [] and
            words[n + 1] not in _FIGURES_NOUNS)
        for n, w in enumerate(words)
    )  # fmt: skip
