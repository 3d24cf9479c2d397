"""The `tally` command line (SPEC §7)."""

from __future__ import annotations

import atexit
import os
import sys
import traceback
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from checks import options
from checks.facts import Facts, InputError
from checks.output import Chunks, OutputError, check_target, write_report

app = typer.Typer(
    help="tally: fact-consistency checks and scoring for figures in news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DEFAULT_GOLD = Path("gold")
EXIT_INTERNAL = 3


def _version(value: bool) -> None:
    if value:
        from checks.meta import DISTRIBUTION, package_version

        typer.echo(f"tally {package_version()} ({DISTRIBUTION})")
        raise typer.Exit(0)


@app.callback()
def tally(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="print the version"),
    ] = False,
) -> None:
    """tally: fact-consistency checks and scoring for figures in news text."""


def say_notices(facts: Facts) -> None:
    """The notice line: what was read but not used, or filled in, counted (stderr)."""
    if facts.notices:
        typer.echo(facts.notices.line(), err=True)


def say_notice_list(items: list[dict]) -> None:
    """The notice line from a result's notices (chunked runs add them up per chunk)."""
    from checks.notices import Notice, Notices

    notices = Notices({i["reason"]: Notice(i["reason"], i["count"], i["where"]) for i in items})
    if notices:
        typer.echo(notices.line(), err=True)


class Engine(StrEnum):
    pandas = "pandas"
    spark = "spark"


# Shared by `check` and `score`, which both work piece by piece.
ChunkOption = Annotated[
    int, typer.Option(min=1, metavar="DOCS", help="documents per piece: bounds memory")
]
JobsOption = Annotated[
    Optional[int],
    typer.Option(
        min=1, metavar="N", help="worker processes (default: all cores for a large input)"
    ),
]
EngineOption = Annotated[
    Engine, typer.Option(help="pandas (here, chunked) or spark (needs the spark extra)")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    md = "md"
    html = "html"
    github = "github"


# Reports built from the results alone; html and github show the facts, so those formats
# (and --data-docs) read the whole input at once.
STREAMED_FORMATS = ("text", "json", "junit", "md")


def write_output(report: Chunks, out: Path | None, verdict: str | None = None) -> None:
    """Through the one output writer (atomic `--out`, OutputError → exit 2); with `--out`,
    the one-line verdict on stderr."""
    write_report(report, out)
    if out is not None and verdict is not None:
        typer.echo(verdict, err=True)


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
    about_tolerance: Annotated[
        Fraction,
        typer.Option(parser=options.about_tolerance, metavar="T", help=options.ABOUT_HELP),
    ] = Fraction(1, 10),
    data_docs: Annotated[
        Optional[Path],
        typer.Option(
            "--data-docs", help="also validate with Great Expectations and write Data Docs here"
        ),
    ] = None,
    chunk_size: ChunkOption = options.DEFAULT_CHUNK,
    jobs: JobsOption = None,
    engine: EngineOption = Engine.pandas,
    violations: Annotated[
        Optional[Path],
        typer.Option(help="also write the violations as a table (.parquet or .jsonl)"),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Check that figures are internally consistent (SPEC §4). Exit 0 ok, 1 errors, 2 bad input."""
    from checks.api import check as run_check

    check_target(out)  # a report that cannot be written is known before any work
    if not paths and not DEFAULT_GOLD.is_dir():
        raise InputError(
            str(DEFAULT_GOLD.resolve()),
            "no gold folder here: give a path, or run from the project folder "
            "(see `tally annotate pull`); nothing to check is not a pass",
        )
    shows_facts = format.value not in STREAMED_FORMATS or data_docs is not None
    if engine == Engine.spark and shows_facts:
        raise typer.BadParameter(
            f"--engine spark writes {', '.join(STREAMED_FORMATS)} reports, without --data-docs",
            param_hint="--engine",
        )
    result = run_check(
        paths or [DEFAULT_GOLD],
        gold=gold or (DEFAULT_GOLD if paths and DEFAULT_GOLD.is_dir() else None),
        about_tolerance=about_tolerance,
        keep_facts=shows_facts,
        outcomes=format != CheckFormat.json,
        engine=engine.value,
        jobs=jobs,
        chunk_size=chunk_size,
        violations_out=violations,
        progress=not quiet,
    )
    say_notice_list(result.notices)
    for problem in result.input_problems:
        typer.echo(f"tally: unusable input: {problem}", err=True)
    if data_docs is not None:
        from checks.gx_suite import GXFailure

        try:
            typer.echo(result.write_data_docs(data_docs), err=True)
        except GXFailure as exc:
            typer.echo(f"tally: {exc}", err=True)
            raise typer.Exit(2) from None
    write_output(result.report(format.value), out, result.verdict_line(out))
    raise typer.Exit(result.exit_code)


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    junit = "junit"
    github = "github"


class Gate(StrEnum):
    raw = "raw"
    significant = "significant"


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
        typer.Option(
            parser=options.fraction_0_1,
            metavar="D",
            help="allowed drop of a headline metric before exit 1, in [0, 1] (0.01 = one point)",
        ),
    ] = 0.0,
    value_tolerance: Annotated[
        float,
        typer.Option(
            parser=options.fraction_0_1,
            metavar="R",
            help="relative tolerance for values, in [0, 1]",
        ),
    ] = 0.0,
    about_tolerance: Annotated[
        Fraction,
        typer.Option(parser=options.about_tolerance, metavar="T", help=options.ABOUT_HELP),
    ] = Fraction(1, 10),
    html_docs: Annotated[
        int, typer.Option(min=0, metavar="N", help="documents shown in the HTML report")
    ] = 50,
    gate: Annotated[
        Gate,
        typer.Option(
            help="raw: exit 1 when a metric drops by more than --max-drop; significant: only "
            "when the drop is also significant (paired bootstrap and approximate "
            "randomization over documents, both p < 0.05)"
        ),
    ] = Gate.raw,
    bootstrap: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="samples of the paired bootstrap / randomization tests"
        ),
    ] = 1000,
    seed: Annotated[int, typer.Option(help="seed of the significance tests")] = 12345,
    chunk_size: ChunkOption = options.DEFAULT_CHUNK,
    jobs: JobsOption = None,
    engine: EngineOption = Engine.pandas,
    quiet: QuietOption = False,
) -> None:
    """Score an extractor against the gold (SPEC §6). Exit 1 on a regression, 2 on bad input."""
    from checks.api import score as run_score
    from checks.scoring.baseline import read_baseline

    check_target(out)
    earlier = read_baseline(baseline) if baseline else None
    shows_facts = format in (ScoreFormat.html, ScoreFormat.github)  # the predicted facts
    if engine == Engine.spark and shows_facts:
        raise typer.BadParameter(
            f"--engine spark writes {', '.join(STREAMED_FORMATS)} reports", param_hint="--engine"
        )
    report = run_score(
        gold,
        pred,
        value_tolerance=value_tolerance,
        about_tolerance=about_tolerance,
        keep_facts=shows_facts,
        engine=engine.value,
        jobs=jobs,
        chunk_size=chunk_size,
        progress=not quiet,
    )
    for problem in report.input_problems:
        typer.echo(f"tally: unusable input: {problem}", err=True)
    if report.input_problems:
        raise typer.Exit(2)
    say_notices(report.gold)
    if report.pred_notices:
        typer.echo(report.pred_notices.line(), err=True)
    if earlier is not None:
        report = report.against(earlier, max_drop, gate=gate.value, samples=bootstrap, seed=seed)
    write_output(report.report(format.value, html_docs), out, report.verdict_line(out))
    raise typer.Exit(report.exit_code)


@app.command()
def extract(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="seed folders (<doc_id>.json + .txt), facts JSONL, Parquet or Label Studio "
            "exports with text, or - for stdin"
        ),
    ],
    out: Annotated[
        Optional[Path], typer.Option("--out", help="write the facts here (.parquet: Parquet)")
    ] = None,
    jobs: JobsOption = None,
    engine: EngineOption = Engine.pandas,
) -> None:
    """Extract facts with the rule-based baseline tally-rules (facts JSONL, SPEC §5)."""
    from checks.extract.archive import run_extract

    run_extract(paths, out, jobs or 1, engine.value)


class ProbeFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


@app.command()
def probe(
    extractor: Annotated[
        str,
        typer.Option(
            help="the extractor's command line (e.g. 'tally extract -'): it reads facts JSONL "
            "with text on stdin and writes facts JSONL on stdout"
        ),
    ],
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="facts with text and gold QUANTITY mentions (default: gold/)"),
    ] = None,
    format: Annotated[ProbeFormat, typer.Option("--format")] = ProbeFormat.text,
    out: Annotated[Optional[Path], typer.Option("--out", help="write the report here")] = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option(
            parser=options.fraction_0_1,
            metavar="RATE",
            help="exit 1 when a capability's pass rate is below RATE, in [0, 1]",
        ),
    ] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="seconds the extractor may take")] = 300.0,
    seed: Annotated[int, typer.Option(help="seed of the templates' figures and nouns")] = 0,
) -> None:
    """Capability suites for any extractor (CheckList's MFT / INV / DIR for figures).
    Exit 0, 1 when a capability is below --fail-under, 2 on unusable input or extractor."""
    from checks.probe.command import run_probe

    code = run_probe(
        paths or [DEFAULT_GOLD], extractor, format.value, out, fail_under, timeout, seed
    )
    raise typer.Exit(code)


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
    import re

    from checks.agree.adjudication import adjudication_line
    from checks.agree.agree import agree as run_agree
    from checks.agree.export import read_annotated
    from checks.agree.report import FORMATS

    check_target(out)
    if url is None:
        from checks.agree.agree import local_server_url

        url, no_links = local_server_url()
        if no_links:
            typer.echo(no_links, err=True)
    elif not re.fullmatch(r"https?://[^\s()<>\"'`]+", url):
        typer.echo(f"tally: --url must be an http(s) URL, got {url!r}", err=True)
        raise typer.Exit(2)
    annotated = read_annotated(paths)
    if annotated.notices:
        typer.echo(annotated.notices.line(), err=True)
    report = run_agree(annotated, url)
    if "adjudicated" in report:
        typer.echo(adjudication_line(report["adjudicated"]), err=True)
    if not report["pairs"]:
        typer.echo("tally agree: no task has two or more annotators: nothing to compare", err=True)
        raise typer.Exit(2)
    write_output(FORMATS[format.value](report), out)


def main(argv: list[str] | None = None) -> int:
    """The one place errors become exit codes: 2 for unusable input or usage, 3 for a bug in
    tally (said in one line; TALLY_DEBUG=1 shows the traceback). No traceback otherwise."""
    from checks.runtime import tune_memory

    tune_memory()
    code = run(argv)
    leave(code)


def leave(code: int) -> NoReturn:
    """Exit without tearing the interpreter down: the exit handlers still run (worker pools,
    temporary folders, Spark), and the streams are flushed, but freeing a large run's objects
    one by one (0.1–0.3 s after 100k documents) is left to the operating system."""
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = code or 1
    os._exit(code)


def run(argv: list[str] | None = None) -> int:
    try:
        app(args=argv, prog_name="tally")  # click's own handling: usage errors exit 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except InputError as exc:
        typer.echo(f"tally: unusable input: {exc}", err=True)
        return 2
    except OutputError as exc:
        typer.echo(f"tally: cannot write the report: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("tally: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        if os.environ.get("TALLY_DEBUG"):
            traceback.print_exc()
        typer.echo(
            f"tally: internal error ({type(exc).__name__}: {exc}); this is a bug in tally, "
            "please report it with the input (TALLY_DEBUG=1 shows the traceback)",
            err=True,
        )
        return EXIT_INTERNAL
    return 0


from annotate.cli import annotate_app  # noqa: E402

app.add_typer(annotate_app, name="annotate")
