"""Compare a score report with an earlier one: metric changes and a per-mention diff."""

from __future__ import annotations

from pathlib import Path

from checks.facts import InputError
from checks.readers.jsonfile import read_json

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


def read_baseline(path: Path) -> dict:
    report = read_json(path)
    if not isinstance(report, dict) or "mentions" not in report or "detail" not in report:
        raise InputError(str(path), "not a `tally score --format json` report")
    return report


def _get(report: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(report, dict) or key not in report:
            return None
        report = report[key]
    return report


def compare(current: dict, baseline: dict, max_drop: float = 0.0) -> dict:
    metrics = []
    for name, path, higher in HEADLINE:
        now, then = _get(current, path), _get(baseline, path)
        change = None if now is None or then is None else now - then
        worse = change is not None and (-change if higher else change) > max_drop
        # The violation count is reported, but only the quality metrics gate CI.
        metrics.append({"metric": name, "baseline": then, "current": now, "change": change,
                        "regressed": bool(worse and higher)})  # fmt: skip
    return {
        "max_drop": max_drop,
        "metrics": metrics,
        "regressed": any(m["regressed"] for m in metrics),
        "mentions": mention_diff(current["detail"], baseline["detail"]),
    }


def mention_diff(now: dict, then: dict) -> dict:
    """Gold mentions fixed, broken or still wrong under strict; spurious ones new or gone."""

    def outcomes(d: dict) -> dict:
        return {(r["doc_id"], r["gold"]): r for r in d["gold"]}

    def spurious(d: dict) -> dict:
        return {(r["doc_id"], r["start"], r["end"], r["label"]): r for r in d["spurious"]}

    a, b = outcomes(then), outcomes(now)
    fixed, broken, still = [], [], []
    for key in sorted(set(a) | set(b)):
        was = key in a and a[key]["outcome"] == "correct"
        row = b.get(key) or a[key]
        is_ = key in b and b[key]["outcome"] == "correct"
        entry = {"doc_id": key[0], "gold": key[1], "text": row.get("text"),
                 "label": row.get("label"), "before": a.get(key, {}).get("outcome"),
                 "after": b.get(key, {}).get("outcome")}  # fmt: skip
        if is_ and not was:
            fixed.append(entry)
        elif was and not is_:
            broken.append(entry)
        elif not is_:
            still.append(entry)
    sa, sb = spurious(then), spurious(now)
    new = [sb[k] for k in sorted(set(sb) - set(sa))]
    gone = [sa[k] for k in sorted(set(sa) - set(sb))]
    return {"fixed": fixed, "broken": broken, "still_wrong": still, "new_spurious": new,
            "gone_spurious": gone}  # fmt: skip
