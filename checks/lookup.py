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


def endpoint_rows(
    mention_doc: np.ndarray,
    mention_ids: pd.Series | np.ndarray,
    relation_doc: np.ndarray,
    endpoints: list[pd.Series | np.ndarray],
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """For each endpoint column: the row of the mention with that id in the relation's own
    document (-1 where there is none), and the endpoint's id code (-1 where it is missing),
    all ids hashed once together. Mention ids are unique per document (the readers see to
    it)."""
    n_m, n_r = len(mention_doc), len(relation_doc)
    values = np.concatenate(
        [np.asarray(mention_ids, dtype=object), *(np.asarray(e, dtype=object) for e in endpoints)]
    )
    codes, _ = pd.factorize(values, use_na_sentinel=True)
    width = int(codes.max(initial=-1)) + 2  # codes shifted by one: a missing id is 0
    key = pd.Index(mention_doc.astype(np.int64) * width + codes[:n_m] + 1)
    at_doc = relation_doc.astype(np.int64) * width
    rows, id_codes = [], []
    for i in range(len(endpoints)):
        code = codes[n_m + i * n_r : n_m + (i + 1) * n_r]
        row = key.get_indexer(at_doc + code + 1)
        row[(code < 0) | (relation_doc < 0)] = -1
        rows.append(row)
        id_codes.append(code)
    return rows, id_codes
