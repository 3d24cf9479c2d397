"""Is a change against the baseline real? Paired tests over documents.

Both tests work on per-document counts (`per_document` in a score report): every headline
metric is a function of counts summed over documents, so a resampled or permuted corpus is
a weighted sum of the same rows and the whole test is a few matrix products, never a
Python loop per sample.

- Paired bootstrap (Koehn 2004): draw documents with replacement, the same draw for both
  runs; the 2.5th and 97.5th percentiles of the resampled differences are the 95 %
  interval; the p-value counts resampled differences, centred on their mean (the null
  hypothesis of no difference), at least as far from zero as the observed one.
- Approximate randomization (Riezler & Maxwell 2005; sacreBLEU's `--paired-ar`): swap each
  document's counts between the two runs with probability ½; the p-value counts swapped
  corpora whose difference is at least as large as the observed one.

Both p-values are two-sided and add one to numerator and denominator (the observed
assignment is one of the possible ones), so they are never 0. Unlike sacreBLEU's strict `>`,
ties count as extreme (`>=`): an identical run (difference 0) gets p = 1, not 1/(n+1).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

SAMPLES = 1000
SEED = 12345
ALPHA = 0.05
# Approximate randomization over D documents has at most 2**D distinct assignments, so its
# smallest p-value is 2**-D: below 5 documents (1/16 > 0.05) no change can be significant.
MIN_DOCUMENTS = 5
BLOCK = 2_000_000  # cells of one weight matrix block (samples x documents)

SCHEMES = ("strict", "exact", "partial", "type")
OUTCOMES = ("correct", "incorrect", "partial", "missed", "spurious")
COLUMNS = (
    *(f"{s}_{o}" for s in SCHEMES for o in OUTCOMES),
    "values_matched",
    "value_correct",
    "qualifier_correct",
    "relations_tp",
    "relations_fp",
    "relations_fn",
)


def _f1(c: dict[str, np.ndarray], scheme: str) -> np.ndarray:
    """F1 = 2·hit / (actual + possible), the same number `matching.ratios` gives."""
    k = {o: c[f"{scheme}_{o}"] for o in OUTCOMES}
    hit = k["correct"] + (0.5 * k["partial"] if scheme in ("partial", "type") else 0.0)
    both = 2 * (k["correct"] + k["incorrect"] + k["partial"]) + k["missed"] + k["spurious"]
    return np.divide(2 * hit, both, out=np.zeros_like(both, dtype=float), where=both > 0)


def _accuracy(hits: np.ndarray, n: np.ndarray) -> np.ndarray:
    """NaN where nothing matched (the report's `null`)."""
    return np.divide(hits, n, out=np.full_like(n, np.nan, dtype=float), where=n > 0)


def _relation_f1(c: dict[str, np.ndarray]) -> np.ndarray:
    """NaN where neither side has a relation (the report's `null`, `score.prf`)."""
    tp, fp, fn = c["relations_tp"], c["relations_fp"], c["relations_fn"]
    return _accuracy(2 * tp, 2 * tp + fp + fn)


# Metric name (as in baseline.HEADLINE) -> function of summed counts, vectorized.
METRICS: dict[str, Callable[[dict[str, np.ndarray]], np.ndarray]] = {
    "strict F1": lambda c: _f1(c, "strict"),
    "exact F1": lambda c: _f1(c, "exact"),
    "partial F1": lambda c: _f1(c, "partial"),
    "type F1": lambda c: _f1(c, "type"),
    "value accuracy": lambda c: _accuracy(c["value_correct"], c["values_matched"]),
    "qualifier accuracy": lambda c: _accuracy(c["qualifier_correct"], c["values_matched"]),
    "relation F1": _relation_f1,
}


def evaluate(sums: np.ndarray) -> dict[str, np.ndarray]:
    """Every metric from summed counts: `sums` is (..., len(COLUMNS))."""
    c = {name: sums[..., i] for i, name in enumerate(COLUMNS)}
    return {name: f(c) for name, f in METRICS.items()}


def count_matrix(per_document: dict, doc_ids: list[str]) -> np.ndarray:
    """(documents, COLUMNS) counts in the order of `doc_ids`."""
    n = len(per_document["doc_id"])
    row = {d: i for i, d in enumerate(per_document["doc_id"])}
    order = np.array([row[d] for d in doc_ids], dtype=np.int64)
    cols = []
    for c in COLUMNS:
        col = np.asarray(per_document[c], dtype=float)
        if col.shape != (n,):
            raise ValueError(f"per_document.{c} has {col.shape} values for {n} documents")
        cols.append(col[order])
    return np.column_stack(cols)


def _blocks(n: int, docs: int):
    rows = max(1, BLOCK // max(docs, 1))
    for start in range(0, n, rows):
        yield min(rows, n - start)


def bootstrap_deltas(a: np.ndarray, b: np.ndarray, n: int, rng: np.random.Generator):
    """Per metric, `n` resampled differences a − b (same documents drawn for both runs).

    A draw of D documents is a weight row (how often each document was drawn); weights @
    counts gives every sample's summed counts at once."""
    d = len(a)
    both = np.concatenate([a, b], axis=1)
    out = []
    for rows in _blocks(n, d):
        idx = rng.integers(0, d, size=(rows, d))
        idx += np.arange(0, rows * d, d)[:, None]  # row r's draws count in cells r·d + j
        weights = np.bincount(idx.ravel(), minlength=rows * d).reshape(rows, d)
        out.append(weights @ both)
    sums = np.concatenate(out) if out else np.zeros((0, both.shape[1]))
    k = a.shape[1]
    now, then = evaluate(sums[:, :k]), evaluate(sums[:, k:])
    return {m: now[m] - then[m] for m in METRICS}


def randomization_deltas(a: np.ndarray, b: np.ndarray, n: int, rng: np.random.Generator):
    """Per metric, `n` differences after swapping each document's counts with p = ½."""
    d = len(a)
    ta, tb, diff = a.sum(axis=0), b.sum(axis=0), b - a
    out = []
    for rows in _blocks(n, d):
        swap = (rng.random((rows, d)) < 0.5).astype(float)
        out.append(swap @ diff)
    moved = np.concatenate(out) if out else np.zeros((0, a.shape[1]))
    now, then = evaluate(ta + moved), evaluate(tb - moved)
    return {m: now[m] - then[m] for m in METRICS}


def _p_value(extreme: np.ndarray) -> float:
    return float((np.count_nonzero(extreme) + 1) / (len(extreme) + 1))


def _num(x) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def generators(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Independent streams for the two tests, both fixed by one seed."""
    boot, ar = np.random.SeedSequence(seed).spawn(2)
    return np.random.default_rng(boot), np.random.default_rng(ar)


def paired_tests(a: np.ndarray, b: np.ndarray, samples: int = SAMPLES, seed: int = SEED) -> dict:
    """Both tests for every metric; `a` is the current run, `b` the baseline (same rows)."""
    rng_boot, rng_ar = generators(seed)
    observed_now, observed_then = evaluate(a.sum(axis=0)), evaluate(b.sum(axis=0))
    # One BLAS thread: these wide, thin products finish in milliseconds on one core, while
    # OpenBLAS threads contending on a busy 2-core machine took 30 to 150 times longer.
    with threadpool_limits(1, user_api="blas"):
        boot = bootstrap_deltas(a, b, samples, rng_boot)
        ar = randomization_deltas(a, b, samples, rng_ar)
    out = {}
    for m in METRICS:
        delta = float(observed_now[m] - observed_then[m])
        if not np.isfinite(delta):
            out[m] = {"change": None, "ci_low": None, "ci_high": None,
                      "p_bootstrap": None, "p_randomization": None}  # fmt: skip
            continue
        bs = boot[m][np.isfinite(boot[m])]
        rs = ar[m][np.isfinite(ar[m])]
        lo, hi = np.percentile(bs, [2.5, 97.5]) if len(bs) else (None, None)
        # tolerance: a difference equal to the observed one up to rounding counts as extreme
        eps = 1e-12
        out[m] = {
            "change": delta,
            "ci_low": _num(lo),
            "ci_high": _num(hi),
            "p_bootstrap": _p_value(np.abs(bs - bs.mean()) >= abs(delta) - eps) if len(bs)
            else None,
            "p_randomization": _p_value(np.abs(rs) >= abs(delta) - eps) if len(rs) else None,
        }  # fmt: skip
    return out


def significance(current: dict, baseline: dict, samples: int = SAMPLES, seed: int = SEED) -> dict:
    """The significance block of a baseline comparison, or why there is none."""
    head = {"samples": samples, "seed": seed, "alpha": ALPHA, "min_documents": MIN_DOCUMENTS}
    then = baseline.get("per_document")
    now = current.get("per_document")
    if not isinstance(then, dict) or any(c not in then for c in ("doc_id", *COLUMNS)):
        return {**head, "available": False, "documents": 0,
                "reason": "the baseline report has no per-document counts (written by an older "
                          "tally); score the baseline run again to test significance"}  # fmt: skip
    if not isinstance(then["doc_id"], list) or not all(isinstance(d, str) for d in then["doc_id"]):
        return {**head, "available": False, "documents": 0,
                "reason": "the baseline's per-document counts are malformed (doc_id is not a "
                          "list of names)"}  # fmt: skip
    known = set(then["doc_id"])
    docs = [d for d in now["doc_id"] if d in known]
    unpaired = len(set(now["doc_id"]) ^ set(then["doc_id"]))
    head |= {"documents": len(docs), "unpaired_documents": unpaired}
    if len(docs) < MIN_DOCUMENTS:
        return {**head, "available": False,
                "reason": f"the test needs more documents: {len(docs)} paired, at least "
                          f"{MIN_DOCUMENTS} needed"}  # fmt: skip
    if samples < 1:
        return {**head, "available": False, "reason": "no bootstrap samples asked for"}
    try:
        b = count_matrix(then, docs)
    except (TypeError, ValueError, IndexError):
        return {**head, "available": False,
                "reason": "the baseline's per-document counts are malformed (not lists of "
                          "numbers as long as its doc_id list)"}  # fmt: skip
    if not np.isfinite(b).all() or (b < 0).any():
        return {**head, "available": False,
                "reason": "the baseline's per-document counts hold negative or non-finite "
                          "numbers"}  # fmt: skip
    tests = paired_tests(count_matrix(now, docs), b, samples, seed)
    metrics = []
    for name, t in tests.items():
        p = [x for x in (t["p_bootstrap"], t["p_randomization"]) if x is not None]
        significant = len(p) == 2 and max(p) < ALPHA
        metrics.append({"metric": name, **t, "significant": significant})
    return {**head, "available": True, "reason": None, "metrics": metrics}


def gate_note(comparison: dict) -> str:
    gate, applied = comparison.get("gate", "raw"), comparison.get("gate_applied", "raw")
    if gate == applied == "significant":
        return "gate: significant (a drop beyond max drop fails only when significant)"
    if gate == "significant":
        return "gate: significant asked, raw drop applied (no usable significance test)"
    return "gate: raw drop"


def text_lines(comparison: dict) -> list[str]:
    """Plain-text lines for the text report and the JUnit output."""
    sig = comparison.get("significance")
    if sig is None:
        return []
    lines = [f"  {gate_note(comparison)}"]
    if not sig["available"]:
        return [*lines, f"  significance: not tested: {sig['reason']}"]
    lines.append(
        f"  significance over {sig['documents']} documents (paired bootstrap, "
        f"{sig['samples']} samples, seed {sig['seed']}; approximate randomization):"
    )
    for m in sig["metrics"]:
        lines.append(f"    {m['metric']:<20}{describe(m)}")
    if sig.get("unpaired_documents"):
        lines.append(f"    ({sig['unpaired_documents']} documents in only one run left out)")
    return lines


def md_lines(comparison: dict) -> list[str]:
    """A markdown table for the pull-request comment."""
    sig = comparison.get("significance")
    if sig is None:
        return []
    lines = ["", "#### Is the change significant?", "", gate_note(comparison) + "."]
    if not sig["available"]:
        return [*lines, "", f"Not tested: {sig['reason']}."]
    lines += [
        "",
        f"Paired over {sig['documents']} documents: bootstrap ({sig['samples']} samples, "
        f"seed {sig['seed']}) and approximate randomization; significant when both p < "
        f"{sig['alpha']:g}.",
        "",
        "| metric | change | 95% CI | p (bootstrap) | p (randomization) | significant |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for m in sig["metrics"]:
        if m["change"] is None:
            lines.append(f"| {m['metric']} | — | — | — | — | undefined |")
            continue
        lines.append(
            f"| {m['metric']} | {100 * m['change']:+.1f} pt | {_ci(m)} | "
            f"{_p(m['p_bootstrap'])} | {_p(m['p_randomization'])} | "
            f"{'yes' if m['significant'] else 'no'} |"
        )
    return lines


def _ci(m: dict) -> str:
    if m["ci_low"] is None:
        return "—"
    return f"[{100 * m['ci_low']:+.1f}, {100 * m['ci_high']:+.1f}] pt"


def describe(m: dict) -> str:
    """One metric's result in words and numbers."""
    if m["change"] is None:
        return "undefined (nothing matched in one run)"
    ci = f"95% CI {_ci(m)}"
    verdict = "significant" if m["significant"] else "not significant"
    return (
        f"{100 * m['change']:+.1f} pt  {ci}  p(bootstrap) {_p(m['p_bootstrap'])}  "
        f"p(randomization) {_p(m['p_randomization'])}  {verdict}"
    )


def _p(p: float | None) -> str:
    return "—" if p is None else f"{p:.3f}"
