"""All document texts end to end as one array of code points, for vectorized windows and
comparisons (offsets are code points: see `checks.offsets`)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pandas as pd


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


@dataclass(frozen=True)
class CodePoints:
    """Texts laid end to end; `base[i]` is where text i starts."""

    points: np.ndarray  # uint32
    base: np.ndarray  # where each document starts in `points`
    lengths: np.ndarray  # each document's length (0 when it has no text)
    known: np.ndarray  # whether the document has a text at all (even an empty one)

    @classmethod
    def of(cls, texts: pd.Series) -> CodePoints:
        values = texts.to_numpy(dtype=object, copy=True)
        known = np.fromiter(map(isinstance, values, repeat(str)), dtype=bool, count=len(values))
        values[~known] = ""
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        points = code_points("".join(values))
        base = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        return cls(points, base, lengths, known)
