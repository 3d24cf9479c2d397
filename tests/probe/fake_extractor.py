"""A fake extractor for tests/test_probe.py: for each document read on stdin (facts JSONL),
it writes the facts an answers file holds for its doc_id. `--exact-only` turns every cue's
qualifier into `exact`, breaking the cue capability and nothing else; `--silent` finds
nothing at all; `--score` adds a key of its own to each mention."""

import json
import sys

CUED = {"more_than", "about", "at_least", "less_than", "at_most"}

answers_path, *flags = sys.argv[1:]
answers = {}
if "--silent" not in flags:
    with open(answers_path, encoding="utf-8") as f:
        answers = json.load(f)
for line in sys.stdin:
    if not line.strip():
        continue
    doc = json.loads(line)
    answer = answers.get(doc["doc_id"], {"mentions": [], "relations": []})
    mentions = []
    for m in answer["mentions"]:
        m = dict(m, text=doc["text"][m["start"] : m["end"]], label="QUANTITY")
        if "--exact-only" in flags and m.get("qualifier") in CUED:
            m["qualifier"] = "exact"
        if "--score" in flags:
            m["score"] = 0.9
        mentions.append(m)
    record = {
        "doc_id": doc["doc_id"],
        "text": doc["text"],
        "mentions": mentions,
        "relations": answer["relations"],
    }
    print(json.dumps(record, ensure_ascii=False))
