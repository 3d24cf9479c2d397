"""`tally agree` and `tally annotate review` against a real Label Studio server: annotators
created through the API submit annotations that disagree / break a rule in planted ways."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from annotate import client as ls
from annotate.documents import read_documents
from annotate.to_labelstudio import results_by_document
from checks.engine import run_checks
from checks.readers.labelstudio import read_labelstudio
from tests.agree_cases import PLANTED, observed, plant
from tests.conftest import ROOT
from tests.test_labelstudio_server import tally

pytestmark = pytest.mark.server
DOC = "aleppo-evacuation-2016-12-16"


@pytest.fixture
def live(ls_server):
    """The real server of tests/test_labelstudio_server.py: (server, credentials, client)."""
    return ls_server


def seed_task(client):
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
    task = next(iter(client.tasks.list(project=project.id, fields="all")))
    return project, task


def gold_result() -> list[dict]:
    return results_by_document(read_labelstudio(ROOT / "gold" / "tally-gold.json"), "manual")[DOC]


def annotator(client, name: str):
    return client.users.create(username=name, email=f"{name}@tally.local", password="pw-" * 4)


def session(server, creds) -> httpx.Client:
    """A browser-like session logged in as the admin (task pages need a session)."""
    h = httpx.Client(base_url=server.url)
    h.get("/user/login/")
    r = h.post("/user/login/", data={"email": creds.username, "password": creds.password,
                                     "csrfmiddlewaretoken": h.cookies["csrftoken"]},
               headers={"Referer": server.url + "/user/login/"})  # fmt: skip
    assert r.status_code == 302, r.text[:300]
    return h


def assert_link_opens_task(link: str, server, creds, task_id: int, project_id: int) -> None:
    parsed = urlparse(link)
    assert f"{parsed.scheme}://{parsed.netloc}" == server.url
    assert parsed.path == f"/projects/{project_id}/data"
    assert parse_qs(parsed.query) == {"task": [str(task_id)]}
    h = session(server, creds)
    try:
        assert h.get(link).status_code == 200
        api = h.get(f"/api/tasks/{task_id}")
        assert api.status_code == 200 and api.json()["project"] == project_id
    finally:
        h.close()


def test_agree_reports_exactly_the_planted_disagreements(live, tmp_path):
    server, creds, client = live
    project, task = seed_task(client)
    a_result = gold_result()
    b_result = plant(a_result, task.data["text"])
    ann_a, ann_b, ann_c = (annotator(client, n) for n in ("amal", "bilal", "carim"))
    client.annotations.create(task.id, result=a_result, completed_by=ann_a.id)
    client.annotations.create(task.id, result=b_result, completed_by=ann_b.id)
    client.annotations.create(task.id, result=[], completed_by=ann_c.id, was_cancelled=True)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(ls.export_tasks(client, project.id), ensure_ascii=False))

    proc = tally("agree", str(export), "--format", "json", "--url", server.url)
    assert proc.returncode == 0, proc.stderr
    assert (
        f"1 × ignored: cancelled (skipped) annotation (e.g. {export} task {task.id}" in proc.stderr
    )
    report = json.loads(proc.stdout)
    assert report["annotators"] == [f"user {ann_a.id}", f"user {ann_b.id}"]
    assert sorted(observed(report), key=str) == sorted(PLANTED, key=str)
    links = {i["link"] for i in report["adjudication"]}
    assert links == {f"{server.url}/projects/{project.id}/data?task={task.id}"}
    assert_link_opens_task(links.pop(), server, creds, task.id, project.id)
    proc = tally("agree", str(export), "--format", "html", "--url", server.url)
    assert proc.returncode == 0 and "<script" not in proc.stdout


def planted_violation(result: list[dict]) -> list[dict]:
    """4500+ fighters drawn as part of the 337 wounded: part_whole.sum (4501 > 337)."""
    return [*result, {"from_id": "q_fighters", "to_id": "q_wounded", "type": "relation",
                      "direction": "right", "labels": ["part_of"]}]  # fmt: skip


def errors_of(report: dict) -> list[dict]:
    return [v for v in report["violations"] if v["severity"] == "error"]


def test_review_lists_the_planted_violation_with_a_working_link(live):
    server, creds, client = live
    project, task = seed_task(client)
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    proc = tally("annotate", "review", "--url", server.url, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "0 annotations of 1 tasks reviewed" in proc.stdout
    assert "1 tasks not annotated yet" in proc.stdout

    amal = annotator(client, "amal")
    client.annotations.create(task.id, result=planted_violation(gold_result()),
                              completed_by=amal.id)  # fmt: skip
    proc = tally("annotate", "review", "--url", server.url, "--format", "json", env=env)
    assert proc.returncode == 1, proc.stderr
    (error,) = errors_of(json.loads(proc.stdout))
    assert (error["rule"], error["mentions"]) == ("part_whole.sum", ["q_fighters", "q_wounded"])
    assert error["annotator"] == "amal@tally.local" and error["task"] == task.id
    assert_link_opens_task(error["link"], server, creds, task.id, project.id)
    text = tally("annotate", "review", "--url", server.url, env=env).stdout
    assert error["link"] in text and "part_whole.sum" in text


def test_review_watch_sees_a_newly_submitted_annotation(live, tmp_path):
    server, creds, client = live
    _, task = seed_task(client)
    client.annotations.create(
        task.id, result=gold_result(), completed_by=annotator(client, "amal").id
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "checks", "annotate", "review", "--url", server.url, "--watch",
         "--interval", "0.5", "--max-rounds", "240"],
        cwd=ROOT, env={**os.environ, "LABEL_STUDIO_USER_TOKEN": creds.token},
        # stderr to a file: an undrained pipe fills up over many rounds and blocks the watcher
        stdout=subprocess.PIPE, stderr=(tmp_path / "stderr").open("w"), text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True)
    reader.start()

    def wait_for(needle: str, timeout: float = 90.0) -> list[str]:
        seen, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                continue
            if needle in seen[-1]:
                return seen
        raise AssertionError(f"{needle!r} not printed; got {seen}")

    try:
        first = wait_for("watching project")
        assert not any("part_whole.sum" in x for x in first)
        bilal = annotator(client, "bilal")
        client.annotations.create(task.id, result=planted_violation(gold_result()),
                                  completed_by=bilal.id)  # fmt: skip
        header = wait_for(" changed: ")[-1]
        new = int(re.search(r"changed: (\d+) new, 0 fixed", header)[1])
        added = [wait_for("+ ")[-1] for _ in range(new)]
        # bilal's annotation is new: the planted error and the gold's own warnings.
        gold = run_checks(read_labelstudio(ROOT / "gold" / "tally-gold.json")).violations
        expected = [["error", "part_whole.sum"]] + [
            [sev, rule] for sev, rule in zip(gold["severity"], gold["rule"], strict=True)
        ]
        assert sorted(x.split()[1:3] for x in added) == sorted(expected)
        assert all("bilal@tally.local" in x and f"{server.url}/projects/" in x for x in added)
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        proc.wait(timeout=30)
        reader.join(timeout=10)
        err = (tmp_path / "stderr").read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
    rest = [lines.get() for _ in range(lines.qsize())]
    assert any("stopped." in x for x in rest), rest
    assert "Traceback" not in err
    assert proc.returncode == 1  # the latest review has an error
