"""Start and stop a local Label Studio server: loopback only, sqlite, no outbound calls.

Label Studio silently moves to another port when its port is busy, so the port is chosen
free beforehand and `/health` is polled on exactly that port; a server that answers
elsewhere, or a process that exits, is an error with the tail of its log.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotate.network import backend_network_env

HOST = "127.0.0.1"
DEFAULT_DATA_DIR = Path("var/label-studio")
STATE_FILE = "tally-server.json"
CREDENTIALS_FILE = "tally-credentials.json"
LOCK_FILE = "tally-server.lock"
DATABASE = "label_studio.sqlite3"


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


class CredentialsError(ServerError):
    pass


def _write_once(path: Path, text: str) -> None:
    """Create `path` with mode 0600 holding `text`, atomically, unless it already exists.

    The text goes to a unique 0600 temp file (O_CREAT|O_EXCL) that is then hard-linked to
    its name: readers never see a half-written file, and of two concurrent creators the
    first link wins and the other reads the winner's file.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)


def _read_credentials(path: Path) -> dict[str, str]:
    def broken(why: str) -> CredentialsError:
        return CredentialsError(
            f"{path} {why}. It holds the login and API token of the Label Studio server in "
            f"{path.parent}: delete it and start over with a new --data-dir, or set "
            "LABEL_STUDIO_USERNAME, LABEL_STUDIO_PASSWORD and LABEL_STUDIO_USER_TOKEN to that "
            "server's user"
        )

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise broken(f"cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise broken("is empty")
    try:
        stored = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise broken("is not valid JSON") from None
    keys = ("username", "password", "token")
    if not isinstance(stored, dict) or not all(
        isinstance(stored.get(k), str) and stored[k] for k in keys
    ):
        raise broken("lacks one of " + ", ".join(keys))
    if path.stat().st_mode & 0o077:  # written by an older tally with a looser mode
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    return {k: stored[k] for k in keys}


def credentials(data_dir: Path) -> Credentials:
    """From LABEL_STUDIO_USERNAME/PASSWORD/USER_TOKEN, else from the credentials file.

    The file is created once (0600, atomically) and never rewritten: every later command
    only reads it, so concurrent commands cannot see it half-written. A broken file is a
    `CredentialsError` that names it and says what to do.
    """
    path = data_dir / CREDENTIALS_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        new = {
            "username": os.environ.get("LABEL_STUDIO_USERNAME") or "annotator@tally.local",
            "password": os.environ.get("LABEL_STUDIO_PASSWORD") or secrets.token_urlsafe(12),
            "token": os.environ.get("LABEL_STUDIO_USER_TOKEN") or secrets.token_hex(20),
        }
        _write_once(path, json.dumps(new, indent=1))
    stored = _read_credentials(path)
    return Credentials(
        username=os.environ.get("LABEL_STUDIO_USERNAME") or stored["username"],
        password=os.environ.get("LABEL_STUDIO_PASSWORD") or stored["password"],
        token=os.environ.get("LABEL_STUDIO_USER_TOKEN") or stored["token"],
    )


# Label Studio reads a setting NAME from LABEL_STUDIO_NAME, else HEARTEX_NAME, else NAME
# (`core.utils.params.get_env`). tally sets each setting it relies on in the first spelling,
# which wins, and drops the others from the inherited environment so none can undo it.
PREFIXES = ("LABEL_STUDIO_", "HEARTEX_", "")
SETTINGS = {
    # No open sign-up: an account only through an invitation (`tally annotate invite`).
    "DISABLE_SIGNUP_WITHOUT_LINK": "true",
    "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",  # the setting's own name has the prefix
    "USE_ENFORCE_CSRF_CHECKS": "true",
    "SSRF_PROTECTION_ENABLED": "true",
    "LATEST_VERSION_CHECK": "false",
    "COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    "DJANGO_DB": "sqlite",
    "LOG_LEVEL": "WARNING",
}


def label_studio_settings(data_dir: Path) -> dict[str, str]:
    """Every Label Studio setting tally decides, by its bare name."""
    return {
        **SETTINGS,
        "BASE_DATA_DIR": str(data_dir),
        **backend_network_env(),  # the extractor's ML backend on 127.0.0.1
    }


def server_env(data_dir: Path) -> dict[str, str]:
    """The server's environment: its own data and config dirs, nothing phoning home, sign-up
    closed. Label Studio configuration meant for another deployment (`LABEL_STUDIO_*`,
    `HEARTEX_*`) stays out; what tally needs is set explicitly, in the spelling that wins."""
    data_dir = data_dir.resolve()
    settings = label_studio_settings(data_dir)
    overridden = {prefix + name for name in settings for prefix in PREFIXES}
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(PREFIXES[:2]) and k not in overridden
    }
    env.update({"LABEL_STUDIO_" + name: value for name, value in settings.items()})
    env["LOG_LEVEL"] = SETTINGS["LOG_LEVEL"]  # also read as os.environ["LOG_LEVEL"]
    xdg = data_dir / "xdg"
    env.update(
        XDG_CONFIG_HOME=str(xdg / "config"),
        XDG_DATA_HOME=str(xdg / "data"),
        XDG_CACHE_HOME=str(xdg / "cache"),
        HOME=str(xdg / "home"),
    )
    xdg.mkdir(parents=True, exist_ok=True, mode=0o700)
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"):
        Path(env[key]).mkdir(exist_ok=True, mode=0o700)
    return env


def label_studio_executable() -> str:
    here = Path(sys.executable).parent / "label-studio"
    found = str(here) if here.exists() else shutil.which("label-studio")
    if not found:
        raise ServerError("the Label Studio server is not installed: pip install -e '.[server]'")
    return found


class AlreadyRunning(ServerError):
    pass


class StartCancelled(ServerError):
    """A stop was asked for while the server was starting; it was stopped."""


@dataclass
class Server:
    url: str
    pid: int
    data_dir: str
    log: str
    process: subprocess.Popen | None = None
    lock_fd: int | None = field(default=None, repr=False)

    def save(self) -> None:
        state = {"url": self.url, "pid": self.pid, "data_dir": self.data_dir, "log": self.log}
        path = Path(self.data_dir) / STATE_FILE
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(state, indent=1))
        os.replace(tmp, path)

    def stop(self, timeout: float = 20.0) -> None:
        """Stop by process id: the whole process group, politely, then firmly."""
        try:
            self._stop(timeout)
        finally:
            state = _read_state(Path(self.data_dir))
            if state is not None and state.get("pid") == self.pid:
                with contextlib.suppress(OSError):
                    (Path(self.data_dir) / STATE_FILE).unlink()
            if self.lock_fd is not None:
                os.close(self.lock_fd)
                self.lock_fd = None

    def _stop(self, timeout: float) -> None:
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


def exit_status(returncode: int) -> str:
    """How a process ended, as a supervisor reads it: `exited with status 3`, `killed by
    signal 9 (SIGKILL)`."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "unknown signal"
        return f"was killed by signal {-returncode} ({name})"
    return f"exited with status {returncode}"


def supervise(server: Server, stop_requested: Callable[[], bool], poll: float = 0.5) -> int | None:
    """Wait until a stop is requested (None) or the server's process ends by itself (its
    return code: a crash, since nobody asked it to stop)."""
    assert server.process is not None
    while not stop_requested():
        code = server.process.poll()
        if code is not None:
            return code
        time.sleep(poll)
    return None


def tail(server: Server, lines: int = 15) -> str:
    return _tail(server.log, lines)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    return True


def _lock(data_dir: Path) -> int | None:
    """An exclusive flock on the data dir's lock file, or None when another process holds it.

    The lock is held by the `serve` process and inherited by the server it starts, so it is
    free again only when both are gone: a killed `serve` whose server lives on still blocks
    a second server on the same sqlite file.
    """
    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _already_running(data_dir: Path) -> AlreadyRunning:
    server = running(data_dir)
    if server is not None:
        return AlreadyRunning(
            f"a Label Studio server for {data_dir} is already running at {server.url} "
            f"(pid {server.pid}): use it (push and pull find it), or stop it first"
        )
    state = _read_state(data_dir) or {}
    where = f" at {state['url']} (pid {state['pid']})" if {"url", "pid"} <= set(state) else ""
    return AlreadyRunning(
        f"another process holds {data_dir / LOCK_FILE}: a Label Studio server for {data_dir} "
        f"is starting or stopping{where}; wait for it, or stop it first"
    )


def _private_database(data_dir: Path) -> None:
    """The sqlite file holds the API token: create it 0600 before the server does."""
    db = data_dir / DATABASE
    os.close(os.open(db, os.O_WRONLY | os.O_CREAT, 0o600))
    for path in (db, *data_dir.glob(DATABASE + "-*")):
        path.chmod(0o600)


def start(
    data_dir: Path,
    port: int | None = None,
    timeout: float = 180.0,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Server, Credentials]:
    """Start a server on `data_dir`; `AlreadyRunning` when one already uses it,
    `StartCancelled` when `cancelled()` turns true before it answers."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data_dir.chmod(0o700)
    lock_fd = _lock(data_dir)
    if lock_fd is None:
        raise _already_running(data_dir)
    try:
        creds = credentials(data_dir)
        _private_database(data_dir)
    except BaseException:
        os.close(lock_fd)
        raise
    port = port or free_port()
    log_path = data_dir / "server.log"
    cmd = [
        label_studio_executable(), "start", "--no-browser",
        "--data-dir", str(data_dir.resolve()),
        "--database", str((data_dir / DATABASE).resolve()),
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
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(log_fd, "ab") as log:
        # umask 077: everything the server writes (sqlite journals, media, exports) is private;
        # the lock fd is passed on so the lock lives as long as the server does.
        proc = subprocess.Popen(
            cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, cwd=str(data_dir.resolve()),
            umask=0o077, pass_fds=(lock_fd,),
        )  # fmt: skip
    server = Server(
        f"http://{HOST}:{port}", proc.pid, str(data_dir.resolve()), str(log_path), proc, lock_fd
    )
    server.save()
    try:
        wait_healthy(server, timeout, cancelled)
    except BaseException:
        server.stop()
        raise
    return server, creds


def wait_healthy(
    server: Server, timeout: float, cancelled: Callable[[], bool] = lambda: False
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cancelled():
            raise StartCancelled("stopped on request while starting")
        if server.process is not None and server.process.poll() is not None:
            raise ServerError(
                f"Label Studio exited with code {server.process.returncode}:\n" + _tail(server.log)
            )
        if _healthy(server.url):
            return
        time.sleep(0.5)
    raise ServerError(
        f"Label Studio did not answer on {server.url}/health within "
        f"{timeout:.0f} s:\n" + _tail(server.log)
    )


def _healthy(url: str) -> bool:
    import httpx  # here, not at import: every `tally` command would pay for it

    try:
        return httpx.get(url + "/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _tail(path: str, lines: int = 15) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _read_state(data_dir: Path) -> dict | None:
    try:
        state = json.loads((data_dir / STATE_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def running(data_dir: Path) -> Server | None:
    """The server `serve` left running for this data dir: its recorded pid is alive and its
    URL answers /health (a pid alone may have been reused by another process)."""
    state = _read_state(data_dir)
    try:
        server = Server(
            url=str(state["url"]),
            pid=int(state["pid"]),
            data_dir=str(state["data_dir"]),
            log=str(state["log"]),
        )
    except (TypeError, KeyError, ValueError):
        return None
    if not _alive(server.pid) or not _healthy(server.url):
        return None
    return server
