"""SPEC §3: the interval [lo, hi] each QUANTITY denotes.

A count (no `unit`) denotes whole numbers. Vectorized over the mentions table: bounds are
whole numbers held in float64 (exact below 2**53; +inf for an unbounded high). Only
`about` multiplies by the tolerance: integral values take an exact integer path
(v·(q−p)//q with t = p/q), the rare non-integral values go through `Fraction`, so
`about 1000` is [900, 1100] and never 1101.

A measure (a `unit` is given: `7.7 magnitude`, `90 percent`) denotes exact rationals,
never rounded, with closed bounds (`more_than 7.7` is [7.7, ∞)). Measures are the rare rows
of a news table, so their bounds are `Fraction`s (`MeasureBounds`), computed once per
distinct (qualifier, value, low, high); the float arrays hold the nearest float of each
exact bound for display and for tests that floats answer exactly (`lo <= hi`: float
rounding is monotone). Values arrive as JSON decimals read into floats; `decimal()` takes
back the decimal as written (the shortest repr), so `7.7` is 77/10, not the binary float.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from checks.schema import QUALIFIERS

DEFAULT_TOLERANCE = Fraction("0.10")
_EXACT_LIMIT = 2.0**53


def tolerance(t: float | str | Fraction) -> Fraction:
    """Read `t` as a decimal (0.1 means 1/10, not the binary float near it)."""
    frac = Fraction(str(t)) if not isinstance(t, Fraction) else t
    if not 0 <= frac < 1:
        raise ValueError(f"about-tolerance must be in [0, 1), got {t}")
    return frac


def about_bounds(v: Fraction, t: Fraction) -> tuple[int, int]:
    return math.floor(v * (1 - t)), math.ceil(v * (1 + t))


def qualifier_codes(qualifier: pd.Series) -> np.ndarray:
    """Each row's qualifier as its index in `QUALIFIERS` (missing → exact, unknown → -1):
    one hash pass over the strings, then every test is an integer comparison."""
    codes, uniques = pd.factorize(qualifier.to_numpy(dtype=object), use_na_sentinel=True)
    lookup = [_QUALIFIER_INDEX.get(u, -1) if isinstance(u, str) else -1 for u in uniques]
    return np.array([*lookup, _QUALIFIER_INDEX["exact"]], dtype=np.int8)[codes]


_QUALIFIER_INDEX = {q: i for i, q in enumerate(QUALIFIERS)}
_BOUNDS = {  # qualifier: (lo, hi) of the value, for the qualifiers read from value alone
    "exact": (np.ceil, np.floor),
    "more_than": (lambda x: np.floor(x) + 1, lambda x: np.inf),
    "at_least": (np.ceil, lambda x: np.inf),
    "less_than": (lambda x: 0.0, lambda x: np.ceil(x) - 1),
    "at_most": (lambda x: 0.0, np.floor),
}


def interval(
    qualifier: pd.Series,
    value: pd.Series,
    low: pd.Series,
    high: pd.Series,
    t: Fraction,
    unit: pd.Series | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) arrays; NaN where the mention has no usable interval. Rows with a `unit`
    (measures) hold the nearest floats of their exact bounds (see `measure_bounds`)."""
    lo, hi = _count_interval(qualifier, value, low, high, t)
    if unit is not None:
        exact = measure_bounds(qualifier, value, low, high, t, unit)
        lo[exact.rows], hi[exact.rows] = exact.floats()
    return lo, hi


def _count_interval(
    qualifier: pd.Series, value: pd.Series, low: pd.Series, high: pd.Series, t: Fraction
) -> tuple[np.ndarray, np.ndarray]:
    kind = qualifier_codes(qualifier)
    v = value.to_numpy(dtype=np.float64)
    lo = np.full(len(v), np.nan)
    hi = np.full(len(v), np.nan)

    for name, (lo_of, hi_of) in _BOUNDS.items():
        rows = np.flatnonzero(kind == _QUALIFIER_INDEX[name])
        if len(rows):
            lo[rows], hi[rows] = lo_of(v[rows]), hi_of(v[rows])
    bounded = np.flatnonzero(np.isin(kind, [_QUALIFIER_INDEX["range"], _QUALIFIER_INDEX["vague"]]))
    if len(bounded):
        lo[bounded] = np.ceil(low.to_numpy(np.float64)[bounded])
        hi[bounded] = np.floor(high.to_numpy(np.float64)[bounded])

    about = np.flatnonzero((kind == _QUALIFIER_INDEX["about"]) & ~np.isnan(v))
    if len(about):
        p, d = t.numerator, t.denominator
        x = v[about]
        fast = (x == np.floor(x)) & (np.abs(x) * (d + p) < _EXACT_LIMIT)
        xf = x[fast]
        lo[about[fast]] = np.floor_divide(xf * (d - p), d)
        hi[about[fast]] = -np.floor_divide(-xf * (d + p), d)
        for i in about[~fast]:
            lo[i], hi[i] = about_bounds(Fraction(repr(float(v[i]))), t)
    return lo, hi


Bound = Fraction | float  # a Fraction, or math.inf for an unbounded high


def decimal(x: float) -> Fraction:
    """The decimal a JSON number was written as: `7.7` → 77/10 (the shortest repr of the
    float round-trips any decimal of up to 15 significant digits)."""
    return Fraction(repr(float(x)))


def is_measure(unit: pd.Series) -> np.ndarray:
    """Rows that carry a unit (a non-empty string): measures, not counts."""
    u = unit.to_numpy(dtype=object)
    return np.fromiter((isinstance(x, str) and x != "" for x in u), dtype=bool, count=len(u))


@dataclass(frozen=True)
class MeasureBounds:
    """Exact bounds of the measure rows: `lo[i]`, `hi[i]` belong to mention `rows[i]`;
    None where the mention has no usable interval (no value, unknown qualifier)."""

    rows: np.ndarray
    lo: list[Fraction | None]
    hi: list[Bound | None]

    def floats(self) -> tuple[np.ndarray, np.ndarray]:
        def f(xs: list) -> np.ndarray:
            return np.array([np.nan if x is None else float(x) for x in xs], dtype=np.float64)

        return f(self.lo), f(self.hi)

    def at(self, n: int) -> tuple[list, list]:
        """The bounds as two lists indexed by mention row (None on count rows)."""
        lo: list = [None] * n
        hi: list = [None] * n
        for r, a, b in zip(self.rows.tolist(), self.lo, self.hi, strict=True):
            lo[r], hi[r] = a, b
        return lo, hi


def measure_bounds(
    qualifier: pd.Series,
    value: pd.Series,
    low: pd.Series,
    high: pd.Series,
    t: Fraction,
    unit: pd.Series,
) -> MeasureBounds:
    """SPEC §3 for measures: exact v → [v, v]; about v → [v·(1−t), v·(1+t)]; more_than,
    at_least v → [v, ∞); less_than, at_most v → [0, v]; range, vague → [low, high]."""
    rows = np.flatnonzero(is_measure(unit))
    if not len(rows):
        return MeasureBounds(rows, [], [])
    kind = qualifier_codes(qualifier)[rows]
    cols = [value.to_numpy(np.float64)[rows], low.to_numpy(np.float64)[rows],
            high.to_numpy(np.float64)[rows]]  # fmt: skip
    # One Fraction computation per distinct row: a table repeats its measures.
    codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([kind, *cols]))
    computed = [_measure(int(k), v, a, b, t) for k, v, a, b in uniques]
    lo = [computed[c][0] for c in codes.tolist()]
    hi = [computed[c][1] for c in codes.tolist()]
    return MeasureBounds(rows, lo, hi)


def _measure(kind: int, v: float, low: float, high: float, t: Fraction) -> tuple:
    name = QUALIFIERS[kind] if kind >= 0 else None
    if name in ("range", "vague"):
        if math.isnan(low) or math.isnan(high):
            return None, None
        return decimal(low), decimal(high)
    if name is None or math.isnan(v):
        return None, None
    x = decimal(v)
    if name == "exact":
        return x, x
    if name in ("more_than", "at_least"):
        return x, math.inf
    if name in ("less_than", "at_most"):
        return Fraction(0), x
    return x * (1 - t), x * (1 + t)  # about
