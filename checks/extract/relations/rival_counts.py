"""`same_as` between two voices' counts of one object named again: a seizure, a shipment, a
batch, as two agencies give it.

Local news reports one object as each agency tells it: «أعلنت الهيئة ضبط 1.2 مليون حبة
مخدرة … من جهتها، ذكرت المديرية في بيان منفصل أن الشحنة ضمت 950 ألف حبة». The second
figure counts the same thing (the same counted noun) of the same object, which the
second clause names again with the article («شحنة» … «الشحنة») or calls the same
(«ذاته/نفسه»). Two such figures are one count, so they are `same_as`; when they disagree,
`same_as.values` reports what the outlet published. The dead and the wounded are
`rival_tolls`' (their tolls are named by «حصيلة», not by the object). A second figure is
read so only when all of these hold:

- both have a counted noun of one stem and one unit, neither counts people or time, and
  they are of one magnitude (the smaller at least half the larger);
- the second's subject, in the `SUBJECT_REACH` words before it, is a noun the text used
  without the article before the first figure's end («شحنة» … «الشحنة»), with no
  definite adjective narrowing it, or a noun of the object itself («الكمية المضبوطة»,
  «المضبوطات»); or its clause says «ذاته/نفسه»; and the clause states
  no running or period total («منذ مطلع العام», «إجمالي», «ارتفع … إلى»);
- a word between them gives a new voice or sets it against the first (`rival_tolls._RIVAL`:
  «ذكرت», «بيان», «في المقابل» …);
- the first is the nearest earlier figure of that noun, in its sentence or the
  `SENTENCES_BACK` before it; neither is a former value, nor a part of the other.
"""

from __future__ import annotations

from bisect import bisect_left

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import (
    _CASE_WORDS,
    PEOPLE_CATEGORIES,
    TIME_CATEGORIES,
    _Figures,
    figure_table,
    made_table,
)
from checks.extract.relations.part_cues import _OTHERS
from checks.extract.relations.part_reads import _former
from checks.extract.relations.rival_tolls import _RISES, _RIVAL, _SAME_EVENT
from checks.extract.relations.words import _LARGEST, _stem, _with_conjunctions, _Words
from checks.extract.tokens import Token, bare, column

SENTENCES_BACK = 2  # sentences before the second count searched for the first
REACH = 8  # words before the second count, in its clause, searched for «ذاته/نفسه»
GROUP_REACH = 16  # words before a count, in its clause, that may name its group
SUBJECT_REACH = 3  # words before it that hold its subject: «أن الشحنة ضمت»
# A running or period total is a new figure, not the object's count again.
_TOTALS = _RISES | _with_conjunctions(
    {fold(w) for w in ("منذ", "إجمالي", "مجموع", "بإجمالي", "حتى", "خلال", "مطلع")}
)


def same_as_rival_counts(
    text: str, tokens: list[Token], figures: list[Mention], linked: list[dict]
) -> list[dict]:
    """`same_as` links between two voices' counts of one object (module docstring)."""
    if len(figures) < 2:
        return []
    words = _Words(tokens, text)
    if not words.has(_RIVAL):
        return []
    fig = made_table(figures, words)  # `part_of`'s, most often
    if fig is None:
        # two counts of one object share their counted noun: a text with no noun counted
        # twice has no rival counts, and its figure table is not built
        seen: set[str] = set()
        for q in figures:
            two = words.after(q.end, 2, None)
            # the figure table's noun («1301 حالة وفاة» counts «وفاة»): both words may stand
            # for it
            stems = {_stem(w) for w in two[: 2 if two[:1] and two[0] in _CASE_WORDS else 1]}
            if not seen.isdisjoint(stems) or not two:
                break
            seen |= stems
        else:
            return []
        fig = figure_table(figures, words)
    related = {(r["from"], r["to"]) for r in linked if r["type"] in ("part_of", "same_as")}
    # «مساهمات الأفراد 420 مليونا، فيما قدمت الشركات 780 مليونا»: two parts of one whole
    # are two counts side by side, no voices of one
    whole_of = {r["from"]: r["to"] for r in linked if r["type"] == "part_of"}
    related |= {(b, a) for a, b in related}
    rels: list[dict] = []
    for k, b in enumerate(figures):
        if not _counts_things(fig, k):
            continue
        for j in range(k - 1, -1, -1):
            a = figures[j]
            if a.sentence < b.sentence - SENTENCES_BACK:
                break
            if fig.stems[j] != fig.stems[k] or fig.units[j] != fig.units[k]:
                continue
            # the clause is read only where an earlier count of the noun is found
            clause = words.before(b.start, REACH, words.comma_before(b.start))
            if not clause or not _TOTALS.isdisjoint(clause):
                break
            if (
                (a.id, b.id) not in related
                and whole_of.get(a.id, a.id) != whole_of.get(b.id, b.id)
                and _one_magnitude(a, b)
                and not _RIVAL.isdisjoint(words.span(a.end, b.start))
                and _names_again(words, clause, a.end)
                and not _other_group(words, a, b)
                and _ADDED.isdisjoint(words.after(b.end, 3, words.comma_after(b.end)))
                # «استحوذ قطاع المصارف على الحصة الأكبر بتداولات قيمتها 1.26 مليار»: the
                # largest share of a whole, no count of the object a second voice restates
                and _LARGEST.isdisjoint(words.before(a.start, 6, words.comma_before(a.start)))
                and not _former(words, a)
                and not _former(words, b)
            ):
                rels.append({"from": a.id, "to": b.id, "type": "same_as"})
            break  # only the nearest count of that noun
    return rels


_PREPOSITIONS = frozenset(fold(w) for w in ("في", "من", "على", "إلى", "الى", "عن", "داخل"))
# «64 رحلة إضافية», «12 شاحنة أخرى»: more of the kind beside the object's count, never it.
_ADDED = frozenset(_OTHERS) | frozenset(
    fold(w)
    for w in ("إضافية", "إضافي", "إضافيا", "إضافيين", "إضافيتين", "جديدة", "جديدا", "جديد", "جدد")
)
# Groups news splits one count into: a count of one side of a pair is not the other's.
_GROUP_PAIRS = tuple(
    (frozenset(fold(w) for w in one), frozenset(fold(w) for w in other))
    for one, other in (
        (
            ("الذكور", "ذكور", "ذكورا", "الرجال", "رجال", "رجالا"),
            ("الإناث", "إناث", "إناثا", "النساء", "نساء", "امرأة"),
        ),
    )
)


def _other_group(words: _Words, a: Mention, b: Mention) -> bool:
    """«عدد الحجاج الذكور … بلغ A …، بينما بلغ عدد الحجاج الإناث … B»: the clauses name the
    two sides of one pair (sex), so B counts another group than A, not A's object again."""
    keys = []
    for q in (a, b):
        clause = words.before(q.start, GROUP_REACH, words.comma_before(q.start))
        clause += words.after(q.end, 2, words.comma_after(q.end))  # «430 ألفا نساء»
        keys.append({bare(w) for w in clause} | set(clause))
    return any(
        (not keys[0].isdisjoint(one) and not keys[1].isdisjoint(other))
        or (not keys[0].isdisjoint(other) and not keys[1].isdisjoint(one))
        for one, other in _GROUP_PAIRS
    )


def _counts_things(fig: _Figures, k: int) -> bool:
    category = fig.figures[k].attrs.get("category")
    noun = fig.nouns[k]
    return (
        bool(fig.stems[k])
        and len(bare(noun)) > 2
        and fig.kinds[k] != "people"
        and category not in PEOPLE_CATEGORIES
        and category not in TIME_CATEGORIES
        and fig.units[k] not in ("percent", "time")
    )


# Nouns that name the counted object itself, whatever it is: «الكمية المضبوطة».
_AMOUNTS = _with_conjunctions(
    {fold(w) for w in ("الكمية", "الكميات", "المضبوطات", "الحمولة", "المضبوطة")}
)


def _names_again(words: _Words, clause: list[str], end: int) -> bool:
    """A word of the clause is «ذاته/نفسه», or the subject right before the count («أن
    الشحنة ضمت 950 ألف حبة») is a definite noun the text wrote without the article
    («شحنة») before offset `end`, with no definite adjective after it: «النفقات
    الرأسمالية» names a kind of the expenses, not the object named before."""
    if not _SAME_EVENT.isdisjoint(clause):
        return True
    near = clause[-SUBJECT_REACH:]
    earlier: set[str] | None = None  # the words before `end`, bare or not, when first asked
    for n, w in enumerate(near):
        nxt = near[n + 1] if n + 1 < len(near) else ""
        narrowed = nxt.startswith("ال") and nxt not in _AMOUNTS
        if w in _AMOUNTS and not narrowed:
            return True  # «الكمية المضبوطة بلغت 350 كيلوغراما»
        definite = w.startswith("ال") or bare(w).startswith("ال")
        # «… بنحو 1800 وحدة» after «في المدينة»: a noun after a preposition says where,
        # it is no subject
        placed = n > 0 and near[n - 1] in _PREPOSITIONS
        if len(w) > 5 and definite and not narrowed and not placed:
            if earlier is None:
                upto = bisect_left(words.starts, end)
                earlier = set(words.keys[:upto]).union(column(words.tokens, "bare")[:upto])
            if _indefinite(w) in earlier:
                return True
    return False


def _one_magnitude(a: Mention, b: Mention) -> bool:
    """Two voices' counts of one object differ by less than half: 4 and 500 count
    different things."""
    x, y = a.attrs.get("value"), b.attrs.get("value")
    return bool(x and y) and min(x, y) * 2 >= max(x, y)


def _indefinite(word: str) -> str:
    """«الشحنة», «والشحنة» → «شحنه» (folded): the noun without proclitic and article."""
    word = bare(word) if not word.startswith("ال") else word
    return word[2:]
