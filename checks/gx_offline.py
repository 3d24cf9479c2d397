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
from pathlib import Path

ASSETS = Path(__file__).parent / "gx_assets"
VENDOR = "static/vendor"


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

LOGO = re.compile(r"https://great-expectations-web-assets\.s3\.[^\"'\s]*/logo-long\.png[^\"'\s]*")
STATIC = re.compile(r'\b(src|href)="(?:\.\./)*static/')
VEGA = re.compile(
    r'<script[^>]*\ssrc="https://cdn\.jsdelivr\.net/npm/vega[^"]*"[^>]*>\s*</script>\s*'
)
# A reference the browser loads by itself (not a link a reader may follow).
REMOTE = re.compile(
    r"<(?:script|img|link|iframe|source)\b[^>]*?\s(?:src|href)=\"(https?://[^\"]+)\"", re.I
)


class OfflineError(RuntimeError):
    pass


def make_offline(site: Path) -> list[Path]:
    """Copy the assets into `site` and point every page at them; returns the pages."""
    table = sources()
    vendor = site / VENDOR
    for src, dest in [*table.values(), *EXTRA]:
        target = vendor / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    pages = sorted(site.rglob("*.html"))
    left: dict[str, set[str]] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        up = "../" * (len(page.relative_to(site).parts) - 1)
        for url, (_, dest) in table.items():
            html = html.replace(url, f"{up}{VENDOR}/{dest}")
        html = LOGO.sub(f"{up}static/images/logo-long.png", html)
        # GE climbs one folder short for the favicon of validation pages: every reference
        # into the site's static/ is made relative to the page's own depth.
        html = STATIC.sub(lambda m, up=up: f'{m.group(1)}="{up}static/', html)
        if "vegaEmbed" not in html:
            html = VEGA.sub("", html)
        page.write_text(html, encoding="utf-8")
        for url in REMOTE.findall(html):
            left.setdefault(url, set()).add(str(page.relative_to(site)))
    if left:
        names = "; ".join(f"{u} (in {len(p)} pages)" for u, p in sorted(left.items()))
        raise OfflineError(f"Data Docs still load remote resources: {names}")
    return pages
