"""The adjudication merge on hand-built results (no server): agreed items once, each
planted disagreement in both versions, marked; relations follow every version of a
disputed region; the count of what is left open; agree and the reader skip it."""

from __future__ import annotations

import json
import re

from checks.agree.adjudication import merge, remaining
from checks.agree.export import read_annotated
from checks.readers.labelstudio import read_labelstudio
from tests.agree_cases import plant
from tests.conftest import ROOT
from tests.test_agree import annotation

DOC = "aleppo-evacuation-2016-12-16"


def seed():
    task = json.loads((ROOT / "gold" / "tally-gold.json").read_text(encoding="utf-8"))[0]
    a = task["annotations"][0]["result"]
    return task, a, plant(a, task["data"]["text"])


def marks(result: list[dict]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for item in result:
        for text in (item.get("meta") or {}).get("text") or []:
            g, side = re.match(r"tally adjudicate #(\d+) ([AB])", text).groups()
            out.setdefault(g, set()).add(side)
    return out


def test_the_merge_holds_both_versions_of_each_disagreement_and_the_rest_once():
    _, a, b = seed()
    m = merge(a, b, ("amal", "bilal"), DOC, "task 1")
    assert marks(m.result) == {"1": {"A"}, "2": {"A", "B"}, "3": {"A", "B"}, "4": {"A", "B"},
                               "5": {"A", "B"}, "6": {"A"}}  # fmt: skip
    assert m.groups == {"1": 1, "2": 2, "3": 2, "4": 2, "5": 2, "6": 1}
    regions = {i["id"] for i in m.result if i["type"] != "relation"}
    assert regions == {i["id"] for i in a if i["type"] != "relation"} | {
        "l_aleppo_city_1~bilal", "q_wounded~bilal", "q_fighters~bilal",
        "q_evacuees~bilal"}  # fmt: skip
    unmarked = [i for i in m.result if "meta" not in i and i["type"] != "relation"]
    disputed = ("l_tokyo", "l_aleppo_city_1", "q_wounded", "q_fighters", "q_evacuees")
    agreed = [i for i in a if i["type"] != "relation" and i["id"] not in disputed]
    assert unmarked == agreed  # what both agree on stands as it is, once
    # Every relation at q_fighters is drawn to each version of it.
    rels = [(i["from_id"], i["to_id"], i["labels"][0]) for i in m.result if i["type"] == "relation"]
    touching = [
        i for i in a if i["type"] == "relation" and "q_fighters" in (i["from_id"], i["to_id"])
    ]
    assert touching
    for f, t, lbl in [(i["from_id"], i["to_id"], i["labels"][0]) for i in touching]:
        swap = {"q_fighters": "q_fighters~bilal"}
        assert (f, t, lbl) in rels and (swap.get(f, f), swap.get(t, t), lbl) in rels
    # The same merged either way round: each side's version is marked as its own.
    back = merge(b, a, ("bilal", "amal"), DOC, "task 1")
    assert sorted(back.groups.values()) == sorted(m.groups.values())


def test_what_remains_open():
    _, a, b = seed()
    m = merge(a, b, ("amal", "bilal"), DOC, "task 1")
    meta = {"tally_adjudication": {"annotation": 9, "groups": m.groups}}

    def without(result, group, side):
        mark = f"#{group} {side}:"
        return [i for i in result if mark not in ((i.get("meta") or {}).get("text") or [""])[0]]

    assert remaining(meta, {"result": m.result}) == 6
    r = without(m.result, 2, "A")  # boundary: B's kept
    assert remaining(meta, {"result": r}) == 5
    r = without(r, 1, "A")  # Tokyo rejected
    assert remaining(meta, {"result": r}) == 4
    assert remaining(meta, {"result": r, "ground_truth": True}) == 3  # the lone relation kept
    r = without(without(without(r, 3, "B"), 4, "A"), 5, "B")
    assert remaining(meta, {"result": r, "ground_truth": True}) == 0
    assert remaining({}, {"result": r}) is None


def test_agree_and_the_reader_leave_an_unfinished_adjudication_out(tmp_path):
    task, a, b = seed()
    m = merge(a, b, ("amal", "bilal"), DOC, "task 1")
    task["annotations"] = [annotation(1, a, 1), annotation(2, b, 2),
                           annotation(3, m.result, 3)]  # fmt: skip
    task["meta"] = {"tally_adjudication": {"annotation": 3, "groups": m.groups}}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task], ensure_ascii=False), "utf-8")
    annotated = read_annotated([path])
    assert set(annotated.facts) == {"1", "2"}
    assert annotated.adjudicated == {DOC: (False, 6)}
    facts = read_labelstudio(path)  # not ground truth: the gold is still bilal's, the latest
    assert "q_wounded~bilal" not in set(facts.mentions["id"])
    assert any("adjudication not yet marked" in k for k in facts.notices.items)
    task["annotations"][2]["ground_truth"] = True
    path.write_text(json.dumps([task], ensure_ascii=False), "utf-8")
    assert "q_wounded~bilal" in set(read_labelstudio(path).mentions["id"])
