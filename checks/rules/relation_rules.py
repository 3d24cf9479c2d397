"""Rules over relations: endpoints, part–whole sums and cycles, members, same_as, sources."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.rules.context import Context
from checks.rules.describe import as_part, as_whole, bounds, figure, num
from checks.rules.registry import Outcome, outcome, rule
from checks.schema import RELATIONS


def _pairs(r: pd.DataFrame) -> list[list[str]]:
    return [[a, b] for a, b in zip(r["from"], r["to"], strict=True)]


@rule(
    "relation.endpoints",
    "error",
    "a relation names a missing mention, or its endpoint labels are not those allowed in SPEC §2",
)
def relation_endpoints(ctx: Context) -> Outcome:
    r = ctx.relations
    r = r[r["known_type"]]
    bad = r[~r["exists"] | ~r["legal"]]
    msgs = []
    for row in bad.itertuples(index=False):
        missing = [
            e
            for e, lbl in ((row[1], row.from_label), (row[2], row.to_label))
            if not isinstance(lbl, str)
        ]
        if missing:
            msgs.append(
                f"{row.type} {row[1]} → {row[2]} names missing mention {', '.join(missing)}"
            )
        else:
            froms, tos = RELATIONS[row.type]
            msgs.append(
                f"{row.type} {row.from_label} → {row.to_label} is not allowed "
                f"({'/'.join(froms)} → {'/'.join(tos)})"
            )
    return outcome(bad["doc_id"], _pairs(bad), msgs, r["doc_id"])


def _with_mentions(r: pd.DataFrame, ctx: Context, end: str, cols: list[str], prefix: str):
    m = ctx.mentions[["doc_id", "id", *cols]]
    return r.merge(
        m.rename(columns={"id": end, **{c: f"{prefix}{c}" for c in cols}}),
        on=["doc_id", end],
        how="left",
    )


@rule("part_whole.sum", "error", "the parts' low bounds add up to more than the whole's high")
def part_whole_sum(ctx: Context) -> Outcome:
    r = ctx.valid_relations("part_of")
    r = r[r["from"] != r["to"]]
    r = _with_mentions(r, ctx, "from", ["lo"], "part_")
    totals = r.groupby(["doc_id", "to"], sort=False)["part_lo"].sum().rename("total")
    wholes = totals.reset_index().merge(
        ctx.mentions[["doc_id", "id", "hi"]].rename(columns={"id": "to"}), on=["doc_id", "to"]
    )
    over = wholes[wholes["total"] > wholes["hi"]]
    if over.empty:
        return outcome([], [], [], wholes["doc_id"])
    parts = r.merge(over[["doc_id", "to"]], on=["doc_id", "to"]).sort_values("order")
    by_id = ctx.mentions.set_index(["doc_id", "id"])
    docs, ids, msgs = [], [], []
    for (doc, whole), group in parts.groupby(["doc_id", "to"], sort=False):
        pm = [by_id.loc[(doc, p)] for p in group["from"]]
        wm = by_id.loc[(doc, whole)]
        total = sum(p["lo"] for p in pm)
        docs.append(doc)
        ids.append([*group["from"], whole])
        msgs.append(
            f"parts of «{wm['text']}» overflow it: {' + '.join(as_part(p) for p in pm)} = "
            f"{num(total)} > {as_whole(wm)}"
        )
    return outcome(docs, ids, msgs, wholes["doc_id"])


@rule("part_whole.cycle", "error", "part_of relations form a cycle")
def part_whole_cycle(ctx: Context) -> Outcome:
    r = ctx.valid_relations("part_of", usable=False)
    checked = r["doc_id"]
    edges = r[["doc_id", "from", "to"]]
    # Peel nodes without incoming or outgoing edges; what remains lies on or between cycles.
    while not edges.empty:
        keys_from = edges["doc_id"] + "\x00" + edges["from"]
        keys_to = edges["doc_id"] + "\x00" + edges["to"]
        keep = keys_from.isin(keys_to) & keys_to.isin(keys_from)
        if keep.all():
            break
        edges = edges[keep]
    docs, ids, msgs = [], [], []
    for doc, group in edges.groupby("doc_id", sort=True):
        for cycle in _cycles(list(zip(group["from"], group["to"], strict=True))):
            docs.append(doc)
            ids.append(cycle)
            msgs.append("part_of cycle: " + " → ".join([*cycle, cycle[0]]))
    return outcome(docs, ids, msgs, checked)


def _cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with a cycle (Tarjan), on the small peeled residue."""
    graph: dict[str, list[str]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph[v]:
                found.append(sorted(comp, key=order.__getitem__))

    order = {v: i for i, v in enumerate(graph)}
    for v in graph:
        if v not in index:
            visit(v)
    return sorted(found, key=lambda c: order[c[0]])


@rule("count.members", "error", "a QUANTITY has more member_of members than its high bound")
def count_members(ctx: Context) -> Outcome:
    r = ctx.valid_relations("member_of")
    counts = r.groupby(["doc_id", "to"], sort=False)["from"].nunique().rename("members")
    q = counts.reset_index().merge(
        ctx.mentions[["doc_id", "id", "hi"]].rename(columns={"id": "to"}), on=["doc_id", "to"]
    )
    over = q[q["members"] > q["hi"]]
    if over.empty:
        return outcome([], [], [], q["doc_id"])
    by_id = ctx.mentions.set_index(["doc_id", "id"])
    members = r.merge(over[["doc_id", "to"]], on=["doc_id", "to"]).sort_values("order")
    docs, ids, msgs = [], [], []
    for (doc, whole), group in members.groupby(["doc_id", "to"], sort=False):
        wm = by_id.loc[(doc, whole)]
        names = [str(by_id.loc[(doc, x)]["text"]) for x in group["from"]]
        docs.append(doc)
        ids.append([*group["from"], whole])
        msgs.append(
            f"«{wm['text']}» counts {figure(wm)} (≤ {num(wm['hi'])}) but lists "
            f"{len(names)} members: {', '.join(names)}"
        )
    return outcome(docs, ids, msgs, q["doc_id"])


def _group_pairs(groups: pd.DataFrame) -> pd.DataFrame:
    """Every unordered pair inside each group, first member by input row order."""
    pairs = groups.merge(groups, on=["doc_id", "group"], suffixes=("_a", "_b"))
    return pairs[pairs["row_a"] < pairs["row_b"]].sort_values(["row_a", "row_b"])


def _grouped(ctx: Context, label: str, cols: list[str]) -> pd.DataFrame:
    groups = ctx.components("same_as", label)
    return groups.merge(ctx.mentions[["doc_id", "id", "row", *cols]], on=["doc_id", "id"])


@rule("same_as.values", "error", "two same_as QUANTITY intervals do not overlap")
def same_as_values(ctx: Context) -> Outcome:
    pairs = _group_pairs(_grouped(ctx, "QUANTITY", ["lo", "hi"]))
    apart = pairs[
        np.maximum(pairs["lo_a"], pairs["lo_b"]) > np.minimum(pairs["hi_a"], pairs["hi_b"])
    ]
    by_id = ctx.mentions.set_index(["doc_id", "id"])
    msgs = []
    for doc, a, b in zip(apart["doc_id"], apart["id_a"], apart["id_b"], strict=True):
        ma, mb = by_id.loc[(doc, a)], by_id.loc[(doc, b)]
        msgs.append(
            f"same figure cannot be {figure(ma)} {bounds(ma)} and {figure(mb)} {bounds(mb)}"
        )
    ids = [[a, b] for a, b in zip(apart["id_a"], apart["id_b"], strict=True)]
    return outcome(apart["doc_id"], ids, msgs, pairs["doc_id"])


def _sources(ctx: Context) -> pd.DataFrame:
    """doc_id, id (the event), source: normalized text of each reported_by target."""
    r = ctx.valid_relations("reported_by")
    r = r[r["from_label"] == "EVENT"]
    r = _with_mentions(r, ctx, "to", ["text"], "src_")
    text = r["src_text"].fillna("")
    key = text.map(lambda t: " ".join(fold(t).split()))
    return pd.DataFrame(
        {"doc_id": r["doc_id"], "id": r["from"], "source": key, "shown": text}, dtype=object
    )


@rule(
    "source.conflict",
    "warning",
    "two same_as EVENTs reported by different sources carry different status",
)
def source_conflict(ctx: Context) -> Outcome:
    events = _grouped(ctx, "EVENT", ["status", "text"])
    sources = _sources(ctx)
    grouped = sources.groupby(["doc_id", "id"])
    sets = pd.concat(
        [
            grouped["source"].agg(frozenset).rename("sources"),
            grouped["shown"].agg(lambda s: ", ".join(sorted(set(s)))).rename("shown"),
        ],
        axis=1,
    )
    events = events.merge(sets.reset_index(), on=["doc_id", "id"], how="left")
    pairs = _group_pairs(events)
    has = pairs["sources_a"].notna() & pairs["sources_b"].notna()
    pairs = pairs[has & pairs["status_a"].notna() & pairs["status_b"].notna()]
    disjoint = [
        a.isdisjoint(b) for a, b in zip(pairs["sources_a"], pairs["sources_b"], strict=True)
    ]
    hit = pairs[np.array(disjoint, dtype=bool) & (pairs["status_a"] != pairs["status_b"])]
    msgs = [
        f"«{ta}» is {sa} per {xa} but «{tb}» is {sb} per {xb}"
        for ta, sa, xa, tb, sb, xb in zip(
            hit["text_a"],
            hit["status_a"],
            hit["shown_a"],
            hit["text_b"],
            hit["status_b"],
            hit["shown_b"],
            strict=True,
        )
    ]
    ids = [[a, b] for a, b in zip(hit["id_a"], hit["id_b"], strict=True)]
    return outcome(hit["doc_id"], ids, msgs, pairs["doc_id"])
