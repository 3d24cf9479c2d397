"""Shared helpers: documents go through the real readers, from real files."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from checks.engine import CheckResult, run_checks
from checks.readers.load import load
from tests.ls_fixtures import ls_server, ls_session, ls_template  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent

# A shared 2-core CI machine can stall any single example: no per-example deadline there.
settings.register_profile("ci", deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def resolve_offsets(doc: dict) -> dict:
    """Case files may name a mention by its text (and occurrence) instead of offsets."""
    doc = json.loads(json.dumps(doc))
    for m in doc.get("mentions", []):
        if "start" not in m:
            n = m.pop("occurrence", 0)
            pos = -1
            for _ in range(n + 1):
                pos = doc["text"].index(m["text"], pos + 1)
            m["start"], m["end"] = pos, pos + len(m["text"])
    return doc


def run_tally(*args: object) -> tuple[int, str, str]:
    """The CLI in-process through `checks.cli.run`, the function the console script calls:
    (exit code, stdout, stderr)."""
    from checks.cli import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
    )
    return path


# What a test shares with others, by name: one Label Studio (the migrated template and the
# session's server), one Spark session, and Chromium (two browsers at once on 2 cores time
# out). The order is the precedence for a group's name.
SHARED = {"ls_template": "labelstudio", "ls_session": "labelstudio", "spark": "spark"}
SHARED_MARKS = {"browser": "chromium"}
PRECEDENCE = ("labelstudio", "spark", "chromium")


def _shared_resources(item: pytest.Item) -> list[str]:
    """What `item` shares with other tests: the suite's own fixtures wider than one test (a
    session fixture is one for the run, a module fixture one per module) and the marks of
    `SHARED_MARKS`. Only fixtures named in the signatures count (not `getfixturevalue`)."""
    keys = []
    for name in item.fixturenames:
        defs = item._fixtureinfo.name2fixturedefs.get(name)
        if not defs or not defs[-1].func.__module__.startswith("tests."):
            continue  # pytest's and plugins' own (tmp_path_factory, ...) cost nothing to share
        scope = defs[-1].scope
        if scope in ("session", "package"):
            keys.append(SHARED.get(name, name))
        elif scope == "module":
            keys.append(f"{item.path.name}::{name}")
    keys += [group for mark, group in SHARED_MARKS.items() if item.get_closest_marker(mark)]
    return keys


def _rank(key: str) -> tuple[int, str]:
    return (PRECEDENCE.index(key) if key in PRECEDENCE else len(PRECEDENCE), key)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks into the node ids
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With pytest-xdist (`-n 2 --dist loadgroup`, as .ci/run runs), tests that share an
    expensive resource run on one worker, so it is built once: the Label Studio template and
    server, the Spark session, a module's built wheel or corpus; and no two Chromiums run at
    once. Tests are joined transitively (union-find over what they share) and each group is
    named after its first key in `PRECEDENCE` order; the name goes into an `xdist_group`
    mark, xdist's own grouping, which joins every name an item has: so no test declares one
    of its own. Without `-n` the marks do nothing."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    shared = {item: _shared_resources(item) for item in items}
    for keys in shared.values():
        for key in keys[1:]:
            a, b = sorted((root(keys[0]), root(key)), key=_rank)
            if a != b:
                parent[b] = a
    for item, keys in shared.items():
        if keys:
            item.add_marker(pytest.mark.xdist_group(root(keys[0])))


def pytest_configure(config: pytest.Config) -> None:
    """xdist tells its scheduler a test's group by an `@group` suffix it writes into the node
    id; pytest 9.2 drops that write and the groups are silently split (pytest-xdist#1386):
    a Label Studio server and a Spark session on each worker. Refuse that pairing."""
    if config.getoption("dist", None) != "loadgroup" or "PYTEST_XDIST_WORKER" in os.environ:
        return
    from importlib.metadata import version

    from packaging.version import Version

    if Version(version("pytest")) >= Version("9.2") and Version(version("pytest-xdist")) <= (
        Version("3.8.0")
    ):
        raise pytest.UsageError(
            "--dist loadgroup does not group on pytest 9.2 with pytest-xdist 3.8.0 "
            "(pytest-xdist#1386): install the test extra's pytest (<9.2)"
        )


@pytest.fixture(scope="session")
def spark():
    """One Spark `local[2]` session for the whole run (a JVM start costs 10-30 s): the Spark
    tests and the `--engine spark` commands run in-process all use it (`getOrCreate`)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    from checks.spark import session

    s = session("local[2]")
    yield s
    s.stop()


@pytest.fixture
def check_docs(tmp_path):
    def run(docs: list[dict], **kw) -> CheckResult:
        path = write_jsonl(tmp_path / "facts.jsonl", [resolve_offsets(d) for d in docs])
        return run_checks(load([path]), **kw)

    return run


def measure_documents() -> list[dict]:
    """The case-file documents that carry a `unit` (measures), each under its own doc_id
    and with offsets resolved: a small corpus of units for the readers and engines."""
    docs = []
    for path in sorted((Path(__file__).parent / "cases").glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            doc = case["document"]
            if any("unit" in m for m in doc.get("mentions", [])):
                doc = resolve_offsets({**doc, "doc_id": f"{path.stem}-{i}"})
                docs.append(doc)
    return docs
