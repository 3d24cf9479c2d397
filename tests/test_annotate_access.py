"""Who gets into the local Label Studio server: nobody by open sign-up, annotators by
`tally annotate invite`; and `serve` tells a crash of its server from a requested stop.
Against a real server on 127.0.0.1 (the fixtures start and stop it by its process)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from annotate.server import STATE_FILE, server_env
from tests.conftest import ROOT
from tests.test_labelstudio_server import tally

CLOSED = ("LABEL_STUDIO_", "HEARTEX_", "")


def csrf_session(url: str, page: str) -> tuple[httpx.Client, str]:
    web = httpx.Client(base_url=url, timeout=60, follow_redirects=False)
    assert web.get(page).status_code == 200
    return web, web.cookies["csrftoken"]


def sign_up(url: str, email: str, password: str, query: str = "") -> httpx.Client:
    """What any local process can do: fetch the sign-up form and post it, CSRF token and all."""
    web, csrf = csrf_session(url, "/user/signup/" + query)
    web.last = web.post(  # type: ignore[attr-defined]
        "/user/signup/" + query,
        data={"email": email, "password": password, "csrfmiddlewaretoken": csrf},
        headers={"Referer": url + "/user/signup/"},
    )
    return web


def log_in(url: str, email: str, password: str) -> httpx.Client:
    web, csrf = csrf_session(url, "/user/login/")
    answer = web.post(
        "/user/login/",
        data={"email": email, "password": password, "csrfmiddlewaretoken": csrf},
        headers={"Referer": url + "/user/login/"},
    )
    web.last = answer  # type: ignore[attr-defined]
    return web


def shut_out(web: httpx.Client) -> None:
    """No logged-in session (Label Studio gives anonymous visitors a session cookie too):
    no user, no project list, no export, no token, no project change."""
    for path in ("/api/current-user/whoami", "/api/projects/", "/api/projects/1/export",
                 "/api/current-user/token"):  # fmt: skip
        assert web.get(path).status_code in (401, 403), path
    assert web.patch("/api/projects/1", json={"title": "x"}).status_code in (401, 403)


@pytest.mark.server
def test_an_anonymous_sign_up_is_refused(ls_server):
    server, _, client = ls_server
    client.projects.create(title="gold", label_config="<View><Text name='t' value='$t'/></View>")
    web = sign_up(server.url, "intruder@example.org", "Xk2-long-enough-pass")
    assert web.last.status_code == 403  # a redirect (302) would be a new logged-in account
    shut_out(web)
    # A made-up invitation token is refused the same way.
    web = sign_up(server.url, "intruder@example.org", "Xk2-long-enough-pass", "?token=guess")
    assert web.last.status_code == 403
    shut_out(web)
    assert "intruder" not in {u.email.split("@")[0] for u in client.users.list()}


@pytest.mark.server
def test_an_invited_annotator_logs_in_and_the_link_is_used_up(ls_server):
    server, creds, client = ls_server
    used = client.organizations.invites.get_invite_link().invite_url
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    proc = tally("annotate", "invite", "amal", "--data-dir", server.data_dir, env=env)
    assert proc.returncode == 0, proc.stderr
    login = dict(re.findall(r"^  (log in at|email|password)\s+(\S+)$", proc.stdout, re.M))
    assert login["log in at"] == server.url + "/user/login/"
    assert login["email"] == "amal@tally.local"
    assert len(login["password"]) >= 16
    web = log_in(server.url, login["email"], login["password"])
    assert web.last.status_code == 302 and "sessionid" in web.cookies
    assert web.get("/api/projects/").status_code == 200
    assert log_in(server.url, login["email"], "wrong-password").last.status_code == 200
    # The link tally used opens no second account.
    assert sign_up(server.url, "other@example.org", "Xk2-long-enough-pass",
                   used.split("/user/signup/")[1]).last.status_code == 403  # fmt: skip
    # The same name twice: refused with Label Studio's reason, and no traceback.
    again = tally("annotate", "invite", "amal", "--data-dir", server.data_dir, env=env)
    assert again.returncode == 2
    assert "already exists" in again.stderr and "Traceback" not in again.stderr


def test_invite_refuses_a_remote_server_and_bad_names(tmp_path):
    proc = tally("annotate", "invite", "amal", "--url", "http://10.1.2.3:8080",
                 "--data-dir", str(tmp_path))  # fmt: skip
    assert proc.returncode == 2 and "--allow-remote" in proc.stderr
    from annotate.client import AnnotateError
    from annotate.invite import annotator_email

    assert annotator_email("Amal") == "amal@tally.local"
    assert annotator_email("a.b@news.example") == "a.b@news.example"
    for bad in ("", "a b", "../x", "x@y"):
        with pytest.raises(AnnotateError):
            annotator_email(bad)


def test_the_server_environment_closes_sign_up_whatever_the_shell_says(tmp_path, monkeypatch):
    from label_studio.core.utils import params

    for prefix in CLOSED:
        monkeypatch.setenv(prefix + "DISABLE_SIGNUP_WITHOUT_LINK", "false")
        monkeypatch.setenv(prefix + "SSRF_PROTECTION_ENABLED", "false")
    monkeypatch.setenv("LABEL_STUDIO_HOST", "https://another.deployment.example")
    monkeypatch.setenv("HEARTEX_DEBUG_MODAL_EXCEPTIONS", "true")
    env = server_env(tmp_path)
    monkeypatch.setattr(os, "environ", env)  # Label Studio's own reader, on that environment
    assert params.get_bool_env("DISABLE_SIGNUP_WITHOUT_LINK", False) is True
    assert params.get_bool_env("SSRF_PROTECTION_ENABLED", False) is True
    assert params.get_bool_env("LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN", False) is True
    assert params.get_env("BASE_DATA_DIR") == str(tmp_path.resolve())
    assert params.get_env("HOST") is None and "HEARTEX_DEBUG_MODAL_EXCEPTIONS" not in env


def _serve(data: Path) -> tuple[subprocess.Popen, int]:
    """`tally annotate serve` as a user starts it; (its process, the server's pid)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "checks", "annotate", "serve", "--data-dir", str(data)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")},
    )  # fmt: skip
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        line = proc.stdout.readline()
        if line.startswith("Label Studio is up"):
            return proc, int(re.search(r"\(pid (\d+)", line).group(1))
    proc.kill()
    raise AssertionError("serve did not come up")


@pytest.mark.server
def test_serve_exits_non_zero_when_its_server_dies(ls_template, tmp_path):
    data = tmp_path / "ls"
    shutil.copytree(ls_template, data)
    proc, pid = _serve(data)
    try:
        os.kill(pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 1, out + err
    assert f"Label Studio was killed by signal 9 (SIGKILL) (pid {pid})" in err
    assert "Label Studio stopped." not in out and "Traceback" not in err
    assert not (data / STATE_FILE).exists()


@pytest.mark.server
def test_serve_exits_zero_on_a_requested_stop(ls_template, tmp_path):
    data = tmp_path / "ls"
    shutil.copytree(ls_template, data)
    proc, pid = _serve(data)
    try:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, out + err
    assert "Label Studio stopped. (requested: Ctrl-C or SIGTERM)" in out
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
