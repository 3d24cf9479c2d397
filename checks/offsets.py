"""The offset convention, checked in this one place.

Offsets are Python `str` code-point offsets into the document text, half-open:
`text[start:end]` is the mention. Label Studio's offsets drift in the wild (whitespace
edits, escaped characters, UTF-16 counting of astral characters), so a mismatch also says
where the mention's text does occur, when it occurs nearby.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def span_slices(starts: pd.Series, ends: pd.Series, texts: pd.Series) -> pd.Series:
    """`text[start:end]` for each row (None where the document text is unknown)."""
    return pd.Series(
        [
            t[s:e] if isinstance(t, str) else None
            for s, e, t in zip(starts.to_numpy(), ends.to_numpy(), texts.to_numpy(), strict=True)
        ],
        index=starts.index,
        dtype=object,
    )


def offset_problems(
    starts: pd.Series, ends: pd.Series, mention_text: pd.Series, doc_text: pd.Series
) -> pd.Series:
    """A message for each row whose offsets do not hold, else None."""
    known = doc_text.notna()
    length = doc_text.map(len, na_action="ignore").fillna(0).astype(np.int64)
    outside = known & ((starts < 0) | (ends > length) | (starts > ends))
    sliced = span_slices(starts, ends, doc_text.where(known & ~outside))
    differs = known & ~outside & mention_text.notna() & (sliced != mention_text)
    problems = pd.Series(None, index=starts.index, dtype=object)
    for i in np.flatnonzero(outside.to_numpy()):
        idx = starts.index[i]
        problems[idx] = (
            f"offsets [{starts[idx]}, {ends[idx]}) lie outside the document (length {length[idx]})"
        )
    for i in np.flatnonzero(differs.to_numpy()):
        idx = starts.index[i]
        problems[idx] = (
            f"text[{starts[idx]}:{ends[idx]}] is «{sliced[idx]}» but the mention says "
            f"«{mention_text[idx]}»{_nearest(doc_text[idx], mention_text[idx], starts[idx])}"
        )
    return problems


def _nearest(text: str, needle: str, start: int) -> str:
    if not needle:
        return ""
    hits = []
    pos = text.find(needle)
    while pos != -1:
        hits.append(pos)
        pos = text.find(needle, pos + 1)
    if not hits:
        return ""
    best = min(hits, key=lambda p: abs(p - start))
    return f" (found at [{best}, {best + len(needle)}), shifted by {best - start:+d})"
