"""The sentence before a figure's, for the day's toll under the toll to date.

A daily statement gives the toll to date («ارتفعت حصيلة الشهداء إلى …»), then the dead
and the wounded of the last hours («خلال الـ24 ساعة الماضية»), each a part of the running
toll of its own kind. Wires put each sentence on a line of its own: the sentence before a
figure's is the last one with words, whatever the line breaks between them count.
"""

from __future__ import annotations

from checks.extract.model import Mention
from checks.extract.relations.words import _Words


def words_sentence_before(words: _Words, q: Mention) -> int:
    """The number of the sentence with words before the one of `q` (its own number less one
    when it opens the text): a full stop and a line break after it end one sentence, not
    two."""
    first = words.first_of[q.first] if q.first < len(words.first_of) else q.first
    return words.sentences[first - 1] if first > 0 else q.sentence - 1
