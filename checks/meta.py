"""Who tally is as an installed package: its distribution name and version.

The name `tally` on the package index belongs to an unrelated project, so tally is
distributed as `tally-facts`; the console script and the docs still say `tally`. The
version always comes from the installed metadata, never from a second copy in the code.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "tally-facts"


def package_version() -> str:
    """The installed version, or `0+unknown` when run from a source tree never installed."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"
