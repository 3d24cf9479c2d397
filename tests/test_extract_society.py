"""Forms of society news (elections, exams, pilgrims, migrants, census, courts, labour,
sports) that real outlets write and the extractor misread (docs/realnews-society.md).
Every sentence here is written for the test."""

from __future__ import annotations

from checks.extract.pipeline import extract
from tests.test_extract import _own_check


def _links(s: str, kind: str = "part_of", published: str = "2024-03-12") -> list[list[str]]:
    mentions, relations = extract(s, published)
    text = {m["id"]: m["text"] for m in mentions}
    return sorted([text[r["from"]], text[r["to"]]] for r in relations if r["type"] == kind)


def _errors(texts: list[str]) -> list[str]:
    v = _own_check(texts).violations
    return sorted(v.loc[v["severity"] == "error", "rule"])


def test_a_total_ranked_after_a_breakdown_by_kind_is_another_holders():
    """«N ميدالية، منها a ذهبية و b فضية، يليها X بـM ميدالية»: M counts the whole's noun,
    not the last part's: it is the next holder's total, no part of N."""
    s = "تصدرت تونس الترتيب برصيد 40 ميدالية، منها 12 ذهبية و10 فضية و18 برونزية، "
    s += "يليها الأردن بـ21 ميدالية، منها 6 ذهبيات."
    assert _links(s) == [["10", "40"], ["12", "40"], ["18", "40"], ["6", "21"]]
    assert _errors([s]) == []
    s = "حصلت القائمة على 30 مقعدا، منها 8 مقاعد للنساء، تليها قائمة الوفاق بـ25 مقعدا."
    assert ["25", "30"] not in _links(s)
    # the part's own noun ranked after it is a sibling share of the same whole
    s = "بلغ عدد النازحين 900 ألف، أكبرهم عددا في نينوى بنحو 263 ألفا، تليها دهوك بـ245 ألفا."
    assert _links(s) == [["245 ألفا", "900 ألف"], ["263 ألفا", "900 ألف"]]
    s = "فاز الحزب بـ102 مقعد من أصل 395 مقعدا، متبوعا بحزب الأصالة بـ87 مقعدا."
    assert _links(s) == [["102", "395"], ["87", "395"]]


def _figures(s: str, published: str = "2024-03-12") -> list[str]:
    mentions, _ = extract(s, published)
    return [m["text"] for m in mentions if m["label"] == "QUANTITY"]


def test_days_of_dates_typed_with_spaced_slashes_are_no_figures():
    """Agencies type «14 / 06 / 1446هـ», «03/ 02/ 2024م», a day range «11 - 13 / 4 / 1440ه»:
    every group is part of a date; a count next to a slash that makes no date is kept."""
    s = "أسفرت الحملات خلال الفترة من 14 / 06 / 1446هـ حتى 20 / 06 / 1446هـ عن ضبط 900 مخالف."
    assert _figures(s) == ["900"]
    s = "أسفرت الحملات للفترة من 04/ 11/ 2025م إلى 10/ 11/ 2025م عن ضبط 800 مخالف."
    assert _figures(s) == ["800"]
    s = "أسفرت الحملات خلال الأيام 12 - 14 / 5 / 1440ه عن ضبط 700 مخالف، منهم 300 امرأة."
    assert _figures(s) == ["700", "300"]
    assert _links(s) == [["300", "700"]]
    assert _figures("بلغ عدد الناجحين 12 / 20 طالبا.") == ["12", "20"]


def test_a_day_whose_month_follows_a_word_away_is_no_figure():
    """«4 من مارس», «9 من شهر رمضان», «من 2 إلى 8 يونيو», «بين 5 و11 أبريل»: days;
    «من 20 إلى 26 قتيلا» and «5 من الجنود» count."""
    s = "بدأ الاقتراع الأحد 4 من مارس، وشارك فيه 400 ألف ناخب."
    assert _figures(s) == ["400 ألف"]
    s = "وصل حتى 9 من شهر رمضان 1446هـ نحو 60 ألف معتمر."
    assert _figures(s) == ["60 ألف"]
    s = "ضبطت الحملات خلال الفترة من 2 إلى 8 يونيو 2025 نحو 1200 مخالف."
    assert _figures(s) == ["1200"]
    s = "عبر 5000 شخص الحدود بين 5 و11 أبريل."
    assert _figures(s) == ["5000"]
    assert _figures("ارتفع عدد القتلى من 20 إلى 26 قتيلا.") == ["20", "26"]
    assert _figures("قتل 5 من الجنود وأصيب 3 من المدنيين.") == ["5", "3"]


def test_a_part_with_no_noun_of_its_own_keeps_its_ranked_siblings():
    """«90 وفاة، … سببا في 30 منها، و… في 20 وفاة»: a part counting the whole's noun through
    «منها» has no kind of its own; what follows is another share of the same whole."""
    s = "سجلت الطرق 90 وفاة، وكان التهور سببا في 30 منها، وعدم الانتباه في 20 وفاة."
    assert ["30", "90"] in _links(s)


def test_the_day_before_yesterday_is_two_days_back():
    """«أول أمس السبت» in a Monday paper is Saturday: no weekday slip; «أمس السبت» in that
    paper is one."""
    s = "أعلنت الهيئة أول أمس السبت أن 300 مرشح تقدموا للانتخابات."
    mentions, _ = extract(s, "2024-06-17")
    dates = [m for m in mentions if m["label"] == "DATE"]
    assert [(d["text"], d["normalized"]) for d in dates] == [("أول أمس السبت", "2024-06-15")]
    assert _own_check_dated(s, "2024-06-17") == []
    assert _own_check_dated(s.replace("أول أمس", "أمس"), "2024-06-17") == ["date.weekday"]
    s = "وقالت الوزارة وأول أمس الأحد إن 40 طالبا نجحوا."
    mentions, _ = extract(s, "2024-06-18")
    assert [m["normalized"] for m in mentions if m["label"] == "DATE"] == ["2024-06-16"]


def _own_check_dated(text: str, published: str) -> list[str]:
    v = _own_check([text], published).violations
    return sorted(v.loc[v["severity"] == "error", "rule"])


def test_those_who_passed_are_among_those_who_sat():
    """«تقدم N، منهم A حضروا وB نجحوا»: B is of A (a result needs a sitting), so the
    candidates' parts do not count one body twice; parts that are no stages stay put."""
    s = "تقدم للامتحان 60200 طالب، منهم 60150 حضروا و51000 نجحوا."
    assert _links(s) == [["51000", "60150"], ["60150", "60200"]]
    assert _errors([s]) == []
    s = "بلغ عدد المتقدمين 30400 طالب، فيما حضر منهم 30350، ونجح 27000."
    assert _links(s) == [["27000", "30350"], ["30350", "30400"]]
    assert _errors([s]) == []
    # more passed than sat: the outlet's slip stays under the candidates, and is reported
    s = "بلغ عدد المتقدمين 30400 طالب، فيما حضر منهم 20000، ونجح 27000."
    assert _links(s) == [["20000", "30400"], ["27000", "30400"]]
    assert _errors([s]) == ["part_whole.sum"]
    s = "سجل 9000 ناخب، منهم 5000 رجل و4000 امرأة."
    assert _links(s) == [["4000", "9000"], ["5000", "9000"]]


def test_counts_of_the_two_sexes_are_no_two_voices_of_one_count():
    """«عدد المعتمرين الذكور … بلغ A، بينما بلغ عدد المعتمرين الإناث … B»: two groups, not one
    object told twice; one group told again by another voice still is."""
    s = "قدم 900,100 معتمر من خارج البلاد. وقال المكتب إن عدد المعتمرين الذكور من المجموع "
    s += "العام لأعداد معتمري الداخل والخارج بلغ 640,210 معتمرا، بينما بلغ عدد المعتمرين "
    s += "الإناث من المجموع العام لأعداد معتمري الداخل والخارج 590,118 معتمرة."
    assert _links(s, "same_as") == []
    assert _errors([s]) == []
    s = "أعلنت الهيئة ضبط شحنة تضم 1.2 مليون حبة مخدرة. "
    s += "من جهتها، ذكرت المديرية في بيان أن الشحنة ضمت 950 ألف حبة."
    assert _links(s, "same_as") == [["1.2 مليون", "950 ألف"]]


def test_the_base_of_a_rate_is_no_figure_said_again():
    """«104 ذكور لكل 100 أنثى … 107 ذكور لكل 100 أنثى»: «100» is the base of each rate,
    not one count of 100 women said twice."""
    s = "سجلت الكرك 111 ذكرا لكل 100 أنثى، تليها معان بمعدل 107 ذكور لكل 100 أنثى. "
    s += "وسجلت إربد أدنى معدل بواقع 102 ذكر لكل 100 أنثى."
    assert _links(s, "same_as") == []
    s = "وصل إلى الجزيرة 400 مهاجر خلال يومين. وقالت السلطات إن 400 مهاجر نقلوا إلى المركز."
    assert _links(s, "same_as") == [["400", "400"]]


def test_a_cue_right_after_a_figure_that_opens_the_next_one_breaks_the_figure_down():
    """«- وفي الجوف بلغ N منهم رجال A ونساء B»: «منهم» right after N, the next figure a
    noun away, opens N's own parts: N is no part of the line before. «224 منهم عسكريون
    وستة مدنيين» and «186 ألفا منهم في 1,002 مركز» keep N a part."""
    s = "بين التقرير عدد السكان في المناطق على النحو التالي.\n"
    s += "- وفي تبوك 910 آلاف نسمة منهم 480 ألفا رجالا و430 ألفا نساء\n"
    s += "- وفي الجوف بلغ 520 ألفا منهم رجال 270 ألفا ونساء 250 ألفا"
    assert _links(s) == [
        ["250 ألفا", "520 ألفا"],
        ["270 ألفا", "520 ألفا"],
        ["430 ألفا", "910 آلاف"],
        ["480 ألفا", "910 آلاف"],
    ]
    assert _errors([s]) == []
    s = "ارتفع عدد الجرحى إلى 40، وعدد القتلى إلى 9 بينهم 3 أطفال وامرأتان."
    assert ["3", "9"] in _links(s) and ["9", "40"] not in _links(s)
    s = "عاد 130 أسيرا إلى بلادهم، 124 منهم عسكريون وستة مدنيين."
    assert ["124", "130"] in _links(s)
    s = "نزح 900 ألف شخص، يقيم 150 ألفا منهم في 700 مركز إيواء."
    assert ["150 ألفا", "900 ألف"] in _links(s)


def test_rows_of_a_table_of_lines_are_siblings_not_a_total_and_its_parts():
    """«الوسط: 120 مقعدا / الشمال: 45 مقعدا» on lines after «توزعت … على الشكل التالي:»:
    each row is one holder's share, the first row is no total of the rest; a row labelled
    as the total («الإجمالي: 202 مقعد») is one."""
    s = "وتوزعت مقاعد المجلس على الشكل التالي:\nالوسط: 120 مقعدا\nالشمال: 45 مقعدا\n"
    s += "الجنوب: 30 مقعدا\nالمستقلون: 7 مقاعد\nوجرى التصويت بهدوء."
    assert _links(s) == []
    s = "أعلنت اللجنة النتائج الرسمية.\nالإجمالي: 202 مقعد\nالوسط: 120 مقعدا\nالشمال: 45 مقعدا"
    assert _links(s) == [["120", "202"], ["45", "202"]]
    s = "بلغ المحصول 3.1 مليون طن. وتصدرت الشرقية بـ500 ألف طن، تلتها البحيرة بنحو 420 ألف طن."
    assert _links(s) == [["420 ألف", "3.1 مليون"], ["500 ألف", "3.1 مليون"]]


def _values(s: str) -> list[tuple[str, float]]:
    mentions, _ = extract(s, "2024-03-12")
    return [(m["text"], m["value"]) for m in mentions if m["label"] == "QUANTITY"]


def test_an_arabic_comma_before_three_digits_joins_thousands():
    """«12،045 مخالفا» (Gulf agency copy): the Arabic comma typed between digit groups, no
    space; «10،20،30» and «2023،2024» stay lists."""
    s = "ضبط ما يقارب 12،045 مخالفا، بينهم 11،230 رجلا و815 امرأة."
    assert _values(s) == [("12،045", 12045), ("11،230", 11230), ("815", 815)]
    assert _links(s) == [["11،230", "12،045"], ["815", "12،045"]]
    assert [v for _, v in _values("سجلت المدن 10،20،30 إصابة.")] == [10, 20, 30]
    assert _values("في عامي 2023،2024 وصل 500 مهاجر.") == [("500", 500)]


def test_a_scale_word_typed_onto_the_digits_still_scales_them():
    """«6ملايين و120 ألفا و15 ناخبا», «25الف معتمر»: no space between digits and scale."""
    assert _values("شارك 7ملايين و120 ألفا و15 ناخبا.") == [("7ملايين و120 ألفا و15", 7120015)]
    assert _values("وصل 25الف معتمر بحرا.") == [("25الف", 25000)]
    assert _values("وصل 25 الف معتمر بحرا.") == [("25 الف", 25000)]


def test_agency_groups_joined_by_ra_are_written_lowest_first():
    """KUNA-style «415ر288ر2 مليون» is 2.288415 million; «312ر487 الف» 487,312; groups
    of three with no scale word are thousands («150ر33 زائر»: 33,150); «4ر1 بالمئة» 1.4."""
    s = "بلغ عدد زوار المعرض 415ر288ر2 مليون زائر، منهم 103ر801ر1 مليون من الخارج "
    s += "و312ر487 الف زائر من الداخل، وبلغ عدد زوار الخليج نحو 150ر33 زائر بنسبة 4ر1 بالمئة."
    assert [v for _, v in _values(s)] == [2288415, 1801103, 487312, 33150, 1.4]


def test_a_scale_word_after_a_figure_written_out_names_its_magnitude():
    """«12.430.118 مليون نسمة»: a figure written to the unit is not multiplied again by a
    scale word no larger than it; «1,500 مليون» (one group mark) still is 1.5 billion."""
    assert [v for _, v in _values("بلغ التعداد 12.430.118 مليون نسمة.")] == [12430118]
    assert [v for _, v in _values("بلغ الإنفاق 1,500 مليون دولار.")] == [1500000000]


def test_a_rounded_figure_of_the_whole_is_no_part_of_it():
    """A headline's «6ر1 مليون» before the body's «512ر648ر1 مليون»: the whole said
    again, rounded to its last digit, not a part; a lower group with a leading zero
    («070ر900») is a group, not a code."""
    s = "الإحصاء: إجمالي أعداد الزوار بلغ 6ر1 مليون زائر\n"
    s += "أعلنت الهيئة اليوم ان إجمالي أعداد الزوار بلغ 512ر648ر1 مليون زائر، منهم "
    s += "070ر900 الف زائر من الخارج."
    assert [v for _, v in _values(s)] == [1600000, 1648512, 900070]
    assert _links(s) == [["070ر900 الف", "512ر648ر1 مليون"]]
    s = "قتل 5 أشخاص في الحادث، بينهم 5 أطفال."
    assert _links(s) == [["5", "5"]]


def test_counts_agency_copy_puts_in_brackets_are_counts_like_any_other():
    """«ضبط (20450) مخالفاً، منهم (15100) …، و(3200) …»: a bracketed count before its own
    noun is a whole or a part as unbracketed; its parts overflowing it are reported.
    «مستشفى الكرك (5) ومستشفى القطرانة (4)» stays a list of holders' tallies."""
    s = "أعلنت الشرطة توقيف (20450) مخالفاً، منهم (15100) مخالف لقانون الإقامة، "
    s += "و(3200) مخالفاً لقانون الحدود، و(2150) مخالفاً لقانون العمل."
    assert _links(s) == [["15100", "20450"], ["2150", "20450"], ["3200", "20450"]]
    assert _errors([s]) == []
    assert _errors([s.replace("(2150)", "(5150)")]) == ["part_whole.sum"]
    s = "بلغ إجمالي الموقوفين (7100) وافداً مخالفاً، منهم (6500) رجلاً، و( 600 ) امرأة."
    assert _links(s) == [["600", "7100"], ["6500", "7100"]]
    s = "أصيب 12 شخصا ونقل المصابون إلى مستشفى الكرك (5) ومستشفى القطرانة (7)."
    assert _links(s) == [["5", "12"], ["7", "12"]]


def test_a_breakdown_enclosed_right_after_its_total_is_its_parts():
    """«19 ميدالية (6 ذهبيات و4 فضيات و9 برونزيات)», «بسجن 14 متهمًا؛ “6 حضوريًّا و8
    غيابيًّا”»: the bracket or the quotes opened after the total and its noun hold what it
    is made of; one figure in brackets, or figures of other things, break nothing down."""
    s = "وجاءت تونس ثانية برصيد 19 ميدالية (6 ذهبيات و4 فضيات و9 برونزيات)."
    assert _links(s) == [["4", "19"], ["6", "19"], ["9", "19"]]
    assert _errors([s.replace("9 برونزيات", "12 برونزية")]) == ["part_whole.sum"]
    s = "قضت المحكمة بسجن 14 متهمًا؛ “6 حضوريًّا و8 غيابيًّا”، وبرأت ثلاثة."
    assert _links(s) == [["6", "14"], ["8", "14"]]
    assert _links("حضر المؤتمر 500 شخص (من 12 دولة و30 مدينة).") == []
    assert _links("بلغت الكلفة 30 مليون دولار (نحو 21 مليون دينار).") == []


def test_the_number_of_a_lists_line_is_no_figure():
    """«1- الكويت: 20 ميدالية», «2) حزب النهضة: 11 مقعدا»: item numbers; a figure opening a
    line with no mark after it, or a score «5 - 3», counts."""
    s = "وفي ما يلي الترتيب:\n1- الكويت: 30 ميدالية.\n2) الأردن: 12 ميدالية.\n3. عُمان: 9 ميداليات."
    assert _figures(s) == ["30", "12", "9"]
    s = "وفي ما يلي الحصيلة:\n40 قتيلا في المدينة.\n12 قتيلا في الريف."
    assert _figures(s) == ["40", "12"]


def test_shares_stated_after_their_count():
    """«شكل السودانيون 40% والتشاديون 55% من هذا العدد، فيما مثلت جنسيات أخرى 5%» and
    bullet lines of shares after «وتوزعت جنسياتهم كالتالي:»: parts of the count before."""
    s = "أوقفت الدوريات 1200 شخص على الحدود، وشكل السودانيون 40% والتشاديون 55% من هذا "
    s += "العدد، فيما مثلت جنسيات أخرى 5%."
    assert _links(s) == [["40%", "1200"], ["5%", "1200"], ["55%", "1200"]]
    s = "أوقفت الدوريات 2,400 شخص، وتوزعت جنسياتهم كالتالي:\n- 35% سودانيون.\n- 60% تشاديون.\n"
    s += "- 5% جنسيات أخرى."
    assert _links(s) == [["35%", "2,400"], ["5%", "2,400"], ["60%", "2,400"]]
    # bullets with no distribution opener are no shares of the count before
    s = "أوقفت الدوريات 2,400 شخص خلال الأسبوع.\n- 35% منهم في الشمال.\n- 60% في الجنوب."
    assert _links(s) == []


def test_a_rate_per_a_base_keeps_its_fraction():
    """«104.6 من الذكور لكل 100 أنثى»: a rate per a base (unit `rate`), kept with its
    fraction and raising no empty interval; «2.5 شخص» with no base is still no figure."""
    mentions, _ = extract("بلغت النسبة 104.6 من الذكور لكل 100 أنثى في المحافظة.", "2024-03-12")
    rate = next(m for m in mentions if m["label"] == "QUANTITY")
    assert (rate["text"], rate["value"], rate["unit"]) == ("104.6", 104.6, "rate")
    assert _errors(["بلغت النسبة 104.6 من الذكور لكل 100 أنثى في المحافظة."]) == []
    assert _figures("سجل 2.5 شخص في المتوسط.") == []


def test_one_thousand_after_a_time_noun_is_a_count():
    """«منذ بداية العام وحتى اليوم ألف و840 قاصرا»: «ألف» folds to «الف» but has no
    article, so it is no ordinal of «اليوم» nor a number of days; «اليوم العاشر» is one."""
    s = "بلغ عدد القاصرين الواصلين منذ بداية العام وحتى اليوم ألف و840 قاصرا."
    assert _values(s) == [("ألف و840", 1840)]
    mentions, _ = extract(s, "2024-03-12")
    assert [m.get("unit") for m in mentions if m["label"] == "QUANTITY"] == [None]
    assert _figures("دخلت الحرب اليوم العاشر.") == []


def test_a_count_held_in_a_body_of_stated_size_is_part_of_it():
    """«52 مقعدا في البرلمان الذي يتألف من 250 مقعدا», «(61) مقعداً في المجلس المكون من
    (150) مقعداً»: the body's size is the whole; another noun («120 عضوا») is not."""
    s = "فازت القائمة بـ52 مقعدا في البرلمان الذي يتألف من 250 مقعدا."
    assert _links(s) == [["52", "250"]]
    s = "حصلت الكتلة على (61) مقعداً في المجلس المكون من (150) مقعداً."
    assert _links(s) == [["61", "150"]]
    assert _links("حصل الحزب على 40 مقعدا في المجلس المؤلف من 120 عضوا.") == []


def test_a_share_of_those_a_parts_verb_names_is_of_that_part():
    """«تقدم 30000 طالب ونجح منهم 24000 … 15% من عدد الناجحين»: «الناجحين» are what the
    part's verb made of it, so the share is of the part; «60% من الحالات» after «توفي
    منها 40» stays a share of all the cases."""
    s = "تقدم للامتحان 30000 طالب ونجح منهم 24000 طالب. وحصل 15% من عدد الناجحين على الامتياز."
    assert ["15%", "24000"] in _links(s)
    s = "تقدم 5000 طالب، منهم 4000 نجحوا. وحصل 10% من الناجحين على الامتياز."
    assert ["10%", "4000"] in _links(s)
    s = "سجلت 500 حالة، توفي منها 40. وتشكل النساء 60% من الحالات."
    assert ["60%", "500"] in _links(s)


def test_the_rate_of_a_change_is_no_share_of_the_change():
    """«بزيادة 90 ألف متعطل عن الربع المماثل بنسبة 4.5%»: the rate of the rise, no share
    of the 90 thousand; «يمثل الأطفال 20 بالمئة منهم» stays a share."""
    s = "بلغ عدد المتعطلين 2.1 مليون متعطل، بزيادة 90 ألف متعطل عن الربع المماثل بنسبة 4.5%."
    assert _links(s) == []
    s = "أصيب 500 شخص في الحريق، يمثل الأطفال 20 بالمئة منهم."
    assert _links(s) == [["20 بالمئة", "500"]]


def test_units_written_after_a_thousand_with_no_and_join_it():
    """«512 ألفا 406 نسمة», «871 ألفا 215 شخصا»: the outlet left out «و»; a year, a scale
    word, or a part cue after the digits keep them apart."""
    assert _values("بلغ عدد سكان الطفيلة 512 ألفا 406 نسمة.") == [("512 ألفا 406", 512406)]
    assert _values("بلغت مشاركة الجالية 871 ألفا 215 شخصا.") == [("871 ألفا 215", 871215)]
    assert [t for t, _ in _values("وصل 20 ألفا 300 منهم أطفال.")] == ["20 ألفا", "300"]


def test_a_dual_of_the_wholes_own_noun_is_a_part_of_it():
    """«65 سجينا، بينهم سجينتين»: the dual (feminine) of the whole's noun counts its kind;
    a dual of no kind of people («الزلزالين») stays out of a count of people."""
    assert _links("أفرج عن 65 سجينا، بينهم سجينتين، بموجب العفو.") == [["سجينتين", "65"]]
    assert _links("أصيب 30 شخصا في الزلزالين.") == []
