"""The rule registry and the one result type every rule returns.

A rule is a short vectorized function over the facts tables, declared with its id,
severity and description. It returns an `Outcome`: the violation rows (one fixed table)
and the doc_id of every item it examined, so "does not apply" is counted, not skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

VIOLATION_COLUMNS = ["rule", "severity", "doc_id", "mentions", "message"]


@dataclass(frozen=True)
class Outcome:
    violations: pd.DataFrame  # doc_id, mentions (list[str]), message
    checked: np.ndarray  # document row of each item the rule examined


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    description: str
    run: Callable[..., Outcome]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, description: str):
    def register(fn: Callable[..., Outcome]) -> Callable[..., Outcome]:
        RULES[rule_id] = Rule(rule_id, severity, description, fn)
        return fn

    return register


def outcome(
    doc_id: pd.Series | list,
    mentions: pd.Series | list,
    message: pd.Series | list,
    checked: np.ndarray,
) -> Outcome:
    frame = pd.DataFrame(
        {
            "doc_id": pd.Series(list(doc_id), dtype=object),
            "mentions": pd.Series(list(mentions), dtype=object),
            "message": pd.Series(list(message), dtype=object),
        }
    )
    return Outcome(frame, np.asarray(checked, dtype=np.int64))
