"""Relations between the found mentions, each from one visible pattern in one sentence.

- `reported_by`, `date_of`: `sources`.
- `part_of`: `part_of`, with its cue words (`part_cues`), what the words around a figure
  say (`part_reads`), the whole of a figure far from its cue (`part_wholes`), the extent
  of a list (`part_lists`), breakdowns with no cue (`breakdowns`), bracketed counts after
  their holders (`part_brackets`), what each of two sides gave of a total between
  them (`sides`), the toll of those a vehicle carried (`aboard`) and the sides of a vote
  (`votes`).
- `member_of`: `members`, and a definite dual's two names told before it (`dual_anaphora`).
- `same_as`: `same_as`, two voices' tolls of one event (`rival_tolls`) and two voices'
  counts of one object named again (`rival_counts`).

All of them read the words through `words` and the figures through `figures`.
"""

from checks.extract.relations.dual_anaphora import dual_anaphora
from checks.extract.relations.members import member_of
from checks.extract.relations.part_of import part_of
from checks.extract.relations.rival_counts import same_as_rival_counts
from checks.extract.relations.rival_tolls import same_as_rival_tolls
from checks.extract.relations.same_as import same_as_events, same_as_figures
from checks.extract.relations.sources import reported_and_dated

__all__ = [
    "dual_anaphora",
    "member_of",
    "part_of",
    "reported_and_dated",
    "same_as_events",
    "same_as_figures",
    "same_as_rival_counts",
    "same_as_rival_tolls",
]
