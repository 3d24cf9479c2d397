"""The set a figure is taken from, as its noun phrase names it: «97 مدرسة من مدارس الإيواء»,
«63.3 في المئة من حجاج الخارج». The head noun says what is counted; the definite words
after it narrow the set. When a part of a whole is itself stated with those words («214
مدرسة … تستخدم مراكز لإيواء النازحين», «1,611,310 قدموا من الخارج»), the figure belongs to
that part — the nearest set that encloses it — not to the outer whole both fit under."""

from __future__ import annotations

from bisect import bisect_left

from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.relations.figures import _EACH, _Figures
from checks.extract.relations.part_cues import (
    _ALONE,
    _FROM,
    _SPLIT_CUES,
    _TALLY_WORDS,
    _TOTAL_CUES,
    _consonants,
)
from checks.extract.relations.part_stages import rounded_whole
from checks.extract.relations.words import (
    _AGE_BOUNDS,
    _AGE_NOUNS,
    _PERIODS,
    _RATES,
    _RELATIVES,
    _fold,
    _has,
    _skeleton,
    _stem,
    _stems,
    _Words,
)

# «من غير الكويتيين», «من سوى …»: the words after name the set the figure is *not* of
_OTHER_THAN = frozenset(_fold(w) for w in ("غير", "سوى", "عدا", "خلاف"))
_NARROW_WORDS = 2  # definite words after the head noun read as what narrows the set


def _from_next(words: _Words, q: Mention) -> bool:
    """«من» is one of the two words after the figure (the test the readers below start
    with, asked of the keys by index before any window is cut)."""
    k = bisect_left(words.starts, q.end)
    return _FROM in words.keys[k : k + 2]


def _narrowing(words: _Words, q: Mention) -> frozenset[str]:
    """The definite words that narrow the set a figure is taken from, and an age bound
    after them: «من حجاج الخارج» → {الخارج}, «من الأطفال دون سن الخامسة» → {الخامسة};
    «من الأطفال», «منهم» and «من إجمالي …» (the whole group, however named) narrow nothing
    (empty)."""
    if not _from_next(words, q):
        return frozenset()
    after = words.after(q.end, 7, words.comma_after(q.end))
    # «97 مدرسة من …» (the counted noun first) or «63.3 في المئة من …»
    at = next((i for i, w in enumerate(after[:2]) if w == _FROM), None)
    if at is None:
        return frozenset()
    phrase = after[at + 1 :]
    if not phrase or phrase[0] in _TOTAL_CUES or phrase[0] in _TALLY_WORDS:
        return frozenset()  # «من إجمالي الأشخاص الزائرين»: the whole group, however named
    if phrase[0] in _OTHER_THAN:
        return frozenset()  # «من غير الكويتيين»: the others, not a set the words name
    narrow: list[str] = []
    for w in phrase[1 : 1 + _NARROW_WORDS]:
        if not w.startswith("ال") or w in _RELATIVES or len(w) < 5:
            break  # «من الضحايا الذين …»: a clause, not a word, narrows that set
        narrow.append(w)
    rest = phrase[1 + len(narrow) :]
    if len(rest) >= 3 and rest[0] in _AGE_BOUNDS and rest[1] in _AGE_NOUNS:
        narrow.append(rest[2])  # «من الأطفال دون سن الخامسة»: the children under five
    head = _stem(phrase[0])
    return frozenset(w for w in narrow if len(_stem(w)) >= 3 and _stem(w) != head)


def _clause_of(words: _Words, fig: _Figures, i: int, skip: int | None) -> list[str]:
    """The words of figure i's clause between its neighbouring figures; its own whole
    (`skip`) does not cut it («214 مدرسة من أصل 1,080 مدرسة … لإيواء النازحين»). The words
    before it are read only when it opens its clause: in «1,611,310 قدموا من الخارج و221,854
    من الداخل» the words before 221,854 are the figure's before."""
    figures = fig.figures
    q = figures[i]
    lo = next((figures[j].end for j in range(i - 1, -1, -1) if j != skip), 0)
    hi = next((figures[j].start for j in range(i + 1, len(figures)) if j != skip), None)
    start = words.comma_before(q.start)
    if lo > start:
        start = q.start
    end = words.comma_after(q.end)
    text = words.text
    while end is not None and 0 < end < len(text) - 1 and text[end - 1 : end + 2 : 2].isdigit():
        end = words.comma_after(end + 1)  # «1,080»: a digit group, not a clause mark
    if end is None or (hi is not None and hi < end):
        end = hi
    return words.span(start, end if end is not None else len(words.text))


def _says(words: _Words, fig: _Figures, i: int, skip: int | None, narrow: frozenset) -> bool:
    """Figure i's clause says every word that narrows a set (its stem), or the figure
    counts what the word names (`9 آلاف من القتلى الأطفال` of `14 ألف طفل`): «الدرجة
    الأولى» is not said by «6,500 في الدرجة السياحية»."""
    said = _stems(_clause_of(words, fig, i, skip))
    category = fig.figures[i].attrs.get("category")
    return all(
        not said.isdisjoint(_stems([w])) or (category is not None and noun_category(w) == category)
        for w in narrow
    )


def _enclosing_part(
    words: _Words,
    fig: _Figures,
    k: int,
    whole: int,
    parts_of: dict[int, int],
    peers: list[int],
) -> int | None:
    """The part of `whole`, stated before figure k, whose clause says the words that
    narrow k's set: the nearest set that encloses k («97 مدرسة من مدارس الإيواء» is of the
    214 schools used as shelters, not of all 1,080). The items of k's own list (`peers`)
    are its equals, never its set («279 ألفا كويتي و139 ألفا من غير الكويتيين»), and words
    two parts say name neither."""
    narrow = _narrowing(words, fig.figures[k])
    if not narrow:
        return None
    said = [
        i
        for i in range(k - 1, -1, -1)
        if parts_of.get(i) == whole and i not in peers and _says(words, fig, i, whole, narrow)
    ]
    return said[0] if len(said) == 1 else None  # two parts that say them single none out


def _counts_alike(fig: _Figures, a: int, b: int) -> bool:
    """Two figures count one noun (one stem) or one known category."""
    cat = fig.figures[a].attrs.get("category")
    return fig.stems[a] == fig.stems[b] or (
        cat is not None and cat == fig.figures[b].attrs.get("category")
    )


def _paired(fig: _Figures, parts: list[int], totals: list[int]) -> dict[int, list[int]]:
    """The parts each total of a list holds when a list of tallies follows a list of
    counts: «2,740 حالة و19 وفاة، ليصل العدد إلى 38 ألفا و900 حالة و211 وفاة» pairs the
    cases with the cases and the deaths with the deaths. A part no total counts alike goes
    to the first total, as a tally of one figure takes every part."""
    held: dict[int, list[int]] = {}
    for p in parts:
        t = next((t for t in totals if _counts_alike(fig, p, t)), totals[0])
        held.setdefault(t, []).append(p)
    return held


_SUBJECT_REACH = 4  # words before «وحده» read as what holds the count alone


def _period_alone(words: _Words, q: Mention, floor: int) -> bool:
    """«أيلول الماضي وحده شهد مقتل 206 مدنيين»: what holds the count «alone» is a period,
    so the count is a tally of another time (the month, the night), not a part of the
    running total counted before, as a place's share is («سجلت اللاذقية وحدها 805»)."""
    before = words.before(q.start, 8, floor)
    at = next((i for i in range(len(before) - 1, -1, -1) if before[i] in _ALONE), None)
    if at is None:
        return False
    return not _PERIODS.isdisjoint(before[max(0, at - _SUBJECT_REACH) : at])


def _holders(fig: _Figures, text: str, parts: list[int], whole: int) -> bool:
    """«150,089 غرفة موزعة على 821 منشأة», «10 آلاف عامل توزعوا على 3,800 فريق»: one figure
    a whole is spread over, counting a noun of its own, counts what holds the whole (the
    hotels, the teams), not a part of it; a list («يتوزعون على 600 إداري و250 فنيا») or a
    kind of people under people is one, and so is a figure whose noun is not written right
    after it («مصر (1.2 مليون) وتشاد»)."""
    if len(parts) != 1 or fig.units[parts[0]] == "percent":
        return False  # a share counts no noun of its own: it holds nothing
    p = parts[0]
    end = fig.figures[p].end
    if not text[end : end + 2].strip(" ").isalpha():
        return False
    if fig.kinds[p] == "people" and fig.kinds[whole] == "people":
        return False
    a, b = _consonants(fig.nouns[p]), _consonants(fig.nouns[whole])
    return bool(a and b) and a != b


def _per_unit_split(words: _Words, q: Mention) -> bool:
    """«وتتوزع تذاكر كل ناد على 20 ألفا …»: the clause splits what each unit holds (the
    25 thousand per club), so its figures are no parts of the total of all units; «لكل من
    الجانبين» (for each of the two) shares a whole out as any split."""
    before = words.before(q.start, 8, words.comma_before(q.start))
    at = next((i for i, w in enumerate(before) if w in _SPLIT_CUES), None)
    if at is None:
        return False
    rest = before[at + 1 :]
    return any(w in _EACH and rest[i + 1 : i + 2] != [_FROM] for i, w in enumerate(rest[:-1]))


def _restated(fig: _Figures, text: str, whole: int) -> int:
    """«ثلاثة آلاف وستمائة (3600) وحدة، منها 2400»: a figure in brackets right after one of
    the same value restates it; so does one «أي» rounds («بلغ عددهم 33.848.242 نسمة، أي ما
    يناهز 34 مليون نسمة، منهم …»). The whole the text states is the first, written one."""
    if whole and restates_the_one_before(fig, text, whole):
        return whole - 1
    return whole


def restates_the_one_before(fig: _Figures, text: str, k: int) -> bool:
    """Figure k says the figure before it again (`restates`), in one sentence and unit."""
    if not k or fig.units[k] != fig.units[k - 1]:
        return False
    return restates(text, fig.figures[k - 1], fig.figures[k])


def restates(text: str, before: Mention, w: Mention) -> bool:
    """`w` says `before` again: in brackets right after it with its value, or after «أي»
    (and a cue: «أي نحو», «أي ما يناهز») with its value or rounded."""
    if w.sentence != before.sentence:
        return False
    same = before.attrs.get("value") == w.attrs.get("value") is not None
    if text[w.start - 1 : w.start] == "(" and text[w.end : w.end + 1] == ")":
        return same and not text[before.end : w.start - 1].strip()
    between = _fold(text[before.end : w.start]).replace("،", " ").replace(",", " ").split()
    # the first figure's counted noun may stand before «أي» («10.982.754 ساكنا، أي نحو»)
    at = between.index(_I_E) if _I_E in between[:2] else None
    if at is None or len(between) - at > I_E_WORDS:
        return False
    return same or rounded_whole(w, before)


_I_E = _fold("أي")
I_E_WORDS = 4  # «أي ما يناهز»: «أي» and a cue of at most three words before the figure


RATES_REACH = 12  # words before a share, in its sentence, searched for a plural of rates


def _rates_listed(words: _Words, fig: _Figures, k: int) -> bool:
    """«وجاءت نسب النجاح بحسب الفروع كالآتي: علوم الحياة 92,5 في المئة»: a share in a list
    that rates (plural) open is the rate of the group it is written with, not a share of a
    count before (`_rate_of_named` finds the count stated for that very group)."""
    q = fig.figures[k]
    return fig.units[k] == "percent" and _has(words.before(q.start, RATES_REACH, 0), _RATES)


def rate_within_a_group(words: _Words, fig: _Figures, k: int) -> bool:
    """«في حين بلغت النسبة 93.8% في القسم العلمي و86.1% في القسم الأدبي»: a share that
    «النسبة» (the rate) states for a group named after it («في/لدى/بين» and a definite
    noun) is that group's rate, not a share of the count before."""
    if fig.units[k] != "percent":
        return False
    q = fig.figures[k]
    first = k
    while (
        first
        and fig.units[first - 1] == "percent"
        and fig.figures[first - 1].sentence == q.sentence
    ):
        if _RATE_WORD in words.before(fig.figures[first].start, 3, fig.figures[first - 1].end):
            break
        first -= 1  # «… 93.8% في القسم العلمي و86.1% في القسم الأدبي»: one rate each
    if _RATE_WORD not in words.before(fig.figures[first].start, 3, 0):
        return False
    after = words.after(q.end, 2, words.comma_after(q.end))
    return len(after) == 2 and after[0] in _WITHIN and after[1].startswith("ال")


_RATE_WORD = _fold("النسبة")
_WITHIN = frozenset(_fold(w) for w in ("في", "لدى", "بين"))


def _group_named(words: _Words, q: Mention) -> str:
    """The consonants of the definite group a figure is taken from right after it («5 آلاف
    من الناجحين» → نجح), or "" (none, or «من إجمالي …», the whole however named)."""
    if not _from_next(words, q):
        return ""
    after = words.after(q.end, 3, words.comma_after(q.end))
    at = next((i for i, w in enumerate(after[:2]) if w == _FROM), None)
    if at is None or at + 1 >= len(after):
        return ""
    head = after[at + 1]
    if not head.startswith("ال") or len(head) < 5 or head in _TOTAL_CUES:
        return ""
    return _skeleton(head)


_CLAUSE_WORDS = 60  # words of a clause read before its figure (a sentence ends it first)


def _clause_skeletons(words: _Words, fig: _Figures, i: int) -> set[str]:
    """The consonants of the words of figure i's clause up to it and right after it (its
    verb or subject before it, its counted noun after it)."""
    q = fig.figures[i]
    start = max(words.comma_before(q.start), fig.figures[i - 1].end if i else 0)
    after = words.after(q.end, 2, words.comma_after(q.end))
    # its own sentence only: the last comma may stand in the sentence before
    return {_skeleton(w) for w in words.before(q.start, _CLAUSE_WORDS, start) + after}


def _down_to_named(words: _Words, fig: _Figures, rels: list[dict]) -> None:
    """«نجح منهم 80 ألفا، وحصل 5 آلاف من الناجحين على …»: a part taken «من» a group its
    whole's clause does not name, that the clause of another part of that whole names (its
    verb or noun: «نجح»), is of that part — the nearest set that encloses it."""
    index = {m.id: n for n, m in enumerate(fig.figures)}
    held: dict[int, list[int]] = {}
    for r in rels:
        if r["type"] == "part_of":
            held.setdefault(index[r["to"]], []).append(index[r["from"]])
    for r in rels:
        if r["type"] != "part_of":
            continue
        k, whole = index[r["from"]], index[r["to"]]
        named = _group_named(words, fig.figures[k])
        if len(named) < 3 or named in _clause_skeletons(words, fig, whole):
            continue
        inner = [
            i for i in held.get(whole, ()) if i < k and named in _clause_skeletons(words, fig, i)
        ]
        if inner and fig.may_hold(inner[-1], [k]):
            r["to"] = fig.figures[inner[-1]].id
