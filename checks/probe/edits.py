"""Edits to a text and the exact offsets they move (code points, `end` exclusive).

Every perturbation is a list of `Edit`s; `apply` returns the new text and an `OffsetMap`
that carries any span of the old text into the new one, so no case ever guesses an offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Edit:
    """Replace `text[start:end]` with `new` (an insertion when start == end)."""

    start: int
    end: int
    new: str

    @property
    def delta(self) -> int:
        return len(self.new) - (self.end - self.start)


class SpanBroken(ValueError):
    """A span boundary falls strictly inside an edited stretch: it has no image."""


@dataclass(frozen=True)
class OffsetMap:
    edits: tuple[Edit, ...]  # sorted, not overlapping

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where `old[start:end]` lies in the new text. A span that contains an edit grows or
        shrinks with it; an insertion at a span's start lies before the span, one at its end
        after it; a boundary strictly inside a replaced stretch raises `SpanBroken`."""
        return self._point(start, is_start=True), self._point(end, is_start=False)

    def _point(self, x: int, is_start: bool) -> int:
        shift = 0
        for e in self.edits:
            if e.start < x < e.end:
                raise SpanBroken(f"offset {x} lies inside the edit {e}")
            moved = x > e.start or (x == e.start and (e.end > e.start or is_start))
            if x >= e.end and moved:
                shift += e.delta
        return x + shift


def apply(text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """The edited text and the map of its offsets. Edits may come in any order but must not
    overlap (two insertions at one point are refused too: their order would be a guess)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in pairwise(ordered):
        if b.start < a.end or (a.start == a.end == b.start):
            raise ValueError(f"overlapping edits {a} and {b}")
    for e in ordered:
        if not 0 <= e.start <= e.end <= len(text):
            raise ValueError(f"edit {e} outside a text of {len(text)} code points")
    pieces, at = [], 0
    for e in ordered:
        pieces += [text[at : e.start], e.new]
        at = e.end
    pieces.append(text[at:])
    return "".join(pieces), OffsetMap(tuple(ordered))
