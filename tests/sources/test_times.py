"""Times in words, and Open Referral schedules, as sessions."""

import datetime as dt

import pytest

from assetdir.sources.times import from_schedule, parse_when


@pytest.mark.parametrize(
    ("said", "session"),
    [
        ("Tuesdays 10am-12pm", {"days": ["tuesday"], "start": "10:00", "end": "12:00"}),
        (
            "1st & 3rd Monday 2-4pm",
            {"days": ["monday"], "start": "14:00", "end": "16:00", "every": "month", "weeks": [1, 3]},
        ),
        (
            "Last Friday of the month 1.30pm - 3.30pm",
            {"days": ["friday"], "start": "13:30", "end": "15:30", "every": "month", "weeks": [-1]},
        ),
        ("Mon, Wed 9:30 to 11:00", {"days": ["monday", "wednesday"], "start": "09:30", "end": "11:00"}),
        ("Thursdays 2pm", {"days": ["thursday"], "start": "14:00"}),
        ("Wednesday 11:30am - 2pm", {"days": ["wednesday"], "start": "11:30", "end": "14:00"}),
    ],
)
def test_times_in_words(said, session):
    assert parse_when(said, []) == session


def test_every_other_week_is_a_fortnight_from_a_date_that_does_not_change():
    guesses = []
    session = parse_when("every other Friday 10:00-11:30", guesses)
    assert session["every"] == "fortnight" and session["starting"].weekday() == 4
    assert parse_when("every other Friday 10:00-11:30", []) == session
    assert "a guess" in guesses[0]


@pytest.mark.parametrize("said", ["Term time only", "Tuesday", "10am-12pm", "Tuesdays, ring first 10-12"])
def test_what_is_not_understood_whole_is_none(said):
    assert parse_when(said, []) is None


def test_weekly_schedule():
    rule = {"weekday": "Wednesday", "opens_at": "10:00:00", "closes_at": "12:00:00", "freq": "WEEKLY", "interval": 1}
    assert from_schedule(rule, []) == {"days": ["wednesday"], "start": "10:00", "end": "12:00"}


def test_monthly_by_day():
    rule = {"opens_at": "13:30", "closes_at": "15:00", "freq": "MONTHLY", "byday": "2TH,-1TH"}
    assert from_schedule(rule, [])["weeks"] == [2, -1]


def test_fortnightly_needs_its_start():
    rule = {"opens_at": "18:00", "freq": "WEEKLY", "interval": 2, "byday": "MO", "dtstart": "2026-01-05"}
    assert from_schedule(rule, []) == {
        "days": ["monday"],
        "start": "18:00",
        "every": "fortnight",
        "starting": dt.date(2026, 1, 5),
    }
    del rule["dtstart"]
    assert from_schedule(rule, []) is None


def test_until_and_from():
    rule = {"byday": "FR", "opens_at": "11:00", "valid_from": "2026-01-02", "valid_to": "2027-03-31"}
    assert from_schedule(rule, []) == {
        "days": ["friday"],
        "start": "11:00",
        "from": dt.date(2026, 1, 2),
        "until": dt.date(2027, 3, 31),
    }
