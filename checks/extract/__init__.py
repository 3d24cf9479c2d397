"""`tally extract`: a transparent rule-based extractor for Arabic news, the baseline to beat.

Modules, one job each: `tokens` (words and sentences with offsets), `entities` (gazetteer
and head-word patterns), `dates`, `quantities` (through tally's own number reader), `events`,
`relations`, `pipeline` (their order), `inputs` (what documents it reads) and `writer`
(facts JSONL, SPEC §5). No model is downloaded; every decision is a table or a pattern
that can be read in these files.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def extractor_name() -> str:
    """`tally-rules@<package version>`: the `extractor` field of every output line."""
    try:
        return f"tally-rules@{version('tally')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "tally-rules@0+unknown"
