"""Compare a score report with an earlier one: metric changes and a per-mention diff."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from checks.facts import InputError
from checks.readers.jsonfile import read_json
from checks.scoring.significance import SAMPLES, SEED, significance

# (name, path into the report, higher is better)
HEADLINE = [
    ("strict F1", ("mentions", "strict", "f1"), True),
    ("exact F1", ("mentions", "exact", "f1"), True),
    ("partial F1", ("mentions", "partial", "f1"), True),
    ("type F1", ("mentions", "type", "f1"), True),
    ("value accuracy", ("values", "value_accuracy"), True),
    ("qualifier accuracy", ("values", "qualifier_accuracy"), True),
    ("relation F1", ("relations", "f1"), True),
    ("violations", ("violations",), False),
]


# detail tables the per-mention diff reads, and the columns each must hold
_DETAIL = {
    "gold": ("doc_id", "gold", "text", "label", "outcome"),
    "spurious": ("doc_id", "start", "end", "label", "pred", "text"),
}


def read_baseline(path: Path) -> dict:
    """An earlier JSON report, checked for every field the comparison reads: a report from
    another tool or a damaged one is unusable input, never a crash or a silent pass."""
    report = read_json(path)
    problem = baseline_problem(report)
    if problem is not None:
        raise InputError(str(path), f"not a tally score report: {problem}")
    return report


def baseline_problem(report: object) -> str | None:
    if not isinstance(report, dict):
        return "the file holds no JSON object (run `tally score --format json`)"
    for name, path, _ in HEADLINE:
        node: object = report
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return f"{'.'.join(path)} is missing ({name})"
            node = node[key]
        if node is not None and (isinstance(node, bool) or not isinstance(node, (int, float))):
            return f"{'.'.join(path)} must be a number or null, got {node!r:.40}"
        if isinstance(node, float) and node != node:
            return f"{'.'.join(path)} is NaN"
    detail = report.get("detail")
    if not isinstance(detail, dict):
        return "detail is missing (the per-mention tables a comparison needs)"
    for table, columns in _DETAIL.items():
        cols = detail.get(table)
        if not isinstance(cols, dict):
            return f"detail.{table} is missing or not a table of columns"
        lengths = set()
        for col in columns:
            values = cols.get(col)
            if not isinstance(values, list):
                return f"detail.{table}.{col} is missing or not a list"
            lengths.add(len(values))
        if len(lengths) > 1:
            return f"detail.{table} has columns of different lengths"
    return None


def _get(report: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(report, dict) or key not in report:
            return None
        report = report[key]
    return report


GATES = ("raw", "significant")


def compare(
    current: dict,
    baseline: dict,
    max_drop: float = 0.0,
    *,
    gate: str = "raw",
    samples: int = SAMPLES,
    seed: int = SEED,
) -> dict:
    """Metric changes, the per-mention diff and the paired significance tests.

    gate "raw": a quality metric regressed when it dropped by more than `max_drop`.
    gate "significant": only when it also dropped significantly (both tests p < 0.05);
    without a usable test (too few documents, an old baseline) the raw gate applies and
    the report says so."""
    sig = significance(current, baseline, samples, seed)
    tested = {m["metric"]: m for m in sig.get("metrics", [])}
    effective = gate if gate == "raw" or sig["available"] else "raw"
    metrics = []
    for name, path, higher in HEADLINE:
        now, then = _get(current, path), _get(baseline, path)
        change = None if now is None or then is None else now - then
        worse = change is not None and (-change if higher else change) > max_drop
        if effective == "significant":
            worse = worse and tested.get(name, {}).get("significant", False)
        # The violation count is reported, but only the quality metrics gate CI.
        metrics.append({"metric": name, "baseline": then, "current": now, "change": change,
                        "regressed": bool(worse and higher)})  # fmt: skip
    return {
        "max_drop": max_drop,
        "gate": gate,
        "gate_applied": effective,
        "metrics": metrics,
        "regressed": any(m["regressed"] for m in metrics),
        "significance": sig,
        "mentions": mention_diff(current["detail"], baseline["detail"]),
    }


def mention_diff(now: dict, then: dict) -> dict:
    """Gold mentions fixed, broken or still wrong under strict; spurious spans new or gone.

    Both sides are detail tables kept as columns; the diff is two merges."""
    key = ["doc_id", "gold"]
    cols = ["doc_id", "gold", "text", "label", "outcome"]
    a = pd.DataFrame({k: then["gold"][k] for k in cols}, dtype=object)
    b = pd.DataFrame({k: now["gold"][k] for k in cols}, dtype=object)
    both = a.merge(b, on=key, how="outer", suffixes=("_before", "_after"))
    was = (both["outcome_before"] == "correct").to_numpy()
    is_ = (both["outcome_after"] == "correct").to_numpy()
    out = pd.DataFrame({
        "doc_id": both["doc_id"], "gold": both["gold"],
        "text": both["text_after"].fillna(both["text_before"]),
        "label": both["label_after"].fillna(both["label_before"]),
        "before": both["outcome_before"], "after": both["outcome_after"],
    }).astype(object)  # fmt: skip
    out = out.where(out.notna(), None)

    def records(mask) -> list[dict]:
        return out[mask].sort_values(key).to_dict("records")

    span = ["doc_id", "start", "end", "label"]
    sa = pd.DataFrame(then["spurious"], columns=[*span, "pred", "text"]).astype(object)
    sb = pd.DataFrame(now["spurious"], columns=[*span, "pred", "text"]).astype(object)
    spur = sa.merge(sb, on=span, how="outer", indicator=True, suffixes=("_before", "_after"))
    return {
        "fixed": records(is_ & ~was),
        "broken": records(was & ~is_),
        "still_wrong": records(~was & ~is_),
        "new_spurious": spur[spur["_merge"] == "right_only"][span].to_dict("records"),
        "gone_spurious": spur[spur["_merge"] == "left_only"][span].to_dict("records"),
    }
