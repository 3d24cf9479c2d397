"""The two complementary groups of a total, stated after it with no part cue.

Statistics news states a total and then splits it into the two groups that make it up:
«بلغ عدد السكان 5 ملايين نسمة، وبلغ عدد المواطنين 2.9 مليون، فيما وصل عدد الوافدين
2.1 مليون», «بلغ التبادل التجاري 20 مليار دولار، حيث صدرت … 11 مليارا، فيما استوردت …
9 مليارات», «منها A صادرات … . فيما بلغت الواردات B». The two groups are
the halves of one division the language names in pairs: citizens and expatriates, men
and women, exports and imports, public and private, urban and rural, at home and abroad,
those who passed and those who failed, and any «X» with «غير X». Nothing but that pair
says the figures are a breakdown, so:

- the two figures stand in one sentence; or the first is a part a cue linked already
  («منها N صادرات …») and the second stands in the next sentence that states a
  figure of their unit (not one opening a frame of its own: «وفي منطقة X …»);
- each names one half of one pair, the two halves differ (its words around it, in its
  clause; a group a cue linked may be named by its nisba alone: «منهم N عمانيا»
  against «عدد الوافدين»); a group is of one pair only;
- the whole is the one the linked group is a part of, or else the nearest earlier figure
  of their unit in the first figure's sentence or the one before that names no half of
  a pair, is no share, change or rate and can hold both (a value set against it, «مقابل
  N», is passed over);
- the two fit under the whole together, with any parts it has already (a pair that
  overflows is two other figures: a year's exports against another year's total; and
  two breakdowns of one whole, by group and by place, are never to be summed).

A share right after a group («بنسبة X بالمائة من إجمالي السكان») is that group again,
as a share of the same whole.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from checks.extract.relations.figures import _Figures, linked_parts
from checks.extract.relations.part_stages import change_rate
from checks.extract.relations.words import _fold, _Words
from checks.extract.tokens import PROCLITICS, bare

GROUP_BEFORE = 7  # words before a group's figure read for the half it names
GROUP_AFTER = 4  # words after it (its counted noun and what follows it)
SHARE_GAP = 4  # words between a group and the share that restates it
GROUP_WINDOW = 8  # figures searched for the second group, and back for the whole
FIT = 1.005  # the rounding two groups may add up over their whole by

_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(_fold(w) for w in a.split()), frozenset(_fold(w) for w in b.split()))
    for a, b in (
        (
            "مواطن مواطنا مواطنون مواطنين المواطنين المواطنون",
            "وافد وافدا وافدون وافدين الوافدين الوافدون أجنبي أجنبيا أجانب الأجانب "
            "مقيم مقيما مقيمين المقيمين المقيمون",
        ),
        (
            "ذكر ذكور الذكور رجل رجال الرجال رجلا بنين البنين",
            "أنثى إناث الإناث امرأة نساء النساء سيدة سيدات بنات البنات",
        ),
        (
            "صادرات الصادرات صادراتها صادراته وصادرات والصادرات تصدير التصدير صدرت وصدرت تصدر يصدر",
            "واردات الواردات وارداتها وارداته وواردات والواردات استيراد الاستيراد استوردت "
            "واستوردت تستورد يستورد",
        ),
        ("الحكومي الحكومية حكومي حكومية", "الخاص الخاصة"),
        ("الحضر الحضرية الحضري حضري حضرية المدن", "الريف الريفية الريفي ريفي ريفية الأرياف"),
        ("داخل الداخل", "خارج الخارج"),
        (
            "نجح ونجح نجحوا ناجح ناجحا ناجحين الناجحين الناجحون",
            "رسب ورسب رسبوا راسب راسبا راسبين الراسبين الراسبون",
        ),
    )
)
_OF = _fold("من")
_RATE = frozenset(_fold(w) for w in ("معدل", "معدلات", "المعدل", "ومعدل"))
_AMOUNT = frozenset(_fold(w) for w in ("قدره", "قدرها", "بمقدار", "بواقع"))
_CITIZENS = 0  # the pair whose first half a nisba counted noun also names
_NOT = frozenset(_fold(w) for w in ("غير", "وغير"))
# the nisba endings of a counted noun of people of a nation («عمانيا», «السعوديين»)
_NISBA_ENDS = ("يا", "يون", "يين", "ي")


def _nisba(noun: str) -> bool:
    word = noun.removeprefix("ال")
    return len(word) >= 5 and word.endswith(_NISBA_ENDS) and not word.endswith("ائي")


@lru_cache(maxsize=1 << 16)
def _nation_plural(word: str) -> bool:
    """«البحرينيون», «السعوديين»: a nation's people named in the plural."""
    return word.startswith("ال") and word.endswith(("يون", "يين")) and _nisba(word)


def _halves(words: _Words, fig: _Figures, k: int, nisba: bool) -> set[tuple[int, int]]:
    """The halves of the pairs figure k's words name: (pair, 0 or 1), and («X», «غير X»)
    as (-1, …) keyed by the word after «غير»; with `nisba`, a counted noun of a nation
    names the citizens."""
    near = fig.near[k]
    if _NAMES_A_HALF.isdisjoint(near) and not (
        nisba and (_nisba(fig.nouns[k]) or any(map(_nation_plural, near)))
    ):
        return set()  # no word of a pair, no «غير» and no nation near the figure (`near`)
    figures = fig.figures
    q = figures[k]
    floor = figures[k - 1].end if k else 0
    ceiling = _clause_end(words, fig, k)
    before = words.before(q.start, GROUP_BEFORE, max(floor, words.comma_before(q.start)))
    after = words.after(q.end, GROUP_AFTER, ceiling)
    around = before + after
    found = {h for w in around for h in _halves_of(w)}
    # «573 ألفا عمانيا», «يشكل البحرينيون منهم 712 ألفا»: a nation's people named
    if (
        nisba
        and (_CITIZENS, 1) not in found
        and (_nisba(fig.nouns[k]) or any(map(_nation_plural, before)))
    ):
        found.add((_CITIZENS, 0))
    if not _NOT.isdisjoint(around):
        for i, w in enumerate(around[:-1]):
            if w in _NOT:
                found.add((-1, hash(around[i + 1].removeprefix("ال"))))
    return found


@lru_cache(maxsize=1 << 16)
def _halves_of(word: str) -> tuple[tuple[int, int], ...]:
    """The halves of the pairs one word names, as it is or without its proclitic
    («للذكور», «وللإناث»): worked out once per distinct word, not once per figure and pair
    (`_halves` is asked of nearly every figure of a text that names a half)."""
    forms = {word, bare(word)}
    return tuple(
        (n, side) for n, pair in enumerate(_PAIRS) for side in (0, 1) if pair[side] & forms
    )


_HALF_WORDS = frozenset().union(*(a | b for a, b in _PAIRS))


def _written_with_proclitic(word: str) -> set[str]:
    """The keys whose `bare` may be `word`: itself, after a proclitic, «لل» for «ال»."""
    forms = {word, *(p + word for p in PROCLITICS)}
    if word.startswith("ال"):
        forms.add("لل" + word[2:])
    return forms


# Every key `_halves` can read a half in (with «غير»): a figure whose words around it
# (`_Figures.near`, wider than the windows `_halves` reads) hold none names no half, and
# `_halves` answers at once (most figures of a text that names a half somewhere).
_NAMES_A_HALF = frozenset().union(*map(_written_with_proclitic, _HALF_WORDS)) | _NOT


def _clause_end(words: _Words, fig: _Figures, k: int) -> int | None:
    """Where figure k's words end: the next figure or clause mark."""
    figures = fig.figures
    ends = [e for e in (words.comma_after(figures[k].end),) if e is not None]
    if k + 1 < len(figures):
        ends.append(figures[k + 1].start)
    return min(ends) if ends else None


def _complement(
    a: set[tuple[int, int]], b: set[tuple[int, int]], words_a: Callable[[], set[int]]
) -> bool:
    """Figures a and b name the two halves of one pair, each one half only (a pair has two
    sides, 0 and 1: a names side s alone and b the other side alone)."""
    for p, s in a:
        if p >= 0 and (p, 1 - s) in b and (p, s) not in b and (p, 1 - s) not in a:
            return True
    # «X» against «غير X»: a's words (`_plain_words`) read only when b writes a «غير»
    return any(p == -1 for p, _ in b) and any(p == -1 and s in words_a() for p, s in b)


def _plain_words(words: _Words, fig: _Figures, k: int) -> set[int]:
    """The hashes of the words around figure k, article off (for «X» against «غير X»)."""
    figures = fig.figures
    q = figures[k]
    floor = figures[k - 1].end if k else 0
    before = words.before(q.start, GROUP_BEFORE, max(floor, words.comma_before(q.start)))
    if any(w in _NOT for w in before):
        return set()
    ceiling = _clause_end(words, fig, k)
    return {hash(w.removeprefix("ال")) for w in before + words.after(q.end, GROUP_AFTER, ceiling)}


def complement_groups(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """`part_of` links of the two complementary groups of a total (module docstring)."""
    figures = fig.figures
    if len(figures) < 3:
        return []
    # a pair has two halves: with no word of any pair and no «غير» in the text, no figure
    # names the other half of another (a nation's nisba alone names one half only)
    others = words.has(_NOT)
    if not others and not words.has_bare(_HALF_WORDS):
        return []
    parts_of = linked_parts(figures, linked)
    rels: list[dict] = []
    halves: dict[tuple[int, bool], set[tuple[int, int]]] = {}

    def half(k: int, cued: bool = False) -> set[tuple[int, int]]:
        if (k, cued) not in halves:
            halves[k, cued] = _halves(words, fig, k, cued)
        return halves[k, cued]

    def link(parts: list[int], whole: int) -> None:
        parts = [p for p in parts if p not in parts_of]
        if parts and fig.may_hold(whole, parts):
            parts_of.update(dict.fromkeys(parts, whole))
            rels.extend(
                {"from": figures[p].id, "to": figures[whole].id, "type": "part_of"} for p in parts
            )
            for p in parts:
                share = _share_after(words, fig, p)
                if share is not None and share not in parts_of and fig.may_hold(whole, [share]):
                    parts_of[share] = whole
                    rels.append(
                        {"from": figures[share].id, "to": figures[whole].id, "type": "part_of"}
                    )

    paired: set[int] = set()  # a group is of one pair only
    for a in range(1, len(figures) - 1):
        # a group a cue made a part already may be named by its nisba alone («من بينهم
        # 573 ألفا عمانيا»), and its other half may follow in the next sentence
        cued = a in parts_of
        if a in paired or fig.changes[a]:
            continue
        if fig.units[a] == "percent":
            pair = _share_pair(words, fig, a, parts_of, lambda k, cued=cued: half(k, cued))
            if pair is not None:
                paired.update(pair[0])
                link(*pair)
            continue
        # a group with no half of its own may still be the «X» of a later «غير X»
        if not others and not half(a, cued):
            continue
        b = _second(words, fig, a, lambda k, cued=cued: half(k, cued))
        if b is None or b in parts_of:
            continue
        whole = parts_of.get(a)
        if whole is None and figures[b].sentence == figures[a].sentence:
            whole = _whole_before(words, fig, a, b, half)
        if whole is None or whole >= a:
            continue
        lo, hi = fig.bounds()
        # with the parts the whole has already (another breakdown of it: by place, by
        # age), the pair must still fit: two breakdowns summed would be a slip of ours
        held = sum(
            float(lo[p])
            for p, w in parts_of.items()
            if w == whole and p not in (a, b) and fig.units[p] == fig.units[a]
        )
        if held + float(lo[a]) + float(lo[b]) <= float(hi[whole]) * FIT:
            paired.update((a, b))
            link([a, b], whole)
    return rels


def _share_pair(
    words: _Words, fig: _Figures, a: int, parts_of: dict[int, int], half
) -> tuple[list[int], int] | None:
    """«ويشكل المواطنون 45%، فيما يشكل الوافدون 55%», «نسبة الذكور 52%، فيما بلغت نسبة
    الإناث 48%»: the shares of the two halves, of the whole the first is linked to or,
    in one sentence, of the count before them; together at most 100. A share that names
    its own base («من الناجحين») or sizes a change is left to `part_of`."""
    figures = fig.figures
    if (
        change_rate(words, figures[a])
        or not half(a)
        or _RATE & set(words.span(words.comma_before(figures[a].start), figures[a].end + 40))
    ):
        return None  # «8.2% معدل البطالة بين الذكور»: a rate in each half, no share
    b = _second(words, fig, a, half)
    if b is None or b in parts_of or fig.changes[b] or change_rate(words, figures[b]):
        return None
    whole = parts_of.get(a)
    if whole is None:
        if figures[b].sentence != figures[a].sentence or any(
            words.after(figures[p].end, 1, None)[:1] == [_OF] for p in (a, b)
        ):
            return None
        whole = _count_before(words, fig, a, half)
    lo = fig.bounds()[0]
    if whole is None or float(lo[a]) + float(lo[b]) > 100 * FIT:
        return None
    return [a, b], whole


def _count_before(words: _Words, fig: _Figures, a: int, half) -> int | None:
    """The nearest earlier figure that is no share, in a's sentence, naming no half of a
    pair and sizing no change: what two shares of halves are shares of."""
    figures = fig.figures
    for j in range(a - 1, max(-1, a - 1 - GROUP_WINDOW), -1):
        if figures[j].sentence != figures[a].sentence:
            return None
        if fig.units[j] in ("percent", "time") or fig.changes[j] or fig.rates[j] is not None:
            continue
        if half(j) or _set_against(words, figures[j]):
            return None
        if _AMOUNT & set(words.before(figures[j].start, 1, 0)):
            return None  # «بانخفاض قدره 64 ألفا»: the size of a change
        return j
    return None


def _second(words: _Words, fig: _Figures, a: int, half) -> int | None:
    """The first later figure of a's unit, in a's sentence or the next, that names the
    other half of a's pair; a figure of a's own half first ends the search."""
    found: list[set[int]] = []

    def plain() -> set[int]:  # a's words, read once and only if a later figure writes «غير»
        if not found:
            found.append(_plain_words(words, fig, a))
        return found[0]

    for b in range(a + 1, _last_candidate(fig, a, half) + 1):
        if _out_of_frame(words, fig, a, b):
            return None
        if _unlike(words, fig, b, a):
            continue
        if _complement(half(a), half(b), plain):
            return b
        if half(b) & half(a):
            return None
    return None


def _last_candidate(fig: _Figures, a: int, half) -> int:
    """The last figure of `_second`'s window that may end its search with an answer: one
    that names a half (with a naming none, one that writes «غير X»). Past it every figure
    names no half, so `_second` only skips it or stops with None: its frame and unit tests
    are not asked there (most figures of a text that names a half somewhere name none)."""
    halves_of_a = half(a)
    for b in range(min(len(fig.figures), a + 1 + GROUP_WINDOW) - 1, a, -1):
        if not halves_of_a and _NOT.isdisjoint(fig.near[b]):
            continue  # no «غير» in its words (`near` holds every word `_halves` reads)
        found = half(b)
        if found and (halves_of_a or any(p == -1 for p, _ in found)):
            return b
    return a


def _out_of_frame(words: _Words, fig: _Figures, earlier: int, later: int) -> bool:
    """More than one sentence of the unit stands between, or the later figure's sentence
    opens a frame of its own («وفي مكة …»): the two are no groups of one total."""
    figures = fig.figures
    # figures stand in text order, so `_apart` counts at most the sentences between: it is
    # not counted for two figures one sentence apart or in one sentence (most pairs asked)
    between = figures[later].sentence - figures[earlier].sentence
    return (between > 1 and _apart(fig, earlier, later) > 1) or (
        between != 0 and _new_frame(words, figures[later])
    )


def _unlike(words: _Words, fig: _Figures, k: int, ref: int) -> bool:
    """Figure k is of another unit than `ref`, sizes a change or is set against a value."""
    return fig.units[k] != fig.units[ref] or fig.changes[k] or _set_against(words, fig.figures[k])


def _whole_before(words: _Words, fig: _Figures, a: int, b: int, half) -> int | None:
    """The nearest earlier figure of a's unit, in a's sentence or the one before, that
    names no half of a pair and can hold both groups: the total they split. A value set
    against it («مقابل 30 مليونا») or a fragment too small to be it is passed over."""
    lo, hi = fig.bounds()
    for j in range(a - 1, max(-1, a - 1 - GROUP_WINDOW), -1):
        if _out_of_frame(words, fig, j, a):
            return None
        if _unlike(words, fig, j, a):
            continue
        if half(j) or fig.rates[j] is not None:
            return None
        if float(lo[a]) + float(lo[b]) <= float(hi[j]) * FIT:
            return j
    return None


# «في مقابل 4.8 مليون», «بعد أن كان 40»: a value set against the figure, or a former one
# (a period named after the figure, «العام الماضي», is the time the whole and groups share)
_AGAINST = frozenset(
    _fold(w) for w in ("مقابل", "بمقابل", "ومقابل", "مقارنة", "مقارنة", "كان", "كانت", "بعدما")
)


def _apart(fig: _Figures, i: int, j: int) -> int:
    """How many sentences that state a figure of their unit figure j stands after figure
    i's (a line break, a sentence of words only or of a share only does not part them)."""
    figures, unit = fig.figures, fig.units[j]
    later = {figures[k].sentence for k in range(i + 1, j + 1) if fig.units[k] == unit}
    return len(later - {figures[i].sentence})


_FRAMES = frozenset(_fold(w) for w in ("في", "وفي"))


def _new_frame(words: _Words, q) -> bool:
    """q's sentence opens with a place or time of its own («وفي مكة المكرمة …»): its
    figures are of that frame, not groups of a total of the sentence before."""
    # a figure inside the text's last word («… 12 امرأة وطفلين.») starts after that
    # word's start: its sentence is the last one
    k = min(bisect_left(words.starts, q.start), len(words.first_of) - 1)
    return words.keys[words.first_of[k]] in _FRAMES


def _set_against(words: _Words, q) -> bool:
    return not _AGAINST.isdisjoint(words.before(q.start, 4, words.comma_before(q.start)))


_AT_SHARE = frozenset(
    _fold(w)
    for w in ("بنسبة", "نسبة", "نسبته", "نسبتهم", "ونسبتهم", "يشكلون", "تشكل", "يمثلون", "تمثل")
)


def _share_after(words: _Words, fig: _Figures, p: int) -> int | None:
    """A share right after group p in its sentence («… وافدا، بنسبة 61 بالمائة»)."""
    figures = fig.figures
    s = p + 1
    if s >= len(figures) or fig.units[s] != "percent" or figures[s].sentence != figures[p].sentence:
        return None
    between = words.span(figures[p].end, figures[s].start)
    if len(between) > SHARE_GAP or not _AT_SHARE & set(between) or fig.changes[s]:
        return None
    if change_rate(words, figures[s]):
        return None
    return s
