"""Who reported a claim and when it was stated, each from one visible pattern in one sentence.

- `reported_by`: a speech verb (`SPEECH_VERBS`: قال، أعلن، أكد، ذكر، أضاف … in either gender)
  whose subject — the first ORG/PERSON starting within three words after it (Arabic puts the
  verb first), or the one after «عن» for «نقلت … عن X» — is the source of every QUANTITY and
  EVENT after that subject up to the next such verb in the sentence. An agency named and
  then given its short name in quotes («وكالة الأنباء السورية "سانا"») is cited by the short
  name.
- `date_of`: a DATE between a speech verb and its «أن/إن» clause dates the statement: every
  mention it reports; any other DATE dates the QUANTITY/EVENT mentions of its own clause
  (between commas)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import compress

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.words import _CLAUSE_MARK_RE
from checks.extract.tokens import PROCLITICS, Token, bare, gap, keys_of

SPEECH_VERBS = {
    fold(w)
    for stem in ("قال", "أعلن", "أكد", "ذكر", "أضاف", "صرح", "أفاد", "أوضح", "نقل")
    for w in (stem, stem + "ت")
} | {fold("قالت")}
_REPORTED_VIA = {fold("نقل"), fold("نقلت")}
_COMPLEMENTIZERS = frozenset(fold(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "بأن"))


SUBJECT_WINDOW = 3


@lru_cache(maxsize=1 << 16)
def _is_speech_verb(key: str) -> bool:
    return bare(key) in SPEECH_VERBS or key in SPEECH_VERBS


# Every key `_is_speech_verb` accepts: a verb, or a verb after one proclitic (`bare`).
_SPEECH_KEYS = frozenset(
    key
    for key in SPEECH_VERBS | {p + v for p in PROCLITICS for v in SPEECH_VERBS}
    if _is_speech_verb(key)
)


def _indices(tokens: list[Token], keys: frozenset[str]) -> list[int]:
    """The indices of the tokens whose key is one of `keys` (one pass in C)."""
    found = keys_of(tokens)
    return list(compress(range(len(found)), map(keys.__contains__, found)))


def _sources(tokens: list[Token], text: str, mentions: list[Mention]):
    """(verb token index, subject mention) for every speech verb with an entity subject."""
    by_first = {m.first: m for m in mentions if m.label in ("ORG", "PERSON")}
    found = []
    for i in _indices(tokens, _SPEECH_KEYS):
        tok = tokens[i]
        key = tok.bare if tok.bare in SPEECH_VERBS else tok.key
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
        comp = complementizer_after(verb)
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


def _next_complementizer(tokens: list[Token]) -> Callable[[int], int | None]:
    """`after(k)`: the index of the first «أن/إن» after token k in its sentence, if any
    (by bisection over the complementizers' indices, found in one pass)."""
    at = _indices(tokens, _COMPLEMENTIZERS)

    def after(k: int) -> int | None:
        n = bisect_right(at, k)
        nxt = at[n] if n < len(at) else None
        return nxt if nxt is not None and tokens[nxt].sentence == tokens[k].sentence else None

    return after


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
    with_dates = {d.sentence for d in dates}
    for c in claims:
        if c.id in dated or c.sentence not in with_dates:
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
