"""The annotator workflow as the README and docs/annotate.md write it, against a real Label
Studio server (and headless Chromium): serve with the extractor, push, invite, open the task
(the backend pre-annotates it), two annotators annotate through the API, pull, agree,
review, adjudicate, resolve, pull the adjudicated gold. And pulls: byte-stable with
predictions, independent of the time they run at, and no export copy left behind on the
server."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotate import client as ls
from annotate.server import credentials
from checks.readers.labelstudio import read_labelstudio
from tests.agree_cases import PLANTED, observed, plant
from tests.conftest import ROOT, run_tally
from tests.test_annotate_access import log_in as web_log_in
from tests.test_labelstudio_server import DRAFT, tally

pytestmark = pytest.mark.server
DOC = "aleppo-evacuation-2016-12-16"


def in_checkout(where: Path, *args: str) -> subprocess.CompletedProcess:
    """`tally ...` run from a checkout at `where`, as a user types it (no --url, no
    --data-dir: the server of var/label-studio there)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "checks", *args], capture_output=True,
                          text=True, cwd=where, env=env, timeout=300)  # fmt: skip


def gold_result() -> list[dict]:
    task = json.loads((ROOT / "gold" / "tally-gold.json").read_text(encoding="utf-8"))[0]
    return task["annotations"][0]["result"], task["data"]["text"]


def export_files(data: Path) -> list[Path]:
    return [p for d in ("export", "media/export") for p in (data / d).glob("*") if p.is_file()]


# A value Label Studio computes from its clock when it answers (Django's timesince,
# "0\xa0minutes"), and a stored time in the export.
RELATIVE_TIME = re.compile(r"\d+\s(?:minute|hour|day|week|month|year)s?\b")
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")


def test_pulls_are_byte_stable_and_leave_no_export_behind(ls_server, tmp_path, monkeypatch):
    """Twenty pulls of one server state write the same bytes, whenever they run. Without
    waiting for the clocks to move: the pull's own clock is put a day and an hour ahead for
    half of them (so a time tally took would differ), the field the server computes from its
    clock ("created_ago", which moves on by the minute) is in the server's answer and not in
    the pull, and every time the pull holds was stored before the pulls began."""
    import time_machine

    server, creds, client = ls_server
    env = {"LABEL_STUDIO_USER_TOKEN": creds.token}
    data = Path(server.data_dir)
    for args in (("--predictions", str(DRAFT), "--model-version", "rules@1"),
                 ("--annotations", str(DRAFT))):  # fmt: skip
        proc = tally("annotate", "push", str(ROOT / "seeds"), *args, "--data-dir", data, env=env)
        assert proc.returncode == 0, proc.stderr
    project = ls.require_project(client, ls.DEFAULT_PROJECT)
    (served,) = ls.export_tasks(client, project.id, with_predictions=True, server_dir=data)
    (answer,) = served["predictions"]
    assert RELATIVE_TIME.fullmatch(answer["created_ago"]), answer  # what changes by the minute
    exported_before = set(export_files(data))
    began = datetime.now(UTC)

    monkeypatch.setenv("LABEL_STUDIO_USER_TOKEN", creds.token)
    gold = tmp_path / "gold"
    pulled = []
    for n in range(20):  # in-process: `checks.cli.run`, the console script's function
        extra = ("--with-predictions",) if n % 2 == 0 else ()
        later = began + timedelta(days=1, hours=1, minutes=1, seconds=1) * (n >= 10)
        with time_machine.travel(later):
            code, _, err = run_tally("annotate", "pull", "--gold", gold, *extra,
                                     "--data-dir", data)  # fmt: skip
        assert code in (0, 1), err
        pulled.append((gold / "tally-gold.json").read_bytes())
    assert len(set(pulled[0::2])) == 1 and len(set(pulled[1::2])) == 1
    for raw in pulled[:2]:
        text = raw.decode("utf-8")
        assert RELATIVE_TIME.search(text) is None, RELATIVE_TIME.search(text)
        stamps = [datetime.fromisoformat(s) for s in ISO_TIME.findall(text)]
        stamps = [s if s.tzinfo else s.replace(tzinfo=UTC) for s in stamps]
        assert stamps and all(s < began for s in stamps), [s for s in stamps if s >= began]
    (task,) = json.loads(pulled[0])
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "rules@1" and prediction["result"]
    assert b"created_ago" not in pulled[0]
    (task,) = json.loads(pulled[1])
    assert all(isinstance(p, int) for p in task["predictions"])  # the quick export's ids
    assert set(export_files(data)) == exported_before  # 20 pulls, no copy left behind


def test_agree_says_why_its_report_has_no_links(tmp_path):
    result, text = gold_result()
    task = json.loads((ROOT / "gold" / "tally-gold.json").read_text(encoding="utf-8"))[0]
    task["annotations"] = [
        {"id": 1, "completed_by": 1, "result": result},
        {"id": 2, "completed_by": 2, "result": plant(result, text)},
    ]
    (tmp_path / "export.json").write_text(json.dumps([task], ensure_ascii=False), "utf-8")
    proc = in_checkout(tmp_path, "agree", "export.json", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "the report has no task links: no --url was given" in proc.stderr
    assert str(tmp_path / "var" / "label-studio") in proc.stderr
    assert {i["link"] for i in json.loads(proc.stdout)["adjudication"]} == {None}


def login_of(stdout: str) -> dict[str, str]:
    return dict(re.findall(r"^  (log in at|email|password)\s+(\S+)$", stdout, re.M))


def annotate_as(url: str, login: dict, task_id: int, result: list[dict]) -> None:
    """An annotator submits through the API with their own session, as the page does."""
    web = web_log_in(url, login["email"], login["password"])
    assert web.last.status_code == 302
    headers = {"X-CSRFToken": web.cookies["csrftoken"], "Referer": url}
    answer = web.post(f"/api/tasks/{task_id}/annotations/",
                      json={"result": result, "was_cancelled": False}, headers=headers)  # fmt: skip
    assert answer.status_code == 201, answer.text[:300]


def resolve(client, task_id: int, keep: dict[str, str]) -> list[dict]:
    """As the adjudicator does in the labeling page: of each marked group keep the version
    named in `keep` ('A', 'B', or '' for neither), then mark the result as ground truth."""
    task = client.tasks.get(task_id)
    merged_id = task.meta["tally_adjudication"]["annotation"]
    merged = client.annotations.get(merged_id)
    kept = []
    for item in merged.result:
        mark = re.match(r"tally adjudicate #(\d+) ([AB])", ((item.get("meta") or {})
                                                            .get("text") or [""])[0])  # fmt: skip
        if mark is None or keep[mark.group(1)] == mark.group(2):
            kept.append(item)
    regions = {i["id"] for i in kept if i["type"] != "relation"}
    kept = [
        i for i in kept if i["type"] != "relation" or {i["from_id"], i["to_id"]} <= regions
    ]  # the page drops a deleted region's links
    client.annotations.update(merged_id, result=kept, ground_truth=True)
    return kept


@pytest.mark.browser
def test_the_annotator_workflow_end_to_end(ls_template, tmp_path):

    from tests.test_browser_labeling import chrome, highlight_texts, log_in, open_task_page

    where = tmp_path / "checkout"
    data = where / "var" / "label-studio"
    shutil.copytree(ls_template, data)
    shutil.copytree(ROOT / "seeds", where / "seeds")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    serve = subprocess.Popen(
        [sys.executable, "-m", "checks", "annotate", "serve", "--with-extractor"],
        cwd=where, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**env, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        url = None
        deadline = time.monotonic() + 300
        while url is None and time.monotonic() < deadline:
            assert serve.poll() is None, serve.communicate()
            line = serve.stdout.readline()
            if line.startswith("Label Studio is up at "):
                url = line.split()[5]
        assert url is not None
        proc = in_checkout(where, "annotate", "push", "seeds/")
        assert proc.returncode == 0, proc.stderr
        logins = {}
        for name in ("amal", "bilal"):
            proc = in_checkout(where, "annotate", "invite", name)
            assert proc.returncode == 0, proc.stderr
            logins[name] = login_of(proc.stdout)
        client = ls.connect(url, credentials(data).token)
        project = ls.require_project(client, ls.DEFAULT_PROJECT)
        (task,) = list(client.tasks.list(project=project.id))

        # A stranger's sign-up in the browser is refused; an invited annotator logs in and
        # opens the task: the backend pre-annotates it.
        driver = chrome(tmp_path)
        try:
            sign_up_in_browser(driver, url)
            log_in(driver, url, logins["amal"]["email"], logins["amal"]["password"])
            open_task_page(driver, f"{url}/projects/{project.id}/data?task={task.id}",
                           "workflow", 120)  # fmt: skip
            spans = set(highlight_texts(driver))
        finally:
            driver.quit()
        assert {"4500", "337", "9500"} <= spans

        result, text = gold_result()
        annotate_as(url, logins["amal"], task.id, result)
        annotate_as(url, logins["bilal"], task.id, plant(result, text))

        proc = in_checkout(where, "annotate", "pull")
        assert proc.returncode in (0, 1), proc.stderr
        (pulled,) = json.loads((where / "gold" / "tally-gold.json").read_text("utf-8"))
        assert pulled["predictions"] and all(isinstance(p, int) for p in pulled["predictions"])

        proc = in_checkout(where, "agree", "gold/tally-gold.json", "--format", "json")
        assert proc.returncode == 0, proc.stderr
        assert "prediction" in proc.stderr  # the backend's prediction, counted, never gold
        report = json.loads(proc.stdout)
        assert sorted(observed(report), key=str) == sorted(PLANTED, key=str)
        assert {i["link"] for i in report["adjudication"]} == {
            f"{url}/projects/{project.id}/data?task={task.id}"
        }
        proc = in_checkout(where, "annotate", "review")
        assert proc.returncode in (0, 1), proc.stderr
        assert "2 annotations of 1 tasks reviewed" in proc.stdout

        # Adjudication: one merged annotation, both versions of each disagreement marked.
        proc = in_checkout(where, "annotate", "adjudicate")
        assert proc.returncode == 0, proc.stderr
        planted = len(PLANTED)
        assert f"{DOC}: merged annotation pushed with {planted} disagreements to resolve" in (
            proc.stdout
        )
        assert in_checkout(where, "annotate", "pull").returncode in (0, 1)
        proc = in_checkout(where, "agree", "gold/tally-gold.json", "--format", "json")
        assert f"{planted} disagreements remain in 1 adjudicated tasks (0 marked ground truth)" in (
            proc.stderr
        )
        assert sorted(observed(json.loads(proc.stdout)), key=str) == sorted(PLANTED, key=str)
        merged = client.tasks.get(task.id).meta["tally_adjudication"]["annotation"]
        note = marker_on_the_page(tmp_path, url, credentials(data), project.id, task.id, merged)
        assert re.fullmatch(r"tally adjudicate #\d+ [AB]: they differ in value: \w+'s version; "
                            r"keep one of two", note), note  # fmt: skip
        groups = task_groups(client, task.id)
        keep = {groups["l_tokyo"]: "", groups["l_aleppo_city_1"]: "B",
                groups["q_wounded"]: "A", groups["q_fighters"]: "B",
                groups["q_evacuees"]: "A", groups["q_returned->p_putin_4"]: "A"}  # fmt: skip
        resolve(client, task.id, keep)

        # The gold was bilal's (the latest annotation); now it is the ground truth, and a
        # pull that changes regions shows the change and needs --force.
        assert in_checkout(where, "annotate", "pull").returncode == 2
        proc = in_checkout(where, "annotate", "pull", "--force")
        assert proc.returncode in (0, 1), proc.stderr
        assert "disagreements open" not in proc.stderr
        proc = in_checkout(where, "agree", "gold/tally-gold.json", "--format", "json")
        assert "0 disagreements remain in 1 adjudicated tasks (1 marked ground truth)" in (
            proc.stderr
        )
        gold = read_labelstudio(where / "gold" / "tally-gold.json")
        m = gold.mentions.set_index("id")
        assert "l_tokyo" not in m.index  # rejected
        assert "l_aleppo_city_1" not in m.index and "l_aleppo_city_1~bilal" in m.index
        assert not m.loc["l_aleppo_city_1~bilal", "text"].startswith("مدينة")  # B's boundary
        assert m.loc["q_wounded", "value"] == 337 and "q_wounded~bilal" not in m.index
        assert "q_fighters" not in m.index
        assert m.loc["q_fighters~bilal", "qualifier"] == "about"
        assert m.loc["q_evacuees", "unit"] is None and "q_evacuees~bilal" not in m.index
        rel = set(zip(gold.relations["from"], gold.relations["to"], gold.relations["type"],
                      strict=True))  # fmt: skip
        assert ("q_returned", "p_putin_4", "reported_by") in rel
        assert set(gold.relations["from"]) | set(gold.relations["to"]) <= set(m.index)
        expected = len({r["id"] for r in result if r["type"] != "relation"})
        assert len(m) == expected - 1  # every region once: Tokyo rejected, no double version
    finally:
        serve.send_signal(signal.SIGTERM)
        out, err = serve.communicate(timeout=60)
    assert serve.returncode == 0, out + err


def marker_on_the_page(tmp_path: Path, url: str, creds, project_id: int, task_id: int,
                       annotation_id: int) -> str:  # fmt: skip
    """The adjudicator opens the merged annotation and selects «337» (its value is in
    dispute): the region's details show the marker. Returns the text shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.test_browser_labeling import ARTIFACTS, chrome, log_in, open_task_page

    driver = chrome(tmp_path / "adjudicator")
    try:
        log_in(driver, url, creds.username, creds.password)
        page = f"{url}/projects/{project_id}/data?task={task_id}&annotation={annotation_id}"
        open_task_page(driver, page, "adjudication", 120)
        (first, *_) = [h for h in driver.find_elements(By.CSS_SELECTOR, ".htx-highlight")
                       if h.text == "337"]  # fmt: skip
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
        first.click()
        shown = WebDriverWait(driver, 60).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".lsf-detailed-region__meta-text")
        )
        ARTIFACTS.mkdir(exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "adjudication.png"))
        return shown[0].text
    finally:
        driver.quit()


def sign_up_in_browser(driver, url: str) -> None:
    """Fill and send Label Studio's own sign-up form: refused, and the projects page then
    sends the stranger to the login form. Each step waits on what the page shows, and a
    page that stalls (a cold server under the other worker's load) is loaded once more,
    with a screenshot; a projects page that opened to the stranger would fail both loads."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.test_browser_labeling import ARTIFACTS

    driver.get(url + "/user/signup/")
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.NAME, "email"))
    driver.find_element(By.NAME, "email").send_keys("intruder@example.org")
    driver.find_element(By.NAME, "password").send_keys("Xk2-long-enough-pass")
    driver.find_element(
        By.CSS_SELECTOR, "form button[type=submit], form input[type=submit]"
    ).click()
    WebDriverWait(driver, 60).until(lambda d: "403" in d.page_source or "orbidden" in d.page_source)
    for attempt in (1, 2):
        driver.get(url + "/projects/")
        try:
            WebDriverWait(driver, 60).until(
                lambda d: "/user/login" in d.current_url and d.find_elements(By.NAME, "password")
            )
            return
        except TimeoutException:
            ARTIFACTS.mkdir(exist_ok=True)
            driver.save_screenshot(str(ARTIFACTS / f"signup-refused-timeout-{attempt}.png"))
            if attempt == 2:
                raise AssertionError(
                    f"no login form after a refused sign-up; the page is {driver.current_url}: "
                    + driver.find_element(By.TAG_NAME, "body").text[:300]
                ) from None


def task_groups(client, task_id: int) -> dict[str, str]:
    """Region id (A's; or `from->to` for a relation) -> its marked group in the merge."""
    task = client.tasks.get(task_id)
    merged = client.annotations.get(task.meta["tally_adjudication"]["annotation"])
    out = {}
    for item in merged.result:
        text = ((item.get("meta") or {}).get("text") or [""])[0]
        mark = re.match(r"tally adjudicate #(\d+) A", text)
        if mark:
            key = (f"{item['from_id']}->{item['to_id']}" if item["type"] == "relation"
                   else item["id"])  # fmt: skip
            out[key] = mark.group(1)
    return out
