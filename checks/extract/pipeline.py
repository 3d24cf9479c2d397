"""One document in, one facts record (SPEC §5) out: entities, dates, figures, events, relations.

Order matters and is fixed: names first (so «بوتين» is never read as a dual and «اليوم
السابع» never as today), then dates, figures and events on the words left over.
"""

from __future__ import annotations

from fractions import Fraction

from checks.extract import dates, entities, events, quantities, relations
from checks.extract.model import Mention
from checks.extract.tokens import tokenize
from checks.notices import Notices

# Facts hold value, low and high in float64 (`checks.facts.NUMBER_COLUMNS`), exact for whole
# numbers below 2**53 — beyond that a written figure would read back as another number
# (and orjson cannot write an integer past 2**64 at all). Such a figure is not written; a
# notice names the document and span. A digit run longer than `MAX_FIGURE_CHARS` cannot
# be such a figure and is not parsed at all (parsing it would take time quadratic in its
# length, and Python refuses int() past 4,300 digits).
EXACT_LIMIT = 2**53
MAX_FIGURE_CHARS = 40
TOO_LARGE = "figure not written: a value of 2**53 or more is not held exactly by facts"
TOO_LONG = f"digit run not read as a figure: longer than {MAX_FIGURE_CHARS} characters"

LABEL_ORDER = {"QUANTITY": 0, "DATE": 1, "EVENT": 2, "PERSON": 3, "ORG": 4, "LOC": 5}


def _number(v: Fraction | int | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if Fraction(v).denominator == 1 else float(v)


def _drop_none(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None}


def _where(doc_id: str, start: int, end: int, text: str) -> str:
    shown = text if len(text) <= 24 else text[:20] + "…"
    return f"{doc_id} {start}-{end} «{shown}»"


def _writable(q: quantities.Quantity) -> bool:
    return all(v is None or abs(v) < EXACT_LIMIT for v in (q.value, q.low, q.high))


def extract(
    text: str, published: str | None, notices: Notices | None = None, doc_id: str = ""
) -> tuple[list[dict], list[dict]]:
    """(mentions, relations) found in one text; what is refused goes to `notices`."""
    notices = notices if notices is not None else Notices()
    tokens = tokenize(text)
    found: list[Mention] = []
    taken: set[int] = set()
    for i, tok in enumerate(tokens):
        if len(tok.text) > MAX_FIGURE_CHARS and tok.is_digits:
            taken.add(i)
            notices.add(TOO_LONG, where=_where(doc_id, tok.start, tok.end, tok.text))

    def add(m: Mention) -> Mention:
        found.append(m)
        taken.update(range(m.first, m.last + 1))
        return m

    for e in entities.find_entities(text, tokens):
        add(Mention(e.label, e.start, e.end, e.text, e.first, e.last, tokens[e.first].sentence))
    for d in dates.find_dates(text, tokens, taken, published):
        add(
            Mention(
                "DATE",
                d.start,
                d.end,
                d.text,
                d.first,
                d.last,
                tokens[d.first].sentence,
                _drop_none({"normalized": d.normalized}),
            )
        )
    figures = []
    for q in quantities.find_quantities(text, tokens, taken):
        if not _writable(q):
            notices.add(TOO_LARGE, where=_where(doc_id, q.start, q.end, q.text))
            continue
        attrs = {
            "value": _number(q.value),
            "qualifier": q.qualifier,
            "low": q.low,
            "high": q.high,
            "category": q.category,
            "unit": q.unit,
        }
        figures.append(
            add(
                Mention(
                    "QUANTITY",
                    q.start,
                    q.end,
                    q.text,
                    q.first,
                    q.last,
                    tokens[q.first].sentence,
                    _drop_none(attrs),
                )
            )
        )
    evacuations = []
    for ev in events.find_events(text, tokens, taken):
        m = add(
            Mention(
                "EVENT",
                ev.start,
                ev.end,
                ev.text,
                ev.first,
                ev.last,
                tokens[ev.first].sentence,
                {"status": ev.status},
            )
        )
        if not ev.blocking:
            evacuations.append(m)
    found.sort(key=lambda m: (m.start, LABEL_ORDER[m.label]))
    for n, m in enumerate(found, start=1):
        m.id = f"m{n}"
    figures.sort(key=lambda m: m.start)
    evacuations.sort(key=lambda m: m.start)
    rels = (
        relations.part_of(text, figures)
        + relations.member_of(text, found)
        + relations.reported_and_dated(tokens, text, found)
        + relations.same_as_events(evacuations)
    )
    return [m.fact() for m in found], rels
