"""Adjudication of two annotators' work on a task, as INCEpTION's curation and Prodigy's
review do it: one merged annotation where what they agree on stands as it is and each
disagreement is there in both versions, marked, for the adjudicator to keep one.

The merge pairs regions and relations with `checks.agree.compare` (the matching `tally
agree` reports), so what adjudication asks about is exactly the agreement report's list.
A version carries the marker in its region meta (`meta.text`, which the labeling page shows
in the region's details): `tally adjudicate #<group> <A|B>: ...`. Relations touching a
region in dispute are drawn to each of its versions, so deleting a version keeps the
relations of the one kept. The task's `meta` records the merged annotation's id and how
many versions each group had, so the disagreements left can be counted from any export.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from itertools import product

from checks.agree.compare import compare_pair
from checks.facts import Facts
from checks.readers.documents import documents_frame
from checks.readers.labelstudio import META_KEY, adjudication_id, convert_result
from checks.readers.records import mentions_frame, relations_frame
from checks.scoring.matching import CORRECT, candidate_pairs, match

MARK = re.compile(r"^tally adjudicate #(\d+) ([AB])\b")


@dataclass(frozen=True)
class Merge:
    result: list[dict]  # the merged annotation's result items
    groups: dict[str, int]  # group -> how many versions it was pushed with (1 or 2)


def facts_of(result: list[dict], doc_id: str, where: str) -> Facts:
    mentions, relations = convert_result(result, doc_id, where)
    doc = {"doc_id": doc_id, "origin": where}
    return Facts(documents_frame([doc]), mentions_frame(mentions), relations_frame(relations))


def _regions(result: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for item in result:
        if item.get("type") != "relation":
            out.setdefault(str(item.get("id")), []).append(item)
    return out


def _mark(items: list[dict], group: int, side: str, text: str) -> list[dict]:
    marked = copy.deepcopy(items)
    for item in marked:
        item["meta"] = {"text": [f"tally adjudicate #{group} {side}: {text}"]}
    return marked


def merge(a: list[dict], b: list[dict], names: tuple[str, str], doc_id: str,
          where: str) -> Merge:  # fmt: skip
    """The merged result of annotators A (`a`) and B (`b`) of one document."""
    fa = facts_of(a, doc_id, f"{where} ({names[0]})")
    fb = facts_of(b, doc_id, f"{where} ({names[1]})")
    comparison = compare_pair(fa, fb, [doc_id])
    am, bm = comparison.am, comparison.bm
    a_ids, b_ids = am["id"].astype(str).to_numpy(), bm["id"].astype(str).to_numpy()
    pairs = candidate_pairs(am, bm)
    strict = match(pairs, "strict", pairs.alone)
    ok = strict.outcome == CORRECT
    b_to_a = dict(zip(b_ids[strict.pred[ok]], a_ids[strict.gold[ok]], strict=True))

    a_regions, b_regions = _regions(a), _regions(b)
    taken = set(a_regions)
    versions: dict[str, list[str]] = {rid: [rid] for rid in a_regions}  # A id -> version ids
    b_version: dict[str, str] = {}  # B id -> its version's id in the merge
    paired: dict[str, str] = {}  # B id -> the A id it is the other version of
    marked: dict[str, tuple[int, str, str]] = {}  # version id -> (group, side, text)
    groups: dict[str, int] = {}

    def new_id(rid: str) -> str:
        n, out = 2, f"{rid}~{names[1]}"
        while out in taken:
            out, n = f"{rid}~{names[1]}{n}", n + 1
        taken.add(out)
        return out

    d = comparison.disagreements
    spans = d[d["kind"] != "relation_only"].drop_duplicates(["a", "b"])
    for group, row in enumerate(spans.itertuples(index=False), start=1):
        kinds = sorted(set(d[(d["a"] == row.a) & (d["b"] == row.b)]["kind"]))
        what = ", ".join(kinds)
        ra = a_ids[row.a] if row.a >= 0 else None
        rb = b_ids[row.b] if row.b >= 0 else None
        if ra is not None and rb is not None:
            vid = new_id(rb)
            b_version[rb] = vid
            paired[rb] = ra
            versions[ra].append(vid)
            marked[ra] = (
                group,
                "A",
                f"they differ in {what}: {names[0]}'s version; keep one of two",
            )
            marked[vid] = (
                group,
                "B",
                f"they differ in {what}: {names[1]}'s version; keep one of two",
            )
            groups[str(group)] = 2
        elif ra is not None:
            marked[ra] = (group, "A", f"only {names[0]} marked this; keep or delete it")
            groups[str(group)] = 1
        else:
            vid = new_id(rb)
            b_version[rb] = vid
            versions[vid] = [vid]
            marked[vid] = (group, "B", f"only {names[1]} marked this; keep or delete it")
            groups[str(group)] = 1

    result: list[dict] = []
    for rid, items in a_regions.items():
        result += _mark(items, *marked[rid]) if rid in marked else copy.deepcopy(items)
    for rb, vid in b_version.items():
        items = [{**copy.deepcopy(i), "id": vid} for i in b_regions[rb]]
        result += _mark(items, *marked[vid])

    def a_side(end: str) -> list[str]:
        return versions.get(end, [end])

    def b_side(end: str) -> list[str]:
        if end in paired:
            return a_side(paired[end])
        if end in b_version:
            return [b_version[end]]
        return a_side(b_to_a.get(end, end))

    only = d[d["kind"] == "relation_only"]
    lone = set(zip(only["side"], only["from"], only["to"], only["type"], strict=True))
    next_group = len(spans) + 1
    for side, source, ends in (("a", a, a_side), ("b", b, b_side)):
        for item in source:
            if item.get("type") != "relation":
                continue
            src, dst = str(item.get("from_id")), str(item.get("to_id"))
            label = (item.get("labels") or [""])[0]
            key = (side, *_directed(item, src, dst), label)
            if side == "b" and key not in lone:
                continue  # drawn by both: A's copy stands for it
            mark = None
            if key in lone:
                who = names[0] if side == "a" else names[1]
                mark = (next_group, side.upper(), f"only {who} drew {label}; keep or delete it")
                groups[str(next_group)] = 1
                next_group += 1
            for f, t in product(ends(src), ends(dst)):
                copy_ = {**copy.deepcopy(item), "from_id": f, "to_id": t}
                result += _mark([copy_], *mark) if mark else [copy_]
    return Merge(result, groups)


def _directed(item: dict, src: str, dst: str) -> tuple[str, str]:
    """(from, to) as the facts reader reads them (a `left` relation points backwards; a
    same_as is compared undirected by `compare`, which sorts its ends)."""
    if item.get("direction") == "left":
        src, dst = dst, src
    if (item.get("labels") or [""])[0] == "same_as" and src > dst:
        src, dst = dst, src
    return src, dst


def remaining(task_meta: object, annotation: dict | None) -> int | None:
    """Disagreements still open in a task's adjudication (None: the task has none): a group
    with two versions left, or, until the result is marked ground truth, a one-version group
    whose version is still there (kept or not, nobody has decided yet)."""
    record = task_meta.get(META_KEY) if isinstance(task_meta, dict) else None
    if not isinstance(record, dict) or annotation is None:
        return None
    pushed = record.get("groups") if isinstance(record.get("groups"), dict) else {}
    present: dict[str, set[str]] = {}
    for item in annotation.get("result") or []:
        meta = item.get("meta") if isinstance(item, dict) else None
        for text in (meta or {}).get("text") or [] if isinstance(meta, dict) else []:
            found = MARK.match(str(text))
            if found:
                present.setdefault(found.group(1), set()).add(found.group(2))
    truth = annotation.get("ground_truth") is True
    return sum(
        len(present.get(g, ())) >= 2 or (n == 1 and not truth and g in present)
        for g, n in pushed.items()
    )


def adjudication_line(adjudicated: dict) -> str:
    return (f"tally agree: adjudication: {adjudicated['remaining']} disagreements remain in "
            f"{adjudicated['tasks']} adjudicated tasks ({adjudicated['ground_truth']} marked "
            "ground truth)")  # fmt: skip


def open_adjudications(tasks: list) -> list[str]:
    """One line per task of an export whose adjudication is not finished: disagreements
    still open, or not yet marked ground truth (so the gold is still an annotator's)."""
    lines = []
    for task in tasks:
        merged = adjudication_id(task) if isinstance(task, dict) else None
        if merged is None:
            continue
        found = [a for a in task.get("annotations") or [] if isinstance(a, dict)
                 and a.get("id") == merged]  # fmt: skip
        doc_id = (task.get("data") or {}).get("doc_id")
        if not found:
            lines.append(f"{doc_id}: its adjudication (annotation {merged}) was deleted")
            continue
        n = remaining(task.get("meta"), found[0]) or 0
        truth = found[0].get("ground_truth") is True
        if n or not truth:
            state = "marked ground truth" if truth else "not marked ground truth yet"
            lines.append(f"{doc_id}: adjudication {state}, {n} disagreements open")
    return lines
