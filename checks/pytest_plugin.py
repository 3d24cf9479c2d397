"""pytest plugin: every document × rule of a facts file as a test item.

    pytest --tally gold/ out/facts.jsonl          # or [tool.tally] paths = [...] in pyproject

Inert unless asked: without `--tally` (or `[tool.tally] paths`) it registers a fixture and
nothing else. Each facts file is checked once, at collection, through `tally.check`; its
items then report that result: passed when the rule holds, failed with tally's messages
when it fails, skipped when it does not apply, and a warning (not a failure, unless
`--tally-strict`) for a failing warning rule. Item ids are stable across runs and xdist
workers: `gold/tally-gold.json::aleppo-evacuation-2016-12-16::part_whole.sum`, so `-k`
selects by document or rule. Unusable input is a collection error naming file and line.
"""

from __future__ import annotations

import tomllib
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

INPUT_SUFFIXES = (".json", ".jsonl", ".parquet")  # what tally reads in a folder


class TallyWarning(UserWarning):
    """A warning rule (`qualifier.cue`, `source.conflict`) fired."""


class TallyViolation(Exception):
    """An error rule fired: the messages, one line per violation."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tally", "tally fact-consistency checks")
    group.addoption(
        "--tally",
        action="extend",
        nargs="*",
        metavar="PATH",
        default=None,
        help="check these facts files or folders: one test per document and rule "
        "(bare --tally: the paths of [tool.tally] in pyproject.toml)",
    )
    group.addoption(
        "--tally-strict", action="store_true", help="failing warning rules fail their test"
    )
    group.addoption(
        "--tally-gold",
        metavar="PATH",
        default=None,
        help="gold that documents without text borrow it from (default: [tool.tally] gold, "
        "else gold/ in the root folder if there is one)",
    )


def _settings(root: Path) -> dict:
    """`[tool.tally]` of the root folder's pyproject.toml ({} when absent)."""
    try:
        with (root / "pyproject.toml").open("rb") as f:
            tool = tomllib.load(f).get("tool", {}).get("tally", {})
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise pytest.UsageError(f"{root / 'pyproject.toml'}: not valid TOML ({exc})") from None
    return tool if isinstance(tool, dict) else {}


def pytest_configure(config: pytest.Config) -> None:
    root = config.rootpath
    settings = _settings(root)
    given = config.getoption("tally")
    configured = settings.get("paths")
    if given is None and configured is None:
        return  # not asked: inert
    if configured is not None and not (
        isinstance(configured, list) and all(isinstance(p, str) for p in configured)
    ):
        raise pytest.UsageError("[tool.tally] paths must be a list of strings")
    raw = given if given else configured or []
    if not raw:
        raise pytest.UsageError("--tally needs paths, or [tool.tally] paths in pyproject.toml")
    base = config.invocation_params.dir if given else root
    paths = [(base / p).resolve() for p in raw]
    for shown, p in zip(raw, paths, strict=True):
        if not p.exists():
            raise pytest.UsageError(f"--tally {shown}: no such file or folder")
    gold = config.getoption("tally_gold") or settings.get("gold")
    gold_path = (base / gold).resolve() if gold else (root / "gold")
    gold_path = gold_path if gold_path.is_dir() or gold else None
    strict = config.getoption("tally_strict")
    config.pluginmanager.register(TallyCollector(paths, gold_path, strict), "tally-collector")
    # pytest collects only what its arguments name: add the facts paths (overlaps with
    # other arguments are folded by pytest itself).
    config.args.extend(str(p) for p in paths)


class TallyCollector:
    """Claims the facts files under the `--tally` paths."""

    def __init__(self, paths: list[Path], gold: Path | None, strict: bool) -> None:
        self.paths, self.gold, self.strict = paths, gold, strict

    def _wanted(self, path: Path) -> bool:
        if path.suffix not in INPUT_SUFFIXES and path not in self.paths:
            return False
        return any(path == p or p in path.parents for p in self.paths)

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector):
        if self._wanted(file_path.resolve()):
            return TallyFile.from_parent(parent, path=file_path, gold=self.gold, strict=self.strict)
        return None


class TallyFile(pytest.File):
    """One facts file, checked once; a collector of its documents."""

    def __init__(self, *, gold: Path | None = None, strict: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.gold, self.strict = gold, strict

    def collect(self) -> Iterator[TallyDocument]:
        import tally

        # Read by its path from where pytest was started, so messages name it as typed.
        here = self.config.invocation_params.dir
        shown = self.path.relative_to(here) if self.path.is_relative_to(here) else self.path
        try:
            result = tally.check(shown, gold=self.gold if self.gold != self.path else None)
        except tally.InputError as exc:
            raise self.CollectError(f"tally: unusable input: {exc}") from None
        lines = result.violations.assign(
            line="[" + result.violations["mentions"].map(lambda ids: ",".join(map(str, ids)))
            + "] " + result.violations["message"].astype(str)
        )  # fmt: skip
        found = {key: rows["line"].tolist() for key, rows in lines.groupby(["doc_id", "rule"])}
        for doc_id, rows in result.outcomes.groupby("doc_id", sort=False, observed=True):
            yield TallyDocument.from_parent(
                self, name=str(doc_id), outcomes=rows, violations=found, strict=self.strict
            )


class TallyDocument(pytest.Collector):
    """One document: a test item per rule."""

    def __init__(self, *, outcomes, violations: dict, strict: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.outcomes, self.violations, self.strict = outcomes, violations, strict

    def collect(self) -> Iterator[TallyRuleItem]:
        for row in self.outcomes.itertuples(index=False):
            rule = str(row.rule)
            lines = self.violations.get((self.name, rule), [])
            yield TallyRuleItem.from_parent(
                self,
                name=rule,
                outcome=row.outcome,
                severity=str(row.severity),
                lines=lines,
                strict=self.strict,
            )


class TallyRuleItem(pytest.Item):
    """One rule on one document: holds (pass), fails (fail or warn), does not apply (skip)."""

    def __init__(self, *, outcome: str, severity: str, lines: list[str], strict: bool,
                 **kwargs) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.outcome, self.severity, self.lines, self.strict = outcome, severity, lines, strict
        self.doc_id = self.parent.name
        self.user_properties += [("doc_id", self.doc_id), ("rule", self.name)]

    def runtest(self) -> None:
        from checks.results import FAILS, NOT_APPLICABLE

        if self.outcome == NOT_APPLICABLE:
            pytest.skip(f"{self.name} does not apply: nothing in {self.doc_id} for it to examine")
        if self.outcome != FAILS:
            return
        if self.severity == "error" or self.strict:
            raise TallyViolation("\n".join(self.lines))
        for line in self.lines:
            warnings.warn(TallyWarning(f"{self.doc_id} {self.name}: {line}"), stacklevel=1)

    def repr_failure(self, excinfo, style=None) -> str:
        if isinstance(excinfo.value, TallyViolation):
            n = len(self.lines)
            head = f"tally {self.severity} {self.name} in {self.doc_id}: "
            return head + f"{n} violation{'s' if n != 1 else ''}\n" + str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, f"{self.doc_id}::{self.name}"


@pytest.fixture
def tally_check() -> Callable:
    """`tally_check(path_or_facts, **options)` → `tally.CheckResult` (see `tally.check`).

    def test_my_extractor_output(tally_check):
        assert tally_check("out/facts.jsonl").ok
    """
    import tally

    return tally.check
