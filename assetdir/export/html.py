"""The directory as one self-contained, accessible HTML page that prints well on A4.

No scripts, no external requests: styles are inline and the only links are to
the page itself, http(s) websites, email (mailto:) and phone (tel:). Every piece
of a group's text is escaped, and control characters (invalid in HTML) are shown as \\x1b."""

from __future__ import annotations

from html import escape
from pathlib import Path

from assetdir.export.booklet import NBSP, Booklet, Entry, Listing
from assetdir.query.select import PRIVATE_MARK
from assetdir.visible import visible
from assetdir.words import ACCESS, plural

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
        parts += [_entry(e) for e in section.entries]
        parts.append("</section>")
    parts += _index("days", "What's on each day", booklet.days)
    parts += _index("areas", "Groups by area", booklet.areas)
    parts += _key(booklet)
    parts += [
        "</main>",
        f'<footer><p class="asof">Correct as of {booklet.as_of}.</p><p>Please ring a group before your first visit: '
        'times and places can change.</p>',
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
    if booklet.asked:
        out.append(f"<p>Only groups {escape('; '.join(booklet.asked))}</p>")
    out.append(f'<p class="asof">Correct as of {booklet.as_of}</p>')
    out.append(f"<p>{plural(booklet.count, 'group')}</p>")
    out.append("</header>")
    return out


def _contents(booklet: Booklet) -> list[str]:
    items = [(s.anchor, s.heading) for s in booklet.sections]
    if booklet.days:
        items.append(("days", "What's on each day"))
    if booklet.areas:
        items.append(("areas", "Groups by area"))
    items.append(("key", "How to read this directory"))
    links = "".join(f'<li><a class="ref" href="#{a}">{escape(h)}</a></li>' for a, h in items)
    return [f'<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ol>{links}</ol></nav>']


def _entry(entry: Entry) -> str:
    rows = []
    for label, text in entry.fields:
        if label == "About":
            continue
        body = _contact(entry) if label == "Contact" else "<br>".join(escape(line) for line in text.split("\n"))
        rows.append(f"<div><dt>{escape(label)}</dt><dd>{body}</dd></div>")
    about = next((text for label, text in entry.fields if label == "About"), "")
    return (
        f'<article class="group" id="{entry.anchor}" aria-labelledby="{entry.anchor}-name">'
        f'<h3 id="{entry.anchor}-name">{escape(entry.name)}</h3>'
        f'<p class="about">{escape(about)}</p><dl>{"".join(rows)}</dl></article>'
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
        shown = c.website.split("://", 1)[-1].rstrip("/")
        link = (
            f'<a href="{escape(c.website)}">{escape(shown)}</a>'
            if c.website.lower().startswith(("http://", "https://"))
            else escape(shown)
        )
        lines.append(f"Website {link}")
    return "<br>".join(lines)


def _tel(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit() or c == "+")


def _index(anchor: str, heading: str, parts: list[tuple[str, list[Listing]]]) -> list[str]:
    if not parts:
        return []
    out = [f'<section class="index {anchor}" aria-labelledby="{anchor}"><h2 id="{anchor}">{heading}</h2>']
    for title, listings in parts:
        items = "".join(
            f'<li>{f"<span class=time>{escape(x.lead)}</span> " if x.lead else ""}'
            f'<a class="ref" href="#{x.anchor}">{escape(x.name)}{f" ({escape(x.note)})" if x.note else ""}</a></li>'
            for x in listings
        )
        out.append(f"<h3>{escape(title)}</h3><ul>{items}</ul>")
    out.append("</section>")
    return out


def _key(booklet: Booklet) -> list[str]:
    terms = KEY + [(label, FEATURES[id_]) for id_, label in booklet.features if id_ in FEATURES]
    rows = "".join(f"<div><dt>{escape(term)}</dt><dd>{escape(meaning)}</dd></div>" for term, meaning in terms)
    return [
        '<section class="key" aria-labelledby="key"><h2 id="key">How to read this '
        f'directory</h2><dl>{rows}</dl></section>'
    ]
