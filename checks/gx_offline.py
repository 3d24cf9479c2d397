"""Make a Great Expectations Data Docs site work with no network.

GE 1.24.1's pages load Bootstrap, jQuery, Font Awesome, bootstrap-table and friends from
CDNs, and the logo from S3: offline (CI artifacts, air-gapped machines) the pages come out
unstyled, the index listing (built by bootstrap-table) stays empty and the status icons
blank. Here every such reference is pointed at a copy inside the site: jQuery from the
installed `xstatic-jquery` package, the rest from `checks/gx_assets/` (npm packages at the
versions GE names; see its README for sources and licenses), the logo from the site's own
`static/images`. A resource reference that is still remote afterwards is an error, so an
upgrade of GE that adds one cannot pass unnoticed.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

ASSETS = Path(__file__).parent / "gx_assets"
VENDOR = "static/vendor"
DARK_LOGO = "static/images/logo-long-dark.svg"


def _jquery() -> Path:
    from xstatic.pkg import jquery

    return Path(jquery.BASE_DIR) / "jquery.min.js"


# CDN URL -> (file to copy, its path under static/vendor)
def sources() -> dict[str, tuple[Path, str]]:
    bt = "https://unpkg.com/bootstrap-table@"
    fc = "dist/extensions/filter-control/bootstrap-table-filter-control"
    return {
        "https://code.jquery.com/jquery-3.7.1.min.js": (_jquery(), "jquery/jquery.min.js"),
        "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
            ASSETS / "bootstrap/bootstrap.min.css",
            "bootstrap/bootstrap.min.css",
        ),
        "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
            ASSETS / "bootstrap/bootstrap.min.js",
            "bootstrap/bootstrap.min.js",
        ),
        "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
            ASSETS / "popper.js/popper.min.js",
            "popper.js/popper.min.js",
        ),
        f"{bt}1.19.1/dist/bootstrap-table.min.css": (
            ASSETS / "bootstrap-table/bootstrap-table.min.css",
            "bootstrap-table/bootstrap-table.min.css",
        ),
        f"{bt}1.19.1/dist/bootstrap-table.min.js": (
            ASSETS / "bootstrap-table/bootstrap-table.min.js",
            "bootstrap-table/bootstrap-table.min.js",
        ),
        f"{bt}1.19.1/{fc}.min.js": (
            ASSETS / "bootstrap-table/bootstrap-table-filter-control.min.js",
            "bootstrap-table/bootstrap-table-filter-control.min.js",
        ),
        # GE names 1.19.0 for the filter-control styles; 1.19.1's are the same rules
        **{
            f"{bt}1.19.0/{fc}{ext}": (
                ASSETS / "bootstrap-table/bootstrap-table-filter-control.min.css",
                "bootstrap-table/bootstrap-table-filter-control.min.css",
            )
            for ext in (".css", ".min.css")
        },
        "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
        "bootstrap-datepicker.min.css": (
            ASSETS / "bootstrap-datepicker/bootstrap-datepicker.min.css",
            "bootstrap-datepicker/bootstrap-datepicker.min.css",
        ),
        "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
        "bootstrap-datepicker.min.js": (
            ASSETS / "bootstrap-datepicker/bootstrap-datepicker.min.js",
            "bootstrap-datepicker/bootstrap-datepicker.min.js",
        ),
        "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
            ASSETS / "fontawesome/css/all.min.css",
            "fontawesome/css/all.min.css",
        ),
        "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
        "bootstrap-prefers-dark.css": (
            ASSETS / "bootstrap-dark/bootstrap-prefers-dark.min.css",
            "bootstrap-dark/bootstrap-prefers-dark.min.css",
        ),
    }


# Files copied beside the ones the pages name: the icon fonts all.min.css loads, licenses.
EXTRA = [
    (ASSETS / "fontawesome/webfonts/fa-solid-900.woff2", "fontawesome/webfonts/fa-solid-900.woff2"),
    (
        ASSETS / "fontawesome/webfonts/fa-regular-400.woff2",
        "fontawesome/webfonts/fa-regular-400.woff2",
    ),
    *((p, str(p.relative_to(ASSETS))) for p in sorted(ASSETS.rglob("LICENSE*")) if p.is_file()),
    (ASSETS / "README.md", "README.md"),
]

# GE's logos on S3, by file name -> the site's own copy (the dark one is made from GE's
# vector logo with its black lettering turned white, as GE's dark logo is).
S3 = re.compile(r"https?://great-expectations-web-assets\.s3\.[a-z0-9.-]+/([A-Za-z0-9_.-]+)")
LOGOS = {"logo-long.png": "static/images/logo-long.png", "full_logo_dark.png": DARK_LOGO}
STATIC = re.compile(r'\b(src|href)="(?:\.\./)*static/')
VEGA = re.compile(
    r'<script[^>]*\ssrc="https://cdn\.jsdelivr\.net/npm/vega[^"]*"[^>]*>\s*</script>\s*'
)
# Subresource integrity and CORS mode on a tag that now loads a local file: from file://
# Chromium refuses a script or stylesheet fetched in CORS mode, so bootstrap's JS (and
# with it jQuery's .modal) never ran. The copies are checked by their own sources instead.
SRI = re.compile(r"""\s(?:integrity|crossorigin)(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?(?=[\s/>])""")
TAG = re.compile(r"<(?:script|link)\b[^>]*>", re.I)


class OfflineError(RuntimeError):
    pass


def _dark_logo(site: Path) -> None:
    vector = site / "static/images/logo-long-vector.svg"
    svg = vector.read_text(encoding="utf-8")
    (site / DARK_LOGO).write_text(svg.replace('fill="#000000"', 'fill="#FFFFFF"'), "utf-8")


def _local(text: str, up: str) -> str:
    """Every known remote URL in `text` pointed at the site's copy, `up` being the way from
    the file to the site's root."""
    for url, (_, dest) in sources().items():
        text = text.replace(url, f"{up}{VENDOR}/{dest}")

    def logo(m: re.Match) -> str:
        dest = LOGOS.get(m.group(1))
        return f"{up}{dest}" if dest else m.group(0)

    return S3.sub(logo, text)


def make_offline(site: Path) -> list[Path]:
    """Copy the assets into `site` and point every page and stylesheet at them; returns the
    pages. Any reference the browser would still load from the network is an error."""
    table = sources()
    vendor = site / VENDOR
    for src, dest in [*table.values(), *EXTRA]:
        target = vendor / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    if (site / "static/images/logo-long-vector.svg").is_file():
        _dark_logo(site)
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        up = "../" * (len(page.relative_to(site).parts) - 1)
        html = _local(html, up)
        html = TAG.sub(lambda m: SRI.sub("", m.group(0)), html)
        # GE climbs one folder short for the favicon of validation pages: every reference
        # into the site's static/ is made relative to the page's own depth.
        html = STATIC.sub(lambda m, up=up: f'{m.group(1)}="{up}static/', html)
        if "vegaEmbed" not in html:
            html = VEGA.sub("", html)
        page.write_text(html, encoding="utf-8")
    sheets = sorted(p for p in site.rglob("*.css") if vendor not in p.parents)
    for sheet in sheets:
        up = "../" * (len(sheet.relative_to(site).parts) - 1)
        sheet.write_text(_local(sheet.read_text(encoding="utf-8"), up), encoding="utf-8")
    left: dict[str, set[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css"):
            kind = "html" if path.suffix == ".html" else "css"
            for url in remote_references(path.read_text(encoding="utf-8"), kind):
                left.setdefault(url, set()).add(str(path.relative_to(site)))
    if left:
        names = "; ".join(f"{u} (in {len(p)} files)" for u, p in sorted(left.items()))
        raise OfflineError(f"Data Docs still load remote resources: {names}")
    return pages


# What a browser fetches by itself (a link a reader may follow, `<a href>`, is not).
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
LOCAL_SCHEMES = re.compile(r"^\s*(?:file|data|blob|about|javascript|mailto|#)", re.I)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
LOADING_ATTRS = {"src", "poster", "data", "background", "lowsrc", "manifest"}
LOADING_HREF = {"link", "image", "use", "feimage", "base"}


def _remote(url: str) -> bool:
    return bool(REMOTE.match(url)) and not LOCAL_SCHEMES.match(url)


def css_references(css: str) -> list[str]:
    css = CSS_COMMENT.sub("", css)
    found = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(css)]
    found += [next(g for g in m.groups() if g is not None) for m in CSS_IMPORT.finditer(css)]
    return found


class _Loads(HTMLParser):
    """Every URL an HTML page makes the browser load: resource attributes, srcset, `<link>`
    and SVG hrefs, inline `style` attributes and `<style>` blocks (url() and @import)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in LOADING_ATTRS or (name in ("href", "xlink:href") and tag in LOADING_HREF):
                self.urls.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.urls += [c.strip().split()[0] for c in value.split(",") if c.strip()]
            elif name == "style":
                self.urls += css_references(value)
            elif name == "content" and tag == "meta" and "url=" in value.lower():
                self.urls.append(value.lower().split("url=", 1)[1])

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_references(data)


def remote_references(text: str, kind: str = "html") -> list[str]:
    """The remote URLs a page (`kind` "html") or stylesheet ("css") would load."""
    if kind == "css":
        urls = css_references(text)
    else:
        parser = _Loads()
        parser.feed(text)
        parser.close()
        urls = parser.urls
    return [u.strip() for u in urls if _remote(u)]
