"""QUANTITY spans: where a figure is written, what it reads, its qualifier, unit and category.

Candidates are digit runs and words that tally's own number reader
(`checks.numbers.read_surface`) reads as a number, a percentage or a vague quantity; each
candidate grows to the longest run of adjacent words the reader still reads as one figure
(`3 آلاف`, `عدة آلاف`, `ثلاثة آلاف وخمسمائة`, `4 سنوات ونصف`) and over a percent word
or sign after it (`90 بالمائة`, `99%`). There is no second number parser here: the value
is what `read_surface` says, so `value.surface` holds by construction. Spans follow SPEC §2:
attached clitics (و ف ب ل ك لل) stay outside (`لعشرين` → `عشرين`), the article inside.

- not a figure (`checks.extract.nonfigures`): years, dates, clock times, ordinals, numbers
  inside names and identifiers.
- duals: the reader's feminine and closed masculine duals; construct duals (`بلدتي`) only
  right before the two things they count; other masculine duals (`مرافقان`, `هجومين`) only
  with a dual verb agreeing after them; an adjective agreeing with a dual is no figure.
- unit (`checks.extract.units`): the measure noun after the figure, the dual itself, or the
  noun before a half; `percent`/`per_mille` from the reader.
- qualifier: the SPEC §4b cue before the span, else the one after it or its counted noun,
  found by the same vectorized `checks.cues` the `qualifier.cue` rule uses; `vague` for
  vague words with bounds from the reader's `VAGUE_TABLE`; `range` for `بين 10 و20`,
  `من 10 إلى 20`, `10-20` and `يومين أو ثلاثة`, a scale word after the upper figure
  scaling both (`بين 10 و15 مليار`).
- category: the counted noun after the figure (skipping «من»: `الآلاف من المقاتلين`) looked
  up in `NOUN_CATEGORY`; a counted dual (`قريتين`) is its own noun.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import compress, pairwise, repeat
from operator import attrgetter

import numpy as np
import pandas as pd

from checks.arabic import fold, strip_marks, western_digits
from checks.codepoints import CodePoints
from checks.cues import AFTER, CUES, find_cues, find_cues_after
from checks.extract.events import is_evacuation_word
from checks.extract.member_nouns import member_label, people_dual
from checks.extract.nonfigures import ADVERBS, MONTHS, NUMBERING, THOUSAND_WORDS, not_a_figure
from checks.extract.tokens import Token, bare, column, keys_of, where
from checks.extract.units import (
    MONEY_UNITS,
    TIME_ADVERBS,
    UNIT_OF,
    grade_sentence,
    is_measure_word,
    magnitude_before,
    names_a_day,
    unit_of_dual,
    unit_of_noun,
)
from checks.numbers import (
    AMBIGUOUS,
    NUMBER,
    OTHER,
    PERCENT,
    VAGUE,
    Surface,
    is_closed_dual,
    is_construct_dual,
    is_number_word,
    parse_digits,
    read_surface,
    stops_reading,
)

MAX_WORDS = 9  # the longest figure tried: «39 مليونا و702 ألف و451» (و is a word of its own)

# Counted noun (singular and broken plural, ordinary spelling) -> category (SPEC §2).
NOUN_CATEGORY: dict[str, str] = {
    fold(noun): category
    for category, nouns in {
        "fighters": ("مسلح", "مقاتل", "عنصر", "عناصر", "مسلحون"),
        "soldiers": ("جندي", "جنود", "عسكري"),
        "wounded": ("مصاب", "جريح", "جرحى"),
        "killed": ("قتيل", "قتلى", "شهيد", "شهداء"),  # «60 شهيدا»: the dead of a war
        "victims": ("ضحية", "ضحايا"),
        "houses": ("منزل", "منازل", "بيت", "بيوت"),
        "buildings": ("مبنى", "مبان", "مباني"),
        "tents": ("خيمة", "خيام"),
        "missiles": ("صاروخ", "صواريخ", "قذيفة", "قذائف"),
        "students": ("طالب", "طلاب", "تلميذ", "تلاميذ"),
        "staff": ("معلم", "مدرس", "موظف", "عامل", "عمال", "ممرض", "مسعف"),
        "patients": ("مريض", "مرضى"),
        "migrants": ("مهاجر",),
        "passengers": ("مسافر", "راكب", "ركاب"),
        "visitors": ("زائر", "زوار", "سائح", "سياح"),
        "defendants": ("متهم",),
        "journalists": ("صحفي", "صحافي", "إعلامي"),
        "protesters": ("متظاهر", "محتج"),
        "prisoners": ("سجين", "سجناء"),
        "players": ("لاعب",),
        "flights": ("رحلة", "رحلات"),
        "voters": ("ناخب",),
        "candidates": ("مرشح",),
        "winners": ("فائز",),
        "spectators": ("متفرج", "مشجع", "مشاهد"),
        # «11 متهما من أربع فئات»: sorts of a thing, never the people or things of each sort
        "sorts": ("فئة", "جنسية", "نوع", "أنواع", "صنف", "أصناف"),
        "seats": ("مقعد", "مقاعد"),
        "votes": ("صوت", "أصوات"),
        # «مرافق» alone is also «المرافق» (facilities): only its forms that count companions
        "persons": (
            "شخص",
            "أشخاص",
            "فرد",
            "أفراد",
            "مواطن",
            "مرافقا",
            "مرافقين",
            "مرافقون",
            "حاج",
            "حجاج",
        ),
        "civilians": ("مدني",),
        "children": ("طفل", "أطفال", "طفلة", "طفلات"),  # «بينهم طفلتان»: girls are children
        "women": ("امرأة", "نساء", "سيدة"),
        "residents": ("ساكن", "سكان", "أهالي", "أهال"),
        "refugees": ("لاجئ",),
        "displaced": ("نازح",),
        "evacuees": ("مهجر", "مرحل"),
        "families": ("عائلة", "عائلات", "أسرة", "أسر", "عوائل"),
        "detainees": ("معتقل", "معتقلة", "أسير", "أسيرة", "أسرى", "مختطف", "رهينة", "رهائن"),
        "villages": ("قرية", "قرى"),
        "schools": ("مدرسة", "مدارس"),
        "hospitals": ("مستشفى", "مستشفيات"),
        "camps": ("مخيم", "مخيمات"),
        "states": ("ولاية", "ولايات", "محافظة", "محافظات"),
        "provinces": ("مقاطعة", "مقاطعات"),
        "regions": ("ريف", "منطقة", "مناطق", "إقليم", "أقاليم"),
        "countries": ("دولة", "دول", "بلد", "بلدان"),
        "islands": ("جزيرة", "جزر"),
        "crossings": ("معبر", "معابر", "منفذ", "منافذ"),
        "airports": ("مطار", "مطارات"),
        "dams": ("سد", "سدود"),
        "attacks": ("هجوم", "هجمات", "غارة", "غارات", "ضربة"),
        "batches": ("دفعة", "دفعات"),
        "trucks": ("شاحنة", "شاحنات"),
        "men": ("شاب", "شبان", "رجل", "رجال"),
        "towns": ("بلدة",),
        "neighborhoods": ("حي", "أحياء"),
        "cities": ("مدينة", "مدن"),
        # «وجهات» is its own word (destinations), not «و» + «جهات» (bodies)
        "destinations": ("وجهة", "وجهات"),
        "districts": ("دائرة", "دوائر", "مديرية", "مديريات", "قضاء", "أقضية"),
        "organizations": ("جهة", "منظمة", "هيئة", "بنك", "بنوك", "مصرف", "مصارف"),
        "buses": ("حافلة",),
        "vehicles": ("سيارة", "عربة", "آلية"),
        "days": ("يوم", "أيام"),
        "weeks": ("أسبوع", "أسابيع"),
        "months": ("شهر", "أشهر"),
        "years": ("عام", "سنة", "أعوام", "سنوات"),
    }.items()
    for noun in nouns
}
# Categories of places: a count may be spread over them, or stand in one («19 بإقليم …»).
PLACE_CATEGORIES = frozenset({
    "villages", "camps", "states", "regions", "crossings", "airports", "towns",
    "neighborhoods", "cities", "provinces", "countries", "districts",
})  # fmt: skip
# Categories that count people in general: inside an evacuation clause they count evacuees.
GENERIC_PEOPLE = {"persons", "civilians"}
# Words that, joined to the counted noun by و, make the counted group a mixed one
# («الآلاف من المقاتلين وعوائلهم»): its category is then the clause's, not the first noun's.
_COMPANIONS = {fold(w) for w in ("عوائل", "عائلات", "أسر", "مدني", "مرافق", "راغب")}


def _definite_off(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@lru_cache(maxsize=1 << 16)
def noun_category(word: str) -> str | None:
    """Category of a counted noun in any of its written forms."""
    return _category_of(word_forms(fold(word)))


def _category_of(forms: list[str]) -> str | None:
    for cand in forms:
        if cand in NOUN_CATEGORY:
            return NOUN_CATEGORY[cand]
        for suffix, stem_end in (("ين", ""), ("ون", ""), ("ات", "ه"), ("يين", "ي"), ("ه", "ه")):
            if cand.endswith(suffix) and cand[: -len(suffix)] + stem_end in NOUN_CATEGORY:
                return NOUN_CATEGORY[cand[: -len(suffix)] + stem_end]
    return None


@lru_cache(maxsize=1 << 16)
def dual_category(word: str) -> str | None:
    """Category of a counted dual (`قريتين` → villages); None for words that only look dual."""
    for key in word_forms(fold(word)):
        ends = (("تين", "ه"), ("تان", "ه"), ("تي", "ه"), ("تا", "ه"), ("ين", ""), ("ان", ""))
        ends += (("ي", ""),)
        for suffix, stem_end in ends:
            if key.endswith(suffix) and key[: -len(suffix)] + stem_end in NOUN_CATEGORY:
                return NOUN_CATEGORY[key[: -len(suffix)] + stem_end]
    return None


@lru_cache(maxsize=1 << 16)
def nominative_construct_category(word: str) -> str | None:
    """Category of a feminine dual in construct state and the nominative, its ن dropped
    («ولايتا», «محافظتا», «مدينتا»), when its singular («ولاية») is a counted noun of the
    lexicon: a verb in the dual («أعلنتا», «كانتا») ends the same way, and only the lexicon
    tells them apart. Whether two names follow is the caller's to judge."""
    for key in word_forms(fold(word)):
        if key.endswith("تا") and len(key) >= 5 and key[:-2] + "ه" in NOUN_CATEGORY:
            return NOUN_CATEGORY[key[:-2] + "ه"]
    return None


def nominative_construct(word: str) -> bool:
    """`word` is a feminine dual in construct state and the nominative of a counted noun
    of either lexicon («ولايتا», «محطتا», «قاعدتا»: `member_nouns` knows the kinds of
    things whose names follow)."""
    if not fold(word).endswith("تا"):
        return False  # most words: the one ending it takes, asked first
    if nominative_construct_category(word) is not None:
        return True
    return any(
        key.endswith("تا") and len(key) >= 5 and member_label(key[:-2] + "ه") is not None
        for key in word_forms(fold(word))
    )


def word_forms(key: str) -> list[str]:
    """The word as written, without the article, without a proclitic, without both; and
    without the accusative alif of tanween («مسلحًا» → «مسلح»)."""
    forms = [key, _definite_off(key), bare(key), _definite_off(bare(key))]
    return list(dict.fromkeys(forms + [f.removesuffix("ا") for f in forms if len(f) > 3]))


@dataclass(slots=True)
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
    unit: str | None = None


_CONJ, _PREP = "وف", "بلك"


def _span_start(text: str, tok: Token, span_end: int) -> int:
    """Attached clitics stay outside the span (SPEC §2): a conjunction و/ف, then a
    preposition ب/ل/ك (`لعشرين` → `عشرين`, `وثلاثين`, `بمئات` → `مئات`, `والآلاف` →
    `الآلاف`, `للآلاف` → `آلاف`); the article stays inside. A clitic is split off only
    where the rest reads as the same figure and the whole word is no number word itself
    (`واحد` is one, not و + أحد)."""
    key = tok.key
    if is_number_word(key):
        return tok.start
    k = 0
    if key[:1] in _CONJ and len(key) > 2:
        k = 1
    if key[k : k + 2] == "لل" and len(key) > k + 3:
        k += 2
    elif key[k : k + 1] in _PREP and len(key) > k + 2:
        k += 1
    if not k:
        return tok.start  # no clitic: digits and most words
    whole = read_surface(text[tok.start : span_end])
    dual = tok.end == span_end and whole.value == 2 and not tok.is_digits
    while k > 0:
        start = _offset(text, tok, k)
        rest = read_surface(text[start:span_end])
        same = rest.kind == whole.kind and rest.value == whole.value and rest.low == whole.low
        # A dual keeps its first letter unless the rest is a dual of a known noun or the
        # number word two: «وقريتين» is و + قريتين, «واثنان» و + اثنان, «ولايتي» one word.
        # «بـشبكتي»: a tatweel after the clitic is the writer's mark of where it ends
        if same and (
            not dual
            or "\u0640" in text[tok.start : start]
            or _known_dual(text[start:span_end])
            or is_number_word(fold(text[start:span_end]))
            or _long_feminine_dual(text[start:span_end])
        ):
            return start
        k -= 1
    return tok.start


def _long_feminine_dual(word: str) -> bool:
    """«هزيمتين», «برونزيتين», «قنبلتين»: a feminine dual whose stem keeps four letters or
    more without the clitic («وهزيمتين» is و + هزيمتين; «ولايتين», «وزارتين», «بنايتين»
    keep theirs: «لاي», «زار», «ناي» are no stems)."""
    key = fold(word)
    return key.endswith(("تين", "تان")) and len(key) - 3 >= 4


def _known_dual(word: str) -> bool:
    """A dual of a counted noun of either lexicon («بلديتي», «شركتي», «قريتين»)."""
    return (
        dual_category(word) is not None
        or is_closed_dual(fold(word))
        or member_label(word) is not None
    )


def _offset(text: str, tok: Token, letters: int) -> int:
    """Offset after the first `letters` letters of the token (marks and tatweel skipped)."""
    pos, seen = tok.start, 0
    while pos < tok.end and seen < letters:
        if fold(text[pos]) and text[pos] != "\u0640":
            seen += 1
        pos += 1
    while pos < tok.end and not fold(text[pos]):
        pos += 1
    return pos


_CANDIDATE = (NUMBER, VAGUE, PERCENT, AMBIGUOUS)


def find_quantities(text: str, tokens: list[Token], taken: set[int]) -> list[Quantity]:
    """Figures not overlapping the tokens in `taken` (names already tagged as entities)."""
    found = figure_spans(text, tokens, taken)
    qualify([text], [found])
    return categorized(tokens, found)


def figure_spans(
    text: str, tokens: list[Token], taken: set[int], outlet: str = ""
) -> list[Quantity]:
    """The figures' spans and values, before their qualifiers and categories: the part of
    `find_quantities` that needs no other document (`qualify` takes a batch of them).
    `outlet`: the source's country (`outlets.outlet_country`), for money it does not name."""
    found: list[Quantity] = []
    # What each word is to a figure is worked out once per distinct word (`_word_class`);
    # only the words that may start a figure are visited.
    words = column(tokens, "text")
    classes = list(map(_CLASSES.get, words, repeat(-1)))  # -1: not worked out yet
    if -1 in classes:  # (an int sought among ints: `None in` compares far slower)
        pairs = zip(words, classes, strict=True)
        classes = [c if c != -1 else _word_class(w) for w, c in pairs]
    opens = list(compress(range(len(classes)), map(_ROLE.__and__, classes)))
    if not opens:
        return found
    keys = keys_of(tokens)
    n = len(tokens)
    i = 0  # the first token not yet read into a figure
    for c in opens:
        if c < i or c in taken:
            continue
        i, tok = c, tokens[c]
        if classes[i] & _NOMINATIVE_CONSTRUCT:
            # «ولايتا ننغرهار ولغمان»: a construct dual in the nominative, before its two
            start = next(
                o
                for o in (_offset(text, tok, k) for k in range(3))  # «وولايتا»: و outside
                if nominative_construct(text[o : tok.end])
            )
            q = Quantity(start, tok.end, text[start : tok.end], NUMBER, Fraction(2), i, i)
            if _counts_what_follows(text, tokens, q):
                found.append(q)
            i += 1
            continue
        if classes[i] & _DUAL_SHAPED:
            recent = (
                found
                and found[-1].last >= i - 4
                and tokens[found[-1].last].sentence == tok.sentence
            )
            if (not recent and _dual_agrees(text, tokens, i)) or _listed_dual(
                text, tokens, i, found
            ):
                # «لبنانيان وسوريان»: the «و» that goes on with a list stays outside
                start = tok.start + 1 if recent and tok.key.startswith("و") else tok.start
                q = Quantity(start, tok.end, text[start : tok.end], NUMBER, Fraction(2), i, i)
                q.category = dual_category(tok.text)
                found.append(q)
            i += 1
            continue
        if not_a_figure(text, tokens, i, _counted) or _scale_of_unread_digits(tokens, keys, i):
            i += 1
            continue
        best = None
        start = tok.start
        words_are_figures = True  # every word so far reads as a figure by itself
        # Once a word no reading takes stands in the span (`stops_reading`), it can only
        # be the noun of a count and a half («4 سنوات ونصف», «4 سنوات و نصف»): the words
        # after it must be those, or no longer span reads as a figure (`_AFTER_NOUN`).
        expect: frozenset[str] | None = None  # what the next word must be, after a stop
        bracketed = False  # «(92) مليوناً و(255) ألفاً»: digit groups set in brackets
        j = i
        glued = False  # «6ملايين»: a scale word typed onto the digits, read apart
        stop = i + MAX_WORDS if i + MAX_WORDS < n else n
        while j < stop and j not in taken:
            t = tokens[j]
            if j > i:
                glued = glued or (tokens[j - 1].is_digits and t.start == tokens[j - 1].end)
                if not t.joined:
                    if not _bracket_gap(text, tokens[j - 1], t):
                        break
                    bracketed = True
                if j - i >= 2 and t.is_digits and tokens[j - 2].is_digits and keys[j - 1] == _AND:
                    break  # «4500 و337», «بين 200 و300»: a list or a range, not one figure
                if expect is not None and _new_word(tokens, classes, j):
                    if keys[j] not in expect:
                        break
                    expect = _HALF_WORDS if keys[j] == _AND else _NOTHING
            span = text[start : t.end]
            if bracketed:
                span = span.translate(_NO_BRACKETS)
            surface = read_surface(_GLUED_SCALE.sub(" ", span) if glued else span)
            if surface.kind == OTHER and j == i and "،" in t.text:
                surface = _comma_decimal(t.text)  # «7،2 هكتار»: joined by the tokenizer
            kind = surface.kind
            # A vague reading spreads to any words after a vague one («الآلاف من …»), so a
            # vague span grows only over words that each read as figures themselves.
            if j > i and t.is_digits and keys[j - 1] in THOUSAND_WORDS:
                break  # «20 ألفا 300»: units with no «و» join only as `_bare_tail` allows
            if kind in (NUMBER, AMBIGUOUS):
                best = (j, surface)
            elif kind == VAGUE:
                if not words_are_figures or not classes[j] & _FIGURE_ALONE:
                    break  # «ألفي شخص إلى عشرات»: a noun between, two figures
                best = (j, surface)
            words_are_figures = words_are_figures and classes[j] & _FIGURE_ALONE
            if (
                expect is None
                and j > i
                and classes[j] & _STOPS
                and t.start > tokens[j - 1].end
                and (j + 1 == n or tokens[j + 1].start > t.end)
            ):
                expect = _AFTER_NOUN
            j += 1
        if best is None:
            i += 1
            continue
        j, surface = best
        if j - 2 >= i and tokens[j].is_digits and keys[j - 1] == _AND:  # a «و» tail
            j, surface = _without_own_tail(text, tokens, i, best, taken)
        tail = None
        if (
            surface.kind in (NUMBER, AMBIGUOUS)
            and surface.value.denominator == 1
            and keys[j] in THOUSAND_WORDS
        ):
            tail = _bare_tail(text, tokens, j, taken)  # «512 ألفا 406»: the «و» left out
        if tail is not None:
            surface = Surface(surface.kind, surface.value + int(tokens[tail].text))
            j = tail
        end = tokens[j].end
        if share := _PERCENT.match(text, end):
            read = read_surface(_GLUED_SCALE.sub(" ", text[tok.start : share.end()]))
            if read.kind == PERCENT or (read.kind == AMBIGUOUS and read.unit):
                # the percent word or sign is inside the span («9ر8 %», «12.400%» too)
                surface, end = read, share.end()
                while j + 1 < len(tokens) and tokens[j + 1].start < end:
                    j += 1
            elif share.group().strip()[:1] in _PERCENT_SIGNS:
                i = j + 1  # a sign the figure does not take is no figure's
                continue
            # «الأيام الثلاثة مئة ألف زائر»: «مئة» opens the next figure, no share of this one
        elif (share := _BRACKETED_PERCENT.match(text, end)) and surface.kind != VAGUE:
            # «(23) بالمئة», «/ 0.7 / في المائة»: the percent stands past the bracket or the
            # slash that closes the figure; the span is the figure, its unit the percent.
            surface = Surface(surface.kind, surface.value, _per_mille_or_percent(share.group()))
            while j + 1 < len(tokens) and tokens[j + 1].start < share.end():
                j += 1
        start = tok.start if tok.is_digits else _span_start(text, tok, end)  # digits: no clitic
        if bracketed and j > i:  # the brackets of the first and last groups, in the span
            start -= text[start - 1 : start] == "("
            end += text[end : end + 1] == ")"
        if surface.kind != PERCENT and start > 0 and text[start - 1] in "%٪":
            # «%50», the sign typed first in right-to-left text: inside the span
            read = read_surface(text[start - 1 : end])
            if read.kind == PERCENT:
                surface, start = read, start - 1
        q = Quantity(start, end, text[start:end], surface.kind, surface.value, i, j)
        q.unit = surface.unit
        if surface.kind == VAGUE:
            q.low, q.high = surface.low, surface.high
        ambiguous = q.kind == AMBIGUOUS
        if ambiguous:
            q.kind = NUMBER  # «12.400 نازح»: the count reading, the rules stay silent on it
        _measure(q, tokens, text, outlet)
        if (
            ambiguous
            and _DOT_THREE.fullmatch(western_digits(q.text))
            and not western_digits(q.text).endswith("0")
            and _physical(q.unit)
            and _dot_is_decimal(text)
        ):
            # «42.195 كيلومترا» where the outlet writes «82.5»: a decimal; «9.400 هكتار»
            # keeps the thousands reading (a decimal written out would drop its last zero)
            q.value /= 1000
        elif ambiguous and q.unit in ("percent", "per_mille") and _DOT_THREE.match(q.text):
            q.value /= 1000  # «بعائد 8.625%»: a share is read with its decimals
        if q.first != q.last or tok.is_digits or _accept(text, q, tokens, found):
            found.append(q)  # `_accept` judges only a number word read as two
        i = j + 1
    found = _ranges(text, tokens, found)
    _unit_written_after_pair(tokens, found)  # «من 12.25 إلى 13.75 جنيه»: no fraction of a count
    found = _compound_durations(text, found)
    kept = []
    for q in found:
        if _fractional_count(q):
            if _per_base(text, q):
                q.unit = "rate"  # a measure: «104.6 ذكور لكل 100 أنثى» counts no 104.6 men
            elif grade_sentence(tokens, q.first) or (
                _out_of_a_scale(tokens, q) and grade_sentence(tokens, q.first, weak=True)
            ):
                q.unit = "point"  # «بمعدل 19,62 من 20»: a mark
            else:
                continue
        kept.append(q)
    return kept


def _scale_of_unread_digits(tokens: list[Token], keys: list[str], i: int) -> bool:
    """«8.743.8 مليار»: a scale word right after digits the reader cannot read belongs to
    that figure; alone it would be a false «مليار» (10⁹), so no figure is taken."""
    return (
        i > 0
        and keys[i] in _SCALE_KEYS
        and tokens[i].joined
        and tokens[i - 1].is_digits
        and read_surface(tokens[i - 1].text).kind == OTHER
        and "،" not in tokens[i - 1].text
    )


def _comma_decimal(token: str) -> Surface:
    """A figure the tokenizer joined over an Arabic comma because a measure word follows
    it («7،2 هكتار», `tokens.comma_decimals`): a decimal. The reader, which sees the span
    alone, leaves it unread (`٣،٥` alone may be a list), so it is marked ambiguous and
    `value.surface` stays silent on it."""
    value = parse_digits(western_digits(token), scale_follows=True)
    return Surface(AMBIGUOUS, value) if value is not None else Surface(OTHER)


def _bare_tail(text: str, tokens: list[Token], j: int, taken: set[int]) -> int | None:
    """«512 ألفا 406 نسمة», «871 ألفا 215 شخصا»: one to three digits right after a
    thousand, one space apart, with no scale word, digit or «و» after them, are the units
    the outlet forgot to join with «و»; their index, or None."""
    k = j + 1
    if k >= len(tokens) or k in taken or not tokens[k].is_digits:
        return None
    tok = tokens[k]
    if not tok.text.isdigit() or len(tok.text) > 3 or text[tokens[j].end : tok.start] != " ":
        return None
    if tok.sentence != tokens[j].sentence:
        return None
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if (
        nxt is not None
        and nxt.sentence == tok.sentence
        and (
            nxt.is_digits
            or nxt.key in _SCALE_KEYS
            or nxt.key in _OF_THEM_KEYS  # «12 ألفا 500 منهم»: a part, its comma left out
            or nxt.key == _AND
            or nxt.start == tok.end
        )
    ):
        return None
    return k


_OF_THEM_KEYS = frozenset(fold(w) for w in ("منهم", "منها", "بينهم", "بينها", "منهن"))
_SCALE_KEYS = frozenset(
    fold(w) for w in ("ألف", "آلاف", "ألفا", "مليون", "ملايين", "مليونا", "مليار", "مليارات")
)


# A scale word typed onto the digits before it («6ملايين», «25الف»): the place a space goes.
_GLUED_SCALE = re.compile(
    r"(?<=\d)(?=(?:ألف|الف|آلاف|الاف|ألفا|الفا|مليون|مليونا|ملايين|مليار|مليارا|مليارات"
    r"|بالمائة|بالمئة)"
    r"(?![\u0621-\u064a]))"
)


# How an outlet writes a dot between digits, read off the other figures of its text: a dot
# before one, two or four and more digits is a decimal mark («82.5», «1.25»); a dot between
# groups of three more than once separates thousands («1.234.567»), and so does a dot where
# a comma marks decimals («7,8»).
_DOT_DECIMAL = re.compile(r"(?<![\d.,٫٬])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,٫٬])")
_DOT_THOUSANDS = re.compile(r"\d\.\d{3}\.\d{3}|(?<![\d.,])\d+,\d{1,2}(?![\d.,])")


_DOT_THREE = re.compile(r"\d+\.\d{3}")  # «42.195»: the one ambiguous form a dot makes


def _physical(unit: str | None) -> bool:
    """A unit of a physical measure: no count, no share, no money («3.500 دينار» is three
    and a half dinars in Amman and 3,500 pounds in Beirut: the dot says nothing there)."""
    return unit is not None and unit not in MONEY_UNITS and unit not in ("percent", "per_mille")


def _dot_is_decimal(text: str) -> bool:
    """The text writes a decimal dot elsewhere and no thousands dot nor decimal comma: an
    ambiguous «42.195» of a measure is read as the decimal it then is. (A count keeps the
    thousands reading: no count has a fraction.)"""
    return _DOT_DECIMAL.search(text) is not None and _DOT_THOUSANDS.search(text) is None


# A time written in several units joined by «و», largest first: one span and one value, in
# its smallest unit («ساعتان و8 دقائق و13 ثانية» is 7693 seconds; the last unit word stays
# outside the span, as a counted noun does).
_TIME_ORDER = {"hour": 3600, "minute": 60, "second": 1}
_AND_AFTER_UNIT = re.compile(r"\s*(?:[^\W\d_]+\s+)?و\s*$")


def _compound_durations(text: str, found: list[Quantity]) -> list[Quantity]:
    """«3 ساعات و21 دقيقة و8 ثوان», «3 دقائق و43.36 ثانية»: hours, minutes and seconds of
    one time, each joined to the next by «و» after its unit word, merged into one figure."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        if (
            last is not None
            and q.unit in _TIME_ORDER
            and last.unit in _TIME_ORDER
            and _TIME_ORDER[last.unit] > _TIME_ORDER[q.unit]
            and last.value is not None
            and q.value is not None
            and q.qualifier == "exact"
            and _AND_AFTER_UNIT.fullmatch(text, last.end, q.start) is not None
        ):
            scale = Fraction(_TIME_ORDER[last.unit], _TIME_ORDER[q.unit])
            last.value = last.value * scale + q.value
            last.end, last.last, last.unit = q.end, q.last, q.unit
            last.text = text[last.start : last.end]
            continue
        out.append(q)
    return out


def _fractional_count(q: Quantity) -> bool:
    """«2.5» with no unit measures something, it counts nothing. Refused only after ranges
    are read: in «بين 1.2 و1.5 مليون» the lower figure takes the scale written after the upper."""
    return (
        q.qualifier != "range"
        and q.value is not None
        and q.value.denominator != 1
        and q.unit is None
    )


_PER_BASE = re.compile(r"(?:\s+\S+){0,3}?\s+[وف]?[لب]كل\s+\d")


def _per_base(text: str, q: Quantity) -> bool:
    """«104.6 من الذكور لكل 100 أنثى», «2.5 طبيب لكل 1000 نسمة» (a base in digits): a rate
    per a base, with the fraction a count never has (its unit: `rate`)."""
    return _PER_BASE.match(text, q.end) is not None


def _without_own_tail(
    text: str, tokens: list[Token], first: int, best: tuple[int, object], taken: set[int]
) -> tuple[int, object]:
    """The longest reading, less a `و` tail that begins a figure of its own.

    A tail adds a smaller amount to the figure before it (`3 آلاف و500`, `مليون و200 ألف`).
    When the tail is a decimal (`1.2 مليون و1.5 مليون`) or the scale word right after it
    belongs to the tail and not to the figure (`بين 10 آلاف و15 ألف`), the `و` joins two
    figures, a list or a range, and the first figure ends before it."""
    j, _ = best
    if j - 2 < first or not tokens[j].is_digits or tokens[j - 1].key != _AND:
        return best
    tail = tokens[j]
    own_scale = (
        j + 1 < len(tokens)
        and j + 1 not in taken
        and tokens[j + 1].joined
        and read_surface(tokens[j + 1].text).kind == NUMBER
        and read_surface(text[tail.start : tokens[j + 1].end]).kind == NUMBER
    )
    decimal = any(mark in tail.text for mark in ".,٫")
    if not (own_scale or decimal):
        return best
    before = read_surface(text[tokens[first].start : tokens[j - 2].end])
    if before.kind not in (NUMBER, AMBIGUOUS):
        return best
    return (j - 2, before)


_NO_BRACKETS = str.maketrans("", "", "()")


def _bracket_gap(text: str, prev: Token, tok: Token) -> bool:
    """The words of one figure apart only by brackets around a digit group («(92) مليوناً
    و(255) ألفاً و(610) براميل», «(7.081) مليار دولار»: a ministry's figures as the press
    prints them): a closing bracket after a group opened before it, an opening one before
    a group closed after it, spaces, and nothing else."""
    gap = text[prev.end : tok.start]
    if gap.strip(" ()") or len(gap) > 3:
        return False
    if ")" in gap and not (prev.is_digits and text[prev.start - 1 : prev.start] == "("):
        return False
    return "(" not in gap or (tok.is_digits and text[tok.end : tok.end + 1] == ")")


def _new_word(tokens: list[Token], classes: list[int], k: int) -> bool:
    """Token `k` starts a whitespace-separated word of its own that the number reader keeps
    (`_SOLID`), and two digit groups are not joined into one there (`5 000`)."""
    prev = tokens[k - 1]
    tok = tokens[k]
    return tok.start > prev.end and classes[k] & _SOLID and not (tok.is_digits and prev.is_digits)


def categorized(tokens: list[Token], found: list[Quantity]) -> list[Quantity]:
    """The qualified figures with their categories; vague ones without bounds dropped."""
    evacuation_at = _first_evacuation_word(tokens) if found else {}
    for q in found:
        _categorize(q, tokens, evacuation_at)
    _compared_units(tokens, found)
    _unit_written_after_pair(tokens, found)
    _marks_out_of(tokens, found)
    _cue_verb_before_subject(tokens, found)
    return [q for q in found if q.kind != VAGUE or q.low is not None]


# A cue verb whose subject stands between it and the figure: «تجاوز عدد المصابين 2,950»,
# «لا تتجاوز سرعتها 50», «تجاوزت كمية الأمطار في بعض المناطق 300». The subject is a noun of
# amount (عدد, سرعة, كمية …), so the verb bounds the figure; §4b reads only the words right
# before a span, so this is the extractor's reading, the rule stays silent on it.
_CUE_VERBS = {
    fold(v): q
    for q, verbs in {
        "more_than": ("تجاوز", "تجاوزت", "يتجاوز", "تتجاوز", "تخطى", "تخطت", "يتخطى", "تتخطى",
                      "فاق", "فاقت", "يفوق", "تفوق", "تعدى", "تعدت", "يتعدى", "تتعدى"),
        "about": ("ناهز", "ناهزت", "يناهز", "تناهز", "قارب", "قاربت", "يقارب", "تقارب"),
    }.items()
    for v in verbs
}  # fmt: skip
_AMOUNT_NOUNS = tuple(
    fold(w)
    for w in (
        "عدد", "أعداد", "سرعة", "كمية", "كميات", "نسبة", "قيمة", "حجم", "مساحة", "منسوب",
        "حصيلة", "مجموع", "إجمالي", "مدة", "طول", "تكلفة", "كلفة", "سعر", "أسعار", "ارتفاع",
        "درجة", "درجات", "معدل", "رصيد", "عمق", "إنتاج", "محصول", "صادرات", "واردات",
        "استهلاك", "إيرادات", "نفقات", "عجز", "فائض", "دين", "ديون", "وزن", "إنفاق",
        "مصروفات", "طلبات", "أرباح", "خسائر", "مبيعات", "استثمارات", "مساعدات", "تبرعات",
        "طاقة", "سعة", "قدرة", "مخزون", "احتياطي",
        "تحويلات", "عائدات", "قروض", "مخصصات", "رواتب", "تمويل", "موازنة", "ميزانية",
    )
)  # fmt: skip
# with a suffix the feminine ending is written ت: «سرعتها», «كميته»
_AMOUNT_STEMS = _AMOUNT_NOUNS + tuple(n[:-1] + "ت" for n in _AMOUNT_NOUNS if n.endswith("ه"))
_NEGATIONS = {fold(w) for w in ("لا", "لن", "لم")}
_PRONOUN_PLACES = {fold(w) for w in ("فيه", "فيها", "خلاله", "خلالها", "معه", "معها")}
_NEGATED = {"more_than": "at_most", "less_than": "at_least"}
# verbs that bound a figure only through «عن»/«على» before it: «لا تزيد مساحتها على 14»
_THAN = {fold(w) for w in ("عن", "على")}
_THAN_VERBS = {
    fold(v): q
    for q, verbs in {
        "more_than": ("يزيد", "تزيد", "زاد", "زادت", "يزد", "تزد"),
        "less_than": ("يقل", "تقل", "قل", "قلت"),
    }.items()
    for v in verbs
}


def _negation(key: str) -> bool:
    """«لا», «لم», «لن», with their «و»/«ف» («ولا تتجاوز المصروفات …»)."""
    return key in _NEGATIONS or (key[:1] in "وف" and key[1:] in _NEGATIONS)


def _is_amount_noun(key: str) -> bool:
    word = bare(key)
    word = word[2:] if word.startswith("ال") else word
    return any(word == n or (word.startswith(n) and len(word) - len(n) <= 2) for n in _AMOUNT_STEMS)


def _may_be_cue_verb(key: str) -> bool:
    b = bare(key)
    return key in _CUE_VERBS or b in _CUE_VERBS or key in _THAN_VERBS or b in _THAN_VERBS


def _cue_verb_before_subject(tokens: list[Token], found: list[Quantity]) -> None:
    verbs = where(tokens, _may_be_cue_verb)  # most texts have none, most figures none near
    may = verbs or where(tokens, _REACHES.__contains__) or where(tokens, _LIMIT_WORDS.__contains__)
    if not may:
        return
    for q in found:
        if q.qualifier != "exact" or q.kind not in (NUMBER, PERCENT) or q.first < 2:
            continue
        if _bounded_right_before(tokens, q) or q.kind != NUMBER or not verbs:
            continue
        before = tokens[q.first - 1].key
        if before in _PREPOSITIONS and before not in _THAN:
            continue  # «تجاوز عدد المكتتبين في الشركتين 8.5 مليون»: in the subject's phrase
        near = bisect_left(verbs, q.first - 6)
        if near == len(verbs) or verbs[near] > q.first - 2:
            continue  # no verb among the words looked at below
        s = tokens[q.first].sentence
        for v in range(q.first - 2, max(q.first - 7, -1), -1):
            t = tokens[v]
            if t.sentence != s or t.is_digits or tokens[v + 1].start - t.end > 1:
                break
            qualifier = _CUE_VERBS.get(t.key) or _CUE_VERBS.get(t.bare)
            if qualifier is None and tokens[q.first - 1].key in _THAN:
                qualifier = _THAN_VERBS.get(t.key) or _THAN_VERBS.get(t.bare)
            if qualifier is None:
                continue
            subject = v + 1
            if tokens[subject].key in _PRONOUN_PLACES and subject + 1 < q.first:
                subject += 1  # «لم يتجاوز فيه الإنتاج 34 مليون»: «فيه» before the subject
            if not _is_amount_noun(tokens[subject].key):
                break
            if all(tokens[m + 1].start - tokens[m].end == 1 for m in range(v + 1, q.first)):
                negated = v > 0 and _negation(tokens[v - 1].key)
                if not negated:
                    q.qualifier = qualifier
                elif qualifier in _NEGATED:
                    q.qualifier = _NEGATED[qualifier]
            break


_MAYS = frozenset(fold(p + "قد") for p in ("", "و", "ف"))  # «قد», «وقد»
REACH_SUBJECT = 3  # words of a subject between «قد تصل» and «إلى»
_REACHES = frozenset(fold(w) for w in ("تصل", "يصل"))
_TO = frozenset(fold(w) for w in ("إلى", "الى"))


def _may_reach(tokens: list[Token], q: Quantity) -> bool:
    """«قد تصل إلى 60 كيلومترا», «عقوبة قد تصل إلى السجن 10 سنوات», «قد تصل سرعة الرياح إلى
    70»: what may reach a figure
    is bounded by it (a maximum); «ارتفع ليصل إلى 50» states where a count got to."""
    k = q.first - 1
    if k >= 1 and tokens[k].key not in _TO and tokens[k - 1].key in _TO:
        k -= 1  # one noun between: «إلى السجن 10 سنوات»
    if k < 2 or tokens[k].key not in _TO:
        return False
    # the verb right before «إلى», or before its subject («قد تصل سرعة الرياح إلى 70»)
    for v in range(k - 1, max(k - 1 - REACH_SUBJECT, 1) - 1, -1):
        if tokens[v].key in _REACHES:
            gaps = (tokens[m + 1].start - tokens[m].end for m in range(v - 1, q.first - 1))
            return tokens[v - 1].key in _MAYS and all(g == 1 for g in gaps)
    return False


# «أقصاها» (its most) and «أدناها» (its least) right before a figure state its limit.
_LIMIT_WORDS = {
    **{fold(w): "at_most" for w in ("أقصاه", "أقصاها", "أقصاهما", "أقصاهم")},
    **{fold(w): "at_least" for w in ("أدناه", "أدناها", "أدناهما", "أدناهم")},
}
NEGATION_REACH = 5  # words before a verb of exceeding searched for «لم تكن»
_WAS = frozenset(fold(w) for w in ("تكن", "يكن", "تكون", "يكون"))
# Adverbs of time a verb may put between itself and its figure («لا يتجاوز حاليا 130 مليون»).
_NOW = frozenset(fold(w) for w in ("حاليا", "الآن", "اليوم", "حتى"))


def _bounded_right_before(tokens: list[Token], q: Quantity) -> bool:
    """A negated verb of exceeding right before the figure, or past an adverb of time:
    «لم تكن نسبة ملئه تتعدى 5 في المائة» with «لا», «لا يتجاوز حاليا 130 مليون» — at most
    the figure (the SPEC §4b table lists «لا يتجاوز» alone; its synonyms bound the same).
    True when it set the qualifier."""
    if _may_reach(tokens, q):
        q.qualifier = "at_most"
        return True
    if q.first and (bound := _LIMIT_WORDS.get(tokens[q.first - 1].key)) is not None:
        q.qualifier = bound  # «لمدة أقصاها ستة أشهر», «بحد أدناه 100 دينار»: its limit
        return True
    v = q.first - 1
    if tokens[v].key in _NOW and v > 0:
        v -= 1
    t = tokens[v]
    qualifier = _CUE_VERBS.get(t.key) or _CUE_VERBS.get(t.bare)
    if qualifier not in _NEGATED:
        return False
    # the negation right before the verb, or before «تكن/يكن» and its subject («لم تكن نسبة
    # ملئه تتعدى»), with no mark between
    neg = next(
        (n for n in range(v - 1, max(v - NEGATION_REACH, 0) - 1, -1) if _negation(tokens[n].key)),
        None,
    )
    if neg is None or (neg < v - 1 and tokens[neg + 1].key not in _WAS):
        return False
    if any(tokens[m + 1].start - tokens[m].end != 1 for m in range(neg, q.first - 1)):
        return False
    q.qualifier = _NEGATED[qualifier]
    return True


# Words that set a bare figure against a measured one: «8000 ليرة بدلا من 3000»,
# «إلى 90.000 ليرة ... عن سعرها السابق البالغ 75 ألفا», «20 طنا مقابل 12».
_COMPARED = {fold(w) for w in ("بدلا", "عوضا", "مقابل", "السابق", "سابقا")}
# Words between a measure and a bare figure after it that make the figure a share of the
# measure or the next of its ranked list: it is in the measure's unit
# («النفقات 12 مليارا و431 مليون دينار، منها 10 مليارات و982 مليونا», «ثم … بـ2.5 مليار»).
_CARRIED = _COMPARED | {
    fold(w)
    for w in (
        *("منها", "منه", "بينها", "ضمنها", "بواقع", "ثم", "يليه", "يليها", "تليها", "تلتها"),
        *("تلاه", "تلته", "تلاها", "تلتها", "يليهم", "تلاهم", "يليهما", "تليهما", "تلتهما"),
        # a worth named before a bare sum («، و630 في الفجيرة بقيمة 438 مليونا»)
        *("بقيمة", "قيمته", "قيمتها", "بمبلغ", "قدره", "قدرها"),
        # a measure spread over the items of a list («صرفت 18.4 مليون دينار، توزعت على
        # رعاية المساجد (6.9 مليون) …»)
        *("توزعت", "وتوزعت", "توزع", "وتوزع", "موزعة", "تتوزع", "وتتوزع", "يتوزع", "ويتوزع"),
    )
}
_SHARES = {"percent", "per_mille"}
# A share or a span of time is not the unit the next bare figure is written in
# («50 مليار يورو للسنوات الأربع المقبلة، منها 33 مليارا»: euros, not years).
_NOT_CARRIED = _SHARES | {"year", "month", "week", "day", "hour", "minute", "decade"}


def _compared_units(tokens: list[Token], found: list[Quantity]) -> None:
    """A bare figure (no noun or unit after it) compared with a measure of the same sentence
    a few words before, given as its share or the next of its ranking (`_CARRIED`), or
    joined to it by «و» (`269 مليار ريال للجيش، و195 مليارا للتعليم`), or the next holder
    of a list (`السعودية مليون برميل يوميا، وروسيا 500 ألف`), takes that measure's unit:
    the outlet writes the unit once."""
    last_measure: Quantity | None = None  # the latest figure before q that is no share
    last_rate: Quantity | None = None  # the latest figure before q in a unit per time
    before: Quantity | None = None  # the figure right before q
    for q in found:
        p, last_measure = last_measure, (q if q.unit not in _NOT_CARRIED else last_measure)
        share, before = before, q
        rate = p if p is not None and p.unit is not None else last_rate
        if _share_of_rate(tokens, rate, q):
            q.unit = rate.unit  # «3.5 مليون برميل يوميا، بينها 400 ألف برميل»: per day too
        if q.unit is not None and "_per_" in q.unit:
            last_rate = q  # a later figure of its unit may go on with it past counts
        if q.unit is not None or q.category is not None or q.kind != NUMBER:
            continue
        if q.first == q.last and not tokens[q.first].is_digits and q.value == 2:
            continue  # a dual counts its own noun
        nxt = q.last + 1
        same = nxt < len(tokens) and tokens[nxt].sentence == tokens[q.last].sentence
        if (
            same
            and tokens[nxt].joined  # «(6.9 مليون) والأسرة»: past a bracket, no noun of its own
            and _counted(tokens[nxt])
            and not tokens[nxt].key.startswith("لل")
            and tokens[nxt].key not in TIME_ADVERBS  # «مقابل 13.77 مليارا اليوم السابق»
        ):
            continue
        if _next_share(tokens, share, q, same, nxt):
            q.unit = share.unit  # «93 في المئة في العلوم، و85 في علوم الحياة»
            continue
        if p is None or p.unit is None:
            continue
        if tokens[p.last].sentence != tokens[q.first].sentence or q.first - p.last > 14:
            continue
        between = tokens[p.last + 1 : q.first]
        bare = not (same and _may_count(tokens, q.last, nxt) and not _sum_named(tokens[nxt]))
        # «24 مليون جنيه، منها 9 قضايا»: a figure with a noun of its own counts that noun
        own = same and _own_noun(tokens, q.last, nxt)
        if (any(t.key in _CARRIED or t.bare in _CARRIED for t in between) and not own) or (
            bare
            and (
                _joined_by_and(tokens, q.first) or (_next_holder(between) and not _of(tokens, nxt))
            )
        ):
            q.unit = p.unit


_CONNECTIVES = frozenset(fold(w) for w in ("فيما", "بينما", "مقابل", "أي", "أو", "إلى", "حتى"))


def _own_noun(tokens: list[Token], last: int, nxt: int) -> bool:
    """The word after a figure is a noun of its own («منها 9 قضايا»), not the next item of
    a list («بـ58 مليون والبصرة»), a word of rank or of a comparison («بـ24.3 مليون ثم»)
    nor a name of what a sum is («و1.3 مليار نفقات»)."""
    tok = tokens[nxt]
    if not _may_count(tokens, last, nxt) or _sum_named(tok) or tok.key.startswith(_AND):
        return False
    return tok.key not in _CARRIED and tok.key not in _CONNECTIVES and len(tok.key) > 2


def _next_share(
    tokens: list[Token], share: Quantity | None, q: Quantity, same: bool, nxt: int
) -> bool:
    """q goes on a list of shares: the figure right before it is a share of its sentence,
    q is joined to it by «و», names nothing it counts (a preposition or a clause mark after
    it), and can be a share (at most 100)."""
    return (
        share is not None
        and share.unit in _SHARES
        and tokens[share.last].sentence == tokens[q.first].sentence
        and q.value is not None
        and q.value <= 100
        and _joined_by_and(tokens, q.first)
        and not (same and _may_count(tokens, q.last, nxt))
    )


_PER_PERIOD = frozenset(fold(w) for w in ("سنويا", "شهريا", "أسبوعيا", "يوميا"))
RATE_CARRIED_WITHIN = 40  # tokens between a rate and a figure of its unit that goes on with it
_STOCKS = frozenset(
    fold(w) for w in ("مخزون", "مخزونه", "مخزونها", "سعة", "سعته", "سعتها", "احتياطي", "حجم")
)
_BY_BEFORE = re.compile(r"ب\s*ـ*\s*$")


def _share_of_rate(tokens: list[Token], p: Quantity | None, q: Quantity) -> bool:
    """q names the unit of rate p without its time («بينها 400 ألف برميل» after «3.5 مليون
    برميل يوميا»), or points after basis points, and is given as its share or as the next
    of its list («و25 نقطة»): it is in p's unit."""
    if p is None or p.unit is None or q.unit is None:
        return False
    if not (p.unit.startswith(q.unit + "_per_") or (p.unit, q.unit) == ("basis_point", "point")):
        return False  # «100 نقطة أساس، منها 50 نقطة»: basis points too
    if q.first - p.last > RATE_CARRIED_WITHIN:
        return False
    if any(t.key in _PER_PERIOD for t in tokens[q.last + 1 : q.last + 4]):
        return False  # «350 و400 مليون متر مكعب سنويا»: a time of its own
    between = tokens[p.last + 1 : q.first]
    carried = any(t.key in _CARRIED or t.bare in _CARRIED for t in between)
    apart = tokens[q.first].sentence - tokens[p.last].sentence
    if apart == 0:
        # «بحاجة إلى 650 ألف متر مكعب يوميا، حيث يؤمن النبع 180 ألف متر مكعب»: the rate
        # the sentence set, unless the figure is a stock («مخزون السد 50 مليون متر مكعب»)
        stock = any(
            t.key in _STOCKS or t.bare in _STOCKS for t in tokens[max(0, q.first - 3) : q.first]
        )
        return carried or _joined_by_and(tokens, q.first) or (p.unit != "basis_point" and not stock)
    # the next sentence goes on with the list («… 4 ملايين متر مكعب يوميا. … أكبرها مشروع
    # الكرخ بـ1.36 مليون متر مكعب، يليه …»): a share it holds or the next of its ranking
    held = q.first > 0 and _BY_BEFORE.search(tokens[q.first - 1].text) is not None
    return apart == 1 and (carried or held)


_SCALES_OF_MARKS = frozenset(fold(w) for w in ("10", "20", "100", "عشرة", "عشرين", "مائة", "مئة"))


def _out_of_a_scale(tokens: list[Token], q: Quantity) -> bool:
    """«19,77 من عشرين», «17,25 من 20»: a figure out of the scale marks are given on."""
    k = q.last + 1
    return (
        k + 1 < len(tokens)
        and tokens[k].key == _FROM_WORD
        and western_digits(tokens[k + 1].key) in _SCALES_OF_MARKS
    )


def _marks_out_of(tokens: list[Token], found: list[Quantity]) -> None:
    """«بـ19,77 من عشرين», «معدل يفوق 18 من 20», «408 درجات من 410»: a mark and the most it
    could be, «من» alone between them in a sentence of exams, are both points."""
    for q, r in pairwise(found):
        at = q.last + 1
        if at < len(tokens) and q.unit == "point" and is_measure_word(tokens[at]):
            at += 1  # «395 درجة من 410»: the mark's word, then «من»
        if r.first != at + 1 or tokens[at].key != _FROM_WORD:
            continue
        after = r.last + 1
        if (
            after < len(tokens)
            and tokens[after].joined
            and not is_measure_word(tokens[after])
            and tokens[after].key not in _PREPOSITIONS
        ):
            continue  # «62 نقطة من 25 مباراة», «من ثلاث ركلات»: a count of its own noun
        if {q.unit, r.unit} - {None, "point"} or q.category is not None or r.category is not None:
            continue
        if "point" in (q.unit, r.unit) or grade_sentence(tokens, q.first, weak=True):
            q.unit = r.unit = "point"


def _unit_written_after_pair(tokens: list[Token], found: list[Quantity]) -> None:
    """«من 895 إلى 920 فلسا», «47 و30 درجة», «بـ18 و15 كيلومترا»: a bare figure joined to
    the next by one «إلى», «و» or «أو», no clause mark between, is written in the unit
    named after that one (the outlet writes the unit once, after the pair). A count has
    its noun right after it, so a figure with a noun or a category of its own takes nothing."""
    for q, r in reversed(list(pairwise(found))):  # back along a list: «70.5 و66.8 و58.1 بالمئة»
        if q.unit is not None or r.unit is None or q.category is not None or q.kind != NUMBER:
            continue
        if r.first - q.last > 2 or not all(t.joined for t in tokens[q.last + 1 : r.first + 1]):
            continue
        if r.first == q.last + 1:  # «و30»: the «و» written onto the figure
            tok = tokens[r.first]
            if not (tok.key.startswith(_AND) and r.start > tok.start):
                continue
        elif tokens[q.last + 1].key not in _PAIR_WORDS:
            continue
        q.unit = r.unit


_PAIR_WORDS = frozenset(fold(w) for w in ("إلى", "الى", "و", "أو", "حتى"))


_FROM_WORD = fold("من")
LIST_GAP = 5  # words between a measure and the next item of its list, at most


def _of(tokens: list[Token], nxt: int) -> bool:
    """«220 من الأطباء»: the figure counts the definite noun after «من»."""
    return (
        nxt + 1 < len(tokens)
        and tokens[nxt].key == _FROM_WORD
        and tokens[nxt + 1].key.startswith("ال")
    )


HOLDER_WORDS = 4  # «، ومحطة غرب طرابلس بـ1500»: the next holder's name and its «بـ»


_BI = fold("ب")


def _next_holder(between: list[Token]) -> bool:
    """The words between a measure and a figure are the rest of its noun phrase, a clause
    mark, then «و» and the next holder's name («…، وروسيا 500 ألف»)."""
    if not 0 < len(between) <= LIST_GAP:
        return False
    # «العراق بـ220 ألفا والإمارات بـ160 ألفا»: «و», the next holder and «بـ» before its own
    # figure, no clause mark between
    first, last = between[0], between[-1]
    if (
        len(between) <= HOLDER_WORDS + 1
        and last.key == _BI
        and first.key.startswith(_AND)
        and first.bare == first.key[1:]
    ):
        return True
    for n, tok in enumerate(between):
        if not tok.joined:  # a clause mark before this word
            return (
                tok.key.startswith(_AND)
                and tok.bare == tok.key[1:]
                and n + HOLDER_WORDS >= len(between)
            )
    return False


# Nouns that name what a sum of money is («و1.3 مليار نفقات رأسمالية»): after a bare
# figure they do not say what it counts, the unit written before still holds.
_SUM_NAMES = {
    fold(w)
    for w in (
        *("نفقات", "إيرادات", "عجز", "فائض", "دين", "ديون", "إنفاق", "صادرات", "واردات"),
        *("مخصصات", "منح", "قروض", "استثمارات", "رواتب", "أجور", "ضرائب", "رسوم"),
        # what a part of a fee or a debt is («منها 70 مليونا مبلغا ثابتا و5 ملايين متغيرات»)
        *("مبلغا", "مبلغ", "متغيرات", "مكافآت", "مستحقات", "عمولات", "غرامات", "تعويضات"),
    )
}


def _sum_named(tok: Token) -> bool:
    return tok.key in _SUM_NAMES or tok.bare in _SUM_NAMES


def _joined_by_and(tokens: list[Token], first: int) -> bool:
    """«و» stands alone before the figure («و 195») or is written onto its first word
    («ومليار و300 مليون»)."""
    tok = tokens[first]
    return tokens[first - 1].key == _AND or (
        not tok.is_digits
        and tok.key.startswith(_AND)
        and tok.bare == tok.key[1:]
        and not is_number_word(tok.key)  # «واحد» is one, not و + «أحد»
    )


def _may_count(tokens: list[Token], last: int, nxt: int) -> bool:
    """The word right after a figure may be what it counts: it follows with no mark between
    and is neither a preposition nor a word a preposition is written onto («و195 مليارا
    للتعليم», «و72 مليارا لقطاع التعليم», «بمنطقة»: for what, or where), unless it is a
    counted noun that only begins like one («لاجئ», «بلدة»)."""
    tok = tokens[nxt]
    if tok.start - tokens[last].end > 1:
        return False
    if tok.key in _PREPOSITIONS or tok.key in _FOR_EACH or tok.key.startswith("لل"):
        return False
    if tok.key in TIME_ADVERBS:
        return False  # «13.77 مليارا اليوم السابق»: when, not what
    return not (
        tok.key[:1] in _PREPOSITION_LETTERS and tok.bare == tok.key[1:] and not _counted(tok)
    )


_PREPOSITION_LETTERS = frozenset(fold("لب"))
_FOR_EACH = frozenset(fold(w) for w in ("لكل", "بكل"))  # «و20 ألفا لكل مصاب»


def _counted(tok: Token | None) -> bool:
    return tok is not None and (noun_category(tok.text) is not None or is_measure_word(tok))


def _measure(q: Quantity, tokens: list[Token], text: str, outlet: str = "") -> None:
    """The unit of a figure that is not a percentage: the noun after it, the dual itself,
    or the noun inside before a half (SPEC §2 `unit`); `outlet` as `figure_spans`."""
    if q.unit is not None:
        return
    if q.first == q.last and q.first and tokens[q.first].key in _ONE_WORDS:
        for noun in (q.first - 1, q.first - 2):  # «نقطة مئوية واحدة»: past its adjective
            before = tokens[noun] if noun >= 0 else None
            if before is None or before.sentence != tokens[q.first].sentence:
                break
            if is_measure_word(before):
                # «درهم واحد», «ليوم واحد»: «one» follows the noun it measures
                q.unit = unit_of_noun(tokens, noun, text, q.first, outlet)
                return
    if q.last > q.first and tokens[q.last].key.removeprefix("و") in _HALVES:
        noun = q.last - 1 if tokens[q.last].key != _AND else q.last - 2
        q.unit = unit_of_noun(tokens, noun, text, q.first, outlet)
        return
    if q.first == q.last and not tokens[q.first].is_digits and q.value == 2:
        unit = unit_of_noun(tokens, q.first, text, q.first, outlet) or unit_of_dual(
            tokens[q.first].bare
        )
        if unit is not None:
            q.unit = unit
            return
    k = q.last + 1
    # the tests of `unit_of_noun`, `_unit_of_definite_noun_before` and `magnitude_before`
    # that turn most figures away, written out here (most figures count, they measure nothing)
    if (
        k < len(tokens)
        and tokens[k].sentence == tokens[q.last].sentence
        and is_measure_word(tokens[k])
    ):
        q.unit = unit_of_noun(tokens, k, text, q.first, outlet)
        if q.unit == "decade" and q.value is not None and q.value > MOST_DECADES:
            q.unit = None  # «38 ألفا و405 عقود»: contracts («عقد»), no span of decades
    if q.unit is None:
        first, before = tokens[q.first], tokens[q.first - 1] if q.first else None
        if (before is not None and before.key == _ARTICLE) or (
            not first.is_digits
            and first.key.startswith(_ARTICLE)
            and first.key not in THOUSAND_WORDS  # «اليوم ألف و240 قاصرا»: no day
        ):
            q.unit = _unit_of_definite_noun_before(tokens, q)
        if q.unit is None and before is not None and before.bare == _FORCE:
            q.unit = "magnitude" if magnitude_before(tokens, q.first) else None
    fraction = q.value is not None and q.value.denominator != 1
    if q.unit is None and fraction and _index_sentence(tokens, q.first):
        q.unit = "point"  # «بلغ الرقم القياسي … ما مقداره 112.64 مقابل 110.58»


MOST_DECADES = 10  # «عقود» after a larger count are contracts (the same plural), not decades
_ARTICLE = fold("ال")
_FORCE = fold("قوة")  # «بقوة 6.8» (`magnitude_before`)
# An index named before a bare fraction in its sentence: the fraction is its level in
# points («الرقم القياسي لأسعار المستهلك … 112.64», «أغلق المؤشر عند 6683.34»).
_INDEX_NAMES = frozenset(
    fold(w) for w in ("القياسي", "المؤشر", "مؤشر", "لمؤشر", "للمؤشر", "والمؤشر", "المؤشرات")
)
INDEX_REACH = 30  # words before a fraction searched for the index it is a level of


def _index_sentence(tokens: list[Token], first: int) -> bool:
    sentence = tokens[first].sentence
    for t in tokens[max(0, first - INDEX_REACH) : first]:
        if t.sentence == sentence and t.key in _INDEX_NAMES:
            return True
    return False


_ONE_WORDS = frozenset(fold(w) for w in ("واحد", "واحدة", "واحدا"))


def _unit_of_definite_noun_before(tokens: list[Token], q: Quantity) -> str | None:
    """A definite number follows the noun it counts, as an adjective: `الأسابيع الأربعة`,
    `الساعات الـ48`. The noun before it names the unit."""
    k = q.first - 1
    if k >= 0 and tokens[k].key == _ARTICLE:  # «الـ48»: the article written apart
        k -= 1
    elif (
        not tokens[q.first].key.startswith(_ARTICLE)
        or tokens[q.first].is_digits
        or tokens[q.first].key in THOUSAND_WORDS
    ):
        return None
    if k < 0 or tokens[k].sentence != tokens[q.first].sentence:
        return None
    noun = tokens[k].bare  # «للسنوات الثلاث»: ل + ال
    if not noun.startswith(_ARTICLE) or tokens[k + 1].start - tokens[k].end > 1:
        return None
    return UNIT_OF.get(noun[len(_ARTICLE) :])


_HALVES = {fold("نصف"), fold("ربع")}
# The words after the noun of a count and a half, in turn: «و» then the half, or «ونصف».
_HALF_WORDS = frozenset(_HALVES)
_AFTER_NOUN = frozenset({fold("و")} | {fold("و") + w for w in _HALVES})
_NOTHING: frozenset[str] = frozenset()
_FRACTIONS = {p + w for p in ("", "و", "ب", "ل", "وب", "ول") for w in _HALVES}  # «نصف مليون»


def _first_evacuation_word(tokens: list[Token]) -> dict[int, int]:
    """Sentence -> index of its first evacuation word: one pass, so that no figure scans
    the words before it (that scan made many figures in one sentence quadratic)."""
    first: dict[int, int] = {}
    for k in where(tokens, is_evacuation_word):
        first.setdefault(tokens[k].sentence, k)
    return first


def _categorize(q: Quantity, tokens: list[Token], evacuation_at: dict[int, int]) -> None:
    if q.kind == NUMBER and q.first == q.last and not tokens[q.first].is_digits:
        q.category = dual_category(q.text)
        if q.category is not None:
            return
    if not tokens[q.first].is_digits and _definite_after_noun(tokens, q):
        # «الدول الخمس», «الأقاليم الستة»: the definite number follows the noun it counts
        q.category = noun_category(tokens[q.first - 1].text)
        if q.category is not None:
            return
    if (noun := _noun_before_article(tokens, q)) is not None:
        # «المرشحين الـ20 بمقاعد»: digits with «الـ» follow the noun they count, too
        q.category = noun_category(noun.text)
        if q.category is not None:
            return
    k = q.last + 1
    sentence = tokens[q.last].sentence
    same = tokens[k : k + 4]
    if same and same[-1].sentence != sentence:  # sentences only grow: all or a first part
        same = [t for t in same if t.sentence == sentence]
    if same and not same[0].joined and q.end == tokens[q.last].end:
        # «مستشفى الكرك (5) ومستشفى القطرانة»: a mark (not the figure's own «%») sets the
        # word after apart; it opens the next item, it is not the counted noun
        return
    origin = False
    if same and same[0].bare == "من":
        same, origin = same[1:], True
    if not same or same[0].key.startswith("لل"):
        return  # «85 مليونا للمستشفيات»: a noun after «لل» says for what, it is not counted
    if same[0].key in TIME_ADVERBS:
        return  # «13.77 مليارا اليوم السابق»: when, not what is counted
    if len(same) > 1 and names_a_day(same[0].key, same[1].key):
        return  # «و4.150 يوم الثلاثاء»: on Tuesday, not a count of days
    category = noun_category(same[0].text)
    if category in PLACE_CATEGORIES and _in_a_place(same[0].key):
        return  # «منهم 19 بإقليم الناحية الثانية»: where the 19 are, not what they count
    if origin and category in _ORIGINS:
        return  # «2500 من دول الساحل»: where they come from, not what they are
    if origin and category in _ORIGIN_PLACES and not same[0].bare.startswith("ال"):
        return  # «و8,105 من معبر أونجو بينار»: the place they came through («من المعابر»
        # the set taken from, stays)
    if category and evacuation_at.get(tokens[q.first].sentence, q.first) < q.first:
        mixed = len(same) > 1 and _is_companion(same[1].key)
        if category in GENERIC_PEOPLE or mixed:
            category = "evacuees"
    q.category = category


_ORIGINS = {"countries", "sorts"}  # «اثنان من الجنسية الإيرانية»: of which sort
# places a count may come from or through, named by an indefinite noun after «من»
_ORIGIN_PLACES = {"crossings", "camps", "villages", "towns", "cities", "airports", "regions"}


def _in_a_place(key: str) -> bool:
    """«بإقليم», «بولاية», «لمحافظة»: a place word behind the preposition «بـ» or «لـ»
    (the word itself, «بلدات», is no such form), which says where a count stands."""
    if key[:1] not in ("ب", "ل") or len(key) < 4:
        return False
    return _category_of([key, _definite_off(key)]) is None


def _definite_after_noun(tokens: list[Token], q: Quantity) -> bool:
    """A definite number word right after a definite noun, as its adjective."""
    first = tokens[q.first]
    if q.first == 0 or first.is_digits or not first.bare.startswith("ال"):
        return False
    prev = tokens[q.first - 1]
    return first.joined and prev.bare.startswith("ال") and not prev.is_digits


def _noun_before_article(tokens: list[Token], q: Quantity) -> Token | None:
    """The definite noun before digits that carry the article «الـ» («الحافلات الـ16»)."""
    if q.first < 2 or not tokens[q.first].is_digits:
        return None
    article, noun = tokens[q.first - 1], tokens[q.first - 2]
    if article.text not in _ARTICLE_TOKENS or noun.is_digits or not noun.bare.startswith("ال"):
        return None
    return noun if noun.sentence == tokens[q.first].sentence else None


_ARTICLE_TOKENS = frozenset({"الـ", "الــ", "ال"})


def _is_companion(key: str) -> bool:
    if not key.startswith("و"):
        return False
    word = _definite_off(key[1:])
    for end in ("هم", "ها", "ه"):
        word = word.removesuffix(end) if word.endswith(end) and len(word) > 4 else word
    return any(word.startswith(c) for c in _COMPANIONS)


_PERCENT = re.compile(
    r"\s*(?:[%٪‰]|(?:ب|[فو][يى] )?(?:ال)?(?:مئة|مائة|مئه|مائه|مية)\b|(?:بال|[فو][يى] ال)ألف\b)"
)
_PERCENT_SIGNS = frozenset("%٪‰")
# A percent after the bracket or slash that closes its figure (SPA, WAM and Saba write
# figures between brackets or slashes).
_BRACKETED_PERCENT = re.compile(rf"\s*[)\]/](?:{_PERCENT.pattern})")


def _per_mille_or_percent(share: str) -> str:
    return "per_mille" if "‰" in share or "ألف" in share else "percent"


_AND = fold("و")
_RANGE_START = {fold("بين")}
_THE = fold("ال")  # the article alone before digits: «الـ51»
_RANGE_TO = {fold(w) for w in ("إلى", "الى", "حتى")}
_RANGE_FROM = {fold(w) for w in ("من", "بين")}
_OR = {fold(w) for w in ("أو", "او")}
_TWO = {fold(w) for w in ("اثنان", "اثنين", "اثنتان", "اثنتين")}


def _digits_and(before: Token, conj: Token) -> bool:
    return before.is_digits and conj.key == _AND


def _ranges(text: str, tokens: list[Token], found: list[Quantity]) -> list[Quantity]:
    """«بين 200 و300», «من 200 إلى 300», «200 - 300», «يومين أو ثلاثة»: one QUANTITY,
    qualifier range. A scale word on the upper figure only scales both (`بين 10 و15 مليار`)."""
    out: list[Quantity] = []
    changes: set[int] = set()  # sentences with a change «من … إلى …»: the next ones change too
    k = 0
    while k < len(found):
        a = found[k]
        b = found[k + 1] if k + 1 < len(found) else None
        pair = b is not None and a.kind == b.kind == NUMBER
        pair = pair and (a.unit is None or b.unit is None or a.unit == b.unit)
        if pair and _range_between(text, tokens, a, b, changes):
            low, high = _scaled_low(tokens, a, b), b.value
            whole = low is not None and high is not None
            if whole and low < high and low.denominator == 1 and high.denominator == 1:
                q = Quantity(
                    a.start,
                    b.end,
                    text[a.start : b.end],
                    NUMBER,
                    None,
                    a.first,
                    b.last,
                    qualifier="range",
                    low=int(low),
                    high=int(high),
                )
                q.unit = b.unit or a.unit
                out.append(q)
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _scaled_low(tokens: list[Token], a: Quantity, b: Quantity) -> Fraction | None:
    """The lower figure, scaled by the scale words written only after the upper one."""
    if a.value is None or b.value is None or b.first == b.last or a.first != a.last:
        return a.value
    head = read_surface(tokens[b.first].text)
    if head.kind != NUMBER or not head.value or a.value >= head.value:
        return a.value
    scale = b.value / head.value
    return a.value * scale if scale > 1 and scale.denominator == 1 else a.value


@lru_cache(maxsize=1 << 14)
def _folded_between(gap: str) -> str:
    """The text between two figures, stripped and folded (a text repeats its few joiners)."""
    return fold(gap.strip())


def _range_between(
    text: str, tokens: list[Token], a: Quantity, b: Quantity, changes: set[int]
) -> bool:
    """Figures a and b are one range; a change «ارتفع … من 9 إلى 12» is two figures, and so
    is each «من … إلى …» after one in its sentence («ولتر بنزين 95 من 15 إلى 17»)."""
    if tokens[a.first].sentence != tokens[b.first].sentence:
        return False
    if a.first > 0 and tokens[a.first - 1].key == _THE and tokens[a.first].is_digits:
        return False  # «مباريات البطولة الـ51 إلى 1,507,790»: a definite count opens no range
    between = _folded_between(text[a.end : b.start])
    if between in ("-", "–") or (not between and "ـ" in text[a.start : b.start]):
        return True  # «15 - 19», «(15 ــ19 سنة)»: a dash, or a tatweel run set as one
    if between in _OR:
        return True
    if between in _RANGE_TO:
        # «من 10 إلى 20», «5 إلى 10 كيلومترات»; but «وصلت خلال يومين إلى 161 ألفا»: a unit
        # on the lower figure alone, with no «من» before it, is a duration, then a count
        opened = a.first > 0 and (
            tokens[a.first - 1].key in _RANGE_FROM or tokens[a.first - 1].bare in _RANGE_FROM
        )
        sentence = tokens[a.first].sentence
        changed = (sentence in changes and not _ranged(tokens, a.first - 1)) or _changed_from(
            tokens, a.first - 1
        )
        if opened and changed and _scaled_low(tokens, a, b) == a.value:
            changes.add(sentence)
            return False  # «ارتفع العدد من 9 إلى 12»: a value before and after, not a range
        return opened or a.unit is None or a.unit == b.unit
    words = between.split()
    if len(words) > 1 and words[-1] in _RANGE_TO and a.first > 0:
        # «زادت صادرات الأثاث من 122 مليون جنيه إلى 135 مليونا، والأدوية من 202 مليون إلى
        # 235 مليونا»: a change with its unit written on the lower figure; the «من … إلى»
        # after it in its sentence change too
        opened = tokens[a.first - 1].key in _RANGE_FROM or tokens[a.first - 1].bare in _RANGE_FROM
        if opened and _changed_from(tokens, a.first - 1):
            changes.add(tokens[a.first].sentence)
        return False
    if between != _AND or a.first == 0:
        return False
    before = tokens[a.first - 1].key
    return before in _RANGE_START or bare(before) in _RANGE_START


# Words of change: «ارتفع/تراجع/زاد … من 9 إلى 12» names the figure before and after the
# change, two figures. Stems of the verbs (past and present) and their nouns, folded.
_CHANGE_STEMS = tuple(
    fold(w)
    for w in (
        "ارتفع", "يرتفع", "ترتفع", "ارتفاع", "انخفض", "ينخفض", "تنخفض", "انخفاض", "تراجع",
        "يتراجع", "زاد", "يزيد", "تزيد", "زيادة", "ازداد", "يزداد", "تزداد", "قفز", "يقفز",
        "تقفز", "قفزة", "هبط", "يهبط", "تهبط", "هبوط", "صعد", "يصعد", "تصعد", "صعود", "تضاعف",
        "يتضاعف", "تقلص", "يتقلص", "تتقلص", "رفع", "يرفع", "ترفع", "خفض", "يخفض", "تخفض",
        "قلص", "يقلص", "تقلص", "نما", "ينمو", "تنمو", "نمو", "تغير", "يتغير", "تحسن", "يتحسن",
        "تدهور", "تضخم", "انكمش", "ينكمش", "تنكمش",
    )
)  # fmt: skip
_CHANGE_REACH = 8  # words between the change and «من»: «ارتفع عدد القتلى في المدينة من»


@lru_cache(maxsize=1 << 14)
def _is_change_word(key: str) -> bool:
    word = key[1:] if key[:1] in "وفل" and len(key) > 3 else key
    return word.startswith(_CHANGE_STEMS)


def _changed_from(tokens: list[Token], from_at: int) -> bool:
    """A word of change before «من» in its sentence, with no figure between (the number of
    a grade or a name is none: «رفع سعر لتر بنزين 80 من 12.25 إلى 13.75»)."""
    sentence = tokens[from_at].sentence
    words = 0  # words read, a date («خلال سبتمبر 2012 مقارنة بسبتمبر 2011») not counted
    k = from_at - 1
    while k >= 0 and words < _CHANGE_REACH:
        tok = tokens[k]
        if tok.sentence != sentence:
            return False
        dated = tok.is_digits and k and tokens[k - 1].bare in MONTHS
        if dated:
            k -= 2  # the month and its year
            continue
        if tok.is_digits and not (k and tokens[k - 1].key in NUMBERING):
            return False
        if _is_change_word(tok.key):
            return True
        words += 1
        k -= 1
    return False


_RANGE_STEMS = tuple(fold(w) for w in ("تراوح", "يتراوح", "تتراوح", "راوح", "تفاوت", "يتفاوت"))


def _ranged(tokens: list[Token], from_at: int) -> bool:
    """A word of range before «من» in its clause («وتراوحت أعمارهم من 20 إلى 40»)."""
    sentence = tokens[from_at].sentence
    for k in range(from_at - 1, max(from_at - 1 - _CHANGE_REACH, -1), -1):
        tok = tokens[k]
        if tok.sentence != sentence or not tokens[k + 1].joined:
            return False
        word = tok.key[1:] if tok.key[:1] in "وف" and len(tok.key) > 3 else tok.key
        if word.startswith(_RANGE_STEMS):
            return True
    return False


_PARTICLES = {fold(w) for w in ("قد", "لقد", "لم", "لن", "ما", "لا", "كانا", "فقد", "وقد")}
_PREPOSITIONS = {fold(w) for w in ("من", "في", "على", "عن", "إلى", "مع", "بين", "لدى")}


def _dual_agrees(text: str, tokens: list[Token], i: int) -> bool:
    """The verb after the word is dual (`هجومين استهدفا`, `مرافقين لمريض قتلا`, `مرافقان قد
    رافقا`, `سجلتا`): past the particles and one prepositional phrase, the first word must
    be a verb in the dual; anything else ends the look (`عثمان إن …` has no dual verb)."""
    s = tokens[i].sentence
    k = i + 1
    while k < min(i + 6, len(tokens)):
        t = tokens[k]
        if t.sentence != s or t.is_digits:
            return False
        if _CLAUSE_MARK.search(text, tokens[k - 1].end, t.start):
            return False  # «ومأرب، وأبين، وغيرها»: a list goes on, no verb agrees
        key = t.key
        if key.endswith(_PRONOUN_ENDS) and key not in _PRONOUN_ENDS:
            return False  # «تباين أداؤها»: a noun with its pronoun, no dual verb
        if key in _PARTICLES:
            k += 1
            continue
        if key in _PREPOSITIONS:
            if k + 1 < len(tokens) and tokens[k + 1].is_digits:
                return False  # «مسلحين إلى 55 قتيلا»: a figure follows, no verb
            k += 2  # the preposition and its object
            continue
        if read_surface(t.text).kind != OTHER:
            k += 1  # «من أصل أربعة»: a number inside the phrase
            continue
        if key[:1] in "لب" and len(key) > 3 and not key.endswith("ا"):
            k += 1  # «لمريض»: a preposition glued to its object
            continue
        if _TANWEEN.search(t.text) or key in ADVERBS:
            return False
        if key.endswith(("وا", "ون")):
            return False  # «أغلقوا»: a plural verb, so the word before was a plural
        if (
            key.endswith(("تا", "ا"))
            and not key.endswith(("يا", "اا"))
            and not key.endswith(("ها", "نا"))  # «تباين أداؤها», «أخبرنا»: a pronoun, no dual
            and not t.text.endswith(("أ", "آ"))  # «بدأ», «لجأ»: a hamza, no dual alif
            and len(key) >= 3
        ):
            return True
        return key[:1] in "يت" and key.endswith("ان") and len(key) >= 5
    return False


# Words after which a list of the people a count holds opens: «بينهم موظفان», «هم لبنانيان
# وسوريان»
_LIST_OF_PEOPLE = {
    fold(w) for w in ("بينهم", "منهم", "هم", "بينهن", "منهن", "هن", "بينهما", "منهما", "هما")
}


def _listed_dual(text: str, tokens: list[Token], i: int, found: list[Quantity]) -> bool:
    """A nominative masculine dual of people (-ان, `people_dual`; the oblique -ين is as
    often a plural) that opens a list of the people a count holds («سبعة متهمين، بينهم
    موظفان», «أربعة أشخاص، هم لبنانيان وسوريان»), or goes on one with «و» after such a
    dual."""
    key = tokens[i].key
    if i == 0 or not people_dual(tokens[i].text):
        return False
    before = tokens[i - 1]
    if before.sentence != tokens[i].sentence or _CLAUSE_MARK.search(
        text, before.end, tokens[i].start
    ):
        return False
    if bare(before.key) in _LIST_OF_PEOPLE or before.key in _LIST_OF_PEOPLE:
        return True
    last = found[-1] if found else None
    return (
        key.startswith("و")
        and last is not None
        and last.last == i - 1
        and last.value == 2
        and fold(last.text).endswith("ان")
    )


_TANWEEN = re.compile("[\u064b\u08f0]")
_CLAUSE_MARK = re.compile("[،,؛;:]")
_PRONOUN_ENDS = ("ها",)  # «وغيرها», «أداؤها»: never the dual «هما»


def _dual_shaped(key: str) -> bool:
    """A masculine dual outside the closed list (`مرافقان`, `هجومين`) is indefinite, shaped
    -ان/-ين after a stem of three letters that is no nisba (`مدنيين` is a plural); it is
    read as a figure only with a dual verb agreeing with it (`_dual_agrees`)."""
    if key.startswith("ال") or bare(key).startswith("ال") or not key.endswith(("ان", "ين")):
        return False
    if key in MONTHS:
        return False  # «رمضان», «شعبان»: months, whatever verb follows
    stem = key[:-2]
    # a nisba noun's plural is -يون/-يين, so -يان is a dual (صحفيان) but -يين is unsure
    nisba = stem.endswith("ي") and key.endswith("ين")
    return not (len(stem) < 3 or nisba or stem.endswith(("ت", "و")))


# What a word is to a figure, as bits (`_word_class`).
_OPENS, _DUAL_SHAPED, _FIGURE_ALONE, _STOPS, _SOLID, _NOMINATIVE_CONSTRUCT = 1, 2, 4, 8, 16, 32
_ROLE = _OPENS | _DUAL_SHAPED | _NOMINATIVE_CONSTRUCT
# word -> its class: a plain dict read for every word of a text in one `map`, emptied when
# it grows past `_CLASSES_MAX` words (an archive's vocabulary is far smaller).
_CLASSES: dict[str, int] = {}
_CLASSES_MAX = 1 << 17


def _word_class(word: str) -> int:
    """The bits of a word (token text): `_OPENS` if a figure may start at it, it reads as
    one (`read_surface`) or only with the next word («أحد عشر», «نصف مليون»); else
    `_DUAL_SHAPED` if it is shaped like a masculine dual outside the closed list; and
    `_FIGURE_ALONE` if it reads as a number or a vague quantity by itself, `_STOPS` if no
    reading takes it after the first word of a span (`stops_reading`), `_SOLID` if the
    number reader keeps it as a word (not marks alone)."""
    if len(_CLASSES) >= _CLASSES_MAX:
        _CLASSES.clear()
    key = fold(word)
    kind = read_surface(word).kind
    bits = 0
    definite_word = key.startswith("ال") and is_number_word(key[2:])  # «الاثنتي عشرة»
    # «7،2»: digits the tokenizer joined over an Arabic comma before a measure (a decimal)
    comma_decimal = word[:1].isdigit() and "،" in word
    if key in _FRACTIONS or is_number_word(key) or definite_word or kind in _CANDIDATE:
        bits = _OPENS
    elif comma_decimal:
        bits = _OPENS | _FIGURE_ALONE
    elif _dual_shaped(key):
        bits = _DUAL_SHAPED
    elif nominative_construct(word):
        bits = _NOMINATIVE_CONSTRUCT
    if kind in (NUMBER, VAGUE):
        bits |= _FIGURE_ALONE
    if stops_reading(word):
        bits |= _STOPS
    if strip_marks(word):
        bits |= _SOLID
    _CLASSES[word] = bits
    return bits


def _counts_what_follows(text: str, tokens: list[Token], q: Quantity) -> bool:
    """A construct dual (`بلدتي الفوعة وكفريا`) stands right before the two things it
    counts: a word, then a word joined by و within the next few, with no punctuation but
    a bracket around a figure of the first («ولايتا ننغرهار (40) ولغمان (6)»)."""
    k = q.last + 1
    if k >= len(tokens) or not tokens[k].joined or tokens[k].is_digits:
        return False
    if tokens[k].key in _PREPOSITIONS:
        return False  # «ارتفاع يومي في …»: a noun in construct takes a noun, never «في»
    for m in range(k + 1, min(k + 5, len(tokens))):
        if not tokens[m].joined and not _bracket_gap(text, tokens[m - 1], tokens[m]):
            return False
        if tokens[m].key.startswith("و") and len(tokens[m].key) > 2:
            return True
    return False


# Singular heads a name follows: «ولاية بارتين», «نادي كوتين» name one place or one team;
# a dual after them would be no construct any outlet writes.
_NAME_HEADS = frozenset(
    fold(p + w)
    for p in ("", "و", "ب", "ل")
    for w in (
        *("ولاية", "مدينة", "محافظة", "بلدة", "قرية", "منطقة", "إقليم", "قضاء", "مقاطعة"),
        *("ناحية", "حي", "جزيرة", "نادي", "فريق", "شركة", "مصنع", "منجم", "ميناء"),
    )
)
_DATELINE = re.compile(r"\s*(?:[-–—]|\()")


def _named(text: str, tokens: list[Token], i: int, prev: Token | None) -> bool:
    """The word at `i` is a name: right after a singular head of names in its sentence, or
    opening the text or a line before a dateline's dash or bracket («بارتين - أعلن …»)."""
    if prev is not None and tokens[i].joined and prev.key in _NAME_HEADS:
        return True
    line_start = prev is None or "\n" in text[prev.end : tokens[i].start]
    return line_start and _DATELINE.match(text, tokens[i].end) is not None


def _accept(text: str, q: Quantity, tokens: list[Token], found: list[Quantity]) -> bool:
    single = q.first == q.last and not tokens[q.first].is_digits
    if q.kind == NUMBER and single and q.value == 2 and fold(q.text) not in _TWO:
        if tokens[q.first].key in NUMBERING:
            return False  # «بنزين أوكتان 95»: a word that numbers a grade, no dual
        after_figure = found and found[-1].last == q.first - 1
        key = tokens[q.first].key
        if is_construct_dual(key):
            return not after_figure and _counts_what_follows(text, tokens, q)
        prev = tokens[q.first - 1] if q.first > 0 else None
        if _named(text, tokens, q.first, prev):
            return False  # «بولاية بارتين», «بارتين - أعلن»: a place's name, no dual
        if key in _RELATIVE_DUALS or _after_pair(tokens, q.first):
            return False  # «اللتان»; «بلديتي الإدريسية ودار الشيوخ المصنفتين»
        # an adjective agreeing with the dual before it: «قريتين شيعيتين»
        agrees = prev is not None and tokens[q.first].joined
        if agrees and read_surface(prev.text).kind == NUMBER and prev.key.endswith(("ين", "ان")):
            return False
        return not after_figure
    return True


_RELATIVE_DUALS = frozenset(fold(w) for w in ("اللذان", "اللذين", "اللتان", "اللتين"))
PAIR_WORDS = 5  # words of the two names a construct dual counts, before what agrees with it


def _after_pair(tokens: list[Token], i: int) -> bool:
    """Token i is a definite dual after the two names a construct dual counts («بلديتي
    الإدريسية ودار الشيوخ المصنفتين»): an adjective agreeing with that pair."""
    if not tokens[i].key.startswith("ال"):
        return False
    sentence, joined = tokens[i].sentence, False
    for k in range(i - 1, max(-1, i - 2 - PAIR_WORDS), -1):
        if tokens[k].sentence != sentence or not tokens[k + 1].joined:
            return False
        if is_construct_dual(tokens[k].key):
            return joined and k < i - 2
        joined = joined or tokens[k].key.startswith("و")
    return False


def qualify(texts: list[str], founds: list[list[Quantity]]) -> None:
    """Qualifiers of the figures of many texts: the cues before and after all of them are
    found by one vectorized call each (a call per text costs its fixed numpy overhead once
    per article)."""
    counts = [len(found) for found in founds]
    if not sum(counts):
        return
    docs = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    flat = [q for found in founds for q in found]
    points = CodePoints.of(pd.Series(texts))
    n = len(flat)
    starts = np.fromiter(map(_START, flat), dtype=np.int64, count=n)
    ends = np.fromiter(map(_END, flat), dtype=np.int64, count=n)
    before = find_cues(points, docs, starts)
    after = find_cues_after(points, docs, ends)
    _qualify(flat, before.tolist(), after.tolist())  # lists: read item by item below
    for text, found in zip(texts, founds, strict=True):
        if _OR_MORE_WORD.search(text):
            _or_more(text, found)
        if "(" in text:
            _bracketed_restatements(text, found)


def _bracketed_restatements(text: str, found: list[Quantity]) -> None:
    """«أكثر من ثلاثمائة ألف (300,000) عائد»: digits in brackets right after a figure of
    their value write it again, and its cue holds for them too."""
    for a, b in pairwise(found):
        if (
            a.value is not None
            and a.value == b.value
            and text[a.end : b.start].strip() == "("
            and text[b.end : b.end + 1] == ")"
        ):
            b.qualifier, b.low, b.high = a.qualifier, a.low, a.high


# «95% فأكثر», «ثلاثة دروس فأقل», «100 بالمئة فما فوق»: a bound written after the figure (or
# its noun) that SPEC §4b's table does not list; the extractor's reading, the rule stays
# silent on it.
_OR_MORE_WORD = re.compile(r"ف(?:أكثر|أعلى|ما\s+فوق|أقل|ما\s+دون)")
_OR_MORE = re.compile(r"\s*(?:[^\s،,.:؛]+\s+)?ف(?:(أكثر|أعلى|ما\s+فوق)|(أقل|ما\s+دون))(?![\w])")


def _or_more(text: str, found: list[Quantity]) -> None:
    for q in found:
        if q.qualifier != "exact" or q.kind == VAGUE:
            continue
        bound = _OR_MORE.match(text, q.end)
        if bound is not None:
            q.qualifier = "at_least" if bound.group(1) else "at_most"


_START, _END = attrgetter("start"), attrgetter("end")


def _qualify(found: list[Quantity], before: list, after: list) -> None:
    """SPEC §4b: the cue before the span, else the one after it or its counted noun."""
    for q, cue, late in zip(found, before, after, strict=True):
        if q.qualifier == "range":
            continue
        if q.kind == VAGUE:
            q.qualifier = "vague"
        elif cue is not None:
            q.qualifier = CUES[cue]
        elif late is not None:
            q.qualifier = AFTER[late]
