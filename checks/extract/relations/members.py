"""`member_of`: a counted dual directly after «A وB», or directly followed (past agreeing
adjectives, «:», «هما») by «A وB», where A and B are entities of one label; and the names a
count introduces with «هي/هما/هم» or «:» («ثلاث ولايات هي …»), all of them; and the people
a group noun introduces («والمتوفون هم: …»), members of the count of that group before.
A member may carry its age in brackets and a few words that describe it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from checks.arabic import fold
from checks.extract.entities import (
    DESCRIPTION_HEADS,
    ORG_GROUPS,
    PLACE_GROUPS,
    PLACE_HEADS,
    PLACE_NOUN,
)
from checks.extract.model import Mention
from checks.extract.relations.figures import PEOPLE_CATEGORIES, figure_table
from checks.extract.relations.part_brackets import counted_group, group_stems
from checks.extract.relations.words import _CLAUSE_MARK_RE, _ONE_STEM, _RELATIVES, _Words
from checks.extract.tokens import Token


def member_of(text: str, mentions: list[Mention], tokens: list[Token] | None = None) -> list[dict]:
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
                # (by «و» alone: «بلدتي الفوعة وكفريا، ومدينة إدلب» names a third place
                # beside the pair, not in it)
                gap = _COUNT_BRACKET.sub("", text[pair[-1].end : e.start], count=1)
                if e.label != pair[-1].label or gap.strip() != "و":
                    break
                if fold(e.text).split()[0] in PLACE_HEADS:
                    break  # «محافظتي اللاذقية وطرطوس وريف حماة»: a place of another kind
                pair.append(e)
        if pair and pair[0].label == pair[1].label and _joined_by_and(text, *pair[:2]):
            rels += [{"from": e.id, "to": q.id, "type": "member_of"} for e in pair]
    seen = {(r["from"], r["to"]) for r in rels}
    listed = _listed_members(text, mentions, entities, starts)
    if tokens is not None:
        listed += _group_members(text, tokens, mentions, entities)
    for r in listed:
        if (r["from"], r["to"]) not in seen:
            seen.add((r["from"], r["to"]))
            rels.append(r)
    return rels


# Counted nouns whose members are places, organizations or people, by the members' label.
_MEMBER_CATEGORIES = {
    "LOC": {
        "villages", "camps", "states", "regions", "crossings", "airports", "dams", "towns",
        "neighborhoods", "cities", "schools", "hospitals", "countries", "islands",
        "destinations", "districts", "provinces",
    },
    "ORG": {"organizations"},
    "PERSON": PEOPLE_CATEGORIES,
}  # fmt: skip
# «ثلاث ولايات هي …», «قريتين محاصرتين في ريف إدلب، هي …», «ثلاث دول: …»
_INTRODUCED = re.compile(r"(?:(?:^|[\s،,])و?(?:هي|هما|هم|هن)\s*:?|:)\s*$")  # «تضررا:» too
_INTRODUCERS = ("هي", "هما", "هم", "هن", ":")
_AFTER_CLAUSE = re.compile(r"[،,]\s*و?(?:هي|هما|هم|هن)\s*:?\s*$")


_EACH = re.compile(r"(?:^|\s)(?:كل\s+من(?:ها|هم|هن|هما)|لكل)\s")


def _introduced(between: str) -> bool:
    """`between` ends with «هي/هما/هم/هن» or «:» (the literal tested before the regex)."""
    between = _plural_again_off(between).rstrip().rstrip('«"').rstrip()  # «هي «دليلي» …»
    return between.endswith(_INTRODUCERS) and _INTRODUCED.search(between) is not None


def _plural_again_off(between: str) -> str:
    """«… امتلأت بالكامل، وهي مستشفيات »: the plural of places said again after «هي», off."""
    words = between.rstrip().rsplit(None, 1)
    if len(words) == 2 and PLACE_NOUN.search(fold(words[1])):
        return words[0]
    return between


# Plurals, with the article, whose definite numeral counts the names of a label after it.
_DEFINITE_GROUPS = {"LOC": PLACE_GROUPS, "ORG": ORG_GROUPS}
_INTRODUCED_WITHIN = 7  # words between a figure and «هي»: its noun, adjectives, a place
_THEY_PEOPLE = frozenset(fold(w) for w in ("هم", "هن"))


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
    # where the next count begins: a measure between a count and its names («بسجن 3 متهمين
    # 10 سنوات، هم: …») is what befell them, no count of names of its own
    next_count = [len(text)] * len(quantities)
    each_of = [_EACH.search(text, max(0, q.start - 40), q.start) is not None for q in quantities]
    following = len(text)
    for n in range(len(quantities) - 1, -1, -1):
        next_count[n] = following
        # nor a figure each of them holds («ثلاث ولايات يزيد سكان كل منها على 400 ألف
        # نسمة، هي: …»): a threshold of the count's own clause
        if quantities[n].attrs.get("unit") is None and not each_of[n]:
            following = quantities[n].start
    rels = []
    for n, q in enumerate(quantities):
        if each_of[n]:
            continue  # a threshold each member holds lists no members of its own
        nxt = next_count[n]
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
        # «حكام الإمارات الأربع أوامر بالإفراج عن … بمناسبة شهر رمضان، وهي الشارقة …»: a
        # clause of what they did, then «، وهي» and the names of a count of places
        # (the count a definite numeral after a plural of places: «الإمارات الأربع»)
        # (and «الشركات الثلاث العاملة في البلاد: زين …»: a definite numeral after a
        # plural of the names' kind counts them, whatever narrows it before the colon)
        noun = fold(text[max(0, q.start - 20) : q.start]).split()[-1:]
        definite = fold(q.text).startswith("ال") and noun != []
        definite = definite and noun[0] in _DEFINITE_GROUPS.get(first.label, ())
        clause = _AFTER_CLAUSE.search(_plural_again_off(between)) is not None and (
            category is not None or definite
        )
        if len(words) > _INTRODUCED_WITHIN * (2 if relative or clause else 1):
            continue  # a relative clause may stand between: «الدول الخمس التي أعلنت …، وهي»
        # «ثلاثة حراس مرمى هم أيمن دحمان …»: «هم/هن» introduce people, whatever the noun
        people = (
            first.label == "PERSON"
            and bool(words)
            and fold(words[-1]).removeprefix("و") in _THEY_PEOPLE
        )
        # «أربع شركات ناشئة هي «دليلي» و«أجير»»: names an outlet sets in guillemets are
        # names, whatever the plural before them
        quoted = text[max(0, first.start - 1) : first.start] == "«"
        if category is None and len(words) > 2 and not (clause or definite or people or quoted):
            continue
        if category is not None and category not in _MEMBER_CATEGORIES.get(first.label, ()):
            continue
        members = _members_from(text, entities, k)
        if len(members) >= 2:
            rels += [{"from": e.id, "to": q.id, "type": "member_of"} for e in members]
    return rels


def _adjoins(between: str) -> bool:
    return not between.strip(" ،,")


def _introduces(between: str) -> bool:
    words = [w for w in between.replace(":", " ").split() if w not in ("هما", "وهما")]
    return all(fold(w).endswith(("تين", "تان", "ين", "ان")) for w in words) and len(words) <= 2


# «ولايتي ألازيغ (37) وملاطية (5)»: each name may carry its count in brackets
_COUNT_BRACKET = re.compile(r"\s*\(\s*[\d٠-٩۰-۹][\d٠-٩۰-۹.,٬٫]*\s*\)")


def _joined_by_and(text: str, a: Mention, b: Mention) -> bool:
    between = text[a.end : b.start]
    return _COUNT_BRACKET.sub("", between, count=1).strip() in ("و", "،و", "، و")


_AGE_BRACKET = re.compile(r"\s*\([^()]{1,24}\)")
# after a member's age, a few words that describe it, then the comma before the next one
# («محمود عبد الحميد (34 عاما) سائق الميكروباص، ورضا فتحي»)
_DESCRIBED = re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*[،,]\s*و?\s*$")
MEMBERS_MAX = 12


def _members_from(text: str, entities: list[Mention], k: int) -> list[Mention]:
    """The list that starts at entity k: names of its label joined by «و» or «، و», each
    may carry its age in brackets and a few words that describe it."""
    members = [entities[k]]
    for e in entities[k + 1 : k + 2 * MEMBERS_MAX]:
        town = e.label == "LOC" and members[-1].label == "PERSON"
        if town and text[members[-1].end : e.start].strip() == "من":
            continue  # «رغد عمرو من الخليل»: the person's town, no member of the list
        if e.label != members[-1].label or not _next_member(text, members[-1], e):
            break
        members.append(e)
        if len(members) == MEMBERS_MAX:
            break
    return members


def _next_member(text: str, a: Mention, b: Mention) -> bool:
    between = text[a.end : b.start]
    if a.end < len(text) and text[a.end] == "»" and text[b.start - 1 : b.start] == "«":
        between = between[1:-1]  # «دليلي» و«أجير»: names in guillemets, joined by «و»
    if between.strip() in ("و", "،و", "، و") or (a.label == "PERSON" and between.strip() == "،"):
        return True
    if a.label == "PERSON" and _DESCRIPTION.match(between):
        return True  # «أحمد الجندي بطل الخماسي الحديث، وسارة سمير …»
    if a.label == "PERSON" and _FROM_TOWN.match(between):
        return True  # «رغد عمرو من الخليل، ومنى الطويل من القدس»: where each comes from
    aged = _AGE_BRACKET.match(between)
    if aged is None:
        return False
    rest = between[aged.end() :]
    return (
        rest.strip() in ("و", "،و", "، و", "،", ",")
        or _DESCRIBED.match(rest) is not None
        or _KIN_AFTER.match(rest) is not None  # «لين الأيوبي (9 سنوات) وجدتها فاطمة …»
    )


_FROM_TOWN = re.compile(r"\s*من\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s*[،,]\s*و?\s*$")
# «، وزوجته فاطمة …», «، وسائق الميكروباص عادل …»: kin or a role, up to three words, then
# the next name
_KIN_AFTER = re.compile(r"\s*[،,]?\s*و[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s*$")
# what a listed person is, after the name and up to the comma before the next one
_DESCRIPTION = re.compile(
    r"\s+(?:ال)?(?:" + "|".join(DESCRIPTION_HEADS) + r")\s[^،,.:؛;()]{0,80}[،,]\s*و?\s*$"
)
# «والمتوفون هم: …», «والضحايا هم كل من: …»: a group noun right before the introducer; «أدى
# إلى وفاة الطفلة لين …»: a noun of death or wounds right before the name (and a word
# that describes the person).
_GROUP_INTRODUCED = re.compile(r"([^\W\d_]+)\s+(?:هم|هما|هن)\s*(?:كل\s+من)?\s*:?\s*$")
_TOLL_NAMED = re.compile(r"([^\W\d_]+)\s+(?:ال[^\W\d_]+\s+)?$")
SENTENCES_BACK = 3  # sentences before the list searched for the count of its group
_TOLL_STEMS = frozenset(_ONE_STEM.values())


def _group_members(
    text: str, tokens: list[Token], mentions: list[Mention], entities: list[Mention]
) -> list[dict]:
    """«لقي ثلاثة أشخاص مصرعهم … والمتوفون هم: محمود عبد الحميد (34 عاما)، ورضا فتحي
    (27 عاما) …»: the people a group noun introduces (with «هم/هما» right after it, or a
    noun of death or wounds right before the name: «أدى إلى وفاة الطفلة لين …») are
    members of the count of that group stated before — in the sentence or the
    `SENTENCES_BACK` before it, the nearest figure that counts the group the noun names
    (the same stem: «المتوفون» and «مصرعهم» are one, `words._ONE_STEM`). The whole list
    is linked: a list longer than its count is what `count.members` reports."""
    heads = []
    for k, e in enumerate(entities):
        if e.label != "PERSON":
            continue
        m = _GROUP_INTRODUCED.search(text, max(0, e.start - 40), e.start)
        if m is not None:
            heads.append((k, fold(m.group(1))))
            continue  # «… هم: …»
        m = _TOLL_NAMED.search(text, max(0, e.start - 40), e.start)
        noun = fold(m.group(1)) if m is not None else ""
        if noun and not _TOLL_STEMS.isdisjoint(group_stems(noun)):
            heads.append((k, fold(m.group(1))))
    if not heads:
        return []
    figures = [m for m in mentions if m.label == "QUANTITY" and "value" in m.attrs]
    words = _Words(tokens, text)
    fig = figure_table(figures, words)
    rels = []
    for k, noun in heads:
        e = entities[k]
        stems = group_stems(noun)
        count = None
        for j in range(bisect_left([q.start for q in figures], e.start) - 1, -1, -1):
            q = figures[j]
            if q.sentence < e.sentence - SENTENCES_BACK:
                break
            if fig.kinds[j] == "people" and counted_group(words, fig, j) in stems:
                count = q
                break
        if count is not None:
            rels += [
                {"from": m.id, "to": count.id, "type": "member_of"}
                for m in _members_from(text, entities, k)
            ]
    return rels
