"""The public result objects: `CheckResult` (SPEC §4) and `ScoreReport` (SPEC §6).

One object drives every output: its `to_dict()` is the CLI's JSON, `render(fmt)` is the
CLI's report in that format, `exit_code` is the CLI's exit code (SPEC §7). Statistics are
computed once over the whole run, never from a filtered view.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from checks import engine
from checks.facts import Facts
from checks.intervals import DEFAULT_TOLERANCE
from checks.notices import Notices
from checks.output import Chunks, joined

HOLDS, FAILS, NOT_APPLICABLE = "holds", "fails", "does not apply"
CHECK_FORMATS = ("text", "json", "junit", "md", "html", "github")
SCORE_FORMATS = ("text", "json", "md", "html", "junit", "github")


class CheckFailed(Exception):
    """Raised by `CheckResult.raise_for_errors()`: carries the whole result."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.verdict)
        self.result = result


def _format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(allowed)}")
    return fmt


@dataclass(frozen=True, eq=False)
class CheckResult:
    """The §4 rules over a set of documents.

    >>> import tally
    >>> result = tally.check("gold/")
    >>> result.ok, result.errors, len(result.documents)
    (True, 0, 1)
    >>> outcomes = result.outcomes.set_index("rule")["outcome"]
    >>> outcomes["part_whole.sum"], outcomes["source.conflict"]
    ('holds', 'fails')
    """

    run: engine.CheckResult = field(repr=False)
    facts: Facts | None = field(default=None, repr=False)  # kept for html, github, Data Docs
    about_tolerance: Fraction = DEFAULT_TOLERANCE
    # Outcomes per document and rule were gathered (a JSON-only run may skip them).
    has_outcomes: bool = True
    sources: tuple[Path, ...] = ()
    gold: Path | None = None

    # ------------------------------------------------------------ the verdict
    @property
    def documents(self) -> list[str]:
        return self.run.documents

    @property
    def errors(self) -> int:
        return self.run.errors

    @property
    def warnings(self) -> int:
        return self.run.warnings

    @property
    def ok(self) -> bool:
        """No error (warnings allowed) and every document was read."""
        return self.errors == 0 and not self.run.input_problems

    @property
    def exit_code(self) -> int:
        """SPEC §7: 2 when some documents could not be read, 1 on any error, else 0."""
        return 2 if self.run.input_problems else 1 if self.errors else 0

    @property
    def verdict(self) -> str:
        from checks.report.check_report import verdict

        return verdict(self.run)

    @property
    def violations(self) -> pd.DataFrame:
        """rule, severity, doc_id, mentions, message: one row per violation, SPEC §4a order."""
        return self.run.violations

    @property
    def notices(self) -> list[dict]:
        return self.run.notices

    @property
    def input_problems(self) -> list[str]:
        return self.run.input_problems

    @property
    def by_rule(self) -> dict[str, int]:
        """Violations per rule id, over the whole run."""
        return {
            str(k): int(v) for k, v in self.violations["rule"].value_counts().sort_index().items()
        }

    @cached_property
    def outcomes(self) -> pd.DataFrame:
        """One row per document × rule: doc_id, rule, severity, checked (items examined),
        failed (violations) and `outcome`: "holds", "fails" or "does not apply"."""
        if not self.has_outcomes:
            raise ValueError("this run did not keep per-document outcomes (outcomes=False)")
        from checks.report.check_report import per_document_outcomes

        grid = per_document_outcomes(self.run)
        outcome = np.select(
            [grid["failed"].to_numpy() > 0, grid["checked"].to_numpy() > 0],
            [FAILS, HOLDS],
            NOT_APPLICABLE,
        )
        return grid[["doc_id", "rule", "severity", "checked", "failed"]].assign(
            outcome=pd.Series(outcome, index=grid.index, dtype=object)
        )

    # ------------------------------------------------------------ outputs
    def to_dict(self) -> dict:
        """The JSON of `tally check --format json` (SPEC §7)."""
        import orjson

        return orjson.loads(self.report("json"))

    def report(self, fmt: str) -> Chunks:
        """The report in `fmt` as pieces for the output writer (large reports stream)."""
        from checks.report.check_report import render

        fmt = _format(fmt, CHECK_FORMATS)
        if fmt in ("text", "junit", "md") and not self.has_outcomes:
            raise ValueError(f"a {fmt} report needs the per-document outcomes (outcomes=True)")
        facts = self.display_facts() if fmt in ("html", "github") else None
        return render(fmt, self.run, facts, self.about_tolerance)

    def render(self, fmt: str = "text") -> str:
        """The report as `tally check --format FMT` prints it: text, json, junit, md, html
        or github."""
        return joined(self.report(fmt))

    def verdict_line(self, out: object) -> str:
        """The one line `tally check --out` prints on stderr."""
        from checks.report.check_report import verdict_line

        return verdict_line(self.run, out)

    def display_facts(self) -> Facts:
        """The facts behind the result (html and github show them): kept, or read again."""
        if self.facts is not None:
            return self.facts
        if not self.sources:
            raise ValueError("this result holds no facts to show; check(..., keep_facts=True)")
        from checks.api import prepared

        facts = prepared(list(self.sources), self.gold)
        object.__setattr__(self, "facts", facts)
        return facts

    def write_data_docs(self, folder: Path) -> str:
        """Validate with Great Expectations, write Data Docs into `folder`; the summary line."""
        from checks.gx_suite import validate_with_gx

        gx = validate_with_gx(self.display_facts(), self.run, folder)
        bad = {k: v for k, v in gx.failed.items() if v and k != "tally_rules"}
        rules = gx.failed["tally_rules"]
        warned = f" (warnings, not failures: {', '.join(gx.warned)})" if gx.warned else ""
        return (
            f"tally: Great Expectations Data Docs in {folder / 'index.html'}; facts "
            f"tables {'meet their expectations' if gx.facts_ok else f'fail: {bad}'}; rules "
            f"{'fail: ' + ', '.join(sorted(rules)) if rules else 'pass'}{warned}"
        )

    def raise_for_errors(self) -> CheckResult:
        """Raise `CheckFailed` (carrying this result) unless `ok`; else return self."""
        if not self.ok:
            raise CheckFailed(self)
        return self

    def __repr__(self) -> str:
        return (
            f"CheckResult({self.verdict}: {self.errors} errors, {self.warnings} warnings "
            f"in {len(self.documents)} documents)"
        )


# ---------------------------------------------------------------- score
@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one scheme (or label, or the relations) with its counts."""

    precision: float
    recall: float
    f1: float
    tp: float
    fp: float
    fn: float
    correct: int | None = None
    incorrect: int | None = None
    partial: int | None = None
    missed: int | None = None
    spurious: int | None = None

    @classmethod
    def of(cls, d: dict) -> Scores:
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class ValueScores:
    """Over QUANTITY mentions matched under strict; an accuracy over no match is None."""

    matched: int
    value_accuracy: float | None
    qualifier_accuracy: float | None


@dataclass(frozen=True, eq=False)
class ScoreReport:
    """An extractor scored against the gold (SPEC §6).

    >>> import tally
    >>> gold = tally.load("gold/")
    >>> report = tally.score(gold, gold)
    >>> report.strict.f1, report.relations.f1, report.values.value_accuracy
    (1.0, 1.0, 1.0)
    >>> report.against(report).regressed
    False
    """

    data: dict = field(repr=False)  # the JSON of `tally score --format json`
    gold: Facts = field(repr=False)
    pred: Facts | None = field(default=None, repr=False)  # kept for html and github
    comparison: dict | None = field(default=None, repr=False)
    input_problems: tuple[str, ...] = ()
    pred_notices: Notices = field(default_factory=Notices, repr=False)

    def scheme(self, name: str) -> Scores:
        return Scores.of(self.data["mentions"][name])

    @property
    def strict(self) -> Scores:
        return self.scheme("strict")

    @property
    def exact(self) -> Scores:
        return self.scheme("exact")

    @property
    def partial(self) -> Scores:
        return self.scheme("partial")

    @property
    def type(self) -> Scores:
        return self.scheme("type")

    @property
    def by_label(self) -> pd.DataFrame:
        """scheme, label, precision, recall, f1, tp, fp, fn and the outcome counts."""
        rows = [
            {"scheme": s, "label": label, **m}
            for s, labels in self.data["mentions"]["by_label"].items()
            for label, m in labels.items()
        ]
        columns = ["scheme", "label", *Scores.__dataclass_fields__]
        return pd.DataFrame(rows, columns=columns)

    @property
    def values(self) -> ValueScores:
        v = self.data["values"]
        return ValueScores(v["matched"], v["value_accuracy"], v["qualifier_accuracy"])

    @property
    def relations(self) -> Scores:
        return Scores.of(self.data["relations"])

    @property
    def violations(self) -> int:
        """§4 violations in the predictions (reference-free); per rule in `violations_by_rule`."""
        return int(self.data["violations"])

    @property
    def violations_by_rule(self) -> dict[str, int]:
        return dict(self.data["violations_by_rule"])

    @property
    def regressed(self) -> bool:
        """True when compared with a baseline and a metric dropped beyond the allowed drop."""
        return bool(self.comparison is not None and self.comparison["regressed"])

    @property
    def significance(self) -> dict | None:
        """The paired bootstrap and approximate randomization figures of the comparison."""
        return None if self.comparison is None else self.comparison["significance"]

    @property
    def exit_code(self) -> int:
        """SPEC §7: 2 when predicted documents could not be read, 1 on a regression, else 0."""
        return 2 if self.input_problems else 1 if self.regressed else 0

    def against(
        self,
        baseline: ScoreReport | dict | str | Path,
        max_drop: float = 0.0,
        *,
        gate: str = "raw",
        samples: int = 1000,
        seed: int = 12345,
    ) -> ScoreReport:
        """This report compared with an earlier one (a ScoreReport, its dict, or a JSON
        report file): metric changes, the per-mention diff and the significance tests."""
        from checks.facts import InputError
        from checks.scoring.baseline import GATES, baseline_problem, compare, read_baseline

        if gate not in GATES:
            raise ValueError(f"gate {gate!r} is not one of {', '.join(GATES)}")
        if isinstance(baseline, ScoreReport):
            earlier = baseline.data
        elif isinstance(baseline, dict):
            problem = baseline_problem(baseline)
            if problem is not None:
                raise InputError("baseline", f"not a tally score report: {problem}")
            earlier = baseline
        else:
            earlier = read_baseline(Path(baseline))
        comparison = compare(self.data, earlier, max_drop, gate=gate, samples=samples, seed=seed)
        return replace(self, comparison=comparison)

    def to_dict(self) -> dict:
        """The JSON of `tally score --format json` (with `baseline` once compared)."""
        out: dict[str, Any] = dict(self.data)
        if self.comparison is not None:
            out["baseline"] = self.comparison
        return out

    def report(self, fmt: str, html_docs: int = 50) -> Chunks:
        from checks.report import score_report

        fmt = _format(fmt, SCORE_FORMATS)
        if fmt == "html":
            return score_report.to_html(self.data, self.comparison, self.gold, html_docs)
        if fmt == "github":
            if self.pred is None:
                raise ValueError(
                    "a github report shows the predictions: score(..., keep_facts=True)"
                )
            return score_report.to_github(self.data, self.comparison, self.gold, self.pred)
        return score_report.FORMATS[fmt](self.data, self.comparison)

    def render(self, fmt: str = "text", html_docs: int = 50) -> str:
        """The report as `tally score --format FMT` prints it."""
        return joined(self.report(fmt, html_docs))

    def verdict_line(self, out: object) -> str:
        from checks.report.score_report import verdict_line

        return verdict_line(self.data, self.comparison, out)

    def __repr__(self) -> str:
        s = self.strict
        return (
            f"ScoreReport(strict P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}, "
            f"{self.violations} violations{', regressed' if self.regressed else ''})"
        )
