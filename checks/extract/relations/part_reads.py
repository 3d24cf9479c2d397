"""What the words around one figure say for `part_of`: the group it is taken from, a total or
tally stated before it, a share and what it is of, a place it is in, a former value."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.relations.figures import _VENUES, WHOLE_CATEGORIES, _Figures, _kind
from checks.extract.relations.part_cues import (
    _ABOUT,
    _ALONE,
    _AMONG,
    _AMONG_WORD,
    _BY,
    _DID,
    _EVENT_NOUNS,
    _FROM,
    _IN,
    _IN_PLACES,
    _NAMELY_CUES,
    _NOT_NOUNS,
    _ON,
    _OTHERS,
    _OUT_OF_CUES,
    _PART_CUES,
    _PAST,
    _PAST_AFTER,
    _PER_EACH,
    _PLACE_CATEGORIES,
    _RATE,
    _RATE_REACH,
    _SHARE_GROUPS,
    _SPLIT_CUES,
    _SPREAD_CUES,
    _TALLY_WORDS,
    _THESE,
    _TO,
    _TOLL,
    _TOTAL_CUES,
    _TOTAL_WORDS,
    _TURNING_OUT,
    OUT_OF_REACH,
    PAST_REACH,
    TALLY_REACH,
    TOTAL_REACH,
    _is_noun,
    _min_offset,
    _negated,
    _possessive_off,
    _tally_named,
)
from checks.extract.relations.part_totals import trailing_out_of
from checks.extract.relations.words import (
    _AFTER,
    _AFTER_WHEN,
    _AS_OF,
    _CLAUSE_MARK_RE,
    _DATING,
    _RELATIVES,
    _THAT,
    SINCE_REACH,
    _fold,
    _has,
    _past_said,
    _skeleton,
    _stem,
    _with_conjunctions,
    _Words,
)
from checks.extract.tokens import bare


def _among_named(words: _Words, q: Mention, floor: int) -> str | None:
    """«من بين الممتحنين ما يزيد على 15 ألف طالب»: «من بين» and a definite noun a few
    words before a figure name the group it is taken from; the noun (or "" when unread)."""
    word = _among_word(words, q, floor)
    return None if word is None else noun_category(word) or ""


def _among_word(words: _Words, q: Mention, floor: int) -> str | None:
    """The definite noun «من بين» names a few words before a figure («من بين الواصلين»)."""
    if not (words.has(_AMONG_WORD) or words.has(_AND_AMONG_WORD)):
        return None
    before = words.before(q.start, 6, floor)
    for n in range(len(before) - 1):
        # «من بين القتلى», or a noun in construct with a definite one («من بين قتلى الأمس»)
        construct = n + 2 < len(before) and before[n + 2].startswith("ال")
        if not before[n + 1].startswith("ال") and not construct:
            continue
        # «من بين القتلى», with its و («ومن بين»), or «وبين القتلى» opening a clause, or
        # «أن بين الشهداء 316 طفلا» (the clause's subject after «أن/إن»)
        if (before[n] == _AMONG and n and before[n - 1] in _FROM_ANDS) or before[n] == _AND_AMONG:
            return before[n + 1]
        if before[n] == _AMONG and n and before[n - 1] in _THAT_AMONG:
            return before[n + 1]
    return None


def _acted_by(words: _Words, fig: _Figures, k: int, group: str) -> int | None:
    """«157 ألف مهاجر وصلوا … ومن بين الواصلين 17 ألفا»: the nearest earlier count (its
    sentence or the two before) whose verb, right after its noun, names the group the
    figure is taken from (one consonant skeleton: «وصلوا», «الواصلين»); no former value."""
    named = _skeleton(group)
    if len(named) < 2:
        return None
    q = fig.figures[k]
    for j in range(k - 1, -1, -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - 2:
            return None
        if fig.units[j] != fig.units[k]:
            continue
        after = words.after(w.end, 3, words.comma_after(w.end))
        if any(not x.startswith("ال") and _skeleton(x) == named for x in after[1:]):
            return None if _former(words, w) else j
    return None


_EVENT_CATEGORIES = frozenset(_EVENT_NOUNS.values()) | frozenset(_DID.values())
_FROM_ANDS = frozenset({_FROM, fold("و") + _FROM, fold("ف") + _FROM})
_AND_AMONG = fold("و") + _AMONG
_THAT_AMONG = frozenset(fold(w) for w in ("أن", "إن", "وأن", "وإن", "لأن"))
_AND_AMONG_WORD = frozenset({_AND_AMONG})


def _out_of(words: _Words, figures: list[Mention], k: int, gap_words: int) -> bool:
    """«264 ألفا و312 مترشحا نجحوا في الدورة العادية … من أصل 396 ألفا»: «من أصل» before
    the figure, the part before it in the same clause (no clause mark between)."""
    if not k or gap_words > OUT_OF_REACH or not (words.has(_OUT_OF_CUES) or words.has(_AMONG_WORD)):
        return False
    between = words.span(figures[k - 1].end, figures[k].start)
    # «من أصل», «من جملة», and «من بين» right before the whole («من بين نحو 1.7 مليون»)
    tail = between[:-1] if between[-1:] and between[-1] in _ABOUT else between
    among = tail[-2:] == [_FROM, _AMONG] and figures[k - 1].sentence == figures[k].sentence
    if not (_has(between[-3:], _OUT_OF_CUES) or among):
        return False
    comma = words.comma_after(figures[k - 1].end)
    return (
        gap_words <= 8
        or comma is None
        or comma > figures[k].start
        or trailing_out_of(words, figures[k])  # «…، وذلك من أصل 396 ألفا»
    )


def _of_the_count(words: _Words, figures: list[Mention], k: int) -> bool:
    """«أسهم 150 من الشركات ال 152 المدرجة», «13 من قطاعات السوق ال15», «اثنين من أبرز
    خمسة معايير»: «من» and the definite noun (or a superlative) of the set between two
    figures of one clause: the first counts some of the set the second counts."""
    if not k or figures[k - 1].sentence != figures[k].sentence:
        return False
    between = words.span(figures[k - 1].end, figures[k].start)
    if not 2 <= len(between) <= PARTITIVE_REACH or between[0] != _FROM:
        return False
    if not all(
        (w.startswith("ال") and w not in _ARTICLE_LOOKALIKES) or w in _SUPERLATIVES
        for w in between[1:]
    ):
        return False
    comma = words.comma_after(figures[k - 1].end)
    return comma is None or comma > figures[k].start


# words that begin as the article does and are no definite noun: «من البلاد إلى 23»
_ARTICLE_LOOKALIKES = frozenset(
    fold(w)
    for w in (
        "إلى",
        "التي",
        "الذي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللاتي",
        "اللواتي",
        "إلا",
        "الآن",
    )
)
PARTITIVE_REACH = 4  # words from «من» to the set's count («من الشركات ال 152»)
_SUPERLATIVES = frozenset(fold(w) for w in ("أبرز", "أكبر", "أهم", "أعلى", "أكثر", "أفضل"))


def _turnout(words: _Words, q: Mention) -> bool:
    """«نسبة المشاركة … بلغت 41 بالمئة»: a turnout, a share of the whole electorate."""
    before = words.before(q.start, _RATE_REACH, 0)
    return any(a in _RATE and b in _TURNING_OUT for a, b in pairwise(before))


def _tally_names(words: _Words, figures: list[Mention], j: int, noun: str) -> bool:
    """«عدد اللاجئين المسجلين لديها بلغ 510 آلاف» … «58 بالمئة من المسجلين»: the share's
    noun is named in the clause that states the count."""
    w = figures[j]
    floor = max(figures[j - 1].end if j else 0, words.comma_before(w.start))
    named = words.before(w.start, TALLY_REACH, floor)
    return len(noun) > 4 and _stem(noun) in {_stem(x) for x in named if x.startswith("ال")}


def _rose_from(words: _Words, a: Mention, total: Mention) -> bool:
    """«ارتفع عدد الشهداء من تسعة إلى 12», «ليصل إجمالي الأصول من 3.797 تريليونات درهم من
    مايو 2024 إلى 4.336 تريليونات»: the figure after «من» is the tally's former value, not
    a part of it, when «إلى» opens the tally's figure in the same clause."""
    before = words.before(a.start, 1, 0)
    between = words.span(a.end, total.start)
    return (
        before == [_FROM]
        and 1 <= len(between) <= ROSE_REACH
        and between[-1] in _TO
        and words.comma_before(total.start) <= a.start
    )


ROSE_REACH = 6  # words between a former value and the «إلى» of the tally it rose to


def _rate_of(words: _Words, q: Mention, part: Mention) -> bool:
    """«نسبة النجاح … بلغت 37,94 بالمائة، إذ نجح 52866 مترشحا من جملة 139333»: a rate
    whose noun is the part's verb (one consonant skeleton) is that part as a share."""
    before = words.before(q.start, _RATE_REACH, 0)
    nouns = [b for a, b in pairwise(before) if a in _RATE]
    return any(_acts_as(words, part, noun) for noun in nouns)


def _total_far(words: _Words, figures: list[Mention], k: int) -> bool:
    """«وأن إجمالي من أفرج عنهم بجهود إماراتية بلغ 1788»: a total cue in the clause."""
    if not words.has(_TOTAL_CUES):
        return False
    before = words.before(figures[k].start, TOTAL_REACH, figures[k - 1].end if k else 0)
    return _has(_not_of_the_total(before), _TOTAL_CUES) and not _has(before, _PART_CUES)


_OF_THE_TOTAL = frozenset(fold(w) for w in ("المجموع", "الإجمالي"))


def _not_of_the_total(before: list[str]) -> list[str]:
    """The words less «من المجموع», «من الإجمالي» (of the total: the figure before them
    is a part of a total said earlier; the figure after them states none)."""
    return [
        w for n, w in enumerate(before) if not (w in _OF_THE_TOTAL and n and before[n - 1] == _FROM)
    ]


def _states_total(words: _Words, figures: list[Mention], k: int) -> bool:
    """«بنفقات إجمالية تبلغ 12.4 مليار»: the figure is stated as a total."""
    if not words.has(_TOTAL_WORDS):
        return False
    before = words.before(figures[k].start, 4, figures[k - 1].end if k else 0)
    return _has(before, _TOTAL_WORDS) and not _has(before, _PART_CUES)


def _tallied(words: _Words, figures: list[Mention], w: int) -> bool:
    """«أن عدد الأشخاص الذين تم إجلاؤهم أكثر 9500 شخصا»: the figure is a tally of a group."""
    before = words.before(figures[w].start, TALLY_REACH, figures[w - 1].end if w else 0)
    return any(x in _TALLY_WORDS or (x[:1] in "وفبل" and x[1:] in _TALLY_WORDS) for x in before)


def _split_before(words: _Words, figures: list[Mention], w: int) -> bool:
    """A breakdown verb before the whole: «ينقسم السكان البالغ عددهم 2 مليون نسمة إلى …»;
    not one that already reached its parts («ينقسمون إلى 19 ألفا …، إضافة إلى 2545»)."""
    floor = figures[w - 1].end if w else 0
    before = words.before(figures[w].start, 6, floor)
    for n, x in enumerate(before):
        if x in _SPLIT_CUES and not _negated(before[:n]):
            return _TO.isdisjoint(before[n + 1 :]) and _ON not in before[n + 1 :]
    return False


def _may_count(words: _Words, q: Mention, named: str | None) -> bool:
    """A figure may be part of a tally of `named`: `named` itself, or unknown or people in
    general — unless the verb before it says what befell them, and that is something
    else («قتل 20 شخصا وأصيب 30، ليرتفع عدد القتلى»: the 30 are wounded)."""
    category = q.attrs.get("category")
    if named is None or named in WHOLE_CATEGORIES:
        return True
    if category is None or category in WHOLE_CATEGORIES:
        event = _event_before(words, q)
        return event is None or event == named
    return category == named


def _named_last(words: _Words, q: Mention, floor: int) -> str:
    """The last definite noun before «بين هؤلاء» (across a comma): who «هؤلاء» are."""
    before = words.before(q.start, 10, floor)
    cut = next((n for n in range(len(before) - 1, 0, -1) if before[n] == _THESE), len(before))
    return next((w for w in reversed(before[: cut - 2]) if w.startswith("ال")), "")


def _among_after(words: _Words, q: Mention, ceiling: int | None) -> str | None:
    """«35 طفلا على الأقل كانوا من بين القتلى»: «من بين» and a definite noun of people a
    few words after a figure (in its clause) name the group it is part of."""
    if not words.has(_AMONG_WORD):
        return None
    after = words.after(q.end, 8, _min_offset(ceiling, words.comma_after(q.end)))
    for n in range(len(after) - 2):
        if after[n] == _FROM and after[n + 1] == _AMONG and after[n + 2].startswith("ال"):
            category = noun_category(after[n + 2])
            return category if _kind(category) == "people" else None
    return None


def _namely(words: _Words, figures: list[Mention], chain: list[int], before: list[str]) -> bool:
    """«يضم 138 مقعدا، بواقع 97 مقعدا للدوائر المحلية و41 للدائرة العامة»: «بواقع» before a
    list of two or more is a breakdown; before one figure per unit («بواقع 115 أسيرا لكل من
    الجانبين») it is a rate, no part."""
    return (
        _has(before, _NAMELY_CUES)
        and len(chain) >= 2
        and not any(_per_each(words, figures[p]) for p in chain)
    )


def _place_phrase(words: _Words, w: Mention) -> bool:
    """«في ستة أقاليم»: a count of places after «في» says where, it is no whole of what
    happened there (unless the parts count those places again)."""
    before = words.before(w.start, 1, 0)
    if not before or before[-1] != _IN:
        return False
    noun = words.noun_after(w)
    return noun in _VENUES or noun_category(noun) in _PLACE_CATEGORIES


def _held_share(text: str, figures: list[Mention], parts: list[int]) -> bool:
    """«حلب بـ45 بالمئة»: a share written after «بـ», held by what is named before it."""
    return any(_BY.search(text[max(0, figures[p].start - 4) : figures[p].start]) for p in parts)


def _spread_over(words: _Words, w: Mention) -> bool:
    """«تتوزع على 207 مواقع»: a figure of the places a whole is spread over."""
    noun = words.noun_after(w)
    places = noun in _VENUES or noun_category(noun) in _PLACE_CATEGORIES
    return places and _has(words.before(w.start, 3, 0), _SPREAD_CUES)


SPREAD_REACH = 40  # words before a figure, in its sentence, read for a verb of spreading


def spread_out(words: _Words, q: Mention) -> bool:
    """«وتوزعت الإصابات الجديدة على عشرات البلديات، أبرزها طرابلس (714) …»: a figure of
    a sentence that spreads a count over places or groups tells how that count spread,
    not what a running total after it adds up."""
    return _has(words.before(q.start, SPREAD_REACH, 0), _SPREAD_CUES)


_SPREAD_OVER = frozenset(_fold(w) for w in ("على", "بين", "كالتالي", "كالآتي", "كما"))
SUBJECT_REACH = 4  # words before a figure in which the verb it is the subject of stands


def spread_subject(words: _Words, q: Mention) -> bool:
    """«وتوزعت مقاعد البرلمان الـ111 على النحو الآتي: …», «يتوزع 500 طالب على …»: the
    figure is the subject of a verb of spreading, what is spread (its noun, then «على»,
    «بين» or «كالتالي»): the whole of the list after it, no part of a count before."""
    before = words.before(q.start, SUBJECT_REACH, words.comma_before(q.start))
    verb = next((n for n in range(len(before) - 1, -1, -1) if before[n] in _SPREAD_CUES), None)
    if verb is None or _has(before[verb + 1 :], _SPREAD_OVER):
        return False  # «ويتوزع المقبولون على 24,310 طالبا …»: over what, no subject
    return _has(words.after(q.end, 3, words.comma_after(q.end)), _SPREAD_OVER)


PAST_AFTER_REACH = (
    6  # words after a figure, in its clause: «75 مليارا في الربع نفسه من العام الماضي»
)


def _former(words: _Words, w: Mention, dated: bool = False) -> bool:
    """«بعدما كان يشغل 125 مقعدا», «مقارنة بالموسم الماضي الذي لم يتجاوز فيه 34 مليونا»,
    «13 مقعدا في الدورة السابقة»: a former value, neither a whole of what is broken down
    now nor a sibling of its parts; or a count told as an earlier state (`_told_earlier`)."""
    if _told_earlier(words, w):
        return True
    if not words.has(_PAST):
        return False
    comma = words.comma_after(w.end)
    start = words.comma_before(w.start)
    before = words.before(w.start, PAST_REACH + SINCE_REACH, start)
    after = words.after(w.end, PAST_AFTER_REACH, comma)
    # `dated`: a period after «خلال» («خلال شهر تشرين الأول الماضي 1043 قضية») dates the
    # count as «منذ» does, when the words of the parts name it (the subject path)
    return (
        _past_said(before, _PAST, PAST_REACH, _DATING if dated else _AS_OF)
        or not _PAST_AFTER.isdisjoint(after)
        or _was_clause(words.before(w.start, CLAUSE_REACH, start))
    )


CLAUSE_REACH = 14  # words before a figure read for the opening of its clause


def _was_clause(clause: list[str]) -> bool:
    """The figure's clause opens with «بعدما كانت» or «بعد أن كان» («… إلى 120 حالة،
    بعدما كانت الحصيلة المعلنة في كانون الأول/ديسمبر 107 وفيات»): the count it tells
    is a former one, however many words stand between the opening and the figure."""
    if len(clause) >= CLAUSE_REACH:
        return False  # the clause's opening is not in sight
    if clause[:1] and clause[0] in _AFTER_WHEN:
        return clause[1:2] != [] and clause[1] in _WAS
    return len(clause) >= 3 and clause[0] in _AFTER and clause[1] == _THAT and clause[2] in _WAS


def _told_earlier(words: _Words, w: Mention) -> bool:
    """A count called first or previous («حصيلة أولية», «في تحيين سابق»), or told in a
    sentence in the pluperfect («وكانت الوزارة قد أعلنت … حصيلة بلغت 274»): what had been
    said before the news of the day, an earlier state of the count."""
    # the words are looked at only where the text writes one of them near the figure
    at = words.at(_EARLIER)
    k = bisect_left(words.starts, w.start)
    n = bisect_left(at, k - PAST_REACH)
    if n < len(at) and at[n] < k:
        before = words.before(w.start, PAST_REACH, words.comma_before(w.start))
        said = _EARLIER.intersection(before)
        # «الشريحة الأولى … 2.25 مليار، والشريحة الثانية … 2.75 مليار»: the first of a
        # series its sentence goes on with, a rank and no earlier count; «احتل المرتبة
        # الأولى بـ1.35 مليون»: a place ranked first
        if said and said <= _FIRST and _ranked_first(before):
            said = set()
        if said and not (said <= _FIRST and not _SECOND.isdisjoint(words.after(w.end, 12, None))):
            return True
    if not words.at(_HAD_WORD) or not words.has(_WAS):
        return False
    first = words.first_of[min(k, len(words.first_of) - 1)]
    opening = words.keys[first : first + 4]
    return bool(opening) and opening[0] in _WAS and _HAD in opening


def _ranked_first(before: list[str]) -> bool:
    """Each «الأولى» of the words is a rank: «المرتبة الأولى», «المركز الأول»."""
    return all(n and before[n - 1] in _RANKS for n, w in enumerate(before) if w in _FIRST)


_RANKS = frozenset(
    p + fold(w)
    for w in ("المرتبة", "مرتبة", "المركز", "مركز", "الترتيب")
    for p in ("", "و", "ب", "ف")
)


# «أولية», «سابق»: a count named first or previous; «كانت … قد»: the pluperfect.
_EARLIER = _with_conjunctions(
    {fold(w) for w in ("أولية", "الأولية", "أولى", "الأولى", "سابقة", "سابق", "السابق")}
)
_FIRST = _with_conjunctions({fold(w) for w in ("أولى", "الأولى")})
_SECOND = _with_conjunctions({fold(w) for w in ("الثانية", "الثاني", "ثانية", "ثان")})
_WAS = _with_conjunctions({fold(w) for w in ("كان", "كانت")})
_HAD = fold("قد")
_HAD_WORD = frozenset((_HAD,))


def _alone(words: _Words, q: Mention, floor: int, ceiling: int | None) -> bool:
    """«سجلت اللاذقية وحدها 805 وفيات», «نحو 80 ألفا في مخيم الزعتري وحده»: what one
    place or group holds «alone» is its share of a total counted before."""
    if not words.has(_ALONE):
        return False
    after = words.after(q.end, 5, _min_offset(ceiling, words.comma_after(q.end)))
    if not (_has(words.before(q.start, 4, floor), _ALONE) or _has(after, _ALONE)):
        return False
    # «وحدة» (a unit) folds to «وحده» (alone): the word as written decides
    k = bisect_left(words.starts, q.start)
    tokens = words.tokens
    lo, hi = tokens[max(0, k - 4)].start, tokens[min(len(tokens) - 1, k + 7)].end
    return _ALONE_WRITTEN.search(words.text, lo, hi) is not None


_ALONE_WRITTEN = re.compile(r"(?<!\S)[وف]?وحد(?:ه|ها|هم|هن|هما)(?![\w])")


OPENS_WITHIN = 3  # words between a cue and the figure it introduces («منهم أكثر من 10»)
_AND = _fold("و")


_AMONG_CUES = _with_conjunctions({fold(w) for w in ("بينهم", "بينها", "بينهن", "بينهما")})


def _closing_cue(text: str, words: _Words, q: Mention, ceiling: int | None) -> list[str]:
    """The counted noun, then a part cue closing the clause, or followed by no figure in a
    few words: the cue is the figure's own, it opens no list of the next figures."""
    if not words.has(_PART_CUES):
        return []
    two = words.after(q.end, 2, ceiling)
    if len(two) < 2 or two[1] not in _PART_CUES or words.clause_ends(text, q.end):
        return []
    k = bisect_left(words.starts, q.end) + 1  # the cue's token
    if words.clause_ends(text, words.tokens[k - 1].end):
        return []  # «إلى 12 وفاة، بينهم عاملان»: the cue opens the list of the 12's own parts
    tok = words.tokens[k]
    closes = k + 1 >= len(words.tokens) or words.tokens[k + 1].sentence != tok.sentence
    if closes or words.clause_ends(text, tok.end):
        return two[1:]
    if two[1] in _AMONG_CUES:
        return []  # «ثلاثة متهمين بينهم سائق الشاحنة»: «among them» names the figure's own
    # «وفقدت 98 شاحنة منها حمولتها», «9.6 مليون طن منها من روسيا»: no figure follows the
    # cue closely in its clause, so it opens no list of its own
    gap = words.span(tok.end, ceiling) if ceiling is not None else None
    # a figure joined by «و» is a sibling of this one («منها من روسيا و1.9 مليون»)
    opens = gap is not None and len(gap) <= OPENS_WITHIN and gap[-1:] != [_AND]
    if opens and not _CLAUSE_MARK_RE.search(text, tok.end, ceiling):
        return []
    return two[1:]


def _cue_opens_next(text: str, words: _Words, q: Mention, ceiling: int | None) -> bool:
    """«إلى 9 بينهم 3 أطفال», «520 ألفا منهم رجال 270 ألفا»: a part cue right after the
    figure, the next figure right after the cue or after one noun, in its clause and not
    joined by «و», opens the figure's own breakdown: the figure is no part. «224 منهم
    عسكريون وستة مدنيين» (a sibling joined by «و») and «186 ألفا منهم في 1,002 مركز» (a
    place phrase) keep the cue the figure's own, as «ستون منها،» does."""
    if ceiling is None:
        return False
    k = bisect_left(words.starts, q.end)  # the cue's token
    if k >= len(words.tokens):
        return False
    tok = words.tokens[k]
    gap = words.span(tok.end, ceiling)
    return (
        # «صعدت أسعار 40 منها وهبطت 38»: a word with «و» opens a clause of its own
        (not gap or (len(gap) == 1 and _is_noun(gap[0]) and not gap[0].startswith("و")))
        and text[ceiling - 1 : ceiling] != "و"
        and bisect_left(words.starts, ceiling) < len(words.tokens)
        and words.tokens[bisect_left(words.starts, ceiling)].sentence == tok.sentence
        and not _CLAUSE_MARK_RE.search(text, tok.end, ceiling)
    )


def _subject_stems(words: _Words, q: Mention, floor: int) -> set[str]:
    """The stems of the definite nouns in the part's clause before it («أن الإصابات المؤكدة
    توزعت بين»، «وتشكل الإيرادات النفطية»): the subject that names the whole."""
    clause = words.comma_before(q.start)
    if clause > 0 and words.text[clause - 1] == ":":  # «وتوزعت الوفيات كالآتي: حلب 405»
        clause = words.comma_before(clause - 1)
    before = words.before(q.start, 8, max(floor, clause))
    return {_stem(bare(x)) for x in before if bare(x).startswith("ال") and len(x) > 4} - (
        _NOT_NOUNS
    )


def _noun_stems(words: _Words, w: Mention, floor: int) -> set[str]:
    """The stems of a figure's counted noun and the words right before it («بـ18.7 مليار»
    after «وإيرادات مقدرة», «381 إصابة»), not the noun of the figure before (`floor`)."""
    before = words.before(w.start, 3, floor)
    if floor and words.between(floor, w.start) <= 3:
        before = before[1:]
    near = [words.noun_after(w), *before]
    # with its proclitic off and as written: «وفاة» is a word, not «و» and «فاة»
    return {_stem(v) for x in near for v in {x, bare(x)} if len(v) > 3} - _NOT_NOUNS


def _in_places(text: str, q: Mention) -> bool:
    """«في 973 مركز إيواء»: a count of places a clause puts its figure in."""
    if not _IN_PLACES.search(text[max(0, q.start - 5) : q.start]):
        return False
    noun = _fold(text[q.end : q.end + 30]).split()[:1]
    return bool(noun) and (noun[0] in _VENUES or noun_category(noun[0]) in _PLACE_CATEGORIES)


def _own_parts(text: str, q: Mention) -> bool:
    """«15 آخرين بينهم 4 نساء»: a part cue within the figure's next three words."""
    return _has(_words_after(text, q), _PART_CUES)


def _counts_others(text: str, q: Mention) -> bool:
    """«عشرة أشخاص آخرين», «7 آخرون»: the figure counts others, beside what came before."""
    return not _OTHERS.isdisjoint(_words_after(text, q))


def _words_after(text: str, q: Mention) -> list[str]:
    """The three folded words after a figure, without the marks that close a clause."""
    return [_fold(w.strip("،,.:؛;()«»")) for w in text[q.end : q.end + 40].split()[:3]]


def _per_each(words: _Words, q: Mention) -> bool:
    """«عشرة نواب عن كل دائرة», «115 أسيرا لكل من الجانبين»: a figure per unit is no whole."""
    if not words.has(_PER_EACH):
        return False
    after = words.after(q.end, 3, None)
    return not _PER_EACH.isdisjoint(after)


def _named_whole(words: _Words, q: Mention, floor: int) -> str | None:
    """«حصيلة القتلى» right before the parts: the category of the whole they belong to."""
    before = words.before(q.start, 4, floor)
    for a, b in pairwise(before):
        if a in _TOLL or (a[:1] in "وفب" and a[1:] in _TOLL):
            return noun_category(b)
    return None


def _what(words: _Words, w: Mention) -> str | None:
    """What a figure of people counts: its own specific category, or what the verb, verbal
    noun or tally before it says («قتل 40 شخصا», «مقتل 40», «عدد ضحايا … إلى 50»)."""
    category = w.attrs.get("category")
    if category is not None and category not in WHOLE_CATEGORIES:
        return category
    before = words.before(w.start, 8, 0)
    for x in reversed(before[-3:]):
        if x in _EVENT_NOUNS or bare(x) in _DID or x in _DID:
            return _EVENT_NOUNS.get(x) or _DID.get(x) or _DID.get(bare(x))
    return _tally_named(before)


def _antecedent(words: _Words, clause: int) -> str | None:
    """The group a sentence names in a clause before the part cue's: the last definite
    noun of people there («وقالت إن المصابين نقلوا إلى المستشفيات، بينهم»); the subject of
    the cue's own clause («الأطفال يشكلون 40 بالمئة منهم») is the part, not the group."""
    if not clause:
        return None
    before = words.before(clause, 12, 0)
    for x in reversed(before):
        category = noun_category(x) if x.startswith("ال") else None
        if category is not None and _kind(category) == "people":
            return category
    return None


def _counts(words: _Words, w: Mention, category: str) -> bool:
    """The figure counts `category`: by its noun, or by the verbal noun or the verb before
    it, past a cue of one or two words («مقتل 40», «قتل أكثر من 40 شخصا» count the killed)."""
    return w.attrs.get("category") == category or _event_before(words, w) == category


def _befell(words: _Words, w: Mention) -> str | None:
    """What befell the people a figure counts, when known: by its noun («20 قتيلا») or by
    the verb before it («أصيب 30»)."""
    category = w.attrs.get("category")
    return category if category in _EVENT_CATEGORIES else _event_before(words, w)


def _event_before(words: _Words, w: Mention) -> str | None:
    """What happened to the things a figure counts, said by the verbal noun or the verb
    before it, past a cue of one or two words: «مقتل 40», «أصيب أكثر من 40» (the
    category of the killed, the wounded …)."""
    for x in reversed(words.before(w.start, 3, words.comma_before(w.start))):
        event = _EVENT_NOUNS.get(x) or _EVENT_NOUNS.get(bare(x)) or _DID.get(x) or _DID.get(bare(x))
        if event is not None:
            return event
    return None


def _splits_into(fig: _Figures, words: _Words, part: int) -> bool:
    """A part of a spread whole is not a place it is spread over: a figure of venues or
    places (`2297 مركزا`, `12 محافظة`) or a definite figure after its noun (`الدوائر
    الخمس`) is where the whole goes, not a part of it; a part of a known kind must match
    the whole's (`_same_kind`)."""
    q = fig.figures[part]
    if _fold(q.text).startswith("ال"):
        return False
    noun = words.noun_after(q)
    return noun not in _VENUES and noun_category(noun) not in _PLACE_CATEGORIES


def _opens_sentence(words: _Words, q: Mention) -> bool:
    """The cue sits among the first words of its sentence («وخصص منها 3 آلاف»): its
    antecedent may be in the sentence before."""
    return len(words.before(q.start, 5, 0)) < 5


def _share_of(words: _Words, q: Mention) -> str | None:
    """«90 بالمائة من السوريين», «53.8% من إجمالي الحجاج»: the noun the share is of."""
    nxt = words.after(q.end, 4, words.comma_after(q.end))
    if len(nxt) >= 2 and nxt[0] == "من":
        if nxt[1] in _TOTAL_CUES or nxt[1] in _TALLY_WORDS:
            noun, rest = (nxt[2], nxt[3:]) if len(nxt) >= 3 else (None, [])
        else:
            noun, rest = _possessive_off(nxt[1]), nxt[2:]
        # «من الضحايا الذين جرى التعرف على هوياتهم»: a share of a group a clause narrows
        return None if rest[:1] and rest[0] in _RELATIVES else noun
    return None


def _acts_as(words: _Words, w: Mention, noun: str) -> bool:
    """«264 ألفا و312 مترشحا ومترشحة نجحوا» … «57 في المئة من الناجحين»: the share's noun
    and a word right before or after the count (its verb or noun) share their consonants."""
    sk = _skeleton(noun)
    near = words.before(w.start, 1, 0) + words.after(w.end, 4, None)  # «نجح 264 ألفا»
    return len(sk) >= 3 and any(_skeleton(x) == sk for x in near)


def _same_group(noun: str, whole: Mention) -> bool:
    """The share's noun counts what the whole counts (`الحجاج` of `1,845,045 حاجا`)."""
    group = noun_category(noun)
    whole_group = whole.attrs.get("category")
    return group is not None and _SHARE_GROUPS.get(group, group) == _SHARE_GROUPS.get(
        whole_group, whole_group
    )
