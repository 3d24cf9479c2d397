"""The labeling page of a task that arrived pre-annotated by the extractor's ML backend."""

from __future__ import annotations

import shutil

import pytest

from annotate import client as ls
from annotate.backend import model_version, register, start_backend
from annotate.documents import read_documents
from tests.conftest import ROOT
from tests.test_browser_labeling import (
    ARTIFACTS,
    chrome,
    highlight_texts,
    log_in,
    open_task_page,
)

pytestmark = [pytest.mark.server, pytest.mark.browser]
SHOT = "labeling-suggestions.png"


def test_a_new_task_opens_with_the_extractors_suggestions(ls_server, tmp_path):

    server, creds, client = ls_server
    backend = start_backend()
    try:
        project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
        ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
        register(client, project.id, backend.url)
        (task,) = list(client.tasks.list(project=project.id))
        assert list(client.predictions.list(task=task.id)) == []  # nothing until it is opened
        driver = chrome(tmp_path)
        try:
            log_in(driver, server.url, creds.username, creds.password)
            ARTIFACTS.mkdir(exist_ok=True)
            page = f"{server.url}/projects/{project.id}/data?task={task.id}"
            open_task_page(driver, page, "suggestions", 90)
            spans = highlight_texts(driver)
            driver.save_screenshot(str(ARTIFACTS / SHOT))
        finally:
            driver.quit()
    finally:
        backend.stop()
    # Opening the page asked the backend: the task now holds its prediction, no annotation.
    (prediction,) = list(client.predictions.list(task=task.id))
    assert prediction.model_version == model_version()
    assert list(client.annotations.list(id=task.id)) == []
    regions = [r for r in prediction.result if r["type"] == "labels"]
    assert len(spans) >= len(regions)
    assert {"4500", "337", "9500", "قريتين", "الجهتين", "عدة آلاف"} <= set(spans)
    shutil.copyfile(ARTIFACTS / SHOT, tmp_path / SHOT)  # the artifact is a real PNG file
    assert (tmp_path / SHOT).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
