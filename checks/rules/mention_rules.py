"""Rules over single mentions: offsets, schema, values, cues, intervals."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.numbers import NUMBER, read_surface
from checks.offsets import offset_problems, span_slices
from checks.rules.context import Context
from checks.rules.describe import bounds, figure, num
from checks.rules.registry import Outcome, outcome, rule
from checks.schema import (
    ATTRIBUTES,
    BOUNDED_QUALIFIERS,
    ISO_DATE_RE,
    LABELS,
    RELATIONS,
)


def _single(frame: pd.DataFrame, messages: pd.Series, checked: pd.Series) -> Outcome:
    hit = messages.notna()
    rows = frame[hit]
    return outcome(rows["doc_id"], rows["id"].map(lambda i: [i]), messages[hit], checked)


def _doc_text(ctx: Context, m: pd.DataFrame) -> pd.Series:
    return m["doc_id"].map(ctx.texts)


@rule(
    "span.offsets",
    "error",
    "text[start:end] differs from the mention's text, or offsets are outside the document",
)
def span_offsets(ctx: Context) -> Outcome:
    m = ctx.mentions
    doc_text = _doc_text(ctx, m)
    problems = offset_problems(m["start"], m["end"], m["text"], doc_text)
    return _single(m, problems, m.loc[doc_text.notna(), "doc_id"])


def _join(reasons: list[pd.Series], index: pd.Index) -> pd.Series:
    out = pd.Series("", index=index, dtype=object)
    for r in reasons:
        present = r.notna()
        out = out.where(~present, out + "; " + r.astype(object).fillna(""))
    out = out.str.lstrip("; ")
    return out.where(out != "", None)


def _reason(mask: pd.Series, values: pd.Series, template: str) -> pd.Series:
    return values.where(mask).map(template.format, na_action="ignore")


@rule("span.label", "error", "a label, attribute value or relation type outside SPEC §2")
def span_label(ctx: Context) -> Outcome:
    m = ctx.mentions
    reasons = [_reason(~m["label"].isin(LABELS), m["label"], "unknown label {!r}")]
    for attr in ATTRIBUTES:
        col = m[attr.name]
        present = col.notna()
        reasons.append(
            _reason(
                present & ~m["label"].isin(attr.labels),
                m["label"],
                f"attribute {attr.name!r} does not belong on {{}}",
            )
        )
        if attr.choices:
            reasons.append(
                _reason(
                    present & ~col.isin(attr.choices),
                    col,
                    f"{attr.name} {{!r}} is not one of {', '.join(attr.choices)}",
                )
            )
        if attr.pattern:
            ok = col.astype(str).str.fullmatch(attr.pattern)
            reasons.append(_reason(present & ~ok, col, f"{attr.name} {{!r}} is not {attr.hint}"))
    date_ok = pd.to_datetime(m["normalized"], format="%Y-%m-%d", errors="coerce").notna()
    shaped = m["normalized"].astype(str).str.fullmatch(ISO_DATE_RE.pattern)
    reasons.append(
        _reason(
            m["normalized"].notna() & shaped & ~date_ok,
            m["normalized"],
            "normalized {!r} is not a calendar date",
        )
    )
    reasons.append(m["invalid"])
    mention_part = _single(m, _join(reasons, m.index), m["doc_id"])

    r = ctx.relations
    unknown = r[~r["known_type"]]
    rel_part = outcome(
        unknown["doc_id"],
        [[a, b] for a, b in zip(unknown["from"], unknown["to"], strict=True)],
        unknown["type"].map(lambda t: f"relation type {t!r} is not one of {', '.join(RELATIONS)}"),
        r["doc_id"],
    )
    return Outcome(
        pd.concat([mention_part.violations, rel_part.violations], ignore_index=True),
        pd.concat([mention_part.checked, rel_part.checked], ignore_index=True),
    )


def _quantities(ctx: Context) -> pd.DataFrame:
    m = ctx.mentions
    return m[m["label"] == "QUANTITY"]


def _bad(m: pd.DataFrame, col: str) -> pd.Series:
    return m["invalid"].fillna("").str.contains(f"{col} is ", regex=False)


@rule("value.missing", "error", "a QUANTITY without value (or without low/high for range/vague)")
def value_missing(ctx: Context) -> Outcome:
    q = _quantities(ctx)
    bounded = q["qualifier"].isin(BOUNDED_QUALIFIERS)
    no_value = ~bounded & q["value"].isna() & ~_bad(q, "value")
    no_low = bounded & q["low"].isna() & ~_bad(q, "low")
    no_high = bounded & q["high"].isna() & ~_bad(q, "high")
    reasons = [
        _reason(no_value, q["text"].fillna(""), "«{}» has no value"),
        _reason(no_low, q["qualifier"], "{} quantity has no low"),
        _reason(no_high, q["qualifier"], "{} quantity has no high"),
    ]
    return _single(q, _join(reasons, q.index), q["doc_id"])


@rule("value.surface", "error", "the number written in the span differs from value")
def value_surface(ctx: Context) -> Outcome:
    q = _quantities(ctx)
    q = q[~q["qualifier"].isin(BOUNDED_QUALIFIERS) & q["value"].notna()]
    surface = q["surface"]
    uniq = pd.unique(surface.dropna())
    read = {s: read_surface(s) for s in uniq}
    written = surface.map(
        lambda s: float(read[s].value) if s in read and read[s].kind == NUMBER else np.nan,
        na_action="ignore",
    ).astype(np.float64)
    applies = written.notna()
    differs = applies & (written != q["value"])
    msgs = pd.Series(None, index=q.index, dtype=object)
    for idx in q.index[differs.to_numpy()]:
        msgs[idx] = (
            f"span «{surface[idx]}» reads {num(written[idx])} "
            f"but value is {num(q.at[idx, 'value'])}"
        )
    return _single(q, msgs, q.loc[applies, "doc_id"])


_CUES = {
    "ما لا يقل عن": "at_least",
    "ما يزيد عن": "more_than",
    "اكثر من": "more_than",
    "اقل من": "less_than",
    "اكثر": "more_than",
    "نحو": "about",
    "حوالي": "about",
    "قرابه": "about",
    "زهاء": "about",
}
_CUE_RE = re.compile(
    r"(?:^|[^\w])[وف]?(" + "|".join(sorted(_CUES, key=len, reverse=True)) + r")[^\w]*$"
)
_CUE_WINDOW = 40


def _cue(window: str) -> str | None:
    hit = _CUE_RE.search(fold(window))
    return hit.group(1) if hit else None


@rule("qualifier.cue", "warning", "a cue right before the span disagrees with qualifier")
def qualifier_cue(ctx: Context) -> Outcome:
    q = _quantities(ctx)
    doc_text = _doc_text(ctx, q)
    known = doc_text.notna() & (q["start"] >= 0)
    q, doc_text = q[known], doc_text[known]
    windows = span_slices((q["start"] - _CUE_WINDOW).clip(lower=0), q["start"], doc_text)
    cue = windows.map(_cue)
    expected = cue.map(_CUES)
    qualifier = q["qualifier"].fillna("exact")
    differs = expected.notna() & (expected != qualifier)
    msgs = pd.Series(None, index=q.index, dtype=object)
    for idx in q.index[differs.to_numpy()]:
        msgs[idx] = (
            f"cue «{cue[idx]}» before «{q.at[idx, 'surface']}» means {expected[idx]} but "
            f"qualifier is {qualifier[idx]}"
        )
    return _single(q, msgs, q.loc[expected.notna(), "doc_id"])


@rule("interval.empty", "error", "low > high")
def interval_empty(ctx: Context) -> Outcome:
    q = _quantities(ctx)
    q = q[q["lo"].notna() & q["hi"].notna()]
    empty = q["lo"] > q["hi"]
    msgs = pd.Series(None, index=q.index, dtype=object)
    for idx in q.index[empty.to_numpy()]:
        msgs[idx] = f"{figure(q.loc[idx])} gives the empty interval {bounds(q.loc[idx])}"
    return _single(q, msgs, q["doc_id"])
