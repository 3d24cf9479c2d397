"""The SPEC §2 annotation schema, defined once.

The Label Studio labeling config is generated from these tables and the readers and the
`span.label` / `relation.endpoints` rules check against them, so the three cannot drift.

Offset convention (stated here, checked in `checks.offsets`): `start`/`end` are Python
`str` code-point offsets into the document text, half-open (`end` exclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LABELS: tuple[str, ...] = ("QUANTITY", "PERSON", "ORG", "LOC", "DATE", "EVENT")

QUALIFIERS: tuple[str, ...] = (
    "exact",
    "more_than",
    "at_least",
    "less_than",
    "at_most",
    "about",
    "range",
    "vague",
)
BOUNDED_QUALIFIERS: frozenset[str] = frozenset({"range", "vague"})
STATUSES: tuple[str, ...] = ("completed", "halted", "ongoing", "planned")


@dataclass(frozen=True)
class Attribute:
    """A per-region attribute; `kind` decides the Label Studio control and the type check."""

    name: str
    kind: str  # "number" | "choice" | "text"
    labels: tuple[str, ...]
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    hint: str = ""


ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("value", "number", ("QUANTITY",), hint="normalized value"),
    Attribute("qualifier", "choice", ("QUANTITY",), QUALIFIERS),
    Attribute("low", "number", ("QUANTITY",), hint="low bound (range/vague)"),
    Attribute("high", "number", ("QUANTITY",), hint="high bound (range/vague)"),
    Attribute(
        "category",
        "text",
        ("QUANTITY",),
        pattern=r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*",
        hint="what is counted, snake_case English noun",
    ),
    Attribute(
        "unit",
        "text",
        ("QUANTITY",),
        pattern=r"[a-z][a-z0-9_]*",
        hint="a snake_case unit (absent for a count)",
    ),
    Attribute("status", "choice", ("EVENT",), STATUSES),
    Attribute(
        "normalized", "text", ("DATE",), pattern=r"\d{4}-\d{2}-\d{2}", hint="ISO date YYYY-MM-DD"
    ),
)
ATTRIBUTE_BY_NAME: dict[str, Attribute] = {a.name: a for a in ATTRIBUTES}

ENTITY = ("PERSON", "ORG", "LOC")

# relation type -> (allowed `from` labels, allowed `to` labels)
RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "part_of": (("QUANTITY",), ("QUANTITY",)),
    "member_of": (ENTITY, ("QUANTITY",)),
    "reported_by": (("QUANTITY", "EVENT"), ("ORG", "PERSON")),
    "same_as": (("QUANTITY", "EVENT"), ("QUANTITY", "EVENT")),
    "date_of": (("EVENT", "QUANTITY"), ("DATE",)),
}
SAME_LABEL_RELATIONS: frozenset[str] = frozenset({"same_as"})

# Label Studio control names (SPEC §2): the Text object, the span labels, the relations.
LS_TEXT = "text"
LS_LABELS = "label"
LS_RELATIONS = "relation"

DOC_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def allowed_endpoint_pairs() -> set[tuple[str, str, str]]:
    """Every legal (type, from_label, to_label) triple; same_as needs equal labels."""
    pairs = set()
    for rtype, (froms, tos) in RELATIONS.items():
        for f in froms:
            for t in tos:
                if rtype in SAME_LABEL_RELATIONS and f != t:
                    continue
                pairs.add((rtype, f, t))
    return pairs
