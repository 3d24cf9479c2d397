"""QUANTITY spans: where a figure is written, what it reads, its qualifier and what it counts.

Candidates are digit runs and words that tally's own number reader
(`checks.numbers.read_surface`) reads as a number or a vague quantity; each candidate grows
to the longest run of adjacent words the reader still reads as one figure (`3 آلاف`,
`عدة آلاف`, `ثلاثة آلاف وخمسمائة`). There is no second number parser here: the value is
what `read_surface` says, so `value.surface` holds by construction.

- qualifier: the SPEC §4 cue right before the span, found by the same vectorized
  `checks.cues.find_cues` the `qualifier.cue` rule uses; `vague` for vague words.
- low/high for vague figures from `VAGUE_BOUNDS` (see there).
- category: the counted noun after the figure (skipping «من»: `الآلاف من المقاتلين`) looked
  up in `NOUN_CATEGORY`; a counted dual (`قريتين`) is its own noun. A dual whose noun is not
  in the table is not taken as a figure (`بوتين`, or the agreeing adjective `شيعيتين`, end
  like duals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.codepoints import CodePoints
from checks.cues import CUES, find_cues
from checks.extract.events import is_evacuation_word
from checks.extract.tokens import Token, bare, gap
from checks.numbers import NUMBER, VAGUE, read_surface

MAX_WORDS = 6  # the longest figure tried: «ثلاثة آلاف وخمسمائة وعشرون»

# Counted noun (singular and broken plural, ordinary spelling) -> category (SPEC §2).
NOUN_CATEGORY: dict[str, str] = {
    fold(noun): category
    for category, nouns in {
        "fighters": ("مسلح", "مقاتل", "عنصر", "عناصر", "مسلحون"),
        "soldiers": ("جندي", "جنود"),
        "wounded": ("مصاب", "جريح", "جرحى"),
        "killed": ("قتيل", "قتلى"),
        "persons": ("شخص", "أشخاص", "فرد", "أفراد", "مواطن"),
        "civilians": ("مدني",),
        "children": ("طفل", "أطفال"),
        "women": ("امرأة", "نساء", "سيدة"),
        "residents": ("ساكن", "سكان", "أهالي", "أهال"),
        "refugees": ("لاجئ",),
        "displaced": ("نازح",),
        "evacuees": ("مهجر", "مرحل"),
        "families": ("عائلة", "عائلات", "أسرة", "أسر", "عوائل"),
        "detainees": ("معتقل", "أسير", "أسرى", "مختطف", "رهينة", "رهائن"),
        "villages": ("قرية", "قرى"),
        "towns": ("بلدة",),
        "neighborhoods": ("حي", "أحياء"),
        "cities": ("مدينة", "مدن"),
        "organizations": ("جهة", "منظمة", "هيئة"),
        "buses": ("حافلة",),
        "vehicles": ("سيارة", "عربة", "آلية"),
        "days": ("يوم", "أيام"),
        "weeks": ("أسبوع", "أسابيع"),
        "months": ("شهر", "أشهر"),
        "years": ("عام", "سنة", "أعوام", "سنوات"),
    }.items()
    for noun in nouns
}
# Categories that count people in general: inside an evacuation clause they count evacuees.
GENERIC_PEOPLE = {"persons", "civilians"}
# Words that, joined to the counted noun by و, make the counted group a mixed one
# («الآلاف من المقاتلين وعوائلهم»): its category is then the clause's, not the first noun's.
_COMPANIONS = {fold(w) for w in ("عوائل", "عائلات", "أسر", "مدني", "مرافق", "راغب")}

# Vague words (SPEC §2: `عدة آلاف` → 3000–9999). A few/several is 3–9; a plural of a unit
# is at least three of it and below the next unit; the plural of a scale word alone
# (`الآلاف`) is at least three of it and runs up to the largest figure still read in it
# (999,999 for thousands), as the seed's gold decided.
_FEW = {fold(w): (3, 9) for w in ("عدة", "بضعة", "بضع")}
_PLURAL_UNITS = {fold("عشرات"): (30, 99), fold("مئات"): (300, 999), fold("مئآت"): (300, 999)}
_SCALES = {
    fold(w): s for w, s in {"آلاف": 10**3, "ألوف": 10**3, "ملايين": 10**6, "مليارات": 10**9}.items()
}


def vague_bounds(span: str) -> tuple[int, int] | None:
    """[low, high] of a vague figure, or None when the words are not in the tables."""
    words = [_table_word(w) for w in fold(span).split()]
    if len(words) == 1 and words[0] in _SCALES:
        s = _SCALES[words[0]]
        return 3 * s, 1000 * s - 1
    head, rest = words[0], words[1:]
    bounds = _FEW.get(head) or _PLURAL_UNITS.get(head)
    if bounds is None or len(rest) > 1 or (rest and rest[0] not in _SCALES):
        return None
    s = _SCALES[rest[0]] if rest else 1
    return bounds[0] * s, (bounds[1] + 1) * s - 1


def _table_word(word: str) -> str:
    """«آلاف» folds to «الاف», which only looks definite; «الآلاف» is."""
    for cand in (word, bare(word)):
        if cand in _FEW or cand in _PLURAL_UNITS or cand in _SCALES:
            return cand
    return _definite_off(bare(word))


def _definite_off(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@lru_cache(maxsize=1 << 16)
def noun_category(word: str) -> str | None:
    """Category of a counted noun in any of its written forms."""
    for cand in _forms(fold(word)):
        if cand in NOUN_CATEGORY:
            return NOUN_CATEGORY[cand]
        for suffix, stem_end in (("ين", ""), ("ون", ""), ("ات", "ه"), ("يين", "ي"), ("ه", "ه")):
            if cand.endswith(suffix) and cand[: -len(suffix)] + stem_end in NOUN_CATEGORY:
                return NOUN_CATEGORY[cand[: -len(suffix)] + stem_end]
    return None


@lru_cache(maxsize=1 << 16)
def dual_category(word: str) -> str | None:
    """Category of a counted dual (`قريتين` → villages); None for words that only look dual."""
    for key in _forms(fold(word)):
        for suffix, stem_end in (("تين", "ه"), ("تان", "ه"), ("ين", ""), ("ان", "")):
            if key.endswith(suffix) and key[: -len(suffix)] + stem_end in NOUN_CATEGORY:
                return NOUN_CATEGORY[key[: -len(suffix)] + stem_end]
    return None


def _forms(key: str) -> list[str]:
    """The word as written, without the article, without a proclitic, without both; and
    without the accusative alif of tanween («مسلحًا» → «مسلح»)."""
    forms = [key, _definite_off(key), bare(key), _definite_off(bare(key))]
    return list(dict.fromkeys(forms + [f.removesuffix("ا") for f in forms if len(f) > 3]))


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    kind: str  # NUMBER or VAGUE
    value: Fraction | None
    first: int  # index of the first token
    last: int  # index of the last token
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    category: str | None = None


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return a.sentence == b.sentence and not gap(text, a.end, b.start)


def _span_start(tok: Token) -> int:
    """Leave one proclitic before «ال» outside the span (`والآلاف` → `الآلاف`)."""
    key = tok.key
    if key[:1] in "وفبل" and key[1:3] == "ال" and len(key) > 4:
        return tok.start + 1
    return tok.start


def find_quantities(text: str, tokens: list[Token], taken: set[int]) -> list[Quantity]:
    """Figures not overlapping the tokens in `taken` (names already tagged as entities)."""
    found = figure_spans(text, tokens, taken)
    qualify([text], [found])
    return categorized(tokens, found)


def figure_spans(text: str, tokens: list[Token], taken: set[int]) -> list[Quantity]:
    """The figures' spans and values, before their qualifiers and categories: the part of
    `find_quantities` that needs no other document (`qualify` takes a batch of them)."""
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i in taken or read_surface(tok.text).kind not in (NUMBER, VAGUE):
            i += 1
            continue
        best = None
        j = i
        while j < len(tokens) and j - i < MAX_WORDS and j not in taken:
            if j > i and not _adjacent(text, tokens[j - 1], tokens[j]):
                break
            if j - i >= 2 and tokens[j].is_digits and _digits_and(tokens[j - 2], tokens[j - 1]):
                break  # «4500 و337», «بين 200 و300»: a list or a range, not one figure
            start = _span_start(tok)
            surface = read_surface(text[start : tokens[j].end])
            # A vague reading spreads to any words after a vague one («الآلاف من …»), so a
            # vague span grows only over words that each read as figures themselves.
            if surface.kind == NUMBER or (
                surface.kind == VAGUE and read_surface(tokens[j].text).kind in (NUMBER, VAGUE)
            ):
                best = (j, start, surface)
            j += 1
        if best is None:
            i += 1
            continue
        j, start, surface = best
        if share := _PERCENT.match(text, tokens[j].end):
            i = j + 1  # a share, not a count; «بالمئة» after it is not a figure either
            while i < len(tokens) and tokens[i].start < share.end():
                i += 1
            continue
        q = Quantity(
            start, tokens[j].end, text[start : tokens[j].end], surface.kind, surface.value, i, j
        )
        if _accept(q, tokens, found):
            found.append(q)
        i = j + 1
    return _ranges(text, tokens, found)


def categorized(tokens: list[Token], found: list[Quantity]) -> list[Quantity]:
    """The qualified figures with their categories; vague ones without bounds dropped."""
    evacuation_at = _first_evacuation_word(tokens) if found else {}
    for q in found:
        _categorize(q, tokens, evacuation_at)
    return [q for q in found if q.kind == NUMBER or q.low is not None]


_PERCENT = re.compile(r"\s*(?:[%٪]|(?:ب|[فو]ي |[فو]ى )?(?:ال)?(?:مئة|مائة|مئه|مائه)\b|بالألف)")
_AND = fold("و")
_RANGE_START = {fold("بين")}
_RANGE_TO = {fold(w) for w in ("إلى", "الى", "حتى")}


def _digits_and(before: Token, conj: Token) -> bool:
    return before.is_digits and conj.key == _AND


def _ranges(text: str, tokens: list[Token], found: list[Quantity]) -> list[Quantity]:
    """«بين 200 و300», «من 200 إلى 300», «200 - 300»: one QUANTITY, qualifier range."""
    out: list[Quantity] = []
    k = 0
    while k < len(found):
        a = found[k]
        b = found[k + 1] if k + 1 < len(found) else None
        if b is not None and a.kind == b.kind == NUMBER and _range_between(text, tokens, a, b):
            low, high = a.value, b.value
            if low is not None and high is not None and low <= high and low.denominator == 1:
                span = text[a.start : b.end]
                out.append(
                    Quantity(
                        a.start,
                        b.end,
                        span,
                        NUMBER,
                        None,
                        a.first,
                        b.last,
                        qualifier="range",
                        low=int(low),
                        high=int(high),
                    )
                )
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _range_between(text: str, tokens: list[Token], a: Quantity, b: Quantity) -> bool:
    if tokens[a.first].sentence != tokens[b.first].sentence:
        return False
    between = text[a.end : b.start].strip()
    if between in ("-", "–"):
        return True
    if fold(between) in _RANGE_TO:
        return True
    before = tokens[a.first - 1].key if a.first > 0 else ""
    return fold(between) == _AND and bare(before) in _RANGE_START | {before}


def _accept(q: Quantity, tokens: list[Token], found: list[Quantity]) -> bool:
    if q.value is not None and q.value.denominator != 1:
        return False  # a count is whole: «2.5» measures something (km, %), it counts nothing
    single = q.first == q.last and not tokens[q.first].is_digits
    if q.kind == NUMBER and single and q.value == 2 and fold(q.text) not in _TWO:
        # a dual: only a known counted noun, never an adjective agreeing with the one before
        if dual_category(q.text) is None:
            return False
        return not (found and found[-1].last == q.first - 1)
    return True


_TWO = {fold(w) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين")}


def qualify(texts: list[str], founds: list[list[Quantity]]) -> None:
    """Qualifiers of the figures of many texts: the cues of all of them are found by one
    vectorized call (a call per text costs its fixed numpy overhead once per article)."""
    counts = [len(found) for found in founds]
    if not sum(counts):
        return
    docs = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    starts = np.array([q.start for found in founds for q in found], dtype=np.int64)
    cues = find_cues(CodePoints.of(pd.Series(texts)), docs, starts)
    _qualify([q for found in founds for q in found], cues)


def _qualify(found: list[Quantity], cues: np.ndarray) -> None:
    for q, cue in zip(found, cues, strict=True):
        if q.qualifier == "range":
            continue
        if q.kind == VAGUE:
            q.qualifier = "vague"
            bounds = vague_bounds(q.text)
            if bounds is not None:
                q.low, q.high = bounds
        elif cue is not None:
            q.qualifier = CUES[cue]


def _first_evacuation_word(tokens: list[Token]) -> dict[int, int]:
    """Sentence -> index of its first evacuation word: one pass, so that no figure scans
    the words before it (that scan made many figures in one sentence quadratic)."""
    first: dict[int, int] = {}
    for k, t in enumerate(tokens):
        if t.sentence not in first and is_evacuation_word(t.key):
            first[t.sentence] = k
    return first


def _categorize(q: Quantity, tokens: list[Token], evacuation_at: dict[int, int]) -> None:
    if q.kind == NUMBER and q.first == q.last and not tokens[q.first].is_digits:
        q.category = dual_category(q.text)
        if q.category is not None:
            return
    k = q.last + 1
    same = [t for t in tokens[k : k + 4] if t.sentence == tokens[q.last].sentence]
    if same and bare(same[0].key) == "من":
        same = same[1:]
    if not same:
        return
    category = noun_category(same[0].text)
    mixed = len(same) > 1 and _is_companion(same[1].key)
    evacuation = evacuation_at.get(tokens[q.first].sentence, q.first) < q.first
    if evacuation and (category in GENERIC_PEOPLE or (category and mixed)):
        category = "evacuees"
    q.category = category


def _is_companion(key: str) -> bool:
    if not key.startswith("و"):
        return False
    word = _definite_off(key[1:])
    for end in ("هم", "ها", "ه"):
        word = word.removesuffix(end) if word.endswith(end) and len(word) > 4 else word
    return any(word.startswith(c) for c in _COMPANIONS)
