"""The real Label Studio server the `server` tests talk to, registered in tests/conftest.py.

A server start costs 5-20 s on a busy 2-core machine and the first one (migrations) a
minute, so one server is started per session and every test that only talks to it gets it
emptied: no project (tasks, annotations, predictions and ML backends go with their project)
and no user but the admin. Tests of `tally annotate serve` itself start their own server on
a copy of the migrated data dir (`ls_template`).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from annotate import client as ls
from annotate.server import HOST, start


@pytest.fixture(scope="session")
def ls_template(tmp_path_factory) -> Path:
    """A data dir initialized once (migrations take ~20 s); servers start on a copy."""
    for key in ("LABEL_STUDIO_USERNAME", "LABEL_STUDIO_PASSWORD", "LABEL_STUDIO_USER_TOKEN"):
        os.environ.pop(key, None)
    data = tmp_path_factory.mktemp("ls-template")
    t0 = time.monotonic()
    server, _ = start(data, timeout=900)  # migrations: minutes on a busy shared machine
    server.stop()
    assert not Path(server.data_dir, "xdg").is_relative_to(Path.home())
    print(f"\nLabel Studio first start (migrations): {time.monotonic() - t0:.1f} s")
    return data


@pytest.fixture(scope="session")
def ls_session(ls_template, tmp_path_factory):
    """One server for the session on a copy of the template, stopped by its process."""
    data = tmp_path_factory.mktemp("ls-shared") / "ls"
    shutil.copytree(ls_template, data)
    server, creds = start(data)
    assert server.url.startswith(f"http://{HOST}:")
    try:
        yield server, creds
    finally:
        server.stop()
        assert server.process.poll() is not None


def empty(client) -> None:
    """Every project (and with it its tasks, annotations, predictions, ML backends) and every
    user but the one the client acts as: what a freshly started server holds."""
    for project in list(client.projects.list()):
        client.projects.delete(project.id)
    me = client.users.whoami().id
    for user in list(client.users.list()):
        if user.id != me:
            client.users.delete(user.id)
    assert list(client.projects.list()) == []
    assert [u.id for u in client.users.list()] == [me]


@pytest.fixture
def ls_server(ls_session):
    """(server, credentials, client) of the session's server, emptied for this test."""
    server, creds = ls_session
    assert server.process.poll() is None, "the session's Label Studio server has exited"
    client = ls.connect(server.url, creds.token)
    empty(client)
    return server, creds, client
