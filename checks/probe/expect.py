"""Judge each case against the predictions: pass, fail, or filtered (not judged).

INV and DIR read the extractor's own reading of the original figure (the predicted QUANTITY
that matches the gold span exactly, else the one that overlaps it most) and carry its span
through the edits; the perturbed document must hold a QUANTITY at exactly that span. When
the original has no such reading, or its span ends inside an edit, the case is filtered:
a silent extractor must not look robust.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.probe.cases import (
    FIGURES,
    NO_FIGURE,
    NO_PART_OF,
    QUALIFIER,
    SAME,
    SCALED,
    Case,
    Reading,
)
from checks.probe.edits import SpanBroken
from checks.probe.runner import Predicted, Predictions

PASS, FAIL, FILTERED = "pass", "fail", "filtered"


@dataclass(frozen=True)
class Result:
    case: Case
    status: str
    expected: str = ""
    got: str = ""


def aligned(preds: list[Predicted], span: tuple[int, int]) -> Predicted | None:
    """The prediction at exactly `span`, else the one overlapping it most (None: none)."""
    best, most = None, 0
    for p in preds:
        if (p.start, p.end) == span:
            return p
        overlap = min(p.end, span[1]) - max(p.start, span[0])
        if overlap > most:
            best, most = p, overlap
    return best


def at(preds: list[Predicted], span: tuple[int, int]) -> Predicted | None:
    return next((p for p in preds if (p.start, p.end) == span), None)


def same_reading(a: Reading, b: Reading) -> bool:
    """Equal as SPEC §6 compares values: a range/vague reading by its bounds only."""
    if a.qualifier != b.qualifier or a.unit != b.unit:
        return False
    if a.qualifier in ("range", "vague"):
        return (a.low, a.high) == (b.low, b.high)
    return a.value == b.value


def _where(text: str, span: tuple[int, int]) -> str:
    return f"«{text[span[0] : span[1]]}» {span[0]}–{span[1]}"


def _got(text: str, preds: list[Predicted], span: tuple[int, int]) -> str:
    """What the extractor has at `span`, or near it."""
    exact = at(preds, span)
    if exact is not None:
        return exact.reading.said()
    near = aligned(preds, span)
    if near is None:
        return "no QUANTITY there"
    return f"no QUANTITY at {span[0]}–{span[1]}; {near.reading.said()} at " + _where(
        text, (near.start, near.end)
    )


def judge(case: Case, preds: dict[str, Predictions]) -> Result:
    mine = preds[case.id]
    if case.check == FIGURES:
        return _figures(case, mine)
    if case.check == NO_FIGURE:
        hit = aligned(mine.quantities, case.span)
        if hit is None:
            return Result(case, PASS, "no QUANTITY", "none")
        return Result(
            case,
            FAIL,
            "no QUANTITY",
            f"{hit.reading.said()} at " + _where(case.text, (hit.start, hit.end)),
        )
    origin = preds[case.source]
    ref = aligned(origin.quantities, case.source_span)
    if ref is None:
        return Result(case, FILTERED, got="the original figure was not found")
    try:
        span = case.offsets.span(ref.start, ref.end)
    except SpanBroken:
        return Result(case, FILTERED, got="the original reading's span ends inside the edit")
    if case.check == NO_PART_OF:
        return _no_part_of(case, origin, ref, mine)
    r = ref.reading
    if case.check == SAME:
        want = r
    elif case.check == SCALED:
        if r.value is None:
            return Result(case, FILTERED, got="the original reading has no value")
        want = Reading(r.value * case.ratio, r.qualifier, r.low, r.high, r.unit)
    elif case.check == QUALIFIER:
        want = Reading(r.value, case.qualifier, r.low, r.high, r.unit)
        if r.qualifier in ("range", "vague"):
            return Result(case, FILTERED, got="the original reading is a range")
    else:  # pragma: no cover - every check is handled above
        raise ValueError(case.check)
    expected = f"{want.said()} at {_where(case.text, span)}"
    got = at(mine.quantities, span)
    if got is not None and _matches(case.check, want, got.reading):
        return Result(case, PASS, expected, got.reading.said())
    return Result(case, FAIL, expected, _got(case.text, mine.quantities, span))


def _matches(check: str, want: Reading, got: Reading) -> bool:
    if check == QUALIFIER:
        return got.qualifier == want.qualifier and got.value == want.value
    return same_reading(want, got)


def _figures(case: Case, mine: Predictions) -> Result:
    wants, gots, ok = [], [], True
    found = []
    for f in case.figures:
        span = (f.start, f.end)
        got = at(mine.quantities, span)
        found.append(got)
        wants.append(f"{f.reading.said()} at {_where(case.text, span)}")
        if got is not None and same_reading(f.reading, got.reading):
            gots.append(got.reading.said())
        else:
            ok = False
            gots.append(_got(case.text, mine.quantities, span))
    for a, b in case.relations:
        wants.append(
            f"{_where(case.text, _span(case, a))} part_of {_where(case.text, _span(case, b))}"
        )
        pa, pb = found[a], found[b]
        linked = pa is not None and pb is not None and (pa.id, pb.id) in mine.part_of
        gots.append("linked part_of" if linked else "not linked")
        ok &= linked
    return Result(case, PASS if ok else FAIL, "; ".join(wants), "; ".join(gots))


def _span(case: Case, i: int) -> tuple[int, int]:
    f = case.figures[i]
    return (f.start, f.end)


def _no_part_of(case: Case, origin: Predictions, ref: Predicted, mine: Predictions) -> Result:
    whole = aligned(origin.quantities, case.source_whole)
    if whole is None or (ref.id, whole.id) not in origin.part_of:
        return Result(case, FILTERED, got="the original part is not linked to its whole")
    expected = f"{_where(case.text, case.span)} not part_of {_where(case.text, case.whole)}"
    parts = {p.id for p in mine.quantities if _overlaps(p, case.span)}
    wholes = {p.id for p in mine.quantities if _overlaps(p, case.whole)}
    if any((a, b) in mine.part_of for a in parts for b in wholes):
        return Result(case, FAIL, expected, "linked part_of")
    return Result(case, PASS, expected, "not linked")


def _overlaps(p: Predicted, span: tuple[int, int]) -> bool:
    return p.start < span[1] and span[0] < p.end
