"""Mutated real inputs: whatever the bytes, tally exits 0, 1 or 2, never with a traceback;
exit 2 names a location; every Label Studio result item is converted or counted as ignored.

The seeds are the shipped gold export and the same document as facts JSONL. Mutations
delete keys, swap types (lists and dicts where strings or numbers belong), duplicate items,
truncate, re-encode and inject NaN. The CLI runs in-process (`checks.cli.run`), so a few
hundred examples take seconds; set HYPOTHESIS_PROFILE=thorough for thousands.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.readers.load import load
from tests.conftest import run_tally

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "tally-gold.json"
EXPORT: list = json.loads(GOLD.read_text(encoding="utf-8"))

settings.register_profile(
    "thorough", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
EXAMPLES = 3000 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 100
LOCATION = re.compile(r"tally: unusable input: .*(\.jsonl?(:\d+)?|task [^ ]+)")


def facts_lines() -> list[dict]:
    """The gold document as facts JSONL, read through tally's own reader."""
    facts = load([GOLD])
    doc = facts.documents.iloc[0]
    cols = ["id", "start", "end", "text", "label", "value", "qualifier", "low", "high",
            "category", "status", "normalized"]  # fmt: skip
    mentions = [
        {k: v for k, v in m.items() if v is not None and v == v}
        for m in facts.mentions[cols].to_dict("records")
    ]
    relations = facts.relations[["from", "to", "type"]].to_dict("records")
    return [{"doc_id": doc["doc_id"], "text": doc["text"], "published": doc["published"],
             "mentions": mentions, "relations": relations}]  # fmt: skip


FACTS = facts_lines()

ODD_VALUES = st.sampled_from(
    [None, [], {}, ["QUANTITY"], {"a": 1}, "", "x\x1b[31m", -1, 0, 2**70, -(2**70), 1.5e300,
     True, "٣٣٧", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")]
)  # fmt: skip


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:6]):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(doc: Any, data: st.DataObject) -> Any:
    doc = json.loads(json.dumps(doc))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        op = data.draw(st.sampled_from(["delete", "swap", "duplicate"]), label="op")
        if op == "delete":
            del parent[last]
        elif op == "swap":
            # a copy: the sampled [] or {} must not be grown by a later mutation
            parent[last] = json.loads(json.dumps(data.draw(ODD_VALUES, label="value")))
        elif isinstance(parent, list):
            parent.insert(last, json.loads(json.dumps(parent[last])))
        elif isinstance(parent[last], list) and parent[last]:
            parent[last].append(json.loads(json.dumps(parent[last][0])))
    return doc


def _bytes(text: bytes, data: st.DataObject) -> bytes:
    how = data.draw(st.sampled_from(["keep", "keep", "truncate", "cp1256", "latin1", "nan"]))
    if how == "truncate":
        return text[: data.draw(st.integers(0, len(text)))]
    if how in ("cp1256", "latin1"):
        return text.decode("utf-8").encode(how, errors="replace")
    if how == "nan":
        return re.sub(rb'"value": \d+', b'"value": NaN', text, count=1)
    return text


_run = run_tally


def _results(holders: Any) -> list:
    """The result lists of a list of annotations/drafts/predictions, whatever else it holds."""
    if not isinstance(holders, list):
        return []
    return [h.get("result") for h in holders if isinstance(h, dict)]


def _items(export: Any) -> int:
    """Result items in an export, and predictions listed by id only (each one item the
    reader must account for), counted independently of the reader."""
    total = 0
    for task in export:
        predictions = task.get("predictions")
        if isinstance(predictions, list):  # the quick export lists predictions by id
            total += sum(
                (isinstance(p, int) and not isinstance(p, bool))
                or (isinstance(p, str) and bool(p.strip()))
                for p in predictions
            )
        for key in ("annotations", "completions", "predictions", "drafts"):
            holders = task.get(key)
            for result in _results(holders):
                total += len(result) if isinstance(result, list) else 0
            for holder in holders if isinstance(holders, list) else []:
                if isinstance(holder, dict):
                    for result in _results(holder.get("drafts")):
                        total += len(result) if isinstance(result, list) else 0
    return total


def _assert_contract(path: Path, code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        assert LOCATION.search(err), err
    else:
        assert "violations" in orjson.loads(out)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_label_studio_export(tmp_path_factory, data):
    export = _mutate(EXPORT, data)
    raw = _bytes(json.dumps(export, ensure_ascii=False).encode(), data)
    path = tmp_path_factory.mktemp("ls") / "export.json"
    path.write_bytes(raw)
    code, out, err = _run("check", str(path), "--format", "json")
    _assert_contract(path, code, out, err)
    if code != 2:
        facts = load([path])
        parsed = json.loads(raw)
        assert facts.notices.converted + facts.notices.ignored() == _items(parsed)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_facts_jsonl(tmp_path_factory, data):
    lines = _mutate(FACTS * 2, data) if data.draw(st.booleans()) else _mutate(FACTS, data)
    if isinstance(lines, list) and len(lines) == 2 and lines[0] == lines[1]:
        lines = lines[:1]
    body = b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in lines)
    path = tmp_path_factory.mktemp("jl") / "facts.jsonl"
    path.write_bytes(_bytes(body, data))
    code, out, err = _run("check", str(path), "--format", "json")
    _assert_contract(path, code, out, err)
    code, out, err = _run("score", "--gold", str(GOLD), "--pred", str(path), "--format", "json")
    _assert_contract(path, code, out, err)
