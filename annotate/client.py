"""Project, task, prediction, annotation and export calls on the label-studio-sdk client.

Every server failure is turned into an `AnnotateError` that says what to do next.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from annotate.config import labeling_config

T = TypeVar("T")
DEFAULT_PROJECT = "tally-gold"
REQUEST = {"timeout_in_seconds": 60, "max_retries": 3}


class AnnotateError(RuntimeError):
    pass


@contextmanager
def explained(url: str) -> Iterator[None]:
    """Turn transport and API failures into messages that say what to do."""
    import httpx  # here, not at import: every `tally` command would pay for it
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except httpx.ConnectError:
        raise AnnotateError(
            f"Label Studio is not reachable at {url}: start it with `tally annotate serve` "
            "(or pass --url)"
        ) from None
    except httpx.TimeoutException:
        raise AnnotateError(
            f"Label Studio at {url} timed out; it may still be starting, try again in a few seconds"
        ) from None
    except httpx.HTTPError as exc:  # a dropped connection, a truncated or undecodable body
        raise AnnotateError(
            f"the connection to Label Studio at {url} failed ({type(exc).__name__}: {exc}); "
            "nothing was written, try again"
        ) from None
    except ApiError as exc:
        if exc.status_code in (401, 403):
            raise AnnotateError(
                f"Label Studio at {url} rejected the API token (HTTP {exc.status_code}): set "
                "LABEL_STUDIO_USER_TOKEN to the token of a user of this server"
            ) from None
        raise AnnotateError(
            f"Label Studio at {url} answered HTTP {exc.status_code}: {str(exc.body)[:300]}"
        ) from None


def connect(url: str, token: str):
    from label_studio_sdk import LabelStudio

    client = LabelStudio(base_url=url, api_key=token, timeout=60)
    with explained(url):
        client.users.whoami()
    return client


def find_project(client, title: str):
    for project in client.projects.list(title=title):
        if project.title == title:
            return project
    return None


def ensure_project(client, title: str):
    """The project with this title, created or brought to the current labeling config."""
    config = labeling_config()
    project = find_project(client, title)
    if project is None:
        return client.projects.create(
            title=title,
            label_config=config,
            description="tally gold: SPEC §2 schema",
            request_options=REQUEST,
        )
    if (project.label_config or "").strip() != config.strip():
        client.projects.update(project.id, label_config=config, request_options=REQUEST)
    return project


def require_project(client, title: str):
    project = find_project(client, title)
    if project is None:
        raise AnnotateError(f"no project {title!r} on this server: run `tally annotate push` first")
    return project


def tasks_by_doc_id(client, project_id: int) -> dict[str, Any]:
    tasks = {}
    for task in client.tasks.list(project=project_id, fields="all", page_size=100):
        doc_id = (task.data or {}).get("doc_id")
        if doc_id in tasks:
            raise AnnotateError(
                f"project {project_id} holds document {doc_id!r} twice "
                f"(tasks {tasks[doc_id].id} and {task.id})"
            )
        tasks[doc_id] = task
    return tasks


def push_documents(client, project_id: int, documents: list[dict]) -> dict[str, int]:
    """Import new documents, update changed ones, leave the rest: pushing twice adds nothing."""
    existing = tasks_by_doc_id(client, project_id)
    new = [d for d in documents if d["doc_id"] not in existing]
    counts = {"created": len(new), "updated": 0, "unchanged": 0}
    for doc in documents:
        task = existing.get(doc["doc_id"])
        if task is None:
            continue
        if dict(task.data) == doc:
            counts["unchanged"] += 1
        else:
            client.tasks.update(str(task.id), data=doc, request_options=REQUEST)
            counts["updated"] += 1
    if new:
        client.projects.import_tasks(project_id, request=new, request_options=REQUEST)
    return counts


def _replace(items: list, matches: Callable[[Any], bool], delete: Callable[[int], None]) -> None:
    for item in items:
        if matches(item):
            delete(item.id)


def push_results(
    client,
    project_id: int,
    results: dict[str, list[dict]],
    *,
    model_version: str | None,
    replace: bool = False,
) -> int:
    """Attach results as predictions (with model_version) or, without one, as annotations.

    Re-pushing replaces the earlier prediction of the same model_version, so it is
    idempotent. Annotations are people's work: a task that has some is only overwritten
    with `replace`.
    """
    tasks = tasks_by_doc_id(client, project_id)
    missing = sorted(set(results) - set(tasks))
    if missing:
        raise AnnotateError(
            f"no task for document(s) {', '.join(missing)}: push the documents first"
        )
    for doc_id, result in results.items():
        task = tasks[doc_id]
        if model_version is not None:
            _replace(
                client.predictions.list(task=task.id),
                lambda p: p.model_version == model_version,
                client.predictions.delete,
            )
            client.predictions.create(
                task=task.id, result=result, model_version=model_version, request_options=REQUEST
            )
        else:
            done = client.annotations.list(task.id)
            if done and not replace:
                raise AnnotateError(
                    f"task {task.id} ({doc_id}) already has annotations: pass "
                    "--replace to overwrite them"
                )
            _replace(done, lambda a: True, client.annotations.delete)
            client.annotations.create(
                task.id,
                result=result,
                ground_truth=True,
                was_cancelled=False,
                request_options=REQUEST,
            )
    return len(results)


def export_tasks(client, project_id: int, *, with_predictions: bool = False,
                 server_dir: Path | None = None) -> list[dict]:  # fmt: skip
    """Full JSON export (never JSON_MIN, which drops relations and region ids).

    The export lists predictions by id only; `with_predictions` replaces each id with the
    prediction itself, read through the predictions API (no snapshot export: nothing is
    left on the server). Label Studio keeps a copy of every export it serves in its
    `export/` folder "for logging"; when the server's data dir is known (`server_dir`, the
    server `serve` started) that copy is removed once the export is read.
    """
    with client.projects.exports.with_raw_response.download_sync(
        project_id, export_type="JSON", download_all_tasks=True, request_options=REQUEST
    ) as response:
        raw = b"".join(response.data)
        served_as = response.headers.get("filename") or ""
    if server_dir is not None:
        discard_export_copy(server_dir, served_as)
    tasks = parse_export(raw, project_id)
    if with_predictions:
        whole = {p.id: p.model_dump(mode="json") for p in client.predictions.list(
            project=project_id, request_options=REQUEST)}  # fmt: skip
        for task in tasks:
            listed = task.get("predictions")
            if isinstance(listed, list):
                task["predictions"] = [whole.get(p, p) if isinstance(p, int) else p
                                       for p in listed]  # fmt: skip
    return tasks


def discard_export_copy(server_dir: Path, served_as: str) -> None:
    """Remove `export/<name>` and its `-info.json` that Label Studio wrote while serving it."""
    name = Path(served_as).name
    if not re.fullmatch(r"project-\d+-at-[\w-]+\.json", name):
        return
    folder = Path(server_dir) / "export"
    for path in (folder / name, folder / (name.removesuffix(".json") + "-info.json")):
        path.unlink(missing_ok=True)


def parse_export(raw: bytes, project_id: int) -> list[dict]:
    """The export's tasks; anything but a JSON list of task objects is an `AnnotateError`."""
    try:
        tasks = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        head = raw[:80].decode("utf-8", "replace").replace("\n", " ")
        raise AnnotateError(
            f"the export of project {project_id} is not JSON ({exc}; it starts {head!r}); "
            "nothing was written: check the server's log and try again"
        ) from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        raise AnnotateError(
            f"the export of project {project_id} is not a list of tasks "
            f"(got {type(tasks).__name__}); nothing was written"
        )
    return tasks


# Fields Label Studio computes at export time: "2 minutes" ago is "3 minutes" ago a minute
# later, so they would make two pulls of the same state differ.
VOLATILE = frozenset({"created_ago"})


def _stable_item(item: object) -> object:
    if not isinstance(item, dict):
        return item
    return {k: v for k, v in item.items() if k not in VOLATILE}


def _by_id(items: object) -> object:
    """A list Label Studio returns in no set order, sorted by id (ids before objects)."""
    if not isinstance(items, list):
        return items
    items = [_stable_item(i) for i in items]
    return sorted(items, key=_id_key)


def _id_key(item: object) -> tuple[bool, str]:
    ident = item.get("id", "") if isinstance(item, dict) else item
    return isinstance(item, dict), str(ident).zfill(20)


def stable_export(tasks: list[dict]) -> str:
    """Sorted tasks and their annotations, predictions and drafts, sorted keys, no volatile
    field: two pulls of the same server state give the same bytes."""
    ordered = sorted(
        tasks,
        key=lambda t: ((t.get("data") or {}).get("doc_id") or "", str(t.get("id", "")).zfill(20)),
    )
    stable = []
    for task in ordered:
        task = _stable_item(task)
        for key in ("annotations", "completions", "predictions", "drafts"):
            if key in task:
                task[key] = _by_id(task[key])
        for a in task.get("annotations") or []:
            if isinstance(a, dict) and isinstance(a.get("drafts"), list):
                a["drafts"] = _by_id(a["drafts"])
        stable.append(task)
    return json.dumps(stable, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def gold_path(gold_dir: Path, title: str) -> Path:
    """`gold_dir/<slug of title>.json`: a project title is never a path (`../x`, `/etc/x`)."""
    slug = re.sub(r"[^\w.-]+", "-", title, flags=re.UNICODE).strip(".-")
    slug = re.sub(r"-{2,}", "-", slug) or "project"
    return gold_dir / f"{slug}.json"


def write_gold(tasks: list[dict], path: Path) -> Path:
    """Through tally's one output writer: atomic (unique temp file, fsync, rename), a
    symlinked gold file keeps its link. An unwritable target is `OutputError`."""
    from checks.output import write_report

    path.parent.mkdir(parents=True, exist_ok=True)
    write_report(stable_export(tasks), path, "--gold")
    return path
