"""A bulletin's count of the day and its total to date: the day's count is a part of it.

Health ministries and civil-defence bulletins give each day's new cases, deaths and
recoveries with the total they bring the count to, in one sentence, in two orders:

- the day's count first, then a running total after a verb of reaching: «تسجيل 15 حالة
  وفاة جديدة، ليبلغ إجمالي عدد الوفيات 382 حالة», «اكتشاف 2880 حالة جديدة …، ليصل
  إجمالي الإصابات إلى 496019», with no «إلى» after «ليبلغ» and «ليصبح»; two counts before
  the verb and two totals after it pair in order («12 حالة وفاة و740 إصابة …، ليصل
  إجمالي الوفيات إلى 179 حالة والإصابات إلى 41831»);
- the total first, then the day's count after «بعد تسجيل», «إثر تسجيل», «بعد رصد» or
  «بزيادة»: «ارتفع عدد المتعافين إلى 205556 بعد تسجيل 4602 حالة جديدة», «إلى 25537
  إصابة مؤكدة، بزيادة 522 حالة»; «بزيادة» links only a count said to be new or of the
  last hours («جديدة», «خلال الـ24 ساعة»): «بزيادة 300 ألف عن العام الماضي» is a
  difference between two years, no subset of the total.

The running total names a tally («إجمالي», «عدد», «حصيلة», «مجموع») after the verb; a
contrast between the two («بينما», «في حين») sets the total apart; the part must be
smaller than the total and count what it counts (`_Figures.may_hold`). A list of counts
before the verb that does not pair one to one with the totals after it («قتل 20 شخصا
وأصيب 30، ليرتفع عدد القتلى إلى 500») is left to `part_of`'s own tally rule."""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _CONTRASTS, _TALLY_WORDS, _TO
from checks.extract.relations.words import _with_conjunctions, _Words

# Verbs of a running total reached, after the day's count.
_REACHING = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("ليصل", "لتصل", "ليرتفع", "لترتفع", "ليبلغ", "لتبلغ", "ليصبح", "لتصبح"),
            *("ليتجاوز", "لتتجاوز", "ليناهز"),
        )
    }
)
# What brings a total up, before the day's count: «بعد تسجيل», «إثر رصد», «بزيادة».
_AFTER = frozenset(fold(w) for w in ("بعد", "إثر", "اثر", "عقب"))
_RECORDING = frozenset(fold(w) for w in ("تسجيل", "رصد", "إضافة", "اكتشاف", "تأكيد"))
_INCREASE = frozenset(fold(w) for w in ("بزيادة", "وبزيادة"))
# A count said to be new or of the last span of time.
_NEW = frozenset(fold(w) for w in ("جديدة", "جديد", "جديدا", "الجديدة", "جدد", "الماضية",
                                   "الأخيرة", "الاخيرة", "اليوم", "أمس"))  # fmt: skip
_CONTRAST_WORDS = _CONTRASTS | {fold("حين")}
_FROM = fold("من")
TALLY_REACH = 5  # words after the reaching verb searched for the tally word
NEW_REACH = 8  # words after the day's count, in its clause, searched for «جديدة»
JOINED_REACH = 4  # words between two totals the verb reaches («حالة والإصابات إلى»)


def day_counts(words: _Words, fig: _Figures, parts_of: dict[int, int]) -> list[tuple[int, int]]:
    """(part, whole) pairs of a bulletin's day counts and the totals they bring up
    (module docstring), for parts not linked yet."""
    figures = fig.figures
    pairs: list[tuple[int, int]] = []
    for k in range(1, len(figures)):
        if k in parts_of or fig.units[k] is not None:
            continue
        whole = _brought_up_by(words, fig, k)
        if whole is not None and fig.may_hold(whole, [k]):
            pairs.append((k, whole))
    if words.has(_REACHING):
        for parts, totals in _reached(words, fig):
            pairs += [
                (p, t)
                for p, t in zip(parts, totals, strict=True)
                if p not in parts_of and fig.may_hold(t, [p])
            ]
    return pairs


def _brought_up_by(words: _Words, fig: _Figures, k: int) -> int | None:
    """The total right before «بعد تسجيل N» / «بزيادة N» in N's sentence, or None."""
    q = fig.figures[k]
    before = words.before(q.start, 3, fig.figures[k - 1].end)
    if not before:
        return None
    recorded = len(before) >= 2 and before[-2] in _AFTER and before[-1] in _RECORDING
    increase = before[-1] in _INCREASE and _new(words, fig, k)
    if not (recorded or increase):
        return None
    j = k - 1
    w = fig.figures[j]
    if w.sentence != q.sentence or fig.units[j] is not None:
        return None
    between = words.span(w.end, q.start)
    if not _CONTRAST_WORDS.isdisjoint(between) or len(between) > 12:
        return None
    return j


def _new(words: _Words, fig: _Figures, k: int) -> bool:
    """The day's count is said to be new or of the last hours, in its clause."""
    q = fig.figures[k]
    return not _NEW.isdisjoint(words.after(q.end, NEW_REACH, words.comma_after(q.end)))


def _reached(words: _Words, fig: _Figures) -> list[tuple[list[int], list[int]]]:
    """Per sentence with a reaching verb between its figures: the counts before the verb
    and the tallies after it, when they pair one to one."""
    figures = fig.figures
    out = []
    for k in range(1, len(figures)):
        q = figures[k]
        first = k
        while first > 0 and figures[first - 1].sentence == q.sentence:
            first -= 1
        if first == k:
            continue
        prev = figures[k - 1]
        between = words.span(prev.end, q.start)
        verb = next((i for i, w in enumerate(between) if w in _REACHING), None)
        if verb is None or not _CONTRAST_WORDS.isdisjoint(between[:verb]):
            continue
        if not any(_tally(w) for w in between[verb + 1 : verb + 1 + TALLY_REACH]):
            continue
        parts = [j for j in range(first, k) if fig.units[j] is None]
        if between[-1:] == [_FROM]:
            # «ليصل إجمالي الرصيد من 3.797 تريليونات … إلى 4.336 تريليونات»: the total
            # reached is the one after «إلى», the one after «من» is what it was
            to = k + 1
            if to >= len(figures) or figures[to].sentence != q.sentence:
                continue
            if _TO.isdisjoint(words.span(q.end, figures[to].start)[-1:]):
                continue
            k = to
        totals = [k]
        for t in range(k + 1, len(figures)):
            if figures[t].sentence != q.sentence or fig.units[t] is not None:
                break
            # «… إلى 179 حالة والإصابات إلى 41831»: a second total joined by «و»
            gap = words.span(figures[t - 1].end, figures[t].start)
            if len(gap) > JOINED_REACH or not any(w.startswith("و") for w in gap):
                break
            totals.append(t)
        if len(parts) == len(totals) and all(fig.units[t] is None for t in totals):
            out.append((parts, totals))
    return out


def _tally(word: str) -> bool:
    """A tally word, alone or with a proclitic («وإجمالي», «لعدد»)."""
    return word in _TALLY_WORDS or (word[:1] in "وفبل" and word[1:] in _TALLY_WORDS)
