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
