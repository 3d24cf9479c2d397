"""Render the news challenge corpus from its readable source into facts JSONL (SPEC §5).

The passages are written by the project in `tests/challenge/src/<split>.txt` (the dev split
continues in `src/dev-b.txt`, by a second author); offsets are never typed by hand. A source
file is a list of documents:

    === <doc_id> | <published YYYY-MM-DD> | <source>
    one or more lines of passage text (joined by one space) with inline markup
    rel <from> <type> <to>                 one relation
    plant <rule> <mention id> ...          a planted inconsistency `tally check` must raise

Inline markup:
- `[[surface|LABEL|key=value|...]]` is a mention; keys are the SPEC attribute names or their
  short forms (`v` value, `q` qualifier, `lo`/`hi` low/high, `c` category, `u` unit,
  `s` status, `n` normalized) and `id`. A mention without `id` is `m<k>` (k-th in the
  document). A QUANTITY without a qualifier is `exact`; a `vague` one without bounds takes
  them from the SPEC §3 table.
- `{{surface|not:kind}}` is a number that is NOT a quantity (a year, a date, a clock time,
  an ordinal, a name or identifier): plain text in the output, counted in the coverage.
- Lines starting with `#` are comments.

`python tests/challenge/build.py` rewrites `tests/challenge/<split>.jsonl` and
`tests/challenge/planted.json` deterministically; `--check` only verifies they are current.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "test")
# A split is rendered from its source files in this order (dev-b.txt, dev-c.txt: a second and
# a third author).
SOURCES = {
    "dev": (
        "dev.txt",
        "dev-b.txt",
        "dev-c.txt",
        "dev-d.txt",
        "dev-e.txt",
        "dev-f.txt",
        "dev-g.txt",
        "dev-h.txt",
        "dev-i.txt",
        "dev-j.txt",
        "dev-k.txt",
        "dev-l.txt",
        "dev-m.txt",
        "dev-n.txt",
        "dev-o.txt",
        "dev-p.txt",
        "dev-q.txt",
        "dev-r.txt",
        "dev-s.txt",
        "dev-t.txt",
        "dev-u.txt",
        "dev-v.txt",
        "dev-w.txt",
        "dev-x.txt",
        "dev-y.txt",
        "dev-z.txt",
        "dev-aa.txt",
        "dev-ac.txt",
        "dev-ab.txt",
        "dev-ad.txt",
        "dev-ae.txt",
        "dev-af.txt",
        "dev-ag.txt",
        "dev-ah.txt",
        "dev-ai.txt",
        "dev-aj.txt",
        "dev-ak.txt",
        "dev-al.txt",
        "dev-am.txt",
        "dev-an.txt",
        "dev-ao.txt",
        "dev-aq.txt",
        "dev-ap.txt",
        "dev-ar.txt",
        "dev-as.txt",
        "dev-aw.txt",
        "dev-av.txt",
        "dev-at.txt",
        "dev-au.txt",
        "dev-ay.txt",
        "dev-az.txt",
        "dev-ba.txt",
        "dev-ax.txt",
        "dev-bb.txt",
        "dev-bc.txt",
        "dev-bd.txt",
        "dev-be.txt",
        "dev-bf.txt",
        "dev-bg.txt",
        "dev-bh.txt",
        "dev-bi.txt",
        "dev-bj.txt",
        "dev-bk.txt",
        "dev-bl.txt",
        "dev-bm.txt",
        "dev-bn.txt",
        "dev-bo.txt",
        "dev-bp.txt",
        "dev-bq.txt",
        "dev-br.txt",
        "dev-bs.txt",
        "dev-bt.txt",
        "dev-bu.txt",
        "dev-bv.txt",
        "dev-bw.txt",
        "dev-bx.txt",
        "dev-by.txt",
        "dev-bz.txt",
        "dev-ca.txt",
        "dev-cb.txt",
        "dev-cc.txt",
        "dev-cd.txt",
        "dev-ce.txt",
        "dev-cf.txt",
        "dev-cg.txt",
        "dev-ch.txt",
        "dev-ci.txt",
        "dev-cj.txt",
    ),
    "test": ("test.txt",),
}
EXTRACTOR = "gold@challenge"
LABELS = {"QUANTITY", "PERSON", "ORG", "LOC", "DATE", "EVENT"}
RELATIONS = {"part_of", "member_of", "reported_by", "same_as", "date_of"}
QUALIFIERS = {"exact", "more_than", "at_least", "less_than", "at_most", "about", "range", "vague"}
KEYS = {"v": "value", "q": "qualifier", "lo": "low", "hi": "high", "c": "category",
        "u": "unit", "s": "status", "n": "normalized"}  # fmt: skip
NUMERIC = {"value", "low", "high"}
MARKUP = re.compile(
    r"\[\[(?P<m>[^\]|]+)\|(?P<attrs>[^\]]+)\]\]"  # [[surface|LABEL|key=value...]]
    r"|\{\{(?P<n>[^}|]+)\|not:(?P<k>[a-z_]+)\}\}"  # {{surface|not:kind}}
)
DOC_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")

# SPEC §3: vague words and their bounds; a following scale word multiplies (high: up to the
# next whole scale, so `عشرات الآلاف` is [30000, 99999]).
VAGUE = {"بضعة": (3, 9), "بضع": (3, 9), "عدة": (3, 9), "عشرات": (30, 99), "العشرات": (30, 99),
         "مئات": (300, 999), "المئات": (300, 999), "آلاف": (3000, 999999),
         "الآلاف": (3000, 999999), "ملايين": (3000000, 999999999),
         "الملايين": (3000000, 999999999)}  # fmt: skip
SCALE = {"آلاف": 1000, "الآلاف": 1000, "ألف": 1000, "ملايين": 10**6, "الملايين": 10**6,
         "مليون": 10**6}  # fmt: skip


class SourceError(Exception):
    """A malformed source: names file and line."""


def vague_bounds(surface: str) -> tuple[int, int]:
    words = surface.split()
    if len(words) == 1 and words[0] in VAGUE:
        return VAGUE[words[0]]
    if len(words) == 2 and words[0] in VAGUE and words[1] in SCALE:
        low, high = VAGUE[words[0]]
        if high >= 1000:  # «آلاف الملايين» and the like are not in the table
            raise ValueError(surface)
        scale = SCALE[words[1]]
        return low * scale, (high + 1) * scale - 1
    raise ValueError(surface)


def number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def mention(surface: str, attrs: str, index: int, start: int, where: str) -> dict:
    label, *pairs = attrs.split("|")
    if label not in LABELS:
        raise SourceError(f"{where}: unknown label {label!r}")
    m: dict = {"id": f"m{index}", "start": start, "end": start + len(surface),
               "text": surface, "label": label}  # fmt: skip
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SourceError(f"{where}: attribute without '=': {pair!r}")
        key = KEYS.get(key, key)
        m[key] = number(value) if key in NUMERIC else value
    if label == "QUANTITY":
        m.setdefault("qualifier", "exact")
        if m["qualifier"] not in QUALIFIERS:
            raise SourceError(f"{where}: unknown qualifier {m['qualifier']!r}")
        if m["qualifier"] == "vague" and "low" not in m:
            try:
                m["low"], m["high"] = vague_bounds(surface)
            except ValueError:
                raise SourceError(f"{where}: {surface!r} is not in the vague table") from None
        if m["qualifier"] in ("range", "vague") and ("low" not in m or "high" not in m):
            raise SourceError(f"{where}: {surface!r} needs low and high")
        if m["qualifier"] not in ("range", "vague") and "value" not in m:
            raise SourceError(f"{where}: {surface!r} needs a value")
        if "category" not in m:
            raise SourceError(f"{where}: {surface!r} needs a category")
    if label == "DATE" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.get("normalized", "")):
        raise SourceError(f"{where}: DATE {surface!r} needs normalized=YYYY-MM-DD")
    return m


def render(body: str, where: str) -> tuple[str, list[dict], list[dict]]:
    """Text, mentions and not-quantities of one passage."""
    out: list[str] = []
    mentions: list[dict] = []
    nots: list[dict] = []
    pos = last = 0
    for match in MARKUP.finditer(body):
        out.append(body[last : match.start()])
        pos += match.start() - last
        if match["m"] is not None:
            mentions.append(mention(match["m"], match["attrs"], len(mentions) + 1, pos, where))
            surface = match["m"]
        else:
            surface = match["n"]
            nots.append({"text": surface, "kind": match["k"], "start": pos})
        out.append(surface)
        pos += len(surface)
        last = match.end()
    rest = body[last:]
    if "[[" in rest or "]]" in rest or "{{" in rest or "}}" in rest:
        raise SourceError(f"{where}: unbalanced markup in {rest!r}")
    out.append(rest)
    return "".join(out), mentions, nots


def parse(path: Path) -> tuple[list[dict], dict[str, list[dict]], dict[str, list[dict]]]:
    """Documents (facts JSONL rows), planted violations and not-quantities per doc_id."""
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("==="):
            blocks.append((n, [(n, line[3:].strip())]))
        elif not blocks:
            raise SourceError(f"{path}:{n}: text before the first '===' header")
        else:
            blocks[-1][1].append((n, line))
    docs, planted, nots = [], {}, {}
    for n, lines in blocks:
        head = [h.strip() for h in lines[0][1].split("|")]
        if len(head) != 3 or not DOC_ID.fullmatch(head[0]):
            raise SourceError(f"{path}:{n}: header must be 'doc_id | published | source'")
        doc_id, published, source = head
        dt.date.fromisoformat(published)
        if doc_id in planted:
            raise SourceError(f"{path}:{n}: duplicate doc_id {doc_id}")
        text_lines, relations, plants = [], [], []
        for ln, line in lines[1:]:
            word = line.split(maxsplit=1)[0]
            if word == "rel":
                parts = line.split()
                if len(parts) != 4 or parts[2] not in RELATIONS:
                    raise SourceError(f"{path}:{ln}: 'rel <from> <type> <to>'")
                relations.append({"from": parts[1], "to": parts[3], "type": parts[2]})
            elif word == "plant":
                _, rule, *ids = line.split()
                plants.append({"rule": rule, "mentions": ids})
            else:
                text_lines.append(line)
        text, mentions, not_q = render(" ".join(text_lines), f"{path}:{n} ({doc_id})")
        ids = [m["id"] for m in mentions]
        if len(set(ids)) != len(ids):
            raise SourceError(f"{path}:{n}: duplicate mention ids in {doc_id}")
        for ref in [r[k] for r in relations for k in ("from", "to")] + [
            i for p in plants for i in p["mentions"]
        ]:
            if ref not in ids:
                raise SourceError(f"{path}:{n}: {doc_id} names a missing mention {ref!r}")
        docs.append({"doc_id": doc_id, "text": text, "published": published, "source": source,
                     "lang": "ar", "extractor": EXTRACTOR, "mentions": mentions,
                     "relations": relations})  # fmt: skip
        planted[doc_id] = plants
        nots[doc_id] = not_q
    return docs, planted, nots


def parse_split(split: str) -> tuple[list[dict], dict[str, list[dict]], dict[str, list[dict]]]:
    """A split's documents, planted violations and not-quantities, from all its sources."""
    docs: list[dict] = []
    planted: dict[str, list[dict]] = {}
    nots: dict[str, list[dict]] = {}
    for name in SOURCES[split]:
        src = HERE / "src" / name
        if not src.exists():
            continue
        d, p, n = parse(src)
        again = planted.keys() & p.keys()
        if again:
            raise SourceError(f"{src}: doc_id already in split {split}: {sorted(again)}")
        docs += d
        planted.update(p)
        nots.update(n)
    return docs, planted, nots


def outputs() -> dict[Path, str]:
    """Every file the build writes, with its content."""
    files: dict[Path, str] = {}
    planted_all: dict[str, list[dict]] = {}
    for split in SPLITS:
        docs, planted, _ = parse_split(split)
        if not docs:
            continue
        files[HERE / f"{split}.jsonl"] = "".join(
            json.dumps(d, ensure_ascii=False) + "\n" for d in docs
        )
        overlap = planted_all.keys() & planted.keys()
        if overlap:
            raise SourceError(f"doc_id in two splits: {sorted(overlap)}")
        planted_all.update({k: v for k, v in planted.items() if v})
    files[HERE / "planted.json"] = (
        json.dumps(dict(sorted(planted_all.items())), ensure_ascii=False, indent=1) + "\n"
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when outputs are stale")
    args = parser.parse_args(argv)
    try:
        files = outputs()
    except (SourceError, ValueError) as e:
        print(f"build: {e}", file=sys.stderr)
        return 2
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(HERE)}", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
