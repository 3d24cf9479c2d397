"""The offset convention, checked in this one place.

Offsets are Python `str` code-point offsets into the document text, half-open:
`text[start:end]` is the mention. Label Studio's offsets drift in the wild (whitespace
edits, escaped characters, UTF-16 counting of astral characters), so a mismatch also says
where the mention's text does occur, when it occurs nearby.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.codepoints import CodePoints, code_points


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
    starts: pd.Series,
    ends: pd.Series,
    mention_text: pd.Series,
    doc_pos: np.ndarray,
    docs: CodePoints,
    doc_texts: np.ndarray,
) -> pd.Series:
    """A message for each row whose offsets do not hold (sparse: only those rows).

    Compares code points, not Python slices: the mention texts are laid end to end and
    matched against the document code points at [start, end) in one vectorized pass.
    """
    start, end = starts.to_numpy(np.int64), ends.to_numpy(np.int64)
    has_doc = doc_pos >= 0
    has_doc[has_doc] = docs.known[doc_pos[has_doc]]
    length = np.where(has_doc, docs.lengths[np.maximum(doc_pos, 0)], 0)
    outside = has_doc & ((start < 0) | (end > length) | (start > end))
    told = mention_text.notna().to_numpy() & has_doc & ~outside
    texts = np.where(told, mention_text.to_numpy(dtype=object), "")
    sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    differs = told & (sizes != end - start)
    same_size = told & ~differs & (sizes > 0)
    if same_size.any():
        mine = code_points("".join(texts[same_size]))
        n = sizes[same_size]
        ends = np.cumsum(n)
        # Where each of the mentions' code points sits in the documents, built in place.
        at = np.repeat(docs.base[doc_pos[same_size]] + start[same_size] - (ends - n), n)
        at += np.arange(len(mine))
        wrong = np.flatnonzero(docs.points[at] != mine)
        if len(wrong):  # the mention each differing code point belongs to
            rows = np.unique(np.searchsorted(ends, wrong, side="right"))
            differs[np.flatnonzero(same_size)[rows]] = True
    out = np.flatnonzero(outside)
    problems = dict(
        zip(
            starts.index[out].tolist(),
            [
                f"offsets [{s}, {e}) lie outside the document (length {n})"
                for s, e, n in zip(
                    start[out].tolist(), end[out].tolist(), length[out].tolist(), strict=True
                )
            ],
            strict=True,
        )
    )
    bad = np.flatnonzero(differs)
    problems.update(
        zip(
            starts.index[bad].tolist(),
            [
                f"text[{s}:{e}] is «{text[s:e]}» but the mention says «{said}»"
                f"{_nearest(text, said, s)}"
                for s, e, text, said in zip(
                    start[bad].tolist(),
                    end[bad].tolist(),
                    doc_texts[doc_pos[bad]].tolist(),
                    mention_text.to_numpy(dtype=object)[bad].tolist(),
                    strict=True,
                )
            ],
            strict=True,
        )
    )
    return pd.Series(problems, dtype=object)


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
