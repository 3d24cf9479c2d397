"""A Label Studio export with several annotators per task, read as one facts table per
annotator.

Each annotation goes through the Label Studio reader's own `convert_result` (and its rules
for listing annotations and reading their timestamps), so a region, attribute or relation
means the same here as in `tally check` and `tally score`. Nothing is dropped silently:
cancelled (skipped) annotations, annotations an annotator superseded on the same task,
drafts, predictions and tasks with fewer than two annotators are counted as notices.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.agree.adjudication import remaining
from checks.facts import DOCUMENT_COLUMNS, Facts, InputError
from checks.notices import Notices
from checks.readers.documents import documents_frame
from checks.readers.jsonfile import read_json
from checks.readers.labelstudio import (
    adjudication_id,
    annotation_drafts,
    annotation_result,
    annotation_time,
    convert_result,
    read_task,
)
from checks.readers.records import mentions_frame, relations_frame
from checks.readers.source import display

CANCELLED = "ignored: cancelled (skipped) annotation"
SUPERSEDED = "ignored: older annotation of a task by the same annotator"
DRAFT = "ignored: draft (not submitted)"
PREDICTION = "ignored: prediction (pre-annotation; not an annotator's)"
ALONE = "not compared: task with fewer than two annotators"
ADJUDICATION = "not compared: the adjudication (tally annotate adjudicate), not an annotator's"


@dataclass(frozen=True)
class Task:
    id: Any
    project: Any
    doc_id: str
    text: str


@dataclass
class Annotated:
    """Every annotator's facts over the tasks they annotated (documents hold only those)."""

    tasks: dict[str, Task]  # by doc_id
    annotators: dict[str, str]  # key -> display name
    facts: dict[str, Facts]  # by annotator key
    notices: Notices = field(default_factory=Notices)
    # doc_id -> (marked ground truth, disagreements still open) of `tally annotate adjudicate`
    adjudicated: dict[str, tuple[bool, int]] = field(default_factory=dict)


def annotator_of(annotation: dict, where: str) -> tuple[str, str | None]:
    """(key, email or None): `completed_by` is a user id, or an object with id and/or email."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        email = who.get("email") if isinstance(who.get("email"), str) else None
        key = who.get("id", email)
        if key is None:
            raise InputError(where, "annotation's completed_by has neither id nor email")
        return str(key), email
    if isinstance(who, (int, str)) and not isinstance(who, bool):
        return str(who), None
    raise InputError(where, "annotation has no completed_by (who annotated it is unknown)")


def read_annotated(paths: list[Path]) -> Annotated:
    """All annotations of the tasks in these exports (a folder gives its *.json files)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        elif path.exists() or str(path) == "-":
            files.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    if not files:
        raise InputError(", ".join(map(str, paths)), "no Label Studio export (*.json) here")
    exports = []
    for path in files:
        tasks = read_json(path)
        if not isinstance(tasks, list):
            raise InputError(display(path), "a Label Studio export is a JSON list of tasks")
        exports.append((display(path), tasks))
    return annotated_from(exports)


def annotated_from(exports: list[tuple[str, list]], emails: dict[str, str] | None = None
                   ) -> Annotated:  # fmt: skip
    """Exports already in memory (e.g. just downloaded from the server); `emails` names
    annotators whose export gives only their user id."""
    out = Annotated(tasks={}, annotators={}, facts={})
    records: dict[str, tuple[list, list, list]] = {}
    emails = dict(emails or {})
    for source, tasks in exports:
        for n, task in enumerate(tasks):
            _read_task(source, n, task, out, records, emails)
    for key in out.annotators:
        out.annotators[key] = emails.get(key) or f"user {key}"
    for key, (docs, mentions, relations) in records.items():
        out.facts[key] = Facts(
            documents=documents_frame(docs),
            mentions=mentions_frame(mentions),
            relations=relations_frame(relations),
        )
    annotators_of = Counter(d for f in out.facts.values() for d in f.documents["doc_id"])
    for doc_id, task in out.tasks.items():
        if annotators_of[doc_id] < 2:
            out.notices.add(ALONE, 1, f"{doc_id} (task {task.id})")
    return out


def _read_task(source: str, n: int, raw: Any, out: Annotated, records: dict, emails: dict):
    task = read_task(source, n, raw)
    where, data, doc_id = task.where, task.data, task.doc_id
    tid = raw.get("id", f"#{n}")
    if doc_id in out.tasks:
        raise InputError(where, f"document {doc_id!r} appears in two tasks "
                         f"({out.tasks[doc_id].id} and {tid})")  # fmt: skip
    if not isinstance(data.get("text"), str):
        raise InputError(where, "task has no text (data.text)")
    out.tasks[doc_id] = Task(tid, raw.get("project"), doc_id, data["text"])
    merged = adjudication_id(raw)
    latest: dict[str, dict] = {}
    for a in task.annotations:
        here = f"{where} annotation {a.get('id', '?')}"
        if merged is not None and a.get("id") == merged:
            out.notices.add(ADJUDICATION, 1, here)
            open_ = remaining(raw.get("meta"), a) or 0
            out.adjudicated[doc_id] = (a.get("ground_truth") is True, open_)
            continue
        key, email = annotator_of(a, here)
        if email:
            emails[key] = email
        if a.get("was_cancelled"):
            out.notices.add(CANCELLED, 1, here)
            continue
        out.annotators.setdefault(key, "")
        mine = latest.get(key)
        if mine is not None:
            older = min(mine, a, key=_recency)
            out.notices.add(SUPERSEDED, 1, f"{where} annotation {older.get('id', '?')}")
            if older is a:
                continue
        latest[key] = a
        out.notices.add(DRAFT, len(annotation_drafts(a, here)), here)
    out.notices.add(DRAFT, len(task.drafts), where)
    out.notices.add(PREDICTION, task.prediction_count, where)
    for key, a in latest.items():
        here = f"{where} annotation {a.get('id', '?')}"
        mentions, relations = convert_result(annotation_result(a, here), doc_id, here)
        docs, ms, rs = records.setdefault(key, ([], [], []))
        docs.append({**{k: data.get(k) for k in DOCUMENT_COLUMNS}, "origin": here})
        ms.extend(mentions)
        rs.extend(relations)


def _recency(a: dict) -> tuple:
    return annotation_time(a), str(a.get("id") or "")
