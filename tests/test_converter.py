"""Facts → Label Studio result items → facts gives back every mention and relation."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotate.to_labelstudio import results_by_document
from checks.facts import MENTION_COLUMNS, RELATION_COLUMNS
from checks.readers.labelstudio import read_labelstudio
from checks.readers.load import load
from checks.schema import LABELS, QUALIFIERS, RELATIONS, STATUSES
from tests.conftest import write_jsonl

TEXT = "أعلن المركز إجلاء أكثر من 4500 مسلحًا و337 مصابًا اليوم الجمعة من قريتين"


@st.composite
def mention(draw, i: int) -> dict:
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start + 1, len(TEXT)))
    label = draw(st.sampled_from(LABELS))
    m = {"id": f"r{i}", "start": start, "end": end, "text": TEXT[start:end], "label": label}
    if label == "QUANTITY":
        m["value"] = draw(st.one_of(st.integers(0, 10**7), st.floats(0, 1e6, allow_nan=False)))
        m["qualifier"] = draw(st.sampled_from(QUALIFIERS))
        if m["qualifier"] in ("range", "vague"):
            m["low"], m["high"] = sorted(draw(st.lists(st.integers(0, 10**5), min_size=2,
                                                       max_size=2)))  # fmt: skip
        m["category"] = draw(st.sampled_from(["fighters", "villages", "wounded"]))
        unit = draw(st.sampled_from([None, "percent", "magnitude", "year", "km2", "usd"]))
        if unit:  # a measure; absent, a count
            m["unit"] = unit
    elif label == "EVENT":
        m["status"] = draw(st.sampled_from(STATUSES))
    elif label == "DATE":
        m["normalized"] = "2016-12-16"
    return m


@st.composite
def document(draw) -> dict:
    n = draw(st.integers(1, 8))
    mentions = [draw(mention(i)) for i in range(n)]
    ids = [m["id"] for m in mentions]
    relations = draw(st.lists(st.fixed_dictionaries({
        "from": st.sampled_from(ids), "to": st.sampled_from(ids),
        "type": st.sampled_from(list(RELATIONS))}), max_size=6))  # fmt: skip
    return {"doc_id": "doc", "text": TEXT, "mentions": mentions, "relations": relations}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document())
def test_round_trip(tmp_path, doc):
    facts = load([write_jsonl(tmp_path / "facts.jsonl", [doc])])
    task = {
        "id": 1,
        "data": {"doc_id": "doc", "text": TEXT},
        "annotations": [{"id": 1, "result": results_by_document(facts, "manual")["doc"]}],
    }
    export = tmp_path / "export.json"
    export.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    back = read_labelstudio(export)
    cols = [c for c in MENTION_COLUMNS if c not in ("origin",)]
    assert facts.mentions[cols].equals(back.mentions[cols])
    rel = [c for c in RELATION_COLUMNS if c != "origin"]
    assert facts.relations[rel].equals(back.relations[rel])


def test_ml_backend_passes_unit_through(monkeypatch):
    """Whatever unit the extractor writes reaches Label Studio as the `unit` region item."""
    import checks.extract.writer as writer
    from annotate.backend import predict_task

    text = "نزح 12 ألف شخص، 60 بالمائة منهم نساء"
    record = {"doc_id": "t", "text": text, "mentions": [
        {"id": "q1", "start": 4, "end": 10, "text": "12 ألف", "label": "QUANTITY", "value": 12000},
        {"id": "q2", "start": 16, "end": 26, "text": "60 بالمائة", "label": "QUANTITY",
         "value": 60, "unit": "percent"}], "relations": []}  # fmt: skip
    monkeypatch.setattr(writer, "document_record", lambda doc, version, notices=None: record)
    from annotate.backend_request import TaskInput

    items = predict_task(TaskInput(0, 1, "t", text, None))
    units = [(i["id"], i["value"]["text"]) for i in items if i["from_name"] == "unit"]
    assert units == [("q2", ["percent"])]
