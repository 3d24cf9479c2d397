"""The extractor as Label Studio's ML backend, against a real server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from annotate import client as ls
from annotate.backend import model_version, register, start_backend
from annotate.documents import read_documents
from annotate.server import credentials
from checks.extract.inputs import read_inputs
from checks.extract.writer import document_record
from checks.readers.labelstudio import read_labelstudio
from tests.conftest import ROOT
from tests.test_labelstudio_server import DRAFT, tally

pytestmark = pytest.mark.server


@pytest.fixture
def backend():
    served = start_backend()
    try:
        yield served
    finally:
        served.stop()


def expected_record() -> dict:
    (doc,) = read_inputs([ROOT / "seeds"])
    return document_record(doc)


def open_task(client, project_id: int):
    """Open the seed task through the API as the labeling page does (GET /api/tasks/<id>)."""
    (task,) = list(client.tasks.list(project=project_id))
    return client.tasks.get(str(task.id))


def test_protocol_shapes(backend):
    health = httpx.get(backend.url + "/health").json()
    assert health == {"status": "UP", "model_class": "TallyRules", "model_version": model_version()}
    assert httpx.post(backend.url + "/setup", json={"project": "1.0"}).json() == {
        "model_version": model_version()
    }
    bad = httpx.post(backend.url + "/predict", json={"tasks": [{"id": 3, "data": {}}]})
    assert bad.status_code == 400 and "task 3" in bad.json()["error"]
    assert httpx.post(backend.url + "/predict", content=b"[").status_code == 400


def test_an_opened_task_arrives_pre_annotated(ls_server, backend):
    _, _, client = ls_server
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
    register(client, project.id, backend.url)
    (ml,) = list(client.ml.list(project=project.id))
    assert ml.url == backend.url and ml.title == model_version()

    task = open_task(client, project.id)
    (prediction,) = task.predictions
    prediction = prediction if isinstance(prediction, dict) else prediction.dict()
    assert prediction["model_version"] == model_version()
    # What Label Studio stored reads back as exactly the extractor's facts.
    export = [{"id": task.id, "data": task.data, "annotations": [],
               "predictions": [prediction]}]  # fmt: skip
    record = expected_record()
    items = prediction["result"]
    regions = {r["id"] for r in items if r["type"] == "labels"}
    assert regions == {m["id"] for m in record["mentions"]}
    relations = {
        (r["from_id"], r["to_id"], r["labels"][0]) for r in items if r["type"] == "relation"
    }
    assert relations == {(r["from"], r["to"], r["type"]) for r in record["relations"]}
    attrs = {(r["id"], r["from_name"]) for r in items if r["type"] != "labels" and "id" in r}
    assert ("m8", "qualifier") in attrs and ("m8", "category") in attrs
    assert read_labelstudio(ROOT / "x.json", export).documents.empty is False

    # Opening it again does not ask again: one prediction per model_version.
    assert len(open_task(client, project.id).predictions) == 1
    assert [p.model_version for p in client.predictions.list(task=task.id)] == [model_version()]


def test_push_predictions_still_attaches_files(ls_server, backend):
    server, creds, client = ls_server
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
    register(client, project.id, backend.url)
    proc = tally("annotate", "push", str(ROOT / "seeds"), "--predictions", str(DRAFT),
                 "--model-version", "rules@1", "--url", server.url,
                 env={"LABEL_STUDIO_USER_TOKEN": creds.token})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (task,) = list(client.tasks.list(project=project.id))
    assert [p.model_version for p in client.predictions.list(task=task.id)] == ["rules@1"]


def test_serve_with_extractor(ls_template, tmp_path):
    import shutil

    data = tmp_path / "ls"
    shutil.copytree(ls_template, data)
    proc = subprocess.Popen(
        [sys.executable, "-m", "checks", "annotate", "serve", "--with-extractor",
         "--data-dir", str(data)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")},
        start_new_session=True,
    )  # fmt: skip
    try:
        lines = []
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not any("ML backend at" in x for x in lines):
            line = proc.stdout.readline()
            assert line or proc.poll() is None, proc.stderr.read()
            lines.append(line)
        backend_line = next(x for x in lines if "ML backend at" in x)
        backend_url = backend_line.split(" at ")[1].split()[0]
        assert backend_url.startswith("http://127.0.0.1:")
        state = json.loads((data / "tally-server.json").read_text())
        client = ls.connect(state["url"], credentials(data).token)
        project = ls.require_project(client, ls.DEFAULT_PROJECT)
        (ml,) = list(client.ml.list(project=project.id))
        assert ml.url == backend_url
        ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
        (prediction,) = open_task(client, project.id).predictions
        prediction = prediction if isinstance(prediction, dict) else prediction.dict()
        assert prediction["model_version"] == model_version()
        assert len(prediction["result"]) > 100
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)
    assert "Label Studio stopped." in proc.stdout.read()


def test_only_127_0_0_1_is_opened_in_label_studios_guard(ls_server):
    """The copy of Label Studio's banned networks is its own list, and the server still
    refuses every reserved address but the backend's."""
    import importlib.util
    import re
    from pathlib import Path

    from label_studio_sdk.core.api_error import ApiError

    from annotate.network import LABEL_STUDIO_BANNED

    origin = Path(importlib.util.find_spec("label_studio").origin).parent
    source = (origin / "core" / "utils" / "io.py").read_text()
    block = source.split("default_banned_subnets = [", 1)[1].split("]", 1)[0]
    assert tuple(re.findall(r"'([^']+)'", block)) == LABEL_STUDIO_BANNED

    _, _, client = ls_server
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    for url in ("http://127.0.0.2:9", "http://10.0.0.1:9", "http://[::1]:9"):
        with pytest.raises(ApiError):
            client.ml.create(project=project.id, url=url, title="probe")
    assert list(client.ml.list(project=project.id)) == []
