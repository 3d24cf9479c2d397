"""Bytes in, or an `InputError` that says where and why: the one place input is opened.

Every reader gets its bytes here, so every reader names the same things on failure: the file
(or `-` for standard input), and for bytes that are not UTF-8 the first bad line and byte,
with a hint when the file looks like a legacy Arabic encoding.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import orjson

from checks.facts import InputError

STDIN = Path("-")
_BOM = b"\xef\xbb\xbf"
_ARABIC = range(0x0600, 0x0700)


def is_stdin(path: Path) -> bool:
    return str(path) == "-"


def display(path: Path) -> str:
    return "<stdin>" if is_stdin(path) else str(path)


def is_stream(path: Path) -> bool:
    """Standard input, or a pipe or device named by a path (`<(cmd)`, /dev/stdin): input
    that can be read once only, so it is read whole and kept."""
    if is_stdin(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


_streams: dict[str, bytes] = {}


def read_bytes(path: Path) -> bytes:
    """The whole input (a UTF-8 byte-order mark dropped); a stream is read once and kept."""
    if is_stream(path):
        key = str(path)
        if key not in _streams:
            try:
                _streams[key] = (
                    sys.stdin.buffer.read() if is_stdin(path) else Path(path).read_bytes()
                )
            except OSError as exc:
                raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
        data = _streams[key]
    else:
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise InputError(str(path), "is a folder where a file was expected") from None
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return data[len(_BOM) :] if data.startswith(_BOM) else data


def encoding_error(where: str, data: bytes, first_line: int = 1) -> InputError | None:
    """An error naming the first byte that is not UTF-8, or None when all of it is UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        return InputError(
            f"{where}:{line}",
            f"not UTF-8: byte 0x{byte:02x} at column {col} (byte offset {exc.start})"
            + _encoding_hint(data),
        )
    return None


def _encoding_hint(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "; the file is UTF-16: re-save it as UTF-8"
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return "; re-save the file as UTF-8"
    arabic = sum(ord(c) in _ARABIC for c in text[:20000])
    if arabic >= 3:
        return (
            "; it looks like Windows-1256 (Arabic): convert it with "
            "`iconv -f cp1256 -t utf-8 FILE > FILE.utf8`"
        )
    return "; it looks like Latin-1 or another 8-bit encoding: re-save the file as UTF-8"


_NON_FINITE = re.compile(rb"[:\[,]\s*-?(?:NaN|Infinity)\b|\d[eE]\+?\d{3,}")


def not_json(
    where: str, data: bytes, exc: orjson.JSONDecodeError, first_line: int = 1
) -> InputError:
    """The error for bytes orjson refused: bad encoding first, then the JSON fault's line
    (orjson counts lines itself; its `pos` is in characters, not bytes)."""
    bad_bytes = encoding_error(where, data, first_line)
    if bad_bytes is not None:
        return bad_bytes
    line = first_line + exc.lineno - 1
    hint = ""
    if _NON_FINITE.search(data):
        hint = "; NaN, Infinity and numbers beyond double range are not JSON numbers"
    return InputError(f"{where}:{line}", f"not valid JSON ({exc.msg}, column {exc.colno}){hint}")
