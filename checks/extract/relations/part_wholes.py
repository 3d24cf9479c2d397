"""The whole a figure belongs to when no cue stands at it (`part_of`): the figure before that
counts the same thing — a total named again, the spending sums are allotted from, the
toll to date, the count a rate or an «alone» share is of — and the comparisons of two
figures these rest on."""

from __future__ import annotations

from itertools import pairwise

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.relations.figures import _DURING, _Figures
from checks.extract.relations.part_cues import (
    _AGAINST,
    _ALLOT,
    _FROM,
    _NOT_NOUNS,
    _RATE,
    _RATE_REACH,
    _RISE_VERBS,
    _SPENDING_STEMS,
    _TALLY_WORDS,
    _THEIR_NUMBER,
    ALLOT_REACH,
    WHOLE_WINDOW,
    _consonants,
    _is_noun,
)
from checks.extract.relations.part_reads import _event_before, _former, _per_each
from checks.extract.relations.toll_days import words_sentence_before
from checks.extract.relations.words import _has, _skeleton, _stem, _stems, _Words
from checks.extract.tokens import bare


def _counted_after(words: _Words, fig: _Figures, k: int) -> int | None:
    """«نحو 73 بالمئة من إجمالي المهاجرين الذين بلغوا السواحل، وعددهم 63,970»: the count of
    the group a share is of, given right after it in its sentence («وعددهم», «البالغ
    عددهم», «من إجمالي أسهم الشركة والبالغ 925 مليون سهم»)."""
    q = fig.figures[k]
    for j in range(k + 1, min(len(fig.figures), k + 3)):
        w = fig.figures[j]
        if w.sentence != q.sentence or fig.units[j] is not None:
            return None
        if _has(words.before(w.start, 2, q.end), _THEIR_NUMBER) or _has(
            words.before(w.start, 1, q.end), _AMOUNTING
        ):
            return j
    return None


# «إجمالي أسهم الشركة والبالغ 925 مليون سهم»: what the group the share is of amounts to
_AMOUNTING = frozenset(fold(w) for w in ("البالغ", "البالغة", "والبالغ", "والبالغة"))


def _named_again(fig: _Figures, words: _Words, k: int) -> int | None:
    """The one figure of the next sentence that counts what the total k counts, in its unit
    or category, and whose noun before it names the total's noun again («بنفقات إجمالية تبلغ
    12.4 مليار دينار … النفقات الرأسمالية تبلغ 1.7 مليار دينار»); with two such figures the
    sentence compares, it does not break the total down."""
    w = fig.figures[k]
    found = [j for j in range(k + 1, min(len(fig.figures), k + WHOLE_WINDOW))
             if fig.figures[j].sentence == w.sentence + 1 and fig.units[j] == fig.units[k]
             and fig.units[k] not in ("percent", "time")]  # fmt: skip
    if len(found) != 1 or _per_each(words, fig.figures[found[0]]):
        return None
    j = found[0]
    if fig.units[k] is None and not _alike(fig, j, k):
        return None
    floor = fig.figures[j - 1].end if j else 0
    named = _stems(words.before(w.start, 4, fig.figures[k - 1].end if k else 0))
    again = _stems(words.before(fig.figures[j].start, 4, floor))
    return j if (named & again) - _NOT_NOUNS else None


def _alike(fig: _Figures, a: int, b: int) -> bool:
    """Two figures count one known thing in one unit (or are both counts of it)."""
    ca, cb = (fig.figures[j].attrs.get("category") for j in (a, b))
    return ca is not None and ca == cb and fig.units[a] == fig.units[b]


def _nearest_alike(fig: _Figures, words: _Words, k: int, parts_of: dict) -> int | None:
    """The nearest figure before k, in its sentence or the one before, that counts what k
    counts and is neither linked yet nor a figure per unit («115 أسيرا لكل من الجانبين»)."""
    q = fig.figures[k]
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        if fig.figures[j].sentence < q.sentence - 1:
            return None
        if _alike(fig, j, k) and j not in parts_of and not _per_each(words, fig.figures[j]):
            return j
    return None


def _names_again(fig: _Figures, part: int, whole: int) -> bool:
    """The part counts what the whole counts: one stem, or one known category."""
    category = fig.figures[part].attrs.get("category")
    return fig.stems[part] == fig.stems[whole] or (
        category is not None and category == fig.figures[whole].attrs.get("category")
    )


def _compared(fig: _Figures, j: int) -> bool:
    """A figure of its sentence comes before j in j's unit: what j is compared with."""
    return (
        j > 0
        and fig.figures[j - 1].sentence == fig.figures[j].sentence
        and (fig.units[j - 1] == fig.units[j])
    )


def _allotted_from(words: _Words, fig: _Figures, k: int, parts_of: dict) -> int | None:
    """«خصصت/رصدت N لقطاع …، وM لقطاع …»: sums allotted are parts of the spending stated before, the
    nearest figure of the unit, this sentence or the last, named «نفقات/مصروفات/إنفاق»
    (a sum allotted from no stated spending is linked to nothing)."""
    q = fig.figures[k]
    floor = max(fig.figures[k - 1].end if k else 0, words.comma_before(q.start))
    if not _has(words.before(q.start, ALLOT_REACH, floor), _ALLOT):
        return None
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - 1:
            return None
        if fig.units[j] != fig.units[k] or j in parts_of:
            continue
        near = words.before(w.start, 3, fig.figures[j - 1].end if j else 0)
        if not _SPENDING_STEMS.isdisjoint(_stem(bare(x)) for x in near):
            return j
    return None


def _alone_of(words: _Words, fig: _Figures, k: int, parts_of: dict) -> int | None:
    """The total a share held «alone» belongs to: the nearest earlier figure, in its
    sentence or the one before, of its unit that counts the same noun (one consonant
    skeleton, or one known category); with no noun to match, none. A total already broken
    down into parts that leave no room for the share («4,812 حالة، 3,950 منها غادرت …،
    و862 احتجزت» then «استقبل مستشفى القصر العيني وحده 386 حالة») is split another way
    (the places cut across what became of the cases): the share is none of its parts."""
    q = fig.figures[k]
    category = q.attrs.get("category")
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - 1:
            return None
        if j in parts_of or fig.units[j] != fig.units[k] or fig.units[k] == "percent":
            continue
        same = category is not None and category == w.attrs.get("category")
        a, b = (_skeleton(fig.nouns[x]) if _is_noun(fig.nouns[x]) else "" for x in (k, j))
        if same or (a and a == b and not _former(words, w)):
            return j if _has_room(fig, j, k, parts_of) else None
    return None


def _has_room(fig: _Figures, whole: int, k: int, parts_of: dict) -> bool:
    """The parts linked to `whole` so far leave room for figure k beside them."""
    lo, hi = fig.bounds()
    held = sum(float(lo[p]) for p, w in parts_of.items() if w == whole)
    return held + float(lo[k]) <= float(hi[whole])


def _partitive_of(words: _Words, fig: _Figures, k: int) -> int | None:
    """«وأسقطت الدفاعات 102 من الصواريخ و99 من المسيرات»: a figure followed by «من» and a
    definite plural is a part of the nearest earlier count (its sentence or the one before)
    of that noun (one consonant skeleton: «صاروخا», «الصواريخ»), not a former value."""
    q = fig.figures[k]
    nxt = fig.past[k]  # the token right after the figure: «من» or no partitive
    if nxt >= len(words.keys) or words.keys[nxt] != _FROM:
        return None
    after = words.after(q.end, 2, None)
    if len(after) < 2 or after[0] != _FROM or not after[1].startswith("ال") or len(after[1]) < 5:
        return None
    found = _nearest_count_of(words, fig, k, _skeleton(after[1]), 1, given=False)
    if found is None and (event := noun_category(after[1])) is not None:
        # «أصيب 41 شخصا … غادر 30 من المصابين»: the count the verb names as that group
        found = _nearest_count_of(words, fig, k, "", 1, given=False, event=event)
    return found


def _group_named_before(words: _Words, fig: _Figures, k: int) -> int | None:
    """«نجح من الممدرسين 247 ألفا»: «من» and a definite plural right before a figure name
    the group it is taken from; its whole is the nearest earlier count (this sentence or
    the two before) given as that group («361 ألفا من الممدرسين») or of that noun."""
    at = fig.at[k]  # «من» two tokens before the figure, or no group named there
    if at < 2 or words.keys[at - 2] != _FROM:
        return None
    q = fig.figures[k]
    floor = max(words.comma_before(q.start), fig.figures[k - 1].end if k else 0)
    before = words.before(q.start, 3, floor)
    # the group right before the figure («نجح من الممدرسين 247»), not the one the figure
    # before it took («102 من الصواريخ و99»)
    if len(before) < 2 or before[-2] != _FROM or not before[-1].startswith("ال"):
        return None
    named = _skeleton(before[-1]) if len(before[-1]) > 4 else ""
    return _nearest_count_of(words, fig, k, named, 2, given=True)


def _nearest_count_of(
    words: _Words,
    fig: _Figures,
    k: int,
    named: str,
    sentences_back: int,
    given: bool,
    event: str | None = None,
) -> int | None:
    """The nearest figure before k, of its unit and at most `sentences_back` sentences
    before it, that counts the noun with consonant skeleton `named` (or, `given`, is
    followed by «من» and that noun; or, `event`, whose verb says what befell them:
    `_event_before`), and is no former value."""
    if len(named) < 2 and event is None:
        return None
    q = fig.figures[k]
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - sentences_back:
            return None
        if fig.units[j] != fig.units[k]:
            continue
        counts = (
            _is_noun(fig.nouns[j]) and _skeleton(fig.nouns[j]) == named
            if event is None
            else _event_before(words, w) == event
        )
        if given and not counts:
            after = words.after(w.end, 2, None)
            counts = len(after) == 2 and after[0] == _FROM and _skeleton(after[1]) == named
        if counts and not _former(words, w):
            return j
    return None


def _toll_to_date(words: _Words, fig: _Figures, k: int, parts_of: dict) -> int | None:
    """A count in a sentence that dates it to the last span of time («خلال الـ24 ساعة
    الماضية», not «خلال 3 أيام») is a part of the running toll of the same noun the
    sentence before states («ارتفعت حصيلة … إلى», «عدد …»): one known category or one
    consonant skeleton of the noun."""
    q = fig.figures[k]
    if fig.units[k] is not None or not words.has(_DURING) or q.attrs.get("value") is None:
        return None  # «لا يزال آلاف الشهداء تحت الركام»: no count of the last hours
    recent = fig.recent(words)
    if True not in recent[max(0, k - 3) : k + 4]:
        return None
    spans = [
        t for t in range(max(0, k - 3), min(len(fig.figures), k + 4))
        if fig.figures[t].sentence == q.sentence and recent[t]
    ]  # fmt: skip
    if not spans:
        return None
    category = q.attrs.get("category")
    noun = _consonants(fig.nouns[k])
    before = words_sentence_before(words, q)  # «… إلى 50 ألف شهيد.\nوأوضحت أن 39 شهيدا …»
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        w = fig.figures[j]
        if w.sentence < before:
            return None
        if w.sentence == q.sentence or j in parts_of or fig.units[j] is not None:
            continue
        same = (category is not None and category == w.attrs.get("category")) or (
            noun and noun == _consonants(fig.nouns[j])
        )
        toll = words.before(w.start, 14, 0)
        to_date = any(x in _RISE_VERBS or x in _TALLY_WORDS or bare(x) in _TALLY_WORDS
                      for x in toll)  # fmt: skip
        if same and to_date:
            return j
    return None


def _rate_of_named(words: _Words, fig: _Figures, k: int) -> int | None:
    """A rate («نسبة النجاح») stated for a group its clause names by a definite phrase
    («في الفرع العلمي 76.5%») is a share of the count given for that same phrase, in its
    sentence or the one before («118 ألفا في الفرع العلمي»)."""
    q = fig.figures[k]
    if not words.has(_RATE) or not any(x in _RATE for x in words.before(q.start, _RATE_REACH, 0)):
        return None
    clause = words.before(q.start, 6, max(fig.figures[k - 1].end, words.comma_before(q.start)))
    named = {
        (a, b) for a, b in pairwise(clause)
        if b.startswith("ال") and len(b) > 4 and _is_noun(a) and _is_noun(bare(a))
    }  # fmt: skip
    found = []
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - 1:
            break
        if fig.units[j] is not None:
            continue
        after = words.after(w.end, 4, words.comma_after(w.end))
        if named & set(pairwise(after)):
            found.append(j)
    return found[0] if len(found) == 1 else None


def _set_against(words: _Words, fig: _Figures, k: int) -> bool:
    """«وتشكل الإيرادات النفطية 16.3 مليار منها، مقابل 2.4 مليار من غير النفطية»: a figure
    right after «مقابل», set against a part of its sentence in its unit and naming what it
    is a share of («من …»), is the other part; a former value («مقابل 30 العام الماضي»)
    or a count of another event («مقابل 5 أطفال قتلوا أمس») is none."""
    if not words.has(_AGAINST):
        return False
    q, p = fig.figures[k], fig.figures[k - 1]
    before = words.before(q.start, 1, p.end)
    # «مقابل 2.4 مليار دينار من الإيرادات غير النفطية»: it names its own share with «من»
    of = _FROM in words.after(q.end, 3, words.comma_after(q.end))
    return (
        of
        and bool(before)
        and before[-1] in _AGAINST
        and q.sentence == p.sentence
        and fig.units[k] == fig.units[k - 1]
        and not _former(words, q)
    )


def _same_kind(fig: _Figures, part: int, whole: int) -> bool:
    return (
        fig.kinds[part] is None or fig.kinds[whole] is None or (fig.kinds[part] == fig.kinds[whole])
    )


# Kinds of people no member of the other can be: a soldier is no civilian, a man no child.
_EXCLUSIVE = (
    ({"civilians"}, {"fighters", "soldiers"}),
    ({"children", "women"}, {"men", "fighters", "soldiers"}),
    ({"wounded"}, {"killed", "dead"}),
)


def _exclusive(a: Mention, b: Mention) -> bool:
    """The two figures count kinds of people that exclude each other."""
    x, y = a.attrs.get("category"), b.attrs.get("category")
    return any((x in one and y in other) or (y in one and x in other) for one, other in _EXCLUSIVE)
