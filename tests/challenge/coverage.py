"""Census of the forms the challenge corpus covers, per split, read off the rendered gold.

    python tests/challenge/coverage.py            # a Markdown table: form, dev, test

Each form is a predicate over one QUANTITY mention (its span, the text around it, its
attributes), over a relation, or over the not-a-quantity markers of the source. It is a
census for the documentation and for `tests/test_challenge.py` (every form occurs at least
twice in each split), not a rule: the patterns are deliberately plain.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.challenge.build import SPLITS, parse_split  # noqa: E402

WESTERN, INDIC, PERSIAN = re.compile(r"[0-9]"), re.compile(r"[٠-٩]"), re.compile(r"[۰-۹]")
SCALE = re.compile(r"(ألف|آلاف|ألفا|مليون|ملايين|مليونا|مليار|مليارات|تريليون)$")
VAGUE_WORDS = ("عدة", "بضعة", "بضع", "عشرات", "العشرات", "مئات", "المئات", "آلاف", "الآلاف",
               "ملايين", "الملايين")  # fmt: skip
CUES_BEFORE = ("أكثر من", "ما يزيد على", "ما يزيد عن", "يزيد على", "تجاوز", "تخطى", "يفوق",
               "نحو", "حوالي", "قرابة", "ما يقرب من", "ما يقارب", "يقارب", "ما لا يقل عن",
               "أقل من", "لا يتجاوز", "لا تزيد على", "لا يزيد على")  # fmt: skip
CUES_AFTER = ("تقريبا", "على الأقل", "على الأكثر")
PREFIXED_CUE = re.compile(r"(^|\s)[وفبل](أكثر من|نحو|حوالي|قرابة)\s$")
CLITIC = re.compile(r"(^|\s)(و|ف|ب|ل|ك|بـ|لـ|وب|ول)$")
PERCENT = re.compile(r"(%|٪|بالمائة|بالمئة|في المئة|في المائة)$")


def _before(text: str, start: int) -> str:
    return text[max(0, start - 20) : start]


def _after_words(text: str, end: int, n: int) -> str:
    """The next n words, without the punctuation that closes a clause (`على الأقل،`)."""
    return " ".join(text[end:].split()[:n]).rstrip("،,.؛;:")


def quantity_forms(text: str, m: dict) -> list[str]:
    span, start, end = m["text"], m["start"], m["end"]
    digits = bool(re.search(r"[0-9٠-٩۰-۹]", span))
    forms = []
    if WESTERN.search(span):
        forms.append("Western digits")
    if INDIC.search(span):
        forms.append("Arabic-Indic digits")
    if PERSIAN.search(span):
        forms.append("Persian digits")
    if re.search(r"[0-9٠-٩۰-۹][,٬][0-9٠-٩۰-۹]{3}", span):
        forms.append("thousands separator , or ٬")
    if re.fullmatch(r"[0-9]+\.[0-9]{3}", span):
        forms.append("ambiguous 12.400 style")
    if re.search(r"[0-9]\.[0-9]{3} ", span) and SCALE.search(span):
        forms.append("15.700 ألف style (decimal before a scale word)")
    if re.search(r"[0-9٠-٩۰-۹][,٫][0-9٠-٩۰-۹]{1,2}$", span) or re.search(r"\d\.\d{1,2}$", span):
        forms.append("decimal (7.7, 7,8, ٦٫٨)")
    if re.search(r"[0-9]ر[0-9]", span):
        forms.append("press form 2ر1")
    if digits and re.search(r" (ألف|آلاف|ألفا|مليون|ملايين|مليونا|مليار|مليارات|تريليون)", span):
        forms.append("digits + scale word")
    if " و" in span and m["qualifier"] != "range":
        forms.append("و-joined tail")
    if not digits and m["qualifier"] not in ("vague", "range") and m.get("value") != 2:
        forms.append("number words")
    if CLITIC.search(_before(text, start)):
        forms.append("clitic attached before the span")
    if any(_before(text, start).endswith(c + " ") for c in CUES_BEFORE):
        forms.append("cue before the span")
    if PREFIXED_CUE.search(_before(text, start)):
        forms.append("cue with a و/ب/ل prefix")
    if any(_after_words(text, end, k).endswith(c) for c in CUES_AFTER for k in (1, 2, 3)):
        forms.append("cue after the span")
    if m["qualifier"] == "vague":
        forms.append("vague word")
    if span.split()[0] in VAGUE_WORDS and len(span.split()) == 2:
        forms.append("vague word + scale (عشرات الآلاف)")
    if m["qualifier"] == "range":
        forms.append("range")
    if not digits and m.get("value") in (2, 2000, 2000000) and len(span.split()) == 1:
        forms.append("counted dual")
        if span.endswith("ي") or span.endswith("ا"):
            forms.append("construct dual (بلدتي, ريفي, ألفا)")
    if re.match(r"ال\S+ وال", span):
        forms.append("definite compound (الثماني والأربعين)")
    if m.get("unit") == "percent":
        forms.append("percentage")
        if PERCENT.search(span) is None:
            forms.append("percentage without a percent word (!)")
    elif m.get("unit"):
        forms.append("measure: " + ("money" if m["unit"] in MONEY else m["unit"]))
    q = m["qualifier"]
    forms.append(f"qualifier {q}")
    return forms


MONEY = {"usd", "eur", "syp", "egp", "jod", "iqd", "mad", "sar", "lbp", "omr", "tnd", "kwd",
         "qar", "aed", "bhd", "dzd", "yer", "sdg"}  # fmt: skip


def census(split: str) -> Counter:
    docs, planted, nots = parse_split(split)
    c: Counter = Counter()
    c["passages"] = len(docs)
    for d in docs:
        text = d["text"]
        kinds = {m["id"]: m["label"] for m in d["mentions"]}
        for m in d["mentions"]:
            c[f"mention {m['label']}"] += 1
            if m["label"] == "QUANTITY":
                c.update(quantity_forms(text, m))
            if m["label"] == "DATE" and re.search(
                r"(الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)", m["text"]
            ):
                c["DATE with a weekday"] += 1
            if m["label"] == "EVENT":
                c[f"EVENT {m['status']}"] += 1
        for r in d["relations"]:
            c[f"relation {r['type']}"] += 1
            if r["type"] == "part_of" and any(
                m["id"] == r["from"] and m.get("unit") == "percent" for m in d["mentions"]
            ):
                c["part_of: percent share of a count"] += 1
            if r["type"] == "member_of" and kinds[r["from"]] == "LOC":
                c["member_of: LOC in a counted dual/plural"] += 1
        for n in nots[d["doc_id"]]:
            c[f"not a quantity: {n['kind']}"] += 1
        if any(r["type"] == "part_of" for r in d["relations"]):
            c["passages with part_of"] += 1
        for p in planted[d["doc_id"]]:
            c[f"planted {p['rule']}"] += 1
        if planted[d["doc_id"]]:
            c["planted passages"] += 1
    return c


def table() -> str:
    counts = {s: census(s) for s in SPLITS}
    keys = sorted(set().union(*counts.values()), key=lambda k: (k.split()[0], k))
    head = ["passages"] + [k for k in keys if k != "passages"]
    lines = ["| form | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    lines += [f"| {k} | " + " | ".join(str(counts[s][k]) for s in SPLITS) + " |" for k in head]
    return "\n".join(lines)


if __name__ == "__main__":
    if "--json" in sys.argv:
        print(json.dumps({s: census(s) for s in SPLITS}, ensure_ascii=False, indent=1))
    else:
        print(table())
