"""Label Studio JSON exports (a list of tasks) into the facts tables.

Unlike Label Studio's own converter, nothing is dropped: every result item of every
annotation and prediction is converted (a mention, an attribute of a mention, a relation),
an `InputError` naming the task and region, or counted in a notice with the reason it was
not used (a cancelled or older annotation, another annotator's, a draft, a prediction).
Semantic faults the server accepts blindly (unknown labels, attribute values outside SPEC
§2, offsets that drift from the text, relations to missing regions) become rows that the
rules report with the same task and region.

Which annotation is gold: the one marked `ground_truth`, else the most recently updated one
that was not cancelled (timestamps parsed, time zones honoured). Exports from before Label
Studio 1.0 call annotations `completions`; they are read the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.facts import DOCUMENT_COLUMNS, Facts, InputError
from checks.notices import Notices
from checks.readers.documents import check_doc_id, documents_frame
from checks.readers.jsonfile import read_json
from checks.readers.records import mentions_frame, relations_frame
from checks.readers.source import display
from checks.schema import ATTRIBUTE_BY_NAME, LS_LABELS

# result type -> the key its value is read from
_ATTRIBUTE_TYPES = {"number": "number", "choices": "choices", "textarea": "text"}
_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)
META_KEY = "tally_adjudication"  # task meta of `tally annotate adjudicate`
UNFINISHED = "ignored: result item of an adjudication not yet marked ground truth"


def read_labelstudio(path: Path, tasks: list[Any] | None = None) -> Facts:
    if tasks is None:
        tasks = read_json(path)
    if not isinstance(tasks, list):
        raise InputError(display(path), "a Label Studio export is a JSON list of tasks")
    docs, mentions, relations = [], [], []
    notices = Notices()
    for n, raw in enumerate(tasks):
        task = read_task(display(path), n, raw)
        where, data, doc_id, annotations = task.where, task.data, task.doc_id, task.annotations
        merged = adjudication_id(raw)
        for a in annotations:  # an adjudication in progress holds both versions: not gold
            if merged is not None and a.get("id") == merged and a.get("ground_truth") is not True:
                notices.add(UNFINISHED, _size(a.get("result")), where)
                annotations = [x for x in annotations if x is not a]
        chosen = choose_annotation(annotations, where, notices)
        m: list[dict] = []
        if chosen is not None:
            result = annotation_result(chosen, where)
            m, r = convert_result(result, doc_id, where)
            mentions.extend(m)
            relations.extend(r)
            notices.converted += len(result)
        _count_unused(task, chosen, annotations, where, notices)
        doc = {**{k: data.get(k) for k in DOCUMENT_COLUMNS}, "origin": where}
        if doc["text"] is None:
            doc["text"] = _text_elsewhere(data, m, where, notices)
        docs.append(doc)
    return Facts(
        documents=documents_frame(docs),
        mentions=mentions_frame(mentions),
        relations=relations_frame(relations),
        notices=notices,
    )


@dataclass(frozen=True)
class Task:
    """One Label Studio task as every command reads it (check, score, agree, review, pull)."""

    where: str  # "<source> task <id>", for messages
    data: dict
    doc_id: str
    annotations: list[dict]  # `annotations`, and `completions` of pre-1.0 exports
    drafts: list[dict]  # the task's own drafts (an annotation's are on the annotation)
    predictions: list[dict]  # whole predictions (a snapshot export, a hand-made file)
    prediction_ids: list[int | str]  # predictions listed by id only (the quick export)

    @property
    def prediction_count(self) -> int:
        return len(self.predictions) + len(self.prediction_ids)


def read_task(source: str, n: int, task: Any) -> Task:
    """The task's parts, each checked for its shape (InputError naming the task)."""
    where, data, doc_id = task_head(source, n, task)
    predictions, ids = task_predictions(task, where)
    return Task(
        where=where,
        data=data,
        doc_id=doc_id,
        annotations=task_annotations(task, where),
        drafts=listed_objects(task, "drafts", where),
        predictions=predictions,
        prediction_ids=ids,
    )


def task_predictions(task: dict, where: str) -> tuple[list[dict], list[int | str]]:
    """(prediction objects, prediction ids): Label Studio's export lists the predictions of
    a task by id unless asked to serialize them whole, and a file may mix both."""
    items = task.get("predictions")
    if items is None:
        return [], []
    if not isinstance(items, list):
        raise InputError(where, "'predictions' must be a list of prediction objects or ids")
    objects, ids = [], []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            objects.append(item)
        elif _is_id(item):
            ids.append(item)
        else:
            raise InputError(
                where,
                f"'predictions' #{i} is {item!r:.40}: a prediction is an object or an id "
                "(a whole number or a non-empty text)",
            )
    return objects, ids


def _is_id(item: Any) -> bool:
    if isinstance(item, bool):
        return False
    return isinstance(item, int) or (isinstance(item, str) and bool(item.strip()))


def annotation_drafts(annotation: dict, where: str) -> list[dict]:
    return listed_objects(annotation, "drafts", where)


def adjudication_id(task: dict) -> object:
    """The id of the merged annotation `tally annotate adjudicate` pushed to this task (kept
    in the task's meta), or None."""
    meta = task.get("meta")
    record = meta.get(META_KEY) if isinstance(meta, dict) else None
    return record.get("annotation") if isinstance(record, dict) else None


def task_head(source: str, n: int, task: Any) -> tuple[str, dict, str]:
    """A task's location for messages, its `data` and its doc_id (or InputError)."""
    task_id = task.get("id", f"#{n}") if isinstance(task, dict) else f"#{n}"
    where = f"{source} task {task_id!s:.40}"
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError(where, "a task must be an object with a 'data' object")
    data = task["data"]
    return where, data, check_doc_id(data.get("doc_id"), where)


def annotation_result(annotation: dict, where: str) -> list:
    """An annotation's result items (none when absent), or InputError when not a list."""
    result = annotation.get("result")
    if result is None:
        return []
    if not isinstance(result, list):
        raise InputError(where, "an annotation's 'result' must be a list")
    return result


def task_annotations(task: dict, where: str) -> list[dict]:
    """`annotations`, and `completions` as exports before Label Studio 1.0 called them."""
    return listed_objects(task, "annotations", where) + listed_objects(task, "completions", where)


def listed_objects(task: dict, key: str, where: str) -> list[dict]:
    items = task.get(key)
    if items is None:
        return []
    if not isinstance(items, list) or not all(isinstance(a, dict) for a in items):
        raise InputError(where, f"{key!r} must be a list of objects")
    return items


def annotation_time(annotation: dict) -> dt.datetime:
    """updated_at (else created_at) as an aware datetime; unreadable ones sort oldest."""
    for key in ("updated_at", "created_at"):
        raw = annotation.get(key)
        if isinstance(raw, str):
            try:
                when = dt.datetime.fromisoformat(raw.strip())
            except ValueError:
                continue
            return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            try:
                return dt.datetime.fromtimestamp(raw, dt.UTC)
            except (OverflowError, OSError, ValueError):
                continue
    return _EPOCH


def choose_annotation(annotations: list[dict], where: str, notices: Notices) -> dict | None:
    live = [a for a in annotations if not a.get("was_cancelled")]
    if not live:
        return None
    truth = [a for a in live if a.get("ground_truth") is True]
    pool = truth or live
    return max(pool, key=lambda a: (annotation_time(a), str(a.get("id") or "")))


def _size(items: object) -> int:
    return len(items) if isinstance(items, list) else 0


def _count_unused(
    task: Task, chosen: dict | None, annotations: list[dict], where: str, notices: Notices
) -> None:
    """Every result item that is not gold is counted with its reason."""
    for a in annotations:
        if a is chosen:
            continue
        reason = (
            "ignored: result item of a cancelled (skipped) annotation"
            if a.get("was_cancelled")
            else "ignored: result item of an annotation that is not the gold one "
            "(another annotator's or an older one)"
        )
        notices.add(reason, _size(a.get("result")), where)
        _drafts(a, where, notices)
    if chosen is not None:
        _drafts(chosen, where, notices)
    for draft in task.drafts:
        notices.add("ignored: result item of a draft", _size(draft.get("result")), where)
    for pred in task.predictions:
        notices.add(
            "ignored: result item of a prediction (pre-annotation; never gold)",
            _size(pred.get("result")),
            where,
        )
    notices.add(
        "ignored: prediction listed by id only (pre-annotation; never gold)",
        len(task.prediction_ids),
        where,
    )


def _drafts(annotation: dict, where: str, notices: Notices) -> None:
    for draft in annotation_drafts(annotation, where):
        notices.add("ignored: result item of a draft", _size(draft.get("result")), where)


def _text_elsewhere(data: dict, regions: list[dict], where: str, notices: Notices) -> str | None:
    """A task whose text sits under another `data` key: take the key every region's text
    matches, and say so; otherwise the document has no text (the CLI says which rules skip)."""
    spans = [
        (r["start"], r["end"], r["text"])
        for r in regions
        if isinstance(r.get("start"), int)
        and isinstance(r.get("end"), int)
        and isinstance(r.get("text"), str)
    ]
    candidates = [k for k, v in data.items() if isinstance(v, str) and k != "doc_id"]
    fits = [k for k in candidates if spans and all(data[k][s:e] == t for s, e, t in spans)]
    if len(fits) == 1:
        notices.add(f"text read from data.{fits[0]} (no data.text)", 1, where)
        return data[fits[0]]
    return None


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
        if rid is not None and not isinstance(rid, (str, int)):
            raise InputError(f"{where} result #{i}", f"region id must be text, got {rid!r:.40}")
        here = f"{where} region {rid}" if rid is not None else f"{where} result #{i}"
        if not isinstance(kind, str):
            raise InputError(here, f"result item type must be text, got {kind!r:.40}")
        if kind == "relation":
            relations.extend(_relation(item, doc_id, where))
            continue
        if rid is None:
            raise InputError(here, "result item has no region id")
        value = item.get("value")
        if not isinstance(value, dict):
            raise InputError(here, "result item has no 'value' object")
        name = item.get("from_name")
        if kind == "labels":
            if name != LS_LABELS:
                raise InputError(here, f"labels from unknown control {name!r:.40}")
            if str(rid) in regions:
                raise InputError(here, f"region id {rid!s} appears twice (duplicate region)")
            regions[str(rid)] = _region(value, doc_id, str(rid), here)
        elif kind in _ATTRIBUTE_TYPES:
            if not isinstance(name, str) or name not in ATTRIBUTE_BY_NAME:
                raise InputError(here, f"attribute from unknown control {name!r:.40}")
            attributes.append((str(rid), name, _attribute_value(kind, value, here), here))
        else:
            raise InputError(here, f"result type {kind!r:.40} is not part of the tally schema")
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
    if not all(isinstance(label, str) for label in labels):
        raise InputError(here, f"region labels must be text, got {labels!r:.60}")
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(here, f"region text must be text, got {text!r:.40}")
    return {
        "doc_id": doc_id,
        "id": rid,
        "start": value["start"],
        "end": value["end"],
        "text": text,
        "label": "|".join(labels),
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
        raise InputError(here, f"{kind} result must hold exactly one entry, got {got!r:.60}")
    return got[0]


def _relation(item: dict, doc_id: str, where: str) -> list[dict]:
    src, dst = item.get("from_id"), item.get("to_id")
    here = f"{where} relation {src!s:.40}->{dst!s:.40}"
    for end in (src, dst):
        if end is None:
            raise InputError(here, "relation has no from_id/to_id")
        if not isinstance(end, (str, int)) or isinstance(end, bool):
            raise InputError(here, f"relation end must be a region id, got {end!r:.40}")
    direction = item.get("direction", "right")
    labels = item.get("labels") or [""]
    if not isinstance(labels, list) or not all(isinstance(lbl, str) for lbl in labels):
        raise InputError(here, f"relation labels must be a list of text, got {labels!r:.60}")
    if direction == "left":
        src, dst = dst, src
    elif direction == "bi" and any(lbl != "same_as" for lbl in labels):
        raise InputError(here, "a bidirectional relation is only meaningful for same_as")
    elif direction not in ("right", "bi"):
        raise InputError(here, f"unknown relation direction {direction!r:.40}")
    return [
        {"doc_id": doc_id, "from": str(src), "to": str(dst), "type": lbl, "origin": here}
        for lbl in labels
    ]
