"""`tally agree` on hand-built Label Studio exports (no server): known kappa and alpha
values, the planted adjudication list, symmetry, notices, formats."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.agree.agree import agree
from checks.agree.compare import compare_pair
from checks.agree.export import read_annotated
from checks.agree.report import FORMATS
from checks.agree.stats import cohen_kappa, krippendorff_alpha
from checks.scoring.matching import CORRECT, candidate_pairs, match
from checks.scoring.score import relations as score_relations
from tests.agree_cases import PLANTED, observed, plant
from tests.conftest import ROOT
from tests.test_labelstudio_server import tally

QUALIFIERS = ["exact", "more_than", "at_least", "less_than", "about"]
URL = "http://127.0.0.1:8080"


def annotation(who, result: list[dict], n: int, **kw) -> dict:
    return {"id": n, "completed_by": who, "result": result, "was_cancelled": False,
            "updated_at": f"2026-11-25T10:00:0{n % 10}Z", **kw}  # fmt: skip


def seed_export(tmp_path, *, cancelled: bool = True):
    """The committed gold as annotator 1, the planted copy as annotator 2 (an object with
    an email, as older exports write it), and a cancelled annotation by annotator 3."""
    task = json.loads((ROOT / "gold" / "tally-gold.json").read_text(encoding="utf-8"))[0]
    a = task["annotations"][0]["result"]
    anns = [annotation(1, a, 1), annotation({"id": 2, "email": "b@tally.local"},
                                            plant(a, task["data"]["text"]), 2)]  # fmt: skip
    if cancelled:
        anns.append(annotation(3, [], 3, was_cancelled=True))
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{**task, "annotations": anns}], ensure_ascii=False), "utf-8")
    return path


def quantities_export(tmp_path, ratings: list[list[str | None]]) -> tuple:
    """One document of numbers; annotator k marks number i as a QUANTITY with qualifier
    ratings[k][i] (None: does not mark it)."""
    n = len(ratings[0])
    text = " ".join(str(100 + i) for i in range(n))
    anns = []
    for k, row in enumerate(ratings):
        result = []
        for i, q in enumerate(row):
            if q is None:
                continue
            span = {"start": 4 * i, "end": 4 * i + 3, "text": str(100 + i)}
            result += [
                {"id": f"q{i}", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {**span, "labels": ["QUANTITY"]}},
                {"id": f"q{i}", "from_name": "qualifier", "to_name": "text", "type": "choices",
                 "value": {**span, "choices": [q]}},
            ]  # fmt: skip
        anns.append(annotation(k + 1, result, k + 1))
    task = {"id": 5, "project": 3, "data": {"doc_id": "numbers", "text": text}, "annotations": anns}
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps([task]), "utf-8")
    return path


def test_kappa_known_value():
    """Cohen's kappa for the 2×2 table [[20, 5], [10, 15]]: p_o 0.7, p_e 0.5, kappa 0.4."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(a, a) == 1.0
    assert cohen_kappa(["x"] * 3, ["x"] * 3) is None  # chance agreement 1: undefined
    assert cohen_kappa([], []) is None


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", 4 observers, 12 units,
# missing values: nominal alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_alpha_known_value():
    table = pd.DataFrame(KRIPPENDORFF_2011).T
    assert krippendorff_alpha(table) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(pd.DataFrame({"a": ["x", "x"], "b": ["x", "x"]})) is None


def test_kappa_and_alpha_through_an_export(tmp_path):
    a = ["exact"] * 25 + ["about"] * 25
    b = ["exact"] * 20 + ["about"] * 5 + ["exact"] * 10 + ["about"] * 15
    report = agree(read_annotated([quantities_export(tmp_path, [a, b])]))
    (pair,) = report["pairs"]
    assert pair["qualifier"]["kappa"] == pytest.approx(0.4)
    assert pair["qualifier"]["matched"] == 50 and pair["qualifier"]["same"] == 35
    assert pair["spans"]["strict"]["f1"] == 1.0

    ratings = [[None if v is None else QUALIFIERS[v - 1] for v in row] for row in KRIPPENDORFF_2011]
    report = agree(read_annotated([quantities_export(tmp_path, ratings)]))
    assert report["alpha"]["qualifier"] == pytest.approx(0.743, abs=5e-4)
    assert report["alpha"]["units"] == 11  # the last unit has one rating only
    assert len(report["pairs"]) == 6


def test_planted_disagreements_are_exactly_the_adjudication_list(tmp_path):
    path = seed_export(tmp_path)
    annotated = read_annotated([path])
    (notice,) = annotated.notices.as_list()
    assert (notice["reason"], notice["count"]) == ("ignored: cancelled (skipped) annotation", 1)
    assert notice["where"] == [f"{path} task 1 annotation 3"]
    report = agree(annotated, URL)
    assert sorted(observed(report), key=str) == sorted(PLANTED, key=str)
    item = report["adjudication"][0]
    assert item["link"] == f"{URL}/projects/1/data?task=1"
    text = json.loads((ROOT / "gold" / "tally-gold.json").read_text("utf-8"))[0]["data"]["text"]
    for i in report["adjudication"]:
        c = i["context"]
        assert text[i["start"] - len(c["before"]) : i["end"] + len(c["after"])] == (
            c["before"] + c["text"] + c["after"]
        )
    (pair,) = report["pairs"]
    assert pair["a"] == "user 1" and pair["b"] == "b@tally.local"
    s = pair["spans"]["strict"]
    assert (s["correct"], s["incorrect"], s["missed"], s["spurious"]) == (82, 1, 1, 0)
    assert pair["values"]["same"] == pair["values"]["matched"] - 1
    assert pair["relations"]["tp"] == 22 and pair["relations"]["fn"] == 1


def test_numbers_are_symmetric_and_relations_follow_spec_6(tmp_path):
    annotated = read_annotated([seed_export(tmp_path)])
    a, b = annotated.facts["1"], annotated.facts["2"]
    docs = a.doc_ids
    ab, ba = compare_pair(a, b, docs).overall, compare_pair(b, a, docs).overall
    for key in ("strict", "partial"):
        assert ab["spans"][key]["f1"] == pytest.approx(ba["spans"][key]["f1"])
    assert ab["relations"]["f1"] == pytest.approx(ba["relations"]["f1"])
    assert ab["qualifier"]["kappa"] == pytest.approx(ba["qualifier"]["kappa"])
    m = match(candidate_pairs(a.mentions, b.mentions), "strict")
    ok = m.outcome == CORRECT
    spec = score_relations(a, b, pd.DataFrame({"gold": m.gold[ok], "pred": m.pred[ok]}))
    got = {k: ab["relations"][k] for k in ("tp", "fp", "fn", "f1")}
    assert got == {k: spec[k] for k in ("tp", "fp", "fn", "f1")}


spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(1, 6), st.sampled_from(["QUANTITY", "LOC"])),
    max_size=8,
)


@settings(deadline=None, max_examples=60)
@given(spans, spans)
def test_span_f1_is_symmetric(tmp_path_factory, xs, ys):
    """Whoever is taken as the reference, span F1 is the same (property)."""
    tmp = tmp_path_factory.mktemp("sym")
    text = "x" * 40
    anns = []
    for k, spans_k in enumerate((xs, ys)):
        result = [
            {"id": f"r{i}", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": s, "end": s + w, "text": text[s : s + w], "labels": [lbl]}}
            for i, (s, w, lbl) in enumerate(spans_k)
        ]  # fmt: skip
        anns.append(annotation(k + 1, result, k + 1))
    path = tmp / "e.json"
    path.write_text(json.dumps([{"id": 1, "project": 1, "data": {"doc_id": "d", "text": text},
                                 "annotations": anns}]))  # fmt: skip
    annotated = read_annotated([path])
    a, b = annotated.facts["1"], annotated.facts["2"]
    ab, ba = compare_pair(a, b, ["d"]).overall, compare_pair(b, a, ["d"]).overall
    for key in ("strict", "partial"):
        assert ab["spans"][key]["f1"] == pytest.approx(ba["spans"][key]["f1"])
    assert np.isclose(ab["spans"]["strict"]["tp"], ba["spans"]["strict"]["tp"])


def test_cli_formats_notices_and_exit_codes(tmp_path):
    path = seed_export(tmp_path)
    proc = tally("agree", str(path), "--format", "json", "--url", URL)
    assert proc.returncode == 0, proc.stderr
    assert "1 × ignored: cancelled (skipped) annotation" in proc.stderr
    report = json.loads(proc.stdout)
    assert sorted(observed(report), key=str) == sorted(PLANTED, key=str)
    for fmt in ("text", "md", "html"):
        proc = tally("agree", str(path), "--format", fmt, "--url", URL)
        assert proc.returncode == 0, proc.stderr
        assert f"{URL}/projects/1/data?task=1" in proc.stdout
    proc = tally("agree", str(ROOT / "annotate" / "drafts"))
    assert proc.returncode == 2 and "unusable input" in proc.stderr
    proc = tally("agree", str(path), "--url", "javascript:alert(1)")
    assert proc.returncode == 2 and "http(s) URL" in proc.stderr
    single = tmp_path / "single.json"
    task = json.loads(path.read_text("utf-8"))[0]
    single.write_text(json.dumps([{**task, "annotations": task["annotations"][:1]}]), "utf-8")
    proc = tally("agree", str(single))
    assert proc.returncode == 2 and "nothing to compare" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_html_and_md_are_inert(tmp_path):
    """Text from the data cannot become markup: a span reading <script> stays text."""
    text = "<script>alert(1)</script> | **x** 100 [a](javascript:b)"
    result = lambda lbl: [  # noqa: E731
        {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 8, "text": text[:8], "labels": [lbl]}}
    ]  # fmt: skip
    anns = [annotation(1, result("LOC"), 1), annotation(2, result("ORG"), 2)]
    task = {"id": 1, "project": 1, "data": {"doc_id": "d", "text": text}, "annotations": anns}
    path = tmp_path / "x.json"
    path.write_text(json.dumps([task]), "utf-8")
    report = agree(read_annotated([path]), URL)
    assert observed(report) == [("label", "r1", "r1")]
    page = FORMATS["html"](report)
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    md = FORMATS["md"](report)
    assert "<script" not in md and "](javascript" not in md


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_agree_reports_match_golden(tmp_path, fmt):
    """Golden files in tests/golden/agree.*; regenerate with TALLY_UPDATE_GOLDEN=1."""
    rendered = FORMATS[fmt](agree(read_annotated([seed_export(tmp_path)]), URL))
    path = ROOT / "tests" / "golden" / f"agree.{'txt' if fmt == 'text' else fmt}"
    if os.environ.get("TALLY_UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")
