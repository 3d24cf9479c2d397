"""An independent writer of Arabic cardinals, for round-trip tests of the parser.

Written from the grammar, not from the parser's tables. Units agree with the counted noun
(`feminine` for the last group; counts of the masculine scale words are masculine, or follow
`feminine` too with `loose_gender`, as some outlets and pyarabic write them); the scale word
after a count is plural after 3-10, accusative singular after 11-99 (with tanween `ًا`, `اً`,
unmarked, or the genitive-looking bare form news often prints), and genitive singular after
a round hundred. A group ending in 1 or 2 above a hundred is written as a sum, the classical
«مائة ألف وألفان». The conjunction `و` is glued to the next word as news prints it, or
stands alone.
"""

from __future__ import annotations

from dataclasses import dataclass

UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
UNITS_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
TENS = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
HUNDRED_STEMS = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
SCALES = [  # (value, singular, dual, plural)
    (10**12, "تريليون", "تريليونان", "تريليونات"),
    (10**9, "مليار", "ملياران", "مليارات"),
    (10**6, "مليون", "مليونان", "ملايين"),
    (10**3, "ألف", "ألفان", "آلاف"),
]
ACCUSATIVE = ("ًا", "اً", "ا", "")


@dataclass(frozen=True)
class Style:
    feminine: bool = False
    loose_gender: bool = False
    hundred: str = "مائة"  # or "مئة"
    two_word_hundreds: bool = False  # «ثلاث مائة»
    accusative: str = "ًا"  # one of ACCUSATIVE
    attached: bool = True  # «وخمسة» or «و خمسة»
    oblique: bool = False  # genitive/accusative tens and duals: «عشرين», «ألفين»


def teen(n: int, feminine: bool) -> list[str]:
    if n == 10:
        return ["عشر" if feminine else "عشرة"]
    u = n - 10
    if u == 1:
        head = "إحدى" if feminine else "أحد"
    elif u == 2:
        head = "اثنتا" if feminine else "اثنا"
    else:
        head = (UNITS_F if feminine else UNITS_M)[u]
    return [head, "عشرة" if feminine else "عشر"]


def below_thousand(n: int, feminine: bool, style: Style) -> list[list[str]]:
    """Words of 1..999 as parts to be joined by و (each part one or more words)."""
    parts: list[list[str]] = []
    h, rest = divmod(n, 100)
    if h == 1:
        parts.append([style.hundred])
    elif h == 2:
        stem = style.hundred[:-1] + "ت"  # مائة -> مائت
        parts.append([stem + ("ين" if style.oblique else "ان")])
    elif h:
        if style.two_word_hundreds:
            parts.append([HUNDRED_STEMS[h], style.hundred])
        else:
            parts.append([HUNDRED_STEMS[h] + style.hundred])
    units = UNITS_F if feminine else UNITS_M
    if rest >= 20:
        u, t = rest % 10, rest // 10
        tens = TENS[t][:-2] + "ين" if style.oblique else TENS[t]
        if u:
            parts.append([units[u] if u != 2 or not style.oblique else units[2][:-2] + "ين"])
        parts.append([tens])
    elif rest >= 10:
        parts.append(teen(rest, feminine))
    elif rest:
        parts.append([units[rest]])
    return parts


def scaled(n: int, scale: tuple[int, str, str, str], style: Style) -> list[list[str]]:
    """A count of one scale word, as parts joined by و."""
    _, one, two, plural = scale
    if n == 1:
        return [[one]]
    if n == 2:
        return [[two[:-2] + "ين" if style.oblique else two]]
    feminine = style.feminine and style.loose_gender
    if n > 100 and n % 100 in (1, 2):
        return [*scaled(n - n % 100, scale, style), *scaled(n % 100, scale, style)]
    parts = below_thousand(n, feminine, style)
    r = n % 100
    if n == 200:  # construct before the counted scale: «مائتا ألف», «مائتي ألف»
        parts = [[parts[0][0][:-2] + ("ي" if style.oblique else "ا")]]
    if 3 <= r <= 10:
        word = plural
    elif r == 0:
        word = one
    else:
        word = one + style.accusative
    parts[-1] = [*parts[-1], word]
    return parts


def arabic_words(n: int, style: Style | None = None) -> str:
    style = style or Style()
    if n == 0:
        return "صفر"
    parts: list[list[str]] = []
    rest = n
    for scale in SCALES:
        count, rest = divmod(rest, scale[0])
        if count:
            parts += scaled(count, scale, style)
    if rest:
        parts += below_thousand(rest, style.feminine, style)
    joined = [" ".join(parts[0])]
    for p in parts[1:]:
        joined.append(("و" if style.attached else "و ") + " ".join(p))
    return " ".join(joined)
