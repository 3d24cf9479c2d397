"""Relations between the found mentions, each from one visible pattern in one sentence.

- `reported_by`: a speech verb (`SPEECH_VERBS`: قال، أعلن، أكد، ذكر، أضاف … in either gender)
  whose subject — the first ORG/PERSON starting within three words after it (Arabic puts the
  verb first), or the one after «عن» for «نقلت … عن X» — is the source of every QUANTITY and
  EVENT after that subject up to the next such verb in the sentence. An agency named and
  then given its short name in quotes («وكالة الأنباء السورية "سانا"») is cited by the short
  name.
- `date_of`: a DATE between a speech verb and its «أن/إن» clause dates the statement: every
  mention it reports; any other DATE dates the QUANTITY/EVENT mentions of its own clause
  (between commas).
- `part_of`: figures joined by و («4500 مسلحًا و337 مصابًا») are parts of a later figure in
  the sentence that counts people in general (`WHOLE_CATEGORIES`), when their categories
  differ from it and their lower bounds fit under its upper bound (SPEC §4 part_whole.sum:
  a pattern the arithmetic rules out is not claimed).
- `member_of`: a counted dual directly after «A وB», or directly followed (past agreeing
  adjectives, «:», «هما») by «A وB», where A and B are entities of one label.
- `same_as`: the evacuation events of one article (the same process seen by different
  sources), chained in text order; blocking events are separate events.
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.tokens import Token, bare, gap
from checks.intervals import DEFAULT_TOLERANCE, interval

SPEECH_VERBS = {
    fold(w)
    for stem in ("قال", "أعلن", "أكد", "ذكر", "أضاف", "صرح", "أفاد", "أوضح", "نقل")
    for w in (stem, stem + "ت")
} | {fold("قالت")}
_REPORTED_VIA = {fold("نقل"), fold("نقلت")}
_COMPLEMENTIZERS = {fold(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "بأن")}
WHOLE_CATEGORIES = {"evacuees", "persons", "civilians", "people"}
SUBJECT_WINDOW = 3
_CLAUSE_MARKS = "،,:؛;"


def _sources(tokens: list[Token], text: str, mentions: list[Mention]):
    """(verb token index, subject mention) for every speech verb with an entity subject."""
    by_first = {m.first: m for m in mentions if m.label in ("ORG", "PERSON")}
    found = []
    for i, tok in enumerate(tokens):
        key = bare(tok.key) if bare(tok.key) in SPEECH_VERBS else tok.key
        if key not in SPEECH_VERBS:
            continue
        window = range(i + 1, min(len(tokens), i + 1 + SUBJECT_WINDOW))
        if key in _REPORTED_VIA:
            after = [k for k in range(i + 1, min(len(tokens), i + 8)) if tokens[k].key == "عن"]
            window = range(after[0] + 1, after[0] + 2) if after else range(0)
        subject = next(
            (by_first[k] for k in window if k in by_first and tokens[k].sentence == tok.sentence),
            None,
        )
        if subject is None:
            continue
        apposition = next(
            (
                m
                for m in mentions
                if m.label == subject.label
                and m.first == subject.last + 1
                and not gap(text, subject.end, m.start).strip('"«»()')
            ),
            None,
        )
        found.append((i, apposition or subject))
    return found


def reported_and_dated(tokens: list[Token], text: str, mentions: list[Mention]) -> list[dict]:
    rels = []
    sources = _sources(tokens, text, mentions)
    claims = [m for m in mentions if m.label in ("QUANTITY", "EVENT")]
    dates = [m for m in mentions if m.label == "DATE"]
    statement_date: dict[int, Mention] = {}
    for n, (verb, subject) in enumerate(sources):
        sentence = tokens[verb].sentence
        nxt = next((v for v, _ in sources[n + 1 :] if tokens[v].sentence == sentence), None)
        comp = next(
            (
                k
                for k in range(verb + 1, len(tokens))
                if tokens[k].sentence == sentence and tokens[k].key in _COMPLEMENTIZERS
            ),
            None,
        )
        for d in dates:
            if d.sentence == sentence and d.first > verb and (comp is None or d.last < comp):
                statement_date[verb] = d
        for c in claims:
            if c.sentence == sentence and c.first > subject.last and (nxt is None or c.first < nxt):
                rels.append({"from": c.id, "to": subject.id, "type": "reported_by"})
                if verb in statement_date:
                    rels.append({"from": c.id, "to": statement_date[verb].id, "type": "date_of"})
    stated = {d.id for d in statement_date.values()}
    dated = {r["from"] for r in rels if r["type"] == "date_of"}
    for d in dates:
        if d.id in stated:
            continue
        for c in claims:
            if c.id not in dated and c.sentence == d.sentence and _same_clause(text, c, d):
                rels.append({"from": c.id, "to": d.id, "type": "date_of"})
    return rels


def _same_clause(text: str, a: Mention, b: Mention) -> bool:
    lo, hi = sorted((a, b), key=lambda m: m.start)
    return not any(ch in _CLAUSE_MARKS for ch in text[lo.end : hi.start])


def part_of(text: str, quantities: list[Mention]) -> list[dict]:
    rels = []
    by_sentence: dict[int, list[Mention]] = {}
    for q in quantities:
        by_sentence.setdefault(q.sentence, []).append(q)
    for qs in by_sentence.values():
        k = 0
        while k < len(qs):
            group = [qs[k]]
            while k + 1 < len(qs) and _coordinated(text, qs[k], qs[k + 1]):
                group.append(qs[k + 1])
                k += 1
            k += 1
            if len(group) < 2 or any(p.attrs.get("category") is None for p in group):
                continue
            whole = next(
                (
                    w
                    for w in qs[k:]
                    if w.attrs.get("category") in WHOLE_CATEGORIES
                    and w.attrs["category"] not in {p.attrs["category"] for p in group}
                ),
                None,
            )
            if whole is not None and _fits(group, whole):
                rels += [{"from": p.id, "to": whole.id, "type": "part_of"} for p in group]
    return rels


def _coordinated(text: str, a: Mention, b: Mention) -> bool:
    """«4500 مسلحًا و337»: at most one counted word, then و, between two figures."""
    words = text[a.end : b.start].split()
    return 1 <= len(words) <= 2 and words[-1] == "و"


def _fits(parts: list[Mention], whole: Mention) -> bool:
    frame = pd.DataFrame(
        [
            {k: m.attrs.get(k) for k in ("qualifier", "value", "low", "high")}
            for m in [*parts, whole]
        ]
    )
    lo, hi = interval(
        frame["qualifier"],
        frame["value"].astype(float),
        frame["low"].astype(float),
        frame["high"].astype(float),
        DEFAULT_TOLERANCE,
    )
    return bool(lo[:-1].sum() <= hi[-1])


def member_of(text: str, mentions: list[Mention]) -> list[dict]:
    rels = []
    entities = [m for m in mentions if m.label in ("PERSON", "ORG", "LOC")]
    for q in mentions:
        if q.label != "QUANTITY" or q.attrs.get("value") != 2 or " " in q.text:
            continue
        before = [e for e in entities if e.end <= q.start]
        after = [e for e in entities if e.start >= q.end]
        pair = None
        if len(before) >= 2 and _adjoins(text[before[-1].end : q.start]):
            pair = before[-2:]
        elif len(after) >= 2 and _introduces(text[q.end : after[0].start]):
            pair = after[:2]
        if pair and pair[0].label == pair[1].label and _joined_by_and(text, *pair):
            rels += [{"from": e.id, "to": q.id, "type": "member_of"} for e in pair]
    return rels


def _adjoins(between: str) -> bool:
    return not between.strip(" ،,")


def _introduces(between: str) -> bool:
    words = [w for w in between.replace(":", " ").split() if w not in ("هما", "وهما")]
    return all(fold(w).endswith(("تين", "تان", "ين", "ان")) for w in words) and len(words) <= 2


def _joined_by_and(text: str, a: Mention, b: Mention) -> bool:
    return text[a.end : b.start].strip() in ("و", "،و", "، و")


def same_as_events(evacuations: list[Mention]) -> list[dict]:
    """Chain the evacuation events (not the blocking ones) in text order."""
    return [{"from": a.id, "to": b.id, "type": "same_as"} for a, b in pairwise(evacuations)]
