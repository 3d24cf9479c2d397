"""Issue 7, input side: one test per fault family. The CLI runs in-process through
`checks.cli.run`, the same function the console script calls."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_tally
from tests.test_inputs import GOOD, LABEL

ROOT = Path(__file__).resolve().parent.parent
TEXT = GOOD["text"]
DOC = GOOD
NUMBER = {
    "id": "r1",
    "from_name": "value",
    "to_name": "text",
    "type": "number",
    "value": {"number": 337},
}


tally = run_tally


def jsonl(path: Path, *docs: dict, raw: str = "") -> Path:
    path.write_text(raw + "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs))
    return path


def export(path: Path, *tasks: dict) -> Path:
    path.write_text(json.dumps(list(tasks), ensure_ascii=False))
    return path


def task(**extra) -> dict:
    return {"id": 7, "data": {"doc_id": "t", "text": TEXT}, **extra}


# -- nothing to check ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["empty", "blank", "folder", "only-txt", "no-tasks"])
def test_nothing_to_check_is_exit_2(tmp_path, kind):
    folder = tmp_path / "d"
    folder.mkdir()
    if kind == "only-txt":
        (folder / "a.txt").write_text("x")
    path = {
        "empty": lambda: jsonl(tmp_path / "e.jsonl"),
        "blank": lambda: jsonl(tmp_path / "b.jsonl", raw="\n  \n\n"),
        "folder": lambda: folder,
        "only-txt": lambda: folder,
        "no-tasks": lambda: export(tmp_path / "x.json"),
    }[kind]()
    code, out, err = tally("check", path)
    assert code == 2 and out == ""
    assert "no documents" in err and str(path) in err


@pytest.mark.parametrize("empty_side", ["--gold", "--pred"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_score_with_nothing_is_exit_2(tmp_path, empty_side, jobs):
    empty = jsonl(tmp_path / "e.jsonl")
    full = jsonl(tmp_path / "f.jsonl", DOC)
    sides = {"--gold": full, "--pred": full, empty_side: empty}
    code, out, err = tally("score", *(x for kv in sides.items() for x in kv), "--jobs", jobs)
    assert code == 2 and out == ""
    assert f"{empty}: no documents in it: nothing to score is not a pass" in err


# -- encodings, NaN ------------------------------------------------------------------


def test_cp1256_names_line_byte_and_hints(tmp_path):
    path = tmp_path / "cp.jsonl"
    good = json.dumps({"doc_id": "a", "text": "x"}) + "\n"
    path.write_bytes(good.encode() + json.dumps(DOC, ensure_ascii=False).encode("cp1256") + b"\n")
    code, _, err = tally("check", path)
    assert code == 2
    assert "cp.jsonl:2" in err and "not UTF-8: byte 0x" in err and "Windows-1256" in err


def test_latin1_and_utf16_are_named(tmp_path):
    latin = tmp_path / "l.jsonl"
    latin.write_bytes(
        json.dumps({"doc_id": "a", "text": "café"}, ensure_ascii=False).encode("latin-1") + b"\n"
    )
    code, _, err = tally("check", latin)
    assert code == 2 and "l.jsonl:1" in err and "not UTF-8" in err
    u16 = tmp_path / "u.json"
    u16.write_bytes(json.dumps([task()]).encode("utf-16"))
    code, _, err = tally("check", u16)
    assert code == 2 and "UTF-16" in err


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400"])
@pytest.mark.parametrize("strict", [False, True])
def test_non_finite_numbers_exit_2_on_both_readers(tmp_path, literal, strict):
    line = json.dumps(
        {**DOC, "mentions": [{**DOC["mentions"][0], "qualifier": "about"}]}, ensure_ascii=False
    ).replace('"value": 337', f'"value": {literal}')
    path = jsonl(tmp_path / "n.jsonl", raw=("\n" if strict else "") + line + "\n")
    code, _, err = tally("check", path)
    assert code == 2, err
    assert f"n.jsonl:{2 if strict else 1}" in err
    assert "are not JSON numbers" in err


def test_stdin_is_a_path(tmp_path, monkeypatch):
    import checks.readers.source as source

    monkeypatch.setattr(source, "_streams", {"-": (json.dumps(DOC) + "\n").encode()})
    code, out, _ = tally("check", "-", "--format", "json")
    assert code == 0 and json.loads(out)["documents"] == 1


def test_a_pipe_named_by_a_path_is_read_once(tmp_path):
    """`tally check <(cmd)`: the shell passes /dev/fd/N, a pipe that can be read once; the
    same report as the file, in one process and with workers."""
    path = jsonl(tmp_path / "d.jsonl", *(dict(DOC, doc_id=f"d{i}") for i in range(3)))
    with_file = subprocess.run(
        [sys.executable, "-m", "checks", "check", str(path), "--format", "json"],
        capture_output=True, cwd=ROOT,
    )  # fmt: skip
    for extra in ([], ["--jobs", "2", "--chunk-size", "1"]):  # three pieces
        cmd = f"{sys.executable} -m checks check <(cat {path}) --format json {' '.join(extra)}"
        piped = subprocess.run(["bash", "-c", cmd], capture_output=True, cwd=ROOT)
        assert piped.returncode == with_file.returncode == 0, piped.stderr
        assert piped.stdout == with_file.stdout


# -- option values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [("--about-tolerance", v) for v in ["1/0", "10%", "1e-400", "nan", "-1", "1", "inf"]]
    + [("--max-drop", v) for v in ["nan", "-1", "inf", "2"]]
    + [("--value-tolerance", v) for v in ["nan", "-1", "x"]],
)
def test_option_values_outside_their_range_exit_2(tmp_path, option, value):
    good = jsonl(tmp_path / "g.jsonl", DOC)
    cmd = (
        ["check", good]
        if option == "--about-tolerance"
        else ["score", "--gold", good, "--pred", good]
    )
    code, _, err = tally(*cmd, option, value)
    assert code == 2
    assert option in err and ("range" in err or "number" in err), err


# -- baselines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.update(detail={}),
        lambda r: r["mentions"]["strict"].update(f1="0.9"),
        lambda r: r.pop("relations"),
        lambda r: r["detail"]["gold"].update(outcome=[]),
        lambda r: r.clear(),
    ],
)
def test_damaged_baseline_is_not_a_score_report(tmp_path, damage):
    good = jsonl(tmp_path / "g.jsonl", DOC)
    base = tmp_path / "base.json"
    code, _, _ = tally("score", "--gold", good, "--pred", good, "--format", "json", "--out", base)
    assert code == 0
    report = json.loads(base.read_text())
    damage(report)
    base.write_text(json.dumps(report))
    code, _, err = tally("score", "--gold", good, "--pred", good, "--baseline", base)
    assert code == 2 and "not a tally score report" in err and "base.json" in err


def test_baseline_that_is_a_list_is_refused(tmp_path):
    good = jsonl(tmp_path / "g.jsonl", DOC)
    base = export(tmp_path / "b.json", task())
    code, _, err = tally("score", "--gold", good, "--pred", good, "--baseline", base)
    assert code == 2 and "not a tally score report" in err


# -- Label Studio exports ----------------------------------------------------------------


def test_pre_1_0_completions_are_converted(tmp_path):
    path = export(tmp_path / "old.json", task(completions=[{"id": 1, "result": [LABEL, NUMBER]}]))
    code, out, _ = tally("check", path, "--format", "json")
    assert code == 0
    bad = export(
        tmp_path / "bad.json",
        task(completions=[{"id": 1, "result": [LABEL, {**NUMBER, "value": {"number": 3}}]}]),
    )
    code, out, _ = tally("check", bad, "--format", "json")
    assert code == 1 and json.loads(out)["violations"][0]["rule"] == "value.surface"


def test_duplicate_region_id_is_exit_2(tmp_path):
    twice = {**LABEL, "value": {**LABEL["value"], "labels": ["LOC"]}}
    path = export(tmp_path / "d.json", task(annotations=[{"id": 1, "result": [LABEL, twice]}]))
    code, _, err = tally("check", path)
    assert code == 2 and "d.json task 7 region r1" in err and "twice" in err


def test_latest_annotation_by_parsed_time_and_ignored_items_counted(tmp_path):
    """10:00+05:00 is 05:00Z, older than 06:00Z: string order would pick the wrong one."""
    wrong = {**NUMBER, "value": {"number": 338}}
    path = export(
        tmp_path / "m.json",
        task(
            annotations=[
                {"id": 1, "updated_at": "2024-01-02T10:00:00+05:00", "result": [LABEL, wrong]},
                {"id": 2, "updated_at": "2024-01-02T06:00:00Z", "result": [LABEL, NUMBER]},
                {"id": 3, "was_cancelled": True, "result": [LABEL]},
            ],
            predictions=[{"result": [LABEL, NUMBER]}],
            drafts=[{"result": [LABEL]}],
        ),
    )
    code, out, err = tally("check", path, "--format", "json")
    assert code == 0, out
    assert err.count("\n") == 1 and err.startswith("tally: notice:")
    notices = {n["reason"]: n["count"] for n in json.loads(out)["notices"]}
    assert notices == {
        "ignored: result item of a cancelled (skipped) annotation": 1,
        "ignored: result item of a draft": 1,
        "ignored: result item of a prediction (pre-annotation; never gold)": 2,
        "ignored: result item of an annotation that is not the gold one "
        "(another annotator's or an older one)": 2,
    }


def test_text_under_another_data_key_is_found_and_said(tmp_path):
    from checks.readers.load import load

    t = {
        "id": 7,
        "data": {"doc_id": "t", "article": TEXT},
        "annotations": [{"id": 1, "result": [LABEL, NUMBER]}],
    }
    path = export(tmp_path / "k.json", t)
    code, _, err = tally("check", path)
    assert code == 0 and "text read from data.article" in err
    assert load([path]).documents["text"].tolist() == [TEXT]


# -- facts JSONL keys --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "key", "meant"),
    [
        (
            {**DOC, "mentions": [{**DOC["mentions"][0], "qualifer": "about"}]},
            "qualifer",
            "qualifier",
        ),
        ({"doc_id": "ok", "text": TEXT, "Mentions": DOC["mentions"]}, "Mentions", "mentions"),
        ({**DOC, "relations": [{"form": "m1", "to": "m1", "type": "same_as"}]}, "form", "from"),
    ],
)
def test_key_typos_are_errors_with_did_you_mean(tmp_path, doc, key, meant):
    code, _, err = tally("check", jsonl(tmp_path / "t.jsonl", DOC, doc | {"doc_id": "two"}))
    assert (
        code == 2 and "t.jsonl:2" in err and repr(key) in err and f"did you mean {meant!r}" in err
    )


@pytest.mark.parametrize("strict", [False, True])
def test_extractor_keys_are_counted_not_errors(tmp_path, strict):
    doc = {**DOC, "mentions": [{**DOC["mentions"][0], "confidence": 0.9}], "model": "x"}
    path = jsonl(tmp_path / "c.jsonl", doc, raw="\n" if strict else "")
    code, out, err = tally("check", path, "--format", "json")
    assert code == 0
    notices = {n["reason"]: n["count"] for n in json.loads(out)["notices"]}
    assert notices == {
        "unknown mention key 'confidence' ignored": 1,
        "unknown document key 'model' ignored": 1,
    }
    assert "confidence" in err


# -- borrowed text -----------------------------------------------------------------------


def test_where_text_comes_from_is_said(tmp_path):
    pred = {
        "doc_id": "aleppo-evacuation-2016-12-16",
        "mentions": [{"id": "x", "start": 0, "end": 4, "text": "أعلن", "label": "EVENT"}],
    }
    path = jsonl(tmp_path / "p.jsonl", pred)
    code, _, err = tally("check", path, "--gold", ROOT / "gold")
    assert code == 0 and "took its text from the gold in" in err
    lone = jsonl(tmp_path / "lone.jsonl", {**pred, "doc_id": "elsewhere"})
    code, _, err = tally("check", lone, "--gold", ROOT / "gold")
    assert "span.offsets, qualifier.cue, date.weekday skipped" in err and "elsewhere" in err


# -- messages and CLI --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "said"),
    [
        ({"text": "x"}, "document has no doc_id"),
        ({**DOC, "mentions": [{**DOC["mentions"][0], "start": 10**30}]}, "out of range"),
        ({**DOC, "mentions": [{**DOC["mentions"][0], "start": 2**63}]}, "out of range"),
        (
            {**DOC, "mentions": [{**DOC["mentions"][0], "label": ["QUANTITY"]}]},
            "label must be text",
        ),
        ({**DOC, "source": {"a": 1}}, "source must be a string"),
    ],
)
def test_messages_name_the_fault(tmp_path, doc, said):
    code, _, err = tally("check", jsonl(tmp_path / "f.jsonl", doc))
    assert code == 2 and "f.jsonl:1" in err and said in err, err


def test_version_and_help():
    code, out, _ = tally("--version")
    assert code == 0 and out.startswith("tally ")
    code, out, _ = tally("check", "--help")
    assert code == 0 and "[v(1−t), v(1+t)]" in out and "<bool>" not in out


def test_rule_messages_name_what_the_input_says(tmp_path):
    doc = {
        "doc_id": "a",
        "text": "وصل أكثر من 337 مصابا",
        "mentions": [
            {"id": "m1", "start": 12, "end": 15, "text": "337", "label": "QUANTITY",
             "value": 337},
            {"id": "m2", "start": 0, "end": 3, "text": "وصل", "label": "NUMBER"},
        ],
        "relations": [
            {"from": "gone", "to": "m1", "type": "part_of"},
            {"from": "m2", "to": "m1", "type": "part_of"},
        ],
    }  # fmt: skip
    code, out, _ = tally("check", jsonl(tmp_path / "r.jsonl", doc), "--format", "json")
    assert code == 1
    msgs = {v["rule"] + " " + " ".join(v["mentions"]): v["message"]
            for v in json.loads(out)["violations"]}  # fmt: skip
    assert msgs["relation.endpoints gone m1"] == "part_of gone → m1 names missing mention gone"
    assert msgs["relation.endpoints m2 m1"].startswith("part_of NUMBER → QUANTITY is not allowed")
    assert msgs["qualifier.cue m1"].startswith("cue «أكثر من» before «337»")


@pytest.mark.parametrize("chunk", ["1", "10000"])
def test_a_document_twice_in_one_file_is_exit_2(tmp_path, chunk):
    """Within one chunk or across chunks: the readers' one uniqueness check."""
    path = jsonl(tmp_path / "twice.jsonl", DOC, {**DOC, "mentions": []})
    code, _, err = tally("check", path, "--chunk-size", chunk)
    assert code == 2 and "twice.jsonl:1, " in err and "twice.jsonl:2" in err
    assert "appears more than once" in err


# -- the same document, JSONL or Parquet --------------------------------------------

MENTION = {"id": "m1", "start": 0, "end": 1, "text": "x", "label": "QUANTITY", "value": 1}
MISTYPED = {
    "string offset": {"mentions": [{**MENTION, "start": "0"}]},
    "boolean offset": {"mentions": [{**MENTION, "end": True}]},
    "numeric label": {"mentions": [{**MENTION, "label": 5}]},
    "mentions not a list": {"mentions": "m1"},
    "mentions of strings": {"mentions": ["m1"]},
    "relations of pairs": {"mentions": [MENTION], "relations": [["m1", "m1"]]},
    "numeric doc_id": {"doc_id": 7},
    "numeric text": {"text": 5},
}


@pytest.mark.parametrize("fault", list(MISTYPED))
def test_parquet_types_are_read_as_json_would(tmp_path, fault):
    """Parquet columns carry types that JSON lines do not; a value of the wrong kind must
    not be cast into a valid one. Both formats give the same error at the same row."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from checks.facts import InputError
    from checks.readers.load import load

    good = {"doc_id": "ok", "text": "x", "mentions": [MENTION], "relations": []}
    bad = {"doc_id": "a", "text": "x", **MISTYPED[fault]}
    as_jsonl = jsonl(tmp_path / "d.jsonl", good, bad)
    as_parquet = tmp_path / "d.parquet"
    pq.write_table(pa.Table.from_pylist([bad]), as_parquet)  # the faulty row's own types
    errors = {}
    for path in (as_jsonl, as_parquet):
        with pytest.raises(InputError) as err:
            load([path])
        errors[path.suffix] = (err.value.location.replace(str(path), "FILE"), err.value.message)
    assert errors[".parquet"] == ("FILE:1", errors[".jsonl"][1])
    assert errors[".jsonl"][0] == "FILE:2"


def test_parquet_of_inferred_types_takes_the_fast_path(tmp_path):
    """What pyarrow infers from plain documents (int64 values, strings) needs no strict
    reading: the type check must not send ordinary archives down the slow path."""
    import pyarrow as pa

    from benchmarks.corpus import corpus
    from checks.readers.arrow_jsonl import conform, vet

    table = pa.Table.from_pylist(corpus(300, seed=4))
    vet(conform(table))  # raises NotFastPath if a column were refused
