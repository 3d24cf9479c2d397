"""The (document, id) → mention row look-up that rules and relation scoring share."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from checks.lookup import endpoint_rows

ids = st.sampled_from(["m0", "m1", "m2", "7", None])


@given(
    st.lists(st.tuples(st.integers(-1, 3), st.sampled_from(["m0", "m1", "m2", "7"])),
             unique=True, max_size=12),
    st.lists(st.tuples(st.integers(-1, 3), ids, ids), max_size=12),
)  # fmt: skip
def test_endpoint_rows_agree_with_a_dictionary(mentions, relations):
    mentions = [(d, i) for d, i in mentions if d >= 0]  # a mention's document is known
    where = {(d, i): row for row, (d, i) in enumerate(mentions)}
    m_doc = np.array([d for d, _ in mentions], dtype=np.int64)
    r_doc = np.array([d for d, _, _ in relations], dtype=np.int64)
    (src, dst), codes = endpoint_rows(
        m_doc,
        np.array([i for _, i in mentions], dtype=object),
        r_doc,
        [np.array([f for _, f, _ in relations], dtype=object),
         np.array([t for _, _, t in relations], dtype=object)],
    )  # fmt: skip
    for k, (d, f, t) in enumerate(relations):
        assert src[k] == (where.get((d, f), -1) if d >= 0 and f is not None else -1)
        assert dst[k] == (where.get((d, t), -1) if d >= 0 and t is not None else -1)
        assert (codes[0][k] < 0) == (f is None) and (codes[1][k] < 0) == (t is None)
