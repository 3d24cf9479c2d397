"""The names a count lists, read from the count (`checks.extract.named_lists`): each form of
list news writes, where each name ends, and the lists that are no lists of names."""

from __future__ import annotations

import pytest

from checks.extract.pipeline import extract
from tests.test_extract_relations import _errors, _links

# (what, sentence, the members as [name, count])
_LISTS = [
    (
        "a construct dual, then two names the gazetteer does not hold",
        "وبلغ سمك الثلوج نحو 40 سنتيمترا في بلديتي حيزر وتاغزوت.",
        [["تاغزوت", "بلديتي"], ["حيزر", "بلديتي"]],
    ),
    (
        "a construct dual in the nominative; the last name ends where a verb follows",
        "وسجلت محطتا برج خليفة ويونيون أعلى أعداد الركاب على الشبكة.",
        [["برج خليفة", "محطتا"], ["يونيون", "محطتا"]],
    ),
    (
        "a construct dual after a proclitic: the clitic stays outside the count",
        "وأجليت عشرات العائلات من سكنات هشة ببلديتي باب الوادي وبراقي.",
        [["باب الوادي", "بلديتي"], ["براقي", "بلديتي"]],
    ),
    (
        "a construct dual of districts («قضاءي»), a masculine noun with a hamza",
        "ونفذت الفرق حملة تلقيح في قضاءي الفلوجة والكرمة.",
        [["الفلوجة", "قضاءي"], ["الكرمة", "قضاءي"]],
    ),
    (
        "a place name opened by two name openers in a row: each takes the next word",
        "وتوزعت الفرق على معبري نصيب وكرم أبو سالم أمس.",
        [["كرم أبو سالم", "معبري"], ["نصيب", "معبري"]],
    ),
    (
        "a place opener the gazetteer's two-word names start with («برج»)",
        "وأوقفت مصالح الأمن في ولايتي سطيف وبرج بوعريريج ثلاثة أشخاص.",
        [["برج بوعريريج", "ولايتي"], ["سطيف", "ولايتي"]],
    ),
    (
        "a dual relative pronoun after the pair is no adjective of its last name",
        "وأغلقت المدارس في ولايتي سنار والنيل الأزرق اللتين شهدتا أمطارا غزيرة.",
        [["النيل الأزرق", "ولايتي"], ["سنار", "ولايتي"]],
    ),
    (
        "«، وهي:» at the end of a long clause names the count its sentence is about",
        "أعلنت خمس دول في تحالف المنتجين أمس خفضا إضافيا لإنتاجها بنحو 600 ألف برميل يوميا "
        "اعتبارا من الشهر المقبل وحتى نهاية العام، وهي: السعودية والإمارات والكويت وعمان والجزائر.",
        [
            ["الإمارات", "خمس"],
            ["الجزائر", "خمس"],
            ["السعودية", "خمس"],
            ["الكويت", "خمس"],
            ["عمان", "خمس"],
        ],
    ),
    (
        "a kind of place the lexicon knows («محميات»)",
        "وأوضحت الوزارة أن ثلاث محميات هي وادي دجلة وسانت كاترين والعميد استقبلت معظم الزوار.",
        [["العميد", "ثلاث"], ["سانت كاترين", "ثلاث"], ["وادي دجلة", "ثلاث"]],
    ),
    (
        "«وحدهما» (alone) after a construct dual's pair is no third name",
        "وضبطت الدوريات 800 مركبة في ولايتي سطيف وباتنة وحدهما، وفق البيان.",
        [["باتنة", "ولايتي"], ["سطيف", "ولايتي"]],
    ),
    (
        "a third name headed by a noun of a place («وريف حماة») is beside a dual's pair",
        "وقتل مدنيون في محافظتي اللاذقية وطرطوس وريف حماة خلال يومين.",
        [["اللاذقية", "محافظتي"], ["طرطوس", "محافظتي"]],
    ),
    (
        "«، وهي» past a clause with a share names the count; one-word brand names are all read",
        "وأوضحت الجمعية أن خمس علامات استحوذت على 60 بالمائة من المبيعات، وهي تويوتا وكيا "
        "ورينو وبيجو وسكودا، وفق البيان.",
        [
            ["بيجو", "خمس"],
            ["تويوتا", "خمس"],
            ["رينو", "خمس"],
            ["سكودا", "خمس"],
            ["كيا", "خمس"],
        ],
    ),
    (
        "«أبرزها» opens a partial list, closed by a comma and a new clause",
        "ويقيم النازحون في 19 مخيما، أبرزها الخازر وحسن شام والجدعة، ويؤوي الأخير 44 ألفا.",
        [["الجدعة", "19"], ["الخازر", "19"], ["حسن شام", "19"]],
    ),
    (
        "«هي» after a count of companies, the names ending at the comma",
        "وتقدم الخدمة ثلاث شركات هي زين وأورنج وأمنية، وفق الهيئة.",
        [["أمنية", "ثلاث"], ["أورنج", "ثلاث"], ["زين", "ثلاث"]],
    ),
    (
        "a colon, each name holding its area after «بـ», set apart by «، و»",
        "وتتركز المساحات في ثلاث بلديات: حاسي خليفة بـ9.400 هكتار، والدبيلة بـ6.850 هكتار، "
        "والمقرن بـ5.120 هكتار.",
        [["الدبيلة", "ثلاث"], ["المقرن", "ثلاث"], ["حاسي خليفة", "ثلاث"]],
    ),
    (
        "«هم» after a count of players: people of two words and more",
        "واستدعى المدرب ثلاثة لاعبين هم يزن النعيمات وموسى التعمري ونزار الرشدان.",
        [["موسى التعمري", "ثلاثة"], ["نزار الرشدان", "ثلاثة"], ["يزن النعيمات", "ثلاثة"]],
    ),
    (
        "a definite numeral after a plural in construct, then a colon",
        "وأكدت الوكالة أن ولايات الغرب الخمس: وهران وتلمسان ومستغانم وعين تموشنت ومعسكر "
        "باتت تعتمد على تحلية مياه البحر.",
        [
            ["تلمسان", "الخمس"],
            ["عين تموشنت", "الخمس"],
            ["مستغانم", "الخمس"],
            ["معسكر", "الخمس"],
            ["وهران", "الخمس"],
        ],
    ),
    (
        "after a list joined by «و», a comma ends it: «، ونزح» opens a clause",
        "وضربت العاصفة أربع مدن أخرى هي البيضاء وسوسة والمرج وشحات، ونزح بسببها آلاف.",
        [["البيضاء", "أربع"], ["المرج", "أربع"], ["سوسة", "أربع"], ["شحات", "أربع"]],
    ),
    (
        "banks named by their head word: a «و» that does not repeat it goes on with the name",
        "وتتولى الطرح ثلاثة بنوك هي بنك الفلاحة والتنمية الريفية وبنك التنمية المحلية وبنك البركة.",
        [
            ["بنك البركة", "ثلاثة"],
            ["بنك التنمية المحلية", "ثلاثة"],
            ["بنك الفلاحة والتنمية الريفية", "ثلاثة"],
        ],
    ),
]


@pytest.mark.parametrize(("what", "text", "members"), _LISTS, ids=[c[0] for c in _LISTS])
def test_a_count_lists_the_names_after_it(what: str, text: str, members: list) -> None:
    assert _links(text, "member_of") == members
    assert _errors([text]) == []


# (what, sentence): a count with names or words after it that list no member of it
_NOT_LISTS = [
    (
        "«وهي» that refers to a phase, not to the people counted",
        "ولفت التقرير إلى أن 161 ألف شخص مهددون بالانزلاق إلى المرحلة الخامسة وهي مرحلة الكارثة.",
    ),
    ("«منهم» before a cue and a figure", "وأصيب نحو 2800 شخص، منهم قرابة 300 في حالة حرجة."),
    ("a dual of ministries names domains", "وأقيم المعرض بدعم من وزارتي الثقافة والتربية."),
    (
        "«بينهم» before a role, no name",
        "وأمرت النيابة بتوقيف تسعة أشخاص، بينهم سائق الشاحنة ومالكها.",
    ),
    ("«بينهم» before nouns of people", "وقتل 12 شخصا، بينهم نساء وأطفال."),
    (
        "a known name whose head the next «و» word does not repeat: where it ends is unsure",
        "واستحدثت الحكومة وزارتين جديدتين هما وزارة الطوارئ وإدارة الكوارث ووزارة الرياضة "
        "والشباب، وأدى الوزراء اليمين.",
    ),
]


@pytest.mark.parametrize(("what", "text"), _NOT_LISTS, ids=[c[0] for c in _NOT_LISTS])
def test_words_after_a_count_that_list_no_names(what: str, text: str) -> None:
    assert _links(text, "member_of") == []
    assert _errors([text]) == []


def test_a_count_among_a_set_owns_the_list_after_the_set() -> None:
    """«ثلاث لاعبات بين العشر الأوائل، هن: …»: the names are the three's, not the ten's;
    a fourth name is the outlet's slip `count.members` reports."""
    s = (
        "وضم التصنيف ثلاث لاعبات عربيات بين العشر الأوائل، هن: نوران جوهر وهانيا الحمامي ونور "
        "الطيب."
    )
    assert _links(s, "member_of") == [
        ["نور الطيب", "ثلاث"],
        ["نوران جوهر", "ثلاث"],
        ["هانيا الحمامي", "ثلاث"],
    ]
    assert _errors([s]) == []
    slip = s.replace("ونور الطيب.", "ونور الطيب وأمينة عرفي.")
    assert len(_links(slip, "member_of")) == 4
    assert _errors([slip]) == ["count.members"]


def test_a_list_longer_than_its_count_is_read_whole_when_it_closes() -> None:
    """The outlet's slip `count.members` reports: a punctuated list is read past its count;
    the same list running on into its clause is read up to its count, no error raised."""
    closed = "وأغلقت السلطات الطرق في بلدتين هما الفوعة وكفريا وبنش."
    assert [name for name, _ in _links(closed, "member_of")] == ["الفوعة", "بنش", "كفريا"]
    assert _errors([closed]) == ["count.members"]


def test_a_relative_dual_after_a_pair_is_no_figure() -> None:
    """«اللتان», and a definite dual agreeing with the two names a construct dual counts
    («المصنفتين»), are no counts of their own."""
    for s, count in (
        ("وأوضحت منظمتا يونيسف والعمل الدولية اللتان تديران البرنامج أن المستفيدين كثر.", "منظمتا"),
        (
            "وتقرر رفع الدعم في بلديتي الإدريسية ودار الشيوخ المصنفتين ضمن المناطق المعزولة.",
            "بلديتي",
        ),
    ):
        mentions, _ = extract(s, "2024-03-12")
        assert [m["text"] for m in mentions if m["label"] == "QUANTITY"] == [count]
