"""The HTML score report: golden file, and what a reader sees in Chromium, checked by DOM.

The case: six copies of the seed article; the new run reads 9500 as 950 (right span, wrong
value and qualifier) in two of them and breaks the span of «337» in one."""

from __future__ import annotations

import json
import os

import pytest

from checks.readers.load import load
from checks.report import score_report
from checks.scoring.baseline import compare
from checks.scoring.score import score
from tests.conftest import ROOT, write_jsonl
from tests.test_inputs import tally
from tests.test_score import SEED, seed_prediction

GOLDEN = ROOT / "tests" / "golden" / "score.html"
COPIES = 6


def seed_gold(doc_id: str) -> dict:
    """The gold seed document as facts JSONL (with its text) under another doc_id."""
    gold = load([ROOT / "gold"])
    doc = gold.documents.set_index("doc_id").loc[SEED]
    mentions = []
    for row in gold.mentions.to_dict("records"):
        m = {k: row[k] for k in ("id", "start", "end", "text", "label")}
        for k in ("value", "qualifier", "low", "high", "category", "status", "normalized"):
            if row.get(k) is not None and row[k] == row[k]:
                m[k] = row[k]
        mentions.append(m)
    relations = gold.relations[["from", "to", "type"]].to_dict("records")
    return {"doc_id": doc_id, "text": doc["text"], "published": doc["published"],
            "mentions": mentions, "relations": relations}  # fmt: skip


def case_files(tmp_path):
    ids = [f"seed-{i}" for i in range(COPIES)]
    gold = write_jsonl(tmp_path / "gold.jsonl", [seed_gold(d) for d in ids])
    base = write_jsonl(tmp_path / "base.jsonl", [dict(seed_prediction(), doc_id=d) for d in ids])
    changes = {
        0: {"q_evacuees": {"value": 950, "qualifier": "exact"}},
        1: {"q_evacuees": {"value": 950, "qualifier": "exact"}},
        2: {"q_wounded": {"start": 272, "text": "و337"}},
    }
    new = write_jsonl(
        tmp_path / "new.jsonl",
        [dict(seed_prediction(**changes.get(i, {})), doc_id=d) for i, d in enumerate(ids)],
    )
    return gold, base, new


def render(tmp_path) -> str:
    gold_path, base_path, new_path = case_files(tmp_path)
    gold = load([gold_path])
    report = score(gold, load([new_path]))
    baseline = json.loads(score_report.to_json(score(gold, load([base_path]))))
    return score_report.to_html(report, compare(report, baseline), gold, limit=3)


def test_html_report_matches_golden(tmp_path):
    """Regenerate with TALLY_UPDATE_GOLDEN=1."""
    html = render(tmp_path)
    if os.environ.get("TALLY_UPDATE_GOLDEN"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_html_marks_value_errors_lists_broken_and_counts_once(tmp_path):
    html = render(tmp_path)
    assert html.count('class="value-error"') == 2  # two documents shown with 950
    assert 'data-gold-value="more than 9,500" data-pred-value="exact 950"' in html
    assert '<mark class="val' in html
    assert 'class="broken" data-doc="seed-2" data-gold="q_wounded"' in html
    assert "the test needs more documents" not in html and 'class="sig"' in html


# JavaScript run in the page: every measurement the browser test asserts on.
MEASURE = """
const px = (el) => el.getBoundingClientRect();
const strict = document.querySelector('tr[data-scheme=strict]');
const headers = [...document.querySelectorAll('section.doc .wrong')]
  .reduce((n, el) => n + Number(el.dataset.wrong), 0);
const labels = [...document.querySelectorAll('.text .lbl')].map((el) => {
  const r = px(el); const lh = parseFloat(getComputedStyle(el).lineHeight);
  return {h: r.height, line: lh, w: r.width};
});
const figures = [...document.querySelectorAll('.charts figure')].map((f) => {
  const svg = f.querySelector('svg');
  const contentBottom = Math.max(...[...svg.children].map((c) => px(c).bottom));
  return {figure: px(f).bottom, svg: px(svg).bottom, content: contentBottom};
});
const charts = document.querySelector('.charts');
const next = charts.nextElementSibling;
const vals = [...document.querySelectorAll('.text mark.val')].map((m) => ({
  gold: m.dataset.goldValue, pred: m.dataset.predValue,
  label: m.querySelector('.lbl') ? m.querySelector('.lbl').textContent : null,
  bg: getComputedStyle(m).backgroundColor}));
return {
  strictWrong: Number(strict.dataset.wrong), headerWrong: headers,
  docs: document.querySelectorAll('section.doc').length,
  labels, figures, gapBelowCharts: px(next).top - px(charts).bottom,
  chartsRows: new Set(figures.map((f) => Math.round(px(charts).top))).size,
  broken: [...document.querySelectorAll('li.broken')].map((li) => li.textContent),
  valueErrors: [...document.querySelectorAll('li.value-error')].map((li) => li.textContent),
  vals,
  direction: getComputedStyle(document.querySelector('.text[data-side=gold]')).direction,
  resources: performance.getEntriesByType('resource').map((r) => r.name),
};
"""


@pytest.mark.browser
def test_html_report_in_chromium(tmp_path):
    from tests.test_browser_labeling import ARTIFACTS, chrome

    gold, base, new = case_files(tmp_path)
    base_json = tmp_path / "base.json"
    args = ("score", "--gold", str(gold))
    assert (
        tally(*args, "--pred", str(base), "--format", "json", "--out", str(base_json)).returncode
        == 0
    )
    out = tmp_path / "report.html"
    proc = tally(*args, "--pred", str(new), "--baseline", str(base_json), "--format", "html",
                 "--out", str(out))  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # strict F1 dropped: a raw regression
    driver = chrome(tmp_path)
    try:
        driver.get(out.as_uri())
        got = driver.execute_script(MEASURE)
        ARTIFACTS.mkdir(exist_ok=True)
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1400, min(height + 140, 2600))
        driver.save_screenshot(str(ARTIFACTS / "score-report.png"))
    finally:
        driver.quit()
    assert got["docs"] == COPIES and got["direction"] == "rtl"
    # one definition of wrong: the documents' headers add up to the strict row
    assert got["headerWrong"] == got["strictWrong"] > 0
    # value errors marked on the span, gold vs predicted
    assert len(got["vals"]) == 4  # 9500 in two documents, on both panes
    for v in got["vals"]:
        assert (v["gold"], v["pred"]) == ("more than 9,500", "exact 950")
        assert "9,500" in v["label"] and "950" in v["label"]
        assert v["bg"] == "rgb(255, 231, 176)"
    assert len(got["valueErrors"]) == 2 and all("950" in t for t in got["valueErrors"])
    # broken mentions listed with their text
    assert len(got["broken"]) == 1 and "337" in got["broken"][0] and "seed-2" in got["broken"][0]
    # every span label sits on one line
    assert got["labels"] and all(lb["h"] <= 1.5 * lb["line"] for lb in got["labels"])
    # the charts sit in one row, with no blank band below them
    assert got["chartsRows"] == 1
    for f in got["figures"]:
        assert f["svg"] - f["content"] < 16, f
    assert got["gapBelowCharts"] < 60
    assert all(r.startswith("file:") or r.startswith("data:") for r in got["resources"])
