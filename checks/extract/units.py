"""The unit of a figure (SPEC §2 `unit`): read from the measure noun after it.

A count has no unit; a measure names it right after the figure (`4 أيام`, `2750 طنا`,
`35500 مليار ليرة سورية`, `7.7 درجات`), or the figure is a dual of the unit noun itself
(`أسبوعين`, `ساعتين`), or the noun sits inside the span before a half (`4 سنوات ونصف`).
Nouns are listed in ordinary spelling and folded once; their dual, plural and accusative
forms are listed with them. Degrees are a magnitude next to an earthquake word and a
temperature next to a heat word, otherwise no unit is claimed. A currency takes its
country from the adjective after it (`ليرة سورية`), else from the countries the text names,
else the noun's most common currency, else none.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.tokens import Token, bare

_NOUNS: dict[str, tuple[str, ...]] = {
    "hour": ("ساعة", "ساعات", "ساعتين", "ساعتان"),
    "minute": ("دقيقة", "دقائق", "دقيقتين", "دقيقتان"),
    "day": ("يوم", "أيام", "يوما", "يومين", "يومان"),
    "week": ("أسبوع", "أسابيع", "أسبوعا", "أسبوعين", "أسبوعان"),
    "month": ("شهر", "أشهر", "شهور", "شهرا", "شهرين", "شهران"),
    "year": ("عام", "أعوام", "عاما", "عامين", "عامان", "سنة", "سنوات", "سنين", "سنتين", "سنتان"),
    "km": ("كيلومتر", "كيلومترات", "كيلومترا", "كلم", "كم", "كيلومترين"),
    "m": ("متر", "أمتار", "مترا", "مترين"),
    "hectare": ("هكتار", "هكتارات", "هكتارا"),
    "dunam": ("دونم", "دونمات", "دونما"),
    "feddan": ("فدان", "أفدنة", "فدانا"),
    "ton": ("طن", "أطنان", "طنا", "طنين"),
    "kg": ("كيلوغرام", "كيلوغرامات", "كيلوغراما", "كيلوجرام", "كغ", "كلغ"),
    "liter": ("لتر", "لترات", "لترا", "ليتر", "ليترات", "ليترا"),
    "barrel": ("برميل", "براميل", "برميلا"),
    "usd": ("دولار", "دولارات", "دولارا"),
    "eur": ("يورو",),
    "ils": ("شيكل", "شيكلا", "شواكل"),
}
UNIT_OF: dict[str, str] = {fold(w): unit for unit, words in _NOUNS.items() for w in words}
_SQUARE = {fold(w) for w in ("مربع", "مربعا", "مربعة")}
_SQUARED = {"km": "km2", "m": "m2"}
_DEGREE = {fold(w) for w in ("درجة", "درجات", "درجتين")}
_QUAKE = ("زلزال", "هزة", "هزات", "ريختر", "بقوة")
_HEAT = ("حرارة", "الحرارة", "مئوية")
# The same words folded once here, not at every figure that looks for them.
_QUAKE_KEYS = tuple(map(fold, _QUAKE))
_HEAT_KEYS = tuple(map(fold, _HEAT))
_FORCE, _EARTHQUAKE, _SHAKE = fold("قوة"), fold("زلزال"), fold("هز")

# Currencies named by country: noun -> [(adjective or country stem, code)], default code.
_CURRENCIES: dict[str, tuple[list[tuple[str, str]], str | None]] = {
    "ليرة": (
        [
            ("سوري", "syp"),
            ("لبنان", "lbp"),
            ("ترك", "try"),
            ("دمشق", "syp"),
            ("حلب", "syp"),
            ("بيروت", "lbp"),
            ("أنقرة", "try"),
            ("إسطنبول", "try"),
        ],
        None,
    ),
    "دينار": (
        [
            ("أردن", "jod"),
            ("عراق", "iqd"),
            ("كويت", "kwd"),
            ("ليبي", "lyd"),
            ("تونس", "tnd"),
            ("جزائر", "dzd"),
            ("بحرين", "bhd"),
        ],
        None,
    ),
    "ريال": (
        [("سعودي", "sar"), ("يمن", "yer"), ("قطر", "qar"), ("عمان", "omr"), ("إيران", "irr")],
        None,
    ),
    "درهم": ([("مغرب", "mad"), ("إمارات", "aed"), ("إماراتي", "aed")], None),
    "جنيه": ([("سودان", "sdg"), ("استرليني", "gbp"), ("إسترليني", "gbp"), ("مصر", "egp")], "egp"),
}
_CURRENCY_FORMS = {
    fold(w): noun
    for noun, forms in {
        "ليرة": ("ليرة", "ليرات", "ليرتين"),
        "دينار": ("دينار", "دنانير", "دينارا", "دينارين"),
        "ريال": ("ريال", "ريالات", "ريالا"),
        "درهم": ("درهم", "دراهم", "درهما"),
        "جنيه": ("جنيه", "جنيهات", "جنيها"),
    }.items()
    for w in forms
}


def _key(tok: Token) -> str:
    return bare(tok.key) if bare(tok.key) in UNIT_OF or bare(tok.key) in _DEGREE else tok.key


def unit_of_noun(
    tokens: list[Token], k: int, folded_text: str, figure_at: int | None = None
) -> str | None:
    """The unit the word at `k` (and the word after it) names; None for a counted noun.
    `figure_at` is the figure's first token, for the words before it (`بقوة 7.7`)."""
    if k >= len(tokens):
        return None
    tok = tokens[k]
    key = _key(tok)
    nxt = (
        tokens[k + 1].key if k + 1 < len(tokens) and tokens[k + 1].sentence == tok.sentence else ""
    )
    if key in UNIT_OF:
        unit = UNIT_OF[key]
        return _SQUARED.get(unit, unit) if nxt in _SQUARE else unit
    if key in _DEGREE:
        return _degree(tokens, k, figure_at)
    if key in _CURRENCY_FORMS:
        return currency(_CURRENCY_FORMS[key], nxt, folded_text)
    return None


def _degree(tokens: list[Token], k: int, figure_at: int | None) -> str | None:
    sentence = tokens[k].sentence
    lo = max(0, (figure_at if figure_at is not None else k) - 8)
    near = [t.key for t in tokens[lo : k + 6] if t.sentence == sentence]
    if any(w in key for key in near for w in _QUAKE_KEYS):
        return "magnitude"
    if any(w in key for key in near for w in _HEAT_KEYS):
        return "degree_c"
    return None


def magnitude_before(tokens: list[Token], first: int) -> bool:
    """«بقوة 6.8» in a sentence about an earthquake: a magnitude without the word درجات."""
    if first == 0 or bare(tokens[first - 1].key) != _FORCE:
        return False
    sentence = tokens[first].sentence
    window = tokens[max(0, first - 10) : first + 8]
    return any(t.sentence == sentence and _EARTHQUAKE in t.key for t in window) or any(
        t.sentence == sentence and _SHAKE in t.key for t in window
    )


def currency(noun: str, adjective: str, folded_text: str) -> str | None:
    """ISO 4217 code of a currency noun, from its adjective or the countries the text names."""
    countries, default = _FOLDED_CURRENCIES[noun]
    for stem, code in countries:
        if stem in adjective:
            return code
    for stem, code in countries:
        if stem in folded_text:
            return code
    return default


# `_CURRENCIES` with its stems folded once (`currency` is asked at every figure before one).
_FOLDED_CURRENCIES = {
    noun: ([(fold(stem), code) for stem, code in countries], default)
    for noun, (countries, default) in _CURRENCIES.items()
}
