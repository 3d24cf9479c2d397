"""Look-ups that touch each distinct value once.

A corpus repeats its strings (doc_ids for every mention, labels, figures), so hashing the
distinct values once and spreading the answer with an integer take beats any per-row
look-up. Object arrays are wrapped as object Indexes explicitly: pandas would otherwise
convert them to its Arrow-backed string type and back on every look-up (ten times slower).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def positions(index: pd.Index, values: pd.Series | np.ndarray) -> np.ndarray:
    """index.get_indexer(values) (-1 where absent), each distinct value looked up once."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    found = np.append(index.get_indexer(pd.Index(uniques, dtype=object)), -1)
    return found[codes]  # code -1 (missing) takes the trailing -1


def by_unique(values: pd.Series, fn, dtype=object) -> np.ndarray:
    """fn applied once per distinct value (identical surfaces repeat across a corpus);
    missing values give None (False, NaN… once cast to `dtype`)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    mapped = np.array([*map(fn, uniques), None], dtype=object)
    if dtype is not object:
        mapped = mapped.astype(dtype)  # the few distinct values, not the whole column
    return mapped[codes]  # code -1 (missing) takes the trailing None
