"""Counts in brackets after their holders: a group spread over hospitals, governorates or
branches, one bracketed figure each.

Local news gives where a group went as a list of holders with a count in brackets after
each: «ونقل المصابون إلى مستشفى الكرك (5) ومستشفى القطرانة (4)», «توزعت الإصابات على
المحافظات: بغداد (12 حالة) والبصرة (7 حالات)». No part cue stands there, and the
bracketed figures name no counted noun of their own (the noun after the bracket is the
next holder); the sentence names the group they split instead — «المصابون», «للمصابين …
ونقلتهم». These are linked `part_of` the count of that group stated before, when:

- at least two figures of one sentence each open a bracket right after a word (up to two
  words may follow the figure inside it, or a comma and a detail: «(14، بينهم عشرة
  طلاب)»), one after the other and of one unit (ages in brackets are another list);
  a list some items of which are linked already goes on under their whole;
- a word of the sentence before the list names a group (its stem: «المصابون» and «إصابة»
  are one, `words._ONE_STEM`), and a figure before the list, in that sentence or the
  `SENTENCES_BACK` before it, counts that group: by its counted noun, by the toll it
  states (`rival_tolls`: «وأصيب تسعة آخرون»), or by the verb right before it;
- the nearest such figure is the whole; it fits each part (`_Figures.may_hold`);
- a figure the list is said to follow («تأتي شبوة في المرتبة الأولى بعدد 732 إصابة، تليها
  أبين (703)، ومأرب (341)») is the first item of one ranking, a sibling of the bracketed
  ones and no whole of them: the list goes under that item's whole, or under nothing.

Parts that together exceed their whole are linked all the same: the list states the
split, and its overflow is what `part_whole.sum` reports."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from checks.arabic import fold
from checks.extract.entities import _FUNCTION
from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _FOLLOWED, _OUT_OF_CUES, _SPREAD_CUES
from checks.extract.relations.part_opens import _REST
from checks.extract.relations.rival_tolls import _DEATH, _TOLL, _WOUNDED, DEATHS, WOUNDS, _toll_kind
from checks.extract.relations.words import (
    _ONE_STEM,
    _skeleton,
    _stem,
    _with_conjunctions,
    _Words,
    shares_root,
)
from checks.extract.tokens import bare

MIN_PARTS = 2
SLIP = 1.15  # how far a list may overflow a whole named only by its root and still be its
VERB_REACH = 3  # words before a figure searched for the verb of what befell its group
SENTENCES_BACK = 3  # sentences before the list searched for the count it splits
TOLL_REACH = 16  # words before a count, in its clause, searched for «عدد ضحايا …»
INSIDE_WORDS = 2  # words a bracket may hold after its figure: «(6 حالات)», «(12 مصابا)»

# after the figure: up to two words and the bracket's end, or a clause mark and a detail
_CLOSE = re.compile(rf"\s*(?:(?:[^\W\d_]+\s*){{0,{INSIDE_WORDS}}}\)|[،,])")
_HOLDER_END = re.compile(r"[^\W\d_]\s*\(\s*$")  # a word right before the bracket
_TOLL_STEMS = {DEATHS: _ONE_STEM[fold("وفاة")], WOUNDS: _ONE_STEM[fold("إصابة")]}
# Verbs and nouns of death and wounds right before a count («وأصيب 11 آخرون», «توفي 3
# أشخاص», «وفاة شخصين»).
_VERB_STEMS = {
    **{fold(w): _TOLL_STEMS[WOUNDS] for w in ("أصيب", "أصيبت", "جرح", "أصيبوا")},
    **{fold(w): _TOLL_STEMS[DEATHS] for w in ("توفي", "قتل", "لقي", "توفيت", "قضى", "قتلت")},
    **{fold(w): _TOLL_STEMS[DEATHS] for w in ("مقتل", "مصرع")},
    **{w: s for w, s in _ONE_STEM.items() if len(w) > 3},  # «وفاة شخصين وإصابة 5»
}


def bracketed(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of bracketed counts after holders (module docstring)."""
    figures = fig.figures
    text = words.text
    if len(figures) < 1 + MIN_PARTS or "(" not in text:
        return []
    whole_of = {r["from"]: r["to"] for r in linked if r["type"] == "part_of"}
    index = {q.id: n for n, q in enumerate(figures)}
    place = [_place(text, q.start, q.end) for q in figures]
    rels: list[dict] = []
    k = 0
    while k < len(figures):
        if place[k] != _OPENS:
            k += 1
            continue
        run, j = [k], k + 1
        # a figure further in a bracket («(14، بينهم عشرة طلاب)») is the item's own
        # detail: the list goes on past it
        while j < len(figures) and figures[j].sentence == figures[k].sentence:
            if place[j] == _OPENS and fig.units[j] != fig.units[k]:
                break  # «فلان (40 عاما)، … مستشفى المفرق (3)»: ages, then another list
            if place[j] == _OPENS:
                run.append(j)
            elif place[j] != _INSIDE:
                break
            j += 1
        k = j
        if len(run) < MIN_PARTS:
            continue
        free = [p for p in run if figures[p].id not in whole_of]
        held = [index[whole_of[figures[p].id]] for p in run if p not in free]
        # a list some items of which are linked already goes on under their whole
        whole = held[0] if held else _whole(words, fig, run, place)
        if whole is not None and _followed(words, figures[whole].end, figures[run[0]].start):
            # the first item of the ranking: the list goes under that item's own whole
            first_of = whole_of.get(figures[whole].id)
            whole = index[first_of] if first_of is not None else None
        if free and whole is not None and fig.may_hold(whole, free):
            rest = _rest_after(words, fig, run, j, whole_of)
            free += [rest] if rest is not None and fig.may_hold(whole, [rest]) else []
            rels += [
                {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in free
            ]
    return rels


# «على الرياضات الثماني الأخرى», «في باقي الولايات»: what a count after a list is spread over
_THE_OTHERS = frozenset(fold(w) for w in ("الأخرى", "الباقية", "المتبقية", "الأخريات"))
REST_AFTER_WORDS = 6  # words after the count that says the rest, in its clause


def _rest_after(
    words: _Words, fig: _Figures, run: list[int], j: int, whole_of: dict[str, str]
) -> int | None:
    """«… وكرة السلة للسيدات (12)، فيما يتوزع 23 لاعبا على الرياضات الثماني الأخرى»: the
    count right after a bracketed list, in its sentence, that the others or the rest say
    («الأخرى», «باقي») is the list's last part, beside its items."""
    figures = fig.figures
    if j >= len(figures) or figures[j].sentence != figures[run[-1]].sentence:
        return None
    if figures[j].id in whole_of or fig.units[j] != fig.units[run[-1]]:
        return None
    after = words.after(figures[j].end, REST_AFTER_WORDS, words.comma_after(figures[j].end))
    before = words.span(figures[run[-1]].end, figures[j].start)
    if _THE_OTHERS.isdisjoint(after) and _REST.isdisjoint(before):
        return None
    return j


_OPENS, _INSIDE, _OUT = "opens", "inside", "out"


_AFTER_BRACKET = re.compile(r"\s*\)\s*([^\s،,.:؛;()«»0-9]+)")


def counted_in_brackets(text: str, end: int) -> bool:
    """Agency copy brackets a count before its own noun («ضبط (20450) مخالفاً، منهم
    (15100)»): the word right after the closing bracket, with no mark between, is a noun
    the figure counts, not «و…» (the next holder) nor a preposition. Such a figure is a
    count like any other, no holder's tally."""
    m = _AFTER_BRACKET.match(text, end)
    if m is None:
        return False
    word = fold(m.group(1))
    if len(word) < 3 or word in _PREPOSITION_WORDS:
        return False
    # «ومستشفى القطرانة (4)», «ثم المصريون (9800) فالبنغاليون (7900)»: «و» or «فال»
    # opens the next holder, unless the word carries the accusative of a counted noun
    # («(7100) وافداً»)
    return not word.startswith(("و", "فال")) or "\u064b" in m.group(1)


_PREPOSITION_WORDS = frozenset(
    fold(w) for w in ("في", "على", "من", "إلى", "الى", "عن", "مع", "منها", "منهم", "بينهم")
)


def _place(text: str, start: int, end: int) -> str:
    """Where a figure stands: opening a bracket right after a word («مستشفى الكرك (5)»,
    «شمال الشرقية (14، بينهم …)»), further inside a bracket, or out of any."""
    opened = text.rfind("(", 0, start)
    if opened < 0 or text.find(")", opened, start) >= 0:
        return _OUT
    if counted_in_brackets(text, end):
        return _OUT  # «(20450) مخالفاً»: a count with its noun, no holder's tally
    if _HOLDER_END.search(text, max(0, start - 40), start) and _CLOSE.match(text, end):
        return _OUT if _toll_noun_after(text, end) else _OPENS
    return _INSIDE


_AFTER_BRACKET = re.compile(r"\s*\)\s*([^\W\d_]+)")


def _toll_noun_after(text: str, end: int) -> bool:
    """«حتى الآن (2) وفاة و(9) إصابات»: the noun of death or wounds right after the
    bracket is the figure's own; the figure is a count in brackets, no holder's count."""
    after = _AFTER_BRACKET.match(text, end)
    return after is not None and fold(after.group(1)) in _DEATH | _WOUNDED


def _whole(words: _Words, fig: _Figures, run: list[int], place: list[str]) -> int | None:
    """The nearest figure before the list that counts the group its sentence names and
    can hold each part; no figure of an earlier bracket (an age: «فلان (34 عاما)»)."""
    figures = fig.figures
    first = figures[run[0]]
    k = bisect_left(words.starts, first.start)
    opening = words.keys[words.first_of[min(k, len(words.first_of) - 1)] : k]
    named = set().union(*map(group_stems, opening)) if opening else set()
    # «ونقلت الجثامين إلى مستشفى أشمون (11)», «أودعت جثامينهم …»: the dead or the wounded
    # the list's own clause names are what it splits, whatever the sentence counted before
    clause = words.span(words.comma_before(first.start), first.start)
    tolls = set().union(*map(group_stems, clause)) & set(_TOLL_STEMS.values()) if clause else set()
    named = tolls or named
    # «توزعت الحرائق على …» after «37 حريقا»: a broken plural names its singular's group
    # (one consonant skeleton)
    skeletons = {k for k in map(_skeleton, opening or ()) if len(k) >= 3} if not tolls else set()
    for j in range(run[0] - 1, -1, -1):
        if figures[j].sentence < first.sentence - SENTENCES_BACK:
            break
        group = counted_group(words, fig, j)
        said = group in named
        weak = len(_skeleton(group)) >= 3 and _skeleton(group) in skeletons
        # «أفرجت جماعة الحوثي أمس السبت عن 153 أسيرا … للمفرج عنهم …، وهي مأرب (61)»: the
        # verb of the whole's clause and a noun of the list's sentence share a root
        weak = weak or _acted_again(words, figures[j], skeletons)
        if not said and weak:
            # a weaker sign than the group's own word: only a whole the list fits under or
            # overflows by an outlet's slip («توزع الطلاب على ثلاث شعب» is of all 745,524
            # who sat, not of the 607 thousand who passed)
            lo, hi = fig.bounds()
            said = sum(lo[p] for p in run) <= SLIP * hi[j]
        if place[j] == _OUT and group and said and fig.may_hold(j, run):
            return _within_out_of(words, fig, run, j)
    return _subject_whole(words, fig, run, place, _spread_subject(opening))


def _within_out_of(words: _Words, fig: _Figures, run: list[int], j: int) -> int:
    """«146 مسجدا من أصل نحو 1100 مسجد …، موزعة بين المحافظات: العاصمة (41) …»: a whole
    said «out of» right after the count its clause is about is the set that count is of;
    the list spreads that count, when it fits under it."""
    figures = fig.figures
    k = j - 1
    if k < 0 or figures[k].sentence != figures[j].sentence:
        return j
    if _OUT_OF_CUES.isdisjoint(words.span(figures[k].end, figures[j].start)):
        return j
    lo, hi = fig.bounds()
    fits = sum(lo[p] for p in run) <= SLIP * hi[k]
    return k if fits and fig.may_hold(k, run) else j


def _subject_whole(
    words: _Words, fig: _Figures, run: list[int], place: list[str], subject: str | None
) -> int | None:
    """With no count of the group the list's sentence names: the nearest count, in the
    sentences before, whose sentence names the subject of the list's verb of spreading
    («غادرت بعثة الأردن … بـ86 لاعبا. وتتوزع البعثة على التايكواندو (14) …»), when the
    list fits under it or overflows it by an outlet's slip."""
    if subject is None:
        return None
    figures = fig.figures
    first = figures[run[0]]
    lo, hi = fig.bounds()
    for j in range(run[0] - 1, -1, -1):
        if figures[j].sentence < first.sentence - SENTENCES_BACK:
            break
        if figures[j].sentence == first.sentence or place[j] != _OUT:
            continue
        fits = sum(lo[p] for p in run) <= SLIP * hi[j]
        if fits and _subject_named(words, figures[j], subject) and fig.may_hold(j, run):
            return j
    return None


def _spread_subject(opening: list[str]) -> str | None:
    """«وتتوزع البعثة … على التايكواندو (14) …»: the skeleton of the word right after a verb
    of spreading, what the list spreads."""
    verb = next((n for n, w in enumerate(opening) if w in _SPREAD_CUES), None)
    if verb is None or verb + 1 >= len(opening):
        return None
    subject = _skeleton(opening[verb + 1])
    return subject if len(subject) >= 3 else None


def _subject_named(words: _Words, w: Mention, subject: str | None) -> bool:
    """The subject of the spreading verb is named in the sentence of the count w, before it
    («غادرت بعثة الأردن … بـ86 لاعبا» … «وتتوزع البعثة على …»): the group it counted."""
    if subject is None:
        return False
    before = words.before(w.start, SENTENCE_WORDS, 0)
    return any(shares_root(subject, _skeleton(word)) for word in before)


SENTENCE_WORDS = 30  # words of a whole's sentence before it, read for the list's subject
ACTED_REACH = 6  # words before a whole, in its clause, searched for its verb
RANK_OPENS_WITHIN = 4  # words before a list's first item in which its rank word stands


def _acted_again(words: _Words, w: Mention, skeletons: set[str], reach: int = ACTED_REACH) -> bool:
    """A word of the whole's clause before it («أفرجت», «نقلت»; within `reach` words) and a
    word of the list's sentence («للمفرج», «المنقولين») share a root of three consonants
    (`shares_root`)."""
    clause = words.before(w.start, reach, words.comma_before(w.start))
    return any(
        shares_root(_skeleton(bare(x)), k)
        for x in clause
        if len(x) >= 4 and not x.startswith("ال")
        for k in skeletons
    )


def _followed(words: _Words, end: int, start: int) -> bool:
    """A word of rank («تليها», «يليه», «ثم», «متقدمة على») between a count and the list: the list
    follows the count in one ranking, so the count is its first item, not its whole. The
    word opens the list (among its last few words before the first item): «… ثم نقلتهم
    بالحافلات إلى محافظاتهم، وهي مأرب (61)» tells what came next, no rank."""
    return not _RANKED_AGAINST.isdisjoint(words.span(end, start)[-RANK_OPENS_WITHIN:])


# «بـ6420 سيارة، متقدمة على كيا (5980) وبيجو (5115)»: ahead of the rivals after it, which
# are the count's siblings in a ranking as much as those a «تليها» follows with
_AHEAD = _with_conjunctions(
    {fold(w) for w in ("متقدمة", "متقدما", "متقدمين", "متقدمتين", "متفوقة", "متفوقا")}
)
_RANKED_AGAINST = _FOLLOWED | _AHEAD


def group_stems(word: str) -> set[str]:
    """The stems a word naming a group may stand for: its own (with and without a
    proclitic), and the dead's or the wounded's when it is a word of death or wounds
    («الضحايا», «القتلى», «الجرحى»: `rival_tolls`)."""
    stems = {_stem(word), _stem(bare(word))}
    if word in _DEATH:
        stems.add(_TOLL_STEMS[DEATHS])
    elif word in _WOUNDED:
        stems.add(_TOLL_STEMS[WOUNDS])
    return stems


def counted_group(words: _Words, fig: _Figures, j: int) -> str:
    """The stem of what figure j counts: its noun, else the toll it states, else the verb
    or noun of death or wounds right before it, else a toll named further back in its
    clause («عدد ضحايا …»); none for a figure followed by no noun («في»)."""
    stem = fig.stems[j]
    if stem in _TOLL_STEMS.values():
        return stem
    q = fig.figures[j]
    kind = _toll_kind(words, q, fig.figures[j - 1].end if j else 0)
    if kind is not None:
        return _TOLL_STEMS[kind]
    clause = words.before(q.start, TOLL_REACH, words.comma_before(q.start))
    # the verb right before it, or before its subject («قتلت القوات 137 مسلحا»)
    for word in reversed(clause[-VERB_REACH:]):
        if verb := _VERB_STEMS.get(word) or _VERB_STEMS.get(bare(word)):
            return verb
    for a, b in pairwise(clause):
        if a in _TOLL and (b in _DEATH or b in _WOUNDED):
            # «ارتفع عدد ضحايا المنخفض الجوي الذي ضرب … إلى 19 شخصا»: a toll named far
            return _TOLL_STEMS[DEATHS] if b in _DEATH else _TOLL_STEMS[WOUNDS]
    return "" if fig.nouns[j] in _FUNCTION or bare(fig.nouns[j]) in _FUNCTION else stem
