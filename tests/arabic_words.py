"""An independent writer of Arabic number words, for round-trip tests of the parser.

Written from the grammar, not from the parser's tables: units and tens in the nominative,
hundreds as one word, thousands and millions in singular, dual or plural.
"""

from __future__ import annotations

UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
TEENS = [
    "عشرة",
    "أحد عشر",
    "اثنا عشر",
    "ثلاثة عشر",
    "أربعة عشر",
    "خمسة عشر",
    "ستة عشر",
    "سبعة عشر",
    "ثمانية عشر",
    "تسعة عشر",
]
TENS = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
HUNDREDS = [
    "",
    "مائة",
    "مائتان",
    "ثلاثمائة",
    "أربعمائة",
    "خمسمائة",
    "ستمائة",
    "سبعمائة",
    "ثمانمائة",
    "تسعمائة",
]


def below_thousand(n: int) -> list[str]:
    words = []
    h, rest = divmod(n, 100)
    if h:
        words.append(HUNDREDS[h])
    if rest >= 20:
        u, t = rest % 10, rest // 10
        words += [UNITS[u], TENS[t]] if u else [TENS[t]]
    elif rest >= 10:
        words.append(TEENS[rest - 10])
    elif rest:
        words.append(UNITS[rest])
    return words


def scaled(n: int, one: str, two: str, plural: str, accusative: str) -> list[str]:
    if n == 1:
        return [one]
    if n == 2:
        return [two]
    if 3 <= n <= 10:
        return [*below_thousand(n), plural]
    return [*below_thousand(n), accusative]


def arabic_words(n: int) -> str:
    if n == 0:
        return "صفر"
    millions, rest = divmod(n, 10**6)
    thousands, units = divmod(rest, 1000)
    groups = []
    if millions:
        groups.append(scaled(millions, "مليون", "مليونان", "ملايين", "مليونًا"))
    if thousands:
        groups.append(scaled(thousands, "ألف", "ألفان", "آلاف", "ألفًا"))
    if units:
        groups.append(below_thousand(units))
    words = [w for g in groups for w in g]
    return " ".join([words[0], *("و" + w for w in words[1:])])
