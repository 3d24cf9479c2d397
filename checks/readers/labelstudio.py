"""Label Studio JSON exports (a list of tasks) into the facts tables.

Unlike Label Studio's own converter, nothing is dropped: every result item of the chosen
annotation becomes a mention, an attribute of a mention or a relation, or an `InputError`
naming the task and region. Semantic faults the server accepts blindly (unknown labels,
attribute values outside SPEC §2, offsets that drift from the text, relations to missing
regions) become rows that the rules report with the same task and region.

Which annotation is gold: the one marked `ground_truth`, else the most recently updated
one that was not cancelled. Predictions (pre-annotations) are never gold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.facts import DOCUMENT_COLUMNS, Facts, InputError
from checks.readers.documents import check_doc_id, documents_frame
from checks.readers.jsonfile import read_json
from checks.readers.records import mentions_frame, relations_frame
from checks.schema import ATTRIBUTE_BY_NAME, LS_LABELS

# result type -> how its value is read
_ATTRIBUTE_TYPES = {"number": "number", "choices": "choices", "textarea": "text"}


def read_labelstudio(path: Path, tasks: list[Any] | None = None) -> Facts:
    if tasks is None:
        tasks = read_json(path)
    if not isinstance(tasks, list):
        raise InputError(str(path), "a Label Studio export is a JSON list of tasks")
    docs, mentions, relations = [], [], []
    for n, task in enumerate(tasks):
        where = f"{path} task {task.get('id', f'#{n}') if isinstance(task, dict) else f'#{n}'}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InputError(where, "a task must be an object with 'data'")
        data = task["data"]
        doc_id = check_doc_id(data.get("doc_id"), where)
        docs.append({**{k: data.get(k) for k in DOCUMENT_COLUMNS}, "origin": where})
        annotation = choose_annotation(task.get("annotations") or [], where)
        if annotation is not None:
            m, r = convert_result(annotation.get("result") or [], doc_id, where)
            mentions.extend(m)
            relations.extend(r)
    return Facts(
        documents=documents_frame(docs),
        mentions=mentions_frame(mentions),
        relations=relations_frame(relations),
    )


def choose_annotation(annotations: list[Any], where: str) -> dict | None:
    if not all(isinstance(a, dict) for a in annotations):
        raise InputError(where, "annotations must be objects")
    live = [a for a in annotations if not a.get("was_cancelled")]
    if not live:
        return None
    truth = [a for a in live if a.get("ground_truth")]
    pool = truth or live
    return max(pool, key=lambda a: (str(a.get("updated_at") or ""), str(a.get("id") or "")))


def convert_result(result: list[Any], doc_id: str, where: str) -> tuple[list[dict], list[dict]]:
    """One annotation's result items -> mention and relation records (or InputError)."""
    regions: dict[str, dict] = {}
    attributes: list[tuple[str, str, Any, str]] = []
    relations: list[dict] = []
    for i, item in enumerate(result):
        if not isinstance(item, dict):
            raise InputError(f"{where} result #{i}", "a result item must be an object")
        kind = item.get("type")
        rid = item.get("id")
        here = f"{where} region {rid}" if rid is not None else f"{where} result #{i}"
        if kind == "relation":
            relations.extend(_relation(item, doc_id, where))
            continue
        if rid is None:
            raise InputError(here, "result item has no region id")
        value = item.get("value")
        if not isinstance(value, dict):
            raise InputError(here, "result item has no 'value' object")
        if kind == "labels":
            if item.get("from_name") != LS_LABELS:
                raise InputError(here, f"labels from unknown control {item.get('from_name')!r}")
            regions[str(rid)] = _region(value, doc_id, str(rid), here)
        elif kind in _ATTRIBUTE_TYPES:
            name = item.get("from_name")
            if name not in ATTRIBUTE_BY_NAME:
                raise InputError(here, f"attribute from unknown control {name!r}")
            attributes.append((str(rid), name, _attribute_value(kind, value, here), here))
        else:
            raise InputError(here, f"result type {kind!r} is not part of the tally schema")
    for rid, name, value, here in attributes:
        if rid not in regions:
            raise InputError(here, f"attribute {name!r} belongs to no labelled region")
        region = regions[rid]
        if name in region:
            raise InputError(here, f"attribute {name!r} given twice")
        region[name] = value
    return list(regions.values()), relations


def _region(value: dict, doc_id: str, rid: str, here: str) -> dict:
    if "start" not in value or "end" not in value:
        raise InputError(here, "region has no start/end offsets")
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise InputError(here, "region has no label")
    return {
        "doc_id": doc_id,
        "id": rid,
        "start": value["start"],
        "end": value["end"],
        "text": value.get("text"),
        "label": "|".join(map(str, labels)),
        "origin": here,
    }


def _attribute_value(kind: str, value: dict, here: str) -> Any:
    key = _ATTRIBUTE_TYPES[kind]
    if key not in value:
        raise InputError(here, f"{kind} result has no {key!r}")
    got = value[key]
    if kind == "number":
        return got
    if not isinstance(got, list) or len(got) != 1:
        raise InputError(here, f"{kind} result must hold exactly one entry, got {got!r}")
    return got[0]


def _relation(item: dict, doc_id: str, where: str) -> list[dict]:
    src, dst = item.get("from_id"), item.get("to_id")
    here = f"{where} relation {src}->{dst}"
    if src is None or dst is None:
        raise InputError(here, "relation has no from_id/to_id")
    direction = item.get("direction", "right")
    labels = item.get("labels") or [""]
    if direction == "left":
        src, dst = dst, src
    elif direction == "bi" and any(lbl != "same_as" for lbl in labels):
        raise InputError(here, "a bidirectional relation is only meaningful for same_as")
    elif direction not in ("right", "bi"):
        raise InputError(here, f"unknown relation direction {direction!r}")
    return [
        {"doc_id": doc_id, "from": str(src), "to": str(dst), "type": lbl, "origin": here}
        for lbl in labels
    ]
