"""Chance-corrected agreement on categorical attributes.

Cohen's kappa is computed from the confusion counts (a few lines of numpy, no need for
scikit-learn's weight); Krippendorff's alpha comes from the `krippendorff` package, which
handles missing ratings and any number of annotators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def cohen_kappa(a: np.ndarray | list, b: np.ndarray | list) -> float | None:
    """Kappa of two raters over the same items; None when it is undefined (no items, or
    chance agreement is already 1 because both raters used one and the same category)."""
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    n = len(a)
    if n == 0:
        return None
    codes, _ = pd.factorize(np.concatenate([a, b]))
    k = int(codes.max()) + 1
    confusion = np.bincount(codes[:n] * k + codes[n:], minlength=k * k).reshape(k, k)
    observed = np.trace(confusion) / n
    expected = float(confusion.sum(axis=1) @ confusion.sum(axis=0)) / (n * n)
    if expected == 1.0:
        return None
    return float((observed - expected) / (1.0 - expected))


def krippendorff_alpha(ratings: pd.DataFrame) -> float | None:
    """Nominal alpha over a units × annotators table of categories (None/NaN = not rated).

    None when it is undefined: fewer than two ratings in any unit, or one category only."""
    import krippendorff

    if ratings.empty:
        return None
    stacked = ratings.to_numpy(dtype=object)
    present = pd.notna(stacked)
    if (present.sum(axis=1) >= 2).sum() == 0:
        return None
    codes, uniques = pd.factorize(stacked[present])
    if len(uniques) < 2:
        return None
    data = np.full(stacked.shape, np.nan)
    data[present] = codes
    return float(krippendorff.alpha(reliability_data=data.T, level_of_measurement="nominal"))
