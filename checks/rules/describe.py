"""Human wording of figures for messages, built a column at a time.

Rules gather the describing columns of their violating mentions once (`Described`) and
word them with one comprehension over plain Python lists: a pandas row look-up per
violation costs more than the whole rule on a corpus where most documents have a fault.
"""

from __future__ import annotations

import math
from fractions import Fraction
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
def num(x: float | Fraction | None) -> str:
    """A figure as messages write it; cached, since a corpus repeats its figures. An exact
    measure bound (a Fraction) is written as its decimal when it has one."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if math.isinf(x):
        return "∞"
    if isinstance(x, Fraction) and x.denominator != 1 and not _decimal(x.denominator):
        return f"{x.numerator}/{x.denominator}"
    # 15 significant digits: a float sum of decimals (50.1 + 60.88) is written as the
    # decimal it stands for, 110.98, not as its binary neighbour 110.97999999999999.
    return str(int(x)) if float(x).is_integer() else f"{float(x):.15g}"


def _decimal(d: int) -> bool:
    """A denominator of only 2s and 5s: the fraction has a finite decimal."""
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def with_unit(said: str, unit: str | None) -> str:
    """A measure is shown with its unit (`7.7 magnitude`, `90 percent`), a count bare."""
    return said if not isinstance(unit, str) or not unit else f"{said} {unit}"


def figure(
    qualifier: str | None,
    value: float,
    text: str | None,
    low: float,
    high: float,
    unit: str | None = None,
) -> str:
    """`more than 4500`, `337`, `عدة آلاف [3000, 9999]`, `7.7 magnitude`: what the
    mention claims."""
    q = qualifier or "exact"
    if q in ("range", "vague"):
        return f"«{text}» {with_unit(f'[{num(low)}, {num(high)}]', unit)}"
    if q == "exact":
        return with_unit(num(value), unit)
    return with_unit(_PHRASE.get(q, q + " {v}").format(v=num(value)), unit)


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
        # Only measures (a QUANTITY with a unit: `Context.measure`) are shown with a unit; a
        # stray unit on another label is span.label's to report.
        measure = column(m, "measure", rows) if "measure" in m else [False] * len(rows)
        units = column(m, "unit", rows) if "unit" in m else [None] * len(rows)
        self.unit = [u if k else None for u, k in zip(units, measure, strict=True)]

    def figures(self) -> list[str]:
        return [
            figure(q, v, t, low, high, u)
            for q, v, t, low, high, u in zip(
                self.qualifier,
                self._value,
                self._text,
                self._low,
                self._high,
                self.unit,
                strict=True,
            )
        ]

    def as_parts(self) -> list[str]:
        """A part's contribution to a sum: its low bound, shown when it differs from the value."""
        return [
            f if (q or "exact") == "exact" else f"{f} (≥ {with_unit(num(lo), u)})"
            for f, q, lo, u in zip(self.figures(), self.qualifier, self.lo, self.unit, strict=True)
        ]

    def as_wholes(self) -> list[str]:
        return [
            f"{f} ({'exact' if (q or 'exact') == 'exact' else '≤ ' + with_unit(num(hi), u)})"
            for f, q, hi, u in zip(self.figures(), self.qualifier, self.hi, self.unit, strict=True)
        ]

    def bounds(self) -> list[str]:
        """The intervals, bare: messages show them beside `figures()`, which name the unit."""
        return [f"[{num(lo)}, {num(hi)}]" for lo, hi in zip(self.lo, self.hi, strict=True)]
