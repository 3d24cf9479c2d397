"""`tally extract` over archives: `--jobs N` and Parquet give exactly the output of one
process (`checks/extract/archive.py`); `--engine spark` the same bytes (marked spark)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from benchmarks.extract_bench import seed_sized_articles
from checks.extract.archive import extract_paths, jsonl_lines, write_parquet
from checks.extract.inputs import read_inputs
from checks.extract.writer import to_jsonl
from checks.readers.load import load
from tests.conftest import ROOT, run_tally


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """60 seed-sized articles, each a different mix of the seed's paragraphs."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    docs = seed_sized_articles(60, None)
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    return path


def tally(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checks", *args], cwd=ROOT, capture_output=True, timeout=300
    )


def test_pieces_and_workers_write_what_one_pass_writes(archive):
    one_pass = to_jsonl(read_inputs([archive])).encode()
    assert b"".join(jsonl_lines(extract_paths([archive], jobs=1, chunk_docs=7))) == one_pass
    assert b"".join(jsonl_lines(extract_paths([archive], jobs=2, chunk_docs=7))) == one_pass


def test_cli_jobs_gives_the_same_bytes(archive, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert tally("extract", str(archive), "--out", str(one)).returncode == 0
    assert tally("extract", str(archive), "--jobs", "2", "--out", str(two)).returncode == 0
    assert one.read_bytes() == two.read_bytes()


def test_parquet_in_and_out_hold_the_same_facts(archive, tmp_path):
    out = tmp_path / "facts.parquet"
    write_parquet(extract_paths([archive], chunk_docs=16), out)
    as_jsonl = tmp_path / "facts.jsonl"
    as_jsonl.write_bytes(b"".join(jsonl_lines(extract_paths([archive]))))
    a, b = load([out]), load([as_jsonl])
    cols = ["doc_id", "id", "start", "end", "text", "label", "value", "qualifier", "category"]
    assert a.mentions[cols].equals(b.mentions[cols])
    assert a.relations[["doc_id", "from", "to", "type"]].equals(
        b.relations[["doc_id", "from", "to", "type"]]
    )
    # and Parquet documents in: extracted again, the same lines
    docs_only = tmp_path / "docs.parquet"
    write_parquet(
        ({**r, "mentions": [], "relations": []} for r in extract_paths([archive])), docs_only
    )
    again = b"".join(jsonl_lines(extract_paths([docs_only], jobs=2, chunk_docs=16)))
    assert again == as_jsonl.read_bytes()


def test_unusable_archives_exit_2(archive, tmp_path):
    twice = tmp_path / "twice.jsonl"
    twice.write_bytes(archive.read_bytes().splitlines(keepends=True)[0] * 2)
    proc = tally("extract", str(twice), "--jobs", "2")
    assert proc.returncode == 2 and b"more than once" in proc.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    proc = tally("extract", str(empty))
    assert proc.returncode == 2 and b"no documents" in proc.stderr


@pytest.mark.spark
def test_spark_writes_what_one_process_writes(spark, archive, tmp_path):
    """The command in-process (`checks.cli.run`) on the session's Spark."""
    lines = tmp_path / "spark.jsonl"
    code, _, err = run_tally("extract", archive, "--engine", "spark", "--out", lines)
    assert code == 0, err
    assert lines.read_bytes() == to_jsonl(read_inputs([archive])).encode()
    dataset = tmp_path / "facts.parquet"
    code, _, err = run_tally("extract", archive, "--engine", "spark", "--out", dataset)
    assert code == 0, err
    a, b = load([dataset]), load([lines])
    key = ["doc_id", "id"]
    cols = [*key, "start", "end", "text", "label", "value", "qualifier", "category"]
    left = a.mentions[cols].sort_values(key).reset_index(drop=True)
    right = b.mentions[cols].sort_values(key).reset_index(drop=True)
    assert left.equals(right)
    assert json.loads(lines.read_text("utf-8").splitlines()[0])["doc_id"] == "a0"


@pytest.mark.spark
def test_the_spark_command_as_a_user_runs_it(archive, tmp_path):
    """The README's `tally extract ARCHIVE --engine spark --out facts.parquet` from a fresh
    process (its own Spark session started by the command), then `tally check` on its
    output: the facts one process writes, and a verdict, not a crash."""
    dataset = tmp_path / "facts.parquet"
    proc = tally("extract", str(archive), "--engine", "spark", "--out", str(dataset))
    assert proc.returncode == 0, proc.stderr
    expected = tmp_path / "one.jsonl"
    expected.write_bytes(to_jsonl(read_inputs([archive])).encode())
    a, b = load([dataset]), load([expected])
    cols = ["doc_id", "id", "start", "end", "text", "label", "value", "qualifier", "category"]
    assert a.mentions[cols].equals(b.mentions[cols])
    checked = tally("check", str(dataset))
    assert checked.returncode in (0, 1) and b"Traceback" not in checked.stderr, checked.stderr
