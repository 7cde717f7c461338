"""Groups' sessions as an iCalendar (RFC 5545) file: one recurring event per session.

Written by hand rather than with a library: the output is a few dozen fixed
lines per event, and the tool stays free of a dependency and of its start-up cost.

Choices a subscriber sees:
- Times are Europe/London wall-clock times (TZID, with the zone's VTIMEZONE), so a
  12:00 lunch is at 12:00 on both sides of the clock change.
- DTSTART is the first day the session runs on or after its `from` date; without
  `from`, on or after the day of `stamp` (the export's date). The directory says
  what runs now, not what ran before, and a fixed `stamp` gives a fixed file.
- A session without an end time is shown as one hour long (its description still
  says "from HH:MM"): a zero-length event is easy to miss on a phone.
- UIDs are `{group id}-{n}@assetdir`, n the session's place in its group file, so a
  subscribed calendar updates an event when its times change instead of duplicating it.
- A session that cannot be expressed (by arrangement, no days or start, nothing left
  to run after `stamp`) gives no event; notes such as "Not in August" stay in the text.
- Days a session does not meet though its rule says it would (a `closed:` period of
  the group or the session, a bank holiday it closes for) are EXDATEs: bank holidays
  of the directory's nation through the second year after the first occurrence
  (a calendar is exported again long before then).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from assetdir.format.vocabulary import WEEKDAYS
from assetdir.query.dates import bank_holidays, closed_on, occurs_on
from assetdir.query.select import PRIVATE_MARK as PRIVATE_WARNING
from assetdir.visible import visible
from assetdir.words import STATUS, cost, when

if TYPE_CHECKING:
    from assetdir.format.models import Group, Session
    from assetdir.format.vocabulary import Vocabulary

PRODID = "-//assetdir//assetdir export//EN"
ZONE = "Europe/London"
_DAYS = {day: day[:2].upper() for day in WEEKDAYS}  # RFC 5545: MO, TU ...
# GMT/BST since 1996 (the EU rules); the first DTSTARTs are the standard tzdata ones.
_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{ZONE}",
    "BEGIN:DAYLIGHT",
    "TZNAME:BST",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZNAME:GMT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]
# Line breaks of any kind become an escaped \n; other control characters are shown as
# \x1b (RFC 5545 forbids them, and some parsers split lines on \x0b, \x1c, \x85 or U+2028).
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SEARCH_DAYS = 400  # longer than any gap between runs (a 5th weekday recurs within months)


def to_ics(
    groups: list[tuple[str, Group]],
    *,
    title: str,
    areas: dict[str, str] | None,
    vocab: Vocabulary,
    stamp: dt.datetime,
    include_private: bool = False,
    nation: str = "england-and-wales",
) -> str:
    """The calendar of every timed session of `groups`, as text with CRLF line endings."""
    name = f"{title} - {PRIVATE_WARNING}" if include_private else title
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append(f"X-WR-CALNAME:{text(name)}")
    if include_private:
        lines.append(f"X-WR-CALDESC:{text(PRIVATE_WARNING)}")
    lines += [f"X-WR-TIMEZONE:{ZONE}", *_VTIMEZONE]
    dtstamp = _utc(stamp).strftime("%Y%m%dT%H%M%SZ")
    for group_id, group in groups:
        for n, session in enumerate(group.sessions, start=1):
            base = session.from_ or _utc(stamp).date()
            first = first_day(session, base)
            if first is not None:
                event = _event(
                    f"{group_id}-{n}@assetdir", group, session, first, dtstamp, areas, vocab, include_private
                )
                skipped = closed_days(group, session, first, nation)
                if skipped:
                    value = ",".join(_local(day, session.start or "") for day in skipped)
                    event.insert(event.index(f"RRULE:{rrule(session)}") + 1, f"EXDATE;TZID={ZONE}:{value}")
                lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def first_day(session: Session, base: dt.date) -> dt.date | None:
    """The first day on or after `base` the session runs (by `occurs_on`), if any."""
    if session.by_arrangement or not session.days or not session.start:
        return None
    spec = session.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for offset in range(_SEARCH_DAYS):
        day = base + dt.timedelta(days=offset)
        if session.until and day > session.until:
            return None
        if occurs_on(spec, day):
            return day
    return None


def closed_days(group: Group, session: Session, first: dt.date, nation: str) -> list[dt.date]:
    """The days from `first` the session's rule says it meets but it does not: closed, or a bank holiday."""
    spans = [(c.from_, c.last) for c in (*group.closed, *session.closed) if c.last >= first]
    candidates = {s + dt.timedelta(days=n) for s, e in spans for n in range((e - s).days + 1)}
    if (session.bank_holidays or group.bank_holidays or "open") == "closed":
        candidates |= {d for year in range(first.year, first.year + 3) for d in bank_holidays(nation, year)}
    spec = session.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    block = {"closed": [c.model_dump(mode="json", by_alias=True) for c in group.closed]}
    return sorted(
        day
        for day in candidates
        if day >= first
        and occurs_on(spec, day)
        and (closed_on(spec, day) or closed_on(block, day) or day in bank_holidays(nation, day.year))
        and not (session.until and day > session.until)
    )


def rrule(session: Session) -> str:
    """The RRULE value: weekly, fortnightly (weeks from Monday, as `occurs_on` counts) or by nth weekday."""
    days = [_DAYS[d] for d in _DAYS if d in session.days]
    if session.every == "month":
        weeks = sorted(session.weeks or [], key=lambda w: (w < 0, w))
        parts = ["FREQ=MONTHLY", "BYDAY=" + ",".join(f"{w}{d}" for w in weeks for d in days)]
    elif session.every == "fortnight":
        parts = ["FREQ=WEEKLY", "INTERVAL=2", "WKST=MO", "BYDAY=" + ",".join(days)]
    else:
        parts = ["FREQ=WEEKLY", "BYDAY=" + ",".join(days)]
    if session.until:
        parts.append(f"UNTIL={until_utc(session.until):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def until_utc(day: dt.date) -> dt.datetime:
    """The last second of `day` in London, in UTC (RFC 5545: UNTIL is UTC when DTSTART has a TZID)."""
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59) - dt.timedelta(hours=1 if summer else 0)


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _event(
    uid: str,
    group: Group,
    session: Session,
    first: dt.date,
    dtstamp: str,
    areas: dict[str, str] | None,
    vocab: Vocabulary,
    include_private: bool,
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{dtstamp}",
        f"DTSTART;TZID={ZONE}:{_local(first, session.start or '')}",
    ]
    if session.end:
        lines.append(f"DTEND;TZID={ZONE}:{_local(first, session.end)}")
    else:
        lines.append("DURATION:PT1H")
    lines += [f"RRULE:{rrule(session)}", f"SUMMARY:{text(group.name)}"]
    location = _location(group, session)
    if location:
        lines.append(f"LOCATION:{text(location)}")
    lines.append(f"DESCRIPTION:{text(description(group, session, areas, include_private))}")
    if group.categories:
        lines.append("CATEGORIES:" + ",".join(text(vocab.label("categories", c)) for c in group.categories))
    if group.contact and group.contact.website:
        lines.append(f"URL:{visible(_BREAKS.sub('', group.contact.website))}")
    if group.status in ("paused", "closed"):
        lines.append("STATUS:" + ("TENTATIVE" if group.status == "paused" else "CANCELLED"))
    return [*lines, "END:VEVENT"]


def description(group: Group, session: Session, areas: dict[str, str] | None, include_private: bool = False) -> str:
    """The event's plain text: what, when, where to ask; private contact only when asked for."""
    contact = group.contact
    rows = [
        ("Status", STATUS.get(group.status, "")),
        ("", group.summary),
        ("When", when(session, notes=False)),
        ("Note", session.note or ""),
        ("Area", (areas or {}).get(group.area, group.area)),
        ("Cost", cost(group)),
        (
            "Contact",
            ", ".join(x for x in (contact.name, contact.phone, contact.email, contact.website) if x) if contact else "",
        ),
    ]
    private = group.private if include_private else None
    if private and private.contact:
        rows.append(
            (
                "Private contact",
                ", ".join(x for x in (private.contact.name, private.contact.phone, private.contact.email) if x),
            )
        )
    if private and private.notes:
        rows.append(("Private notes", private.notes))
    return "\n".join(f"{label}: {value}" if label else value for label, value in rows if value)


def _location(group: Group, session: Session) -> str:
    venues = [v for v in group.venues if session.venue is None or v.id == session.venue]
    if not venues:
        return ""
    venue = venues[0]
    return ", ".join(x for x in (venue.name, venue.address, venue.postcode) if x)


def _local(day: dt.date, time: str) -> str:
    return f"{day:%Y%m%d}T{time.replace(':', '')}00"


def _utc(stamp: dt.datetime) -> dt.datetime:
    """`stamp` in UTC; a naive one is taken to be UTC already."""
    return stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp


def text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 (backslash, semicolon, comma, newline), controls shown."""
    value = visible(_BREAKS.sub("\n", value))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets of UTF-8, never inside a character."""
    if len(line.encode()) <= 75:
        return line
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)
