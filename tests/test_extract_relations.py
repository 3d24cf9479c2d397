"""`part_of` and `same_as` as real news writes them (`checks/extract/relations.py`): one case
per pattern and per negative in `tests/cases/extract/part_of.json`, the percent-share path
on hand-built mentions, and the seed's figures."""

from __future__ import annotations

import json

import pytest

from checks.extract.model import Mention
from checks.extract.pipeline import extract
from checks.extract.relations import part_of, same_as_figures
from checks.extract.tokens import tokenize
from tests.conftest import ROOT

CASES = ROOT / "tests" / "cases" / "extract" / "part_of.json"


def _cases() -> list:
    return [pytest.param(c, id=c["title"]) for c in json.loads(CASES.read_text("utf-8"))]


@pytest.mark.parametrize("case", _cases())
def test_part_of(case):
    mentions, relations = extract(case["text"], case["published"])
    text = {m["id"]: m["text"] for m in mentions}
    got = [[text[r["from"]], text[r["to"]]] for r in relations if r["type"] == "part_of"]
    assert sorted(got) == sorted(case["part_of"])


def _figure(text: str, sentence_text: str, n: int, **attrs) -> Mention:
    start = sentence_text.index(text)
    return Mention("QUANTITY", start, start + len(text), text, 0, 0, 0, attrs, f"m{n}")


def test_a_percent_share_is_a_part_of_a_count():
    """«90 بالمائة منهم» (SPEC §4a): a share of the count before it, never over 100."""
    s = "يضم المخيم 42 ألف شخص، 80 بالمئة منهم من النساء والأطفال."
    whole = _figure("42 ألف", s, 1, value=42000, qualifier="exact", category="persons")
    share = _figure("80 بالمئة", s, 2, value=80, qualifier="exact", unit="percent")
    assert part_of(s, tokenize(s), [whole, share]) == [
        {"from": "m2", "to": "m1", "type": "part_of"}
    ]
    over = _figure("80 بالمئة", s, 2, value=180, qualifier="exact", unit="percent")
    assert part_of(s, tokenize(s), [whole, over]) == []


def test_a_share_of_a_named_group_finds_its_count():
    s = "يقيم في البلاد 3.4 مليون سوري و320 ألف أفغاني، و90 بالمائة من السوريين خارج المخيمات."
    syrians = _figure("3.4 مليون", s, 1, value=3400000, qualifier="exact")
    afghans = _figure("320 ألف", s, 2, value=320000, qualifier="exact")
    share = _figure("90 بالمائة", s, 3, value=90, qualifier="exact", unit="percent")
    got = part_of(s, tokenize(s), [syrians, afghans, share])
    assert {"from": "m3", "to": "m1", "type": "part_of"} in got
    assert all(r["from"] != "m3" or r["to"] == "m1" for r in got)


def test_a_measure_is_never_part_of_a_count():
    s = "قتل 35 شخصا خلال 48 ساعة، بينهم 20 طفلا."
    a = _figure("35", s, 1, value=35, qualifier="exact", category="persons")
    b = _figure("48", s, 2, value=48, qualifier="exact", unit="hour")
    c = _figure("20", s, 3, value=20, qualifier="exact", category="children")
    assert part_of(s, tokenize(s), [a, b, c]) == [{"from": "m3", "to": "m1", "type": "part_of"}]


def test_a_repeated_figure_is_the_same_figure():
    s = "بلغ عدد من أجلوا 35 ألف شخص تقريبا، ونقلت اللجنة وحدها نحو 35000 مدني في رحلات."
    mentions, relations = extract(s, "2016-12-23")
    text = {m["id"]: m["text"] for m in mentions}
    same = [[text[r["from"]], text[r["to"]]] for r in relations if r["type"] == "same_as"]
    assert same == [["35000", "35 ألف"]]
    near = "قتل 100 شخص في حلب و100 شخص في إدلب."
    figures = [
        _figure("100", near, 1, value=100, category="persons"),
        Mention("QUANTITY", 20, 23, "100", 0, 0, 0, {"value": 100, "category": "persons"}, "m2"),
    ]
    assert same_as_figures(near, figures) == []


def _same_as(s: str) -> list[list[str]]:
    mentions, relations = extract(s, "2024-01-17")
    text = {m["id"]: m["text"] for m in mentions}
    return [[text[r["from"]], text[r["to"]]] for r in relations if r["type"] == "same_as"]


def test_a_definite_figure_points_back_to_the_figure_said_before():
    """«الـ49.5 مليون مسافر» restates the earlier count of passengers, even misstated: the
    link is what lets `same_as.values` see the outlet's slip."""
    s = (
        "استقبل المطار 45.9 مليون مسافر العام الماضي. "
        "وقال المدير إن الـ49.5 مليون مسافر جاؤوا من 170 وجهة."
    )
    assert _same_as(s) == [["49.5 مليون", "45.9 مليون"]]
    # without the article it is another figure; of another category, no link either
    assert _same_as(s.replace("الـ49.5", "49.5")) == []
    other = "استقبل المطار 45.9 مليون مسافر. وقال المدير إن الـ12 ألف رحلة انطلقت في موعدها."
    assert _same_as(other) == []


def _members(s: str) -> list[str]:
    mentions, relations = extract(s, "2022-05-16")
    text = {m["id"]: m["text"] for m in mentions}
    return [text[r["from"]] for r in relations if r["type"] == "member_of"]


def test_a_construct_dual_takes_every_name_its_list_goes_on_with():
    """«محافظتي البصرة وميسان وذي قار»: three names after a dual are all members, so
    `count.members` can report the slip; two names stay two, and a verb after و that goes
    on with the sentence is no name."""
    assert _members("سجلت حالات في محافظتي البصرة وميسان وذي قار.") == [
        "البصرة",
        "ميسان",
        "ذي قار",
    ]
    assert _members("سجلت حالات في محافظتي البصرة وميسان.") == ["البصرة", "ميسان"]
    assert _members("سجلت حالات في محافظتي البصرة وميسان وقالت الوزارة إنها تتابع.") == [
        "البصرة",
        "ميسان",
    ]
