"""Sessions in words: "1st and 3rd Tuesday of the month, 12:00-14:00"."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

from assetdir.format.vocabulary import WEEKDAYS

if TYPE_CHECKING:
    from assetdir.format.models import Group, Session

_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


def and_list(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def times(session: Session) -> str:
    if session.start and session.end:
        return f"{session.start}-{session.end}"
    return f"from {session.start}" if session.start else ""


def when(session: Session, notes: bool = True) -> str:
    """One session in words (with its note, unless `notes` is off)."""
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
    hours = times(session)
    if hours:
        text += f", {hours}"
    extras = []
    if session.every == "fortnight" and session.starting:
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


def occurs_on(session: dict, day: dt.date) -> bool:
    """Whether a session (as the index keeps it: the file's keys) runs on `day`."""
    if session.get("by_arrangement") or _weekday(day) not in session.get("days", []):
        return False
    if session.get("from") and day < dt.date.fromisoformat(session["from"]):
        return False
    if session.get("until") and day > dt.date.fromisoformat(session["until"]):
        return False
    every = session.get("every", "week")
    if every == "fortnight":
        starting = dt.date.fromisoformat(session["starting"])
        weeks = (_monday(day) - _monday(starting)).days // 7
        return weeks % 2 == 0  # `starting` is a day it runs, not the first: it ran before too
    if every == "month":
        nth = (day.day - 1) // 7 + 1
        last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        return nth in session.get("weeks", []) or (last and -1 in session.get("weeks", []))
    return True


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
