"""The fast paths give exactly the violations of the reference run.

`golden/heavy-violations.jsonl` pins the violations of a seeded
corpus where every document carries a planted fault; the vectorized messages, the chunked
engine and the worker pool must reproduce it byte for byte.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import corpus, write_jsonl
from checks.engine import run_checks
from checks.readers.load import load

GOLDEN = Path(__file__).parent / "golden" / "heavy-violations.jsonl"


def violation_lines(violations) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in violations.to_dict("records"))


@pytest.fixture(scope="module")
def heavy(tmp_path_factory) -> Path:
    """About 200 documents, each with one planted fault of every kind the generator knows."""
    path = tmp_path_factory.mktemp("heavy") / "heavy.jsonl"
    return write_jsonl(corpus(1500, seed=3, plant_rate=1.0), path)


def test_violation_heavy_corpus_matches_golden(heavy):
    assert violation_lines(run_checks(load([heavy])).violations) == GOLDEN.read_text("utf-8")


def test_chunked_runs_match_golden(heavy):
    from checks.stream import check_paths

    for chunk in (50, 10_000):
        result = check_paths([heavy], chunk_docs=chunk)
        assert violation_lines(result.violations) == GOLDEN.read_text("utf-8"), chunk


def test_chunked_reports_match_the_whole_run(heavy):
    from checks.report.check_report import FORMATS
    from checks.stream import check_paths

    whole = run_checks(load([heavy]))
    chunked = check_paths([heavy], chunk_docs=23)
    assert chunked.documents == whole.documents
    for fmt, render in FORMATS.items():
        assert render(chunked) == render(whole), fmt


@pytest.mark.parametrize("other_thread", [False, True], ids=["forked", "spawned"])
def test_two_workers_match_one_process(heavy, other_thread):
    """Workers are forked from a single-threaded driver and spawned when another thread runs
    (a fork could copy a lock it holds); the result is the same either way."""
    import threading

    from checks.parallel import _start_method
    from checks.stream import check_paths

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    if other_thread:
        thread.start()
    try:
        alone = threading.active_count() == 1  # other tests may have left threads running
        assert _start_method() == ("fork" if alone else "spawn")
        result = check_paths([heavy], chunk_docs=40, jobs=2)
    finally:
        stop.set()
    assert violation_lines(result.violations) == GOLDEN.read_text("utf-8")


def test_bad_line_in_a_worker_names_file_and_line(heavy, tmp_path):
    from checks.facts import InputError
    from checks.stream import check_paths

    lines = heavy.read_bytes().splitlines(keepends=True)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"".join(lines[:60]) + b'{"doc_id": "x", "mentions": [\n' + lines[60])
    with pytest.raises(InputError) as err:
        check_paths([bad], chunk_docs=20, jobs=2)
    assert err.value.location == f"{bad}:61"


def test_doc_id_repeated_in_another_chunk_is_unusable(heavy, tmp_path):
    from checks.facts import InputError
    from checks.stream import check_paths

    lines = heavy.read_bytes().splitlines(keepends=True)
    doc = json.loads(lines[2])
    doc["mentions"], doc["relations"] = [], []
    twice = tmp_path / "twice.jsonl"
    twice.write_bytes(b"".join(lines[:30]) + json.dumps(doc).encode() + b"\n")
    with pytest.raises(InputError, match="appears more than once") as err:
        check_paths([twice], chunk_docs=10)
    assert err.value.location == f"{twice}:3, {twice}:31"


def test_parquet_gives_the_same_violations(heavy, tmp_path):
    from benchmarks.corpus import write_parquet
    from checks.stream import check_paths

    docs = [json.loads(line) for line in heavy.read_text("utf-8").splitlines()]
    path = write_parquet(docs, tmp_path / "heavy.parquet", row_group_docs=30)
    result = check_paths([path], chunk_docs=50)
    assert violation_lines(result.violations) == GOLDEN.read_text("utf-8")
    assert violation_lines(run_checks(load([path])).violations) == GOLDEN.read_text("utf-8")


def test_parquet_fault_names_file_and_row(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from checks.facts import InputError

    rows = [
        {"doc_id": "a", "mentions": [{"id": "m1", "start": 0, "end": 1, "label": "QUANTITY"}]},
        {"doc_id": "b", "mentions": [{"id": "m1", "start": 0, "end": 1, "label": "QUANTITY"},
                                     {"id": "m1", "start": 2, "end": 3, "label": "QUANTITY"}]},
    ]  # fmt: skip
    path = tmp_path / "dup.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    with pytest.raises(InputError, match="duplicate mention id 'm1'") as err:
        load([path])
    assert err.value.location == f"{path}:2"
    nan = tmp_path / "nan.parquet"
    rows[1]["mentions"] = [{"id": "m1", "start": 0, "end": 1, "label": "QUANTITY",
                            "value": float("nan")}]  # fmt: skip
    pq.write_table(pa.Table.from_pylist(rows), nan)
    with pytest.raises(InputError, match="NaN") as err:
        load([nan])
    assert err.value.location == f"{nan}:2"


def test_cli_jobs_chunks_and_violations_table(heavy, tmp_path, capsys):
    import pyarrow.parquet as pq

    from checks.cli import run

    reports = {}
    for extra in ([], ["--jobs", "2", "--chunk-size", "30"]):
        out = tmp_path / f"report{len(extra)}.json"
        table = tmp_path / f"violations{len(extra)}.parquet"
        args = ["check", str(heavy), "--format", "json", "--out", str(out), "--quiet"]
        assert run([*args, "--violations", str(table), *extra]) == 1
        reports[len(extra)] = out.read_bytes()
        written = pq.read_table(table).to_pylist()
        assert written == json.loads(out.read_bytes())["violations"]
    assert reports[0] == reports[4]
    capsys.readouterr()


def test_progress_is_off_without_a_terminal(capsys):
    from checks.progress import meter

    with meter(1000, quiet=False) as progress:
        progress(10, 500)
    assert progress.progress is None and progress.docs == 10
    assert capsys.readouterr().err == ""


def test_label_studio_export_in_task_chunks_matches_the_whole_run(tmp_path):
    from checks.report.check_report import FORMATS
    from checks.stream import check_paths

    gold = Path(__file__).resolve().parent.parent / "gold" / "tally-gold.json"
    (task,) = json.loads(gold.read_text("utf-8"))
    tasks = []
    for n in range(5):
        copy = json.loads(json.dumps(task))
        copy["id"] = n + 1
        copy["data"]["doc_id"] = f"{task['data']['doc_id']}-{n}"
        tasks.append(copy)
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    whole = run_checks(load([export]))
    chunked = check_paths([export], chunk_docs=2)
    assert chunked.documents == whole.documents and len(whole.documents) == 5
    for fmt, render in FORMATS.items():
        assert render(chunked) == render(whole), fmt


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(st.binary(max_size=6).map(lambda b: b.replace(b"\n", b"") + b"\n"), max_size=30),
    tail=st.binary(max_size=4).map(lambda b: b.replace(b"\n", b"")),
    n=st.integers(1, 7),
    block=st.integers(1, 40),
)
def test_line_runs_cut_whole_lines_whatever_the_block_size(lines, tail, n, block, monkeypatch):
    """The JSONL cutter: every run but the last holds exactly n lines, nothing is lost or
    duplicated, and line counts (which give the first line number of each piece) add up."""
    import checks.stream as stream

    monkeypatch.setattr(stream, "_BLOCK", block)
    data = b"".join(lines) + tail
    runs = list(stream._line_runs(io.BytesIO(data), n))
    assert b"".join(r for r, _ in runs) == data
    assert all(k == n and r.count(b"\n") == n for r, k in runs[:-1])
    assert sum(k for _, k in runs) == len(lines) + (len(tail) > 0)
