"""Read the number written in a QUANTITY span.

`read_surface` returns a `Surface`: `number` with an exact `Fraction` when the whole span
reads as one number (digits in any script, optionally with a scale word; Arabic number
words; a counted dual), `vague` for vague quantity words (`عدة آلاف`, `الآلاف`, `مئات`),
and `other` when any token is not part of a number. Only `number` is ever compared with an
annotated value (SPEC §4a `value.surface`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from checks.arabic import fold, western_digits

NUMBER, VAGUE, OTHER = "number", "vague", "other"


@dataclass(frozen=True)
class Surface:
    kind: str
    value: Fraction | None = None


def _table(spellings: dict[str, int]) -> dict[str, int]:
    return {fold(word): n for word, n in spellings.items()}


_UNITS = _table(
    {
        "صفر": 0,
        "واحد": 1,
        "واحدة": 1,
        "أحد": 1,
        "إحدى": 1,
        "اثنان": 2,
        "اثنين": 2,
        "اثنا": 2,
        "اثني": 2,
        "اثنتان": 2,
        "اثنتين": 2,
        "اثنتا": 2,
        "اثنتي": 2,
        "ثلاث": 3,
        "ثلاثة": 3,
        "أربع": 4,
        "أربعة": 4,
        "خمس": 5,
        "خمسة": 5,
        "ست": 6,
        "ستة": 6,
        "سبع": 7,
        "سبعة": 7,
        "ثمان": 8,
        "ثماني": 8,
        "ثمانية": 8,
        "تسع": 9,
        "تسعة": 9,
        "عشر": 10,
        "عشرة": 10,
    }
)
_TENS = _table(
    {
        f"{stem}{end}": 10 * n
        for n, stem in enumerate(["", "", "عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"])
        if n >= 2
        for end in ("ون", "ين")
    }
)
_HUNDRED_WORDS = ("مائة", "مئة")
_HUNDREDS = _table(
    {
        **{w: 100 for w in _HUNDRED_WORDS},
        **{f"{w}{end}": 200 for w in ("مائت", "مئت") for end in ("ان", "ين", "ا", "ي")},
        **{
            f"{stem}{w}": 100 * n
            for n, stem in enumerate(
                ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
            )
            if n >= 3
            for w in _HUNDRED_WORDS
        },
    }
)
# scale word -> (scale, multiplier when it stands alone: 1 for singular, 2 for dual)
_SCALES = {
    fold(word): scale
    for word, scale in {
        "ألف": (1000, 1),
        "ألفا": (1000, 1),
        "آلاف": (1000, 1),
        "ألفان": (1000, 2),
        "ألفين": (1000, 2),
        "ألفي": (1000, 2),
        "مليون": (10**6, 1),
        "مليونا": (10**6, 1),
        "ملايين": (10**6, 1),
        "مليونان": (10**6, 2),
        "مليونين": (10**6, 2),
        "مليوني": (10**6, 2),
        "مليار": (10**9, 1),
        "مليارا": (10**9, 1),
        "مليارات": (10**9, 1),
        "ملياران": (10**9, 2),
        "مليارين": (10**9, 2),
        "ملياري": (10**9, 2),
    }.items()
}
_PLURAL_SCALES = {fold(w) for w in ("آلاف", "ملايين", "مليارات")}
_VAGUE = {
    fold(w) for w in ("عدة", "بضعة", "بضع", "عشرات", "مئات", "مئآت", "الآلاف", "الملايين", "ألوف")
}
# masculine duals of counted nouns (feminine duals in -تين/-تان are recognized by shape)
_MASCULINE_DUALS = {
    fold(w)
    for stem in (
        "شخص",
        "رجل",
        "طفل",
        "يوم",
        "شهر",
        "عام",
        "أسبوع",
        "جندي",
        "صاروخ",
        "حزب",
        "بلد",
        "فريق",
        "طرف",
        "جانب",
        "مبنى",
        "حي",
        "معبر",
        "قتيل",
        "جريح",
    )
    for w in (stem + "ين", stem + "ان")
}
_PREFIXES = ("و", "ف", "ب", "ل", "ك", "لل", "ال", "وال", "بال", "فال", "كال", "وب", "ول")
_DIGIT_TOKEN = re.compile(r"\d[\d,٬.٫]*")
_THIN_GROUPS = re.compile(r"(?<=\d)[\u2009\u202f\u00a0\u2007 ](?=\d{3}(?!\d))")


def _strip_prefix(token: str, table) -> str | None:
    if token in table:
        return token
    for p in _PREFIXES:
        rest = token[len(p) :]
        if token.startswith(p) and len(rest) >= 2 and rest in table:
            return rest
    return None


def parse_digits(token: str) -> Fraction | None:
    """A digit string with `,` `٬` thousands separators and `.` `٫` decimal marks."""
    if "٫" in token:
        whole, _, frac = token.partition("٫")
        if not re.fullmatch(r"\d+", frac or "x"):
            return None
        w = _grouped(whole)
        return None if w is None else w + Fraction(int(frac), 10 ** len(frac))
    if token.count(".") > 1:
        return _grouped(token.replace(".", ","))
    if "." in token:
        whole, _, frac = token.partition(".")
        if not frac.isdigit():
            return None
        w = _grouped(whole)
        return None if w is None else w + Fraction(int(frac), 10 ** len(frac))
    return _grouped(token)


def _grouped(token: str) -> Fraction | None:
    token = token.replace("٬", ",")
    if re.fullmatch(r"\d+", token):
        return Fraction(int(token))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return Fraction(int(token.replace(",", "")))
    return None


def _word_tokens(tokens: list[str]) -> Fraction | None:
    total, current = 0, 0
    last_unit = False
    seen = False
    for raw in tokens:
        tok = raw
        if tok.startswith("و") and len(tok) > 1 and tok not in _UNITS and seen:
            tok = tok[1:]
        if (hit := _strip_prefix(tok, _UNITS)) is not None:
            current += _UNITS[hit]
            last_unit = 3 <= _UNITS[hit] <= 9
        elif (hit := _strip_prefix(tok, _TENS)) is not None:
            current += _TENS[hit]
            last_unit = False
        elif (hit := _strip_prefix(tok, _HUNDREDS)) is not None:
            n = _HUNDREDS[hit]
            if n == 100 and last_unit and current % 10 == current:
                current *= 100  # "ثلاث مائة"
            else:
                current += n
            last_unit = False
        elif (hit := _strip_prefix(tok, _SCALES)) is not None:
            scale, alone = _SCALES[hit]
            if current == 0:
                if hit in _PLURAL_SCALES:
                    return None  # "آلاف" alone is vague, not 1000
                current = alone
            elif alone == 2:
                return None  # "ثلاثة ألفين" is not a number
            total += current * scale
            current = 0
            last_unit = False
        else:
            return None
        seen = True
    return Fraction(total + current) if seen else None


@lru_cache(maxsize=65536)
def read_surface(span: str) -> Surface:
    text = _THIN_GROUPS.sub("", western_digits(fold(span))).strip()
    tokens = text.split()
    if not tokens:
        return Surface(OTHER)
    if any(_strip_prefix(t, _VAGUE) is not None for t in tokens) or (
        len(tokens) == 1 and _strip_prefix(tokens[0], _PLURAL_SCALES) is not None
    ):
        return Surface(VAGUE)
    if _DIGIT_TOKEN.fullmatch(tokens[0]):
        number = parse_digits(tokens[0])
        if number is None:
            return Surface(OTHER)
        if len(tokens) == 1:
            return Surface(NUMBER, number)
        if len(tokens) == 2 and (hit := _strip_prefix(tokens[1], _SCALES)) is not None:
            scale, alone = _SCALES[hit]
            return Surface(NUMBER, number * scale) if alone == 1 else Surface(OTHER)
        return Surface(OTHER)
    words = _word_tokens(tokens)
    if words is not None:
        return Surface(NUMBER, words)
    if len(tokens) == 1 and _is_dual(tokens[0]):
        return Surface(NUMBER, Fraction(2))
    return Surface(OTHER)


def _is_dual(token: str) -> bool:
    if _strip_prefix(token, _MASCULINE_DUALS) is not None:
        return True
    for p in ("", *_PREFIXES):
        rest = token[len(p) :] if token.startswith(p) else None
        if rest and len(rest) >= 5 and rest.endswith(("تين", "تان")):
            return True
    return False
