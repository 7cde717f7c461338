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
