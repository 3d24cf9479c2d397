"""The Label Studio labeling config, generated from `checks.schema` (SPEC §2).

Label Studio 1.23 renders `<Text>` as `.lsf-richtext__container` > `.lsf-richtext__line`
spans styled with its own 16 px sans font and a 20 px line height, so a style on a
wrapping `<View>` does not reach the words. A `<Style>` block therefore targets those
classes inside our own `tally-text` view: a Naskh font at 22 px, right-to-left, and a line
height of 3.2 so the relation arrows and their labels, drawn above the regions, run in the
gap between lines instead of over the words. Label Studio draws each relation label 15 px
above the higher region with a 20 px chip, and a Naskh region box is ~40 px tall, so the
line pitch must leave ~25 px: at 2.4 ten of the seed's 23 relation labels covered a
labeled word, at 3.2 none do (measured in the browser test).

The page is two columns: the article on the left in the page's own scroll, and a sticky
side column with the span labels and the per-region attributes of the selected region, so
an annotator never scrolls past the 3,400-character article to fill in a value. Each
attribute is shown only when a region of its label is selected.
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
# Unquoted family names: Label Studio escapes quotes in a <Style> block.
FONT = "Noto Naskh Arabic, Amiri, Scheherazade New, DejaVu Sans, serif"
FONT_SIZE_PX = 22
LINE_HEIGHT = 3.2
TEXT_STYLE = "direction: rtl; text-align: right; unicode-bidi: plaintext;"
# Class names as Label Studio 1.23 renders them (checked by tests/test_browser_labeling.py).
STYLE = f"""
.tally-text .lsf-richtext__container,
.tally-text .lsf-richtext__container * {{
  /* !important: the data manager sets `.lsf-datamanager * {{ font-family: ... !important }}` */
  font-family: {FONT} !important;
}}
.tally-text .lsf-richtext__container,
.tally-text .lsf-richtext__line {{
  font-size: {FONT_SIZE_PX}px;
  line-height: {LINE_HEIGHT};
  direction: rtl;
  text-align: right;
  unicode-bidi: plaintext;
}}
.tally-text .lsf-richtext__container {{ padding: 1.2em 0.5em 0.5em 0.5em; }}
.tally-text .htx-highlight {{ border-radius: 3px; }}
.tally-page {{ display: flex; align-items: flex-start; gap: 16px; }}
.tally-text {{ flex: 1 1 auto; min-width: 0; }}
.tally-side {{
  flex: 0 0 260px; position: sticky; top: 0; z-index: 101;
  max-height: 100vh; overflow-y: auto;
  background: var(--color-neutral-background, #fff);
  border-left: 1px solid var(--color-neutral-border, #ddd); padding: 0 0 8px 12px;
}}
.tally-side .lsf-choices_layout_inline {{ flex-wrap: wrap; }}
"""


# SPEC §2's common units, offered in the `unit` box's placeholder. The unit stays free text
# (any snake_case unit, e.g. another ISO 4217 currency), so it is not a closed Choices list;
# left blank, the QUANTITY is a count, which is what most news figures are.
COMMON_UNITS = (
    "percent",
    "per_mille",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "km",
    "m",
    "km2",
    "hectare",
    "ton",
    "kg",
    "magnitude",
    "degree_c",
    "usd",
    "eur",
    "syp",
)
PLACEHOLDERS = {"unit": "blank for a count; or " + ", ".join(COMMON_UNITS)}


def _control(attr: Attribute) -> str:
    common = f'name="{attr.name}" toName="{LS_TEXT}" perRegion="true"'
    hint = PLACEHOLDERS.get(attr.name, attr.hint)
    if attr.kind == "number":
        return f'<Number {common} min="0" step="any" placeholder={quoteattr(attr.hint)}/>'
    if attr.kind == "choice":
        choices = "".join(f'<Choice value="{c}"/>' for c in attr.choices)
        return f'<Choices {common} choice="single" showInline="true">{choices}</Choices>'
    return (
        f'<TextArea {common} maxSubmissions="1" editable="true" rows="1" '
        f"placeholder={quoteattr(hint)}/>"
    )


def labeling_config() -> str:
    labels = "".join(
        f'\n        <Label value="{lbl}" background="{COLORS[lbl]}"/>' for lbl in LABELS
    )
    relations = "".join(f'\n    <Relation value="{r}"/>' for r in RELATIONS)
    panels = []
    for label in LABELS:
        attrs = [a for a in ATTRIBUTES if label in a.labels]
        if not attrs:
            continue
        rows = "".join(
            f'\n        <Header value="{a.name}" size="6"/>\n        {_control(a)}' for a in attrs
        )
        panels.append(
            f'\n      <View visibleWhen="region-selected" whenTagName="{LS_LABELS}" '
            f'whenLabelValue="{label}">{rows}\n      </View>'
        )
    return f"""<View>
  <Style>{STYLE}</Style>
  <Relations name="{LS_RELATIONS}">{relations}
  </Relations>
  <View className="tally-page">
    <View className="tally-text" style="{TEXT_STYLE}">
      <Text name="{LS_TEXT}" value="$text" granularity="symbol"/>
    </View>
    <View className="tally-side">
      <Labels name="{LS_LABELS}" toName="{LS_TEXT}">{labels}
      </Labels>{"".join(panels)}
    </View>
  </View>
</View>"""
