"""The one notice channel: what a run read but did not use, counted and said once.

Readers never drop input silently. What they ignore on purpose (a cancelled annotation, a
prediction, an extractor's own extra key) or fill in (text borrowed from the gold) becomes a
notice: a reason, a count and a few example locations. Notices travel with the facts (so
they survive chunked and parallel runs) and reach the user as one line on stderr and as the
`notices` list of the JSON reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXAMPLES = 3


@dataclass
class Notice:
    reason: str
    count: int = 0
    where: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"reason": self.reason, "count": self.count, "where": list(self.where)}


@dataclass
class Notices:
    items: dict[str, Notice] = field(default_factory=dict)
    # Label Studio result items that became rows or attributes: with the ignored ones
    # counted above, every item read is accounted for.
    converted: int = 0

    def add(self, reason: str, count: int = 1, where: str | None = None) -> None:
        if count <= 0:
            return
        notice = self.items.setdefault(reason, Notice(reason))
        notice.count += count
        if where is not None and len(notice.where) < EXAMPLES and where not in notice.where:
            notice.where.append(where)

    def merge(self, other: Notices) -> Notices:
        self.converted += other.converted
        for n in other.items.values():
            notice = self.items.setdefault(n.reason, Notice(n.reason))
            notice.count += n.count
            for w in n.where:
                if len(notice.where) < EXAMPLES and w not in notice.where:
                    notice.where.append(w)
        return self

    def __bool__(self) -> bool:
        return bool(self.items)

    def ignored(self) -> int:
        return sum(n.count for n in self.items.values() if n.reason.startswith("ignored"))

    def as_list(self) -> list[dict]:
        return [self.items[k].as_dict() for k in sorted(self.items)]

    def line(self) -> str:
        """One line for stderr: every reason with its count and first locations."""
        parts = []
        for item in self.as_list():
            where = f" (e.g. {'; '.join(item['where'])})" if item["where"] else ""
            parts.append(f"{item['count']} × {item['reason']}{where}")
        return "tally: notice: " + " | ".join(parts)


def merge_all(parts: list[Notices]) -> Notices:
    out = Notices()
    for p in parts:
        out.merge(p)
    return out
