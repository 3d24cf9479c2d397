"""The Label Studio labeling config, generated from `checks.schema` (SPEC §2).

Arabic is shown right-to-left: `<Text>` has no direction attribute, so it is wrapped in a
`<View style="direction: rtl">` with a Naskh font and a line height that leaves room for
diacritics. Each per-region attribute is shown only when a region of its label is selected.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from checks.schema import (
    ATTRIBUTES,
    LABELS,
    LS_LABELS,
    LS_RELATIONS,
    LS_TEXT,
    RELATIONS,
    Attribute,
)

COLORS = {
    "QUANTITY": "#e6550d",
    "PERSON": "#3182bd",
    "ORG": "#31a354",
    "LOC": "#756bb1",
    "DATE": "#c51b8a",
    "EVENT": "#636363",
}
TEXT_STYLE = (
    "direction: rtl; text-align: right; unicode-bidi: plaintext; "
    "font-family: 'Noto Naskh Arabic', 'Amiri', 'Scheherazade New', 'DejaVu Sans', serif; "
    "font-size: 20px; line-height: 2.3;"
)


def _control(attr: Attribute) -> str:
    common = f'name="{attr.name}" toName="{LS_TEXT}" perRegion="true"'
    if attr.kind == "number":
        return f'<Number {common} min="0" step="any" placeholder={quoteattr(attr.hint)}/>'
    if attr.kind == "choice":
        choices = "".join(f'<Choice value="{c}"/>' for c in attr.choices)
        return f'<Choices {common} choice="single" showInline="true">{choices}</Choices>'
    return (
        f'<TextArea {common} maxSubmissions="1" editable="true" rows="1" '
        f"placeholder={quoteattr(attr.hint)}/>"
    )


def labeling_config() -> str:
    labels = "\n    ".join(f'<Label value="{lbl}" background="{COLORS[lbl]}"/>' for lbl in LABELS)
    relations = "\n    ".join(f'<Relation value="{r}"/>' for r in RELATIONS)
    panels = []
    for label in LABELS:
        attrs = [a for a in ATTRIBUTES if label in a.labels]
        if not attrs:
            continue
        rows = "\n      ".join(
            f'<Header value="{a.name}" size="6"/>\n      {_control(a)}' for a in attrs
        )
        panels.append(
            f'  <View visibleWhen="region-selected" whenTagName="{LS_LABELS}" '
            f'whenLabelValue="{label}">\n      {rows}\n  </View>'
        )
    return f"""<View>
  <Labels name="{LS_LABELS}" toName="{LS_TEXT}">
    {labels}
  </Labels>
  <Relations name="{LS_RELATIONS}">
    {relations}
  </Relations>
  <View style="{TEXT_STYLE}">
    <Text name="{LS_TEXT}" value="$text" granularity="symbol"/>
  </View>
{chr(10).join(panels)}
</View>"""
