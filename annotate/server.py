"""Start and stop a local Label Studio server: loopback only, sqlite, no outbound calls.

Label Studio silently moves to another port when its port is busy, so the port is chosen
free beforehand and `/health` is polled on exactly that port; a server that answers
elsewhere, or a process that exits, is an error with the tail of its log.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from annotate.network import backend_network_env

HOST = "127.0.0.1"
DEFAULT_DATA_DIR = Path("var/label-studio")
STATE_FILE = "tally-server.json"
CREDENTIALS_FILE = "tally-credentials.json"


class ServerError(RuntimeError):
    pass


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str
    token: str

    @property
    def masked_token(self) -> str:
        return f"{self.token[:4]}…{self.token[-2:]} ({len(self.token)} chars)"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def credentials(data_dir: Path) -> Credentials:
    """From LABEL_STUDIO_USERNAME/PASSWORD/USER_TOKEN, else created once and kept 0600."""
    path = data_dir / CREDENTIALS_FILE
    stored = json.loads(path.read_text()) if path.exists() else {}
    creds = Credentials(
        username=os.environ.get("LABEL_STUDIO_USERNAME")
        or stored.get("username")
        or "annotator@tally.local",
        password=os.environ.get("LABEL_STUDIO_PASSWORD")
        or stored.get("password")
        or secrets.token_urlsafe(12),
        token=os.environ.get("LABEL_STUDIO_USER_TOKEN")
        or stored.get("token")
        or secrets.token_hex(20),
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(creds), indent=1))
    path.chmod(0o600)
    return creds


def server_env(data_dir: Path) -> dict[str, str]:
    """The server's environment: its own data and config dirs, nothing phoning home."""
    data_dir = data_dir.resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    xdg = data_dir / "xdg"
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(data_dir),
        LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN="true",
        XDG_CONFIG_HOME=str(xdg / "config"),
        XDG_DATA_HOME=str(xdg / "data"),
        XDG_CACHE_HOME=str(xdg / "cache"),
        HOME=str(xdg / "home"),
        LATEST_VERSION_CHECK="false",
        COLLECT_ANALYTICS="false",
        SENTRY_DSN="",
        FRONTEND_SENTRY_DSN="",
        DJANGO_DB="sqlite",
        LOG_LEVEL="WARNING",
    )
    env.update(backend_network_env())  # the extractor's ML backend on 127.0.0.1
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    return env


def label_studio_executable() -> str:
    here = Path(sys.executable).parent / "label-studio"
    found = str(here) if here.exists() else shutil.which("label-studio")
    if not found:
        raise ServerError("the Label Studio server is not installed: pip install -e '.[server]'")
    return found


@dataclass
class Server:
    url: str
    pid: int
    data_dir: str
    log: str
    process: subprocess.Popen | None = None

    def save(self) -> None:
        state = {"url": self.url, "pid": self.pid, "data_dir": self.data_dir, "log": self.log}
        (Path(self.data_dir) / STATE_FILE).write_text(json.dumps(state, indent=1))

    def stop(self, timeout: float = 20.0) -> None:
        """Stop by process id: the whole process group, politely, then firmly."""
        try:
            os.killpg(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                return
            if self.process is None and not _alive(self.pid):
                return
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def start(
    data_dir: Path, port: int | None = None, timeout: float = 180.0
) -> tuple[Server, Credentials]:
    data_dir.mkdir(parents=True, exist_ok=True)
    creds = credentials(data_dir)
    port = port or free_port()
    log_path = data_dir / "server.log"
    cmd = [
        label_studio_executable(), "start", "--no-browser",
        "--data-dir", str(data_dir.resolve()),
        "--database", str((data_dir / "label_studio.sqlite3").resolve()),
        "--internal-host", HOST, "--port", str(port),
        "--enable-legacy-api-token", "--log-level", "WARNING",
    ]  # fmt: skip
    env = server_env(data_dir)
    # Credentials go through the environment, never the command line that `ps` shows.
    env.update(
        LABEL_STUDIO_USERNAME=creds.username,
        LABEL_STUDIO_PASSWORD=creds.password,
        LABEL_STUDIO_USER_TOKEN=creds.token,
    )
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, cwd=str(data_dir.resolve()),
        )  # fmt: skip
    server = Server(f"http://{HOST}:{port}", proc.pid, str(data_dir.resolve()), str(log_path), proc)
    try:
        wait_healthy(server, timeout)
    except ServerError:
        server.stop()
        raise
    server.save()
    return server, creds


def wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            raise ServerError(
                f"Label Studio exited with code {server.process.returncode}:\n" + _tail(server.log)
            )
        try:
            if httpx.get(server.url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise ServerError(
        f"Label Studio did not answer on {server.url}/health within "
        f"{timeout:.0f} s:\n" + _tail(server.log)
    )


def _tail(path: str, lines: int = 15) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def running(data_dir: Path) -> Server | None:
    """The server `serve` left running for this data dir, if it still answers."""
    path = data_dir / STATE_FILE
    if not path.exists():
        return None
    state = json.loads(path.read_text())
    server = Server(**state)
    if not _alive(server.pid):
        return None
    return server
