"""`tally extract` under hostile input (issue 28 item 8): figures no JSON reader keeps are
refused with a notice naming the document and span, never a crash; and the time grows
linearly with the input (a quick version of `benchmarks/extract_linearity.py`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from benchmarks.extract_linearity import KINDS, best_time, ratios
from checks.readers.load import load
from tests.conftest import ROOT


def extract_lines(tmp_path, text: str) -> tuple[subprocess.CompletedProcess, dict]:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc_id": "big", "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "checks", "extract", str(src), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    load([out])  # tally's own reader reads back whatever extract wrote
    return proc, json.loads(out.read_text("utf-8"))


@pytest.mark.parametrize(
    "figure",
    [
        "18446744073709551616",  # 2**64: orjson cannot write it
        "9007199254740992",  # 2**53: float64 facts would read another number back
        "7" * 5000,  # past Python's 4,300-digit int() limit
        "5" + ",000" * 2000,  # a chain of thousands groups
        "ألف ألف ألف ألف ألف ألف",  # 10**18 in words
    ],
)
def test_figures_beyond_exact_facts_are_refused_with_a_notice(tmp_path, figure):
    text = f"قتل {figure} شخصا و45 مدنيا"
    proc, record = extract_lines(tmp_path, text)
    start = text.index(figure)
    assert "tally: notice:" in proc.stderr and f"big {start}-" in proc.stderr
    values = [m["value"] for m in record["mentions"] if m["label"] == "QUANTITY"]
    assert values == [45]  # the figure after it is still read


def test_the_largest_exact_figure_is_written(tmp_path):
    proc, record = extract_lines(tmp_path, f"قتل {2**53 - 1} شخصا")
    assert proc.stderr == ""
    assert [m["value"] for m in record["mentions"]] == [2**53 - 1]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_time_doubles_with_the_input(kind):
    """Two doublings from a size that takes at least 50 ms (doubled from a small one until it
    does, so a faster extractor is still timed above the noise of a busy machine), best of
    three runs each (so another process's load inflates no ratio); the ratio per doubling is
    taken over both (the square root of t(4n)/t(n)). Linear growth gives 2, quadratic 4."""
    start = 8000 if "digit" in kind else 1000  # one run of digits is cheap per character
    while best_time(KINDS[kind][0](start), repeat=1) < 0.05 and start < 512_000:
        start *= 2
    rows = ratios(kind, start=start, steps=3, repeat=3)
    per_doubling = (rows[-1][1] / rows[0][1]) ** 0.5
    assert per_doubling < 3, f"{kind}: {rows}"
