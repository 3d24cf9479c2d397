"""A total, then its breakdown enclosed right after it: «19 ميدالية (6 ذهبيات و4 فضيات و9
برونزيات)», «بسجن 14 متهمًا؛ “6 حضوريًّا و8 غيابيًّا”». No cue word stands there: the
bracket (or the quotes after «؛» or «:») opened right after the total and its noun says
that what it holds, a list of figures joined by «و», is what the total is made of. Such a
list is linked `part_of` the total even when it overflows it (the text states the split:
its overflow is what `part_whole.sum` reports); a bracket holding a single figure (a
conversion, a restatement) or figures of other things breaks nothing down."""

from __future__ import annotations

import re
from itertools import pairwise

from checks.extract.relations.figures import _Figures

# After the total: its noun (one or two words), then an opening bracket, or «؛»/«:» and an
# opening quote. The closing mark that matches each opener.
_OPENER = re.compile(r"\s*(?:[^\s\d()«»“”\"،,.:؛;]+\s*){0,2}(\(|[؛:]\s*[“«\"])")
_CLOSER = {"(": ")", "“": "”", "«": "»", '"': '"'}
MIN_PARTS = 2


def enclosed_parts(text: str, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of the breakdowns enclosed right after their totals."""
    figures = fig.figures
    if len(figures) < 1 + MIN_PARTS or not ("(" in text or "“" in text or "«" in text):
        return []
    parts_of = {r["from"] for r in linked if r["type"] == "part_of"}
    rels: list[dict] = []
    for k, whole in enumerate(figures):
        m = _OPENER.match(text, whole.end)
        if m is None or (k + 1 < len(figures) and figures[k + 1].start < m.end()):
            continue
        opener = m.group(1)[-1]
        close = text.find(_CLOSER[opener], m.end())
        if close < 0 or "\n" in text[m.end() : close]:
            continue
        inside = [j for j in range(k + 1, len(figures)) if figures[j].end <= close]
        if len(inside) < MIN_PARTS or any(figures[j].id in parts_of for j in inside):
            continue
        if not all(_joined(text, figures[a].end, figures[b].start) for a, b in pairwise(inside)):
            continue  # «(من 12 دولة في 3 قارات)»: no list of what the total is made of
        if any(fig.units[j] != fig.units[k] for j in inside) or not fig.may_hold(k, inside):
            continue
        rels += [{"from": figures[j].id, "to": whole.id, "type": "part_of"} for j in inside]
        parts_of.update(figures[j].id for j in inside)
    return rels


_JOIN = re.compile(r"\s*(?:[^\s\d()«»“”\"،,.:؛;]+\s*){0,2}[،,]?\s*و\s*$")


def _joined(text: str, end: int, start: int) -> bool:
    """The next figure follows a noun (or two) and «و»: «6 ذهبيات و4 فضيات»."""
    return _JOIN.fullmatch(text, end, start) is not None
