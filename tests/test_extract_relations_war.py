"""`part_of` and `same_as` in the forms war news writes tolls, raids and convoys (the
real-news round of docs/realnews-war.md). Every sentence here is written for the test;
each form has variants that must link and a negative that must not."""

from __future__ import annotations

import pytest

from checks.extract.pipeline import extract


def _links(text: str, kind: str = "part_of") -> list[list[str]]:
    mentions, relations = extract(text, "2024-06-15")
    said = {m["id"]: m["text"] for m in mentions}
    return sorted([said[r["from"]], said[r["to"]]] for r in relations if r["type"] == kind)


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "نقل 40 جريحا إلى المستشفى، فيما وصل عدد القتلى إلى 9 بينهم 3 أطفال وامرأتان.",
            [["3", "9"], ["امرأتان", "9"]],
        ),
        (
            "أصيب 25 شخصا بجروح، وارتفع عدد الضحايا إلى 7 منهم نحو 4 نساء.",
            [["4", "7"]],
        ),
        (
            "نقل 60 مصابا إلى المستشفيات، بينما بلغ عدد الوفيات 12 بينهم أكثر من 5 أطفال.",
            [["5", "12"]],
        ),
    ],
)
def test_a_cue_between_a_bare_figure_and_the_next_opens_the_parts_of_the_first(text, links):
    """«وصل عدد القتلى إلى 9 بينهم 3 أطفال»: the cue after the 9 opens its parts; the 9 is
    no part of the wounded counted before."""
    assert _links(text) == links


def test_a_figure_of_them_with_no_figure_after_the_cue_is_still_a_part():
    """«قتل 50 شخصا، 20 منهم أطفال»: no figure follows the cue, so the 20 are of the 50."""
    assert _links("قتل 50 شخصا في القصف، 20 منهم من الأطفال.") == [["20", "50"]]


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت مصادر طبية مقتل 28 شخصا على الأقل بينهم أجانب وإصابة نحو ستين آخرين بجروح.",
        "قالت الشرطة إن 14 مدنيا على الأقل بينهم نساء قتلوا وأصيب نحو 40 آخرين.",
        "أسفر الهجوم عن مقتل 11 شخصا على الأقل بينهم مسعفون وجرح قرابة 30 آخرين.",
    ],
)
def test_a_cue_that_took_its_noun_ends_at_a_word_of_another_fate(text):
    """«مقتل 28 بينهم أجانب وإصابة نحو ستين»: the wounded open a new clause; they are no
    part of the dead."""
    assert _links(text) == []


def test_a_cue_that_took_its_noun_still_reaches_a_figure_of_the_same_list():
    """«بينهم نساء و4 أطفال»: no word of another fate between, the 4 is of the 28."""
    assert _links("قتل 28 شخصا بينهم نساء و4 أطفال.") == [["4", "28"]]


@pytest.mark.parametrize(
    "text",
    [
        "وفي البلدة ارتفع عدد القتلى إلى 10، وجرح 13 آخرين معظمهم من النساء.",
        "ارتفعت حصيلة الوفيات إلى 8، وأصيب 21 شخصا بجروح متفاوتة.",
    ],
)
def test_a_running_tally_reaches_the_figure_right_after_its_to(text):
    """«ارتفع عدد القتلى إلى 10، وجرح 13»: the «إلى» reaches the 10; the 13 wounded are
    no total of the dead."""
    assert _links(text) == []


def test_a_running_tally_after_the_days_figures_still_adds_them_up():
    """«قتل 20 شخصا وأصيب 30، ليرتفع عدد القتلى إلى 500»: the rise reaches the 500."""
    text = "قتل 20 شخصا وأصيب 30 آخرون، ليرتفع عدد القتلى منذ بدء الحرب إلى 500."
    assert _links(text) == [["20", "500"]]


@pytest.mark.parametrize(
    "text",
    [
        "وثق المرصد مقتل 120 ألفا و296 شخصا منذ بدء النزاع. وأوضح المرصد أن عدد القتلى "
        "المدنيين بلغ 42 ألفا و495 شخصا.",
        "وذكر المرصد أن عدد القتلى من المدنيين بلغ 7400 فيما بلغ عدد قتلى الجيش النظامي 3500.",
        "قتل 900 شخص في المعارك. وقالت المصادر إن عدد القتلى من الأطفال بلغ 210 أطفال.",
    ],
)
def test_a_toll_of_one_group_is_no_restatement_of_the_whole_toll_nor_of_another_group(text):
    """«عدد القتلى المدنيين بلغ 42 ألفا» is a part of the 120 thousand, «عدد قتلى الجيش» a
    side's toll beside the civilians': never the same figure."""
    assert _links(text, "same_as") == []


@pytest.mark.parametrize(
    ("text", "same"),
    [
        (
            "قتل 300 مدني في القصف. وقال المرصد إن عدد القتلى المدنيين بلغ 320 مدنيا.",
            [["320", "300"]],
        ),
        (
            "بلغت الحصيلة 402 قتيل. في المقابل قدر المكتب حصيلة الهجوم ذاته بنحو 300 قتيل.",
            [["402", "300"]],
        ),
    ],
)
def test_a_toll_of_the_same_group_or_of_no_group_is_still_the_same_figure(text, same):
    """The civilians' toll restates the civilians' count; an unnarrowed rival toll stays."""
    assert _links(text, "same_as") == same


def test_some_of_a_toll_after_its_figure_is_no_rival_toll():
    """«حصيلة الجرحى …، أربعة منهم جروحهم بليغة»: four of the wounded, not their toll."""
    text = (
        "أسفر التفجير عن إصابة 47 شخصا بينهم ثلاثة من أبناء النائب. ولحقت بالمنزل أضرار. "
        "وأكد طبيب في مستشفى كركوك العام حصيلة الجرحى مشيرا إلى أن أربعة منهم جروحهم بليغة."
    )
    assert _links(text, "same_as") == []


@pytest.mark.parametrize(
    ("text", "same"),
    [
        (
            "مقتل 46 مدنيا في قتال خلال يومين\nلقي ما لا يقل عن 46 مدنيا مصرعهم وأصيب 44 في "
            "اشتباكات. وفي الجنوب أسفرت الغارات عن مقتل 20 مدنيا.",
            [["46", "46"]],
        ),
        (
            "مقتل 46 مدنيا في قصف على المدينة\nأسفر القصف عن مقتل 40 مدنيا وإصابة 46 مدنيا.",
            [["40", "46"]],
        ),
    ],
)
def test_the_body_count_with_the_headlines_number_restates_it_if_of_the_same_toll(text, same):
    """The headline's 46 is the body's 46 dead, not the first later count of the dead (20);
    a 46 of the wounded is not it: the first count of the dead is (40)."""
    assert _links(text, "same_as") == same


def test_a_list_under_among_the_dead_is_no_days_figure_of_the_wounded_tally():
    """«من بين الشهداء 4412 طفلا … و667 مسنا، مشيرا إلى أن عدد الجرحى وصل إلى 26,905»: the
    elderly are of the dead, no increment the wounded's running tally adds up."""
    text = (
        "ارتفع عدد الضحايا إلى 10,812 فلسطينيا. وقالت الوزارة إن من بين الشهداء 4412 طفلا "
        "و2918 سيدة، و667 مسنا، مشيرة إلى أن عدد الجرحى وصل إلى 26,905 مصابين."
    )
    assert ["667", "26,905"] not in _links(text)


def test_the_days_figures_before_a_running_tally_still_add_up_to_it():
    """«أصيب 30 شخصا، ليرتفع عدد الجرحى إلى 900»: the day's wounded are of the tally."""
    text = "قتل 12 شخصا وأصيب 30 آخرون في القصف، ليرتفع عدد الجرحى منذ بدء الحرب إلى 900."
    assert _links(text) == [["30", "900"]]


@pytest.mark.parametrize(
    ("text", "whole", "parts"),
    [
        (
            "عبرت اليوم 120 شاحنة مساعدات إلى القطاع.\n\nوأكد مصدر أنه تم إدخال الشاحنات "
            "المحملة بمئات الأطنان من الأغذية.\n\nوشملت الشاحنات التي عبرت اليوم 50 شاحنة من "
            "الأمم المتحدة، و40 شاحنة من الهلال الأحمر، و30 شاحنة من دولة قطر.",
            "120",
            ["30", "40", "50"],
        ),
        (
            "غادرت 90 شاحنة المعبر صباح اليوم.\n\nوقال المصدر إن الشاحنات حملت أغذية وأدوية.\n\n"
            "وأوضح أن المساعدات تضمنت 40 شاحنة من الأمم المتحدة، و30 شاحنة من الإمارات، و20 "
            "شاحنة من الكويت.",
            "90",
            ["20", "30", "40"],
        ),
        (
            "أدخلت السلطات 60 من شاحنات المساعدات اليوم.\n\nوأوضح مصدر أن الشاحنات مقدمة من عدة "
            "جهات، ومنها 25 شاحنة من الأردن، و35 شاحنة من مصر.",
            "60",
            ["25", "35"],
        ),
    ],
)
def test_a_list_of_trucks_by_donor_reaches_past_sentences_with_no_figure_to_its_count(
    text, whole, parts
):
    """«وشملت الشاحنات … 50 شاحنة من …، و40 …» a paragraph or two after «عبرت 120 شاحنة»:
    a sentence of words only (or of counts with no value, «بمئات الأطنان», «عدة جهات»)
    does not part a breakdown from its count."""
    assert _links(text) == sorted([p, whole] for p in parts)


def test_one_figure_of_them_reaches_only_the_sentence_right_before():
    """«وحصدوا 4 منها» names its set in its own clause; it does not reach a count two
    paragraphs up past a sentence with no figure."""
    text = (
        "أنهى المنتخب الدورة الماضية بـ12 ميدالية.\n\nوجاءت مشاركته هذا العام أفضل بكثير، "
        "إذ نافس لاعبوه على الميداليات الذهبية وحصدوا 4 منها."
    )
    assert _links(text) == []


def test_a_breakdown_of_the_dead_is_no_part_of_the_wounded_counted_before_it():
    """«تسعة أشخاص قتلوا وأصيب 50 … القتلى هم ستة رجال وامرأتان»: of the nine."""
    text = (
        "قال المصدر إن تسعة أشخاص قتلوا وأصيب 50 آخرون بجروح. وأوضح أن القتلى هم ستة رجال "
        "وامرأتان وطفل."
    )
    assert _links(text) == [["امرأتان", "تسعة"], ["ستة", "تسعة"]]


def test_parts_of_one_list_are_no_set_of_each_other():
    """«106 شاحنات للأمم المتحدة، … و31 شاحنة من الهلال الأحمر»: the Red Crescent named
    in the sentence before does not make the 106 the set of the 31."""
    text = (
        "دخلت اليوم 200 شاحنة محملة بالمساعدات مقدمة من الهلال الأحمر وجهات أخرى. وشملت "
        "الشاحنات 120 شاحنة تابعة للأمم المتحدة، و50 شاحنة من الهلال الأحمر، و30 شاحنة من قطر."
    )
    assert _links(text) == [["120", "200"], ["30", "200"], ["50", "200"]]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "وصل إلى المستشفيات 80 شهيدا (منهم 30 طفلا و20 امرأة)، و190 إصابة (منها 60 طفلا).",
            [["20", "80"], ["30", "80"], ["60", "190"]],
        ),
        (
            "نقلت الطواقم 45 قتيلا (بينهم 12 طفلا)، و130 جريحا خلال اليوم.",
            [["12", "45"]],
        ),
    ],
)
def test_a_list_opened_in_brackets_ends_where_they_close(text, links):
    """«80 شهيدا (منهم 30 طفلا و20 امرأة)، و190 إصابة»: the 190 is the sentence's next
    item, no part of the 80, and it no longer keeps the 30 and 20 from their whole."""
    assert _links(text) == links


def test_counts_in_brackets_before_their_own_toll_noun_are_no_holders_counts():
    """«حتى الآن (2) وفاة و(6) إصابات»: the digits are bracketed, the nouns are theirs; no
    hospital or place holds them, so they split nothing of the wounded counted before."""
    text = (
        "قتل أربعة أشخاص وأصيب 14 آخرون بينهم 3 أطفال. وأفاد المتحدث بأن ما وصل المستشفى "
        "حتى الآن (2) وفاة و(6) إصابات."
    )
    assert _links(text) == [["3", "14"]]


def test_counts_in_brackets_after_their_holders_still_split_the_group():
    """«نقل المصابون إلى مستشفى الكرك (5) ومستشفى القطرانة (4)»: holders' counts."""
    text = "أصيب 9 أشخاص في الحادث، ونقل المصابون إلى مستشفى الكرك (5) ومستشفى القطرانة (4)."
    assert _links(text) == [["4", "9"], ["5", "9"]]


def test_a_count_with_no_value_is_no_item_of_a_breakdown_with_no_cue():
    """«ارتفعت الحصيلة إلى 5,120 شهيدا. … ولا يزال آلاف الشهداء تحت الركام»: the thousands
    under the rubble are outside the count; nothing but a sum could make them a part."""
    text = (
        "ارتفعت حصيلة الضحايا إلى 5,120 شهيدا و9,400 جريح. ولا يزال آلاف الشهداء تحت الركام، "
        "فيما وصل 12 شهيدا إلى المستشفيات."
    )
    assert ["آلاف", "5,120"] not in _links(text)


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "بينهم 4 أطفال.. 9 جرحى بقصف على بلدة حدودية\nأصيب 9 أشخاص بينهم 4 أطفال بقصف.",
            [["4", "9"], ["4", "9"]],
        ),
        (
            "من بينهم 3 نساء و2 من المسعفين: 20 قتيلا في غارة ليلية\nقتل 20 شخصا في الغارة.",
            [["2", "20"], ["3", "20"]],
        ),
    ],
)
def test_a_headline_that_opens_with_its_part_points_forward_to_its_whole(text, links):
    """«بينهم 6 أطفال.. 11 جريحاً»: the cue opens the line, so its whole comes after."""
    assert _links(text) == links


def test_a_cue_inside_a_line_still_points_back():
    """«أصيب 9 أشخاص، بينهم 4 أطفال.. ونقلوا»: the cue does not open the line."""
    links = _links("أصيب 9 أشخاص بينهم 4 أطفال.. 12 قتيلا في غارة أخرى.")
    assert [p for p in links if p[0] == "4"] == [["4", "9"]]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "قتل 5000 شخص منذ بدء النزاع. وقال المرصد إن عدد المدنيين القتلى تجاوز 3000، أما "
            "باقي القتلى، فكان 1200 منهم من الجنود و400 من المسلحين.",
            [["1200", "5000"], ["3000", "5000"], ["400", "5000"]],
        ),
        (
            "قتل 5000 شخص منذ بدء النزاع. وقال المرصد إن عدد المدنيين القتلى تجاوز 3000، وكان "
            "1200 منهم من الأطفال.",
            [["1200", "3000"]],
        ),
    ],
)
def test_the_rest_of_a_group_is_counted_beside_its_first_part_under_the_total(text, links):
    """«أما باقي القتلى، فكان 1200 منهم من الجنود»: of the total, beside the civilians;
    without «باقي» the «منهم» is of the count right before it."""
    assert _links(text) == links


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "قتل 18 شخصا بينهم تسعة من عناصر الأمن بينهم أربعة ضباط في الهجوم.",
            [["أربعة", "تسعة"], ["تسعة", "18"]],
        ),
        (
            "قتل 18 شخصا بينهم تسعة من عناصر الأمن وبينهم أربعة أطفال في الهجوم.",
            [["أربعة", "18"], ["تسعة", "18"]],
        ),
    ],
)
def test_a_second_among_right_after_a_part_splits_that_part(text, links):
    """«بينهم تسعة من عناصر الأمن بينهم أربعة»: the second «بينهم» points to the nearest
    group, the nine; «وبينهم» adds a sibling to the eighteen."""
    assert _links(text) == links


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "وقال المرصد إن عدد القتلى المدنيين تجاوز 5 آلاف، بينهم 900 طفل و400 امرأة، و2100 "
            "معارض مسلح.",
            [["400", "5 آلاف"], ["900", "5 آلاف"]],
        ),
        (
            "وذكر المرصد أن عدد القتلى من المدنيين بلغ 5 آلاف، بينهم 900 طفل و400 امرأة، و2100 "
            "جندي.",
            [["400", "5 آلاف"], ["900", "5 آلاف"]],
        ),
    ],
)
def test_fighters_are_no_part_of_a_toll_narrowed_to_civilians(text, links):
    """«عدد القتلى المدنيين تجاوز 5 آلاف، بينهم …، و2100 معارض مسلح»: armed men (or
    soldiers) are no civilians, so no part of the civilians' toll."""
    assert _links(text) == links


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "أعلنت الوزارة ارتفاع عدد ضحايا العدوان إلى 8,300 فلسطيني. وقالت إن من بين الشهداء "
            "3100 طفل و1900 سيدة.",
            [["1900", "8,300"], ["3100", "8,300"]],
        ),
        (
            "ارتفع عدد القتلى إلى 95 شخصا وأصيب 240 آخرون بجروح.\n\nوتابع المتحدث أن من بين "
            "الجرحى امرأتين أجنبيتين.",
            [["امرأتين", "240"]],
        ),
    ],
)
def test_among_a_named_toll_finds_the_figure_stated_as_that_toll(text, links):
    """«من بين الشهداء 3100 طفل»: the martyrs are the dead, and «عدد ضحايا العدوان إلى
    8,300» states their toll; «من بين الجرحى» reaches the wounded a paragraph up."""
    assert _links(text) == links


def test_a_martyr_is_counted_as_one_of_the_dead():
    """«60 شهيدا»: the category of the dead, as «60 قتيلا»."""
    mentions, _ = extract("وصل إلى المستشفيات 60 شهيدا و14 قتيلا.", None)
    assert [m.get("category") for m in mentions if m["label"] == "QUANTITY"] == [
        "killed",
        "killed",
    ]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "أدخلت الجهات 70 شاحنة مساعدات اليوم. وأكد المصدر أنها مقدمة من جهات عربية ودولية، "
            'منها: "12 شاحنة من دولة الكويت، و30 شاحنة من هيئة الأمم المتحدة، و10 من الهلال '
            'الأحمر المصري، وشاحنة أردنية واحدة، و7 شاحنات من التحالف، و10 شاحنات للمخيم".',
            [["10", "70"], ["10", "70"], ["12", "70"], ["30", "70"], ["7", "70"], ["واحدة", "70"]],
        ),
        (
            "أصيب 12 شخصا، بينهم 5 أطفال، و3 نساء، ورجل مسن واحد، و3 مسعفين.",
            [["3", "12"], ["3", "12"], ["5", "12"], ["واحد", "12"]],
        ),
    ],
)
def test_one_after_its_noun_is_an_item_of_the_list_and_the_list_goes_on(text, links):
    """«…، وشاحنة قطرية واحدة، و29 شاحنة»: «واحدة» follows its noun, so the item's و
    stands before the noun; the list neither stops at it nor after it."""
    assert _links(text) == links


def _figures(text: str) -> list[str]:
    mentions, _ = extract(text, None)
    return [m["text"] for m in mentions if m["label"] == "QUANTITY"]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("الجمعة 26/مارس/2021 - 01:18 م: أصيب 50 شخصا.", ["50"]),
        ("عبر 113 ألفا إلى روسيا بين 21 و23 فبراير.", ["113 ألفا"]),
        ("شمل القصف الحارتين 29 و43 بحي الثورة، والحارة 50، وأصاب 30 مدنيا.", ["30"]),
        ("وأصبحت الأسعار 7.25 جنيه للتر بنزين 80 و 8.50 جنيه للتر البنزين 92.", ["7.25", "8.50"]),
        ("قتل 21 شخصا و23 آخرون في فبراير الماضي.", ["21", "23"]),
    ],
)
def test_dates_with_a_month_in_words_and_numbers_a_label_names_are_no_figures(text, figures):
    """«26/مارس/2021», «بين 21 و23 فبراير», «الحارتين 29 و43»: dates and quarters' numbers;
    «بنزين 80 و8.50 جنيه» (no dual label) and «21 شخصا و23 آخرون» stay figures."""
    assert _figures(text) == figures


def test_two_girls_are_two_children_of_the_wounded():
    """«ووصل 6 جرحى، بينهم طفلتان»: «طفلة» is a child, so its dual is a part."""
    assert ["طفلتان", "6"] in _links("ووصل 6 جرحى، بينهم طفلتان (7 و5 سنوات)، إلى المستشفى.")


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            "استشهد وأصيب نحو 90 مدنيا في غارات على المدينة.\n\nوفي التفاصيل، استشهد 25 مدنيا "
            "وجرح 65 آخرون.",
            [["25", "90"], ["65", "90"]],
        ),
        (
            "سقط أكثر من 60 شخصا بين قتيل وجريح في التفجير. وقالت المصادر إن 31 شخصا قتلوا، "
            "فيما أصيب 30 آخرون.",
            [["30", "60"], ["31", "60"]],
        ),
        (
            "أسفر الحادث عن مصرع وإصابة 40 شخصا. ولقي 12 شخصا مصرعهم وأصيب 35 آخرون.",
            [["12", "40"], ["35", "40"]],
        ),
    ],
)
def test_a_joint_toll_of_the_dead_and_the_wounded_is_split_by_the_next_of_each(text, links):
    """«استشهد وأصيب نحو 90 … وفي التفاصيل، استشهد 25 وجرح 65»: the dead and the wounded
    after a joint toll are its parts (the third overflows: `part_whole.sum` says so)."""
    assert _links(text) == links


def test_a_toll_of_one_fate_is_not_split_by_the_other():
    """«قتل 90 مدنيا … استشهد 25 وجرح 65»: no joint toll, no split."""
    text = "قتل 90 مدنيا في غارات على المدينة. وفي حادث آخر، استشهد 25 مدنيا وجرح 65 آخرون."
    assert _links(text) == []
