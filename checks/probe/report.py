"""`tally probe` output: text, json, md (pull-request comment) and html, as `tally score`
writes them. Every count is a raw number; rates are derived from them; every failing count
lists its case ids."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checks.probe.cases import KINDS
from checks.report.inert import dumps_json, html_clean, md, terminal

TEMPLATES = Path(__file__).resolve().parent.parent / "report" / "templates"
EXAMPLES = 3  # failing examples shown per test (the json report has them all)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _ratio(c: dict) -> str:
    """`7/11 (63.6%)`: passed of judged, then the rate; `—` when no case was judged."""
    if not c["cases"]:
        return "—"
    return f"{c['passed']}/{c['tested']} ({_pct(c['pass_rate'])})"


def _headline(report: dict) -> str:
    s = report["summary"]
    docs = report["documents"]
    return (
        f"{s['passed']} of {s['tested']} judged cases pass ({_pct(s['pass_rate'])}), "
        f"{s['failed']} fail; {s['filtered']} of {s['cases']} cases filtered (not judged: the "
        f"extractor's reading of the original gives nothing to compare); from {docs} "
        f"document{'s' * (docs != 1)} with {report['gold_figures']} gold figures and the "
        f"templates, seed {report['seed']}"
    )


def _by_test(report: dict) -> dict[tuple[str, str, str], list[dict]]:
    out: dict[tuple[str, str, str], list[dict]] = {}
    for f in report["failures"]:
        out.setdefault((f["capability"], f["kind"], f["test"]), []).append(f)
    return out


def to_json(report: dict) -> bytes:
    return dumps_json(report)


def to_text(report: dict) -> str:
    t = terminal
    lines = [
        f"tally probe: {t(report['extractor'])}",
        _headline(report),
        "",
        f"{'capability':<15}{'cases':>6}{'tested':>7}{'filt':>6}{'pass':>6}{'fail':>6}"
        f"{'rate':>8}  " + "  ".join(f"{k:<17}" for k in KINDS),
    ]
    for c in report["capabilities"]:
        kinds = "  ".join(f"{_ratio(c['kinds'][k]) if k in c['kinds'] else '—':<17}" for k in KINDS)
        lines.append(
            f"{t(c['capability']):<15}{c['cases']:>6}{c['tested']:>7}{c['filtered']:>6}"
            f"{c['passed']:>6}{c['failed']:>6}{_pct(c['pass_rate']):>8}  {kinds}"
        )
    k = report["kinds"]
    lines.append("by kind: " + ", ".join(f"{name} {_ratio(k[name])}" for name in KINDS))
    lines += ["", "tests:"]
    for c in report["capabilities"]:
        for x in c["tests"]:
            lines.append(
                f"  {t(c['capability'])} · {x['kind']} {t(x['test'])}: {_ratio(x)}"
                + (f", {x['filtered']} filtered" if x["filtered"] else "")
            )
    failing = _by_test(report)
    if failing:
        lines += ["", "failing examples (expected → got):"]
    for (cap, kind, test), fs in failing.items():
        lines.append(
            f"  {t(cap)} · {kind} {t(test)}: {len(fs)} failing: "
            + ", ".join(t(f["id"]) for f in fs)
        )
        for f in fs[:EXAMPLES]:
            lines.append(f"    {t(f['id'])}  …{t(f['before'])}[{t(f['figure'])}]{t(f['after'])}…")
            lines.append(f"      {t(f['change'])}: expected {t(f['expected'])} → got {t(f['got'])}")
    return "\n".join(lines) + "\n"


def to_md(report: dict) -> str:
    lines = [
        "### tally probe",
        "",
        f"`{md(report['extractor'])}`: {md(_headline(report))}.",
        "",
        "| capability | cases | filtered | passed | failed | pass rate | MFT | INV | DIR |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in report["capabilities"]:
        kinds = " | ".join(_ratio(c["kinds"][k]) if k in c["kinds"] else "—" for k in KINDS)
        lines.append(
            f"| {md(c['capability'])} | {c['cases']} | {c['filtered']} | {c['passed']} "
            f"| {c['failed']} | {_pct(c['pass_rate'])} | {kinds} |"
        )
    s, k = report["summary"], report["kinds"]
    kinds = " | ".join(_ratio(k[name]) for name in KINDS)
    lines.append(
        f"| **all** | {s['cases']} | {s['filtered']} | {s['passed']} | {s['failed']} "
        f"| {_pct(s['pass_rate'])} | {kinds} |"
    )
    lines += [
        "",
        "<details><summary>tests</summary>",
        "",
        "| capability | kind | test | cases | filtered | passed | failed | pass rate |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for c in report["capabilities"]:
        for x in c["tests"]:
            lines.append(
                f"| {md(c['capability'])} | {x['kind']} | {md(x['test'])} | {x['cases']} "
                f"| {x['filtered']} | {x['passed']} | {x['failed']} "
                f"| {_pct(x['pass_rate'])} |"
            )
    lines += ["", "</details>"]
    failing = _by_test(report)
    if failing:
        lines += ["", "#### Failing examples", ""]
    for (cap, kind, test), fs in failing.items():
        lines += [
            f"<details><summary>{md(cap)} · {kind} {md(test)}: {len(fs)} failing</summary>",
            "",
        ]
        for f in fs[:EXAMPLES]:
            lines.append(
                f"- {md(f['id'])}: …{md(f['before'])}**{md(f['figure'])}**"
                f"{md(f['after'])}… ({md(f['change'])}): expected {md(f['expected'])}; "
                f"got {md(f['got'])}"
            )
        if len(fs) > EXAMPLES:
            lines.append(f"- all {len(fs)}: " + ", ".join(md(f["id"]) for f in fs))
        lines += ["", "</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _finalize(value: object) -> object:
    return value if isinstance(value, Markup) else html_clean(value)


def to_html(report: dict) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        finalize=_finalize,
    )
    env.filters["pct"] = _pct
    env.filters["ratio"] = _ratio
    return env.get_template("probe.html.j2").render(
        report=report, kinds=KINDS, headline=_headline(report), failing=_by_test(report)
    )


def verdict_line(report: dict, below: list[str], fail_under: float | None, out: object) -> str:
    """The one line on stderr when the report went to a file (or the gate failed)."""
    state = (
        f"below {_pct(fail_under)}: {', '.join(below)}"
        if below
        else "probed"
        if fail_under is None
        else f"every capability at or above {_pct(fail_under)}"
    )
    s = report["summary"]
    where = f" → {terminal(out)}" if out is not None else ""
    return (
        f"tally probe: {state} ({s['passed']}/{s['tested']} judged cases pass, "
        f"{s['filtered']} filtered){where}"
    )


FORMATS = {"text": to_text, "json": to_json, "md": to_md, "html": to_html}
