"""`tally annotate adjudicate`: push to each task annotated by two annotators one merged
annotation for the adjudicator (see `checks.agree.adjudication`), made by the user whose
token runs it. The adjudicator opens the task, keeps one version of each marked
disagreement, and marks the annotation as ground truth; `tally annotate pull` then takes it
as the gold, and `tally agree` counts what is left open."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotate import client as ls
from checks.agree.adjudication import merge, remaining
from checks.agree.export import annotator_of
from checks.readers.labelstudio import META_KEY, adjudication_id, annotation_time, read_task


@dataclass
class Outcome:
    pushed: dict[str, int] = field(default_factory=dict)  # doc_id -> disagreements pushed
    kept: dict[str, int] = field(default_factory=dict)  # doc_id -> open in an earlier merge
    skipped: dict[str, str] = field(default_factory=dict)  # doc_id -> why not


def current_annotations(task, adjudication) -> dict[str, dict]:
    """Each annotator's latest submitted annotation (not the adjudication itself)."""
    latest: dict[str, dict] = {}
    for a in task.annotations:
        if a.get("id") == adjudication or a.get("was_cancelled"):
            continue
        key, _ = annotator_of(a, f"{task.where} annotation {a.get('id', '?')}")
        if key not in latest or annotation_time(a) >= annotation_time(latest[key]):
            latest[key] = a
    return latest


def adjudicate(client, project, emails: dict[str, str], *, replace: bool = False,
               server_dir: Path | None = None) -> Outcome:  # fmt: skip
    out = Outcome()
    tasks = ls.export_tasks(client, project.id, server_dir=server_dir)
    for n, raw in enumerate(tasks):
        task = read_task(f"project {project.title!r}", n, raw)
        earlier = adjudication_id(raw)
        by_id = {a.get("id"): a for a in task.annotations}
        if earlier is not None and earlier in by_id and not replace:
            out.kept[task.doc_id] = remaining(raw.get("meta"), by_id[earlier]) or 0
            continue
        latest = current_annotations(task, earlier)
        if len(latest) != 2:
            out.skipped[task.doc_id] = f"{len(latest)} annotators (adjudication merges exactly two)"
            continue
        (ka, a), (kb, b) = sorted(latest.items(), key=lambda kv: str(kv[0]).zfill(20))
        names = (_name(emails, ka), _name(emails, kb))
        merged = merge(a.get("result") or [], b.get("result") or [], names, task.doc_id,
                       task.where)  # fmt: skip
        if earlier is not None and earlier in by_id:
            client.annotations.delete(earlier, request_options=ls.REQUEST)
        made = client.annotations.create(
            raw["id"], result=merged.result, ground_truth=False, was_cancelled=False,
            request_options=ls.REQUEST,
        )  # fmt: skip
        meta = dict(raw.get("meta") or {})
        meta[META_KEY] = {"annotation": made.id, "annotators": list(names),
                          "groups": merged.groups}  # fmt: skip
        client.tasks.update(str(raw["id"]), meta=meta, request_options=ls.REQUEST)
        out.pushed[task.doc_id] = len(merged.groups)
    return out


def _name(emails: dict[str, str], key: str) -> str:
    """A short, readable annotator name for the markers: the email's local part."""
    email = emails.get(str(key))
    return email.split("@")[0] if email else f"user{key}"
