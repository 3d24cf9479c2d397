"""`date.weekday`: a weekday or "today" in a DATE span must agree with its date."""

from __future__ import annotations

import re

import pandas as pd

from checks.arabic import fold
from checks.rules.context import Context, by_unique
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
    d = m[(m["label"] == "DATE").to_numpy() & m["surface"].notna().to_numpy() & has_text]
    date = pd.to_datetime(d["normalized"], format="%Y-%m-%d", errors="coerce")
    d, date = d[date.notna()], date[date.notna()]
    words = pd.Series(by_unique(d["surface"], read_date_words), index=d.index)
    weekday = words.map(lambda w: w[0])
    today = words.map(lambda w: w[2]).astype(bool)
    published = d["doc_id"].map(ctx.published)
    wrong_day = weekday.notna() & (weekday != date.dt.day_of_week)
    wrong_today = today & published.notna() & (published != d["normalized"])
    applies = weekday.notna() | (today & published.notna())
    msgs = pd.Series(None, index=d.index, dtype=object)
    for idx in d.index[(wrong_day | wrong_today).to_numpy()]:
        reasons = []
        if wrong_day[idx]:
            reasons.append(
                f"names {ENGLISH[int(weekday[idx])]} but {d.at[idx, 'normalized']} is a "
                f"{ENGLISH[date[idx].weekday()]}"
            )
        if wrong_today[idx]:
            reasons.append(
                f"says today but is normalized to {d.at[idx, 'normalized']}, not the "
                f"published date {published[idx]}"
            )
        msgs[idx] = f"«{d.at[idx, 'surface']}» " + "; ".join(reasons)
    hit = msgs.notna()
    return outcome(
        d.loc[hit, "doc_id"],
        d.loc[hit, "id"].map(lambda i: [i]),
        msgs[hit],
        ctx.doc_pos[d.loc[applies, "row"].to_numpy()],
    )
