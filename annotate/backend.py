"""The extractor as a Label Studio ML backend: pre-annotations the Label Studio way.

Label Studio 1.23 talks to a model through a small JSON protocol (`label_studio/ml/
api_connector.py`, `ml/models.py`): `GET /health` → `{"status": "UP", "model_class": …}`,
`POST /setup` (project, schema, …) → `{"model_version": …}`, `POST /predict` with
`{"tasks": [task, …], "project": …, "label_config": …, "params": …}` →
`{"results": [{"result": [...], "score": …, "model_version": …}, …]}`, one entry per task in
order. It listens on 127.0.0.1 only.

The backend runs the extractor on whatever a client sends, so it is built to survive any
client: every request is read and typed in one place (`annotate.backend_request`) before
any work, and every answer is JSON, errors included (4xx naming the task and field, 413
with the limits, 405 with `Allow`, 408 on a timeout, 503 when full, 500 when the extractor
fails on a task). Sockets time out (idle and whole-request deadlines), connections are
capped, and a client that leaves stops the work on its request at the next task.

It is served with the standard library's `ThreadingHTTPServer`. Considered instead:
`label-studio-ml` (Flask + gunicorn + rq and its own model class: three more services'
worth of dependencies, and no request validation, caps or JSON errors of its own), and
waitress (timeouts, a body cap and a bounded thread pool, but its own refusals are
`text/plain`, so the JSON protocol would still need the checks here). What either would
give beyond the socket timeouts and the connection cap below is the HTTP parsing, which
`http.server` already does.

A task's `data` holds the document as `tally annotate push` imports it (`text`, `doc_id`,
`published`); the extractor's facts go through the strict facts reader and then the same
converter `push --predictions` uses (`annotate.to_labelstudio`), so a backend prediction
and a pushed one are the same result items: regions, per-region attributes, relations.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import orjson

from annotate.backend_request import Limits, RequestError, TaskInput, read_predict
from checks.extract import extractor_name
from checks.facts import InputError

HOST = "127.0.0.1"
MODEL_CLASS = "TallyRules"


def model_version() -> str:
    return extractor_name()


def predict_task(task: TaskInput) -> list[dict]:
    """Label Studio result items for one checked task (InputError when the extractor's
    output for it cannot be read as facts)."""
    from annotate.to_labelstudio import results_by_document
    from checks.extract.writer import document_record
    from checks.notices import Notices
    from checks.readers.jsonl import read_strict

    doc = {"doc_id": task.doc_id, "text": task.text, "published": task.published}
    notices = Notices()
    record = document_record(doc, model_version(), notices)
    if notices:  # what the extractor set aside (a figure too large to hold) is said, not lost
        print(f"tally backend: {task.name}: {notices.line()}", file=sys.stderr)
    data = json.dumps(record, ensure_ascii=False).encode()
    facts = read_strict(Path(task.name), data)
    return results_by_document(facts)[task.doc_id]


def predict(body: object, limits: Limits = Limits(), gone=lambda: False) -> dict:
    """The `/predict` answer: one result per task, in order. `gone()` is asked between
    tasks; when the client has left, the work stops there."""
    tasks = read_predict(body, limits)
    version = model_version()
    results = []
    for task in tasks:
        if gone():
            raise RequestError(
                HTTPStatus(400),
                "the client closed the connection",
                index=task.index,
                task_id=task.task_id,
            )
        try:
            items = predict_task(task)
        except InputError as exc:
            raise RequestError(
                HTTPStatus.UNPROCESSABLE_ENTITY,
                f"{task.name}: the extractor's output could not be read: {exc}",
                index=task.index,
                task_id=task.task_id,
            ) from None
        except Exception as exc:  # named by task; the handler's catch-all would not say which
            print(f"tally backend: 500 on {task.name}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)  # fmt: skip
            raise RequestError(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                f"{task.name}: the extractor failed: {type(exc).__name__}: {str(exc)[:200]}",
                index=task.index,
                task_id=task.task_id,
            ) from exc
        results.append({"result": items, "score": None, "model_version": version})
    return {"results": results, "model_version": version}


def _health(_body: object, _server: _Server, _gone) -> dict:
    return {"status": "UP", "model_class": MODEL_CLASS, "model_version": model_version()}


def _versions(_body: object, _server: _Server, _gone) -> dict:
    return {"versions": [model_version()]}


def _setup(body: object, _server: _Server, _gone) -> dict:
    if not isinstance(body, dict):
        raise RequestError(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
    return {"model_version": model_version()}


def _nothing_to_train(body: object, _server: _Server, _gone) -> dict:
    if not isinstance(body, dict):
        raise RequestError(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
    return {"status": "ok", "note": "rules: nothing to train"}


def _predict(body: object, server: _Server, gone) -> dict:
    return predict(body, server.limits, gone)


# path -> (method, handler); GET routes answer HEAD too
ROUTES = {
    "": ("GET", _health),
    "/health": ("GET", _health),
    "/versions": ("GET", _versions),
    "/setup": ("POST", _setup),
    "/predict": ("POST", _predict),
    "/webhook": ("POST", _nothing_to_train),
    "/train": ("POST", _nothing_to_train),
}


def _allowed(method: str) -> tuple[str, ...]:
    return ("GET", "HEAD", "OPTIONS") if method == "GET" else (method, "OPTIONS")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], limits: Limits) -> None:
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_connections)
        super().__init__(address, _Handler)

    def process_request(self, request, client_address) -> None:
        """One thread per connection, up to `max_connections`; one more is told 503 at once
        (from the accepting thread, with a short timeout) and closed."""
        if not self.slots.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(
                    _response(
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        RequestError(
                            HTTPStatus.SERVICE_UNAVAILABLE,
                            f"{self.limits.max_connections} connections are open; try again",
                            limits=self.limits,
                        ).payload(),
                        extra={"Retry-After": "1"},
                    )
                )
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):
            print(f"tally backend: {type(exc).__name__}: {exc}", file=sys.stderr)


def _json(payload: dict) -> bytes:
    try:
        return orjson.dumps(payload)
    except TypeError:  # an integer beyond 64 bits (a figure in the text): JSON allows it
        return json.dumps(payload, ensure_ascii=False).encode()


def _response(
    status: HTTPStatus, payload: dict | None, extra: dict | None = None, head: bool = False
) -> bytes:
    body = b"" if payload is None else _json(payload)
    lines = [
        f"HTTP/1.0 {int(status)} {status.phrase}",
        "Server: tally-backend",
        "Content-Type: application/json; charset=utf-8",
        f"Content-Length: {len(body)}",
        "Connection: close",
        *(f"{k}: {v}" for k, v in (extra or {}).items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (b"" if head else body)


class _Handler(BaseHTTPRequestHandler):
    """One request per connection (HTTP/1.0): read it whole within the deadlines, answer
    JSON, close. Nothing raised inside leaves without a JSON answer when one can be sent."""

    server: _Server
    server_version = "tally-backend"
    sys_version = ""
    protocol_version = "HTTP/1.0"
    answered = False

    def setup(self) -> None:
        limits = self.server.limits
        self.timeout = limits.idle_timeout_s  # every socket read: no more than this idle
        super().setup()
        self.expired = threading.Event()
        # The whole request must arrive by the deadline: then reading stops (the reads
        # see end of file) and the request is answered 408.
        self.deadline = threading.Timer(limits.request_timeout_s, self._stop_reading)
        self.deadline.daemon = True
        self.deadline.start()

    def finish(self) -> None:
        self.deadline.cancel()
        with contextlib.suppress(OSError):
            super().finish()

    def _stop_reading(self) -> None:
        self.expired.set()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RD)

    def log_message(self, format: str, *args) -> None:
        pass

    def handle_one_request(self) -> None:
        """`BaseHTTPRequestHandler.handle_one_request`, with every method routed (the
        routes answer 405 or 404) and every failure answered in JSON."""
        self.raw_requestline = b""
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = self.request_version = self.command = ""
                self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            elif self.raw_requestline and self.parse_request():
                self._route()
        except TimeoutError:
            if self.raw_requestline:  # a request was begun; an idle connection just closes
                self._fail(
                    RequestError(
                        HTTPStatus.REQUEST_TIMEOUT,
                        f"nothing arrived for {self.server.limits.idle_timeout_s:g} s",
                        limits=self.server.limits,
                    )
                )
        except ConnectionError:
            pass
        except Exception as exc:  # the one catch-all: the client still gets JSON
            print(
                f"tally backend: 500 on {self.command} {self.path}: {type(exc).__name__}: {exc}",
                file=sys.stderr,
            )
            self._fail(
                RequestError(
                    HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(exc).__name__}"
                )
            )
        self.close_connection = True

    # http.server's own refusals (bad request line, headers too long, unknown version)
    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        status = HTTPStatus(code)
        if self.expired.is_set() and code == HTTPStatus.BAD_REQUEST:
            status, message = HTTPStatus.REQUEST_TIMEOUT, "the request did not arrive in time"
        self._fail(RequestError(status, message or status.phrase))

    def _fail(self, err: RequestError) -> None:
        if err.status == HTTPStatus.REQUEST_TIMEOUT and self.expired.is_set():
            err.message = (
                f"the request did not arrive within {self.server.limits.request_timeout_s:g} s"
            )
            err.limits = self.server.limits
        extra = {"Allow": ", ".join(err.allow)} if err.allow else None
        self._write(err.status, err.payload(), extra)

    def _write(self, status: HTTPStatus, payload: dict, extra: dict | None = None) -> None:
        if self.answered:
            return
        data = _response(status, payload, extra, self.command == "HEAD")
        self.answered = True
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True

    def _route(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        method = "GET" if self.command == "HEAD" else self.command
        try:
            if path not in ROUTES:
                raise RequestError(
                    HTTPStatus.NOT_FOUND,
                    f"no such endpoint {path or '/'}; "
                    f"the endpoints are {', '.join(p for p in ROUTES if p)}",
                )
            want, handler = ROUTES[path]
            allow = _allowed(want)
            if method == "OPTIONS":
                self._write(HTTPStatus.OK, {"allow": list(allow)}, {"Allow": ", ".join(allow)})
                return
            if method != want:
                raise RequestError(
                    HTTPStatus.METHOD_NOT_ALLOWED,
                    f"{self.command} is not allowed on {path or '/'}; use {want}",
                    allow=allow,
                )
            body = self._read_json() if want == "POST" else None
            self._write(HTTPStatus.OK, handler(body, self.server, self._client_gone))
        except RequestError as err:
            self._fail(err)

    def _read_json(self) -> object:
        limits = self.server.limits
        if self.headers.get("Transfer-Encoding"):
            raise RequestError(
                HTTPStatus.LENGTH_REQUIRED,
                "send the body with a Content-Length, not a Transfer-Encoding",
            )
        raw = self.headers.get("Content-Length")
        try:
            length = int(raw) if raw is not None else 0
        except ValueError:
            length = -1
        if length < 0:
            raise RequestError(
                HTTPStatus.BAD_REQUEST, f"Content-Length {raw!r:.30} is not a byte count"
            )
        if length > limits.max_body_bytes:
            raise RequestError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"a body of {length:,} bytes; at most {limits.max_body_bytes:,} are taken",
                limits=limits,
            )
        chunks, left = [], length
        while left:
            try:
                chunk = self.rfile.read1(min(left, 1 << 16))
            except TimeoutError:
                raise RequestError(
                    HTTPStatus.REQUEST_TIMEOUT,
                    f"the body stopped after {length - left:,} of {length:,} "
                    f"bytes: nothing arrived for {limits.idle_timeout_s:g} s",
                    limits=limits,
                ) from None
            if not chunk:
                if self.expired.is_set():
                    raise RequestError(HTTPStatus.REQUEST_TIMEOUT, "timeout")
                raise RequestError(
                    HTTPStatus.BAD_REQUEST,
                    f"the body ended after "
                    f"{length - left:,} of the {length:,} bytes its "
                    "Content-Length gives",
                )
            chunks.append(chunk)
            left -= len(chunk)
        self.deadline.cancel()  # all of it arrived: the work has no deadline of this kind
        data = b"".join(chunks)
        if not data.strip():
            return {}
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise RequestError(HTTPStatus.BAD_REQUEST, f"the body is not JSON: {exc}") from None

    def _client_gone(self) -> bool:
        """True when the client has closed its side (readable with nothing to read)."""
        try:
            ready, _, _ = select.select([self.connection], [], [], 0)
            return bool(ready) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True


@dataclass
class Backend:
    server: _Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def start_backend(port: int = 0, limits: Limits = Limits()) -> Backend:
    """Serve on 127.0.0.1 (port 0: a free one the OS picks) in a background thread."""
    server = _Server((HOST, port), limits)
    thread = threading.Thread(target=server.serve_forever, name="tally-backend", daemon=True)
    thread.start()
    return Backend(server, thread)


def register(client, project_id: int, url: str):
    """Connect the backend at `url` to the project and make its predictions the ones shown.

    Earlier registrations of tally-rules (another port from an earlier run, an older
    version) are removed first, so the project never asks a backend that is gone. The
    project shows predictions to annotators and selects this model_version, so opening a
    task without predictions asks the backend (Label Studio's `TaskAPI.get`).
    """
    version = model_version()
    for old in client.ml.list(project=project_id):
        if (old.title or "").startswith("tally-rules@") or old.url == url:
            client.ml.delete(old.id)
    backend = client.ml.create(
        project=project_id, url=url, title=version, is_interactive=False, auto_update=True
    )
    client.projects.update(project_id, show_collab_predictions=True, model_version=version)
    return backend
