"""`tally score` reports at their edges: no relations at all, and a long list of broken
mentions cut short in the text and markdown reports."""

from __future__ import annotations

import json
import re

import pytest

from checks.readers.load import load
from checks.report import score_report
from checks.scoring.baseline import compare
from checks.scoring.score import score
from tests.conftest import ROOT, write_jsonl
from tests.test_inputs import tally

SEED = "aleppo-evacuation-2016-12-16"
TEXT = "عاد 337 شخصا و4500 مقاتل إلى حلب"


def doc(relations: list[dict], **extra) -> dict:
    return {
        "doc_id": "d1", "text": TEXT, **extra,
        "mentions": [
            {"id": "a", "start": 4, "end": 7, "text": "337", "label": "QUANTITY", "value": 337},
            {"id": "b", "start": 13, "end": 17, "text": "4500", "label": "QUANTITY",
             "value": 4500},
        ],
        "relations": relations,
    }  # fmt: skip


def run_score(tmp_path, gold_rel: list[dict], pred_rel: list[dict], *args: str):
    gold = write_jsonl(tmp_path / "gold.jsonl", [doc(gold_rel)])
    pred = write_jsonl(tmp_path / "pred.jsonl", [doc(pred_rel)])
    return tally("score", "--gold", str(gold), "--pred", str(pred), *args)


def test_no_relations_anywhere_is_null_in_every_format(tmp_path):
    """SPEC §6: a ratio over nothing is null, as value accuracy over zero matches is; the
    reports say n/a, never 0.0 %."""
    js = run_score(tmp_path, [], [], "--format", "json")
    assert js.returncode == 0, js.stderr
    r = json.loads(js.stdout)["relations"]
    assert (r["precision"], r["recall"], r["f1"]) == (None, None, None)
    assert (r["tp"], r["fp"], r["fn"]) == (0, 0, 0)

    text = run_score(tmp_path, [], [], "--format", "text").stdout
    (line,) = [x for x in text.splitlines() if x.startswith("relations:")]
    assert "n/a" in line and "0.0%" not in line, line
    md = run_score(tmp_path, [], [], "--format", "md").stdout
    (line,) = [x for x in md.splitlines() if x.startswith("- relations:")]
    assert "n/a" in line and "0.0%" not in line, line
    html = run_score(tmp_path, [], [], "--format", "html").stdout
    row = re.search(r"<tr><td>relation F1</td>.*?</tr>", html).group(0)
    assert "<td>n/a</td>" in row and "%" not in row, row
    junit = run_score(tmp_path, [], [], "--format", "junit").stdout
    assert '<property name="relation F1" value="n/a" />' in junit
    assert '<property name="value accuracy" value="100.0%" />' in junit
    out = tmp_path / "report.txt"
    verdict = run_score(tmp_path, [], [], "--out", str(out)).stderr
    assert "relation F1 —" in verdict and "relation F1 0.0%" not in verdict


def test_relations_on_one_side_only(tmp_path):
    """Predicted relations and no gold ones: precision 0 (all are wrong), recall n/a, F1 0;
    the other way round: precision n/a, recall 0, F1 0. F1 stays a number a baseline can
    gate on whenever either side has relations."""
    rel = [{"from": "a", "to": "b", "type": "part_of"}]
    r = json.loads(run_score(tmp_path, [], rel, "--format", "json").stdout)["relations"]
    assert (r["precision"], r["recall"], r["f1"], r["fp"]) == (0.0, None, 0.0, 1)
    r = json.loads(run_score(tmp_path, rel, [], "--format", "json").stdout)["relations"]
    assert (r["precision"], r["recall"], r["f1"], r["fn"]) == (None, 0.0, 0.0, 1)
    text = run_score(tmp_path, rel, [], "--format", "text").stdout
    assert "relations: P n/a R 0.0% F1 0.0% (tp 0, fp 0, fn 1)" in text
    r = json.loads(run_score(tmp_path, rel, rel, "--format", "json").stdout)["relations"]
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)


def all_gold_predicted(shift: int = 0) -> dict:
    """The seed's gold mentions as a prediction; the first `shift` of them moved by one
    character (strict-wrong)."""
    gold = load([ROOT / "gold"])
    m = gold.mentions.sort_values(["start", "id"]).reset_index(drop=True)
    mentions = []
    for i, row in m.iterrows():
        start = int(row["start"]) + (1 if i < shift else 0)
        mentions.append({"id": row["id"], "start": start, "end": int(row["end"]),
                         "label": row["label"]})  # fmt: skip
    mentions = [x for x in mentions if x["start"] < x["end"]]
    return {"doc_id": SEED, "extractor": "t@1", "mentions": mentions, "relations": []}


@pytest.mark.parametrize(("broken", "fmt", "shown"), [(38, "text", 20), (60, "md", 50)])
def test_a_cut_list_of_broken_mentions_says_how_many_more(tmp_path, broken, fmt, shown):
    gold = load([ROOT / "gold"])
    short = sum(1 for _, r in gold.mentions.iterrows() if r["end"] - r["start"] == 1)
    assert short == 0  # moving a start by one never empties a gold span
    base = load([write_jsonl(tmp_path / "base.jsonl", [all_gold_predicted()])])
    now = load([write_jsonl(tmp_path / "now.jsonl", [all_gold_predicted(broken)])])
    report = score(gold, now)
    comparison = compare(report, score(gold, base))
    assert len(comparison["mentions"]["broken"]) == broken
    out = score_report.FORMATS[fmt](report, comparison)
    listed = [x for x in out.splitlines() if " broken  " in x or x.startswith(f"- {SEED}")]
    assert len(listed) == shown
    more = f"… {broken - shown} more broken mentions (of {broken}); `--format json` lists them all"
    assert more in out
    # no line when the list is whole
    few = load([write_jsonl(tmp_path / "few.jsonl", [all_gold_predicted(3)])])
    whole = score_report.FORMATS[fmt](score(gold, few), compare(score(gold, few),
                                                                score(gold, base)))  # fmt: skip
    assert "more broken mentions" not in whole
