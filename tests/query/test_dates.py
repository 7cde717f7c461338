"""assetdir.query.dates: whether a session really meets on a date (weekly, fortnightly, monthly, from and until)."""

from __future__ import annotations

import datetime as dt

from assetdir.query.dates import occurs_on


def d(text: str, weekday: str) -> dt.date:
    day = dt.date.fromisoformat(text)
    assert day.strftime("%A") == weekday  # a guard on the test itself
    return day


def test_occurs_on_weekly_with_from_and_until():
    session = {"days": ["tuesday"], "start": "14:00", "from": "2026-09-08", "until": "2026-12-15"}
    assert not occurs_on(session, d("2026-09-01", "Tuesday"))  # before from
    assert occurs_on(session, d("2026-09-08", "Tuesday"))  # from: inclusive
    assert not occurs_on(session, d("2026-09-09", "Wednesday"))
    assert occurs_on(session, d("2026-10-27", "Tuesday"))
    assert occurs_on(session, d("2026-12-15", "Tuesday"))  # until: inclusive
    assert not occurs_on(session, d("2026-12-22", "Tuesday"))
    every = {"days": ["tuesday", "friday"], "start": "10:00"}
    assert occurs_on(every, d("1999-01-01", "Friday")) and occurs_on(every, d("2030-01-01", "Tuesday"))
    assert not occurs_on(every, d("2026-10-28", "Wednesday"))


def test_occurs_on_by_arrangement_never():
    assert not occurs_on({"by_arrangement": True, "note": "Phone us"}, d("2026-10-27", "Tuesday"))


def test_occurs_on_fortnightly():
    session = {"days": ["monday"], "start": "10:00", "every": "fortnight", "starting": "2026-01-05"}
    assert occurs_on(session, d("2026-01-05", "Monday"))
    assert not occurs_on(session, d("2026-01-12", "Monday"))
    assert occurs_on(session, d("2026-01-19", "Monday"))
    assert not occurs_on(session, d("2026-01-26", "Monday"))
    assert occurs_on(session, d("2026-02-02", "Monday"))  # across a month boundary
    assert not occurs_on(session, d("2026-02-09", "Monday"))
    assert occurs_on(session, d("2026-03-02", "Monday"))  # across February
    # `starting` is a date it runs on, not its first: the rhythm holds before it
    assert occurs_on(session, d("2025-12-22", "Monday"))
    assert not occurs_on(session, d("2025-12-29", "Monday"))
    assert not occurs_on(session, d("2026-01-06", "Tuesday"))
    # a year later: 52 weeks on, still in step
    assert occurs_on(session, d("2027-01-04", "Monday"))


def test_occurs_on_fortnightly_with_from_and_two_days():
    session = {
        "days": ["monday", "thursday"],
        "start": "10:00",
        "every": "fortnight",
        "starting": "2026-01-05",
        "from": "2026-01-19",
    }
    assert not occurs_on(session, d("2026-01-05", "Monday"))  # before from
    assert occurs_on(session, d("2026-01-19", "Monday"))
    assert occurs_on(session, d("2026-01-22", "Thursday"))  # same week as a Monday it runs
    assert not occurs_on(session, d("2026-01-29", "Thursday"))
    assert occurs_on(session, d("2026-02-05", "Thursday"))  # across a month boundary


def test_occurs_on_monthly_first_and_third():
    session = {"days": ["tuesday"], "start": "10:00", "every": "month", "weeks": [1, 3]}
    assert occurs_on(session, d("2026-12-01", "Tuesday"))
    assert not occurs_on(session, d("2026-12-08", "Tuesday"))
    assert occurs_on(session, d("2026-12-15", "Tuesday"))
    assert not occurs_on(session, d("2026-12-22", "Tuesday"))
    assert not occurs_on(session, d("2026-12-29", "Tuesday"))
    assert occurs_on(session, d("2026-09-15", "Tuesday"))  # 1st Tuesday of September is the 1st
    assert not occurs_on(session, d("2026-09-08", "Tuesday"))


def test_occurs_on_monthly_last():
    session = {"days": ["friday"], "start": "10:00", "every": "month", "weeks": [-1]}
    # October 2026 has 31 days: Fridays 2, 9, 16, 23, 30
    assert occurs_on(session, d("2026-10-30", "Friday"))
    assert not occurs_on(session, d("2026-10-23", "Friday"))
    # January 2027, 31 days: Fridays 1, 8, 15, 22, 29
    assert occurs_on(session, d("2027-01-29", "Friday"))
    assert not occurs_on(session, d("2027-01-22", "Friday"))
    # July 2026 ends on a Friday
    assert occurs_on(session, d("2026-07-31", "Friday"))
    assert not occurs_on(session, d("2026-07-24", "Friday"))
    # February 2027 (28 days): Fridays 5, 12, 19, 26; February 2028 (29 days): 4, 11, 18, 25
    assert occurs_on(session, d("2027-02-26", "Friday"))
    assert not occurs_on(session, d("2027-02-19", "Friday"))
    assert occurs_on(session, d("2028-02-25", "Friday"))
    assert not occurs_on(session, d("2028-02-18", "Friday"))


def test_occurs_on_monthly_fifth_and_combined():
    fifth = {"days": ["friday"], "start": "10:00", "every": "month", "weeks": [5]}
    assert occurs_on(fifth, d("2026-10-30", "Friday"))
    assert not any(occurs_on(fifth, dt.date(2027, 2, n)) for n in range(1, 29))
    second_and_last = {
        "days": ["thursday"],
        "start": "10:00",
        "every": "month",
        "weeks": [2, -1],
        "until": "2026-12-31",
    }
    assert occurs_on(second_and_last, d("2026-11-12", "Thursday"))
    assert occurs_on(second_and_last, d("2026-11-26", "Thursday"))
    assert not occurs_on(second_and_last, d("2026-11-19", "Thursday"))
    assert not occurs_on(second_and_last, d("2027-01-14", "Thursday"))  # after until


def test_meets_on_honours_closures_of_the_group_and_the_session():
    from assetdir.query.dates import meets_on

    session = {"days": ["tuesday"], "start": "12:00", "closed": [{"from": "2026-12-01"}]}  # one day
    group = {"closed": [{"from": "2026-12-21", "until": "2027-01-04", "note": "Closed over Christmas"}]}
    assert meets_on(session, d("2026-11-24", "Tuesday"), group, "england-and-wales")
    assert not meets_on(session, d("2026-12-01", "Tuesday"), group, "england-and-wales")
    assert meets_on(session, d("2026-12-08", "Tuesday"), group, "england-and-wales")
    assert not meets_on(session, d("2026-12-22", "Tuesday"), group, "england-and-wales")
    assert not meets_on(session, d("2026-12-29", "Tuesday"), group, "england-and-wales")
    assert meets_on(session, d("2027-01-05", "Tuesday"), group, "england-and-wales")  # until: inclusive, then open


def test_meets_on_bank_holidays_of_the_directory_nation():
    from assetdir.query.dates import meets_on

    session = {"days": ["monday"], "start": "10:00"}
    closed = {"bank_holidays": "closed"}
    summer = d("2026-08-31", "Monday")  # the late summer bank holiday in England and Wales only
    scottish = d("2026-08-03", "Monday")  # Scotland's summer bank holiday
    assert meets_on(session, summer, {}, "england-and-wales")  # open unless told
    assert not meets_on(session, summer, closed, "england-and-wales")
    assert meets_on(session, summer, closed, "scotland")
    assert not meets_on(session, scottish, closed, "scotland")
    assert meets_on(session, scottish, closed, "england-and-wales")
    # a session's own rule wins over its group's
    assert meets_on({**session, "bank_holidays": "open"}, summer, closed, "england-and-wales")
    assert not meets_on({**session, "bank_holidays": "closed"}, summer, {}, "england-and-wales")
    boxing_observed = d("2026-12-28", "Monday")  # Boxing Day falls on a Saturday: the Monday is the holiday
    assert not meets_on(session, boxing_observed, closed, "northern-ireland")


def test_next_dates_skip_closures_and_bank_holidays():
    from assetdir.query.dates import next_dates

    session = {"days": ["friday"], "start": "12:30", "every": "fortnight", "starting": "2026-01-09"}
    start = d("2026-11-27", "Friday")
    assert next_dates(session, start, {}, "england-and-wales") == [
        start,
        d("2026-12-11", "Friday"),
        d("2026-12-25", "Friday"),
    ]
    closed = {"bank_holidays": "closed", "closed": [{"from": "2027-01-01", "until": "2027-01-10"}]}
    assert next_dates(session, start + dt.timedelta(days=1), closed, "england-and-wales") == [
        d("2026-12-11", "Friday"),
        d("2027-01-22", "Friday"),  # not Christmas Day, nor 8 January (closed)
        d("2027-02-05", "Friday"),
    ]
    assert next_dates({**session, "until": "2026-12-12"}, start, {}, "england-and-wales", count=5) == [
        start,
        d("2026-12-11", "Friday"),
    ]
