"""Great Expectations over the facts tables and tally's rule results (real GE, ephemeral)."""

from __future__ import annotations

import re

import pytest

from checks import gx_offline
from checks.engine import run_checks
from checks.readers.load import load
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "faulty.jsonl"


@pytest.fixture(scope="module")
def gx_suite():
    from checks import gx_suite

    return gx_suite


def test_data_docs_show_the_rule_results(gx_suite, tmp_path):
    facts = load([GOLDEN])
    result = run_checks(facts)
    report = gx_suite.validate_with_gx(facts, result, tmp_path)
    v = result.violations
    assert report.facts_ok
    assert set(report.failed["tally_rules"]) == set(v.loc[v["severity"] == "error", "rule"])
    assert report.warned == sorted(set(v.loc[v["severity"] == "warning", "rule"])) != []
    assert (tmp_path / "index.html").exists()
    page = next((tmp_path / "validations").rglob("*tally_rules*.html")).read_text()
    assert "Unsuccessful Expectations" in page
    for rule in v["rule"]:
        assert rule in page
    assert "(warning, does not fail the validation): 1 documents with warnings" in page


def test_warnings_alone_do_not_fail_the_rules_validation(gx_suite, tmp_path):
    """The shipped gold has warnings only: `tally check` says OK, and so must GE."""
    facts = load([ROOT / "gold"])
    result = run_checks(facts)
    assert not result.errors and len(result.violations) > 0
    report = gx_suite.validate_with_gx(facts, result, tmp_path)
    warned = sorted(set(result.violations["rule"]))
    assert report.failed["tally_rules"] == [] and report.warned == warned
    page = next((tmp_path / "validations").rglob("*tally_rules*.html")).read_text()
    assert "Succeeded" in page and "fa-times" not in page  # no failed icon anywhere
    for rule in warned:
        assert f"{rule} (warning, does not fail the validation)" in page


LOCAL_REF = re.compile(r"<(?:script|img|link)\b[^>]*?\s(?:src|href)=\"([^\"#?]+)")


def test_data_docs_are_self_contained(gx_suite, tmp_path):
    """No page loads anything remote, and every local file a page loads is in the site."""
    facts = load([GOLDEN])
    gx_suite.validate_with_gx(facts, run_checks(facts), tmp_path)
    pages = sorted(tmp_path.rglob("*.html"))
    assert len(pages) == 9  # index, 4 suites, 4 validations
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not gx_offline.remote_references(html), page
        assert "integrity=" not in html and "crossorigin" not in html, page
        refs = LOCAL_REF.findall(html)
        assert any("static/vendor/bootstrap/bootstrap.min.css" in r for r in refs), page
        for ref in refs:
            assert (page.parent / ref).resolve().is_file(), (page, ref)
    vendor = tmp_path / "static" / "vendor"
    assert (vendor / "jquery" / "jquery.min.js").read_text().startswith("/*! jQuery v3.7.1")
    assert (vendor / "fontawesome" / "webfonts" / "fa-solid-900.woff2").stat().st_size > 0
    assert {p.parent.name for p in vendor.rglob("LICENSE*")} >= {"bootstrap", "fontawesome"}


REMOTE_KINDS = {
    "script": '<script src="https://cdn.example.org/new-lib.js"></script>',
    "css url() in a style block": "<style>.x { background: url('https://cdn.example.org/"
    "new-lib.png') }</style>",
    "css url() unquoted": "<style>.x { background: url(//cdn.example.org/new-lib.png) }</style>",
    "@import": '<style>@import "https://cdn.example.org/new-lib.css";</style>',
    "inline style": '<div style="background-image: url(&quot;https://cdn.example.org/new-lib.png&quot;)">',
    "srcset": '<img src="a.png" srcset="a.png 1x, https://cdn.example.org/new-lib.png 2x">',
    "link": '<link rel="stylesheet" href="http://cdn.example.org/new-lib.css">',
    "svg use": '<svg><use href="https://cdn.example.org/new-lib.svg#i"/></svg>',
}


@pytest.mark.parametrize("html", REMOTE_KINDS.values(), ids=REMOTE_KINDS.keys())
def test_a_remote_resource_left_is_an_error(tmp_path, html):
    (tmp_path / "index.html").write_text(html)
    with pytest.raises(gx_offline.OfflineError, match=r"new-lib\.(js|png|css|svg)"):
        gx_offline.make_offline(tmp_path)


def test_a_remote_reference_in_a_stylesheet_is_an_error(tmp_path):
    (tmp_path / "index.html").write_text('<link rel="stylesheet" href="static/site.css">')
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "site.css").write_text(
        "/* url(https://x.org/comment.png) */\na { background: url(https://x.org/b.png) }"
    )
    with pytest.raises(gx_offline.OfflineError, match=r"x\.org/b\.png \(in 1 files\)"):
        gx_offline.make_offline(tmp_path)


def test_links_a_reader_follows_and_local_data_are_not_loads():
    html = ('<a href="https://greatexpectations.io">GX</a>'
            '<svg xmlns="http://www.w3.org/2000/svg"></svg>'
            "<style>.i { background: url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/"
            "2000/svg'%3E\") }</style>")  # fmt: skip
    assert gx_offline.remote_references(html) == []


def test_rule_rows_name_the_documents(gx_suite, tmp_path):
    """A failed or warned rule's row lists the doc_id of each document it fired in, not
    only the violation counts."""
    facts = load([GOLDEN])
    result = run_checks(facts)
    gx_suite.validate_with_gx(facts, result, tmp_path)
    page = next((tmp_path / "validations").rglob("*tally_rules*.html")).read_text()
    for rule, docs in result.violations.groupby("rule")["doc_id"]:
        row = page[page.index(f"{rule} (") :]
        row = row[: row.index("</table>")]
        assert "doc_id" in row, rule
        for doc_id in set(docs):
            assert doc_id in row, (rule, doc_id)


def test_rule_table_is_read_not_recomputed(gx_suite):
    facts = load([GOLDEN])
    result = run_checks(facts)
    table = gx_suite.rule_results_table(result)
    faulty = table.set_index("doc_id").loc["faulty-extractor-output"]
    assert faulty["part_whole.sum"] == 1 and faulty["span.offsets"] == 0


def test_facts_suite_catches_a_bad_table(gx_suite, tmp_path):
    facts = load([GOLDEN])
    facts.mentions.loc[0, "label"] = "MISC"
    facts.mentions.loc[1, "low"], facts.mentions.loc[1, "high"] = 10.0, 5.0
    report = gx_suite.validate_with_gx(facts, run_checks(facts), None)
    assert not report.facts_ok
    assert set(report.failed["mentions"]) == {
        "label",
        "expect_column_pair_values_a_to_be_greater_than_b",
    }


def test_errors_inside_ge_are_raised_not_passed(gx_suite):
    facts = load([GOLDEN])
    result = run_checks(facts)
    facts.mentions = facts.mentions.drop(columns=["status"])
    with pytest.raises(gx_suite.GXFailure, match="status"):
        gx_suite.validate_with_gx(facts, result, None)


def test_cli_writes_data_docs(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checks",
            "check",
            str(ROOT / "gold"),
            "--data-docs",
            str(tmp_path / "docs"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "docs" / "index.html").exists()
    assert "rules pass (warnings, not failures: source.conflict)" in proc.stderr


def offline_chrome(tmp_path):
    """Headless Chromium that cannot resolve any host name, with its network log kept."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail("Debian's chromium and chromium-driver are needed: run .ci/run")
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--window-size=1400,1000",
                 "--host-resolver-rules=MAP * ~NOTFOUND",
                 f"--user-data-dir={tmp_path / 'chrome'}"):  # fmt: skip
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


STYLE = """
const css = (el, p) => el ? getComputedStyle(el).getPropertyValue(p) : null;
const icons = [...document.querySelectorAll('i.fas')];
const rows = [...document.querySelectorAll('table tbody tr')].filter((r) => r.offsetHeight > 0);
return {
  bodyMargin: css(document.body, 'margin-top'),
  bodyFont: css(document.body, 'font-family'),
  btnPrimary: css(document.querySelector('.btn-primary:not(.active)'), 'background-color'),
  tabsBorder: css(document.querySelector('.nav-tabs'), 'border-bottom-color'),
  icons: icons.map((i) => ({w: i.getBoundingClientRect().width,
                            font: getComputedStyle(i, '::before').fontFamily,
                            glyph: getComputedStyle(i, '::before').content})),
  iconFont: document.fonts.check('900 16px "Font Awesome 6 Free"'),
  rows: rows.map((r) => r.innerText),
  resources: performance.getEntriesByType('resource').map((r) => r.name),
};
"""


@pytest.mark.browser
def test_data_docs_render_styled_with_no_network(gx_suite, tmp_path):
    import json
    import time

    from tests.test_browser_labeling import ARTIFACTS

    facts = load([ROOT / "gold"])
    site = tmp_path / "site"
    gx_suite.validate_with_gx(facts, run_checks(facts), site)
    rules_page = next((site / "validations").rglob("*tally_rules*.html"))
    driver = offline_chrome(tmp_path)
    got = {}
    try:
        for name, page in (("index", site / "index.html"), ("rules", rules_page)):
            driver.get(page.as_uri())
            time.sleep(0.5)  # bootstrap-table fills the index after load
            got[name] = driver.execute_script(STYLE)
            ARTIFACTS.mkdir(exist_ok=True)
            driver.save_screenshot(str(ARTIFACTS / f"data-docs-{name}.png"))
        requests = [
            json.loads(e["message"])["message"]["params"].get("request", {}).get("url", "")
            for e in driver.get_log("performance")
            if '"Network.requestWillBeSent"' in e["message"]
        ]
    finally:
        driver.quit()
    # Chromium's own pages (chrome://) aside, every request went to a file of the site
    assert not [u for u in requests if u.startswith(("http:", "https:", "ws:", "wss:"))]
    assert sum(u.startswith(f"{site.as_uri()}/static/vendor/") for u in requests) >= 10
    for name, g in got.items():
        assert g["bodyMargin"] == "0px", name  # bootstrap's reboot, not the browser's 8px
        assert "-apple-system" in g["bodyFont"], name
        assert all(r.startswith(("file:", "data:")) for r in g["resources"]), name
        assert g["iconFont"] and g["icons"], name
        for icon in g["icons"]:
            assert "Font Awesome" in icon["font"] and icon["glyph"] not in ("none", "normal")
    index, rules = got["index"], got["rules"]
    assert index["tabsBorder"] == "rgb(222, 226, 230)"
    listed = "\n".join(index["rows"])
    for suite in ("tally.documents", "tally.mentions", "tally.relations", "tally.tally_rules"):
        assert suite in listed
    assert len(index["rows"]) == 4 and len(index["icons"]) >= 4
    assert rules["btnPrimary"] == "rgb(0, 123, 255)"


def test_facts_suite_checks_units_and_shares(gx_suite, tmp_path):
    """`unit` is snake_case, and a percent share of a count whole is at most 100."""
    from tests.conftest import resolve_offsets, write_jsonl

    text = "نزح 12 ألف شخص، 120 بالمائة منهم نساء، وقطعوا 30 كيلومترا، وارتفعت الأسعار 300 بالمائة."
    doc = resolve_offsets({"doc_id": "shares", "text": text, "mentions": [
        {"id": "w", "text": "12 ألف", "label": "QUANTITY", "value": 12000},
        {"id": "p", "text": "120 بالمائة", "label": "QUANTITY", "value": 120, "unit": "percent"},
        {"id": "k", "text": "30", "label": "QUANTITY", "value": 30, "unit": "Km"},
        {"id": "r", "text": "300 بالمائة", "label": "QUANTITY", "value": 300, "unit": "percent"},
    ], "relations": [{"from": "p", "to": "w", "type": "part_of"}]})  # fmt: skip
    facts = load([write_jsonl(tmp_path / "shares.jsonl", [doc])])
    assert gx_suite.share_percent(facts).tolist()[1] == 120  # only p is a share: r stands alone
    report = gx_suite.validate_with_gx(facts, run_checks(facts), None)
    assert set(report.failed["mentions"]) == {"unit", "share_percent"}
    facts.mentions.loc[1, "value"], facts.mentions.loc[2, "unit"] = 60.0, "km"
    report = gx_suite.validate_with_gx(facts, run_checks(facts), None)
    assert report.failed["mentions"] == []


CLICKED = """
const shown = (el) => !!el && getComputedStyle(el).display !== 'none'
    && getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().height > 0;
return {
  modal: typeof window.jQuery === 'function' && typeof jQuery.fn.modal === 'function',
  tab: typeof window.jQuery === 'function' && typeof jQuery.fn.tab === 'function',
  suites: shown(document.getElementById('Expectation-Suites')),
  results: shown(document.getElementById('Validation-Results')),
  suiteRows: [...document.querySelectorAll('#Expectation-Suites table tbody tr')]
      .filter(shown).map((r) => r.innerText),
  info: [...document.querySelectorAll('a[data-toggle=collapse]')]
      .filter((a) => a.textContent.includes('Show more info'))
      .map((a) => shown(document.querySelector(a.getAttribute('href')))),
  logo: getComputedStyle(document.querySelector('.navbar-brand a') || document.body)
      .backgroundImage,
};
"""


@pytest.mark.browser
def test_data_docs_work_when_clicked_from_file_urls(gx_suite, tmp_path):
    """From file://, with no host name resolvable: "Expectation Suites" shows the suites
    and "Show more info..." opens its panel (bootstrap's JS runs: it used to be refused for
    its integrity/crossorigin attributes), in light and dark mode, and nothing is fetched
    from the network, the dark logo included."""
    import json
    import time

    from selenium.webdriver.common.by import By

    facts = load([GOLDEN])
    site = tmp_path / "site"
    gx_suite.validate_with_gx(facts, run_checks(facts), site)
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        kind = "css" if path.suffix == ".css" else "html"
        assert gx_offline.remote_references(path.read_text(encoding="utf-8"), kind) == [], path
    rules_page = next((site / "validations").rglob("*tally_rules*.html"))
    driver = offline_chrome(tmp_path)
    seen = {}
    try:
        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": scheme}]})  # fmt: skip
            driver.get((site / "index.html").as_uri())
            time.sleep(0.5)
            before = driver.execute_script(CLICKED)
            driver.find_element(By.ID, "Expectation-Suites-tab").click()
            time.sleep(0.8)  # bootstrap's fade
            after = driver.execute_script(CLICKED)
            driver.get(rules_page.as_uri())
            time.sleep(0.3)
            closed = driver.execute_script(CLICKED)
            driver.find_element(By.PARTIAL_LINK_TEXT, "Show more info").click()
            time.sleep(0.8)
            opened = driver.execute_script(CLICKED)
            driver.save_screenshot(str(tmp_path / f"rules-{scheme}.png"))
            seen[scheme] = (before, after, closed, opened)
        requests = [
            json.loads(e["message"])["message"]["params"].get("request", {}).get("url", "")
            for e in driver.get_log("performance")
            if '"Network.requestWillBeSent"' in e["message"]
        ]
    finally:
        driver.quit()
    assert not [u for u in requests if not u.startswith(("file:", "data:", "chrome"))]
    assert any(u.endswith("static/images/logo-long-dark.svg") for u in requests)
    for scheme, (before, after, closed, opened) in seen.items():
        assert before["modal"] and before["tab"], scheme  # bootstrap's jQuery plugins loaded
        assert before["results"] and not before["suites"], scheme
        assert after["suites"] and not after["results"], scheme
        listed = "\n".join(after["suiteRows"])
        for suite in ("tally.documents", "tally.mentions", "tally.relations", "tally.tally_rules"):
            assert suite in listed, scheme
        assert closed["info"] == [False] and opened["info"] == [True], scheme
        logo = opened["logo"]
        if scheme == "dark":
            assert logo.startswith('url("file:') and "logo-long-dark.svg" in logo, logo


def test_the_import_does_not_end_a_python_c_program():
    """Under `python -c` (as under pytest-xdist's workers) `__main__` has no spec or file, which
    pyspark.sql.connect, imported by GE, takes for a doctest run: with a Spark Connect
    dependency missing it called sys.exit(0) and the program stopped there, "successfully"."""
    import subprocess
    import sys

    code = "import checks.gx_suite, __main__; print('went on', __main__.__spec__)"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "went on None", proc.stderr  # the spec was lent, not kept
