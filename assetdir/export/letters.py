"""Review letters: one page for each group due for checking, with its entry exactly as the booklet
prints it, "Is this still right?", what to do, and how to reach the publisher.

They go to the group, not the public: each is addressed to the group's private contact where
there is one (the only place, with review emails, a printed output names it)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from assetdir.export.booklet import NBSP, POSTCODE, Entry, entry, publisher_line
from assetdir.format.data import rebuild
from assetdir.problems import AssetdirError
from assetdir.query.select import Selection
from assetdir.visible import visible
from assetdir.words import long_date

if TYPE_CHECKING:
    from assetdir.query.network import Due
    from assetdir.store.directory import Directory

QUESTION = "Is this still right?"
REPLY_DAYS = 28  # what a letter asks: an answer within four weeks


@dataclass
class Letter:
    """One group's review: who it goes to, where, and its entry as printed."""

    id: str
    to: str  # the private contact's name, else the public one's, else a role
    email: str | None  # where an email goes: the private contact's, else the group's
    postal: list[str]  # the first venue, as the letter's address
    entry: Entry
    reply_by: str  # "25 December 2026"


def letters(due: list[Due], directory: Directory, today: dt.date, private: bool = True) -> list[Letter]:
    """A letter for each group due; `private` off addresses them to the public contact."""
    publisher = directory.config.publisher
    if not publisher or not (publisher.get("phone") or publisher.get("email") or publisher.get("address")):
        raise AssetdirError(
            "review letters say who to reply to: add publisher: (name and a phone, email or address) to assetdir.yaml"
        )
    selection = Selection(directory.config.title, today, [], directory.vocabulary, dict(directory.areas or {}))
    selection.config = directory.config
    out = []
    for item in due:
        data = json.loads(json.dumps(item.group))  # rebuild uses up what it is given
        id_ = data.pop("id")
        hidden = item.group.get("private") or {}
        group = rebuild(data)
        public = group.model_copy(update={"private": None})
        selection.areas.setdefault(group.area, group.area)
        contact = (hidden.get("contact") or {}) if private else {}
        shown = group.contact
        to = contact.get("name") or (shown.name if shown and shown.name else "The organiser")
        email = contact.get("email") or (shown.email if shown else None)
        venue = group.venues[0] if group.venues else None
        postal = [x for x in (venue.name, venue.address, venue.postcode) if x] if venue else []
        reply_by = long_date(today + dt.timedelta(days=REPLY_DAYS))
        out.append(Letter(id_, to, email, postal, entry(id_, public, selection), reply_by))
    return out


def greeting(letter: Letter) -> str:
    """ "Jean Hartigan", "club secretary" (not "Dear the club secretary")."""
    return letter.to.removeprefix("the ")


def what_to_do(letter: Letter, publisher: dict[str, str], by_email: bool = False) -> list[str]:
    """The paragraphs after the entry: what to do if it is right, and if it is not."""
    send = (
        "reply to this email with them, or ring us"
        if by_email
        else "mark the changes on this letter and send it back, or ring or email us with them"
    )
    ways = [f"ring {publisher['phone']}" if publisher.get("phone") else ""]
    ways.append(f"email {publisher['email']}" if publisher.get("email") else "")
    ways.append(f"write to {publisher['name']}, {publisher['address']}" if publisher.get("address") else "")
    return [
        f"Your group is listed in {{title}}. Above is its entry exactly as it is printed. {QUESTION}",
        "If everything is right, please let us know, so that we can mark it checked: a phone call or an email is "
        f"enough. If anything has changed (the days or times, where you meet, the cost, who to contact), {send}. "
        "If the group has stopped meeting, please tell us that too, so that nobody is sent to a closed door.",
        f"Please reply by {letter.reply_by}: " + _or_list([w for w in ways if w]) + ".",
    ]


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def letters_html(found: list[Letter], directory: Directory, today: dt.date) -> str:
    """Every letter, each on its own A4 page, as one HTML document for WeasyPrint."""
    from assetdir.export.html import CSS, entry_html

    publisher = directory.config.publisher or {}
    title = directory.config.title
    pages = []
    for letter in found:
        address = "<br>".join(escape(_keep(x)) for x in [letter.to, *letter.postal])
        body = "".join(f"<p>{escape(_keep(p.format(title=title)))}</p>" for p in what_to_do(letter, publisher))
        pages.append(
            f'<section class="letter" aria-label="{escape(letter.entry.name)}">'
            f'<p class="from">{escape(_keep(publisher_line(publisher, address=True)))}</p>'
            f'<p class="to">{address}</p><p class="date">{long_date(today)}</p>'
            f"<h1>{QUESTION} Your entry in {escape(title)}</h1>"
            f"<p>Dear {escape(greeting(letter))},</p>"
            f'<div class="entry">{entry_html(letter.entry, title)}</div>{body}</section>'
        )
    return visible(
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Review letters</title>'
        f"<style>{CSS.read_text(encoding='utf-8')}{LETTER_CSS}</style></head><body>{''.join(pages)}</body></html>"
    )


def _keep(text: str) -> str:
    return POSTCODE.sub(lambda m: m[0].replace(" ", NBSP), text)


LETTER_CSS = """
@page { size: A4; margin: 18mm 18mm 16mm; }
body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.3; }
.letter { break-after: page; }
.letter:last-child { break-after: auto; }
.letter h1 { font-size: 1.25em; margin: .8em 0 .5em; }
.letter .from { text-align: right; margin: 0 0 .8em auto; max-width: 24em; }
.letter .entry { border: 2px solid #555; padding: .2em .8em .4em; margin: .6em 0 .8em; break-inside: avoid; }
.letter .entry .group { border: none; }
.letter p { margin: .45em 0; }
"""


def letters_pdf(found: list[Letter], directory: Directory, today: dt.date) -> bytes:
    from assetdir.export.pdf import html_to_pdf

    return html_to_pdf(letters_html(found, directory, today))
