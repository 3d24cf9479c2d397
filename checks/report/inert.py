"""Make data inert in every output format: one escaper per format, used by every writer.

Ids, texts and messages come from the input, so they may hold anything: bytes that make XML
unparseable, terminal escape sequences, HTML. Each function here has a scalar form and a
Series form (one vectorized regex pass over a column) with the same result.
"""

from __future__ import annotations

import re

import numpy as np
import orjson
import pandas as pd
from pandas.api.types import infer_dtype

# Characters XML 1.0 cannot carry at all, even as references: C0 controls except tab, newline
# and carriage return, the noncharacters U+FFFE/U+FFFF and lone surrogates.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What a terminal may act on: every C0 control but tab, DEL and the C1 controls (U+009B is a
# one-byte CSI); with ESC shown as text, no CSI/OSC sequence can start. Newlines in data are
# shown too (and U+2028/U+2029, which some readers take as line breaks), so a value cannot
# forge a line of the report (a fake verdict).
_TERMINAL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Lone surrogates: no UTF-8 encoder (orjson, a file) accepts them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Markdown: HTML-active characters become entities, markdown-active ones get a backslash.
# Values are always placed inside a line, so line-start syntax (#, -, 1.) cannot start there;
# `@` would notify a GitHub user or team.
_MD_ACTIVE = re.compile(r"([\\`*_\[\]|~@])")
_MD_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def as_text(s: pd.Series | list | np.ndarray) -> pd.Series:
    """Values as an object Series of `str` (None as "None", numbers as written). Never the
    Arrow string dtype pandas would infer: Arrow refuses lone surrogates, data may hold them."""
    index = s.index if isinstance(s, pd.Series) else None
    values = np.asarray(s, dtype=object)
    if infer_dtype(values, skipna=False) != "string":
        values = np.array(list(map(str, values)), dtype=object) if len(values) else values
    return pd.Series(values, index=index, dtype=object)


def visible(ch: str) -> str:
    """A character as a short escape a person can read: \\x1b, \\ufffe, \\ud800."""
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _visible_match(m: re.Match[str]) -> str:
    return visible(m.group(0))


# ---------------------------------------------------------------- XML
def xml_clean(s: str) -> str:
    """`s` without characters XML cannot carry (shown as visible escapes instead)."""
    return _XML_INVALID.sub(_visible_match, s)


def xml_text(s: str) -> str:
    """Character data: cleaned, then & < > escaped."""
    return xml_clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(s: str) -> str:
    """An attribute value in double quotes; whitespace kept as references, as ElementTree does."""
    return (
        xml_text(s)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#09;")
    )


def xml_text_series(s: pd.Series) -> pd.Series:
    s = as_text(s).str.replace(_XML_INVALID, _visible_match, regex=True)
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        s = s.str.replace(a, b, regex=False)
    return s


def xml_attr_series(s: pd.Series) -> pd.Series:
    s = xml_text_series(s)
    for a, b in (('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#09;")):
        s = s.str.replace(a, b, regex=False)
    return s


# ---------------------------------------------------------------- terminal text
def terminal(s: object) -> str:
    """Text for a terminal: controls (and newlines inside data) shown, never acted on."""
    return _TERMINAL.sub(_visible_match, str(s))


def terminal_series(s: pd.Series) -> pd.Series:
    return as_text(s).str.replace(_TERMINAL, _visible_match, regex=True)


# ---------------------------------------------------------------- JSON
def unicode_clean(s: str) -> str:
    """Lone surrogates shown as escapes: the only str content UTF-8 (and orjson) refuses."""
    return _SURROGATE.sub(_visible_match, s)


JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY


def dumps_json(payload: object) -> bytes:
    """orjson, indented; strings it refuses (lone surrogates) are shown as escapes."""
    try:
        return orjson.dumps(payload, option=JSON_OPTIONS)
    except TypeError:
        return orjson.dumps(_clean(payload), option=JSON_OPTIONS, default=str)


def _clean(x: object) -> object:
    if isinstance(x, str):
        return unicode_clean(x)
    if isinstance(x, dict):
        return {_clean(k): _clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_clean(v) for v in x]
    return x


# ---------------------------------------------------------------- HTML
# Autoescaping handles markup; this handles what HTML cannot show or a terminal would act on
# if the file is printed: controls but tab/newline, noncharacters, lone surrogates.
_HTML_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def html_clean(value: object) -> object:
    """A jinja2 `finalize`: strings lose their controls (shown as escapes); the rest stays."""
    return _HTML_CONTROL.sub(_visible_match, value) if isinstance(value, str) else value


# ---------------------------------------------------------------- markdown
def md(s: object) -> str:
    """Inline markdown text that renders as itself: no HTML, no emphasis, links, code or
    table breaks (GitHub renders `<script>` and `|` otherwise); controls shown, one line."""
    s = _MD_CONTROL.sub(_visible_match, str(s))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_ACTIVE.sub(r"\\\1", s)


def md_series(s: pd.Series) -> pd.Series:
    s = as_text(s).str.replace(_MD_CONTROL, _visible_match, regex=True)
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        s = s.str.replace(a, b, regex=False)
    return s.str.replace(_MD_ACTIVE, r"\\\1", regex=True)


def surrogate_free(s: pd.Series) -> pd.Series:
    """`s` (strings, or lists of strings) with lone surrogates shown as escapes; the same
    object when there are none (one regex pass). Arrow-backed pandas operations and UTF-8
    refuse them, so writers clean their data once at the start."""
    if len(s) == 0:
        return s
    holds_lists = not isinstance(s.iloc[0], str) and isinstance(s.iloc[0], (list, tuple))
    probe = as_text(s.str.join("\x1f") if holds_lists else s)
    bad = probe.str.contains(_SURROGATE, regex=True).fillna(False).to_numpy(dtype=bool)
    if not bad.any():
        return s
    s = s.astype(object).copy()
    fix = (lambda ids: [unicode_clean(str(i)) for i in ids]) if holds_lists else unicode_clean
    s[bad] = pd.Series([fix(x) for x in s[bad]], index=s.index[bad], dtype=object)
    return s
