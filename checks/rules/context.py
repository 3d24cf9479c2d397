"""What the rules share, computed once per run: intervals, document text, valid relations."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import pandas as pd

from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE, interval
from checks.offsets import span_slices
from checks.schema import RELATIONS, allowed_endpoint_pairs


@dataclass
class Context:
    facts: Facts
    about_tolerance: Fraction = DEFAULT_TOLERANCE

    @cached_property
    def texts(self) -> pd.Series:
        docs = self.facts.documents
        return docs.set_index("doc_id")["text"]

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """Mentions with their interval [lo, hi] and `usable` (non-empty interval)."""
        m = self.facts.mentions.copy()
        m["row"] = np.arange(len(m))
        quantity = (m["label"] == "QUANTITY").to_numpy()
        lo, hi = interval(m["qualifier"], m["value"], m["low"], m["high"], self.about_tolerance)
        m["lo"] = np.where(quantity, lo, np.nan)
        m["hi"] = np.where(quantity, hi, np.nan)
        m["usable"] = m["lo"] <= m["hi"]
        m["surface"] = m["text"]
        untold = m["text"].isna()
        if untold.any():
            u = m[untold]
            m.loc[untold, "surface"] = span_slices(
                u["start"], u["end"], u["doc_id"].map(self.texts)
            )
        return m

    @cached_property
    def relations(self) -> pd.DataFrame:
        """Relations with their endpoint labels and `valid` (known type, endpoints legal)."""
        r = self.facts.relations.copy()
        r["order"] = np.arange(len(r))
        labels = self.mentions[["doc_id", "id", "label", "usable"]]
        for end in ("from", "to"):
            r = r.merge(
                labels.rename(
                    columns={"id": end, "label": f"{end}_label", "usable": f"{end}_usable"}
                ),
                on=["doc_id", end],
                how="left",
            )
        r["known_type"] = r["type"].isin(list(RELATIONS))
        r["exists"] = r["from_label"].notna() & r["to_label"].notna()
        triples = pd.MultiIndex.from_tuples(sorted(allowed_endpoint_pairs()))
        key = pd.MultiIndex.from_arrays([r["type"], r["from_label"], r["to_label"]])
        r["legal"] = key.isin(triples)
        r["valid"] = r["known_type"] & r["exists"] & r["legal"]
        return r.sort_values("order", kind="stable").reset_index(drop=True)

    def valid_relations(self, rtype: str, *, usable: bool = True) -> pd.DataFrame:
        """Valid relations of one type, duplicates counted once, in input order."""
        r = self.relations
        r = r[r["valid"] & (r["type"] == rtype)]
        if usable:
            r = r[r["from_usable"].fillna(False).astype(bool) | (r["from_label"] != "QUANTITY")]
            r = r[r["to_usable"].fillna(False).astype(bool) | (r["to_label"] != "QUANTITY")]
        if rtype == "same_as":
            a = np.where(r["from"] <= r["to"], r["from"], r["to"])
            b = np.where(r["from"] <= r["to"], r["to"], r["from"])
            r = r.assign(**{"from": a, "to": b})
        return r.drop_duplicates(["doc_id", "from", "to"])

    def components(self, rtype: str, label: str) -> pd.DataFrame:
        """Connected groups of mentions under a symmetric relation: doc_id, id, group."""
        r = self.valid_relations(rtype)
        r = r[(r["from_label"] == label) & (r["to_label"] == label)]
        return connected_components(r)


def connected_components(edges: pd.DataFrame) -> pd.DataFrame:
    """Min-label propagation with pointer jumping over (doc_id, from, to) edges."""
    if edges.empty:
        return pd.DataFrame(
            {
                "doc_id": pd.Series(dtype=object),
                "id": pd.Series(dtype=object),
                "group": pd.Series(dtype=np.int64),
            }
        )
    ends = pd.concat(
        [
            edges[["doc_id", "from"]].set_axis(["doc_id", "id"], axis=1),
            edges[["doc_id", "to"]].set_axis(["doc_id", "id"], axis=1),
        ],
        ignore_index=True,
    )
    codes, _ = pd.factorize(ends["doc_id"].astype(str) + "\x00" + ends["id"].astype(str))
    n = len(edges)
    src, dst = codes[:n], codes[n:]
    first = pd.Series(np.arange(len(codes))).groupby(codes).first().to_numpy()
    nodes = ends.iloc[first].reset_index(drop=True)
    group = np.arange(len(nodes))
    while True:
        low = np.minimum(group[src], group[dst])
        new = group.copy()
        np.minimum.at(new, src, low)
        np.minimum.at(new, dst, low)
        new = new[new]
        if np.array_equal(new, group):
            break
        group = new
    return nodes.assign(group=group)
