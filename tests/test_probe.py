"""`tally probe`: perturbations keep offsets exact, the judge and report on fake extractors
(perfect, and one that breaks the cue capability), unusable extractors (exit 2), and a real
run of `tally extract` through the command in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.numbers import read_surface
from checks.probe import numerals, report
from checks.probe.cases import FIGURES, MFT, NO_FIGURE, NO_PART_OF, QUALIFIER, SCALED, Case
from checks.probe.cuewords import disagreements
from checks.probe.edits import Edit, SpanBroken, apply
from checks.probe.perturb import CLITICS, _rewrite, _shift
from checks.probe.suite import below, build_suite, probe
from checks.probe.templates import TEMPLATES, mft_cases
from checks.readers.load import load
from tests.conftest import ROOT, resolve_offsets, run_tally, write_jsonl

FAKE = ROOT / "tests" / "probe" / "fake_extractor.py"
GOLD = ROOT / "gold"
CUED = {"more_than", "about", "at_least", "less_than", "at_most"}


# ---------------------------------------------------------------- offsets


words = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.", max_size=12)


@settings(max_examples=300)
@given(
    before=words,
    after=words,
    n=st.integers(1, 10**9),
    script=st.sampled_from(list(numerals.SCRIPTS)),
    grouped=st.booleans(),
    to_script=st.sampled_from(list(numerals.SCRIPTS)),
    to_grouped=st.booleans(),
    noun=st.sampled_from(["", " شخصا", " ألف", " بالمائة"]),
)
def test_digit_rewrites_keep_offsets_exact(
    before, after, n, script, grouped, to_script, to_grouped, noun
):
    """Any digit script or grouping, rewritten into any other: the figure's new span holds
    exactly the new rendering, the text around it is untouched, spans before and after it
    still hold their text, and tally's reader reads the same number."""
    span = numerals.render(n, script, grouped) + noun
    text = before + " " + span + " " + after
    start = len(before) + 1
    end = start + len(span)
    edits = _shift(_rewrite(span, to_script, to_grouped), start)
    new, offsets = apply(text, edits)
    ns, ne = offsets.span(start, end)
    assert new[ns:ne] == numerals.render(n, to_script, to_grouped) + noun
    assert new[:ns] == text[:start] and new[ne:] == text[end:]
    assert offsets.span(0, len(before)) == (0, len(before))
    assert new[slice(*offsets.span(end, len(text)))] == text[end:]
    assert read_surface(new[ns:ne]) == read_surface(span)


@settings(max_examples=200)
@given(before=words, after=words, n=st.integers(1, 10**7), clitic=st.sampled_from(list(CLITICS)))
def test_clitic_insertion_moves_the_span_past_the_clitic(before, after, n, clitic):
    span = str(n)
    text = before + " " + span + " " + after
    start = len(before) + 1
    new, offsets = apply(text, [Edit(start, start, clitic)])
    ns, ne = offsets.span(start, start + len(span))
    assert new[ns:ne] == span and new[ns - 1] == clitic
    assert new[ns - 2] == " " and new[ne:] == text[start + len(span) :]


@st.composite
def edited_texts(draw):
    text = draw(st.text(alphabet="ab1٢ ", min_size=1, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits, last = [], -1
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a <= last or (a == b and a == last):
            continue
        edits.append(Edit(a, b, draw(st.text(alphabet="xyz٣", max_size=4))))
        last = b
    return text, edits


@settings(max_examples=300)
@given(data=edited_texts(), s=st.integers(0, 40), length=st.integers(0, 10))
def test_any_span_maps_to_its_text_or_refuses(data, s, length):
    """A span that no edit touches keeps its text; one that contains edits holds them; one
    whose boundary falls inside an edit refuses (SpanBroken) rather than guess."""
    text, edits = data
    s = min(s, len(text))
    e = min(s + length, len(text))
    new, offsets = apply(text, edits)
    try:
        ns, ne = offsets.span(s, e)
    except SpanBroken:
        assert any(x.start < s < x.end or x.start < e < x.end for x in edits)
        return
    inside = [x for x in edits if s <= x.start and x.end <= e and (x.start, x.end) != (s, s)]
    inside = [x for x in inside if not (x.start == x.end == e)]
    expected, at = "", s
    for x in sorted(inside, key=lambda x: x.start):
        expected += text[at : x.start] + x.new
        at = x.end
    expected += text[at:e]
    assert new[ns:ne] == expected


def test_overlapping_edits_are_refused():
    with pytest.raises(ValueError, match="overlapping"):
        apply("abcdef", [Edit(1, 3, "x"), Edit(2, 4, "y")])
    with pytest.raises(ValueError, match="overlapping"):
        apply("abcdef", [Edit(2, 2, "x"), Edit(2, 2, "y")])


# ---------------------------------------------------------------- generation


def test_probe_cues_agree_with_tallys_cue_table():
    assert disagreements() == []


def test_templates_agree_with_tallys_reader_and_are_seeded():
    """Every template's expected numbers agree with `read_surface` (mft_cases raises
    otherwise); the same seed writes the same cases, another seed other figures."""
    first, again, other = mft_cases(0), mft_cases(0), mft_cases(1)
    assert [(c.id, c.text) for c in first] == [(c.id, c.text) for c in again]
    assert [c.text for c in first] != [c.text for c in other]
    assert {c.capability for c in first} >= {"cues", "part-whole", "duals", "percentages"}
    assert len({c.id for c in first}) == len(first)
    for c in first:
        for f in c.figures:
            assert 0 <= f.start < f.end <= len(c.text)
    assert len(TEMPLATES) >= 10


def test_gold_perturbations_cover_each_kind_and_verify():
    suite = build_suite([GOLD], 0)
    kinds = {(c.kind, c.capability) for c in suite.cases}
    assert ("INV", "digits") in kinds and ("INV", "separators") in kinds
    assert ("INV", "clitics") in kinds and ("INV", "counted noun") in kinds
    assert ("DIR", "value") in kinds and ("DIR", "cues") in kinds
    # The seed's one whole is «أكثر من 9500» ([9501, ∞)): no part can be larger than it.
    assert ("DIR", "part-whole") not in kinds
    gold = load([GOLD])
    text = gold.documents["text"].iloc[0]
    for c in suite.cases:
        if c.kind == MFT:
            continue
        s, e = c.span
        # outside the edited stretch the text is the original's
        assert c.text[:s].startswith(text[: min(c.offsets.edits[0].start, s)])
        if c.check == SCALED:
            old = read_surface(text[slice(*c.source_span)]).value
            assert read_surface(c.text[s:e]).value == old * c.ratio


def test_a_part_is_made_larger_only_than_a_whole_with_an_upper_bound(tmp_path):
    """«أكثر من 9000» is [9001, ∞): a part of any size fits, so only the exact whole gets
    a part made larger than it."""
    text = "خرج 4500 مسلح من أصل 9000 شخص، وغادر 300 جريح من بين أكثر من 9000 نازح."
    doc = resolve_offsets({"doc_id": "wholes", "text": text, "mentions": [
        {"id": "p1", "text": "4500", "label": "QUANTITY", "value": 4500},
        {"id": "w1", "text": "9000", "label": "QUANTITY", "value": 9000},
        {"id": "p2", "text": "300", "label": "QUANTITY", "value": 300},
        {"id": "w2", "text": "9000", "occurrence": 1, "label": "QUANTITY", "value": 9000,
         "qualifier": "more_than"},
    ], "relations": [{"from": "p1", "to": "w1", "type": "part_of"},
                     {"from": "p2", "to": "w2", "type": "part_of"}]})  # fmt: skip
    path = write_jsonl(tmp_path / "wholes.jsonl", [doc])
    larger = [c for c in build_suite([path], 0).cases if c.test == "part larger than its whole"]
    assert [c.source_span for c in larger] == [(4, 8)]


# ---------------------------------------------------------------- fake extractors


def _number(x: Fraction | None):
    if x is None:
        return None
    return int(x) if x.denominator == 1 else float(x)


def _mention(mid: str, start: int, end: int, value, qualifier, low=None, high=None, unit=None):
    m = {"id": mid, "start": start, "end": end, "value": _number(value), "qualifier": qualifier}
    for k, v in (("low", low), ("high", high)):
        if v is not None:
            m[k] = _number(v)
    if unit:
        m["unit"] = unit
    return {k: v for k, v in m.items() if v is not None}


def perfect_answers(suite, source: Path = GOLD) -> dict:
    """What a perfect extractor writes for each probe document: the gold figures on the
    originals, carried through each case's edits with the case's change applied."""
    facts = load([source])
    gold, rels = {}, {}
    q = facts.mentions[facts.mentions["label"] == "QUANTITY"]
    for doc, mid, s, e, v, ql, lo, hi in zip(q["doc_id"], q["id"], q["start"], q["end"],
                                             q["value"], q["qualifier"], q["low"], q["high"],
                                             strict=True):  # fmt: skip
        f = lambda x: None if x != x else Fraction(repr(x))  # noqa: E731
        gold.setdefault(f"orig.{doc}", []).append((mid, s, e, f(v), ql or "exact", f(lo), f(hi)))
    r = facts.relations[facts.relations["type"] == "part_of"]
    for doc, a, b in zip(r["doc_id"], r["from"], r["to"], strict=True):
        rels.setdefault(f"orig.{doc}", []).append({"from": a, "to": b, "type": "part_of"})
    answers = {}
    for o in suite.originals:
        answers[o.id] = {"mentions": [_mention(*g) for g in gold.get(o.id, [])],
                         "relations": rels.get(o.id, [])}  # fmt: skip
    for c in suite.cases:
        answers[c.id] = _case_answer(c, gold, rels)
    return answers


def _case_answer(c: Case, gold: dict, rels: dict) -> dict:
    if c.check == NO_FIGURE:
        return {"mentions": [], "relations": []}
    if c.check == FIGURES:
        ms = [_mention(f"f{i}", f.start, f.end, f.reading.value, f.reading.qualifier,
                       f.reading.low, f.reading.high, f.reading.unit)
              for i, f in enumerate(c.figures)]  # fmt: skip
        rs = [{"from": f"f{a}", "to": f"f{b}", "type": "part_of"} for a, b in c.relations]
        return {"mentions": ms, "relations": rs}
    mentions = []
    for mid, s, e, v, ql, lo, hi in gold[c.source]:
        try:
            ns, ne = c.offsets.span(s, e)
        except SpanBroken:
            continue
        if (s, e) == c.source_span:
            if c.check == SCALED:
                v = v * c.ratio
            elif c.check == QUALIFIER:
                ql = c.qualifier
        mentions.append(_mention(mid, ns, ne, v, ql, lo, hi))
    relations = rels.get(c.source, [])
    if c.check == NO_PART_OF:
        part = next(g[0] for g in gold[c.source] if (g[1], g[2]) == c.source_span)
        relations = [r for r in relations if r["from"] != part]
    return {"mentions": mentions, "relations": relations}


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    suite = build_suite([GOLD], 0)
    path = tmp_path_factory.mktemp("probe") / "answers.json"
    path.write_text(json.dumps(perfect_answers(suite), ensure_ascii=False), encoding="utf-8")
    return suite, path


SMALL = [
    {
        "doc_id": "small-1",
        "text": "أصيب ٤٬٥٠٠ شخص في القصف، بينهم 1,200 طفل، وأكثر من ۳۰۰ امرأة.",
        "mentions": [
            {"id": "w", "start": 5, "end": 10, "text": "٤٬٥٠٠", "label": "QUANTITY",
             "value": 4500, "qualifier": "exact"},
            {"id": "p", "start": 31, "end": 36, "text": "1,200", "label": "QUANTITY",
             "value": 1200, "qualifier": "exact"},
            {"id": "q", "start": 51, "end": 54, "text": "۳۰۰", "label": "QUANTITY",
             "value": 300, "qualifier": "more_than"},
        ],
        "relations": [{"from": "p", "to": "w", "type": "part_of"},
                      {"from": "q", "to": "w", "type": "part_of"}],
    }
]  # fmt: skip


def test_facts_jsonl_input_in_other_scripts_and_a_perfect_fake(tmp_path):
    """A facts JSONL input written in Arabic-Indic and Persian digits with separators:
    Western digits and separators removed are generated too, and a perfect fake passes."""
    source = tmp_path / "small.jsonl"
    source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in SMALL), "utf-8")
    for m in SMALL[0]["mentions"]:
        assert SMALL[0]["text"][m["start"] : m["end"]] == m["text"]
    suite = build_suite([source], 0)
    tests = {c.test for c in suite.cases if c.kind != MFT}
    assert {"Western digits", "separators removed", "part larger than its whole"} <= tests
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(perfect_answers(suite, source), ensure_ascii=False), "utf-8")
    r = probe([source], fake(answers), seed=0, timeout=60)
    assert r["summary"]["failed"] == 0 and r["summary"]["filtered"] == 0


def fake(path: Path, *flags: str) -> str:
    return " ".join([sys.executable, str(FAKE), str(path), *flags])


def test_perfect_fake_extractor_passes_everything(answers):
    suite, path = answers
    r = probe([GOLD], fake(path), seed=0, timeout=60)
    s = r["summary"]
    assert (s["cases"], s["tested"], s["passed"], s["failed"], s["filtered"]) == (
        len(suite.cases), len(suite.cases), len(suite.cases), 0, 0)  # fmt: skip
    assert all(c["pass_rate"] == 1.0 for c in r["capabilities"])
    assert {c["capability"] for c in r["capabilities"]} >= {"digits", "cues", "part-whole"}
    assert r["failures"] == []


def expected_cue_failures(suite) -> set[str]:
    out = set()
    for c in suite.cases:
        if c.check == FIGURES and any(f.reading.qualifier in CUED for f in c.figures):
            out.add(c.id)
        if c.check == QUALIFIER and c.qualifier in CUED:
            out.add(c.id)
    return out


def test_fake_that_breaks_cues_fails_exactly_the_cue_cases(answers):
    suite, path = answers
    r = probe([GOLD], fake(path, "--exact-only"), seed=0, timeout=60)
    failing = {f["id"] for f in r["failures"]}
    assert failing == expected_cue_failures(suite)
    assert failing and {f["capability"] for f in r["failures"]} == {"cues"}
    by_cap = {c["capability"]: c for c in r["capabilities"]}
    assert by_cap["cues"]["failed"] == len(failing)
    assert by_cap["cues"]["passed"] + by_cap["cues"]["failed"] == by_cap["cues"]["tested"]
    assert all(c["pass_rate"] == 1.0 for k, c in by_cap.items() if k != "cues")
    # every failing count traces back to its cases
    listed = {i for c in r["capabilities"] for t in c["tests"] for i in t["failing"]}
    assert listed == failing
    for t in by_cap["cues"]["tests"]:
        assert t["failed"] == len(t["failing"])


def test_fail_under_gates_on_the_weakest_capability(answers):
    _, path = answers
    code, _, err = run_tally("probe", "--extractor", fake(path, "--exact-only"),
                               "--fail-under", "0.9", str(GOLD))  # fmt: skip
    assert code == 1 and "below 90.0%: cues" in err
    code, _, _ = run_tally("probe", "--extractor", fake(path, "--exact-only"),
                           "--fail-under", "0.1", str(GOLD))  # fmt: skip
    assert code == 0
    code, _, _ = run_tally("probe", "--extractor", fake(path), "--fail-under", "1", str(GOLD))
    assert code == 0


def test_the_extractors_own_keys_are_counted_not_errors(answers):
    _, path = answers
    code, _, err = run_tally("probe", "--extractor", fake(path, "--score"), str(GOLD))
    assert code == 0
    assert "in the extractor's output:" in err and "'score'" in err


def test_silent_extractor_is_filtered_not_robust():
    """An extractor that finds nothing passes no INV/DIR case: they are filtered, counted,
    and a capability with nothing judged fails the gate."""
    silent = fake(Path("unused.json"), "--silent")
    r = probe([GOLD], silent, seed=0, timeout=60)
    by_cap = {c["capability"]: c for c in r["capabilities"]}
    assert by_cap["separators"]["tested"] == 0 and by_cap["separators"]["filtered"] > 0
    assert by_cap["separators"]["pass_rate"] is None
    assert by_cap["not figures"]["pass_rate"] == 1.0
    assert len(r["filtered"]) == r["summary"]["filtered"] > 0
    assert "separators" in below(r, 0.5)


# ---------------------------------------------------------------- unusable extractors


@pytest.mark.parametrize(
    ("command", "needle"),
    [
        (
            "sh -c 'echo boom >&2; echo second >&2; exit 4'",
            "exited with code 4; its stderr began: boom | second",
        ),
        ("sh -c 'cat >/dev/null; echo not json'", "output:1"),
        ("sh -c 'cat >/dev/null'", "wrote nothing on stdout"),
        ("sh -c 'head -n 1'", "no line for"),
        ("no-such-extractor-command", "cannot start it"),
        ("sh -c 'unclosed", "cannot split the command"),
    ],
)
def test_unusable_extractor_is_exit_2_naming_the_command(command, needle):
    code, out, err = run_tally("probe", "--extractor", command, str(GOLD))
    assert code == 2, err
    assert needle in err and "--extractor" in err and out == ""
    assert "Traceback" not in err


def test_garbage_line_is_quoted():
    code, _, err = run_tally(
        "probe", "--extractor", "sh -c 'cat >/dev/null; echo \"{oops\"'", str(GOLD)
    )
    assert code == 2 and "the line begins: '{oops'" in err


def test_timeout_stops_the_extractor_and_its_children():
    t0 = time.monotonic()
    code, _, err = run_tally("probe", "--extractor", "sh -c 'sleep 30 & sleep 30'",
                             "--timeout", "1", str(GOLD))  # fmt: skip
    assert code == 2 and "timed out after 1 s" in err
    assert time.monotonic() - t0 < 15


def test_input_without_text_is_exit_2(tmp_path):
    path = tmp_path / "facts.jsonl"
    path.write_text('{"doc_id": "a", "mentions": []}\n', encoding="utf-8")
    code, _, err = run_tally("probe", "--extractor", "cat", str(path))
    assert code == 2 and "no document with text" in err


# ---------------------------------------------------------------- reports


def test_md_report_of_the_fake_matches_golden(answers):
    """Golden file tests/golden/probe.md; regenerate with TALLY_UPDATE_GOLDEN=1."""
    _, path = answers
    r = probe([GOLD], fake(path, "--exact-only"), seed=0, timeout=60)
    r["extractor"] = "python tests/probe/fake_extractor.py answers.json --exact-only"
    r["inputs"] = ["gold"]
    text = report.to_md(r)
    golden = ROOT / "tests" / "golden" / "probe.md"
    if os.environ.get("TALLY_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_real_tally_extract_through_tally_probe_in_every_format(tmp_path):
    """`tally extract -` probed through the command line; the json report renders as text,
    md and html too, and each names every capability."""
    out = tmp_path / "probe.json"
    proc = subprocess.run(
        [sys.executable, "-m", "checks", "probe", "--extractor",
         f"{sys.executable} -m checks extract -", "--format", "json", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "" and "tally probe: probed" in proc.stderr
    r = json.loads(out.read_text(encoding="utf-8"))
    caps = [c["capability"] for c in r["capabilities"]]
    assert {"digits", "cues", "part-whole", "duals", "percentages"} <= set(caps)
    s = r["summary"]
    assert s["passed"] + s["failed"] == s["tested"] and s["tested"] + s["filtered"] == s["cases"]
    assert len(r["failures"]) == s["failed"]
    for fmt, render in report.FORMATS.items():
        text = render(r)
        text = text.decode() if isinstance(text, bytes) else text
        for cap in caps:
            assert cap in text, (fmt, cap)
    html = report.to_html(r)
    assert html.count("<tr data-capability=") == len(caps)
    assert html.strip().endswith("</html>")


def test_reports_escape_what_the_extractor_wrote(answers):
    """A hostile command line or case text cannot break out of markdown, html or a terminal."""
    _, path = answers
    r = probe([GOLD], fake(path, "--exact-only"), seed=0, timeout=60)
    r["extractor"] = "evil <script>alert(1)</script> | `x` \x1b[31m"
    assert "<script>" not in report.to_md(r)
    assert "<script>" not in report.to_html(r)
    assert "\x1b" not in report.to_text(r)


def test_summarize_counts_are_raw_and_rates_derived(answers):
    _, path = answers
    r = probe([GOLD], fake(path, "--exact-only"), seed=0, timeout=60)
    for c in r["capabilities"]:
        assert c["cases"] == c["tested"] + c["filtered"]
        assert c["pass_rate"] == (c["passed"] / c["tested"] if c["tested"] else None)
        assert sum(k["cases"] for k in c["kinds"].values()) == c["cases"]
        assert sum(t["cases"] for t in c["tests"]) == c["cases"]
