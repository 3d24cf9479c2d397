"""Rule soundness on generated documents (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUALIFIERS = ["exact", "more_than", "at_least", "about"]


def low_bound(v: int, q: str) -> int:
    """SPEC §3 low bounds for whole v, written independently of checks.intervals."""
    return {"exact": v, "more_than": v + 1, "at_least": v, "about": v * 9 // 10}[q]


@st.composite
def consistent_document(draw):
    """A whole with parts whose low bounds fit under the whole's high bound, written out."""
    n = draw(st.integers(1, 5))
    parts = [(draw(st.integers(0, 5000)), draw(st.sampled_from(QUALIFIERS))) for _ in range(n)]
    low_sum = sum(low_bound(v, q) for v, q in parts)
    slack = draw(st.integers(0, 1000))
    whole_q = draw(st.sampled_from(["exact", "more_than", "at_least", "at_most"]))
    whole_v = low_sum + slack if whole_q in ("exact", "at_most") else draw(st.integers(0, 10**6))
    cue = {
        "exact": "",
        "more_than": "أكثر من ",
        "at_least": "ما لا يقل عن ",
        "about": "نحو ",
        "at_most": "",
    }
    text, mentions = "", []
    for i, (v, q) in enumerate([*parts, (whole_v, whole_q)]):
        text += f"{cue[q]}"
        start = len(text)
        text += str(v)
        mentions.append(
            {
                "id": f"m{i}",
                "start": start,
                "end": len(text),
                "text": str(v),
                "label": "QUANTITY",
                "value": v,
                "qualifier": q,
            }
        )
        text += " شخص، "
    whole = mentions[-1]["id"]
    relations = [{"from": m["id"], "to": whole, "type": "part_of"} for m in mentions[:-1]]
    return {"doc_id": "gen", "text": text, "mentions": mentions, "relations": relations}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(consistent_document())
def test_consistent_documents_raise_no_error(check_docs, doc):
    result = check_docs([doc])
    assert result.errors == 0, result.violations.to_dict("records")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(consistent_document(), st.integers(1, 10**6))
def test_planted_overflow_fires_part_whole_sum_on_exactly_the_planted_mentions(
    check_docs, doc, excess
):
    mentions = doc["mentions"]
    whole = mentions[-1]
    whole["qualifier"] = "exact"
    low_sum = sum(low_bound(m["value"], m["qualifier"]) for m in mentions[:-1])
    # Plant: one more exact part that pushes the parts past the whole.
    planted_value = max(0, whole["value"] - low_sum) + excess
    text = doc["text"] + f"{planted_value} جريح"
    start = len(doc["text"])
    mentions.insert(
        -1,
        {
            "id": "planted",
            "start": start,
            "end": start + len(str(planted_value)),
            "text": str(planted_value),
            "label": "QUANTITY",
            "value": planted_value,
            "qualifier": "exact",
        },
    )
    doc["text"] = text
    doc["relations"].append({"from": "planted", "to": whole["id"], "type": "part_of"})
    result = check_docs([doc])
    v = result.violations
    fired = v[v["rule"] == "part_whole.sum"]
    assert len(fired) == 1
    parts = [r["from"] for r in doc["relations"]]
    assert list(fired.iloc[0]["mentions"]) == [*parts, whole["id"]]
    assert set(v.loc[v["severity"] == "error", "rule"]) == {"part_whole.sum"}


def _decimal_text(x: Fraction) -> str:
    """A finite decimal as an outlet writes it (no exponent, no trailing zeros)."""
    s = f"{x.numerator / x.denominator:.6f}" if x.denominator != 1 else str(x.numerator)
    return s.rstrip("0").rstrip(".") if "." in s else s


@st.composite
def measure_breakdown(draw):
    """Parts in one unit whose exact sum is the whole (a tie: must stay silent), or the
    whole one step below the sum (must fire); decimals of up to three places."""
    unit = draw(st.sampled_from(["km", "hour", "year", "ton"]))
    parts = [Fraction(draw(st.integers(0, 10**6)), 1000) for _ in range(draw(st.integers(1, 5)))]
    over = draw(st.booleans())
    whole = sum(parts) - (Fraction(1, 1000) if over and sum(parts) > 0 else 0)
    text, mentions = "", []
    for i, v in enumerate([*parts, whole]):
        start = len(text)
        said = _decimal_text(v)
        text += said + " وحدة، "
        mentions.append({"id": f"m{i}", "start": start, "end": start + len(said), "text": said,
                         "label": "QUANTITY", "value": float(said), "unit": unit})  # fmt: skip
    relations = [{"from": m["id"], "to": mentions[-1]["id"], "type": "part_of"}
                 for m in mentions[:-1]]  # fmt: skip
    doc = {"doc_id": "gen", "text": text, "mentions": mentions, "relations": relations}
    return doc, over and sum(parts) > 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(measure_breakdown())
def test_measure_sums_are_exact_ties_never_fire(check_docs, case):
    doc, over = case
    v = check_docs([doc]).violations
    assert list(v["rule"]) == (["part_whole.sum"] if over else []), v.to_dict("records")
