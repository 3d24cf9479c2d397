"""The Spark engine gives exactly the pandas engine's violations (Spark local[2], loopback).

Skipped only where pyspark or Java is missing; CI installs both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import corpus, write_jsonl, write_parquet
from checks.facts import InputError
from checks.report.check_report import verdict
from tests.conftest import run_tally
from tests.test_speed import GOLDEN, violation_lines

pyspark = pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


@pytest.fixture(scope="module")
def docs():
    return corpus(1500, seed=3, plant_rate=1.0)


def test_spark_matches_the_pandas_engine_on_jsonl_and_parquet(spark, docs, tmp_path):
    from checks.spark import check_with_spark

    jsonl = write_jsonl(docs, tmp_path / "heavy.jsonl")
    parquet = write_parquet(docs, tmp_path / "heavy.parquet", row_group_docs=50)
    table = tmp_path / "violations.parquet"
    for path in (jsonl, parquet):
        result = check_with_spark([path], violations_out=table)
        assert violation_lines(result.violations) == GOLDEN.read_text("utf-8")
        assert sorted(result.documents) == sorted(d["doc_id"] for d in docs)
        assert result.input_problems == []
    written = spark.read.parquet(str(table)).count()
    assert written == len(GOLDEN.read_text("utf-8").splitlines())


def test_check_dataframe_returns_violations(spark, docs, tmp_path):
    from checks.spark import check_dataframe, read_corpus

    path = write_parquet(docs[:40], tmp_path / "some.parquet")
    violations = check_dataframe(read_corpus(spark, [str(path)]))
    assert set(violations.columns) == {"rule", "severity", "doc_id", "mentions", "message"}
    expected = [json.loads(line) for line in GOLDEN.read_text("utf-8").splitlines()]
    ours = {d["doc_id"] for d in docs[:40]}
    assert violations.count() == sum(v["doc_id"] in ours for v in expected)


def test_unusable_documents_are_reported_with_origin(spark, docs, tmp_path):
    from checks.spark import check_with_spark

    bad = dict(docs[1], mentions=[*docs[1]["mentions"], dict(docs[1]["mentions"][0])])
    path = tmp_path / "faulty.jsonl"
    lines = [json.dumps(d, ensure_ascii=False) for d in [docs[0], bad, docs[2]]]
    path.write_text("\n".join([*lines, '{"doc_id": "broken", ']) + "\n", encoding="utf-8")
    result = check_with_spark([path])
    assert len(result.input_problems) == 2
    dup = f"{path} doc_id {bad['doc_id']}: duplicate mention id 'm0'"  # a path, as pandas says
    assert any(p.startswith(dup) for p in result.input_problems), result.input_problems
    assert any("not a JSON document" in p for p in result.input_problems)
    assert sorted(result.documents) == sorted([docs[0]["doc_id"], docs[2]["doc_id"]])
    assert verdict(result).startswith("UNUSABLE INPUT: 2 documents not checked")


def test_doc_id_twice_is_unusable(spark, docs, tmp_path):
    from checks.spark import check_with_spark

    a = write_jsonl(docs[:3], tmp_path / "a.jsonl")
    b = write_jsonl(docs[2:4], tmp_path / "b.jsonl")
    with pytest.raises(InputError, match="appears more than once"):
        check_with_spark([a, b])
    c = write_jsonl([docs[0], docs[1], docs[0]], tmp_path / "c.jsonl")  # twice in one batch
    with pytest.raises(InputError, match=f"document '{docs[0]['doc_id']}' appears more than once"):
        check_with_spark([c])


def test_spark_reads_the_files_the_pandas_engine_reads(spark, docs, tmp_path):
    """A mixed folder: the facts files are read, the rest is noticed; what Spark cannot read
    (a corrupt Parquet footer, a Label Studio export) is one InputError naming the input."""
    from checks.spark import check_with_spark
    from checks.stream import Options, check_paths

    folder = tmp_path / "mixed"
    folder.mkdir()
    write_jsonl(docs[:30], folder / "a.jsonl")
    write_parquet(docs[30:60], folder / "b.parquet")
    (folder / "notes.txt").write_text("not facts", encoding="utf-8")
    ours, theirs = check_with_spark([folder]), check_paths([folder], Options())
    assert violation_lines(ours.violations) == violation_lines(theirs.violations)
    assert sorted(ours.documents) == sorted(d["doc_id"] for d in docs[:60])
    assert any("notes.txt" in str(n) for n in ours.notices), ours.notices

    corrupt = folder / "c.parquet"
    corrupt.write_bytes(b"PAR1 not really parquet")
    with pytest.raises(InputError, match="Spark could not read it") as caught:
        check_with_spark([folder])
    assert "mixed" in str(caught.value) and "Traceback" not in str(caught.value)
    corrupt.unlink()

    with pytest.raises(InputError, match="not a stream"):
        check_with_spark([Path("-")])

    export = tmp_path / "export.json"
    export.write_text(json.dumps([{"id": 1, "data": {"text": "x"}}]), encoding="utf-8")
    with pytest.raises(InputError, match="a Label Studio export: --engine spark reads"):
        check_with_spark([export])


def test_documents_without_text_borrow_it_from_the_gold(spark, docs, tmp_path):
    """`--engine spark --gold`: the same violations and notices as the pandas engine."""
    from checks.spark import check_with_spark
    from checks.stream import Options, check_paths

    gold = write_jsonl(docs[:60], tmp_path / "gold.jsonl")
    bare = [{k: v for k, v in d.items() if k != "text"} for d in docs[:60]]
    bare.append({"doc_id": "not-in-gold", "mentions": [], "relations": []})
    facts = write_jsonl(bare, tmp_path / "facts.jsonl")
    ours = check_with_spark([facts], gold=gold)
    theirs = check_paths([facts], Options(gold=gold))
    assert violation_lines(ours.violations) == violation_lines(theirs.violations)
    assert len(ours.violations) > 0
    assert sorted(ours.notices, key=str) == sorted(theirs.notices, key=str)
    assert any("not-in-gold" in str(n) or "no text" in str(n) for n in ours.notices)


# ------------------------------------------------------------------------- tally score
@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """Generated gold, a weak extractor's predictions, and the pandas engine's report."""
    from benchmarks.score_bench import predictions
    from checks.readers.load import load
    from checks.scoring.score import score

    folder = tmp_path_factory.mktemp("score")
    gold_docs = corpus(400, seed=5)
    pred_docs = predictions(gold_docs)
    gold = write_jsonl(gold_docs, folder / "gold.jsonl")
    pred = write_jsonl(pred_docs[:-7], folder / "pred.jsonl")  # 7 gold documents unpredicted
    report = score(load([gold]), load([pred]))
    return gold, pred, pred_docs, report


def same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def test_spark_score_matches_the_pandas_engine(spark, scored, tmp_path):
    from checks.scoring.spark_score import score_with_spark

    gold, pred, pred_docs, report = scored
    parquet = write_parquet(pred_docs[:-7], tmp_path / "pred.parquet", row_group_docs=30)
    for path in (pred, parquet):
        result = score_with_spark(gold, path)
        assert result.input_problems == []
        assert same(result.report, report)


def test_spark_score_reports_unusable_and_unknown_documents(spark, scored, tmp_path):
    from checks.scoring.spark_score import score_dataframe, score_with_spark
    from checks.spark import read_corpus

    gold, _, pred_docs, _ = scored
    bad = dict(
        pred_docs[1], mentions=[*pred_docs[1]["mentions"], dict(pred_docs[1]["mentions"][0])]
    )
    stranger = {"doc_id": "not-in-gold", "mentions": [], "relations": []}
    path = write_jsonl([pred_docs[0], bad, stranger, pred_docs[2]], tmp_path / "faulty.jsonl")
    result = score_with_spark(gold, path)
    assert result.report == {}
    assert len(result.input_problems) == 2, result.input_problems
    assert any(f"doc_id {bad['doc_id']}: duplicate mention id" in p for p in result.input_problems)
    assert any("unknown doc_id 'not-in-gold'" in p for p in result.input_problems)
    with pytest.raises(InputError, match="and 1 more unusable documents"):
        score_dataframe(read_corpus(spark, [str(path)]), gold)


def test_spark_score_refuses_a_document_predicted_twice(spark, scored, tmp_path):
    from checks.scoring.spark_score import score_with_spark

    gold, _, pred_docs, _ = scored
    (tmp_path / "a").mkdir()
    a = write_jsonl(pred_docs[:3], tmp_path / "a" / "part-1.jsonl")
    write_jsonl(pred_docs[2:4], tmp_path / "a" / "part-2.jsonl")
    with pytest.raises(InputError, match="appears more than once"):
        score_with_spark(gold, a.parent)


def test_spark_score_command(spark, scored, tmp_path):
    """The command in-process (`checks.cli.run`, what the console script calls), on the
    session's Spark."""
    gold, pred, _, report = scored
    out = tmp_path / "report.json"
    spark_json = ("--engine", "spark", "--format", "json")
    code, _, err = run_tally("score", "--gold", gold, "--pred", pred, *spark_json, "--out", out)
    assert code in (0, 1), err
    assert "Traceback" not in err and "internal error" not in err
    written = json.loads(out.read_text("utf-8"))
    for key in ("documents", "mentions", "values", "relations", "violations"):
        assert written[key] == json.loads(json.dumps(report[key], default=str)), key
    code, _, err = run_tally(
        "score", "--gold", gold, "--pred", pred, "--engine", "spark", "--format", "html"
    )
    assert code == 2 and "--engine" in err
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    code, _, err = run_tally("score", "--gold", gold, "--pred", empty, *spark_json)
    assert code == 2 and "nothing to score" in err, err


def test_the_api_runs_a_spark_dataframe_as_the_pandas_engine(spark, docs, scored, tmp_path):
    """`tally.check` / `tally.score` given a Spark DataFrame take the Spark path inside the
    library and give the pandas engine's result."""
    import tally
    from checks.spark import read_corpus

    path = write_parquet(docs[:60], tmp_path / "some.parquet", row_group_docs=20)
    on_spark = tally.check(read_corpus(spark, [str(path)]))
    here = tally.check(path)
    assert on_spark.to_dict()["violations"] == here.to_dict()["violations"]
    assert sorted(on_spark.documents) == sorted(here.documents)
    assert on_spark.exit_code == here.exit_code
    gold, pred, _, report = scored
    scored_on_spark = tally.score(gold, read_corpus(spark, [str(pred)]))
    assert same({k: v for k, v in scored_on_spark.data.items() if k != "notices"}, report)


def test_units_flow_through_spark_on_jsonl_and_parquet(spark, tmp_path):
    """Measures (a `unit`) give the pandas engine's violations under --engine spark."""
    from checks.engine import run_checks
    from checks.readers.load import load
    from checks.spark import check_with_spark
    from tests.conftest import measure_documents

    docs = measure_documents()
    jsonl = write_jsonl(docs, tmp_path / "measures.jsonl")
    parquet = write_parquet(docs, tmp_path / "measures.parquet", row_group_docs=4)
    want = violation_lines(run_checks(load([jsonl])).violations)
    assert "magnitude" in want and "percent" in want
    for path in (jsonl, parquet):
        assert violation_lines(check_with_spark([path]).violations) == want
