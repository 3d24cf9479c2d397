"""A share «من إجمالي» a total named by its words, stated a clause or two before.

Statistics news states a total with the words that name it («بلغت قوة العمل N
فرد», «اجمالي سكان البلاد بلغ N نسمة»), then, a clause or a sentence later, a
group and its share «من إجمالي» those same words: «بلغ عدد المتعطلين M متعطل
بنسبة X بالمئة من إجمالي قوة العمل», «وتمثل المحافظة نسبة Y بالمائة من إجمالي سكان
البلاد». The words after «من إجمالي» (or «من مجموع») name the whole; the share and the
count it restates are its parts:

- the share is a percent not linked yet, followed by «من إجمالي/مجموع» and one or two
  words (after «عدد»), each long enough to name something;
- its whole is the nearest earlier count, in the share's sentence or the three before
  that state a figure, whose own words before it (back to the figure before) say those
  words in a row, not after a change («إجمالي زيادة قوة العمل»), and that names no
  half of a pair (`part_groups`: «قوة العمل N للذكور» is of the men only); it is no
  share, change or rate, not a value set against another, and not itself a part;
- the whole's parts already linked leave room for the count (another breakdown of it,
  by place or by group, is never summed with it); the share alone is linked otherwise;
- the count right before the share, joined to it by «بنسبة» (its restated size), is a
  part too when it is not linked yet.

A count given after the share for a place it sizes («…، حيث بلغ عدد سكانها N») is left
alone: a whole split by place and by group at once would have its two breakdowns summed.

Shares that name one word only («من إجمالي الحجاج») are read in `part_of` itself; but a
share whose total comes only after it («وبلغت نسبة المواطنين X% من إجمالي عدد السكان. …
إجمالي سكان البلاد بلغ N») is of the first count after it, in its sentence or the next,
stated as the tally of that word («إجمالي سكان», «عدد السكان») and of no region.
"""

from __future__ import annotations

from itertools import pairwise

from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.part_groups import _halves
from checks.extract.relations.part_regions import _region
from checks.extract.relations.part_stages import change_rate
from checks.extract.relations.words import _fold, _stem, _Words
from checks.extract.tokens import bare

SHARE_WORDS = 5  # words after a share read for «من إجمالي» and the whole's words
NAMED_REACH = 12  # words before a total read for the words that name it
TOTAL_WINDOW = 24  # figures before a share searched for the total its words name
TALLY_AHEAD = 6  # figures after a share searched for the total it names
RESTATE_REACH = 8  # words between a count and the share that restates it
FIT = 1.005  # the rounding parts may add up over their whole by
SENTENCES_BACK = 3  # sentences with figures, before the share's, searched for the total
_OF = _fold("من")
_TOTAL = frozenset(
    _fold(w) for w in ("إجمالي", "اجمالي", "مجموع", "إجمالى", "اجمالى", "الإجمالي", "المجموع")
)
_COUNT = frozenset(_fold(w) for w in ("عدد", "أعداد"))
_AT_RATE = frozenset(_fold(w) for w in ("بنسبة", "ونسبتهم", "نسبتهم", "يشكلون", "تشكل"))
_CHANGES = frozenset(
    _fold(w) for w in ("زيادة", "ارتفاع", "انخفاض", "تراجع", "نمو", "تغير", "فارق", "بزيادة")
)
_BY_AMOUNT = frozenset(_fold(w) for w in ("بمقدار", "قدرها", "قدره", "بواقع"))
_AGAINST = frozenset(_fold(w) for w in ("مقابل", "بمقابل", "مقارنة", "كان", "كانت"))


def _named_words(words: _Words, fig: _Figures, k: int, one: bool = False) -> list[str] | None:
    """The stems of the one or two words after «من إجمالي» that name share k's whole
    (`one`: one word will do)."""
    q = fig.figures[k]
    after = words.after(q.end, SHARE_WORDS, words.comma_after(q.end))
    if len(after) < 3 or after[0] != _OF or after[1] not in _TOTAL:
        return None
    rest = after[2:]
    if rest[0] in _COUNT:
        rest = rest[1:]
    named = [_stem(w) for w in rest[:2] if len(w.removeprefix("ال")) >= 3]
    if one and named:
        return named[:1]
    if len(named) < 2:
        return None  # one word is `part_of`'s («من إجمالي الحجاج»)
    return named


def shares_of_named_totals(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of shares of a total their words name (module docstring)."""
    figures = fig.figures
    if not words.has(_TOTAL):
        return []
    parts_of = linked_parts(figures, linked)
    rels: list[dict] = []
    for k in range(len(figures)):
        if fig.units[k] != "percent" or k in parts_of or fig.changes[k]:
            continue
        if change_rate(words, figures[k]):
            continue
        named = _named_words(words, fig, k)
        whole = None if named is None else _named_total(words, fig, k, named, parts_of)
        if whole is None:
            # «وبلغت نسبة المواطنين X% من إجمالي عدد السكان. … إجمالي سكان البلاد بلغ N»
            one = _named_words(words, fig, k, one=True)
            whole = None if one is None else _tally_after(words, fig, k, one[0], parts_of)
            if whole is None:
                continue
            parts_of[k] = whole
            rels.append({"from": figures[k].id, "to": figures[whole].id, "type": "part_of"})
            continue
        parts = [k]
        c = k - 1
        if (
            c >= 0
            and c != whole
            and c not in parts_of
            and fig.units[c] == fig.units[whole]
            and figures[c].sentence == figures[k].sentence
            and _AT_RATE & set(words.span(figures[c].end, figures[k].start))
            and len(words.span(figures[c].end, figures[k].start)) <= 3
        ):
            parts.insert(0, c)
            lo, hi = fig.bounds()
            held = sum(float(lo[p]) for p, w in parts_of.items() if w == whole and p != c
                       and fig.units[p] == fig.units[c])  # fmt: skip
            if held + float(lo[c]) > float(hi[whole]) * FIT:
                parts = [k]  # another breakdown of the whole: its count is not summed in
        if not fig.may_hold(whole, parts):
            parts = [k]  # a count the whole cannot hold (misread, or of a larger set)
            if not fig.may_hold(whole, parts):
                continue
        parts_of.update(dict.fromkeys(parts, whole))
        rels.extend(
            {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in parts
        )
    return rels


def _tally_after(
    words: _Words, fig: _Figures, k: int, named: str, parts_of: dict[int, int]
) -> int | None:
    """The first count after share k, in its sentence or the next that states a figure,
    stated as the tally of what the share's words name («إجمالي سكان …», «عدد السكان»)
    and of no region (`part_regions`): the total a share said before it is of."""
    figures = fig.figures
    for j in range(k + 1, min(len(figures), k + 1 + TALLY_AHEAD)):
        if _apart_after(figures, k, j) > 1:
            return None
        if fig.units[j] is not None or fig.changes[j] or fig.rates[j] is not None:
            continue
        before = words.before(figures[j].start, NAMED_REACH, figures[j - 1].end)
        tallied = any(
            (a in _TOTAL or a in _COUNT or bare(a) in _TOTAL) and _stem(b) == named
            for a, b in pairwise(before)
        )
        if not tallied:
            continue
        if _region(before) or _AGAINST & set(before[-3:]) or j in parts_of:
            return None
        return j if fig.may_hold(j, [k]) else None
    return None


def _apart_after(figures: list, k: int, j: int) -> int:
    return len({figures[i].sentence for i in range(k, j + 1)}) - 1


def _says(before: list[str], named: list[str]) -> bool:
    """The words say the whole's name, its words in a row, not as the size of a change
    of it («إجمالي زيادة قوة العمل»: how much it grew)."""
    stems = [_stem(x.removeprefix("و")) if x.startswith("و") else _stem(x) for x in before]
    n = len(named)
    for i in range(len(stems) - n + 1):
        if stems[i : i + n] == named:
            return not (i and (before[i - 1] in _CHANGES or bare(before[i - 1]) in _CHANGES))
    return False


def _named_total(
    words: _Words, fig: _Figures, k: int, named: list[str], parts_of: dict[int, int]
) -> int | None:
    """The nearest earlier count whose own words say every one of `named`."""
    figures = fig.figures
    seen: set[int] = set()
    for j in range(k - 1, max(-1, k - 1 - TOTAL_WINDOW), -1):
        w = figures[j]
        if w.sentence != figures[k].sentence:
            seen.add(w.sentence)
        if len(seen) > SENTENCES_BACK:
            return None
        if fig.units[j] == "percent" or fig.changes[j] or fig.rates[j] is not None:
            continue
        floor = figures[j - 1].end if j else 0
        before = words.before(w.start, NAMED_REACH, floor)
        if not _says(before, named) or (before and before[-1] in _BY_AMOUNT):
            continue  # «لزيادة قوة العمل بمقدار N»: how much it grew
        if _AGAINST & set(words.before(w.start, 3, words.comma_before(w.start))):
            continue
        if _halves(words, fig, j, False):
            continue  # «بلغ حجم قوة العمل N فرد للذكور»: of one group of it only
        return None if j in parts_of else j
    return None


_TRAIL_OPENERS = frozenset(_fold(w) for w in ("وذلك", "وهذا", "وهو", "وهي", "ذلك"))
_OUT_OF = frozenset(_fold(w) for w in ("أصل", "اصل", "جملة"))


def trailing_out_of(words: _Words, q) -> bool:
    """«نجح 264 ألف طالب في امتحانات …، (وذلك) من أصل 396 ألفا»: a clause that is only
    the «من أصل» phrase of the whole, a clause after its part (`_out_of` takes the part
    across the comma then, as it does within one clause)."""
    opened = words.before(q.start, 4, words.comma_before(q.start))
    if opened[:1] and opened[0] in _TRAIL_OPENERS:
        opened = opened[1:]
    return len(opened) == 2 and opened[0] == _OF and opened[1] in _OUT_OF


_RESTATING = frozenset(
    _fold(w)
    for w in (
        "أي", "اي", "بنسبة", "نسبته", "يمثل", "يمثلون", "تمثل", "يشكل", "يشكلون", "تشكل",
        "يعادل", "ما",
    )
)  # fmt: skip


def counts_of_linked_shares(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """«صوت 9 ملايين ناخب، أي ما يمثل 41% من إجمالي الناخبين البالغ 22 مليونا»: a share
    linked to its whole restates the count right before it in its clause; that count is a
    part of the same whole (when it is in the whole's unit, below it, not linked yet, and
    the whole's other parts leave room for it)."""
    figures = fig.figures
    if not words.has(_RESTATING):
        return []
    parts_of = linked_parts(figures, linked)
    lo, hi = fig.bounds()
    rels: list[dict] = []
    for p, whole in sorted(parts_of.items()):
        c = p - 1
        if fig.units[p] != "percent" or c < 0 or c in parts_of or c == whole:
            continue
        if figures[c].sentence != figures[p].sentence or fig.units[c] != fig.units[whole]:
            continue
        if fig.units[c] == "percent" or fig.changes[c] or fig.rates[c] is not None:
            continue
        between = words.span(figures[c].end, figures[p].start)
        if not between or len(between) > RESTATE_REACH:
            continue
        # the share's clause opens with the restating words («، أي ما يمثل 41%»), or the
        # share follows the count's noun in its clause («… ناخب بنسبة 41%»)
        clause = words.span(
            max(figures[c].end, words.comma_before(figures[p].start)), figures[p].start
        )
        if not clause or clause[0] not in _RESTATING or len(clause) > 3:
            continue
        held = sum(float(lo[j]) for j, w in parts_of.items() if w == whole and j != p
                   and fig.units[j] == fig.units[c])  # fmt: skip
        if held + float(lo[c]) > float(hi[whole]) * FIT or not fig.may_hold(whole, [c]):
            continue
        parts_of[c] = whole
        rels.append({"from": figures[c].id, "to": figures[whole].id, "type": "part_of"})
    return rels


_SET_AGAINST = frozenset(_fold(w) for w in ("مقابل", "ومقابل", "بمقابل", "مقارنة", "بالمقارنة"))


def against_after_total(before: list[str]) -> bool:
    """«بنسبة 7.1% من إجمالي قوة العمل مقابل 2.1 مليون»: «مقابل» after the word of total
    sets the figure against what came before; the total word is the share's, not its."""
    last = max((i for i, w in enumerate(before) if w in _TOTAL or bare(w) in _TOTAL), default=None)
    return last is not None and not _SET_AGAINST.isdisjoint(before[last + 1 :])
