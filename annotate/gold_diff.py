"""What a `pull` changes in a gold file: documents, regions and relations, per task.

Compared on the facts the file means (each task's chosen annotation), not on its bytes:
region ids, timestamps and key order do not matter. A region is its span and label; a
changed region keeps both but carries other attribute values. A relation is its type and
the spans it joins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from checks.facts import Facts
from checks.schema import ATTRIBUTES as SCHEMA_ATTRIBUTES

ATTRIBUTES = [a.name for a in SCHEMA_ATTRIBUTES]
SPAN = ["doc_id", "start", "end", "label"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass
class DocumentChange:
    doc_id: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    relations_added: list[str] = field(default_factory=list)
    relations_removed: list[str] = field(default_factory=list)

    @property
    def loses_content(self) -> bool:
        return bool(self.removed or self.changed or self.relations_removed)


@dataclass
class GoldDiff:
    documents_added: list[str]
    documents_removed: list[str]
    changes: list[DocumentChange]

    @property
    def empty(self) -> bool:
        return not (self.documents_added or self.documents_removed or self.changes)

    @property
    def loses_content(self) -> bool:
        """The old gold has something the new one lacks: replacing it needs `--force`."""
        return bool(self.documents_removed) or any(c.loses_content for c in self.changes)

    def render(self, limit: int = 12) -> str:
        lines = [f"  new document {d}" for d in self.documents_added]
        lines += [f"  document {d} removed" for d in self.documents_removed]
        for c in self.changes:
            lines.append(
                f"  {c.doc_id}: regions +{len(c.added)} -{len(c.removed)} ~{len(c.changed)}, "
                f"relations +{len(c.relations_added)} -{len(c.relations_removed)}"
            )
            items = (
                [f"- {x}" for x in c.removed]
                + [f"~ {x}" for x in c.changed]
                + [f"+ {x}" for x in c.added]
                + [f"- relation {x}" for x in c.relations_removed]
                + [f"+ relation {x}" for x in c.relations_added]
            )
            lines += [f"      {x}" for x in items[:limit]]
            if len(items) > limit:
                lines.append(f"      ... and {len(items) - limit} more")
        return "\n".join(lines)


def _inert(s: pd.Series) -> pd.Series:
    """Text from the data, shown on a terminal: no control or bidi-override characters."""
    return s.fillna("").astype(str).str.replace(_CONTROL, "?", regex=True)


def _regions(facts: Facts) -> pd.DataFrame:
    m = facts.mentions[[*SPAN, "id", "text", *ATTRIBUTES]].copy()
    m["label"] = _inert(m["label"])
    # Two regions with the same span and label stay two: numbered within their key.
    m = m.sort_values([*SPAN, *ATTRIBUTES], na_position="first", kind="stable")
    m["n"] = m.groupby(SPAN, sort=False).cumcount()
    m["desc"] = (
        m["label"]
        + " "
        + m["start"].astype(str)
        + ":"
        + m["end"].astype(str)
        + " «"
        + _inert(m["text"])
        + "»"
    )
    return m


def _shown(values: pd.Series) -> pd.Series:
    """Attribute values as written: 4500 not 4500.0, '-' for none."""
    if pd.api.types.is_float_dtype(values):
        whole = values.notna() & (values == values.round())
        text = values.astype(str)
        text = text.where(~whole, values.where(whole, 0).astype("int64").astype(str))
    else:
        text = _inert(values)
    return text.where(values.notna(), "-")


def _attribute_changes(both: pd.DataFrame) -> pd.Series:
    """Per matched region, 'value 9500 -> 950; qualifier ...' or '' when nothing changed."""
    out = pd.Series("", index=both.index)
    for a in ATTRIBUTES:
        old, new = both[f"{a}_old"], both[f"{a}_new"]
        same = (old == new) | (old.isna() & new.isna())
        text = a + " " + _shown(old) + " -> " + _shown(new)
        out = out.where(same, out + out.ne("").map({True: "; ", False: ""}) + text)
    return out


def _relations(facts: Facts, regions: pd.DataFrame) -> pd.DataFrame:
    r = facts.relations[["doc_id", "from", "to", "type"]].copy()
    names = regions.set_index(["doc_id", "id"])["desc"]
    names = names[~names.index.duplicated()]
    for end in ("from", "to"):
        keys = pd.MultiIndex.from_arrays([r["doc_id"], r[end]])
        found = pd.Series(names.reindex(keys).to_numpy(), index=r.index)
        r[end] = found.fillna(_inert(r[end]))
    r["desc"] = _inert(r["type"]) + " " + r["from"] + " -> " + r["to"]
    return r.drop_duplicates(["doc_id", "desc"])


def gold_diff(old: Facts, new: Facts) -> GoldDiff:
    old_docs, new_docs = set(old.doc_ids), set(new.doc_ids)
    ro, rn = _regions(old), _regions(new)
    key = [*SPAN, "n"]
    m = ro.merge(rn, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    both = m[m["_merge"] == "both"]
    what = _attribute_changes(both)
    changed = both.assign(desc=both["desc_old"] + ": " + what)[what.ne("")]
    removed = m[m["_merge"] == "left_only"].assign(desc=lambda x: x["desc_old"])
    added = m[m["_merge"] == "right_only"].assign(desc=lambda x: x["desc_new"])

    lo, ln = _relations(old, ro), _relations(new, rn)
    r = lo.merge(ln, on=["doc_id", "desc"], how="outer", indicator=True)
    rel_removed = r[r["_merge"] == "left_only"]
    rel_added = r[r["_merge"] == "right_only"]

    kept = old_docs & new_docs
    parts = {
        "added": added,
        "removed": removed,
        "changed": changed,
        "relations_added": rel_added,
        "relations_removed": rel_removed,
    }
    changes: dict[str, DocumentChange] = {}
    for name, frame in parts.items():
        frame = frame[frame["doc_id"].isin(kept)]
        for doc_id, descs in frame.groupby("doc_id", sort=True)["desc"]:
            change = changes.setdefault(doc_id, DocumentChange(doc_id))
            getattr(change, name).extend(descs.tolist())
    return GoldDiff(
        documents_added=sorted(new_docs - old_docs),
        documents_removed=sorted(old_docs - new_docs),
        changes=[changes[d] for d in sorted(changes)],
    )
