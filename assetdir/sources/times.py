"""When a group meets, from the words people write in a spreadsheet ("Tuesdays 10am-12pm",
"1st & 3rd Monday 2-4pm", "every other Friday") and from Open Referral schedules
(freq, interval, byday, opens_at, closes_at)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from assetdir.format.vocabulary import WEEKDAYS

_DAY = {d[:3]: d for d in WEEKDAYS} | {"tues": "tuesday", "weds": "wednesday", "thur": "thursday", "thurs": "thursday"}
_DAY_RE = re.compile(
    r"\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?s?\b\.?", re.I
)
_ORD = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4, "5th": 5}
_ORD |= {"fifth": 5, "last": -1}
_ORD_RE = re.compile(r"\b(1st|first|2nd|second|3rd|third|4th|fourth|5th|fifth|last)\b", re.I)
_T = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|noon|midday"
_RANGE = re.compile(rf"({_T})\s*(?:-|–|—|to|until|till)\s*({_T})", re.I)
_ONE = re.compile(rf"\b(?:at|from)?\s*({_T})", re.I)
_FORTNIGHT = re.compile(r"\b(every other|alternate|fortnightly|every (?:2|two) weeks|every second)\b", re.I)
_MONTH = re.compile(r"\b(of (?:the|each|every) month|monthly|a month|each month)\b", re.I)
_FILLER = re.compile(
    r"\b(every|each|on|weekly|week|and|the|of|month|monthly|from|at|a|in|am|pm|fortnightly|other|alternate|"
    r"two|second|weeks|mornings?|afternoons?|evenings?)\b|[&,;/+()\-–—.:]",
    re.I,
)


def _clock(text: str, partner: str | None = None) -> tuple[int, int, str] | None:
    """'2', '2pm', '10:30', 'noon' -> (hour, minute, am/pm or '')."""
    text = text.strip().lower().replace(".", ":")
    if text in ("noon", "midday"):
        return 12, 0, "pm"
    found = re.match(r"^(\d{1,2})(?::(\d{2}))?\s*([ap]):?m:?$|^(\d{1,2})(?::(\d{2}))?$", text)
    if not found:
        return None
    hour = int(found[1] or found[4])
    minute = int(found[2] or found[5] or 0)
    return hour, minute, found[3] or ""


def _hhmm(hour: int, minute: int, ampm: str) -> str | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def time_range(text: str, guesses: list[str]) -> tuple[str | None, str | None, str]:
    """The start and end of a time written in words, and the text left once they are taken out."""
    found = _RANGE.search(text)
    if found:
        a, b = _clock(found[1]), _clock(found[2])
        if a and b:
            ampm_a = a[2] or (b[2] if (a[0] <= b[0] or b[0] == 12) and b[2] else "")
            if not ampm_a and not b[2] and ":" not in found[1] + found[2] and b[0] <= 7:
                ampm_a = ampm_b = "p"
                guesses.append(f'"{found[0].strip()}" taken as afternoon times')
            else:
                ampm_b = b[2] or ("p" if ampm_a == "p" and b[0] < 12 else "")
            start, end = _hhmm(a[0], a[1], ampm_a), _hhmm(b[0], b[1], ampm_b)
            if start and end:
                return start, end, text[: found.start()] + " " + text[found.end() :]
    found = _ONE.search(text)
    if found and (":" in found[1] or "." in found[1] or re.search("[ap]", found[1], re.I) or found[1] in ("noon",)):
        one = _clock(found[1])
        start = _hhmm(*one) if one else None
        if start:
            return start, None, text[: found.start()] + " " + text[found.end() :]
    return None, None, text


def parse_when(text: str, guesses: list[str]) -> dict[str, Any] | None:
    """A session from words, or None when they are not understood whole."""
    start, end, rest = time_range(text, guesses)
    days = []
    for found in _DAY_RE.finditer(rest):
        day = _DAY[found[1].lower()]
        if day not in days:
            days.append(day)
    weeks = [_ORD[w.lower()] for w in _ORD_RE.findall(rest)]
    leftover = _FILLER.sub(" ", _ORD_RE.sub(" ", _DAY_RE.sub(" ", rest)))
    if not days or start is None or leftover.strip():
        return None
    session: dict[str, Any] = {"days": days, "start": start}
    if end and end > start:
        session["end"] = end
    if weeks or _MONTH.search(rest):
        if not weeks:
            return None
        session |= {"every": "month", "weeks": sorted(set(weeks), key=lambda w: (w < 0, w))}
    elif _FORTNIGHT.search(rest):
        first = next_weekday(_ANCHOR, days[0])  # the same guess on every run, so a second import changes nothing
        session |= {"every": "fortnight", "starting": first}
        guesses.append(
            f'"{" ".join(text.split())}": fortnightly, in the weeks of {first.isoformat()} (a guess: check which weeks)'
        )
    return session


_ANCHOR = dt.date(2024, 1, 1)


def next_weekday(after: dt.date, day: str) -> dt.date:
    return after + dt.timedelta(days=(WEEKDAYS.index(day) - after.weekday()) % 7)


_BYDAY = re.compile(r"^(-?\d)?(MO|TU|WE|TH|FR|SA|SU)$")
_CODES = {d[:2].upper(): d for d in WEEKDAYS}


def from_schedule(rule: dict[str, Any], guesses: list[str]) -> dict[str, Any] | None:
    """A session from an Open Referral schedule (v1 regular_schedules or 3.0 schedules), or None."""
    days, weeks = [], []
    for part in str(rule.get("byday") or "").upper().replace(" ", "").split(","):
        found = _BYDAY.match(part)
        if found:
            days.append(_CODES[found[2]]) if _CODES[found[2]] not in days else None
            if found[1]:
                weeks.append(int(found[1]))
    weekday = str(rule.get("weekday") or "").strip().lower()
    if not days and weekday[:3] in _DAY:
        days = [_DAY[weekday[:3]]]
    start, end = _time(rule.get("opens_at")), _time(rule.get("closes_at"))
    if not days or not start:
        return None
    session: dict[str, Any] = {"days": days, "start": start}
    if end and end > start:
        session["end"] = end
    freq, interval = str(rule.get("freq") or "WEEKLY").upper(), _int(rule.get("interval")) or 1
    if freq == "MONTHLY" and weeks:
        session |= {"every": "month", "weeks": sorted(set(weeks), key=lambda w: (w < 0, w))}
    elif freq == "WEEKLY" and interval == 2:
        starting = _date(rule.get("dtstart"))
        if starting is None:
            return None
        session |= {"every": "fortnight", "starting": starting}
    elif freq != "WEEKLY" or interval != 1:
        return None
    for ours, theirs in (("from", "valid_from"), ("until", "valid_to")):
        day = _date(rule.get(theirs)) or (_date(rule.get("until")) if ours == "until" else None)
        if day:
            session[ours] = day
    return session


def _time(value: Any) -> str | None:
    found = re.match(r"^(\d{1,2}):(\d{2})", str(value or "").strip())
    return f"{int(found[1]):02d}:{found[2]}" if found and int(found[1]) < 24 and int(found[2]) < 60 else None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "")[:10])
    except ValueError:
        return None
