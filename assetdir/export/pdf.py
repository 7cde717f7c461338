"""The printed directory as an A4 PDF, through WeasyPrint (the optional `assetdir[pdf]` extra)."""

from __future__ import annotations

from assetdir.export.booklet import Booklet
from assetdir.export.html import to_html
from assetdir.problems import AssetdirError

INSTALL = (
    "PDF export needs WeasyPrint: pip install 'assetdir[pdf]' (or export --format html and print that from a browser)"
)

# WeasyPrint, unlike browsers, can number the pages that links point to
PAGE_NUMBERS = """
nav a.ref::after { content: leader(".") " " target-counter(attr(href), page); }
.index a.ref::after { content: ", page " target-counter(attr(href), page); }
.cover { text-align: left; padding-top: 30%; }
/* each page headed with the group it starts with, so the end of a long group carried over
   to a new page is not read as part of the next one */
.group h3 { string-set: group content(); }
.index h2, .key h2 { string-set: group ""; }
@page { @top-left {
    content: string(group, start); font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: SIZE;
} }
"""


def to_pdf(booklet: Booklet, large_print: bool = False) -> bytes:
    try:
        from weasyprint import HTML
    except ImportError:
        raise AssetdirError(INSTALL) from None
    except OSError as err:  # WeasyPrint is there but not the Pango library it draws text with
        raise AssetdirError(
            f"WeasyPrint cannot start ({err}); install Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
        ) from None
    extra = PAGE_NUMBERS.replace("SIZE", "16pt" if large_print else "10pt")
    html = to_html(booklet, large_print).replace("</style>", extra + "</style>", 1)
    return HTML(string=html).write_pdf()
