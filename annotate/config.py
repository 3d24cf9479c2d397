"""The Label Studio labeling config, generated from `checks.schema` (SPEC §2).

Label Studio 1.23 renders `<Text>` as `.lsf-richtext__container` > `.lsf-richtext__line`
spans styled with its own 16 px sans font and a 20 px line height, so a style on a
wrapping `<View>` does not reach the words. A `<Style>` block therefore targets those
classes inside our own `tally-text` view: a Naskh font, right-to-left, and a line pitch
derived in `line_pitch()` so relation arrows run in the gap between lines, never over the
words. Label Studio places every relation label on its own arrow without looking at the
others, and nothing in a labeling config can move them, so labels are hidden at rest and
shown one at a time: the relation under the pointer, or the row hovered in the Relations
tab (`RELATION_LABEL_STYLE`; the browser test measures words and labels at 1280–1920 px).

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
FONT = "Tally Naskh, Noto Naskh Arabic, Amiri, Scheherazade New, DejaVu Sans, serif"
FONT_SIZE_PX = 22
# The word box (a glyph run's content area) as ascent + descent of the font size. Noto
# Naskh's own metrics make it 1.7 em; the overrides below bring it to 1.3 em, which still
# holds its ink (the tallest marks, hamza over alef, reach 1.0 em; tails and kasra 0.35 em).
ASCENT, DESCENT = 0.92, 0.38
WORD_BOX_PX = (ASCENT + DESCENT) * FONT_SIZE_PX
# Label Studio's relation label: a chip of its text's box + 6 px, drawn at 11 px here.
CHIP_TEXT_PX = 11
CHIP_PX = 19
CLEARANCE_PX = 2


def line_pitch() -> float:
    """The line pitch at which no relation label can cover a word.

    Label Studio 1.23 draws a relation's label in one of two places. When the two regions
    are on different lines and overlap horizontally, at the midpoint of their boxes'
    centres, beside the regions: for regions k lines apart that is a line's centre when k
    is even and a gap's centre when k is odd, so on a uniform layout half of such labels
    sit on words whatever the pitch. Otherwise 15 px above the higher region, in the gap.
    The fix moves every region box's centre by a quarter pitch (padding below the words,
    not painted: `background-clip: content-box`), so the midpoint of two centres is a
    quarter pitch from a line's centre in both cases; a pitch of twice (word box + chip)
    then leaves the chip clear of the words above and below it.
    """
    return 2 * (WORD_BOX_PX + CHIP_PX) + 2 * CLEARANCE_PX


LINE_PITCH_PX = round(line_pitch(), 1)
LINE_HEIGHT = round(LINE_PITCH_PX / FONT_SIZE_PX, 4)
REGION_SHIFT_PX = round(LINE_PITCH_PX / 2, 1)  # padding below a region: centre moves by half
# Label Studio 1.23 draws each relation as `<g class="relationItem--…">` in the SVG overlay:
# two unpainted rects, the arrow `<path>` (a second, wide faint one while highlighted) and
# the label chip, a `<g transform>` holding a `<rect>` and a `<text>` with the relation's
# type. It puts every chip at a point of its own arrow without regard to the others, so on a
# real article chips collide (6 pairs on the seed at 1280 px, 8 at 1920 px) whatever the
# line pitch. Label Studio has no option for this (no `<Relations>`/`<Relation>` attribute
# nor user setting reaches the chips; a `<Relation background>` only colours the panel's
# picker), and the chip's colour and the element's attributes do not carry the type, so CSS
# cannot colour or abbreviate by type either. What CSS can do is decide *when* a chip shows:
# never at rest (the arrows still show that a relation exists), and for exactly one relation
# at a time, the one under the pointer (its arrow, which takes pointer events while the rest
# of the overlay stays click-through) or the one hovered in Label Studio's Relations panel
# (which marks it `_highlighted--…`). One chip can collide with nothing, on any article.
# While a mouse button is down anywhere (`body:active`, e.g. dragging over words to make a
# region) the arrows are click-through again, so a drag that ends on an arrow still ends on
# the text, where Label Studio listens for it.
# The hashed suffixes change between Label Studio builds, hence `[class*=…]`; the block is
# written without quotes and `>` because Label Studio HTML-escapes a `<Style>`'s text.
RELATION = ".relations-overlay [class*=relationItem--]"
CHIP = "g[transform]"
RELATION_LABEL_STYLE = f"""
{RELATION} {CHIP} {{ display: none; }}
{RELATION}:hover {CHIP},
{RELATION}[class*=_highlighted--] {CHIP} {{ display: inline; pointer-events: visiblePainted; }}
{RELATION} path {{ pointer-events: visibleStroke; cursor: help; }}
{RELATION}:hover path {{ opacity: 1; }}
body:active {RELATION} path {{ pointer-events: none; }}
"""
TEXT_STYLE = "direction: rtl; text-align: right; unicode-bidi: plaintext;"
# Class names as Label Studio 1.23 renders them (checked by tests/test_browser_labeling.py).
STYLE = f"""
@font-face {{
  font-family: Tally Naskh;
  src: local(Noto Naskh Arabic), local(NotoNaskhArabic-Regular);
  ascent-override: {ASCENT:.0%}; descent-override: {DESCENT:.0%}; line-gap-override: 0%;
}}
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
.tally-text .htx-highlight {{
  border-radius: 3px;
  padding-bottom: {REGION_SHIFT_PX}px;
  background-clip: content-box;
}}
.relations-overlay text {{ font-size: {CHIP_TEXT_PX}px !important; }}
{RELATION_LABEL_STYLE}.tally-page {{ display: flex; align-items: flex-start; gap: 16px; }}
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
