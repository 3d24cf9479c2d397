"""A share that sizes a change («ارتفع بنسبة 13.5%», «بنسبة نمو 14%», «وانخفاض قدره 4 آلاف
… بنسبة 0.2%») says how much a figure moved, not how much of a whole a part holds: it is
no part of any whole. A share reached by the change («ارتفعت نسبة البطالة إلى 12%»,
«لتبلغ 60%») is a level, and may be a share like any other.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.words import _with_conjunctions, _Words

CHANGE_REACH = 14  # words before a share, in its clause, searched for the change it sizes
_MOVES = (
    *("نمو", "نموا", "زيادة", "ارتفاع", "ارتفاعا", "انخفاض", "انخفاضا", "تراجع", "تراجعا"),
    *("هبوط", "هبوطا", "صعود", "تحسن", "تحسنا", "نقص", "تقلص", "انكماش", "قفزة"),
    *("ارتفع", "ارتفعت", "انخفض", "انخفضت", "تراجعت", "زاد", "زادت", "نما", "نمت"),
    *("قفز", "قفزت", "هبط", "هبطت", "صعد", "صعدت", "تحسنت", "تقلص", "تقلصت"),
)
CHANGE_WORDS = _with_conjunctions({fold(w) for w in _MOVES} | {fold("ب" + w) for w in _MOVES})
# Words after the change that say the share is the level reached, not the size of the move.
_LEVEL = _with_conjunctions(
    {fold(w) for w in ("إلى", "الى", "لتبلغ", "ليبلغ", "لتصل", "ليصل", "لتسجل", "ليسجل", "عند")}
)


def sizes_a_change(words: _Words, q: Mention) -> bool:
    """The share `q` is the size of a change named before it in its clause."""
    before = words.before(q.start, CHANGE_REACH, words.comma_before(q.start))
    for n in range(len(before) - 1, -1, -1):
        if before[n] in CHANGE_WORDS:
            return _LEVEL.isdisjoint(before[n + 1 :])
    return False


_BY_AMOUNT = _with_conjunctions({fold(w) for w in ("بنحو", "بمقدار", "بحوالي", "بقرابة", "قدره")})
DELTA_REACH = 4  # words before a count, in its clause, searched for its change and «بـ»


def counts_a_change(words: _Words, q: Mention) -> bool:
    """The count `q` is the size of a change named right before it («وإن عددهم زاد بنحو 22
    مليون نسمة», «ارتفع بمقدار 3 آلاف»): an increment, no total of anything and no part
    of one. «بـ» glued to the figure («زاد بـ22 مليونا») says so too."""
    before = words.before(q.start, DELTA_REACH, words.comma_before(q.start))
    at = next((n for n in range(len(before) - 1, -1, -1) if before[n] in CHANGE_WORDS), None)
    if at is None or not _LEVEL.isdisjoint(before[at + 1 :]):
        return False
    glued = words.text[max(0, q.start - 2) : q.start].rstrip("ـ").endswith("ب")
    return glued or not _BY_AMOUNT.isdisjoint(before[at + 1 :])
