"""Human wording of figures for messages, built a column at a time.

Rules gather the describing columns of their violating mentions once (`Described`) and
word them with one comprehension over plain Python lists: a pandas row look-up per
violation costs more than the whole rule on a corpus where most documents have a fault.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

_PHRASE = {
    "more_than": "more than {v}",
    "at_least": "at least {v}",
    "less_than": "less than {v}",
    "at_most": "at most {v}",
    "about": "about {v}",
}


@lru_cache(maxsize=1 << 16)
def num(x: float | None) -> str:
    """A figure as messages write it; cached, since a corpus repeats its figures."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if math.isinf(x):
        return "∞"
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def figure(qualifier: str | None, value: float, text: str | None, low: float, high: float) -> str:
    """`more than 4500`, `337`, `عدة آلاف [3000, 9999]`: what the mention claims."""
    q = qualifier or "exact"
    if q in ("range", "vague"):
        return f"«{text}» [{num(low)}, {num(high)}]"
    if q == "exact":
        return num(value)
    return _PHRASE.get(q, q + " {v}").format(v=num(value))


def column(frame: pd.DataFrame, name: str, rows: np.ndarray) -> list:
    """`frame[name]` at positional `rows`, as a plain list (one numpy take)."""
    return frame[name].to_numpy()[rows].tolist()


class Described:
    """The describing columns of the mentions at `rows` (positions in `ctx.mentions`)."""

    def __init__(self, m: pd.DataFrame, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        self.doc_id = column(m, "doc_id", rows)
        self.id = column(m, "id", rows)
        self.surface = column(m, "surface", rows)
        self.qualifier = column(m, "qualifier", rows)
        self.lo = column(m, "lo", rows)
        self.hi = column(m, "hi", rows)
        self._value = column(m, "value", rows)
        self._text = column(m, "text", rows)
        self._low = column(m, "low", rows)
        self._high = column(m, "high", rows)

    def figures(self) -> list[str]:
        return [
            figure(q, v, t, low, high)
            for q, v, t, low, high in zip(
                self.qualifier, self._value, self._text, self._low, self._high, strict=True
            )
        ]

    def as_parts(self) -> list[str]:
        """A part's contribution to a sum: its low bound, shown when it differs from the value."""
        return [
            f if (q or "exact") == "exact" else f"{f} (≥ {num(lo)})"
            for f, q, lo in zip(self.figures(), self.qualifier, self.lo, strict=True)
        ]

    def as_wholes(self) -> list[str]:
        return [
            f"{f} ({'exact' if (q or 'exact') == 'exact' else '≤ ' + num(hi)})"
            for f, q, hi in zip(self.figures(), self.qualifier, self.hi, strict=True)
        ]

    def bounds(self) -> list[str]:
        return [f"[{num(lo)}, {num(hi)}]" for lo, hi in zip(self.lo, self.hi, strict=True)]
