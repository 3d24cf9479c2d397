"""Great Expectations: a suite over the facts tables, and tally's rule results as Data Docs.

The rule logic lives in tally's rules only. GE sees their *results*: a table with one row
per document and one column per rule (how many violations), read by the custom
expectation `ExpectTallyRuleToHold`. GE's own suite checks the shape of the facts tables
(columns, types, allowed labels and qualifiers, non-negative values, low ≤ high).

GE is imported only here, so a plain `tally check` does not pay its ~2 s import.
GE reports errors inside an expectation as `success=False` with `exception_info` set, not
as exceptions: every result is checked for that and raised as `GXFailure`.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from checks.engine import CheckResult
from checks.facts import Facts
from checks.gx_offline import OfflineError, make_offline
from checks.report.check_report import per_document_outcomes
from checks.rules.registry import RULES
from checks.schema import ATTRIBUTE_BY_NAME, LABELS, QUALIFIERS, RELATIONS, STATUSES


@contextlib.contextmanager
def _main_with_a_spec() -> Iterator[None]:
    """GE imports pyspark.sql.connect when pyspark is installed, and that module takes a
    `__main__` with neither `__spec__` nor `__file__` (`python -c`, `python -`, pytest-xdist's
    workers) for its own doctest run: it calls sys.exit(0) when an optional dependency of
    Spark Connect is missing, and the caller's program stops there reporting success. For
    the import only, such a `__main__` gets a spec named `__main__`."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or hasattr(main, "__file__"):
        yield
        return
    main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
with _main_with_a_spec():
    import great_expectations as gx
    from great_expectations import expectations as gxe
    from great_expectations.expectations.metadata_types import FailureSeverity

logging.getLogger("great_expectations").setLevel(logging.ERROR)

SITE = "tally"
RESULT_FORMAT = {
    "result_format": "SUMMARY",
    "partial_unexpected_count": 20,
    "unexpected_index_column_names": ["doc_id"],
}
# The rule table's unexpected values are violation counts; COMPLETE adds the doc_id of each
# row, so a failed or warned rule lists the documents it fired in, not just how often.
RULES_RESULT_FORMAT = {**RESULT_FORMAT, "result_format": "COMPLETE"}


class GXFailure(RuntimeError):
    pass


class ExpectTallyRuleToHold(gxe.ExpectColumnValuesToBeBetween):
    """No document has a violation of this tally rule (the column is the rule id).

    The counts come from tally's rule engine; this expectation only reads them, so the
    rules are written once.
    """

    min_value: float | None = 0
    max_value: float | None = 0
    description: str | None = "tally rule holds in every document"


class ExpectTallyWarningRuleToHold(ExpectTallyRuleToHold):
    """A tally rule of severity `warning`: the documents with warnings are listed, but the
    expectation (and so the validation) succeeds, as `tally check` exits 0 on warnings.

    GE's own `severity` only ranks failures; a failed expectation still fails the
    validation, which Data Docs then show as "Failed" where the CLI said OK."""

    description: str | None = "tally warning rule: reported, never fails the validation"

    def _validate(self, metrics, runtime_configuration=None, execution_engine=None):
        result = super()._validate(metrics, runtime_configuration, execution_engine)
        result["success"] = True
        return result


def rule_expectation(rule: str, documents: int) -> ExpectTallyRuleToHold:
    """One rule's expectation, carrying the rule's severity (GE's and tally's)."""
    spec = RULES[rule]
    meta = {"severity": spec.severity, "description": spec.description}
    if spec.severity == "warning":
        return ExpectTallyWarningRuleToHold(
            column=rule,
            severity=FailureSeverity.WARNING,
            meta=meta,
            description=f"{rule} (warning, does not fail the validation): "
            f"{documents} documents with warnings",
        )
    return ExpectTallyRuleToHold(
        column=rule,
        severity=FailureSeverity.CRITICAL,
        meta=meta,
        description=f"{rule} (error): holds in every document",
    )


def rule_results_table(result: CheckResult) -> pd.DataFrame:
    grid = per_document_outcomes(result)
    wide = (
        grid.pivot(index="doc_id", columns="rule", values="failed")
        .reindex(columns=list(RULES))
        .fillna(0)
    )
    return wide.reset_index().rename_axis(columns=None)


def facts_expectations() -> dict[str, list]:
    mention_columns = ["doc_id", "id", "start", "end", "label"]
    mentions = [
        *(gxe.ExpectColumnValuesToNotBeNull(column=c) for c in mention_columns),
        gxe.ExpectColumnValuesToBeInTypeList(column="start", type_list=["int64"]),
        gxe.ExpectColumnValuesToBeInTypeList(column="end", type_list=["int64"]),
        gxe.ExpectColumnValuesToBeBetween(column="start", min_value=0),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="end", column_B="start", or_equal=True
        ),
        gxe.ExpectColumnValuesToBeInSet(column="label", value_set=list(LABELS)),
        gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=list(QUALIFIERS)),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(STATUSES)),
        *(
            gxe.ExpectColumnValuesToBeBetween(column=c, min_value=0)
            for c in ("value", "low", "high")
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="high", column_B="low", or_equal=True, ignore_row_if="either_value_is_missing"
        ),
        gxe.ExpectColumnValuesToMatchRegex(column="unit", regex=f"^{UNIT_PATTERN}$"),
        # A percent share of a count whole (SPEC §4a) is at most 100 on its own; that the
        # shares of one whole add up to ≤ 100 is part_whole.sum's, read in tally_rules.
        gxe.ExpectColumnValuesToBeBetween(column=SHARE_COLUMN, min_value=0, max_value=100),
    ]
    relations = [
        *(gxe.ExpectColumnValuesToNotBeNull(column=c) for c in ("doc_id", "from", "to", "type")),
        gxe.ExpectColumnValuesToBeInSet(column="type", value_set=list(RELATIONS)),
    ]
    documents = [
        gxe.ExpectColumnValuesToBeUnique(column="doc_id"),
        gxe.ExpectColumnValuesToMatchRegex(column="doc_id", regex=r"^[a-z0-9][a-z0-9._-]*$"),
    ]
    return {"mentions": mentions, "relations": relations, "documents": documents}


SHARE_COLUMN = "share_percent"
UNIT_PATTERN = ATTRIBUTE_BY_NAME["unit"].pattern


def share_percent(facts: Facts) -> np.ndarray:
    """Per mention: its low bound (or value) when it is a percent share of a count whole,
    i.e. a `part_of` source with unit `percent` into a QUANTITY without a unit; NaN
    elsewhere. One merge over the relations, so GE can read shares as a plain column."""
    m, r = facts.mentions, facts.relations
    out = np.full(len(m), np.nan)
    unit = m["unit"].to_numpy(dtype=object)
    quantity = (m["label"] == "QUANTITY").to_numpy()
    percent = quantity & (unit == "percent")
    if not percent.any() or r.empty:
        return out
    count = quantity & pd.isna(unit)
    keys = pd.DataFrame({"doc_id": m["doc_id"].to_numpy(), "id": m["id"].to_numpy(),
                         "row": np.arange(len(m))})  # fmt: skip
    part_of = r.loc[r["type"] == "part_of", ["doc_id", "from", "to"]]
    src = part_of.merge(keys.rename(columns={"id": "from"}), on=["doc_id", "from"])
    both = src.merge(keys.rename(columns={"id": "to", "row": "whole"}), on=["doc_id", "to"])
    rows = both["row"].to_numpy()
    rows = np.unique(rows[percent[rows] & count[both["whole"].to_numpy()]])
    low, value = m["low"].to_numpy(np.float64), m["value"].to_numpy(np.float64)
    out[rows] = np.where(np.isnan(low[rows]), value[rows], low[rows])
    return out


def _tables(facts: Facts, result: CheckResult) -> dict[str, tuple[pd.DataFrame, list]]:
    """Each table with its expectations; a table with no rows is validated on its columns."""
    exps = facts_expectations()
    table = rule_results_table(result)
    rules = [rule_expectation(r, int((table[r] > 0).sum())) for r in RULES]
    numeric = facts.mentions.astype({"value": float, "low": float, "high": float})
    numeric[SHARE_COLUMN] = share_percent(facts)
    return {
        "documents": (facts.documents.drop(columns=["text"]), exps["documents"]),
        "mentions": (numeric.drop(columns=["invalid"]), exps["mentions"]),
        "relations": (facts.relations, exps["relations"]),
        "tally_rules": (table, rules),
    }


@dataclass(frozen=True)
class GXReport:
    facts_ok: bool  # the facts tables meet their expectations
    failed: dict[str, list[str]]  # table -> ids of failed expectations (rule ids for rules)
    warned: list[str] = field(default_factory=list)  # warning rules with violations


def _raised(info: dict) -> str | None:
    """GE puts errors in exception_info, flat or keyed by metric: find the message."""
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    nested = [v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    return str(nested[0].get("exception_message")) if nested else None


def validate_with_gx(facts: Facts, result: CheckResult, data_docs: Path | None) -> GXReport:
    """Validate the facts tables and the rule results, and write Data Docs when asked."""
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    if data_docs is not None:
        context.add_data_docs_site(
            SITE,
            {
                "class_name": "SiteBuilder",
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(data_docs.resolve()),
                },
            },
        )
    source = context.data_sources.add_pandas("tally")
    failed: dict[str, list[str]] = {}
    for name, (frame, expectations) in _tables(facts, result).items():
        batch_def = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        suite = context.suites.add(gx.ExpectationSuite(name=f"tally.{name}"))
        for exp in expectations:
            suite.add_expectation(exp)
        vdef = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"tally.{name}", data=batch_def, suite=suite)
        )
        actions = (
            [gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=[SITE])]
            if data_docs is not None
            else []
        )
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=f"tally.{name}",
                validation_definitions=[vdef],
                actions=actions,
                result_format=RULES_RESULT_FORMAT if name == "tally_rules" else RESULT_FORMAT,
            )
        )
        run = checkpoint.run(batch_parameters={"dataframe": frame.reset_index(drop=True)})
        failed[name] = []
        for validation in run.run_results.values():
            for res in validation.results:
                cfg = res.expectation_config
                message = _raised(res.exception_info or {})
                if message:
                    raise GXFailure(
                        f"GE failed on {name}: {cfg.type}"
                        f"({cfg.kwargs.get('column', '')}): {message}"
                    )
                if not res.success:
                    failed[name].append(cfg.kwargs.get("column") or cfg.type)
    if data_docs is not None:
        try:
            make_offline(data_docs)
        except OfflineError as exc:
            raise GXFailure(str(exc)) from None
    facts_ok = not any(v for k, v in failed.items() if k != "tally_rules")
    warned = sorted(set(result.violations.loc[result.violations["severity"] == "warning", "rule"]))
    return GXReport(facts_ok, failed, warned)
