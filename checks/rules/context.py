"""What the rules share, computed once per run.

Everything is held as columns indexed by mention *row*: intervals (`lo`, `hi`), label codes,
and for every relation the rows of its endpoints (`src`, `dst`, -1 when missing). Rules then
work with numpy takes, bincounts and a few group-bys instead of string merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import pandas as pd

from checks.codepoints import CodePoints
from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE, Bound, interval, is_measure, measure_bounds
from checks.lookup import endpoint_rows, positions
from checks.offsets import span_slices
from checks.schema import LABELS, RELATIONS, allowed_endpoint_pairs

LABEL_CODE = {label: i for i, label in enumerate(LABELS)}
TYPE_CODE = {rtype: i for i, rtype in enumerate(RELATIONS)}


def _legal_table() -> np.ndarray:
    """legal[type, from_label, to_label] for every SPEC §2 endpoint combination."""
    legal = np.zeros((len(RELATIONS), len(LABELS) + 1, len(LABELS) + 1), dtype=bool)
    for rtype, a, b in allowed_endpoint_pairs():
        legal[TYPE_CODE[rtype], LABEL_CODE[a], LABEL_CODE[b]] = True
    return legal


@dataclass
class Context:
    facts: Facts
    about_tolerance: Fraction = DEFAULT_TOLERANCE

    @cached_property
    def published(self) -> pd.Series:
        return self.facts.documents.set_index("doc_id")["published"]

    @cached_property
    def doc_index(self) -> pd.Index:
        return pd.Index(self.facts.documents["doc_id"].to_numpy(dtype=object), dtype=object)

    @cached_property
    def doc_pos(self) -> np.ndarray:
        """Each mention's document row (-1 for a doc_id without a document)."""
        return positions(self.doc_index, self.facts.mentions["doc_id"])

    @cached_property
    def doc_texts(self) -> np.ndarray:
        """Document texts by document row, with None at the end for row -1."""
        return np.append(self.facts.documents["text"].to_numpy(dtype=object), None)

    def text_of(self, rows: np.ndarray) -> pd.Series:
        """The document text of the mentions at these rows (None where unknown)."""
        return pd.Series(self.doc_texts[self.doc_pos[rows]], dtype=object)

    @cached_property
    def code_points(self) -> CodePoints:
        return CodePoints.of(self.facts.documents["text"])

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """Mentions with `row`, interval [lo, hi], `usable` (non-empty) and `surface`."""
        m = self.facts.mentions
        quantity = self.label_code == LABEL_CODE["QUANTITY"]
        lo, hi = interval(m["qualifier"], m["value"], m["low"], m["high"], self.about_tolerance,
                          m["unit"])  # fmt: skip
        lo = np.where(quantity, lo, np.nan)
        hi = np.where(quantity, hi, np.nan)
        surface = m["text"]
        untold = surface.isna()
        if untold.any():
            u = m[untold]
            surface = surface.copy()
            texts = self.text_of(np.flatnonzero(untold.to_numpy()))
            surface[untold] = span_slices(u["start"], u["end"], texts.set_axis(u.index))
        # Float rounding is monotone, so `lo <= hi` on the floats of exact measure bounds
        # answers as the exact bounds would.
        return m.assign(row=np.arange(len(m)), lo=lo, hi=hi, usable=lo <= hi, surface=surface,
                        measure=self.measure)  # fmt: skip

    @cached_property
    def measure(self) -> np.ndarray:
        """QUANTITY rows with a `unit`: measures (exact rationals), not counts."""
        quantity = self.label_code == LABEL_CODE["QUANTITY"]
        return quantity & is_measure(self.facts.mentions["unit"])

    @cached_property
    def exact(self) -> tuple[list[Fraction | None], list[Bound | None]]:
        """Exact bounds by mention row for the measure rows (None elsewhere): what the rules
        compare for measures, since their floats are only the nearest floats."""
        m = self.facts.mentions
        keep = pd.Series(np.where(self.measure, m["unit"].to_numpy(dtype=object), None),
                         dtype=object)  # fmt: skip
        bounds = measure_bounds(m["qualifier"], m["value"], m["low"], m["high"],
                                self.about_tolerance, keep)  # fmt: skip
        return bounds.at(len(m))

    @cached_property
    def _units(self) -> tuple[np.ndarray, list[str]]:
        unit = np.where(self.measure, self.facts.mentions["unit"].to_numpy(dtype=object), None)
        codes, uniques = pd.factorize(unit, use_na_sentinel=True)
        return np.append(codes, -2), [str(u) for u in uniques]

    @cached_property
    def unit_code(self) -> np.ndarray:
        """Each mention's unit as a small int, -1 for a count (no unit), with a row -1
        appended (code -2) for a missing endpoint."""
        return self._units[0]

    def unit_of(self, row: int) -> str | None:
        code = int(self.unit_code[row])
        return self._units[1][code] if code >= 0 else None

    @cached_property
    def quantities(self) -> pd.DataFrame:
        """QUANTITY mentions, with only the columns the quantity rules read."""
        cols = ["doc_id", "id", "row", "start", "text", "surface", "value", "qualifier", "low",
                "high", "unit", "lo", "hi", "measure", "invalid"]  # fmt: skip
        return self.mentions[cols][self.label_code == LABEL_CODE["QUANTITY"]]

    @cached_property
    def label_code(self) -> np.ndarray:
        """Label as a small int; unknown labels get len(LABELS)."""
        codes, uniques = pd.factorize(self.facts.mentions["label"])
        lookup = np.array([LABEL_CODE.get(u, len(LABELS)) for u in uniques] + [len(LABELS)])
        return lookup[codes]

    @cached_property
    def relations(self) -> pd.DataFrame:
        """Relations with endpoint rows `src`/`dst` (-1 if missing), type and endpoint label
        codes (-1 / len(LABELS) when unknown or missing) and `valid`."""
        r = self.facts.relations
        m = self.facts.mentions
        rel_doc = positions(self.doc_index, r["doc_id"])
        (src, dst), _ = endpoint_rows(self.doc_pos, m["id"], rel_doc, [r["from"], r["to"]])
        labels = np.append(self.label_code, len(LABELS))  # row -1 -> "missing"
        from_code, to_code = labels[src], labels[dst]
        codes, uniques = pd.factorize(r["type"].to_numpy(dtype=object))
        tcode = np.array([*(TYPE_CODE.get(u, -1) for u in uniques), -1], dtype=np.int64)[codes]
        known = tcode >= 0
        tcode[~known] = 0
        exists = (src >= 0) & (dst >= 0)
        legal = _legal_table()[tcode, from_code, to_code] & known
        units_ok = self._units_join(tcode, src, dst) | ~legal
        legal &= units_ok
        return r.assign(
            doc=rel_doc,
            order=np.arange(len(r)),
            src=src,
            dst=dst,
            type_code=np.where(known, tcode, -1),
            from_code=from_code,
            to_code=to_code,
            known_type=known,
            exists=exists,
            legal=legal,
            units_ok=units_ok,
            valid=known & exists & legal,
        )

    def _units_join(self, tcode: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
        """SPEC §4a: part_of and same_as join QUANTITYs of one unit (or two counts); a
        `percent` part of a count whole is a share of it. Other relations ignore units."""
        ucode = self.unit_code
        a, b = ucode[src], ucode[dst]
        joins = np.isin(tcode, [TYPE_CODE["part_of"], TYPE_CODE["same_as"]])
        share = (tcode == TYPE_CODE["part_of"]) & (a == self.percent_code) & (b == -1)
        return ~joins | (a == b) | share

    @cached_property
    def percent_code(self) -> int:
        units = self._units[1]
        return units.index("percent") if "percent" in units else -3

    def is_share(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """part_of rows a → b that are a percent share of a count whole."""
        return (self.unit_code[a] == self.percent_code) & (self.unit_code[b] == -1)

    def valid_relations(self, rtype: str) -> pd.DataFrame:
        """Valid relations of one type between mentions with non-empty intervals (SPEC §4a),
        duplicates counted once."""
        if rtype not in self._valid:
            self._valid[rtype] = self._valid_relations(rtype)
        return self._valid[rtype]

    @cached_property
    def _valid(self) -> dict[str, pd.DataFrame]:
        return {}

    def _valid_relations(self, rtype: str) -> pd.DataFrame:
        r = self.relations
        keep = r["valid"].to_numpy() & (r["type_code"].to_numpy() == TYPE_CODE[rtype])
        ok = np.append(
            ~((self.label_code == LABEL_CODE["QUANTITY"]) & ~self.mentions["usable"]), False
        )
        keep &= ok[r["src"].to_numpy()] & ok[r["dst"].to_numpy()]
        r = r[keep]
        a, b = r["src"].to_numpy(), r["dst"].to_numpy()
        if rtype == "same_as":
            a, b = np.minimum(a, b), np.maximum(a, b)
        first = pd.Series(a * (len(self.label_code) + 1) + b).duplicated().to_numpy()
        return r[~first].assign(a=a[~first], b=b[~first])

    def groups(self, rtype: str, label: str) -> pd.DataFrame:
        """Connected groups of mentions under a symmetric relation: row, group."""
        r = self.valid_relations(rtype)
        code = LABEL_CODE[label]
        lab = self.label_code
        r = r[(lab[r["a"].to_numpy()] == code) & (lab[r["b"].to_numpy()] == code)]
        return connected_components(r["a"].to_numpy(), r["b"].to_numpy())


def connected_components(src: np.ndarray, dst: np.ndarray) -> pd.DataFrame:
    """Min-label propagation with pointer jumping over integer edges: row, group."""
    nodes, codes = np.unique(np.concatenate([src, dst]), return_inverse=True)
    a, b = codes[: len(src)], codes[len(src) :]
    group = np.arange(len(nodes))
    while True:
        low = np.minimum(group[a], group[b])
        new = group.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]
        if np.array_equal(new, group):
            break
        group = new
    return pd.DataFrame({"row": nodes, "group": group})
