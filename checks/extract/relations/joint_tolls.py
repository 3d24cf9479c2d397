"""A toll of the dead and the wounded together, then each of them on its own.

News of a raid or a blast often leads with one figure for both fates — «استشهد وأصيب نحو
132 مدنيا», «مصرع وإصابة 450 شخصا», «سقوط أكثر من ستين شخصا بين قتيل وجريح» — and gives
the split right after: «وفي التفاصيل، استشهد 31 مدنيا وجرح 101 آخرون», «لقي 100 شخص
مصرعهم، وأصيب 250 آخرون». The first count of the dead and the first count of the wounded
after the joint toll, in its sentence or the two after it, are its parts, when both are
found and each fits under it; a part cue's list, a share or a count of things is none.
Parts that together exceed the joint toll are linked all the same: the text states the
split, and the overflow is what `part_whole.sum` reports.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_reads import _befell
from checks.extract.relations.rival_tolls import DEATHS, WOUNDS, _toll_kind
from checks.extract.relations.words import _Words
from checks.extract.tokens import bare

SENTENCES_AFTER = 2  # sentences with figures after a joint toll searched for its split
FIGURES_AFTER = 24  # figures after a joint toll read at most (one long sentence stays linear)
_DEATH_WORDS = frozenset(
    fold(w)
    for w in ("استشهد", "قتل", "مقتل", "مصرع", "وفاة", "قتيل", "قتلى", "استشهاد", "سقوط", "قضى")
)
_WOUND_WORDS = frozenset(
    fold(w) for w in ("أصيب", "إصابة", "جرح", "جريح", "وأصيب", "وإصابة", "وجرح", "وجريح")
)
# after a figure only nouns of the wounded join its dead into one toll («30 قتيلا وجريحا»,
# «بين قتيل وجريح»); a wound word with its own count follows the dead as a second toll
# («12 قتيلا وإصابة 30»)
_WOUNDED = frozenset(fold(w) for w in ("جريح", "جرحى", "مصاب", "مصابين"))
_JOINT_REACH = 4  # words before a figure read for its two fates
_JOINT_AFTER = 6  # words after it: «27 شخصا سقطوا ما بين قتلى وجرحى»
# what a figure's own words say befell its people («31 شخصا قتلوا», «12 شخصا مصرعهم»)
_FATES = {DEATHS: "killed", WOUNDS: "wounded"}


@lru_cache(maxsize=1 << 16)
def _is(word: str, fates: frozenset[str]) -> bool:
    """A word of `fates`, with or without its proclitic and its accusative alif («قتيلا»,
    «وجريحا»: the noun after a number from 11 to 99). Cached: asked of every word after
    nearly every figure, of a small vocabulary."""
    return any(w in fates or bare(w) in fates for w in (word, word.removesuffix("ا")))


def _joint(words: _Words, q: Mention) -> bool:
    """«استشهد وأصيب نحو 132», «مصرع وإصابة 450», «60 شخصا بين قتيل وجريح»: a death word
    and a wound word joined by و right before the figure, or after it and its noun."""
    for a, b in pairwise(words.before(q.start, _JOINT_REACH, 0)):
        if (a in _DEATH_WORDS or bare(a) in _DEATH_WORDS) and b in _WOUND_WORDS:
            return True
    return joint_after(words.after(q.end, _JOINT_AFTER, None))


def joint_after(after: list[str]) -> bool:
    """«30 قتيلا وجريحا», «25 شخصا بين قتيل وجريح»: a noun of the dead and one of the
    wounded joined by و in the folded words after a figure."""
    return any(
        _is(a, _DEATH_WORDS) and b.startswith("و") and _is(b, _WOUNDED) for a, b in pairwise(after)
    )


def joint_tolls(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """`part_of` links of the split of a joint toll (module docstring)."""
    figures = fig.figures
    linked = {r["from"] for r in rels if r["type"] == "part_of"}
    out: list[dict] = []
    for j, w in enumerate(figures):
        if fig.units[j] is not None or w.id in linked or not _joint(words, w):
            continue
        dead = wounded = None
        seen = {w.sentence}  # sentences with a figure: a line of words only is no step
        for k in range(j + 1, min(len(figures), j + 1 + FIGURES_AFTER)):
            q = figures[k]
            seen.add(q.sentence)
            if len(seen) > 1 + SENTENCES_AFTER:
                break
            if fig.units[k] is not None or q.id in linked or fig.kinds[k] == "things":
                continue
            fate = _befell(words, q) or _FATES.get(_toll_kind(words, q, figures[k - 1].end))
            if fate == "killed" and dead is None:
                dead = k
            elif fate == "wounded" and wounded is None:
                wounded = k
            if dead is not None and wounded is not None:
                break
        if dead is None or wounded is None or not fig.may_hold(j, [dead]):
            continue
        if not fig.may_hold(j, [wounded]):
            continue
        out += [{"from": figures[p].id, "to": w.id, "type": "part_of"} for p in (dead, wounded)]
        linked |= {figures[dead].id, figures[wounded].id}
    return out
