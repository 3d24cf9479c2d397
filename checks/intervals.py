"""SPEC §3: the interval [lo, hi] each QUANTITY denotes.

A count (no `unit`) denotes whole numbers. Vectorized over the mentions table: bounds are
whole numbers held in float64 (exact below 2**53; +inf for an unbounded high). Only
`about` multiplies by the tolerance: integral values take an exact integer path
(v·(q−p)//q with t = p/q), the rare non-integral values go through `Fraction`, so
`about 1000` is [900, 1100] and never 1101.

A measure (a `unit` is given: `7.7 magnitude`, `90 percent`) denotes exact rationals,
never rounded, with closed bounds (`more_than 7.7` is [7.7, ∞)). Its bounds are first
floats (`measure_floats`, vectorized, within a few ulps of the exact bound), which decide
every comparison whose sides are not `near` each other; for the few near ties the rules
ask `measure_bounds` for exact `Fraction`s. Values arrive as JSON decimals read into
floats; `decimal()` takes back the decimal as written (the shortest repr), so `7.7` is
77/10, not the binary float, and 0.1 + 0.2 is exactly 0.3.
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
    (measures) hold floats within a few ulps of their exact bounds (`measure_floats`)."""
    lo, hi = _count_interval(qualifier, value, low, high, t)
    if unit is not None:
        rows = np.flatnonzero(is_measure(unit))
        if len(rows):
            lo[rows], hi[rows] = measure_floats(qualifier, value, low, high, t, rows)
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
    codes, uniques = pd.factorize(unit.to_numpy(dtype=object), use_na_sentinel=True)
    lookup = [isinstance(u, str) and u != "" for u in uniques]  # one test per distinct unit
    return np.array([*lookup, False], dtype=bool)[codes]


# Measure floats are within a few ulps of the exact bounds, so a float comparison decides
# unless the two sides are this close (relative); then the rules compare exact Fractions.
NEAR = 1e-9


def near(a: np.ndarray, b: np.ndarray, rtol: float = NEAR) -> np.ndarray:
    """Where a float comparison of measure bounds could differ from the exact one."""
    with np.errstate(invalid="ignore"):
        return (a == b) | (np.abs(a - b) <= rtol * np.maximum(np.abs(a), np.abs(b)))


def measure_floats(
    qualifier: pd.Series,
    value: pd.Series,
    low: pd.Series,
    high: pd.Series,
    t: Fraction,
    rows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """SPEC §3 measure bounds at `rows` as floats, vectorized: exact v → [v, v]; about v →
    [v·(1−t), v·(1+t)]; more_than, at_least v → [v, ∞); less_than, at_most v → [0, v];
    range, vague → [low, high]. Only `about` rounds (a multiplication: a few ulps)."""
    kind = qualifier_codes(qualifier)[rows]
    v = value.to_numpy(np.float64)[rows]
    lo, hi = np.full(len(rows), np.nan), np.full(len(rows), np.nan)

    def put(names: tuple[str, ...], lo_of, hi_of) -> None:
        at = np.isin(kind, [_QUALIFIER_INDEX[n] for n in names])
        lo[at], hi[at] = lo_of(at), hi_of(at)

    put(("exact",), lambda at: v[at], lambda at: v[at])
    put(("more_than", "at_least"), lambda at: v[at], lambda at: np.inf)
    put(("less_than", "at_most"), lambda at: np.where(np.isnan(v[at]), np.nan, 0.0),
        lambda at: v[at])  # fmt: skip
    put(("about",), lambda at: v[at] * float(1 - t), lambda at: v[at] * float(1 + t))
    put(("range", "vague"), lambda at: low.to_numpy(np.float64)[rows][at],
        lambda at: high.to_numpy(np.float64)[rows][at])  # fmt: skip
    bad = np.isnan(lo) | np.isnan(hi)
    lo[bad], hi[bad] = np.nan, np.nan
    return lo, hi


@dataclass(frozen=True)
class MeasureBounds:
    """Exact bounds of measure rows: `lo[i]`, `hi[i]` belong to mention `rows[i]`; None
    where the mention has no usable interval (no value, unknown qualifier)."""

    rows: np.ndarray
    lo: list[Fraction | None]
    hi: list[Bound | None]


def measure_bounds(
    qualifier: pd.Series,
    value: pd.Series,
    low: pd.Series,
    high: pd.Series,
    t: Fraction,
    rows: np.ndarray,
) -> MeasureBounds:
    """The exact bounds (`Fraction`s, math.inf) of the measure rows `rows`, as
    `measure_floats` words them; the rules ask only for the few rows whose floats are
    `near` a tie, so this runs on a handful of rows, once per distinct row."""
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return MeasureBounds(rows, [], [])
    kind = qualifier_codes(qualifier)[rows]
    cols = [value.to_numpy(np.float64)[rows], low.to_numpy(np.float64)[rows],
            high.to_numpy(np.float64)[rows]]  # fmt: skip
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
