"""A definite dual that points back to two names told before it
(`checks.extract.relations.dual_anaphora`): which two, and the duals that point to none."""

from __future__ import annotations

import pytest

from tests.test_extract_relations import _links

_POINTS_BACK = [
    (
        "the nearest two places joined by «و», then «البلدين»",
        "ضربت العاصفة سواحل اليمن وعمان أمس، وقالت سلطات البلدين إن 14 شخصا لقوا حتفهم.",
        [["اليمن", "البلدين"], ["عمان", "البلدين"]],
    ),
    (
        "two bodies told apart, each headed by the dual's noun",
        "أعلنت وزارة الزراعة خطة جديدة للري. وقالت وزارة المالية إنها رصدت لها 40 مليون دينار، "
        "وأكدت الوزارتان أن التنفيذ يبدأ الشهر المقبل.",
        [["وزارة الزراعة", "الوزارتان"], ["وزارة المالية", "الوزارتان"]],
    ),
    (
        "sides: a joined pair of places or bodies",
        "أفرجت روسيا وأوكرانيا عن 190 أسيرا، وأشاد الوسطاء بتعاون الجانبين.",
        [["أوكرانيا", "الجانبين"], ["روسيا", "الجانبين"]],
    ),
]

_POINTS_NOWHERE = [
    (
        "the pair was already counted by a construct dual: the same two said again",
        "بدأت حملة التلقيح في ولايتي سنار والقضارف، وتستهدف الولايتان 900 ألف طفل.",
    ),
    (
        "the last two of a list of three are no pair",
        "نقلت الحافلات المفرج عنهم إلى مأرب وتعز وعدن، وقال الطرفان إن التبادل تم بسلاسة.",
    ),
    (
        "a dual followed by what names its two",
        "زار الوزير الشارقة ودبي، واطلع على المشاريع في المنطقتين الوسطى والشرقية.",
    ),
    (
        "two bodies of other heads than the dual's",
        "عرض رئيس لجنة الموازنة التقرير أمام مجلس النواب، وقال إن الوزارتين لم تقدما الحسابات.",
    ),
]


@pytest.mark.parametrize(
    ("what", "text", "members"), _POINTS_BACK, ids=[c[0] for c in _POINTS_BACK]
)
def test_a_definite_dual_takes_the_two_names_before_it(what: str, text: str, members: list) -> None:
    assert _links(text, "member_of") == sorted(members)


@pytest.mark.parametrize(("what", "text"), _POINTS_NOWHERE, ids=[c[0] for c in _POINTS_NOWHERE])
def test_a_definite_dual_with_no_two_names_to_take(what: str, text: str) -> None:
    got = [pair for pair in _links(text, "member_of") if pair[1].startswith("ال")]
    assert got == []
