"""Process-wide settings for the `tally` command (never applied on import)."""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def tune_memory() -> bool:
    """Make fresh memory cheap for the rules' many short-lived arrays of a few MB.

    Two costs, both paid in the kernel on first touch. By default glibc maps each such
    array with mmap and unmaps it on free, so every new array page-faults its memory in
    again: keep freed blocks for reuse instead. And numpy asks for transparent huge pages on
    every array over 4 MB; where the kernel's THP defrag is `madvise` (common, and the case
    on the machines tally is measured on) each such fault compacts memory synchronously: on
    a million mentions that was 0.3 s of system time in a 1.5 s run, for no gain once the
    heap is reused. Returns whether glibc took the settings (a no-op elsewhere).
    """
    _no_huge_page_advice()
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    ok = mallopt(_M_MMAP_THRESHOLD, 256 * 2**20) == 1
    return ok and mallopt(_M_TRIM_THRESHOLD, 512 * 2**20) == 1


def _no_huge_page_advice() -> None:
    import numpy as np

    setter = getattr(np._core.multiarray, "_set_madvise_hugepage", None)  # private: may go
    if setter is not None:
        setter(False)
