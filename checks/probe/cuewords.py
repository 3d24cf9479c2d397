"""The cues the probe writes, with the qualifier SPEC §4b gives each.

The probe writes cues in their published spelling (`أكثر من`, not the folded `اكثر من`);
`disagreements` checks them against tally's own table (`checks.cues`), so the two cannot
drift apart silently (a test asserts there are none).
"""

from __future__ import annotations

from checks import cues
from checks.arabic import fold

# Cues right before the figure (SPEC §4b, left column).
BEFORE: dict[str, str] = {
    "أكثر من": "more_than",
    "ما يزيد على": "more_than",
    "نحو": "about",
    "حوالي": "about",
    "قرابة": "about",
    "زهاء": "about",
    "ما يقرب من": "about",
    "ما لا يقل عن": "at_least",
    "أقل من": "less_than",
    "ما لا يزيد على": "at_most",
}
# Cues after the figure or its counted noun (SPEC §4b, right column).
AFTER: dict[str, str] = {
    "على الأقل": "at_least",
    "تقريبا": "about",
    "على الأكثر": "at_most",
}
# Swaps used by the DIR cue tests: one cue per qualifier, so each swap changes the reading.
SWAPS = ("نحو", "أقل من", "ما لا يقل عن", "أكثر من")
AFTER_SWAPS = ("على الأقل", "تقريبا")


def qualifier_of(cue: str) -> str:
    return BEFORE.get(cue) or AFTER[cue]


def tally_tables() -> list[dict[str, str]]:
    """Every folded-cue → qualifier table `checks.cues` holds (one today; the revision may
    add one for cues after the figure)."""
    qualifiers = {"more_than", "about", "at_least", "less_than", "at_most"}
    return [
        v
        for name, v in vars(cues).items()
        if not name.startswith("_")
        and isinstance(v, dict)
        and v
        and all(isinstance(k, str) and isinstance(q, str) for k, q in v.items())
        and set(v.values()) <= qualifiers
    ]


def disagreements() -> list[str]:
    """Cues the probe writes whose qualifier differs from tally's table (where it has them)."""
    out = []
    for cue, qualifier in {**BEFORE, **AFTER}.items():
        for table in tally_tables():
            known = table.get(fold(cue))
            if known is not None and known != qualifier:
                out.append(f"{cue}: probe {qualifier}, checks.cues {known}")
    return out
