"""INV and DIR cases from documents with gold QUANTITY mentions.

Each case is the original text with a few `Edit`s; its offsets come from the edits' map.
What the change must do is checked against tally's reader before the case is kept: a digit
rewrite that tally would not read as the same number is not generated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from checks.arabic import fold
from checks.codepoints import CodePoints
from checks.cues import CUES, find_cues, written_cue
from checks.numbers import NUMBER, read_surface
from checks.probe import numerals
from checks.probe.cases import DIR, INV, NO_PART_OF, QUALIFIER, SAME, SCALED, Case, Original
from checks.probe.cuewords import AFTER, AFTER_SWAPS, SWAPS, qualifier_of
from checks.probe.edits import Edit, apply

CLITICS = {"و": "waw", "ب": "ba", "ل": "lam"}
_CLITIC_LETTERS = "وفبل"
_SPACE = " \u00a0"
_GAP = " \t\n\u00a0\u200f\u200e\u061c.,،:;\"'«»()[]-–—"  # between a figure and a cue
_WORD_END = re.compile(r"[\s.,،:;!?؟«»()\[\]\"']")
# Counted nouns that can stand in for one another (masculine; the ending a noun carries in
# the text, `ًا` or `ا` or none, stays as it was).
NOUN_GROUPS = (
    ("شخص", "مدني", "مسلح", "مقاتل", "مصاب", "جريح", "مواطن", "لاجئ", "نازح", "طفل"),
    ("منزل", "بيت", "متجر", "مصنع", "مستودع"),
)
_NOUN_ENDINGS = ("", "ا", "ًا", "اً", "ٍ", "ٌ")


@dataclass(frozen=True)
class Gold:
    """One gold QUANTITY of a source document."""

    doc: Original
    id: str
    start: int
    end: int
    qualifier: str | None = None  # the gold's: a whole's upper bound depends on it

    @property
    def span(self) -> str:
        return self.doc.text[self.start : self.end]


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", s.lower()).strip("-.") or "x"


def gold_figures(docs: pd.DataFrame, mentions: pd.DataFrame) -> tuple[list[Original], list[Gold]]:
    """The documents with text (as originals to send) and their gold QUANTITY mentions whose
    offsets hold their text."""
    originals, figures = [], []
    by_doc = mentions[mentions["label"] == "QUANTITY"].groupby("doc_id", sort=False)
    groups = dict(list(by_doc))
    for doc_id, text, published in zip(
        docs["doc_id"], docs["text"], docs["published"], strict=True
    ):
        if not isinstance(text, str):
            continue
        doc = Original(f"orig.{slug(doc_id)}", text, published)
        originals.append(doc)
        g = groups.get(doc_id)
        if g is None:
            continue
        rows = zip(g["id"], g["start"], g["end"], g["text"], g["qualifier"], strict=True)
        for mid, s, e, t, q in rows:
            if 0 <= s < e <= len(text) and (t is None or text[s:e] == t):
                figures.append(Gold(doc, str(mid), int(s), int(e), q))
    return originals, sorted(figures, key=lambda f: (f.doc.id, f.start))


class Builder:
    """Turns (gold figure, edits, expectation) into cases with unique ids."""

    def __init__(self) -> None:
        self.cases: list[Case] = []
        self._ids: set[str] = set()

    def add(
        self,
        g: Gold,
        kind: str,
        key: str,
        test: str,
        capability: str,
        edits: list[Edit],
        check: str,
        change: str,
        **extra,
    ) -> Case:
        text, offsets = apply(g.doc.text, edits)
        span = offsets.span(g.start, g.end)
        base = f"{kind.lower()}.{key}.{g.doc.id.removeprefix('orig.')}.{slug(g.id)}"
        cid, n = base, 1
        while cid in self._ids:
            n += 1
            cid = f"{base}.{n}"
        self._ids.add(cid)
        whole = extra.pop("source_whole", None)
        case = Case(
            cid,
            test,
            capability,
            kind,
            text,
            span,
            check,
            change,
            source=g.doc.id,
            source_span=(g.start, g.end),
            offsets=offsets,
            whole=offsets.span(*whole) if whole else None,
            source_whole=whole,
            published=g.doc.published,
            **extra,
        )
        self.cases.append(case)
        return case


def _rewrite(span: str, script: str | None = None, grouped: bool | None = None) -> list[Edit]:
    """Edits (relative to the span) that rewrite every digit run in `script` / grouping."""
    edits = []
    for m in numerals.runs(span):
        run = m.group()
        n = int(numerals.digits_only(run))
        s = script or numerals.script_of(run)
        g = numerals.is_grouped(run) if grouped is None else grouped
        new = numerals.render(n, s, g)
        if new != run:
            edits.append(Edit(m.start(), m.end(), new))
    return edits


def _shift(edits: list[Edit], by: int) -> list[Edit]:
    return [Edit(e.start + by, e.end + by, e.new) for e in edits]


def _same_number(old: str, edits: list[Edit]) -> bool:
    new, _ = apply(old, edits)
    before = numerals.reading(old)
    return before is not None and numerals.reading(new) == before


def digit_cases(b: Builder, g: Gold) -> None:
    span = g.span
    found = numerals.runs(span)
    if not found or numerals.reading(span) is None:
        return
    current = {numerals.script_of(m.group()) for m in found}
    for script, name in numerals.SCRIPT_NAMES.items():
        if current == {script}:
            continue
        edits = _rewrite(span, script)
        if edits and _same_number(span, edits):
            new, _ = apply(span, edits)
            b.add(
                g,
                INV,
                f"digits-{script}",
                f"{name} digits",
                "digits",
                _shift(edits, g.start),
                SAME,
                f"{span} → {new}",
            )
    grouped = any(numerals.is_grouped(m.group()) for m in found)
    long_runs = any(len(numerals.digits_only(m.group())) >= 4 for m in found)
    variants = []
    if grouped:
        variants.append(("separators-removed", "separators removed", None, False))
    elif long_runs:
        variants.append(("separators-added", "separators added", None, True))
        if current == {"western"}:
            variants.append(
                ("separators-arabic", "Arabic-Indic digits with ٬", "arabic_indic", True)
            )
    for key, test, script, group in variants:
        edits = _rewrite(span, script, group)
        if edits and _same_number(span, edits):
            new, _ = apply(span, edits)
            b.add(g, INV, key, test, "separators", _shift(edits, g.start), SAME, f"{span} → {new}")


def cue_before(text: str, start: int) -> tuple[int, int, str] | None:
    """(start, end, folded cue) of the qualifier cue right before `start`, found by tally's
    own cue finder; None when there is none."""
    codes = find_cues(CodePoints.of(pd.Series([text])), np.zeros(1, np.int64), np.array([start]))
    cue = codes[0]
    if cue is None:
        return None
    piece = written_cue(text, start, cue)
    at = text.rfind(piece, max(0, start - 60), start)
    if at < 0 or fold(piece) != cue or any(ch.isalnum() for ch in text[at + len(piece) : start]):
        return None
    return at, at + len(piece), cue


def _attached(text: str, at: int) -> bool:
    """A clitic letter is attached right before `at` (itself after a space or the start)."""
    return (
        at >= 1 and text[at - 1] in _CLITIC_LETTERS and (at == 1 or text[at - 2] in _SPACE + "\n")
    )


# A clitic changes the syntax around a figure where the words before it govern it: a range
# («بين 18 و30», «من 15 إلى 17»), or a cue verb away from it («لا يتجاوز الإنتاج 26 ألفا»:
# «… و26 ألفا» opens another clause). There a clitic is no invariance, so none is attached.
_ARTICLE = re.compile(r"(?<![\w\u0640])[وفبلك]?ال\u0640*\s?$")
_RANGE_WORDS = frozenset(fold(w) for w in ("من", "بين", "إلى", "حتى"))
# The prepositions a figure may carry, one for the other («ب337» ↔ «ل337»); a conjunction
# («و20 ألفا» in a list whose first item names the unit) carries the list's syntax.
_PREPOSITIONS = "بل"


def _governed(text: str, s: int, qualifier: str | None) -> bool:
    """The figure at `s` has a qualifier, or the word before it opens a range."""
    if qualifier not in (None, "exact"):
        return True
    words = text[max(0, s - 12) : s].split()
    return bool(words) and fold(words[-1]) in _RANGE_WORDS


def clitic_cases(b: Builder, g: Gold) -> None:
    text, s = g.doc.text, g.start
    cue = cue_before(text, s)
    if _attached(text, s):  # `ب337` → `ل337`
        old = text[s - 1]
        if old not in _PREPOSITIONS or _governed(text, s - 1, g.qualifier):
            return
        for letter, name in CLITICS.items():
            if letter != old and letter in _PREPOSITIONS:
                b.add(
                    g,
                    INV,
                    f"clitic-swapped-{name}",
                    "clitic swapped",
                    "clitics",
                    [Edit(s - 1, s, letter)],
                    SAME,
                    f"{old}{g.span} → {letter}{g.span}",
                )
    elif cue is not None:  # `أكثر من 4500` → `وأكثر من 4500`
        at = cue[0]
        if at == 0 or text[at - 1] in _SPACE + "\n":
            for letter, name in CLITICS.items():
                b.add(
                    g,
                    INV,
                    f"clitic-on-cue-{name}",
                    "clitic on the cue",
                    "clitics",
                    [Edit(at, at, letter)],
                    SAME,
                    f"{text[at : cue[1]]} → {letter}{text[at : cue[1]]}",
                )
    elif (
        numerals.runs(g.span[:1])
        and s > 0
        and text[s - 1] in _SPACE + "\n"
        and not _governed(text, s, g.qualifier)
    ):  # `4500` → `و4500`
        for letter, name in CLITICS.items():
            b.add(
                g,
                INV,
                f"clitic-attached-{name}",
                "clitic attached",
                "clitics",
                [Edit(s, s, letter)],
                SAME,
                f"{g.span} → {letter}{g.span}",
            )


def next_word(text: str, at: int) -> tuple[int, int] | None:
    """The word after `at` past spaces (one line), or None."""
    i = at
    while i < len(text) and text[i] in _SPACE:
        i += 1
    if i == at or i >= len(text):
        return None
    m = _WORD_END.search(text, i)
    end = m.start() if m else len(text)
    return (i, end) if end > i else None


# Words after a figure that are not what it counts: particles, and words a conjunction starts.
_PARTICLES = {fold(w) for w in ("من", "في", "على", "إلى", "عن", "منهم", "بينهم", "أو", "ثم")}


def _counted_noun(word: str) -> bool:
    """Whether the word after a figure can be its counted noun (a cue may follow it)."""
    return (
        len(word) >= 3
        and fold(word) not in _PARTICLES
        and not word.startswith(("و", "ف"))
        and not numerals.runs(word)
    )


def _noun_swap(word: str) -> Iterator[tuple[str, str]]:
    for group in NOUN_GROUPS:
        for stem in sorted(group, key=len, reverse=True):
            if word.startswith(stem) and word[len(stem) :] in _NOUN_ENDINGS:
                rest = word[len(stem) :]
                for other in group:
                    if other != stem:
                        yield other, other + rest
                return


def noun_cases(b: Builder, g: Gold, limit: int = 2) -> None:
    if numerals.reading(g.span) is None:
        return
    word = next_word(g.doc.text, g.end)
    if word is None:
        return
    old = g.doc.text[word[0] : word[1]]
    for n, (_, new) in enumerate(_noun_swap(old)):
        if n >= limit:
            break
        b.add(
            g,
            INV,
            "noun",
            "counted noun changed",
            "counted noun",
            [Edit(word[0], word[1], new)],
            SAME,
            f"{old} → {new}",
        )


def _changed(n: int) -> int:
    """4500 → 5500, 9500 → 8500: the leading digit moved by one."""
    step = 10 ** (len(str(n)) - 1)
    return n + step if str(n)[0] != "9" else n - step


_PLURAL_SCALES = {fold(w) for w in ("آلاف", "ألوف", "ملايين", "مليارات")}


def _plural_scale(span: str) -> bool:
    return any(w in _PLURAL_SCALES for w in fold(span).split())


def value_cases(b: Builder, g: Gold) -> None:
    span = g.span
    found = numerals.runs(span)
    before = numerals.reading(span)
    if len(found) != 1 or not before:
        return
    run = found[0].group()
    n = int(numerals.digits_only(run))
    script, grouped = numerals.script_of(run), numerals.is_grouped(run)
    for key, test, new_n in (
        ("value-step", "value changed", _changed(n)),
        ("value-times-10", "value ×10", n * 10),
    ):
        if new_n <= 0 or (_plural_scale(span) and not 3 <= new_n <= 10):
            continue  # `4 آلاف` → `5 آلاف`, never `40 آلاف` (the plural counts 3 to 10)
        new_run = numerals.render(new_n, script, grouped)
        edits = [Edit(found[0].start(), found[0].end(), new_run)]
        new_span, _ = apply(span, edits)
        after = numerals.reading(new_span)
        if after is None or after == before:
            continue
        b.add(
            g,
            DIR,
            key,
            test,
            "value",
            _shift(edits, g.start),
            SCALED,
            f"{span} → {new_span}",
            ratio=Fraction(after) / Fraction(before),
        )


def after_cue(text: str, end: int) -> str | None:
    """The cue after the figure, or after the one word that follows it (SPEC §4b)."""
    folded = fold(text[end : end + 40])
    word = next_word(text, end)
    starts = [folded]
    if word is not None:
        starts.append(fold(text[word[1] : word[1] + 40]))
    for rest in starts:
        rest = rest.lstrip(_GAP)
        for cue in AFTER:
            c = fold(cue)
            if rest.startswith(c) and (len(rest) == len(c) or not rest[len(c)].isalnum()):
                return cue
    return None


def cue_cases(b: Builder, g: Gold) -> None:
    text, s = g.doc.text, g.start
    if numerals.reading(g.span) is None or after_cue(text, g.end) is not None:
        return  # a cue after the figure decides its reading: no change before it is clean
    cue = cue_before(text, s)
    if cue is None:  # `337` → `أكثر من 337`, `نحو 337` (a figure in digits, no clitic in it)
        if not numerals.runs(g.span[:1]) or _governed(text, s, g.qualifier):
            return  # a range's bound («من 15 إلى 17») takes no cue of its own
        if _ARTICLE.search(text, max(0, s - 4), s):
            return  # a definite numeral («الساعات الـ24», «الولايات الـ58») is an adjective
        at = s
        for new in ("أكثر من", "نحو"):
            b.add(
                g,
                DIR,
                f"cue-added-{slug(qualifier_of(new))}",
                "cue added",
                "cues",
                [Edit(at, at, new + " ")],
                QUALIFIER,
                f"{g.span} → {new} {g.span}",
                qualifier=qualifier_of(new),
            )
        return
    c0, c1, folded = cue
    written = text[c0:c1]
    b.add(
        g,
        DIR,
        "cue-removed",
        "cue removed",
        "cues",
        [Edit(c0, s, "")],
        QUALIFIER,
        f"{written} {g.span} → {g.span}",
        qualifier="exact",
    )
    for new in SWAPS:
        if qualifier_of(new) == CUES.get(folded):
            continue  # the same reading: not a direction
        b.add(
            g,
            DIR,
            f"cue-swapped-{slug(qualifier_of(new))}",
            "cue swapped",
            "cues",
            [Edit(c0, c1, new)],
            QUALIFIER,
            f"{written} → {new}",
            qualifier=qualifier_of(new),
        )
    word = next_word(text, g.end)
    if word is None or not _counted_noun(text[word[0] : word[1]]):
        return
    for new in AFTER_SWAPS:  # `أكثر من 4500 مسلحا` → `4500 مسلحا على الأقل`
        b.add(
            g,
            DIR,
            f"cue-after-{slug(AFTER[new])}",
            "cue moved after the noun",
            "cues",
            [Edit(c0, s, ""), Edit(word[1], word[1], " " + new)],
            QUALIFIER,
            f"{written} {g.span} {text[word[0] : word[1]]} → {g.span} "
            f"{text[word[0] : word[1]]} {new}",
            qualifier=AFTER[new],
        )


def _round_up(x: Fraction) -> int:
    """`x` rounded up to two significant digits, as a figure is reported (19,000; 400,000)."""
    n = math.ceil(x)
    step = 10 ** max(0, len(str(n)) - 2)
    return -(-n // step) * step


UNBOUNDED_ABOVE = frozenset({"more_than", "at_least"})


def part_whole_cases(b: Builder, g: Gold, wholes: list[Gold]) -> None:
    """The part's figure made larger than its whole's: a part written in digits alone gets
    twice the whole's count, rounded as news rounds (`4500` under `9500` → `19000`). Shares
    (a percent part of a count) are left alone: a share is compared with 100, not the whole.
    So is a whole with no upper bound (`أكثر من 9500`, SPEC §3: [9501, ∞)): any part fits in
    it, so no figure is larger than it."""
    run = numerals.RUN.fullmatch(g.span)
    if run is None or read_surface(g.span).kind != NUMBER:
        return
    for w in wholes:
        if w.qualifier in UNBOUNDED_ABOVE:
            continue
        read = read_surface(w.span)
        if read.kind != NUMBER or read.value is None or read.value <= 0:
            continue
        whole = read.value
        new_run = numerals.render(
            _round_up(2 * whole), numerals.script_of(g.span), numerals.is_grouped(g.span)
        )
        edits = [Edit(0, len(g.span), new_run)]
        new_span, _ = apply(g.span, edits)
        after = numerals.reading(new_span)
        if after is None or after <= whole:
            continue
        b.add(
            g,
            DIR,
            "part-larger",
            "part larger than its whole",
            "part-whole",
            _shift(edits, g.start),
            NO_PART_OF,
            f"{g.span} → {new_span} (whole {w.span})",
            source_whole=(w.start, w.end),
        )


def perturbations(
    originals: list[Original], figures: list[Gold], relations: pd.DataFrame
) -> list[Case]:
    """Every INV and DIR case the gold figures allow, in a stable order."""
    b = Builder()
    by_id = {(f.doc.id, f.id): f for f in figures}
    doc_of = {o.id: o for o in originals}
    part_of: dict[tuple[str, str], list[Gold]] = {}
    rel = relations[relations["type"] == "part_of"]
    for doc_id, src, dst in zip(rel["doc_id"], rel["from"], rel["to"], strict=True):
        key = f"orig.{slug(doc_id)}"
        if key in doc_of and (key, dst) in by_id:
            part_of.setdefault((key, src), []).append(by_id[(key, dst)])
    for g in figures:
        digit_cases(b, g)
        clitic_cases(b, g)
        noun_cases(b, g)
        value_cases(b, g)
        cue_cases(b, g)
        part_whole_cases(b, g, part_of.get((g.doc.id, g.id), []))
    return b.cases
