"""Human wording of figures for messages; used only on the few violating rows."""

from __future__ import annotations

import math

_PHRASE = {
    "more_than": "more than {v}",
    "at_least": "at least {v}",
    "less_than": "less than {v}",
    "at_most": "at most {v}",
    "about": "about {v}",
}


def num(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if math.isinf(x):
        return "∞"
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def figure(m) -> str:
    """`more than 4500`, `337`, `عدة آلاف [3000, 9999]`: what the mention claims."""
    q = m["qualifier"] or "exact"
    if q in ("range", "vague"):
        return f"«{m['text']}» [{num(m['low'])}, {num(m['high'])}]"
    if q == "exact":
        return num(m["value"])
    return _PHRASE.get(q, q + " {v}").format(v=num(m["value"]))


def as_part(m) -> str:
    """A part's contribution to a sum: its low bound, shown when it differs from the value."""
    text = figure(m)
    return text if (m["qualifier"] or "exact") == "exact" else f"{text} (≥ {num(m['lo'])})"


def as_whole(m) -> str:
    q = m["qualifier"] or "exact"
    return f"{figure(m)} ({'exact' if q == 'exact' else '≤ ' + num(m['hi'])})"


def bounds(m) -> str:
    return f"[{num(m['lo'])}, {num(m['hi'])}]"
