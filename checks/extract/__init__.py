"""`tally extract`: a transparent rule-based extractor for Arabic news, the baseline to beat.

Modules, one job each: `tokens` (words and sentences with offsets), `entities` (gazetteer
and head-word patterns), `dates`, `quantities` (through tally's own number reader), `events`,
`relations`, `pipeline` (their order), `inputs` (what documents it reads) and `writer`
(facts JSONL, SPEC §5). No model is downloaded; every decision is a table or a pattern
that can be read in these files.
"""

from __future__ import annotations

from checks.meta import package_version


def extractor_name() -> str:
    """`tally-rules@<package version>`: the `extractor` field of every output line."""
    return f"tally-rules@{package_version()}"
