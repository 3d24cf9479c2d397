"""Against a real Label Studio server on 127.0.0.1 (started and stopped by the fixtures of
tests/ls_fixtures.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotate import client as ls
from annotate.config import labeling_config
from annotate.documents import read_documents
from annotate.server import HOST, credentials
from annotate.to_labelstudio import results_by_document
from checks.facts import MENTION_COLUMNS
from checks.readers.labelstudio import read_labelstudio
from checks.readers.load import load
from checks.schema import ATTRIBUTES, LS_LABELS
from tests.conftest import ROOT

pytestmark = pytest.mark.server
DRAFT = ROOT / "annotate" / "drafts" / "aleppo-evacuation-2016-12-16.jsonl"
MENTION_KEYS = [c for c in MENTION_COLUMNS if c not in ("invalid", "origin")]


def tally(*args, env=None, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "checks", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_config_is_the_schema_and_the_server_accepts_it(ls_server):
    from label_studio_sdk.label_interface import LabelInterface

    _, _, client = ls_server
    config = labeling_config()
    from label_studio_sdk.core.api_error import ApiError

    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)  # the server validates on create
    assert client.projects.get(project.id).label_config == config
    client.projects.validate_label_config(project.id, label_config=config)
    with pytest.raises(ApiError):  # the server really validates: a broken config is refused
        client.projects.validate_label_config(
            project.id, label_config=config.replace('toName="text"', 'toName="nowhere"')
        )
    iface = LabelInterface(config)
    names = {c.name for c in iface.controls}
    assert names == {LS_LABELS} | {a.name for a in ATTRIBUTES}
    assert "direction: rtl" in config


def test_push_is_idempotent_and_keeps_the_document_fields(ls_server, tmp_path):
    server, creds, client = ls_server
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    for expected in ("1 tasks created", "1 unchanged"):
        proc = tally("annotate", "push", str(ROOT / "seeds"), "--url", server.url, env=env)
        assert proc.returncode == 0, proc.stderr
        assert expected in proc.stdout
    project = ls.require_project(client, ls.DEFAULT_PROJECT)
    tasks = list(client.tasks.list(project=project.id))
    assert len(tasks) == 1
    doc = read_documents(ROOT / "seeds")[0]
    assert tasks[0].data == doc
    assert creds.token not in proc.stdout + proc.stderr


def test_predictions_are_visible_on_the_task(ls_server):
    server, creds, client = ls_server
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    for _ in range(2):  # re-pushing replaces the prediction of the same model_version
        proc = tally(
            "annotate",
            "push",
            str(ROOT / "seeds"),
            "--predictions",
            str(DRAFT),
            "--model-version",
            "rules@1",
            "--url",
            server.url,
            env=env,
        )
        assert proc.returncode == 0, proc.stderr
    project = ls.require_project(client, ls.DEFAULT_PROJECT)
    task = next(iter(client.tasks.list(project=project.id, fields="all")))
    preds = list(client.predictions.list(task=task.id))
    assert [p.model_version for p in preds] == ["rules@1"]
    regions = {r["id"] for r in preds[0].result if r["type"] == "labels"}
    assert len(regions) == len(load([DRAFT]).mentions)
    # --with-predictions brings them back whole (the export lists their ids only).
    (task,) = ls.export_tasks(client, project.id, with_predictions=True)
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "rules@1"
    assert {r["id"] for r in prediction["result"] if r["type"] == "labels"} == regions


def test_annotation_round_trip_and_pull(ls_server, tmp_path):
    server, creds, _ = ls_server
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    proc = tally(
        "annotate",
        "push",
        str(ROOT / "seeds"),
        "--annotations",
        str(DRAFT),
        "--url",
        server.url,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    gold = tmp_path / "gold"
    t0 = time.monotonic()
    proc = tally("annotate", "pull", "--gold", str(gold), "--url", server.url, env=env)
    print(f"\npull round trip: {time.monotonic() - t0:.2f} s")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors" in proc.stdout
    first = (gold / "tally-gold.json").read_bytes()

    # Every region, attribute and relation comes back unchanged.
    sent, back = load([DRAFT]), load([gold])
    key = ["doc_id", "id"]
    a = sent.mentions[MENTION_KEYS].sort_values(key).reset_index(drop=True)
    b = back.mentions[MENTION_KEYS].sort_values(key).reset_index(drop=True)
    assert a.equals(b)
    rel = ["doc_id", "from", "to", "type"]
    assert (
        sent.relations[rel]
        .sort_values(rel)
        .reset_index(drop=True)
        .equals(back.relations[rel].sort_values(rel).reset_index(drop=True))
    )

    # Label Studio's offsets are Python code-point slices of the Arabic text.
    tasks = json.loads(first)
    text = tasks[0]["data"]["text"]
    for item in tasks[0]["annotations"][0]["result"]:
        if item["type"] == "labels":
            v = item["value"]
            assert text[v["start"] : v["end"]] == v["text"]

    # Pulling again writes the same bytes.
    proc = tally("annotate", "pull", "--gold", str(gold), "--url", server.url, env=env)
    assert proc.returncode == 0
    assert (gold / "tally-gold.json").read_bytes() == first


def test_the_committed_gold_is_what_the_server_exports(ls_server, tmp_path):
    """The gold in gold/ re-imported and re-exported gives the same facts."""
    _, _, client = ls_server
    committed = read_labelstudio(ROOT / "gold" / "tally-gold.json")
    results = results_by_document(committed, "manual")
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
    ls.push_results(client, project.id, results, model_version=None)
    tasks = ls.export_tasks(client, project.id)
    again = read_labelstudio(tmp_path / "x.json", tasks)
    key = ["doc_id", "id"]
    assert (
        committed.mentions[MENTION_KEYS]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(again.mentions[MENTION_KEYS].sort_values(key).reset_index(drop=True))
    )


def test_errors_say_what_to_do(ls_server, tmp_path):
    server, creds, _ = ls_server

    def pull(url: str, token: str, *args: str):
        return tally("annotate", "pull", "--url", url, "--gold", str(tmp_path), *args,
                     env={"LABEL_STUDIO_USER_TOKEN": token})  # fmt: skip

    proc = pull(server.url, "0" * 40)
    assert proc.returncode == 2 and "rejected the API token" in proc.stderr
    proc = pull(server.url, creds.token, "--project", "nope")
    assert proc.returncode == 2 and "run `tally annotate push` first" in proc.stderr
    proc = pull("http://127.0.0.1:9", creds.token)
    assert proc.returncode == 2 and "tally annotate serve" in proc.stderr


def test_credentials_stay_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_USER_TOKEN", raising=False)
    a = credentials(tmp_path)
    assert credentials(tmp_path) == a
    assert (tmp_path / "tally-credentials.json").stat().st_mode & 0o777 == 0o600
    assert a.token not in a.masked_token


def test_data_dir_database_and_credentials_are_private(ls_template):
    """The sqlite file holds the API token: nothing the server wrote is group/other readable."""
    assert ls_template.stat().st_mode & 0o777 == 0o700
    assert (ls_template / "label_studio.sqlite3").stat().st_mode & 0o777 == 0o600
    assert (ls_template / "tally-credentials.json").stat().st_mode & 0o777 == 0o600
    loose = [
        str(p.relative_to(ls_template))
        for p in ls_template.rglob("*")
        if not p.is_symlink() and p.stat().st_mode & 0o077
    ]
    assert loose == []


def test_a_second_serve_on_the_same_data_dir_points_at_the_first(ls_server):
    server, _, _ = ls_server
    data = Path(server.data_dir)
    t0 = time.monotonic()
    proc = tally("annotate", "serve", "--data-dir", str(data))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"already running at {server.url} (pid {server.pid})" in proc.stderr
    assert time.monotonic() - t0 < 30  # refused at once, no second server started
    # The server holds the lock too: had the `serve` process died, a new one is still refused.
    os.close(server.lock_fd)
    server.lock_fd = None
    proc = tally("annotate", "serve", "--data-dir", str(data))
    assert proc.returncode == 2 and server.url in proc.stderr
    assert "Traceback" not in proc.stderr
    # push and pull find it through the recorded URL, which is checked to answer /health.
    from annotate.server import running

    found = running(data)
    assert found is not None and (found.url, found.pid) == (server.url, server.pid)


class FaultyProxy:
    """A loopback HTTP proxy in front of the real server that spoils the export's response:
    `html` answers 200 with a web page, `list` with JSON that is no list of tasks, `drop`
    closes the connection halfway through the body. Everything else goes through."""

    def __init__(self, upstream: str, mode: str) -> None:
        import http.server
        import threading

        import httpx

        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "/export" in self.path and proxy.mode:
                    return self._spoil()
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                r = httpx.request(self.command, upstream + self.path, headers=headers,
                                  content=body, timeout=60)  # fmt: skip
                self.send_response(r.status_code)
                for k, v in r.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection",
                                         "content-encoding"):  # fmt: skip
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(r.content)))
                self.end_headers()
                self.wfile.write(r.content)

            def _spoil(self) -> None:
                payload = {
                    "html": b"<html><body>502 Bad Gateway</body></html>",
                    "list": b'{"detail": "export moved"}',
                    "drop": b'[{"id": 1, "data": {"doc_id": "aleppo',
                }[proxy.mode]
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                length = len(payload) * (100 if proxy.mode == "drop" else 1)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(payload)
                self.wfile.flush()
                self.close_connection = True

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _forward

        self.mode = mode
        self.httpd = http.server.ThreadingHTTPServer((HOST, 0), Handler)
        self.url = f"http://{HOST}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_spoiled_export_leaves_the_gold_intact(ls_server, tmp_path):
    server, creds, _ = ls_server
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    proc = tally("annotate", "push", str(ROOT / "seeds"), "--annotations", str(DRAFT),
                 "--url", server.url, env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    gold = tmp_path / "gold"
    proc = tally("annotate", "pull", "--gold", str(gold), "--url", server.url, env=env)
    assert proc.returncode == 0, proc.stderr
    before = (gold / "tally-gold.json").read_bytes()
    wanted = {"html": "is not JSON", "list": "is not a list of tasks", "drop": "connection"}
    for mode, message in wanted.items():
        proxy = FaultyProxy(server.url, mode)
        try:
            proc = tally("annotate", "pull", "--gold", str(gold), "--url", proxy.url, env=env)
        finally:
            proxy.close()
        assert proc.returncode == 2, (mode, proc.stdout, proc.stderr)
        assert message in proc.stderr and "nothing was written" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
        assert (gold / "tally-gold.json").read_bytes() == before
        assert sorted(p.name for p in gold.iterdir()) == ["tally-gold.json"]  # no temp left


def test_pull_shows_what_changes_and_needs_force_to_lose_gold(ls_server, tmp_path):
    server, creds, client = ls_server
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    gold = tmp_path / "gold"

    def pull(*args: str, project: str = ls.DEFAULT_PROJECT):
        return tally("annotate", "pull", "--gold", str(gold), "--url", server.url,
                     "--project", project, *args, env=env)  # fmt: skip

    def push(facts: Path, *args: str):
        proc = tally("annotate", "push", str(ROOT / "seeds"), "--annotations", str(facts),
                     "--url", server.url, *args, env=env)  # fmt: skip
        assert proc.returncode == 0, proc.stderr

    # One region first; then the full draft: only additions, no --force needed.
    full = [json.loads(line) for line in DRAFT.read_text(encoding="utf-8").splitlines()]
    one = [{**full[0], "mentions": full[0]["mentions"][:1], "relations": []}]
    small = tmp_path / "one.jsonl"
    small.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in one))
    push(small)
    assert pull().returncode == 0
    push(DRAFT, "--replace")
    proc = pull()
    assert proc.returncode == 0, proc.stderr
    n = len(full[0]["mentions"])
    assert f"regions +{n - 1} -0 ~0" in proc.stderr
    full_gold = (gold / "tally-gold.json").read_bytes()

    # Back to one region: refused, the diff shown, the gold untouched.
    push(small, "--replace")
    proc = pull()
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"regions +0 -{n - 1} ~0, relations +0 -{len(full[0]['relations'])}" in proc.stderr
    assert "--force" in proc.stderr and "nothing was written" in proc.stderr
    assert (gold / "tally-gold.json").read_bytes() == full_gold
    proc = pull("--force")
    assert proc.returncode == 0, proc.stderr
    assert len(load([gold]).mentions) == 1

    # A title is never a path: the file stays inside --gold.
    for title, name in (("../escape", "escape.json"), ("/tmp/tally-abs", "tmp-tally-abs.json")):
        project = ls.ensure_project(client, title)
        ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
        proc = pull(project=title)
        assert proc.returncode == 0, proc.stderr
        assert (gold / name).is_file() and str(gold / name) in proc.stdout
    assert not (tmp_path / "escape.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold", "one.jsonl"]
