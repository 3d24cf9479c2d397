"""SPEC §3: the integer interval [lo, hi] each QUANTITY denotes.

Vectorized over the mentions table. Bounds are whole numbers held in float64 (exact below
2**53; +inf for an unbounded high). Only `about` multiplies by the tolerance: integral
values take an exact integer path (v·(q−p)//q with t = p/q), the rare non-integral values
go through `Fraction`, so `about 1000` is [900, 1100] and never 1101.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd

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


def interval(
    qualifier: pd.Series, value: pd.Series, low: pd.Series, high: pd.Series, t: Fraction
) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) arrays; NaN where the mention has no usable interval."""
    q = qualifier.fillna("exact").to_numpy(dtype=object)
    v = value.to_numpy(dtype=np.float64)
    lo = np.full(len(v), np.nan)
    hi = np.full(len(v), np.nan)
    fl, ce = np.floor(v), np.ceil(v)

    def put(mask: np.ndarray, lo_vals, hi_vals) -> None:
        lo[mask] = np.broadcast_to(lo_vals, v.shape)[mask]
        hi[mask] = np.broadcast_to(hi_vals, v.shape)[mask]

    put(q == "exact", ce, fl)
    put(q == "more_than", fl + 1, np.inf)
    put(q == "at_least", ce, np.inf)
    put(q == "less_than", 0.0, ce - 1)
    put(q == "at_most", 0.0, fl)
    bounded = (q == "range") | (q == "vague")
    put(bounded, np.ceil(low.to_numpy(np.float64)), np.floor(high.to_numpy(np.float64)))

    about = (q == "about") & ~np.isnan(v)
    if about.any():
        p, d = t.numerator, t.denominator
        fast = about & (v == fl) & (np.abs(v) * (d + p) < _EXACT_LIMIT)
        put(fast, np.floor_divide(v * (d - p), d), -np.floor_divide(-v * (d + p), d))
        for i in np.flatnonzero(about & ~fast):
            lo[i], hi[i] = about_bounds(Fraction(repr(float(v[i]))), t)
    return lo, hi
