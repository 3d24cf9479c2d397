"""The extractor's shortcuts give what the slow forms they stand for give.

`part_cues._and_plain` runs the `_AND_QUALIFIED` regex only on a gap that ends in one of
`_AND_QUALIFIED_ENDS`; a form added to the regex without its last word there would be
skipped without a word. `_Words` keeps its tables per text (`tokens.derived`): two `_Words`
of one text share them, and each answers as one made from scratch.
"""

from __future__ import annotations

import random
import re

from checks.extract.relations.part_cues import (
    _AND_QUALIFIED,
    _AND_QUALIFIED_ENDS,
    _and_plain,
)
from checks.extract.relations.words import _CLAUSE_MARK_RE, _Words
from checks.extract.tokens import tokenize


def _alternatives(group: str) -> list[str]:
    """The top-level alternatives of a regex group's body."""
    out, depth, current = [], 0, ""
    for ch in group:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    return [*out, current]


def _last_words(form: str) -> list[str]:
    """The words a form of the regex can end in («ما\\s+يزيد\\s+(?:على|عن)» → على, عن)."""
    if form.endswith(")"):
        return _alternatives(form[form.rindex("(?:") + 3 : -1])
    return [re.split(r"\\s[+*]", form)[-1]]


def test_every_form_of_the_regex_ends_in_a_listed_word():
    body = re.search(r"و\(\?:(.*)\)\\s\*\$$", _AND_QUALIFIED.pattern).group(1)
    forms = _alternatives(body)
    assert len(forms) >= 8
    for form in forms:
        for word in _last_words(form):
            assert word in _AND_QUALIFIED_ENDS, (form, word)


def test_the_shortcut_gives_what_the_regex_gives():
    words = (
        "قتل", "12", "شخصا", "وأصيب", "،", "و", "نحو", "وأكثر", "من", "وما", "يزيد", "على",
        "وما", "لا", "يقل", "عن", "في", "المدينة",
    )  # fmt: skip
    rng = random.Random(5)
    for _ in range(3000):
        gap = "".join(rng.choice(words) + rng.choice((" ", "  ", "\n", "، ")) for _ in range(6))
        for s in (gap, gap.rstrip(), " و" + gap.split()[-1] + rng.choice(("", " ", "\n"))):
            assert _and_plain(s) == _AND_QUALIFIED.sub(r"\1و ", s)
    assert _and_plain("، ونحو ") == "، و "  # the form the shortcut exists for is still read


def test_words_tables_are_shared_and_match_a_fresh_reading():
    text = "قتل 12 شخصا، وأصيب 30 آخرون. وقالت الوزارة: إن 5 منهم أطفال؛ ونقلوا إلى المستشفى."
    tokens = tokenize(text)
    a, b = _Words(tokens, text), _Words(tokens, text)
    assert a.first_of is b.first_of and a._commas is b._commas
    assert a._commas == [m.start() for m in _CLAUSE_MARK_RE.finditer(text)]
    sentences = [t.sentence for t in tokens]
    for k, s in enumerate(sentences):
        assert a.first_of[k] == sentences.index(s)
        assert a.end_of[k] == len(sentences) - sentences[::-1].index(s)
    assert a.has(frozenset({"الوزاره"})) and not a.has(frozenset({"غائب"}))
    # another text's marks are never read through a list made for this one
    other = _Words(tokens, text + "،")
    assert other._commas[-1] == len(text)
