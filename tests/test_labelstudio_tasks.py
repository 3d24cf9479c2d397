"""One reader of Label Studio tasks for check, agree, review and pull: a task pre-annotated
by the ML backend lists its predictions by id in Label Studio's quick export
(`"predictions": [1]`) and whole in a snapshot export; every command takes both, counts
them as never gold, and refuses anything else by task."""

from __future__ import annotations

import json

import pytest

from annotate.review import review
from checks.agree.export import read_annotated
from checks.readers.labelstudio import read_labelstudio
from tests.agree_cases import plant
from tests.conftest import ROOT
from tests.test_agree import annotation
from tests.test_labelstudio_server import tally

URL = "http://127.0.0.1:8080"


def two_annotators(tmp_path, predictions: list) -> tuple:
    task = json.loads((ROOT / "gold" / "tally-gold.json").read_text(encoding="utf-8"))[0]
    a = task["annotations"][0]["result"]
    anns = [annotation(1, a, 1), annotation(2, plant(a, task["data"]["text"]), 2)]
    task = {**task, "annotations": anns, "predictions": predictions}
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task], ensure_ascii=False), "utf-8")
    return path, task


REGION = {"id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
          "value": {"start": 0, "end": 4, "text": "ذكرت", "labels": ["ORG"]}}  # fmt: skip
PREDICTION = {"id": 7, "model_version": "tally-extract", "result": [REGION], "score": None}


@pytest.mark.parametrize("predictions", [[1], [1, "p-2"], [PREDICTION], [1, PREDICTION], []])
def test_every_command_reads_predictions_as_ids_or_objects(tmp_path, predictions):
    path, task = two_annotators(tmp_path, predictions)
    for command in (("check", path), ("agree", path, "--url", URL, "--format", "json")):
        proc = tally(*command)
        assert proc.returncode in (0, 1), proc.stderr  # 1: check found rule violations
        assert "Traceback" not in proc.stderr
        if predictions:
            assert "prediction" in proc.stderr  # counted, never gold, never silent
    annotated = read_annotated([path])
    assert set(annotated.facts) == {"1", "2"}
    assert sum(n.count for k, n in annotated.notices.items.items()
               if "prediction" in k) == len(predictions)  # fmt: skip
    r = review([task], URL)  # what `tally annotate review` runs on the server's export
    assert r.annotations == 2 and r.tasks == 1
    facts = read_labelstudio(path)  # what `tally annotate pull` reads
    assert len(facts.documents) == 1 and len(facts.mentions) > 0


@pytest.mark.parametrize("predictions", [[True], [1.5], [None], [[1]], "1", {"id": 1}, [""]])
def test_a_prediction_that_is_neither_id_nor_object_is_refused_by_task(tmp_path, predictions):
    path, task = two_annotators(tmp_path, predictions)
    for command in ("check", "agree"):
        proc = tally(command, path)
        assert proc.returncode == 2, (command, proc.stdout, proc.stderr)
        assert f"{path.name} task {task['id']}" in proc.stderr
        assert "predictions" in proc.stderr and "Traceback" not in proc.stderr
