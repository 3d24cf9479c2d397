"""The names a count lists, read from the count: «في بلديتي حيزر وتاغزوت», «ثلاث شركات هي
عمانتل وأوريدو وفودافون عمان», «19 مخيما، أبرزها الخازر وحسن شام», «خمسة مرشحين: …».

The gazetteer knows few names and the head-word patterns of `entities` only the kinds they
were written for; a count says more: that names follow (a construct dual, «هي/هما/هم/هن», a
colon, «أبرزها/من بينها/منها …»), and what they name (its counted noun: places, bodies or
people, which gives the label). The list's own marks say where each name ends: «و», «، و»,
commas after a colon or «هي», «ثم», a count or share held after a name («(380)», «بـ612
حالة»). A name is one to `NAME_WORDS` words that are no function word, figure or number
word; the last name of a list that runs on into its clause ends at its first word unless a
definite word, a name opener («أبو», «عين») or the clause's end says it goes on.

Every name of the list is kept, however many the count says: a list longer than its count
is what `count.members` reports, and a partial list («أبرزها») is no violation. Names an
earlier pass found keep their span; the others are new mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.arabic import fold
from checks.extract.entities import _FUNCTION as ENTITY_FUNCTION
from checks.extract.entities import _NAME_OPENERS, PLACE_HEADS
from checks.extract.member_nouns import folded as _folded
from checks.extract.member_nouns import member_label
from checks.extract.model import Mention
from checks.extract.quantities import noun_category
from checks.extract.tokens import Token, bare
from checks.numbers import is_construct_dual, is_number_word

NAME_WORDS = 4  # words of one listed name («عبد الصمد الجود», «طنجة أوطوموتيف سيتي»)
LIST_ITEMS = 12  # names one list may hold
REACH = 8  # words between a count and the word that opens its list
REACH_PAST_COMMA = 12  # … when a comma stands right before that word («…، أبرزها»)
TRAILER_WORDS = 6  # words of what a name holds after it («بـ14,200 دونم», «بنسبة 99.9%»)


_FULL = _folded("هي", "هما", "هم", "هن")
_PARTIAL = _folded(
    "أبرزها", "أبرزهم", "أبرزهن", "أهمها", "أهمهم", "أشهرها", "أشهرهم", "أكبرها",
    "بينها", "بينهم", "بينهن", "منها", "منهم", "منهن", "مثل", "أبرزهما",
)  # fmt: skip
_FROM = fold("من")
_THEN = _folded("ثم", "تلتها", "تليها", "يليها", "تلاها", "تلته", "يليه", "تلاه", "وتلتها")
# The entity finder's function words (prepositions, relatives, words of time), and more
# words that open a clause after a list («إثر», «فيما», «بسبب», «كان»)
_FUNCTION = frozenset(ENTITY_FUNCTION) | _folded(
    "الى", "اللذين", "اللتين", "اللذان", "اللتان", "هم", "هما", "ثم", "إثر", "منذ", "لدى",
    "حيث", "كما", "فيما", "بينما", "وفق", "عبر", "أمام", "بسبب", "إضافة", "فضلا", "وسط",
    "قرب", "داخل", "خارج", "تحت", "فوق", "لا", "لم", "لن", "ليس", "كان", "كانت", "أي", "أيضا",
    "ذلك", "هذه", "هذا", "تلك", "بعدما", "عندما", "حين", "إلا", "غير", "سوى", "لكن", "بل",
    "أمس",
)  # fmt: skip
# Words that open a name of two words or more: the next word is part of it — the entity
# finder's two-word place openers, and heads of names of people, places and bodies.
_OPENERS = frozenset(_NAME_OPENERS) | _folded(
    "عبد", "بن", "ابن", "بنت", "آل", "شمال", "جنوب", "شرق",
    "غرب", "وسط", "مستشفى", "مدينة", "بنك", "شركة", "معبد", "سد", "جامعة", "حزب", "نادي",
    "ميناء", "مطار", "معبر", "مخيم", "حي", "قرية", "بلدة", "محافظة", "ولاية", "جزيرة", "كلية",
    "مصرف", "مجلس", "وزارة", "قصر", "مسجد", "جامع",
)  # fmt: skip
# Words that open lists or qualify figures, never a name.
_NOT_NAMES = _folded(
    "قرابة",
    "زهاء",
    "حوالي",
    "حوالى",
    "أكثر",
    "أقل",
    "نحو",
    "ما",
    "يقارب",
    "تقريبا",
    "وحدها",
    "وحده",
    "وحدهما",
    "وحدهم",
    "وحدهن",
    "فقط",
    "أيضا",
    "آخرين",
    "أخرى",
    "الأخرى",
    "الآخرين",
)  # fmt: skip
_NOT_NAMES |= {fold(p + w) for p in ("", "و") for w in ("هي", "هما", "هم", "هن")}
_NOT_NAMES |= _PARTIAL | {"و" + w for w in _PARTIAL}
_SUPERLATIVES = _folded(
    "أكثر", "أكبر", "أعلى", "أقل", "أدنى", "أشد", "أهم", "أبرز", "أول", "أخير", "أولى",
)  # fmt: skip
_CLOSING = (".", "،", ",", "؛", ";", ":", ")", "(", "!", "؟", "?", "»", "«", '"', "-", "–")


@dataclass(slots=True)
class Listed:
    """A name a count lists: its tokens, whether a «و» before it is outside its span, and
    the label its count gives; `known` is the earlier mention that has its span, if any."""

    first: int
    last: int
    peeled: bool
    label: str
    count: Mention
    known: Mention | None = None


class _List:
    """The tokens of one text as the list reader asks of them."""

    def __init__(self, text: str, tokens: list[Token], figures: list[Mention]) -> None:
        self.text, self.tokens = text, tokens
        self.figure_at = {k: q for q in figures for k in range(q.first, q.last + 1)}
        self.figure_tokens = self.figure_at.keys()
        self.n = len(tokens)

    def gap(self, k: int) -> str | None:
        """The text between token k and the next, stripped; None across sentences."""
        nxt = k + 1
        if nxt >= self.n or self.tokens[nxt].sentence != self.tokens[k].sentence:
            return None
        return self.text[self.tokens[k].end : self.tokens[nxt].start].strip()

    def key(self, k: int) -> str:
        return self.tokens[k].key

    def name_word(self, k: int) -> bool:
        """Token k may be a word of a name: no figure, number word or function word."""
        if k >= self.n or k in self.figure_tokens or self.tokens[k].is_digits:
            return False
        key = self.key(k)
        return not (len(key) < 2 or key in _FUNCTION or key in _NOT_NAMES or is_number_word(key))

    def cue(self, k: int) -> bool:
        """Token k stands right before a figure («منهم قرابة 300»): a cue, no name."""
        nxt = k + 1
        return nxt < self.n and nxt in self.figure_tokens and self.tokens[nxt].joined

    def common_noun(self, k: int) -> bool:
        """Token k is a counted noun or a superlative («نساء», «مبان», «الأكثر»), not the
        first word of a name — unless it opens one («مستشفى بنها», «مدينة زبيد»)."""
        key = self.key(k)
        if key in _OPENERS or key[1:] in _OPENERS:
            return False
        word = key[1:] if key.startswith("و") else key
        word = word[2:] if word.startswith("ال") else word
        return (
            word in _SUPERLATIVES
            or noun_category(self.tokens[k].text) is not None
            or member_label(self.tokens[k].text) is not None
        )

    def and_word(self, k: int) -> bool:
        """Token k is «و» glued to the next name («وكفريا»): a name of its own after it."""
        key = self.key(k)
        if not key.startswith("و") or len(key) < 3 or key[1:] in _FUNCTION:
            return False
        return not is_number_word(key[1:]) and (len(key) > 3 or key[1:] in _OPENERS)


def listed_names(
    text: str, tokens: list[Token], figures: list[Mention], known: list[Mention]
) -> list[Listed]:
    """Every name a count of places, bodies or people lists, with that count."""
    lst = _List(text, tokens, figures)
    by_first = {m.first: m for m in known}
    taken = {k: m for m in known for k in range(m.first, m.last + 1)}
    out: list[Listed] = []
    for q in figures:
        if "value" not in q.attrs or q.attrs.get("unit") is not None:
            continue
        opened = _opening(lst, q)
        if opened is None:
            continue
        start, label, how = opened
        items = _items(lst, start, label, by_first, taken)
        items = _within_count(lst, q, items, label, how)
        if _enough(lst, items, label, how):
            out += [Listed(a, b, peeled, label, q, m) for a, b, peeled, m in items]
    return out


def _within_count(lst: _List, q: Mention, items: list, label: str, how: str) -> list:
    """The names a count may be said to list. More names than the count is what
    `count.members` reports, so they are kept only when punctuation closes the list right
    after its last name; a body's name may hold «و» («الشؤون البلدية والقروية»,
    «التنمية والتحرير»), so a list of bodies is never read past its count; and a dual
    of ministries, faculties or networks names domains, no bodies («وزارتي الثقافة
    والتربية»), when its first opens with the article."""
    if how == "dual" and label == "ORG" and items and items[0][3] is None:
        noun = lst.key(q.first)
        if lst.key(items[0][0]).startswith("ال") and _DOMAINS_RE.match(noun):
            return []  # «كليتي العلوم الحياتية والعمارة»: domains, no names
    high = q.bounds[1] if q.bounds is not None else q.attrs.get("high", q.attrs["value"])
    if high is None or len(items) <= high:
        return items
    bare_names = all(a == b and not lst.key(a).startswith("ال") for a, b, *_ in items)
    if (label == "ORG" and not bare_names) or not _punctuated(lst, items[-1][1]):
        return items[: int(high)]
    return items  # («شيري وجيلي وأوبل …»: one-word names with no article hold no «و»)


_POSSESSIVE = (fold("ها"), fold("هم"), fold("هما"), fold("هن"))


# Bodies named by their domain («وزارة الثقافة», «كلية الطب», «شبكة الماء»), by stem.
_DOMAINS_RE = re.compile(
    "^[وبلف]?(?:" + "|".join(fold(w) for w in ("وزار", "كلي", "شبك", "إدار", "قسم", "معهد")) + ")"
)


def _a_person(lst: _List, k: int) -> bool:
    """Token k may open a person's name: no definite word («المهجرين») and no nationality
    standing alone («هنديان وباكستاني»)."""
    key = lst.key(k)
    word = key[1:] if key.startswith("و") else key
    if word.startswith("ال") or word.endswith(_POSSESSIVE):
        return False  # «ومالكها»: a role held, no name
    alone = k + 1 >= lst.n or not lst.tokens[k + 1].joined or lst.and_word(k + 1)
    return not (alone and word.endswith(("ي", "يان", "يين", "يون", "يه")))


def _enough(lst: _List, items: list, label: str, how: str) -> bool:
    """A list is two names or more; after «أبرزها/من بينها» one name may be all it shows,
    when punctuation or a relative pronoun closes it («أبرزها مصر التي …») — but people only
    two or more («بينهم سائق الشاحنة» names a role, no one)."""
    if len(items) >= 2:
        return True
    if how != "partial" or label == "PERSON" or not items:
        return False
    last = items[0][1]
    return _punctuated(lst, last) or (last + 1 < lst.n and lst.key(last + 1) in _RELATIVE)


_RELATIVE = _folded("التي", "التى", "الذي", "اللذين", "اللتين", "اللذان", "اللتان")


def _opening(lst: _List, q: Mention) -> tuple[int, str, str] | None:
    """(first token of the list, label of its names, how it opens: "dual", "full" («هي»),
    "partial" («أبرزها») or "colon") when count q opens a list of names; None otherwise."""
    near = _near_opening(lst, q)
    if near is not None or _framed(lst, q) is not None:
        return near
    label = _label_of(lst, _nouns_of(lst, q), lst.tokens[q.first].sentence)
    return _far_namely(lst, q, label) if label is not None else None


def _near_opening(lst: _List, q: Mention) -> tuple[int, str, str] | None:
    tokens = lst.tokens
    if q.first == q.last and q.attrs.get("value") == 2:
        # «بلديتي حيزر وتاغزوت», «شركتا مابا وليماك»: a dual in construct state, then names
        key = tokens[q.first].key
        nxt = q.last + 1
        construct = is_construct_dual(key) or (key.endswith("تا") and len(key) >= 5)
        if construct and nxt < lst.n and tokens[nxt].joined and lst.name_word(nxt):
            label = member_label(tokens[q.first].text)
            return (nxt, label, "dual") if label else None
    sentence = tokens[q.first].sentence
    nouns = _nouns_of(lst, q)
    label = _label_of(lst, nouns, sentence)
    if _framed(lst, q) is not None:
        return None  # «ست مصريات بين العشر الأوائل، هن: …»: the names are of the six
    if label is not None and lst.gap(q.last) == ":":
        return q.last + 1, label, "colon"  # «ولايات الغرب الخمس: وهران …»
    k = q.last + 1
    while k < lst.n and k <= q.last + REACH_PAST_COMMA:
        tok = tokens[k]
        if tok.sentence != sentence:
            return None
        if k in lst.figure_tokens:
            frame = lst.figure_at[k]
            if _framed(lst, frame) is not q:
                return None
            # past the set the count is of, which may say what its names are
            label = label or _label_of(lst, _nouns_of(lst, frame), sentence)
            k = frame.last + 1
            continue
        if label is None:
            k += 1
            if k > q.last + REACH:
                return None
            continue
        key = tok.key
        word = key[1:] if key.startswith("و") and len(key) > 2 else key
        after_comma = lst.gap(k - 1) in ("،", ",")
        if k > q.last + REACH and not after_comma:
            return None
        if word in _FULL or word in _PARTIAL:
            if lst.gap(k) not in ("", ":") or not _agrees(word, label):
                return None
            return k + 1, label, "partial" if word in _PARTIAL else "full"
        if word == _FROM and k + 1 < lst.n and tokens[k + 1].key in _PARTIAL:
            if lst.gap(k + 1) not in ("", ":") or not _agrees(tokens[k + 1].key, label):
                return None
            return k + 2, label, "partial"
        if lst.gap(k) == ":" and k <= q.last + REACH:
            return k + 1, label, "colon"
        if lst.gap(k) not in ("", "،", ","):
            return None
        k += 1
    return None


FAR_REACH = 40  # tokens after a count searched for «، وهي:» closing its sentence's clause


def _far_namely(lst: _List, q: Mention, label: str) -> tuple[int, str, str] | None:
    """«أعلنت ثماني دول في تحالف أوبك+ … خفضا … وحتى نهاية العام، وهي: السعودية وروسيا …»,
    «خمس علامات استحوذت على أكثر من 70 بالمائة …، وهي شيري وجيلي …»: «، وهي» (a comma,
    the pronoun, a colon or not) names the count the sentence is about, however far, when
    no other count of names stands between."""
    tokens = lst.tokens
    sentence = tokens[q.first].sentence
    for m in range(q.last + 1, min(lst.n, q.last + FAR_REACH)):
        if tokens[m].sentence != sentence:
            return None
        if m in lst.figure_tokens and member_label(tokens[m + 1].text if m + 1 < lst.n else ""):
            return None  # another count of places, bodies or people: the list may be its
        word = tokens[m].key
        if word in _FULL_AND and lst.gap(m) in (":", "") and lst.gap(m - 1) in ("،", ","):
            return (m + 1, label, "full") if _agrees(word[1:], label) else None
    return None


_FULL_AND = frozenset("و" + w for w in _FULL)


def _nouns_of(lst: _List, q: Mention) -> list[int]:
    """Where the counted noun of q may stand: after the count, or before a definite numeral
    («المحافظات الثلاث») or after it («الخمسة الأوائل»); a dual is its own noun («طالبتان
    …، هما»)."""
    nouns = [q.last + 1]
    if lst.tokens[q.first].key.startswith("ال"):
        nouns[:0] = [q.first - 1, q.first - 2]  # «ولايات الغرب الخمس»
    if q.first == q.last:
        nouns.append(q.first)
    return nouns


def _label_of(lst: _List, nouns: list[int], sentence: int) -> str | None:
    """The label the first counted noun of the lexicon at those tokens gives its names."""
    tokens = lst.tokens
    for k in nouns:
        if 0 <= k < lst.n and tokens[k].sentence == sentence:
            label = member_label(tokens[k].text)
            if label is not None:
                return label
    return None


_FRAMES = _folded("بين", "ضمن")
FRAME_REACH = 2  # words between a count and «بين» the set it is of («ست مصريات بين …»)


def _framed(lst: _List, q: Mention) -> Mention | None:
    """The count q is the set another count right before it is of («ست مصريات بين العشر
    الأوائل»): that count, or None."""
    k = q.first - 1
    if k < 1 or lst.tokens[k].key not in _FRAMES or not lst.tokens[q.first].joined:
        return None
    for j in range(k - 1, max(-1, k - 2 - FRAME_REACH), -1):
        if not lst.tokens[j + 1].joined:
            return None
        if j in lst.figure_tokens:
            return lst.figure_at[j]
    return None


_HUMAN_ENDS = (fold("هم"), fold("هن"), fold("هما"))
_THING_ENDS = (fold("ها"), fold("هي"), fold("هما"))


def _agrees(word: str, label: str) -> bool:
    """The word that opens the list refers to what its count counts: «هم/هن/بينهم» to
    people, «هي/بينها» to places and bodies, «هما» and «مثل» to either («161 ألف شخص …
    المرحلة الخامسة وهي مرحلة الكارثة»: «هي» is the phase, no list of the people)."""
    if word == _LIKE:
        return True
    return word.endswith(_HUMAN_ENDS if label == "PERSON" else _THING_ENDS)


_LIKE = fold("مثل")


def _items(
    lst: _List, k: int, label: str, by_first: dict[int, Mention], taken: dict[int, Mention]
) -> list[tuple[int, int, bool, Mention | None]]:
    """The names of the list that opens at token k: (first, last, «و» peeled, earlier
    mention), as long as its marks join them; a list that runs on into a clause keeps the
    names before it. The first mark between two names sets the list's style: after «A وB»
    a comma ends the list («… وشحات، ونزح …»), after «A، وB» or «A، B» it goes on."""
    items: list[tuple[int, int, bool, Mention | None]] = []
    peeled, style, head = False, None, None
    while len(items) < LIST_ITEMS:
        if k >= lst.n or not lst.name_word(k) or lst.cue(k):
            break
        if lst.common_noun(k) and (k not in by_first or bare(lst.key(k)) in PLACE_HEADS):
            # a name the entity finder found is one, though it opens with a member noun
            # («الإمارات», «الولايات المتحدة»); one headed by a noun of a place («وريف
            # حماة», «ومنطقة …») is a place of another kind, named beside the list
            break
        if label == "PERSON" and not _a_person(lst, k):
            break
        if k in taken and k not in by_first:
            break  # inside a name found before: no name of this list starts here
        if not items and label == "ORG" and _opener(lst.key(k)):
            head = lst.key(k) if lst.key(k) in _OPENERS else bare(lst.key(k))
        if k in by_first:
            m = by_first[k]
            if m.label != label:
                break  # «هم ياردن بيباس وعوفر …» with «عوفر» a place: no name of this list
            last, known = m.last, m
        else:
            last, known = _name_end(lst, k, label, head), None
            if any(t in taken for t in range(k, last + 1)):
                last = next(t for t in range(k, last + 1) if t in taken) - 1
                if _opener(lst.key(last)):
                    break  # «ومستشفى طرابلس …» with «طرابلس» a name already: left to it
        items.append((k, last, peeled, known))
        j = _after_trailer(lst, last, label)
        held = j > last + 1
        nxt = _next_item(lst, j, style, held)
        if nxt is None:
            items[-1] = _closing(lst, items[-1], label, held)
            break
        k, peeled, mark = nxt
        style = style or mark
        if head is not None and bare(lst.key(k)) != head and lst.key(k) != head:
            break  # «وزارة الطوارئ وإدارة الكوارث»: the head not said again, the name goes on
    return items


def _name_end(lst: _List, k: int, label: str, head: str | None = None) -> int:
    """The last token of the name at token k: the glued name words up to the next «و» name,
    at most `NAME_WORDS` of them. In a list of bodies whose names open with one head word
    («وزارة …»), a «و» word that does not repeat the head goes on with the name («وزارة
    الطوارئ وإدارة الكوارث ووزارة الرياضة والشباب»: two names), up to `HEADED_WORDS`."""
    stop = k
    limit = NAME_WORDS if label != "LOC" else NAME_WORDS - 1
    if head is not None:
        limit = HEADED_WORDS
    while (
        stop - k + 1 < limit
        and stop + 1 < lst.n
        and lst.tokens[stop + 1].joined
        and lst.name_word(stop + 1)
        and (
            not lst.and_word(stop + 1)
            or _opener(lst.key(stop))  # «بني وليد»
            or (head is not None and bare(lst.key(stop + 1)) != head)
        )
        and (not _prefixed(lst.key(stop + 1)) or _complement(lst.key(stop + 1), label))
        # after its complement, a name goes on only with the complement's adjectives
        and not (lst.key(stop).startswith("لل") and not lst.key(stop + 1).startswith("ال"))
    ):
        stop += 1
    return stop


HEADED_WORDS = 6


def _complement(key: str, label: str) -> bool:
    """«الوفاء للمقاومة», «الأفريقية للطيران»: a body's name goes on with «لل…»."""
    return label == "ORG" and key.startswith("لل")


def _opener(key: str) -> bool:
    """A word that opens a longer name, with or without a «و» before it."""
    return key in _OPENERS or bare(key) in _OPENERS


def _prefixed(key: str) -> bool:
    """A word that opens with «ب/ل/ك/ف» glued to a definite or counted noun («بنسبة», «بـ»,
    «لأسباب»): what a name holds or why, not a word of it."""
    if key.startswith("لل"):
        return True  # «للمالية»: ل + ال
    return key[:1] in "بلكف" and (key[1:3] == "ال" or len(key) == 1 or key[1:] in _PREFIXED_NOUNS)


_PREFIXED_NOUNS = _folded("نسبة", "معدل", "واقع", "مجموع", "إجمالي", "قيمة", "حصة", "عدد")


def _after_trailer(lst: _List, last: int, label: str) -> int:
    """The token after what a name holds: its count or age in brackets, «بـ612 حالة»,
    «بنسبة 99.9%», a town «من غزة» — each up to the mark that ends it."""
    j = last + 1
    if j < lst.n and lst.gap(last) == "(":
        for t in range(j, min(lst.n, j + TRAILER_WORDS)):
            gap = lst.gap(t)
            if gap is None:
                return t + 1
            if gap.startswith(")"):
                return t + 1
        return j
    if j >= lst.n:
        return j
    town = label == "PERSON" and lst.key(j) == _FROM and lst.name_word(j + 1)  # «من غزة»
    if j < lst.n and lst.tokens[j].joined and (_prefixed(lst.key(j)) or town):
        for t in range(j, min(lst.n, j + TRAILER_WORDS)):
            if t + 1 >= lst.n or lst.gap(t) != "" or lst.and_word(t + 1):
                return t + 1
            if lst.key(t + 1) in _THEN:
                return t + 1
        return j
    return j


def _next_item(lst: _List, j: int, style: str | None, held: bool) -> tuple[int, bool, str] | None:
    """(first token, «و» peeled, mark) of the next name after a name that ends before token
    j — what it holds (`held`) read past — or None when the list ends there."""
    if j >= lst.n or lst.tokens[j].sentence != lst.tokens[j - 1].sentence:
        return None
    gap = lst.text[lst.tokens[j - 1].end : lst.tokens[j].start].strip()
    if gap not in ("", "،", ","):
        return None
    key = lst.key(j)
    comma = bool(gap)
    # a comma joins names in a list that began so, or after what a name holds («(380)،»)
    if comma and not held and style == "and":
        return None
    if lst.and_word(j):
        return j, True, "comma_and" if comma else "and"
    if key == fold("و") and lst.name_word(j + 1):
        return j + 1, False, "comma_and" if comma else "and"
    if key in _THEN or (key.startswith("و") and key[1:] in _THEN):
        return (j + 1, False, "then") if lst.name_word(j + 1) else None
    bare_comma = comma and style in (None, "comma") and not key.startswith("و")
    if bare_comma and lst.name_word(j) and not _prefixed(key):
        return j, False, "comma"  # «هي: الخرطوم، الجزيرة، وسنار»
    return None


def _closing(
    lst: _List, item: tuple[int, int, bool, Mention | None], label: str, held: bool
) -> tuple[int, int, bool, Mention | None]:
    """The last name of a list: unless punctuation closes it, it ends at
    its first word, or goes on while a definite word follows or a word opens a longer
    name («الشارقة إثر أمطار» → «الشارقة», «دير عمار اللذين» → «دير عمار»)."""
    first, last, peeled, known = item
    if known is not None or _punctuated(lst, last):
        return item
    stop = first
    while stop < last and (
        _opener(lst.key(stop))
        or lst.key(stop + 1) in _INNER_OPENERS  # «كرمة بني سعيد»
        or _complement(lst.key(stop + 1), label)  # «الأفريقية للطيران»
        or _adjective(lst.key(stop + 1))
        or (label == "PERSON" and stop - first < 1)
    ):
        stop += 1
    return first, stop, peeled, known


def _adjective(key: str) -> bool:
    """A definite word that goes on with a name («النيل الأبيض», «مكة المكرمة»): neither a
    dual agreeing with the list nor a superlative («ومؤتة الأكبر»)."""
    return key.startswith("ال") and not _agreeing(key) and key[2:] not in _SUPERLATIVES


def _agreeing(key: str) -> bool:
    """A definite dual agreeing with the names before it («ودار الشيوخ المصنفتين»)."""
    return key.endswith(("تين", "تان"))


# Words inside a name that open its next part («كرمة بني سعيد», «قصر ابن هانئ»).
_INNER_OPENERS = _folded("بني", "أبو", "أبي", "بن", "ابن", "عبد", "أم", "ذي", "آل", "أولاد")


def _punctuated(lst: _List, last: int) -> bool:
    """Punctuation, the sentence's end or the text's end follows token `last`."""
    gap = lst.gap(last) if last + 1 < lst.n else None
    return gap is None or gap[:1] in _CLOSING
