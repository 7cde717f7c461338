"""A group in plain words, as `show` and the printed exports say it: its sessions ("1st and
3rd Tuesday of the month, 12:00-14:00"), cost, venues, contact, and plurals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assetdir.format.models import AssetItem, Group, Session, Venue
    from assetdir.format.vocabulary import Vocabulary


def languages(codes: list[str]) -> str:
    """Language codes as names: "English and Punjabi"."""
    from assetdir.format.languages import NAMES

    return and_list([NAMES.get(code, code) for code in codes])


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 group", "2 groups", "0 groups"; `many` for words that do not just add s."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


def and_list(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def clock(hhmm: str, hours: str = "24h") -> str:
    """A time as printed: "14:30" as it is, or in 12 hours as people say it: "2.30pm", "10am", "12 noon"."""
    if hours == "24h":
        return hhmm
    hour, minute = (int(x) for x in hhmm.split(":"))
    if minute == 0 and hour in (0, 12):
        return "12\u00a0noon" if hour == 12 else "12\u00a0midnight"  # never split over two lines
    suffix = "am" if hour < 12 else "pm"
    return f"{hour % 12 or 12}{f'.{minute:02}' if minute else ''}{suffix}"


def times(session: Session, hours: str = "24h") -> str:
    """ "14:00-16:30", or in 12 hours "2pm to 4.30pm"; "from 14:00" without an end."""
    start, end = (clock(t, hours) if t else None for t in (session.start, session.end))
    if start and end:
        return f"{start}-{end}" if hours == "24h" else f"{start} to {end}"
    return f"from {start}" if start else ""


def short_date(day: dt.date, since: dt.date) -> str:
    """ "11 December": the year left out when the date is within a year of `since`."""
    return f"{day.day} {day:%B}" if since <= day < since + dt.timedelta(days=365) else long_date(day)


def next_meetings(days: list[dt.date], since: dt.date) -> str:
    """ "Next: 11 and 25 December, 8 January" (dates of one month together)."""
    months: list[tuple[tuple[int, int], list[dt.date]]] = []
    for day in days:
        if months and months[-1][0] == (day.year, day.month):
            months[-1][1].append(day)
        else:
            months.append(((day.year, day.month), [day]))
    parts = []
    for _, dates in months:
        last = short_date(dates[-1], since)
        parts.append(and_list([str(d.day) for d in dates[:-1]] + [last]) if len(dates) > 1 else last)
    return "Next: " + ", ".join(parts) if parts else ""


def closed_period(first: dt.date, last: dt.date, note: str | None, since: dt.date) -> str:
    """ "Closed 21 December to 4 January (Closed over Christmas)", "Closed 25 December"."""
    text = "Closed " + short_date(first, since) + (f" to {short_date(last, since)}" if last != first else "")
    return text + (f" ({note})" if note and note.lower() != "closed" else "")


BANK_HOLIDAYS = {"closed": "Not on bank holidays", "open": "Open on bank holidays"}


def when(session: Session, notes: bool = True, hours: str = "24h", starting: bool = True) -> str:
    """One session in words (with its note, unless `notes` is off). `starting` off leaves out
    "fortnightly from ..." (print says the next dates instead)."""
    if session.by_arrangement:
        return f"By arrangement: {session.note}" if session.note and notes else "By arrangement"
    days = and_list([d.title() for d in session.days]) if session.days else "Days to be confirmed"
    if session.every == "fortnight":
        text = f"Every other {days}"
    elif session.every == "month":
        text = f"{weeks_of_month(session)} {days} of the month"
        text = text[0].upper() + text[1:]
    else:
        text = f"Every {days}"
    hours = times(session, hours)
    if hours:
        text += f", {hours}"
    extras = []
    if session.every == "fortnight" and session.starting and starting:
        extras.append(f"fortnightly from {long_date(session.starting)}")
    elif session.from_:
        extras.append(f"from {long_date(session.from_)}")
    if session.until:
        extras.append(f"until {long_date(session.until)}")
    if extras:
        text += f" ({', '.join(extras)})"
    if session.note and notes:
        text += f". {session.note}"
    return text


def weeks_of_month(session: Session) -> str:
    """A monthly session's weeks: "1st and 3rd", "last"."""
    weeks = sorted(session.weeks or [], key=lambda w: (w < 0, w))
    return and_list([_ORDINALS[w] for w in weeks])


def group_when(group: Group, notes: bool = True) -> list[str]:
    """Every session of a group in words; "Contact for times" when it lists none."""
    return [when(s, notes) for s in group.sessions] or ["Contact for times"]


ATTENDING = {"venue": "in person", "phone": "by phone", "online": "online", "home-visit": "home visits"}
ACCESS = {
    "drop-in": "Drop in, no need to book",
    "booking": "Please book first",
    "referral": "By referral",
    "membership": "Members (ask about joining)",
}
STATUS = {"paused": "Paused for now", "closed": "Closed", "do-not-list": "Not for listing"}


def paragraphs(text: str) -> str:
    """Plain text as written in a `|` block: lines joined, blank line = new paragraph."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def cost(group: Group, notes: bool = True) -> str:
    if group.cost is None:
        return ""
    text = {"free": "Free", "donation": "Donation welcome", "fee": "£{:.2f}"}[group.cost.type]
    if group.cost.type == "fee" and group.cost.amount is not None:
        text = text.format(group.cost.amount)
    return f"{text} ({group.cost.note})" if group.cost.note and notes else text


def venue_text(venue: Venue, vocab: Vocabulary) -> str:
    where = ", ".join(x for x in (venue.name, venue.address, venue.postcode) if x)
    extras = [", ".join(vocab.label("accessibility", a) for a in venue.accessibility)] if venue.accessibility else []
    if venue.transport:
        extras.append(venue.transport)
    return where + "".join(f". {e}" for e in extras)


def assets(items: list[AssetItem], vocab: Vocabulary) -> str:
    return "; ".join(vocab.label("offers-needs", i.asset) + (f" ({i.note})" if i.note else "") for i in items)


def describe(
    group: Group, vocab: Vocabulary, areas: dict[str, str] | None, include_private: bool = False
) -> list[tuple[str, str]]:
    """(label, text) pairs in reading order; empty fields left out."""
    contact = group.contact
    rows: list[tuple[str, str]] = [
        ("Status", STATUS.get(group.status, "")),
        ("About", group.summary),
        ("Details", paragraphs(group.description or "")),
        ("Run by", group.organisation or ""),
        ("Area", (areas or {}).get(group.area, group.area)),
        ("Categories", ", ".join(vocab.label("categories", c) for c in group.categories)),
        ("For", ", ".join(vocab.label("audience", a) for a in group.audience)),
        ("Ages", _ages(group)),
        ("When", "\n".join(group_when(group))),
        ("Closures", "\n".join(closures(group))),
    ]
    rows += [("Where", venue_text(v, vocab)) for v in group.venues]
    rows += [
        ("How", ", ".join(ATTENDING[a] for a in group.attending) + ". " + ACCESS[group.access]),
        ("Cost", cost(group)),
        (
            "Contact",
            ", ".join(x for x in (contact.name, contact.phone, contact.email, contact.website) if x) if contact else "",
        ),
        (
            "Languages",
            languages(group.languages) if group.languages != ["en"] else "",
        ),
        ("Offers", assets(group.offers, vocab)),
        ("Needs", assets(group.needs, vocab)),
        ("Partners", ", ".join(group.partners)),
        (
            "Last checked",
            f"{group.last_checked}" + (f" ({group.checked_by})" if group.checked_by else "")
            if group.last_checked
            else "never",
        ),
    ]
    if include_private and group.private:
        private = group.private.contact
        if private:
            rows.append(("Private contact", ", ".join(x for x in (private.name, private.phone, private.email) if x)))
        rows.append(("Private notes", group.private.notes or ""))
    return [(label, text) for label, text in rows if text]


def closures(group: Group) -> list[str]:
    """The group's and its sessions' closures and bank-holiday rules, in words, with years."""
    lines = [BANK_HOLIDAYS["closed"]] if group.bank_holidays == "closed" else []
    lines += [closed_period(c.from_, c.last, c.note, dt.date.max) for c in group.closed]
    for n, session in enumerate(group.sessions, start=1):
        which = f"Session {n}: " if len(group.sessions) > 1 else ""
        if session.bank_holidays and session.bank_holidays != (group.bank_holidays or "open"):
            lines.append(which + BANK_HOLIDAYS[session.bank_holidays])
        lines += [which + closed_period(c.from_, c.last, c.note, dt.date.max) for c in session.closed]
    return lines


def _ages(group: Group) -> str:
    if group.age is None:
        return ""
    low, high = group.age.min, group.age.max
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"{low} and over" if low is not None else f"up to {high}"


def contact_line(group: dict, private: bool = False) -> str:
    """A group's contact (as plain data) on one line: name, phone, email; the private one if asked."""
    block = (group.get("private") or {}).get("contact") if private else group.get("contact")
    return ", ".join(str(block[k]) for k in ("name", "phone", "email") if (block or {}).get(k))
