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
.cover { text-align: left; padding-top: 15%; }
/* sections follow on, so pages are full; a heading stays with what follows it */
nav, main > section { break-before: auto; break-after: auto; }
h2, h3, .group .about, ul.symbols { break-after: avoid; }
p, li, dd { orphans: 2; widows: 2; }
/* a group that does not fit in what is left of a page goes on over the page between two of its
   lines of details (its name, summary and first line kept together), headed "..., continued" */
.group { break-inside: auto; }
.group dl > div:first-child { break-before: avoid; }
/* a page that starts inside a section, an index or a group is headed with what it continues:
   "Thursday, continued", "Northfield Lunch Club, continued" */
h2, h3 { string-set: cont ""; }  /* (a box split over pages sets its string again on each: never a section) */
[data-cont] { string-set: cont attr(data-cont); }
@page { @top-left {
    content: string(cont, start); font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: SIZE;
    font-weight: bold;
} }
"""
# large print: a field too long for what is left of a page breaks between its lines, never inside one
LARGE = """
.group dl > div { break-inside: auto; }
.group dl > div.keep { break-inside: avoid; }
"""


def to_pdf(booklet: Booklet, large_print: bool = False) -> bytes:
    extra = PAGE_NUMBERS.replace("SIZE", "16pt" if large_print else "10pt") + (LARGE if large_print else "")
    return html_to_pdf(to_html(booklet, large_print).replace("</style>", extra + "</style>", 1))


def html_to_pdf(html: str) -> bytes:
    """A self-contained HTML document as PDF, or a clear message when WeasyPrint cannot run."""
    try:
        from weasyprint import HTML
    except ImportError:
        raise AssetdirError(INSTALL) from None
    except OSError as err:  # WeasyPrint is there but not the Pango library it draws text with
        raise AssetdirError(
            f"WeasyPrint cannot start ({err}); install Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
        ) from None
    return HTML(string=html).write_pdf()
