"""Find the qualifier cue that ends right before each span, for a whole corpus at once.

The texts are laid end to end as one array of code points; the WINDOW code points before
every span are gathered into a matrix, folded through a lookup table (diacritics dropped,
hamza forms, ى/ي and ة/ه folded), compacted to the right, and matched against each cue
from its end, skipping trailing whitespace and punctuation. No per-row Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from checks.arabic import fold

if TYPE_CHECKING:
    from checks.codepoints import CodePoints

CUES: dict[str, str] = {  # folded cue -> qualifier, longest first when matching
    "ما لا يقل عن": "at_least",
    "ما يزيد عن": "more_than",
    "اكثر من": "more_than",
    "اقل من": "less_than",
    "اكثر": "more_than",
    "نحو": "about",
    "حوالي": "about",
    "قرابه": "about",
    "زهاء": "about",
}
WINDOW = 20  # code points looked at before a span: the longest cue, a prefix, marks
NARROW = 4  # the first look: a cue's last two letters and a little punctuation after them
ORDERED = sorted(CUES, key=len, reverse=True)  # the order cues are matched in
_BMP = 0x10000
CHUNK = 16384


def _fold_table() -> np.ndarray:
    table = np.arange(_BMP, dtype=np.uint16)
    for cp in range(0x0600, 0x0700):
        folded = fold(chr(cp))
        table[cp] = ord(folded) if folded else 0
    for cp in (0x200C, 0x200D, 0x200E, 0x200F):
        table[cp] = 0
    table[_BMP - 1] = 0xFFFF  # stands for every astral character: not a letter
    return table


_FOLD = _fold_table()
_CODES = {cue: np.array([ord(c) for c in cue], dtype=np.uint16) for cue in CUES}
_TAILS = np.array([ord(c[-2]) << 16 | ord(c[-1]) for c in CUES], dtype=np.uint32)
_PREFIXES = np.array([ord("و"), ord("ف")], dtype=np.uint16)


def _word_mask(codes: np.ndarray) -> np.ndarray:
    """Letters and digits (a cue must stand as whole words)."""
    arabic = (codes >= 0x0620) & (codes <= 0x064A) | (codes >= 0x0660) & (codes <= 0x0669)
    arabic |= (codes >= 0x0671) & (codes <= 0x06D3) | (codes >= 0x06F0) & (codes <= 0x06F9)
    latin = (codes >= 0x30) & (codes <= 0x39) | (codes >= 0x41) & (codes <= 0x5A)
    latin |= (codes >= 0x61) & (codes <= 0x7A) | (codes >= 0xC0) & (codes <= 0x24F)
    return arabic | latin


def find_cues(text: CodePoints, doc_pos: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The folded cue ending right before each span (None where there is none)."""
    codes = cue_codes(text, doc_pos, starts)
    return np.array([*ORDERED, None], dtype=object)[codes]


def cue_codes(text: CodePoints, doc_pos: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Index into `ORDERED` of the cue ending right before each span (-1 where none).

    Works in chunks of rows so the window matrices stay in cache and memory is reused.
    """
    out = np.full(len(starts), -1, dtype=np.int8)
    known = doc_pos >= 0
    known[known] = text.lengths[doc_pos[known]] > 0
    rows = np.flatnonzero(known)
    for lo in range(0, len(rows), CHUNK):
        part = rows[lo : lo + CHUNK]
        out[part] = _cues(text, doc_pos[part], starts[part])
    return out


def _cues(text: CodePoints, docs: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Cue codes for one chunk: a narrow look first, the full window only where needed."""
    start = np.minimum(np.maximum(starts, 0), text.lengths[docs])
    found = np.full(len(start), -1, dtype=np.int8)
    maybe = np.flatnonzero(_may_end_cue(_window(text, docs, start, NARROW)))
    if len(maybe):
        found[maybe] = _match(_window(text, docs[maybe], start[maybe], WINDOW))
    return found


def _window(text: CodePoints, docs: np.ndarray, start: np.ndarray, width: int) -> np.ndarray:
    """The `width` code points before each start, folded to 16 bits (astral characters
    become a non-word placeholder); before the text: spaces."""
    steps = np.arange(-width, 0, dtype=np.int64)
    flat = (text.base[docs] + start)[:, None] + steps[None, :]
    window = _FOLD[np.minimum(text.points[np.maximum(flat, 0)], _BMP - 1)]
    window[(start[:, None] + steps[None, :]) < 0] = 0x20
    return window


def _may_end_cue(narrow: np.ndarray) -> np.ndarray:
    """Rows that could hold a cue, judged from the last NARROW code points: a cue ends in two
    letters, so without marks (folded to 0) the last two letters seen here must end one.
    Rows this look cannot judge (marks, or no two letters in sight) go to the full window."""
    word = _word_mask(narrow)
    last = NARROW - 1 - np.argmax(word[:, ::-1], axis=1)
    rows = np.arange(len(narrow))
    tail = (narrow[rows, np.maximum(last - 1, 0)].astype(np.uint32) << 16) | narrow[rows, last]
    unsure = (narrow == 0).any(axis=1) | ~word.any(axis=1) | (last < 1)
    return unsure | np.isin(tail, _TAILS)


def _match(window: np.ndarray) -> np.ndarray:
    # Right-align what folding kept: deleted marks (0) move to the left, in the rows that have any.
    marked = (window == 0).any(axis=1)
    if marked.any():
        sub = window[marked]
        window[marked] = np.take_along_axis(sub, np.argsort(sub != 0, axis=1, kind="stable"), 1)
    # Shift each row so that its last letter or digit ends the row.
    word_mask = _word_mask(window)
    trailing = np.argmax(word_mask[:, ::-1], axis=1)
    trailing[~word_mask.any(axis=1)] = WINDOW
    shifted = trailing > 0
    if shifted.any():
        idx = np.arange(WINDOW)[None, :] - trailing[shifted][:, None]
        moved = np.take_along_axis(window[shifted], np.maximum(idx, 0), axis=1)
        moved[idx < 0] = 0x20
        window[shifted] = moved
        word_mask[shifted] = _word_mask(moved)
    found = np.full(len(window), -1, dtype=np.int8)
    words = _packed(window)
    for code, cue in enumerate(ORDERED):
        k = len(cue)
        match = found < 0
        for word, (mask, expected) in zip(words, _PATTERNS[cue], strict=False):
            match &= (word & mask) == expected
        boundary = ~word_mask[:, WINDOW - k - 1]
        prefixed = np.isin(window[:, WINDOW - k - 1], _PREFIXES) & ~word_mask[:, WINDOW - k - 2]
        found[match & (boundary | prefixed)] = code
    return found


def _packed(window: np.ndarray) -> list[np.ndarray]:
    """The last 12 code points of each row as three 64-bit words, 4 code points (16 bits
    each) a word, the last code point in the lowest bits: a cue is then a masked compare."""
    w = window[:, WINDOW - 12 :].astype(np.uint64)
    return [
        (w[:, 8 - 4 * j] << 48)
        | (w[:, 9 - 4 * j] << 32)
        | (w[:, 10 - 4 * j] << 16)
        | w[:, 11 - 4 * j]
        for j in range(3)
    ]


def _pattern(cue: str) -> list[tuple[int, int]]:
    """(mask, expected) per packed word the cue reaches, for `_packed`."""
    out = []
    for j in range(0, len(cue), 4):
        mask = expected = 0
        for i in range(j, min(j + 4, len(cue))):  # i-th code point from the end
            shift = 16 * (i - j)
            mask |= 0xFFFF << shift
            expected |= ord(cue[-1 - i]) << shift
        out.append((np.uint64(mask), np.uint64(expected)))
    return out


_PATTERNS = {cue: _pattern(cue) for cue in CUES}


_BETWEEN = " \t\n\r\u00a0\u200f\u200e\u061c.,،:;\"'«»()[]-–—"


def written_cue(text: object, start: int, cue: str) -> str:
    """The cue as the text writes it (`أكثر من`, not the folded `اكثر من`), for messages:
    the shortest stretch ending before the span (past whitespace and punctuation) whose
    folded form is the cue. Called for violating rows only."""
    if not isinstance(text, str):
        return cue
    before = text[max(0, start - 3 * WINDOW) : max(0, start)].rstrip(_BETWEEN)
    for k in range(len(cue), len(before) + 1):
        piece = before[-k:]
        if fold(piece) == cue:
            return piece
    return cue
