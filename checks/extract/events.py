"""EVENT spans for evacuation-style happenings, with a status read off the trigger word.

A trigger (`TRIGGERS`: verb or verbal noun → status) makes an event when it is about an
evacuation: it governs an evacuation phrase right after it («انتهاء عملية إجلاء المسلحين»,
«تعليق هذه العمليات») — the span then runs over that phrase — or, for a verb standing alone
(«عمليات الإجلاء توقفت»), an evacuation word is its subject earlier in the sentence; the span
is then the verb. A predicate adjective («عملية الإجلاء مستمرة», «متوقفة») is read like a
verb standing alone: it needs its evacuation subject before it. Blocking verbs
(`أغلقوا طريقًا`) take their object into the span and need
an evacuation word anywhere in the sentence. Statuses: completed, halted, ongoing, planned.

Besides evacuations, the states news reports and its sources tell differently (`STATES`:
a truce, the entry of aid, flights, exams, a strike) are events when a status word stands
in their clause («التهدئة … "انهارت"», «وقف إطلاق النار "صامد"», «استؤنف إدخال
المساعدات»); the span is the state's noun, and the events of one kind in a text are one
event told by its voices (chained `same_as` as evacuations are).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checks.arabic import fold
from checks.extract.tokens import Token, bare, gap, where

_EVACUATION_STEMS = tuple(
    fold(w) for w in ("إجلاء", "إجلاؤ", "إجلائ", "إخلاء", "إخلاؤ", "خروج", "إخراج", "تهجير")
)
_OPERATION = {fold(w) for w in ("عملية", "عمليات", "العملية", "العمليات")}
_DEMONSTRATIVE = {fold(w) for w in ("هذه", "هذا", "تلك")}

TRIGGERS: dict[str, str] = {
    fold(w): status
    for status, words in {
        "completed": (
            *("انتهاء", "انتهت", "انتهى", "اكتمال", "اكتملت", "اكتمل", "إتمام", "أنجزت"),
            "أنجز",
        ),
        "halted": (
            *("توقف", "توقفت", "أوقف", "أوقفت", "إيقاف", "تعليق", "علق", "علقت", "تعثرت"),
            *("جمدت", "تجميد", "تعطلت"),
        ),
        "ongoing": (
            *("تتواصل", "يتواصل", "تستمر", "يستمر", "استمرار", "تجري", "يجري", "استؤنفت"),
            *("استؤنف", "انطلقت", "انطلق", "بدأت", "بدأ"),
        ),
        "planned": (
            *("ستبدأ", "سيبدأ", "ستتم", "سيتم", "ستستأنف", "سيستأنف", "استئناف", "ستنطلق"),
            "سينطلق",
        ),
    }.items()
    for w in words
}
# Predicate adjectives («عملية الإجلاء مستمرة»): read like a verb standing alone.
TRIGGERS |= {
    fold(w): status
    for status, words in {
        "halted": ("متوقفة", "متوقف", "معلقة", "معلق"),
        "ongoing": ("مستمرة", "مستمر", "متواصلة", "متواصل", "جارية"),
    }.items()
    for w in words
}
BLOCKING = {fold(w) for w in ("أغلق", "أغلقت", "أغلقوا", "قطع", "قطعت", "قطعوا")}
SUBJECT_WINDOW = 12  # tokens before a bare verb searched for its evacuation subject


def _stem(key: str) -> str:
    key = bare(key)
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


@lru_cache(maxsize=1 << 16)
def is_evacuation_word(key: str) -> bool:
    """«إجلاء», «لإجلاء», «الإجلاء», «إجلاءهم», «بخروج» … (folded keys)."""
    return _stem(key).startswith(_EVACUATION_STEMS)


@dataclass(slots=True)
class Event:
    start: int
    end: int
    text: str
    status: str
    first: int
    last: int
    blocking: bool = False
    kind: str = "evacuation"  # events of one kind in one text are chained `same_as`


def _phrase_end(tokens: list[Token], i: int, text: str) -> int | None:
    """Index of the last token of an evacuation phrase right after token i, if any."""
    j, last, core = i + 1, None, False

    def next_ok(k: int) -> bool:
        return (
            k < len(tokens)
            and tokens[k].sentence == tokens[i].sentence
            and not gap(text, tokens[k - 1].end, tokens[k].start)
        )

    if next_ok(j) and tokens[j].key in _DEMONSTRATIVE:
        j += 1
    if next_ok(j) and bare(tokens[j].key) in _OPERATION:
        last, core, j = j, True, j + 1
    if next_ok(j) and is_evacuation_word(tokens[j].key):
        last, core, j = j, True, j + 1
        if next_ok(j) and tokens[j].key.startswith("ال"):
            last = j  # the object: «إجلاء المسلحين»
    return last if core else None


@lru_cache(maxsize=1 << 16)
def _opens_event(key: str) -> bool:
    """The word, or the word without a proclitic, is a trigger or a blocking word."""
    return any(k in TRIGGERS or k in BLOCKING for k in (key, bare(key)))


def find_events(text: str, tokens: list[Token], taken: set[int]) -> list[Event]:
    events: list[Event] = []
    evacuation_sentences: set[int] | None = None  # sentences naming an evacuation, once
    for i in where(tokens, _opens_event):
        tok = tokens[i]
        if i in taken:
            continue
        key = tok.key if tok.key in TRIGGERS or tok.key in BLOCKING else tok.bare
        blocking = False
        if key in TRIGGERS:
            last = _phrase_end(tokens, i, text)
            if last is None:
                before = tokens[max(0, i - SUBJECT_WINDOW) : i]
                if not any(
                    t.sentence == tok.sentence and is_evacuation_word(t.key) for t in before
                ):
                    continue
                last = i
            status = TRIGGERS[key]
        elif key in BLOCKING:
            if evacuation_sentences is None:
                named = where(tokens, is_evacuation_word)
                evacuation_sentences = {tokens[k].sentence for k in named}
            if tok.sentence not in evacuation_sentences:
                continue
            nxt = i + 1
            if nxt >= len(tokens) or tokens[nxt].sentence != tok.sentence:
                continue
            last, status = nxt, "completed"
            blocking = True
        else:
            continue
        if any(k in taken for k in range(i, last + 1)):
            continue
        end = tokens[last].end
        events.append(Event(tok.start, end, text[tok.start : end], status, i, last, blocking))
    used = {k for ev in events for k in range(ev.first, ev.last + 1)} | taken
    return events + _state_events(text, tokens, used)


# States a text reports and its sources may tell differently («التهدئة "انهارت"» against
# «وقف إطلاق النار "صامد"»): the nouns of each kind, as folded word sequences.
STATES: dict[str, tuple[tuple[str, ...], ...]] = {
    kind: tuple(tuple(fold(w) for w in phrase.split()) for phrase in phrases)
    for kind, phrases in {
        "truce": ("التهدئة", "الهدنة", "وقف إطلاق النار", "وقف النار", "اتفاق وقف إطلاق النار"),
        "aid": ("إدخال المساعدات", "دخول المساعدات", "تدفق المساعدات"),
        "flights": ("الرحلات الجوية", "الملاحة الجوية", "حركة الطيران", "حركة الملاحة"),
        "exams": ("الامتحانات",),
        "strike": ("الإضراب",),
    }.items()
}
_FIRST_WORDS = frozenset(phrase[0] for phrases in STATES.values() for phrase in phrases)
# What a state is said to be, before or after its noun in its clause.
STATE_STATUS: dict[str, str] = {
    fold(w): status
    for status, words in {
        "halted": (
            *("انهارت", "انهار", "توقف", "توقفت", "متوقف", "متوقفة", "معلق", "معلقة", "علقت"),
            *("أوقفت", "أوقف", "ألغيت", "ألغي", "مغلق", "مغلقة", "انتهكت", "خرقت"),
        ),
        "ongoing": (
            *("صامد", "صامدة", "مستمر", "مستمرة", "متواصل", "متواصلة", "يسري", "تسري"),
            *("سارية", "ساري", "استؤنف", "استؤنفت", "استأنف", "استأنفت", "صمدت", "صمد"),
            *("انطلقت", "انطلق", "بدأت", "بدأ", "تتواصل", "يتواصل"),
        ),
        "completed": ("انتهت", "انتهى", "اكتمل", "اكتملت", "أنجزت", "أنجز", "تمت", "تم"),
        "planned": (
            *("ستبدأ", "سيبدأ", "تأجل", "تأجلت", "أرجئ", "أرجئت", "مؤجل", "مؤجلة", "ستنطلق"),
            *("سينطلق", "تبدأ", "يبدأ"),
        ),
    }.items()
    for w in words
}
STATE_AFTER, STATE_BEFORE = 9, 3  # tokens after and before a state's noun read for its status


def _state_events(text: str, tokens: list[Token], used: set[int]) -> list[Event]:
    """Each noun of a state (`STATES`) with a status word in its clause: the nearest after
    it, past quotes («"انهارت"»), else right before it («استؤنف إدخال المساعدات»)."""
    events: list[Event] = []
    keys = [t.key for t in tokens]
    # where each first word of a state's noun stands (as written or past a proclitic), found
    # in one pass: most texts name no state, and a phrase is then looked for nowhere
    at: dict[str, list[int]] = {}
    for i, t in enumerate(tokens):
        for word in {t.key, t.bare} & _FIRST_WORDS:
            at.setdefault(word, []).append(i)
    for kind, phrases in STATES.items():
        for phrase in phrases:
            n = len(phrase)
            for i in at.get(phrase[0], ()):
                if tuple(keys[i + 1 : i + n]) != phrase[1:] or any(
                    k in used for k in range(i, i + n)
                ):
                    continue
                last = i + n - 1
                status = _status_near(text, tokens, i, last)
                if status is None:
                    continue
                # «والتهدئة»: the proclitic stays outside the span
                start = tokens[i].start + (1 if keys[i] != phrase[0] else 0)
                end = tokens[last].end
                used.update(range(i, last + 1))
                events.append(Event(start, end, text[start:end], status, i, last, kind=kind))
    return sorted(events, key=lambda e: e.start)


def _status_near(text: str, tokens: list[Token], first: int, last: int) -> str | None:
    """The status word nearest after a state's noun in its clause, else right before it."""
    sentence = tokens[first].sentence
    for k in range(last + 1, min(len(tokens), last + 1 + STATE_AFTER)):
        t = tokens[k]
        if t.sentence != sentence or _clause_mark(text, tokens[k - 1].end, t.start):
            break
        status = STATE_STATUS.get(t.key) or STATE_STATUS.get(t.bare)
        if status is not None:
            return status
    for k in range(first - 1, max(-1, first - 1 - STATE_BEFORE), -1):
        t = tokens[k]
        if t.sentence != sentence or _clause_mark(text, t.end, tokens[k + 1].start):
            break
        status = STATE_STATUS.get(t.key) or STATE_STATUS.get(t.bare)
        if status is not None:
            return status
    return None


def _clause_mark(text: str, start: int, end: int) -> bool:
    return any(c in text[start:end] for c in "،,؛;:.")
