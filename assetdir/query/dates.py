"""Dates: what day a caller means ("friday", "tomorrow"), whether a session meets on a date (closures
and bank holidays honoured), and when it next meets."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import cache
from typing import Any

from assetdir.format.vocabulary import WEEKDAYS
from assetdir.problems import AssetdirError


def parse_on(value: str, today: dt.date) -> dt.date:
    """--on: a date, today, tomorrow, or a weekday (the next one, today included)."""
    text = value.strip().lower()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + dt.timedelta(days=1)
    day = weekday_named(text)
    if day:
        return coming(today, day)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AssetdirError(f'--on {value}: give a date (2026-12-01), today, tomorrow or a day of the week') from None


def coming(today: dt.date, day: str) -> dt.date:
    """The coming `day` ("friday"): today when it is that day."""
    return today + dt.timedelta(days=(WEEKDAYS.index(day) - today.weekday()) % 7)


def weekday_named(text: str) -> str | None:
    """ "tue", "Tuesdays", "tuesday" -> "tuesday"."""
    text = text.lower().rstrip("s") if len(text) > 3 else text.lower()
    for day in WEEKDAYS:
        if day == text or (len(text) >= 3 and day.startswith(text)):
            return day
    return None


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


# the directory's nation (assetdir.yaml `nation:`) -> the `holidays` package's subdivision of the UK
NATIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}
NATION_NAMES = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


@cache
def bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    """The bank holidays of a nation in a year (substitute days included)."""
    import holidays  # only here: loading it takes a while, and most commands never need it

    return frozenset(holidays.UK(subdiv=NATIONS[nation], years=year))


def closed_on(block: dict[str, Any], day: dt.date) -> dict[str, Any] | None:
    """The `closed:` period of a group or session (as plain data) that holds `day`, if any."""
    for period in block.get("closed") or []:
        first = dt.date.fromisoformat(period["from"])
        if first <= day <= dt.date.fromisoformat(period.get("until") or period["from"]):
            return period
    return None


def meets_on(session: dict[str, Any], day: dt.date, group: dict[str, Any], nation: str) -> bool:
    """Whether a session runs on `day`, its group's and its own closures and bank holidays honoured."""
    if not occurs_on(session, day) or closed_on(session, day) or closed_on(group, day):
        return False
    rule = session.get("bank_holidays") or group.get("bank_holidays") or "open"
    return rule == "open" or day not in bank_holidays(nation, day.year)


def next_dates(
    session: dict[str, Any], after: dt.date, group: dict[str, Any], nation: str, count: int = 3
) -> list[dt.date]:
    """The next `count` days on or after `after` the session meets (looking a year ahead at most)."""
    found: list[dt.date] = []
    for offset in range(366):
        day = after + dt.timedelta(days=offset)
        if session.get("until") and day > dt.date.fromisoformat(session["until"]):
            break
        if meets_on(session, day, group, nation):
            found.append(day)
            if len(found) == count:
                break
    return found


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
