"""PERSON, ORG and LOC: a small gazetteer plus a few head-word patterns — a baseline.

This is deliberately simple and transparent, not named-entity recognition: it finds the
names listed in `GAZETTEER` (well-known actors, agencies and places of Syrian-war news) and
phrases built on a head word —
- ORG: `وكالة|مركز|منظمة|هيئة|لجنة|وزارة|مجلس` + up to three definite words
  («مركز المصالحة الروسى»), and a bare «الوكالة»/«المنظمة» once an ORG with that head was named
  (the article's short back-reference);
- PERSON: `الرئيس` + a nationality adjective when no known name follows («الرئيس التركى»),
  an unnamed official `مسئول` (+ a nationality adjective) — the sources events are reported by;
- LOC: `مدينة|محافظة|بلدة|قرية|قاعدة|منطقة|معبر|مطار|ريف|حي` + a name (+ a direction, ordinal or
  «الجوية»; `معبر A - B`), a direction + a known place («شرق حلب»), a known place + a direction
  adjective («حلب الشرقية»), «الريف الجنوبى الغربى لحلب», the و-list after «أحياء», and
  the names joined by و that close a list opened by a listed place after a construct dual
  («قريتي الفوعة وكفريا وبنش») or after «هي/هما/هم» («ثلاث قرى هي الفوعة وكفريا وبنش»).
Anything else is missed. A one-letter proclitic (و ف ب ل) stays outside the span.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from checks.arabic import fold
from checks.extract.member_nouns import people_dual
from checks.extract.tokens import Token, bare, column, where
from checks.numbers import is_number_word
from checks.rules.date_rules import WEEKDAYS

_GAZETTEER_TEXT: dict[str, tuple[str, ...]] = {
    "PERSON": (
        "فلاديمير بوتين",
        "بوتين",
        "شينزو آبي",
        "رامي عبد الرحمن",
        "بشار الأسد",
        "الأسد",
        "رجب طيب أردوغان",
        "أردوغان",
        "سيرغي لافروف",
        "لافروف",
        "ستافان دي ميستورا",
        "دي ميستورا",
        "جون كيري",
        "باراك أوباما",
        "أوباما",
        "دونالد ترامب",
        "ترامب",
        "حسن نصر الله",
        "بان كي مون",
        "وليد المعلم",
    ),
    "ORG": (
        "سانا",
        "رويترز",
        "فرانس برس",
        "أسوشيتد برس",
        "الأناضول",
        "تاس",
        "اليوم السابع",
        "وكالة الأنباء السورية",
        "المرصد السوري لحقوق الإنسان",
        "منظمة الصحة العالمية",
        "الهلال الأحمر السوري",
        "الهلال الأحمر العربي السوري",
        "الهلال الأحمر",
        "الصليب الأحمر",
        "المنظمة الدولية للصليب الأحمر",
        "اللجنة الدولية للصليب الأحمر",
        "الأمم المتحدة",
        "مجلس الأمن",
        "التحالف الدولي",
        "الجيش السوري",
        "الجيش الحر",
        "الجيش السوري الحر",
        "الإعلام الحربي",
        "حزب الله",
        "الحكومة السورية",
        "داعش",
        "جبهة النصرة",
        "جبهة فتح الشام",
        "أحرار الشام",
        "الكرملين",
        "البنتاغون",
        "الخوذ البيضاء",
    ),
    "LOC": (
        "سوريا",
        "حلب",
        "موسكو",
        "دمشق",
        "طوكيو",
        "تركيا",
        "روسيا",
        "إيران",
        "العراق",
        "لبنان",
        "الأردن",
        "بطرسبورج",
        "سان بطرسبورج",
        "أنقرة",
        "إسطنبول",
        "طهران",
        "بيروت",
        "واشنطن",
        "جنيف",
        "إدلب",
        "حمص",
        "حماة",
        "درعا",
        "الرقة",
        "دير الزور",
        "اللاذقية",
        "طرطوس",
        "القامشلي",
        "منبج",
        "تدمر",
        "كفريا",
        "الفوعة",
        "مضايا",
        "الزبداني",
        "داريا",
        "الغوطة",
        "الغوطة الشرقية",
        "حميميم",
        "الراموسة",
        "العامرية",
        # Arab states, their capitals and large cities, and the states Arab news names most:
        # a list of members («الدول الخمس … وهي الأردن ومصر والعراق») needs every name
        "مصر",
        "السعودية",
        "المملكة العربية السعودية",
        "الكويت",
        "قطر",
        "البحرين",
        "الإمارات",
        "سلطنة عمان",
        "اليمن",
        "فلسطين",
        "الضفة الغربية",
        "قطاع غزة",
        "غزة",
        "القدس",
        "إسرائيل",
        "السودان",
        "جنوب السودان",
        "ليبيا",
        "تونس",
        "الجزائر",
        "المغرب",
        "موريتانيا",
        "الصومال",
        "جيبوتي",
        "جزر القمر",
        "القاهرة",
        "الإسكندرية",
        "الرياض",
        "جدة",
        "مكة",
        "المدينة المنورة",
        "الدوحة",
        "أبوظبي",
        "دبي",
        "الشارقة",
        "المنامة",
        "مسقط",
        "صنعاء",
        "عدن",
        "الحديدة",
        "تعز",
        "مأرب",
        "الخرطوم",
        "بورتسودان",
        "الفاشر",
        "طرابلس",
        "بنغازي",
        "درنة",
        "مصراتة",
        "الرباط",
        "الدار البيضاء",
        "مراكش",
        "طنجة",
        "نواكشوط",
        "مقديشو",
        "عمان",
        "الزرقاء",
        "إربد",
        "بغداد",
        "البصرة",
        "الموصل",
        "أربيل",
        "كركوك",
        "النجف",
        "كربلاء",
        "رام الله",
        "نابلس",
        "جنين",
        "الخليل",
        "خان يونس",
        "رفح",
        "صيدا",
        "طرابلس الشام",
        "الولايات المتحدة",
        "أمريكا",
        "روسيا الاتحادية",
        "الصين",
        "الهند",
        "باكستان",
        "أفغانستان",
        "أوكرانيا",
        "فرنسا",
        "ألمانيا",
        "بريطانيا",
        "إيطاليا",
        "إسبانيا",
        "اليونان",
        "قبرص",
        "اليابان",
        "كندا",
        "البرازيل",
        "إثيوبيا",
        "إريتريا",
        "كينيا",
        "نيجيريا",
        "تشاد",
        "النيجر",
        "إندونيسيا",
        "ماليزيا",
        "بنغلاديش",
        "أستراليا",
        "السنغال",
        "الكاميرون",
    ),
}
GAZETTEER: dict[tuple[str, ...], str] = {
    tuple(fold(name).split()): label for label, names in _GAZETTEER_TEXT.items() for name in names
}
# First word -> (the other words, label) of every listed name, longest first.
_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _label in sorted(GAZETTEER.items(), key=lambda item: -len(item[0])):
    _BY_FIRST_WORD.setdefault(_words[0], []).append((_words[1:], _label))

_ORG_HEADS = {
    fold(w)
    for w in ("وكالة", "مركز", "منظمة", "هيئة", "لجنة", "وزارة", "مجلس", "مرصد", "مديرية", "مفوضية")
}
_ANAPHORS = {fold("الوكالة"): fold("وكالة"), fold("المنظمة"): fold("منظمة")}
_LOC_HEADS = {
    fold(w)
    for w in ("مدينة", "محافظة", "بلدة", "قرية", "قاعدة", "منطقة", "معبر", "مطار", "ريف", "حي")
}
_DIRECTIONS = {fold(w) for w in ("شرق", "غرب", "شمال", "جنوب", "وسط", "شمال شرق")}
# Nouns that head the name of a place or a facility: an item they open is no bare name.
PLACE_HEADS = _LOC_HEADS | {
    fold(w)
    for w in ("مصفاة", "مصنع", "محطة", "ميناء", "مرفأ", "مستشفى", "جامعة", "مخيم", "سجن", "ولاية")
}
_DIRECTION_ADJ = {
    fold(f"ال{stem}{end}") for stem in ("شرقي", "غربي", "شمالي", "جنوبي") for end in ("", "ة", "ى")
} | {fold(f"ال{stem}ى") for stem in ("شرق", "غرب", "شمال", "جنوب")}
_LOC_TAILS = _DIRECTION_ADJ | {
    fold(w)
    for w in (
        "الجوية",
        "العسكرية",
        "البحرية",
        "الأولى",
        "الثانية",
        "الثالثة",
        "الرابعة",
        "الخامسة",
        "الدولي",
    )
}
_FUNCTION = {
    fold(w)
    for w in (
        "في",
        "فى",
        "من",
        "على",
        "إلى",
        "عن",
        "أن",
        "إن",
        "أنه",
        "الذي",
        "التي",
        "التى",
        "الذين",
        "اللذين",
        "اللتين",
        "اللذان",
        "اللتان",
        "اللواتي",
        "اللاتي",
        "مع",
        "قد",
        "ما",
        "هو",
        "هي",
        "خلال",
        "بعد",
        "قبل",
        "حتى",
        "عند",
        "ضمن",
        "نحو",
        "إذا",
        "لقد",
        "كل",
        "جميع",
        "بين",
        "الواقعة",
        "المتحالف",
        "وذلك",
        "أو",
        # «في محافظتي جنين وطولكرم وحدهما»: alone, after a list, no name in it («وحده»
        # folds as «وحدة», a unit, does)
        "وحدها",
        "وحدهما",
        "وحدهم",
        "وحدهن",
    )
}
# Words of time never continue a name: «وزارة المالية اليوم الأربعاء» is an ORG, then a DATE.
_FUNCTION |= set(WEEKDAYS) | {
    fold(w)
    for w in ("اليوم", "الليلة", "البارحة", "الشهر", "الأسبوع", "الماضي", "الماضية",
              "الجاري", "الجارية", "الحالي", "الحالية", "المقبل", "المقبلة", "الأخير",
              "الأخيرة")
}  # fmt: skip
_TITLE = fold("الرئيس")
_OFFICIAL = {fold("مسئول"), fold("مسؤول")}
_DISTRICTS = {fold("أحياء")}
_COUNTRYSIDE = fold("الريف")
# Construct duals of place nouns: the two places named right after them are LOCs.
_DUAL_PLACES = {
    fold(w)
    for w in (
        "قريتي", "بلدتي", "مدينتي", "مخيمي", "معبري", "مطاري", "ولايتي", "محافظتي",
        "منطقتي", "حيي", "ريفي", "ميناءي", "سجني", "قضاءي",
        # the nominative of the feminine ones: «ولايتا ننغرهار ولغمان»
        "قريتا", "بلدتا", "مدينتا", "ولايتا", "محافظتا", "منطقتا",
    )
}  # fmt: skip
# Words that introduce the members of a counted group: «ثلاث قرى هي الفوعة وكفريا وبنش».
_INTRODUCERS = {fold(w) for w in ("هي", "هما", "هم", "وهي", "وهما", "وهم")}
# Words read after «أحياء» at most: a list is a few names, and a bound keeps a long run of
# words (one per «أحياء» of it) from being read again and again.
_DISTRICT_LIST_WORDS = 24


COLON_WITHIN = 8  # words between a plural of places and the colon that opens its names
PLACE_GROUPS = frozenset(
    fold("ال" + w)
    for w in (
        *("قرى", "بلدات", "مدن", "محافظات", "ولايات", "مخيمات", "أحياء", "مناطق", "دول"),
        "إمارات",
        *("أقاليم", "بلديات", "معابر", "مطارات", "موانئ", "سدود", "جزر", "مقاطعات"),
    )
)

# Definite plurals of organizations whose names news lists after a colon: «تتقاسمها
# الشركات الأربع: فودافون مصر وأورنج مصر …», «الأحزاب الخمسة الفائزة: …».
_ORG_PLURALS = (
    *("شركات", "مشغلين", "مشغلات", "مصارف", "بنوك", "أحزاب", "كتل", "قوائم", "فصائل"),
    *("منظمات", "جمعيات", "أندية", "نقابات", "جامعات", "وكالات", "هيئات", "مؤسسات"),
)
ORG_GROUPS = frozenset(fold("ال" + w) for w in _ORG_PLURALS)
# The same plurals without the article, after the count that sizes them: «وتتولى إدارة
# الطرح 3 بنوك هي: سيتي غروب ومورغان ستانلي …».
_COUNTED_ORG_GROUPS = frozenset(fold(w) for w in _ORG_PLURALS)


# Plural nouns of people whose names news lists after «هم:» («والمتوفون هم: …»).
_PEOPLE_GROUPS = frozenset(
    fold(p + w)
    for p in ("", "و")
    for w in ("المتوفون", "المتوفين", "المتوفيان", "الضحايا", "القتلى", "المصابون",
              "المصابين", "المصابان", "الجرحى", "المتهمون", "المتهمين", "المتهمان",
              "الموقوفون", "الموقوفين", "المفقودون", "المفقودين", "الفائزون", "الفائزين",
              "الناجون", "المحكومون", "المحكوم", "الشهداء")
)  # fmt: skip
# Plural nouns of people after the count that sizes them, whose names follow «هم:» past
# what befell them: «و4 متهمين بالسجن المؤبد، هم: محمود عبد الحميد، وسيد …».
_COUNTED_PEOPLE = frozenset(
    fold(w)
    for w in ("متهمين", "متهما", "أشخاص", "شخصا", "أسرى", "أسيرا", "أسيرات", "معتقلين",
              "معتقلا", "موقوفين", "محكومين", "مفقودين", "ضحايا", "قتلى", "مصابين", "جرحى",
              "فائزين", "لاعبين", "لاعبا", "نساء", "أطفال", "طفلا", "رهائن", "محتجزين",
              "محتجزا", "حراس", "مدافعين", "مهاجمين", "محترفين", "وزراء", "وزيرا", "نواب",
              "نائبا", "أعضاء", "عضوا", "مرشحين", "مرشحا")
)  # fmt: skip
# Every word a pattern or a listed name can start with (as written or without a proclitic).
_STARTS = (
    set(_BY_FIRST_WORD)
    | _ORG_HEADS
    | {"ال" + h for h in _ORG_HEADS}  # «اللجنة المركزية»
    | set(_ANAPHORS)
    | {_TITLE}
    | _OFFICIAL
    | _LOC_HEADS
    | _DIRECTIONS
    | {_COUNTRYSIDE}
    | _DISTRICTS
    | _DUAL_PLACES
    | _INTRODUCERS
    | _PEOPLE_GROUPS
    | PLACE_GROUPS
    | ORG_GROUPS
    | _COUNTED_ORG_GROUPS
    | _COUNTED_PEOPLE
)


@lru_cache(maxsize=1 << 16)
def _starts_pattern(key: str) -> bool:
    """The word, or the word without a proclitic, may start a pattern or a listed name."""
    return key in _STARTS or bare(key) in _STARTS


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    first: int
    last: int


def _nisba(key: str) -> bool:
    """A nationality adjective without the article: «سورى», «روسي»."""
    return not key.startswith("ال") and key.endswith("ي") and len(key) >= 4


class _Finder:
    """The tokens of one text with what every pattern asks of them, computed once: folded
    keys, keys without a proclitic, and whether each token is glued to the next (same
    sentence, only whitespace between); listed names are looked up by their first word."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text, self.tokens = text, tokens
        self.keys, self.bares = column(tokens, "key"), column(tokens, "bare")
        # glued: same sentence, and the gap (text between a token and the next) is blank:
        # the next token is `joined` (`checks.extract.tokens`)
        self.glue = column(tokens, "joined")[1:]
        self.glue.append(False)
        self._names: dict[int, tuple[int, str, bool] | None] = {}

    def joined(self, i: int, j: int) -> bool:
        """Tokens i and j=i+1 are in one sentence with only whitespace between."""
        return 0 <= i < len(self.glue) and self.glue[i]

    def glued_run(self, i: int, n: int) -> bool:
        """Tokens i … i+n are glued one to the next."""
        return i + n < len(self.glue) and all(self.glue[i : i + n])

    def gazetteer(self, i: int) -> tuple[int, str, bool] | None:
        """(last token, label, proclitic peeled) of the longest listed name at token i."""
        if i in self._names:
            return self._names[i]
        best: tuple[int, str, bool] | None = None
        key = self.keys[i]
        for first, peeled in ((key, False), (self.bares[i], True)):
            if peeled and first != key[1:]:
                continue  # no proclitic, or «لل» (ل + ال): not a span boundary
            for rest, label in _BY_FIRST_WORD.get(first, ()):
                n = len(rest)
                if best is not None and best[0] - i >= n:
                    break  # names are listed longest first
                if (not n or self.glued_run(i, n)) and tuple(self.keys[i + 1 : i + 1 + n]) == rest:
                    best = (i + n, label, peeled)
                    break
        self._names[i] = best
        return best

    def place_at(self, i: int) -> tuple[int, bool] | None:
        hit = self.gazetteer(i)
        return (hit[0], hit[2]) if hit and hit[1] == "LOC" else None

    def modifiers(self, i: int, allowed, limit: int) -> int:
        """The last token of up to `limit` joined tokens after i that `allowed` accepts."""
        last = i
        while (
            limit
            and self.joined(last, last + 1)
            and self.keys[last + 1] not in _FUNCTION
            and allowed(self.keys[last + 1])
        ):
            last, limit = last + 1, limit - 1
        return last


def _candidates(f: _Finder) -> list[tuple[int, int, str, bool]]:
    """(first token, last token, label, proclitic peeled) for every pattern and listed name."""
    out: list[tuple[int, int, str, bool]] = []
    seen_heads: set[str] = set()
    for i in where(f.tokens, _starts_pattern):  # most words start no pattern and no name
        key, b = f.keys[i], f.bares[i]
        hit = f.gazetteer(i)
        if hit:
            last, label, peeled = hit
            out.append((i, last, label, peeled))
            if label == "ORG":
                seen_heads.add(fold(f.tokens[i].text).split()[0].removeprefix("ال"))
        peeled = b != key
        # «اللجنة المركزية», «والهيئة العامة للإحصاء»: a head with the article, when a
        # definite word follows it
        definite_head = b.startswith("ال") and b[2:] in _ORG_HEADS
        if definite_head and _a_rank(f, i):
            pass  # «جاء في المركز الرابع بـ7.2 مليون»: a place in a ranking, no centre
        elif b in _ORG_HEADS or key in _ORG_HEADS or definite_head:
            last = f.modifiers(i, _definite_word, 3)
            if last == i and not definite_head:
                last = _construct_chain(f, i)  # «هيئة تنسيق أعمال الحكومة»
            if last > i:
                out.append((i, last, "ORG", peeled and key not in _ORG_HEADS))
                seen_heads.add(key if key in _ORG_HEADS else b.removeprefix("ال"))
        if b in _ANAPHORS and _ANAPHORS[b] in seen_heads:
            out.append((i, i, "ORG", peeled))
        if key == _TITLE and f.joined(i, i + 1) and _nisba(f.keys[i + 1].removeprefix("ال")):
            follows = f.joined(i + 1, i + 2) and f.gazetteer(i + 2)
            if not (follows and follows[1] == "PERSON"):
                out.append((i, i + 1, "PERSON", False))
        if b in _OFFICIAL or key in _OFFICIAL:
            last = i + 1 if f.joined(i, i + 1) and _nisba(f.keys[i + 1]) else i
            out.append((i, last, "PERSON", key not in _OFFICIAL))
        out.extend(_places(f, i, key, b))
    return out


def _definite_word(key: str) -> bool:
    """A word with the article; not a number word that folds to look like one («ألفين»)."""
    return key.startswith("ال") and not is_number_word(key)


CONSTRUCT_WORDS = 2  # indefinite nouns in construct after an ORG head, before its definite one


def _construct_chain(f: _Finder, i: int) -> int:
    """The last token of a construct chain after an ORG head: up to `CONSTRUCT_WORDS`
    indefinite nouns, then a definite noun and its definite adjectives («هيئة تنسيق أعمال
    الحكومة في المناطق»: up to «الحكومة»); token i when the chain ends on no definite word."""
    k = i
    for _ in range(CONSTRUCT_WORDS + 1):  # the indefinite nouns, then the definite one
        nxt = k + 1
        if not f.joined(k, nxt) or f.keys[nxt] in _FUNCTION or f.tokens[nxt].is_digits:
            return i
        if _definite_word(f.keys[nxt]):
            return f.modifiers(nxt, _definite_word, 2)
        k = nxt
    return i


def _places(f: _Finder, i: int, key: str, b: str) -> list[tuple[int, int, str, bool]]:
    out = []
    head = key if key in _LOC_HEADS else b if b in _LOC_HEADS else None
    if head is not None and f.joined(i, i + 1) and f.keys[i + 1] not in _FUNCTION:
        last = f.modifiers(i + 1, lambda k: k in _LOC_TAILS, 2)
        if head == fold("معبر") and f.text.startswith(" - ", f.tokens[last].end):
            nxt = last + 1
            if nxt < len(f.tokens) and f.tokens[nxt].start == f.tokens[last].end + 3:
                last = nxt
        out.append((i, last, "LOC", head != key))
    direction = key if key in _DIRECTIONS else b if b in _DIRECTIONS else None
    place = f.place_at(i + 1) if direction is not None and f.joined(i, i + 1) else None
    if place and not place[1]:
        out.append((i, place[0], "LOC", direction != key))
    place = f.place_at(i)
    if place and f.joined(place[0], place[0] + 1) and f.keys[place[0] + 1] in _DIRECTION_ADJ:
        out.append((i, place[0] + 1, "LOC", place[1]))
    if key == _COUNTRYSIDE or b == _COUNTRYSIDE:
        last = f.modifiers(i, lambda k: k in _DIRECTION_ADJ, 2)
        nxt = last + 1
        if last > i and f.joined(last, nxt) and f.keys[nxt].startswith("ل"):
            if bare(f.keys[nxt]) == fold("مدينة") and f.joined(nxt, nxt + 1):
                nxt += 1
                place = f.place_at(nxt)
            else:
                place = f.place_at(nxt)
                place = place if place and place[1] else None
            if place:
                out.append((i, place[0], "LOC", key != _COUNTRYSIDE))
    if key in _DISTRICTS:
        out.extend(_district_list(f, i))
    if key in _DUAL_PLACES or b in _DUAL_PLACES:
        out.extend(_dual_members(f, i))
    if key in _INTRODUCERS:
        out.extend(_introduced_list(f, i))
    if key in PLACE_GROUPS or b in PLACE_GROUPS:
        out.extend(_colon_list(f, i))
    if key in ORG_GROUPS or b in ORG_GROUPS:
        out.extend(_organizations_listed(f, i))
    elif key in _COUNTED_ORG_GROUPS and _counted(f, i):
        out.extend(_organizations_listed(f, i, counted=True))
    if key in _PEOPLE_GROUPS:
        out.extend(_introduced_people(f, i))
    elif key in _COUNTED_PEOPLE and _counted(f, i):
        out.extend(_introduced_people(f, i, counted=True))
    return out


# «المركز الأول … الأخير»: «المركز» with an ordinal is a place in a ranking.
_RANK_HEAD = fold("المركز")
_RANK_ORDINALS = frozenset(
    fold("ال" + w + end)
    for w in ("أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
    for end in ("", "ة")
) | {fold("الأولى"), fold("الأخير"), fold("الأخيرة")}


def _a_rank(f: _Finder, i: int) -> bool:
    """Token i is «المركز» and an ordinal follows it: a rank, not the name of a centre."""
    return (
        f.bares[i] == _RANK_HEAD
        and f.joined(i, i + 1)
        and (f.keys[i + 1] in _RANK_ORDINALS or f.bares[i + 1] in _RANK_ORDINALS)
    )


def _counted(f: _Finder, i: int) -> bool:
    """Token i follows the figure that counts it («3 بنوك», «ثلاث شركات»)."""
    k = i - 1
    return k >= 0 and f.joined(k, i) and (f.tokens[k].is_digits or is_number_word(bare(f.keys[k])))


def _dual_members(f: _Finder, i: int) -> list[tuple[int, int, str, bool]]:
    """«بلدتي الفوعة وكفريا», «ولايتي القضارف والنيل الأبيض»: the two places a construct
    dual of a place noun names, one or two words each (the second from its و, with a
    following definite adjective)."""
    first = i + 1
    last = first
    if not (f.joined(i, first) and _name_word(f.keys[first])):
        return []
    nxt = last + 1
    if (
        f.joined(last, nxt)
        and _name_word(f.keys[nxt])
        and not _and(f.keys[nxt])
        and not f.tokens[nxt].is_digits
    ):
        last += 1
    second = last + 1
    # «ولايتي ألازيغ (37) وملاطية (5)»: each place's count in brackets after its name
    counted = second < len(f.tokens) and f.tokens[second].is_digits and _gap(f, last) == "("
    if counted:
        second += 1
    if not (
        (f.joined(second - 1, second) or (counted and _gap(f, second - 1) == ")"))
        and _and(f.keys[second])
    ):
        return []
    end = second
    opener = f.keys[second][1:]
    while opener in _NAME_OPENERS and f.joined(end, end + 1):
        next_word = f.keys[end + 1]
        if not _name_word(next_word) or _and(next_word):
            break
        end += 1  # «مخيمي زمزم وأبو شوك», «معبري رفح وكرم أبو سالم»
        opener = next_word
    adjective = f.keys[end + 1] if end + 1 < len(f.keys) else ""
    if f.joined(end, end + 1) and adjective.startswith("ال") and adjective not in _FUNCTION:
        end += 1
    items = [(first, last, "LOC", False), (second, end, "LOC", True)]
    # «محافظتي البصرة وميسان وذي قار»: the list may name more places than the dual counts
    # (the outlet's slip `count.members` reports); an item headed by a noun of a place
    # («مطاري دبي وأبوظبي ومصفاة مصفح») is another thing named beside the pair
    tail = _list_tail(f, end + 1)
    headed = next((n for n, t in enumerate(tail) if f.bares[t[0]] in PLACE_HEADS), len(tail))
    return items + tail[:headed]


LIST_ITEMS = 12  # names a list of places may go on with
NAME_WORDS = 3  # words of one name in a list («خشم القربة», «أشرفية صحنايا»)


def _list_tail(f: _Finder, k: int, run_on: bool = False) -> list[tuple[int, int, str, bool]]:
    """Names joined by و from token k on (each up to `NAME_WORDS` words, to the word
    before the next «و»), taken only when the list closes its clause (punctuation or the
    text's end): an open run of «وX» may go on with anything. A name may open with
    «ب», «ل», «ف» or «ك» («سبين بولدك») when only so does the list close. With `run_on` (a
    list a count introduced with «هي/هما»), a list that runs on into its clause («هي واسط
    ونينوى وكركوك تصدرت …») is taken up to its last listed place: a known name says where
    the list ends; and its names may be set apart by commas too («هي: الخرطوم، والجزيرة،
    وسنار»), which after a dual would as well join a place named beside the pair."""
    # the plain reading first: a list closed by a comma («…، وذلك إلى غاية الأحد») is read
    # as closed there, not as going on past it
    attempts = [(False, False), (True, False)] + ([(False, True), (True, True)] if run_on else [])
    for prefixed, commas in attempts:
        more, after = _tail_items(f, k, prefixed, commas=commas)
        if more and (after >= len(f.keys) or not f.joined(after - 1, after)):
            return more
        if more and run_on and _closed_by_preposition(f, more[-1][0], after):
            return more
    if not run_on:
        return []
    for commas in (False, True):
        more, _ = _tail_items(f, k, False, listed=True, commas=commas)
        while more and not more[-1][3]:
            more.pop()
        if more:
            return [(a, b, label, True) for a, b, label, _ in more]
    return []


# Prepositions that open a place or time phrase after a list («… والبارة في ريف إدلب»):
# no word of a name; and directions, which may follow a list but also be in a name.
_PREPOSITIONS = {
    fold(w) for w in ("في", "من", "على", "إلى", "الى", "عن", "منذ", "خلال", "قرب", "حتى")
}  # fmt: skip
_LIST_END_PREPOSITIONS = _PREPOSITIONS | {
    fold(w) for w in ("شمال", "جنوب", "شرق", "غرب", "بمحافظة", "بولاية", "بريف")
}  # fmt: skip


def _closed_by_preposition(f: _Finder, last_item: int, after: int) -> bool:
    """A list whose last name is definite («والبارة») ends where a preposition follows it
    («… في ريف إدلب»): a name holds no «في», and «وقتل في الهجوم» is a verb, no name."""
    return (
        after < len(f.keys)
        and f.keys[after] in _LIST_END_PREPOSITIONS
        and f.keys[last_item][1:].startswith("ال")
    )


def _tail_items(
    f: _Finder, k: int, prefixed: bool, listed: bool = False, commas: bool = False
) -> tuple[list[tuple[int, int, str, bool]], int]:
    """The و-joined names from token k on and the token after them (with `commas`, «، و»
    joins them as well); with `listed`, a name that opens with a listed place ends where
    that place ends, and its fourth field says whether it was listed (else: the proclitic
    was peeled, as `_candidates` writes)."""
    more = []
    while True:
        # «ماليزيا (380) والمملكة المتحدة (290)», «الرياض (780 مخالفة) ومكة»: a name may
        # carry its count in brackets
        closed = _held_count(f, k)
        held = closed is not None
        nxt = closed + 1 if held else k
        if not (
            nxt < len(f.keys)
            and (
                (f.joined(nxt - 1, nxt) if not held else _gap(f, nxt - 1) == ")")
                or (commas and _gap(f, nxt - 1) in _LIST_COMMAS)
            )
            and _and(f.keys[nxt])
            and len(more) < LIST_ITEMS
        ):
            break
        k = nxt
        place = f.place_at(k) if listed else None
        if place is not None and place[1]:
            stop, known = place[0], True
        else:
            stop, known = _name_end(f, k, prefixed), not listed
        more.append((k, stop, "LOC", known))
        k = stop + 1
    return more, k


HELD_WORDS = 2  # words after a count, inside its brackets («(780 مخالفة)»)


def _held_count(f: _Finder, k: int) -> int | None:
    """Token k opens a count in brackets right after a name («(380)», «(780 مخالفة)»):
    the last token inside the brackets, or None."""
    if not (0 < k < len(f.tokens) - 1 and f.tokens[k].is_digits):
        return None
    if f.text[f.tokens[k - 1].end : f.tokens[k].start].strip() != "(":
        return None
    for last in range(k, min(k + 1 + HELD_WORDS, len(f.tokens) - 1)):
        gap = f.text[f.tokens[last].end : f.tokens[last + 1].start].strip()
        if gap.startswith(")"):
            return last
        if gap:
            return None
    return None


def _name_end(f: _Finder, k: int, prefixed: bool = False) -> int:
    """The last token of the name that starts at token k: the words joined to it that are
    neither «و»-words nor function words, at most `NAME_WORDS` in all. A word that opens
    with «ف», «ب», «ل» or «ك» ends the name before it («الخمس لأسباب أمنية»), unless
    `prefixed` and it is the name's last word, the list going on or closing right after
    it («سبين بولدك وغلام خان»)."""
    stop = k
    while (
        stop - k + 1 < NAME_WORDS
        and stop + 1 < len(f.keys)
        and f.joined(stop, stop + 1)
        and _name_word(f.keys[stop + 1])
        and not _and(f.keys[stop + 1])
        and f.keys[stop + 1] not in _PREPOSITIONS  # «والبارة منذ أشهر»
        and (f.keys[stop + 1][0] not in "فبلك" or (prefixed and _name_closes(f, stop + 1)))
    ):
        stop += 1
    return stop


def _name_closes(f: _Finder, k: int) -> bool:
    """Token k is the last of its name: the text, its clause or a «و»-name follows; and it
    is no preposition before a definite noun («والتقى بالمسؤولين»)."""
    if f.keys[k][1:3] == "ال" or f.keys[k].startswith("لل"):
        return False
    nxt = k + 1
    return nxt >= len(f.keys) or not f.joined(k, nxt) or _and(f.keys[nxt])


_LIST_COMMAS = ("،", ",")


def _gap(f: _Finder, k: int) -> str | None:
    """The text between token k and the next, stripped, when both are in one sentence."""
    nxt = k + 1
    if nxt >= len(f.tokens) or f.tokens[nxt].sentence != f.tokens[k].sentence:
        return None
    return f.text[f.tokens[k].end : f.tokens[nxt].start].strip()


def _introduced_list(f: _Finder, i: int) -> list[tuple[int, int, str, bool]]:
    """«… قرى محاصرة، هي الفوعة وكفريا وبنش»: after «هي/هما/هم» (and a colon, if any) a
    list that opens with a listed place goes on with the names joined to it by و, up to
    the end of its clause."""
    first = i + 1
    if not (f.joined(i, first) or _gap(f, i) == ":"):
        return []
    place = f.place_at(first)
    if place is not None and not place[1]:
        return _list_tail(f, place[0] + 1, run_on=True)
    # «ثلاث ولايات هي القضارف والخرطوم والجزيرة»: after a plural of places, unlisted names
    # (or after a counted one a clause away: «ثلاثة منافذ استحوذت على 61% من الإيرادات،
    # هي أم قصر …»)
    if not any(PLACE_NOUN.search(k) for k in f.keys[max(0, i - 3) : i]) and not (
        _gap(f, i - 1) in ("،", ",") and _counted_place_before(f, i)
    ):
        return []
    if PLACE_NOUN.search(f.keys[first]) and f.joined(first, first + 1):
        first += 1  # «وهي مستشفيات المجتهد والمواساة …»: the plural said again, then names
    if not _name_word(f.keys[first]) or f.keys[first][1:] in _FUNCTION:
        return []  # a first name may open with «و» («هي واسط ونينوى»), not with «و» + «في»
    last = _name_end(f, first)  # «هي ود شريفي والحلنقة …»
    tail = _list_tail(f, last + 1, run_on=True)
    return [(first, last, "LOC", False), *tail] if tail else []


COUNTED_PLACE_REACH = 12  # words before «، هي» searched for the count of places it lists


def _counted_place_before(f: _Finder, i: int) -> bool:
    """A plural of places counted by the figure right before it («ثلاثة منافذ»), in the
    sentence of token i and at most `COUNTED_PLACE_REACH` words before it."""
    sentence = f.tokens[i].sentence
    for k in range(i - 1, max(0, i - COUNTED_PLACE_REACH) - 1, -1):
        if f.tokens[k].sentence != sentence:
            return False
        if PLACE_NOUN.search(f.keys[k]) and _counted(f, k):
            return True
    return False


# Plurals and duals of place nouns, as counted before a list of their names: every kind of
# place whose members `relations.members` takes as LOC (villages, crossings, airports, ports …).
PLACE_NOUN = re.compile(
    "^(?:" + "|".join(fold(w) for w in ("قرى", "قريت", "بلدات", "بلدت", "مدن", "مدينت", "محافظات",
    "محافظت", "ولايات", "ولايت", "مخيمات", "مخيمي", "أحياء", "مناطق", "منطقت", "دول", "دولت",
    "أقاليم", "إقليم", "بلديات", "معابر", "معبري", "مطارات", "مطاري", "موانئ", "ميناءي",
    "مينائي", "سدود", "سدي", "جزر", "جزيرت", "مقاطعات", "مقاطعت", "منافذ", "منفذي",
    "مديريات", "مديريتي", "محليات", "محليتي", "أقضية", "قضاءي", "وجهات", "وجهتي",
    "مستشفيات", "مستشفيي", "دوائر", "دائرتي")) + ")"
)  # fmt: skip


def _after_colon(f: _Finder, g: int) -> int | None:
    """The first token of the names a colon opens within `COLON_WITHIN` words after a plural
    noun of a group (token g), when a word that may be a name follows it."""
    k = g
    while k < g + COLON_WITHIN and f.joined(k, k + 1) and _gap(f, k) != ":":
        k += 1
    first = k + 1
    if _gap(f, k) != ":" or first >= len(f.keys) or not _name_word(f.keys[first]):
        return None
    return first


def _after_introducer(f: _Finder, g: int) -> int | None:
    """The first token of the names «، هي» (or «، وهي») opens within `COUNTED_PLACE_REACH`
    words after a counted plural (token g), a clause of what they do between."""
    sentence = f.tokens[g].sentence
    for k in range(g + 1, min(len(f.keys) - 1, g + COUNTED_PLACE_REACH)):
        if f.tokens[k].sentence != sentence:
            return None
        if f.keys[k] in _INTRODUCERS and _gap(f, k - 1) in ("،", ","):
            first = k + 1 + (_gap(f, k) == ":")
            return first if k + 1 < len(f.keys) and _name_word(f.keys[k + 1]) else None
    return None


# Two or more names in guillemets joined by «و» (or commas), right after «هي», «:» or both.
_QUOTED_LIST = re.compile(r"\s*:?\s*«[^«»]{1,40}»(?:\s*[،,]?\s*و?\s*«[^«»]{1,40}»)+")
_QUOTED = re.compile(r"«([^«»]{1,40})»")
QUOTED_WITHIN = 4  # words after a counted plural of organizations before «هي» or «:»


def _quoted_names(f: _Finder, g: int) -> list[tuple[int, int, str, bool]]:
    """«أربع شركات ناشئة هي «دليلي» و«أجير» و«زراعتي»»: after a counted plural of
    organizations and a few words that describe it, «هي» or a colon, then names an outlet
    sets in guillemets: each quoted name, as the tokens inside its marks."""
    sentence = f.tokens[g].sentence
    for k in range(g + 1, min(len(f.keys), g + 1 + QUOTED_WITHIN)):
        if f.tokens[k].sentence != sentence:
            return []
        if f.keys[k] not in _INTRODUCERS and _gap(f, k - 1) != ":":
            continue
        start = f.tokens[k].end if f.keys[k] in _INTRODUCERS else f.tokens[k - 1].end
        m = _QUOTED_LIST.match(f.text, start)
        if m is None:
            return []
        out = []
        for name in _QUOTED.finditer(f.text, m.start(), m.end()):
            inside = [
                t for t in range(k, min(len(f.tokens), k + 40))
                if name.start(1) <= f.tokens[t].start and f.tokens[t].end <= name.end(1)
            ]  # fmt: skip
            if not inside or len(inside) > ORG_NAME_WORDS:
                return []
            out.append((inside[0], inside[-1], "ORG", False))
        return out
    return []


def _colon_list(f: _Finder, g: int) -> list[tuple[int, int, str, bool]]:
    """«الولايات الثلاث الأكثر تضررا: بجاية والبويرة وجيجل»: after a definite plural of
    places (token g), its numeral and a few words that narrow it, a colon opens the names
    of the places, joined by و, up to the end of the clause."""
    first = _after_colon(f, g)
    if first is None:
        return []
    last = _name_end(f, first)
    tail = _list_tail(f, last + 1, run_on=True)
    end = tail[-1][1] if tail else last
    if any(
        f.tokens[t].is_digits or is_number_word(bare(f.keys[t]))
        for t in range(first, min(end + 2, len(f.tokens)))
    ):
        # «المحافظات: إربد 9200 طن، …», «الولايات المتأثرة: تسع ولايات»: figures, no names
        return []
    return [(first, last, "LOC", False), *tail] if tail else []


ORG_NAME_WORDS = 5  # «الشركة الوطنية للهاتف النقال»


def _organizations_listed(
    f: _Finder, g: int, counted: bool = False
) -> list[tuple[int, int, str, bool]]:
    """«الشركات الثلاث العاملة في البلاد: زين العراق وآسياسيل وكورك تيليكوم والشركة الوطنية
    للهاتف النقال.»: after a definite plural of organizations (token g) and a few words that
    narrow it, a colon opens names joined by «و» up to the clause's end. Unlike places, an
    organization's name may be long and hold a preposition («للاتصالات»), so the list is cut
    only at its «و»-words (not one that goes on with a complement: «للتمويل والاستثمار»), and
    taken only when it closes its clause with two names or more,
    none longer than `ORG_NAME_WORDS` and none a figure."""
    if counted and (quoted := _quoted_names(f, g)):
        return quoted  # «أربع شركات ناشئة هي «دليلي» و«أجير» …»
    first = _after_colon(f, g)
    if first is None and counted:
        first = _after_introducer(f, g)  # «خمسة بنوك عمومية تسوق …، هي البنك الوطني …»
    if first is None:
        return []
    items, start, t = [], first, first
    while True:
        if f.tokens[t].is_digits or is_number_word(bare(f.keys[t])) or f.keys[t] in _FUNCTION:
            return []  # «الشركات: زين 41% …»: figures, no names
        if t - start + 1 > ORG_NAME_WORDS or len(items) >= LIST_ITEMS:
            return []
        if not f.joined(t, t + 1):
            items.append((start, t, "ORG", start != first))
            break  # the clause ends: the list closes
        # «مصرف الشمال للتمويل والاستثمار»: a definite «و»-word after «لل…» goes on
        # with the name's complement
        complement = f.keys[t].startswith("لل") and f.keys[t + 1].startswith("وال")
        if _and(f.keys[t + 1]) and not complement:
            items.append((start, t, "ORG", start != first))
            start = t + 1
        t += 1
    gap = _gap(f, t)
    if gap is not None and gap[:1] not in (".", "،", ",", "؛", ";", ")"):
        return []
    return items if len(items) >= 2 else []


# First words of two-word place names («ذي قار», «أبو ظبي», «دير الزور», «عين العرب»).
_NAME_OPENERS = {
    fold(w)
    for w in ("ذي", "ذو", "أبو", "أبي", "بني", "بنو", "دير", "عين", "بيت", "تل", "جبل",
              "رأس", "كفر", "خان", "سيدي", "وادي", "بئر", "أم", "جسر", "مرج", "برج", "حاسي",
              "سوق", "حوش", "كرم", "تيزي", "أولاد", "عرب", "سان", "نيو")
}  # fmt: skip


def _name_word(key: str) -> bool:
    return key not in _FUNCTION and len(key) > 1


def _and(key: str) -> bool:
    """A word that opens the next name of a list: «و» and a name of three letters or more,
    or the opener of a two-word name («وزو» is the second word of «تيزي وزو», not a name
    of its own)."""
    if not key.startswith("و") or key[1:] in _FUNCTION or key in _FUNCTION:
        return False  # «وحدهما» (alone) is one word, no «و» and a name
    return len(key) > 3 or key[1:] in _NAME_OPENERS  # «وذي قار», «وأم درمان»


def _district_list(f: _Finder, i: int) -> list[tuple[int, int, str, bool]]:
    """«أحياء صلاح الدين والأنصارى والمشهد» → one LOC per و-joined name."""
    items, first, j = [], i + 1, i + 1
    while j <= i + _DISTRICT_LIST_WORDS and f.joined(j - 1, j) and f.keys[j] not in _FUNCTION:
        if j > first and f.keys[j].startswith("و") and len(f.keys[j]) > 2:
            items.append((first, j - 1))
            first = j
        j += 1
    if j > first:
        items.append((first, j - 1))
    return [(a, b, "LOC", a != i + 1) for a, b in items]


# An age in brackets after a name: «محمود عبد الحميد (34 عاما)», «سعاد علي (8 سنوات)».
_AGE = re.compile(
    r"\s*\(\s*[0-9٠-٩]{1,3}\s*(?:عام|أعوام|اعوام|سنة|سنوات|سنين)[\u064B-\u0652ًا]*\s*\)"
)
_AGED_NAME_WORDS = 4  # «عبد الله محمد عبد الرحمن»


# Words that describe a person before the name (kin, «الطفل», «المواطن» are definite):
# the name starts after them.
_KIN = frozenset(
    fold(p + w + e)
    for p in ("", "و")
    for w in ("ابن", "ابنة", "بنت", "زوج", "زوجة", "شقيق", "شقيقة", "والد", "والدة", "جد",
              "جدة", "نجل", "نجلة", "أخ", "أخت", "عم", "عمة", "خال", "خالة", "طفل", "طفلة")
    for e in ("", "ه", "ها", "هم", "هما", "ته", "تها", "تهم", "تهما")
)  # fmt: skip
# Words a definite name word may follow in one name: «عبد الحميد», «أبو العبد».
_ALI = "علي"
_NAME_COMPOUNDS = frozenset(fold(w) for w in ("عبد", "أبو", "أبي", "أم", "بن", "ابن", "بنت"))


def _aged_names(f: _Finder) -> list[tuple[int, int, str, bool]]:
    """«والمتوفون هم: محمود عبد الحميد (34 عاما)، ورضا فتحي (27 عاما)»: the words right
    before an age in brackets are a person's name, up to `_AGED_NAME_WORDS` of them, none a
    function word. The name starts where something else ends: a clause mark, «هم/هما/هي»,
    a word of kin («وجدتها فاطمة الأيوبي») or a definite noun that
    describes the person («الطفلة لين الأيوبي»: a definite word is in a name only last or
    after «عبد», «أبو» …); a name whose start is not so marked is not taken. After a comma
    or a bracket the list goes on, and a «و» opening the name is the list's."""
    out = []
    starts = column(f.tokens, "start")
    keys = f.keys
    for m in _AGE.finditer(f.text):
        last = bisect_right(starts, m.start()) - 1
        if last < 0 or f.tokens[last].end != m.start() or not _in_name(f, last, last):
            continue
        first = last
        while (
            last - first + 1 < _AGED_NAME_WORDS
            and f.joined(first - 1, first)
            and _in_name(f, first - 1, last)
        ):
            first -= 1
        before = first - 1
        gap = _gap(f, before) if before >= 0 else None
        if gap is None:
            continue  # the sentence's first words: a verb or a noun as often as a name
        if f.joined(before, first):
            k = keys[before]
            if not (k in _INTRODUCERS or k in _KIN or k.startswith("ال")):
                continue
        peeled = (
            gap is not None
            and gap[-1:] in (*_LIST_COMMAS, ")")
            and keys[first].startswith("و")
            and len(keys[first]) > 3
        )
        out.append((first, last, "PERSON", peeled))
    return out


def _in_name(f: _Finder, k: int, last: int) -> bool:
    """Token k may be a word of the name that ends at token `last`."""
    key = f.keys[k]
    if f.tokens[k].text == _ALI:
        return True  # «فهد علي (40 عاما)»: the name, which folds as the preposition «على»
    if not _name_word(key) or f.tokens[k].is_digits or key in _INTRODUCERS or key in _KIN:
        return False
    if key.startswith("ال") and k != last:
        return k > 0 and (f.keys[k - 1] in _NAME_COMPOUNDS or f.bares[k - 1] in _NAME_COMPOUNDS)
    return True


_ALL_OF = (fold("كل"), fold("من"))
PEOPLE_LISTED = 12


def _introduced_people(
    f: _Finder, g: int, counted: bool = False
) -> list[tuple[int, int, str, bool]]:
    """«والمتوفون هم: أحمد محمد، وسامي حسن، وخالد يوسف.», «المتهمين الأربعة: …»,
    «الفائزين الثلاثة هم: أحمد الجندي بطل الخماسي الحديث، وسارة سمير …»: after a plural
    noun of people (token g), its definite numeral if any, and «هم» (with «كل من», a colon)
    or a colon alone, names set apart by commas up to the clause's end, two to four words
    each; a name may be followed by what the person is («بطل …», «صاحبة …»), up to the next
    comma. Names joined by a bare «و» are not split (a name may open with «و»: «وحيد»); a
    list some item of which is no such name is not taken, nor one that does not close its
    sentence or clause (an age or a detail in brackets after a name is read by
    `_aged_names`)."""
    keys, n = f.keys, len(f.keys)
    k = g + 1
    if counted or (k < n and f.joined(g, k) and _definite_numeral(keys[k])):
        k += 0 if counted else 1  # «المتهمين الأربعة»; «4 متهمين» is counted before
        # «الفائزين الثلاثة بجائزة الدولة في مجال الآداب، وهم …»: what they won, a comma
        for m in range(k, min(n, k + COMPLEMENT_WORDS)):
            if _gap(f, m) in _LIST_COMMAS and m + 1 < n and keys[m + 1] in _THEY | _AND_THEY:
                k = m + 1
                break
            if counted and m + 1 < n and f.joined(m, m + 1) and keys[m + 1] in _THEY:
                k = m + 1  # «ثلاثة حراس مرمى هم …»: what they are, then «هم»
                break
            if not f.joined(m, m + 1):
                break
    said = (
        k < n
        and keys[k] in _THEY | _AND_THEY
        and (f.joined(k - 1, k) or k > g + 2 or (counted and _gap(f, k - 1) in _LIST_COMMAS))
    )  # «3 أسيرات، هن: …»: after a count, «هن» may follow a comma
    if said:
        k += 1
        if tuple(keys[k : k + 2]) == _ALL_OF and f.glued_run(k - 1, 2):
            k += 2
    if _gap(f, k - 1) != ":" and not (said and _gap(f, k - 1) == ""):
        return []
    items: list[tuple[int, int, str, bool]] = []
    by_and = False  # names joined by a bare «و» so far
    while k < n and len(items) < PEOPLE_LISTED:
        if _count_opens(f, k):
            return []  # «مقتل أربعة أشخاص، هم ثلاثة سياح ومرشد»: counts, no names listed
        last = k
        # «هم: حسن شيخ محمود وفرماجو وسعيد عبد الله دني»: after a count, an item its «و»
        # opens may be one word (a name a person is known by), when «و» opens the next
        single = (
            counted
            and bool(items)
            and keys[k].startswith("و")
            and k + 1 < n
            and f.joined(k, k + 1)
            and keys[k + 1].startswith("و")
        )
        while (
            last + 1 < n
            and f.joined(last, last + 1)
            and last - k < 4
            and keys[last + 1] not in _DESCRIBED_AS
            and keys[last + 1] not in _FROM_PLACE
            # «منيرة الرشيد وخالد العنزي»: a family name with the article ends a name,
            # and «و» after it opens the next one; after a count, so does a name of two
            # words («ثلاثة حراس هم أيمن دحمان والبشير بن سعيد ومعز حسن»)
            and not (
                (last > k or single)
                and keys[last + 1].startswith("و")
                and (keys[last].startswith("ال") or (counted and len(keys[last + 1]) >= 4))
            )
        ):
            last += 1
        words = range(k, last + 1)
        shortest = 1 if single else 2
        if not shortest <= len(words) <= 4 or not all(_in_name(f, w, last) for w in words):
            return []
        peeled = bool(items) and keys[k].startswith("و") and len(keys[k]) > 3
        items.append((k, last, "PERSON", peeled))
        end = last
        if end + 1 < n and f.joined(end, end + 1) and keys[end + 1] in _DESCRIBED_AS:
            while end + 1 < n and f.joined(end, end + 1) and end - last < DESCRIPTION_WORDS:
                end += 1  # «بطل الخماسي الحديث»: what the person is, to the next comma
        elif end + 2 < n and f.joined(end, end + 1) and keys[end + 1] in _FROM_PLACE:
            # «رغد عمرو من الخليل»: where the person comes from, one or two words
            end += 2 if not (end + 3 < n and f.joined(end + 2, end + 3)) else 3
        gap = _gap(f, end)
        if gap is None or (gap and gap not in _LIST_COMMAS):
            break  # the sentence or the clause ends: the list closes
        if counted and gap and _count_opens(f, end + 1):
            break  # «…، و9 مدافعين»: the next count opens, the list of names is closed
        if counted and gap and by_and:
            break  # «هم: أ وب وج، قبل أن …»: names joined by «و» alone close at a comma
        by_and = by_and or not gap
        k = end + 1
    return items if len(items) >= 2 else []


_THEY = frozenset(fold(w) for w in ("هم", "هما", "هن"))
_AND_THEY = frozenset(fold("و" + w) for w in ("هم", "هما", "هن"))
COMPLEMENT_WORDS = 8  # words of what a listed group won or did, before «، وهم»
# What a listed person is, right after the name: «أحمد الجندي بطل الخماسي الحديث»
DESCRIPTION_HEADS = (
    *("بطل", "بطلة", "صاحب", "صاحبة", "لاعب", "لاعبة", "نجم", "نجمة", "مدرب", "مدربة"),
    *("حائز", "حائزة", "فائز", "فائزة", "عضو", "رئيس", "رئيسة", "مدير", "مديرة"),
)
_DESCRIBED_AS = frozenset(fold(p + w) for p in ("", "ال") for w in DESCRIPTION_HEADS)
_FROM_PLACE = frozenset({fold("من")})  # a listed person's town after the name
DESCRIPTION_WORDS = 12  # words of a description after a listed name, at most


def _count_opens(f: _Finder, k: int) -> bool:
    """Token k (or the one after a bare «و») is a figure («هم لبنانيان وسوريان»: a dual of
    people): no name stands there."""
    if k < len(f.tokens) and f.keys[k] == _AND_WORD:
        k += 1
    if k >= len(f.tokens):
        return False
    return f.tokens[k].is_digits or is_number_word(bare(f.keys[k])) or people_dual(f.keys[k])


_AND_WORD = fold("و")


def _definite_numeral(key: str) -> bool:
    """«الثلاثة», «الأربعة»: a number word with the article, after the noun it counts."""
    return key.startswith("ال") and is_number_word(key[2:])


def find_entities(text: str, tokens: list[Token]) -> list[Entity]:
    """Non-overlapping entities, longer spans first, then earlier ones; between two labels
    for one span, the pattern found first (a listed name before a head-word pattern). The
    candidates are deduplicated in their order, not through a set: a set's order follows
    string hashes, which change from one process to the next."""
    f = _Finder(text, tokens)
    found = _candidates(f)
    if "(" in text:
        found += _aged_names(f)
    unique = dict.fromkeys(found)
    cands = sorted(unique, key=lambda c: (-(c[1] - c[0]), c[0]))
    used: set[int] = set()
    chosen: list[Entity] = []
    for first, last, label, peeled in cands:
        if not used.isdisjoint(range(first, last + 1)):
            continue
        used.update(range(first, last + 1))
        start = tokens[first].start + (1 if peeled else 0)
        end = tokens[last].end
        chosen.append(Entity(start, end, text[start:end], label, first, last))
    return sorted(chosen, key=lambda e: e.start)
