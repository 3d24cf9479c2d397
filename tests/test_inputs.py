"""Unusable input exits 2 with the file and line, task or region; nothing is half-written."""

from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_tally, write_jsonl

GOOD = {
    "doc_id": "ok",
    "text": "وصل 337 مصابا",
    "mentions": [
        {"id": "m1", "start": 4, "end": 7, "text": "337", "label": "QUANTITY", "value": 337}
    ],
}


def tally(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The CLI in-process (`run_tally`, the function the console script calls) from `cwd`:
    the exit code and both streams, without a new interpreter for each call."""
    with contextlib.chdir(cwd):
        code, out, err = run_tally(*args)
    return subprocess.CompletedProcess(["tally", *args], code, out, err)


def ls_task(result, task_id=7, **data):
    return {
        "id": task_id,
        "data": {"doc_id": "t", "text": "وصل 337 مصابا", **data},
        "annotations": [{"id": 1, "result": result}],
    }


LABEL = {
    "id": "r1",
    "from_name": "label",
    "to_name": "text",
    "type": "labels",
    "value": {"start": 4, "end": 7, "text": "337", "labels": ["QUANTITY"]},
}


@pytest.mark.parametrize(
    ("name", "content", "where", "what"),
    [
        ("truncated.jsonl", json.dumps(GOOD)[:-10] + "\n", "truncated.jsonl:1", "not valid JSON"),
        ("second.jsonl", json.dumps(GOOD) + '\n{"doc_id": \n', "second.jsonl:2", "JSON"),
        ("latin1.jsonl", None, "latin1.jsonl:1", "UTF-8"),
        (
            "slug.jsonl",
            json.dumps({**GOOD, "doc_id": "Not A Slug"}) + "\n",
            "slug.jsonl:1",
            "not a slug",
        ),
        (
            "nooffsets.jsonl",
            json.dumps({**GOOD, "mentions": [{"id": "m1", "label": "ORG"}]}) + "\n",
            "nooffsets.jsonl:1",
            "no start offset",
        ),
        (
            "dupid.jsonl",
            json.dumps({**GOOD, "mentions": GOOD["mentions"] * 2}) + "\n",
            "dupid.jsonl:1",
            "duplicate mention id 'm1'",
        ),
        (
            "ls.json",
            json.dumps([ls_task([{**LABEL, "value": {"labels": ["QUANTITY"]}}])]),
            "ls.json task 7 region r1",
            "no start/end offsets",
        ),
        (
            "ls_type.json",
            json.dumps(
                [ls_task([LABEL, {"id": "r1", "type": "rating", "from_name": "x", "value": {}}])]
            ),
            "ls_type.json task 7 region r1",
            "result type 'rating'",
        ),
        (
            "ls_attr.json",
            json.dumps(
                [
                    ls_task(
                        [
                            LABEL,
                            {
                                "id": "r9",
                                "type": "number",
                                "from_name": "value",
                                "value": {"number": 3},
                            },
                        ]
                    )
                ]
            ),
            "ls_attr.json task 7 region r9",
            "belongs to no labelled region",
        ),
        (
            "ls_control.json",
            json.dumps(
                [
                    ls_task(
                        [
                            LABEL,
                            {
                                "id": "r1",
                                "type": "choices",
                                "from_name": "mood",
                                "value": {"choices": ["x"]},
                            },
                        ]
                    )
                ]
            ),
            "ls_control.json task 7 region r1",
            "unknown control 'mood'",
        ),
    ],
)
def test_unusable_input_exits_2_naming_the_place(tmp_path, name, content, where, what):
    path = tmp_path / name
    if content is None:
        path.write_bytes(
            json.dumps(GOOD, ensure_ascii=False).replace("مصابا", "x").encode() + b"\xe9\n"
        )
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "report.json"
    proc = tally("check", str(path), "--format", "json", "--out", str(out))
    assert proc.returncode == 2, proc.stderr
    assert where in proc.stderr and what in proc.stderr, proc.stderr
    assert not out.exists()


def test_missing_path_exits_2(tmp_path):
    proc = tally("check", str(tmp_path / "nowhere.jsonl"))
    assert proc.returncode == 2
    assert "nowhere.jsonl: no such file or folder" in proc.stderr


def test_exit_codes_0_and_1(tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [GOOD])
    assert tally("check", str(good)).returncode == 0
    bad = dict(GOOD, mentions=[dict(GOOD["mentions"][0], value=338)])
    proc = tally("check", str(write_jsonl(tmp_path / "bad.jsonl", [bad])))
    assert proc.returncode == 1
    assert "FAILED: value.surface" in proc.stdout


def test_label_studio_semantic_faults_are_reported_with_task_and_region(tmp_path):
    """What the server accepts blindly becomes violations naming the mention."""
    tasks = [
        ls_task(
            [
                {**LABEL, "value": {**LABEL["value"], "labels": ["NUMBER"]}},
                {
                    "id": "r1",
                    "type": "choices",
                    "from_name": "qualifier",
                    "to_name": "text",
                    "value": {"choices": ["lots"]},
                },
                {
                    "id": "r2",
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "value": {"start": 3, "end": 6, "text": "337", "labels": ["QUANTITY"]},
                },
                {
                    "type": "relation",
                    "from_id": "r2",
                    "to_id": "gone",
                    "labels": ["part_of"],
                    "direction": "right",
                },
            ]
        )
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    proc = tally("check", str(path), "--format", "json")
    assert proc.returncode == 1
    got = {(v["rule"], tuple(v["mentions"])) for v in json.loads(proc.stdout)["violations"]}
    assert ("span.label", ("r1",)) in got
    assert ("span.offsets", ("r2",)) in got
    assert ("relation.endpoints", ("r2", "gone")) in got
    assert ("value.missing", ("r2",)) in got


def test_text_borrowed_from_gold(tmp_path):
    pred = {
        "doc_id": "aleppo-evacuation-2016-12-16",
        "mentions": [{"id": "x", "start": 0, "end": 4, "text": "أعلن", "label": "EVENT"}],
    }
    path = write_jsonl(tmp_path / "pred.jsonl", [pred])
    proc = tally("check", str(path), "--gold", str(ROOT / "gold"), "--format", "json")
    assert proc.returncode == 0, proc.stdout
    moved = dict(pred, mentions=[dict(pred["mentions"][0], start=1, end=5)])
    path = write_jsonl(tmp_path / "pred.jsonl", [moved])
    proc = tally("check", str(path), "--gold", str(ROOT / "gold"), "--format", "json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["violations"][0]["rule"] == "span.offsets"


def test_no_gold_is_nothing_to_check_and_exit_2(tmp_path):
    proc = tally("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "nothing to check is not a pass" in proc.stderr


def test_fast_and_strict_readers_agree(tmp_path):
    """The pyarrow fast path and the line-by-line reader give the same tables."""
    from benchmarks.corpus import corpus
    from checks.readers.arrow_jsonl import read_fast
    from checks.readers.jsonl import read_strict

    path = write_jsonl(tmp_path / "corpus.jsonl", corpus(3000, seed=3))
    data = path.read_bytes()
    fast, strict = read_fast(path, data), read_strict(path, data)
    for table in ("documents", "mentions", "relations"):
        assert getattr(fast, table).equals(getattr(strict, table)), table


def test_odd_values_leave_the_fast_path_and_are_kept_for_the_rules(tmp_path):
    odd = dict(GOOD, mentions=[dict(GOOD["mentions"][0], value="337")])
    proc = tally("check", str(write_jsonl(tmp_path / "odd.jsonl", [odd])), "--format", "json")
    assert proc.returncode == 1
    (v,) = json.loads(proc.stdout)["violations"]
    assert v["rule"] == "span.label" and "value is not a number: '337'" in v["message"]


def test_units_flow_through_jsonl_fast_and_strict_and_parquet(tmp_path):
    """`unit` is read by every reader, and the rules give the same violations from each."""
    from benchmarks.corpus import write_parquet
    from checks.engine import run_checks
    from checks.readers.arrow_jsonl import read_fast
    from checks.readers.jsonl import read_strict
    from checks.readers.load import load
    from tests.conftest import measure_documents

    docs = measure_documents()
    path = write_jsonl(tmp_path / "measures.jsonl", docs)
    data = path.read_bytes()
    fast, strict = read_fast(path, data), read_strict(path, data)
    parquet = load([write_parquet(docs, tmp_path / "measures.parquet", row_group_docs=4)])
    units = [m.get("unit") for d in docs for m in d["mentions"]]
    assert "magnitude" in units and "percent" in units
    for facts in (fast, strict, parquet):
        assert facts.mentions["unit"].tolist() == units
    want = run_checks(strict).violations
    assert want["rule"].isin(["part_whole.sum", "relation.endpoints", "same_as.values"]).any()
    for facts in (fast, parquet):
        got = run_checks(facts).violations
        assert got[["rule", "doc_id", "message"]].equals(want[["rule", "doc_id", "message"]])
