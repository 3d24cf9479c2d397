"""Arabic text normalization shared by the number parser, the cue rule and the date rule.

Folding is for comparison only: document text is never rewritten.
"""

from __future__ import annotations

import re

# harakat, tanween (also the open forms), sukun, shadda, dagger alif, Quranic marks; tatweel
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08f0-\u08f2\u0640]")
# Invisible marks that bidi-aware editors and CMSs leave inside words and numbers.
INVISIBLE = (
    "\u061c"  # Arabic letter mark
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space, (non-)joiner, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\ufeff"  # zero-width no-break space
)
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ی": "ي",  # Persian yeh and keheh, typed on Persian keyboards
        "ک": "ك",
        **dict.fromkeys(INVISIBLE),
    }
)
_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


# `str.translate` with a dict looks every character up in Python, which made folding a whole
# article cost about a millisecond. One C-speed `str.replace` per mapped character that
# occurs gives the same string (no replacement is itself mapped) about 15 times faster.
_FOLD_PAIRS = tuple((chr(k), v or "") for k, v in _FOLD.items())
_INVISIBLE_PAIRS = tuple((chr(k), "") for k in _INVISIBLE)


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def fold(text: str) -> str:
    """Remove diacritics and invisible marks; fold hamza forms, alif maqsura and ta marbuta.

    A short text (a word or a few: what the extractor's rules fold, some 250 times per
    article, most of them words met before) is folded once per process and then looked up
    (`_FOLDED`): one dict look-up instead of a regex and a dozen substring tests."""
    if len(text) <= _SHORT:
        folded = _FOLDED.get(text)
        if folded is None:
            if len(_FOLDED) >= _FOLDED_MAX:
                _FOLDED.clear()
            folded = _FOLDED[text] = _replace_all(_DIACRITICS.sub("", text), _FOLD_PAIRS)
        return folded
    return _replace_all(_DIACRITICS.sub("", text), _FOLD_PAIRS)


# short text -> `fold(text)`, forgotten all at once past `_FOLDED_MAX` entries
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 1 << 17
_SHORT = 40


def strip_marks(text: str) -> str:
    """Remove diacritics and invisible marks only: letters (and hamza) stay as written."""
    return _replace_all(_DIACRITICS.sub("", text), _INVISIBLE_PAIRS)


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)
