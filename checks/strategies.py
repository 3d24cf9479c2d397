"""Hypothesis strategies for facts documents, derived from the SPEC (as pandera derives them
from a schema): `documents()` draws documents that satisfy every §4 rule, and
`documents(violating=RULE)` ones that break exactly that rule.

Built constructively, never by filtering: a document is first drawn as a `Plan` (numbers,
qualifiers, intervals, names, statuses, dates), parts before their whole so the whole's
bound is derived from the parts' sum; the Arabic text is then rendered from the plan — each
figure's surface written from its value in one of the forms tally reads (Western,
Arabic-Indic or Persian digits, thousands separators, `3 آلاف`, `12 ألف`, number words) —
and offsets are computed from the rendered text. `RULES` holds, per rule id, the constraint
the construction keeps (checked on every drawn plan) and the mutation that breaks only that
rule. Requires the `hypothesis` package (the `test` extra); nothing else in tally imports it.

>>> from checks.strategies import documents, RULES
>>> doc = documents().example()
>>> sorted(doc)
['doc_id', 'mentions', 'published', 'relations', 'text']
>>> all(doc["text"][m["start"]:m["end"]] == m["text"] for m in doc["mentions"])
True
>>> from checks.rules.registry import RULES as ENGINE_RULES
>>> sorted(RULES) == sorted(ENGINE_RULES)
True
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "checks.strategies needs hypothesis: pip install 'tally-facts[test]' (or hypothesis)"
    ) from exc

from checks.intervals import DEFAULT_TOLERANCE
from checks.numbers import NUMBER, read_surface
from checks.schema import LABELS

# ---------------------------------------------------------------- the vocabulary
# Cue written right before a span (SPEC §4b) for each qualifier a count may carry.
CUES = {
    "exact": "",
    "more_than": "أكثر من ",
    "at_least": "ما لا يقل عن ",
    "about": "نحو ",
    "at_most": "ما لا يزيد على ",
    "less_than": "أقل من ",
}
# (noun written after the figure, category)
NOUNS = [
    ("مسلحا", "fighters"),
    ("مصابا", "wounded"),
    ("مدنيا", "civilians"),
    ("طفلا", "children"),
    ("شخصا", "persons"),
    ("عائلة", "families"),
]
WHOLE_NOUNS = [("شخص", "evacuees"), ("نازح", "displaced"), ("مواطن", "residents")]
ORGS = ["المرصد السوري", "الهلال الأحمر", "الأمم المتحدة", "مركز المصالحة", "الدفاع المدني"]
PLACES = ["كفريا", "الفوعة", "الزبداني", "مضايا", "دوما", "داريا", "حرستا"]
WEEKDAY_NAMES = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
UNIT_WORDS = {"percent": "", "km": "كيلومترا", "ton": "طنا", "usd": "دولار", "day": "يوما"}
VAGUE = ("عشرات", 30, 99)
STATUSES = ("completed", "halted", "ongoing", "planned")
_WESTERN = "0123456789"
_SCRIPTS = {"western": _WESTERN, "arabic": "٠١٢٣٤٥٦٧٨٩", "persian": "۰۱۲۳۴۵۶۷۸۹"}
_SEPARATOR = {"western": ",", "arabic": "٬", "persian": "٬"}
# Round numbers as words (checked against tally's reader when the module loads).
WORDS = {1000: "ألف", 2000: "ألفين", 100: "مئة", 200: "مئتين", 10: "عشرة", 1000000: "مليون"}


# ---------------------------------------------------------------- the plan
@dataclass
class Qty:
    """A QUANTITY as planned: `written` is the number the surface shows; `value` what the
    annotation says (they differ only when a rule is to be broken)."""

    written: int | Fraction
    qualifier: str
    noun: str
    category: str
    surface: str = ""
    cue: str = ""
    value: int | Fraction | None = None
    unit: str | None = None
    low: int | None = None
    high: int | None = None
    text_override: str | None = None  # what the mention claims its text is

    def __post_init__(self) -> None:
        self.cue = self.cue or CUES.get(self.qualifier, "")
        if self.value is None and self.qualifier != "vague":
            self.value = self.written


@dataclass
class Plan:
    doc_id: str
    published: dt.date
    labels: frozenset[str]
    source: str | None = None
    whole: Qty | None = None
    parts: list[Qty] = field(default_factory=list)
    members_count: Qty | None = None
    members: list[str] = field(default_factory=list)
    alone: Qty | None = None  # no relations: value.* and self-loop mutations touch it
    cued: Qty | None = None
    vague: Qty | None = None
    same: tuple[Qty, Qty] | None = None
    events: list[tuple[str, str]] = field(default_factory=list)  # (status, source)
    event_day: dt.date | None = None
    event_weekday: int | None = None  # the weekday the DATE's text names
    extra_relations: list[tuple[str, str, str]] = field(default_factory=list)
    extra_mentions: list[dict] = field(default_factory=list)

    def quantities(self) -> list[Qty]:
        both = list(self.same) if self.same else []
        return [q for q in [self.whole, *self.parts, self.members_count, self.alone, self.cued,
                            self.vague, *both] if q is not None]  # fmt: skip


def bounds(q: Qty, t: Fraction = DEFAULT_TOLERANCE) -> tuple[Fraction, float]:
    """The interval SPEC §3 gives the annotation: a count's in integers, a measure's (a
    `unit` given) exact and closed; ∞ as math.inf."""
    if q.qualifier == "vague":
        return q.low, q.high
    v = q.value
    if q.unit is not None:
        return {
            "exact": (v, v),
            "more_than": (v, math.inf),
            "at_least": (v, math.inf),
            "less_than": (0, v),
            "at_most": (0, v),
            "about": (v * (1 - t), v * (1 + t)),
        }[q.qualifier]
    return {
        "exact": (v, v),
        "more_than": (v + 1, math.inf),
        "at_least": (v, math.inf),
        "less_than": (0, v - 1),
        "at_most": (0, v),
        "about": (math.floor(v * (1 - t)), math.ceil(v * (1 + t))),
    }[q.qualifier]


# ---------------------------------------------------------------- rendering numbers
def _in_script(digits: str, script: str) -> str:
    return digits.translate(str.maketrans(_WESTERN, _SCRIPTS[script]))


def surfaces(value: int, unit: str | None = None) -> list[str]:
    """Every surface this module writes for `value`, each read back as `value` by tally."""
    forms = []
    for script in _SCRIPTS:
        forms.append(_in_script(str(value), script))
        if value >= 10000:
            grouped = f"{value:,}".replace(",", _SEPARATOR[script])
            forms.append(_in_script(grouped, script))
    k = value // 1000
    if value % 1000 == 0 and 3 <= k <= 10:
        forms.append(f"{k} آلاف")
    elif value % 1000 == 0 and 11 <= k <= 999:
        forms.append(f"{k} ألف")
    if value in WORDS:
        forms.append(WORDS[value])
    if unit == "percent":
        forms = [f"{value}%", f"{_in_script(str(value), 'arabic')}٪", f"{value} بالمائة"]
    return forms


def _reads(surface: str, value: int, unit: str | None) -> bool:
    if unit == "percent":
        return True  # a percentage is compared with `unit: percent` (SPEC §4a)
    read = read_surface(surface)
    return read.kind == NUMBER and read.value == value


for _v, _w in WORDS.items():  # the word table is tally's own reading of these words
    if not _reads(_w, _v, None):
        raise AssertionError(f"tally does not read {_w!r} as {_v}")


@st.composite
def _surface(draw, value: int, unit: str | None = None) -> str:
    form = draw(st.sampled_from(surfaces(value, unit)))
    if not _reads(form, value, unit):  # a bug here, not bad luck: say so at once
        raise AssertionError(f"surface {form!r} does not read as {value}")
    return form


# ---------------------------------------------------------------- drawing a consistent plan
def _qty(
    draw, written: int, qualifier: str, nouns=NOUNS, unit: str | None = None, tenths=True
) -> Qty:
    noun, category = draw(st.sampled_from(nouns))
    if unit == "percent":
        written %= 101  # a share of a whole
    if unit is not None:
        noun = UNIT_WORDS.get(unit, "وحدة")
    if unit not in (None, "percent") and tenths and draw(st.booleans()):
        # A measure is an exact rational, never rounded (SPEC §3): 7.7, ٧٫٧.
        tenth = draw(st.integers(1, 9))
        q = Qty(Fraction(written * 10 + tenth, 10), qualifier, noun, category, unit=unit)
        script = draw(st.sampled_from(list(_SCRIPTS)))
        mark = "." if script == "western" else "٫"
        q.surface = _in_script(f"{written}{mark}{tenth}", script)
        if not _reads(q.surface, q.written, unit):
            raise AssertionError(f"surface {q.surface!r} does not read as {q.written}")
        return q
    q = Qty(written, qualifier, noun, category, unit=unit)
    q.surface = draw(_surface(written, unit))
    return q


_PART_QUALIFIERS = ("exact", "at_least", "more_than", "about")
_WHOLE_QUALIFIERS = ("exact", "more_than", "at_least", "about", "at_most", "less_than")


@st.composite
def _plan(draw, labels: frozenset[str], units: tuple[str, ...]) -> Plan:
    n = draw(st.integers(1, 10**6))
    published = draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
    plan = Plan(f"doc-{n}", published, labels)
    counts = st.integers(1, 50000)
    if "ORG" in labels:
        plan.source = draw(st.sampled_from(ORGS))
    # Parts first; the whole's figure is their lows' sum plus slack (part_whole.sum holds).
    plan.parts = [
        _qty(draw, draw(counts), draw(st.sampled_from(_PART_QUALIFIERS)))
        for _ in range(draw(st.integers(1, 3)))
    ]
    need = sum(bounds(p)[0] for p in plan.parts)
    whole_q = draw(st.sampled_from(_WHOLE_QUALIFIERS))
    slack = draw(st.integers(0, 5000))
    plan.whole = _qty(draw, need + slack + (whole_q == "less_than"), whole_q, WHOLE_NOUNS)
    # Members first; the count covers them (count.members holds).
    if "LOC" in labels:
        plan.members = draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=4,
                                     unique=True))  # fmt: skip
        m = len(plan.members)
        q = draw(st.sampled_from(("exact", "at_least", "about")))
        plan.members_count = _qty(draw, m + draw(st.integers(0, 3)), q, [("قرى", "villages")])
        if bounds(plan.members_count)[1] < m:  # about keeps its bound ≥ v
            plan.members_count = _qty(draw, m, "exact", [("قرى", "villages")])
    unit = st.sampled_from((None, *units))
    plan.alone = _qty(draw, draw(counts), "exact", unit=draw(unit))
    plan.cued = _qty(draw, draw(counts), draw(st.sampled_from(("about", "more_than"))))
    word, low, high = VAGUE
    plan.vague = Qty(0, "vague", "جريحا", "wounded", surface=word, low=low, high=high)
    shared = draw(counts)
    pair_unit = draw(unit)
    first = _qty(draw, shared, "exact", unit=pair_unit)
    again = draw(st.sampled_from(("exact", "about")))
    if isinstance(first.written, Fraction):  # a measure with tenths: the same figure again
        second = Qty(first.written, again, first.noun, first.category, first.surface,
                     unit=pair_unit)  # fmt: skip
    else:
        second = _qty(draw, shared, again, unit=pair_unit, tenths=False)
    plan.same = (first, second)
    if "EVENT" in labels and "ORG" in labels:
        status = draw(st.sampled_from(STATUSES))
        first, second = draw(st.lists(st.sampled_from(ORGS), min_size=2, max_size=2,
                                      unique=True))  # fmt: skip
        plan.events = [(status, first), (status, second)]
        if "DATE" in labels:
            plan.event_day = draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
            plan.event_weekday = plan.event_day.weekday()
    return plan


# ---------------------------------------------------------------- rendering the document
def _json_number(x: Fraction | int | None) -> int | float | None:
    """A figure as JSON writes it: whole numbers as integers, tenths as decimals."""
    if x is None:
        return None
    return int(x) if x == int(x) else float(x)


class _Writer:
    def __init__(self) -> None:
        self.text = ""
        self.mentions: list[dict] = []
        self.relations: list[dict] = []

    def say(self, s: str) -> None:
        self.text += s

    def mention(self, surface: str, label: str, **attrs) -> str:
        mid = f"m{len(self.mentions) + 1}"
        start = len(self.text)
        self.say(surface)
        m = {"id": mid, "start": start, "end": len(self.text), "text": surface, "label": label}
        m.update({k: v for k, v in attrs.items() if v is not None})
        self.mentions.append(m)
        return mid

    def quantity(self, q: Qty) -> str:
        self.say(q.cue)
        mid = self.mention(
            q.surface, "QUANTITY", value=_json_number(q.value), qualifier=q.qualifier,
            category=q.category,
            unit=q.unit, low=q.low, high=q.high,
        )  # fmt: skip
        if q.text_override is not None:
            self.mentions[-1]["text"] = q.text_override
        self.say(f" {q.noun}" if q.noun else "")
        return mid

    def relate(self, a: str, b: str, kind: str) -> None:
        self.relations.append({"from": a, "to": b, "type": kind})


def render(plan: Plan) -> dict:
    """The facts document (SPEC §5) of a plan: text, mentions with offsets, relations."""
    w = _Writer()
    ids: dict[str, str] = {}
    source = None
    if plan.source is not None:
        w.say("وقال ")
        source = w.mention(plan.source, "ORG")
        w.say(" إن ")
    whole = w.quantity(plan.whole)
    w.say(" غادروا المدينة، ومنهم ")
    for i, p in enumerate(plan.parts):
        w.say("، ومنهم " if i else "")
        w.relate(w.quantity(p), whole, "part_of")
    if source is not None:
        w.relate(whole, source, "reported_by")
    w.say(". ")
    if plan.members_count is not None:
        w.say("وشمل الاتفاق ")
        count = w.quantity(plan.members_count)
        w.say(" هي ")
        for i, place in enumerate(plan.members):
            w.say(" و" if i else "")
            w.relate(w.mention(place, "LOC"), count, "member_of")
        w.say(". ")
    w.say("ودخلت المدينة ")
    ids["alone"] = w.quantity(plan.alone)
    w.say("، ووصل ")
    w.quantity(plan.cued)
    w.say("، وسقط ")
    ids["vague"] = w.quantity(plan.vague)
    w.say(". وسجل الفريق ")
    first = w.quantity(plan.same[0])
    w.say("، ثم أكد التقرير ")
    w.relate(first, w.quantity(plan.same[1]), "same_as")
    w.say(".")
    events = []
    for i, (status, org) in enumerate(plan.events):
        w.say(" وأعلن " if i == 0 else " وذكر ")
        reporter = w.mention(org, "ORG")
        w.say(" ")
        events.append(w.mention("انتهاء عملية الإجلاء" if i == 0 else "العملية", "EVENT",
                                status=status))  # fmt: skip
        w.relate(events[-1], reporter, "reported_by")
        if i == 0 and plan.event_day is not None:
            w.say(" يوم ")
            day = w.mention(WEEKDAY_NAMES[plan.event_weekday], "DATE",
                            normalized=plan.event_day.isoformat())  # fmt: skip
            w.relate(events[-1], day, "date_of")
        w.say(".")
    if len(events) == 2:
        w.relate(events[0], events[1], "same_as")
    for m in plan.extra_mentions:
        at = w.text.index(m["text"])
        w.mentions.append({"id": f"m{len(w.mentions) + 1}", "start": at,
                           "end": at + len(m["text"]), **m})  # fmt: skip
    for a, b, kind in plan.extra_relations:
        w.relate(ids.get(a, a), ids.get(b, b), kind)
    return {
        "doc_id": plan.doc_id,
        "published": plan.published.isoformat(),
        "text": w.text,
        "mentions": w.mentions,
        "relations": w.relations,
    }


# ---------------------------------------------------------------- the registry
@dataclass(frozen=True)
class RuleStrategy:
    """How documents keep a rule (`valid`: the constraint every drawn plan satisfies) and
    how one breaks it alone (`violate`: a plan mutation, drawing what it needs)."""

    rule: str
    valid: Callable[[Plan], bool]
    violate: Callable[..., None] | None = None
    needs: frozenset[str] = frozenset({"QUANTITY"})


def _overlap(a: Qty, b: Qty) -> bool:
    (la, ha), (lb, hb) = bounds(a), bounds(b)
    return la <= hb and lb <= ha


def _reads_all(plan: Plan) -> bool:
    return all(q.qualifier == "vague" or (q.value is not None and _reads(q.surface, q.value,
               q.unit)) for q in plan.quantities())  # fmt: skip


def _set(obj, **values) -> None:
    for k, v in values.items():
        setattr(obj, k, v)


def _break_sum(draw, plan: Plan) -> None:
    need = sum(bounds(p)[0] for p in plan.parts)
    if need < 1:  # «نحو 1» or «أقل من 1»: parts whose lows add to nothing overflow no whole
        plan.parts[0] = _qty(draw, draw(st.integers(1, 50000)), "exact")
        need = sum(bounds(p)[0] for p in plan.parts)
    plan.whole = _qty(draw, draw(st.integers(0, need - 1)), "exact", WHOLE_NOUNS)


def _break_members(draw, plan: Plan) -> None:
    if len(plan.members) < 2:
        plan.members = PLACES[:2]
    plan.members_count = _qty(draw, draw(st.integers(1, len(plan.members) - 1)), "exact",
                              [("قرى", "villages")])  # fmt: skip


def _break_same(draw, plan: Plan) -> None:
    a = plan.same[0]
    top = 100 if a.unit == "percent" else int(a.written) + 1000
    other = draw(st.integers(0, top).filter(lambda v: v != a.written))
    plan.same = (a, _qty(draw, other, "exact", unit=a.unit, tenths=False))


def _break_weekday(draw, plan: Plan) -> None:
    plan.event_weekday = (plan.event_day.weekday() + draw(st.integers(1, 6))) % 7


def _break_conflict(draw, plan: Plan) -> None:
    status = plan.events[0][0]
    other = draw(st.sampled_from([s for s in STATUSES if s != status]))
    plan.events[1] = (other, plan.events[1][1])


RULES: dict[str, RuleStrategy] = {
    s.rule: s
    for s in [
        RuleStrategy(
            "span.offsets",
            lambda p: all(q.text_override is None for q in p.quantities()),
            lambda draw, p: _set(p.vague, text_override="مئات"),
        ),
        RuleStrategy(
            "span.label",
            lambda p: not p.extra_mentions,
            lambda draw, p: p.extra_mentions.append({"text": "المدينة", "label": "NUMBER"}),
        ),
        RuleStrategy(
            "value.missing",
            lambda p: all(q.value is not None or q.qualifier == "vague" for q in p.quantities()),
            lambda draw, p: _set(p.alone, value=None),
        ),
        RuleStrategy(
            "value.surface",
            _reads_all,
            # On a count: its cue still agrees, and no relation reads it.
            lambda draw, p: _set(p.cued, value=p.cued.written + draw(st.integers(1, 99))),
        ),
        RuleStrategy(
            "qualifier.cue",
            lambda p: all(CUES.get(q.qualifier, "") == q.cue for q in p.quantities()),
            lambda draw, p: _set(p.cued, qualifier="exact"),
        ),
        RuleStrategy(
            "interval.empty",
            lambda p: all(bounds(q)[0] <= bounds(q)[1] for q in p.quantities()),
            lambda draw, p: _set(p.vague, low=p.vague.high, high=p.vague.low),
        ),
        RuleStrategy(
            "relation.endpoints",
            lambda p: not p.extra_relations,
            lambda draw, p: p.extra_relations.append(("alone", "m999", "part_of")),
        ),
        RuleStrategy(
            "part_whole.sum",
            lambda p: sum(bounds(q)[0] for q in p.parts) <= bounds(p.whole)[1],
            _break_sum,
        ),
        RuleStrategy(
            "part_whole.cycle",
            lambda p: not p.extra_relations,
            lambda draw, p: p.extra_relations.append(("alone", "alone", "part_of")),
        ),
        RuleStrategy(
            "count.members",
            lambda p: p.members_count is None or len(p.members) <= bounds(p.members_count)[1],
            _break_members,
            frozenset({"QUANTITY", "LOC"}),
        ),
        RuleStrategy("same_as.values", lambda p: _overlap(*p.same), _break_same),
        RuleStrategy(
            "date.weekday",
            lambda p: p.event_day is None or p.event_day.weekday() == p.event_weekday,
            _break_weekday,
            frozenset({"QUANTITY", "EVENT", "ORG", "DATE"}),
        ),
        RuleStrategy(
            "source.conflict",
            lambda p: len({status for status, _ in p.events}) <= 1,
            _break_conflict,
            frozenset({"QUANTITY", "EVENT", "ORG"}),
        ),
    ]
}


# ---------------------------------------------------------------- the public strategy
def documents(
    consistent: bool = True,
    *,
    violating: str | None = None,
    labels: Iterable[str] = LABELS,
    units: Iterable[str] = (),
) -> st.SearchStrategy[dict]:
    """Facts documents (SPEC §5 dicts, one JSONL line each) with Arabic text.

    consistent: every §4 rule holds. violating: exactly this rule id fires (the others
    hold). labels: the labels that may appear (QUANTITY always does; relations whose
    endpoints are left out are left out too). units: units a standalone figure or a
    `same_as` pair may carry besides being a count (`percent`, `km`, `ton`, `usd`, `day`);
    a measure other than a percentage may have tenths (`7.7`, `٧٫٧`).
    """
    chosen = frozenset(labels) | {"QUANTITY"}
    unknown = chosen - set(LABELS)
    if unknown:
        raise InvalidArgument(f"labels outside SPEC §2: {', '.join(sorted(unknown))}")
    unit_list = tuple(units)
    odd = [u for u in unit_list if not re.fullmatch(r"[a-z][a-z0-9_]*", str(u))]
    if odd:
        raise InvalidArgument(f"units must be snake_case (SPEC §2): {odd}")
    if violating is None and not consistent:
        raise InvalidArgument("consistent=False needs violating=RULE (which rule to break)")
    hooks = None
    if violating is not None:
        if violating not in RULES:
            raise InvalidArgument(f"no strategy for rule {violating!r}; known: {', '.join(RULES)}")
        hooks = RULES[violating]
        missing = hooks.needs - chosen
        if missing:
            raise InvalidArgument(
                f"violating={violating!r} needs labels {', '.join(sorted(missing))}"
            )

    @st.composite
    def build(draw) -> dict:
        plan = draw(_plan(chosen, unit_list))
        broken = [r for r, s in RULES.items() if not s.valid(plan)]
        if broken:  # the construction itself is wrong: never filter it away
            raise AssertionError(f"a drawn plan breaks {broken}")
        if hooks is not None:
            hooks.violate(draw, plan)
        return render(plan)

    return build()


def facts_jsonl(docs: Iterable[dict]) -> bytes:
    """Documents as facts JSONL bytes (what `tally check` reads)."""
    import orjson

    return b"".join(orjson.dumps(d) + b"\n" for d in docs)


def as_facts(docs: Iterable[dict]):
    """Documents as `Facts`, through tally's own JSONL reader (for `tally.check`)."""
    from pathlib import Path

    from checks.readers.jsonl import read_jsonl

    return read_jsonl(Path("strategies"), facts_jsonl(docs))
