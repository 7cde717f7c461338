"""When a group meets, as print says it: times as people say them, the next dates of a fortnightly
or monthly session, closures and bank holidays. From the booklet's date, never the clock."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from assetdir.query.dates import meets_on, next_dates
from assetdir.words import BANK_HOLIDAYS, closed_period, next_meetings, when

if TYPE_CHECKING:
    from assetdir.format.models import Closure, Group, Session
    from assetdir.query.select import Selection

NEXT = 3  # dates a fortnightly or monthly session lists


def spec(block: Group | Session) -> dict[str, Any]:
    """A group's or session's closures and bank-holiday rule as the index keeps them (what dates read)."""
    return {
        "closed": [c.model_dump(mode="json", by_alias=True, exclude={"extensions"}) for c in block.closed],
        "bank_holidays": block.bank_holidays,
    }


def session_spec(session: Session) -> dict[str, Any]:
    return session.model_dump(mode="json", by_alias=True, exclude={"extensions"})


def runs_on(group: Group, session: Session, day: dt.date, nation: str) -> bool:
    return meets_on(session_spec(session), day, spec(group), nation)


def group_when(group: Group, selection: Selection) -> str:
    """Each session in words, one a line; with two venues or more, where each one is; then the
    group's own closures and bank holidays."""
    if not group.sessions:
        return "Contact for times" if group.contact else "Times not given"
    venues = {v.id: v.name for v in group.venues}
    lines = []
    for session in group.sessions:
        if session.by_arrangement:
            lines.append(when(session))
            continue
        text = when(session, notes=False, hours=selection.config.print_times, starting=False)
        if len(group.venues) > 1:
            text += f", at {venues.get(session.venue, group.venues[0].name)}"
        extras = [_next(group, session, selection), *exceptions(session, selection.as_of, group)]
        lines.append(". ".join([text, *[x for x in extras if x], *([session.note] if session.note else [])]))
    lines += exceptions(group, selection.as_of)
    return "\n".join(lines)


def _next(group: Group, session: Session, selection: Selection) -> str:
    """ "Next: 11 and 25 December, 8 January" for a session that does not meet every week."""
    if session.every == "week":
        return ""
    days = next_dates(session_spec(session), selection.as_of, spec(group), selection.config.nation, NEXT)
    return next_meetings(days, selection.as_of)


def exceptions(block: Group | Session, as_of: dt.date, group: Group | None = None) -> list[str]:
    """ "Not on bank holidays", "Closed 21 December to 4 January": what is still to come. A session
    says its bank-holiday rule only where it differs from its group's."""
    out = []
    rule = block.bank_holidays
    if rule and (group is None or rule != (group.bank_holidays or "open")):
        out.append(BANK_HOLIDAYS[rule] if group is not None or rule == "closed" else "")
    out += [_closed(c, as_of) for c in block.closed if c.last >= as_of]
    return [x for x in out if x]


def _closed(closure: Closure, as_of: dt.date) -> str:
    return closed_period(max(closure.from_, as_of), closure.last, closure.note, as_of)


def how_often(session: Session, day: str, group: Group, selection: Selection) -> list[str]:
    """What the day index adds about a session: how often, next dates, closures."""
    from assetdir.words import weeks_of_month

    words = []
    if session.every == "fortnight":
        words.append("every other week")
    elif session.every == "month":
        words.append(f"{weeks_of_month(session)} {day.title()} of the month")
    nxt = _next(group, session, selection)
    if nxt:
        words.append(nxt.replace("Next:", "next"))
    return words + [
        x[0].lower() + x[1:]
        for x in [*exceptions(session, selection.as_of, group), *exceptions(group, selection.as_of)]
    ]
