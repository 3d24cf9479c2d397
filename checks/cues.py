"""Find the qualifier cue right before or right after each span, for a whole corpus at once
(SPEC §4b).

The texts are laid end to end as one array of code points; the WINDOW code points before
every span are gathered into a matrix, folded through a lookup table (diacritics dropped,
hamza forms, ى/ي and ة/ه folded), compacted to the right, and matched against each cue
from its end, skipping trailing whitespace and punctuation. A cue starts a word or follows
one or two of the prefixes و ف ب ل (`بنحو`, `لأكثر من`, `وبنحو`). After the span, the
AFTER_WINDOW code points that follow are compacted to the left and the cues after (`على
الأقل`, `تقريبا`) are matched where the text resumes, or past the counted noun (one word, or
a noun and its adjective, separated by spaces only: `35 حافلة على الأقل`, `80,000 لاجئ
سوري تقريبا`). No per-row Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from checks.arabic import fold

if TYPE_CHECKING:
    from checks.codepoints import CodePoints

# SPEC §4b, as written; folded below. Feminine (ت-), plural and past forms of the verbs are
# listed beside the masculine present the SPEC names: news agrees the verb with its subject
# («بزيادة تقارب 115 بالمئة», «لا تقل عن 900», «سكان العراق يتخطون 46 مليونا»).
CUES_BEFORE: dict[str, tuple[str, ...]] = {
    "more_than": (
        "أكثر من", "أكثر", "ما يزيد عن", "ما يزيد على", "يزيد عن", "يزيد على", "تزيد عن",
        "تزيد على", "زاد عن", "زاد على", "أزيد من", "يربو على", "ما يربو على", "تربو على",
        "ما يفوق", "يفوق", "تفوق", "فاق", "فاقت", "تجاوز", "تجاوزت", "يتجاوز", "تتجاوز",
        "تخطى", "تخطت", "يتخطى", "تتخطى",
        # the plural: «يتخطون», «تجاوزوا», «يزيدون على»
        "يزيدون عن", "يزيدون على", "زادوا عن", "زادوا على", "يربون على", "يفوقون", "فاقوا",
        "تجاوزوا", "يتجاوزون", "تخطوا", "يتخطون",
    ),
    "about": (
        "نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقرب من", "يقرب من", "ما يقارب",
        "يقارب", "تقارب", "قارب", "قاربت", "ما يناهز", "يناهز", "تناهز", "ناهز", "ناهزت",
        "يقاربون", "قاربوا", "يناهزون", "ناهزوا",
    ),
    "at_least": (
        "ما لا يقل عن", "لا يقل عن", "لا تقل عن", "لن يقل عن", "لن تقل عن",
    ),
    "less_than": ("أقل من", "دون", "ما دون"),
    "at_most": (
        "ما لا يزيد عن", "ما لا يزيد على", "لا يزيد عن", "لا يزيد على", "لا تزيد عن",
        "لا تزيد على", "لا يتجاوز", "لا تتجاوز", "لا يتعدى", "لا تتعدى",
    ),
}  # fmt: skip


def _negated(verbs: tuple[str, ...], jussive: tuple[str, ...]) -> tuple[str, ...]:
    """A more_than (less_than) verb after a negation particle bounds the figure from the
    other side: «لا يتجاوز», «لن تتخطى», «لم تتجاوز», «لم يزد على» are at most, «لم يقل عن»
    at least. `لا`/`لن` take the present, `لم` the jussive (and, as news also writes, the
    present). `ما` is left out: before a present verb it is the relative «what»
    (`ما يزيد على` is more than, SPEC §4b)."""
    return tuple(
        f"{particle} {verb}"
        for particle, forms in (("لا", verbs), ("لن", verbs), ("لم", verbs + jussive))
        for verb in dict.fromkeys(forms)
    )


_MORE_VERBS = (
    "يزيد عن", "يزيد على", "تزيد عن", "تزيد على", "يتجاوز", "تتجاوز", "يتخطى", "تتخطى",
    "يتعدى", "تتعدى", "يفوق", "تفوق",
)  # fmt: skip
_MORE_JUSSIVE = (
    "يزد عن", "يزد على", "تزد عن", "تزد على", "يتخط", "تتخط", "يتعد", "تتعد", "يفق", "تفق",
)  # fmt: skip
CUES_BEFORE["at_most"] = tuple(
    dict.fromkeys(CUES_BEFORE["at_most"] + _negated(_MORE_VERBS, _MORE_JUSSIVE))
)
CUES_BEFORE["at_least"] = tuple(
    dict.fromkeys(CUES_BEFORE["at_least"] + _negated(("يقل عن", "تقل عن"), ()))
)
CUES_AFTER: dict[str, tuple[str, ...]] = {
    "about": ("تقريبا",),
    "at_least": ("على الأقل",),
    "at_most": ("على الأكثر",),
}
CUES: dict[str, str] = {  # folded cue -> qualifier
    fold(cue): qualifier for qualifier, cues in CUES_BEFORE.items() for cue in cues
}
AFTER: dict[str, str] = {
    fold(cue): qualifier for qualifier, cues in CUES_AFTER.items() for cue in cues
}
WINDOW = 24  # code points looked at before a span: the longest cue, two prefixes, marks
AFTER_WINDOW = 48  # after a span: a counted noun and its adjective, then the cue
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
_PREFIXES = np.array([ord(c) for c in "وفبل"], dtype=np.uint16)
_CONJUNCTIONS = np.array([ord(c) for c in "وف"], dtype=np.uint16)
_PREPOSITIONS = np.array([ord(c) for c in "بل"], dtype=np.uint16)
_PACKED = 4  # 64-bit words of 4 code points: a cue of up to 16 code points


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
    return _in_chunks(_cues, text, doc_pos, starts)


def _in_chunks(find, text: CodePoints, doc_pos: np.ndarray, at: np.ndarray) -> np.ndarray:
    """`find(text, docs, positions)` over the rows whose document has text, CHUNK rows at a
    time; -1 elsewhere."""
    out = np.full(len(at), -1, dtype=np.int16)
    known = doc_pos >= 0
    known[known] = text.lengths[doc_pos[known]] > 0
    rows = np.flatnonzero(known)
    for lo in range(0, len(rows), CHUNK):
        part = rows[lo : lo + CHUNK]
        out[part] = find(text, doc_pos[part], at[part])
    return out


def _cues(text: CodePoints, docs: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Cue codes for one chunk: a narrow look first, the full window only where needed."""
    start = np.minimum(np.maximum(starts, 0), text.lengths[docs])
    found = np.full(len(start), -1, dtype=np.int16)
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
    found = np.full(len(window), -1, dtype=np.int16)
    words = _packed(window)
    # Which code points may prefix a cue, judged once for the whole window.
    prefix = np.isin(window, _PREFIXES)
    # two prefixes: a conjunction, then a preposition («وبنحو», «فلأكثر من»)
    two = np.isin(window, _PREPOSITIONS)
    two[:, 1:] &= np.isin(window[:, :-1], _CONJUNCTIONS)
    for code, cue in enumerate(ORDERED):
        match = found < 0
        for word, (mask, expected) in zip(words, _PATTERNS[cue], strict=False):
            match &= (word & mask) == expected
        rows = np.flatnonzero(match)
        if not len(rows):
            continue
        c = WINDOW - len(cue) - 1  # the code point right before the cue
        boundary = ~word_mask[rows, c]
        prefixed = prefix[rows, c] & ~word_mask[rows, c - 1]
        prefixed |= two[rows, c] & ~word_mask[rows, c - 2]
        found[rows[boundary | prefixed]] = code
    return found


def _packed(window: np.ndarray) -> list[np.ndarray]:
    """The last 16 code points of each row as four 64-bit words, 4 code points (16 bits
    each) a word, the last code point in the lowest bits: a cue is then a masked compare."""
    n = 4 * _PACKED
    w = window[:, WINDOW - n :].astype(np.uint64)
    return [
        (w[:, n - 4 - 4 * j] << 48)
        | (w[:, n - 3 - 4 * j] << 32)
        | (w[:, n - 2 - 4 * j] << 16)
        | w[:, n - 1 - 4 * j]
        for j in range(_PACKED)
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


AFTER_ORDERED = sorted(AFTER, key=len, reverse=True)
_AFTER_CODES = [np.array([ord(c) for c in cue], dtype=np.uint16) for cue in AFTER_ORDERED]
_AFTER_LONGEST = max(map(len, AFTER_ORDERED))
_AFTER_FIRST = np.unique([codes[0] for codes in _AFTER_CODES])
_AFTER_TAILS = np.unique([int(c[-2]) << 16 | int(c[-1]) for c in _AFTER_CODES]).astype(np.uint32)
_SPACES = np.array([0x20, 0xA0, 0x09], dtype=np.uint16)


def after_cue_codes(text: CodePoints, doc_pos: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Index into `AFTER_ORDERED` of the cue right after each span, or after its counted noun
    (-1 where none); in chunks of rows as `cue_codes`."""
    return _in_chunks(_after, text, doc_pos, ends)


def _after(text: CodePoints, docs: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Cue codes for one chunk: only rows whose window holds the last two letters of some
    cue, ending a word, are read word by word (most figures have no cue after them)."""
    found = np.full(len(docs), -1, dtype=np.int8)
    window = _after_window(text, docs, ends)
    word = _word_mask(window)
    pair = (window[:, :-1].astype(np.uint32) << 16) | window[:, 1:]
    ends_word = np.ones_like(word[:, 1:])
    ends_word[:, :-1] = ~word[:, 2:]
    maybe = np.flatnonzero((np.isin(pair, _AFTER_TAILS) & ends_word).any(axis=1))
    if len(maybe):
        found[maybe] = _after_match(window[maybe], word[maybe])
    return found


def _after_window(text: CodePoints, docs: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The AFTER_WINDOW code points after each end, folded, marks moved to the right end;
    past the text: spaces."""
    lengths = text.lengths[docs]
    end = np.minimum(np.maximum(ends, 0), lengths)
    steps = np.arange(AFTER_WINDOW, dtype=np.int64)
    at = end[:, None] + steps[None, :]
    flat = (text.base[docs])[:, None] + np.minimum(at, np.maximum(lengths - 1, 0)[:, None])
    window = _FOLD[np.minimum(text.points[flat], _BMP - 1)]
    window[at >= lengths[:, None]] = 0x20
    # Left-align what folding kept: deleted marks (0) move to the right end.
    marked = (window == 0).any(axis=1)
    if marked.any():
        sub = window[marked]
        window[marked] = np.take_along_axis(sub, np.argsort(sub == 0, axis=1, kind="stable"), 1)
    return window


def _after_match(window: np.ndarray, word: np.ndarray) -> np.ndarray:
    space = np.isin(window, _SPACES)
    digit = (window >= 0x30) & (window <= 0x39) | (window >= 0x660) & (window <= 0x669)
    digit |= (window >= 0x6F0) & (window <= 0x6F9)
    idx = np.broadcast_to(np.arange(AFTER_WINDOW), window.shape)
    rows = np.arange(len(window))
    pad = np.full((len(window), _AFTER_LONGEST + 1), 0x20, dtype=np.uint16)
    padded = np.concatenate([window, pad], axis=1)
    padded_word = np.concatenate([word, np.zeros_like(pad, dtype=bool)], axis=1)

    def first(mask: np.ndarray, after: np.ndarray) -> np.ndarray:
        """First column at or after `after` where `mask` holds (AFTER_WINDOW where none)."""
        m = mask & (idx >= after[:, None])
        pos = np.argmax(m, axis=1)
        return np.where(m[rows, pos], pos, AFTER_WINDOW)

    found = np.full(len(window), -1, dtype=np.int8)
    start = first(~space, np.zeros(len(window), dtype=np.int64))
    ok = (start < AFTER_WINDOW) & word[rows, np.minimum(start, AFTER_WINDOW - 1)]
    for _ in range(3):  # the cue itself, or past one or two words of the counted noun
        here = np.minimum(start, AFTER_WINDOW - 1)
        # Only words that begin as some cue begins are compared with the cues.
        cand = np.flatnonzero(ok & (found < 0) & np.isin(window[rows, here], _AFTER_FIRST))
        if len(cand):
            at, pc, pw = here[cand], padded[cand], padded_word[cand]
            for code, cue in enumerate(AFTER_ORDERED):
                k = len(cue)
                cols = at[:, None] + np.arange(k + 1)[None, :]
                piece = np.take_along_axis(pc, cols[:, :k], axis=1)
                after_cue = np.take_along_axis(pw, cols[:, k:], axis=1)[:, 0]
                hit = (found[cand] < 0) & (piece == _AFTER_CODES[code]).all(axis=1) & ~after_cue
                found[cand[hit]] = code
        # Skip one word: letters only (a digit starts another figure), then spaces only.
        stop = first(~word, here)
        ok &= ~(digit & (idx >= here[:, None]) & (idx < stop[:, None])).any(axis=1)
        nxt = first(~space, stop)
        ok &= (stop < AFTER_WINDOW) & (nxt > stop) & (nxt < AFTER_WINDOW)
        ok &= word[rows, np.minimum(nxt, AFTER_WINDOW - 1)] & (found < 0)
        start = nxt
    return found


def find_cues_after(text: CodePoints, doc_pos: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The folded cue after each span (None where there is none)."""
    return np.array([*AFTER_ORDERED, None], dtype=object)[after_cue_codes(text, doc_pos, ends)]


def written_cue_after(text: object, end: int, cue: str) -> str:
    """The cue after a span as the text writes it, for messages (violating rows only)."""
    if not isinstance(text, str):
        return cue
    after = text[max(0, end) : end + 2 * AFTER_WINDOW]
    for i in range(len(after)):
        for k in range(len(cue), min(len(after) - i, 2 * len(cue)) + 1):
            if fold(after[i : i + k]) == cue:
                return after[i : i + k]
    return cue
