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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import pairwise

import pandas as pd

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.tokens import Token, gap
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
WHOLE_WINDOW = 8  # figures after a group of parts searched for their whole
_CLAUSE_MARKS = "،,:؛;"
_CLAUSE_MARK_RE = re.compile(f"[{_CLAUSE_MARKS}]")


def _sources(tokens: list[Token], text: str, mentions: list[Mention]):
    """(verb token index, subject mention) for every speech verb with an entity subject."""
    by_first = {m.first: m for m in mentions if m.label in ("ORG", "PERSON")}
    found = []
    for i, tok in enumerate(tokens):
        key = tok.bare if tok.bare in SPEECH_VERBS else tok.key
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
        apposition = by_first.get(subject.last + 1)
        if (
            apposition is None
            or apposition.label != subject.label
            or gap(text, subject.end, apposition.start).strip('"«»()')
        ):
            apposition = None
        found.append((i, apposition or subject))
    return found


def reported_and_dated(tokens: list[Token], text: str, mentions: list[Mention]) -> list[dict]:
    """Each claim is reported by the last source whose verb precedes it in its sentence (and
    whose subject it follows); found by bisection per sentence, so linear in the mentions."""
    sources = _sources(tokens, text, mentions)
    claims = [m for m in mentions if m.label in ("QUANTITY", "EVENT")]
    dates = [m for m in mentions if m.label == "DATE"]
    verbs_of: dict[int, list[int]] = {}  # sentence -> positions in `sources`, in text order
    for n, (verb, _) in enumerate(sources):
        verbs_of.setdefault(tokens[verb].sentence, []).append(n)
    verb_positions = {s: [sources[n][0] for n in ns] for s, ns in verbs_of.items()}
    dates_of: dict[int, list[Mention]] = {}
    for d in dates:
        dates_of.setdefault(d.sentence, []).append(d)
    date_lasts = {s: [d.last for d in ds] for s, ds in dates_of.items()}
    complementizer_after = _next_complementizer(tokens)
    statement_date: dict[int, Mention] = {}
    for verb, _ in sources:
        comp = complementizer_after[verb]
        in_sentence = dates_of.get(tokens[verb].sentence, [])
        # the last date after the verb that ends before its «أن» clause
        lasts = date_lasts.get(tokens[verb].sentence, [])
        k = (bisect_left(lasts, comp) if comp is not None else len(lasts)) - 1
        if k >= 0 and in_sentence[k].first > verb:
            statement_date[verb] = in_sentence[k]
    reported: dict[int, list[Mention]] = {}
    for c in claims:
        ns = verbs_of.get(c.sentence)
        if not ns:
            continue
        k = bisect_left(verb_positions[c.sentence], c.first) - 1
        if k >= 0 and c.first > sources[ns[k]][1].last:
            reported.setdefault(ns[k], []).append(c)
    rels = []
    for n, (verb, subject) in enumerate(sources):
        for c in reported.get(n, []):
            rels.append({"from": c.id, "to": subject.id, "type": "reported_by"})
            if verb in statement_date:
                rels.append({"from": c.id, "to": statement_date[verb].id, "type": "date_of"})
    stated = {d.id for d in statement_date.values()}
    dated = {r["from"] for r in rels if r["type"] == "date_of"}
    rels += _clause_dates(text, [d for d in dates if d.id not in stated], claims, dated)
    return rels


def _next_complementizer(tokens: list[Token]) -> list[int | None]:
    """For each token, the index of the first «أن/إن» after it in its sentence, if any."""
    out: list[int | None] = [None] * len(tokens)
    nxt: int | None = None
    for k in range(len(tokens) - 1, -1, -1):
        out[k] = nxt if nxt is not None and tokens[nxt].sentence == tokens[k].sentence else None
        if tokens[k].key in _COMPLEMENTIZERS:
            nxt = k
    return out


def _clause_dates(
    text: str, dates: list[Mention], claims: list[Mention], dated: set[str]
) -> list[dict]:
    """A DATE that dates no statement dates the undated claims of its own clause (no clause
    mark between them); a claim with several such dates takes the nearest. Clauses are told
    by one running count of the marks: a claim and a date share a clause when the count is
    equal at their facing ends, so every claim looks up its dates instead of scanning."""
    marks = _mark_count(text)
    by_start: dict[tuple[int, int], list[Mention]] = {}  # dates that open where a claim ends
    by_end: dict[tuple[int, int], list[Mention]] = {}  # dates that close where a claim starts
    for d in dates:
        by_start.setdefault((d.sentence, marks(d.start)), []).append(d)
        by_end.setdefault((d.sentence, marks(d.end)), []).append(d)
    starts = {key: [d.start for d in ds] for key, ds in by_start.items()}
    ends = {key: [d.end for d in ds] for key, ds in by_end.items()}
    chosen = []
    for c in claims:
        if c.id in dated:
            continue
        key = (c.sentence, marks(c.end))
        after = by_start.get(key, [])
        k = bisect_left(starts.get(key, []), c.end)
        nearest = after[k] if k < len(after) else None
        key = (c.sentence, marks(c.start))
        before = by_end.get(key, [])
        k = bisect_right(ends.get(key, []), c.start) - 1
        if k >= 0 and (nearest is None or c.start - before[k].end <= nearest.start - c.end):
            nearest = before[k]
        if nearest is not None:
            chosen.append((nearest.start, c.start, c.id, nearest.id))
    return [{"from": c, "to": d, "type": "date_of"} for _, _, c, d in sorted(chosen)]


def _mark_count(text: str) -> Callable[[int], int]:
    """`marks(x)`: how many clause marks `text[:x]` holds (found by one regex search)."""
    at = [m.start() for m in _CLAUSE_MARK_RE.finditer(text)]
    return lambda x: bisect_left(at, x)


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
                    for w in qs[k : k + WHOLE_WINDOW]
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
    ends = [e.end for e in entities]
    starts = [e.start for e in entities]
    for q in mentions:
        if q.label != "QUANTITY" or q.attrs.get("value") != 2 or " " in q.text:
            continue
        k = bisect_right(ends, q.start)
        before = entities[max(0, k - 2) : k]
        k = bisect_left(starts, q.end)
        after = entities[k : k + 2]
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
