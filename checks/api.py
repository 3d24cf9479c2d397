"""tally's Python API: `check`, `score`, `extract`, `load` (re-exported as `import tally`).

Each call picks its one path through the engine from the input and the options, so the CLI,
the pytest plugin and notebooks all run the same code:

- a Spark DataFrame, or `engine="spark"`: Spark runs the rules (or the scoring) per batch;
- paths, when the facts need not be kept: read and checked piece by piece (memory bounded
  by `chunk_size` documents), in `jobs` worker processes for a large input;
- Facts, a pandas DataFrame, or `keep_facts=True` (html and github reports, Data Docs):
  read whole, checked in one pass, the facts kept on the result.

>>> import tally
>>> tally.check("gold/").ok
True
>>> facts = tally.load("gold/")
>>> len(facts.mentions) > 0, facts.doc_ids
(True, ['aleppo-evacuation-2016-12-16'])
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from checks.facts import Facts, InputError
from checks.intervals import DEFAULT_TOLERANCE
from checks.options import DEFAULT_CHUNK
from checks.results import CheckResult, ScoreReport
from checks.sources import PathLike, Source, as_paths, is_spark, read_source

ENGINES = ("pandas", "spark")


def load(source: Source) -> Facts:
    """The facts of a source: a path (facts JSONL, a Label Studio export, Parquet, a folder,
    `-` for stdin), a list of them, Facts, or a pandas or Spark DataFrame in the SPEC §5
    shape. Unusable input raises `InputError` naming the file and line (or row)."""
    return read_source(source)


def check(
    source: Source,
    *,
    gold: PathLike | None = None,
    about_tolerance: Fraction | str = DEFAULT_TOLERANCE,
    keep_facts: bool = False,
    outcomes: bool = True,
    engine: str = "pandas",
    jobs: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    violations_out: PathLike | None = None,
    progress: bool = False,
) -> CheckResult:
    """Run the SPEC §4 rules over a source; never raises on violations (see
    `CheckResult.raise_for_errors`), raises `InputError` on unusable input.

    gold: where documents without text borrow it (and `published`) from.
    keep_facts: keep the facts on the result (html and github reports, Data Docs).
    outcomes: gather document × rule outcomes (a JSON-only run may skip them).
    engine, jobs, chunk_size: how paths are read and checked (results are identical).
    violations_out: also write the violations table there (.parquet, else JSONL).
    """
    tolerance = Fraction(about_tolerance)
    engine = _engine(engine)
    gold_path = Path(gold) if gold is not None else None
    out = Path(violations_out) if violations_out is not None else None
    paths = as_paths(source)
    facts = None
    if is_spark(source):
        from checks import spark

        run = spark.collect(spark.run(source, tolerance, outcomes, gold_path), source)
        if not run.documents and not run.input_problems:
            raise InputError.nothing_in("dataframe")
    elif engine == "spark":
        from checks.spark import check_with_spark

        if paths is None:
            raise ValueError("engine='spark' reads paths or a Spark DataFrame")
        # Spark writes the violations table itself, from the workers.
        run = check_with_spark(paths, tolerance, out, outcomes=outcomes, gold=gold_path)
        out = None
    elif paths is not None and not keep_facts:
        from checks.progress import meter
        from checks.stream import Options, check_paths, default_jobs, input_size

        with meter(input_size(paths), not progress) as on_progress:
            run = check_paths(
                paths,
                Options(tolerance, gold_path, outcomes=outcomes),
                chunk_size,
                jobs or default_jobs(paths),
                on_progress,
            )
    else:
        from checks.engine import run_checks

        facts = prepared(paths, gold_path) if paths is not None else _with_text(source, gold_path)
        run = run_checks(facts, tolerance)
    if out is not None:
        from checks.stream import write_violations

        write_violations(run.violations, out)
    return CheckResult(run, facts, tolerance, outcomes, tuple(paths or ()), gold_path)


def prepared(paths: list[Path], gold: Path | None) -> Facts:
    """Paths read whole, documents without text given the gold's, the rest said."""
    from checks.readers.load import load as load_paths

    return _borrowed(load_paths(paths), gold)


def _with_text(source: Source, gold: Path | None) -> Facts:
    return _borrowed(read_source(source), gold)


def _borrowed(facts: Facts, gold: Path | None) -> Facts:
    from checks.readers.load import borrow_from_gold, note_missing_text
    from checks.readers.load import load as load_paths

    if facts.documents["text"].isna().any():
        if gold is not None:
            facts = borrow_from_gold(facts, load_paths([gold]), str(gold))
        note_missing_text(facts)
    return facts


def _engine(engine: str) -> str:
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r} is not one of {', '.join(ENGINES)}")
    return engine


def score(
    gold: Source,
    pred: Source,
    *,
    value_tolerance: float = 0.0,
    about_tolerance: Fraction | str = DEFAULT_TOLERANCE,
    keep_facts: bool = False,
    engine: str = "pandas",
    jobs: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    progress: bool = False,
) -> ScoreReport:
    """Score predicted facts against the gold (SPEC §6). Sources as for `check`; one path
    each is scored piece by piece, anything else in one pass.

    keep_facts: keep the predictions on the report (the github report shows them).
    """
    from checks.scoring.score import ScoreOptions

    options = ScoreOptions(value_tolerance, Fraction(about_tolerance))
    engine = _engine(engine)
    gold_paths, pred_paths = as_paths(gold), as_paths(pred)
    if engine == "spark" or is_spark(pred):
        return _score_with_spark(gold_paths, pred, pred_paths, options)
    one_each = gold_paths is not None and pred_paths is not None
    if one_each and len(gold_paths) == 1 and len(pred_paths) == 1 and not keep_facts:
        from checks.progress import meter
        from checks.scoring.stream import score_paths
        from checks.stream import default_jobs, input_size

        with meter(input_size(pred_paths), not progress, "score") as on_progress:
            streamed = score_paths(
                gold_paths[0],
                pred_paths[0],
                options,
                chunk_size,
                jobs or default_jobs(pred_paths),
                on_progress,
            )
        return _report(streamed.report, streamed.gold, None, streamed.notices)
    from checks.scoring.score import score as score_facts

    gold_facts, pred_facts = read_source(gold, "score"), read_source(pred, "score")
    data = score_facts(
        gold_facts,
        pred_facts,
        value_tolerance=options.value_tolerance,
        about_tolerance=options.about_tolerance,
    )
    return _report(data, gold_facts, pred_facts, pred_facts.notices)


def _score_with_spark(gold_paths, pred, pred_paths, options) -> ScoreReport:
    if gold_paths is None or len(gold_paths) != 1:
        raise ValueError("Spark scoring reads the gold from one path every worker can read")
    if is_spark(pred):
        from checks.scoring.spark_score import score_dataframe

        scored = score_dataframe(pred, gold_paths[0], options)
    elif pred_paths is not None and len(pred_paths) == 1:
        from checks.scoring.spark_score import score_with_spark

        scored = score_with_spark(gold_paths[0], pred_paths[0], options)
    else:
        raise ValueError("engine='spark' scores one path or a Spark DataFrame of predictions")
    report = _report(scored.report, scored.gold, None, scored.notices)
    return ScoreReport(
        report.data, report.gold, None, None, tuple(scored.input_problems), report.pred_notices
    )


def _report(data: dict, gold: Facts, pred: Facts | None, pred_notices) -> ScoreReport:
    data["notices"] = {"gold": gold.notices.as_list(), "pred": pred_notices.as_list()}
    return ScoreReport(data, gold, pred, pred_notices=pred_notices)


def extract(source: Source) -> Facts:
    """Facts found by the rule-based baseline extractor (`tally-rules`) in the documents of
    a source: seed folders, facts or exports that carry the text, or a DataFrame with
    `doc_id` and `text` columns (`published` optional)."""
    import orjson

    from checks.extract import extractor_name
    from checks.extract.writer import document_record
    from checks.readers.jsonl import read_jsonl

    paths = as_paths(source)
    if paths is not None:
        from checks.extract.inputs import read_inputs

        docs = read_inputs(paths)
    else:
        docs = _documents(read_source(source) if not _is_document_frame(source) else source)
    name = extractor_name()
    data = b"".join(orjson.dumps(document_record(d, name)) + b"\n" for d in docs)
    return read_jsonl(Path("extract"), data)


def _is_document_frame(source: object) -> bool:
    import pandas as pd

    return isinstance(source, pd.DataFrame) and "mentions" not in source.columns


def _documents(source) -> list[dict]:
    """Documents as dicts with text, from Facts or a DataFrame of documents."""
    import pandas as pd

    frame = source.documents if isinstance(source, Facts) else source
    if not isinstance(frame, pd.DataFrame) or not {"doc_id", "text"} <= set(frame.columns):
        raise InputError("dataframe", "extract needs documents with doc_id and text")
    frame = frame.reset_index(drop=True)
    columns = [c for c in ("doc_id", "text", "published", "source", "lang") if c in frame]
    docs = frame[columns].astype(object).where(frame[columns].notna(), None).to_dict("records")
    for i, doc in enumerate(docs, 1):
        if not isinstance(doc["text"], str):
            raise InputError(f"dataframe:{i}", f"document {doc['doc_id']!r} has no text")
    return docs
