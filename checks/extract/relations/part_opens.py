"""Where a part cue (بينهم، منهم، منها …) belongs, when a figure stands on either side of it.

Two forms of war news put a cue between two clauses, and the cue is the second's:

- a bare figure right before the cue, a figure right after it: «ارتفع عدد القتلى إلى 6
  بينهم 4 أطفال». The cue opens the parts of the 6; it is not «6 منهم», six of an
  earlier whole (that form has no figure after the cue).
- a cue that has taken its own noun, then a new clause of another fate: «مقتل 35 شخصا
  بينهم إيرانيون وإصابة نحو سبعين»: the cue's list ends at the verbal noun or verb that
  says what befell the next figure («وإصابة», «وأصيب»); the seventy are wounded, no part
  of the dead.
"""

from __future__ import annotations

import re

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _ABOUT, _DID, _EVENT_NOUNS, _PART_CUES
from checks.extract.relations.part_wholes import _counted_after
from checks.extract.relations.rival_tolls import DEATHS, WOUNDS, _toll_kind
from checks.extract.relations.words import _stem, _Words
from checks.extract.tokens import bare

# words a figure's qualifier may put between a cue and the figure («بينهم نحو 4»,
# «بينهم أكثر من 4», «بينهم ما لا يقل عن 4»)
_QUALIFYING = _ABOUT | {fold(w) for w in ("أكثر", "أقل", "من", "ما", "لا", "يقل", "عن")}
_CUE_TO_FIGURE = 4  # words at most between a cue and the figure it opens


def opens_next(text: str, words: _Words, q: Mention, nxt: Mention | None) -> bool:
    """The cue right after `q` is followed, in its clause, by the next figure and nothing
    but a qualifier: it opens `q`'s parts («إلى 6 بينهم 4 أطفال»)."""
    if nxt is None:
        return False
    between = words.span(q.end, nxt.start)
    if not between or between[0] not in _PART_CUES or len(between) > _CUE_TO_FIGURE:
        return False
    if any(c in text[q.end : nxt.start] for c in "،,؛;.:\n"):
        return False
    return all(w in _QUALIFYING for w in between[1:])


def _event(word: str) -> bool:
    """A verbal noun or a verb of what befell people («وإصابة», «وأصيب», «ومقتل»)."""
    return any(w in _EVENT_NOUNS or w in _DID for w in (word, bare(word)))


_ANY = frozenset(fold(w) for w in ("أي", "أيا", "لأي", "بأي"))


def cue_closed(before: list[str]) -> bool:
    """The last part cue among the words before a figure is followed by a word of another
    fate: the figure opens a new clause, and the cue is not its own («بينهم إيرانيون
    وإصابة نحو سبعين»); or it says «each of them» («تضم كل منها ستة منتخبات»): a figure
    per item, no part of the whole."""
    last = max((n for n, w in enumerate(before) if w in _PART_CUES), default=None)
    if last is not None and last and (before[last - 1] in _EACH or before[last - 1] in _ANY):
        return True  # «كل منها», «أي منها»: each, any of them
    if last is not None and _examples(before[last + 1 :]):
        return True  # «تلتها المنتجات الكيماوية ومنها الميثانول واليوريا بـ1.26 مليار»
    return last is not None and any(_event(w) for w in before[last + 1 :])


def _examples(words: list[str]) -> bool:
    """Definite nouns joined by «و» after a part cue («ومنها الميثانول واليوريا»): things
    the cue names as examples of what the holder holds, not the figure that follows."""
    return (
        len(words) >= 2
        and words[0].startswith("ال")
        and any(w.startswith("وال") for w in words[1:])
    )


_EACH = frozenset(fold(w) for w in ("كل", "لكل", "بكل", "ولكل", "وكل"))


_AMONG_WORD = fold("بين")


def listed_under_cue(words: _Words, figures: list[Mention], group: list[int]) -> bool:
    """The list a figure stands in opens after a part cue or «من بين X» («من بين الشهداء
    4412 طفلا و2918 سيدة و667 مسنا»): its items are parts of what the cue names, no day's
    figures a running tally of another group adds up."""
    head = min(group)
    floor = figures[head - 1].end if head else 0
    before = words.before(figures[head].start, 3, floor)
    return any(w in _PART_CUES or w == _AMONG_WORD for w in before)


def sentence_before(figures: list[Mention], k: int) -> int:
    """The sentence a late cue's whole may stand in: the last earlier sentence that states
    a figure with a value. A sentence of words only («وأكد مصدر أنه تم إدخال الشاحنات
    المحملة بمئات الأطنان») between a count and its breakdown («وشملت الشاحنات 106 …»)
    does not part them."""
    q = figures[k]
    for j in range(k - 1, -1, -1):
        w = figures[j]
        if w.sentence < q.sentence and w.attrs.get("value") is not None:
            return w.sentence
    return q.sentence - 1


def siblings(figures: list[Mention], parts_of: dict[int, int], k: int) -> list[int]:
    """The parts of k's whole that stand in k's sentence: items of one list («106 شاحنات
    للأمم المتحدة، … و31 شاحنة من الهلال الأحمر»), equals, none the set of another."""
    whole, sentence = parts_of[k], figures[k].sentence
    return [i for i, w in parts_of.items() if w == whole and figures[i].sentence == sentence]


def first_valued(figures: list[Mention], k: int) -> bool:
    """No figure with a value stands before k in its sentence («عدة», «مئات» have none),
    but a definite numeral of another unit («وتوزعت الصفقات على أيام المعرضين الخمسة بواقع
    4.37 مليار درهم»: the set the sum is spread over, no figure of its own)."""
    q = figures[k]
    unit = q.attrs.get("unit")
    for j in range(k - 1, -1, -1):
        w = figures[j]
        if w.sentence != q.sentence:
            return True
        if w.attrs.get("unit") != unit and fold(w.text).startswith("ال"):
            continue
        if w.attrs.get("value") is not None:
            return False
    return True


# the stems `words._stem` gives every word for the dead and for the wounded
_FATES = {_stem(fold("القتلى")): "killed", _stem(fold("الجرحى")): "wounded"}


def fate_named(subject: set[str]) -> str | None:
    """«القتلى هم ستة رجال وامرأتان»: the subject of a breakdown names the dead (or the
    wounded); its whole counts them, never the other toll («وأصيب 50» is no whole of it)."""
    fates = {_FATES[s] for s in subject if s in _FATES}
    return fates.pop() if len(fates) == 1 else None


def bracket_closes(text: str, figures: list[Mention], parts: list[int]) -> list[int]:
    """A list opened inside brackets ends where they close: «104 شهداء (منهم 46 طفلا و40
    امرأة)، و253 إصابة»: the 253 is the next item of the sentence, no part of the 104."""
    if not parts:
        return parts
    first = figures[parts[0]]
    opened = text.rfind("(", max(0, first.start - _BRACKET_REACH), first.start)
    if opened == -1 or ")" in text[opened : first.start]:
        return parts
    closed = text.find(")", first.end)
    if closed == -1:
        return parts
    return [p for p in parts if figures[p].start < closed]


_BRACKET_REACH = 40  # characters between an opening bracket and the first part in it


# a cue opening a line («بينهم 6 أطفال.. 11 جريحا»), and the mark that ends its part
_LEADING_CUE = re.compile(r"^\s*و?(?:من\s+)?(?:بينهم|بينهن|منهم|منهن|بينها|منها)\s+$")
_LEAD_ENDS = re.compile(r"\.\.|…|:|\s[-–]\s")
_LEAD_REACH = 16  # characters from the line's start to the figure the cue opens


def leads_forward(text: str, figures: list[Mention], k: int) -> tuple[list[int], int] | None:
    """A headline that opens with its part («بينهم 6 أطفال.. 11 جريحاً بغارة»): the cue
    begins the line, so it points forward, and the whole is the first figure after the
    mark («..», «…», «:») that ends the part. Returns the parts and the whole."""
    q = figures[k]
    line = text.rfind("\n", 0, q.start) + 1
    if q.start - line > _LEAD_REACH or not _LEADING_CUE.match(text[line : q.start]):
        return None
    end = text.find("\n", q.end)
    end = len(text) if end == -1 else end
    mark = _LEAD_ENDS.search(text, q.end, end)
    if mark is None:
        return None
    parts = [i for i in range(k, len(figures)) if figures[i].end <= mark.start()]
    wholes = [i for i in range(k + 1, len(figures)) if mark.end() <= figures[i].start < end]
    return (parts, wholes[0]) if wholes else None


# «أما باقي القتلى، فكان 9044 منهم …»: the rest of a group, besides the part just counted
_REST = frozenset(
    fold(w) for w in ("باقي", "وباقي", "بقية", "وبقية", "الباقي", "الباقون", "الباقين")
)
_REST_REACH = 8  # words before a figure read for «باقي»


def of_the_rest(words: _Words, q: Mention) -> bool:
    """The figure's sentence, before it, speaks of «the rest» of a group: its parts belong
    to the group's total, beside the part counted before, not under that part."""
    return not _REST.isdisjoint(words.before(q.start, _REST_REACH, 0))


def tolls(words: _Words, w: Mention, floor: int, of: str) -> bool:
    """The figure is stated as a toll of the group «من بين» names: «ارتفاع عدد ضحايا العدوان
    إلى 10,812» counts the dead (`rival_tolls`), so «من بين الشهداء 4412 طفلا» is of it."""
    kind = _toll_kind(words, w, floor)
    return (kind, of) in ((DEATHS, "killed"), (WOUNDS, "wounded"))


_OF = fold("من")


def of_group_counted(words: _Words, fig: _Figures, k: int) -> int | None:
    """«نحو 14 مليونا من سكان اليمن البالغ عددهم 26 مليون نسمة»: a count taken «من» a
    group whose number is given right after («البالغ عددهم», «وعددهم»): that number is its
    whole (`part_wholes._counted_after`, as for a share)."""
    q = fig.figures[k]
    after = words.after(q.end, 2, words.comma_after(q.end))
    if _OF not in after[:2] or fig.units[k] is not None:
        return None
    return _counted_after(words, fig, k)
