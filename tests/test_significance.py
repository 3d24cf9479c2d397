"""Paired significance tests for `tally score --baseline` (bootstrap and randomization)."""

from __future__ import annotations

import json
import random
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.readers.load import load
from checks.scoring import significance as sig
from checks.scoring.baseline import compare
from checks.scoring.matching import ratios
from checks.scoring.score import prf, score
from tests.conftest import ROOT, write_jsonl
from tests.test_inputs import tally
from tests.test_score import SEED

LABELS = ("QUANTITY", "LOC", "ORG")


def corpus(n_docs: int, seed: int = 7) -> list[dict]:
    """Gold documents: a few QUANTITY/LOC/ORG spans each, QUANTITYs with values, part_of."""
    rng = random.Random(seed)
    docs = []
    for d in range(n_docs):
        mentions = []
        for i in range(rng.randint(4, 9)):
            label = rng.choice(LABELS)
            m = {"id": f"m{i}", "start": 20 * i, "end": 20 * i + rng.randint(2, 12),
                 "label": label}  # fmt: skip
            if label == "QUANTITY":
                m |= {"value": rng.randint(1, 5000), "qualifier": "exact"}
            mentions.append(m)
        q = [m["id"] for m in mentions if m["label"] == "QUANTITY"]
        rel = [{"from": a, "to": b, "type": "same_as"} for a, b in pairwise(q)]
        docs.append({"doc_id": f"doc{d:03d}", "mentions": mentions, "relations": rel})
    return docs


def degrade(docs: list[dict], share: float, seed: int) -> list[dict]:
    """In `share` of the documents, one mention goes wrong: offsets moved or value off."""
    rng = random.Random(seed)
    out = json.loads(json.dumps(docs))
    for doc in out:
        if rng.random() < share and doc["mentions"]:
            m = rng.choice(doc["mentions"])
            if m.get("value") is not None and rng.random() < 0.5:
                m["value"] = m["value"] // 10
            else:
                m["start"] += 1
    return out


def write(tmp_path, name: str, docs: list[dict]):
    return write_jsonl(tmp_path / name, docs)


def reports(tmp_path, gold_docs, pred_docs, base_docs):
    gold = load([write(tmp_path, "gold.jsonl", gold_docs)])
    now = score(gold, load([write(tmp_path, "now.jsonl", pred_docs)]))
    then = score(gold, load([write(tmp_path, "then.jsonl", base_docs)]))
    return now, then


def by_metric(comparison: dict) -> dict:
    return {m["metric"]: m for m in comparison["significance"]["metrics"]}


def test_planted_regression_on_50_documents_is_significant(tmp_path):
    gold = corpus(50)
    base = degrade(gold, 0.1, seed=1)
    worse = degrade(base, 0.6, seed=2)  # the baseline's errors plus new ones
    now, then = reports(tmp_path, gold, worse, base)
    c = compare(now, then, 0.01, gate="significant")
    tests = by_metric(c)
    strict = tests["strict F1"]
    assert c["significance"]["available"] and c["significance"]["documents"] == 50
    assert strict["change"] < -0.05
    assert strict["ci_high"] < 0 and strict["ci_low"] < strict["change"]
    assert strict["p_bootstrap"] < 0.01 and strict["p_randomization"] < 0.01
    assert strict["significant"]
    assert c["regressed"] and c["gate_applied"] == "significant"
    change = {m["metric"]: m["change"] for m in c["metrics"]}
    for name, t in tests.items():  # the tests see the same numbers as the report
        assert t["change"] == pytest.approx(change[name], abs=1e-12), name


def test_reshuffled_identical_run_is_not_significant(tmp_path):
    gold = corpus(50)
    base = degrade(gold, 0.3, seed=1)
    rng = random.Random(3)
    shuffled = [dict(d, mentions=rng.sample(d["mentions"], len(d["mentions"])))
                for d in rng.sample(base, len(base))]  # fmt: skip
    now, then = reports(tmp_path, gold, shuffled, base)
    c = compare(now, then, 0.0, gate="significant")
    for m in c["significance"]["metrics"]:
        assert m["change"] in (0.0, None), m
        assert not m["significant"]
        if m["change"] is not None:
            assert m["p_bootstrap"] == m["p_randomization"] == 1.0
            assert m["ci_low"] == m["ci_high"] == 0.0
    assert not c["regressed"]


def test_one_bad_document_fails_the_raw_gate_but_not_the_significant_one(tmp_path):
    gold = corpus(50)
    base = degrade(gold, 0.2, seed=1)
    worse = json.loads(json.dumps(base))
    worse[0]["mentions"][0]["start"] += 1  # one span in one of 50 documents
    now, then = reports(tmp_path, gold, worse, base)
    raw = compare(now, then, 0.0, gate="raw")
    significant = compare(now, then, 0.0, gate="significant")
    assert raw["regressed"]
    assert not significant["regressed"]
    assert not by_metric(significant)["strict F1"]["significant"]


def plain_metric(c: dict, name: str) -> float:
    """A metric from summed counts through the report's own functions."""
    if name == "relation F1":
        tp = c["relations_tp"]
        return prf(tp, tp + c["relations_fp"], tp + c["relations_fn"])["f1"]
    if name.endswith(" F1"):
        scheme = name.split()[0]
        return ratios({o: c[f"{scheme}_{o}"] for o in sig.OUTCOMES}, scheme)["f1"]
    hits = c["value_correct" if name == "value accuracy" else "qualifier_correct"]
    return hits / c["values_matched"] if c["values_matched"] else float("nan")


def slow_reference(a: np.ndarray, b: np.ndarray, n: int, seed: int) -> dict:
    """The same tests written plainly: one sample at a time, one metric at a time."""
    rng_boot, rng_ar = sig.generators(seed)
    d = len(a)
    idx = rng_boot.integers(0, d, size=(n, d))
    swap = rng_ar.random((n, d)) < 0.5
    out = {}
    for name in sig.METRICS:

        def value(sums, name=name):
            return plain_metric(dict(zip(sig.COLUMNS, sums, strict=True)), name)

        observed = value(a.sum(0)) - value(b.sum(0))
        boot, ar = [], []
        for i in range(n):
            boot.append(value(a[idx[i]].sum(0)) - value(b[idx[i]].sum(0)))
            sa, sb = a.copy(), b.copy()
            sa[swap[i]], sb[swap[i]] = b[swap[i]], a[swap[i]]
            ar.append(value(sa.sum(0)) - value(sb.sum(0)))
        boot, ar = np.array(boot), np.array(ar)
        centred = np.abs(boot - boot.mean())
        out[name] = {
            "change": observed,
            "ci_low": float(np.percentile(boot, 2.5)),
            "ci_high": float(np.percentile(boot, 97.5)),
            "p_bootstrap": (np.sum(centred >= abs(observed) - 1e-12) + 1) / (n + 1),
            "p_randomization": (np.sum(np.abs(ar) >= abs(observed) - 1e-12) + 1) / (n + 1),
        }
    return out


def test_vectorized_tests_equal_a_plain_loop():
    rng = np.random.default_rng(11)
    d, k = 9, len(sig.COLUMNS)
    a = rng.integers(1, 6, size=(d, k)).astype(float)
    b = rng.integers(1, 6, size=(d, k)).astype(float)
    fast = sig.paired_tests(a, b, samples=300, seed=4)
    slow = slow_reference(a, b, 300, 4)
    for name in sig.METRICS:
        for key, expected in slow[name].items():
            assert fast[name][key] == pytest.approx(expected, abs=1e-12), (name, key)


def test_blocks_of_samples_cover_all_samples(monkeypatch):
    """A large corpus is processed in blocks of samples; the count of samples stays n."""
    monkeypatch.setattr(sig, "BLOCK", 40)
    rng = np.random.default_rng(1)
    a = rng.integers(0, 5, size=(12, len(sig.COLUMNS))).astype(float)
    deltas = sig.bootstrap_deltas(a, a, 101, np.random.default_rng(0))
    assert all(len(v) == 101 for v in deltas.values())
    assert sig.paired_tests(a, a, samples=101)["strict F1"]["p_randomization"] == 1.0


def test_too_few_documents_say_so_instead_of_an_interval(tmp_path):
    gold = corpus(3)
    now, then = reports(tmp_path, gold, degrade(gold, 1.0, 2), gold)
    c = compare(now, then, 0.0, gate="significant")
    s = c["significance"]
    assert not s["available"] and "needs more documents" in s["reason"]
    assert "metrics" not in s
    assert c["gate_applied"] == "raw" and c["regressed"]  # falls back to the raw drop


def score_cli(gold, pred, *args: str):
    return tally("score", "--gold", str(gold), "--pred", str(pred), *args)


def test_cli_gate_and_every_format(tmp_path):
    gold_docs = corpus(50)
    gold = write(tmp_path, "gold.jsonl", gold_docs)
    base = write(tmp_path, "base.jsonl", degrade(gold_docs, 0.1, 1))
    worse = write(tmp_path, "worse.jsonl", degrade(degrade(gold_docs, 0.1, 1), 0.6, 2))
    report = tmp_path / "base.json"
    assert score_cli(gold, base, "--format", "json", "--out", str(report)).returncode == 0
    per_doc = json.loads(report.read_text())["per_document"]
    assert len(per_doc["doc_id"]) == 50 and set(sig.COLUMNS) <= set(per_doc)
    args = ("--baseline", str(report), "--gate", "significant", "--bootstrap", "500")
    for fmt, needle in [
        ("text", "significant"),
        ("md", "p (bootstrap)"),
        ("junit", "significantly worse"),
        ("html", 'class="sig'),
    ]:
        proc = score_cli(gold, worse, *args, "--format", fmt)
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert needle in proc.stdout, fmt
    proc = score_cli(gold, worse, *args, "--format", "json")
    out = json.loads(proc.stdout)["baseline"]["significance"]
    assert out["samples"] == 500 and out["available"]


def test_old_baseline_without_per_document_counts(tmp_path):
    good = write(tmp_path, "p.jsonl", [{"doc_id": SEED, "mentions": []}])
    base = tmp_path / "old.json"
    proc = tally("score", "--gold", str(ROOT / "gold"), "--pred", str(good), "--format", "json")
    old = json.loads(proc.stdout)
    del old["per_document"]
    base.write_text(json.dumps(old), encoding="utf-8")
    proc = tally("score", "--gold", str(ROOT / "gold"), "--pred", str(good), "--baseline",
                 str(base), "--gate", "significant")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "no per-document counts" in proc.stdout


@pytest.mark.parametrize(
    "damage",
    [
        lambda pd: pd.update(strict_correct=pd["strict_correct"][:-1]),
        lambda pd: pd.update(strict_missed=["x"] * len(pd["doc_id"])),
        lambda pd: pd.update(value_correct=[-1] * len(pd["doc_id"])),
        lambda pd: pd.update(doc_id="doc000"),
        lambda pd: pd.pop("relations_tp"),
    ],
)
def test_malformed_baseline_counts_are_reported_not_a_crash(tmp_path, damage):
    gold = corpus(8)
    now, then = reports(tmp_path, gold, degrade(gold, 0.5, 2), gold)
    damage(then["per_document"])
    c = compare(now, then, 0.0, gate="significant")
    assert not c["significance"]["available"]
    assert "per-document counts" in c["significance"]["reason"]
    assert c["gate_applied"] == "raw"


@settings(max_examples=60, deadline=None)
@given(
    st.integers(5, 12).flatmap(
        lambda d: st.tuples(
            st.lists(st.lists(st.integers(0, 6), min_size=len(sig.COLUMNS),
                              max_size=len(sig.COLUMNS)), min_size=d, max_size=d),
            st.lists(st.lists(st.integers(0, 6), min_size=len(sig.COLUMNS),
                              max_size=len(sig.COLUMNS)), min_size=d, max_size=d),
        )
    ),
    st.integers(0, 2**31),
)  # fmt: skip
def test_tests_are_symmetric_and_p_values_are_probabilities(runs, seed):
    a, b = (np.array(x, dtype=float) for x in runs)
    ab = sig.paired_tests(a, b, samples=64, seed=seed)
    ba = sig.paired_tests(b, a, samples=64, seed=seed)
    same = sig.paired_tests(a, a, samples=64, seed=seed)
    for name in sig.METRICS:
        x, y = ab[name], ba[name]
        if x["change"] is None:
            assert y["change"] is None
            continue
        assert x["change"] == pytest.approx(-y["change"], abs=1e-12)
        assert x["p_randomization"] == y["p_randomization"]  # swapping runs swaps nothing
        assert x["ci_low"] == pytest.approx(-y["ci_high"], abs=1e-12)
        assert 1 / 65 <= x["p_bootstrap"] <= 1 and 1 / 65 <= x["p_randomization"] <= 1
        assert x["ci_low"] <= x["ci_high"]
        assert same[name]["p_bootstrap"] == same[name]["p_randomization"] == 1.0
