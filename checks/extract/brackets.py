"""Figures written between brackets or slashes, read as if the marks were spaces.

Official Gulf and Yemeni style sets figures apart: «بلغ عدد الحجاج (1.845.045) حاجا، منهم
(1.611.310) من خارج المملكة», «(1.2) مليار دولار», «أربعة ملايين و/ 254 / ألفا». The marks
say nothing about the figure, but every reader of the extractor takes punctuation between
two words as a break: the counted noun, the scale word, the cue and «منهم» are cut off.
`unbracket` gives the text with those marks turned into spaces, so offsets are unchanged
and every module reads the figure as plain text; the mentions keep the published text.

Only a pair that holds one figure and nothing else is opened, not at the start of a line
(«(1) مصر: 38 ميدالية» numbers a list item), not before a percent, and never square
brackets (references).
"""

from __future__ import annotations

import re

from checks.numbers import OTHER, read_surface

_FIGURE = r"\s*[0-9٠-٩۰-۹][0-9٠-٩۰-۹.,٫٬]*\s*[%٪]?\s*"
_MARKED = re.compile(rf"\(({_FIGURE})\)|(?:(?<=\s)|(?<=و))/({_FIGURE})/(?=\s)")
# The mark opens only before a word that goes on the figure's phrase: its noun, a scale
# word, a cue («(1.845.045) حاجا», «(1.2) مليار», «(7100) وافداً» with the tanween of a
# counted noun). Not before «و» and a bare word, or punctuation: a count between brackets
# after a name is that name's share in a list («مستشفى الكرك (5) ومستشفى القطرانة (2)»,
# `relations.part_brackets`). Not before a percent either: the figure finder reads it past
# the mark (`quantities._BRACKETED_PERCENT`).
_HUNDRED = r"(?:مئة|مائة|مئه|مائه)"
_AND_NAME = r"و[\u0621-\u064a]*(?![\u0621-\u0652])"  # «ومستشفى»; «وافداً» has its tanween
_OPENS = re.compile(rf"\s*(?!{_AND_NAME}|ب?ال{_HUNDRED}|بالألف|ف[يى] ال{_HUNDRED})[\u0621-\u064a]")


def unbracket(text: str) -> str:
    """`text` with the brackets and slashes around a lone figure replaced by spaces."""
    if "(" not in text and "/" not in text:
        return text
    pieces, last = [], 0
    for m in _MARKED.finditer(text):
        start = m.start()
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() or not _OPENS.match(text, m.end()):
            continue  # «(1) …» opening a line numbers an item; see `_OPENS`
        if _restates(text[line_start:start]):
            continue  # «ثلاثة آلاف وستمائة (3600)»: the digits of the words before
        pieces += [text[last:start], " ", m.group(m.lastindex), " "]
        last = m.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _restates(before: str) -> bool:
    """The words before the bracket end in a figure the bracket writes again in digits."""
    words = before.split()
    return bool(words) and read_surface(words[-1].strip("،,:؛")).kind != OTHER
