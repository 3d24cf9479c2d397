"""`tally annotate review`: the consistency rules on the annotations as they are on the
server now, each violation with a link to its task, so an annotator clicks straight to it.

Every annotator's current annotation of a task is checked on its own (two annotators of one
task are two sets of facts), read through the same Label Studio reader as `tally check`.
`--watch` polls the tasks' `updated_at` (which Label Studio bumps whenever an annotation of
the task is created, updated or deleted) and re-checks only when something moved.
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from annotate import client as ls
from checks.agree.agree import task_link
from checks.agree.export import ALONE, annotated_from
from checks.engine import run_checks
from checks.notices import Notices

COLUMNS = ["annotator", "doc_id", "task", "link", "rule", "severity", "mentions", "message"]


@dataclass(frozen=True)
class Review:
    tasks: int
    annotations: int  # annotations checked (one per annotator and task)
    unannotated: int  # tasks nobody has annotated yet
    violations: pd.DataFrame  # COLUMNS, sorted
    notices: Notices  # what was read but not checked (cancelled annotations, drafts, ...)

    @property
    def errors(self) -> int:
        return int((self.violations["severity"] == "error").sum())

    def identities(self) -> list[tuple]:
        """What identifies a violation across two reviews."""
        v = self.violations
        return list(zip(v["annotator"], v["doc_id"], v["rule"], v["mentions"].map(tuple),
                        v["message"], strict=True))  # fmt: skip


def annotator_emails(client) -> dict[str, str]:
    """User id -> email, so a violation names its annotator (the export gives ids only)."""
    return {str(u.id): u.email for u in client.users.list() if getattr(u, "email", None)}


def review(tasks: list[dict], url: str, emails: dict[str, str] | None = None,
           source: str = "server") -> Review:  # fmt: skip
    annotated = annotated_from([(source, tasks)], emails)
    frames = []
    for key, facts in annotated.facts.items():
        v = run_checks(facts).violations
        frames.append(v.assign(annotator=annotated.annotators[key]))
    done = {d for f in annotated.facts.values() for d in f.documents["doc_id"]}
    v = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    links = pd.DataFrame(
        [(t.doc_id, t.id, task_link(url, t.project, t.id)) for t in annotated.tasks.values()],
        columns=["doc_id", "task", "link"],
    )
    v = v.drop(columns=["task", "link"], errors="ignore").merge(links, on="doc_id", how="left")
    v = v.sort_values(["doc_id", "annotator", "severity", "rule"], kind="stable")
    return Review(
        tasks=len(annotated.tasks),
        annotations=sum(len(f.documents) for f in annotated.facts.values()),
        unannotated=len(set(annotated.tasks) - done),
        violations=v[COLUMNS].reset_index(drop=True),
        notices=Notices(items={k: n for k, n in annotated.notices.items.items() if k != ALONE}),
    )


def violation_line(row: dict, mark: str = " ") -> str:
    return (f"{mark} {row['severity']:<8} {row['rule']:<19} {row['annotator']}  "
            f"[{','.join(row['mentions'])}]  {row['message']}")  # fmt: skip


def to_text(r: Review) -> str:
    lines = []
    doc = None
    for row in r.violations.to_dict("records"):
        if row["doc_id"] != doc:
            doc = row["doc_id"]
            lines.append(f"{doc}  task {row['task']}  {row['link']}")
        lines.append(violation_line(row))
    lines.append(summary(r))
    return "\n".join(lines) + "\n"


def summary(r: Review) -> str:
    warnings = len(r.violations) - r.errors
    waiting = f"; {r.unannotated} tasks not annotated yet" if r.unannotated else ""
    return (f"{r.annotations} annotations of {r.tasks} tasks reviewed: {r.errors} errors, "
            f"{warnings} warnings{waiting}")  # fmt: skip


def to_json(r: Review) -> str:
    return json.dumps({"tasks": r.tasks, "annotations": r.annotations,
                       "unannotated": r.unannotated, "notices": r.notices.as_list(),
                       "violations": r.violations.to_dict("records")},
                      ensure_ascii=False, indent=1, default=str) + "\n"  # fmt: skip


def changes(before: Review, after: Review) -> list[str]:
    """Only what changed: violations that appeared (+) and those fixed (-)."""
    old, new = set(before.identities()), set(after.identities())
    out = []
    for mark, r, other in (("+", after, old), ("-", before, new)):
        rows = r.violations[[k not in other for k in r.identities()]]
        out += [f"{violation_line(row, mark)}  {row['link']}" for row in rows.to_dict("records")]
    return out


def task_state(client, project_id: int) -> dict:
    """What moves when an annotation is submitted, updated or deleted."""
    return {t.id: (str(t.updated_at), t.total_annotations, t.cancelled_annotations)
            for t in client.tasks.list(project=project_id, page_size=100)}  # fmt: skip


def watch(client, project_id: int, first: Review, *, interval: float,
          max_rounds: int | None, echo: Callable[[str], None],
          fetch: Callable[[], Review]) -> Review:  # fmt: skip
    """Poll every `interval` seconds; re-check and print the changes when a task moved.
    Ctrl-C stops it; the latest review is returned either way."""
    latest = [first]
    # Ctrl-C and SIGTERM stop the watch cleanly even when the shell that started it set
    # SIGINT to "ignore" (background jobs inherit that, and Python then never raises).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        state = task_state(client, project_id)
        for _ in _rounds(max_rounds):
            time.sleep(interval)
            now = task_state(client, project_id)
            if now == state:
                continue
            moved = sorted(k for k in set(now) | set(state) if now.get(k) != state.get(k))
            state = now
            latest.append(fetch())
            diff = changes(latest[-2], latest[-1])
            echo(f"[{time.strftime('%H:%M:%S')}] tasks {', '.join(map(str, moved))} changed: "
                 f"{sum(d.startswith('+') for d in diff)} new, "
                 f"{sum(d.startswith('-') for d in diff)} fixed; "
                 f"{summary(latest[-1])}")  # fmt: skip
            for line in diff:
                echo(line)
    except KeyboardInterrupt:
        echo("stopped.")
    return latest[-1]


def _rounds(max_rounds: int | None) -> Iterator[int]:
    n = 0
    while max_rounds is None or n < max_rounds:
        yield n
        n += 1


def fetch_review(client, project, url: str, server_dir: Path | None = None) -> Review:
    tasks = ls.export_tasks(client, project.id, server_dir=server_dir)
    return review(tasks, url, annotator_emails(client), f"project {project.title!r}")
