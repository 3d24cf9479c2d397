from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.intervals import (
    DEFAULT_TOLERANCE,
    about_bounds,
    interval,
    measure_bounds,
    tolerance,
)


def bounds(qualifier, value, low=np.nan, high=np.nan, t=DEFAULT_TOLERANCE):
    lo, hi = interval(
        pd.Series([qualifier], dtype=object),
        pd.Series([value], dtype=float),
        pd.Series([low], dtype=float),
        pd.Series([high], dtype=float),
        t,
    )
    return lo[0], hi[0]


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 337, (337, 337)),
        (None, 337, (337, 337)),
        ("more_than", 4500, (4501, math.inf)),
        ("at_least", 4500, (4500, math.inf)),
        ("less_than", 10, (0, 9)),
        ("at_most", 10, (0, 10)),
        ("about", 1000, (900, 1100)),
        ("about", 4500.0, (4050, 4950)),
        ("more_than", 2.5, (3, math.inf)),
        ("at_least", 2.5, (3, math.inf)),
        ("less_than", 2.5, (0, 2)),
        ("at_most", 2.5, (0, 2)),
        ("exact", 2.5, (3, 2)),
        ("less_than", 0, (0, -1)),
        ("about", 2.5, (2, 3)),
    ],
)
def test_spec_table(qualifier, value, expected):
    assert bounds(qualifier, value) == expected


def test_range_and_vague_use_low_high():
    assert bounds("vague", np.nan, 3000, 9999) == (3000, 9999)
    assert bounds("range", 5, 10, 20) == (10, 20)


def test_about_is_exact_where_floats_are_not():
    # 900 * 1.1 is 990.0000000000001 in floating point: a float ceil would give 991.
    assert math.ceil(900 * 1.1) == 991
    assert bounds("about", 900) == (810, 990)
    assert bounds("about", 1000) == (900, 1100)


def test_tolerance_is_configurable_and_read_as_decimal():
    assert tolerance("0.10") == Fraction(1, 10)
    assert tolerance(0.1) == Fraction(1, 10)
    assert bounds("about", 1000, t=tolerance("0.25")) == (750, 1250)
    with pytest.raises(ValueError):
        tolerance("1.5")


@given(st.integers(0, 10**12), st.sampled_from(["0", "0.05", "0.1", "0.25", "0.333"]))
def test_about_matches_exact_rational_arithmetic(v, t):
    frac = tolerance(t)
    assert bounds("about", v, t=frac) == about_bounds(Fraction(v), frac)


@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_interval_laws(v, w):
    lo, hi = bounds("about", v)
    assert lo <= v <= hi  # about v contains v
    assert bounds("more_than", v)[0] == bounds("at_least", v)[0] + 1
    assert bounds("less_than", v)[1] == bounds("at_most", v)[1] - 1
    # exact v lies inside at_least v and at_most v, and their intersection is exactly v
    assert max(bounds("at_least", v)[0], bounds("at_most", v)[0]) == v
    assert min(bounds("at_least", v)[1], bounds("at_most", v)[1]) == v
    # monotone: a larger value never gives a smaller bound
    a, b = sorted((v, w))
    assert bounds("about", a)[0] <= bounds("about", b)[0]
    assert bounds("about", a)[1] <= bounds("about", b)[1]


# Measures (SPEC §3): exact rationals, closed bounds, never rounded.


def measure(qualifier, value, low=np.nan, high=np.nan, t=DEFAULT_TOLERANCE, unit="km"):
    series = [
        pd.Series([qualifier], dtype=object),
        pd.Series([value], dtype=float),
        pd.Series([low], dtype=float),
        pd.Series([high], dtype=float),
    ]
    exact = measure_bounds(*series, t, pd.Series([unit], dtype=object))
    lo, hi = interval(*series, t, pd.Series([unit], dtype=object))
    return (exact.lo[0], exact.hi[0]), (lo[0], hi[0])


@pytest.mark.parametrize(
    ("qualifier", "value", "expected"),
    [
        ("exact", 7.7, (Fraction("7.7"), Fraction("7.7"))),
        (None, 4.5, (Fraction("4.5"), Fraction("4.5"))),
        ("more_than", 7.7, (Fraction("7.7"), math.inf)),
        ("at_least", 7.7, (Fraction("7.7"), math.inf)),
        ("less_than", 0.3, (0, Fraction("0.3"))),
        ("at_most", 0.3, (0, Fraction("0.3"))),
        ("less_than", 0, (0, 0)),
        ("about", 7.7, (Fraction("6.93"), Fraction("8.47"))),
        ("about", 90, (81, 99)),
    ],
)
def test_measure_table(qualifier, value, expected):
    exact, floats = measure(qualifier, value)
    assert exact == expected
    assert floats == tuple(float(x) for x in expected)


def test_measure_range_is_not_rounded_and_a_count_is():
    assert measure("range", np.nan, 1.5, 2.5)[0] == (Fraction(3, 2), Fraction(5, 2))
    assert bounds("range", np.nan, 1.5, 2.5) == (2, 2)
    assert bounds("exact", 7.7) == (8, 7)  # a count of 7.7 is empty


def test_a_row_without_a_unit_keeps_the_count_path():
    lo, hi = interval(
        pd.Series(["exact", "exact"], dtype=object),
        pd.Series([7.7, 7.7]),
        pd.Series([np.nan, np.nan]),
        pd.Series([np.nan, np.nan]),
        DEFAULT_TOLERANCE,
        pd.Series([None, "magnitude"], dtype=object),
    )
    assert (lo.tolist(), hi.tolist()) == ([8.0, 7.7], [7.0, 7.7])


def decimals():
    """Decimals as a JSON file writes them: up to 6 places, up to 12 significant digits."""
    return st.builds(
        lambda n, places: Fraction(n, 10**places), st.integers(0, 10**12), st.integers(0, 6)
    )


def reference(qualifier: str, v: Fraction, low: Fraction, high: Fraction, t: Fraction):
    """SPEC §3 measure bounds, written independently of checks.intervals."""
    return {
        "exact": (v, v),
        "more_than": (v, math.inf),
        "at_least": (v, math.inf),
        "less_than": (Fraction(0), v),
        "at_most": (Fraction(0), v),
        "about": (v - v * t, v + v * t),
        "range": (low, high),
        "vague": (low, high),
    }[qualifier]


@given(
    st.sampled_from(
        ["exact", "more_than", "at_least", "less_than", "at_most", "about", "range", "vague"]
    ),
    decimals(),
    decimals(),
    decimals(),
    st.sampled_from(["0", "0.05", "0.1", "0.25", "0.333"]),
)
def test_measure_bounds_match_a_fraction_reference(qualifier, v, low, high, t):
    frac = tolerance(t)
    exact, floats = measure(qualifier, float(v), float(low), float(high), frac)
    want = reference(qualifier, v, low, high, frac)
    assert exact == want
    assert floats == tuple(float(x) for x in want)
    # Comparing the nearest floats answers as the exact bounds do wherever they differ.
    if exact[0] != exact[1]:
        assert (floats[0] <= floats[1]) == (exact[0] <= exact[1])
