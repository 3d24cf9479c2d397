"""Relations between the found mentions, each from one visible pattern in one sentence.

- `reported_by`: a speech verb (`SPEECH_VERBS`: قال، أعلن، أكد، ذكر، أضاف … in either gender)
  whose subject — the first ORG/PERSON starting within three words after it (Arabic puts the
  verb first), or the one after «عن» for «نقلت … عن X» — is the source of every QUANTITY and
  EVENT after that subject up to the next such verb in the sentence. An agency named and
  then given its short name in quotes («وكالة الأنباء السورية "سانا"») is cited by the short
  name.
- `date_of`: a DATE between a speech verb and its «أن/إن» clause dates the statement: every
  mention it reports; any other DATE dates the QUANTITY/EVENT mentions of its own clause
  (between commas).
- `part_of`: a whole and its parts as news states them — a part cue (بينهم، منها، من ضمنهم …)
  in the part's own clause, a breakdown verb (ينقسمون إلى، يتوزعون على، بواقع …), a named
  group (من بين الممتحنين، كانوا من بين القتلى), a total (بإجمالي، إجمالي … بلغ), a running
  tally (ليرتفع عدد القتلى إلى), «من أصل/من جملة», percent shares of a count; a cue
  opening the clause after a part nests under that part; shares ranked after a held part;
  sums allotted from a named spending; the toll of the last hours; the subject of a
  breakdown verb naming its whole; former values are no wholes. The extent of a list is
  read off the sentence (clause marks, the و chain, connectives), never off the sum. The
  forms linked and refused are listed in docs/commands/extract.md.
- `member_of`: a counted dual directly after «A وB», or directly followed (past agreeing
  adjectives, «:», «هما») by «A وB», where A and B are entities of one label; and the names a
  count introduces with «هي/هما/هم» or «:» («ثلاث ولايات هي …»), all of them.
- `same_as`: a figure said again (same value, unit, category), «الـ» pointing back, a tally
  with «بلغ» restating an earlier count, one candidate's share stated again; and the
  evacuation events of one article (the same process seen by different sources), chained in
  text order; blocking events are separate events.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import compress, pairwise
from operator import ne

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.extract.headline import same_as_headline
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.tokens import PROCLITICS, Token, bare, column, gap, keys_of
from checks.intervals import DEFAULT_TOLERANCE, interval


def _with_conjunctions(cues: set[str]) -> frozenset[str]:
    """The cues as written alone and after و or ف, so that `_has` is one set test."""
    return frozenset(cues | {p + c for c in cues for p in "وف"})


SPEECH_VERBS = {
    fold(w)
    for stem in ("قال", "أعلن", "أكد", "ذكر", "أضاف", "صرح", "أفاد", "أوضح", "نقل")
    for w in (stem, stem + "ت")
} | {fold("قالت")}
_REPORTED_VIA = {fold("نقل"), fold("نقلت")}
_COMPLEMENTIZERS = frozenset(fold(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "بأن"))
WHOLE_CATEGORIES = {"evacuees", "persons", "civilians", "people"}
PEOPLE_CATEGORIES = {
    "fighters", "soldiers", "wounded", "killed", "persons", "civilians", "children", "women",
    "men", "residents", "refugees", "displaced", "evacuees", "detainees", "people", "voters",
    "candidates", "migrants", "returnees", "victims", "patients", "staff", "students",
    "passengers", "visitors",
}  # fmt: skip
TIME_CATEGORIES = {"days", "weeks", "months", "years", "hours", "minutes"}
# Words before a figure (or right after it) that make it a part of an earlier whole.
_PART_CUES = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("بينهم", "بينها", "بينهن", "بينهما", "منهم", "منها", "منهن", "منهما"),
            *("ضمنهم", "ضمنها", "ضمنهن"),  # «من ضمنهم ستة أطفال»
        )
    }
)
# Words before a list of parts that split an earlier whole («ينقسمون إلى», «يتوزعون على»).
_SPLIT_CUES = _with_conjunctions({
    fold(w)
    for w in (
        "ينقسمون", "ينقسم", "تنقسم", "منقسمين", "مقسمين", "يتوزعون", "يتوزع", "تتوزع",
        "موزعين", "موزعة", "موزعون", "توزعوا", "توزعت", "توزع", "يتألفون", "يتوزعن",
        "كالتالي", "كالآتي", "تضمنت", "تضمن", "تتضمن", "يتضمن", "شملت", "شمل", "تشمل",
        "يشمل",
    )
})  # fmt: skip
# Words before a whole that sums the list right before it («بإجمالي 3.9 مليون»).
_TOTAL_CUES = _with_conjunctions(
    {fold(w) for w in ("إجمالي", "بإجمالي", "مجموع", "بمجموع", "المجموع")}
)
# «67 مستشفى من أصل 89»: the figure before is a part of the one after.
_OUT_OF_CUES = _with_conjunctions({fold(w) for w in ("أصل", "جملة")})  # «من جملة 139333»
_RISE_VERBS = {
    fold(w) for w in ("ليصل", "لتصل", "ليرتفع", "لترتفع", "ليبلغ", "لتبلغ", "ليصبح", "وصل", "ارتفع")
}
_TO = {fold(w) for w in ("إلى", "الى")}
_TALLY_WORDS = {
    fold(w) for w in ("عدد", "العدد", "حصيلة", "الحصيلة", "إجمالي", "الإجمالي", "مجموع", "المجموع")
}
_IN_ALL = [fold("في"), fold("المجموع")]
_IN_ALL_WORD = frozenset(_IN_ALL[1:])
_BOUNDS = ("qualifier", "value", "low", "high")
SAME_AS_FROM = 100  # a repeated figure below this may well count another thing
SUBJECT_WINDOW = 3
WHOLE_WINDOW = 8  # figures after a group of parts searched for their whole
NEAR_BEFORE, NEAR_AFTER = 14, 8  # the widest word windows the patterns read at a figure
_CLAUSE_MARKS = "،,:؛;"
_CLAUSE_MARK_RE = re.compile(f"[{_CLAUSE_MARKS}]")


# `fold` of a short string asked again and again (a figure's text, the words right after
# it): one dict look-up instead of a regex and the replacement passes.
_fold = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=1 << 16)
def _is_speech_verb(key: str) -> bool:
    return bare(key) in SPEECH_VERBS or key in SPEECH_VERBS


# Every key `_is_speech_verb` accepts: a verb, or a verb after one proclitic (`bare`).
_SPEECH_KEYS = frozenset(
    key
    for key in SPEECH_VERBS | {p + v for p in PROCLITICS for v in SPEECH_VERBS}
    if _is_speech_verb(key)
)


def _indices(tokens: list[Token], keys: frozenset[str]) -> list[int]:
    """The indices of the tokens whose key is one of `keys` (one pass in C)."""
    found = keys_of(tokens)
    return list(compress(range(len(found)), map(keys.__contains__, found)))


def _sources(tokens: list[Token], text: str, mentions: list[Mention]):
    """(verb token index, subject mention) for every speech verb with an entity subject."""
    by_first = {m.first: m for m in mentions if m.label in ("ORG", "PERSON")}
    found = []
    for i in _indices(tokens, _SPEECH_KEYS):
        tok = tokens[i]
        key = tok.bare if tok.bare in SPEECH_VERBS else tok.key
        window = range(i + 1, min(len(tokens), i + 1 + SUBJECT_WINDOW))
        if key in _REPORTED_VIA:
            after = [k for k in range(i + 1, min(len(tokens), i + 8)) if tokens[k].key == "عن"]
            window = range(after[0] + 1, after[0] + 2) if after else range(0)
        subject = next(
            (by_first[k] for k in window if k in by_first and tokens[k].sentence == tok.sentence),
            None,
        )
        if subject is None:
            continue
        apposition = by_first.get(subject.last + 1)
        if (
            apposition is None
            or apposition.label != subject.label
            or gap(text, subject.end, apposition.start).strip('"«»()')
        ):
            apposition = None
        found.append((i, apposition or subject))
    return found


def reported_and_dated(tokens: list[Token], text: str, mentions: list[Mention]) -> list[dict]:
    """Each claim is reported by the last source whose verb precedes it in its sentence (and
    whose subject it follows); found by bisection per sentence, so linear in the mentions."""
    sources = _sources(tokens, text, mentions)
    claims = [m for m in mentions if m.label in ("QUANTITY", "EVENT")]
    dates = [m for m in mentions if m.label == "DATE"]
    verbs_of: dict[int, list[int]] = {}  # sentence -> positions in `sources`, in text order
    for n, (verb, _) in enumerate(sources):
        verbs_of.setdefault(tokens[verb].sentence, []).append(n)
    verb_positions = {s: [sources[n][0] for n in ns] for s, ns in verbs_of.items()}
    dates_of: dict[int, list[Mention]] = {}
    for d in dates:
        dates_of.setdefault(d.sentence, []).append(d)
    date_lasts = {s: [d.last for d in ds] for s, ds in dates_of.items()}
    complementizer_after = _next_complementizer(tokens)
    statement_date: dict[int, Mention] = {}
    for verb, _ in sources:
        comp = complementizer_after(verb)
        in_sentence = dates_of.get(tokens[verb].sentence, [])
        # the last date after the verb that ends before its «أن» clause
        lasts = date_lasts.get(tokens[verb].sentence, [])
        k = (bisect_left(lasts, comp) if comp is not None else len(lasts)) - 1
        if k >= 0 and in_sentence[k].first > verb:
            statement_date[verb] = in_sentence[k]
    reported: dict[int, list[Mention]] = {}
    for c in claims:
        ns = verbs_of.get(c.sentence)
        if not ns:
            continue
        k = bisect_left(verb_positions[c.sentence], c.first) - 1
        if k >= 0 and c.first > sources[ns[k]][1].last:
            reported.setdefault(ns[k], []).append(c)
    rels = []
    for n, (verb, subject) in enumerate(sources):
        for c in reported.get(n, []):
            rels.append({"from": c.id, "to": subject.id, "type": "reported_by"})
            if verb in statement_date:
                rels.append({"from": c.id, "to": statement_date[verb].id, "type": "date_of"})
    stated = {d.id for d in statement_date.values()}
    dated = {r["from"] for r in rels if r["type"] == "date_of"}
    rels += _clause_dates(text, [d for d in dates if d.id not in stated], claims, dated)
    return rels


def _next_complementizer(tokens: list[Token]) -> Callable[[int], int | None]:
    """`after(k)`: the index of the first «أن/إن» after token k in its sentence, if any
    (by bisection over the complementizers' indices, found in one pass)."""
    at = _indices(tokens, _COMPLEMENTIZERS)

    def after(k: int) -> int | None:
        n = bisect_right(at, k)
        nxt = at[n] if n < len(at) else None
        return nxt if nxt is not None and tokens[nxt].sentence == tokens[k].sentence else None

    return after


def _clause_dates(
    text: str, dates: list[Mention], claims: list[Mention], dated: set[str]
) -> list[dict]:
    """A DATE that dates no statement dates the undated claims of its own clause (no clause
    mark between them); a claim with several such dates takes the nearest. Clauses are told
    by one running count of the marks: a claim and a date share a clause when the count is
    equal at their facing ends, so every claim looks up its dates instead of scanning."""
    marks = _mark_count(text)
    by_start: dict[tuple[int, int], list[Mention]] = {}  # dates that open where a claim ends
    by_end: dict[tuple[int, int], list[Mention]] = {}  # dates that close where a claim starts
    for d in dates:
        by_start.setdefault((d.sentence, marks(d.start)), []).append(d)
        by_end.setdefault((d.sentence, marks(d.end)), []).append(d)
    starts = {key: [d.start for d in ds] for key, ds in by_start.items()}
    ends = {key: [d.end for d in ds] for key, ds in by_end.items()}
    chosen = []
    with_dates = {d.sentence for d in dates}
    for c in claims:
        if c.id in dated or c.sentence not in with_dates:
            continue
        key = (c.sentence, marks(c.end))
        after = by_start.get(key, [])
        k = bisect_left(starts.get(key, []), c.end)
        nearest = after[k] if k < len(after) else None
        key = (c.sentence, marks(c.start))
        before = by_end.get(key, [])
        k = bisect_right(ends.get(key, []), c.start) - 1
        if k >= 0 and (nearest is None or c.start - before[k].end <= nearest.start - c.end):
            nearest = before[k]
        if nearest is not None:
            chosen.append((nearest.start, c.start, c.id, nearest.id))
    return [{"from": c, "to": d, "type": "date_of"} for _, _, c, d in sorted(chosen)]


def _mark_count(text: str) -> Callable[[int], int]:
    """`marks(x)`: how many clause marks `text[:x]` holds (found by one regex search)."""
    at = [m.start() for m in _CLAUSE_MARK_RE.finditer(text)]
    return lambda x: bisect_left(at, x)


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
    fig = _Figures(figures, words)
    groups = _chains(text, fig)  # figure index -> its و-joined list (indices)
    parts_of: dict[int, int] = {}  # figure index -> whole index, as linked so far
    rels: list[dict] = []

    def link(parts: list[int], whole: int) -> bool:
        parts = [p for p in parts if p != whole and p not in parts_of]
        # «بينهم 150 مدنيا، منهم 21 طفلا و12 سيدة، و140 من العسكريين»: an item that cannot
        # be of the whole's kind is none of its parts; in a nested list it goes back up a level
        up = [p for p in parts if _exclusive(figures[p], figures[whole])]
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
        nested: bool = False,
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
        parts = _continued(text, fig, groups[k])
        if split:
            parts = [p for p in parts if _splits_into(fig, words, p)]
        subject = _subject_stems(words, q, figures[k - 1].end if k else 0)
        if subject:  # «381 إصابة … . وأوضحت أن الإصابات المؤكدة توزعت بين …»
            for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
                w = figures[j]
                if w.sentence < q.sentence - (1 if late else 0):
                    break
                named_j = subject & _noun_stems(words, w, figures[j - 1].end if j else 0)
                if j not in parts_of and named_j and link(parts, j):
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
        for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
            w = figures[j]
            if w.sentence != q.sentence and not (late and w.sentence == q.sentence - 1):
                return
            near = fig.near[j]  # the cues below are looked for only where they stand
            if (people and fig.kinds[j] == "things") or (
                not _PER_EACH.isdisjoint(near) and _per_each(words, w)
            ):
                continue
            if (
                not _PAST.isdisjoint(near)
                and _former(words, w)
                and (w.sentence != q.sentence or _compared(fig, j))
            ):
                # «… الموسم الماضي الذي لم يتجاوز فيه 34 مليونا. وتتوزع هذه الكمية»,
                # «إلى 12 مليارا مقابل 10 مليارات في العام السابق، منها 4 مليارات»
                continue
            if (things and fig.kinds[j] == "people") or (
                not _SPREAD_CUES.isdisjoint(near) and _spread_over(words, w)
            ):
                continue
            if (
                _IN in near
                and _place_phrase(words, w)
                and not all(_names_again(fig, p, j) for p in parts)
            ):
                continue  # «… منزلا في ستة أقاليم، انهار 32 بالمئة منها»: the houses
            if (
                fig.kinds[j] == "things"
                and (figures[j].attrs.get("category") in _PLACE_CATEGORIES)
                and (held if held is not None else (held := _held_share(text, figures, parts)))
            ):
                continue  # «استأثرت حلب بـ45 بالمئة منها»: a share a place holds, not of places
            if of is not None and not _counts(words, w, of):
                continue
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
            if split and any(not _same_kind(fig, p, j) for p in parts):
                continue
            if same_noun and parts and not _names_again(fig, parts[0], j):
                continue  # «العام الدراسي يتضمن ثلاثة فصول»: no part of the teachers
            if (j not in parts_of or (nested and j == k - 1)) and link(parts, j):
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
        if k in parts_of:
            continue
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
            if not _has(after, _PART_CUES):  # «16.3 مليار دينار منها،»: it closes the clause
                after = _closing_cue(text, words, q, nxt)
        these = these_named and _among_these(before)  # «ومن بين هؤلاء 18 ألفا»
        # «توزعت بين محافظة عكار بـ210»: a breakdown verb a place phrase away, in the clause
        clause = (
            []  # no breakdown verb nor «أكبرهم» near: nothing below reads the clause
            if _SPLIT_CUES.isdisjoint(near) and _MOST_OF.isdisjoint(near)
            else words.before_at(at[k], 6, clause_start)
        )
        # «وأكبرهم عددا في نينوى بنحو 263 ألفا»: the largest of them is one of them
        most = _has(clause, _MOST_OF)
        cue = _has(before, _PART_CUES) or _has(after, _PART_CUES) or these or most
        if (
            cue
            or (splits and _splits(clause))
            or (not _NAMELY_CUES.isdisjoint(near) and _namely(words, figures, groups[k], before))
        ):
            human = _has(before + after, _HUMAN_PART_CUES) or these
            nonhuman = _has(before + after, _NONHUMAN_PART_CUES)
            spread = not cue and _has(clause, _SPREAD_CUES)
            # «يمثلون نحو 20 بالمئة منهم»: a share may point to the sentence before; so may
            # a cue whose sentence counts nothing before it («… الضحايا جميعهم من العمالة
            # الوافدة، منهم 45 هنديا»: its antecedent was counted in the sentence before)
            share = (human or nonhuman) and fig.units[k] == "percent"
            first = not k or figures[k - 1].sentence != q.sentence
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
                nested=cue and _nests(text, words, figures, parts_of, k),
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
            if j is not None:
                link([k], j)
        elif _AMONG in near and (named := _among_after(words, q, nxt)) is not None:
            # «إن 35 طفلا على الأقل كانوا من بين القتلى»: a part of the toll of the killed
            back_to_whole(k, late=True, said=named)
        elif (
            _AMONG in near
            and (named := _among_named(words, q, floor)) is not None
            and fig.kinds[k] is not None
        ):
            # «من بين الممتحنين ما يزيد على 15 ألف طالب»: the whole counts what the part does
            back_to_whole(k, late=True, of=q.attrs.get("category") or named)
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
    for k, q in enumerate(figures):
        near = fig.near[k]
        # read only by the total cues and, for a share, by the words restating a part
        before = (
            words.before_at(at[k], 5, figures[k - 1].end if k else 0)
            if fig.units[k] == "percent" or not _TOTAL_CUES.isdisjoint(near)
            else []
        )
        gap_words = at[k] - fig.past[k - 1] if k else 99
        total_before = _has(before, _TOTAL_CUES) and not _has(before, _PART_CUES)
        total_after = in_all and words.after(q.end, 2, None) == _IN_ALL  # «… أي 500 في المجموع»
        if (total_before and gap_words <= 6) or (total_after and gap_words <= 3):
            link(groups[k - 1], k)
        elif (_AMONG in near or not _OUT_OF_CUES.isdisjoint(near)) and _out_of(
            words, figures, k, gap_words
        ):  # «67 مستشفى من أصل 89»
            link([k - 1], k)
            # «نسبة المشاركة … بلغت 41 بالمئة، بعد أن أدلى 9 ملايين ناخب … من أصل 22 مليونا»,
            # «… من أصل 67 مليون ناخب، أي بنسبة مشاركة بلغت 66.8%»
            around = [*range(k - 1, max(-1, k - WHOLE_WINDOW), -1),
                      *range(k + 1, min(len(figures), k + 3))]  # fmt: skip
            for j in around:
                if (figures[j].sentence == q.sentence and fig.units[j] == "percent"
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
        if not _RISE_VERBS.isdisjoint(near) and _reaches_total(
            reach := words.before(q.start, 14, 0)
        ):
            # «قتل 20 شخصا وأصيب 30، ليرتفع عدد القتلى إلى 500»: the wounded are not killed
            # «…، بينما ارتفع عدد المصابين إلى 185»: a tally whose clause is set against
            # what came before adds none of it up
            named = _tally_named(reach)
            if not (k and _has(words.span(figures[k - 1].end, q.start), _CONTRASTS)):
                link([j for j in range(k) if figures[j].sentence == q.sentence
                      and _may_count(figures[j], named) and not _said_again(figures[j], q)
                      and not _rose_from(words, figures[j], q)],
                     k)  # fmt: skip
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
            for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
                if of_all and j in parts_of:
                    continue
                named = (
                    fig.stems[j] == _stem(noun)
                    or (j not in parts_of and _same_group(noun, figures[j]))
                    or _acts_as(words, figures[j], noun)
                    or _tally_names(words, figures, j, noun)
                )
                if fig.units[j] is None and named and link([k], j):
                    link(_ranked_after(text, words, fig, k), j)
                    break
        if (
            fig.units[k] is None
            and k not in parts_of
            and fig.nouns[k] == _FROM
            and (noun := _share_of(words, q))
            and noun.startswith("ال")
        ):
            # «العشرات من المصابين», «20 من الجرحى»: a number of a group counted before,
            # the nearest count of that very group (its category), in this sentence or the last
            for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
                if figures[j].sentence < q.sentence - 1:
                    break
                if j not in parts_of and fig.units[j] is None and _same_group(noun, figures[j]):
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
    for k in range(1, len(figures) if words.has(_DURING) else 1):
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
    return rels


class _Figures:
    """The figures of one text with what the patterns ask of them, worked out once: unit
    (time words count as a measure even where no unit is read), kind of thing counted, the
    stem of the counted noun, and the SPEC §3 interval (`checks.intervals`, one call)."""

    def __init__(self, figures: list[Mention], words: _Words) -> None:
        self.figures = figures
        starts, keys, ends = words.starts, words.keys, words.end_of
        # each figure's first token and the token after it, found once
        self.at = [bisect_left(starts, q.start) for q in figures]
        self.past = past = [bisect_left(starts, q.end) for q in figures]
        # the counted noun: the word right after the figure, in its sentence
        nouns = [keys[k] if 0 < k < len(keys) and ends[k - 1] > k else "" for k in past]
        self.nouns = nouns
        self.units = [_unit(q, n) for q, n in zip(figures, nouns, strict=True)]
        self.kinds = [_kind(q.attrs.get("category")) or _kind_before(words, q) for q in figures]
        self.stems = [_stem(n) for n in nouns]
        # the words any pattern reads around each figure (at most `NEAR_BEFORE` before it,
        # `NEAR_AFTER` after it), as a set: a cue absent there is not looked for again
        self.near = [
            frozenset(keys[max(0, a - NEAR_BEFORE) : b + NEAR_AFTER])
            for a, b in zip(self.at, past, strict=True)
        ]
        self._bounds: tuple | None = None
        self._lists: tuple | None = None
        self._recent: list[bool] | None = None

    def recent(self, words: _Words) -> list[bool]:
        """Each figure is a span of time «خلال الـ24 ساعة الماضية» (not «خلال 3 أيام»),
        worked out once, when first asked."""
        if self._recent is None:
            self._recent = [
                self.units[t] in _TIME_UNITS
                and _has(words.before(w.start, 2, 0), _DURING)
                and not _LAST.isdisjoint(words.after(w.end, 3, None))
                for t, w in enumerate(self.figures)
            ]
        return self._recent

    def bounds(self) -> tuple:
        """(lo, hi) of every figure (SPEC §3, `checks.intervals`), computed when first asked:
        most texts propose no link at all."""
        if self._bounds is None and all(m.bounds is not None for m in self.figures):
            lo, hi = zip(*(m.bounds for m in self.figures), strict=True)
            self._bounds = np.array(lo), np.array(hi)
        if self._bounds is None:
            attrs = [m.attrs for m in self.figures]
            column = {k: pd.Series([a.get(k) for a in attrs], dtype=object) for k in _BOUNDS}
            self._bounds = interval(
                column["qualifier"],
                column["value"].astype(float),
                column["low"].astype(float),
                column["high"].astype(float),
                DEFAULT_TOLERANCE,
            )
        return self._bounds

    def may_hold(self, whole: int, parts: list[int]) -> bool:
        """Every part counts what the whole counts (people with people, a unit with the same
        unit, or a share of a count) and fits under it alone: a part larger than its whole,
        or a share above 100, is a figure misread or a link misplaced. How the parts add
        up is never asked: that is the rules' question."""
        unit = self.units
        if self._lists is None:  # Python floats: one look-up and compare each, no numpy scalar
            lo, hi = self.bounds()
            floats = all(getattr(b, "dtype", None) == np.float64 for b in (lo, hi))
            self._lists = (lo.tolist(), hi.tolist()) if floats else (lo, hi)
        lo, hi = self._lists
        # a share's category names what it is a share of, not a kind of thing it counts
        kinds = {self.kinds[j] for j in [*parts, whole] if unit[j] != "percent"} - {None}
        if len(kinds) > 1 or unit[whole] == "time" or hi[whole] != hi[whole]:  # NaN
            return False
        for p in parts:
            if lo[p] != lo[p]:
                return False
            if unit[p] == unit[whole]:
                if lo[p] > hi[whole]:
                    return False
            elif not (unit[p] == "percent" and unit[whole] is None and lo[p] <= 100):
                return False
        return True


# Breakdown cues that also spread a whole over places («موزعين على 2297 مركزا»).
_SPREAD_CUES = _with_conjunctions({
    fold(w)
    for w in (
        "يتوزعون", "يتوزع", "تتوزع", "موزعين", "موزعة", "موزعون", "توزعوا", "توزعت", "توزع",
        "يتوزعن",
    )
})  # fmt: skip
_HUMAN_PART_CUES = _with_conjunctions(
    {fold(w) for w in ("بينهم", "منهم", "بينهن", "منهن", "ضمنهم", "ضمنهن")}
)
_NONHUMAN_PART_CUES = _with_conjunctions({fold(w) for w in ("بينها", "منها", "ضمنها")})
_AMONG = fold("بين")
_AMONG_WORD = frozenset({_AMONG})
_FROM = fold("من")


def _among_named(words: _Words, q: Mention, floor: int) -> str | None:
    """«من بين الممتحنين ما يزيد على 15 ألف طالب»: «من بين» and a definite noun a few
    words before a figure name the group it is taken from; the noun (or "" when unread)."""
    if not words.has(_AMONG_WORD):
        return None
    before = words.before(q.start, 6, floor)
    for n in range(1, len(before) - 1):
        if before[n] == _AMONG and before[n - 1] == _FROM and before[n + 1].startswith("ال"):
            return noun_category(before[n + 1]) or ""
    return None


_RATE = {fold(w) for w in ("نسبة", "ونسبة", "بنسبة")}
_AT_RATE = fold("بنسبة")
_TURNING_OUT = {
    fold(w)
    for w in ("المشاركة", "الاقتراع", "التصويت", "الإقبال", "المشاركين", "المقترعين", "مشاركة")
}
OUT_OF_REACH = 12  # words between a part and «من أصل» its whole


_ABOUT = {fold(w) for w in ("نحو", "قرابة", "حوالي", "حوالى", "زهاء")}


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
    return gap_words <= 8 or comma is None or comma > figures[k].start


_RATE_REACH = 14  # words: «نسبة المشاركة في الدور الأول … التي جرت يوم السبت بلغت 11,22%»


def _turnout(words: _Words, q: Mention) -> bool:
    """«نسبة المشاركة … بلغت 41 بالمئة»: a turnout, a share of the whole electorate."""
    before = words.before(q.start, _RATE_REACH, 0)
    return any(a in _RATE and b in _TURNING_OUT for a, b in pairwise(before))


_THEIR_NUMBER = _with_conjunctions({fold(w) for w in ("عددهم", "عددها", "عددهن")})


def _counted_after(words: _Words, fig: _Figures, k: int) -> int | None:
    """«نحو 73 بالمئة من إجمالي المهاجرين الذين بلغوا السواحل، وعددهم 63,970»: the count of
    the group a share is of, given right after it in its sentence («وعددهم», «البالغ
    عددهم»)."""
    q = fig.figures[k]
    for j in range(k + 1, min(len(fig.figures), k + 3)):
        w = fig.figures[j]
        if w.sentence != q.sentence or fig.units[j] is not None:
            return None
        if _has(words.before(w.start, 2, q.end), _THEIR_NUMBER):
            return j
    return None


def _tally_names(words: _Words, figures: list[Mention], j: int, noun: str) -> bool:
    """«عدد اللاجئين المسجلين لديها بلغ 510 آلاف» … «58 بالمئة من المسجلين»: the share's
    noun is named in the clause that states the count."""
    w = figures[j]
    floor = max(figures[j - 1].end if j else 0, words.comma_before(w.start))
    named = words.before(w.start, TALLY_REACH, floor)
    return len(noun) > 4 and _stem(noun) in {_stem(x) for x in named if x.startswith("ال")}


def _rose_from(words: _Words, a: Mention, total: Mention) -> bool:
    """«ارتفع عدد الشهداء من تسعة إلى 12»: the figure after «من» is the tally's former
    value, not a part of it."""
    before = words.before(a.start, 1, 0)
    between = words.span(a.end, total.start)
    return before == [_FROM] and 1 <= len(between) <= 2 and between[-1] in _TO


def _rate_of(words: _Words, q: Mention, part: Mention) -> bool:
    """«نسبة النجاح … بلغت 37,94 بالمائة، إذ نجح 52866 مترشحا من جملة 139333»: a rate
    whose noun is the part's verb (one consonant skeleton) is that part as a share."""
    before = words.before(q.start, _RATE_REACH, 0)
    nouns = [b for a, b in pairwise(before) if a in _RATE]
    return any(_acts_as(words, part, noun) for noun in nouns)


TOTAL_REACH = 8  # words before a figure searched for «إجمالي» when its parts are far


def _total_far(words: _Words, figures: list[Mention], k: int) -> bool:
    """«وأن إجمالي من أفرج عنهم بجهود إماراتية بلغ 1788»: a total cue in the clause."""
    if not words.has(_TOTAL_CUES):
        return False
    before = words.before(figures[k].start, TOTAL_REACH, figures[k - 1].end if k else 0)
    return _has(before, _TOTAL_CUES) and not _has(before, _PART_CUES)


_TOTAL_WORDS = _TOTAL_CUES | _with_conjunctions(
    {fold(w) for w in ("إجمالية", "الإجمالي", "الإجمالية", "الكلي", "الكلية")}
)


def _states_total(words: _Words, figures: list[Mention], k: int) -> bool:
    """«بنفقات إجمالية تبلغ 12.4 مليار»: the figure is stated as a total."""
    if not words.has(_TOTAL_WORDS):
        return False
    before = words.before(figures[k].start, 4, figures[k - 1].end if k else 0)
    return _has(before, _TOTAL_WORDS) and not _has(before, _PART_CUES)


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


def _tallied(words: _Words, figures: list[Mention], w: int) -> bool:
    """«أن عدد الأشخاص الذين تم إجلاؤهم أكثر 9500 شخصا»: the figure is a tally of a group."""
    before = words.before(figures[w].start, TALLY_REACH, figures[w - 1].end if w else 0)
    return any(x in _TALLY_WORDS or (x[:1] in "وفبل" and x[1:] in _TALLY_WORDS) for x in before)


TALLY_REACH = 8  # words before a whole searched for «عدد», «حصيلة», «إجمالي»
_COMMA_RE = re.compile("[،,؛;]")


def _last_comma(text: str) -> Callable[[int], int]:
    """`comma_before(x)`: the end of the last comma before offset x (0 if none), found by
    bisection over the commas, listed in one regex pass."""
    at = [m.end() for m in _COMMA_RE.finditer(text)]

    def comma_before(x: int) -> int:
        n = bisect_right(at, x) - 1
        return at[n] if n >= 0 else 0

    return comma_before


def _split_before(words: _Words, figures: list[Mention], w: int) -> bool:
    """A breakdown verb before the whole: «ينقسم السكان البالغ عددهم 2 مليون نسمة إلى …»;
    not one that already reached its parts («ينقسمون إلى 19 ألفا …، إضافة إلى 2545»)."""
    floor = figures[w - 1].end if w else 0
    before = words.before(figures[w].start, 6, floor)
    for n, x in enumerate(before):
        if x in _SPLIT_CUES and not _negated(before[:n]):
            return _TO.isdisjoint(before[n + 1 :]) and _ON not in before[n + 1 :]
    return False


_ON = fold("على")
_NEGATIONS = {fold(w) for w in ("لا", "لم", "لن", "ولا", "ولم", "ولن", "ليس", "غير")}


def _negated(before: list[str]) -> bool:
    return bool(before) and before[-1] in _NEGATIONS


_INCLUDES = _with_conjunctions(
    {fold(w) for w in ("تضمنت", "تضمن", "تتضمن", "يتضمن", "شملت", "شمل", "تشمل", "يشمل")}
)


def _splits(before: list[str]) -> bool:
    """A breakdown cue among the words, not negated («ولا تشمل الانتخابات ثلاث محافظات»)."""
    if _SPLIT_CUES.isdisjoint(before):
        return False
    return any(x in _SPLIT_CUES and not _negated(before[:n]) for n, x in enumerate(before))


def _only_includes(before: list[str]) -> bool:
    """The one breakdown cue is a verb of including and no tally is named with it: «العام
    الدراسي يتضمن ثلاثة فصول» says what a year holds; it splits a whole only of the same
    noun («في 15 محافظة، وتشمل ثلاث محافظات»), while «وتضمنت حصيلة القتلى ستين طفلا»
    splits the toll it names."""
    if any(x in _TALLY_WORDS or bare(x) in _TALLY_WORDS for x in before):
        return False
    cues = [x for x in before if x in _SPLIT_CUES]
    return bool(cues) and all(x in _INCLUDES for x in cues)


# Connectives that open a clause about something else («…، بينما ارتفع عدد المصابين إلى»).
_CONTRASTS = _with_conjunctions(
    {fold(w) for w in ("بينما", "فيما", "حين", "وسط", "مقابل", "بالمقابل")}
)


def _said_again(a: Mention, b: Mention) -> bool:
    """The same value, qualifier class, unit and category: one figure said twice (the
    headline's «50 ضحية» and «إلى 50 شخصا»), not a part of itself."""
    ka, kb = (
        (m.attrs.get("value"), _STRICT_BOUNDS.get(m.attrs.get("qualifier"), "point"),
         m.attrs.get("unit"), _people_or(m.attrs.get("category")))
        for m in (a, b)
    )  # fmt: skip
    return ka[0] is not None and ka == kb


def _people_or(category: str | None) -> str | None:
    """Categories of people in general are one; counts of victims too (ضحية, شخص)."""
    return "people" if category in WHOLE_CATEGORIES or category in _ANY_PEOPLE else category


_ANY_PEOPLE = {"victims", "killed", "dead"}  # what befalls them in a toll: one group


def _tally_named(before: list[str]) -> str | None:
    """«ليرتفع عدد القتلى إلى»: the category the running tally counts, if read."""
    for a, b in pairwise(before):
        if a in _TALLY_WORDS or (a[:1] in "وفبل" and a[1:] in _TALLY_WORDS):
            return noun_category(b)
    return None


def _may_count(q: Mention, named: str | None) -> bool:
    """A figure may be part of a tally of `named`: unknown, people in general, or `named`."""
    category = q.attrs.get("category")
    if named is None or named in WHOLE_CATEGORIES or category is None:
        return True
    return category == named or category in WHOLE_CATEGORIES


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


_THESE = fold("هؤلاء")
_THESE_WORD = frozenset({_THESE})
_NAMELY_CUES = _with_conjunctions({fold("بواقع")})


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


def _min_offset(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _among_these(before: list[str]) -> bool:
    """«ومن بين هؤلاء 18 ألفا و540»: «بين هؤلاء» points back to the group just counted."""
    return any(a == _AMONG and b == _THESE for a, b in pairwise(before))


def _namely(words: _Words, figures: list[Mention], chain: list[int], before: list[str]) -> bool:
    """«يضم 138 مقعدا، بواقع 97 مقعدا للدوائر المحلية و41 للدائرة العامة»: «بواقع» before a
    list of two or more is a breakdown; before one figure per unit («بواقع 115 أسيرا لكل من
    الجانبين») it is a rate, no part."""
    return (
        _has(before, _NAMELY_CUES)
        and len(chain) >= 2
        and not any(_per_each(words, figures[p]) for p in chain)
    )


_IN = fold("في")
_PLACE_CATEGORIES = {
    "villages", "camps", "states", "regions", "crossings", "airports", "towns",
    "neighborhoods", "cities", "provinces", "countries", "districts",
}  # fmt: skip


def _names_again(fig: _Figures, part: int, whole: int) -> bool:
    """The part counts what the whole counts: one stem, or one known category."""
    category = fig.figures[part].attrs.get("category")
    return fig.stems[part] == fig.stems[whole] or (
        category is not None and category == fig.figures[whole].attrs.get("category")
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


# «ينقسمون إلى 19 ألفا من …، إضافة إلى 2545 تونسيا»: «إضافة إلى» adds one more part.
_BESIDES = re.compile(r"[،,]\s*و?(?:بالإضافة|إضافة|بالاضافة|اضافة)\s+(?:إلى|الى)\s*$")
_AND_HELD = re.compile(r"(?:^|[\s،,])و\S+(?:\s+\S+){0,2}\s+ب\s*ـ*\s*$")


def _continued(text: str, fig: _Figures, chain: list[int]) -> list[int]:
    """A list a part cue opens runs on past a clause: «من بينهم 10 عسكريين حاصرتهم النيران
    في ولاية بجاية، و26 مدنيا»: a later figure of the sentence and unit that a comma and
    «و» introduce, with at most a dozen words between, is one more part; so is the next
    share a place holds in a list of held shares («عكار بـ210، والشمال بـ130 والبقاع بـ60»)."""
    out = list(chain)
    k = out[-1] + 1
    # «عكار بـ210 إصابات، والشمال بـ130 والبقاع بـ60»: parts held by the places named
    held = _BY.search(text[max(0, fig.figures[chain[0]].start - 4) : fig.figures[chain[0]].start])
    while k < len(fig.figures):
        a, b = fig.figures[out[-1]], fig.figures[k]
        if a.sentence == b.sentence and _in_places(text, b):
            k += 1  # «190 ألفا يقيمون في 973 مركز إيواء، ونحو مليون»: where, not a part
            continue
        between = _AND_QUALIFIED.sub(r"\1و ", text[a.end : b.start])
        if a.sentence != b.sentence or fig.units[out[-1]] != fig.units[k]:
            break
        attributed = held and _AND_HELD.search(between) and len(between.split()) <= 5
        joined = re.search(r"[،,]\s*و\s*$", between) or _BESIDES.search(between)
        if not (joined or attributed) or len(between.split()) > 12:
            break
        if _opens_group(text, b):  # «…، و7 آخرون بينهم طفلان»: another group, not a part
            break
        out.append(k)
        k += 1
    return out


_BARE_PART_CUES = frozenset(
    fold(w) for w in ("بينهم", "بينها", "بينهن", "منهم", "منها", "منهن", "ضمنهم", "ضمنها")
)


def _nests(text: str, words: _Words, figures: list[Mention], parts_of: dict, k: int) -> bool:
    """«بينهم 1889 مدنيا، منهم 310 أطفال»: a part cue without «و» that opens the clause
    right after a part (its noun, a clause mark, the cue) splits that part; «…، ومنهم»
    adds a sibling, and a cue after a whole or far from the part splits nothing nested."""
    if not k or k - 1 not in parts_of or figures[k - 1].sentence != figures[k].sentence:
        return False
    between = words.span(figures[k - 1].end, figures[k].start)
    if not 2 <= len(between) <= 4 or between[-1] not in _BARE_PART_CUES:
        return False
    return bool(_CLAUSE_MARK_RE.search(text, figures[k - 1].end, figures[k].start))


# Words that put a figure in the past or set it against another: a former value. Before
# the figure, in its clause, any of them; after it, only the words naming a past period
# («40 مقعدا بعدما كان …» says 40 is the current value).
_PAST_AFTER = {fold(w) for w in ("الماضي", "الماضية", "السابق", "السابقة", "سابقا")}
_PAST = _PAST_AFTER | {fold(w) for w in ("كان", "كانت", "بعدما", "مقارنة", "بالماضي")}
PAST_REACH = 6  # words before a figure, in its clause, searched for a past marker


def _compared(fig: _Figures, j: int) -> bool:
    """A figure of its sentence comes before j in j's unit: what j is compared with."""
    return (
        j > 0
        and fig.figures[j - 1].sentence == fig.figures[j].sentence
        and (fig.units[j - 1] == fig.units[j])
    )


def _former(words: _Words, w: Mention) -> bool:
    """«بعدما كان يشغل 125 مقعدا», «مقارنة بالموسم الماضي الذي لم يتجاوز فيه 34 مليونا»,
    «13 مقعدا في الدورة السابقة»: a former value, neither a whole of what is broken down
    now nor a sibling of its parts."""
    if not words.has(_PAST):
        return False
    comma = words.comma_after(w.end)
    before = words.before(w.start, PAST_REACH, words.comma_before(w.start))
    after = words.after(w.end, 4, comma)
    return not _PAST.isdisjoint(before) or not _PAST_AFTER.isdisjoint(after)


# «أكبرهم عددا», «أكثرها تضررا»: the largest of a group counted before is one of its parts.
_MOST_OF = _with_conjunctions(
    {fold(w) for w in ("أكبرهم", "أكبرها", "أكثرهم", "أكثرها", "أعلاها", "أعلاهم")}
)


_ALLOT = _with_conjunctions(
    {fold(w) for w in ("خصصت", "خصص", "تخصص", "يخصص", "رصدت", "رصد", "ترصد", "يرصد")}
)
_SPENDING = {fold(w) for w in ("نفقات", "مصروفات", "إنفاق")}  # their stems, the words
ALLOT_REACH = 4  # words between an allocation verb and the first sum it allots


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


_ALONE = _with_conjunctions({fold(w) for w in ("وحده", "وحدها", "وحدهم", "وحدهن")})


def _alone(words: _Words, q: Mention, floor: int, ceiling: int | None) -> bool:
    """«سجلت اللاذقية وحدها 805 وفيات», «نحو 80 ألفا في مخيم الزعتري وحده»: what one
    place or group holds «alone» is its share of a total counted before."""
    if not words.has(_ALONE):
        return False
    after = words.after(q.end, 5, _min_offset(ceiling, words.comma_after(q.end)))
    return _has(words.before(q.start, 4, floor), _ALONE) or _has(after, _ALONE)


_FUNCTION_WORDS = {
    fold(w) for w in ("في", "من", "على", "إلى", "عن", "مع", "منها", "منهم", "بين", "وفي", "فقط")
}


def _is_noun(word: str) -> bool:
    return len(word) >= 3 and word not in _FUNCTION_WORDS and word.isalpha()


def _alone_of(words: _Words, fig: _Figures, k: int, parts_of: dict) -> int | None:
    """The total a share held «alone» belongs to: the nearest earlier figure, in its
    sentence or the one before, of its unit that counts the same noun (one consonant
    skeleton, or one known category); with no noun to match, none."""
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
            return j
    return None


_DURING = _with_conjunctions({fold("خلال")})
_LAST = {fold(w) for w in ("الماضية", "الماضي", "الأخيرة", "الأخير", "الماضيين", "الأخيرين")}
_TIME_UNITS = {"time", "minute", "hour", "day", "week", "month", "year"}


def _consonants(noun: str) -> str:
    """The consonant skeleton of a counted noun, hamza off («شهيدا», «شهداء»: شهد)."""
    return _skeleton(noun).replace("ء", "") if _is_noun(noun) else ""


def _toll_to_date(words: _Words, fig: _Figures, k: int, parts_of: dict) -> int | None:
    """A count in a sentence that dates it to the last span of time («خلال الـ24 ساعة
    الماضية», not «خلال 3 أيام») is a part of the running toll of the same noun the
    sentence before states («ارتفعت حصيلة … إلى», «عدد …»): one known category or one
    consonant skeleton of the noun."""
    q = fig.figures[k]
    if fig.units[k] is not None or not words.has(_DURING):
        return None
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
    for j in range(k - 1, max(-1, k - WHOLE_WINDOW), -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - 1:
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


def _closing_cue(text: str, words: _Words, q: Mention, ceiling: int | None) -> list[str]:
    """The counted noun, then a part cue and a clause mark (or the sentence's end) right
    after it: the cue is the figure's own, it cannot open the next clause's list."""
    if not words.has(_PART_CUES):
        return []
    two = words.after(q.end, 2, ceiling)
    if len(two) < 2 or two[1] not in _PART_CUES or words.clause_ends(text, q.end):
        return []
    k = bisect_left(words.starts, q.end) + 1  # the cue's token
    tok = words.tokens[k]
    closes = k + 1 >= len(words.tokens) or words.tokens[k + 1].sentence != tok.sentence
    return two[1:] if closes or words.clause_ends(text, tok.end) else []


def _subject_stems(words: _Words, q: Mention, floor: int) -> set[str]:
    """The stems of the definite nouns in the part's clause before it («أن الإصابات المؤكدة
    توزعت بين»، «وتشكل الإيرادات النفطية»): the subject that names the whole."""
    before = words.before(q.start, 8, max(floor, words.comma_before(q.start)))
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
    return {_stem(bare(x)) for x in near if len(bare(x)) > 3} - _NOT_NOUNS


_OTHERS = {fold(w) for w in ("آخرون", "آخرين", "أخرى", "آخر", "أخريات")}
# «و» and a qualifier cue before a figure («، ونحو مليون», «وأكثر من 200»): still «و».
_AND_QUALIFIED = re.compile(
    r"(^|\s)و(?:نحو|قرابة|حوالي|حوالى|زهاء|أكثر\s+من|أقل\s+من|ما\s+يقرب\s+من"
    r"|ما\s+يزيد\s+(?:على|عن)|ما\s+لا\s+يقل\s+عن)\s*$"
)
_IN_PLACES = re.compile(r"(?:^|\s)في\s*$")


def _in_places(text: str, q: Mention) -> bool:
    """«في 973 مركز إيواء»: a count of places a clause puts its figure in."""
    if not _IN_PLACES.search(text[max(0, q.start - 5) : q.start]):
        return False
    noun = _fold(text[q.end : q.end + 30]).split()[:1]
    return bool(noun) and (noun[0] in _VENUES or noun_category(noun[0]) in _PLACE_CATEGORIES)


def _opens_group(text: str, q: Mention) -> bool:
    """«7 آخرون», «15 آخرين بينهم 4 نساء»: the figure counts others, or has parts of its own
    (a part cue within its next three words): it is a whole, not one more part."""
    after = [_fold(w) for w in text[q.end : q.end + 40].split()[:3]]
    return not _OTHERS.isdisjoint(after) or _has(after, _PART_CUES)


_PER_EACH = frozenset(fold(w) for w in ("كل", "لكل", "بكل"))


def _per_each(words: _Words, q: Mention) -> bool:
    """«عشرة نواب عن كل دائرة», «115 أسيرا لكل من الجانبين»: a figure per unit is no whole."""
    if not words.has(_PER_EACH):
        return False
    after = words.after(q.end, 3, None)
    return not _PER_EACH.isdisjoint(after)


# A verbal noun before a figure says what it counts («مقتل 229 مدنيا», «إصابة 500»).
_EVENT_NOUNS = {
    fold(w): c
    for c, ws in {
        "killed": ("مقتل", "وفاة", "مصرع"),
        "wounded": ("إصابة", "جرح"),
        "detainees": ("اعتقال", "أسر"),
        "displaced": ("نزوح",),
    }.items()
    for w in ws
}
_TOLL = {fold(w) for w in ("حصيلة", "الحصيلة", "عدد")}


def _named_whole(words: _Words, q: Mention, floor: int) -> str | None:
    """«حصيلة القتلى» right before the parts: the category of the whole they belong to."""
    before = words.before(q.start, 4, floor)
    for a, b in pairwise(before):
        if a in _TOLL or (a[:1] in "وفب" and a[1:] in _TOLL):
            return noun_category(b)
    return None


_DID = {
    fold(w): c
    for c, ws in {
        "killed": ("قتل", "قتلوا", "لقي", "لقوا", "استشهد", "استشهدوا", "توفي"),
        "wounded": ("أصيب", "أصيبوا", "جرح", "جرحوا"),
        "displaced": ("نزح", "نزحوا"),
    }.items()
    for w in ws
}


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
    """The figure counts `category`: by its noun, or by the verbal noun before it."""
    if w.attrs.get("category") == category:
        return True
    before = words.before(w.start, 1, 0)
    return bool(before) and _EVENT_NOUNS.get(before[-1]) == category


def _same_kind(fig: _Figures, part: int, whole: int) -> bool:
    return (
        fig.kinds[part] is None or fig.kinds[whole] is None or (fig.kinds[part] == fig.kinds[whole])
    )


# Places a whole is spread over, not split into («موزعين على 2297 مركزا»).
_VENUES = {
    fold(w)
    for w in (
        "مركز", "مركزا", "مراكز", "دائرة", "دوائر", "موقع", "موقعا", "مواقع", "لجنة", "لجان",
        "قاعة", "قاعات", "مقر", "مقرا", "مقرات", "نقطة", "نقاط", "مكتب", "مكتبا", "مكاتب",
        "فرع", "فرعا", "فروع", "مدينة", "مدن", "بلدية", "بلديات", "إقليم", "أقاليم",
    )
}  # fmt: skip


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


def _is_figure(q: Mention) -> bool:
    return "value" in q.attrs or "low" in q.attrs


_TIME_NOUNS = {
    fold(w)
    for w in (
        "ساعة", "ساعات", "دقيقة", "دقائق", "يوم", "يوما", "أيام", "أسبوع", "أسابيع", "شهر",
        "أشهر", "شهور", "عام", "عاما", "أعوام", "سنة", "سنوات", "سنين",
    )
}  # fmt: skip


def _unit(q: Mention, noun: str) -> str | None:
    """The SPEC §2 unit; a figure of time words is a measure even where no unit is read."""
    unit = q.attrs.get("unit")
    if unit is None and (q.attrs.get("category") in TIME_CATEGORIES or noun in _TIME_NOUNS):
        return "time"
    return unit


def _kind_before(words: _Words, q: Mention) -> str | None:
    """«الدوائر الخمس», «المتهمون التسعة»: a definite numeral follows the noun it counts."""
    if not _fold(q.text).startswith("ال"):
        return None
    before = words.before(q.start, 1, 0)
    if not before:
        return None
    noun = before[-1]
    return "things" if noun.removeprefix("ال") in _VENUES else _kind(noun_category(noun))


def _kind(category: str | None) -> str | None:
    if category is None:
        return None
    return "people" if category in PEOPLE_CATEGORIES else "things"


class _Words:
    """The folded words (token keys) around a span, found by bisection over the tokens:
    within the span's sentence, and between given offsets."""

    def __init__(self, tokens: list[Token], text: str = "") -> None:
        self.tokens = tokens
        self.starts = column(tokens, "start")
        self.sentences = sentences = column(tokens, "sentence")
        self.keys = keys_of(tokens)
        self.text = text
        self._commas: list[int] | None = None
        self._keyset: frozenset[str] | None = None
        # each token's sentence as a run of tokens: its first index and one past its last
        n = len(sentences)
        cuts = [0, *compress(range(1, n), map(ne, sentences[1:], sentences)), n]
        first: list[int] = []
        ends: list[int] = []
        for lo, hi in pairwise(cuts):
            first += [lo] * (hi - lo)
            ends += [hi] * (hi - lo)
        self.first_of, self.end_of = first, ends

    def has(self, cues: frozenset[str] | set[str]) -> bool:
        """Some word of the text is one of the cues: a pattern whose cue the text never
        writes is not looked for at any figure (the word set is made once, when asked)."""
        if self._keyset is None:
            self._keyset = frozenset(self.keys)
        return not self._keyset.isdisjoint(cues)

    def between(self, start: int, end: int) -> int:
        """How many words lie between two offsets."""
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)

    # Starts grow and sentences never go back, so the words a window keeps (not before a
    # floor, in one sentence) are one run of it: its ends are found by bisection.

    def before(self, start: int, n: int, floor: int) -> list[str]:
        """Up to n words before `start`, not before `floor` nor out of its sentence."""
        return self.before_at(bisect_left(self.starts, start), n, floor)

    def before_at(self, k: int, n: int, floor: int) -> list[str]:
        """`before` of the offset where token k starts (or of the text's end)."""
        if k == 0:
            return []
        lo = self.first_of[min(k, len(self.first_of) - 1)]
        if k - n > lo:
            lo = k - n
        if floor > 0:
            lo = max(lo, bisect_left(self.starts, floor))
        return self.keys[lo:k]

    def after(self, end: int, n: int, ceiling: int | None) -> list[str]:
        """Up to n words after `end`, before `ceiling`, in the sentence of what ends there."""
        k = bisect_left(self.starts, end)
        if k == 0 or k >= len(self.tokens):
            return []
        hi = min(k + n, self.end_of[k - 1])
        if ceiling is not None:
            hi = min(hi, bisect_left(self.starts, ceiling))
        return self.keys[k:hi]

    def span(self, start: int, end: int) -> list[str]:
        """The words between two offsets."""
        return self.keys[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def comma_after(self, end: int) -> int | None:
        """The offset of the first clause mark at or after `end`, if any (the marks are
        listed in one regex pass, when first asked)."""
        if self._commas is None:
            self._commas = [m.start() for m in _CLAUSE_MARK_RE.finditer(self.text)]
        n = bisect_left(self._commas, end)
        return self._commas[n] if n < len(self._commas) else None

    def comma_before(self, start: int) -> int:
        """The offset just after the last clause mark before `start` (0 if none)."""
        self.comma_after(0)
        n = bisect_left(self._commas, start) - 1
        return self._commas[n] + 1 if n >= 0 else 0

    def clause_ends(self, text: str, end: int) -> bool:
        """A clause mark stands between `end` and the next word («الخمس، بينهم»)."""
        k = bisect_left(self.starts, end)
        nxt = self.tokens[k].start if k < len(self.tokens) else len(text)
        return bool(_CLAUSE_MARK_RE.search(text, end, nxt))

    def noun_after(self, q: Mention) -> str:
        nxt = self.after(q.end, 1, None)
        return nxt[0] if nxt else ""


def _has(words: list[str], cues: frozenset[str]) -> bool:
    """A cue among the words, also with و/ف before it (the cue sets hold those forms)."""
    return not cues.isdisjoint(words)


def _opens_sentence(words: _Words, q: Mention) -> bool:
    """The cue sits among the first words of its sentence («وخصص منها 3 آلاف»): its
    antecedent may be in the sentence before."""
    return len(words.before(q.start, 5, 0)) < 5


def _reaches_total(before: list[str]) -> bool:
    """«ليصل العدد الإجمالي إلى», «ليرتفع عدد النازحين … إلى»: a running total."""
    if not any(w in _TO for w in before[-4:]) or _has(before[-4:], _PART_CUES):
        return False
    return any(w in _RISE_VERBS for w in before) and any(w in _TALLY_WORDS for w in before)


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


_RELATIVES = {fold(w) for w in ("الذين", "اللذين", "التي", "الذي", "اللواتي", "اللاتي")}


def _acts_as(words: _Words, w: Mention, noun: str) -> bool:
    """«264 ألفا و312 مترشحا ومترشحة نجحوا» … «57 في المئة من الناجحين»: the share's noun
    and a word right before or after the count (its verb or noun) share their consonants."""
    sk = _skeleton(noun)
    near = words.before(w.start, 1, 0) + words.after(w.end, 4, None)  # «نجح 264 ألفا»
    return len(sk) >= 3 and any(_skeleton(x) == sk for x in near)


def _possessive_off(word: str) -> str:
    """«من أصواتهم» → «أصوات»: the pronoun suffix names the whole, the noun its group."""
    for end in ("هم", "هن", "ها"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


# Shares of the votes are shares of the voters who cast them.
_SHARE_GROUPS = {"votes": "voters"}


def _same_group(noun: str, whole: Mention) -> bool:
    """The share's noun counts what the whole counts (`الحجاج` of `1,845,045 حاجا`)."""
    group = noun_category(noun)
    whole_group = whole.attrs.get("category")
    return group is not None and _SHARE_GROUPS.get(group, group) == _SHARE_GROUPS.get(
        whole_group, whole_group
    )


_RANK_WORDS = {fold(w) for w in ("يليه", "تليه", "يليها", "تليها", "تلاه", "تلته", "ثم")}
_RESTATES = {fold(w) for w in ("أي", "بنسبة", "نسبته", "نسبتهم", "معدل", "نسبة")}
_AGAINST = {fold(w) for w in ("مقابل", "ومقابل")}
_BY = re.compile(r"ب\s*ـ*\s*$")


def _ranked_after(text: str, words: _Words, fig: _Figures, k: int) -> list[int]:
    """«على 56.12% من الأصوات، يليه فلان بـ22.10%، ثم فلان بـ32.76%», «58 بالمئة من أصواتهم
    مقابل 47 بالمئة»: the shares ranked after, or set against, a linked share in its sentence
    are shares of the same whole."""
    out = []
    for j in range(k + 1, len(fig.figures)):
        q = fig.figures[j]
        if q.sentence != fig.figures[k].sentence or fig.units[j] != "percent":
            break
        before = words.before(q.start, 6, fig.figures[j - 1].end)
        ranked = _has(before, _RANK_WORDS) and _BY.search(text[max(0, q.start - 4) : q.start])
        if not (ranked or (before and before[-1] in _AGAINST)):  # «… مقابل 47 بالمئة»
            break
        out.append(j)
    return out


_HELD = re.compile(r"(?:ب\s*ـ*|بنحو\s+|بحوالي\s+|على\s+|علي\s+)$")
_FOLLOWED = _with_conjunctions(
    _RANK_WORDS | {fold(w) for w in ("متبوعا", "متبوعة", "تلاها", "يليهم", "تليهم")}
)


def _held_siblings(
    text: str, words: _Words, fig: _Figures, k: int, parts_of: dict[int, int]
) -> list[int]:
    """«بحصوله على 102 مقعد …، متبوعا بحزب الأصالة بـ87 مقعدا، ثم حزب الاستقلال بـ81»,
    «حصول الحزب على 39 مقعدا من أصل 100، والاتحاد على 23 مقعدا»: the shares others hold
    of one whole, ranked after a held part (a rank word) or set in parallel with it (a
    clause opening with «و», the same «على/بـ» before the figure), counting the same
    thing; a former value («بعدما كان يشغل 125 مقعدا») is none."""
    figures = fig.figures
    held_k = _HELD.search(text[max(0, figures[k].start - 5) : figures[k].start])
    prep = text[max(0, figures[k].start - 5) : figures[k].start].strip()[-1:]
    out, last = [], k
    for j in range(k + 1, len(figures)):
        q = figures[j]
        if q.sentence != figures[k].sentence or fig.units[j] != fig.units[k]:
            break
        if j == parts_of[k]:
            continue  # «على 102 مقعد من أصل 395، متبوعا …»: the whole itself
        alike = _names_again(fig, j, k) or q.attrs.get("category") == figures[k].attrs.get(
            "category"
        )
        if j in parts_of or not alike or (not _PAST.isdisjoint(fig.near[j]) and _former(words, q)):
            break
        held = _HELD.search(text[max(0, q.start - 5) : q.start])
        clause = words.before(q.start, 6, max(figures[last].end, words.comma_before(q.start)))
        ranked = held and _has(clause, _FOLLOWED)
        parallel = (
            held
            and held_k
            and clause[:1]
            and clause[0].startswith("و")
            and text[max(0, q.start - 5) : q.start].strip()[-1:] == prep
            and words.comma_before(q.start) > figures[last].end
        )
        if not (ranked or parallel):
            break
        out.append(j)
        last = j
    return out


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A rough stem to tell a counted noun again («السوريين», «سوري»): article, plural and
    feminine endings and a final nisba ي off."""
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    for end in ("يين", "ين", "ون", "ات", "ه", "ي"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            break
    return word.removesuffix("ي") if len(word) > 3 else word


def _stems(words: list[str]) -> set[str]:
    """Each word's stem, with and without a one-letter proclitic («بنفقات» → نفق)."""
    return {_stem(x) for w in words for x in (w, bare(w))}


_SPENDING_STEMS = frozenset(_stem(w) for w in _SPENDING)
# Words around a figure that name no noun a total and its part could share.
_NOT_NOUNS = {
    _stem(fold(w)) for w in ("تبلغ", "يبلغ", "بلغ", "بلغت", "أن", "إن", "إلى", "من", "في")
}


def _chains(text: str, fig: _Figures) -> dict[int, list[int]]:
    """Each figure's list of figures joined by و (and commas), all of one unit."""
    groups: dict[int, list[int]] = {}
    current = [0]
    for k in range(1, len(fig.figures) + 1):
        if k < len(fig.figures) and _coordinated(text, fig, k - 1, k):
            current.append(k)
            continue
        for j in current:
            groups[j] = current
        current = [k]
    return groups


def _coordinated(text: str, fig: _Figures, i: int, j: int) -> bool:
    """«4500 مسلحًا و337», «41230 رجلا، و48705», «أربع شاحنات وقود وأربع»: at most three
    words (the counted noun and what qualifies it), then و, between two figures of one
    sentence and one unit."""
    a, b = fig.figures[i], fig.figures[j]
    if a.sentence != b.sentence or fig.units[i] != fig.units[j]:
        return False
    raw = text[a.end : b.start]
    # the qualifier folded below is at most three words more: a longer gap joins nothing
    if len(raw.replace("،", " ").replace(",", " ").split()) > 9:
        return False
    between = _AND_QUALIFIED.sub(r"\1و ", raw)  # «، ونحو مليون»
    words = between.replace("،", " ").replace(",", " ").split()
    if b.text.startswith("و") and len(b.text) > 1:
        words.append("و")  # a figure read with its و inside the span
    # «29 مليون قنطار من القمح اللين و13 مليونا»: the noun's «من» complement is one more
    reach = 6 if "من" in words[1:3] and "،" not in between and "," not in between else 4
    return 1 <= len(words) <= reach and words[-1] == "و"


def member_of(text: str, mentions: list[Mention]) -> list[dict]:
    rels = []
    entities = [m for m in mentions if m.label in ("PERSON", "ORG", "LOC")]
    ends = [e.end for e in entities]
    starts = [e.start for e in entities]
    for q in mentions:
        if q.label != "QUANTITY" or q.attrs.get("value") != 2 or " " in q.text:
            continue
        k = bisect_right(ends, q.start)
        before = entities[max(0, k - 2) : k]
        k = bisect_left(starts, q.end)
        after = entities[k : k + 5]
        pair = None
        if len(before) >= 2 and _adjoins(text[before[-1].end : q.start]):
            pair = before[-2:]
        elif len(after) >= 2 and _introduces(text[q.end : after[0].start]):
            pair = after[:2]
            for e in after[2:]:  # «البصرة وميسان وذي قار»: every name the list goes on with
                if e.label != pair[-1].label or not _joined_by_and(text, pair[-1], e):
                    break
                pair.append(e)
        if pair and pair[0].label == pair[1].label and _joined_by_and(text, *pair[:2]):
            rels += [{"from": e.id, "to": q.id, "type": "member_of"} for e in pair]
    seen = {(r["from"], r["to"]) for r in rels}
    listed = _listed_members(text, mentions, entities, starts)
    return rels + [r for r in listed if (r["from"], r["to"]) not in seen]


# Counted nouns whose members are places, organizations or people, by the members' label.
_MEMBER_CATEGORIES = {
    "LOC": {
        "villages", "camps", "states", "regions", "crossings", "airports", "dams", "towns",
        "neighborhoods", "cities", "schools", "hospitals", "countries", "islands",
    },
    "ORG": {"organizations"},
    "PERSON": PEOPLE_CATEGORIES,
}  # fmt: skip
# «ثلاث ولايات هي …», «قريتين محاصرتين في ريف إدلب، هي …», «ثلاث دول: …»
_INTRODUCED = re.compile(r"(?:^|[\s،,])(?:و?(?:هي|هما|هم|هن)|:)\s*$")
_INTRODUCERS = ("هي", "هما", "هم", "هن", ":")


def _introduced(between: str) -> bool:
    """`between` ends with «هي/هما/هم/هن» or «:» (the literal tested before the regex)."""
    return between.rstrip().endswith(_INTRODUCERS) and _INTRODUCED.search(between) is not None


_INTRODUCED_WITHIN = 7  # words between a figure and «هي»: its noun, adjectives, a place
_RELATIVES = {fold(w) for w in ("التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي")}


def _listed_members(
    text: str, mentions: list[Mention], entities: list[Mention], starts: list[int]
) -> list[dict]:
    """The entities a count introduces with «هي/هما/هم» or «:» («في ثلاث ولايات هي القضارف
    والخرطوم والجزيرة»): the و-joined names of one label right after the introducer are
    members of the nearest figure before it in the sentence, when nothing but the counted
    noun, its adjectives and a place phrase stands between, and the figure counts things
    those names can be (places for LOC …; an unread noun only right before the introducer).
    The whole list is linked: a list longer than its count is what `count.members` reports."""
    quantities = [m for m in mentions if m.label == "QUANTITY" and "value" in m.attrs]
    q_starts = [m.start for m in quantities]
    rels = []
    for n, q in enumerate(quantities):
        nxt = q_starts[n + 1] if n + 1 < len(quantities) else len(text)
        after = bisect_left(starts, q.end)
        k = next(
            (
                i  # past a place phrase («في ريف إدلب») to the name after «هي»
                for i in range(after, min(after + 3, len(entities)))
                if entities[i].sentence == q.sentence
                and entities[i].start <= nxt
                and _introduced(text[q.end : entities[i].start])
            ),
            None,
        )
        if k is None:
            continue
        first = entities[k]
        between = text[q.end : first.start]
        category = q.attrs.get("category")
        if text[q.end : first.start].count(".") or any(
            e.sentence != q.sentence or e.start > nxt for e in entities[after:k]
        ):
            continue
        words = _CLAUSE_MARK_RE.sub(" ", between).split()
        relative = bool(words) and fold(words[0]) in _RELATIVES and category is not None
        if len(words) > _INTRODUCED_WITHIN * (2 if relative else 1):
            continue  # a relative clause may stand between: «الدول الخمس التي أعلنت …، وهي»
        if category is None and len(words) > 2:
            continue
        if category is not None and category not in _MEMBER_CATEGORIES.get(first.label, ()):
            continue
        members = [first]
        for e in entities[k + 1 : k + 8]:
            if e.label != first.label or not _joined_by_and(text, members[-1], e):
                break
            members.append(e)
        if len(members) >= 2:
            rels += [{"from": e.id, "to": q.id, "type": "member_of"} for e in members]
    return rels


def _adjoins(between: str) -> bool:
    return not between.strip(" ،,")


def _introduces(between: str) -> bool:
    words = [w for w in between.replace(":", " ").split() if w not in ("هما", "وهما")]
    return all(fold(w).endswith(("تين", "تان", "ين", "ان")) for w in words) and len(words) <= 2


def _joined_by_and(text: str, a: Mention, b: Mention) -> bool:
    return text[a.end : b.start].strip() in ("و", "،و", "، و")


_STRICT_BOUNDS = {"more_than": "more", "less_than": "less"}


def same_as_figures(text: str, quantities: list[Mention]) -> list[dict]:
    """A figure written again with the same value, unit and category (`35 ألف شخص` …
    `35000 مدني`: people in general are one category here) is the same figure: each repeat
    is `same_as` its first mention (unless one says «more than» or «less than» it and the
    other does not). Small figures (below `SAME_AS_FROM`), figures of
    unknown category and repeats a few words apart («100 في حلب و100 في إدلب») are left
    alone."""
    first: dict[tuple, Mention] = {}
    rels = []
    latest: dict[tuple, Mention] = {}  # (unit, category) -> the latest figure of them
    for q in quantities:
        value, category = q.attrs.get("value"), q.attrs.get("category")
        kind = (q.attrs.get("unit"), category)
        earlier = latest.get(kind) if category is not None else None
        if category is not None:
            latest[kind] = q
        if earlier is not None and _anaphoric(text[max(0, q.start - 8) : q.start]):
            # «الـ49.5 مليون مسافر»: the article points back to the figure said before, so
            # they are one figure, whatever the values (a restated figure may be misstated)
            rels.append({"from": q.id, "to": earlier.id, "type": "same_as"})
            continue
        if value is None or category is None or value < SAME_AS_FROM:
            continue
        category = "people" if category in WHOLE_CATEGORIES else category
        # «ألف شخص» and «أكثر من ألف شخص» say different things with one number; «نحو 25
        # مليون» and «25 مليون» say one
        bound = _STRICT_BOUNDS.get(q.attrs.get("qualifier"), "point")
        key = (value, bound, q.attrs.get("unit"), category)
        seen = first.setdefault(key, q)
        if seen is q:
            continue
        if seen.sentence != q.sentence or len(text[seen.end : q.start].split()) >= 5:
            rels.append({"from": q.id, "to": seen.id, "type": "same_as"})
    more = same_as_definite(text, quantities) + same_as_tallies(text, quantities)
    more += same_as_headline(text, quantities)
    return _once(rels + more + same_as_held_shares(text, quantities))


# «حصل الرئيس فلان على 84.30 بالمئة», «فوز فلان بنسبة 94.65 بالمئة», «فلان بـ9.56%»: the
# name right before «على», «بنسبة» or «بـ» holds the share.
_HOLDER = re.compile(r"(?:^|\s)(?:حصول|حصل|حصلت|نال|نالت|فوز|فاز|فازت)\s+(?:\S+\s+){0,3}?"
                     r"([^\s،,.]+)\s+(?:على|بنسبة|بـ?)\s*$")  # fmt: skip
_ROUNDS = re.compile(r"الجولة|جولة|الدور|السابقة")


def same_as_held_shares(text: str, quantities: list[Mention]) -> list[dict]:
    """«حصل الرئيس عبد المجيد تبون على 84.30 بالمئة» … «أعلنت فوز تبون بنسبة 94.65
    بالمئة»: one candidate's share stated again in another sentence is one figure, whatever
    the values (two sources at odds is what `same_as.values` reports). The holder is the
    name right before «على/بنسبة» after a verb of winning; a common noun («الحزب») or a
    text that speaks of rounds («الجولة الثانية») holds no single result, so nothing is
    linked there."""
    held: dict[str, Mention] = {}
    rels = []
    for q in quantities:
        if q.attrs.get("unit") != "percent":
            continue
        hit = _HOLDER.search(text[max(0, q.start - 80) : q.start])
        if hit is None or hit.group(1).startswith("ال") or len(hit.group(1)) < 3:
            continue
        name = fold(hit.group(1))
        earlier = held.setdefault(name, q)
        rounds = any(_ROUNDS.search(_sentence_around(text, m)) for m in (q, earlier))
        if earlier is not q and earlier.sentence != q.sentence and not rounds:
            rels.append({"from": q.id, "to": earlier.id, "type": "same_as"})
    return rels


# Kinds of people no member of the other can be: a soldier is no civilian, a man no child.
_EXCLUSIVE = (
    ({"civilians"}, {"fighters", "soldiers"}),
    ({"children", "women"}, {"men", "fighters", "soldiers"}),
)


def _exclusive(a: Mention, b: Mention) -> bool:
    """The two figures count kinds of people that exclude each other."""
    x, y = a.attrs.get("category"), b.attrs.get("category")
    return any((x in one and y in other) or (y in one and x in other) for one, other in _EXCLUSIVE)


def _once(rels: list[dict]) -> list[dict]:
    """Each figure restates at most one earlier figure: the first link found for it."""
    seen: set[str] = set()
    out = []
    for r in rels:
        if r["from"] not in seen:
            seen.add(r["from"])
            out.append(r)
    return out


_DEFINITE_NOUN = re.compile(r"(?:^|\s)[وفب]?(ال\S+)\s+(?:[وف]?الـ+\s*)?$")


def same_as_definite(text: str, quantities: list[Mention]) -> list[dict]:
    """«الحافلات الـ16», «الشاحنات الخمس عشرة»: a definite numeral after a definite noun
    points back to the group that noun counted before; it restates the one earlier figure
    of that category. «الـ» before digits marks the reference whatever the values (a
    misstated restatement is what `same_as.values` reports); a definite number word
    restates only an equal figure. With two or more such figures the numeral may add them
    up («المتهمون التسعة» after three, four and two of them), so nothing is linked."""
    rels = []
    for k, q in enumerate(quantities):
        if not _is_figure(q):
            continue
        before = text[max(0, q.start - 40) : q.start]
        marked = _anaphoric(before)
        if not (_fold(q.text).startswith("ال") or marked):
            continue
        noun = _DEFINITE_NOUN.search(before)
        category = noun_category(noun.group(1)) if noun else None
        if category is None or q.attrs.get("category") not in (None, category):
            continue  # the noun before is what it counts (the extractor's category, if any)
        alike = [
            p
            for p in quantities[max(0, k - RESTATED_WITHIN) : k]
            if p.attrs.get("unit") == q.attrs.get("unit")
            and (p.attrs.get("category") == category or _restates_people(p, category))
        ]
        # «الحافلات الـ16» points back whatever it says; a definite number word («الجنود
        # الخمسة» after «3 جنود») may count another group, so it restates only its equal
        if len(alike) == 1 and (marked or alike[0].attrs.get("value") == q.attrs.get("value")):
            rels.append({"from": q.id, "to": alike[0].id, "type": "same_as"})
    return rels


def _restates_people(p: Mention, category: str) -> bool:
    """«مقتل 7 مدنيين» … «القتلى السبعة»: people in general named again by what befell them."""
    return p.attrs.get("category") in WHOLE_CATEGORIES and _kind(category) == "people"


_ANAPHORIC = re.compile(r"(?:^|\s)[وف]?الـ+\s*$")


def _anaphoric(before: str) -> bool:
    """«الـ» ends the text before a figure (the literal tested before the regex)."""
    return "الـ" in before and _ANAPHORIC.search(before) is not None


# «عدد الخارجين من حرستا بلغ 4679»: a tally of a group, stated by «بلغ» and its kin, with
# the words between the tally noun and the verb (a place, «منذ …») kept for the place test.
_TALLY_STATED = re.compile(
    r"(?:^|\s)[وب]?(?:عدد|حصيلة)\s+(ال\S+)((?:\s+\S+){0,8}?)\s+"
    r"(?:قد\s+)?(?:بلغ|بلغت|يبلغ|تبلغ|وصل|وصلت|يصل|تصل|تخطى|تجاوز|ناهز|قارب)"
    r"(?:\s+(?:نحو|حوالي|حوالى|قرابة|زهاء|أكثر\s+من|ما\s+يقرب\s+من))?\s*$"
)
# The last word `_TALLY_STATED` can end with: its verb, or the qualifier after it.
_TALLY_ENDS = (
    *("بلغ", "بلغت", "يبلغ", "تبلغ", "وصل", "وصلت", "يصل", "تصل", "تخطى", "تجاوز", "ناهز"),
    *("قارب", "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "من"),
)
_TALLY_LOOKBACK = 140  # characters before a figure searched for its tally phrase
_UPDATES = re.compile(r"ارتفع|ليرتفع|لترتفع|ليصل|لتصل|ليبلغ|لتبلغ|زاد|تراجع|انخفض|إجمالي|الإجمالي")
_PLACE_IN = re.compile(r"(?:^|\s)(?:من|في|إلى)\s+(\S+)")
RESTATED_WITHIN = 8  # earlier figures searched for the one a tally restates


@lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str:
    """The consonants of a word without article, plural or verb endings and long vowels:
    «الخارجين» and «خرجوا» both give خرج, «القتلى» and «قتلوا» قتل."""
    word = fold(word)
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    for end in ("يين", "ين", "ون", "وا", "ات", "ى", "ه", "ي"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            word = word[: -len(end)]
            break
    return "".join(c for c in word if c not in "اويى")


def same_as_tallies(text: str, quantities: list[Mention]) -> list[dict]:
    """«٦٧٤٩ شخصا خرجوا من مدينة حرستا … وقال المرصد إن عدد الخارجين من حرستا بلغ 4679
    شخصا»: a tally stated with «بلغ» (`_TALLY_STATED`) of the group an earlier sentence
    counted — the tally noun shares its consonants with that figure's noun or verb, both
    count one kind of people or thing, and any place the tally names is named in that
    sentence too — restates that figure, whatever its value (a restated figure may be
    misstated: `same_as.values` is there to say so). A running total («ارتفع عدد …»,
    «الإجمالي») is an update, not a restatement."""
    rels = []
    for k, q in enumerate(quantities):
        if k == 0 or q.attrs.get("category") is None:
            continue
        before = text[max(0, q.start - _TALLY_LOOKBACK) : q.start]
        hit = (
            _TALLY_STATED.search(before)
            if ("عدد" in before or "حصيلة" in before) and before.rstrip().endswith(_TALLY_ENDS)
            else None
        )
        if hit is None or _UPDATES.search(hit.group(0)):
            continue
        noun, rest = _skeleton(hit.group(1)), hit.group(2)
        places = [fold(p) for p in _PLACE_IN.findall(rest)]
        for j in range(k - 1, max(-1, k - 1 - RESTATED_WITHIN), -1):
            p = quantities[j]
            if p.sentence == q.sentence or not _one_group(p, q) or _introduced_as_part(text, p):
                continue
            sentence = fold(_sentence_around(text, p))
            around = (
                fold(text[p.end : p.end + 40]).split()[:2]
                + fold(text[max(0, p.start - 12) : p.start]).split()[-1:]
            )
            if noun in {_skeleton(w) for w in around} and all(
                pl in sentence or pl.removeprefix("ال") in sentence for pl in places
            ):
                rels.append({"from": q.id, "to": p.id, "type": "same_as"})
                break
    return rels


def _introduced_as_part(text: str, p: Mention) -> bool:
    """«بينها 20 شاحنة وقود»: a part a cue introduces is not the group a tally restates."""
    return _has([fold(w) for w in text[max(0, p.start - 30) : p.start].split()[-3:]], _PART_CUES)


def _one_group(a: Mention, b: Mention) -> bool:
    """Same unit and category; people in general (`WHOLE_CATEGORIES`) may be any people
    («120 شخصا قتلوا» … «عدد القتلى بلغ 102 قتيلا»: the tally noun has said who)."""
    ca, cb = a.attrs.get("category"), b.attrs.get("category")
    if a.attrs.get("unit") != b.attrs.get("unit"):
        return False
    if ca in WHOLE_CATEGORIES or cb in WHOLE_CATEGORIES:
        return _kind(ca) == _kind(cb) == "people"
    return ca == cb


def _sentence_around(text: str, m: Mention) -> str:
    """The text of the sentence `m` stands in (to the nearest full stop either side)."""
    lo, hi = max(0, m.start - _SENTENCE_REACH), min(len(text), m.end + _SENTENCE_REACH)
    start = max(text.rfind(".", lo, m.start), text.rfind("\n", lo, m.start), lo - 1) + 1
    ends = [e for e in (text.find(".", m.end, hi), text.find("\n", m.end, hi)) if e != -1]
    return text[start : min(ends) if ends else hi]


_SENTENCE_REACH = 400  # characters: a sentence is read no further either side


def same_as_events(evacuations: list[Mention]) -> list[dict]:
    """Chain the evacuation events (not the blocking ones) in text order."""
    return [{"from": a.id, "to": b.id, "type": "same_as"} for a, b in pairwise(evacuations)]
