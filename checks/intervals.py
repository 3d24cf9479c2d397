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
    qualifier: pd.Series, value: pd.Series, low: pd.Series, high: pd.Series, t: Fraction
) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) arrays; NaN where the mention has no usable interval."""
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
