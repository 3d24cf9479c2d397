"""The extent of a list of parts for `part_of`, read off the sentence: figures joined by و
and commas, a list run on past a clause, a cue nesting under a part, and the shares
ranked after or set in parallel with a held part."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import _TIME_UNITS, _Figures, linked_parts
from checks.extract.relations.part_cues import (
    _AGAINST,
    _AND_HELD,
    _AND_ROW,
    _BARE_PART_CUES,
    _BESIDES,
    _BY,
    _COMMA_RE,
    _FOLLOWED,
    _HELD,
    _PAST,
    _RANK_WORDS,
    _ROW_OPENED,
    _and_plain,
    _is_noun,
)
from checks.extract.relations.part_opens import _REST, _event
from checks.extract.relations.part_reads import (
    _counts_others,
    _former,
    _in_places,
    _out_of,
    _own_parts,
    _words_after,
)
from checks.extract.relations.part_wholes import _names_again
from checks.extract.relations.words import _CLAUSE_MARK_RE, _fold, _has, _stem, _Words


def _last_comma(text: str) -> Callable[[int], int]:
    """`comma_before(x)`: the end of the last comma before offset x (0 if none), found by
    bisection over the commas, listed in one regex pass."""
    at = [m.end() for m in _COMMA_RE.finditer(text)]

    def comma_before(x: int) -> int:
        n = bisect_right(at, x) - 1
        return at[n] if n >= 0 else 0

    return comma_before


_FROM = fold("من")


def _other_noun(fig: _Figures, items: list[int], k: int) -> bool:
    """Figure k names a counted noun of its own that no item of the list names, in a list
    whose items name theirs («14 بندقية وتسعة مسدسات»; «19,000 من دول أفريقيا» names none,
    and «إضافة إلى 2,545 تونسيا» goes on with it)."""
    own = fig.stems[k]
    named = [fig.stems[p] for p in items if fig.stems[p] and fig.nouns[p] != _FROM]
    return bool(own) and bool(named) and fig.nouns[k] != _FROM and own not in named


def _continued(text: str, fig: _Figures, chain: list[int]) -> list[int]:
    """A list a part cue opens runs on past a clause: «من بينهم 10 عسكريين حاصرتهم النيران
    في ولاية بجاية، و26 مدنيا»: a later figure of the sentence and unit that a comma and
    «و» introduce, with at most a dozen words between, is one more part; so is the next
    share a place holds in a list of held shares («عكار بـ210، والشمال بـ130 والبقاع بـ60»)."""
    out = list(chain)
    k = out[-1] + 1
    # «عكار بـ210 إصابات، والشمال بـ130 والبقاع بـ60»: parts held by the places named
    first = fig.figures[chain[0]].start
    held = _BY.search(text[max(0, first - 4) : first])
    rows = _ROW_OPENED.search(text[max(0, first - 40) : first])
    # «93 قتيلا، بينهم 11 طفلا و6 نساء، إضافة إلى عشرات الجرحى»: after «بينهم» (some of
    # them, named) «إضافة إلى» adds to the whole, not to the parts; after a breakdown
    # («ينقسمون إلى …، إضافة إلى …») it adds one more part
    among = any(
        fold(w).removeprefix("و") in _BARE_PART_CUES
        for w in text[max(0, first - 24) : first].split()[-2:]
    )
    nested: Mention | None = None  # a part of the last item read past: the gap opens there
    while k < len(fig.figures):
        a, b = fig.figures[out[-1]], fig.figures[k]
        if a.sentence == b.sentence and _in_places(text, b):
            k += 1  # «190 ألفا يقيمون في 973 مركز إيواء، ونحو مليون»: where, not a part
            continue
        if a.sentence == b.sentence and _ages_an_item(fig, out[0], k):
            k += 1  # «402,315 طفلا دون سنتين و781,945 طفلا»: whom the item counts, no item
            continue
        if a.sentence == b.sentence and k == out[-1] + 1 and _of_the_item(text, a, b):
            nested = b
            k += 1  # «بواقع 31 محاولة …، 19 منها عبر …، و38 محاولة»: a part of the item
            continue
        between = _and_plain(text[(nested or a).end : b.start])
        nested = None
        if a.sentence != b.sentence or fig.units[out[-1]] != fig.units[k]:
            break
        attributed = (held and _AND_HELD.search(between) and len(between.split()) <= 5) or (
            rows and _AND_ROW.search(between)
        )
        besides = not among and _BESIDES.search(between) is not None
        if besides and _other_noun(fig, out, k):
            break  # «هي 14 بندقية وتسعة مسدسات، إضافة إلى 1.240 طلقة»: rounds, no weapons
        joined = re.search(r"[،,]\s*و\s*$", between) or besides
        # «قدم منها 232 ألفا في مراكز … و118 ألفا في منشآت …»: written in parallel, when
        # the item counts no other kind than the list's first
        joined = joined or (
            fig.kinds[k] in (None, fig.kinds[out[0]]) and _parallel(text, a, b, between)
        )
        # «…، وشاحنة قطرية واحدة»: «واحدة» after the noun its item's و opens
        joined = joined or (_NOUN_OPENED.search(between) and fold(b.text) in _AFTER_NOUN)
        # «…، و38 محاولة لتهريب الدخان و15 لبضائع أخرى»: joined as the chains join items
        joined = joined or (len(out) > 1 and _coordinated(text, fig, out[-1], k))
        if not (joined or attributed) or len(between.split()) > 12:
            break
        # «…، و7 آخرون بينهم طفلان»: after «بينهم» another group, not a part; after a
        # breakdown («ينقسمون إلى …، إضافة إلى 2545 من جنسيات أخرى») the others are one more
        if _own_parts(text, b) or (among and _counts_others(text, b)):
            break
        if chain[0] > 0 and _written_like(text, fig.figures[chain[0] - 1], b, a):
            break  # «36.1 كيلومتر للوصلة …، منها 27 …، و12.4 كيلومتر لوصلة الدوحة»
        out.append(k)
        k += 1
    return out


def _of_the_item(text: str, a: Mention, b: Mention) -> bool:
    """Figure b follows item a after a comma and closes with «منها/منهم» («31 محاولة لتهريب
    المخدرات، 19 منها عبر مركز العمري»): a part of that item, read past so that the list
    goes on after it."""
    after = _words_after(text, b)[:1]
    return (
        bool(re.search(r"[،,]\s*$", text[a.end : b.start]))
        and bool(after)
        and (after[0] in _BARE_PART_CUES)
    )


def _ages_an_item(fig: _Figures, first: int, k: int) -> bool:
    """A span of time inside a list of counts («بواقع 860 ألف جرعة للأطفال دون 5 سنوات،
    و1.04 مليون جرعة للفئة من 6 أشهر إلى 10 سنوات»): an age or a period that says whom or
    when the item before it counts, read past so that the list goes on after it."""
    return fig.units[first] is None and fig.units[k] in _TIME_UNITS


# a measure's unit word, then what it is for: «كيلومتر للوصلة الرئيسية», «لوصلة الدوحة»
_UNIT_FOR = re.compile(r"\s*[^\W\d_]+\s+(?:لل|ل)([^\W\d_]{3,})")


def _written_like(text: str, whole: Mention, b: Mention, a: Mention) -> bool:
    """Figure b is written as the figure before the list's cue is («36.1 كيلومتر للوصلة
    الرئيسية …، منها 27 كيلومترا فوق سطح البحر، و12.4 كيلومتر لوصلة الدوحة»: a unit, then
    «لـ» and the same noun) and the list's last item is not: a sibling of that figure,
    back up a level, not one more of its parts."""
    mb, mw = _UNIT_FOR.match(text, b.end), _UNIT_FOR.match(text, whole.end)
    if mb is None or mw is None or _UNIT_FOR.match(text, a.end) is not None:
        return False
    return _stem(fold(mb.group(1))) == _stem(fold(mw.group(1)))


_SPANS_OF_TIME = frozenset({"year", "month", "week", "day", "hour", "minute"})
_OWN_CUES = frozenset(fold(w) for w in ("منهم", "منها", "منهن", "بينهم", "بينها"))


def _parallel(text: str, a: Mention, b: Mention, between: str) -> bool:
    """«عبر 330 منهم معبر الزمراني في جرود عرسال و205 معبر جوسيه في القاع»: with no comma,
    a figure after «و» that the very word after the item before it follows (past that
    item's «منهم») is the list's next item, written in parallel."""
    if not re.search(r"(?:^|\s)و\s*$", between):
        return False
    after_a = [w for w in fold(between).split()[:2] if w not in _OWN_CUES][:1]
    after_b = fold(text[b.end : b.end + 24]).split()[:1]
    return bool(after_a) and after_a == after_b


NEST_REACH = 6  # words between a part and the cue that opens the clause after it
NAMED_GROUP_WORDS = 3  # more, when the cue names a group a definite numeral then counts
_DEFINITE_BEFORE = re.compile(r"(?:^|\s)[وفب]?الـ*\s*$")
CUE_REACH = 3  # words before a figure in which the cue that nests it stands
OUT_OF_REACH = 8  # words between an «out of» whole and the cue that splits its part
CLOSED_REACH = 8  # words between a part and a figure its own cue («222 ألفا منهم») closes


def _nests(text: str, words: _Words, figures: list[Mention], parts_of: dict, k: int) -> int | None:
    """The part whose clause a cue opens (or closes, right after the figure, in the clause after
    an «out of» pair), which the cue splits (None: it nests in nothing).
    «بينهم 1889 مدنيا، منهم 310 أطفال»: a part cue without «و» that opens the clause right
    after a part (its noun, a clause mark, the cue) splits that part; «…، ومنهم» adds a
    sibling, and a cue after a whole or far from the part splits nothing nested. «477
    مدرسة من أصل 564 في القطاع تضررت، بينها 129»: the whole a part is «out of» stands
    between, and the cue still splits the part — unless the part counts the whole's own
    noun («من أصل 30 مليون ورقة، بينها 607 آلاف ورقة باطلة»)."""
    if not k or figures[k - 1].sentence != figures[k].sentence:
        return None
    # «أدلى 2.83 مليون ناخب من أصل 9.28 مليون مسجل، أيد 2.6 مليون منهم النص»: a cue right
    # after the figure, in the clause after an «out of» pair, points to that pair's part
    closed = _has(words.after(figures[k].end, 1, None), _BARE_PART_CUES)
    closing = k - 1 not in parts_of and closed
    target, reach = k - 1, NEST_REACH
    if k - 1 in parts_of and closed and figures[k].attrs.get("unit") != "percent":
        # «بينهم 730 ألفا مصابون بالشكل الوخيم، وحذر من أن 222 ألفا منهم قد يفقدون حياتهم»:
        # a count whose own cue closes it, in a clause after a part's, is counted out of the
        # group counted last, that part; a share («وأن أقل من 10 بالمئة منهم تلقوا …») is
        # said of the group the sentence is about
        closing, reach = True, CLOSED_REACH
    if k - 1 not in parts_of:
        if k < 2 or not _out_of(words, figures, k - 1, _gap(words, figures, k - 2)):
            return None
        # «من أصل 36 في القطاع …، بينها أربعة في الشمال»: a preposition after both is
        # no noun they share
        whole_noun = words.noun_after(figures[k - 1])
        if _is_noun(whole_noun) and _stem(whole_noun) == _stem(words.noun_after(figures[k])):
            return None  # «من أصل 30 مليون ورقة اقتراع، بينها 607 آلاف ورقة باطلة»
        if figures[k - 2].attrs.get("unit") != figures[k].attrs.get("unit"):
            return None  # «41 في المئة من أصل 22.1 مليون ناخب، إذ أدلى 9.07 مليون منهم»
        # the part before its «من أصل» whole; the part's clause may go on after the pair
        # («17 مستشفى من أصل 36 في القطاع تعمل بشكل جزئي، بينها أربعة»)
        target, reach = k - 2, OUT_OF_REACH
    between = words.span(figures[k - 1].end, figures[k].start)
    # «بينهم شهداء الاستراحة الـ39»: a definite numeral after the group it names again
    # stands its noun phrase further from the cue
    named = (
        NAMED_GROUP_WORDS
        if _DEFINITE_BEFORE.search(text, max(0, figures[k].start - 6), figures[k].start)
        else 0
    )
    # «سقط 65 منهم في الشرق الأوسط والعالم العربي، بينهم 55»: the part's own cue right
    # after it is no word of the clause the next cue opens
    own = 1 if between and between[0] in _BARE_PART_CUES else 0
    if not (closing or len(between) >= 2) or len(between) - own > reach + named:
        return None
    # «4,200 منزل، انهار منها كليا 2,900»: the cue may stand a verb or an adverb before it
    if not closing and _BARE_PART_CUES.isdisjoint(between[-(CUE_REACH + named) :]):
        return None
    if not _CLAUSE_MARK_RE.search(text, figures[k - 1].end, figures[k].start) and not (
        target == k - 1 and _second_among(between)
    ):
        return None
    return target


def _second_among(between: list[str]) -> bool:
    """«بينهم تسعة من عناصر الأمن بينهم أربعة»: a second «بينهم» (or «من ضمنهم», no «و»)
    right after a part's noun phrase, with no mark between, splits that part as a comma
    would."""
    return between[-1] in _AMONG_CUES and between[0] not in _BARE_PART_CUES


# «بينهم 50 مدنيا من ضمنهم أربع نساء»: «من ضمنهم» nests as «بينهم» does
_AMONG_CUES = frozenset(fold(w) for w in ("بينهم", "بينهن", "بينها", "ضمنهم", "ضمنهن", "ضمنها"))


def _gap(words: _Words, figures: list[Mention], k: int) -> int:
    """Words between figure k and the next one."""
    return words.between(figures[k].end, figures[k + 1].start)


def _ranked_after(text: str, words: _Words, fig: _Figures, k: int) -> list[int]:
    """«على 56.12% من الأصوات، يليه فلان بـ22.10%، ثم فلان بـ32.76%», «58 بالمئة من أصواتهم
    مقابل 47 بالمئة»: the shares ranked after, or set against, a linked share in its sentence
    are shares of the same whole."""
    out = []
    last = k
    for j in range(k + 1, len(fig.figures)):
        q = fig.figures[j]
        if q.sentence != fig.figures[k].sentence:
            break
        if fig.units[j] != "percent":
            if q.one_word_dual():
                continue  # «تلتها محافظتا الشمال وعكار بـ31 في المئة»: the holder's dual
            break
        before = words.before(q.start, 6, fig.figures[last].end)
        last = j
        ranked = _has(before, _RANK_WORDS) and _BY.search(text[max(0, q.start - 4) : q.start])
        if not (ranked or (before and before[-1] in _AGAINST)):  # «… مقابل 47 بالمئة»
            break
        out.append(j)
    return out


def _of_a_group(text: str, q: Mention) -> bool:
    """«وأن 81 في المئة من المصابين»: the share names the group it is of, right after it,
    and is not the next item of a list («62.4% من المدانين و37.6% من المعتقلين»)."""
    if text[max(0, q.start - 2) : q.start].strip() == "و":
        return False
    after = _words_after(text, q)
    return len(after) >= 2 and after[0] == _FROM_WORD and after[1].startswith("ال")


_FROM_WORD = fold("من")


def _held_siblings(
    text: str, words: _Words, fig: _Figures, k: int, parts_of: dict[int, int]
) -> list[int]:
    """«بحصوله على 102 مقعد …، متبوعا بحزب الأصالة بـ87 مقعدا، ثم حزب الاستقلال بـ81»,
    «حصول الحزب على 39 مقعدا من أصل 100، والاتحاد على 23 مقعدا»: the shares others hold
    of one whole, ranked after a held part (a rank word) or set in parallel with it (a
    clause opening with «و», the same «على/بـ» before the figure), counting the same
    thing; a former value («بعدما كان يشغل 125 مقعدا») is none. A clause that sets another
    holder against the part («نالت اللائحة 23 مقعدا من أصل 24، في حين نالت لائحة أخرى
    مقعدين») is in parallel too, the figure written the same way as the part (no «إلى»
    where the part has none: «بينما يحتاج إلى 13 مقعدا» holds nothing)."""
    figures = fig.figures
    held_k = _HELD.search(text[max(0, figures[k].start - 5) : figures[k].start])
    cued = not _BARE_PART_CUES.isdisjoint(words.before(figures[k].start, 2, 0))
    prep = text[max(0, figures[k].start - 5) : figures[k].start].strip()[-1:]
    out, last = [], k
    for j in range(k + 1, len(figures)):
        q = figures[j]
        if q.sentence != figures[k].sentence:
            break
        if fig.units[j] != fig.units[k]:
            if fig.units[j] in _SPANS_OF_TIME and fig.units[k] is None and held_k:
                continue  # «وبالسجن 15 عاما بحق ثلاثة آخرين»: the term, not a share
            break
        if j == parts_of[k]:
            continue  # «على 102 مقعد من أصل 395، متبوعا …»: the whole itself
        alike = _names_again(fig, j, k) or q.attrs.get("category") == figures[k].attrs.get(
            "category"
        )
        if j in parts_of or not alike or (not _PAST.isdisjoint(fig.near[j]) and _former(words, q)):
            break
        if _rivals_whole(fig, j, k, parts_of[k]):
            break
        held = _HELD.search(text[max(0, q.start - 5) : q.start])
        clause = words.before(q.start, 6, max(figures[last].end, words.comma_before(q.start)))
        # a rank word ranks holders: after a part a cue named («منها 8,417 سرقة، تلتها
        # الجرائم الواقعة على الأشخاص بـ5,304»), it goes on with the ranking one level up
        ranked = held and _has(clause, _FOLLOWED) and not cued
        same_prep = text[max(0, q.start - 5) : q.start].strip()[-1:] == prep
        parallel = (
            held
            and held_k
            and clause[:1]
            and clause[0].startswith("و")
            and same_prep
            and words.comma_before(q.start) > figures[last].end
        )
        written_alike = (
            bool(held and held_k and same_prep)
            if held or held_k
            else _bare_object(text, q) and _bare_object(text, figures[k])
        )
        contrasted = (
            written_alike
            and _names_again(fig, j, k)  # the part's own noun, not one category unread
            and not _SIDE_CONTRASTS.isdisjoint(clause[:2])
            and not _says_need(clause)
            # «في حين بلغت ودائع العملاء 9.9 مليار»: a new tally, of another thing
            and _NEW_TALLY.isdisjoint(clause)
            and words.comma_before(q.start) > figures[last].end
        )
        if not (ranked or parallel or contrasted):
            break
        out.append(j)
        last = j
    return out


def _rivals_whole(fig: _Figures, j: int, k: int, whole: int) -> bool:
    """«40 ميدالية، منها 12 ذهبية و10 فضيات و18 برونزية، يليها الأردن بـ21 ميدالية»: a
    figure ranked after the last part of a breakdown by kind that counts the whole's own
    noun, not the part's, is another holder's total, ranked after the whole's holder."""
    own = fig.nouns[k]  # the part's own counted noun: none is «30 منها»
    return (
        _is_noun(own)
        and own not in _BARE_PART_CUES
        and fig.stems[j] != fig.stems[k]
        and fig.stems[j] == fig.stems[whole]
    )


_NEW_TALLY = frozenset(
    fold(w) for w in ("بلغ", "بلغت", "تبلغ", "يبلغ", "وصل", "وصلت", "سجل", "سجلت", "قدر", "قدرت")
)
# Words opening a clause that sets one holder against another («في حين نالت», «بينما
# حصل»); «مقابل» compares another time or place, «وسط» gives a setting.
_SIDE_CONTRASTS = frozenset(fold(w) for w in ("حين", "بينما", "فيما", "وبينما", "وفيما"))


def _says_need(clause: list[str]) -> bool:
    """The verb after the contrast word is imperfect («بينما تحتاج اللائحة 13 مقعدا»,
    «فيما يسعى»): what a holder needs or seeks, not the share it won."""
    n = next((i for i, w in enumerate(clause) if w in _SIDE_CONTRASTS), None)
    verb = clause[n + 1] if n is not None and n + 1 < len(clause) else ""
    return len(verb) >= 4 and (
        verb[0] == "ي" or verb[:2] in ("سي", "ست") or (verb[0] == "ت" and verb[-1] != "ت")
    )


def _bare_object(text: str, q: Mention) -> bool:
    """No preposition or particle glued to or right before the figure: a verb's object
    («نالت اللائحة مقعدين»), not «إلى 13 مقعدا» nor «بـ13»."""
    before = text[max(0, q.start - 12) : q.start]
    if before[-1:] and not before[-1].isspace():
        return False
    last = before.split()[-1:] if before.strip() else []
    return not last or _fold(last[0]) not in _PARTICLES


_PARTICLES = frozenset(
    fold(w)
    for w in ("إلى", "الى", "على", "من", "عن", "في", "مع", "حتى", "نحو", "قرابة", "حوالي",
              "أكثر", "أقل", "دون", "لنحو", "بنحو", "زهاء", "يقارب", "يناهز", "بحوالي")
)  # fmt: skip


def _chains(text: str, fig: _Figures) -> dict[int, list[int]]:
    """Each figure's list of figures joined by و (and commas), all of one unit."""
    groups: dict[int, list[int]] = {}
    current = [0]
    figures, units = fig.figures, fig.units
    for k in range(1, len(figures) + 1):
        if (
            k < len(figures)
            # both forms join two figures of one sentence and one unit only
            and figures[k - 1].sentence == figures[k].sentence
            and units[k - 1] == units[k]
            and (_coordinated(text, fig, k - 1, k) or _verb_listed(text, fig, current[0], k - 1, k))
            and not _others_befell(text, figures[k - 1], figures[k])
            # «36.1 كيلومتر للوصلة …، منها 27 …، و12.4 كيلومتر لوصلة الدوحة»: a sibling of
            # the figure before the list, written like it
            and not (
                current[0] > 0
                and _written_like(text, figures[current[0] - 1], figures[k], figures[k - 1])
            )
        ):
            current.append(k)
            continue
        for j in current:
            groups[j] = current
        current = [k]
    return groups


def _others_befell(text: str, a: Mention, b: Mention) -> bool:
    """«بينهم ثلاثة أطفال وامرأتان، وأصيب اثنان آخران»: a verb of what befell people and a
    count of «others» after it open another group, not one more item of the list."""
    between = [fold(w.strip("،,")) for w in text[a.end : b.start].split()]
    return _counts_others(text, b) and any(_event(w) for w in between)


def _coordinated(text: str, fig: _Figures, i: int, j: int) -> bool:
    """«4500 مسلحًا و337», «41230 رجلا، و48705», «سبعون شاحنة محملة بالطرود الغذائية
    وثلاثون»: at most four words (the counted noun and what qualifies it), then و, between
    two figures of one sentence and one unit."""
    a, b = fig.figures[i], fig.figures[j]
    if a.sentence != b.sentence or fig.units[i] != fig.units[j]:
        return False
    # «(15100) مخالف …، و(3200)»: brackets agency copy puts around counts join nothing
    raw = text[a.end : b.start].replace("(", " ").replace(")", " ")
    # the qualifier folded below is at most three words more: a longer gap joins nothing
    if len(raw.replace("،", " ").replace(",", " ").split()) > 9:
        return False
    between = _and_plain(raw)  # «، ونحو مليون»
    words = between.replace("،", " ").replace(",", " ").split()
    if _after_its_noun(words, b):
        return True  # «…، وشاحنة قطرية واحدة، و5 شاحنات»: «واحدة» follows its noun
    if b.text.startswith("و") and len(b.text) > 1:
        words.append("و")  # a figure read with its و inside the span
    # «29 مليون قنطار من القمح اللين و13 مليونا»: the noun's «من» complement is one more
    reach = 6 if "من" in words[1:3] and "،" not in between and "," not in between else 5
    return 1 <= len(words) <= reach and words[-1] == "و"


# One and two follow their noun («شاحنة واحدة», «شاحنتان اثنتان»): the item's و opens
# the noun, not the numeral.
_AFTER_NOUN = frozenset(
    fold(w) for w in ("واحد", "واحدة", "واحدا", "اثنان", "اثنين", "اثنتان", "اثنتين")
)


def _after_its_noun(words: list[str], b: Mention) -> bool:
    """The item opens with و and its noun (and one adjective), then the numeral one or two."""
    if fold(b.text) not in _AFTER_NOUN:
        return False
    opened = [n for n, w in enumerate(words) if w.startswith("و") and len(w) > 2]
    return bool(opened) and 1 <= len(words) - opened[-1] <= _NOUN_ITEM


_NOUN_ITEM = 2  # words of an item before its post-posed numeral: the noun and an adjective
_NOUN_OPENED = re.compile(r"[،,]\s*و[^\W\d_]+(?:\s+[^\W\d_]+)?\s*$")


_OF_THEM = frozenset(fold(w) for w in ("منها", "منهم", "منهن"))
_WHILE = frozenset(fold(w) for w in ("بينما", "فيما"))
_NOT = frozenset(fold(w) for w in ("لم", "لا", "ما"))


def _verb_listed(text: str, fig: _Figures, head: int, i: int, j: int) -> bool:
    """«ارتفع منها 158 سهما وتراجع 67 واستقرت أسعار 16»: a list of what each verb did to
    the same set, the first item split off by «منها» (before or right after it) and each
    next one opened by و and its own verb (a word without «ال», at most one noun after
    it; the last one may be set against the rest: «، بينما لم يتغير 17»), in one sentence
    and one unit: every item is one more part of the set."""
    a, b, first = fig.figures[i], fig.figures[j], fig.figures[head]
    if a.sentence != b.sentence or fig.units[i] != fig.units[j]:
        return False
    around = [_fold(w) for w in text[max(0, first.start - 12) : first.start].split()[-1:]]
    around += [_fold(w) for w in text[first.end : first.end + 12].split()[:2]]
    if _OF_THEM.isdisjoint(w.strip("،,") for w in around):
        return False
    words = text[a.end : b.start].split()
    # «… وانخفضت 52، بينما لم يتغير 17»: the last item set against the others, after at
    # most the counted noun and a comma, its verb negated or not and one noun after it
    contrast = next((n for n, w in enumerate(words) if fold(w.strip("،,")) in _WHILE), None)
    if contrast is not None:
        rest = [w for w in words[contrast + 1 :] if fold(w) not in _NOT]
        return (
            contrast <= 2
            and all(w.strip("،,") == "" or n == 0 for n, w in enumerate(words[:contrast]))
            and 1 <= len(rest) <= 2
            and not fold(rest[0]).startswith("ال")
        )
    if not 1 <= len(words) <= 3 or any(w.endswith(("،", ",", ".")) for w in words):
        return False
    verbs = [n for n, w in enumerate(words) if w.startswith("و") and not w.startswith("وال")]
    # the counted noun of the item before may come first («سهما وتراجع»); one noun after
    return bool(verbs) and verbs[0] <= 1 and len(words) - verbs[0] <= 2 and len(words[verbs[0]]) > 3


CLAUSE_SIBLING_WORDS = 8  # words between two clause-joined parts («شركة ارتفعت، وانخفضت …»)


# «، و» joins the clauses of one list; «، فيما/بينما» sets the last one against the rest
_CLAUSE_JOINED = re.compile(r"[،,]\s*(?:و|فيما|بينما|في حين)")


def _clause_siblings(text: str, fig: _Figures, first: int) -> list[int]:
    """«أسعار أسهم 71 شركة ارتفعت، وانخفضت أسعار أسهم 48 شركة، من أصل 136 شركة»: the
    figures before a list's first item, in its sentence, of its unit and counted noun, each
    in a clause joined to the next by «، و» (or, before the last, «، فيما»: «…، وانخفضت
    أسعار أسهم سبع شركات، فيما حافظت 12 شركة على أسعارها، من أصل 26»), are items of the
    same list (earliest first)."""
    figures, out = fig.figures, []
    by_and = False  # a clause joined by «، و»: a list, which «فيما» may close
    k = first
    while k > 0:
        j = k - 1
        a, b = figures[j], figures[k]
        if a.sentence != b.sentence or fig.units[j] != fig.units[k]:
            break
        if not fig.stems[j] or fig.stems[j] != fig.stems[first]:
            break
        between = text[a.end : b.start]
        joined = _CLAUSE_JOINED.search(between)
        if not joined or len(between.split()) > CLAUSE_SIBLING_WORDS:
            break
        by_and = by_and or joined.group(0).endswith("و")
        out.insert(0, j)
        k = j
    # «سجلت المدينة 40 حالة، فيما سجلت القرى 30 حالة من أصل 100»: one clause set against
    # another is no list
    return out if by_and else []


def beside_an_exact_whole(text: str, fig: _Figures, parts: list[int], whole: int) -> list[int]:
    """The parts a list gives before «، إضافة إلى», when they alone make up an exact whole
    exactly («215 شاحنة»: 33 و46 و75 و28 و15 و18 «، إضافة إلى 12 شاحنة وقود»): what the
    list adds after that point stands beside the whole. Otherwise the parts unchanged: a
    list whose items after «إضافة إلى» are needed to reach the whole keeps them («منها
    سبع ذهبيات وخمس فضيات، بالإضافة إلى 12 برونزية» of 24), and one that overflows
    anyway is left for the rules to report."""
    figures = fig.figures
    order = sorted(parts, key=lambda p: figures[p].start)
    cut = next(
        (
            i
            for i in range(1, len(order))
            if _BESIDES.search(text[figures[order[i - 1]].end : figures[order[i]].start])
        ),
        None,
    )
    if cut is None:
        return parts
    lo, hi = fig.bounds()
    head = order[:cut]
    exact = lo[whole] == hi[whole] and all(lo[p] == hi[p] for p in head)
    return head if exact and sum(lo[p] for p in head) == lo[whole] else parts


COMPLETE_FROM = 2  # parts a breakdown needs before it can be complete without one more


def beside_a_complete_breakdown(text: str, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«56 شخصا توزعوا على مستشفى العدان (21)، … (14)، … (12)، … (9)، ويرقد سبعة منهم
    في العناية المركزة»: when all the parts of an exact whole but the first or the last
    (in the text) add up to it exactly, that one part cuts across the breakdown (the seven
    in intensive care are in those hospitals); the parts of one whole are disjoint (SPEC
    §4a), so it is no part of it. A breakdown that overflows, or falls short, is left as
    linked: that is the rules' to report."""
    rels = _nested_by_sum(fig, rels)
    parts_of = _parts_by_whole(fig, rels)
    lo, hi = fig.bounds()
    units = fig.units
    drop: set[tuple[str, str]] = set()
    for whole, parts in parts_of.items():
        for k in _crossing(text, fig, lo, hi, whole, parts) + _crossing_shares(text, fig, parts):
            drop.add((fig.figures[k].id, fig.figures[whole].id))
        counted = sorted(
            (p for p in parts if units[p] == units[whole]), key=lambda p: fig.figures[p].start
        )
        if len(counted) <= COMPLETE_FROM or lo[whole] != hi[whole]:
            continue
        if any(lo[p] != hi[p] for p in counted):
            continue
        total = sum(lo[p] for p in counted)
        for extra in (counted[0], counted[-1]):
            if total - lo[extra] == lo[whole] and lo[extra] > 0:
                drop.add((fig.figures[extra].id, fig.figures[whole].id))
                break
    return [r for r in rels if r["type"] != "part_of" or (r["from"], r["to"]) not in drop]


def _crossing_shares(text: str, fig: _Figures, parts: list[int]) -> list[int]:
    """«57 ألف باحث، 64% منهم من الإناث، وأن 41% منهم من حملة المؤهلات الجامعية»: shares
    of one count that each say «منهم» of their own are told of different traits; when
    together they pass 100 while each list stays under it, the first list with the most
    shares stays and the others are no parts (SPEC §4a: the parts of a whole are
    disjoint). Shares of one list that pass 100 stay: that is the rules' to report."""
    shares = sorted(
        (p for p in parts if fig.units[p] == "percent"), key=lambda p: fig.figures[p].start
    )
    if len(shares) < 2:
        return []
    groups: list[list[int]] = []
    for p in shares:
        if not groups or _own_parts(text, fig.figures[p]) or _of_a_group(text, fig.figures[p]):
            groups.append([p])  # «41% منهم», «81% من المصابين»: a share of its own clause
        else:
            groups[-1].append(p)
    lo, _ = fig.bounds()
    return _other_traits(groups, [sum(float(lo[p]) for p in g) for g in groups], 100)


def _parts_by_whole(fig: _Figures, rels: list[dict]) -> dict[int, list[int]]:
    """Figure index of each whole → the figure indices of its linked parts."""
    parts_of: dict[int, list[int]] = {}
    for part, whole in linked_parts(fig.figures, rels).items():
        parts_of.setdefault(whole, []).append(part)
    return parts_of


def _nested_by_sum(fig: _Figures, rels: list[dict]) -> list[dict]:
    """«نجح 607,602 طالب من إجمالي 745,524 …، فيما لم يحالف النجاح 137,922. وتوزع
    الناجحون على 268,510 … و108,944 … و230,148»: a list of one sentence linked to a whole
    that adds up exactly to another part of that whole, told before it, breaks that part
    down; it goes under it (no overflow is hidden: a list that does not add up exactly
    stays where it was linked)."""
    lo, hi = fig.bounds()
    figures = fig.figures
    moved: dict[str, str] = {}  # part id → its new whole's id
    for whole, parts in _parts_by_whole(fig, rels).items():
        exact = [p for p in parts if fig.units[p] == fig.units[whole] and lo[p] == hi[p]]
        by_sentence: dict[int, list[int]] = {}
        for p in exact:
            by_sentence.setdefault(figures[p].sentence, []).append(p)
        for group in by_sentence.values():
            if len(group) < 2:
                continue
            total = sum(lo[p] for p in group)
            first = min(figures[p].start for p in group)
            owner = next(
                (
                    p
                    for p in exact
                    if p not in group and lo[p] == total and figures[p].start < first
                ),
                None,
            )
            if owner is not None:
                moved.update({figures[p].id: figures[owner].id for p in group})
    if not moved:
        return rels
    return [
        {**r, "to": moved[r["from"]]} if r["type"] == "part_of" and r["from"] in moved else r
        for r in rels
    ]


def _crossing(text: str, fig: _Figures, lo, hi, whole: int, parts: list[int]) -> list[int]:
    """«630 شاحنة …، توجه 300 منها على الأقل إلى الشمال. … حملت الوقود في 50 منها،
    والطحين في 180، والمواد الغذائية في 260»: the parts of one whole told in two
    sentences, each of which fits under it alone while together they overflow it, are two
    breakdowns of it by different traits (where they went, what they carried); parts are
    disjoint (SPEC §4a), so the larger breakdown stays and the other is no part. A list
    closed by its rest («بواقع 2210 إلى الولايات المتحدة …، والبقية إلى دول أخرى، وكان
    3960 منهم من السوريين») is told whole: parts after the rest are of another trait, as
    if in another sentence. A list that goes on in the next sentence with «others» is one
    breakdown, left as linked."""
    by_sentence: dict[tuple[int, bool], list[int]] = {}
    first: dict[int, int] = {}  # sentence -> where its first part ends
    for p in sorted(parts, key=lambda p: fig.figures[p].start):
        if fig.units[p] == fig.units[whole]:
            q = fig.figures[p]
            at = first.setdefault(q.sentence, q.end)
            # the rest's own count («فيما عاد الباقون، وعددهم 10.600») closes the list, in it
            own = _rest_told(text, _words_back(text, q.start, REST_COUNT_WORDS), q.start)
            after_rest = _rest_told(text, at, q.start) and not own
            by_sentence.setdefault((q.sentence, after_rest), []).append(p)
    if len(by_sentence) < 2 or lo[whole] != lo[whole]:  # (NaN: no bound)
        return []
    groups = [by_sentence[s] for s in sorted(by_sentence)]  # in the order of the text
    if any(_counts_others(text, fig.figures[p]) for g in groups for p in g):
        return []
    return _other_traits(groups, [sum(lo[p] for p in g) for g in groups], hi[whole])


# the rest words of `part_opens` («والبقية», «الباقي»), their «و» and article off
_REST_WORDS = frozenset(w.removeprefix("و").removeprefix("ال") for w in _REST)


REST_COUNT_WORDS = 3  # words between the rest word and its count («الباقون، وعددهم 10.600»)


def _words_back(text: str, end: int, n: int) -> int:
    """The offset where the n words before `end` start."""
    start = end
    for _ in range(n):
        start = text.rfind(" ", 0, max(0, start - 1)) + 1
    return start


def _rest_told(text: str, start: int, end: int) -> bool:
    """«والبقية», «والباقي» between two offsets: the rest of a list was told there."""
    return any(
        fold(w.strip("،,")).removeprefix("و").removeprefix("ال") in _REST_WORDS
        for w in text[start:end].split()
    )


def _other_traits(groups: list[list[int]], sums: list, limit) -> list[int]:
    """The parts of the groups to drop when each group fits under `limit` alone and
    together they pass it (two breakdowns of one whole by different traits): all but the
    first group with the most parts."""
    if len(groups) < 2 or sum(sums) <= limit or any(x > limit for x in sums):
        return []
    keep = max(range(len(groups)), key=lambda n: (len(groups[n]), -n))
    return [p for n, g in enumerate(groups) if n != keep for p in g]
