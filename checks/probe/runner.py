"""Run an extractor command once over every probe document, and read what it wrote.

The command gets facts JSONL on stdin (one document a line: `doc_id`, `text`, `published`
when known; no mentions) and must write facts JSONL on stdout. It runs in its own process
group, so a timeout stops it and everything it started. A command that fails, times out or
writes output tally cannot read is a `ProbeError` (exit 2) naming the command.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import orjson

from checks.facts import InputError
from checks.notices import Notices
from checks.probe.cases import Reading
from checks.readers.jsonl import read_strict

STDERR_LINES = 5


class ProbeError(InputError):
    """The extractor cannot be probed: the CLI says why and exits 2."""


@dataclass(frozen=True)
class Predicted:
    id: str
    start: int
    end: int
    reading: Reading


@dataclass
class Predictions:
    """One document's QUANTITY mentions and `part_of` pairs (by mention id)."""

    quantities: list[Predicted]
    part_of: set[tuple[str, str]]


@dataclass
class Output:
    """What the extractor wrote: predictions per doc_id, and what reading them set aside
    (its own keys, counted as `tally score` counts them)."""

    documents: dict[str, Predictions]
    notices: Notices


def command_line(command: str) -> list[str]:
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise ProbeError(f"--extractor {command!r}", f"cannot split the command: {exc}") from None
    if not argv:
        raise ProbeError("--extractor", "the command is empty")
    return argv


def run_extractor(command: str, documents: list[dict], timeout: float) -> bytes:
    """The command's stdout for all `documents` at once."""
    argv = command_line(command)
    where = f"--extractor {command!r}"
    payload = b"".join(orjson.dumps(d) + b"\n" for d in documents)
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise ProbeError(where, f"cannot start it: {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise ProbeError(
            where, f"timed out after {timeout:g} s on {len(documents)} documents (see --timeout)"
        ) from None
    finally:
        if proc.poll() is None:
            _stop(proc)
    if proc.returncode != 0:
        raise ProbeError(where, f"exited with code {proc.returncode}; {_stderr(err)}")
    return out


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def _stderr(err: bytes) -> str:
    lines = err.decode("utf-8", "replace").strip().splitlines()
    if not lines:
        return "it wrote nothing on stderr"
    head = " | ".join(lines[:STDERR_LINES])
    more = f" (+{len(lines) - STDERR_LINES} more lines)" if len(lines) > STDERR_LINES else ""
    return f"its stderr began: {head}{more}"


def _number(v: object) -> Fraction | None:
    if v is None or (isinstance(v, float) and v != v):
        return None
    return Fraction(repr(float(v))) if isinstance(v, float) else Fraction(v)


def read_predictions(command: str, out: bytes, sent: list[str]) -> Output:
    """Per doc_id, what the extractor found; every document sent must come back once."""
    where = f"--extractor {command!r}"
    if not out.strip():
        raise ProbeError(where, f"wrote nothing on stdout for {len(sent)} documents")
    name = Path("output")
    try:
        facts = read_strict(name, out)
    except InputError as exc:
        line = _line(out, exc.location)
        raise ProbeError(
            where, f"wrote facts tally cannot read ({exc.location}: {exc.message}){line}"
        ) from None
    units = _units(out)
    got = facts.documents["doc_id"].tolist()
    missing = [d for d in sent if d not in set(got)]
    unknown = [d for d in got if d not in set(sent)]
    if missing or unknown or len(got) != len(set(got)):
        what = (
            f"no line for {len(missing)} documents (first: {missing[0]})"
            if missing
            else f"documents it was not given ({unknown[0]})"
            if unknown
            else "a document more than once"
        )
        raise ProbeError(where, f"wrote {what}; it must write one line per input line")
    result = {d: Predictions([], set()) for d in got}
    m = facts.mentions
    q = m[m["label"] == "QUANTITY"]
    for doc, mid, s, e, v, ql, lo, hi in zip(
        q["doc_id"],
        q["id"],
        q["start"],
        q["end"],
        q["value"],
        q["qualifier"],
        q["low"],
        q["high"],
        strict=True,
    ):
        reading = Reading(
            _number(v), ql or "exact", _number(lo), _number(hi), units.get((doc, mid))
        )
        result[doc].quantities.append(Predicted(mid, int(s), int(e), reading))
    r = facts.relations
    r = r[r["type"] == "part_of"]
    for doc, a, b in zip(r["doc_id"], r["from"], r["to"], strict=True):
        result[doc].part_of.add((a, b))
    return Output(result, facts.notices)


def _units(out: bytes) -> dict[tuple[str, str], str]:
    """`unit` per (doc_id, mention id), read from the raw lines (older readers drop it)."""
    units = {}
    for line in out.splitlines():
        if line.strip():
            doc = orjson.loads(line)
            for m in doc.get("mentions") or []:
                if isinstance(m, dict) and isinstance(m.get("unit"), str):
                    units[(doc["doc_id"], str(m.get("id")))] = m["unit"]
    return units


def _line(out: bytes, location: str) -> str:
    """'; the line begins: …' for a location `output:N`."""
    _, _, n = location.rpartition(":")
    if not n.isdigit():
        return ""
    lines = out.splitlines()
    k = int(n) - 1
    if not 0 <= k < len(lines):
        return ""
    return f"; the line begins: {lines[k][:120].decode('utf-8', 'replace')!r}"
