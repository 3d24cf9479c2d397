"""MFT cases: short news sentences written from templates, each with its known answer.

A template writes its sentence piece by piece, so every expected span's offsets are where
the piece was put, never searched for. Every expected number is checked against tally's own
reader (`checks.numbers.read_surface`): where the reader reads the span, it must read the
template's number (a test asserts it for every template); where it is silent (a construct
dual, a vague word), the template's answer stands on the SPEC alone.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from checks.probe import numerals
from checks.probe.cases import FIGURES, MFT, NO_FIGURE, Case, Figure, Reading
from checks.probe.cuewords import AFTER, BEFORE

# Counted nouns after a figure of 11 or more (accusative singular), with a plural for the
# vague templates.
NOUNS = (
    ("شخصا", "الأشخاص"),
    ("مدنيا", "المدنيين"),
    ("مقاتلا", "المقاتلين"),
    ("جريحا", "الجرحى"),
    ("لاجئا", "اللاجئين"),
    ("نازحا", "النازحين"),
)
PLACES = ("حلب", "إدلب", "حماة", "درعا", "الرقة", "دير الزور", "الموصل", "غزة")
VILLAGES = (("الفوعة", "كفريا"), ("نبل", "الزهراء"), ("مضايا", "الزبداني"), ("بنش", "سرمين"))
# SPEC §3: the fixed bounds of vague words (the span, low, high).
VAGUE = (
    ("عدة آلاف", 3000, 9999),
    ("بضعة آلاف", 3000, 9999),
    ("الآلاف", 3000, 999999),
    ("عشرات", 30, 99),
    ("مئات", 300, 999),
    ("عشرات الآلاف", 30000, 99999),
    ("مئات الآلاف", 300000, 999999),
)
# Figures in words (span, value), each read by tally's reader as that value.
WORDS = (
    ("ثلاثة آلاف", 3000),
    ("خمسمائة", 500),
    ("عشرين", 20),
    ("أحد عشر", 11),
    ("مليون ونصف", 1500000),
    ("ثلاثة آلاف و500", 3500),
    ("نصف مليون", 500000),
    ("ألفين", 2000),
)
# Definite compound numbers before what they count (SPEC §4a: read whole, never a range).
DEFINITE_COMPOUNDS = (("الثماني والأربعين", 48), ("الأربع والعشرين", 24), ("الاثنتي عشرة", 12))
CURRENCIES = (("دولار", "usd"), ("يورو", "eur"), ("ليرة سورية", "syp"))
# Construct duals before what they count (SPEC §2: the span is the dual, value 2).
CONSTRUCT_DUALS = ("قريتي", "بلدتي", "مدينتي", "محافظتي", "مخيمي", "معبري", "ريفي")
# Counted duals standing alone, each in a sentence that takes its case ending.
DUALS = (
    ("أصيب ", "شخصان", " بجروح في القصف على {}."),
    ("قتل ", "طفلان", " في غارة على {}."),
    ("تضررت ", "سيارتان", " قرب مدخل {}."),
    ("دمر القصف ", "قريتين", " في ريف {}."),
    ("أسر المسلحون ", "جنديين", " قرب {}."),
    ("أغلقت السلطات ", "مدرستين", " في {}."),
)
PERCENT_FORMS = ("{} بالمائة", "{}%", "{} في المئة", "{} بالمئة")


@dataclass
class Sentence:
    """A sentence written piece by piece; figures remember where they were put."""

    text: str = ""
    figures: list[Figure] = field(default_factory=list)
    relations: list[tuple[int, int]] = field(default_factory=list)
    focus: tuple[int, int] | None = None

    def add(self, piece: str) -> Sentence:
        self.text += piece
        return self

    def fig(self, piece: str, reading: Reading) -> int:
        start = len(self.text)
        self.text += piece
        self.figures.append(Figure(start, len(self.text), reading))
        if self.focus is None:
            self.focus = (start, len(self.text))
        return len(self.figures) - 1

    def mark(self, piece: str) -> None:
        """A stretch that must not be a QUANTITY (NO_FIGURE cases)."""
        start = len(self.text)
        self.text += piece
        self.focus = (start, len(self.text))


def _count(n: int, qualifier: str = "exact") -> Reading:
    return Reading(Fraction(n), qualifier)


Template = Callable[[random.Random], Iterator[tuple[str, Sentence]]]
TEMPLATES: list[tuple[str, str, str, Template]] = []  # key, test, capability, writer


def template(key: str, test: str, capability: str) -> Callable[[Template], Template]:
    def register(fn: Template) -> Template:
        TEMPLATES.append((key, test, capability, fn))
        return fn

    return register


def _n(rng: random.Random) -> int:
    """A figure as news writes them: 12 to 9,800, rounded as reported."""
    return rng.choice(
        (rng.randrange(12, 99), rng.randrange(11, 99) * 10, rng.randrange(11, 98) * 100)
    )


@template("cue-before", "cue before the figure", "cues")
def cue_before(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for cue, qualifier in BEFORE.items():
        n, (noun, _) = _n(rng), rng.choice(NOUNS)
        s = Sentence().add(f"قالت مصادر محلية إن {cue} ")
        s.fig(str(n), _count(n, qualifier))
        s.add(f" {noun} غادروا {rng.choice(PLACES)} أمس.")
        yield cue, s


@template("cue-prefixed", "cue with a prefix (بنحو، لأكثر من)", "cues")
def cue_prefixed(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for prefix, cue, lead in (
        ("ب", "نحو", "قدرت الأمم المتحدة عدد النازحين"),
        ("ل", "أكثر من", "ارتفعت حصيلة القتلى"),
        ("ب", "حوالي", "قدر المرصد عدد الجرحى"),
        ("ل", "ما يقرب من", "وصل عدد العائدين"),
    ):
        n = _n(rng)
        s = Sentence().add(f"{lead} {prefix}{cue} ")
        s.fig(str(n), _count(n, BEFORE[cue]))
        s.add(" شخصا.")
        yield prefix + cue, s


@template("cue-after", "cue after the noun", "cues")
def cue_after(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for cue, qualifier in AFTER.items():
        for noun in ("حافلة", rng.choice(NOUNS)[0]):
            n = _n(rng)
            s = Sentence().add(f"وصلت إلى معبر {rng.choice(PLACES)} ")
            s.fig(str(n), _count(n, qualifier))
            s.add(f" {noun} {cue} صباح اليوم.")
            yield cue, s
        n = _n(rng)  # the cue right after the figure, no noun between
        s = Sentence().add("بلغ عدد المغادرين ")
        s.fig(f"{n} ألفا", _count(1000 * n, qualifier))
        s.add(f" {cue}، بحسب الهلال الأحمر.")
        yield cue + " ألفا", s


@template("cue-none", "no cue: exact", "cues")
def cue_none(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for _ in range(3):
        n, (noun, _) = _n(rng), rng.choice(NOUNS)
        s = Sentence().add("أصيب ")
        s.fig(str(n), _count(n))
        s.add(f" {noun} في القصف على {rng.choice(PLACES)}.")
        yield str(n), s


@template("digits-scripts", "a figure in each digit script", "digits")
def digits_scripts(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for script in numerals.SCRIPTS:
        for grouped in (False, True):
            n = rng.randrange(1100, 98000)
            written = numerals.render(n, script, grouped)
            s = Sentence().add("سجلت المفوضية ")
            s.fig(written, _count(n))
            s.add(" لاجئا جديدا هذا الشهر.")
            yield written, s


@template("clitic", "clitic attached to the figure", "clitics")
def clitic(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for letter, lead, tail in (
        ("و", "قتل {m} جنديا ", " مدنيا في الهجوم."),
        ("ب", "قدرت المنظمة عدد العائدين ", " شخصا."),
        ("ل", "ارتفع عدد الضحايا ", " قتيلا."),
    ):
        n, m = _n(rng), _n(rng)
        s = Sentence()
        if "{m}" in lead:
            before, after = lead.split("{m}")
            s.add(before)
            s.fig(str(m), _count(m))
            s.add(after + letter)
        else:
            s.add(lead + letter)
        s.fig(str(n), _count(n))
        if s.focus != (s.figures[-1].start, s.figures[-1].end):
            s.focus = (s.figures[-1].start, s.figures[-1].end)
        s.add(tail)
        yield letter, s


@template("part-whole", "part linked to its whole (بينهم، منهم)", "part-whole")
def part_whole(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for word in ("بينهم", "منهم", "من بينهم"):
        whole = rng.randrange(20, 98) * 100
        part = rng.randrange(2, whole // 100) * 10
        s = Sentence().add("غادر ")
        w = s.fig(str(whole), _count(whole))
        s.add(f" مدني أحياء {rng.choice(PLACES)} الشرقية، {word} ")
        p = s.fig(str(part), _count(part))
        s.add(" طفلا.")
        s.relations.append((p, w))
        yield word, s


@template("part-whole-total", "parts before their total (بإجمالي)", "part-whole")
def part_whole_total(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for word in ("بإجمالي", "ليصل المجموع إلى"):
        a, b = rng.randrange(12, 90) * 10, rng.randrange(12, 90) * 10
        s = Sentence().add("قتل ")
        pa = s.fig(str(a), _count(a))
        s.add(" مدنيا و")
        pb = s.fig(str(b), _count(b))
        s.add(f" عنصرا من قوات الأمن، {word} ")
        w = s.fig(str(a + b), _count(a + b))
        s.add(" قتيلا.")
        s.focus = (s.figures[w].start, s.figures[w].end)
        s.relations += [(pa, w), (pb, w)]
        yield word, s


@template("dual-construct", "construct dual before what it counts", "duals")
def dual_construct(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for dual in CONSTRUCT_DUALS:
        a, b = rng.choice(VILLAGES)
        s = Sentence().add("وصلت الحافلات إلى ")
        s.fig(dual, _count(2))
        s.add(f" {a} و{b} مساء الخميس.")
        yield dual, s


@template("dual", "counted dual", "duals")
def dual(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for lead, word, tail in DUALS:
        s = Sentence().add(lead)
        s.fig(word, _count(2))
        s.add(tail.format(rng.choice(PLACES)))
        yield word, s


@template("percent", "percentage", "percentages")
def percent(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for form in PERCENT_FORMS:
        p = rng.randrange(5, 96)
        s = Sentence().add("قال المسؤول إن ")
        s.fig(form.format(p), Reading(Fraction(p), "exact", unit="percent"))
        s.add(" من السكان غادروا منازلهم.")
        yield form.format(p), s


@template("measures", "measure with its unit", "measures")
def measures(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    m = Fraction(rng.randrange(41, 79), 10)
    s = Sentence().add("ضرب زلزال بقوة ")
    s.fig(f"{float(m):.1f}", Reading(m, "exact", unit="magnitude"))
    yield "magnitude", s.add(" درجات على مقياس ريختر جنوب البلاد.")
    n = rng.randrange(2, 9)
    s = Sentence().add("قضى المعتقل ")
    s.fig(f"{n} سنوات ونصف", Reading(Fraction(2 * n + 1, 2), "exact", unit="year"))
    yield "duration", s.add(" في السجن.")
    for currency, code in CURRENCIES:
        n = rng.randrange(2, 95)
        s = Sentence().add("خصصت الحكومة ")
        s.fig(f"{n} مليون", Reading(Fraction(n * 10**6), "exact", unit=code))
        yield code, s.add(f" {currency} لإعادة الإعمار.")


@template("vague", "vague amount", "vague")
def vague(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for words, low, high in VAGUE:
        s = Sentence().add("فر ")
        s.fig(words, Reading(None, "vague", Fraction(low), Fraction(high)))
        s.add(f" من {rng.choice(NOUNS)[1]} من القصف.")
        yield words, s


@template("words", "figure in words", "number words")
def words(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for written, value in WORDS:
        s = Sentence().add("أجلت السلطات ")
        s.fig(written, _count(value))
        s.add(f" من سكان {rng.choice(PLACES)}.")
        yield written, s


@template("definite-compound", "definite compound number (hours)", "number words")
def definite_compound(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    for written, value in DEFINITE_COMPOUNDS:
        s = Sentence().add("قال المرصد إن القصف لم يتوقف خلال ")
        s.fig(written, Reading(Fraction(value), "exact", unit="hour"))
        s.add(" ساعة الماضية.")
        yield written, s


@template("not-figures", "years, ordinals and names", "not figures")
def not_figures(rng: random.Random) -> Iterator[tuple[str, Sentence]]:
    year = rng.randrange(1990, 2025)
    s = Sentence().add("بدأ الحصار في عام ")
    s.mark(str(year))
    yield "year", s.add(" واستمر أشهرا.")
    k = rng.randrange(3, 40)
    s = Sentence().add("خرجت الدفعة الـ")
    s.mark(str(k))
    yield "ordinal", s.add(" من المهجرين صباح اليوم.")
    k = rng.randrange(300, 2500)
    s = Sentence().add("توقف العمل في مشروع الـ")
    s.mark(str(k))
    yield "name", s.add(" شقة شمال المدينة.")
    k = rng.randrange(1000, 2800)
    s = Sentence().add("صدر قرار مجلس الأمن رقم ")
    s.mark(str(k))
    yield "identifier", s.add(" بالإجماع.")


def check_template(s: Sentence) -> list[str]:
    """Where tally's reader reads an expected span, it must read the template's number."""
    problems = []
    for f in s.figures:
        span = s.text[f.start : f.end]
        read = numerals.reading(span)
        if read is not None and f.reading.value is not None and read != f.reading.value:
            problems.append(f"{span!r}: template {f.reading.value}, tally reads {read}")
    return problems


def mft_cases(seed: int) -> list[Case]:
    """Every template's cases, written with a generator seeded per template (stable when a
    template is added)."""
    out = []
    for key, test, capability, writer in TEMPLATES:
        rng = random.Random(f"{seed}:{key}")
        for n, (variant, s) in enumerate(writer(rng), start=1):
            problems = check_template(s)
            if problems:
                raise AssertionError(f"template {key}: {'; '.join(problems)}")
            check = FIGURES if s.figures else NO_FIGURE
            assert s.focus is not None
            out.append(
                Case(
                    f"mft.{key}.{n}",
                    test,
                    capability,
                    MFT,
                    s.text,
                    s.focus,
                    check,
                    f"{key}: {variant}",
                    figures=tuple(s.figures),
                    relations=tuple(s.relations),
                )
            )
    return out
