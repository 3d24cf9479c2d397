"""One found mention, whatever module found it, with its token positions for the relations."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    label: str
    start: int
    end: int
    text: str
    first: int  # index of its first token
    last: int  # index of its last token
    sentence: int
    attrs: dict = field(default_factory=dict)
    id: str = ""
    # QUANTITY: its SPEC §3 interval (lo, hi), computed for a whole batch at once
    bounds: tuple[float, float] | None = None

    def one_word_dual(self) -> bool:
        """A dual written as one word («قريتين», «محافظتا»): a figure that is its own noun."""
        return (
            " " not in self.text
            and not any(c.isdigit() for c in self.text)
            and self.attrs.get("value") == 2
        )

    def fact(self) -> dict:
        """The SPEC §5 mention object."""
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            **self.attrs,
        }
