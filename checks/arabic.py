"""Arabic text normalization shared by the number parser, the cue rule and the date rule.

Folding is for comparison only: document text is never rewritten.
"""

from __future__ import annotations

import re

# harakat, tanween, sukun, shadda, dagger alif, Quranic marks; tatweel
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
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
        "\u200c": None,
        "\u200d": None,
        "\u200f": None,
        "\u200e": None,
    }
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def fold(text: str) -> str:
    """Remove diacritics and fold hamza forms, alif maqsura and ta marbuta."""
    return _DIACRITICS.sub("", text).translate(_FOLD)


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)
