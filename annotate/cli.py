"""`tally annotate serve | push | pull`: the Label Studio side."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from annotate import client as ls
from annotate.server import DEFAULT_DATA_DIR, ServerError, credentials, running, start
from checks.facts import InputError

annotate_app = typer.Typer(
    help="Label Studio: serve, push documents and pre-annotations, pull the gold.",
    no_args_is_help=True,
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
    token = os.environ.get("LABEL_STUDIO_USER_TOKEN") or credentials(data_dir).token
    try:
        return ls.connect(url, token), url
    except ls.AnnotateError as exc:
        _die(str(exc))


@annotate_app.command()
def serve(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    port: Annotated[Optional[int], typer.Option(help="port (default: a free one)")] = None,
) -> None:
    """Start Label Studio on 127.0.0.1 for annotators; Ctrl-C stops it."""
    try:
        server, creds = start(data_dir, port)
    except ServerError as exc:
        _die(str(exc))
    typer.echo(f"Label Studio is up at {server.url} (pid {server.pid}, data in {data_dir})")
    typer.echo(
        f"  log in as {creds.username}; password and API token are in "
        f"{data_dir / 'tally-credentials.json'} (token {creds.masked_token})"
    )
    typer.echo("  next: tally annotate push seeds/   then annotate, then: tally annotate pull")
    stop = False

    def _stop(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop and server.process.poll() is None:
        time.sleep(0.5)
    server.stop()
    typer.echo("Label Studio stopped.")


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
    replace: Annotated[bool, typer.Option(help="overwrite existing annotations")] = False,
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
            help="a snapshot export that brings the pre-annotations whole (they are never gold)"
        ),
    ] = False,
    project: Project = ls.DEFAULT_PROJECT,
    url: Url = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Export the project's full JSON into gold/ (stable, diffable) and check it."""
    from checks.engine import run_checks
    from checks.readers.labelstudio import read_labelstudio
    from checks.report.check_report import to_text

    client, url = _client(url, data_dir)
    try:
        with ls.explained(url):
            proj = ls.require_project(client, project)
            tasks = ls.export_tasks(client, proj.id, with_predictions=with_predictions)
    except ls.AnnotateError as exc:
        _die(str(exc))
    path = gold_dir / f"{project}.json"
    try:
        facts = read_labelstudio(path, tasks)
    except InputError as exc:
        _die(f"the export cannot be used as gold: {exc}")
    written = ls.write_gold(tasks, gold_dir, project)
    typer.echo(f"wrote {len(tasks)} tasks to {written}")
    result = run_checks(facts)
    typer.echo(to_text(result), nl=False)
    raise typer.Exit(1 if result.errors else 0)


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
            result = rv.fetch_review(client, proj, url)
            if result.notices:
                typer.echo(result.notices.line(), err=True)
            typer.echo((rv.to_json if format == "json" else rv.to_text)(result), nl=False)
            if watch:
                typer.echo(f"watching project {project!r} every {interval:g} s (Ctrl-C stops)")
                result = rv.watch(client, proj.id, result, interval=interval,
                                  max_rounds=max_rounds, echo=typer.echo,
                                  fetch=lambda: rv.fetch_review(client, proj, url))  # fmt: skip
    except ls.AnnotateError as exc:
        _die(str(exc))
    except InputError as exc:
        _die(f"the annotations on the server cannot be read: {exc}")
    raise typer.Exit(1 if result.errors else 0)
