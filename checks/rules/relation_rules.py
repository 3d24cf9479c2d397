"""Rules over relations: endpoints, part–whole sums and cycles, members, same_as, sources.

Endpoints are mention rows (see `Context.relations`), so sums and counts are bincounts;
Python only formats the messages of the few violations.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.lookup import by_unique
from checks.rules.context import LABEL_CODE, Context
from checks.rules.describe import Described, column, num, with_unit
from checks.rules.registry import Outcome, outcome, rule
from checks.schema import RELATIONS


def _pairs(r: pd.DataFrame) -> list[list[str]]:
    return [[a, b] for a, b in zip(r["from"].tolist(), r["to"].tolist(), strict=True)]


@rule(
    "relation.endpoints",
    "error",
    "a relation names a missing mention, or its endpoint labels are not those allowed in SPEC §2",
)
def relation_endpoints(ctx: Context) -> Outcome:
    r = ctx.relations
    r = r[r["known_type"]]
    bad = r[~r["exists"] | ~r["legal"]]
    # Labels as written (an unknown label is named, not shown as a gap); row -1 is missing.
    written = np.append(ctx.facts.mentions["label"].to_numpy(dtype=object), None)
    src_row, dst_row = bad["src"].to_numpy(), bad["dst"].to_numpy()
    msgs = []
    for src, dst, rtype, s_row, d_row, fl, tl in zip(
        bad["from"].tolist(), bad["to"].tolist(), bad["type"].tolist(), src_row.tolist(),
        dst_row.tolist(), written[src_row].tolist(), written[dst_row].tolist(), strict=True,
    ):  # fmt: skip
        missing = [e for e, row in ((src, s_row), (dst, d_row)) if row < 0]
        if missing:
            msgs.append(f"{rtype} {src} → {dst} names missing mention {', '.join(missing)}")
        elif fl == tl == "QUANTITY" and ctx.unit_of(s_row) != ctx.unit_of(d_row):
            msgs.append(_unit_clash(rtype, src, dst, ctx.unit_of(s_row), ctx.unit_of(d_row)))
        else:
            froms, tos = RELATIONS[rtype]
            msgs.append(f"{rtype} {fl} → {tl} is not allowed ({'/'.join(froms)} → {'/'.join(tos)})")
    return outcome(bad["doc_id"], _pairs(bad), msgs, r["doc"].to_numpy())


def _unit_clash(rtype: str, src: str, dst: str, a: str | None, b: str | None) -> str:
    """SPEC §4a: why two QUANTITYs of different units cannot be joined."""

    def what(unit: str | None, measure: str, count: str = "a count") -> str:
        return count if unit is None else f"a {measure} in {unit}"

    if rtype == "part_of":
        part = what(a, "share" if b is None else "part", "a count part")
        return (
            f"part_of {src} → {dst}: {part} of {what(b, 'whole')} is not a relation "
            "(a part shares its whole's unit; only a percent part is a share of a count)"
        )
    return (f"{rtype} {src} → {dst}: {what(a, 'measure')} and {what(b, 'measure')} cannot be "
            "the same figure")  # fmt: skip


def _grouped_by_target(r: pd.DataFrame) -> tuple[np.ndarray, list[list[int]], list[list[str]]]:
    """Targets in order of their first relation, with their source rows and source ids in
    relation order: one stable sort, then slices of two plain lists."""
    r = r.sort_values("order", kind="stable")
    codes, targets = pd.factorize(r["b"].to_numpy())
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=len(targets))).tolist()
    rows = r["a"].to_numpy()[order].tolist()
    ids = r["from"].to_numpy()[order].tolist()
    bounds = list(zip([0, *ends], ends, strict=False))
    return (
        np.asarray(targets, dtype=np.int64),
        [rows[s:e] for s, e in bounds],
        [ids[s:e] for s, e in bounds],
    )


@rule("part_whole.sum", "error", "the parts' low bounds add up to more than the whole's high")
def part_whole_sum(ctx: Context) -> Outcome:
    """Σ low(parts) ≤ high(whole) over the parts of the whole's unit (counts: one bincount;
    measures: exact Fractions), and Σ low ≤ 100 over the percent shares of a count whole."""
    r = ctx.valid_relations("part_of")
    r = r[r["a"] != r["b"]]
    m = ctx.mentions
    lo, hi = m["lo"].to_numpy(), m["hi"].to_numpy()
    a, b = r["a"].to_numpy(), r["b"].to_numpy()
    share = ctx.is_share(a, b)
    measure = ctx.measure[b] & ~share
    counted = ~share & ~measure
    total = np.bincount(b[counted], weights=lo[a[counted]], minlength=len(m))
    exact: dict[int, Fraction | float] = {}
    shares: dict[int, Fraction | float] = {}
    xlo, xhi = ctx.exact
    for into, rows in ((exact, np.flatnonzero(measure)), (shares, np.flatnonzero(share))):
        for p, w in zip(a[rows].tolist(), b[rows].tolist(), strict=True):
            into[w] = into.get(w, 0) + xlo[p]
    wholes = np.unique(b[counted])
    over_sum = set(wholes[total[wholes] > hi[wholes]].tolist())
    over_sum |= {w for w, t in exact.items() if t > xhi[w]}
    over_share = {w for w, t in shares.items() if t > 100}
    involved = np.where(share, np.isin(b, list(over_share)), np.isin(b, list(over_sum)))
    targets, rows, parts = _grouped_by_target(r[involved])
    whole = Described(m, targets)
    flat_rows = np.asarray([p for g in rows for p in g], dtype=np.int64)
    flat = Described(m, flat_rows).as_parts()
    is_share = ctx.unit_code[flat_rows] == ctx.percent_code
    ends = np.cumsum([len(g) for g in rows]).tolist()
    msgs = []
    for w, surface, said_whole, s, e in zip(
        targets.tolist(), whole.surface, whole.as_wholes(), [0, *ends], ends, strict=False
    ):
        said = []
        if w in over_sum:
            terms = [f for f, sh in zip(flat[s:e], is_share[s:e], strict=True) if not sh]
            t = exact[w] if w in exact else total[w]
            said.append(f"parts of «{surface}» overflow it: {' + '.join(terms)} = "
                        f"{with_unit(num(t), ctx.unit_of(w))} > {said_whole}")  # fmt: skip
        if w in over_share:
            terms = [f for f, sh in zip(flat[s:e], is_share[s:e], strict=True) if sh]
            said.append(
                f"shares of «{surface}» add up to more than 100 percent: "
                f"{' + '.join(terms)} = {num(shares[w])} percent > 100 percent"
            )
        msgs.append("; ".join(said))
    ids = [[*p, w] for p, w in zip(parts, whole.id, strict=True)]
    wholes_checked = np.unique(b)
    return outcome(whole.doc_id, ids, msgs, ctx.doc_pos[wholes_checked])


@rule("part_whole.cycle", "error", "part_of relations form a cycle")
def part_whole_cycle(ctx: Context) -> Outcome:
    r = ctx.valid_relations("part_of")
    checked = r["doc"].to_numpy()
    a, b = r["a"].to_numpy(), r["b"].to_numpy()
    # Peel rows without incoming or outgoing edges; what remains lies on or between cycles.
    while len(a):
        keep = np.isin(a, b) & np.isin(b, a)
        if keep.all():
            break
        a, b = a[keep], b[keep]
    m = ctx.mentions
    cycles = _cycles(list(zip(a.tolist(), b.tolist(), strict=True)))
    mention_ids = m["id"].to_numpy()
    ids = [mention_ids[c].tolist() for c in cycles]
    docs = column(m, "doc_id", np.asarray([c[0] for c in cycles], dtype=np.int64))
    msgs = ["part_of cycle: " + " → ".join([*names, names[0]]) for names in ids]
    return outcome(docs, ids, msgs, checked)


def _cycles(edges: list[tuple[int, int]]) -> list[list[int]]:
    """Strongly connected components with a cycle (Tarjan) on the small peeled residue."""
    graph: dict[int, list[int]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []

    def visit(v: int) -> None:
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
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


@rule("count.members", "error", "a QUANTITY has more member_of members than its high bound")
def count_members(ctx: Context) -> Outcome:
    r = ctx.valid_relations("member_of")
    r = r[~ctx.measure[r["b"].to_numpy()]]  # members are counted things: a measure has none
    m = ctx.mentions
    b = r["b"].to_numpy()
    counts = np.bincount(b, minlength=len(m))  # valid_relations already counts a pair once
    targets = np.unique(b)
    over = targets[counts[targets] > m["hi"].to_numpy()[targets]]
    wholes, rows, members = _grouped_by_target(r[np.isin(b, over)])
    w = Described(m, wholes)
    surface = m["surface"].to_numpy()
    names = [[str(s) for s in surface[g].tolist()] for g in rows]
    msgs = [
        f"«{s}» counts {f} (≤ {num(h)}) but lists {len(n)} members: {', '.join(n)}"
        for s, f, h, n in zip(w.surface, w.figures(), w.hi, names, strict=True)
    ]
    ids = [[*ms, i] for ms, i in zip(members, w.id, strict=True)]
    return outcome(w.doc_id, ids, msgs, ctx.doc_pos[targets])


def _group_pairs(groups: pd.DataFrame) -> pd.DataFrame:
    """Every unordered pair of rows inside each group, ordered by input row."""
    pairs = groups.merge(groups, on="group", suffixes=("_a", "_b"))
    return pairs[pairs["row_a"] < pairs["row_b"]].sort_values(["row_a", "row_b"])


@rule("same_as.values", "error", "two same_as QUANTITY intervals do not overlap")
def same_as_values(ctx: Context) -> Outcome:
    pairs = _group_pairs(ctx.groups("same_as", "QUANTITY"))
    m = ctx.mentions
    lo, hi = m["lo"].to_numpy(), m["hi"].to_numpy()
    a, b = pairs["row_a"].to_numpy(), pairs["row_b"].to_numpy()
    apart = np.maximum(lo[a], lo[b]) > np.minimum(hi[a], hi[b])
    measured = np.flatnonzero(ctx.measure[a])  # a group shares one unit (see Context)
    if len(measured):
        xlo, xhi = ctx.exact
        apart[measured] = [
            max(xlo[i], xlo[j]) > min(xhi[i], xhi[j])
            for i, j in zip(a[measured].tolist(), b[measured].tolist(), strict=True)
        ]
    x, y = Described(m, a[apart]), Described(m, b[apart])
    msgs = [
        f"same figure cannot be {fx} {bx} and {fy} {by}"
        for fx, bx, fy, by in zip(x.figures(), x.bounds(), y.figures(), y.bounds(), strict=True)
    ]
    ids = [[i, j] for i, j in zip(x.id, y.id, strict=True)]
    return outcome(x.doc_id, ids, msgs, ctx.doc_pos[a])


def _joined(keys: np.ndarray, values: list[str], sep: str) -> pd.Series:
    """`sep`-joined values per run of equal sorted keys, indexed by key."""
    if not len(keys):
        return pd.Series(dtype=object)
    heads = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = [*heads[1:].tolist(), len(keys)]
    texts = [sep.join(values[s:e]) for s, e in zip(heads.tolist(), ends, strict=True)]
    return pd.Series(texts, index=keys[heads], dtype=object)


def _sources(ctx: Context) -> pd.DataFrame:
    """row (the event), key (code of the normalized source text), shown (as written)."""
    r = ctx.valid_relations("reported_by")
    r = r[r["from_code"] == LABEL_CODE["EVENT"]]
    text = ctx.mentions["surface"].to_numpy(dtype=object)[r["b"].to_numpy()]
    shown = pd.Series(text, dtype=object).fillna("")
    key = pd.factorize(by_unique(shown, lambda t: " ".join(fold(t).split())))[0]
    return pd.DataFrame({"row": r["a"].to_numpy(), "key": key, "shown": shown.to_numpy()})


@rule(
    "source.conflict",
    "warning",
    "two same_as EVENTs reported by different sources carry different status",
)
def source_conflict(ctx: Context) -> Outcome:
    m = ctx.mentions
    pairs = _group_pairs(ctx.groups("same_as", "EVENT"))
    src = _sources(ctx)
    status = m["status"].to_numpy(dtype=object)
    a, b = pairs["row_a"].to_numpy(), pairs["row_b"].to_numpy()
    applies = np.isin(a, src["row"]) & np.isin(b, src["row"])
    applies &= pd.notna(status[a]) & pd.notna(status[b])
    a, b = a[applies], b[applies]
    differ = status[a] != status[b]
    cand = pd.DataFrame({"a": a[differ], "b": b[differ]})
    # A pair whose two events share a source is no conflict.
    shared = cand.merge(src[["row", "key"]].rename(columns={"row": "a"}), on="a").merge(
        src[["row", "key"]].rename(columns={"row": "b"}), on=["b", "key"]
    )
    hit = cand.merge(shared[["a", "b"]].drop_duplicates(), on=["a", "b"], how="left",
                     indicator=True)  # fmt: skip
    hit = hit[hit["_merge"] == "left_only"]
    named = src[src["row"].isin(np.concatenate([hit["a"], hit["b"]]))]
    named = named.drop_duplicates(["row", "shown"]).sort_values(["row", "shown"])
    shown = _joined(named["row"].to_numpy(), named["shown"].tolist(), ", ")
    hx, hy = hit["a"].to_numpy(), hit["b"].to_numpy()
    x, y = Described(m, hx), Described(m, hy)
    msgs = [
        f"«{sx}» is {tx} per {nx} but «{sy}» is {ty} per {ny}"
        for sx, tx, nx, sy, ty, ny in zip(
            x.surface,
            status[hx].tolist(),
            shown.reindex(hx).tolist(),
            y.surface,
            status[hy].tolist(),
            shown.reindex(hy).tolist(),
            strict=True,
        )
    ]
    ids = [[i, j] for i, j in zip(x.id, y.id, strict=True)]
    return outcome(x.doc_id, ids, msgs, ctx.doc_pos[a])
