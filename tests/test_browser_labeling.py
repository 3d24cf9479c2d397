"""The labeling page of the seed task in headless Chromium, as an annotator sees it: the
article large and right-to-left with room between lines, regions drawn, and the attributes
of a region selected deep in the article within the viewport."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from annotate import client as ls
from annotate.config import FONT_SIZE_PX, LINE_HEIGHT
from annotate.documents import read_documents
from annotate.to_labelstudio import results_by_document
from checks.readers.load import load
from tests.conftest import ROOT
from tests.test_labelstudio_server import DRAFT

pytestmark = [pytest.mark.server, pytest.mark.browser]
ARTIFACTS = ROOT / "artifacts"


def chrome(tmp_path: Path):
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail(
            "Debian's chromium and chromium-driver are needed: run .ci/run, or "
            "apt-get install chromium chromium-driver"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-component-update",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'chrome'}",
    ):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


def open_task_page(driver, page: str, name: str, timeout: int) -> None:
    """Open a labeling page until its regions show; a cold first load of the large front-end
    can stall once, so it is tried twice, with a screenshot of each stall."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    for attempt in (1, 2):
        driver.get(page)
        try:
            WebDriverWait(driver, timeout).until(
                ec.presence_of_element_located((By.CSS_SELECTOR, ".htx-highlight"))
            )
            return
        except TimeoutException:
            driver.save_screenshot(str(ARTIFACTS / f"{name}-timeout-{attempt}.png"))
            if attempt == 2:
                raise


def highlight_texts(driver) -> list[str]:
    """The text of every drawn region. The page redraws its regions when a prediction or
    annotation arrives after they first show; a region redrawn while it is read is read
    again from the new page."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    for attempt in range(5):
        try:
            return [s.text for s in driver.find_elements(By.CSS_SELECTOR, ".htx-highlight")]
        except StaleElementReferenceException:
            if attempt == 4:
                raise
            time.sleep(1)
    raise AssertionError("unreachable")


def log_in(driver, url: str, username: str, password: str) -> None:
    """Through Label Studio's own login form, as a person would; the browser then holds
    the session cookie."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url + "/user/login/")
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.NAME, "email"))
    driver.find_element(By.NAME, "email").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(
        By.CSS_SELECTOR, "form button[type=submit], form input[type=submit]"
    ).click()
    WebDriverWait(driver, 60).until(lambda d: "/user/login" not in d.current_url)
    assert driver.get_cookie("sessionid"), "no session cookie after logging in"


def test_labeling_page_is_rtl_with_regions(ls_server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server, creds, client = ls_server
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
    ls.push_results(
        client, project.id, results_by_document(load([DRAFT]), "manual"), model_version=None
    )
    task = next(iter(client.tasks.list(project=project.id)))
    driver = chrome(tmp_path)
    try:
        log_in(driver, server.url, creds.username, creds.password)
        ARTIFACTS.mkdir(exist_ok=True)
        open_task_page(driver, f"{server.url}/projects/{project.id}/data?task={task.id}",
                       "labeling-page", 60)  # fmt: skip
        spans = highlight_texts(driver)
        # The article's own text node inside the labeling area (not the task table).
        direction = driver.execute_script(
            """
            const hl = document.querySelector('.htx-highlight');
            let el = hl.parentElement;
            while (el && !el.textContent.includes(arguments[0])) el = el.parentElement;
            return el ? getComputedStyle(el).direction : null;
        """,
            "أعلن مركز المصالحة",
        )
        # What the words are actually drawn with: every line Label Studio renders.
        lines = driver.execute_script(
            """
            return [...document.querySelectorAll('.lsf-richtext__line')].map(l => {
                const cs = getComputedStyle(l);
                return [cs.fontSize, cs.lineHeight, cs.direction, cs.fontFamily];
            });
        """
        )
        # Relation labels (chips Label Studio draws in an SVG overlay) that cover a region's
        # words: the boxes of its text, not of the element (whose unpainted bottom padding
        # reaches into the gap below, see annotate/config.py).
        covered = driver.execute_script(
            """
            const chips = [...document.querySelectorAll('.relations-overlay g[transform] > rect')]
                .map(r => r.getBoundingClientRect());
            const words = [...document.querySelectorAll('.htx-highlight')].flatMap(h => {
                const out = [], walk = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
                while (walk.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(walk.currentNode);
                    out.push(...range.getClientRects());
                }
                return out;
            });
            const hit = (a, b) => a.left < b.right && b.left < a.right
                && a.top < b.bottom && b.top < a.bottom;
            return [chips.length, chips.filter(c => words.some(w => hit(c, w))).length];
        """
        )
        driver.save_screenshot(str(ARTIFACTS / "labeling-page.png"))

        # A region near the end of the article: selecting it must not need a scroll to
        # reach its attributes.
        region = next(
            e for e in driver.find_elements(By.CSS_SELECTOR, ".htx-highlight")
            if e.text == "قريتين"
        )  # fmt: skip
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", region)
        region.click()
        WebDriverWait(driver, 30).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "input[name=value]").is_displayed()
        )
        placed = driver.execute_script(
            """
            const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
            const hl = [...document.querySelectorAll('.htx-highlight')]
                .find(e => e.textContent === arguments[0]);
            const qualifier = [...document.querySelectorAll('.lsf-choices')]
                .find(c => c.querySelector('input[name=exact]'));
            return {
                view: [window.innerWidth, window.innerHeight],
                scrolled: document.querySelector('.lsf-main-content').scrollTop,
                region: box(hl),
                value: box(document.querySelector('input[name=value]')),
                value_text: document.querySelector('input[name=value]').value,
                qualifier: box(qualifier),
                // a submitted TextArea value shows as text, the field to edit it on click
                category: box([...document.querySelectorAll('.lsf-text-area')]
                    .find(e => e.textContent.includes(arguments[1]))),
            };
        """,
            "قريتين",
            "villages",
        )
        driver.save_screenshot(str(ARTIFACTS / "labeling-region-selected.png"))
    finally:
        driver.quit()
    assert direction == "rtl"
    chips, on_words = covered
    assert chips == len(load([DRAFT]).relations) and on_words == 0, covered
    assert lines, "Label Studio rendered no .lsf-richtext__line"
    for size, height, line_direction, family in lines:
        assert float(size.removesuffix("px")) == FONT_SIZE_PX, size
        assert float(height.removesuffix("px")) >= LINE_HEIGHT * FONT_SIZE_PX - 0.5, height
        assert LINE_HEIGHT >= 2
        assert line_direction == "rtl"
        assert "Naskh" in family
    width, height = placed["view"]
    assert placed["scrolled"] > height  # the region is far down the article
    assert placed["value_text"] == "2"  # the attributes shown are the selected region's
    for name in ("region", "value", "qualifier", "category"):
        box = placed[name]
        assert box is not None, f"no {name} on the page"
        assert 0 <= box["top"] < box["bottom"] <= height, (name, box, placed["view"])
        assert 0 <= box["left"] < box["right"] <= width, (name, box, placed["view"])
    mentions = load([DRAFT]).mentions
    drawn = set(spans)
    assert len(spans) >= len(mentions)
    assert {"4500", "337", "9500", "قريتين", "الجهتين"} <= drawn


# Every word of the article as the browser lays it out (a Range per word of each text
# node), against every relation label Label Studio draws (a chip: a <g transform> holding a
# <rect> and a <text> in the relation's <g class="relationItem--…"> of the SVG overlay).
# A chip counts as shown when the browser lays it out (not `display: none`) in a relation
# that is not hidden; pairs of shown chips that intersect are counted.
GEOMETRY = """
const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom
    && b.top < a.bottom;
const box = (r) => [r.left, r.top, r.right, r.bottom].map(Math.round);
const all = [...document.querySelectorAll('.relations-overlay [class*=relationItem--]')]
  .map((item) => ({item, g: item.querySelector(':scope > g[transform]')}))
  .filter(({g}) => g && g.querySelector(':scope > rect') && g.querySelector(':scope > text'));
const shown = all.filter(({item, g}) => item.getAttribute('visibility') !== 'hidden'
    && getComputedStyle(g).display !== 'none'
    && getComputedStyle(g.querySelector('text')).visibility === 'visible'
    && g.getBoundingClientRect().width > 0)
  .map(({item, g}) => ({id: item.id, label: g.querySelector('text').textContent,
                        rect: g.querySelector(':scope > rect').getBoundingClientRect(),
                        fontSize: parseFloat(getComputedStyle(g.querySelector('text')).fontSize)}));
const words = [];
const container = document.querySelector('.lsf-richtext__container');
const walk = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  const node = walk.currentNode;
  for (const m of node.data.matchAll(/\\S+/gu)) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    for (const r of range.getClientRects()) if (r.width > 0) words.push({word: m[0], rect: r});
  }
}
const covered = [];
for (const c of shown) for (const w of words)
  if (hit(c.rect, w.rect)) covered.push([c.label, w.word, box(c.rect), box(w.rect)]);
let overlapping = 0;
shown.forEach((a, i) => shown.slice(i + 1).forEach((b) => { overlapping += hit(a.rect, b.rect); }));
return {ids: all.map(({item}) => item.id), chips: all.length, words: words.length,
        shown: shown.map(({id, label, rect, fontSize}) => ({id, label, fontSize,
            height: rect.height, top: rect.top, bottom: rect.bottom})),
        covered, overlapping,
        wordHeight: Math.max(...words.map((w) => w.rect.height))};
"""

# A point of the relation's arrow that the pointer reaches (the topmost element there is the
# arrow itself, not another arrow, the side column or a panel), after scrolling it into view.
ARROW_POINT = """
const path = document.getElementById(arguments[0]).querySelector(':scope > path');
path.scrollIntoView({block: 'center'});
const length = path.getTotalLength(), ctm = path.getScreenCTM(), blockers = new Set();
for (let i = 1; i < 100; i++) {
  const p = path.getPointAtLength(length * ((i * 37) % 100) / 100);
  const x = ctm.a * p.x + ctm.c * p.y + ctm.e, y = ctm.b * p.x + ctm.d * p.y + ctm.f;
  if (x <= 0 || y <= 0 || x >= innerWidth || y >= innerHeight) continue;
  const top = document.elementFromPoint(x, y);
  if (top === path) return {point: [x, y]};
  const item = top && top.closest('[class*=relationItem--]');
  blockers.add(item ? 'arrow ' + item.id : top ? top.tagName + '.' + top.className : 'none');
}
return {point: null, blockers: [...blockers]};
"""

# Label Studio's Relations panel: its tab, then its rows (one per relation, in the store's
# order), each hovered with the real pointer as an annotator would.
PANEL_ROWS = "return document.querySelectorAll('.lsf-relations__item').length;"
PANEL_ROW = """
const row = document.querySelectorAll('.lsf-relations__item')[arguments[0]];
row.scrollIntoView({block: 'center'});
const r = row.getBoundingClientRect();
const rel = window.Htx.annotationStore.selected.relationStore.orderedRelations[arguments[0]];
return {point: [r.left + r.width / 2, r.top + r.height / 2], id: rel.id};
"""


def hover(driver, x: float, y: float) -> None:
    """Move the real pointer (Chromium's input pipeline, so `:hover` follows it)."""
    import time

    driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    time.sleep(0.1)


def test_relation_labels_show_one_at_a_time_and_cover_no_word(ls_server, tmp_path):
    """At 1280 × 800 and up, no relation label lies over a word of the article and no two
    shown labels overlap, by the boxes the browser gives them. Label Studio placed the
    labels over words (10 at 1280 px, e.g. `reported_by` over «حلب، وأن يستطيع») and over
    each other (6 pairs at 1280 px, 8 at 1920 px, leaving stubs like "d" and "r"). Now none is
    shown at rest, and each relation's type shows, alone, while the pointer is on its arrow
    or the relation is hovered in Label Studio's Relations panel."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from annotate.config import CHIP_PX, CHIP_TEXT_PX, WORD_BOX_PX

    server, creds, client = ls_server
    project = ls.ensure_project(client, ls.DEFAULT_PROJECT)
    ls.push_documents(client, project.id, read_documents(ROOT / "seeds"))
    ls.push_results(
        client, project.id, results_by_document(load([DRAFT]), "manual"), model_version=None
    )
    task = next(iter(client.tasks.list(project=project.id)))
    types = sorted(load([DRAFT]).relations["type"])
    driver = chrome(tmp_path)
    seen = {}
    try:
        log_in(driver, server.url, creds.username, creds.password)
        ARTIFACTS.mkdir(exist_ok=True)
        for width in (1280, 1400, 1920):
            driver.set_window_size(width, 800)
            open_task_page(driver, f"{server.url}/projects/{project.id}/data?task={task.id}",
                           f"labeling-{width}", 90)  # fmt: skip
            import time

            time.sleep(1.5)  # the overlay draws its arrows after the regions
            hover(driver, 1, 1)
            at_rest = driver.execute_script(GEOMETRY)
            on_arrow, unreachable = {}, {}
            for rel_id in at_rest["ids"]:
                found = driver.execute_script(ARROW_POINT, rel_id)
                if found["point"] is None:
                    unreachable[rel_id] = found["blockers"]
                    continue
                hover(driver, *found["point"])
                on_arrow[rel_id] = driver.execute_script(GEOMETRY)
                if width == 1280 and len(on_arrow) == 1:
                    driver.save_screenshot(str(ARTIFACTS / "labeling-relation-hovered.png"))
            # While the button is down (a drag over words to make a region) the arrows let
            # the pointer through, so the drag's end reaches the text.
            pointer_events = """return getComputedStyle(document.getElementById(arguments[0])
                .querySelector(':scope > path')).pointerEvents"""
            last = next(iter(reversed(on_arrow)))
            found = driver.execute_script(ARROW_POINT, last)
            button = {"x": found["point"][0], "y": found["point"][1], "button": "left",
                      "clickCount": 1}  # fmt: skip
            driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mousePressed", **button})
            time.sleep(0.1)
            dragging = driver.execute_script(pointer_events, last).lower()
            driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": "mouseReleased", **button})
            time.sleep(0.1)
            assert (dragging, driver.execute_script(pointer_events, last).lower()) == (
                "none",
                "visiblestroke",
            ), width
            hover(driver, 1, 1)
            if not driver.execute_script(PANEL_ROWS):
                tab = next(
                    e for e in driver.find_elements(
                        By.XPATH, "//*[normalize-space(text())='Relations']")
                    if e.is_displayed()
                )  # fmt: skip
                tab.click()
                WebDriverWait(driver, 10).until(lambda d: d.execute_script(PANEL_ROWS))
            rows = driver.execute_script(PANEL_ROWS)
            in_panel = {}
            for row in range(rows):
                found = driver.execute_script(PANEL_ROW, row)
                hover(driver, *found["point"])
                in_panel[found["id"]] = g = driver.execute_script(GEOMETRY)
                if width == 1280 and g["shown"] and 100 < g["shown"][0]["top"] < 550:
                    # the page as docs/img/labeling.png shows it
                    driver.save_screenshot(str(ARTIFACTS / "labeling-relation-in-panel.png"))
            hover(driver, 1, 1)
            seen[width] = (at_rest, on_arrow, unreachable, in_panel)
            driver.save_screenshot(str(ARTIFACTS / f"labeling-relations-{width}.png"))
    finally:
        driver.quit()
    summary = {
        width: {
            "labels": at_rest["chips"],
            "shown_at_rest": len(at_rest["shown"]),
            "hovered_on_arrow": len(on_arrow),
            "arrow_under_another": unreachable,
            "hovered_in_panel": len(in_panel),
            "max_shown_at_once": max(len(g["shown"]) for g in [*on_arrow.values(),
                                                               *in_panel.values()]),
            "overlapping_pairs": sum(g["overlapping"] for g in [at_rest, *on_arrow.values(),
                                                                *in_panel.values()]),
            "words_covered": sum(len(g["covered"]) for g in [at_rest, *on_arrow.values(),
                                                              *in_panel.values()]),
        }
        for width, (at_rest, on_arrow, unreachable, in_panel) in seen.items()
    }  # fmt: skip
    (ARTIFACTS / "labeling-relations.json").write_text(json.dumps(summary, indent=1))
    for width, (at_rest, on_arrow, unreachable, in_panel) in seen.items():
        assert at_rest["chips"] == len(types), (width, at_rest["chips"])  # every label drawn
        assert at_rest["words"] > 500, width
        assert at_rest["shown"] == [] and at_rest["overlapping"] == 0, (width, at_rest["shown"])
        assert at_rest["wordHeight"] <= WORD_BOX_PX + 1, at_rest  # the pitch's word box
        # Every relation from its row in the Relations panel; those whose arrow the pointer
        # can reach (not lying under another arrow) from the arrow too.
        assert sorted(in_panel) == sorted(at_rest["ids"]), (width, sorted(in_panel))
        assert len(on_arrow) + len(unreachable) == len(types)
        for route, hovered in (("arrow", on_arrow), ("panel", in_panel)):
            labels = []
            for rel_id, g in hovered.items():
                # exactly the hovered relation's label shows, readable, over no word
                assert [s["id"] for s in g["shown"]] == [rel_id], (width, route, g["shown"])
                assert g["overlapping"] == 0 and g["covered"] == [], (width, g["covered"][:5])
                (chip,) = g["shown"]
                assert chip["fontSize"] == CHIP_TEXT_PX and chip["height"] <= CHIP_PX + 0.5
                labels.append(chip["label"])
            assert len(labels) == len(hovered) and set(labels) <= set(types), (width, route)
        assert sorted(g["shown"][0]["label"] for g in in_panel.values()) == types, width
