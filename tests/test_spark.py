"""The Spark engine gives exactly the pandas engine's violations (Spark local[2], loopback).

Skipped only where pyspark or Java is missing; CI installs both.
"""

from __future__ import annotations

import json
import shutil

import pytest

from benchmarks.corpus import corpus, write_jsonl, write_parquet
from checks.facts import InputError
from tests.test_speed import GOLDEN, violation_lines

pyspark = pytest.importorskip("pyspark")
pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java"),
]


@pytest.fixture(scope="module")
def spark():
    from checks.spark import session

    s = session("local[2]")
    yield s
    s.stop()


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
    dup = f"{path.as_uri()} doc_id {bad['doc_id']}: duplicate mention id 'm0'"
    assert any(p.startswith(dup.replace("file:///", "file:/")) or p.startswith(dup)
               for p in result.input_problems), result.input_problems  # fmt: skip
    assert any("not a JSON document" in p for p in result.input_problems)
    assert sorted(result.documents) == sorted([docs[0]["doc_id"], docs[2]["doc_id"]])


def test_doc_id_twice_is_unusable(spark, docs, tmp_path):
    from checks.spark import check_with_spark

    a = write_jsonl(docs[:3], tmp_path / "a.jsonl")
    b = write_jsonl(docs[2:4], tmp_path / "b.jsonl")
    with pytest.raises(InputError, match="appears more than once"):
        check_with_spark([a, b])
    c = write_jsonl([docs[0], docs[1], docs[0]], tmp_path / "c.jsonl")  # twice in one batch
    with pytest.raises(InputError, match=f"document '{docs[0]['doc_id']}' appears more than once"):
        check_with_spark([c])


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
