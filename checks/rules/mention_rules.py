"""Rules over single mentions: offsets, schema, values, cues, intervals."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from checks import cues
from checks.cues import CUES, ORDERED, cue_codes, written_cue
from checks.intervals import near, qualifier_codes
from checks.lookup import by_unique
from checks.numbers import written_values
from checks.offsets import offset_problems
from checks.rules.context import LABEL_CODE, Context
from checks.rules.describe import Described, column, num
from checks.rules.registry import Outcome, outcome, rule
from checks.schema import (
    ATTRIBUTES,
    BOUNDED_QUALIFIERS,
    ISO_DATE_RE,
    LABELS,
    QUALIFIERS,
    RELATIONS,
)


def _single(frame: pd.DataFrame, messages: pd.Series, checked: pd.Series) -> Outcome:
    """Violations from a sparse Series of messages (index: rows of `frame`)."""
    messages = messages.dropna()
    rows = frame.loc[messages.index]
    ids = [[i] for i in rows["id"].to_numpy(dtype=object)]
    return outcome(rows["doc_id"], ids, messages.to_numpy(dtype=object), checked)


@rule(
    "span.offsets",
    "error",
    "text[start:end] differs from the mention's text, or offsets are outside the document",
)
def span_offsets(ctx: Context) -> Outcome:
    m = ctx.mentions
    problems = offset_problems(
        m["start"], m["end"], m["text"], ctx.doc_pos, ctx.code_points, ctx.doc_texts
    )
    has_text = ctx.code_points.known[ctx.doc_pos]
    return _single(m, problems, ctx.doc_pos[has_text])


def _reason(mask: pd.Series, values: pd.Series, template: str) -> pd.Series:
    """A message for the rows in `mask` only: most rows have nothing to say."""
    return values[mask].map(template.format)


def _join(reasons: list[pd.Series]) -> pd.Series:
    """All reasons of a row in one message, rows in input order."""
    present = [r for r in reasons if len(r)]
    if not present:
        return pd.Series(dtype=object)
    rows = pd.Index(np.unique(np.concatenate([r.index.to_numpy() for r in present])))
    out = np.full(len(rows), None, dtype=object)
    for r in present:
        said = r.reindex(rows).to_numpy(dtype=object)
        has = pd.notna(said)
        first = has & pd.isna(out)
        later = has & ~first
        out[first] = said[first]
        out[later] = out[later] + "; " + said[later]
    return pd.Series(out, index=rows, dtype=object)


def _valid(values: pd.Series, fn) -> pd.Series:
    return pd.Series(by_unique(values, fn, dtype=bool), index=values.index)


@rule("span.label", "error", "a label, attribute value or relation type outside SPEC §2")
def span_label(ctx: Context) -> Outcome:
    m = ctx.mentions
    known = ctx.label_code < len(LABELS)
    known_label = pd.Series(known, index=m.index)
    reasons = [_reason(~known_label, m["label"], "unknown label {!r}")]
    for attr in ATTRIBUTES:
        col = m[attr.name]
        if attr.choices or attr.pattern:
            # One hash pass says which rows hold a value and which distinct values pass.
            codes, uniques = pd.factorize(col.to_numpy(dtype=object), use_na_sentinel=True)
            present = codes >= 0
        else:
            present = col.notna().to_numpy()
        if not present.any():
            continue
        on = np.zeros(len(LABELS) + 1, dtype=bool)
        on[[LABEL_CODE[label] for label in attr.labels]] = True
        reasons.append(
            _reason(
                pd.Series(present & known & ~on[ctx.label_code], index=m.index),
                m["label"],
                f"attribute {attr.name!r} does not belong on {{}}",
            )
        )
        tests = []
        if attr.choices:
            allowed = frozenset(attr.choices)
            tests.append((allowed.__contains__, f"{{!r}} is not one of {', '.join(attr.choices)}"))
        if attr.pattern:
            tests.append((re.compile(attr.pattern).fullmatch, f"{{!r}} is not {attr.hint}"))
        for test, says in tests:
            passes = np.array([*(bool(test(u)) for u in uniques), True])[codes]
            reasons.append(_reason(pd.Series(~passes, index=m.index), col, f"{attr.name} {says}"))
    normalized = m["normalized"]
    if normalized.notna().any():
        shaped = _valid(normalized, ISO_DATE_RE.fullmatch)
        real = _valid(normalized, _is_date)
        reasons.append(
            _reason(shaped & ~real, normalized, "normalized {!r} is not a calendar date")
        )
    reasons.append(m["invalid"].dropna())
    mention_part = _single(m, _join(reasons), ctx.doc_pos)

    r = ctx.relations
    unknown = r[~r["known_type"]]
    rel_part = outcome(
        unknown["doc_id"],
        [[a, b] for a, b in zip(unknown["from"].tolist(), unknown["to"].tolist(), strict=True)],
        unknown["type"].map(lambda t: f"relation type {t!r} is not one of {', '.join(RELATIONS)}"),
        r["doc"].to_numpy(),
    )
    return Outcome(
        pd.concat([mention_part.violations, rel_part.violations], ignore_index=True),
        np.concatenate([mention_part.checked, rel_part.checked]),
    )


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _quantities(ctx: Context) -> pd.DataFrame:
    return ctx.quantities


def _docs(ctx: Context, frame: pd.DataFrame) -> np.ndarray:
    """Document rows of the mentions in `frame` (what a rule examined)."""
    return ctx.doc_pos[frame["row"].to_numpy()]


def _bad(m: pd.DataFrame, col: str) -> pd.Series:
    """Rows whose `col` was given but is not a usable number (reported by span.label)."""
    invalid = m["invalid"]
    bad = pd.Series(False, index=m.index)
    has = invalid.notna()
    if has.any():
        bad[has] = invalid[has].str.contains(f"{col} is ", regex=False)
    return bad


@rule(
    "value.missing",
    "error",
    "a QUANTITY without value (or without low/high for range/vague)",
)
def value_missing(ctx: Context) -> Outcome:
    q = _quantities(ctx)
    bounded = q["qualifier"].isin(BOUNDED_QUALIFIERS)
    no_value = ~bounded & q["value"].isna() & ~_bad(q, "value")
    no_low = bounded & q["low"].isna() & ~_bad(q, "low")
    no_high = bounded & q["high"].isna() & ~_bad(q, "high")
    reasons = [
        _reason(no_value, q["surface"].fillna(""), "«{}» has no value"),
        _reason(no_low, q["qualifier"], "{} quantity has no low"),
        _reason(no_high, q["qualifier"], "{} quantity has no high"),
    ]
    return _single(q, _join(reasons), _docs(ctx, q))


@rule(
    "value.surface",
    "error",
    "the number written in the span differs from value; a percentage needs unit percent",
)
def value_surface(ctx: Context) -> Outcome:
    """Spans that write one certain number (SPEC §4a). A percentage (per mille) is compared
    only under `unit: percent` (`per_mille`); under any other unit or none it fires, since a
    share is not a count. A number without a percent word compares its value only: `7.7`
    may be a magnitude or a count alike."""
    q = _quantities(ctx)
    q = q[~q["qualifier"].isin(BOUNDED_QUALIFIERS) & q["value"].notna()]
    values, units = written_values(q["surface"])
    written = pd.Series(values, index=q.index)
    applies = written.notna()
    share = applies & (units != "")
    # the unit column read through the mention rows (ctx.quantities keeps the columns few)
    unit = ctx.mentions["unit"].fillna("").to_numpy(dtype=object)[q["row"].to_numpy()]
    wrong_unit = share & (units != unit)
    differs = (applies & (written != q["value"])) | wrong_unit
    msgs = pd.Series(
        [
            _surface_message(s, w, wu, v, u)
            for s, w, wu, v, u in zip(
                q.loc[differs, "surface"].tolist(),
                written[differs].tolist(),
                units[differs.to_numpy()].tolist(),
                q.loc[differs, "value"].tolist(),
                unit[differs.to_numpy()].tolist(),
                strict=True,
            )
        ],
        index=q.index[differs.to_numpy()],
        dtype=object,
    )
    return _single(q, msgs, _docs(ctx, q[applies]))


def _surface_message(span: str, written: float, written_unit: str, value, unit: str) -> str:
    if not written_unit:
        return f"span «{span}» reads {num(written)} but value is {num(value)}"
    said = f"span «{span}» reads {num(written)} {written_unit.replace('_', ' ')}"
    if written_unit != unit:
        as_unit = f"unit {unit}" if unit else "no unit (a count)"
        return f"{said} but is annotated with {as_unit}: a share is not a count"
    return f"{said} but value is {num(value)}"


@rule(
    "qualifier.cue",
    "warning",
    "a cue right before the span, or right after it or its counted noun, disagrees with qualifier",
)
def qualifier_cue(ctx: Context) -> Outcome:
    """SPEC §4b: the cue before the span wins where both sides carry one."""
    q = _quantities(ctx)
    rows = q["row"].to_numpy()
    docs = ctx.doc_pos[rows]
    starts = q["start"].to_numpy()
    ends = ctx.mentions["end"].to_numpy()[rows]
    before = cue_codes(ctx.code_points, docs, starts)
    after = np.full(len(rows), -1, dtype=np.int16)
    alone = np.flatnonzero(before < 0)  # the cue before wins: look after only where none
    after[alone] = cues.after_cue_codes(ctx.code_points, docs[alone], ends[alone])
    # an index into QUALIFIERS; -1 where no cue stands on either side
    expected = np.where(before >= 0, _CUE_MEANS[before], _AFTER_MEANS[after])
    applies = expected >= 0
    bad = np.flatnonzero(applies & (expected != qualifier_codes(q["qualifier"])))
    at = rows[bad]
    m = ctx.mentions
    texts = ctx.text_of(at).tolist()
    said = []
    for t, start, end, b, a in zip(
        texts,
        column(m, "start", at),
        column(m, "end", at),
        before[bad].tolist(),
        after[bad].tolist(),
        strict=True,
    ):
        if b >= 0:
            said.append((written_cue(t, start, ORDERED[b]), "before"))
        else:
            said.append((cues.written_cue_after(t, end, cues.AFTER_ORDERED[a]), "after"))
    msgs = [
        f"cue «{c}» {side} «{s}» means {QUALIFIERS[e]} but qualifier is {_or_exact(ql)}"
        for (c, side), s, e, ql in zip(
            said,
            column(m, "surface", at),
            expected[bad].tolist(),
            column(m, "qualifier", at),
            strict=True,
        )
    ]
    return _single(q, pd.Series(msgs, index=q.index[bad], dtype=object), ctx.doc_pos[rows[applies]])


_CUE_MEANS = np.array([*(QUALIFIERS.index(CUES[c]) for c in ORDERED), -1], dtype=np.int8)
_AFTER_MEANS = np.array(
    [*(QUALIFIERS.index(cues.AFTER[c]) for c in cues.AFTER_ORDERED), -1], dtype=np.int8
)


def _or_exact(qualifier: object) -> object:
    return "exact" if qualifier is None or qualifier != qualifier else qualifier  # NaN


@rule("interval.empty", "error", "low > high")
def interval_empty(ctx: Context) -> Outcome:
    q = _quantities(ctx)
    q = q[q["lo"].notna() & q["hi"].notna()]
    empty = q["lo"] > q["hi"]
    lo, hi = q["lo"].to_numpy(), q["hi"].to_numpy()
    tie = (ctx.rounded[q["row"].to_numpy()] & near(lo, hi)).nonzero()[0]
    if len(tie):  # measure floats this close: compare the exact bounds
        xlo, xhi = ctx.exact_at(q["row"].to_numpy()[tie])
        empty.iloc[tie] = [a > b for a, b in zip(xlo, xhi, strict=True)]
    empty = q[empty]
    d = Described(ctx.mentions, empty["row"].to_numpy())
    msgs = pd.Series(
        [f"{f} gives the empty interval {b}" for f, b in zip(d.figures(), d.bounds(), strict=True)],
        index=empty.index,
        dtype=object,
    )
    return _single(q, msgs, _docs(ctx, q))
