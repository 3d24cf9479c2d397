"""`tally check --format html` in headless Chromium: highlights, links, rtl, filters, by DOM."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.test_browser_labeling import chrome

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
FAULTY = ROOT / "tests" / "golden" / "faulty.jsonl"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from typer.testing import CliRunner

    from checks.cli import app

    tmp = tmp_path_factory.mktemp("check-html")
    out = tmp / "check.html"
    run = CliRunner().invoke(app, ["check", str(FAULTY), "--format", "html", "--out", str(out)])
    assert run.exit_code == 1, run.output
    driver = chrome(tmp)
    try:
        driver.get(out.as_uri())
        yield driver
    finally:
        driver.quit()


def js(driver, script: str, *args):
    return driver.execute_script(script, *args)


def test_violating_mentions_are_highlighted_and_linked(page):
    # m3 («9500», read as 950) is named by part_whole.sum, value.surface and qualifier.cue.
    marks = js(
        page,
        "return [...document.querySelectorAll('mark')].map(m => ({mention: m.dataset.mention,"
        " text: m.textContent, cls: m.className, id: m.id,"
        " href: m.parentElement.getAttribute('href')}))",
    )
    by_mention = {}
    for m in marks:
        by_mention.setdefault(m["mention"], []).append(m)
    assert by_mention["m3"][0]["text"] == "9500"
    assert by_mention["m3"][0]["cls"] == "error"
    assert {"m1", "m2", "m3", "d1", "q"} <= set(by_mention)
    for m in marks:  # every highlight links to a violation that exists and names it
        target = m["href"].lstrip("#")
        named = js(
            page,
            "const li = document.getElementById(arguments[0]);"
            "return li ? [...li.querySelectorAll('td.id')].map(td => td.textContent.trim()) : null",
            target,
        )
        assert named is not None, f"link target {target} missing"
        assert m["mention"] in named
    # and each mention row in a message links back to an existing mark
    backs = js(page, "return [...document.querySelectorAll('li.v td.id a')].map(a => a.hash)")
    assert backs
    for h in backs:
        assert js(page, "return document.getElementById(arguments[0]) !== null", h[1:])


def test_text_is_right_to_left_and_arithmetic_beside_it(page):
    assert js(page, "return getComputedStyle(document.querySelector('.text')).direction") == "rtl"
    li = js(page, "return document.querySelector('li.r-part_whole-sum').innerText")
    assert "(≥ 4501) + 337 = 4838 > 950 (exact)" in li
    assert "[4,501, ∞)" in li and "[950, 950]" in li


def test_filters_without_scripts(page):
    assert js(page, "return document.scripts.length") == 0
    shown = "return [...document.querySelectorAll('li.v')].filter(e => e.offsetParent).length"
    assert js(page, shown) == 5
    page.get(page.current_url.split("#")[0] + "#rule-value-surface")
    assert js(page, shown) == 1
    page.get(page.current_url.split("#")[0] + "#sev-warning")
    assert js(page, shown) == 1
    assert js(page, "return document.querySelector('li.v.warning').offsetParent !== null")
    page.get(page.current_url.split("#")[0] + "#all")
    assert js(page, shown) == 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.get(page.current_url.split("#")[0])
    page.set_window_size(1400, 1500)
    page.save_screenshot(str(ARTIFACTS / "check-report.png"))
    assert (ARTIFACTS / "check-report.png").stat().st_size > 10_000


@pytest.mark.parametrize("width", [800, 1280, 1920])
def test_an_anchor_lands_below_the_sticky_filter_bar(page, width):
    """Every link target (a document, a highlighted mention, a violation) is scrolled to
    below the filter bar, not under it, whatever the window width (the bar used to wrap)."""
    page.set_window_size(width, 700)
    base = page.current_url.split("#")[0]
    targets = js(page, "return [...document.querySelectorAll('section.doc, mark[id], li.v')]"
                       ".map(e => e.id)")  # fmt: skip
    assert len(targets) >= 5
    for target in targets:
        page.get(f"{base}#{target}")
        got = js(
            page,
            """const el = document.getElementById(arguments[0]);
               const shown = el.matches('section') ? el.querySelector('h3') : el;
               return {bar: document.querySelector('nav.filters').getBoundingClientRect().bottom,
                       top: shown.getBoundingClientRect().top, scrolled: window.scrollY};""",
            target,
        )
        assert got["scrolled"] > 0, (target, got)  # the page did move to it
        assert got["top"] >= got["bar"], (target, width, got)
    page.get(base)
