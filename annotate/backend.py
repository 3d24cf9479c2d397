"""The extractor as a Label Studio ML backend: pre-annotations the Label Studio way.

Label Studio 1.23 talks to a model through a small JSON protocol (`label_studio/ml/
api_connector.py`, `ml/models.py`): `GET /health` → `{"status": "UP", "model_class": …}`,
`POST /setup` (project, schema, …) → `{"model_version": …}`, `POST /predict` with
`{"tasks": [task, …], "project": …, "label_config": …, "params": …}` →
`{"results": [{"result": [...], "score": …, "model_version": …}, …]}`, one entry per task in
order. It is served here with the standard library's `ThreadingHTTPServer`: three JSON
endpoints need no framework, and the `label-studio-ml` package (Flask, rq, its own model
base class) would add dependencies for nothing. It listens on 127.0.0.1 only.

A task's `data` holds the document as `tally annotate push` imports it (`text`, `doc_id`,
`published`); the extractor's facts go through the strict facts reader and then the same
converter `push --predictions` uses (`annotate.to_labelstudio`), so a backend prediction
and a pushed one are the same result items: regions, per-region attributes, relations.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import orjson

from checks.extract import extractor_name
from checks.facts import InputError

HOST = "127.0.0.1"
MODEL_CLASS = "TallyRules"
MAX_BODY = 64 * 1024 * 1024  # a predict request carries whole tasks; refuse absurd bodies


def model_version() -> str:
    return extractor_name()


def predict_task(task: dict) -> list[dict]:
    """Label Studio result items for one task (raises InputError for an unusable task)."""
    from annotate.to_labelstudio import results_by_document
    from checks.extract.writer import document_record
    from checks.readers.jsonl import read_strict

    where = f"task {task.get('id')}"
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(where, "its data has no text to extract from")
    doc_id = data.get("doc_id") or f"task-{task.get('id')}"
    doc = {"doc_id": doc_id, "text": data["text"], "published": data.get("published")}
    record = document_record(doc, model_version())
    facts = read_strict(Path(where), orjson.dumps(record))
    return results_by_document(facts)[doc_id]


def predict(body: dict) -> dict:
    tasks = body.get("tasks")
    if not isinstance(tasks, list):
        raise InputError("predict", "the request has no list of tasks")
    version = model_version()
    return {
        "results": [
            {"result": predict_task(t), "score": None, "model_version": version} for t in tasks
        ],
        "model_version": version,
    }


class _Handler(BaseHTTPRequestHandler):
    server_version = "tally-backend"

    def log_message(self, format: str, *args) -> None:
        pass

    def _send(self, status: HTTPStatus, payload: dict) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        if path in ("", "/health"):
            self._send(
                HTTPStatus.OK,
                {"status": "UP", "model_class": MODEL_CLASS, "model_version": model_version()},
            )
        elif path == "/versions":
            self._send(HTTPStatus.OK, {"versions": [model_version()]})
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint {path}"})

    def do_POST(self) -> None:
        path = self.path.split("?", 1)[0].rstrip("/")
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 <= length <= MAX_BODY:
                raise InputError(path, f"request body of {length} bytes refused")
            body = orjson.loads(self.rfile.read(length) or b"{}")
            if not isinstance(body, dict):
                raise InputError(path, "the request body must be a JSON object")
            if path == "/setup":
                self._send(HTTPStatus.OK, {"model_version": model_version()})
            elif path == "/predict":
                self._send(HTTPStatus.OK, predict(body))
            elif path in ("/webhook", "/train"):
                self._send(HTTPStatus.OK, {"status": "ok", "note": "rules: nothing to train"})
            else:
                self._send(HTTPStatus.NOT_FOUND, {"error": f"no such endpoint {path}"})
        except (InputError, ValueError) as exc:
            self._send(HTTPStatus.BAD_REQUEST, {"error": str(exc)})


@dataclass
class Backend:
    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def start_backend(port: int = 0) -> Backend:
    """Serve on 127.0.0.1 (port 0: a free one the OS picks) in a background thread."""
    server = ThreadingHTTPServer((HOST, port), _Handler)
    server.daemon_threads = True
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
