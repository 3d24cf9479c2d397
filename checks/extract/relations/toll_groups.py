"""The group a toll phrase counts: «عدد القتلى المدنيين», «عدد القتلى من المدنيين», «عدد
قتلى الجيش» count the civilians' or the army's dead, one part of a war's toll.

A toll of one group is no restatement of the whole toll, nor a rival of another group's:
«وثق المرصد 120 ألف قتيل … عدد القتلى المدنيين بلغ 42 ألفا» and «عدد القتلى من المدنيين
بلغ 74 ألفا، فيما بلغ عدد قتلى الجيش 35 ألفا» are parts side by side, never `same_as`.
The group is the word after the word of death or wounds: a definite adjective of people
(«القتلى المدنيين»), «من» and a definite noun («من المدنيين»), or the noun the indefinite
word is construed with when it names people or a side of a war («قتلى الجيش», «قتلى
المعارضة»); an adjective of the toll itself («الحصيلة الإجمالية»), a cause («ضحايا القصف»)
or a place («القتلى في المدينة») names no group.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.relations.figures import PEOPLE_CATEGORIES
from checks.extract.relations.part_wholes import _EXCLUSIVE
from checks.extract.relations.words import _stem, _Words

# the sides a war's dead are counted by, besides the nouns of people the lexicon knows
_SIDES = frozenset(
    fold(w)
    for w in (
        *("الجيش", "القوات", "الشرطة", "الأمن", "المعارضة", "النظام", "الحكومة"),
        *("الفصائل", "التنظيم", "الميليشيات", "المليشيات", "الحزب", "الحركة"),
    )
)
_FROM = fold("من")
# groups counted by age or sex: within any toll of people, never the whole of one
DEMOGRAPHIC_GROUPS = frozenset({"children", "women", "men"})
# categories that say no more than «people»: a figure of them belongs to no one group
_GENERAL = {"persons", "people", "victims", "killed", "dead", "wounded", "injured"}


def _excludes(x: str, y: str) -> bool:
    """Kinds of people no member of the other can be (`part_wholes._EXCLUSIVE`)."""
    return any((x in a and y in b) or (y in a and x in b) for a, b in _EXCLUSIVE)


def _people(word: str) -> str | None:
    category = noun_category(word)
    return category if category in PEOPLE_CATEGORIES and category not in _GENERAL else None


def toll_group(phrase: list[str], tolls: frozenset[str]) -> str | None:
    """The group the first word of `tolls` (the dead, the wounded) in `phrase` is narrowed
    to by the word after it (module docstring), or None."""
    for n, word in enumerate(phrase):
        if word not in tolls:
            continue
        after = phrase[n + 1 : n + 3]
        if not after:
            return None
        if after[0] == _FROM and len(after) > 1 and after[1].startswith("ال"):
            return _people(after[1]) or (_stem(after[1]) if after[1] in _SIDES else None)
        if after[0].startswith("ال"):
            if (category := _people(after[0])) is not None:
                return category
            if not word.startswith("ال") and after[0] in _SIDES:
                return _stem(after[0])
        return None
    return None


def group_of(q: Mention, phrase: list[str], tolls: frozenset[str]) -> str | None:
    """The group a figure counts: its toll phrase's, or its own category when that names
    one group of people («35 مدنيا», «12 جنديا»)."""
    named = toll_group(phrase, tolls)
    if named is not None:
        return named
    category = q.attrs.get("category")
    return category if category in PEOPLE_CATEGORIES and category not in _GENERAL else None


def narrowed_apart(words: _Words, part: Mention, whole: Mention, tolls: frozenset[str]) -> bool:
    """«عدد القتلى المدنيين تجاوز 61 ألفا بينهم …، و18122 معارضاً مسلحاً»: the whole's toll
    is narrowed to one group, and the part counts a group that excludes it (its noun or the
    adjective after it: «معارضاً مسلحاً» are fighters, no civilians)."""
    group = toll_group(words.before(whole.start, _PHRASE, words.comma_before(whole.start)), tolls)
    if group is None:
        return False
    own = part.attrs.get("category")
    kinds = {own} | {noun_category(w) for w in words.after(part.end, 2, None)}
    return any(_excludes(group, k) for k in kinds if k is not None)


_PHRASE = 8  # words before a whole read for its toll phrase
