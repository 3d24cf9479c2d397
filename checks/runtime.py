"""Process-wide settings for the `tally` command (never applied on import)."""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed blocks for reuse instead of unmapping them.

    The rules allocate many short-lived numpy arrays of a few MB; by default glibc maps each
    with mmap and unmaps it on free, so every new array page-faults its memory in again. On
    a million mentions that is 10-20 % of the run. A no-op where glibc is not the allocator.
    """
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
