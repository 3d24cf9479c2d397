"""`date.weekday`: a weekday or "today" in a DATE span must agree with its date."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.lookup import by_unique
from checks.rules.context import LABEL_CODE, Context
from checks.rules.registry import Outcome, outcome, rule

WEEKDAYS = {  # folded Arabic name -> Python weekday (Monday = 0)
    fold("الاثنين"): 0,
    fold("الثلاثاء"): 1,
    fold("الأربعاء"): 2,
    fold("الخميس"): 3,
    fold("الجمعة"): 4,
    fold("السبت"): 5,
    fold("الأحد"): 6,
}
ENGLISH = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TODAY = fold("اليوم")
_NOT_TODAY_NEXT = {fold("السابع")}  # «اليوم السابع» is the newspaper, not "today"
_WORD = re.compile(r"\w+")


def _strip(word: str) -> str:
    """Remove one و/ف/ب/ل prefix; «لل» stands for ل + ال."""
    if word.startswith("لل"):
        return "ال" + word[2:]
    if word[:1] in "وفبل" and len(word) > 3 and word[1:].startswith("ال"):
        return word[1:]
    return word


def read_date_words(span: str) -> tuple[int | None, str | None, bool]:
    """(weekday, weekday word, says today) for a DATE span."""
    words = [_strip(w) for w in _WORD.findall(fold(span))]
    weekday, name, today = None, None, False
    for i, w in enumerate(words):
        if w in WEEKDAYS and weekday is None:
            weekday, name = WEEKDAYS[w], w
        if w == _TODAY and (i + 1 >= len(words) or words[i + 1] not in _NOT_TODAY_NEXT):
            today = True
    return weekday, name, today


@rule(
    "date.weekday",
    "error",
    "a weekday named in a DATE span disagrees with normalized, "
    "or «اليوم» is not the published date",
)
def date_weekday(ctx: Context) -> Outcome:
    m = ctx.mentions
    # Like the offset and cue rules, this one needs the document (SPEC §4a).
    has_text = ctx.code_points.known[ctx.doc_pos]
    dates = np.flatnonzero(ctx.label_code == LABEL_CODE["DATE"])
    told = dates[has_text[dates] & pd.notna(m["surface"].to_numpy(dtype=object)[dates])]
    d = m[["doc_id", "id", "row", "surface", "normalized"]].take(told)  # one gather
    date = pd.to_datetime(d["normalized"], format="%Y-%m-%d", errors="coerce")
    d, date = d[date.notna()], date[date.notna()]
    words = pd.Series(by_unique(d["surface"], read_date_words), index=d.index)
    weekday = pd.Series([w[0] for w in words.tolist()], index=d.index, dtype="float64")
    today = pd.Series([w[2] for w in words.tolist()], index=d.index, dtype=bool)
    by_doc = np.append(ctx.published.to_numpy(dtype=object), None)  # row -1: no document
    published = pd.Series(by_doc[ctx.doc_pos[d["row"].to_numpy()]], index=d.index)
    normalized = d["normalized"]
    actual = date.dt.day_of_week
    wrong_day = weekday.notna() & (weekday != actual)
    wrong_today = today & published.notna() & (published != normalized)
    applies = weekday.notna() | (today & published.notna())
    hit = (wrong_day | wrong_today).to_numpy()
    day_said = [
        f"names {ENGLISH[int(w)]} but {n} is a {ENGLISH[a]}" if bad else None
        for w, n, a, bad in zip(
            weekday[hit].tolist(),
            normalized[hit].tolist(),
            actual[hit].tolist(),
            wrong_day[hit].tolist(),
            strict=True,
        )
    ]
    today_said = [
        f"says today but is normalized to {n}, not the published date {p}" if bad else None
        for n, p, bad in zip(
            normalized[hit].tolist(), published[hit].tolist(), wrong_today[hit].tolist(),
            strict=True,
        )
    ]  # fmt: skip
    msgs = [
        f"«{s}» " + "; ".join(r for r in reasons if r is not None)
        for s, *reasons in zip(d.loc[hit, "surface"].tolist(), day_said, today_said, strict=True)
    ]
    return outcome(
        d.loc[hit, "doc_id"],
        [[i] for i in d.loc[hit, "id"].tolist()],
        msgs,
        ctx.doc_pos[d.loc[applies, "row"].to_numpy()],
    )
