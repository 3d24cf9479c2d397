"""A count held in a body whose make-up the text states: «بحصولها على 52 مقعدا في البرلمان
الذي يتألف من 250 مقعدا», «بـ61 مقعدا في المجلس المكون من 150 مقعدا». The body's size
(«المكون من / المؤلف من / الذي يتألف من M») is the whole of the count written before it,
in its sentence, with «في» and the body between them and the same counted noun."""

from __future__ import annotations

import re

from checks.extract.relations.figures import _Figures
from checks.extract.relations.words import _Words

# Right before the body's size: «(الذي) يتألف من», «المكون من», «المؤلفة من» (and a bracket).
_MADE_OF = re.compile(
    r"(?:(?:الذي|التي)\s+)?(?:يتألف|تتألف|يتكون|تتكون|المكون|المكونة|المكوّن|المكوّنة"
    r"|المؤلف|المؤلفة)\s+من\s*\(?\s*$"
)
_IN = re.compile(r"(?:^|[\s)])في\s")
REACH = 60  # characters between the held count and the body's size


def held_in_body(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of a count held in a body of a stated size (module docstring)."""
    figures = fig.figures
    text = words.text
    if "من" not in text:
        return []
    parts_of = {r["from"] for r in linked if r["type"] == "part_of"}
    rels: list[dict] = []
    for k in range(1, len(figures)):
        whole = figures[k]
        if fig.units[k] is not None or not _MADE_OF.search(
            text, max(0, whole.start - 40), whole.start
        ):
            continue
        j = k - 1
        part = figures[j]
        between = text[part.end : whole.start]
        if (
            part.sentence != whole.sentence
            or part.id in parts_of
            or fig.units[j] is not None
            or len(between) > REACH
            or not _IN.search(between)
            or fig.stems[j] != fig.stems[k]
            or not fig.may_hold(k, [j])
        ):
            continue
        rels.append({"from": part.id, "to": whole.id, "type": "part_of"})
    return rels
