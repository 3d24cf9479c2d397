"""`tally score`: the four schemes against nervaluate, values, relations, baselines, reports."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.facts import Facts
from checks.readers.load import load
from checks.report import score_report
from checks.scoring.score import score
from tests.conftest import ROOT, write_jsonl
from tests.test_inputs import tally

LABELS = ["QUANTITY", "LOC", "ORG"]
SLOT = 20  # spans of one slot never reach another, so no two spans compete


@st.composite
def slotted_documents(draw):
    """Documents where each prediction overlaps at most one gold span and the reverse."""
    docs = []
    for d in range(draw(st.integers(1, 6))):
        gold, pred = [], []
        for slot in range(draw(st.integers(0, 8))):
            base = slot * SLOT
            for side in (gold, pred):
                if draw(st.booleans()):
                    s = base + draw(st.integers(0, SLOT - 2))
                    e = draw(st.integers(s + 1, base + SLOT))
                    side.append({"start": s, "end": e, "label": draw(st.sampled_from(LABELS))})
        docs.append((f"d{d}", gold, pred))
    return docs


def as_facts(docs, side: int, tmp_path, name: str) -> Facts:
    lines = []
    for doc_id, *sides in docs:
        mentions = [{"id": f"m{i}", **m} for i, m in enumerate(sides[side])]
        lines.append({"doc_id": doc_id, "mentions": mentions, "relations": []})
    return load([write_jsonl(tmp_path / name, lines)])


def nervaluate_counts(docs, labels=LABELS) -> dict:
    from nervaluate import Evaluator

    def ents(spans):  # nervaluate's ends are inclusive
        return [{"label": m["label"], "start": m["start"], "end": m["end"] - 1} for m in spans]

    true = [ents(g) for _, g, _ in docs]
    pred = [ents(p) for _, _, p in docs]
    # nervaluate's dict loader needs a non-empty first document to infer its format
    true.insert(0, [{"label": "LOC", "start": 10**6, "end": 10**6}])
    pred.insert(0, [{"label": "LOC", "start": 10**6, "end": 10**6}])
    result = Evaluator(true, pred, tags=list(labels), loader="dict").evaluate()["overall"]
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    return {
        ours: {k: getattr(result[theirs], k) - (k == "correct")
               for k in ("correct", "incorrect", "partial", "missed", "spurious")}
        for ours, theirs in names.items()
    }  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(slotted_documents())
def test_schemes_equal_nervaluate(tmp_path_factory, docs):
    tmp = tmp_path_factory.mktemp("nerv")
    report = score(as_facts(docs, 0, tmp, "gold.jsonl"), as_facts(docs, 1, tmp, "pred.jsonl"))
    theirs = nervaluate_counts(docs)
    for scheme, counts in theirs.items():
        ours = {k: report["mentions"][scheme][k] for k in counts}
        assert ours == counts, scheme


def test_competing_spans_are_deterministic_and_prefer_the_exact_match(tmp_path):
    """nervaluate gives the gold span to whichever prediction comes first (#39/#40); tally
    gives it to the exact match, whatever the order."""
    gold = [("d0", [{"start": 0, "end": 10, "label": "LOC"}], [])]
    preds = [{"start": 0, "end": 5, "label": "LOC"}, {"start": 0, "end": 10, "label": "LOC"}]
    results = []
    for order in (preds, preds[::-1]):
        docs = [("d0", gold[0][1], order)]
        r = score(as_facts(docs, 0, tmp_path, "g.jsonl"), as_facts(docs, 1, tmp_path, "p.jsonl"))
        results.append({s: (r["mentions"][s]["correct"], r["mentions"][s]["spurious"])
                        for s in ("strict", "exact", "partial", "type")})  # fmt: skip
    assert results[0] == results[1] == {s: (1, 1) for s in ("strict", "exact", "partial", "type")}


@pytest.mark.parametrize("gold_length", [100, 101, 150])
def test_one_character_overlap_with_a_long_gold_span(tmp_path, gold_length):
    """nervaluate's default min_overlap_percentage=1.0 ignores an overlap under 1 % of the
    gold span: one shared character counts only while the gold span is at most 100
    characters long. Beyond that nervaluate says missed + spurious; tally (like SemEval
    2013 9.1) counts any overlap: incorrect in strict/exact, partial, correct in type."""
    gold = [{"start": 0, "end": gold_length, "label": "EVENT"}]
    pred = [{"start": gold_length - 1, "end": gold_length + 10, "label": "EVENT"}]
    docs = [("d0", gold, pred)]
    report = score(as_facts(docs, 0, tmp_path, "g.jsonl"), as_facts(docs, 1, tmp_path, "p.jsonl"))
    ours = {s: {k: report["mentions"][s][k] for k in ("correct", "incorrect", "partial",
                                                       "missed", "spurious")}
            for s in ("strict", "exact", "partial", "type")}  # fmt: skip
    overlap = {"correct": 0, "incorrect": 0, "partial": 0, "missed": 0, "spurious": 0}
    assert ours == {
        "strict": {**overlap, "incorrect": 1},
        "exact": {**overlap, "incorrect": 1},
        "partial": {**overlap, "partial": 1},
        "type": {**overlap, "correct": 1},
    }
    theirs = nervaluate_counts(docs, labels=["EVENT", "LOC"])  # LOC: the dummy document
    if gold_length <= 100:  # 1 character is at least 1 % of the gold span
        assert theirs == ours
    else:
        ignored = {**overlap, "missed": 1, "spurious": 1}
        assert theirs == {s: ignored for s in ours}


SEED = "aleppo-evacuation-2016-12-16"


def seed_prediction(**changes) -> dict:
    gold = load([ROOT / "gold"])
    m = gold.mentions
    q = m[m["label"] == "QUANTITY"]
    mentions = []
    for _, row in q.iterrows():
        mention = {k: row[k] for k in ("id", "start", "end", "text", "label", "qualifier")}
        for k in ("value", "low", "high", "category"):
            if row[k] == row[k] and row[k] is not None:
                mention[k] = row[k]
        mentions.append({**mention, **changes.get(row["id"], {})})
    rel = gold.relations
    part_of = rel[rel["type"] == "part_of"][["from", "to", "type"]].to_dict("records")
    return {"doc_id": SEED, "extractor": "test@1", "mentions": mentions, "relations": part_of}


def test_values_qualifiers_relations_and_violations(tmp_path):
    pred = seed_prediction(q_evacuees={"value": 950, "qualifier": "exact"})
    report = score(load([ROOT / "gold"]), load([write_jsonl(tmp_path / "p.jsonl", [pred])]))
    assert report["mentions"]["strict"]["correct"] == 7
    assert report["mentions"]["by_label"]["strict"]["QUANTITY"]["correct"] == 7
    assert report["mentions"]["by_label"]["strict"]["LOC"]["missed"] > 0
    v = report["values"]
    assert (v["matched"], v["value_correct"], v["qualifier_correct"]) == (7, 6, 6)
    assert report["relations"]["tp"] == 2 and report["relations"]["fp"] == 0
    assert report["violations_by_rule"]["part_whole.sum"] == 1
    assert report["violations_by_rule"]["value.surface"] == 1


def test_value_tolerance_and_bounds(tmp_path):
    pred = seed_prediction(q_fighters={"value": 4600}, q_returned={"low": 2000})
    path = write_jsonl(tmp_path / "p.jsonl", [pred])
    strict = score(load([ROOT / "gold"]), load([path]))["values"]
    loose = score(load([ROOT / "gold"]), load([path]), value_tolerance=0.05)["values"]
    assert strict["value_correct"] == 5  # 4600 ≠ 4500; vague low differs
    assert loose["value_correct"] == 6  # 4600 is within 5 % of 4500; low still differs


def test_value_accuracy_needs_the_same_unit(tmp_path):
    """SPEC §6: 337 percent is not 337 wounded; the wrong unit is named in the detail."""
    pred = seed_prediction(q_wounded={"unit": "percent"})
    report = score(load([ROOT / "gold"]), load([write_jsonl(tmp_path / "p.jsonl", [pred])]))
    assert report["values"]["value_correct"] == 6
    errors = report["detail"]["value_errors"]
    assert (errors["gold"], errors["gold_unit"], errors["pred_unit"]) == (
        ["q_wounded"], [None], ["percent"])  # fmt: skip
    (row,) = score_report.value_error_rows(report)
    assert (row["what"], row["pred_reading"]) == ("unit", "exact 337 percent")


def test_relations_are_scored_by_type(tmp_path):
    pred = seed_prediction()
    pred["relations"].append({"from": "q_fighters", "to": "q_wounded", "type": "part_of"})
    report = score(load([ROOT / "gold"]), load([write_jsonl(tmp_path / "p.jsonl", [pred])]))
    part_of = report["relations"]["by_type"]["part_of"]
    assert (part_of["tp"], part_of["fp"], part_of["fn"]) == (2, 1, 0)
    assert part_of["precision"] == 2 / 3 and part_of["recall"] == 1.0
    text = score_report.to_text(report)
    assert "  part_of     P   66.7%  R  100.0%" in text
    assert "  - part_of: precision 66.7%, recall 100.0%" in score_report.to_md(report)


def test_missing_document_counts_as_missed_and_unknown_is_an_error(tmp_path):
    nothing = write_jsonl(
        tmp_path / "none.jsonl", [{"doc_id": "aleppo-evacuation-2016-12-16", "mentions": []}]
    )
    report = score(load([ROOT / "gold"]), load([nothing]))
    assert report["mentions"]["strict"]["missed"] == 84
    stray = write_jsonl(tmp_path / "stray.jsonl", [{"doc_id": "not-in-gold", "mentions": []}])
    proc = tally("score", "--gold", str(ROOT / "gold"), "--pred", str(stray))
    assert proc.returncode == 2
    assert "stray.jsonl:1" in proc.stderr and "not-in-gold" in proc.stderr


def score_cli(pred, *args: str):
    return tally("score", "--gold", str(ROOT / "gold"), "--pred", str(pred), *args)


def test_baseline_regression_exit_codes(tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [seed_prediction()])
    bad = write_jsonl(
        tmp_path / "bad.jsonl", [seed_prediction(q_wounded={"start": 272, "text": "و337"})]
    )
    base = tmp_path / "base.json"
    assert score_cli(good, "--format", "json", "--out", str(base)).returncode == 0
    same = score_cli(good, "--baseline", str(base))
    assert same.returncode == 0 and "no regression" in same.stdout
    worse = score_cli(bad, "--baseline", str(base), "--format", "json")
    assert worse.returncode == 1
    diff = json.loads(worse.stdout)["baseline"]
    assert [e["gold"] for e in diff["mentions"]["broken"]] == ["q_wounded"]
    assert any(m["regressed"] and m["metric"] == "strict F1" for m in diff["metrics"])
    allowed = score_cli(bad, "--baseline", str(base), "--max-drop", "0.5")
    assert allowed.returncode == 0


def test_reports_render_and_escape(tmp_path):
    doc = {"doc_id": "xss", "text": "<script>alert(1)</script> عاد 337 شخصًا",
           "mentions": [{"id": "g", "start": 30, "end": 33, "text": "337", "label": "QUANTITY",
                         "value": 337}]}  # fmt: skip
    gold = load([write_jsonl(tmp_path / "g.jsonl", [doc])])
    pred_doc = dict(doc, mentions=[dict(doc["mentions"][0], label="<b>ORG</b>")])
    pred_doc.pop("text")
    pred = load([write_jsonl(tmp_path / "p.jsonl", [pred_doc])])
    report = score(gold, pred)
    html = score_report.to_html(report, None, gold)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>ORG</b>" not in html
    for fmt, render in score_report.FORMATS.items():
        assert render(report, None), fmt
    junit = score_report.to_junit(report)
    assert 'failures="1"' in junit


def test_random_order_of_predictions_does_not_change_the_score(tmp_path):
    pred = seed_prediction()
    rng = random.Random(5)
    shuffled = dict(pred, mentions=rng.sample(pred["mentions"], len(pred["mentions"])))
    a = score(load([ROOT / "gold"]), load([write_jsonl(tmp_path / "a.jsonl", [pred])]))
    b = score(load([ROOT / "gold"]), load([write_jsonl(tmp_path / "b.jsonl", [shuffled])]))
    assert a["mentions"] == b["mentions"] and a["values"] == b["values"]


def test_thousands_of_random_documents_equal_nervaluate(tmp_path):
    rng = random.Random(2026)
    docs = []
    for d in range(5000):
        gold, pred = [], []
        for slot in range(rng.randint(0, 8)):
            base = slot * SLOT
            for side in (gold, pred):
                if rng.random() < 0.7:
                    s = base + rng.randint(0, SLOT - 2)
                    side.append({"start": s, "end": rng.randint(s + 1, base + SLOT),
                                 "label": rng.choice(LABELS)})  # fmt: skip
        docs.append((f"d{d}", gold, pred))
    report = score(as_facts(docs, 0, tmp_path, "g.jsonl"), as_facts(docs, 1, tmp_path, "p.jsonl"))
    for scheme, counts in nervaluate_counts(docs).items():
        assert {k: report["mentions"][scheme][k] for k in counts} == counts, scheme


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("md", "md")])
def test_score_reports_match_golden(tmp_path, fmt, suffix):
    """Golden files in tests/golden/score.*; regenerate with TALLY_UPDATE_GOLDEN=1."""
    import os

    pred = write_jsonl(
        tmp_path / "p.jsonl",
        [
            seed_prediction(
                q_evacuees={"value": 950, "qualifier": "exact"}, q_wounded={"qualifier": "about"}
            )
        ],
    )
    base = write_jsonl(tmp_path / "b.jsonl", [seed_prediction()])
    gold = load([ROOT / "gold"])
    from checks.scoring.baseline import compare

    report = score(gold, load([pred]))
    comparison = compare(report, score(gold, load([base])))
    rendered = score_report.FORMATS[fmt](report, comparison)
    path = ROOT / "tests" / "golden" / f"score.{suffix}"
    if os.environ.get("TALLY_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("chunk", "jobs"), [(1, 1), (7, 2), (1000, 1)])
def test_streamed_score_equals_one_pass(tmp_path, chunk, jobs):
    """Pieces of predictions scored apart (in workers too) and put together give the
    one-pass report byte for byte: shuffled predictions, some documents not predicted."""
    import random

    import orjson

    from benchmarks.corpus import corpus
    from benchmarks.corpus import write_jsonl as write_docs
    from benchmarks.score_bench import predictions
    from checks.scoring.stream import score_paths

    gold_docs = corpus(60 * 7)[:60]
    pred_docs = predictions(gold_docs)
    random.Random(4).shuffle(pred_docs)
    gp = write_docs(gold_docs, tmp_path / "gold.jsonl")
    pp = write_docs(pred_docs[:50], tmp_path / "pred.jsonl")
    one = score(load([gp]), load([pp]))
    streamed = score_paths(gp, pp, chunk_docs=chunk, jobs=jobs).report
    assert orjson.dumps(streamed) == orjson.dumps(one)
    assert streamed["mentions"]["strict"]["missed"] > 0


def test_the_gold_is_read_again_when_it_changes(tmp_path):
    """A process that scores twice (a reused Spark worker) never scores against stale gold."""
    from benchmarks.corpus import corpus
    from benchmarks.corpus import write_jsonl as write_docs
    from checks.scoring.stream import gold_index

    docs = corpus(40 * 7)[:40]
    for folder in (tmp_path / "gold.jsonl", tmp_path / "folder"):
        path = folder if folder.suffix else folder / "a.jsonl"
        path.parent.mkdir(exist_ok=True)
        write_docs(docs[:10], path)
        first = gold_index(folder)
        assert gold_index(folder) is first and len(first.doc_ids) == 10
        write_docs(docs[:30], path)
        assert len(gold_index(folder).doc_ids) == 30
