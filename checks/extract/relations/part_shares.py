"""Shares of a count stated after it, with no part cue on the shares themselves:

- «أوقفت الدوريات 1200 شخص …، وشكل السودانيون 40% والتشاديون 55% من هذا العدد، فيما
  مثلت جنسيات أخرى 5%»: «من هذا العدد» (of this number) points back to the nearest count
  before the shares; the shares joined to it, and one of «others» after them in the
  sentence, are its parts;
- «أوقفت 2,400 شخص، وتوزعت جنسياتهم كالتالي: / - 35% سودانيون. / - 60% تشاديون.»: shares
  on the bulleted lines after a distribution opener that ends its sentence with a colon
  are parts of the count in the opener's sentence.

A share above 100 or of a measure is never linked (`_Figures.may_hold`); shares that add
up to more than 100 are, as the text states them (`part_whole.sum` reports it)."""

from __future__ import annotations

import re

from checks.extract.relations.figures import _Figures
from checks.extract.relations.words import _fold, _Words

# «من هذا العدد»: the words right after the last share of the list.
_OF_THIS = re.compile(r"\s*من\s+(?:إجمالي\s+|مجموع\s+)?(?:هذا|ذلك)\s+(?:العدد|الرقم|الإجمالي)")
_OTHERS = frozenset(_fold(w) for w in ("أخرى", "الأخرى", "الباقية", "البقية", "الباقي"))
# An opener of a distribution that a colon closes: «وتوزعت جنسياتهم كالتالي:».
_OPENER = re.compile(r"(?:كالتالي|كالآتي|التالي|الآتي|التالية|الآتية)\s*:?-?\s*$")
_SPLIT_WORDS = frozenset(
    _fold(w) for w in ("توزعت", "وتوزعت", "توزع", "وتوزع", "موزعين", "موزعة", "جاءت", "وجاءت")
)
_BULLET_LINE = re.compile(r"\n[ \t]*[-–•*][ \t]*$")


def shares_after(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of shares stated after their count (module docstring)."""
    figures = fig.figures
    text = words.text
    if "%" not in text and "المئة" not in text and "المائة" not in text:
        return []
    parts_of = {r["from"] for r in linked if r["type"] == "part_of"}
    rels: list[dict] = []

    def link(parts: list[int], whole: int) -> None:
        parts = [p for p in parts if figures[p].id not in parts_of]
        if parts and fig.may_hold(whole, parts):
            rels.extend(
                {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in parts
            )
            parts_of.update(figures[p].id for p in parts)

    for k, q in enumerate(figures):
        if fig.units[k] != "percent" or figures[k].id in parts_of:
            continue
        if _OF_THIS.match(text, q.end):
            chain = _share_chain(fig, text, k)
            whole = _count_before(fig, chain[0])
            if whole is not None:
                link(chain + _others_after(words, fig, k), whole)
        elif _BULLET_LINE.search(text, max(0, q.start - 8), q.start):
            whole = _opened_count(words, fig, k)
            if whole is not None:
                bullets = [k, *_next_bullets(fig, text, k)]
                link(bullets, whole)
    return rels


def _share_chain(fig: _Figures, text: str, k: int) -> list[int]:
    """The shares joined by «و» that end at k: «40% والتشاديون 55%»."""
    chain = [k]
    j = k - 1
    sentence = fig.figures[k].sentence
    while j >= 0 and fig.units[j] == "percent" and fig.figures[j].sentence == sentence:
        between = text[fig.figures[j].end : fig.figures[chain[0]].start]
        if len(between.split()) > 3 or not re.search(r"(?:^|\s)و", between):
            break
        chain.insert(0, j)
        j -= 1
    return chain


def _count_before(fig: _Figures, first: int) -> int | None:
    """The nearest count (no share) before the shares, in their sentence or the last."""
    q = fig.figures[first]
    for j in range(first - 1, -1, -1):
        w = fig.figures[j]
        if w.sentence < q.sentence - 1:
            return None
        if fig.units[j] is None:
            return j
    return None


def _others_after(words: _Words, fig: _Figures, k: int) -> list[int]:
    """A share of «others» right after the chain in its sentence: «فيما مثلت جنسيات أخرى 5%»."""
    n = k + 1
    if n >= len(fig.figures) or fig.units[n] != "percent":
        return []
    q, nxt = fig.figures[k], fig.figures[n]
    if nxt.sentence != q.sentence or _OTHERS.isdisjoint(words.span(q.end, nxt.start)):
        return []
    return [n]


def _opened_count(words: _Words, fig: _Figures, k: int) -> int | None:
    """The count of the line whose distribution opener the bullet lines follow."""
    text = words.text
    end = text.rfind("\n", 0, fig.figures[k].start)  # where k's bullet line begins
    start = text.rfind("\n", 0, end)
    while start >= 0 and re.match(r"\n[ \t]*[-–•*]", text[start:end]):
        end, start = start, text.rfind("\n", 0, start)  # up past the bullets before k's
    opener = text[start + 1 : end]
    if not _OPENER.search(opener) or _SPLIT_WORDS.isdisjoint(_fold(w) for w in opener.split()):
        return None
    for j in range(k - 1, -1, -1):
        w = fig.figures[j]
        if w.start <= start:
            return None
        if w.end <= end and fig.units[j] is None:
            return j
    return None


def _next_bullets(fig: _Figures, text: str, k: int) -> list[int]:
    """The shares that open the bullet lines right after k's."""
    out = []
    for j in range(k + 1, len(fig.figures)):
        q = fig.figures[j]
        if fig.units[j] != "percent" or not _BULLET_LINE.search(text, max(0, q.start - 8), q.start):
            break
        out.append(j)
    return out
