"""The fast paths give exactly the violations of the reference run.

`golden/heavy-violations.jsonl` was written by the row-at-a-time message code on a seeded
corpus where every document carries a planted fault; the vectorized messages, the chunked
engine and the worker pool must reproduce it byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
