"""EVENT spans for evacuation-style happenings, with a status read off the trigger word.

A trigger (`TRIGGERS`: verb or verbal noun → status) makes an event when it is about an
evacuation: it governs an evacuation phrase right after it («انتهاء عملية إجلاء المسلحين»,
«تعليق هذه العمليات») — the span then runs over that phrase — or, for a verb standing alone
(«عمليات الإجلاء توقفت»), an evacuation word is its subject earlier in the sentence; the span
is then the verb. A predicate adjective («عملية الإجلاء مستمرة», «متوقفة») is read like a
verb standing alone: it needs its evacuation subject before it. Blocking verbs
(`أغلقوا طريقًا`) take their object into the span and need
an evacuation word anywhere in the sentence. Statuses: completed, halted, ongoing, planned.
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
        "completed": ("انتهاء", "انتهت", "انتهى", "اكتمال", "اكتملت", "اكتمل", "إتمام"),
        "halted": ("توقف", "توقفت", "أوقف", "أوقفت", "إيقاف", "تعليق", "علق", "علقت"),
        "ongoing": ("تتواصل", "يتواصل", "تستمر", "يستمر", "استمرار", "تجري", "يجري"),
        "planned": ("ستبدأ", "سيبدأ", "ستتم", "سيتم", "ستستأنف", "سيستأنف", "استئناف"),
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
    return events
