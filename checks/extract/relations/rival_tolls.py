"""`same_as` between two tolls of one event given by different voices: of its dead, or of
its wounded.

News that sets one source's death toll against another's writes the second as a toll of
the same event, after a word that sets it against the first or gives it a new voice:
«بلغت الحصيلة 402 قتيل. في المقابل قدر المكتب حصيلة الهجوم ذاته بنحو 300 قتيل», «قال
المتحدث إن حصيلة الوفيات تجاوزت 5300», «ذكر بيان المحافظة أن عدد الوفيات بلغ تسعة
أشخاص». Two such figures count one set, so they are `same_as`; when they disagree,
`same_as.values` reports what the outlet published. A second figure is read as a rival
toll only when all of these hold:

- both count deaths: the category says so, or a word of death stands right by the figure
  («12 شخصا مصرعهم», «عدد الوفيات بلغ …»); or both count the wounded, by the same signs
  («إصابة 30 شخصا», «عدد المصابين بلغ 45»);
- the second states a toll («حصيلة», «عدد» with a word of death or wounds, or
  «ذاته/نفسه»: the same event) in its clause, and is no running total («ارتفعت … إلى»,
  «ارتفاع الحصيلة إلى»), and no toll of one place of the event («في مدينة الفاشر», a
  sentence opening «وفي سوريا،», «في تركيا وحدها»);
- neither is an earlier state of the count: a former value («بعد أن كانت …»), a toll
  called first or previous («حصيلة أولية», «حصيلة سابقة»), or one told in the
  pluperfect («وكانت الوزارة قد أعلنت … حصيلة بلغت 274»);
- a word between them sets it against the first or gives a new voice (`_RIVAL`);
- both cover one span of time and the second's sentence tells of no other event
  (`scope`: the day's toll is no rival of the running total, «وفي هجوم منفصل» counts
  another attack), unless the second names the same event («ذاته»);
- neither is a part of the other, and the first is the nearest such toll before it, in
  its sentence or the two before.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.part_cues import _ALONE, _IN, _PART_CUES
from checks.extract.relations.part_reads import _former
from checks.extract.relations.scope import another_event, period_of
from checks.extract.relations.share_ranks import _RANKS, _TOPS
from checks.extract.relations.toll_groups import group_of, toll_group
from checks.extract.relations.words import _stem, _with_conjunctions, _Words
from checks.extract.tokens import Token

SENTENCES_BACK = 2  # sentences before a rival toll searched for the toll it rivals
TOLL_REACH = 8  # words before a figure, in its clause, searched for a toll phrase
TOLLS_BACK = 12  # figures before a rival toll searched for the toll it rivals

_DEATH_CATEGORIES = {"killed", "dead"}
_ANY_ONE = {"persons", "people", "victims", "civilians"}  # deaths if a word of death says so
_DEATH = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("قتلى", "القتلى", "قتيل", "قتيلا", "الوفيات", "وفيات", "وفاة", "الضحايا"),
            *("ضحايا", "مصرعهم", "مصرع", "حتفهم", "قتلوا", "توفوا", "الموتى", "شهداء"),
            *("الشهداء", "شهيد", "شهيدا", "قتلاها", "قتلاهم", "قتلاه", "ضحاياه", "ضحاياها"),
            *("جثامين", "الجثامين", "جثث", "الجثث", "جثامينهم", "جثثهم"),  # the bodies
        )
    }
)
_WOUNDS = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("أصيب", "أصيبوا", "إصابة", "إصابات", "الإصابات", "جريح", "جرحى", "الجرحى"),
            *("جريحا", "مصاب", "مصابا", "مصابين", "المصابين", "آخرون", "آخرين"),
        )
    }
)
# The wounds words that say what a figure counts («آخرون» only says it is not the dead).
_WOUNDED = _WOUNDS - _with_conjunctions({fold("آخرون"), fold("آخرين")})
_WOUND_CATEGORIES = {"wounded", "injured"}
_TOLL_WORDS = _DEATH | _WOUNDED  # the words a toll of one group is narrowed after
DEATHS, WOUNDS = "deaths", "wounds"
_TOLL = _with_conjunctions({fold(w) for w in ("حصيلة", "الحصيلة", "حصيلتها", "عدد")})
_RISES = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("ارتفع", "ارتفعت", "ليرتفع", "لترتفع", "يرتفع", "ترتفع", "ليصل", "لتصل", "زاد"),
            *("ارتفاع", "بارتفاع", "رفعت", "رفع"),
        )
    }
)
_SAME_EVENT = frozenset(fold(w) for w in ("ذاته", "ذاتها", "نفسه", "نفسها"))
_STATING = _TOLL | _SAME_EVENT
# Words that set a figure against an earlier one or give it another voice.
_RIVAL = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("المقابل", "مقابل", "غير", "لكن", "بينما", "حين", "فيما", "تضاربت"),
            *("قدر", "قدرت", "قدّر", "قدّرت", "قال", "قالت", "ذكر", "ذكرت", "أعلن"),
            *("أعلنت", "أفاد", "أفادت", "أكد", "أكدت", "بيان", "بحسب", "وفق"),
        )
    }
)


def same_as_rival_tolls(
    text: str, tokens: list[Token], figures: list[Mention], linked: list[dict]
) -> list[dict]:
    """`same_as` links between a toll of the dead (or of the wounded) and a later toll of
    the same event and the same kind that another voice gives (module docstring)."""
    if len(figures) < 2:
        return []
    words = _Words(tokens, text)
    if not words.has(_DEATH | _WOUNDED | _TOLL):
        return []
    related = {(r["from"], r["to"]) for r in linked if r["type"] == "part_of"}
    related |= {(b, a) for a, b in related}
    known: dict[int, str | None] = {}

    def kind(k: int) -> str | None:  # worked out only for the figures a toll is compared with
        if k not in known:
            known[k] = _toll_kind(words, figures[k], figures[k - 1].end if k else 0)
        return known[k]

    # the tokens that state a toll, found once: a figure with none of them in the words
    # before it is no stated toll, and is not read further
    keys = words.keys
    stating = list(compress(range(len(keys)), map(_STATING.__contains__, keys)))  # in C
    rels: list[dict] = []
    for k, b in enumerate(figures):
        at = bisect_left(words.starts, b.start)
        if bisect_left(stating, at) == bisect_left(stating, at - TOLL_REACH):
            continue
        if not _states_toll(words, b) or not (toll := kind(k)) or _former(words, b):
            continue
        if not _PART_CUES.isdisjoint(words.after(b.end, 1, None)):
            continue  # «حصيلة الجرحى …، أربعة منهم جروحهم بليغة»: some of the toll, not it
        clause = words.before(b.start, TOLL_REACH, words.comma_before(b.start))
        if not _RISES.isdisjoint(clause):
            continue  # «ارتفع عدد القتلى إلى 130»: a running total, a new figure
        same_event = not _SAME_EVENT.isdisjoint(clause)
        if not same_event and (
            _new_place(words, text, b, clause)
            or _opens_with_place(words, b)
            or not _ALONE.isdisjoint(clause)
        ):
            # «عدد الوفيات في مناطق المعارضة», «وفي سوريا، بلغ عدد القتلى», «عدد القتلى
            # في تركيا وحدها»: the toll of one place, a part of the event's
            continue
        # «فيما بلغ عدد قتلى الجيش 35 ألفا»: a toll of one group rivals only that group's
        group = toll_group(clause, _TOLL_WORDS) or _named_group(clause)
        if not same_event and another_event(text, b.start):
            continue  # «وفي هجوم منفصل …»: the toll of another event
        span = None if same_event else period_of(text, b.start, b.end)
        for j in range(k - 1, max(-1, k - 1 - TOLLS_BACK), -1):
            a = figures[j]
            if a.sentence < b.sentence - SENTENCES_BACK:
                break
            if kind(j) != toll or (a.id, b.id) in related or _former(words, a):
                continue
            if _partitive(words, a):
                continue  # «والقتلى سائق السيارة وأربعة من ركابها»: some of them, no toll
            if _ranked(words, a):
                continue  # «وتصدرت طرابلس المدن بـ412 حالة وفاة»: one place's share
            if not _RECEIVED.isdisjoint(words.before(a.start, 3, words.comma_before(a.start))):
                continue  # «إن المجمع استقبل 58 شهيدا»: one hospital's share, no toll
            phrase = words.before(a.start, TOLL_REACH, words.comma_before(a.start))
            if group is not None and group not in (
                group_of(a, phrase, _TOLL_WORDS),
                _named_group(phrase),
            ):
                continue
            if not same_event and period_of(text, a.start, a.end) != span:
                continue  # the day's toll and the running total: two counts
            if _RIVAL.isdisjoint(words.span(a.end, b.start)):
                break  # the nearest toll before it is not set against it
            rels.append({"from": a.id, "to": b.id, "type": "same_as"})
            break
    return rels


_OF = fold("من")
RANK_REACH = 6  # words before a figure, in its clause, read for a word of ranking


def _ranked(words: _Words, q: Mention) -> bool:
    """The figure is a holder's in a ranking («تصدرت طرابلس المدن بـ412», «تلتها …»)."""
    return not (_TOPS | _RANKS).isdisjoint(
        words.before(q.start, RANK_REACH, words.comma_before(q.start))
    )


_COUNT_WORD = _with_conjunctions({fold("عدد")})


def _named_group(phrase: list[str]) -> str | None:
    """«عدد الراجلين الذين لقوا حتفهم»: the definite plural «عدد» counts, when it is no
    word of the toll itself, names the group whose toll it is (its stem)."""
    for n, word in enumerate(phrase[:-1]):
        nxt = phrase[n + 1]
        if word in _COUNT_WORD and nxt.startswith("ال") and nxt not in _TOLL_WORDS:
            return _stem(nxt) if nxt not in _GENERIC_TOLLS else None
    return None


# The nouns «عدد» takes for the event's whole toll, not a group's.
_GENERIC_TOLLS = frozenset(
    fold(w) for w in ("الضحايا", "الوفيات", "الأشخاص", "الإصابات", "المصابين", "الحالات")
)
# Verbs of a hospital or a morgue receiving some of the dead or the wounded.
_RECEIVED = _with_conjunctions(
    {fold(w) for w in ("استقبل", "استقبلت", "يستقبل", "تستقبل", "وصل", "وصلت", "نقل", "نقلت")}
)


def _partitive(words: _Words, q: Mention) -> bool:
    """«أربعة من ركابها», «ثلاثة من المسعفين»: «من» and a definite group right after the
    figure: some of that group, a part, not a toll of its own."""
    after = words.after(q.end, 2, words.comma_after(q.end))
    return (
        len(after) == 2
        and after[0] == _OF
        and (after[1].startswith("ال") or after[1].endswith(("ها", "هم", "هن")))
    )


_PREPOSITIONS = frozenset(fold(w) for w in ("من", "في", "على", "عن"))  # not «إلى»: a tally
# the comparatives of a cue before «من/عن» («أكثر من 100», «ما يزيد عن 40»): still the toll
_COMPARED = frozenset(
    fold(w) for w in ("أكثر", "اكثر", "أقل", "يزيد", "يقل", "يربو", "نحو", "يتجاوز", "يقارب")
)


def _toll_kind(words: _Words, q: Mention, floor: int) -> str | None:
    """What toll the figure counts, `DEATHS` or `WOUNDS`: its category, or a word of death
    or wounds in its own phrase (after the figure before it, in its clause) or right after
    it («12 شخصا مصرعهم», «لقي 12 شخصا مصرعهم وأصيب 18»: the 18 are the wounded)."""
    category = q.attrs.get("category")
    if q.attrs.get("unit") is not None:
        return None
    if category in _DEATH_CATEGORIES:
        return DEATHS
    if category in _WOUND_CATEGORIES:
        return WOUNDS
    if category is not None and category not in _ANY_ONE:
        return None
    after = words.after(q.end, 2, None)
    # «30 جريحا», «18 مصابا»: the figure's own words, not the next item («أشخاص وإصابة»)
    own = after[: next((n for n, w in enumerate(after) if w.startswith("و")), len(after))]
    if not _WOUNDED.isdisjoint(own):
        return WOUNDS
    others = not _WOUNDS.isdisjoint(after)  # «20 آخرون»: not the dead; «وأصيب» says more
    if not others and not _DEATH.isdisjoint(after):
        return DEATHS
    before = words.before(q.start, TOLL_REACH, max(floor, words.comma_before(q.start)))
    if len(before) >= 2 and before[-1] in _PREPOSITIONS and before[-2] not in _COMPARED:
        return None  # «خلال انتشال الضحايا من ثلاث حفر»: a place the phrase names, no toll
    for a, b in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        if a in _TOLL:  # «عدد الوفيات بين المصابين»: the toll's own noun says its kind
            if b in _DEATH:
                return None if others else DEATHS
            if b in _WOUNDED:
                return WOUNDS
    for word in reversed(before):
        if word in _WOUNDS:  # the wounded, unless the dead are named too
            return WOUNDS if word in _WOUNDED and _DEATH.isdisjoint(before) else None
        if word in _DEATH:
            return None if others else DEATHS
    return None


def _opens_with_place(words: _Words, q: Mention) -> bool:
    """The toll's sentence opens with a place and a comma («وفي سوريا، بلغ عدد القتلى
    968»): the toll of that place alone, a part of the event's toll, not a rival of it."""
    k = bisect_left(words.starts, q.start)
    first = words.first_of[min(k, len(words.first_of) - 1)]
    opening = words.keys[first : first + 4]
    if not opening or opening[0] not in _IN_PLACE:
        return False
    if len(opening) > 1 and opening[1] in _NOT_PLACES:
        return False  # «في المقابل،», «في غضون ذلك،»: a turn of the story, not a place
    comma = words.comma_after(words.tokens[first].end)
    return (
        comma is not None
        and comma < q.start
        and words.between(words.tokens[first].start, comma) <= 4
    )


_IN_PLACE = _with_conjunctions({_IN})
_TURNS = _with_conjunctions({fold(w) for w in ("المقابل", "بالمقابل", "لكن", "غير", "بينما")})


def opens_against(words: _Words, q: Mention) -> bool:
    """The figure's sentence opens by setting itself against what came before («في
    المقابل،», «لكن», «غير أن»): another voice's count, not a part of the one before."""
    k = bisect_left(words.starts, q.start)
    first = words.first_of[min(k, len(words.first_of) - 1)]
    return not _TURNS.isdisjoint(words.keys[first : min(first + 2, k)])


# the words after «في» that open a turn of the story rather than name a place
_NOT_PLACES = frozenset(
    fold(w)
    for w in (
        *("المقابل", "مقابل", "حين", "الوقت", "وقت", "السياق", "سياق", "غضون", "الأثناء"),
        *("هذا", "ذلك", "المجمل", "المحصلة", "النهاية", "الأثناء", "المقابلة", "الأخير"),
    )
)


def _states_toll(words: _Words, q: Mention) -> bool:
    before = words.before(q.start, TOLL_REACH, words.comma_before(q.start))
    return not _TOLL.isdisjoint(before) or not _SAME_EVENT.isdisjoint(before)


def _new_place(words: _Words, text: str, q: Mention, clause: list[str]) -> bool:
    """The toll's clause names a place («في حماة», «في مناطق المعارضة», «بولاية المسيلة»)
    by a word the text has not used before it: the toll of another place. After a word for
    a kind of place («مناطق», «مدينة») the name is the word after it."""
    seen: set[str] | None = None  # the words before the clause, when first asked
    for n, word in enumerate(clause[:-1]):
        if word == _IN:  # «في حماة», «في مناطق المعارضة»
            name = _article_off(clause[n + 1])
            if name in _KINDS_OF_PLACE and n + 2 < len(clause):
                name = _article_off(clause[n + 2])
        elif word[:1] == "ب" and _article_off(word[1:]) in _KINDS_OF_PLACE:
            name = _article_off(clause[n + 1])  # «سجلت بولاية المسيلة»
        else:
            continue
        if seen is None:
            seen = {_article_off(w) for w in words.span(0, words.comma_before(q.start))}
        if name not in seen:
            return True
    return False


def _article_off(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_KINDS_OF_PLACE = {
    _article_off(fold(w))
    for w in (
        *("منطقة", "مناطق", "مدينة", "مدن", "محافظة", "ولاية", "إقليم", "بلدة", "قرية"),
        *("ريف", "شمال", "جنوب", "شرق", "غرب", "وسط", "أحياء", "حي", "مخيم"),
    )
}
