"""assetdir.words: a group in plain words (when it meets)."""

import pytest

from assetdir.format.models import Group, Session
from assetdir.words import group_when, when


@pytest.mark.parametrize(
    "session, words",
    [
        ({"days": "tuesday", "start": "12:00", "end": "14:00"}, "Every Tuesday, 12:00-14:00"),
        (
            {"days": ["monday", "wednesday", "friday"], "start": "10:00", "end": "11:00"},
            "Every Monday, Wednesday and Friday, 10:00-11:00",
        ),
        (
            {"days": "tuesday", "start": "12:00", "end": "14:00", "every": "month", "weeks": [3, 1]},
            "1st and 3rd Tuesday of the month, 12:00-14:00",
        ),
        (
            {"days": "friday", "start": "2pm", "every": "month", "weeks": [-1, 2]},
            "2nd and last Friday of the month, from 14:00",
        ),
        (
            {"days": "friday", "start": "10:00", "end": "11:00", "every": "month", "weeks": [-1]},
            "Last Friday of the month, 10:00-11:00",
        ),
        (
            {"days": "thursday", "start": "10:00", "end": "12:00", "every": "fortnight", "starting": "2026-01-08"},
            "Every other Thursday, 10:00-12:00 (fortnightly from 8 January 2026)",
        ),
        (
            {
                "days": "monday",
                "start": "10:00",
                "end": "11:00",
                "from": "2026-01-05",
                "until": "2026-03-30",
                "note": "Not on bank holidays",
            },
            "Every Monday, 10:00-11:00 (from 5 January 2026, until 30 March 2026). Not on bank holidays",
        ),
        (
            {"by_arrangement": True, "note": "Home visits, call to arrange"},
            "By arrangement: Home visits, call to arrange",
        ),
    ],
)
def test_sessions_in_words(session, words):
    assert when(Session.model_validate(session)) == words


def test_group_without_sessions_says_contact_for_times():
    group = Group.model_validate(
        {"name": "A", "summary": "B", "categories": ["walking"], "area": "x", "attending": ["phone"]}
    )
    assert group_when(group) == ["Contact for times"]


@pytest.mark.parametrize(
    "start, end, words",
    [
        ("10:00", "12:00", "10am to 12\u00a0noon"),  # a no-break space: never "12" at a line's end
        ("14:00", "16:30", "2pm to 4.30pm"),
        ("12:30", "14:30", "12.30pm to 2.30pm"),
        ("09:05", "11:45", "9.05am to 11.45am"),
        ("11:00", "12:15", "11am to 12.15pm"),
        ("00:30", None, "from 12.30am"),
    ],
)
def test_times_in_twelve_hours_as_people_say_them(start, end, words):
    from assetdir.words import times

    session = Session.model_validate({"days": "monday", "start": start, **({"end": end} if end else {})})
    assert times(session, "12h") == words
    assert times(session) == (f"{start}-{end}" if end else f"from {start}")  # data formats keep HH:MM


def test_midnight_and_noon_are_said_so():
    from assetdir.words import clock

    assert [clock(t, "12h") for t in ("00:00", "12:00", "23:59", "13:00")] == [
        "12\u00a0midnight",
        "12\u00a0noon",
        "11.59pm",
        "1pm",
    ]
    assert clock("13:00", "24h") == "13:00"


def test_next_meetings_and_closed_periods_in_words():
    import datetime as dt

    from assetdir.words import closed_period, next_meetings

    since = dt.date(2026, 11, 27)
    days = [dt.date(2026, 12, 11), dt.date(2026, 12, 25), dt.date(2027, 1, 8)]
    assert next_meetings(days, since) == "Next: 11 and 25 December, 8 January"
    assert next_meetings(days[2:], since) == "Next: 8 January"
    assert next_meetings([dt.date(2028, 1, 7)], since) == "Next: 7 January 2028"  # over a year ahead
    assert next_meetings([], since) == ""
    christmas = closed_period(dt.date(2026, 12, 21), dt.date(2027, 1, 4), "Closed over Christmas", since)
    assert christmas == "Closed 21 December to 4 January (Closed over Christmas)"
    assert closed_period(dt.date(2026, 12, 25), dt.date(2026, 12, 25), None, since) == "Closed 25 December"
