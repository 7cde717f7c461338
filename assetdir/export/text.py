"""The directory as plain text to print: wrapped to a width, headed, with a day index."""

from __future__ import annotations

from assetdir.export.booklet import A_TO_Z, LISTING, LISTING_DEFAULT, NBSP, PLEASE_RING, Booklet, Entry, publisher_line
from assetdir.query.select import PRIVATE_MARK
from assetdir.visible import visible
from assetdir.words import paragraphs, plural

LABEL = 10  # "Contact: " and the like, with the text beside it


def to_text(booklet: Booklet, width: int = 72) -> str:
    out: list[str] = []
    if booklet.private:
        out += [PRIVATE_MARK, ""]
    out += _wrap(booklet.title, width) + ["=" * min(width, len(booklet.title))]
    if booklet.covers:
        out += _wrap(f"Covering {booklet.covers}", width)
    out.append(f"Correct as of {booklet.as_of}")
    if booklet.asked:
        out += _wrap("Only groups " + "; ".join(booklet.asked), width)
    out.append(f"{plural(booklet.count, 'group')}")
    if booklet.publisher:
        out += ["", *_wrap(f"Published by {publisher_line(booklet.publisher)}", width)]
    if booklet.introduction:
        out += ["", *_paragraphs(booklet.introduction, width)]
    out += ["", "Contents", ""]
    out += [f"  {s.heading} ({len(s.entries)})" for s in booklet.sections]
    if booklet.days:
        out.append("  What's on each day")
    if booklet.a_to_z:
        out.append(f"  {A_TO_Z}")
    for section in booklet.sections:
        out += ["", "", section.heading, "=" * len(section.heading)]
        for item in section.entries:
            out += ["", *entry_lines(item, width)]
    if booklet.days:
        heading = "What's on each day"
        out += ["", "", heading, "=" * len(heading)]
        for day, listings in booklet.days:
            out += ["", day, "-" * len(day)]
            lead = max(len(x.lead) for x in listings)
            for listing in listings:
                note = f" ({listing.note})" if listing.note else ""
                out += _wrap(f"{listing.name}{note}", width, f"  {listing.lead:<{lead}}  ", " " * (lead + 4))
    if booklet.a_to_z:
        out += ["", "", A_TO_Z, "=" * len(A_TO_Z)]
        for letter, listings in booklet.a_to_z:
            out += ["", letter]
            for listing in listings:
                out += _wrap(f"{listing.name} ({listing.note})", width, "  ", "    ")
    out += _last_page(booklet, width)
    if booklet.private:
        out += ["", PRIVATE_MARK]
    # no-break spaces kept words together while wrapping: plain spaces on paper; control characters shown
    return visible("\n".join(out).replace(NBSP, " ") + "\n")


def _last_page(booklet: Booklet, width: int) -> list[str]:
    """How to get a group listed or corrected, and who to ask."""
    out = ["", "", LISTING, "=" * len(LISTING), ""]
    out += _paragraphs(booklet.listing or LISTING_DEFAULT, width)
    if booklet.publisher:
        out += ["", *_wrap(publisher_line(booklet.publisher, address=True), width)]
    return out + ["", *_wrap(PLEASE_RING, width)]


def _paragraphs(text: str, width: int) -> list[str]:
    out: list[str] = []
    for paragraph in paragraphs(text).split("\n\n"):
        out += [*([""] if out else []), *_wrap(paragraph, width)]
    return out


def entry_lines(entry: Entry, width: int) -> list[str]:
    lines = _wrap(entry.name, width) + ["-" * min(width, len(entry.name))]
    for label, text in entry.fields:
        head = f"{label}:"
        first = f"  {head:<{LABEL}}" if len(head) < LABEL else f"  {head} "
        rest = " " * (2 + LABEL) if len(head) < LABEL else " " * len(first)
        for i, line in enumerate(text.split("\n")):
            lines += _wrap(line, width, first if i == 0 else rest, rest)
    return lines


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Words filled into lines of at most `width` (a word longer than a line gets one of its own)."""
    if len(first) + len(text) <= width:
        return [first + text]
    lines, line = [], first
    fresh = True  # nothing on the line but its indent
    for word in text.split(" "):  # not split(): a no-break space holds a postcode together
        if not word:
            continue
        if fresh:
            line += word
            fresh = False
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = rest + word
    lines.append(line)
    return lines
