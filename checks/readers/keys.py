"""Which keys a facts record may carry, and what an unknown key most likely meant.

Extractors may add keys of their own (a confidence, a model score): those are counted in a
notice, not errors. A key a small edit away from a SPEC §5 key (`qualifer`, `Mentions`) is
a typo that would silently turn a figure into `exact` or drop a document's mentions, so it is
an error naming the line and the key it resembles.
"""

from __future__ import annotations

from functools import lru_cache

DOCUMENT_KEYS = frozenset(
    ["doc_id", "text", "published", "source", "lang", "extractor", "mentions", "relations"]
)
MENTION_KEYS = frozenset(
    ["id", "start", "end", "text", "label", "value", "qualifier", "low", "high", "category",
     "unit", "status", "normalized"]
)  # fmt: skip
RELATION_KEYS = frozenset(["from", "to", "type"])
# Keys extractors commonly add that sit one edit from a SPEC key (`score` ~ `source`).
COMMON_EXTRAS = frozenset(["score", "scores", "confidence", "prob", "model", "meta", "notes"])
KEYS = {"document": DOCUMENT_KEYS, "mention": MENTION_KEYS, "relation": RELATION_KEYS}


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (a transposition counts as one edit)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=4096)
def meant(level: str, key: str) -> str | None:
    """The SPEC key an unknown key is a typo of, or None for an extractor's own key."""
    known = KEYS[level]
    if key in known or key in COMMON_EXTRAS:
        return None
    folded = key.strip().lower().replace("-", "_")
    if folded in known:
        return folded
    budget = 0 if len(folded) < 4 else 1 if len(folded) <= 6 else 2
    close = sorted((_distance(folded, k), k) for k in known)
    best, name = close[0]
    return name if best <= budget else None


def typo_message(level: str, key: str, good: str) -> str:
    return f"{level} key {key!r} is not a tally key: did you mean {good!r}?"
