"""GitHub Actions output: workflow-command annotations and the job summary.

An annotation is one line on stdout, `::error file=F,line=L,title=T::message`, shown by
GitHub on the file and line. The facts tables know where each document came from
(`origin`: `path:line` for facts JSONL, `path task 7` for a Label Studio export), so each
annotation points at the offending document's line. Data is escaped as the runner reads it
(`%`, CR, LF everywhere; `:` and `,` also in properties), so no value can end the command
early or start another one (`\n::add-mask::`), and terminal controls are shown, not sent.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from checks.report.inert import as_text, terminal_series

_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")
_TASK = re.compile(r"^(?P<file>.+?) (?P<where>task .+)$")


def escape_data(s: pd.Series) -> pd.Series:
    """The message part of a workflow command."""
    s = as_text(s)
    for a, b in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
        s = s.str.replace(a, b, regex=False)
    return s


def escape_property(s: pd.Series) -> pd.Series:
    """A property value (file, title): also `:` and `,`, which separate properties."""
    s = escape_data(s)
    for a, b in ((":", "%3A"), (",", "%2C")):
        s = s.str.replace(a, b, regex=False)
    return s


def locations(origins: pd.Series, root: Path | None = None) -> pd.DataFrame:
    """file (relative to `root`, default the working directory, when inside it), line
    (empty when the origin has none) and the rest of the origin (`task 7`), vectorized."""
    o = as_text(origins.fillna(""))
    by_line = o.str.extract(_LINE)
    by_task = o.str.extract(_TASK)
    file = by_line["file"].fillna(by_task["file"]).fillna(o)
    line = by_line["line"].fillna("")
    where = by_task["where"].where(by_line["file"].isna(), None).fillna("")
    base = str((root or Path.cwd()).resolve()) + os.sep
    absolute = file.map(os.path.abspath, na_action="ignore")
    inside = absolute.str.startswith(base)
    file = file.where(~inside, absolute.str.slice(len(base)))
    return pd.DataFrame({"file": file, "line": line, "where": where})


def annotations(level: pd.Series, origin: pd.Series, title: pd.Series, message: pd.Series) -> str:
    """One `::level file=…,line=…,title=…::message` line per row (no line when unknown)."""
    if len(level) == 0:
        return ""
    loc = locations(origin.reset_index(drop=True))
    title = title.reset_index(drop=True)
    message = message.reset_index(drop=True)
    props = "file=" + escape_property(loc["file"])
    props = props + pd.Series(np.where(loc["line"] != "", ",line=" + loc["line"], ""))
    title = title.where(loc["where"] == "", title + " (" + loc["where"] + ")")
    props = props + ",title=" + escape_property(terminal_series(title))
    props = props.where(loc["file"] != "", "title=" + escape_property(terminal_series(title)))
    lines = (
        "::" + level.reset_index(drop=True) + " " + props + "::"
        + escape_data(terminal_series(message))
    )  # fmt: skip
    return "\n".join(lines) + "\n"


def append_step_summary(markdown: str) -> Path | None:
    """Append to the file GitHub names in $GITHUB_STEP_SUMMARY (the job summary page), if
    set; returns that path. Outside Actions the variable is unset and nothing is written."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as f:
        f.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return path
