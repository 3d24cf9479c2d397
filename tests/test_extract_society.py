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
    """Agencies type «19 / 03 / 1447هـ», «09/ 10/ 2025م», a day range «26 - 29 / 2 / 1439ه»:
    every group is part of a date; a count next to a slash that makes no date is kept."""
    s = "أسفرت الحملات خلال الفترة من 19 / 03 / 1447هـ حتى 25 / 03 / 1447هـ عن ضبط 900 مخالف."
    assert _figures(s) == ["900"]
    s = "أسفرت الحملات للفترة من 04/ 11/ 2025م إلى 10/ 11/ 2025م عن ضبط 800 مخالف."
    assert _figures(s) == ["800"]
    s = "أسفرت الحملات خلال الأيام 12 - 14 / 5 / 1440ه عن ضبط 700 مخالف، منهم 300 امرأة."
    assert _figures(s) == ["700", "300"]
    assert _links(s) == [["300", "700"]]
    assert _figures("بلغ عدد الناجحين 12 / 20 طالبا.") == ["12", "20"]


def test_a_day_whose_month_follows_a_word_away_is_no_figure():
    """«11 من نوفمبر», «15 من شهر رمضان», «من 23 إلى 29 سبتمبر», «بين 3 و9 يونيو»: days;
    «من 20 إلى 26 قتيلا» and «5 من الجنود» count."""
    s = "بدأ الاقتراع الثلاثاء 11 من نوفمبر، وشارك فيه 400 ألف ناخب."
    assert _figures(s) == ["400 ألف"]
    s = "وصل حتى 15 من شهر رمضان 1446هـ نحو 60 ألف معتمر."
    assert _figures(s) == ["60 ألف"]
    s = "ضبطت الحملات خلال الفترة من 23 إلى 29 سبتمبر 2025 نحو 1200 مخالف."
    assert _figures(s) == ["1200"]
    s = "عبر 5000 شخص الحدود بين 3 و9 يونيو."
    assert _figures(s) == ["5000"]
    assert _figures("ارتفع عدد القتلى من 20 إلى 26 قتيلا.") == ["20", "26"]
    assert _figures("قتل 5 من الجنود وأصيب 3 من المدنيين.") == ["5", "3"]


def test_a_part_with_no_noun_of_its_own_keeps_its_ranked_siblings():
    """«94 وفاة، … سببا في 38 منها، و… في 21 وفاة»: a part counting the whole's noun through
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
    """«عدد الحجاج الذكور … بلغ A، بينما بلغ عدد الحجاج الإناث … B»: two groups, not one
    object told twice; one group told again by another voice still is."""
    s = "قدم 900,100 حاج من خارج المملكة. وأوضحت الهيئة أن عدد الحجاج الذكور من الإجمالي "
    s += "العام لأعداد حجاج الداخل والخارج بلغ 640,210 حاجا، بينما بلغ عدد الحجاج الإناث "
    s += "من الإجمالي العام لأعداد حجاج الداخل والخارج 590,118 حاجة."
    assert _links(s, "same_as") == []
    assert _errors([s]) == []
    s = "أعلنت الهيئة ضبط شحنة تضم 1.2 مليون حبة مخدرة. "
    s += "من جهتها، ذكرت المديرية في بيان أن الشحنة ضمت 950 ألف حبة."
    assert _links(s, "same_as") == [["1.2 مليون", "950 ألف"]]


def test_the_base_of_a_rate_is_no_figure_said_again():
    """«106 ذكور لكل 100 أنثى … 108 ذكور لكل 100 أنثى»: «100» is the base of each rate,
    not one count of 100 women said twice."""
    s = "سجلت مطروح 109 ذكور لكل 100 أنثى، تليها الفيوم بمعدل 108 ذكور لكل 100 أنثى. "
    s += "وسجلت أسوان أدنى معدل بواقع 103 ذكور لكل 100 أنثى."
    assert _links(s, "same_as") == []
    s = "وصل إلى الجزيرة 400 مهاجر خلال يومين. وقالت السلطات إن 400 مهاجر نقلوا إلى المركز."
    assert _links(s, "same_as") == [["400", "400"]]


def test_a_cue_right_after_a_figure_that_opens_the_next_one_breaks_the_figure_down():
    """«- وفي القصيم بلغ N منهم رجال A ونساء B»: «منهم» right after N, the next figure a
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
    """«الشيعة: 197 مقعداً / السنة: 67 مقعداً» on lines after «توزعت … على الشكل التالي:»:
    each row is one holder's share, the first row is no total of the rest; a row labelled
    as the total («الإجمالي: 329 مقعدا») is one."""
    s = "وتوزعت مقاعد المجلس على الشكل التالي:\nالوسط: 120 مقعدا\nالشمال: 45 مقعدا\n"
    s += "الجنوب: 30 مقعدا\nالمستقلون: 7 مقاعد\nوجرى التصويت بهدوء."
    assert _links(s) == []
    s = "أعلنت اللجنة النتائج الرسمية.\nالإجمالي: 202 مقعد\nالوسط: 120 مقعدا\nالشمال: 45 مقعدا"
    assert _links(s) == [["120", "202"], ["45", "202"]]
    s = "بلغ المحصول 3.1 مليون طن. وتصدرت الشرقية بـ500 ألف طن، تلتها البحيرة بنحو 420 ألف طن."
    assert _links(s) == [["420 ألف", "3.1 مليون"], ["500 ألف", "3.1 مليون"]]
