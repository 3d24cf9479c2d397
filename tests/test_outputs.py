"""Issue 7, output side: one writer (atomic, write-through, clear failures) and every format
well-formed and inert whatever the data holds."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.cli import run
from checks.engine import CheckResult
from checks.facts import DOCUMENT_COLUMNS, Facts, typed
from checks.output import OutputError, write_report
from checks.readers.load import load
from checks.report import check_report, github, score_report
from checks.report.inert import md, terminal, xml_attr, xml_text
from checks.rules.registry import RULES, VIOLATION_COLUMNS
from checks.scoring.score import score
from tests.conftest import ROOT, write_jsonl

FAULTY = ROOT / "tests" / "golden" / "faulty.jsonl"
NASTY = (
    "a\x00b\x01c\x0bd\x0ce\x1b[31mred\x1b]0;title\x07\x9b2J\ufffe\uffff\ud800"
    "<script>x</script>&|\u2028"
)


@pytest.fixture
def cli(capsys):
    """`tally ARGS` in process, through the CLI's one exit-code path: (code, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = run(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def no_temps(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tally-tmp")]


# ---------------------------------------------------------------- the writer
def test_out_replaces_atomically_and_keeps_the_mode(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_report(["new ", b"report"], target)
    assert target.read_text() == "new report"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert no_temps(tmp_path)
    fresh = tmp_path / "fresh.txt"
    write_report("x", fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


WRITER = """
import sys, time
from pathlib import Path
from checks.output import write_report
mark, n, delay = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
def pieces():
    for _ in range(n):
        time.sleep(delay)
        yield (mark * 4095 + "\\n")
write_report(pieces(), Path(sys.argv[1]))
"""


def writer(target: Path, mark: str, n: int, delay: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), mark, str(n), str(delay)], cwd=ROOT
    )


def test_concurrent_writers_never_clobber_each_other(tmp_path):
    target = tmp_path / "report.txt"
    procs = [writer(target, mark, 400) for mark in "abcdef"]
    assert [p.wait(60) for p in procs] == [0] * 6
    body = target.read_text()
    assert len(body) == 400 * 4096
    assert len(set(body.replace("\n", ""))) == 1  # one writer's whole report, not a mix
    assert no_temps(tmp_path)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_writer_leaves_the_old_report_whole(tmp_path, sig):
    target = tmp_path / "report.txt"
    target.write_text("previous report\n")
    proc = writer(target, "z", 1000, 0.01)
    deadline = time.monotonic() + 30
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tally-tmp")]:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait(30)
    assert target.read_text() == "previous report\n"
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tally-tmp")]
    if sig == signal.SIGTERM:
        assert temps == []  # caught: the temp file is removed
    else:
        assert all(p.name.startswith(".report.txt.") for p in temps)  # uniquely named


def test_dev_null_is_written_through_not_replaced():
    before = os.stat("/dev/null")
    write_report("report\n", Path("/dev/null"))
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_report("through the pipe\n", fifo)
    reader.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_pipe_named_by_dev_fd_is_written_through():
    """`--out >(gzip > r.gz)`: the shell passes /dev/fd/N, a link to an anonymous pipe."""
    r, w = os.pipe()
    try:
        write_report("into the pipe\n", Path(f"/dev/fd/{w}"))
        os.close(w)
        w = -1
        assert os.read(r, 100) == b"into the pipe\n"
    finally:
        os.close(r)
        if w >= 0:
            os.close(w)


def test_a_symlink_is_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_report("new", link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert no_temps(tmp_path) and no_temps(tmp_path / "real")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda t: t / "missing" / "x.json", "folder does not exist"),
        (lambda t: t, "is a folder"),
        (lambda t: (t / "f").write_text("") or t / "f" / "x.json", "not a folder"),
    ],
)
def test_unwritable_targets_are_exit_2_before_any_work(cli, tmp_path, make, says):
    target = make(tmp_path)
    with pytest.raises(OutputError, match=says):
        write_report("x", target)
    code, out, err = cli("check", str(FAULTY), "--out", str(target))
    assert code == 2 and out == ""
    assert err.startswith(f"tally: cannot write the report: --out {target}: ")
    assert says in err and "Traceback" not in err
    code, _, err = cli("score", "--gold", str(FAULTY), "--pred", str(FAULTY), "--out", str(target))
    assert code == 2 and says in err


@pytest.mark.parametrize(("plant_rate", "verdict"), [(0.0, 0), (1.0, 1)])
def test_a_reader_that_stops_early_leaves_the_verdict(tmp_path, plant_rate, verdict):
    """`tally check ... | head`: the closed pipe is the reader's choice, not a failure; the
    exit code is still the check's verdict and nothing but the report reaches the pipe."""
    from benchmarks.corpus import corpus
    from benchmarks.corpus import write_jsonl as write_corpus

    path = write_corpus(corpus(3000, seed=5, plant_rate=plant_rate), tmp_path / "c.jsonl")
    cmd = [sys.executable, "-m", "checks", "check", str(path), "--format", "junit", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout.read(200).startswith(b"<?xml")
    proc.stdout.close()  # the reader leaves, long before the report's end
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == verdict, err
    assert "Traceback" not in err and "internal error" not in err and "Broken pipe" not in err


def test_dangling_symlink_into_a_missing_folder(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "gone" / "x.json")
    with pytest.raises(OutputError, match="folder does not exist"):
        write_report("x", link)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_no_permission_is_an_output_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="permission denied"):
        write_report("x", locked / "r.json")


# ---------------------------------------------------------------- verdict on stderr
def test_verdict_on_stderr_with_out(cli, tmp_path):
    out = tmp_path / "report.xml"
    code, stdout, err = cli("check", str(FAULTY), "--format", "junit", "--out", str(out))
    assert code == 1 and stdout == ""
    assert err == (
        "tally check: FAILED: count.members, date.weekday, part_whole.sum, value.surface "
        f"(4 errors, 1 warning in 1 of 2 documents) → {out}\n"
    )
    ET.parse(out)
    code, stdout, err = cli("score", "--gold", str(FAULTY), "--pred", str(FAULTY),
                            "--format", "json", "--out", str(tmp_path / "s.json"))  # fmt: skip
    assert code == 0 and stdout == ""
    assert err.startswith("tally score: scored (strict F1 100.0%, partial F1 100.0%,")
    assert err.endswith(f"→ {tmp_path / 's.json'}\n")
    assert json.loads((tmp_path / "s.json").read_text())["mentions"]["strict"]["f1"] == 1.0


def test_no_verdict_line_without_out(cli):
    code, stdout, err = cli("check", str(FAULTY), "--format", "json")
    assert code == 1 and json.loads(stdout)["documents"] == 2 and err == ""


# ---------------------------------------------------------------- inert formats
def result_with(doc_ids: list[str], ids: list[list[str]], messages: list[str]) -> CheckResult:
    """A CheckResult whose strings are arbitrary: what the writers must survive."""
    rules = list(RULES)
    n = len(messages)
    v = pd.DataFrame(
        {  # object columns, as the rules make them
            "rule": [rules[i % len(rules)] for i in range(n)],
            "severity": [RULES[rules[i % len(rules)]].severity for i in range(n)],
            "doc_id": [doc_ids[i % len(doc_ids)] for i in range(n)],
            "mentions": [ids[i % len(ids)] if ids else [] for i in range(n)],
            "message": messages,
        },
        dtype=object,
    )[VIOLATION_COLUMNS]
    outcomes = v[["doc_id", "rule", "severity"]].assign(checked=1, failed=1)
    return CheckResult(sorted(set(doc_ids)), v, outcomes)


def facts_for(result: CheckResult) -> Facts:
    n = len(result.documents)
    docs = pd.DataFrame({c: None for c in DOCUMENT_COLUMNS}, index=range(n), dtype=object)
    docs = docs.assign(doc_id=pd.Series(result.documents, dtype=object), text="نص",
                       origin="f.jsonl:1")  # fmt: skip
    return Facts(documents=typed(docs))


anything = st.text(st.characters(codec=None), max_size=20)  # every code point, surrogates too
FORMS = settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@FORMS
@given(
    doc_ids=st.lists(anything.filter(bool), min_size=1, max_size=3, unique=True),
    ids=st.lists(st.lists(anything, max_size=3), max_size=3),
    messages=st.lists(anything, min_size=1, max_size=6),
)
def test_every_check_format_is_well_formed_and_inert(doc_ids, ids, messages):
    r = result_with(doc_ids, ids, messages)
    ET.fromstring(check_report.to_junit(r).split("\n", 1)[1].encode("utf-8"))
    data = json.loads(check_report.to_json(r))
    assert len(data["violations"]) == len(messages)
    text = check_report.to_text(r)
    assert not CONTROL.search(text)
    # one line per violation, one header and one blank per document, two closing lines
    assert text.count("\n") == len(messages) + 2 * len(set(r.violations["doc_id"])) + 2
    markdown = check_report.to_md(r)
    assert "<" not in re.sub(r"</?(details|summary)>", "", markdown)
    html = check_report.render("html", r, facts_for(r))
    assert "<script" not in html.lower()
    annotations = check_report.to_github(r, facts_for(r))
    assert annotations.count("\n") == len(messages)
    assert all(line.startswith(("::error ", "::warning ")) for line in annotations.splitlines())
    assert not CONTROL.search(annotations)


@FORMS
@given(s=anything)
def test_escapers(s):
    ET.fromstring(f'<a b="{xml_attr(s)}">{xml_text(s)}</a>'.encode())
    assert not CONTROL.search(terminal(s)) and "\n" not in terminal(s)
    assert "<" not in md(s) and "\n" not in md(s)


def test_score_formats_survive_hostile_ids_and_text(tmp_path):
    nasty = NASTY.replace("\ud800", "")  # files hold UTF-8: no lone surrogate gets this far
    text = f"{nasty} عاد 337 شخصًا"
    start = text.index("337")
    doc = {
        "doc_id": "d",
        "text": text,
        "mentions": [
            {
                "id": nasty,
                "start": start,
                "end": start + 3,
                "text": "337",
                "label": "QUANTITY",
                "value": 337,
            }
        ],
    }
    pred = dict(doc, mentions=[dict(doc["mentions"][0], value=30, label="QUANTITY")])
    spur = {"id": "<img src=x>", "start": 0, "end": 5, "text": text[:5], "label": "ORG"}
    pred["mentions"].append(spur)
    gold = load([write_jsonl(tmp_path / "g.jsonl", [doc])])
    report = score(gold, load([write_jsonl(tmp_path / "p.jsonl", [pred])]))
    ET.fromstring(score_report.to_junit(report).split("\n", 1)[1].encode("utf-8"))
    json.loads(score_report.to_json(report))
    assert not CONTROL.search(score_report.to_text(report))
    assert "<img" not in score_report.to_md(report)
    html = score_report.to_html(report, None, gold)
    assert "<script>" not in html and "\x1b" not in html and "\\x1b" in html


def test_hostile_document_through_the_cli(cli, tmp_path):
    text = f"عاد 337 شخصًا {NASTY.replace(chr(0xD800), '')}"
    doc = {"doc_id": "d", "text": text, "mentions": [
        {"id": "<script>alert(1)</script>\x1b[2J", "start": 4, "end": 7, "text": "337",
         "label": "QUANTITY", "value": 30}]}  # fmt: skip
    path = write_jsonl(tmp_path / "f.jsonl", [doc])
    code, out, _ = cli("check", str(path))
    assert code == 1 and "\x1b" not in out and "[\\x1b[2J" not in out and "\\x1b[2J" in out
    for fmt in ("junit", "md", "html", "github", "json"):
        code, out, _ = cli("check", str(path), "--format", fmt)
        assert code == 1, fmt
        assert "\x1b" not in out, fmt
        # markup formats escape it; annotations and JSON are plain data, shown as text
        assert ("<script>" in out) == (fmt in ("github", "json")), fmt
    code, out, _ = cli("check", str(path), "--format", "junit")
    ET.fromstring(out.split("\n", 1)[1].encode("utf-8"))


# ---------------------------------------------------------------- GitHub output
def test_github_annotations_exact_text(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = cli("check", "tests/golden/faulty.jsonl", "--format", "github")
    assert code == 1
    at = "file=tests/golden/faulty.jsonl,line=1,title=tally"
    assert out.splitlines() == [
        f"::error {at} count.members in faulty-extractor-output::[a,b,c,q] «قريتين» counts 2 "
        "(≤ 2) but lists 3 members: كفريا, الفوعة, الزبدية",
        f"::error {at} date.weekday in faulty-extractor-output::[d1] «اليوم الجمعة» names Friday "
        "but 2016-12-15 is a Thursday; says today but is normalized to 2016-12-15, not the "
        "published date 2016-12-16",
        f"::error {at} part_whole.sum in faulty-extractor-output::[m1,m2,m3] parts of «9500» "
        "overflow it: more than 4500 (≥ 4501) + 337 = 4838 > 950 (exact)",
        f"::warning {at} qualifier.cue in faulty-extractor-output::[m3] cue «أكثر» before «9500» "
        "means more_than but qualifier is exact",
        f"::error {at} value.surface in faulty-extractor-output::[m3] span «9500» reads 9500 but "
        "value is 950",
    ]
    written = summary.read_text()
    assert written.startswith("earlier step\n### tally check: FAILED: count.members, ")
    assert "| part\\_whole.sum | error | 1 | 1 |" in written


def test_github_escaping():
    lines = github.annotations(
        pd.Series(["error"]),
        pd.Series(["dir,a:b/100%.jsonl:7"]),
        pd.Series(["t,i:t%le"]),
        pd.Series(["50% of\r\nit\n::add-mask::secret"]),
    )
    assert lines == (
        "::error file=dir%2Ca%3Ab/100%25.jsonl,line=7,title=t%2Ci%3At%25le::"
        "50%25 of\\x0d\\x0ait\\x0a::add-mask::secret\n"
    )
    assert github.annotations(
        pd.Series(["warning"]), pd.Series(["export.json task 7 region ab"]),
        pd.Series(["r"]), pd.Series(["m"]),
    ) == "::warning file=export.json,title=r (task 7 region ab)::m\n"  # fmt: skip


def test_github_without_summary_env_writes_only_annotations(monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert github.append_step_summary("x") is None


def test_score_github_annotations_exact_text(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gold.jsonl").write_text(FAULTY.read_text(encoding="utf-8"), encoding="utf-8")
    clean = json.loads(FAULTY.read_text(encoding="utf-8").splitlines()[1])
    clean["mentions"][0]["label"] = "ORG"
    write_jsonl(tmp_path / "pred.jsonl", [clean])
    code, _, _ = cli("score", "--gold", "gold.jsonl", "--pred", "gold.jsonl", "--format", "json",
                     "--out", "base.json")  # fmt: skip
    assert code == 0
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = cli("score", "--gold", "gold.jsonl", "--pred", "pred.jsonl",
                       "--baseline", "base.json", "--format", "github")  # fmt: skip
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == [
        "::warning file=pred.jsonl,line=1,title=tally score%3A clean-document::1 gold mention "
        "wrong (strict), 0 spurious, 1 consistency error in the predictions",
        "::warning file=gold.jsonl,line=1,title=tally score%3A faulty-extractor-output::8 gold "
        "mentions wrong (strict), 0 spurious, 0 consistency errors in the predictions",
    ]
    assert lines[2].startswith("::error title=tally score regression::strict F1 100.0% → 0.0%")
    assert all(line.startswith("::error title=tally score regression::") for line in lines[2:])
    assert summary.read_text(encoding="utf-8").startswith("### tally score")


utf8_text = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=12)


@settings(max_examples=25, suppress_health_check=list(HealthCheck), deadline=None)
@given(
    ids=st.lists(utf8_text, min_size=2, max_size=2, unique=True),
    label=utf8_text,
    cut=st.integers(0, 3),
)
def test_every_score_format_is_well_formed_and_inert(tmp_path_factory, ids, label, cut):
    """Arbitrary prediction ids and labels through the real readers, scorer and writers."""
    tmp = tmp_path_factory.mktemp("score")
    text = "عاد 337 شخصًا و45 جريحا"
    gold = {
        "doc_id": "d",
        "text": text,
        "mentions": [
            {"id": "g1", "start": 4, "end": 7, "text": "337", "label": "QUANTITY", "value": 337}
        ],
    }
    pred = {
        "doc_id": "d",
        "mentions": [
            {"id": ids[0], "start": 4, "end": 7 - cut, "text": text[4 : 7 - cut], "label": label},
            {"id": ids[1], "start": 15, "end": 17, "text": "45", "label": "QUANTITY", "value": 4},
        ],
    }
    g = load([write_jsonl(tmp / "g.jsonl", [gold])])
    p = load([write_jsonl(tmp / "p.jsonl", [pred])])
    report = score(g, p)
    ET.fromstring(score_report.to_junit(report).split("\n", 1)[1].encode("utf-8"))
    assert json.loads(score_report.to_json(report))["documents"] == {"gold": 1, "pred": 1}
    assert not CONTROL.search(score_report.to_text(report))
    assert "<" not in re.sub(r"</?(details|summary)>", "", score_report.to_md(report))
    annotations = score_report.to_github(report, None, g, p)
    assert annotations.count("\n") == 1 and not CONTROL.search(annotations)
