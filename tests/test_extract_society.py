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
