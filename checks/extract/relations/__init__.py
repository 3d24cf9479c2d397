"""Relations between the found mentions, each from one visible pattern in one sentence.

- `reported_by`, `date_of`: `sources`.
- `part_of`: `part_of`, with its cue words (`part_cues`), what the words around a figure
  say (`part_reads`), the whole of a figure far from its cue (`part_wholes`) and the extent
  of a list (`part_lists`).
- `member_of`: `members`.
- `same_as`: `same_as`.

All of them read the words through `words` and the figures through `figures`.
"""

from checks.extract.relations.members import member_of
from checks.extract.relations.part_of import part_of
from checks.extract.relations.same_as import same_as_events, same_as_figures
from checks.extract.relations.sources import reported_and_dated

__all__ = ["member_of", "part_of", "reported_and_dated", "same_as_events", "same_as_figures"]
