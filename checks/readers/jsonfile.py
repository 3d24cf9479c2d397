"""Read one whole JSON file, or say which file and line make it unusable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from checks.facts import InputError


def read_json(path: Path, data: bytes | None = None) -> Any:
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        line = data[: exc.pos].count(b"\n") + 1
        raise InputError(f"{path}:{line}", f"not valid JSON or not UTF-8 ({exc.msg})") from None
