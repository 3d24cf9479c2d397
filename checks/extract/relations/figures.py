"""The figures the relation patterns link, with what the patterns ask of them worked out once
(`_Figures`: unit, kind of thing counted, counted noun and its stem, SPEC §3 interval), and
the categories of people, time and places those answers draw on."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from operator import is_

import numpy as np
import pandas as pd

from checks.arabic import fold, western_digits
from checks.extract.member_nouns import member_label, people_dual
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.relations.changes import CHANGE_WORDS, sizes_a_change
from checks.extract.relations.measures import converts, measure_of, other_measures
from checks.extract.relations.part_cues import _FROM, _RESTATES
from checks.extract.relations.words import (
    _ONE_STEM,
    _fold,
    _has,
    _stem,
    _with_conjunctions,
    _Words,
)
from checks.extract.tokens import derived
from checks.extract.units import names_a_day
from checks.intervals import DEFAULT_TOLERANCE, interval

WHOLE_CATEGORIES = {"evacuees", "persons", "civilians", "people"}
PEOPLE_CATEGORIES = {
    "fighters", "soldiers", "wounded", "killed", "persons", "civilians", "children", "women",
    "men", "residents", "refugees", "displaced", "evacuees", "detainees", "people", "voters",
    "candidates", "migrants", "returnees", "victims", "patients", "staff", "students",
    "passengers", "visitors", "defendants", "journalists", "protesters", "prisoners",
    "players", "spectators", "winners",
}  # fmt: skip
TIME_CATEGORIES = {"days", "weeks", "months", "years", "hours", "minutes"}


_BOUNDS = ("qualifier", "value", "low", "high")
_CURRENCY_NOUNS = frozenset(
    fold(w)
    for w in (
        *("درهم", "دراهم", "ريال", "ريالات", "دينار", "دنانير", "جنيه", "جنيهات"),
        *("ليرة", "ليرات", "دولار", "دولارات", "يورو", "فرنك"),
    )
)
_CASE_WORDS = frozenset(fold(w) for w in ("حالة", "حالات"))  # «1301 حالة وفاة»
_DEAD_STEM = _ONE_STEM[fold("وفاة")]


NEAR_BEFORE, NEAR_AFTER = 14, 8  # the widest word windows the patterns read at a figure


def figure_table(figures: list[Mention], words: _Words) -> _Figures:
    """The `_Figures` of these very figures, made once per text: `part_of`, the rival counts
    and the member lists ask for the same table, which is read and never changed."""
    fig = made_table(figures, words)
    if fig is None:
        fig = _Figures(figures, words)
        derived(words.tokens, "figure tables", list).append(fig)
    return fig


def made_table(figures: list[Mention], words: _Words) -> _Figures | None:
    """The `figure_table` of these figures if one was made already, else None."""
    for fig in derived(words.tokens, "figure tables", list):
        if len(fig.figures) == len(figures) and all(map(is_, fig.figures, figures)):
            return fig
    return None


class _Figures:
    """The figures of one text with what the patterns ask of them, worked out once: unit
    (time words count as a measure even where no unit is read), kind of thing counted, the
    stem of the counted noun, and the SPEC §3 interval (`checks.intervals`, one call)."""

    def __init__(self, figures: list[Mention], words: _Words) -> None:
        self.figures = figures
        starts, keys, ends = words.starts, words.keys, words.end_of
        # each figure's first token and the token after it, found once
        self.at = [bisect_left(starts, q.start) for q in figures]
        self.past = past = [bisect_left(starts, q.end) for q in figures]
        # the counted noun: the word right after the figure, in its sentence
        nouns = [keys[k] if 0 < k < len(keys) and ends[k - 1] > k else "" for k in past]
        # «1301 حالة وفاة»: cases of death count the dead («من المتوفين»); «حالة إصابة»
        # stays a count of cases (of a disease, as often as of wounds: «من الحالات»)
        for n, k in enumerate(past):
            if (
                nouns[n] in _CASE_WORDS
                and k + 1 < len(keys)
                and ends[k] > k + 1
                and _ONE_STEM.get(keys[k + 1]) == _DEAD_STEM
            ):
                nouns[n] = keys[k + 1]
            elif k + 1 < len(keys) and names_a_day(nouns[n], keys[k + 1]):
                nouns[n] = ""  # «و4,150 يوم الثلاثاء»: on Tuesday, no count of days
        self.nouns = nouns
        self.units = [_unit(q, n) for q, n in zip(figures, nouns, strict=True)]
        # the kind of thing counted: the category, the noun before a definite numeral, or
        # a place a count is spread over after it («1,002 مركز إيواء»: things)
        self.kinds = [
            _kind(q.attrs.get("category"))
            or _kind_before(words, q)
            or ("things" if _fold(n).removeprefix("ال") in _VENUES else None)
            for q, n in zip(figures, nouns, strict=True)
        ]
        self.stems = [_stem(n) for n in nouns]
        # the words any pattern reads around each figure (at most `NEAR_BEFORE` before it,
        # `NEAR_AFTER` after it), as a set: a cue absent there is not looked for again
        self.near = [
            frozenset(keys[max(0, a - NEAR_BEFORE) : b + NEAR_AFTER])
            for a, b in zip(self.at, past, strict=True)
        ]
        # a rate per head or per item is no part and no whole, a rate per day only of
        # another rate per day («2.2 مليون برميل يوميا … السعودية مليون برميل يوميا»);
        # a target is no whole
        self.rates = [
            _rate(words, q) if not _PER_UNIT.isdisjoint(near) else None
            for q, near in zip(figures, self.near, strict=True)
        ]
        # «407,908 صوتا، بنسبة 63.92%»: a share that restates the count before it
        self.restates = [
            k > 0 and self.units[k] == "percent" and _restates(words, figures[k - 1], q)
            for k, q in enumerate(figures)
        ]
        self.target = [
            not _TARGET.isdisjoint(near) and _target(words, q)
            for q, near in zip(figures, self.near, strict=True)
        ]
        # «ارتفع بنسبة 13.5%»: a share sizing a change, no part of any whole (`changes`)
        self.changes = [
            unit == "percent" and words.has(CHANGE_WORDS) and sizes_a_change(words, q)
            for q, unit in zip(figures, self.units, strict=True)
        ]
        # a sum's measure (profit, assets, …): sums of different measures hold none of each other
        # (named after the sum before it: «بنود الإنفاق على 3 قطاعات هي: الصحة بـ260 مليارا»)
        # A sum in a currency the text leaves unnamed («81 مليار درهم»: the dirham of Morocco or
        # of the Emirates) is a sum all the same; a sum converted in brackets right after
        # another («7,9 بليون دينار (11,1 بليون دولار)») restates it, and so its measure.
        self.measures: list[str | None] = []
        last_sum_end = 0  # the end of the latest sum before the figure (one pass, no rescan)
        for k, q in enumerate(figures):
            unit = self.units[k]
            if unit in ("percent", "time") or (unit is None and nouns[k] not in _CURRENCY_NOUNS):
                self.measures.append(None)
                continue
            near = figures[k - 1].end if k else 0
            measure = measure_of(words, q, last_sum_end, near)
            if measure is None and k and converts(words.text, figures[k - 1], q):
                measure = self.measures[k - 1]
            self.measures.append(measure)
            last_sum_end = q.end
        self._bounds: tuple | None = None
        self._lists: tuple | None = None
        self._recent: list[bool] | None = None

    def recent(self, words: _Words) -> list[bool]:
        """Each figure is a span of time «خلال الـ24 ساعة الماضية» (not «خلال 3 أيام»),
        worked out once, when first asked."""
        if self._recent is None:
            self._recent = [
                self.units[t] in _TIME_UNITS
                and _has(words.before(w.start, 2, 0), _DURING)
                and not _LAST.isdisjoint(words.after(w.end, 3, None))
                for t, w in enumerate(self.figures)
            ]
        return self._recent

    def bounds(self) -> tuple:
        """(lo, hi) of every figure (SPEC §3, `checks.intervals`), computed when first asked:
        most texts propose no link at all."""
        if self._bounds is None and all(m.bounds is not None for m in self.figures):
            lo, hi = zip(*(m.bounds for m in self.figures), strict=True)
            self._bounds = np.array(lo), np.array(hi)
        if self._bounds is None:
            attrs = [m.attrs for m in self.figures]
            column = {k: pd.Series([a.get(k) for a in attrs], dtype=object) for k in _BOUNDS}
            self._bounds = interval(
                column["qualifier"],
                column["value"].astype(float),
                column["low"].astype(float),
                column["high"].astype(float),
                DEFAULT_TOLERANCE,
            )
        return self._bounds

    def _other_things(self, part: int, whole: int) -> bool:
        """Both count things of known, different categories (hotels and rooms, trucks and
        crossings): one is never a part of the other (kinds of people nest, things not)."""
        a = self.figures[part].attrs.get("category")
        b = self.figures[whole].attrs.get("category")
        if a is None or b is None or a == b or self.units[part] is not None:
            return False
        return a not in PEOPLE_CATEGORIES and b not in PEOPLE_CATEGORIES

    def _unknown_dual(self, k: int) -> bool:
        """A dual word («الزلزالين», «هجومين») whose noun names no known kind of thing."""
        q = self.figures[k]
        one_word = " " not in q.text and not any(c.isdigit() for c in q.text)
        numeral = _fold(q.text).removeprefix("ال").startswith("اثن")  # «اثنين»: a number
        if not one_word or numeral or q.attrs.get("value") != 2 or self.kinds[k] is not None:
            return False
        # «وزيرتا», «طالبتان», «لبنانيان»: people the lexicon knows, or their nisba
        return member_label(q.text) != "PERSON" and not people_dual(q.text)

    def _dual_of(self, k: int, whole: int) -> bool:
        """«65 سجينا، بينهم سجينتين»: a dual of the whole's own noun (its feminine too)."""
        dual = _fold(self.figures[k].text)
        for end in ("تين", "تان", "ين", "ان"):
            if dual.endswith(end) and len(dual) - len(end) >= 3:
                return _stem(dual[: -len(end)]) == self.stems[whole]
        return False

    def may_hold(self, whole: int, parts: list[int]) -> bool:
        """Every part counts what the whole counts (people with people, a unit with the same
        unit, or a share of a count) and fits under it alone: a part larger than its whole,
        or a share above 100, is a figure misread or a link misplaced. How the parts add
        up is never asked: that is the rules' question."""
        unit = self.units
        if self._lists is None:  # Python floats: one look-up and compare each, no numpy scalar
            lo, hi = self.bounds()
            floats = all(getattr(b, "dtype", None) == np.float64 for b in (lo, hi))
            self._lists = (lo.tolist(), hi.tolist()) if floats else (lo, hi)
        lo, hi = self._lists
        rates = self.rates
        if self.target[whole] or rates[whole] == "head":
            return False
        if self.kinds[whole] == "people" and any(
            self._unknown_dual(p) and not self._dual_of(p, whole) for p in parts
        ):
            return False  # «الزلزالين»: two of something that is no kind of people
        if any(self._other_things(p, whole) for p in parts):
            return False  # «821 فندقا» are no part of «150,089 غرفة»
        if any(other_measures(self.measures[p], self.measures[whole]) for p in parts):
            return False  # «صافي الدخل 23 مليارا» is no part of «إجمالي الأصول 1.3 تريليون»
        if any(self.changes[p] for p in parts):
            return False  # «بنسبة نمو 14%»: how much a figure moved, no share of a whole
        if any(self.restates[p] and whole == p - 1 for p in parts):
            return False  # a share is of the whole the restated count belongs to, not of it
        if any(not _same_rate(rates[p], rates[whole]) for p in parts):
            return False
        if rates[whole] == "capacity" and any(
            rates[p] is None and (p < whole or unit[p] == "percent") for p in parts
        ):  # a capacity's wards follow it, in its unit; a share is of what it holds
            return False
        # a share's category names what it is a share of, not a kind of thing it counts
        kinds = {self.kinds[j] for j in [*parts, whole] if unit[j] != "percent"} - {None}
        if len(kinds) > 1 or unit[whole] == "time" or hi[whole] != hi[whole]:  # NaN
            return False
        for p in parts:
            if lo[p] != lo[p]:
                return False
            if unit[p] == unit[whole]:
                if lo[p] > hi[whole] or unit[p] == "percent":
                    return False  # a share is a share of a count, not of another share
                continue
            share = unit[p] == "percent" and unit[whole] is None and lo[p] <= 100
            if not (share and _possible_share(self.figures[p], self.figures[whole])):
                return False
        return True


# A target («المستهدف 10 ملايين معتمر», «بهدف الوصول إلى 30 مليون زائر») is what was
# hoped for, not a total that holds what came (but «من أصل 40 ألفا مستهدفة» is the set
# aimed at, and «تستهدف الخطة 5.2 مليون شخص» counts people: both may be parts or wholes
# as any count); a figure per head, per day or per item («20 ألف مشجع لكل ناد», «خمسة
# أرغفة للفرد يوميا») is a rate, not a share of anything.
_TARGET_BEFORE = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("المستهدف", "مستهدف", "المستهدفة", "الهدف", "بهدف", "المأمول", "طموح"),
            *("المخطط", "المقرر", "المتوقع", "متوقع"),
        )
    }
)
_TARGET_AFTER = _with_conjunctions({fold(w) for w in ("مستهدفا", "كهدف", "هدفا")})
_TARGET = _TARGET_BEFORE | _TARGET_AFTER
_OUT_OF = frozenset(fold(w) for w in ("أصل", "جملة", "بين"))
_PER_PERIOD = frozenset(fold(w) for w in ("يوميا", "أسبوعيا", "شهريا", "سنويا"))
_PER_HEAD = frozenset(
    fold(w)
    for w in (
        *("للفرد", "للشخص", "للواحد", "للمواطن"),
        # one recipient of a benefit: «100 دينار للطالب», «500 ريال للتابع», «للزوجة»
        *("للطالب", "للتلميذ", "للطفل", "للزوجة", "للتابع", "للأسرة", "للعائلة", "للمستفيد"),
        *("للمتقاعد", "للموظف", "للعامل", "لرب", "للأم", "للمولود", "للحاج", "للمعتمر"),
    )
)
_EACH = frozenset(fold(w) for w in ("لكل", "بكل", "كل"))
_RECEIVES = frozenset(fold(w) for w in ("تتقاضى", "يتقاضى", "يتقاضون", "يتلقى", "تتلقى"))
_SHARE_UNITS = {"percent", "per_mille"}
# An average or a capacity («يتسع لنحو 88 ألف متفرج») counts nobody who was there.
_CAPACITY = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("يتسع", "تتسع", "بسعة", "سعة", "سعته", "سعتها", "الاستيعابية", "استيعابية"),
            *("استيعاب", "الاستيعاب"),
        )
    }
)
_AVERAGE = _CAPACITY | _with_conjunctions({fold(w) for w in ("بمعدل", "معدل", "متوسط", "بمتوسط")})
_PER_UNIT = _PER_PERIOD | _PER_HEAD | _EACH | _AVERAGE | _RECEIVES
# «في حين صارت طاقة استيعاب مستودع الأموات بالمستشفى الجامعي لا تتجاوز 40 جثة»: a
# capacity named as the subject of the figure's clause, a few words before it
CAPACITY_REACH = 12
TARGET_REACH = 3  # words before a figure, in its clause, searched for a target word


def _target(words: _Words, q: Mention) -> bool:
    before = words.before(q.start, TARGET_REACH, words.comma_before(q.start))
    if not _OUT_OF.isdisjoint(before):
        return False
    after = words.after(q.end, 2, words.comma_after(q.end))
    return not _TARGET_BEFORE.isdisjoint(before) or not _TARGET_AFTER.isdisjoint(after)


RESTATE_REACH = 4  # words between a count and the share that restates it
_STATED_WHOLE = _with_conjunctions(
    {fold(w) for w in ("أصل", "جملة", "مجموع", "إجمالي", "بإجمالي", "المجموع", "بين")}
)


def _restates(words: _Words, count: Mention, share: Mention) -> bool:
    """«نجح 99 ألفا، أي ما نسبته 58.1%», «407,908 صوتا، بنسبة 63.92%»: a share right after
    a count of its sentence, introduced by «أي», «بنسبة», «نسبته»."""
    if count.sentence != share.sentence:
        return False
    between = words.span(count.end, share.start)
    if len(between) > RESTATE_REACH or _RESTATES.isdisjoint(between):
        return False
    # «نجح 264 ألفا من أصل 396 ألفا، بنسبة 66.7%»: the count before is the whole
    return _STATED_WHOLE.isdisjoint(words.before(count.start, 3, 0))


def _same_rate(part: str | None, whole: str | None) -> bool:
    """A part is a rate of the whole's kind; a capacity also breaks down into what each
    ward or wing holds, stated without the word again («بسعة 320 سريرا، منها 48 سريرا
    للعناية المركزة»), but a capacity is never part of what a place did hold."""
    if part == "head" or (part == "capacity" and whole != "capacity"):
        return False
    return part == whole or (whole == "capacity" and part is None)


def _rate(words: _Words, q: Mention) -> str | None:
    """ "period" for a figure per day, week, month or year («يوميا»), "head" for one per
    head or per item («للفرد», «لكل ناد»; but «لكل من الجانبين», for each of the two,
    shares a whole out) or an average («بمعدل يومي بلغ 1.92 مليون»), "capacity" for what a
    place holds («بسعة 320 سريرا»), None for a total."""
    before = words.before(q.start, CAPACITY_REACH, words.comma_before(q.start))
    if q.attrs.get("unit") not in _SHARE_UNITS:  # «معدل الوفيات 3.7%»: a share
        if not _AVERAGE.isdisjoint(before[-3:]) and _CAPACITY.isdisjoint(before[-3:]):
            return "head"
        if not _CAPACITY.isdisjoint(before):
            return "capacity"
    after = words.after(q.end, 3, words.comma_after(q.end))
    if not _PER_HEAD.isdisjoint(after):
        return "head"
    # «علاوة لرب الأسرة قدرها 5 آلاف درهم», «أسرة تتقاضى 100 دينار»: what one recipient gets
    if not _PER_HEAD.isdisjoint(before[-4:]) or not _RECEIVES.isdisjoint(before[-2:]):
        return "head"
    if not _PER_PERIOD.isdisjoint(after):
        return "period"
    for n, word in enumerate(after):
        if word in _EACH:
            return None if n + 1 < len(after) and after[n + 1] == _FROM else "head"
    return None


ABOUT_POINTS = 5.0  # percentage points an approximate share may be off
_WRITTEN_NUMBER = re.compile(r"\d+(?:[.,٫](\d+))?")


def _possible_share(share: Mention, whole: Mention) -> bool:
    """An exact share of an exact count is some whole number of its members, give or take
    the share's rounding (half its last written digit): 75 percent of 89 may be 67 (75.3
    percent), but 60 percent of 7 (4.2) or 70 percent of 2 (1.4) is no number of them —
    the share belongs to another whole. An approximate share («نحو 70 في المئة») may be
    `ABOUT_POINTS` off; an approximate count is not asked."""
    qualifier = share.attrs.get("qualifier")
    if qualifier not in ("exact", "about") or whole.attrs.get("qualifier") != "exact":
        return True
    value, count = share.attrs.get("value"), whole.attrs.get("value")
    if value is None or count is None:
        return True
    written = _WRITTEN_NUMBER.search(western_digits(share.text))
    decimals = len(written.group(1) or "") if written else 0
    half = 0.5 * 10.0**-decimals if qualifier == "exact" else ABOUT_POINTS
    low, high = count * (value - half) / 100, count * (value + half) / 100
    return math.floor(high + 1e-9) >= math.ceil(low - 1e-9)


def _people_or(category: str | None) -> str | None:
    """Categories of people in general are one; counts of victims too (ضحية, شخص)."""
    return "people" if category in WHOLE_CATEGORIES or category in _ANY_PEOPLE else category


_ANY_PEOPLE = {"victims", "killed", "dead"}  # what befalls them in a toll: one group


# ballots: each is one voter's act, so votes are counted under voters and voters under
# votes («أدلى 44,777,668 ناخبا … توزعت الأوراق بين 44,288,361 صوتا صحيحا …»)
_EITHER_KIND = frozenset({"votes"})

_DURING = _with_conjunctions({fold("خلال")})
_LAST = {fold(w) for w in ("الماضية", "الماضي", "الأخيرة", "الأخير", "الماضيين", "الأخيرين")}
_TIME_UNITS = {"time", "minute", "hour", "day", "week", "month", "year"}


# Places a whole is spread over, not split into («موزعين على 2297 مركزا»).
_VENUES = {
    fold(w)
    for w in (
        "مركز", "مركزا", "مراكز", "دائرة", "دوائر", "موقع", "موقعا", "مواقع", "لجنة", "لجان",
        "قاعة", "قاعات", "مقر", "مقرا", "مقرات", "نقطة", "نقاط", "مكتب", "مكتبا", "مكاتب",
        "فرع", "فرعا", "فروع", "مدينة", "مدن", "بلدية", "بلديات", "إقليم", "أقاليم",
    )
}  # fmt: skip


def _is_figure(q: Mention) -> bool:
    return "value" in q.attrs or "low" in q.attrs


_TIME_NOUNS = {
    fold(w)
    for w in (
        "ساعة", "ساعات", "دقيقة", "دقائق", "يوم", "يوما", "أيام", "أسبوع", "أسابيع", "شهر",
        "أشهر", "شهور", "عام", "عاما", "أعوام", "سنة", "سنوات", "سنين",
    )
}  # fmt: skip


def _unit(q: Mention, noun: str) -> str | None:
    """The SPEC §2 unit; a figure of time words is a measure even where no unit is read."""
    unit = q.attrs.get("unit")
    if unit is None and (q.attrs.get("category") in TIME_CATEGORIES or noun in _TIME_NOUNS):
        return "time"
    return unit


def _kind_before(words: _Words, q: Mention) -> str | None:
    """«الدوائر الخمس», «المتهمون التسعة»: a definite numeral follows the noun it counts."""
    folded = _fold(q.text)
    if not folded.startswith("ال"):
        return None
    if q.attrs.get("value") == 2 and not folded[2:].startswith("اثن"):
        return None  # «قتلى الزلزالين»: a definite dual is its own noun, not a numeral
    before = words.before(q.start, 1, 0)
    if not before:
        return None
    noun = before[-1]
    return "things" if noun.removeprefix("ال") in _VENUES else _kind(noun_category(noun))


def _kind(category: str | None) -> str | None:
    if category is None or category in _EITHER_KIND:
        return None
    return "people" if category in PEOPLE_CATEGORIES else "things"


def linked_parts(figures: list[Mention], linked: list[dict]) -> dict[int, int]:
    """The figure index of each part linked so far → the index of its whole (the later
    passes of `part_of` read what the earlier ones linked)."""
    index = {q.id: k for k, q in enumerate(figures)}
    return {
        index[r["from"]]: index[r["to"]]
        for r in linked
        if r["type"] == "part_of" and r["from"] in index and r["to"] in index
    }
