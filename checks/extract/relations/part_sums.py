"""A whole stated after its parts, as what they come to: «ليبلغ الإجمالي N», «وبذلك يكون
مجموع الناجحين N», «وبذلك يبلغ إجمالي الحالات N», «ليكون المجموع الكلي N».

News lists the parts clause by clause, each with its own verb («نجح في الدور الأول A،
ونجح في الدور الثاني B»), then gives the sum with a word of result («ليبلغ», «ليصل»,
«وبذلك», «ليكون», …) and a word of total («الإجمالي», «المجموع», «إجمالي»). The cue
patterns of `part_of` link the figures the و-chain joins to the total before it; the
clauses before the last one are read here:

- the total's words before it, in its clause, hold a word of total and, up to a few
  words before it, a word of result;
- its parts are the figures of its unit before it in its sentence, back to the first
  one as large as the total (a larger count is a whole of its own: «بلغ عدد الطلاب 500،
  …، وبذلك يكون مجموع الحاضرين 450») or one that is a part of another whole; a share,
  a change or a rate is none of them;
- at least two parts, and together they fit under the total (a run that overflows it
  is not the run the total sums: which clauses it sums is not said).
"""

from __future__ import annotations

from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.words import _fold, _Words

TOTAL_REACH = 3  # words before the total that hold the word of total
RESULT_REACH = 6  # words before the total that hold the word of result
RUN_WINDOW = 12  # figures before a total read for the clauses it sums
FIT = 1.005  # the rounding parts may add up over their whole by
_TOTALS = frozenset(
    _fold(w) for w in ("الإجمالي", "إجمالي", "اجمالي", "الاجمالي", "المجموع", "مجموع")
)
_RESULTS = frozenset(
    _fold(w)
    for w in (
        "ليبلغ", "لتبلغ", "ليصل", "لتصل", "ليصبح", "لتصبح", "ليكون", "لتكون", "وبذلك",
        "وبهذا", "فيكون", "فيبلغ", "وبالتالي",
    )
)  # fmt: skip


def totals_after_parts(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of the parts a total stated after them sums (module docstring)."""
    figures = fig.figures
    if len(figures) < 3 or not words.has(_RESULTS) or not words.has(_TOTALS):
        return []
    parts_of = linked_parts(figures, linked)
    lo, hi = fig.bounds()
    rels: list[dict] = []
    for k in range(2, len(figures)):
        q = figures[k]
        if fig.units[k] == "percent" or fig.changes[k] or k in parts_of:
            continue
        # «ليصل إجمالي المستقيلين خلال أربع سنوات إلى …»: a measure of another unit between
        # the total word and its figure is no item of the list; the words are read before it
        same = next((j for j in range(k - 1, -1, -1) if fig.units[j] == fig.units[k]), None)
        floor = max(figures[same].end if same is not None else 0, words.comma_before(q.start))
        at = q.start
        if same is not None and same < k - 1 and figures[k - 1].start >= floor:
            at = figures[k - 1].start
        if not _TOTALS & set(words.before(at, TOTAL_REACH, floor)):
            continue
        if not _RESULTS & set(words.before(at, RESULT_REACH, floor)):
            continue
        run = _run_before(fig, k, parts_of)
        new = [p for p in run if p not in parts_of]
        if len(run) < 2 or not new:
            continue
        if sum(float(lo[p]) for p in run) > float(hi[k]) * FIT or not fig.may_hold(k, new):
            continue
        parts_of.update(dict.fromkeys(new, k))
        rels.extend({"from": figures[p].id, "to": q.id, "type": "part_of"} for p in new)
    return rels


def _run_before(fig: _Figures, k: int, parts_of: dict[int, int]) -> list[int]:
    """The figures of total k's unit before it in its sentence that it may sum."""
    figures = fig.figures
    lo = fig.bounds()[0]
    run: list[int] = []
    for j in range(k - 1, max(-1, k - 1 - RUN_WINDOW), -1):
        if figures[j].sentence != figures[k].sentence:
            break
        if fig.units[j] != fig.units[k] or fig.changes[j] or fig.rates[j] is not None:
            continue
        if float(lo[j]) >= float(lo[k]):
            break  # a whole of its own
        if j in parts_of and parts_of[j] != k:
            if parts_of[j] in run:
                continue  # a part of a part listed here: summed in it
            break
        run.append(j)
    return run[::-1]
