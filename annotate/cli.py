"""`tally annotate serve | push | pull`: the Label Studio side."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer

from annotate import client as ls
from annotate.server import (
    CREDENTIALS_FILE,
    DEFAULT_DATA_DIR,
    ServerError,
    StartCancelled,
    credentials,
    exit_status,
    running,
    start,
    supervise,
    tail,
)
from checks.facts import InputError

annotate_app = typer.Typer(
    help="Label Studio: serve, push documents and pre-annotations, pull the gold.",
    no_args_is_help=True,
    rich_markup_mode=None,  # help texts are shown as written: brackets are not markup
)

DataDir = Annotated[Path, typer.Option("--data-dir", help="server data (sqlite, media)")]
Url = Annotated[
    Optional[str],
    typer.Option(
        "--url", envvar="LABEL_STUDIO_URL", help="server URL (default: the one `serve` started)"
    ),
]
Project = Annotated[str, typer.Option("--project", help="project title")]


def _die(message: str, code: int = 2) -> None:
    typer.echo(f"tally annotate: {message}", err=True)
    raise typer.Exit(code)


def _client(url: str | None, data_dir: Path):
    if url is None:
        server = running(data_dir)
        if server is None:
            _die(
                f"no server running for {data_dir}: start one with `tally annotate serve` "
                "or pass --url"
            )
        url = server.url
    try:
        token = os.environ.get("LABEL_STUDIO_USER_TOKEN") or credentials(data_dir).token
    except ServerError as exc:
        _die(str(exc))
    try:
        return ls.connect(url, token), url
    except ls.AnnotateError as exc:
        _die(str(exc))


def _server_dir(url: str, data_dir: Path) -> Path | None:
    """The data dir of the server at `url` when it is the one `serve` runs on `data_dir`."""
    server = running(data_dir)
    return Path(server.data_dir) if server is not None and server.url == url else None


@annotate_app.command()
def serve(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    port: Annotated[Optional[int], typer.Option(help="port (default: a free one)")] = None,
    with_extractor: Annotated[
        bool,
        typer.Option(
            "--with-extractor",
            help="also serve `tally extract` as the project's ML backend (pre-annotations)",
        ),
    ] = False,
    project: Project = ls.DEFAULT_PROJECT,
) -> None:
    """Start Label Studio on 127.0.0.1 for annotators; Ctrl-C stops it."""
    # A stop asked for while the server starts is honoured once it is up, never by dying
    # in between and leaving the server behind.
    stop = False

    def _stop(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        server, creds = start(data_dir, port, cancelled=lambda: stop)
    except StartCancelled:
        typer.echo("Label Studio stopped. (requested while it started: Ctrl-C or SIGTERM)")
        raise typer.Exit(0) from None
    except ServerError as exc:
        _die(str(exc))
    backend = _serve_extractor(server, creds, project) if with_extractor else None
    typer.echo(f"Label Studio is up at {server.url} (pid {server.pid}, data in {data_dir})")
    typer.echo(
        f"  log in as {creds.username}; password and API token are in "
        f"{data_dir / CREDENTIALS_FILE} (token {creds.masked_token})"
    )
    typer.echo(
        "  sign-up is closed: give each annotator an account with `tally annotate invite NAME`"
    )
    typer.echo("  next: tally annotate push seeds/   then annotate, then: tally annotate pull")
    died = supervise(server, lambda: stop)
    if backend is not None:
        backend.stop()
    server.stop()
    if died is not None:  # nobody asked it to stop: a supervisor must see a failure
        _die(f"Label Studio {exit_status(died)} (pid {server.pid}); the end of its log "
             f"{server.log}:\n{tail(server)}", code=1)  # fmt: skip
    typer.echo("Label Studio stopped. (requested: Ctrl-C or SIGTERM)")


def _serve_extractor(server, creds, project: str):
    """The extractor's ML backend on a free loopback port, registered with the project."""
    from annotate.backend import register, start_backend

    backend = start_backend()
    try:
        client = ls.connect(server.url, creds.token)
        with ls.explained(server.url):
            proj = ls.ensure_project(client, project)
            register(client, proj.id, backend.url)
    except ls.AnnotateError as exc:
        backend.stop()
        server.stop()
        _die(str(exc))
    typer.echo(
        f"  extractor ML backend at {backend.url} serves project {project!r} (id {proj.id}): "
        "tasks opened without predictions arrive pre-annotated"
    )
    return backend


@annotate_app.command()
def invite(
    name: Annotated[
        str, typer.Argument(help="annotator: a short name (NAME@tally.local) or an email")
    ],
    allow_remote: Annotated[
        bool,
        typer.Option("--allow-remote", help="also on a server that is not on this machine"),
    ] = False,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Create an annotator's account on the server and print its login (sign-up is closed)."""
    from annotate.invite import invite as create_account
    from annotate.invite import is_loopback

    if url is not None and not is_loopback(url) and not allow_remote:
        _die(f"{url} is not on this machine: pass --allow-remote to create an account there")
    client, url = _client(url, data_dir)
    try:
        with ls.explained(url):
            account = create_account(client, url, name)
    except ls.AnnotateError as exc:
        _die(str(exc))
    typer.echo(f"account for {name} on {url}")
    typer.echo(f"  log in at  {account.login_url}")
    typer.echo(f"  email      {account.email}")
    typer.echo(f"  password   {account.password}")
    typer.echo("  (shown once; the invitation link used is reset, so it opens no other account)")


@annotate_app.command()
def backend(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (default: a free one)")] = 0,
    register_with: Annotated[
        bool,
        typer.Option("--register", help="connect it to the project on the running server"),
    ] = False,
    project: Project = ls.DEFAULT_PROJECT,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Serve `tally extract` as a Label Studio ML backend on 127.0.0.1; Ctrl-C stops it."""
    from annotate.backend import model_version, register, start_backend

    try:
        served = start_backend(port)
    except OSError as exc:
        _die(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}")
    typer.echo(f"ML backend {model_version()} at {served.url} (/health, /setup, /predict)")
    if register_with:
        client, url = _client(url, data_dir)
        try:
            with ls.explained(url):
                proj = ls.ensure_project(client, project)
                register(client, proj.id, served.url)
        except ls.AnnotateError as exc:
            served.stop()
            _die(str(exc))
        typer.echo(f"  connected to project {project!r} (id {proj.id}) on {url}")
    else:
        typer.echo("  connect it in Label Studio: project Settings → Model → Connect Model")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    served.stop()
    typer.echo("ML backend stopped.")


@annotate_app.command()
def push(
    documents: Annotated[Path, typer.Argument(help="folder of <doc_id>.json + .txt")] = Path(
        "seeds"
    ),
    predictions: Annotated[
        Optional[Path], typer.Option(help="facts JSONL to attach as pre-annotations")
    ] = None,
    model_version: Annotated[str, typer.Option(help="model_version of the predictions")] = "",
    as_annotations: Annotated[
        Optional[Path],
        typer.Option(
            "--annotations", help="facts to submit as annotations (as an annotator would)"
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="overwrite existing annotations")
    ] = False,
    project: Project = ls.DEFAULT_PROJECT,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Create or update the project and import documents as tasks (idempotent)."""
    from annotate.documents import read_documents
    from annotate.to_labelstudio import results_by_document
    from checks.readers.load import load

    try:
        docs = read_documents(documents)
        pred = load([predictions]) if predictions else None
        gold = load([as_annotations]) if as_annotations else None
    except InputError as exc:
        _die(f"unusable input: {exc}")
    client, url = _client(url, data_dir)
    try:
        with ls.explained(url):
            proj = ls.ensure_project(client, project)
            counts = ls.push_documents(client, proj.id, docs)
            typer.echo(
                f"project {project!r} (id {proj.id}): {counts['created']} tasks created, "
                f"{counts['updated']} updated, {counts['unchanged']} unchanged"
            )
            if pred is not None:
                n = ls.push_results(
                    client,
                    proj.id,
                    results_by_document(pred),
                    model_version=model_version or predictions.stem,
                )
                typer.echo(
                    f"{n} documents got predictions "
                    f"(model_version {model_version or predictions.stem!r})"
                )
            if gold is not None:
                n = ls.push_results(
                    client,
                    proj.id,
                    results_by_document(gold, "manual"),
                    model_version=None,
                    replace=replace,
                )
                typer.echo(f"{n} documents got annotations")
    except ls.AnnotateError as exc:
        _die(str(exc))


@annotate_app.command()
def pull(
    gold_dir: Annotated[Path, typer.Option("--gold", help="where the export goes")] = Path("gold"),
    with_predictions: Annotated[
        bool,
        typer.Option(
            "--with-predictions",
            help="bring the pre-annotations whole, not as ids (they are never gold)",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="replace a gold file even when the export lacks some of its content"
        ),
    ] = False,
    project: Project = ls.DEFAULT_PROJECT,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Export the project's full JSON into gold/<project>.json (stable, diffable) and check it.

    What changes in an existing gold file is shown on stderr; a pull that would remove or
    change regions, relations or documents needs --force.
    """
    from annotate.gold_diff import gold_diff
    from checks.agree.adjudication import open_adjudications
    from checks.engine import run_checks
    from checks.readers.labelstudio import read_labelstudio
    from checks.report.check_report import to_text

    client, url = _client(url, data_dir)
    try:
        with ls.explained(url):
            proj = ls.require_project(client, project)
            tasks = ls.export_tasks(client, proj.id, with_predictions=with_predictions,
                                    server_dir=_server_dir(url, data_dir))  # fmt: skip
    except ls.AnnotateError as exc:
        _die(str(exc))
    path = ls.gold_path(gold_dir, project)
    for line in open_adjudications(tasks):
        typer.echo(f"tally annotate: {line}", err=True)
    try:
        facts = read_labelstudio(path, tasks)
    except InputError as exc:
        _die(f"the export cannot be used as gold: {exc}")
    if path.exists():
        try:
            old = read_labelstudio(path)
        except (InputError, OSError) as exc:
            if not force:
                _die(
                    f"{path} is not a readable export, so what the pull would change cannot be "
                    f"shown ({exc}); nothing was written: pass --force to replace it"
                )
        else:
            diff = gold_diff(old, facts)
            if not diff.empty:
                typer.echo(f"tally annotate: {path} changes:\n{diff.render()}", err=True)
            if diff.loses_content and not force:
                _die(
                    f"the export lacks content that {path} has (removed or changed above); "
                    "nothing was written: pass --force to replace it"
                )
    from checks.output import OutputError

    try:
        written = ls.write_gold(tasks, path)
    except (OutputError, OSError) as exc:
        _die(f"cannot write the gold: {exc}")
    typer.echo(f"wrote {len(tasks)} tasks to {written}")
    result = run_checks(facts)
    typer.echo(to_text(result), nl=False)
    raise typer.Exit(1 if result.errors else 0)


@annotate_app.command()
def adjudicate(
    replace: Annotated[
        bool,
        typer.Option("--replace", help="merge again, discarding an adjudication in progress"),
    ] = False,
    project: Project = ls.DEFAULT_PROJECT,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Push to each task two annotators annotated one merged annotation: what they agree on
    as it is, each disagreement in both versions, marked. Keep one version of each in the
    labeling page and mark the annotation as ground truth; `pull` takes it as the gold."""
    from annotate.adjudicate import adjudicate as run_adjudicate
    from annotate.review import annotator_emails

    client, url = _client(url, data_dir)
    try:
        with ls.explained(url):
            proj = ls.require_project(client, project)
            out = run_adjudicate(client, proj, annotator_emails(client), replace=replace,
                                 server_dir=_server_dir(url, data_dir))  # fmt: skip
    except ls.AnnotateError as exc:
        _die(str(exc))
    except InputError as exc:
        _die(f"the annotations on the server cannot be read: {exc}")
    for doc_id, n in out.pushed.items():
        typer.echo(f"{doc_id}: merged annotation pushed with {n} disagreements to resolve")
    for doc_id, n in out.kept.items():
        typer.echo(f"{doc_id}: adjudication in progress kept ({n} open; --replace merges again)")
    for doc_id, why in out.skipped.items():
        typer.echo(f"tally annotate: {doc_id} not adjudicated: {why}", err=True)
    typer.echo(f"open {url}/projects/{proj.id}/data, keep one version of each marked region "
               "(its meta says whose), then mark the annotation as ground truth")  # fmt: skip


@annotate_app.command()
def review(
    format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    watch: Annotated[
        bool, typer.Option("--watch", help="keep polling and print only what changes")
    ] = False,
    interval: Annotated[float, typer.Option(help="seconds between polls (--watch)", min=0.2)] = 5.0,
    max_rounds: Annotated[
        Optional[int], typer.Option(help="stop --watch after this many polls", min=1)
    ] = None,
    project: Project = ls.DEFAULT_PROJECT,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Check the annotations on the server now; each violation links to its task."""
    from annotate import review as rv

    if format not in ("text", "json"):
        _die(f"--format must be text or json, got {format!r}")
    client, url = _client(url, data_dir)
    try:
        with ls.explained(url):
            proj = ls.require_project(client, project)
            server_dir = _server_dir(url, data_dir)
            result = rv.fetch_review(client, proj, url, server_dir)
            if result.notices:
                typer.echo(result.notices.line(), err=True)
            typer.echo((rv.to_json if format == "json" else rv.to_text)(result), nl=False)
            if watch:
                typer.echo(f"watching project {project!r} every {interval:g} s (Ctrl-C stops)")
                again = lambda: rv.fetch_review(client, proj, url, server_dir)  # noqa: E731
                result = rv.watch(client, proj.id, result, interval=interval,
                                  max_rounds=max_rounds, echo=typer.echo, fetch=again)  # fmt: skip
    except ls.AnnotateError as exc:
        _die(str(exc))
    except InputError as exc:
        _die(f"the annotations on the server cannot be read: {exc}")
    raise typer.Exit(1 if result.errors else 0)
