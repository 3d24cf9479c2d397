"""The answers of a poll are shares of its sample: «أظهر استطلاع … أن 73% من المصريين يرون
…، مقابل 19% ذكروا أسبابا أخرى، و8% لم يحددوا إجابة. وأجري الاستطلاع على عينة احتمالية
حجمها 1528 مواطنا».

A text about a poll, a survey or a questionnaire (`_POLL`) states its sample as a count
the words before it name as one («عينة من», «حجمها», «شمل الاستطلاع», «عدد المشاركين»),
and the answers to its first question as a run of shares, in one sentence, joined by «و»,
«مقابل», «فيما» or «بينما», that come to at most a whole (100, give or take the rounding
of each share's last digit). That run, in the sample's sentence or the one before or
after it, is linked to the sample. Only the first run is: the answers to a second
question are shares of the same sample again, and linking them too would add two
questions' answers up as parts of one whole (the corpus links one question per sample).
Answers that come to more than a whole are taken only when the first says it is of the
people asked («48 في المئة منهم»): then the sum is the outlet's slip `part_whole.sum` reports.
A share already linked keeps its whole; a run that is partly linked to the sample is
completed. A margin of error («هامش خطأ») is no answer."""

from __future__ import annotations

from checks.arabic import fold
from checks.extract.model import Mention
from checks.extract.relations.figures import _Figures
from checks.extract.relations.part_cues import _FOLLOWED
from checks.extract.relations.words import _with_conjunctions, _Words

# Words that name a poll («البحث», «الدراسة» also name research in general: enough for a
# text about a survey, not for the sentence that says whom a poll asked)
_ASKED = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("استطلاع", "الاستطلاع", "استطلاعا", "مسح", "المسح", "مسحا", "استبيان"),
            *("الاستبيان", "استبيانا", "استمارة", "الاستمارة", "الباروميتر", "باروميتر"),
        )
    }
)
_POLL = _ASKED | _with_conjunctions(
    {fold(w) for w in ("البحث", "بحث", "الدراسة", "دراسة", "المؤشر")}
)
_SAMPLE = _with_conjunctions(
    {
        fold(w)
        for w in (
            *("عينة", "العينة", "عينته", "عينتها", "حجمها", "قوامها", "شمل", "شملت", "ضمت"),
            *("المستجوبين", "المشاركين", "المصوتين", "المستطلعين", "المستجيبين", "المشاركون"),
            *("المستجوبون", "المصوتون", "المستطلعة", "آراء"),
        )
    }
)
_MARGIN = _with_conjunctions({fold(w) for w in ("هامش", "الخطأ", "خطأ")})
# Words that join the answers of one question.
_JOINS = _FOLLOWED | _with_conjunctions({fold(w) for w in ("مقابل", "فيما", "بينما", "حين")})
SAMPLE_REACH = 5  # words before a count, in its clause, read for a word of sample
ANSWER_GAP = 20  # words between two answers of one question, at most
ROUNDING = 1.0  # points a run of rounded shares may come to above 100


def sample_shares(words: _Words, fig: _Figures, linked: list[dict]) -> list[dict]:
    """The links, with a poll's first answers linked to its sample and no other share
    linked to it (module docstring)."""
    figures, units = fig.figures, fig.units
    if not words.has(_POLL) or "percent" not in units:
        return linked
    whole_of = {r["from"]: r["to"] for r in linked if r["type"] == "part_of"}
    # the largest count named a sample: «وضمت العينة 672 امرأة» is a part of it
    samples = [k for k in range(len(figures)) if _a_sample(words, fig, k)]
    if not samples:
        return linked
    hi = fig.bounds()[1]
    sample = max(samples, key=lambda k: float(hi[k]))
    run = _first_answers(words, fig, sample)
    sid = figures[sample].id
    if not run or any(whole_of.get(figures[p].id, sid) != sid for p in run):
        return linked
    if not fig.may_hold(sample, run):
        return linked
    answers = {figures[p].id for p in run}
    shares = {q.id for q, unit in zip(figures, units, strict=True) if unit == "percent"}
    # «وتتوقع 51.2% من الأسر …»: a share of the sample outside the first run answers
    # another question
    kept = [
        r
        for r in linked
        if not (r["type"] == "part_of" and r["to"] == sid and r["from"] in shares)
        or r["from"] in answers
    ]
    new = [{"from": a, "to": sid, "type": "part_of"} for a in sorted(answers - set(whole_of))]
    return kept + new


def _a_sample(words: _Words, fig: _Figures, k: int) -> bool:
    """A count named a sample by the words before it in its clause, or asked «على» in the
    poll's own sentence («أظهر استطلاع … أجراه … على 1600 شخص»)."""
    if fig.units[k] is not None or fig.rates[k] is not None:
        return False
    q = fig.figures[k]
    before = words.before(q.start, SAMPLE_REACH, words.comma_before(q.start))
    if not _SAMPLE.isdisjoint(before):
        return True
    asked = bool(before) and before[-1] == _ON
    return asked and not _ASKED.isdisjoint(words.before(q.start, SENTENCE_REACH, 0))


_ON = fold("على")


def _first_answers(words: _Words, fig: _Figures, sample: int) -> list[int]:
    """The first run of joined shares within a sentence of the sample that comes to at
    most a whole."""
    figures, units = fig.figures, fig.units
    at = figures[sample].sentence
    k = 0
    while k < len(figures):
        if not _an_answer(words, fig, k) or abs(figures[k].sentence - at) > 1:
            k += 1
            continue
        run = [k]
        for m in range(k + 1, len(figures)):
            if figures[m].sentence != figures[k].sentence:
                break
            if units[m] != "percent":
                if units[m] is not None:
                    continue  # «خلال الـ12 شهرا السابقة»: a measure inside an answer
                break
            between = words.span(figures[run[-1]].end, figures[m].start)
            if len(between) > ANSWER_GAP or not _an_answer(words, fig, m):
                break
            if _of_the_one_before(words, figures[m]):
                break  # «68.4% من الأسر …، وأن 23.1% منها»: a part of the answer before
            if _JOINS.isdisjoint(between) and not any(w.startswith("و") for w in between):
                break  # no «و» or «مقابل» before it: the share opens a statement of its own
            run.append(m)
        if len(run) < 2:
            k += 1
            continue
        # the first question's answers, or none: a first run over a whole is no answers
        # («تلتها سوهاج بـ59.6% ثم الأقصر بـ55.3%»: rates of places), and no later run is
        # taken for it
        # answers over a whole are the outlet's slip `part_whole.sum` reports, when the first
        # says it is of the people asked («48 في المئة منهم»); else they are no answers
        values = [figures[p].attrs.get("value") for p in run]
        fits = None not in values and sum(map(float, values)) <= 100 + ROUNDING
        fits = fits or _of_the_asked(words, figures[run[0]])
        of_all = not _rated(words, figures[run[0]]) and not _of_a_subset(words, figures[run[0]])
        return run if fits and of_all else []
    return []


def _of_a_subset(words: _Words, first: Mention) -> bool:
    """The share is of those who do something, a subset of the sample («37.8% من
    المستمعين», «62% من الممارسين»: a participle's plural), not of the people asked («من
    المصريين», «من الأسر», «من المستجوبين»)."""
    after = words.after(first.end, 2, words.comma_after(first.end))
    if len(after) < 2 or after[0] != _FROM:
        return False
    noun = after[1]
    participle = noun.startswith("الم") and noun.endswith(("ين", "ون")) and len(noun) >= 7
    return participle and noun not in _SAMPLE and not noun.endswith(("يين", "يون"))


_FROM = fold("من")
_OF_THEM = frozenset(fold(w) for w in ("منهم", "منهن"))


def _of_the_asked(words: _Words, first: Mention) -> bool:
    """The share says it is of the people asked: «48% منهم», «من المستجوبين»."""
    after = words.after(first.end, 2, words.comma_after(first.end))
    if not after:
        return False
    return after[0] in _OF_THEM or (len(after) == 2 and after[0] == _FROM and after[1] in _SAMPLE)


def _rated(words: _Words, first: Mention) -> bool:
    """A word of rate stands in the sentence before the run («فيما سجل المعدل الإجمالي
    للبطالة، سعوديين وغير سعوديين، 4.4%»): the shares are rates, not answers."""
    return not _RATE.isdisjoint(words.before(first.start, SENTENCE_REACH, 0))


SENTENCE_REACH = 40  # words of the sentence before a run of shares read for a rate


def _an_answer(words: _Words, fig: _Figures, k: int) -> bool:
    """A share that may be an answer: no margin of error, no change, and no rate — of a
    named measure («معدل البطالة», «نسبة الفقر») or of a group («18.2% بين الذكور»)."""
    q = fig.figures[k]
    if fig.units[k] != "percent" or fig.changes[k] or fig.restates[k]:
        return False
    before = words.before(q.start, RATE_REACH, words.comma_before(q.start))
    if not _MARGIN.isdisjoint(before[-3:]) or not _RATE.isdisjoint(before):
        return False
    if any(
        w in _RATE_OF and n + 1 < len(before) and before[n + 1].startswith("ال")
        for n, w in enumerate(before)
    ):
        return False  # «تراجع نسبة الفقر إلى 29.7%»: a named rate
    told_after = words.after(q.end, OTHER_POLL_REACH, words.comma_after(q.end))
    if before and before[-1] in _AGAINST and not _ASKED.isdisjoint(told_after):
        return False  # «مقابل 1.7% فقط في مسح نيسان 2024»: another poll's answer
    after = words.after(q.end, 2, words.comma_after(q.end))
    group_after = len(after) == 2 and after[0] in _AMONG and after[1].startswith("ال")
    group_before = len(before) >= 2 and before[-2] in _AMONG and before[-1].startswith("ال")
    return not (group_after or group_before)  # «بين الذكور 18.2% مقابل 32.9% بين الإناث»


RATE_REACH = 4  # words before a share read for the rate it states
OTHER_POLL_REACH = 4  # words after a share read for another poll it is of


def _of_the_one_before(words: _Words, q: Mention) -> bool:
    """A share followed by «منها/منهم» is of the share before it, not beside it."""
    after = words.after(q.end, 1, words.comma_after(q.end))
    return bool(after) and after[0] in _PART_PRONOUNS


_PART_PRONOUNS = frozenset(fold(w) for w in ("منها", "منهم", "منهن"))
_AGAINST = _with_conjunctions({fold("مقابل")})
_RATE = _with_conjunctions({fold(w) for w in ("معدل", "المعدل", "بمعدل", "معدلات", "المعدلات")})
_RATE_OF = _with_conjunctions({fold(w) for w in ("نسبة", "النسبة")})
_AMONG = frozenset(fold(w) for w in ("بين", "لدى", "عند", "وبين", "ولدى"))
