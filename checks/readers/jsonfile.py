"""Read one whole JSON file, or say which file and line make it unusable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from checks.readers.source import display, not_json, read_bytes


def read_json(path: Path, data: bytes | None = None) -> Any:
    data = read_bytes(path) if data is None else data
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise not_json(display(path), data, exc) from None
