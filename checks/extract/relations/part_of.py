"""`part_of`: a whole and its parts as news states them — a part cue (بينهم، منها، من ضمنهم …)
in the part's own clause, a breakdown verb (ينقسمون إلى، يتوزعون على، بواقع …), a named
group (من بين الممتحنين، كانوا من بين القتلى), a total (بإجمالي، إجمالي … بلغ), a running
tally (ليرتفع عدد القتلى إلى), «من أصل/من جملة», percent shares of a count; a cue
opening the clause after a part nests under that part; shares ranked after a held part;
sums allotted from a named spending; the toll of the last hours; the subject of a
breakdown verb naming its whole; former values are no wholes. The extent of a list is
read off the sentence (clause marks, the و chain, connectives), never off the sum. The
forms linked and refused are listed in docs/commands/extract.md.

The cue words are in `part_cues`, what the words around one figure say in `part_reads`,
the whole a figure far from its cue belongs to in `part_wholes`, and the extent of a list
in `part_lists`."""

from __future__ import annotations

from checks.extract.model import Mention
from checks.extract.relations.aboard import tolls_aboard
from checks.extract.relations.breakdowns import (
    breakdowns,
    inner_rankings,
    most_notable,
    resumed_lists,
)
from checks.extract.relations.figures import (
    _DURING,
    WHOLE_CATEGORIES,
    _Figures,
    _is_figure,
    _people_or,
    figure_table,
)
from checks.extract.relations.joint_tolls import joint_tolls
from checks.extract.relations.part_bodies import held_in_body
from checks.extract.relations.part_brackets import _acted_again, bracketed, counted_in_brackets
from checks.extract.relations.part_cues import (
    _AGAINST,
    _ALLOT,
    _ALONE,
    _AMONG,
    _BY,
    _COMMA_RE,
    _CONTRASTS,
    _FROM,
    _HUMAN_PART_CUES,
    _IN,
    _IN_ALL,
    _IN_ALL_WORD,
    _MOST_OF,
    _NAMELY_CUES,
    _NONHUMAN_PART_CUES,
    _OUT_OF_CUES,
    _PART_CUES,
    _PAST,
    _PER_EACH,
    _PLACE_CATEGORIES,
    _RATE,
    _RESTATES,
    _RISE_VERBS,
    _SPLIT_CUES,
    _SPREAD_CUES,
    _TALLY_WORDS,
    _THESE_WORD,
    _TO,
    _TOTAL_CUES,
    _TOTAL_WORDS,
    WHOLE_WINDOW,
    _among_these,
    _only_includes,
    _reaches_total,
    _splits,
    _tally_named,
    from_source,
)
from checks.extract.relations.part_enclosed import enclosed_parts
from checks.extract.relations.part_groups import complement_groups
from checks.extract.relations.part_lists import (
    _chains,
    _clause_siblings,
    _continued,
    _gap,
    _held_siblings,
    _last_comma,
    _nests,
    _ranked_after,
    beside_a_complete_breakdown,
    beside_an_exact_whole,
)
from checks.extract.relations.part_opens import (
    bracket_closes,
    cue_closed,
    fate_named,
    first_valued,
    leads_forward,
    listed_under_cue,
    of_group_counted,
    of_the_rest,
    opens_next,
    sentence_before,
    siblings,
    tolls,
)
from checks.extract.relations.part_ranks import ranked_whole
from checks.extract.relations.part_reads import (
    _AND_AMONG,
    _acted_by,
    _acts_as,
    _alone,
    _among_after,
    _among_named,
    _among_word,
    _antecedent,
    _befell,
    _closing_cue,
    _counts,
    _counts_others,
    _cue_opens_next,
    _former,
    _held_share,
    _may_count,
    _named_last,
    _named_whole,
    _namely,
    _not_of_the_total,
    _noun_stems,
    _of_the_count,
    _opens_sentence,
    _out_of,
    _per_each,
    _place_phrase,
    _rate_of,
    _rose_from,
    _same_group,
    _share_of,
    _split_before,
    _splits_into,
    _spread_over,
    _states_total,
    _subject_stems,
    _tallied,
    _tally_names,
    _total_far,
    _turnout,
    _what,
    spread_out,
    spread_subject,
)
from checks.extract.relations.part_regions import region_subtotals
from checks.extract.relations.part_samples import sample_shares
from checks.extract.relations.part_sets import (
    _down_to_named,
    _enclosing_part,
    _holders,
    _narrowing,
    _paired,
    _per_unit_split,
    _period_alone,
    _rates_listed,
    _restated,
    _says,
    rate_within_a_group,
)
from checks.extract.relations.part_shares import shares_after
from checks.extract.relations.part_splits import split_sums
from checks.extract.relations.part_stages import change_rate, nest_stages, rounded_whole
from checks.extract.relations.part_sums import totals_after_parts
from checks.extract.relations.part_tallies import day_counts
from checks.extract.relations.part_totals import (
    against_after_total,
    counts_of_linked_shares,
    shares_of_named_totals,
)
from checks.extract.relations.part_wholes import (
    _alike,
    _allotted_from,
    _alone_of,
    _compared,
    _counted_after,
    _exclusive,
    _group_named_before,
    _named_again,
    _names_again,
    _nearest_alike,
    _partitive_of,
    _rate_of_named,
    _same_kind,
    _set_against,
    _toll_to_date,
)
from checks.extract.relations.records import record_parts
from checks.extract.relations.rival_tolls import _TOLL_WORDS, DEATHS, WOUNDS, _toll_kind
from checks.extract.relations.same_as import _said_again
from checks.extract.relations.share_ranks import ranked_shares
from checks.extract.relations.toll_groups import DEMOGRAPHIC_GROUPS, narrowed_apart
from checks.extract.relations.toll_places import (
    pair_completed,
    paired_tolls,
    raised_by_day,
    sides_of_a_toll,
    tolls_by_place,
    within_the_toll,
)
from checks.extract.relations.votes import vote_sides
from checks.extract.relations.words import (
    _LARGEST,
    _fold,
    _has,
    _skeleton,
    _stem,
    _stems,
    _Words,
    shares_root,
)
from checks.extract.tokens import Token

_AGAINST_CUES = frozenset(_AGAINST)
_TO_WORDS = frozenset(_TO)
_FATES_TOLD = ("killed", "wounded")
_PERIOD_WORDS = frozenset(
    _fold(w) for w in ("عام", "العام", "سنة", "السنة", "الموسم", "موسم", "الدورة", "دورة")
)


SUBJECT_SENTENCES = 2  # sentences back a breakdown's subject may name its whole in
_SUBJECT_FATES = {_stem(_fold("الجرحى")): "wounded", _stem(_fold("الوفيات")): "killed"}


def _fate_told(words: _Words, fig: _Figures, j: int) -> str | None:
    """What befell the people figure j counts, as its toll says (`rival_tolls._toll_kind`:
    «لقي خمسة أشخاص حتفهم», «وأصيب 13 آخرون»): `killed`, `wounded` or None."""
    kind = _toll_kind(words, fig.figures[j], fig.figures[j - 1].end if j else 0)
    return {DEATHS: "killed", WOUNDS: "wounded"}.get(kind)


def _done_to(words: _Words, w: Mention, noun: str) -> bool:
    """«رحّلت … ما لا يقل عن 31,404 مهاجرين» … «11,916 من المرحلين»: the verb of the
    count's clause names the group the part is taken from (one root)."""
    named = _skeleton(noun)
    clause = words.before(w.start, VERB_REACH, words.comma_before(w.start))
    return len(named) >= 3 and any(shares_root(named, _skeleton(x)) for x in clause)


VERB_REACH = 8  # words before a count searched for the verb that names its group


def _bracketed(text: str, w: Mention) -> bool:
    """A figure alone in brackets («مستشفى الكرك (5)»): what the name before it holds. A
    count agency copy brackets before its own noun («ضبط (20450) مخالفاً، منهم (15100)»)
    is a count like any other."""
    opens = text[max(0, w.start - 2) : w.start].strip()[-1:] == "("
    closes = text[w.end : w.end + 2].strip()[:1] == ")"
    return opens and closes and not counted_in_brackets(text, w.end)


def _acts_near(words: _Words, q: Mention, noun: str) -> bool:
    """«ونجح منهم 24000», «24000 نجحوا» … «من عدد الناجحين»: a verb of the share's noun up
    to two words before the count, in its clause, or a plural verb right after it (a noun
    after the count, «من حجاج الداخل», says what it counts, not what it did)."""
    sk = _skeleton(noun)
    near = words.before(q.start, 2, words.comma_before(q.start))
    near += [w for w in words.after(q.end, 1, None) if w.endswith("وا")]
    return len(sk) >= 3 and any(_skeleton(x) == sk for x in near)


def _named_by_own_verb(words: _Words, figures: list, j: int, whole: int, noun: str) -> bool:
    """«تقدم 30000 طالب ونجح منهم 24000 … 15% من عدد الناجحين»: the share's group is what
    the part's own verb makes of it, not its whole's: the share is of the part."""
    return _acts_near(words, figures[j], noun) and not _acts_near(words, figures[whole], noun)


DATED_REACH = 7  # words after a figure set against another read for the year it is of


def _dated_apart(words: _Words, w: Mention) -> bool:
    """A year or a period named right after the figure («2.187 مليون مولود عام 2022»,
    «… نسمة في نهاية سبتمبر من عام 2022»), in its clause."""
    after = words.after(w.end, DATED_REACH, words.comma_after(w.end))
    return any(a in _PERIOD_WORDS or (a.isdigit() and len(a) == 4) for a in after)


_SEVERAL = _fold("عدة")


def _share_of_the_listed(words: _Words, fig: _Figures, k: int) -> bool:
    """Figure k is a share «منهم» in the clause after a list of counts, in one sentence:
    of them is of the group the list broke down, the list's whole («بين الشهداء 316 طفلا
    و790 امرأة، وأن أكثر من 80 في المئة منهم سقطوا …»), not of its last item."""
    figures = fig.figures
    q, prev = figures[k], figures[k - 1]
    if fig.units[k] != "percent" or fig.units[k - 1] is not None or prev.sentence != q.sentence:
        return False
    return words.after(q.end, 1, None) == [_THEM] and bool(
        _COMMA_RE.search(words.text, prev.end, q.start)
    )


_THEM = _fold("منهم")


def _bare_count(fig: _Figures, p: int) -> bool:
    """Figure p is a count with no counted noun of its own (no share, no measure): none
    after it, a preposition or the cue «منها» right after it («19 منها في الضفة و12 في
    لبنان»)."""
    if fig.units[p] is not None or fig.figures[p].attrs.get("category") is not None:
        return False
    noun = fig.nouns[p]
    return not fig.stems[p] or noun in _NONHUMAN_PART_CUES or noun in _PREPOSITION_WORDS


def _places_named(fig: _Figures, j: int) -> bool:
    """«في البلدين»: a dual of places (or a count of places) says where, it adds no one to a
    running toll of people."""
    return fig.kinds[j] == "things" and fig.figures[j].attrs.get("category") in _PLACE_CATEGORIES


def _several_after(words: _Words, w: Mention) -> bool:
    """«مناطق عدة من البلاد»: «عدة» after its noun (a preposition or the clause's end
    after it, not the plural it counts: «عدة أشخاص») says how many of that noun (places
    hit); it counts none of the people a running toll adds up."""
    after = words.after(w.end, 1, words.comma_after(w.end))
    return _fold(w.text) == _SEVERAL and (not after or after[0] in _PREPOSITION_WORDS)


_PREPOSITION_WORDS = frozenset(_fold(x) for x in ("في", "من", "على", "إلى", "عن", "بين", "مع"))


_COMPOSED = frozenset(
    _fold(w) for w in ("يتألف", "تتألف", "يتكون", "تتكون", "يضم", "تضم", "يتشكل", "تتشكل")
)


def _composed_of(words: _Words, whole: Mention, first: Mention) -> bool:
    """A verb of composition between an «out of» whole and the list after it («من أصل 329
    يتألف منهم المجلسان، هم 275 نائبا و54 سيناتورا»): the list is what the whole is made
    of, not a breakdown of the part counted out of it."""
    return _has(words.span(whole.end, first.start), _COMPOSED)


def _of_origin(
    words: _Words, fig: _Figures, parts: list[int], j: int, parts_of: dict[int, int]
) -> int:
    """«97 فيلما من 52 دولة، منها 14 فيلما»: a count followed by «من» and a count of where
    its members come from; parts that name the first count's noun again, not the second's,
    are the first's. Else j."""
    i = j - 1
    if not parts or i < 0 or i in parts_of or fig.figures[i].sentence != fig.figures[j].sentence:
        return j
    between = words.span(fig.figures[i].end, fig.figures[j].start)
    if len(between) > 3 or between[-1:] != [_FROM]:
        return j  # «97 فيلما من 52»: the count's noun (and an adjective), then «من»
    if _names_again(fig, parts[0], i) and not _names_again(fig, parts[0], j):
        return i
    return j


def _named_with_its_verb(
    words: _Words, fig: _Figures, k: int, parts_of: dict[int, int]
) -> int | None:
    """The one figure before k, in its sentence or the one before, whose counted noun a
    definite word of k's subject writes with the same consonants («المنازل» / «منزلا») and
    whose clause's verb another shares a root with («المنهارة» / «انهار»)."""
    q = fig.figures[k]
    clause = words.comma_before(q.start)
    subject = [x for x in words.before(q.start, 8, clause) if x.startswith("ال") and len(x) > 4]
    skeletons = {_skeleton(x) for x in subject}
    found = [
        j
        for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1)
        if fig.figures[j].sentence >= q.sentence - 1
        and j not in parts_of
        and len(_skeleton(fig.nouns[j])) >= 3
        and _skeleton(fig.nouns[j]) in skeletons
        # the verb right before it («انهار 14,560»), no word further back in its clause
        and _acted_again(words, fig.figures[j], skeletons - {_skeleton(fig.nouns[j])}, reach=1)
    ]
    return found[0] if len(found) == 1 else None


def _cue_of_before(before: list[str]) -> bool:
    """«ارتفعت أسعار أسهم 31 شركة منها وانخفضت أسعار 27 شركة»: the cue closes the figure
    before (31 of them), and a new clause opens with «و» after it: no cue of this one."""
    at = next((n for n in range(len(before) - 1, -1, -1) if before[n] in _PART_CUES), None)
    return at is not None and len(before) - at > 2 and before[at + 1].startswith("و")


def _set_against_before(
    words: _Words, fig: _Figures, groups: dict[int, list[int]], listed: list[int]
) -> list[int]:
    """«112 ضبطية مخدرات، مقابل 64 في ميناء جبل علي و42 في المنافذ البرية، بإجمالي 218»:
    the list a total closes may open with «مقابل», set against the figures before it in
    its sentence and unit — siblings of the total too."""
    first = listed[0]
    before = first - 1
    if before < 0 or fig.figures[before].sentence != fig.figures[first].sentence:
        return []
    if fig.units[before] != fig.units[first]:
        return []
    gap = words.span(fig.figures[before].end, fig.figures[first].start)
    return groups[before] if _has(gap[-2:], _AGAINST_CUES) else []


def part_of(text: str, tokens: list[Token], quantities: list[Mention]) -> list[dict]:
    """`part_of` from the ways news writes a whole and its parts (module docstring, and
    docs/relspeed.md). Each pattern proposes parts for a whole; a part whose lower bound
    exceeds the whole's upper bound (a share above 100) is a misreading and is never linked,
    nor are parts and wholes that count unlike things (people and things). Where a cue
    states the relation (بينهم, ينقسمون إلى, بإجمالي …), parts that fit one by one but add
    up to more than their whole are linked: that is the inconsistency `part_whole.sum` is
    there to report. The extent of a list is read off the sentence (clause marks, the و
    chain, the cue's own clause), never off the sum. Without a cue (the seed's form) a later
    figure of people in general is the whole only when a tally states it («عدد الأشخاص
    الذين تم إجلاؤهم»)."""
    figures = [q for q in quantities if _is_figure(q)]
    if len(figures) < 2:
        return []
    words = _Words(tokens, text)
    fig = figure_table(figures, words)
    groups = _chains(text, fig)  # figure index -> its و-joined list (indices)
    parts_of: dict[int, int] = {}  # figure index -> whole index, as linked so far
    rels: list[dict] = []

    def link(parts: list[int], whole: int) -> bool:
        # a rate per head, an average or a capacity in a list is none of its parts
        # («86,492 حضروا … الذي يتسع لنحو 88 ألف متفرج، ليرتفع إجمالي الحضور إلى …»)
        parts = [
            p
            for p in parts
            if p != whole
            and p not in parts_of
            and fig.rates[p] not in ("head", "capacity")
            and not fig.changes[p]
        ]  # «بنسبة نمو 14%»: the size of a change is no part (`changes`)
        parts = [p for p in parts if not rounded_whole(figures[p], figures[whole])]
        parts = [p for p in parts if not change_rate(words, figures[p])]  # «بزيادة … بنسبة 3%»
        # «بلغت النسبة 93.8% في القسم العلمي»: the rate of a group, no share of the whole
        parts = [p for p in parts if not rate_within_a_group(words, fig, p)]
        parts = beside_an_exact_whole(text, fig, parts, whole)  # «…، إضافة إلى 12 شاحنة»
        if parts and _per_unit_split(words, figures[parts[0]]):
            return False  # «وتتوزع تذاكر كل ناد على 20 ألفا»: of the 25 thousand per club
        whole = _restated(fig, text, whole)  # «ثلاثة آلاف وستمائة (3600)»: the first
        # «97 مدرسة من مدارس الإيواء»: of the part of the whole the set's words name
        if (
            parts
            and (i := _enclosing_part(words, fig, parts[0], whole, parts_of, groups[parts[0]]))
            is not None
        ):
            whole = i
        parts = [p for p in parts if p != whole]  # the whole moved: never a part of itself
        # «بينهم 150 مدنيا، منهم 21 طفلا و12 سيدة، و140 من العسكريين»: an item that cannot
        # be of the whole's kind is none of its parts; in a nested list it goes back up a level
        up = [
            p
            for p in parts
            if _exclusive(figures[p], figures[whole])
            or narrowed_apart(words, figures[p], figures[whole], _TOLL_WORDS)
        ]
        if up:
            parts = [p for p in parts if p not in up]
            outer = parts_of.get(whole)
            moved = outer is not None and link(up, outer)
            if not parts:
                return moved
        if not parts or not fig.may_hold(whole, parts):
            return False
        parts_of.update(dict.fromkeys(parts, whole))
        rels.extend(
            {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in parts
        )
        return True

    def _pair_part(j: int, parts: list[int]) -> bool:
        """Whole j is the «out of» of the part before it («44,777,668 ناخبا من أصل
        67,032,438»): a breakdown after the pair splits that part, the count the sentence
        is about, unless its parts name the whole's noun and not the part's. Linked if so."""
        if any(fig.units[p] == "percent" for p in parts):
            return False  # «67 مستشفى من أصل 89، أي نحو 75 في المئة منها»: the pair's ratio
        if not j or parts_of.get(j - 1, j) != j or not parts or j - 1 in parts:
            return False  # (the pair itself is linked later, by the «out of» pass)
        if not _out_of(words, figures, j, _gap(words, figures, j - 1)):
            return False
        if all(_names_again(fig, p, j) and not _names_again(fig, p, j - 1) for p in parts):
            return False
        if _composed_of(words, figures[j], figures[parts[0]]):
            return False  # «328 عضوا من أصل 329 يتألف منهم المجلسان، هم 275 نائبا و54»
        return fig.may_hold(j - 1, parts) and link(parts, j - 1)

    def subset_named(j: int) -> int:
        """«أسهم 150 من الشركات ال 152 … ارتفعت منها 64»: a cue after the count of a whole
        named as the set of a subset («N من ال M») refers to the subset N."""
        if j and _FROM in fig.near[j] and _of_the_count(words, figures, j):
            return j - 1
        return j

    def back_to_whole(
        k: int,
        late: bool,
        split: bool = False,
        people: bool = False,
        things: bool = False,
        of: str | None = None,
        acted: str | None = None,
        antecedent: str | None = None,
        said: str | None = None,
        nested: int | None = None,
        same_noun: bool = False,
    ) -> None:
        """The nearest earlier figure of the sentence (or, `late`, the one before) that can
        hold the parts and is not itself a part: «بينهم 1300 طفل و400 جريح» goes to the
        total, not to 1300. `split`: a breakdown cue, whose parts must count what the whole
        counts (`موزعين على 2297 مركزا` spreads students over centres, it splits nothing);
        `people`: a human pronoun (منهم, بينهم) whose whole is no count of things; `things`:
        a non-human one (منها, بينها: Arabic refers to a plural of things, never to people,
        with the feminine singular) whose whole is no count of people; `of`: «من بين
        الممتحنين»: the whole is named, and counts what the part counts. A figure of places
        a whole is spread over («تتوزع على 207 مواقع») is no whole."""
        q = figures[k]
        if _rates_listed(words, fig, k):
            return  # «نسب النجاح بحسب الفروع: علوم الحياة 92,5 في المئة»: rates, no shares
        parts = bracket_closes(text, figures, _continued(text, fig, groups[k]))
        if people and fig.kinds[k] == "things":
            # «ويقيم 1.5 مليون منهم في 58 مخيما»: «منهم» is of people, never of camps (the
            # list may go on with people: «في مخيمي الفلاح …، وزهاء 8.600 في مخيمات بنغازي»)
            parts = [p for p in parts if fig.kinds[p] != "things"]
        if split or same_noun:
            # «حيث أفاد المرصد بمقتل عشرة أشخاص آخرين»: others, beside the whole
            parts = [p for p in parts if not _counts_others(text, figures[p])]
        if split:
            parts = [p for p in parts if _splits_into(fig, words, p)]
        subject = _subject_stems(words, q, figures[k - 1].end if k else 0)
        # «إن الجرحى توزعوا على …»: a subject of the dead or the wounded names the toll
        subject_fate = next((_SUBJECT_FATES[x] for x in subject if x in _SUBJECT_FATES), None)
        if subject and split:
            # «انهار 14,560 منزلا وتضرر 24 ألفا منزل … وأوضح أن المنازل المنهارة توزعت على
            # …»: a subject naming a count's noun (a broken plural) and its verb («انهار»)
            # names it before a nearer count of the noun alone
            j = _named_with_its_verb(words, fig, k, parts_of)
            if j is not None and link(parts, j):
                return
        if subject:  # «381 إصابة … . وأوضحت أن الإصابات المؤكدة توزعت بين …»
            # the figure whose own counted noun the subject names first («1262 وفاة
            # و2285 إصابة … وتوزعت الوفيات»), then one named by the words around it
            for own in (True, False):
                for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
                    w = figures[j]
                    if w.sentence < q.sentence - (SUBJECT_SENTENCES if late or split else 0):
                        break
                    if w.sentence < q.sentence - 1 and not _tallied(words, figures, j):
                        continue  # two sentences back only a tally («عدد العاطلين …»)
                    named_j = subject & (
                        {fig.stems[j]}
                        if own
                        else _noun_stems(words, w, figures[j - 1].end if j else 0)
                    ) or (not own and subject_fate and _fate_told(words, fig, j) == subject_fate)
                    # a part the subject names by its own noun is split in turn («منهم
                    # 18,792,137 سعوديا … ويتوزع السعوديون بين …»)
                    # (or by the tally its clause states: «ليبلغ عدد العاطلين 651.2 ألف من
                    # جملة 3.97 مليون ناشط … ويتوزع العاطلون بين …»)
                    if not named_j or (
                        j in parts_of and not own and not _tallied(words, figures, j)
                    ):
                        continue
                    if w.sentence != q.sentence and _former(words, w, dated=own):
                        continue  # «بعد أن كانت حصيلتها الصباحية 1250 وفاة»
                    if link(parts, subset_named(j)):
                        return
            # «رصدت النقابة 90 حالة انتهاك، ارتكبت جماعة … 55 حالة منها … . وتوزعت الانتهاكات
            # بحسب نوعها بين 21 …»: a subject naming what an earlier count, broken down
            # already, counts («حالة انتهاك») is a second breakdown of it — the parts of a
            # whole are disjoint (SPEC §4a), so it is linked to nothing, and no nearer count
            # of another group takes it
            if split and any(
                w.sentence < q.sentence
                and j in parts_of.values()
                and not subject.isdisjoint(_stems(words.after(w.end, 2, None)))
                for j, w in enumerate(figures[:k])
            ):
                return
        named = _named_whole(words, q, figures[k - 1].end if k else 0)
        if named is not None:  # «وتضمنت حصيلة القتلى ستين طفلا»: the whole counts the killed
            for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
                w = figures[j]
                if w.sentence < q.sentence - 1:
                    break
                if j not in parts_of and _counts(words, w, named) and link(parts, j):
                    return
        held: bool | None = None  # `_held_share` of the parts, asked at most once
        # a list of parts («ومنها 23 شاحنة …، و30 …») may reach past sentences with no figure
        # to the count it breaks down; one figure («وحصدوا 4 منها») only the sentence before
        # («ومن بين الجرحى امرأتان»: so may one figure of a group named by «من بين»)
        listed = len(parts) > 1 or of is not None
        before_q = sentence_before(figures, k) if late and listed else q.sentence - 1
        fate = fate_named(subject)
        # «… تجاوز الـ25 ألفا …، اما باقي القتلى فكان 9044 منهم»: the rest's parts go to the
        # total the count before them is a part of, not to that count
        rest = of_the_rest(words, q)
        beside: int | None = None
        for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
            j = subset_named(j)
            w = figures[j]
            if beside is not None and w.sentence == sentence_before(figures, k):
                pass  # the total the rest is counted against may stand a sentence before
            elif w.sentence != q.sentence and not (late and w.sentence == before_q):
                if late and w.sentence > before_q:
                    continue  # «بمئات الأطنان»: a count with no value in a sentence between
                return
            if (
                things
                and fig.units[k] == "percent"
                and w.sentence == q.sentence
                and fig.units[j] not in (None, "percent")
            ):
                # «تطلب 840 مليون دولار، لم يصلها منها سوى 5 في المئة»: a share «منها» of
                # the sum its sentence states, or of nothing; never of a count said before
                link(parts, j)
                return
            near = fig.near[j]  # the cues below are looked for only where they stand
            if (people and fig.kinds[j] == "things") or (
                not _PER_EACH.isdisjoint(near) and _per_each(words, w)
            ):
                continue
            if things and fig.kinds[j] is None and _counts_others(text, w):
                continue  # «وإصابة 58 آخرين. … 31 حادثا منها»: «منها» is of no people
            if (people or things) and _bracketed(text, w):
                # «مستشفى القطرانة (2)، …، وحالة اثنين منهم حرجة»: a pronoun refers to a
                # noun phrase, not to a tally in brackets after a holder's name
                continue
            if (
                not _PAST.isdisjoint(near)
                and _former(words, w, dated=listed)
                and (w.sentence != q.sentence or _compared(fig, j))
            ):
                # «… الموسم الماضي الذي لم يتجاوز فيه 34 مليونا. وتتوزع هذه الكمية»,
                # «إلى 12 مليارا مقابل 10 مليارات في العام السابق، منها 4 مليارات»
                continue
            if (
                _compared(fig, j)
                # («مقابل نحو 4.5 مليار دولار خلال الفترة المماثلة من العام السابق»: past a cue)
                and _has(words.before(w.start, 2, 0), _AGAINST_CUES)
                and _dated_apart(words, w)
            ):
                # «2.045 مليون مولود عام 2023، مقابل 2.187 مليون عام 2022، … منهم»: the value
                # of another year a figure is set against is not what the text breaks down
                continue
            if (things and fig.kinds[j] == "people") or (
                not _SPREAD_CUES.isdisjoint(near) and _spread_over(words, w)
            ):
                continue
            if (
                _IN in near
                and _place_phrase(words, w)
                and not all(_names_again(fig, p, j) for p in parts)
                and not (things and all(_bare_count(fig, p) for p in parts))
            ):
                # «… منزلا في ستة أقاليم، انهار 32 بالمئة منها»: the houses; but «يقيمون في
                # 58 مخيما، 19 منها في الضفة»: counts with no noun «منها» are of the places
                continue
            if (
                fig.kinds[j] == "things"
                and (figures[j].attrs.get("category") in _PLACE_CATEGORIES)
                and (held if held is not None else (held := _held_share(text, figures, parts)))
            ):
                continue  # «استأثرت حلب بـ45 بالمئة منها»: a share a place holds, not of places
            if of is not None and not (
                _counts(words, w, of) or tolls(words, w, figures[j - 1].end if j else 0, of)
            ):
                continue
            if fate is not None and _befell(words, w) in _FATES_TOLD and _befell(words, w) != fate:
                continue  # «واصيب 50 … القتلى هم ستة رجال»: the wounded hold no dead
            if acted is not None and not (
                fig.stems[j] == _stem(acted) or _acts_as(words, w, acted)
            ):
                continue
            if said is not None and _people_or(_what(words, w)) != _people_or(said):
                continue
            if antecedent is not None and w.sentence != q.sentence:
                said = _what(words, w)  # «قتل 40 شخصا» … «المصابين …، بينهم 15 طفلا»
                if said is not None and _people_or(said) != _people_or(antecedent):
                    continue
                if antecedent in _FATES_TOLD and (said or _fate_told(words, fig, j)) != antecedent:
                    continue  # «ونقل المصابون، ومنهم ثلاثة»: of the wounded, not «وأربعة من ركابها»
            if split and any(not _same_kind(fig, p, j) for p in parts):
                continue
            if split and _holders(fig, text, parts, j):
                continue  # «150,089 غرفة موزعة على 821 منشأة»: the hotels hold the rooms
            # «العام الدراسي يتضمن ثلاثة فصول»: no part of the teachers; men, women or
            # children are of any count of people («1200 مرشح، حيث يتنافس 900 رجل»)
            if (
                same_noun
                and parts
                and not _names_again(fig, parts[0], j)
                and not (
                    fig.kinds[j] == "people"
                    and figures[parts[0]].attrs.get("category") in DEMOGRAPHIC_GROUPS
                )
            ):
                continue
            if nested is not None and j > nested:
                continue  # «477 مدرسة من أصل 564 …، بينها 129»: not the whole between
            if rest and beside is None and j not in parts_of and fig.may_hold(j, parts):
                beside = j  # the part counted before the rest, beside it
                continue
            if beside is not None and not fig.may_hold(j, [beside]):
                continue
            if j not in parts_of and beside is None and _pair_part(j, parts):
                return  # «323 مقعدا من أصل 600. ونال حزب … منها 268»: of the pair's part
            j = _of_origin(words, fig, parts, j, parts_of)  # «97 فيلما من 52 دولة، منها 14 فيلما»
            if (j not in parts_of or j == nested) and link(parts, j):
                if beside is not None:
                    link([beside], j)
                return

    comma_before = _last_comma(text)
    # cues the text never writes are not looked for at each figure
    splits = words.has(_SPLIT_CUES)
    these_named = words.has(_THESE_WORD)
    at = fig.at
    in_all = words.has(_IN_ALL_WORD)
    for k, q in enumerate(figures):
        if k - 1 in parts_of:  # «بنحو 263 ألفا، تليها دهوك بـ245 ألفا»: ranked after a part
            link(_held_siblings(text, words, fig, k - 1, parts_of), parts_of[k - 1])
            if not _AGAINST.isdisjoint(fig.near[k]) and _set_against(
                words, fig, k
            ):  # «16.3 مليار منها، مقابل 2.4 مليار من …»
                link([k], parts_of[k - 1])
            if _share_of_the_listed(words, fig, k) and link([k], parts_of[k - 1]):
                continue  # «أن بين الشهداء 316 طفلا و790 امرأة، وأن 80 في المئة منهم …»
        if k in parts_of:
            continue
        if (lead := leads_forward(text, figures, k)) is not None and link(*lead):
            continue  # «بينهم 6 أطفال.. 11 جريحاً»: a headline's part before its whole
        if (j := of_group_counted(words, fig, k)) is not None and link([k], j):
            continue  # «14 مليونا من سكان اليمن البالغ عددهم 26 مليون نسمة»
        if (
            _FROM in fig.near[k]
            and (j := _group_named_before(words, fig, k)) is not None
            # «سقط من القتلى 980 في ولاية باكتيكا و86 في ولاية خوست»: the «و» list it opens
            and link(bracket_closes(text, figures, _continued(text, fig, groups[k])), j)
        ):
            continue  # «نجح من الممدرسين 247 ألفا»: of «361 ألفا … من الممدرسين», whatever
            # breakdown verb opened the clause
        floor = figures[k - 1].end if k else 0
        # a cue of the clause before («60 بالمئة منهم من النازحين، وتستضيف 20 مخيما») is not
        # this figure's: the words looked at stop at a comma
        clause_start = max(floor, comma_before(q.start))
        before = words.before_at(at[k], 4, clause_start)
        nxt = figures[k + 1].start if k + 1 < len(figures) else None
        near = fig.near[k]
        after: list[str] = []
        if not _PART_CUES.isdisjoint(near):
            # «ستون منها»: a cue right after the figure, not one opening the next clause
            after = words.after(q.end, 1, nxt) if not words.clause_ends(text, q.end) else []
            if after and after[0] in _PART_CUES and _cue_opens_next(text, words, q, nxt):
                after = []  # «520 ألفا منهم رجال 270 ألفا»: the cue opens 520's own parts
            if not _has(after, _PART_CUES):  # «16.3 مليار دينار منها،»: it closes the clause
                after = _closing_cue(text, words, q, nxt)
            elif opens_next(text, words, q, figures[k + 1] if nxt is not None else None):
                after = []  # «إلى 6 بينهم 4 أطفال»: the cue opens the parts of the 6
        these = these_named and _among_these(before)  # «ومن بين هؤلاء 18 ألفا»
        # «توزعت بين محافظة عكار بـ210»: a breakdown verb a place phrase away, in the clause
        clause = (
            []  # no breakdown verb nor «أكبرهم» near: nothing below reads the clause
            if _SPLIT_CUES.isdisjoint(near) and _MOST_OF.isdisjoint(near)
            else words.before_at(at[k], 6, clause_start)
        )
        # «وأكبرهم عددا في نينوى بنحو 263 ألفا»: the largest of them is one of them
        most = _has(clause, _MOST_OF)
        if before and from_source(before):
            before = []  # «واستوردت منها سلعا بقيمة …»: from the partner, no part cue
        # «بينهم إيرانيون وإصابة نحو سبعين»: a new fate closes the cue's list
        cue = (
            (_has(before, _PART_CUES) and not cue_closed(before) and not _cue_of_before(before))
            or _has(after, _PART_CUES)
            or these
            or most
        )
        if (
            cue
            or (splits and _splits(clause) and not spread_subject(words, q))
            or (
                not _NAMELY_CUES.isdisjoint(near)
                and _namely(words, figures, _continued(text, fig, groups[k]), before)
            )
        ):
            human = _has(before + after, _HUMAN_PART_CUES) or these
            nonhuman = _has(before + after, _NONHUMAN_PART_CUES)
            spread = not cue and _has(clause, _SPREAD_CUES)
            # «يمثلون نحو 20 بالمئة منهم»: a share may point to the sentence before; so may
            # a cue whose sentence counts nothing before it («… الضحايا جميعهم من العمالة
            # الوافدة، منهم 45 هنديا»: its antecedent was counted in the sentence before)
            share = (human or nonhuman) and fig.units[k] == "percent"
            # «وهي مقدمة من عدة جهات، ومنها 23 شاحنة»: a count with no value before it in
            # its sentence leaves it the sentence's first
            first = first_valued(figures, k)
            late = _opens_sentence(words, q) or share or first or these
            # «… 57 في المئة من الناجحين، ومن بين هؤلاء 18 ألفا»: «هؤلاء» are the ones named
            # last, the whole is the figure that counts them
            acted = _named_last(words, q, floor) if these else None
            # a sentence that names its group («إن المصابين نقلوا …، بينهم») points back
            # only to a figure of that group
            antecedent = _antecedent(words, comma_before(q.start)) if first and human else None
            back_to_whole(
                k,
                late=late,
                split=spread,
                people=human,
                things=nonhuman,
                acted=acted or None,
                antecedent=antecedent,
                nested=_nests(text, words, figures, parts_of, k) if cue else None,
                same_noun=not cue and _only_includes(clause),
            )
        elif (
            not _ALLOT.isdisjoint(near)
            and len(allotted := _continued(text, fig, groups[k])) >= 2
            and (j := _allotted_from(words, fig, k, parts_of)) is not None
        ):
            # «بنفقات تقدر بـ1.251 تريليون … وخصصت الميزانية 269 مليارا للقطاع العسكري، و195
            # مليارا للتعليم»: a list of sums allotted (one sum alone breaks nothing down)
            link(allotted, j)
        elif not _ALONE.isdisjoint(near) and _alone(words, q, clause_start, nxt):
            # «إلى 1347 وفاة و2295 إصابة. … اللاذقية سجلت وحدها 805 وفيات»: a place's share
            j = _alone_of(words, fig, k, parts_of)
            if j is not None and not _period_alone(words, q, clause_start):
                link([k], j)
        elif _AMONG in near and (named := _among_after(words, q, nxt)) is not None:
            # «إن 35 طفلا على الأقل كانوا من بين القتلى»: a part of the toll of the killed
            back_to_whole(k, late=True, said=named)
        elif (
            (_AMONG in near or _AND_AMONG in near)
            and (named := _among_named(words, q, floor)) is not None
            and (
                fig.kinds[k] is not None
                or (named and fig.units[k] is None and _among_named(words, q, clause_start))
            )
        ):
            # «ومن بين القتلى 6 قادة»: a noun the lexicon does not know counts of the group
            # «من بين» names in the figure's own clause
            # «من بين الممتحنين ما يزيد على 15 ألف طالب»: the whole counts what the part does
            back_to_whole(k, late=True, of=named or q.attrs.get("category"))
        elif (
            (_AMONG in near or _AND_AMONG in near)
            and (group := _among_word(words, q, floor)) is not None
            and (j := _acted_by(words, fig, k, group)) is not None
        ):
            # «157 ألف مهاجر وصلوا …، ومن بين الواصلين 17 ألفا»: the count the verb names
            link([k], j)
        elif _FROM in near and (j := _partitive_of(words, fig, k)) is not None:
            # «وأسقطت الدفاعات 102 من الصواريخ»: a part of the count of the missiles
            link([k], j)
        elif (
            k
            and before
            and before[-1] in _TO
            and words.between(figures[k - 1].end, q.start) <= 3
            and _split_before(words, figures, k - 1)
        ):
            # «ينقسم السكان البالغ عددهم 2 مليون نسمة إلى 900 ألف رجل و1.1 مليون امرأة»
            parts = [p for p in _continued(text, fig, groups[k]) if _splits_into(fig, words, p)]
            if all(_same_kind(fig, p, k - 1) for p in parts):
                link(parts, k - 1)
    reached: set[int] = set()  # totals a bulletin's day counts bring up: no parts below
    for k, j in day_counts(words, fig, parts_of):
        # «ارتفع عدد المتعافين إلى 205556 بعد تسجيل 4602 حالة جديدة» (`part_tallies`),
        # before the running tally below: the day's counts pair with the totals in order
        if link([k], j):
            reached.add(j)
    ranked_apart: set[int] = set()  # rankings of a whole broken down already
    if words.has(_LARGEST):
        for k in range(1, len(figures)):
            # «وسجلت القاهرة العدد الأكبر من الحالات بـ218 حالة»: of all the cases counted
            # before, not of a subset of them stated nearer (`part_ranks`)
            if k in parts_of or (j := ranked_whole(words, fig, k, parts_of)) is None:
                continue
            if j in parts_of.values():
                ranked_apart.add(k)  # a second breakdown of j: linked to nothing
            else:
                link([k], j)
    for k, q in enumerate(figures):
        near = fig.near[k]
        # read only by the total cues and, for a share, by the words restating a part
        before = (
            words.before_at(at[k], 5, figures[k - 1].end if k else 0)
            if fig.units[k] == "percent" or not _TOTAL_CUES.isdisjoint(near)
            else []
        )
        gap_words = at[k] - fig.past[k - 1] if k else 99
        total_before = (
            _has(_not_of_the_total(before), _TOTAL_CUES)  # «310 كيلومترات من المجموع، و980»
            and not _has(before, _PART_CUES)
            and not against_after_total(before)  # «7.1% من إجمالي قوة العمل مقابل N»
        )
        total_after = in_all and words.after(q.end, 2, None) == _IN_ALL  # «… أي 500 في المجموع»
        if (total_before and gap_words <= 6) or (total_after and gap_words <= 3):
            link(_set_against_before(words, fig, groups, groups[k - 1]) + groups[k - 1], k)
        elif (
            (_AMONG in near or not _OUT_OF_CUES.isdisjoint(near))
            and _out_of(words, figures, k, gap_words)
        ) or (_FROM in near and _of_the_count(words, figures, k)):
            # «67 مستشفى من أصل 89», «12 في درنة و5 في البيضاء، من أصل 20»: the list;
            # «150 من الشركات ال 152» (`_of_the_count`)
            # «… 71 شركة ارتفعت، وانخفضت … 48 شركة، من أصل 136 شركة»: a whole that counts
            # the parts' own noun takes the clauses before the last one too
            earlier = fig.stems[k] == fig.stems[k - 1]
            first = groups[k - 1][0]
            listed = (_clause_siblings(text, fig, first) if earlier else []) + groups[k - 1]
            link([p for p in listed if fig.units[p] == fig.units[k - 1]], k)
            # «نسبة المشاركة … بلغت 41 بالمئة، بعد أن أدلى 9 ملايين ناخب … من أصل 22 مليونا»,
            # «… من أصل 67 مليون ناخب، أي بنسبة مشاركة بلغت 66.8%»
            around = [*range(k - 1, max(-1, k - WHOLE_WINDOW), -1),
                      *range(k + 1, min(len(figures), k + 3))]  # fmt: skip
            for j in around:
                # «… من أصل 510 آلاف ناخب، مقابل 45 في المئة في البقاع»: a share set
                # against the pair's is of another place or time, not of its whole
                against = _has(words.before(figures[j].start, 1, 0), _AGAINST_CUES)
                if (figures[j].sentence == q.sentence and fig.units[j] == "percent"
                        and not against
                        and (_turnout(words, figures[j])
                             or _rate_of(words, figures[j], figures[k - 1]))):  # fmt: skip
                    link([j], k)
            # «نجح 264 ألفا من أصل 396 ألفا، بنسبة 66.74%»: the part again, as a share
            nxt = k + 1
            if (
                nxt < len(figures)
                and fig.units[nxt] == "percent"
                and figures[nxt].sentence == q.sentence
                and _has(words.before(figures[nxt].start, 3, q.end), _RESTATES)
            ):  # «… من أصل 40، أي ما نسبته 20 بالمئة»
                link([nxt], k)
        # «ارتفع عدد الوفيات إلى 812 وفاة و1449 إصابة»: the second item of the list the
        # rise reaches is its sibling, not a total of it
        if (
            not _RISE_VERBS.isdisjoint(near)
            and (k == 0 or k - 1 not in groups[k])
            # «ارتفع عدد الشهداء إلى 10، وجرح 13»: the «إلى» reaches the 10, not the 13
            and _has(words.before(q.start, 4, figures[k - 1].end if k else 0), _TO_WORDS)
            and _reaches_total(reach := words.before(q.start, 14, 0))
        ):
            # «قتل 20 شخصا وأصيب 30، ليرتفع عدد القتلى إلى 500»: the wounded are not killed
            # «…، بينما ارتفع عدد المصابين إلى 185»: a tally whose clause is set against
            # what came before adds none of it up
            named = _tally_named(reach)
            if not (k and _has(words.span(figures[k - 1].end, q.start), _CONTRASTS)):
                # «قتل 12 شخصا وأصيب 40 آخرون، ليرتفع عدد القتلى إلى 85»: the verb before
                # a figure says what it counts, and the wounded are no part of the killed
                # (`_may_count`)
                rising = [j for j in range(k) if figures[j].sentence == q.sentence
                          and j not in reached
                          and not _several_after(words, figures[j])
                          and not _places_named(fig, j)
                          and _may_count(words, figures[j], named)
                          and not _said_again(figures[j], q)
                          and not _rose_from(words, figures[j], q)
                          and not listed_under_cue(words, figures, groups[j])
                          and not spread_out(words, figures[j])]  # fmt: skip
                # «… 38 ألفا و900 حالة و211 وفاة»: a list of tallies, each of its own noun
                for total, held in _paired(fig, rising, [t for t in groups[k] if t >= k]).items():
                    link(held, total)
        elif (
            gap_words > 6
            and k not in parts_of
            and not _TOTAL_CUES.isdisjoint(near)
            and _total_far(words, figures, k)
        ):
            # «… تبادل 230 أسيرا. … وأن إجمالي من أفرج عنهم بلغ 1788 أسيرا»: the total of
            # the nearest list before that counts the same things, this sentence or the last
            j = _nearest_alike(fig, words, k, parts_of)
            if j is not None:
                link([p for p in groups[j] if p <= j or _alike(fig, p, k)], k)
        if (
            fig.units[k] == "percent"
            and k - 1 in parts_of
            and figures[k - 1].sentence == q.sentence
            and _has(before[-3:], _RESTATES)
        ):
            # «نجح منهم 91 ألفا و803، أي ما نسبته 53.2%», «توفي منها 72 شخصا، ما يرفع معدل
            # الوفيات إلى 3.7%»: the part again, as a share of its whole
            link([k], parts_of[k - 1])
        if fig.units[k] == "percent" and (noun := _share_of(words, q)) is not None:
            # «من إجمالي الحجاج»: a share of the whole group, never of a part of it
            of_all = _has(words.after(q.end, 2, None), _TOTAL_CUES | _TALLY_WORDS)
            counted = _counted_after(words, fig, k)
            if counted is not None and link([k], counted):
                continue  # «73 بالمئة من إجمالي المهاجرين …، وعددهم 63,970»

            def names(j: int, noun: str = noun) -> bool:
                return (
                    fig.stems[j] == _stem(noun)
                    or (j not in parts_of and _same_group(noun, figures[j]))
                    or _acts_as(words, figures[j], noun)
                    or (j in parts_of and _named_by_own_verb(words, figures, j, parts_of[j], noun))
                    or _tally_names(words, figures, j, noun)
                )

            # «63.3 في المئة من حجاج الخارج»: first the count whose clause says what narrows
            # the set («1,611,310 قدموا من الخارج»), a part of the whole group or not
            narrow = _narrowing(words, q)
            window = range(k - 1, max(-1, k - WHOLE_WINDOW), -1)
            said = [
                j
                for j in (window if narrow else ())
                if (names(j) or (j in parts_of and names(parts_of[j])))
                and fig.units[j] is None
                and not _former(words, figures[j])
                and _says(words, fig, j, parts_of.get(j), narrow)
            ]
            # a whole that a part of it saying the words stands in for is not another
            # candidate; parts of one whole that all say them («3000 في المدارس الحكومية
            # و2000 في المدارس الخاصة» for «من طلاب المدارس») name that whole
            said = [j for j in said if not any(parts_of.get(i) == j for i in said)]
            if len(said) > 1 and len({parts_of.get(j) for j in said} - {None}) == 1:
                said = [parts_of[said[0]]] if all(j in parts_of for j in said) else said
            if len(said) == 1 and link([k], said[0]):
                link(_ranked_after(text, words, fig, k), parts_of[k])
                continue
            for j in window if not narrow else ():
                if (
                    of_all
                    and j in parts_of
                    and not _named_by_own_verb(words, figures, j, parts_of[j], noun)
                ):
                    continue  # «من إجمالي الحجاج»; «من عدد الناجحين» is of those who passed
                if fig.units[j] is not None or not names(j) or _former(words, figures[j]):
                    continue  # «82% من زوار العام الماضي» is no share of the year before's
                if (
                    j in parts_of
                    and names(parts_of[j])
                    and not _named_by_own_verb(words, figures, j, parts_of[j], noun)
                ):
                    continue  # «60% من الحالات»: of all the cases, not of the deaths among them
                if j in parts_of and _BY.search(
                    text[max(0, figures[j].start - 4) : figures[j].start]
                ):
                    # «يستأثر الإعدادي بالنصيب الأكبر بـ160 ألفا منقطع … 62 بالمائة من
                    # المنقطعين»: of all the dropouts, not of the share one holder holds
                    continue
                if link([k], j):
                    link(_ranked_after(text, words, fig, k), parts_of[k])
                    break
        if (
            fig.units[k] is None
            and k not in parts_of
            and fig.nouns[k] == _FROM
            and (noun := _share_of(words, q))
            and noun.startswith("ال")
        ):
            # «العشرات من المصابين», «20 من الجرحى»: a number of a group counted before,
            # the nearest count of that very group (its category), in this sentence or the last;
            # a group the words narrow («31 من الحجاج المصريين») is of a count that says them
            narrow = _narrowing(words, q)
            for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
                if figures[j].sentence < q.sentence - 1:
                    break
                if narrow and fig.units[j] is None:
                    # «منهم 700 دون سن الخامسة، وتوفي 45 من الأطفال دون سن الخامسة»: the
                    # count, or part of a count, of the group, that says the narrowing words
                    group = parts_of.get(j, j)
                    if _same_group(noun, figures[group]) and _says(
                        words, fig, j, parts_of.get(j), narrow
                    ):
                        link([k], j)
                        break
                    continue
                if (
                    j not in parts_of
                    and fig.units[j] is None
                    and (_same_group(noun, figures[j]) or _done_to(words, figures[j], noun))
                    and not _former(words, figures[j])  # «العام السابق الذي سجل نحو 26 ألف»
                ):
                    link([k], j)
                    break
    for k in range(len(figures) - 1):
        if (
            k in parts_of
            or _TOTAL_WORDS.isdisjoint(fig.near[k])
            or k in parts_of.values()
            or not _states_total(words, figures, k)
        ):
            continue
        j = _named_again(fig, words, k)
        if j is not None:  # «بنفقات إجمالية تبلغ 12.4 مليار دينار … النفقات الرأسمالية تبلغ 1.7»
            link([j], k)
    for k in range(1, len(figures) if words.has(_DURING) and True in fig.recent(words) else 1):
        # «ارتفعت حصيلة الشهداء إلى 40005 شهداء … . وأوضحت أن 40 شهيدا وصلوا خلال الـ24
        # ساعة الماضية»: the toll of the last hours is a part of the toll to date
        if k not in parts_of and (j := _toll_to_date(words, fig, k, parts_of)) is not None:
            link([k], j)
    for k in range(1, len(figures)):
        # «منهم 118 ألفا في الفرع العلمي … . وبلغت نسبة النجاح في الفرع العلمي 76.5%»
        if k not in parts_of and fig.units[k] == "percent":
            j = None if _RATE.isdisjoint(fig.near[k]) else _rate_of_named(words, fig, k)
            if j is not None:
                link([k], j)
    for k in sorted(parts_of):
        # «بحصوله على 102 مقعد من أصل 395، متبوعا بحزب … بـ87 مقعدا، ثم حزب … بـ81»
        link(_held_siblings(text, words, fig, k, parts_of), parts_of[k])
    # the seed's form: «4500 مسلحًا و337 مصابًا ... أكثر من 9500 شخص» (people in general)
    for k, chain in groups.items():
        if chain[0] != k or len(chain) < 2 or any(j in parts_of for j in chain):
            continue
        cats = {figures[j].attrs.get("category") for j in chain}
        if None in cats:
            continue
        for w in range(chain[-1] + 1, min(len(figures), chain[-1] + 1 + WHOLE_WINDOW)):
            if (
                figures[w].sentence == figures[k].sentence
                and figures[w].attrs.get("category") in WHOLE_CATEGORIES
                and figures[w].attrs["category"] not in cats
            ):
                if _tallied(words, figures, w):
                    link(chain, w)
                break
    for k in sorted(parts_of):
        # «… 214 مدرسة من أصل 1,080 … . وتضم كسلا وحدها 97 مدرسة من مدارس الإيواء، تليها
        # حلفا بـ43»: a part linked before the part of its whole that its set's words name
        # goes down to it, and so do the parts that follow it in its sentence
        # the parts linked with it in its sentence are its list's items, never its set
        peers = groups[k] + siblings(figures, parts_of, k)
        i = _enclosing_part(words, fig, k, parts_of[k], parts_of, peers)
        if i is None:
            continue
        whole, moved = parts_of[k], [k]
        for p in range(k + 1, len(figures)):
            if parts_of.get(p) != whole or figures[p].sentence != figures[k].sentence:
                break
            moved.append(p)
        if fig.may_hold(i, moved):
            ids = {figures[p].id for p in moved}
            parts_of.update(dict.fromkeys(moved, i))
            for r in rels:
                if r["from"] in ids:
                    r["to"] = figures[i].id
    # `link` calls itself: its closure holds it, a cycle that would keep this text's
    # figures and words alive until the cycle collector runs; cleared here
    link = back_to_whole = None  # type: ignore[assignment]
    rels += breakdowns(words, fig, rels, ranked_apart)
    rels += bracketed(words, fig, rels)  # «مستشفى الكرك (5) ومستشفى القطرانة (4)»
    rels += enclosed_parts(text, fig, rels)  # «19 ميدالية (6 ذهبيات و4 فضيات و9 برونزيات)»
    rels += shares_after(words, fig, rels)  # «شكل السودانيون 40% … من هذا العدد»
    rels += complement_groups(words, fig, rels)  # «… المواطنين 2.9 مليون، فيما … الوافدين»
    rels += shares_of_named_totals(words, fig, rels)  # «بنسبة 11% من إجمالي قوة العمل»
    rels += region_subtotals(words, fig, rels)  # «… N ناخب، وفي محافظة X بلغ عددهم M»
    rels += counts_of_linked_shares(words, fig, rels)  # «9 ملايين، أي ما يمثل 41% من …»
    rels = sample_shares(words, fig, rels)  # «أن 73% … مقابل 19% … على عينة حجمها 1528»
    rels += split_sums(words, fig, rels)  # «تتوزع النفقات البالغة N على A نفقات جارية وB»
    rels += totals_after_parts(words, fig, rels)  # «…، وB في الثاني، وبذلك يكون المجموع»
    rels += held_in_body(words, fig, rels)  # «52 مقعدا في البرلمان الذي يتألف من 250»
    rels += joint_tolls(words, fig, rels)  # «استشهد وأصيب 132 … استشهد 31 وجرح 101»
    rels += tolls_aboard(words, fig, rels)  # «لقي 24 حتفهم وأصيب 18 … كانت تقل 43 راكبا»
    rels += vote_sides(words, fig, rels)  # «بأغلبية 33 صوتا، مقابل رفض 5 … من أصل 40»
    rels += record_parts(words, fig, rels)  # «38 مباراة، حصيلة 26 انتصارا وتسعة تعادلات …»
    rels += ranked_shares(words, fig, rels)  # «141 ألف مسافر، وتتصدر دبي … بنسبة 31%، تليها»
    rels += tolls_by_place(words, fig, rels)  # «أسفرت عن 78 شهيدا … 39 شهيدا بمحافظة …»
    rels += raised_by_day(words, fig, rels)  # «… 78 شهيدا. وبهؤلاء يرتفع العدد إلى 3365»
    rels += sides_of_a_toll(words, fig, rels)  # «133 شخصا قتلوا … . وأوضح أن 21 مقاتلا قتلوا»
    rels += within_the_toll(words, fig, rels)  # «إلى 68,643 … منذ اتفاق وقف إطلاق النار 211»
    paired_tolls(words, fig, rels)  # «إلى 60 ألفا، و149 ألف إصابة، بينهم 9350، و37 ألف إصابة»
    rels += pair_completed(words, fig, rels)  # «… 31 شهيدا وأكثر من 600 جريح» under a pair
    _down_to_named(words, fig, rels)  # «وحصل 5 آلاف من الناجحين»: of those who passed
    nest_stages(words, figures, rels)  # «تقدم N، منهم A حضروا وB نجحوا»: B of A
    rels = resumed_lists(words, fig, most_notable(words, fig, inner_rankings(words, fig, rels)))
    return acyclic(beside_a_complete_breakdown(text, fig, rels))


def acyclic(rels: list[dict]) -> list[dict]:
    """The links in their order, less any that would close a cycle (a whole inside its
    own part): the patterns each read one form, and two of them may read one pair of
    figures both ways («قريتين من … قريتين»); the first reading stands."""
    up: dict[str, list[str]] = {}
    kept = []
    for r in rels:
        part, whole = r["from"], r["to"]
        seen, todo = set(), [whole]
        while todo:  # is `part` the whole itself or above it already?
            w = todo.pop()
            if w == part:
                break
            if w not in seen:
                seen.add(w)
                todo.extend(up.get(w, ()))
        else:
            up.setdefault(part, []).append(whole)
            kept.append(r)
    return kept
