"""Seeded, realistic synthetic corpora for the benchmarks.

Each document: a whole ("more than W" / "W" / "about W"), two parts that fit inside it, an
optional same_as restatement of the whole, an optional dual («قريتين») with a member, and
named-entity filler: 5-10 mentions and 2-4 relations. A share of documents (1% by default,
all of them for a violation-heavy corpus, as a weak extractor produces) carry one planted
violation (overflowing part, empty interval, missing value, dangling relation, too many
members, disagreeing same_as, conflicting sources).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

CUE = {"more_than": "أكثر من ", "exact": "", "about": "نحو "}
FILLER = [("PERSON", "بوتين"), ("ORG", "سانا"), ("LOC", "حلب"), ("ORG", "رويترز"),
          ("LOC", "إدلب"), ("PERSON", "رامى عبد الرحمن")]  # fmt: skip
PLANTS = ["overflow", "empty", "missing", "dangling", "members", "same_as", "sources"]


def document(i: int, rng: random.Random, plant: str | None) -> dict:
    text: list[str] = []
    mentions: list[dict] = []

    def add(label: str, surface: str, prefix: str = "", **attrs) -> str:
        text.append(prefix)
        start = sum(map(len, text))
        text.append(surface)
        text.append("، ")
        mid = f"m{len(mentions)}"
        mentions.append({"id": mid, "start": start, "end": start + len(surface),
                         "text": surface, "label": label, **attrs})  # fmt: skip
        return mid

    def quantity(value: int, qualifier: str, category: str) -> str:
        return add(
            "QUANTITY",
            str(value),
            CUE[qualifier],
            value=value,
            qualifier=qualifier,
            category=category,
        )

    whole_v = rng.randint(1000, 10000)
    whole_q = rng.choice(["more_than", "exact", "about"])
    whole = quantity(whole_v, whole_q, "evacuees")
    a, b = rng.randint(0, whole_v * 4 // 10), rng.randint(0, whole_v * 4 // 10)
    if plant == "overflow":
        a = whole_v * 3
    p1 = quantity(a, "exact", "fighters")
    relations = [{"from": p1, "to": whole, "type": "part_of"}]
    extra = rng.randint(0, 3)
    if extra == 3 or plant == "sources":
        # Two reports of one event: status agrees unless a conflict is planted.
        e1 = add("EVENT", "انتهاء عملية الإجلاء", status="completed")
        e2 = add("EVENT", "توقفت", status="halted" if plant == "sources" else "completed")
        relations += [{"from": e1, "to": e2, "type": "same_as"},
                      {"from": e1, "to": add("ORG", "مركز المصالحة"), "type": "reported_by"},
                      {"from": e2, "to": add("ORG", "سانا"), "type": "reported_by"}]  # fmt: skip
        extra = 0
    else:
        p2 = quantity(b, "exact", "wounded")
        relations.append({"from": p2, "to": whole, "type": "part_of"})
    if extra >= 1 or plant == "same_as":
        v = whole_v * 5 if plant == "same_as" else whole_v
        again = quantity(v, "exact" if plant == "same_as" else whole_q, "evacuees")
        relations.append({"from": again, "to": whole, "type": "same_as"})
    if extra >= 2 or plant == "members":
        dual = add("QUANTITY", "قريتين", value=2, qualifier="exact", category="villages")
        members = ["كفريا", "الفوعة", "الزبدية"] if plant == "members" else ["كفريا"]
        for name in members:
            relations.append({"from": add("LOC", name), "to": dual, "type": "member_of"})
    if plant == "empty":
        add("QUANTITY", "0", "أقل من ", value=0, qualifier="less_than", category="dead")
    if plant == "missing":
        add("QUANTITY", "عدة آلاف", qualifier="vague", low=3000, category="residents")
    if plant == "dangling":
        relations.append({"from": p1, "to": "gone", "type": "part_of"})
    while len(mentions) < rng.randint(5, 10):
        label, name = rng.choice(FILLER)
        add(label, name)
    return {"doc_id": f"doc-{i:07d}", "published": "2016-12-16", "text": "".join(text),
            "mentions": mentions, "relations": relations}  # fmt: skip


def iter_corpus(n_mentions: int, seed: int = 7, plant_rate: float = 0.01) -> Iterator[dict]:
    """Documents until `n_mentions` mentions are reached, one at a time (large corpora are
    written without holding them)."""
    rng = random.Random(seed)
    i = count = 0
    while count < n_mentions:
        plant = rng.choice(PLANTS) if rng.random() < plant_rate else None
        doc = document(i, rng, plant)
        i += 1
        count += len(doc["mentions"])
        yield doc


def corpus(n_mentions: int, seed: int = 7, plant_rate: float = 0.01) -> list[dict]:
    return list(iter_corpus(n_mentions, seed, plant_rate))


def write_jsonl(docs: Iterable[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False))
            f.write("\n")
    return path


def write_parquet(docs: Iterable[dict], path: Path, row_group_docs: int = 10_000) -> Path:
    """One row per document with nested mentions and relations (the SPEC §5 shape)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = iter(docs)
    with pq.ParquetWriter(path, _parquet_schema()) as writer:
        while batch := list(islice(docs, row_group_docs)):
            writer.write_table(pa.Table.from_pylist(batch, schema=_parquet_schema()))
    return path


def _parquet_schema():
    from checks.readers.arrow_jsonl import SCHEMA

    return SCHEMA
