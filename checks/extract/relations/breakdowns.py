"""A stated total, then its breakdown in the sentences after it, with no cue between.

News states a total and then, in the next sentence or two, spreads it over the places,
parties or sectors that hold it, each with the total's own counted noun or unit and no
part cue at all: «بلغت الكميات 3.4 مليون طن. وتصدرت الشرقية بـ512 ألف طن، تلتها البحيرة
بنحو 430 ألف طن», «تسجيل 13 إصابة … السليمانية سجلت 11 إصابة، وكركوك إصابتين». The cue
patterns of `part_of` never see these; this module links them when the signs
of a breakdown all hold:

- the whole is a count or a measure (no share, no span of time), not a former value, and
  not linked as a part already;
- its parts stand in the one or two sentences after it (or before it, where a total word
  states it: «وبذلك بلغ إجمالي …», «البالغة 250 مقعدا»), each with the whole's unit and,
  for counts, its counted noun (the same stem) or its category, each below the whole;
- there are at least two of them (one later figure of the same noun is as often an update
  or a comparison as a part), none already linked, none a former value;
- a figure of the same kind as large as the whole ends the run (a new total begins);
- no other figure of the whole's sentence counts the same and could hold them too (which
  of two totals they break down is then not said);
- together they fit under the whole, unless a total word states it or the run counts
  «others» («تسعة متهمين …، وستة آخرين»). Without a cue, a total word or «آخرين» nothing
  but the sum says that a run of like figures is a breakdown rather than a second series,
  so such a run that adds up to more than the whole is left alone; where the text states
  the total, or splits a group of the whole's kind into one and «others», parts that
  overflow it are the inconsistency `part_whole.sum` is there to report; so is a run of
  two that splits the whole into home and abroad («داخل المغرب … الفروع الدولية»). A
  figure of «others» counts what the figure before it in its sentence counts.

Two more forms of the same list: a prose table opened after the whole («وجاء توزيع
المقاعد البالغ عددها 407 كالتالي: …», «يتوزعون على النحو الآتي: البقاع نحو 312 ألفا،
والشمال …») lists its parts in the opener's sentence; and a list the cue patterns began
(«منها 17 مقعدا … و14 في الدوائر», «جبهة التحرير 105 مقاعد، والمستقلون 78 مقعدا …»)
goes on with the alike figures after its last linked part, up to the sentence's end or
the first figure that counts something else. A figure with no noun of its own («حلب
405، واللاذقية 595») is alike to the list it stands in. And a total counted «between» two
sides, then one figure for each side in the next sentence (`sides`): a breakdown the sides
state, linked even when it overflows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.changes import CHANGE_WORDS, counts_a_change
from checks.extract.relations.figures import WHOLE_CATEGORIES, _Figures
from checks.extract.relations.measures import other_measures
from checks.extract.relations.part_brackets import SLIP
from checks.extract.relations.part_cues import (
    _AGAINST,
    _BY,
    _CONTRASTS,
    _FOLLOWED,
    _OTHERS,
    _PART_CUES,
    _PAST,
    _PAST_AFTER,
    _PER_EACH,
    _RISE_VERBS,
    _SPLIT_CUES,
    _SPREAD_CUES,
    PAST_REACH,
)
from checks.extract.relations.part_reads import (
    _befell,
    _noun_stems,
    _per_each,
    _told_earlier,
    spread_subject,
)
from checks.extract.relations.part_wholes import _names_again
from checks.extract.relations.rank_sets import outside_ranked
from checks.extract.relations.sides import _BETWEEN, side_parts
from checks.extract.relations.words import (
    _LARGEST,
    SINCE_REACH,
    _past_said,
    _skeleton,
    _stem,
    _stems,
    _with_conjunctions,
    _Words,
    shares_root,
)
from checks.extract.tokens import bare

SENTENCES_AFTER = 2  # sentences after a whole searched for its breakdown
GAP_SENTENCES = 2  # sentence ends one gap between two words counts at most («.\n» as «.\n\n»)
LINE_WORDS = 5  # words after a figure that opens its line, in a list written a line an item
_BULLETS = " \t-–—•*·"
MIN_PARTS = 2
RATE_REACH = 5  # words before a figure, in its clause, searched for a price or an average
# A price, an average or a bound is a figure per something: it breaks nothing down and is
# no part of a total («سعر ليتر البنزين إلى 8000 ليرة», «بمعدل 29 ألفا»); rates per day,
# per head and per item are `_Figures.rates`.
_PER_THING = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("سعر", "بسعر", "أسعار", "سعرها", "سعره", "ثمن", "بثمن", "تكلفة", "كلفة"),
            *("متوسط", "بمتوسط", "معدل", "بمعدل", "الحد", "حد", "بحد"),
        )
    }
)
_INSTEAD = frozenset(fold(w) for w in ("بدلا", "بدل", "عوضا"))
_AGAINST_WORDS = _with_conjunctions(_AGAINST)
# Words that state a figure as the total of something («مقاعد المجلس البالغة 250 مقعدا»,
# «وبذلك بلغ إجمالي عدد السياح 15.7 مليون»): its parts may stand before it, and parts that
# add up to more than it are the inconsistency `part_whole.sum` reports.
_SUM_WORDS = _with_conjunctions(
    {fold(w) for w in ("إجمالي", "بإجمالي", "مجموع", "بمجموع", "المجموع", "مجمل", "بمجمل")}
)
_STATED_TOTAL = _SUM_WORDS | _with_conjunctions(
    {fold(w) for w in ("البالغ", "البالغة", "البالغين", "البالغون")}
)
STATED_REACH = 4  # words before a figure, in its clause, searched for a total word
# Words between two figures that end a list: a contrast, a comparison, a running total
# reached, a restatement («مقابل 5 أطفال قتلوا أمس», «ليبلغ العجز 2.26 مليار»).
_LIST_ENDS = (
    _CONTRASTS
    | _AGAINST
    | _with_conjunctions(_RISE_VERBS)
    | frozenset(fold(w) for w in ("أي", "أو", "مقارنة", "بالمقارنة"))
)
_PREPOSITIONS = frozenset(
    fold(w)
    for w in ("في", "على", "عن", "من", "إلى", "الى", "مع", "عبر", "لدى", "ضمن", "داخل", "خارج")
)
# Words that open a prose table of the parts («كالآتي:», «على النحو التالي:»).
_TABLE_OPENERS = frozenset(
    fold(w) for w in ("كالآتي", "كالتالي", "كالاتي", "التالي", "الآتي", "التالية", "الآتية")
)


def breakdowns(
    words: _Words, fig: _Figures, linked: list[dict], apart: set[int] | frozenset = frozenset()
) -> list[dict]:
    """`part_of` links of breakdowns with no cue, for parts `linked` does not hold yet. A
    ranking whose first figure is `apart` (the largest share of a whole broken down
    already, `part_ranks`) is linked to no other whole."""
    figures = fig.figures
    if len(figures) < 1 + MIN_PARTS:
        return []
    view = _View(words, fig, linked)
    view.taken |= apart
    apart_in = {figures[k].sentence for k in apart}
    rels = view.carried_on()
    # the sentences that write «بين» (`sides` reads only the words of a total's sentence)
    between = {words.sentences[i] for i in words.at(_BETWEEN)}
    for j in range(len(figures)):
        nested = j in view.taken  # a part may be broken down in turn, when a sign says so
        if not view.may_be_total(j, nested) or not view.open_to_another_trait(j):
            continue
        held = j in view.parts_of_whole
        run = view.tabled(j)
        if len(run) < MIN_PARTS:  # from the next sentence on
            run = view.run(j, range(view.sentence_end[j], len(figures)))
            if (
                run
                and _table_item(words.text, figures[j])
                and _table_item(words.text, figures[run[0]])
            ):
                continue  # «الوسط: 120 مقعدا / الشمال: 45 مقعدا»: rows of one table
            if run and view.added(run[0]):
                run = []  # «وجرى كذلك …»: more of the kind beside the whole, no share of it
        if len(run) < MIN_PARTS and view.summed[j] and not held:  # «وبذلك بلغ إجمالي …»
            run = view.run(j, range(view.sentence_start[j] - 1, -1, -1))
        # «… بين الحكومة والحوثيين …»: what each side gave, one figure each
        each = view.sides(j) if len(run) <= MIN_PARTS and figures[j].sentence in between else []
        # «عبور 71 سفينة من الاتجاهين … . 38 سفينة ضمن قافلة الجنوب، و36 سفينة …»: the
        # two the next sentence gives, one for each way, whatever follows
        if ways := view.two_ways(j):
            run = each = ways
        run = run if len(run) >= MIN_PARTS else each
        if len(run) < MIN_PARTS:
            continue
        sides = run == each
        if not sides and view.lined(j, run):
            continue  # «600 حاجا مصريا\n144 حاجا إندونيسيا\n…»: items of one list
        if not sides:  # «الدول الأكثر خروجا للمعتمرين بـ411 ألفا»: of those who left
            run = outside_ranked(words, fig, j, run)
            if len(run) < MIN_PARTS:
                continue
        ranked = view.ranked(run) if not sides else []
        if not (sides or ranked) and view.contributed(run):
            ranked = view.one_list(
                [k for k in run if figures[k].sentence == figures[run[0]].sentence]
            )
        run = ranked or run  # a ranking is the list of one sentence, not what follows it
        # «… والقروية على 475 كيلومترا، تصدرتها محافظة إربد بـ96 كيلومترا»: the ranking
        # of the part before it is no more parts of the whole (`inner_rankings`)
        run = view.before_inner_ranking(run) if ranked else run
        if len(run) < MIN_PARTS:
            continue
        if ranked and not view.names_topic(j, run[0]):
            continue  # «أما الواردات فتصدرتها …»: the ranking of the imports' figure only
        # «وتصدرت المعادن … الصادرات غير النفطية بـ1.38 مليار»: of 6.1, not of 22.5
        named = view.ranking_names(j, run[0]) if ranked else None
        if named is not None and named != j:
            # the figure the ranking names, in the ranking's own sentence, is no whole
            # this loop reaches (its parts are sentences after it): linked here
            if figures[named].sentence == figures[run[0]].sentence and fig.may_hold(named, run):
                rels += view.link(run, named)
            continue
        if any(figures[k].sentence in apart_in for k in run):
            continue  # «…، تلتها الجيزة بـ176 حالة، ثم الإسكندرية بـ142»: the rest of it
        total = sum(view.lo[k] for k in run)
        signed = (
            sides
            or bool(ranked)
            or view.split_into_others(j, run)
            or view.home_abroad(run)
            or view.spread_said(j, run[0])
        )
        if (nested or held) and not signed:
            continue  # a part split again, or a whole beside its one part: a sign says so
        # «وتوزعت مقاعد البرلمان الـ111 على …»: the verb that spreads the whole states it
        split = signed or view.stated[j] or spread_subject(words, figures[j])
        if (total > view.hi[j] and not split) or (
            named != j and _rival(view, j, run, total, signed)
        ):
            continue  # a whole the ranking names has no rival in its sentence
        rels += view.link(run, j)
    return rels


# A row of a table written as lines «Label: N» (a dash or bullet may open it); a label
# that names a total («الإجمالي: 202 مقعد») makes a total row, not a sibling one.
_TABLE_ROW = re.compile(r"(?:^|\n)[ \t]*[-–•*]?[ \t]*([^\n:]{1,40}):[ \t]*\S{0,3}$")
_TOTAL_LABELS = ("جمال", "مجموع", "كلي")  # إجمالي, المجموع, العدد الكلي (folded stems)


def _table_item(text: str, q) -> bool:
    """The figure opens its line after a label and a colon, and the label names no total."""
    row = _TABLE_ROW.search(text, max(0, q.start - 48), q.start)
    return row is not None and not any(t in fold(row.group(1)) for t in _TOTAL_LABELS)


# Words that set a sentence in another case, incident or place («وفي قضية أخرى», «في حادث
# ثان»): its figures are no breakdown of the total before.
_ELSEWHERE = _with_conjunctions(
    {fold(w) for w in ("أخرى", "آخر", "ثانية", "ثان", "منفصلة", "منفصل", "أخريين")}
)
ELSEWHERE_REACH = 8  # words before a run's first figure, in its sentence, searched for them
# Words that add more beside what was counted («أيضا», «كذلك», «فضلا عن», «إضافة إلى»);
# «في بقية» / «في باقي» turns to the rest of the places or groups («وفي بقية المحافظات»),
# not «باقي مدة العقوبة» (the rest of a term).
_ADDED = _with_conjunctions(
    {fold(w) for w in ("أيضا", "ايضا", "كذلك", "فضلا", "إضافة", "بالإضافة", "علاوة")}
)
_IN = _with_conjunctions({fold("في")})
_REST = frozenset(fold(w) for w in ("بقية", "باقي"))
REST_REACH = 14  # words before a run's first figure searched for «في بقية»
_RANKED = _FOLLOWED - _with_conjunctions({fold("ثم")})  # «تلتها», «يليهم»: «ثم» alone is no rank
_THEN = fold("ثم")
# Verbs of contributing a share: «أسهمت المحطة بـ1850 ميغاواط», «ساهم القطاع بـ12 مليارا».
_CONTRIBUTED = _with_conjunctions(
    {fold(w) for w in ("أسهم", "أسهمت", "ساهم", "ساهمت", "يسهم", "تسهم", "يساهم", "تساهم")}
)
# A record set against a ranking: «أعلى حضور», «الأكبر» (not «أكثر»: «أكثر من» is a cue)
_RECORD = _LARGEST | _with_conjunctions({fold(w) for w in ("أعلى", "أكبر")})
_AS_FOR = _with_conjunctions({fold("أما")})
# A ranking verb with the pronoun of the set it ranks («تصدرتها إربد»: topped it).
_TOPPED_IT = _with_conjunctions(
    {fold(v + p) for v in ("تصدر", "تصدرت", "يتصدر", "تتصدر") for p in ("ها", "ه", "هم")}
)
_TOPPED = _with_conjunctions({fold(v) for v in ("تصدر", "تصدرت", "يتصدر", "تتصدر")})
CONTRIBUTION_REACH = 6  # words before the first figure searched for the verb
SUBJECT_AT = 3  # words that open a ranking's sentence, read for its subject («وتوجهت الصادرات»)
SPREAD_OPENING = 60  # tokens before a run's first figure, in its sentence, read for its opening
LIST_NAME_REACH = 4  # words before a ranking's first figure searched for «قائمة X»
SHARE_NAME_REACH = 4  # … for «حصة X»
BOTH_WAYS_REACH = 4  # words after a total read for «من الاتجاهين»
_BOTH_WAYS = frozenset(
    fold(w) for w in ("الاتجاهين", "الجانبين", "الطرفين", "الجهتين", "الخطين", "المسارين")
)
_SHARE_WORDS = frozenset(fold(w) for w in ("حصة", "حصص"))
_LIST_WORDS = frozenset(fold(w) for w in ("قائمة", "لائحة", "ترتيب"))
_GONE = _SPREAD_CUES | _with_conjunctions(
    {fold(w) for w in ("توجهت", "توجه", "اتجهت", "اتجه", "ذهبت", "ذهب", "وجهت", "صدرت")}
)
AGAINST_REACH = 6  # words before a figure, in its clause, searched for «مقابل»
_OF_THEM = _with_conjunctions({fold(w) for w in ("منهم", "منها", "منهن", "منهما")})
# what a whole was made of at home and abroad: its two sides
_HOME = _with_conjunctions(
    {fold(w) for w in ("داخل", "الداخل", "المحلية", "المحلي", "المحلى", "الداخلية")}
)
_ABROAD = _with_conjunctions(
    {fold(w) for w in ("الدولية", "الدولي", "الخارج", "الخارجية", "الخارجي")}
)
HOME_REACH = 6  # words before a part searched for its side


_ADJECTIVE_ENDS = ("ية", "ي", "يين", "يون", "يات", "يا")
# the noun after a figure and an indefinite word after it, no clitic opening it
_NOUN_AND_ADJECTIVE = re.compile(r"\s+[^\s\d،,.:؛;()]+\s+(?!ال|و)([^\s\d،,.:؛;()]{3,})")
_NOT_ADJECTIVES = frozenset(fold(w) for w in ("في", "التي", "الذي", "حتى", "لدى", "أي", "إلى"))


def _verb_like(word: str, conjunction: str = "") -> bool:
    """A word that may be a verb: after the given conjunction, no article, no figure, no
    preposition and no «of them» («نجح», «غادرت»; with «و»: «ورسب», «واحتجزت»)."""
    if conjunction:
        if not word.startswith(conjunction):
            return False
        word = word[len(conjunction) :]
    return (
        len(word) >= 3
        and not word.startswith("ال")
        and not any(c.isdigit() for c in word)
        and word not in _PREPOSITIONS
        and word not in _OF_THEM
        and word not in _CONTRASTS
    )


def _imperfect(word: str) -> bool:
    """A present-tense verb («يعيش», «تعمل», «سيعمل»): «ي» or «ت» before a stem that does
    not end in the past's «ت» («تعافى», «توفي» and «تصدرت» are past)."""
    word = word.removeprefix("و").removeprefix("ف").removeprefix("س")
    if len(word) < 4:
        return False
    if word[0] == "ي":
        return True
    return word[0] == "ت" and word[-1] not in "تىي" and not word.endswith("وا")


_EARLIER_WORDS = frozenset(_PAST | _PAST_AFTER)
_OTHER_WORDS = frozenset(_OTHERS)
_FROM = fold("من")
_PER_WORDS = _PER_THING | _INSTEAD | _PER_EACH


class _View:
    """What the breakdown forms ask of each figure of one text, worked out once."""

    def __init__(self, words: _Words, fig: _Figures, linked: list[dict]) -> None:
        self.words, self.fig = words, fig
        figures = fig.figures
        self.lo, self.hi = (list(map(float, b)) for b in fig.bounds())
        index = {q.id: n for n, q in enumerate(figures)}
        self.taken = {index[r["from"]] for r in linked if r["type"] == "part_of"}
        self.parts_of_whole: dict[int, list[int]] = {}
        for r in linked:
            if r["type"] == "part_of" and r["to"] in index:
                self.parts_of_whole.setdefault(index[r["to"]], []).append(index[r["from"]])
        # each test asked only where one of its words stands near the figure (`fig.near`,
        # a superset of the windows the tests read)
        self.former = [
            (not _EARLIER_WORDS.isdisjoint(near) and _earlier(words, q))
            or _told_earlier(words, q)
            or rate is not None
            or (not _PER_WORDS.isdisjoint(near) and _per_something(words, q))
            # «وإن عددهم زاد بنحو 22 مليون نسمة»: a count's increment, no total nor part
            or (not CHANGE_WORDS.isdisjoint(near) and counts_a_change(words, q))
            for q, near, rate in zip(figures, fig.near, fig.rates, strict=True)
        ]
        self.stated = [
            not _STATED_TOTAL.isdisjoint(near) and _stated_total(words, q)
            for q, near in zip(figures, fig.near, strict=True)
        ]
        # a sum word («إجمالي», «مجموع») makes a figure the total of parts before it too;
        # «البالغة 83 مقعدا» only says what a figure amounts to
        self.summed = [
            stated and _summed(words, q) for q, stated in zip(figures, self.stated, strict=True)
        ]
        self._bare: list[bool | None] = [None] * len(figures)  # `is_bare`, when asked
        # «، وستة آخرين», «وتغريم 12 آخرين»: a figure of others of the kind counted before
        # it; `joined`, the figure itself joined by «و» (after «وإصابة» a noun says what
        # «17 آخرين» are: of a whole of people in general, only a joined figure is carried)
        # (looked for only in a text that writes such a word)
        # (the word right after a figure, in its sentence: looked up among the text's
        # «آخرين» by its index)
        others = set(words.at(_OTHER_WORDS))
        ends = words.end_of
        self.others = [k in others and ends[k - 1] > k for k in fig.past]
        self.joined = [
            others and words.text[max(0, q.start - 2) : q.start].strip() == "و"
            for q, others in zip(figures, self.others, strict=True)
        ]
        # each figure's sentence as a run of figures: its first and one past its last
        self.sentence_start, self.sentence_end = _sentence_runs(figures)
        # each figure's sentence, a paragraph break counted as a line break
        self.written = _written_sentences(words, figures)
        # a text with no opener word and no colon holds no prose table
        self.no_tables = ":" not in words.text and not words.has(_TABLE_OPENERS)
        # figure k opens a prose table (an opener word or a colon right before it), when
        # first asked: the same for every whole before it
        self._opens: list[bool | None] = [None] * len(figures)

    def is_bare(self, k: int) -> bool:
        """Figure k names no counted noun of its own (`_bare`), worked out when first asked."""
        bare = self._bare[k]
        if bare is None:
            bare = self._bare[k] = _bare(self.words, self.fig, k)
        return bare

    def may_be_total(self, j: int, nested: bool = False) -> bool:
        """A count or measure, no former value, not linked as a part (unless `nested`)."""
        unit = self.fig.units[j]
        taken = j in self.taken and not nested
        return unit not in ("percent", "time") and not self.former[j] and not taken

    def open_to_another_trait(self, j: int) -> bool:
        """Whole j holds no part yet, or one part alone in its own sentence («بلغت 7.8 مليون
        اشتراك، منها 5.9 مليون مسبق الدفع»): one figure by one trait is no breakdown, and
        the breakdown in the sentences after it («واستحوذت زين على 3.1 مليون …») may be of
        another; which of the two stays is `part_lists._crossing`'s (SPEC §4a: the parts
        of a whole are disjoint). A whole broken down already takes no second breakdown,
        and the one beside a part only a stated one (a ranking, sides, «others»)."""
        held = self.parts_of_whole.get(j, [])
        figures = self.fig.figures
        return not held or (len(held) == 1 and figures[held[0]].sentence == figures[j].sentence)

    def set_against(self, k: int) -> bool:
        """«مقابل» opens figure k's clause, up to the figure before it: k is what another
        figure is measured against («مقابل ذروة أحمال وصلت إلى 7900 ميغاواط»)."""
        figures = self.fig.figures
        floor = max(self.words.comma_before(figures[k].start), figures[k - 1].end if k else 0)
        return not _AGAINST_WORDS.isdisjoint(
            self.words.before(figures[k].start, AGAINST_REACH, floor)
        )

    def contributed(self, run: list[int]) -> bool:
        """A verb of contributing opens the run's first clause and «بـ» stands right before
        its first figure («وأسهمت محطة مصراتة بـ1850 ميغاواط، ومحطة غرب طرابلس بـ1500 …»):
        each holder's share of a whole the text states, as a ranking is, and like a
        ranking the list of one sentence."""
        words, q = self.words, self.fig.figures[run[0]]
        if not _BY.search(words.text[max(0, q.start - 4) : q.start]):
            return False
        floor = self.fig.figures[run[0] - 1].end if run[0] else 0
        return not _CONTRIBUTED.isdisjoint(words.before(q.start, CONTRIBUTION_REACH, floor))

    def sides(self, j: int) -> list[int]:
        """The figures each of the two sides named with total j gave (`sides`), when they
        are free, no former values, below it, and count what it counts: its noun, or no
        noun of their own («706 من عناصر الجماعة»), one of them its noun («قتل الجيش 50
        عنصرا، فيما أسرت القوات 20 جنديا» counts no part of «مقتل 30 شخصا»)."""
        fig = self.fig
        run = [
            k
            for k in side_parts(self.words, fig.figures, fig.units, j)
            if not self.former[k] and k not in self.taken and self.lo[k] < self.hi[j]
        ]
        alike = [_alike(fig, j, k) for k in run]
        own = [
            a or self.is_bare(k) or fig.nouns[k] == _FROM for k, a in zip(run, alike, strict=True)
        ]
        if len(run) != MIN_PARTS or not any(alike) or not all(own):
            return []
        return run if fig.may_hold(j, run) else []

    def two_ways(self, j: int) -> list[int]:
        """«عبور 71 سفينة من الاتجاهين»: a total said of both directions or sides right after
        it holds the two figures of its noun the next sentence gives, one for each (a
        breakdown the text states, linked even when it overflows); [] when that sentence
        gives other than two."""
        words, fig = self.words, self.fig
        q = fig.figures[j]
        if _BOTH_WAYS.isdisjoint(words.after(q.end, BOTH_WAYS_REACH, words.comma_after(q.end))):
            return []
        nxt = [
            k
            for k in range(j + 1, len(fig.figures))
            if fig.figures[k].sentence == q.sentence + 1 and fig.units[k] == fig.units[j]
        ]
        if len(nxt) != MIN_PARTS or not all(_alike(fig, j, k) for k in nxt):
            return []
        if any(self.former[k] or k in self.taken or self.lo[k] >= self.hi[j] for k in nxt):
            return []
        return nxt if fig.may_hold(j, nxt) else []

    def ranked(self, run: list[int]) -> list[int]:
        """The run's figures in the sentence that ranks the holders of the whole («تصدرت
        ذي قار … بـ96 إصابة، تلتها ميسان بـ41 ثم البصرة بـ38»), or []: places or parties
        ranked by their share hold disjoint shares of one whole, a breakdown the text
        states. «ثم» alone is «then», no rank; figures of later sentences («وفازت النساء
        بـ97 مقعدا») are no part of the ranking."""
        figures, words = self.fig.figures, self.words
        for a, b in pairwise(run):
            if figures[a].sentence == figures[b].sentence and not _RANKED.isdisjoint(
                words.span(figures[a].end, figures[b].start)
            ):
                return self.one_list([k for k in run if figures[k].sentence == figures[a].sentence])
        return []

    def names_topic(self, j: int, first: int) -> bool:
        """The ranking's sentence opens with «أما» and a definite noun («أما الواردات
        فتصدرتها الولايات المتحدة بـ1.5 مليار»): whole j is of that noun (its counted noun
        or the words right before it) — else any whole may be."""
        words, figures = self.words, self.fig.figures
        k = words._index[figures[first].start]
        opening = words.keys[words.first_of[min(k, len(words.first_of) - 1)] : k][:3]
        if len(opening) < 2 or opening[0] not in _AS_FOR or not opening[1].startswith("ال"):
            return True
        topic = _stem(opening[1])
        w = figures[j]
        floor = figures[j - 1].end if j else 0
        return topic in _noun_stems(words, w, floor)

    def ranking_names(self, j: int, first: int) -> int | None:
        """The figure the words right before the ranking's first figure name («تصدرت
        المعادن الأساسية الصادرات غير النفطية بـ1.38»): the one before it, of j's unit,
        whose own words before it share the most of them, two or more («والصادرات غير
        النفطية 6.1 مليار»); None when none does."""
        figures, words = self.fig.figures, self.words
        if (share := self._share_names(first)) is not None:
            return share
        named = _stems([w for w in words.before(figures[first].start, 3, 0) if len(w) > 2])
        if len(named) < 2:
            return None

        def shared(k: int) -> int:
            return len(
                named & _stems([w for w in words.before(figures[k].start, 3, 0) if len(w) > 2])
            )

        best, most = None, 1  # the figure the ranking's words name best, by two words or more
        earlier = []
        for k in range(first - 1, -1, -1):
            q = figures[k]
            if q.sentence < figures[first].sentence - SENTENCES_AFTER:
                break
            if q.sentence == figures[first].sentence or self.fig.units[k] != self.fig.units[j]:
                continue
            earlier.append(k)
            if (n := shared(k)) > most:
                best, most = k, n
        if best is not None:
            return best
        return self._subject_names(first, earlier) or self._list_names(first, earlier)

    def _share_names(self, first: int) -> int | None:
        """«210 آلاف طن من الطحين و58 ألفا من الرز …، وتصدرت بغداد المحافظات في حصة الطحين
        بـ49 ألف طن»: a ranking of the share of one item («حصة X») ranks the earlier figure,
        in its sentence or the one before, whose words after it name X; None when not
        exactly one does."""
        figures, words = self.fig.figures, self.words
        before = words.before(figures[first].start, SHARE_NAME_REACH, 0)
        at = next((n for n, w in enumerate(before) if bare(w) in _SHARE_WORDS), None)
        if at is None or at + 1 >= len(before):
            return None
        item = _stems([before[at + 1]])
        named = [
            k
            for k in range(first - 1, -1, -1)
            if figures[k].sentence >= figures[first].sentence - 1
            and self.fig.units[k] == self.fig.units[first]
            and not item.isdisjoint(_stems(words.after(figures[k].end, 3, None)))
            and self.fig.may_hold(k, [first])
        ]
        return named[0] if len(named) == 1 else None

    def _list_names(self, first: int, earlier: list[int]) -> int | None:
        """«بتعهدات بلغت 30 مليار دولار …، فيما قدرت … الحاجات بـ88.2 مليار. وتصدرت تركيا
        قائمة المتعهدين بـ5 مليارات»: the list a ranking tops («قائمة المتعهدين») names the
        set by a root the one earlier figure's words right before it share; None when not
        one does."""
        words = self.words
        before = words.before(self.fig.figures[first].start, LIST_NAME_REACH, 0)
        at = next((n for n, w in enumerate(before) if bare(w) in _LIST_WORDS), None)
        if at is None or at + 1 >= len(before):
            return None
        root = _skeleton(before[at + 1])
        if len(root) < 3:
            return None
        return self._the_one_named(
            first, earlier, lambda said: any(shares_root(root, _skeleton(w)) for w in said)
        )

    def _subject_names(self, first: int, earlier: list[int]) -> int | None:
        """«بلغ الاستهلاك 5,4 مليون طن، وبلغت الصادرات 1,85 مليون طن. وتوجهت الصادرات إلى
        ليبيا بـ910 ألف طن، تلتها …»: the one earlier figure whose words right before it
        name the subject the ranking's sentence opens with; None when not one does."""
        words = self.words
        k = words._index[self.fig.figures[first].start]
        opening = words.keys[words.first_of[min(k, len(words.first_of) - 1)] : k][:SUBJECT_AT]
        # the subject of a verb of going or spreading is the set the ranking shares out
        # («وتوجهت الصادرات إلى …»); of «تصدرت» it is the first ranked («وتصدرت الهند …»)
        verb = next((n for n, w in enumerate(opening) if w in _GONE), None)
        if verb is None or verb + 1 >= len(opening) or not opening[verb + 1].startswith("ال"):
            return None
        subject = _stems([opening[verb + 1]])
        return self._the_one_named(first, earlier, lambda said: bool(subject & _stems(said)))

    def _the_one_named(
        self, first: int, earlier: list[int], names: Callable[[list[str]], bool]
    ) -> int | None:
        """The one earlier figure whose two words right before it the ranking `names` and
        that may hold the ranking's first figure; None when not exactly one does."""
        figures = self.fig.figures
        named = [
            e
            for e in earlier
            if names(self.words.before(figures[e].start, 2, 0)) and self.fig.may_hold(e, [first])
        ]
        return named[0] if len(named) == 1 else None

    def before_inner_ranking(self, run: list[int]) -> list[int]:
        """The run up to a ranking verb that takes the figure before it as its object
        («تصدرتها», «يتصدرها»: topped it): what follows ranks that figure's set."""
        figures, words = self.fig.figures, self.words
        for n, (a, b) in enumerate(pairwise(run)):
            if not _TOPPED_IT.isdisjoint(words.span(figures[a].end, figures[b].start)):
                return run[: n + 1]
        return run

    def one_list(self, run: list[int]) -> list[int]:
        """The run up to a clause that sets a record against it («…، ثم النصر بـ372 ألفا،
        فيما سجلت مباراة الهلال والنصر أعلى حضور بـ56,190 متفرجا»: one match, no club of
        the ranking); «فيما حلت الشباب خامسا بـ…» goes on with it."""
        figures, words = self.fig.figures, self.words
        for n, (a, b) in enumerate(pairwise(run)):
            between = words.span(figures[a].end, figures[b].start)
            if not _CONTRASTS.isdisjoint(between) and not _RECORD.isdisjoint(between):
                return run[: n + 1]
        return run

    def lined(self, j: int, run: list[int]) -> bool:
        """Figure j and the run's first figure each open a short line of their own: a list
        written one item a line («600 حاج مصري» over «144 حاجا إندونيسيا»), whose first
        item is a sibling of the lines under it, not their total."""
        text = self.words.text
        return all(_opens_line(text, self.fig.figures[k]) for k in (j, run[0])) and (
            len(text[self.fig.figures[j].end : _line_end(text, self.fig.figures[j].end)].split())
            <= LINE_WORDS
        )

    def split_into_others(self, j: int, run: list[int]) -> bool:
        """The run splits whole j's group into one and «others» («تسعة متهمين …، وستة
        آخرين»): a breakdown the text states, when the whole counts a kind of its own (of
        people in general, «قتل 12 شخصا» and «أصيب 5 أشخاص و9 آخرون», the verb says who
        is counted, not the noun) and the run's sentence is not of another case or event
        («وفي قضية أخرى …»)."""
        figures = self.fig.figures
        if self._general(j) or not any(self.others[k] for k in run):
            return False
        first = figures[run[0]]
        opening = self.words.before(first.start, ELSEWHERE_REACH, 0)
        return _ELSEWHERE.isdisjoint(opening)

    def home_abroad(self, run: list[int]) -> bool:
        """The run is two parts, one made at home and one abroad («حققت الأنشطة داخل المغرب
        20.5 مليار درهم، فيما بلغت إيرادات الفروع الدولية 17.9 مليار»): the two sides of a
        whole, a breakdown the text states as «others» does. A longer run splits the whole
        twice over («… من الخارج … من الداخل … الذكور … الإناث»): no side says which."""
        if len(run) != 2:
            return False
        figures, words = self.fig.figures, self.words
        sides = []
        for k in run:
            q = figures[k]
            floor = figures[k - 1].end if k else 0
            ceiling = figures[k + 1].start if k + 1 < len(figures) else None
            said = {*words.before(q.start, HOME_REACH, floor), *words.after(q.end, 4, ceiling)}
            home, abroad = not _HOME.isdisjoint(said), not _ABROAD.isdisjoint(said)
            sides.append("home" if home and not abroad else "abroad" if abroad and not home else "")
        return sorted(sides) == ["abroad", "home"]

    def added(self, first: int) -> bool:
        """An additive word stands before the first figure of a run, in its sentence («وتم
        أيضا زراعة مليون فدان بالبرسيم»، «فضلا عن …», «وفي بقية المحافظات تأتي شبوة …»):
        the text adds more of the kind beside the whole before it, or counts the rest beside
        it; it does not break that whole down."""
        start = self.fig.figures[first].start
        opening = self.words.before(start, ELSEWHERE_REACH, 0)
        if not _ADDED.isdisjoint(opening):
            return True
        clause = self.words.before(start, REST_REACH, 0)
        return any(a in _IN and b in _REST for a, b in pairwise(clause))

    def _general(self, j: int) -> bool:
        """Whole j counts people in general («12 شخصا»): the verb says who is counted."""
        return self.fig.figures[j].attrs.get("category") in WHOLE_CATEGORIES

    def _apart(self, j: int, k: int) -> bool:
        """Figure k is set against another («مقابل 318.5 مليون في النصف الأول من 2023»: a
        value of another time or place), or counts people something else befell than
        whole j's («مقتل تسعة» … «إصابة ستة آخرين»: the wounded are none of the killed)."""
        words, figures = self.words, self.fig.figures
        if not _AGAINST_WORDS.isdisjoint(words.before(figures[k].start, 1, 0)):
            return True
        befell = _befell(words, figures[j])
        return befell is not None and _befell(words, figures[k]) not in (None, befell)

    def _carries(self, j: int, k: int) -> bool:
        """Figure k, with no noun of its own or counting «others», goes on with the run."""
        return self.is_bare(k) or self.joined[k] or (self.others[k] and not self._general(j))

    def spread_said(self, j: int, first: int) -> bool:
        """The run's sentence opens with a verb of spreading whose subject names whole j's
        noun again («8 ملايين شتلة … . وتتوزع الشتلات على ولايات الشمال الغربي بـ3.6
        مليون شتلة، …»): the text states the breakdown, which may overflow its whole."""
        words, figures = self.words, self.fig.figures
        opening = words.before(figures[first].start, SPREAD_OPENING, 0)[:SUBJECT_AT]
        verb = next((n for n, w in enumerate(opening) if w in _SPREAD_CUES), None)
        if verb is None or verb + 1 >= len(opening):
            return False
        return self.fig.stems[j] in _stems([opening[verb + 1]])

    def _cases_named(self, j: int, k: int) -> bool:
        """The sentence names the cases, or whole j's own noun, before figure k («وتوزعت
        الحالات على الولايات، تصدرتها شمال دارفور بـ14 ألفا و200 حالة», «1263 إصابة … .
        تصدرت محافظة بابل الإصابات بـ412 حالة»): its cases are of the count told before."""
        said = self.words.before(self.fig.figures[k].start, CASES_REACH, 0)
        return _THE_CASES in said or self.fig.stems[j] in _stems(said)

    def link(self, run: list[int], j: int) -> list[dict]:
        figures = self.fig.figures
        # a zero is no item: «النقطة صفر» names a place, «صفر إصابات» breaks nothing down
        run = [k for k in run if figures[k].attrs.get("value") != 0]
        self.taken.update(run)
        self.parts_of_whole.setdefault(j, []).extend(run)
        return [
            {"from": figures[k].id, "to": figures[j].id, "type": "part_of"} for k in sorted(run)
        ]

    def run(self, j: int, order: range) -> list[int]:
        """The figures in `order` from whole j (after it, or before it), in the sentences
        next to its own, that count what it counts and fit under it one by one, up to a
        figure as large as it of its kind. A figure with no counted noun of its own carries
        on a list of alike figures in its sentence («تلتها السعودية (7.6 مليون)»)."""
        fig, lo = self.fig, self.lo
        figures, units = fig.figures, fig.units
        own, written = figures[j].sentence, self.written
        run: list[int] = []
        for k in order:
            q = figures[k]
            if abs(written[k] - written[j]) > SENTENCES_AFTER:
                break
            if q.sentence == own or units[k] != units[j]:
                continue
            carried = bool(run) and self._carries(j, k) and figures[run[-1]].sentence == q.sentence
            # (the sentence is read for the cases only when k counts them: `_cases_named`)
            cases = fig.stems[k] == _CASE and self._cases_named(j, k)
            if not (carried or _alike(fig, j, k, cases=cases)):
                continue
            if other_measures(fig.measures[k], fig.measures[j]):
                continue  # «قروض الزبناء 81 مليار درهم … الناتج البنكي الصافي 674 مليون»
            if self._apart(j, k):
                continue
            if self._narrowed(k) and not self._narrowed(j):
                continue  # «تسعة منتخبات عربية» of the 18: a subset by another trait
            if self.stated[k]:
                continue  # «إلى جانب شحنتي مازوت بإجمالي 120 ألف طن»: a total of its own
            if lo[k] >= lo[j]:
                if _named_again(self.words.text, figures[j], q):
                    continue  # «أي 50% من الـ4.6 تريليون جنيه»: the whole said again
                break  # a new total of the same kind
            # «لا يزال آلاف الشهداء تحت الركام»: a count with no value adds nothing up, so
            # no cue-less run takes it as an item
            if not self.former[k] and k not in self.taken and q.attrs.get("value") is not None:
                run.append(k)
        return run

    def listed(self, first: int, j: int, like: int, after: int, lines: bool = False) -> list[int]:
        """The list that goes on from figure `first` in the sentence of figure `after`
        (the list's last item, or the whole): counts or measures in the unit of `like`
        that count what it counts (or name no noun of their own), each under whole j, up
        to the first figure of another kind or a word that ends a list (`_LIST_ENDS`).
        Shares restating an item are passed over; lists of shares are not carried on.
        With `lines` (a table a colon or «كالتالي» opened), the list also goes on down the
        next lines, one item a line («حزب …: 51 مقعدا⏎حزب …: 16 مقعدا⏎…»)."""
        fig, figures, units, words = self.fig, self.fig.figures, self.fig.units, self.words
        if units[like] == "percent":
            return []
        out: list[int] = []
        prev = after
        line = figures[after].sentence
        of_j = set(self.parts_of_whole.get(j, ()))
        inner = False  # within the list of a part of a part («انهار منها 2,900 وجزئيا 1,300»)
        for k in range(first, len(figures)):
            if k == j:
                break
            if figures[k].sentence != line:
                crossed = self._others_go_on(prev, k)  # «24 آخرون»: others of the list's
                if not (
                    (lines and out and _next_line(words.text, figures[prev], figures[k])) or crossed
                ):
                    break
                line = figures[k].sentence
            else:
                crossed = False
            if units[k] == "percent":
                continue
            if not _LIST_ENDS.isdisjoint(words.keys[fig.past[prev] : fig.at[k]]):
                break
            if units[k] != units[like] or self.lo[k] > self.hi[j]:
                break
            if not (self.is_bare(k) or _alike(fig, like, k) or crossed):
                break
            if _befell(words, figures[k]) not in (None, _befell(words, figures[like])):
                break  # «قتل 20 شخصا وأصيب 30»: the wounded are no item of the dead
            if self.stated[k]:
                break  # «إلى جانب شحنتي مازوت بإجمالي 120 ألف طن»: a total of its own
            if k in self.taken and k not in of_j:
                inner = True  # the items after it with no noun of their own are its siblings
            elif inner and self.is_bare(k):
                prev = k
                continue
            else:
                inner = False
            if not self.former[k] and k not in self.taken:
                out.append(k)
            prev = k
        return out

    def carried_on(self) -> list[dict]:
        """Alike figures after the last part of a list the cue patterns linked: of each
        sentence's list, when a whole has parts in two («منها 430 حالة و215 …» and «وسجلت
        القاهرة العدد الأكبر من الحالات بـ218 حالة، تلتها الجيزة بـ176»)."""
        rels: list[dict] = []
        figures = self.fig.figures
        for j, parts in list(self.parts_of_whole.items()):
            lasts = {figures[p].sentence: p for p in sorted(parts)}
            for sentence, last in lasts.items():
                # each sentence's list fits under the whole on its own: two breakdowns of
                # one whole (by cause, by province) add up to it twice
                listed = [p for p in parts if figures[p].sentence == sentence]
                more = self.listed(last + 1, j, last, last)
                if more and (item := self._share_names(more[0])) is not None and item != j:
                    # «…، وتصدرت بغداد المحافظات في حصة الطحين بـ49 ألف طن»: a ranking of
                    # one listed item's share goes under that item
                    if self.fig.may_hold(item, more):
                        rels += self.link(more, item)
                    continue
                if more and (self._fits(j, listed + more) or self._acted_on(last, more)):
                    rels += self.link(more, j)
        return rels

    def _narrowed(self, k: int) -> bool:
        """The figure's noun is narrowed by a relative adjective («تسعة منتخبات عربية»,
        «300 طالب أجنبي»): it counts the things of one trait, a subset that cuts across a
        breakdown of the whole by anything else."""
        q = self.fig.figures[k]
        m = _NOUN_AND_ADJECTIVE.match(self.words.text, q.end)
        if m is None:
            return False
        adjective = m.group(1)  # as written: «مستشفى» folds to a final ي
        return adjective.endswith(_ADJECTIVE_ENDS) and fold(adjective) not in _NOT_ADJECTIVES

    def _others_go_on(self, prev: int, k: int) -> bool:
        """«ونقل 40 منهم إلى مستشفى المدينة. ونقل 24 آخرون إلى …»: the next sentence
        opens with «و» and a verb, and its figure counts «others»: the list goes on."""
        figures, words = self.fig.figures, self.words
        if not self.others[k] or figures[k].sentence != figures[prev].sentence + 1:
            return False
        opening = words.before(figures[k].start, 3, figures[prev].end)
        if not opening or not _verb_like(opening[0], "و") or _imperfect(opening[0][1:]):
            return False
        # the verb of the last part's clause said again: «وأصيب 24 آخرون» are more wounded
        verb = _skeleton(opening[0][1:])
        clause = words.before(figures[prev].start, 4, words.comma_before(figures[prev].start))
        return any(_skeleton(w.removeprefix("و")) == verb for w in clause)

    def _acted_on(self, last: int, more: list[int]) -> bool:
        """«نجح منهم 300 ألف، ورسب 250 ألفا», «غادرت 700 منها، واحتجزت 250»: the last part
        is what a verb of its own says of «them» (منهم/منها), and each figure after it
        opens a clause of its own with «و» and a verb: what befell the others of the same
        whole, a breakdown the text states even when it overflows. («قتل 10 أشخاص، بينهم
        4 أطفال، وأصيب 20»: «بينهم» names a kind within, no verb acts on «them».) The
        verbs tell what happened to each, in the past: states in the present («يعيش 3 ملايين
        منهم في المدن، ويعمل 2.5 مليون في الزراعة») may hold of one person at once."""
        figures, words = self.fig.figures, self.words
        q = figures[last]
        floor = max(words.comma_before(q.start), figures[last - 1].end if last else 0)
        before = words.before(q.start, 4, floor)
        nxt = figures[last + 1].start if last + 1 < len(figures) else None
        around = before + words.after(q.end, 2, nxt)
        if _OF_THEM.isdisjoint(around) or not any(_verb_like(w) for w in before):
            return False
        if any(_imperfect(w) for w in before):
            return False  # «يعيش 3 ملايين منهم في المدن، ويعمل 2.5 مليون»: states overlap
        prev = last
        for k in more:
            f = figures[k]
            start = words.comma_before(f.start)
            clause = words.before(f.start, 4, start)
            if start <= figures[prev].end or not clause or not _verb_like(clause[0], "و"):
                return False
            if _imperfect(clause[0][1:]):
                return False
            prev = k
        return True

    def tabled(self, j: int) -> list[int]:
        """The parts of a prose table opened after whole j, in its sentence or the next,
        before any other figure of its kind («البالغ عددها 407 كالتالي: …»)."""
        if self.no_tables:
            return []
        fig, figures, opens = self.fig, self.fig.figures, self._opens
        for k in range(j + 1, len(figures)):
            if figures[k].sentence > figures[j].sentence + 1:
                return []
            if (opened := opens[k]) is None:
                said = self.words.before_at(fig.at[k], 8, figures[k - 1].end)
                opened = opens[k] = not _TABLE_OPENERS.isdisjoint(said) or self._after_colon(k)
            if not opened:
                if self.fig.units[k] == self.fig.units[j] and _alike(fig, j, k):
                    return []  # an alike figure before any opener: no table of j's
                continue
            # «وتوزعت مقاعد البرلمان الـ111 على النحو الآتي: الحزب … 45 مقعدا، …»: the
            # whole is what a verb of spreading spreads, so each row counts it
            spread = spread_subject(self.words, figures[j])
            if not (self.is_bare(k) or _alike(fig, j, k) or spread):
                return []
            if self.fig.units[k] != self.fig.units[j]:
                return []
            rows = _opens_rows(self.words.text, figures[j], figures[k])
            # (the rows then count alike each other, whatever the whole's words)
            run = self.listed(k, j, k if spread and not _alike(fig, j, k) else j, k, lines=rows)
            # «وتوزع الإنتاج على المحافظات: إربد 9200 طن، …»: a verb of splitting opens the
            # table, which states the breakdown even when it overflows (the rules' to report)
            said = self.words.before_at(fig.at[k], 8, figures[k - 1].end)
            stated = spread or not _SPLIT_CUES.isdisjoint(said)
            return run if self._fits(j, run) or stated else []
        return []

    def _after_colon(self, k: int) -> bool:
        """The figure's clause opens after a colon, and not one within a quoted title
        («فيلم «ولاد رزق 3: القاضية» القائمة بـ71.5 مليون»: a subtitle, no table)."""
        q = self.fig.figures[k]
        start = self.words.comma_before(q.start)
        text = self.words.text
        if start <= 0 or text[start - 1] != ":":
            return False
        opened = text.rfind("«", 0, start)
        return opened < 0 or "»" in text[opened:start]

    def _fits(self, j: int, parts: list[int]) -> bool:
        return self.stated[j] or sum(self.lo[k] for k in parts) <= self.hi[j]


_SENTENCE_MARKS = frozenset(".!?؟")


def _opens_rows(text: str, whole: Mention, first: Mention) -> bool:
    """The whole's line ends in a colon or a table word after it, and the first item stands
    on a line below: a table of one row a line («… 99 مقعدا، توزعت على النحو التالي:⏎»), not
    a row itself («الوسط: 120 مقعدا⏎الشمال: 45 مقعدا»: siblings, no whole and parts)."""
    gap = text[whole.end : first.start]
    line = gap.split("\n", 1)[0].rstrip()
    if "\n" not in gap:
        return False
    return line.endswith(":") or not _TABLE_OPENERS.isdisjoint(map(fold, line.split()))


def _next_line(text: str, prev: Mention, q: Mention) -> bool:
    """`q` stands on the line after the one of `prev` (blank lines between are no line),
    with no full stop between: the next row of a table written one item a line."""
    gap = text[prev.end : q.start]
    rows = gap.split("\n")
    return (
        1 < len(rows) <= 3
        and not any(map(str.strip, rows[1:-1]))
        and _SENTENCE_MARKS.isdisjoint(gap)
    )


def _opens_line(text: str, q) -> bool:
    """Nothing but a bullet or blanks stands before the figure on its line."""
    return not text[text.rfind("\n", 0, q.start) + 1 : q.start].strip(_BULLETS)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _written_sentences(words: _Words, figures: list) -> list[int]:
    """Each figure's sentence counted with a paragraph break after a full stop («.\n\n»)
    as far as a line break after one («.\n»): each gap between two words adds at most
    `GAP_SENTENCES`, not one per mark and blank line."""
    steps: dict[int, int] = {}
    last = at = 0
    for n in words.sentences:
        if n != last:
            at += min(GAP_SENTENCES, n - last)
            last = n
            steps[n] = at
    return [steps.get(q.sentence, 0) for q in figures]


def _sentence_runs(figures: list) -> tuple[list[int], list[int]]:
    """For each figure, the index of the first figure of its sentence and one past the
    last: a run looks at the sentences next to the whole's without walking its own."""
    start, end = [0] * len(figures), [0] * len(figures)
    first = 0
    for k in range(1, len(figures) + 1):
        if k == len(figures) or figures[k].sentence != figures[first].sentence:
            for n in range(first, k):
                start[n], end[n] = first, k
            first = k
    return start, end


def _rival(view: _View, j: int, run: list[int], total: float, signed: bool) -> bool:
    """Another figure of the whole's sentence counts what the parts count and could hold
    them too («بإيرادات 90 مليار دينار ونفقات 100 مليار دينار»): which total they break
    down is not said, so none is chosen. A figure the sentence sets against the whole
    («بلغ الإنتاج 7430 ميغاواط، مقابل ذروة أحمال وصلت إلى 7900») is what it is measured
    against, no total of its own, when the text states the breakdown (a ranking, a list of
    contributions): a run of like figures with no such sign may as well be of last year's
    total as of this one's."""
    fig, hi = view.fig, view.hi
    figures = fig.figures
    # «899,353 حاجا، بينهم 779,919 قدموا من الخارج … تلاهم …»: a ranking within a slip of
    # the part j goes under it, not under the whole j is a part of
    within = signed and total <= SLIP * hi[j]
    return any(
        k != j
        and figures[k].sentence == figures[j].sentence
        and fig.units[k] == fig.units[j]
        and _alike(fig, k, run[0])
        and hi[k] >= total
        and not (signed and view.set_against(k))
        and not (within and j in view.parts_of_whole.get(k, ()))
        for k in range(len(figures))
    )


_ARTICLE_BEFORE = re.compile(r"(?:^|\s)[وفبل]?الـ*\s*$")


def _named_again(text: str, whole: Mention, q: Mention) -> bool:
    """q is the whole said again: its value and unit after «الـ» («من الـ4.6 تريليون»)."""
    return (
        q.attrs.get("value") == whole.attrs.get("value")
        and q.attrs.get("unit") == whole.attrs.get("unit")
        and _ARTICLE_BEFORE.search(text, max(0, q.start - 6), q.start) is not None
    )


def _alike(fig: _Figures, j: int, k: int, cases: bool = False) -> bool:
    """k counts what j counts: for a measure its unit says so; for a count, the same
    counted noun or the same category; a sum of money, the same measure where both name one
    (`measures`: profit is no part of assets). With `cases` (a sentence that names «الحالات»
    after a whole j of the sentences before): cases («حالة») count the people of j."""
    if fig.units[j] is not None:
        return not other_measures(fig.measures[j], fig.measures[k])
    category = fig.figures[j].attrs.get("category")
    if category is not None and category == fig.figures[k].attrs.get("category"):
        return True
    if cases and fig.stems[k] == _CASE and fig.kinds[j] != "things":
        return True  # «61 ألفا و320 طفلا مصابا …» broken down in «حالة»: a case is a patient
    return bool(fig.stems[j]) and fig.stems[j] == fig.stems[k]


_CASE = _stem(fold("حالة"))
_THE_CASES = fold("الحالات")
CASES_REACH = 80  # tokens before a figure, in its sentence, read for «الحالات»


def _per_something(words: _Words, q) -> bool:
    """A price, an average or a bound, the old value «بدلا من» replaces, or a figure for
    each of something (even «لكل من الجانبين»: shared out, not broken down): a figure that
    is no part of a total nor a total of parts."""
    before = words.before(q.start, RATE_REACH, words.comma_before(q.start))
    return (
        not _PER_THING.isdisjoint(before) or not _INSTEAD.isdisjoint(before) or _per_each(words, q)
    )


_DURING = frozenset(fold(w) for w in ("خلال", "منذ", "طوال", "طيلة"))


def _earlier(words: _Words, q) -> bool:
    """A former value («كان يضم 125», «مقارنة بـ…», «6 آلاف العام الماضي»), but not a
    count over a span of time that has just ended («57 حريقا خلال الأسبوع الماضي»)."""
    before = words.before(q.start, PAST_REACH + SINCE_REACH, words.comma_before(q.start))
    # «وزع خلال الأسبوع الماضي 6,840 سلة»: a span that has just ended, before the figure
    before = [
        "" if w in _PAST_AFTER and n >= 2 and before[n - 2] in _DURING else w
        for n, w in enumerate(before)
    ]
    if _past_said(before, _PAST, PAST_REACH):
        return True
    after = words.after(q.end, 4, words.comma_after(q.end))
    for n, word in enumerate(after):
        if word in _PAST_AFTER:
            return not (n >= 2 and after[n - 2] in _DURING)
    return False


def _summed(words: _Words, q) -> bool:
    return not _SUM_WORDS.isdisjoint(
        words.before(q.start, STATED_REACH, words.comma_before(q.start))
    )


def _stated_total(words: _Words, q) -> bool:
    return not _STATED_TOTAL.isdisjoint(
        words.before(q.start, STATED_REACH, words.comma_before(q.start))
    )


def _bare(words: _Words, fig: _Figures, k: int) -> bool:
    """Figure k names no counted noun of its own: no category, and a clause mark, a
    bracket, a preposition or the sentence's end right after it («(7.6 مليون)», «بنحو
    900 ألف.», «و24 في الدوائر المحلية»)."""
    q = fig.figures[k]
    if q.attrs.get("category") is not None:
        return False
    if not any(c.isdigit() for c in q.text) and q.first == q.last and q.attrs.get("value") == 2:
        return False  # a dual («الجانبين») is its own noun
    nxt = fig.past[k]
    tokens = words.tokens
    if nxt >= len(tokens) or not tokens[nxt].joined or tokens[nxt].key in _PREPOSITIONS:
        return True
    # a share held «بـ» and the next holder right after it («ميسان بـ41 ثم البصرة بـ38
    # وواسط بـ31»): no noun between
    key = tokens[nxt].key
    if key == _THEN or key in _RANKED:
        return True  # «تلتها بغداد (371) ثم الديوانية»: the next rank, no noun
    held = _BY.search(words.text[max(0, q.start - 4) : q.start]) is not None
    return held and key.startswith("و") and len(key) > 3


_MOST_NOTABLE = _with_conjunctions(
    {fold(w + p) for w in ("أبرز", "أهم", "أشهر") for p in ("ها", "هم", "هن", "هما")}
)
NOTABLE_WORDS = 4  # words between a count and «أبرزهن»: its noun, a comma, an adjective


def most_notable(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«ستة وزراء دولة، من بينهم خمس نساء، أبرزهن وزيرتا الخارجية …»: a count right after
    «أبرزهن/أبرزها» (the most notable of them) is a part of the count the pronoun refers to,
    the one right before it in the sentence, wherever an earlier pattern put it."""
    if not words.has(_MOST_NOTABLE):
        return rels

    def notable(between: list[str]) -> bool:
        return bool(between) and between[-1] in _MOST_NOTABLE and len(between) <= NOTABLE_WORDS

    return _under_the_figure_before(fig, words, rels, notable, lambda k: [k])


def _under_the_figure_before(
    fig: _Figures,
    words: _Words,
    rels: list[dict],
    marked: Callable[[list[str]], bool],
    run_of: Callable[[int], list[int]],
) -> list[dict]:
    """The links, with each run `run_of(k)` moved under the figure right before k — in its
    sentence and unit, the words between them `marked` — when the run fits under it."""
    figures, units = fig.figures, fig.units
    lo, hi = (list(map(float, b)) for b in fig.bounds())
    moved: dict[str, str] = {}
    for k in range(1, len(figures)):
        owner = k - 1
        if figures[owner].sentence != figures[k].sentence or units[owner] != units[k]:
            continue
        if not marked(words.span(figures[owner].end, figures[k].start)):
            continue
        run = run_of(k)
        if sum(lo[p] for p in run) <= hi[owner] and fig.may_hold(owner, run):
            moved.update({figures[p].id: figures[owner].id for p in run})
    return _moved(rels, moved)


def _moved(rels: list[dict], moved: dict[str, str]) -> list[dict]:
    """The links with each part in `moved` under its new whole instead."""
    if not moved:
        return rels
    kept = [r for r in rels if not (r["type"] == "part_of" and r["from"] in moved)]
    return kept + [{"from": p, "to": w, "type": "part_of"} for p, w in moved.items()]


_AND = fold("و")


def resumed_lists(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«64 دار عبادة، منها 39 مسجدا، دمر 17 منها كليا، و14 حسينية و11 كنيسة»: after a part
    of a part told by its pronoun («17 منها»), the «و»-joined counts of other nouns go on
    with the list the part was in — siblings of «39 مسجدا», not parts of it (a حسينية is no
    مسجد): each is moved to the whole above, when that whole may hold it."""
    figures = fig.figures
    whole_of = {r["from"]: r["to"] for r in rels if r["type"] == "part_of"}
    index = {q.id: k for k, q in enumerate(figures)}
    moved: dict[str, str] = {}
    for n, q in enumerate(figures):
        w = index.get(whole_of.get(q.id, ""))
        g = index.get(whole_of.get(figures[w].id, "")) if w is not None else None
        if g is None or fig.nouns[n] not in _PART_CUES:
            continue  # «17 منها»: a part told by its pronoun, of a part itself
        for p in range(n + 1, len(figures)):
            between = words.span(figures[p - 1].end, figures[p].start)
            joined = bool(between) and between[-1] == _AND
            if whole_of.get(figures[p].id) != figures[w].id or not joined:
                break
            if not fig.stems[p] or fig.stems[p] == fig.stems[w] or fig.nouns[p] in _PART_CUES:
                break  # its own noun, another than the part's whole's
            if not fig.may_hold(g, [p]):
                break
            moved[figures[p].id] = figures[g].id
    return _moved(rels, moved)


# Words right after a ranked figure that are no noun of its own: the next rank, a place
_NO_NOUN = _FOLLOWED | _with_conjunctions({fold(w) for w in ("في", "من", "على", "إلى", "مقابل")})


def _own_noun(words: _Words, q: Mention) -> bool:
    """The figure is followed, in its clause, by a noun of its own («بـ612 ساحة»), not by
    the next rank («بـ1320 ثم») or a clause mark («بـ1850،»)."""
    after = words.after(q.end, 1, words.comma_after(q.end))
    return bool(after) and after[0] not in _NO_NOUN and not words.clause_ends(words.text, q.end)


def inner_rankings(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """«والقروية على 475 كيلومترا، تصدرتها محافظة إربد بـ96 كيلومترا، تلتها الكرك بـ71»: a
    ranking verb with the pronoun of the figure before it («تصدرتها»: topped it) ranks that
    figure's set; its first figure and the ones ranked after it in the sentence («تلتها»,
    «ثم») are parts of that figure, wherever an earlier pattern put them, when they fit."""
    if not words.has(_TOPPED_IT) and not words.has(_TOPPED):
        return rels
    figures, units = fig.figures, fig.units

    def ranked_run(k: int) -> list[int]:
        run = [k]
        # «… 12 ألفا و600 خريج، تصدرت القاهرة توزيعهم بـ1850، تلتها الجيزة بـ1320»: a
        # ranking verb with no pronoun of the set ranks the figure before it only when the
        # ranking goes on («تلتها»): one figure alone may be a set of its own
        for m in range(k + 1, len(figures)):
            q = figures[m]
            span = words.span(figures[m - 1].end, q.start)
            # «تلتها وزارة الأشغال (187) ثم وزارة التربية (163)»: «ثم» goes on with a ranking
            ranked = not _RANKED.isdisjoint(span) or (len(run) >= 2 and _THEN in span)
            if q.sentence != figures[k].sentence or units[m] != units[k] or not ranked:
                break
            run.append(m)
        if not _TOPPED_IT.isdisjoint(words.span(figures[k - 1].end, figures[k].start)):
            return run
        # a bare verb: the ranking goes on, and each figure with a noun of its own counts
        # the noun of the figure before («612 ساحة» rank no «45 ألف مسجد»)
        nouns = [p for p in run if _own_noun(words, figures[p])]
        if len(run) < MIN_PARTS or any(not _names_again(fig, p, k - 1) for p in nouns):
            return []
        # «نحو 43.3 مليون نسمة، منهم … وتخطت بذلك حاجز 43 مليون نسمة، وإن بغداد تتصدر …»: a
        # restatement of a whole broken down already holds no second breakdown of it
        lo, hi = fig.bounds()
        restated = any(
            units[e] == units[k - 1]
            and _names_again(fig, k - 1, e)
            and lo[e] <= hi[k - 1]
            and lo[k - 1] <= hi[e]
            and figures[e].id in wholes
            for e in range(k - 1)
        )
        return [] if restated else run

    wholes = {r["to"] for r in rels if r["type"] == "part_of"}

    return _under_the_figure_before(
        fig, words, rels, lambda between: not (_TOPPED_IT | _TOPPED).isdisjoint(between), ranked_run
    )
