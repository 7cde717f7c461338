"""The directory as one self-contained, accessible HTML page that prints well on A4.

No scripts, no external requests: styles are inline and the only links are to
the page itself, http(s) websites, email (mailto:) and phone (tel:). Every piece
of a group's text is escaped, and control characters (invalid in HTML) are shown as \\x1b."""

from __future__ import annotations

from html import escape
from pathlib import Path

from assetdir.export.booklet import (
    A_TO_Z,
    LISTING,
    LISTING_DEFAULT,
    NBSP,
    PLEASE_RING,
    POSTCODE,
    Booklet,
    Entry,
    Listing,
)
from assetdir.export.symbols import SYMBOLS, svg
from assetdir.query.select import PRIVATE_MARK
from assetdir.visible import visible
from assetdir.words import ACCESS, paragraphs, plural

CSS = Path(__file__).with_name("booklet.css")
KEY = [
    ("When", "Every week, every other week, or which weeks of the month the group meets, and its times."),
    (
        "Where",
        "The venue, then its access features (such as step-free access or a hearing loop), then how to get there.",
    ),
    ("Also", "Other ways to take part besides the venue: by phone, online or with a home visit."),
    (ACCESS["drop-in"], "Just turn up."),
    (ACCESS["booking"], "Ring or email before you go."),
    (ACCESS["referral"], "A GP, social worker or other service arranges a place."),
    (ACCESS["membership"], "Ask the group about joining."),
    ("Donation welcome", "Give what you can; nobody is turned away for not paying."),
    (
        "Checked",
        "When someone last confirmed these details with the group. Please ring before your first visit: times can "
        "change.",
    ),
]


# fields never broken over two pages, even in large print: an address, a phone number
KEEP_WHOLE = {"Where", "Contact"}


# the access features a reader may not know, explained where a booklet uses them
FEATURES = {
    "step-free": "No steps between the street and the room: suits wheelchairs, walking frames and pushchairs.",
    "hearing-loop": "A hearing aid set to T picks up the speaker directly, without background noise.",
    "changing-places": "A larger accessible toilet with a hoist and an adult-sized changing bench.",
    "dementia-friendly": "Staff or volunteers trained to help people living with dementia feel welcome.",
    "bsl": "An interpreter or signing staff, usually on request.",
    "quiet-space": "A calmer room to take a break from noise and busyness.",
    "large-print": "Printed material in large print on request.",
}


def to_html(booklet: Booklet, large_print: bool = False) -> str:
    title = escape(booklet.title)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{CSS.read_text(encoding='utf-8')}{_page_css(booklet, large_print)}</style>",
        "</head>",
        f'<body class="{"large" if large_print else "standard"}">',
        *_cover(booklet),
        *_contents(booklet),
        "<main>",
    ]
    for section in booklet.sections:
        parts.append(
            f'<section aria-labelledby="{section.anchor}"><h2 id="{section.anchor}">{escape(section.heading)}</h2>'
        )
        parts += [entry_html(e, section.heading) for e in section.entries]
        parts.append("</section>")
    parts += _index("days", "What's on each day", booklet.days)
    parts += _index("areas", "Groups by area", booklet.areas)
    parts += _index("a-z", A_TO_Z, booklet.a_to_z)
    parts += _key(booklet)
    parts += [
        "</main>",
        *_last_page(booklet),
        f'<p class="private">{PRIVATE_MARK}</p>' if booklet.private else "",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return visible("\n".join(p for p in parts if p) + "\n")


def _page_css(booklet: Booklet, large_print: bool) -> str:
    """The words on every printed page: the date (and the private warning), in page margins."""
    size = "16pt" if large_print else "10pt"
    font = 'font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: ' + size
    boxes = [
        f'@bottom-left {{ content: "Correct as of {_css_string(booklet.as_of)}"; {font}; }}',
        f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); {font}; }}',
    ]
    if booklet.private:
        boxes.append(f'@top-center {{ content: "{_css_string(PRIVATE_MARK)}"; {font}; font-weight: bold; }}')
    return "@page {\n  " + "\n  ".join(boxes) + "\n}\n"


def _css_string(text: str) -> str:
    return "".join(c if c.isalnum() or c in " -.,:" else f"\\{ord(c):x} " for c in text)


def _cover(booklet: Booklet) -> list[str]:
    out = ['<header class="cover">']
    if booklet.private:
        out.append(f'<p class="private">{PRIVATE_MARK}</p>')
    out.append(f"<h1>{escape(booklet.title)}</h1>")
    if booklet.covers:
        out.append(f'<p class="covers">Covering {escape(booklet.covers)}</p>')
    if booklet.asked:
        out.append(f"<p>Only groups {escape('; '.join(booklet.asked))}</p>")
    out.append(f'<p class="asof">Correct as of {booklet.as_of}</p>')
    out.append(f"<p>{plural(booklet.count, 'group')}</p>")
    out += [f'<p class="intro">{escape(p)}</p>' for p in paragraphs(booklet.introduction).split("\n\n") if p]
    if booklet.publisher:
        out.append(f'<p class="publisher">Published by {_publisher(booklet.publisher)}</p>')
    out.append("</header>")
    return out


def _publisher(publisher: dict[str, str], address: bool = False) -> str:
    """The publisher's name and how to reach them, linked."""
    parts = [f"<strong>{escape(publisher['name'])}</strong>"]
    if address and publisher.get("address"):
        parts.append(escape(POSTCODE.sub(lambda m: m[0].replace(" ", NBSP), publisher["address"])))
    if publisher.get("phone"):
        phone = publisher["phone"]
        parts.append(f'phone <a href="tel:{escape(_tel(phone))}">{escape(phone.replace(" ", NBSP))}</a>')
    if publisher.get("email"):
        parts.append(f'<a href="mailto:{escape(publisher["email"])}">{escape(publisher["email"])}</a>')
    if publisher.get("website"):
        parts.append(_website(publisher["website"]))
    return "<br>".join(parts) if address else ", ".join(parts)


def _last_page(booklet: Booklet) -> list[str]:
    """How to get a group listed or corrected, who publishes the directory, the date."""
    text = paragraphs(booklet.listing or LISTING_DEFAULT).split("\n\n")
    out = ['<footer aria-labelledby="listing">', f'<h2 id="listing">{escape(LISTING)}</h2>']
    out += [f"<p>{escape(p)}</p>" for p in text]
    if booklet.publisher:
        out.append(f'<p class="publisher">{_publisher(booklet.publisher, address=True)}</p>')
    out.append(f'<p class="asof">Correct as of {booklet.as_of}.</p><p>{escape(PLEASE_RING)}</p>')
    return out


def _contents(booklet: Booklet) -> list[str]:
    items = [(s.anchor, s.heading) for s in booklet.sections]
    if booklet.days:
        items.append(("days", "What's on each day"))
    if booklet.areas:
        items.append(("areas", "Groups by area"))
    if booklet.a_to_z:
        items.append(("a-z", A_TO_Z))
    items.append(("key", "How to read this directory"))
    items.append(("listing", LISTING))
    links = "".join(f'<li><a class="ref" href="#{a}">{escape(h)}</a></li>' for a, h in items)
    return [f'<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>{links}</ol></nav>']


def entry_html(entry: Entry, section: str) -> str:
    rows = []
    for label, text in entry.fields:
        if label == "About":
            continue
        body = _contact(entry) if label == "Contact" else "<br>".join(escape(line) for line in text.split("\n"))
        keep = ' class="keep"' if label in KEEP_WHOLE else ""
        rows.append(f"<div{keep}><dt>{escape(label)}</dt><dd>{body}</dd></div>")
    about = next((text for label, text in entry.fields if label == "About"), "")
    # data-cont: what heads a page that starts inside this section or group (in the PDF)
    section_cont = escape(f"{section}, continued")
    group_cont = escape(f"{entry.name}, continued")
    symbols = "".join(f'<li>{svg(id_)} {escape(words)}</li>' for id_, words in entry.symbols)
    return (
        f'<article class="group" id="{entry.anchor}" aria-labelledby="{entry.anchor}-name">'
        f'<h3 id="{entry.anchor}-name" data-cont="{section_cont}">{escape(entry.name)}</h3>'
        f'<p class="about" data-cont="{group_cont}">{escape(about)}</p>'
        + (f'<ul class="symbols" aria-label="At a glance" data-cont="{group_cont}">{symbols}</ul>' if symbols else "")
        + f'<dl data-cont="{group_cont}">{"".join(rows)}</dl></article>'
    )


def _contact(entry: Entry) -> str:
    c = entry.group.contact
    if c is None:
        return ""
    lines = [f"Ask for {escape(c.name)}"] if c.name else []
    if c.phone:
        lines.append(f'Phone <a href="tel:{escape(_tel(c.phone))}">{escape(c.phone.replace(" ", NBSP))}</a>')
    if c.email:
        lines.append(f'Email <a href="mailto:{escape(c.email)}">{escape(c.email)}</a>')
    if c.website:
        lines.append(f"Website {_website(c.website)}")
    return "<br>".join(lines)


def _website(website: str) -> str:
    shown = website.split("://", 1)[-1].rstrip("/")
    if website.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(website)}">{escape(shown)}</a>'
    return escape(shown)


def _tel(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit() or c == "+")


def _index(anchor: str, heading: str, parts: list[tuple[str, list[Listing]]]) -> list[str]:
    if not parts:
        return []
    head = escape(heading, quote=False)
    out = [f'<section class="index {anchor}" aria-labelledby="{anchor}"><h2 id="{anchor}">{head}</h2>']
    for title, listings in parts:
        cont = escape(f"{title}, continued" if len(title) > 1 else f"{heading}, continued")
        items = "".join(
            f'<li>{f"<span class=time>{escape(x.lead)}</span> " if x.lead else ""}'
            f'<a class="ref" href="#{x.anchor}">{escape(x.name)}{f" ({escape(x.note)})" if x.note else ""}</a></li>'
            for x in listings
        )
        out.append(f'<h3>{escape(title)}</h3><ul data-cont="{cont}">{items}</ul>')
    out.append("</section>")
    return out


def _key(booklet: Booklet) -> list[str]:
    shown = {id_ for id_, _ in booklet.symbols}
    terms = KEY + [(label, FEATURES[id_]) for id_, label in booklet.features if id_ in FEATURES and id_ not in shown]
    rows = "".join(f"<div><dt>{escape(term)}</dt><dd>{escape(meaning)}</dd></div>" for term, meaning in terms)
    marks = "".join(
        f"<div><dt>{svg(id_)} {escape(words)}</dt><dd>{escape(SYMBOLS[id_][0])}</dd></div>"
        for id_, words in booklet.symbols
    )
    cont = 'data-cont="How to read this directory, continued"'
    symbols = f'<h3>The symbols</h3><dl class="symbols" {cont}>{marks}</dl>' if marks else ""
    return [
        '<section class="key" aria-labelledby="key"><h2 id="key">How to read this '
        f"directory</h2>{symbols}<dl {cont}>{rows}</dl></section>"
    ]
