"""One document in, one facts record (SPEC §5) out: entities, dates, figures, events, relations.

Order matters and is fixed: names first (so «بوتين» is never read as a dual and «اليوم
السابع» never as today), then dates, figures and events on the words left over.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from itertools import compress

import pandas as pd

from checks.extract import dates, entities, events, named_lists, quantities, relations
from checks.extract.brackets import unbracket
from checks.extract.model import Mention
from checks.extract.outlets import outlet_country
from checks.extract.tokens import column, release, tokenize
from checks.intervals import DEFAULT_TOLERANCE, interval
from checks.notices import Notices

# Facts hold value, low and high in float64 (`checks.facts.NUMBER_COLUMNS`), exact for whole
# numbers below 2**53 — beyond that a written figure would read back as another number
# (and orjson cannot write an integer past 2**64 at all). Such a figure is not written; a
# notice names the document and span. A digit run of more than `MAX_FIGURE_DIGITS` digits
# is not read by the number reader at all (`checks.numbers`: parsing it would take time
# quadratic in its length, and Python refuses int() past 4,300 digits); it gets a notice too.
EXACT_LIMIT = 2**53
MAX_FIGURE_DIGITS = 19
TOO_LARGE = "figure not written: a value of 2**53 or more is not held exactly by facts"
TOO_LONG = f"digit run not read as a figure: more than {MAX_FIGURE_DIGITS} digits"

LABEL_ORDER = {"QUANTITY": 0, "DATE": 1, "EVENT": 2, "PERSON": 3, "ORG": 4, "LOC": 5}


def _number(v: Fraction | int | None) -> int | float | None:
    if v is None or isinstance(v, int):
        return v
    return v.numerator if v.denominator == 1 else float(v)


def _drop_none(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items() if v is not None}


def _digit_count(word: str) -> int:
    return sum(ch.isdigit() for ch in word)


def _where(doc_id: str, start: int, end: int, text: str) -> str:
    shown = text if len(text) <= 24 else text[:20] + "…"
    return f"{doc_id} {start}-{end} «{shown}»"


def extract(
    text: str,
    published: str | None,
    notices: Notices | None = None,
    doc_id: str = "",
    source: str = "",
) -> tuple[list[dict], list[dict]]:
    """(mentions, relations) found in one text; what is refused goes to `notices`."""
    doc = {"doc_id": doc_id, "text": text, "published": published, "source": source}
    return extract_many([doc], notices)[0]


def extract_many(
    docs: list[dict], notices: Notices | None = None
) -> list[tuple[list[dict], list[dict]]]:
    """(mentions, relations) of each document (`doc_id`, `text`, `published`), in order.

    Each text is read on its own, except the qualifier cues of all figures, which one
    vectorized call finds for the whole batch (`quantities.qualify`)."""
    notices = notices if notices is not None else Notices()
    with _no_cycle_collection():
        drafts: list[_Draft] = []
        try:
            for d in docs:
                drafts.append(
                    _Draft(
                        d["text"],
                        d.get("published"),
                        d.get("doc_id") or "",
                        notices,
                        outlet_country(d.get("source") or ""),
                    )
                )
            quantities.qualify([d.text for d in drafts], [d.spans for d in drafts])
            bounds = _bounds([q for d in drafts for q in d.spans])
            found = [d.finish(bounds) for d in drafts]
        finally:
            for d in drafts:  # the token columns each module read (`checks.extract.tokens`)
                release(d.tokens)
        del drafts, bounds  # freed here, so the collector never walks their tokens
    return found


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a batch is read. A batch allocates about a
    thousand objects per article (tokens, spans, mentions) and frees them only at its end;
    each allocation run would start a collection that walks all of them again (15% of the
    extractor's time). They hold no cycles, so nothing is left for the collector to free;
    it runs again, as it was, after the batch."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _bounds(spans: list[quantities.Quantity]) -> dict[int, tuple[float, float]]:
    """id(figure) -> its SPEC §3 interval, for a whole batch in one vectorized call (the
    relations compare parts and wholes by it)."""
    if not spans:
        return {}

    def column(values: list) -> pd.Series:
        return pd.Series([math.nan if v is None else float(v) for v in values], dtype=float)

    lo, hi = interval(
        pd.Series([q.qualifier for q in spans], dtype=object),
        column([q.value for q in spans]),
        column([q.low for q in spans]),
        column([q.high for q in spans]),
        DEFAULT_TOLERANCE,
    )
    return {id(q): (a, b) for q, a, b in zip(spans, lo.tolist(), hi.tolist(), strict=True)}


class _Draft:
    """One document between the two halves of the pipeline: names, dates and figure spans
    found; qualifiers pending (set in place by the batch's `quantities.qualify`)."""

    def __init__(
        self, text: str, published: str | None, doc_id: str, notices: Notices, outlet: str = ""
    ):
        self.published_text = text  # the mentions' texts are cut from it (`finish`)
        text = unbracket(text)  # «(1.2) مليار»: every module reads the figure unbracketed
        self.text, self.doc_id, self.notices = text, doc_id, notices
        self.tokens = tokens = tokenize(text)
        self.found: list[Mention] = []
        self.taken: set[int] = set()
        lengths = map(len, column(tokens, "text"))
        for i in compress(range(len(tokens)), map(MAX_FIGURE_DIGITS.__lt__, lengths)):
            tok = tokens[i]
            if _digit_count(tok.text) > MAX_FIGURE_DIGITS:
                self.taken.add(i)
                notices.add(TOO_LONG, where=_where(doc_id, tok.start, tok.end, tok.text))
        for e in entities.find_entities(text, tokens):
            self.add(
                Mention(e.label, e.start, e.end, e.text, e.first, e.last, tokens[e.first].sentence)
            )
        for d in dates.find_dates(text, tokens, self.taken, published):
            normalized = _drop_none({"normalized": d.normalized})
            sentence = tokens[d.first].sentence
            self.add(Mention("DATE", d.start, d.end, d.text, d.first, d.last, sentence, normalized))
        self.spans = quantities.figure_spans(text, tokens, self.taken, outlet)

    def _listed(self, figures: list[Mention]) -> list[tuple[Mention, Mention]]:
        """(name, count) for every name a count lists (`named_lists`); the names no earlier
        pass found are added as mentions."""
        names = [m for m in self.found if m.label in ("PERSON", "ORG", "LOC")]
        names.sort(key=lambda m: m.start)
        pairs = []
        for item in named_lists.listed_names(self.text, self.tokens, figures, names):
            name = item.known
            if name is None:
                tokens = self.tokens
                if not self.taken.isdisjoint(range(item.first, item.last + 1)):
                    continue
                start = tokens[item.first].start + (1 if item.peeled else 0)
                end = tokens[item.last].end
                sentence = tokens[item.first].sentence
                name = Mention(
                    item.label, start, end, self.text[start:end], item.first, item.last, sentence
                )
                self.add(name)
            pairs.append((name, item.count))
        return pairs

    def add(self, m: Mention) -> Mention:
        self.found.append(m)
        self.taken.update(range(m.first, m.last + 1))
        return m

    def finish(self, bounds: dict[int, tuple[float, float]]) -> tuple[list[dict], list[dict]]:
        text, tokens, found, taken = self.text, self.tokens, self.found, self.taken
        figures = []
        for q in quantities.categorized(tokens, self.spans):
            value = q.value
            if value is not None and not isinstance(value, int):
                value = _number(value)
            # the attributes that are set, in this order; a value, low or high that float64
            # cannot hold exactly is not written (one dict per figure, the tests written out)
            low, high, qualifier, category, unit = q.low, q.high, q.qualifier, q.category, q.unit
            attrs = {} if value is None else {"value": value}
            if qualifier is not None:
                attrs["qualifier"] = qualifier
            if low is not None:
                attrs["low"] = low
            if high is not None:
                attrs["high"] = high
            if category is not None:
                attrs["category"] = category
            if unit is not None:
                attrs["unit"] = unit
            if (
                (value is not None and abs(value) >= EXACT_LIMIT)
                or (low is not None and abs(low) >= EXACT_LIMIT)
                or (high is not None and abs(high) >= EXACT_LIMIT)
            ):
                self.notices.add(TOO_LARGE, where=_where(self.doc_id, q.start, q.end, q.text))
                continue
            sentence = tokens[q.first].sentence
            bound = bounds.get(id(q))
            m = Mention(
                "QUANTITY", q.start, q.end, q.text, q.first, q.last, sentence, attrs, "", bound
            )
            found.append(m)  # `add`, written out
            taken.update(range(q.first, q.last + 1))
            figures.append(m)
        figures.sort(key=lambda m: m.start)
        listed = self._listed(figures)
        chains: dict[str, list[Mention]] = {}  # events of one kind, chained `same_as`
        for ev in events.find_events(text, tokens, self.taken):
            sentence = tokens[ev.first].sentence
            m = Mention("EVENT", ev.start, ev.end, ev.text, ev.first, ev.last, sentence)
            m.attrs = {"status": ev.status}
            self.add(m)
            if not ev.blocking:
                chains.setdefault(ev.kind, []).append(m)
        found.sort(key=lambda m: (m.start, LABEL_ORDER[m.label]))
        if text is not self.published_text:
            _published_spans(found, self.published_text)
        for n, m in enumerate(found, start=1):
            m.id = f"m{n}"
        for chain in chains.values():
            chain.sort(key=lambda m: m.start)
        parts = relations.part_of(text, tokens, figures)
        same = _one_reading(relations.same_as_figures(text, figures), parts, figures)
        said = {frozenset((r["from"], r["to"])) for r in same}
        rivals = relations.same_as_rival_tolls(text, tokens, figures, parts)
        rivals += relations.same_as_rival_counts(text, tokens, figures, parts + same + rivals)
        parts = [r for r in parts if frozenset((r["from"], r["to"])) not in said]
        members = _members(relations.member_of(text, found, tokens), listed)
        members += relations.dual_anaphora(text, found, members)
        rels = (
            parts
            + same
            + [r for r in rivals if frozenset((r["from"], r["to"])) not in said]
            + members
            + relations.reported_and_dated(tokens, text, found)
            + [r for chain in chains.values() for r in relations.same_as_events(chain)]
        )
        return [m.fact() for m in found], rels


def _one_reading(same: list[dict], parts: list[dict], figures: list[Mention]) -> list[dict]:
    """Two figures read both as one figure said again and as a part and its whole: of equal
    values, or with the part after its whole (a headline's toll and the body's, one
    misstated), they are one figure (the caller drops the part link: «في ستة فروع … من
    الفروع الستة»); of different values with the part first, the part reading holds («فاز
    12 من المرشحين الـ20»: 12 of the 20, no misstated restatement), and the `same_as` link
    is dropped here."""
    by_id = {q.id: q for q in figures}
    part_first = {
        frozenset((r["from"], r["to"]))
        for r in parts
        if by_id[r["from"]].start < by_id[r["to"]].start
    }

    def part_reading(r: dict) -> bool:
        a, b = by_id[r["from"]], by_id[r["to"]]
        return a.attrs.get("value") != b.attrs.get("value")

    return [
        r for r in same if frozenset((r["from"], r["to"])) not in part_first or not part_reading(r)
    ]


def _members(found: list[dict], listed: list[tuple[Mention, Mention]]) -> list[dict]:
    """The `member_of` links of `relations.member_of` and those of the lists counts open,
    each once; a name a count's list holds is a member of that count only («ست مصريات بين
    العشر الأوائل، هن: …»: of the six, not of the ten the list reader passes over)."""
    owner = {name.id: count.id for name, count in listed}
    out = [r for r in found if owner.get(r["from"], r["to"]) == r["to"]]
    seen = {(r["from"], r["to"]) for r in out}
    for name, count in listed:
        if (name.id, count.id) not in seen:
            seen.add((name.id, count.id))
            out.append({"from": name.id, "to": count.id, "type": "member_of"})
    return out


def _published_spans(found: list[Mention], published: str) -> None:
    """The mentions' texts cut from the published text, once brackets were read as spaces
    (`brackets.unbracket`): a span over an opened bracket also takes the bracket that opens
    or closes it, so the span is balanced («(1.2) مليار», not «1.2) مليار»)."""
    for m in found:
        span = published[m.start : m.end]
        if (
            ")" in span
            and "(" not in span[: span.index(")")]
            and published[m.start - 1 : m.start] == "("
        ):
            m.start -= 1  # «92) مليوناً …»: the bracket the span closes opens before it
        if (
            "(" in span
            and ")" not in span[span.rindex("(") :]
            and published[m.end : m.end + 1] == ")"
        ):
            m.end += 1  # «… و(610»: the bracket the span opens closes after it
        m.text = published[m.start : m.end]
