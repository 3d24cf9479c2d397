"""What the ML backend accepts: the limits of one request and the one place a request body
is read and typed.

The backend runs the extractor on whatever a client sends, so every field it reads is
checked here before any work starts, and each refusal is a `RequestError` that becomes a
JSON answer naming the task (its index in `tasks` and its `id`) and the field. Limits
bound the work one request can cause: the body's bytes, the tasks in it and the text of
each task (Label Studio sends at most 100 tasks per request, its ML batch size).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from http import HTTPStatus

from checks.schema import DOC_ID_RE as DOC_ID


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 16 * 1024 * 1024
    max_tasks: int = 100
    max_text_chars: int = 100_000
    # all tasks together: about 15 s of extraction on one core (0.1 s per 3,400-character
    # article, 1.5 s for 100,000 characters), well inside Label Studio's 100 s predict timeout
    max_total_chars: int = 1_000_000
    idle_timeout_s: float = 10.0  # a socket read that waits longer than this ends the request
    request_timeout_s: float = 30.0  # request line, headers and body must all arrive by then
    max_connections: int = 16  # open at once; one more is answered 503 at once

    def as_json(self) -> dict:
        return asdict(self)


class RequestError(Exception):
    """A request the backend refuses, with the JSON the client gets."""

    def __init__(
        self,
        status: HTTPStatus,
        message: str,
        *,
        index: int | None = None,
        task_id: object = None,
        field: str | None = None,
        limits: Limits | None = None,
        allow: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.index = index
        self.task_id = task_id
        self.field = field
        self.limits = limits
        self.allow = allow

    def payload(self) -> dict:
        out: dict = {"error": self.message, "status": int(self.status)}
        if self.index is not None:
            out["task_index"] = self.index
            out["task_id"] = self.task_id
        if self.field is not None:
            out["field"] = self.field
        if self.limits is not None:
            out["limits"] = self.limits.as_json()
        if self.allow:
            out["allow"] = list(self.allow)
        return out


@dataclass(frozen=True)
class TaskInput:
    index: int
    task_id: int | str | None
    doc_id: str
    text: str
    published: str | None

    @property
    def name(self) -> str:
        return task_name(self.index, self.task_id)


def task_name(index: int, task_id: object) -> str:
    return f"task {task_id} (tasks[{index}])" if task_id is not None else f"tasks[{index}]"


def _kind(x: object) -> str:
    if x is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(x), "a number" if isinstance(x, int | float) else type(x).__name__
    )


def read_predict(body: object, limits: Limits) -> list[TaskInput]:
    """The tasks of a `/predict` body, every field typed, or the first RequestError."""
    if not isinstance(body, dict):
        raise RequestError(
            HTTPStatus.BAD_REQUEST, f"the body must be a JSON object, got {_kind(body)}"
        )
    for key, types, what in (
        ("project", (str, int), "a string or an integer"),
        ("label_config", (str,), "a string"),
        ("params", (dict,), "an object"),
    ):
        v = body.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, types)):
            raise RequestError(
                HTTPStatus.BAD_REQUEST, f"{key} must be {what}, got {_kind(v)}", field=key
            )
    tasks = body.get("tasks")
    if not isinstance(tasks, list):
        raise RequestError(
            HTTPStatus.BAD_REQUEST,
            f"tasks must be a list of task objects, got {_kind(tasks)}",
            field="tasks",
        )
    if not tasks:
        raise RequestError(HTTPStatus.BAD_REQUEST, "tasks is empty", field="tasks")
    if len(tasks) > limits.max_tasks:
        raise RequestError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"{len(tasks)} tasks in one request; at most {limits.max_tasks} are taken (send "
            "them in batches)",
            field="tasks",
            limits=limits,
        )
    read = [read_task(i, t, limits) for i, t in enumerate(tasks)]
    total = sum(len(t.text) for t in read)
    if total > limits.max_total_chars:
        raise RequestError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"the tasks hold {total:,} characters of text together; at most "
            f"{limits.max_total_chars:,} are taken in one request (send fewer tasks at once)",
            field="tasks",
            limits=limits,
        )
    return read


def read_task(index: int, task: object, limits: Limits) -> TaskInput:
    def refuse(field: str, message: str, task_id: object = None, status=HTTPStatus.BAD_REQUEST):
        raise RequestError(
            status,
            f"{task_name(index, task_id)}: {field} {message}",
            index=index,
            task_id=task_id,
            field=field,
            limits=limits if status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE else None,
        )

    if not isinstance(task, dict):
        refuse("task", f"must be an object, got {_kind(task)}")
    task_id = task.get("id")
    if task_id is not None and (isinstance(task_id, bool) or not isinstance(task_id, int | str)):
        refuse("id", f"must be an integer or a string, got {_kind(task_id)}")
    data = task.get("data")
    if not isinstance(data, dict):
        refuse("data", f"must be an object holding the document, got {_kind(data)}", task_id)
    text = data.get("text")
    if not isinstance(text, str):
        refuse(
            "data.text", f"must be a string (the text to extract from), got {_kind(text)}", task_id
        )
    if len(text) > limits.max_text_chars:
        refuse(
            "data.text",
            f"has {len(text):,} characters; at most {limits.max_text_chars:,} are taken",
            task_id,
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        )
    doc_id = data.get("doc_id")
    if doc_id is None:
        doc_id = f"task-{task_id}" if task_id is not None else f"task-index-{index}"
        doc_id = doc_id.lower() if DOC_ID.fullmatch(doc_id.lower()) else f"task-index-{index}"
    elif not isinstance(doc_id, str) or not DOC_ID.fullmatch(doc_id):
        refuse("data.doc_id", f"must be a slug ([a-z0-9][a-z0-9._-]*), got {doc_id!r:.60}", task_id)
    published = data.get("published")
    if published is not None:
        if not isinstance(published, str):
            refuse("data.published", f"must be an ISO date string, got {_kind(published)}", task_id)
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            refuse(
                "data.published",
                f"must be an ISO date (YYYY-MM-DD), got {published!r:.40}",
                task_id,
            )
    return TaskInput(index, task_id, doc_id, text, published)
