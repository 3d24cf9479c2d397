"""Digit runs in a span, rewritten in another script or grouping; each rewrite is checked
with tally's own reader (`checks.numbers.read_surface`), never trusted on its own."""

from __future__ import annotations

import re
from fractions import Fraction

from checks.arabic import western_digits
from checks.numbers import NUMBER, PERCENT, read_surface

SCRIPTS = {"western": "0123456789", "arabic_indic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}
SCRIPT_NAMES = {"western": "Western", "arabic_indic": "Arabic-Indic", "persian": "Persian"}
# The thousands separator each script is written with (SPEC §4a: `,` and `٬`).
SEPARATOR = {"western": ",", "arabic_indic": "٬", "persian": "٬"}
_DIGIT = "0-9٠-٩۰-۹"
# A run of digits, possibly grouped by thousands separators; never a decimal.
RUN = re.compile(rf"(?<![{_DIGIT}.٫,٬])[{_DIGIT}]+(?:[,٬][{_DIGIT}]{{3}})*(?![{_DIGIT}.٫,٬])")


def script_of(run: str) -> str:
    first = next(c for c in run if c.isdigit())
    return next(name for name, digits in SCRIPTS.items() if first in digits)


def digits_only(run: str) -> str:
    return western_digits(run).replace(",", "").replace("٬", "")


def render(n: int, script: str, grouped: bool) -> str:
    """`n` in `script`, with thousands separators when `grouped`."""
    plain = f"{n:,}" if grouped else str(n)
    plain = plain.replace(",", SEPARATOR[script])
    return plain.translate(str.maketrans("0123456789", SCRIPTS[script]))


def is_grouped(run: str) -> bool:
    return "," in run or "٬" in run


def runs(span: str) -> list[re.Match[str]]:
    return list(RUN.finditer(span))


def reading(span: str) -> Fraction | None:
    """The number (or percentage) the span writes, per tally's reader; None if it is silent."""
    read = read_surface(span)
    return read.value if read.kind in (NUMBER, PERCENT) else None
