"""What a probe case is: a document to send, the test it belongs to, and what must hold.

Kinds follow CheckList: `MFT` (a templated document with a known answer), `INV` (a change
that must not change the extractor's reading of a figure), `DIR` (a change whose effect on
the reading is known). INV and DIR compare the extractor with itself on the original
document, so they need no gold reading; a case whose original figure the extractor did not
find is *filtered* (not judged), and the report says how many were.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from checks.probe.edits import OffsetMap

MFT, INV, DIR = "MFT", "INV", "DIR"
KINDS = (MFT, INV, DIR)

# The capabilities, in report order, each with the one line the report shows for it.
CAPABILITIES: dict[str, str] = {
    "digits": "figures in Western, Arabic-Indic and Persian digits",
    "separators": "thousands separators added or removed",
    "clitics": "a clitic (و ب ل) attached before the figure",
    "counted noun": "what is counted named differently",
    "value": "a changed figure changes the value",
    "cues": "qualifier cues before and after the figure",
    "part-whole": "parts linked to their whole, never a part larger than it",
    "duals": "counted duals, also in construct state",
    "percentages": "percent figures as measures in percent",
    "measures": "magnitudes, durations and sums of money, with their unit",
    "vague": "vague amounts with the SPEC's bounds",
    "number words": "figures written in words",
    "not figures": "years, ordinals and numbers in names are not QUANTITY",
}

# What a case checks.
SAME = "same"  # INV: the same reading as on the original, at the moved span
SCALED = "scaled"  # DIR: the value scaled by `ratio`, the rest as on the original
QUALIFIER = "qualifier"  # DIR: the qualifier becomes `qualifier`, the value as on the original
NO_PART_OF = "no_part_of"  # DIR: the part is no longer linked `part_of` to the whole
FIGURES = "figures"  # MFT: every expected figure and relation, exactly
NO_FIGURE = "no_figure"  # MFT: no QUANTITY over the span


@dataclass(frozen=True)
class Reading:
    """A QUANTITY's normalized reading: what INV keeps and DIR changes."""

    value: Fraction | None
    qualifier: str = "exact"
    low: Fraction | None = None
    high: Fraction | None = None
    unit: str | None = None

    def said(self) -> str:
        """In words, as the report shows it: `more_than 4,500`, `vague 3,000–9,999 percent`."""
        if self.qualifier in ("range", "vague"):
            body = f"{self.qualifier} {_number(self.low)}–{_number(self.high)}"
        else:
            body = f"{self.qualifier} {_number(self.value)}"
        return body + (f" {self.unit}" if self.unit else "")


def _number(x: Fraction | None) -> str:
    if x is None:
        return "—"
    if x.denominator == 1:
        return f"{int(x):,}"
    return f"{float(x):,}"


@dataclass(frozen=True)
class Figure:
    """An expected QUANTITY: its span in the case's text and its reading."""

    start: int
    end: int
    reading: Reading


@dataclass(frozen=True)
class Case:
    id: str  # the doc_id the extractor gets (a slug), also the case's name in reports
    test: str
    capability: str
    kind: str
    text: str
    span: tuple[int, int]  # the figure the case looks at, in `text`
    check: str
    change: str  # what was done, for the report: `4500 → ٤٥٠٠`
    source: str | None = None  # INV/DIR: the id of the original document
    source_span: tuple[int, int] | None = None  # the gold span in the original
    offsets: OffsetMap | None = None  # INV/DIR: from the original's offsets to `text`
    ratio: Fraction | None = None  # SCALED
    qualifier: str | None = None  # QUALIFIER
    whole: tuple[int, int] | None = None  # NO_PART_OF: the whole's span here
    source_whole: tuple[int, int] | None = None  # NO_PART_OF: the whole's span there
    figures: tuple[Figure, ...] = ()  # FIGURES
    relations: tuple[tuple[int, int], ...] = ()  # FIGURES: part_of (from, to) as indexes
    published: str | None = None


@dataclass(frozen=True)
class Original:
    """A source document, sent as it is so INV and DIR cases have a reference reading."""

    id: str
    text: str
    published: str | None = None
