"""`tally annotate` without a server: credentials, gold file names, gold diffs, help texts."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotate.cli import annotate_app
from annotate.client import gold_path
from annotate.gold_diff import gold_diff
from annotate.server import CREDENTIALS_FILE, CredentialsError, credentials
from checks.readers.labelstudio import read_labelstudio
from tests.conftest import ROOT

GOLD = ROOT / "gold" / "tally-gold.json"


@pytest.fixture(autouse=True)
def _no_env_credentials(monkeypatch):
    for key in ("LABEL_STUDIO_USERNAME", "LABEL_STUDIO_PASSWORD", "LABEL_STUDIO_USER_TOKEN"):
        monkeypatch.delenv(key, raising=False)


def tally(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    return subprocess.run(
        [sys.executable, "-m", "checks", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_credentials_are_created_once_and_private(tmp_path):
    data = tmp_path / "ls"
    first = credentials(data)
    path = data / CREDENTIALS_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert data.stat().st_mode & 0o777 == 0o700
    before = path.stat()
    assert credentials(data) == first
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in data.iterdir()) == [CREDENTIALS_FILE]  # no temp file left
    assert first.token not in first.masked_token


def test_concurrent_first_use_agrees_on_one_file(tmp_path):
    """Threads and processes racing to create the file all read the same complete one."""
    data = tmp_path / "ls"
    barrier = threading.Barrier(12)
    tokens, errors = [], []

    def one() -> None:
        barrier.wait()
        try:
            tokens.append(credentials(data).token)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    code = "import sys; from pathlib import Path; from annotate.server import credentials; "
    code += "print(credentials(Path(sys.argv[1])).token)"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(data)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    threads = [threading.Thread(target=one) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outs = [p.communicate(timeout=60) for p in procs]
    assert not errors
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    stored = json.loads((data / CREDENTIALS_FILE).read_text())["token"]
    assert set(tokens) | {o.strip() for o, _ in outs} == {stored}
    assert sorted(p.name for p in data.iterdir()) == [CREDENTIALS_FILE]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("", "is empty"),
        ("  \n", "is empty"),
        ('{"username": "a", "pass', "is not valid JSON"),
        ("[]", "lacks one of"),
        ('{"username": "a", "password": "b"}', "lacks one of"),
        ('{"username": "a", "password": "b", "token": 7}', "lacks one of"),
    ],
)
def test_a_broken_credentials_file_is_named_with_what_to_do(tmp_path, content, why):
    data = tmp_path / "ls"
    data.mkdir()
    (data / CREDENTIALS_FILE).write_text(content)
    with pytest.raises(CredentialsError, match=why):
        credentials(data)
    proc = tally("annotate", "pull", "--data-dir", str(data), "--url", "http://127.0.0.1:9")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(data / CREDENTIALS_FILE) in proc.stderr and why in proc.stderr
    assert "--data-dir" in proc.stderr and "LABEL_STUDIO_USER_TOKEN" in proc.stderr
    assert (data / CREDENTIALS_FILE).read_text() == content  # never "repaired" behind one's back


def test_an_old_loose_credentials_file_is_made_private(tmp_path):
    path = tmp_path / CREDENTIALS_FILE
    path.write_text(json.dumps({"username": "u", "password": "p", "token": "t" * 40}))
    path.chmod(0o644)
    assert credentials(tmp_path).token == "t" * 40
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("tally-gold", "tally-gold.json"),
        ("../x", "x.json"),
        ("../../etc/passwd", "etc-passwd.json"),
        ("/tmp/abs", "tmp-abs.json"),
        ("a/b c", "a-b-c.json"),
        ("..", "project.json"),
        ("", "project.json"),
        ("مشروع الإجلاء", "مشروع-الإجلاء.json"),
        ("x\x00y\n", "x-y.json"),
    ],
)
def test_a_project_title_is_never_a_path(tmp_path, title, name):
    path = gold_path(tmp_path / "gold", title)
    assert path == tmp_path / "gold" / name
    assert path.resolve().parent == (tmp_path / "gold").resolve()


def _tasks() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _result(tasks: list[dict]) -> list[dict]:
    return tasks[0]["annotations"][0]["result"]


def test_gold_diff_names_what_a_pull_removes_and_changes(tmp_path):
    old = read_labelstudio(GOLD)
    assert gold_diff(old, read_labelstudio(GOLD, _tasks())).empty

    tasks = _tasks()
    result = _result(tasks)
    value = next(r for r in result if r["type"] == "number" and r["from_name"] == "value")
    region = next(r for r in result if r["type"] == "labels" and r["id"] == value["id"])
    value["value"]["number"] = 950
    dropped = next(
        r for r in result if r["type"] == "labels" and "QUANTITY" not in r["value"]["labels"]
    )
    tasks[0]["annotations"][0]["result"] = [
        r
        for r in result
        if r.get("id") != dropped["id"] and dropped["id"] not in (r.get("from_id"), r.get("to_id"))
    ]
    relations_lost = sum(dropped["id"] in (r.get("from_id"), r.get("to_id")) for r in result)
    diff = gold_diff(old, read_labelstudio(GOLD, tasks))
    assert diff.loses_content
    (change,) = diff.changes
    assert len(change.removed) == 1 and dropped["value"]["text"] in change.removed[0]
    assert change.changed == [
        f"QUANTITY {region['value']['start']}:{region['value']['end']} "
        f"«{region['value']['text']}»: value {region['value']['text']} -> 950"
    ]
    assert len(change.relations_removed) == relations_lost and not change.relations_added
    shown = diff.render()
    assert f"regions +0 -1 ~1, relations +0 -{relations_lost}" in shown

    # The other way round only adds: no --force needed; changes still need it.
    back = gold_diff(read_labelstudio(GOLD, tasks), old)
    assert back.changes[0].added and back.changes[0].relations_added
    assert back.loses_content  # the 950 -> 4500 change


def test_gold_diff_of_pure_additions_and_documents(tmp_path):
    tasks = _tasks()
    fewer = copy.deepcopy(tasks)
    labels = [r for r in _result(fewer) if r["type"] == "labels"]
    last = labels[-1]["id"]
    _result(fewer)[:] = [
        r for r in _result(fewer) if last not in (r.get("id"), r.get("from_id"), r.get("to_id"))
    ]
    grown = gold_diff(read_labelstudio(GOLD, fewer), read_labelstudio(GOLD, tasks))
    assert not grown.loses_content and len(grown.changes[0].added) == 1

    other = copy.deepcopy(tasks[0])
    other["id"] += 1000
    other["data"]["doc_id"] = "another-doc"
    more = gold_diff(read_labelstudio(GOLD, tasks), read_labelstudio(GOLD, [*tasks, other]))
    assert more.documents_added == ["another-doc"] and not more.loses_content
    less = gold_diff(read_labelstudio(GOLD, [*tasks, other]), read_labelstudio(GOLD, tasks))
    assert less.documents_removed == ["another-doc"] and less.loses_content
    assert "document another-doc removed" in less.render()


def test_gold_diff_shows_control_characters_inert():
    tasks = _tasks()
    region = next(r for r in _result(tasks) if r["type"] == "labels")
    text = tasks[0]["data"]["text"]
    start, end = region["value"]["start"], region["value"]["end"]
    tasks[0]["data"]["text"] = text[:start] + "\x1b[2J\u202e" + text[start + 2 :]
    region["value"]["text"] = tasks[0]["data"]["text"][start:end]
    other = copy.deepcopy(tasks)
    _result(other)[:] = [r for r in _result(other) if region["id"] not in _ids(r)]
    shown = gold_diff(read_labelstudio(GOLD, tasks), read_labelstudio(GOLD, other)).render()
    assert "\x1b" not in shown and "\u202e" not in shown


def _ids(item: dict) -> tuple:
    return (item.get("id"), item.get("from_id"), item.get("to_id"))


@pytest.mark.parametrize("command", ["serve", "push", "pull"])
def test_help_is_plain_and_whole(command):
    """No rich markup eating brackets, no `<bool>` metavar on a flag."""
    out = CliRunner().invoke(annotate_app, [command, "--help"], terminal_width=200).output
    assert "<bool>" not in out
    assert "╭" not in out  # plain click help, not rich panels
    if command == "push":
        assert "--replace " in out and "--no-replace" not in out
    if command == "pull":
        assert "--force " in out and "--with-predictions " in out
