"""`tally extract` on figures as news writes them (SPEC §2, §4a, §4b): one case per form in
tests/cases/extract/quantities.json, sentences written for these tests, each listing every
QUANTITY the extractor must find (span, value, qualifier, unit, low/high) and nothing else;
cases with no figures are the negative ones (years, dates, clock times, ordinals,
identifiers, words that only end like duals). Plus invariances: a clitic before a figure
or a cue changes neither its span's reading nor its qualifier."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.extract.pipeline import extract
from tests.conftest import ROOT

CASES = ROOT / "tests" / "cases" / "extract" / "quantities.json"
KEYS = ("text", "value", "qualifier", "unit", "low", "high")


def _cases() -> list:
    return [pytest.param(c, id=c["title"]) for c in json.loads(CASES.read_text("utf-8"))]


def quantities(text: str) -> list[dict]:
    mentions, _ = extract(text, "2020-01-01")
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]
    return [{k: m[k] for k in KEYS if k in m} for m in mentions if m["label"] == "QUANTITY"]


def test_the_case_file_has_positive_and_negative_cases():
    cases = json.loads(CASES.read_text("utf-8"))
    assert len(cases) >= 60
    assert sum(not c["quantities"] for c in cases) >= 15


@pytest.mark.parametrize("case", _cases())
def test_quantity_sentences(case):
    assert quantities(case["text"]) == case["quantities"]


NOUNS = st.sampled_from(["شخصا", "طفلا", "مدنيا", "جريحا", "لاجئا"])
CUES = st.sampled_from(
    [("أكثر من", "more_than"), ("نحو", "about"), ("ما يقرب من", "about"), ("أقل من", "less_than"),
     ("ما لا يقل عن", "at_least"), ("حوالي", "about"), ("قرابة", "about"), ("", "exact")]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.integers(11, 99), NOUNS, CUES, st.sampled_from(["", "و", "ب", "ل", "وب"]))
def test_a_prefix_on_the_cue_keeps_span_value_and_qualifier(n, noun, cue, prefix):
    words, qualifier = cue
    lead = f"{prefix}{words} " if words else ""
    text = f"قال المسؤول إن الحصيلة بلغت {lead}{n} {noun} في المدينة."
    (q,) = quantities(text)
    assert (q["text"], q["value"], q["qualifier"]) == (str(n), n, qualifier), text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([("عشرين", 20), ("ثلاثين", 30), ("خمسين", 50), ("مئات", None)]),
       st.sampled_from(["", "و", "ب", "ل", "ف", "وب"]))  # fmt: skip
def test_a_clitic_on_a_number_word_stays_outside_the_span(word, prefix):
    written, value = word
    (q,) = quantities(f"وصلت المساعدات {prefix}{written} أسرة في المخيم.")
    assert q["text"] == written
    assert q.get("value") == value


AFTER = st.sampled_from([("على الأقل", "at_least"), ("تقريبا", "about"), ("تقريبًا", "about"),
                         ("على الأكثر", "at_most")])  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.integers(11, 99), NOUNS, AFTER, st.booleans())
def test_a_cue_after_the_counted_noun_sets_the_qualifier(n, noun, cue, with_noun):
    words, qualifier = cue
    counted = f" {noun}" if with_noun else ""
    text = f"قال المسؤول إن الحصيلة بلغت {n}{counted} {words} في المدينة."
    (q,) = quantities(text)
    assert (q["text"], q["value"], q["qualifier"]) == (str(n), n, qualifier), text


@pytest.mark.parametrize(
    ("source", "units"),
    [
        # the outlet's country, by name or by the demonym it writes
        ("الوكالة الوطنية للإعلام", ["lbp", "lbp", None]),
        ("رؤيا", [None, None, "jod"]),
        ("الغد الأردنية", [None, None, "jod"]),
        ("شفق نيوز", [None, None, "iqd"]),
        # a web address: the country code of its domain, else the outlet's Latin name
        ("petra.gov.jo", [None, None, "jod"]),
        ("https://www.nna-leb.gov.lb/ar/economy/12", ["lbp", "lbp", None]),
        ("https://www.alsumaria.tv/news/economy", [None, None, "iqd"]),
        ("Shafaq", [None, None, "iqd"]),  # a Latin name
        ("Reuters", [None, None, None]),  # a Latin name of no one country
        # a name outlets of two countries carry says nothing, nor does no source
        ("الوطن", [None, None, None]),
        ("https://alwatan.com/details/1", [None, None, None]),
        ("example.org", [None, None, None]),
        ("", [None, None, None]),
    ],
)
def test_money_the_text_names_no_country_for_is_the_outlets(source, units):
    text = "تراجع سعر الصفيحة من 1,529,000 إلى 1,511,000 ليرة، وسعر الأسطوانة 7 دنانير."
    mentions, _ = extract(text, "2024-05-21", source=source)
    assert [m.get("unit") for m in mentions if m["label"] == "QUANTITY"] == units


def test_the_currencys_own_adjective_wins_over_the_outlet():
    mentions, _ = extract(
        "بلغ السعر 500 ليرة سورية.", "2024-05-21", source="الوكالة الوطنية للإعلام"
    )
    assert [m.get("unit") for m in mentions if m["label"] == "QUANTITY"] == ["syp"]


def _read(text: str) -> list[tuple]:
    return [(q["text"], q.get("value"), q.get("unit")) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a figure typeset without the space before its scale word or percent
        ("بلغت قيمة الصادرات 2036مليون دينار أردني", [("2036مليون", 2036000000, "jod")]),
        ("وبلغت المستوردات 8.6ملايين دينار أردني", [("8.6ملايين", 8600000, "jod")]),
        ("ارتفع الإنتاج 16بالمائة عن العام الماضي", [("16بالمائة", 16, "percent")]),
        # the press decimal set right to left, with a space after «ر»
        ("بلغ معدل البطالة 5ر 21 بالمئة", [("5ر 21 بالمئة", 21.5, "percent")]),
        ("بلغت المستوردات 4ر 1797 مليون دينار أردني", [("4ر 1797 مليون", 1797400000, "jod")]),
        # digits that write every place: the scale word restates the magnitude
        ("بلغ عدد السكان 15.588.805 مليون نسمة", [("15.588.805 مليون", 15588805, None)]),
        # digit groups set in brackets inside one figure, as ministries' figures are printed
        (
            "صدّرت الشركة (92) مليوناً و(255) ألفاً و(610) براميل بإيرادات بلغت (7.081) مليار دولار",
            [("(92) مليوناً و(255) ألفاً و(610)", 92255610, "barrel"),
             ("(7.081) مليار", 7081000000, "usd")],
        ),
        ("و(3) ملايين و(295) ألف برميل في اليوم",
         [("(3) ملايين و(295) ألف", 3295000, "barrel_per_day")]),
    ],
)  # fmt: skip
def test_figures_as_the_press_typesets_them(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("قتل 12شخصا في الهجوم", [("12", 12, None)]),  # a glued noun is no scale word
        ("بلغت قيمة السندات 1,500 مليون دولار", [("1,500 مليون", 1500000000, "usd")]),
        ("بلغ الإنتاج 2000 ألف طن", [("2000 ألف", 2000000, "ton")]),
        # counts in brackets after the names of their holders stay two figures
        ("استقبل مستشفى الكرك (5) إصابات ومستشفى القطرانة (4) إصابات",
         [("5", 5, None), ("4", 4, None)]),
    ],
)  # fmt: skip
def test_forms_near_the_typeset_figures_that_keep_their_reading(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "figure", "unit"),
    [
        ("انخفض معدل البطالة بمقدار 1.6 نقطة مئوية", "1.6", "percentage_point"),
        ("ارتفعت البطالة 23 بالمئة، بمقدار 3.8 نقطة مئوية", "3.8", "percentage_point"),
        ("ارتفع المؤشر بنسبة 0.6 في المائة ليغلق عند 7400 نقطة", "7400", "point"),
        ("صعد المؤشر 1.01 في المئة وقت أن كانت قراءته 6969 نقطة", "6969", "point"),
        # a rate that moved, after its share: percentage points, as before
        ("بلغت نسبة النجاح 53 بالمائة، بتراجع نقطتين", "نقطتين", "percentage_point"),
    ],
)
def test_points_of_an_index_and_percentage_points(text, figure, unit):
    assert {q["text"]: q.get("unit") for q in quantities(text)}[figure] == unit


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a list item's number at the start of a line
        ("قالت الشركة إن السبب يعود إلى:\n1- ارتفاع حصة الشركة بنسبة 40%.\n2) انخفاض المصروفات.",
         [("40%", 40, "percent")]),
        # the year the words before name
        ("ارتفعت التحويلات خلال الأشهر التسعة الأولى من العام الحالي 2024 ارتفاعاً بمعدل 42.6%",
         [("التسعة", 9, "month"), ("42.6%", 42.6, "percent")]),
        ("أقر المجلس الموازنة العامة 2024 بأغلبية 89 صوتا", [("89", 89, None)]),
        # dates written with Latin month names and ordinals
        ("الأربعاء 21 november 2012: بلغ معدل البطالة 12.5%", [("12.5%", 12.5, "percent")]),
        ("تاريخ النشر: 1st, February 2024", []),
        # a label before its figure in a list of prices
        ("الأسعار الحالية:\n95: 19 جنيها للتر\n92: 17.25 جنيها للتر",
         [("19", 19, "egp"), ("17.25", 17.25, "egp")]),
    ],
)  # fmt: skip
def test_numbers_that_name_or_list_are_no_figures(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("قتل في العام الماضي 2000 شخص", [("2000", 2000, None)]),  # a count after the year words
        ("3 قتلى في الهجوم\n10 - 15 شخصا أصيبوا", [("3", 3, None), ("10 - 15", None, None)]),
        ("وقع الحادث في 23:11 وأصيب 4 أشخاص", [("4", 4, None)]),
    ],
)  # fmt: skip
def test_forms_near_labels_and_list_numbers_that_stay_figures(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a definite span of time after a figure says when
        ("زادت السيولة إلى 14.21 مليار ريال سعودي مقابل 13.77 مليارا اليوم السابق",
         [("14.21 مليار", 14210000000, "sar"), ("13.77 مليارا", 13770000000, "sar")]),
        ("بلغ التبادل التجاري بين البلدين العام الماضي 67 مليار دولار",
         [("البلدين", 2, None), ("67 مليار", 67000000000, "usd")]),
        # a count of days, and a plural of hours made definite, measure
        ("استمرت الحملة 10 أيام", [("10", 10, "day")]),
        ("قطع القطار 120 كيلومترا في الساعة", [("120", 120, "km_per_hour")]),
    ],
)  # fmt: skip
def test_a_definite_span_of_time_after_a_figure_is_no_unit(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a word after the dual-shaped one that ends in a pronoun is no dual verb
        ("وعن أداء القطاعات فقد تباين أداؤها حيث ارتفعت 6 قطاعات", [("6", 6, None)]),
        ("توزعت الإصابات على محافظات شبوة ولحج وأبين وغيرها", []),
        # a dual verb after it still makes it a dual
        ("قتل مسلحين هاجما الحاجز", [("مسلحين", 2, None)]),
    ],
)  # fmt: skip
def test_a_pronoun_ending_is_no_dual_verb(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a bare fraction after the index it is a level of
        ("بلغ الرقم القياسي لأسعار المستهلك للأشهر الخمسة الأولى ما مقداره 108.50 مقابل 104.97",
         [("الخمسة", 5, "month"), ("108.50", 108.5, "point"), ("104.97", 104.97, "point")]),
        ("أغلق المؤشر العام عند 6683.34 متراجعا", [("6683.34", 6683.34, "point")]),
        # a rate is no index, and a fraction with nothing named measures nothing
        ("بلغ معدل الفائدة 5.25 هذا الشهر", []),
        ("تسلم الفريق 2.5 من الحصة", []),
    ],
)  # fmt: skip
def test_a_bare_fraction_after_an_index_is_its_level_in_points(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a change with its unit on the lower figure, and the «من … إلى» after it: two figures
        ("زادت صادرات الأثاث خلال سبتمبر 2012 مقارنة بسبتمبر 2011 من 122 مليون جنيه إلى 135 "
         "مليونا وصادرات الأدوية من 202 مليون إلى 235 مليونا",
         [("122 مليون", 122000000, "egp"), ("135 مليونا", 135000000, None),
          ("202 مليون", 202000000, None), ("235 مليونا", 235000000, None)]),
        # a range stays one
        ("يتراوح عدد المصابين من 10 إلى 15 شخصا", [("10 إلى 15", None, None)]),
        ("أصيب ما بين 200 و300 شخص", [("200 و300", None, None)]),
    ],
)  # fmt: skip
def test_a_change_from_one_figure_to_another_is_two_figures(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the cue verb bounds the subject's amount, not a figure inside its phrase
        ("وتجاوز عدد المكتتبين في الشركتين 8.5 مليون مكتتب",
         [("الشركتين", "exact"), ("8.5 مليون", "more_than")]),
        ("وهي المرة الأولى التي يقل فيها العجز المتوقع عن بليون دولار", [("بليون", "less_than")]),
        ("تجاوز عدد القتلى 100", [("100", "more_than")]),
    ],
)  # fmt: skip
def test_a_cue_verb_bounds_the_amount_of_its_subject(text, want):
    assert [(q["text"], q["qualifier"]) for q in quantities(text)] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("سجل معدل البطالة في الفئة العمرية (15 ــ19سنة) نحو 10.2%",
         [("15 ــ19", None, "year"), ("10.2%", 10.2, "percent")]),
        # a tatweel after a figure that no figure follows is no dash
        ("قتل 5 ـ أطفال و3 نساء", [("5 ـ", 5, None), ("3", 3, None)]),
    ],
)  # fmt: skip
def test_a_tatweel_run_between_two_figures_is_a_dash(text, want):
    assert _read(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # «one» after its noun and the noun's adjective is in the noun's unit
        ("ارتفع الرقم بنسبة 0.07% (أقل من نقطة مئوية واحدة) لشهر تشرين أول",
         [("0.07%", 0.07, "percent"), ("واحدة", 1, "percentage_point")]),
        ("ارتفع سعر اللتر بمقدار جنيه مصري واحد", [("واحد", 1, "egp")]),
        ("قتل شخص واحد في الهجوم", [("واحد", 1, None)]),
    ],
)  # fmt: skip
def test_one_after_its_noun_and_adjective_is_in_the_nouns_unit(text, want):
    assert _read(text) == want
