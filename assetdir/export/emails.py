"""Review emails: the review letter of each group due that has an email address, as a message
for a mail program to send (the command writes them into one mbox file)."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import TYPE_CHECKING

from assetdir.export.booklet import NBSP, publisher_line
from assetdir.export.letters import QUESTION, Letter, greeting, what_to_do
from assetdir.export.text import entry_lines
from assetdir.problems import AssetdirError
from assetdir.visible import visible

if TYPE_CHECKING:
    from assetdir.store.directory import Directory

WIDTH = 72


def review_messages(found: list[Letter], directory: Directory, today: dt.date) -> list[EmailMessage]:
    """One message for each letter with an email address, from the publisher, dated `today`."""
    publisher = directory.config.publisher or {}
    if not publisher.get("email"):
        raise AssetdirError("review emails are sent from the publisher: add publisher: email: to assetdir.yaml")
    title = directory.config.title
    sender = formataddr((_one_line(publisher["name"]), publisher["email"]))
    stamp = format_datetime(dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC))
    domain = publisher["email"].rsplit("@", 1)[-1]
    out = []
    for letter in found:
        if not letter.email:
            continue
        message = EmailMessage()
        message["From"] = sender
        message["To"] = formataddr((_one_line(letter.to), letter.email))
        message["Subject"] = _one_line(f"{QUESTION} {letter.entry.name} in {title}")
        message["Date"] = stamp
        message["Message-ID"] = f"<review-{letter.id}-{today:%Y%m%d}@{domain}>"
        message.set_content(body(letter, title, publisher))
        out.append(message)
    return out


def body(letter: Letter, title: str, publisher: dict[str, str]) -> str:
    """The letter as plain text: greeting, the entry as the printed text directory has it, what to do."""
    lines = [f"Dear {greeting(letter)},", ""]
    lines += [f"This is your group's entry in {title}, exactly as it is printed:", ""]
    lines += ["    " + line if line else "" for line in entry_lines(letter.entry, WIDTH - 4)]
    lines.append("")
    for paragraph in what_to_do(letter, publisher, by_email=True)[1:]:
        lines += [paragraph, ""]
    lines += ["With thanks,", publisher_line(publisher)]
    return visible("\n".join(lines).replace(NBSP, " ") + "\n")


def _one_line(text: str) -> str:
    """A header value: no line breaks (they would start new headers), controls shown."""
    return visible(" ".join(text.split()))
