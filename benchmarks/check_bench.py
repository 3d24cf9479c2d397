"""Benchmark `tally check` against DuckDB SQL, Great Expectations and pandera.

    python benchmarks/check_bench.py                 # 10k, 100k, 1M mentions + end to end
    python benchmarks/check_bench.py --sizes 10000   # a quick run

Each engine runs in its own process on the same facts tables (pickled once), so peak
memory is its own; every row is the median of `--repeat` such runs. All engines must
report the same number of violations for the seven relational rules, or the run fails.
Great Expectations and pandera validate frames prepared by the same pandas joins (they
have no group-by of their own); that preparation is part of their time. The end-to-end
rows compare `tally check` on a 100k-document JSONL with only parsing its lines with orjson.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus, write_jsonl
from checks.facts import Facts

RELATIONAL = [
    "value.missing",
    "interval.empty",
    "relation.endpoints",
    "part_whole.sum",
    "count.members",
    "same_as.values",
    "source.conflict",
]


# ---------------------------------------------------------------- shared pandas preparation
def prepared(facts: Facts) -> dict[str, pd.DataFrame]:
    """One frame per rule, each row a thing the rule judges, for GE and pandera."""
    from checks.intervals import DEFAULT_TOLERANCE, interval

    m = facts.mentions
    lo, hi = interval(m["qualifier"], m["value"], m["low"], m["high"], DEFAULT_TOLERANCE)
    m = m.assign(lo=lo, hi=hi)
    q = m[m["label"] == "QUANTITY"]
    bounded = q["qualifier"].isin(["range", "vague"])
    missing = pd.DataFrame(
        {"ok": np.where(bounded, q["low"].notna() & q["high"].notna(), q["value"].notna())}
    )
    empty = q.loc[q["lo"].notna() & q["hi"].notna(), ["lo", "hi"]]
    labels = (
        m[["doc_id", "id", "label", "lo", "hi", "surface_key"]]
        if "surface_key" in m
        else (m[["doc_id", "id", "label", "lo", "hi"]])
    )
    r = facts.relations
    r = r.merge(
        labels.add_prefix("f_"),
        left_on=["doc_id", "from"],
        right_on=["f_doc_id", "f_id"],
        how="left",
    )
    r = r.merge(
        labels.add_prefix("t_"), left_on=["doc_id", "to"], right_on=["t_doc_id", "t_id"], how="left"
    )
    from checks.schema import allowed_endpoint_pairs

    allowed = {f"{t}|{a}|{b}" for t, a, b in allowed_endpoint_pairs()}
    r["key"] = r["type"] + "|" + r["f_label"].fillna("?") + "|" + r["t_label"].fillna("?")
    endpoints = r[["key"]]
    valid = r[r["key"].isin(allowed)]

    def usable(side: str) -> pd.Series:
        return valid[f"{side}_lo"].le(valid[f"{side}_hi"]) | (valid[f"{side}_label"] != "QUANTITY")

    valid = valid[usable("f") & usable("t")]
    part = valid[(valid["type"] == "part_of") & (valid["from"] != valid["to"])]
    part = part.drop_duplicates(["doc_id", "from", "to"])
    sums = part.groupby(["doc_id", "to"]).agg(total=("f_lo", "sum"), hi=("t_hi", "first"))
    member = valid[valid["type"] == "member_of"].drop_duplicates(["doc_id", "from", "to"])
    members = member.groupby(["doc_id", "to"]).agg(n=("from", "size"), hi=("t_hi", "first"))
    same = valid[valid["type"] == "same_as"]
    sq = same[(same["f_label"] == "QUANTITY") & (same["t_label"] == "QUANTITY")]
    same_q = pd.DataFrame(
        {"max_lo": np.maximum(sq["f_lo"], sq["t_lo"]), "min_hi": np.minimum(sq["f_hi"], sq["t_hi"])}
    )
    ev = same[(same["f_label"] == "EVENT") & (same["t_label"] == "EVENT")]
    rep = valid[(valid["type"] == "reported_by") & (valid["f_label"] == "EVENT")]
    src = rep.merge(
        m[["doc_id", "id", "text"]], left_on=["doc_id", "to"], right_on=["doc_id", "id"]
    )[["doc_id", "from", "text"]]
    status = m[["doc_id", "id", "status"]]
    ev = ev.merge(
        status.add_prefix("a_"), left_on=["doc_id", "from"], right_on=["a_doc_id", "a_id"]
    )
    ev = ev.merge(status.add_prefix("b_"), left_on=["doc_id", "to"], right_on=["b_doc_id", "b_id"])
    sa = src.rename(columns={"from": "a", "text": "sa"})
    sb = src.rename(columns={"from": "b", "text": "sb"})
    ev = ev[["doc_id", "from", "to", "a_status", "b_status"]].rename(
        columns={"from": "a", "to": "b"}
    )
    both = ev.merge(sa, on=["doc_id", "a"]).merge(sb, on=["doc_id", "b"])
    shared = both[both["sa"] == both["sb"]][["doc_id", "a", "b"]].drop_duplicates()
    pairs = ev.merge(sa[["doc_id", "a"]].drop_duplicates(), on=["doc_id", "a"]).merge(
        sb[["doc_id", "b"]].drop_duplicates(), on=["doc_id", "b"]
    )
    pairs = pairs.merge(shared.assign(shared=True), on=["doc_id", "a", "b"], how="left")
    conflict = pd.DataFrame(
        {
            "conflict": pairs["a_status"].notna()
            & pairs["b_status"].notna()
            & (pairs["a_status"] != pairs["b_status"])
            & pairs["shared"].isna()
        }
    )
    return {
        "value.missing": missing,
        "interval.empty": empty,
        "relation.endpoints": endpoints.assign(ok=endpoints["key"].isin(allowed)),
        "part_whole.sum": sums.reset_index(),
        "count.members": members.reset_index(),
        "same_as.values": same_q,
        "source.conflict": conflict,
    }


# ---------------------------------------------------------------- the engines
def run_tally(facts: Facts) -> dict[str, int]:
    from checks.engine import run_checks

    v = run_checks(facts).violations
    return {r: int((v["rule"] == r).sum()) for r in RULES_ALL()}


def run_tally_relational(facts: Facts) -> dict[str, int]:
    from checks.engine import run_checks

    v = run_checks(facts, only=RELATIONAL).violations
    return {r: int((v["rule"] == r).sum()) for r in RELATIONAL}


def RULES_ALL() -> list[str]:
    from checks.rules.registry import RULES

    return list(RULES)


def run_duckdb(facts: Facts) -> dict[str, int]:
    import duckdb

    con = duckdb.connect()
    con.register("m_raw", facts.mentions.drop(columns=["invalid", "origin"]))
    con.register("r", facts.relations.drop(columns=["origin"]))
    con.execute("""
        CREATE TEMP TABLE m AS SELECT *,
          CASE coalesce(qualifier, 'exact')
            WHEN 'exact' THEN ceil(value) WHEN 'more_than' THEN floor(value) + 1
            WHEN 'at_least' THEN ceil(value) WHEN 'less_than' THEN 0 WHEN 'at_most' THEN 0
            WHEN 'about' THEN floor(CAST(value AS HUGEINT) * 9 / 10)
            WHEN 'range' THEN ceil(low) WHEN 'vague' THEN ceil(low) END AS lo,
          CASE coalesce(qualifier, 'exact')
            WHEN 'exact' THEN floor(value) WHEN 'more_than' THEN 'inf'::DOUBLE
            WHEN 'at_least' THEN 'inf'::DOUBLE WHEN 'less_than' THEN ceil(value) - 1
            WHEN 'at_most' THEN floor(value)
            WHEN 'about' THEN ceil(CAST(value AS HUGEINT) * 11 / 10)
            WHEN 'range' THEN floor(high) WHEN 'vague' THEN floor(high) END AS hi
        FROM m_raw WHERE label = 'QUANTITY'
        UNION ALL SELECT *, NULL, NULL FROM m_raw WHERE label <> 'QUANTITY'
    """)
    from checks.schema import allowed_endpoint_pairs

    con.execute("CREATE TEMP TABLE legal(type VARCHAR, fl VARCHAR, tl VARCHAR)")
    con.executemany("INSERT INTO legal VALUES (?, ?, ?)", sorted(allowed_endpoint_pairs()))
    con.execute("""
        CREATE TEMP TABLE rel AS
        SELECT r.*, f.label AS fl, t.label AS tl, f.lo AS flo, f.hi AS fhi, t.lo AS tlo,
               t.hi AS thi, f.text AS ftext, t.text AS ttext, f.status AS fst, t.status AS tst,
               (l.type IS NOT NULL) AS legal
        FROM r LEFT JOIN m f ON f.doc_id = r.doc_id AND f.id = r."from"
               LEFT JOIN m t ON t.doc_id = r.doc_id AND t.id = r."to"
               LEFT JOIN legal l ON l.type = r.type AND l.fl = f.label AND l.tl = t.label
    """)
    con.execute("""
        CREATE TEMP TABLE valid AS SELECT DISTINCT ON (doc_id, "from", "to", type) * FROM rel
        WHERE legal AND (fl <> 'QUANTITY' OR flo <= fhi) AND (tl <> 'QUANTITY' OR tlo <= thi)
    """)
    queries = {
        "value.missing": """SELECT count(*) FROM m WHERE label = 'QUANTITY' AND CASE WHEN
            qualifier IN ('range', 'vague') THEN low IS NULL OR high IS NULL
            ELSE value IS NULL END""",
        "interval.empty": "SELECT count(*) FROM m WHERE lo > hi",
        "relation.endpoints": """SELECT count(*) FROM rel WHERE type IN ('part_of',
            'member_of', 'reported_by', 'same_as', 'date_of') AND NOT legal""",
        "part_whole.sum": """SELECT count(*) FROM (SELECT doc_id, "to", sum(flo) AS total,
            any_value(thi) AS hi FROM valid WHERE type = 'part_of' AND "from" <> "to"
            GROUP BY doc_id, "to") WHERE total > hi""",
        "count.members": """SELECT count(*) FROM (SELECT doc_id, "to", count(*) AS n,
            any_value(thi) AS hi FROM valid WHERE type = 'member_of' GROUP BY doc_id, "to")
            WHERE n > hi""",
        "same_as.values": """SELECT count(*) FROM valid WHERE type = 'same_as' AND
            fl = 'QUANTITY' AND tl = 'QUANTITY' AND greatest(flo, tlo) > least(fhi, thi)""",
        "source.conflict": """WITH src AS (SELECT doc_id, "from" AS e, ttext AS s FROM valid
              WHERE type = 'reported_by' AND fl = 'EVENT')
            SELECT count(*) FROM valid v WHERE type = 'same_as' AND fl = 'EVENT'
              AND tl = 'EVENT' AND fst IS NOT NULL AND tst IS NOT NULL AND fst <> tst
              AND EXISTS (SELECT 1 FROM src WHERE src.doc_id = v.doc_id AND src.e = v."from")
              AND EXISTS (SELECT 1 FROM src WHERE src.doc_id = v.doc_id AND src.e = v."to")
              AND NOT EXISTS (SELECT 1 FROM src a JOIN src b ON a.doc_id = b.doc_id
                  AND a.s = b.s WHERE a.doc_id = v.doc_id AND a.e = v."from"
                  AND b.e = v."to")""",
    }
    return {rule: int(con.execute(sql).fetchone()[0]) for rule, sql in queries.items()}


def run_gx(facts: Facts) -> dict[str, int]:
    import great_expectations as gx
    from great_expectations import expectations as gxe

    frames = prepared(facts)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    source = context.data_sources.add_pandas("bench")
    expectations = {
        "value.missing": gxe.ExpectColumnValuesToBeInSet(column="ok", value_set=[True]),
        "interval.empty": gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="hi", column_B="lo", or_equal=True
        ),
        "relation.endpoints": gxe.ExpectColumnValuesToBeInSet(column="ok", value_set=[True]),
        "part_whole.sum": gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="hi", column_B="total", or_equal=True
        ),
        "count.members": gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="hi", column_B="n", or_equal=True
        ),
        "same_as.values": gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="min_hi", column_B="max_lo", or_equal=True
        ),
        "source.conflict": gxe.ExpectColumnValuesToBeInSet(column="conflict", value_set=[False]),
    }
    counts = {}
    for rule, exp in expectations.items():
        batch = source.add_dataframe_asset(rule).add_batch_definition_whole_dataframe(rule)
        result = batch.get_batch(batch_parameters={"dataframe": frames[rule]}).validate(
            exp, result_format={"result_format": "BASIC"}
        )
        if (result.exception_info or {}).get("raised_exception"):
            raise RuntimeError(result.exception_info)
        counts[rule] = int(result.result.get("unexpected_count", 0))
    return counts


def run_pandera(facts: Facts) -> dict[str, int]:
    import pandera.pandas as pa

    frames = prepared(facts)
    checks = {
        "value.missing": pa.Check(lambda d: d["ok"]),
        "interval.empty": pa.Check(lambda d: d["hi"] >= d["lo"]),
        "relation.endpoints": pa.Check(lambda d: d["ok"]),
        "part_whole.sum": pa.Check(lambda d: d["hi"] >= d["total"]),
        "count.members": pa.Check(lambda d: d["hi"] >= d["n"]),
        "same_as.values": pa.Check(lambda d: d["min_hi"] >= d["max_lo"]),
        "source.conflict": pa.Check(lambda d: ~d["conflict"]),
    }
    counts = {}
    for rule, check in checks.items():
        try:
            pa.DataFrameSchema(checks=[check]).validate(frames[rule], lazy=True)
            counts[rule] = 0
        except pa.errors.SchemaErrors as exc:
            counts[rule] = int(exc.failure_cases["index"].nunique())
    return counts


ENGINES = {
    "tally (all 13 rules)": run_tally,
    "tally (7 relational)": run_tally_relational,
    "duckdb SQL": run_duckdb,
    "great_expectations": run_gx,
    "pandera": run_pandera,
}
IMPORTS = {
    "great_expectations": "great_expectations",
    "pandera": "pandera.pandas",
    "duckdb SQL": "duckdb",
}


class RssSampler:
    """Peak resident memory above the level at entry, sampled every 20 ms from /proc
    (often enough for peaks of this size, seldom enough not to slow the engine)."""

    def __enter__(self) -> RssSampler:
        self.base = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._rss())

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize()


def child(engine: str, facts_path: str) -> None:
    """Run one engine in this process and print its time, memory and counts as JSON."""
    from checks.runtime import tune_memory

    tune_memory()  # what the `tally` command does; applied to every engine alike
    facts = pickle.loads(Path(facts_path).read_bytes())
    t0 = time.perf_counter()
    if engine in IMPORTS:
        __import__(IMPORTS[engine])
    imported = time.perf_counter() - t0
    with RssSampler() as rss:
        t0 = time.perf_counter()
        counts = ENGINES[engine](facts)
        seconds = time.perf_counter() - t0
    peak = rss.peak - rss.base
    print(
        json.dumps(
            {"seconds": seconds, "import": imported, "peak_mb": peak / 2**20, "counts": counts}
        )
    )


def measure(engine: str, facts_path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(facts_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_median(engine: str, facts_path: Path, repeat: int) -> dict:
    """The run with the median time of `repeat` fresh processes (one cold run each)."""
    runs = sorted((measure(engine, facts_path) for _ in range(repeat)), key=lambda r: r["seconds"])
    return runs[len(runs) // 2]


FLOOR = """import gc, sys, orjson
gc.disable()
with open(sys.argv[1], "rb") as f:
    docs = [orjson.loads(line) for line in f]
"""


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the process and its children: on a
    loaded shared machine the fairer measure) and the exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    code = subprocess.run(cmd, stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, code


def end_to_end(tmp: Path, n_docs: int, plant_rate: float, repeat: int) -> dict:
    """`tally check --format json` from JSONL against parsing and keeping the lines with
    orjson (GC off): the floor any Python reader of this file pays. Each is run `repeat`
    times, interleaved, and the median kept (a shared machine moves single runs by ±20 %)."""
    from statistics import median

    from benchmarks.corpus import iter_corpus
    from checks.stream import default_jobs

    docs = list(islice(iter_corpus(1 << 62, seed=11, plant_rate=plant_rate), n_docs))
    path = write_jsonl(docs, tmp / f"e2e-{n_docs}-{plant_rate}.jsonl")
    n_mentions = sum(len(d["mentions"]) for d in docs)
    del docs
    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "jobs1": [], "jobs2": []}
    row = {"mentions": n_mentions, "default": f"jobs{default_jobs([path])}"}
    for _ in range(repeat):
        wall, cpu, _code = timed([sys.executable, "-c", FLOOR, str(path)])
        runs["floor"].append((wall, cpu))
        for jobs in (1, 2):
            report = tmp / f"report-{jobs}.json"
            cmd = [sys.executable, "-m", "checks", "check", str(path), "--format", "json",
                   "--out", str(report), "--jobs", str(jobs), "--quiet"]  # fmt: skip
            wall, cpu, code = timed(cmd)
            if code not in (0, 1):
                raise SystemExit(f"tally check failed with exit {code}")
            runs[f"jobs{jobs}"].append((wall, cpu))
            row["violations"] = len(json.loads(report.read_bytes())["violations"])
    for name, times in runs.items():
        row[name] = median(w for w, _ in times)
        row[name + "_cpu"] = median(c for _, c in times)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--e2e-docs", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine and mode (median)")
    ap.add_argument("--child", nargs=2, metavar=("ENGINE", "FACTS"))
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    from checks.readers.load import load

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for size in args.sizes:
            docs = corpus(size)
            jsonl = write_jsonl(docs, tmp / f"corpus-{size}.jsonl")
            facts = load([jsonl])
            facts_path = tmp / f"facts-{size}.pkl"
            facts_path.write_bytes(pickle.dumps(facts))
            rows = len(facts.mentions)
            print(
                f"\n{rows:,} mentions, {len(facts.relations):,} relations, {len(docs):,} documents"
            )
            results = {e: measure_median(e, facts_path, args.repeat) for e in ENGINES}
            ref = results["tally (7 relational)"]["counts"]
            duck = results["duckdb SQL"]["seconds"]
            print(
                f"{'engine':<22}{'seconds':>9}{'rows/s':>13}{'peak MB':>9}{'vs duckdb':>11}"
                f"{'import s':>10}  relational violations"
            )
            for name, r in results.items():
                same = {k: r["counts"][k] for k in RELATIONAL}
                flag = "same" if same == ref else f"DIFFERENT {same}"
                print(
                    f"{name:<22}{r['seconds']:>9.2f}{rows / r['seconds']:>13,.0f}"
                    f"{r['peak_mb']:>9.0f}{r['seconds'] / duck:>10.2f}x{r['import']:>10.2f}"
                    f"  {sum(same.values())} ({flag})"
                )
                if same != ref:
                    raise SystemExit(f"{name} disagrees with tally: {same} vs {ref}")
            print("violations by rule:", ref)
        if args.e2e_docs:
            print(
                f"\nend to end from JSONL, {args.e2e_docs:,} documents, tally check (json), "
                f"median of {args.repeat} runs; * marks the mode tally picks by default"
            )
            print(f"{'corpus':<26}{'mentions':>10}{'violations':>11}{'':>7}{'orjson floor':>14}"
                  f"{'--jobs 1':>17}{'--jobs 2':>17}  target")  # fmt: skip
            corpora = (("violation-heavy (~1/doc)", 1.0, 3), ("1% faulty", 0.01, 2))
            for name, rate, target in corpora:
                r = end_to_end(tmp, args.e2e_docs, rate, args.repeat)
                for kind, sfx in (("wall", ""), ("CPU", "_cpu")):
                    floor = r["floor" + sfx]
                    cells = [
                        f"{r[j + sfx]:>8.2f} s {r[j + sfx] / floor:>4.1f}x"
                        + ("*" if r["default"] == j else " ")
                        for j in ("jobs1", "jobs2")
                    ]
                    print(
                        f"{name:<26}{r['mentions']:>10,}{r['violations']:>11,}{kind:>7}"
                        f"{floor:>12.2f} s{''.join(cells)}  ≤ {target}x"
                    )


if __name__ == "__main__":
    main()
