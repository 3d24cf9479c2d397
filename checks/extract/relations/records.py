"""A team's record: its wins, draws and losses are parts of the matches it played.

Sports pages tell a season or a campaign as a count of matches and its outcomes, in one
sentence, in either order: «38 مباراة، حصيلة 26 انتصارا وتسعة تعادلات وثلاث هزائم», «جمعها
من 19 انتصارا و7 تعادلات، مقابل 4 هزائم في 30 مباراة». No part cue need stand there: the
nouns of the outcomes say it. The outcomes of one record are joined by «و» or set against
one another by «مقابل», each with its noun right after it (a dual carries its own: «وهزيمتين»);
the matches are the nearest count of matches in the sentence. Outcomes that add up to more
than the matches are the slip `part_whole.sum` reports.
"""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.words import _skeleton, _Words

# The outcomes' nouns, by their consonant skeleton (`_skeleton`): «فوز/فوزا/فوزين»,
# «انتصار/انتصارات», «تعادل/تعادلات/تعادلين», «هزيمة/هزائم/هزيمتين», «خسارة/خسائر».
_OUTCOMES = frozenset(
    _skeleton(w)
    for w in (
        *("فوز", "فوزا", "فوزين", "انتصار", "انتصارا", "انتصارات", "انتصارين"),
        *("تعادل", "تعادلا", "تعادلات", "تعادلين"),
        *("هزيمة", "هزائم", "هزيمتين", "خسارة", "خسارتين"),
    )
)
_MATCHES = frozenset(
    _skeleton(w) for w in ("مباراة", "مباريات", "مباراتين", "لقاء", "لقاءات", "مواجهة", "مواجهات")
)
_JOINS = frozenset(fold(w) for w in ("و", "مقابل", "ومقابل"))
RECORD_GAP = 3  # words between two outcomes of one record, its joining word among them


def record_parts(words: _Words, fig: _Figures, rels: list[dict]) -> list[dict]:
    """`part_of` links of a record's outcomes to its count of matches (module docstring)."""
    figures = fig.figures
    outcome = [_counts(words, fig, k, _OUTCOMES) for k in range(len(figures))]
    if sum(outcome) < 2:
        return []
    parts_of = linked_parts(figures, rels)
    out: list[dict] = []
    k = 0
    while k < len(figures):
        if not outcome[k]:
            k += 1
            continue
        run = [k]
        while (
            run[-1] + 1 < len(figures)
            and outcome[run[-1] + 1]
            and figures[run[-1] + 1].sentence == figures[k].sentence
            and _joined(words, figures[run[-1]], figures[run[-1] + 1])
        ):
            run.append(run[-1] + 1)
        k = run[-1] + 1
        if len(run) < 2:
            continue
        whole = _matches_of(words, fig, run)
        free = [p for p in run if p not in parts_of]
        if whole is not None and free and fig.may_hold(whole, free):
            out += [
                {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in free
            ]
            parts_of.update(dict.fromkeys(free, whole))
    return out


def _counts(words: _Words, fig: _Figures, k: int, nouns: frozenset[str]) -> bool:
    """Figure k counts one of the nouns: the word after it, or itself when a dual."""
    if fig.units[k] is not None:
        return False
    q = fig.figures[k]
    own = _skeleton(q.text) if " " not in q.text and not any(c.isdigit() for c in q.text) else ""
    after = words.after(q.end, 1, None)
    return own in nouns or (bool(after) and _skeleton(after[0]) in nouns)


def _joined(words: _Words, a, b) -> bool:
    """Two outcomes of one record: at most a few words between, one of them «و»/«مقابل»."""
    between = words.span(a.end, b.start)
    if len(between) > RECORD_GAP:
        return False
    return any(w in _JOINS or (w.startswith("و") and len(w) > 1) for w in between) or (
        words.text[a.end : b.start].strip().startswith("و")
    )


def _matches_of(words: _Words, fig: _Figures, run: list[int]) -> int | None:
    """The nearest count of matches in the record's sentence, before or after it."""
    figures = fig.figures
    sentence = figures[run[0]].sentence
    before = [j for j in range(run[0] - 1, -1, -1) if figures[j].sentence == sentence]
    after = [j for j in range(run[-1] + 1, len(figures)) if figures[j].sentence == sentence]
    for j in sorted(before + after, key=lambda j: min(abs(j - run[0]), abs(j - run[-1]))):
        if _counts(words, fig, j, _MATCHES):
            return j
    return None
