"""Dates: what day a caller means ("friday", "tomorrow") and whether a session meets on a date."""

from __future__ import annotations

import calendar
import datetime as dt

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
        return today + dt.timedelta(days=(WEEKDAYS.index(day) - today.weekday()) % 7)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AssetdirError(f'--on {value}: give a date (2026-12-01), today, tomorrow or a day of the week') from None


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


def _weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
