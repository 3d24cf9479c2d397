"""What `tally probe` does, so `checks/cli.py` stays a few lines: build, run, report, gate."""

from __future__ import annotations

import sys
from pathlib import Path

from checks.notices import Notice, Notices
from checks.output import check_target, write_report
from checks.probe.report import FORMATS, verdict_line
from checks.probe.suite import below, probe

DEFAULT_TIMEOUT = 300.0


def run_probe(
    paths: list[Path],
    extractor: str,
    format: str,
    out: Path | None,
    fail_under: float | None,
    timeout: float,
    seed: int,
) -> int:
    """Exit code: 0, or 1 when a capability's pass rate is under `fail_under`. Unusable
    input or an extractor that cannot be run raise `InputError` (exit 2 in the CLI)."""
    check_target(out)
    report = probe(paths, extractor, seed, timeout)
    if report["notices"]:
        notices = Notices(
            {n["reason"]: Notice(n["reason"], n["count"], n["where"]) for n in report["notices"]}
        )
        print(f"in the extractor's output: {notices.line()}", file=sys.stderr)
    low = below(report, fail_under) if fail_under is not None else []
    write_report(FORMATS[format](report), out)
    if out is not None or low:
        print(verdict_line(report, low, fail_under, out), file=sys.stderr)
    return 1 if low else 0
