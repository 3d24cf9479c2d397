"""The `tally` command line (SPEC §7)."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from checks.facts import InputError

app = typer.Typer(
    help="tally: fact-consistency checks and scoring for figures in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_GOLD = Path("gold")


@app.callback()
def tally() -> None:
    """tally: fact-consistency checks and scoring for figures in news text."""


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"


def fail_input(exc: InputError) -> None:
    typer.echo(f"tally: unusable input: {exc}", err=True)
    raise typer.Exit(2)


def write_output(text: str, out: Path | None) -> None:
    """Write all at once (to a temp file renamed into place), so nothing is half-written."""
    if out is None:
        sys.stdout.write(text)
        return
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


@app.command()
def check(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Label Studio exports, facts JSONL or folders (default: gold/)"),
    ] = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", help="output format")
    ] = CheckFormat.text,
    out: Annotated[Optional[Path], typer.Option("--out", help="write the report here")] = None,
    gold: Annotated[
        Optional[Path],
        typer.Option(
            help="gold to borrow text from for documents without text (default: gold/ if present)"
        ),
    ] = None,
    about_tolerance: Annotated[str, typer.Option(help="t in about v → [v(1−t), v(1+t)]")] = "0.10",
    data_docs: Annotated[
        Optional[Path],
        typer.Option(
            "--data-docs", help="also validate with Great Expectations and write Data Docs here"
        ),
    ] = None,
) -> None:
    """Check that figures are internally consistent (SPEC §4). Exit 0 ok, 1 errors, 2 bad input."""
    from checks.engine import run_checks
    from checks.intervals import tolerance
    from checks.readers.load import borrow_from_gold, input_files, load
    from checks.report.check_report import FORMATS

    try:
        t = tolerance(about_tolerance)
    except ValueError as exc:
        typer.echo(f"tally: {exc}", err=True)
        raise typer.Exit(2) from None
    targets = paths or [DEFAULT_GOLD]
    try:
        if not paths and (not DEFAULT_GOLD.is_dir() or not input_files(DEFAULT_GOLD)):
            typer.echo(
                f"tally: nothing to check: {DEFAULT_GOLD.resolve()} holds no Label Studio "
                "export or facts JSONL yet (see `tally annotate pull`).",
                err=True,
            )
            raise typer.Exit(0)
        facts = load(targets)
        gold_path = gold or (DEFAULT_GOLD if paths and DEFAULT_GOLD.is_dir() else None)
        if gold_path is not None and facts.documents["text"].isna().any():
            facts = borrow_from_gold(facts, load([gold_path]))
    except InputError as exc:
        fail_input(exc)
    result = run_checks(facts, t)
    if data_docs is not None:
        from checks.gx_suite import GXFailure, validate_with_gx

        try:
            gx = validate_with_gx(facts, result, data_docs)
        except GXFailure as exc:
            typer.echo(f"tally: {exc}", err=True)
            raise typer.Exit(2) from None
        bad = {k: v for k, v in gx.failed.items() if v and k != "tally_rules"}
        typer.echo(
            f"tally: Great Expectations Data Docs in {data_docs / 'index.html'}; facts "
            f"tables {'meet their expectations' if gx.facts_ok else f'fail: {bad}'}",
            err=True,
        )
    write_output(FORMATS[format.value](result), out)
    raise typer.Exit(1 if result.errors else 0)


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    junit = "junit"


@app.command()
def score(
    gold: Annotated[
        Path, typer.Option(help="gold: Label Studio export(s), facts JSONL or a folder")
    ],
    pred: Annotated[Path, typer.Option(help="the extractor's facts JSONL (or a folder)")],
    baseline: Annotated[
        Optional[Path], typer.Option(help="an earlier `--format json` report")
    ] = None,
    format: Annotated[ScoreFormat, typer.Option("--format")] = ScoreFormat.text,
    out: Annotated[Optional[Path], typer.Option("--out", help="write the report here")] = None,
    max_drop: Annotated[
        float,
        typer.Option(help="allowed drop of a headline metric (0.01 = one point) before exit 1"),
    ] = 0.0,
    value_tolerance: Annotated[float, typer.Option(help="relative tolerance for values")] = 0.0,
    about_tolerance: Annotated[str, typer.Option(help="t in about v → [v(1−t), v(1+t)]")] = "0.10",
    html_docs: Annotated[int, typer.Option(help="documents shown in the HTML report")] = 50,
) -> None:
    """Score an extractor against the gold (SPEC §6). Exit 1 on a regression, 2 on bad input."""
    from checks.intervals import tolerance
    from checks.readers.load import load
    from checks.report import score_report
    from checks.scoring.baseline import compare, read_baseline
    from checks.scoring.score import score as run_score

    try:
        t = tolerance(about_tolerance)
        gold_facts, pred_facts = load([gold]), load([pred])
        report = run_score(
            gold_facts, pred_facts, value_tolerance=value_tolerance, about_tolerance=t
        )
        comparison = compare(report, read_baseline(baseline), max_drop) if baseline else None
    except InputError as exc:
        fail_input(exc)
    except ValueError as exc:
        typer.echo(f"tally: {exc}", err=True)
        raise typer.Exit(2) from None
    if format == ScoreFormat.html:
        text = score_report.to_html(report, comparison, gold_facts, html_docs)
    else:
        text = score_report.FORMATS[format.value](report, comparison)
    write_output(text, out)
    raise typer.Exit(1 if comparison is not None and comparison["regressed"] else 0)


class AgreeFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


@app.command()
def agree(
    paths: Annotated[
        list[Path], typer.Argument(help="Label Studio JSON export(s), or folders of them")
    ],
    format: Annotated[AgreeFormat, typer.Option("--format")] = AgreeFormat.text,
    out: Annotated[Optional[Path], typer.Option("--out", help="write the report here")] = None,
    url: Annotated[
        Optional[str],
        typer.Option(
            "--url",
            envvar="LABEL_STUDIO_URL",
            help="Label Studio URL for task links (default: the server `tally annotate serve` "
            "started, if running)",
        ),
    ] = None,
) -> None:
    """Agreement between annotators of a Label Studio export, and the list of their
    disagreements for adjudication. Exit 0, or 2 on unusable input."""
    from checks.agree.agree import agree as run_agree
    from checks.agree.export import read_annotated
    from checks.agree.report import FORMATS

    if url is None:
        from annotate.server import DEFAULT_DATA_DIR, running

        server = running(DEFAULT_DATA_DIR)
        url = server.url if server is not None else None
    elif not re.fullmatch(r"https?://[^\s()<>\"'`]+", url):
        typer.echo(f"tally: --url must be an http(s) URL, got {url!r}", err=True)
        raise typer.Exit(2)
    try:
        annotated = read_annotated(paths)
    except InputError as exc:
        fail_input(exc)
    for why, n in sorted(annotated.skipped.items()):
        tasks = ", ".join(map(str, sorted(set(annotated.skipped_tasks[why]), key=str)))
        typer.echo(f"tally agree: skipped {n} {why} (tasks {tasks})", err=True)
    report = run_agree(annotated, url)
    if not report["pairs"]:
        typer.echo("tally agree: no task has two or more annotators: nothing to compare", err=True)
        raise typer.Exit(2)
    write_output(FORMATS[format.value](report), out)


def main() -> None:
    from checks.runtime import keep_freed_memory

    keep_freed_memory()
    app()


from annotate.cli import annotate_app  # noqa: E402

app.add_typer(annotate_app, name="annotate")
