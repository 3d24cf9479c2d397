"""Where a part cue (بينهم، منهم، منها …) belongs, when a figure stands on either side of it.

Two forms of war news put a cue between two clauses, and the cue is the second's:

- a bare figure right before the cue, a figure right after it: «ارتفع عدد القتلى إلى 6
  بينهم 4 أطفال». The cue opens the parts of the 6; it is not «6 منهم», six of an
  earlier whole (that form has no figure after the cue).
- a cue that has taken its own noun, then a new clause of another fate: «مقتل 35 شخصا
  بينهم إيرانيون وإصابة نحو سبعين»: the cue's list ends at the verbal noun or verb that
  says what befell the next figure («وإصابة», «وأصيب»); the seventy are wounded, no part
  of the dead.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.part_cues import _ABOUT, _DID, _EVENT_NOUNS, _PART_CUES
from checks.extract.relations.words import _Words
from checks.extract.tokens import bare

# words a figure's qualifier may put between a cue and the figure («بينهم نحو 4»,
# «بينهم أكثر من 4», «بينهم ما لا يقل عن 4»)
_QUALIFYING = _ABOUT | {fold(w) for w in ("أكثر", "أقل", "من", "ما", "لا", "يقل", "عن")}
_CUE_TO_FIGURE = 4  # words at most between a cue and the figure it opens


def opens_next(text: str, words: _Words, q: Mention, nxt: Mention | None) -> bool:
    """The cue right after `q` is followed, in its clause, by the next figure and nothing
    but a qualifier: it opens `q`'s parts («إلى 6 بينهم 4 أطفال»)."""
    if nxt is None:
        return False
    between = words.span(q.end, nxt.start)
    if not between or between[0] not in _PART_CUES or len(between) > _CUE_TO_FIGURE:
        return False
    if any(c in text[q.end : nxt.start] for c in "،,؛;.:\n"):
        return False
    return all(w in _QUALIFYING for w in between[1:])


def _event(word: str) -> bool:
    """A verbal noun or a verb of what befell people («وإصابة», «وأصيب», «ومقتل»)."""
    return any(w in _EVENT_NOUNS or w in _DID for w in (word, bare(word)))


def cue_closed(before: list[str]) -> bool:
    """The last part cue among the words before a figure is followed by a word of another
    fate: the figure opens a new clause, and the cue is not its own («بينهم إيرانيون
    وإصابة نحو سبعين»)."""
    last = max((n for n, w in enumerate(before) if w in _PART_CUES), default=None)
    return last is not None and any(_event(w) for w in before[last + 1 :])
