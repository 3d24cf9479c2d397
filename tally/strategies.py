"""Hypothesis strategies for facts documents (see `checks.strategies`)."""

from checks.strategies import RULES, RuleStrategy, as_facts, documents, facts_jsonl, surfaces

__all__ = ["RULES", "RuleStrategy", "as_facts", "documents", "facts_jsonl", "surfaces"]
