"""The iCalendar export: parsed back and expanded by independent libraries to check real dates."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from assetdir.export.ics import PRIVATE_WARNING, fold, text, to_ics
from assetdir.format.models import Group
from assetdir.format.vocabulary import Vocabulary
from assetdir.query.dates import meets_on, occurs_on
from assetdir.store.directory import open_directory
from assetdir.store.validate import load
from assetdir.visible import visible
from conftest import REPO, TODAY
from golden import check_golden

from .controls import DANGER, NAME, SHOWN, selection

LONDON = ZoneInfo("Europe/London")
NATION = DIRECTORY_NATION = "england-and-wales"

STAMP = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)

DIRECTORY = open_directory(REPO)

SAMPLE = sorted(load(DIRECTORY, TODAY).groups.items())


def group(*sessions: dict, **fields: object) -> Group:
    data = {
        "name": "Northfield Lunch Club",
        "summary": "Hot two-course lunch and a chat.",
        "categories": ["lunch-club"],
        "area": "northfield",
        "venues": [{"name": "Chapel Hall", "address": "12 Chapel Lane", "postcode": "NF1 2AB"}],
        "sessions": list(sessions),
        **fields,
    }
    return Group.model_validate(data, context={"id": "northfield-lunch-club"})


def export(*groups: Group, stamp: dt.datetime = STAMP, include_private: bool = False) -> str:
    pairs = [(f"group-{i}", g) for i, g in enumerate(groups)]
    return to_ics(
        pairs,
        title="Test directory",
        areas={"northfield": "Northfield"},
        vocab=Vocabulary(),
        stamp=stamp,
        include_private=include_private,
    )


def starts(ics: str, until: dt.date = dt.date(2027, 12, 31)) -> list[dt.datetime]:
    """Every occurrence's start, expanded by recurring-ical-events."""
    calendar = icalendar.Calendar.from_ical(ics)
    events = recurring_ical_events.of(calendar).between(dt.date(2020, 1, 1), until)
    return sorted(e["DTSTART"].dt for e in events)


def days(ics: str, until: dt.date = dt.date(2027, 12, 31)) -> list[dt.date]:
    return [s.date() for s in starts(ics, until)]


def every(first: dt.date, last: dt.date, step: int = 7) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def unfolded(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_weekly_tuesday_is_at_noon_london_time_either_side_of_the_clock_changes():
    ics = export(group({"days": "tuesday", "start": "12:00", "end": "14:00"}))
    found = starts(ics, dt.date(2026, 12, 1))
    assert [s.date() for s in found] == every(dt.date(2026, 3, 3), dt.date(2026, 11, 24))
    for start in found:
        assert start.astimezone(LONDON).time() == dt.time(12, 0)
    utc_hours = {s.date(): s.astimezone(dt.UTC).hour for s in found}
    assert utc_hours[dt.date(2026, 3, 24)] == 12  # GMT
    assert utc_hours[dt.date(2026, 3, 31)] == 11  # BST from 29 March
    assert utc_hours[dt.date(2026, 10, 20)] == 11
    assert utc_hours[dt.date(2026, 10, 27)] == 12  # GMT again from 25 October
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(hours=2)
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n" in ics


def test_fortnightly_runs_every_other_week_in_step_with_starting():
    ics = export(group({"days": "tuesday", "start": "10:00", "every": "fortnight", "starting": "2026-01-06"}))
    # 6 January + 8 weeks = 3 March, the first such Tuesday on or after the stamp
    assert days(ics, dt.date(2026, 6, 1)) == every(dt.date(2026, 3, 3), dt.date(2026, 6, 1), 14)
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=MO;BYDAY=TU\r\n" in ics


def test_fortnightly_on_two_days_keeps_both_in_the_same_week():
    session = {"days": ["tuesday", "thursday"], "start": "10:00", "every": "fortnight", "starting": "2026-03-12"}
    found = days(export(group(session)), dt.date(2026, 4, 30))
    assert found == [dt.date(2026, 3, d) for d in (10, 12, 24, 26)] + [dt.date(2026, 4, d) for d in (7, 9, 21, 23)]


def test_fortnightly_starting_after_the_stamp_also_runs_before_it_as_occurs_on_says():
    spec = {"days": ["friday"], "start": "10:00", "every": "fortnight", "starting": "2026-06-12"}
    found = days(export(group(spec)), dt.date(2026, 4, 1))
    assert found == [dt.date(2026, 3, 6), dt.date(2026, 3, 20)]
    assert all(occurs_on(spec, d) for d in found)


def test_monthly_first_and_third_thursday():
    ics = export(group({"days": "thursday", "start": "14:00", "every": "month", "weeks": [3, 1]}))
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TH,3TH\r\n" in ics
    found = days(ics, dt.date(2026, 6, 1))
    assert found == [dt.date(2026, m, d) for m, d in ((3, 5), (3, 19), (4, 2), (4, 16), (5, 7), (5, 21))]


def test_monthly_last_friday():
    ics = export(group({"days": "friday", "start": "10:00", "every": "month", "weeks": [-1]}))
    assert "BYDAY=-1FR" in ics
    found = days(ics, dt.date(2027, 3, 1))
    assert found == [
        dt.date(2026, 3, 27),
        dt.date(2026, 4, 24),
        dt.date(2026, 5, 29),
        dt.date(2026, 6, 26),
        dt.date(2026, 7, 31),
        dt.date(2026, 8, 28),
        dt.date(2026, 9, 25),
        dt.date(2026, 10, 30),
        dt.date(2026, 11, 27),
        dt.date(2026, 12, 25),
        dt.date(2027, 1, 29),
        dt.date(2027, 2, 26),
    ]


def test_monthly_several_days_and_weeks_combine():
    session = {"days": ["tuesday", "friday"], "start": "10:00", "every": "month", "weeks": [-1, 2]}
    ics = export(group(session))
    assert "BYDAY=2TU,2FR,-1TU,-1FR" in ics
    found = days(ics, dt.date(2026, 5, 1))
    assert found == [dt.date(2026, 3, d) for d in (10, 13, 27, 31)] + [dt.date(2026, 4, d) for d in (10, 14, 24, 28)]


def test_from_and_until_are_honoured():
    ics = export(group({"days": "tuesday", "start": "12:00", "from": "2026-09-07", "until": "2026-12-15"}))
    assert days(ics) == every(dt.date(2026, 9, 8), dt.date(2026, 12, 15))
    assert "UNTIL=20261215T235959Z" in ics  # end of the day, GMT


def test_until_in_summer_is_the_end_of_the_london_day_in_utc():
    ics = export(group({"days": "tuesday", "start": "23:30", "until": "2026-07-14"}))
    assert "UNTIL=20260714T225959Z" in ics
    found = starts(ics)
    assert found[-1].date() == dt.date(2026, 7, 14)  # 23:30 BST is 22:30 UTC: still that day
    assert found[-1].astimezone(LONDON).time() == dt.time(23, 30)


def test_from_in_the_past_is_the_first_day():
    ics = export(group({"days": "monday", "start": "09:30", "from": "2026-01-01"}))
    assert days(ics, dt.date(2026, 1, 20)) == [dt.date(2026, 1, 5), dt.date(2026, 1, 12), dt.date(2026, 1, 19)]


def test_sessions_without_times_make_no_event():
    finished = {"days": "tuesday", "start": "12:00", "until": "2026-02-01"}  # before the stamp
    ics = export(
        group({"by_arrangement": True, "note": "Home visits by arrangement"}, finished),
        group(),
        group({"days": "monday", "start": "10:00"}),
    )
    assert ics.count("BEGIN:VEVENT") == 1
    assert "UID:group-2-1@assetdir" in ics


def test_no_end_time_gives_an_hour():
    ics = export(group({"days": "monday", "start": "10:00"}))
    event = recurring_ical_events.of(icalendar.Calendar.from_ical(ics)).between(
        dt.date(2026, 3, 1), dt.date(2026, 3, 3)
    )[0]
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(hours=1)
    assert "When: Every Monday, from 10:00\n" in str(event["DESCRIPTION"])


def test_event_fields():
    g = group(
        {"days": "tuesday", "start": "12:00", "end": "14:00", "venue": "annexe", "note": "Not in August"},
        venues=[
            {"name": "Chapel Hall"},
            {"id": "annexe", "name": "The Annexe", "address": "2 Mill Road", "postcode": "nf12ab"},
        ],
        cost={"type": "fee", "amount": 4.5},
        contact={
            "name": "Jean",
            "phone": "01632 960123",
            "email": "hello@example.org",
            "website": "https://example.org/lunch",
        },
        status="paused",
    )
    event = icalendar.Calendar.from_ical(export(g)).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Northfield Lunch Club"
    assert str(event["LOCATION"]) == "The Annexe, 2 Mill Road, NF1 2AB"
    assert str(event["URL"]) == "https://example.org/lunch"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert event["CATEGORIES"].cats == ["Lunch clubs"]
    assert str(event["DESCRIPTION"]).split("\n") == [
        "Status: Paused for now",
        "Hot two-course lunch and a chat.",
        "When: Every Tuesday, 12:00-14:00",
        "Note: Not in August",
        "Area: Northfield",
        "Cost: £4.50",
        "Contact: Jean, 01632 960123, hello@example.org, https://example.org/lunch",
    ]


def test_calendar_header():
    ics = export(group({"days": "tuesday", "start": "12:00"}), stamp=dt.datetime(2026, 3, 1, 9, 0))
    lines = ics.split("\r\n")
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//assetdir//assetdir export//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert "X-WR-CALNAME:Test directory" in lines
    assert "DTSTAMP:20260301T090000Z" in lines  # a naive stamp is taken as UTC
    assert ics.endswith("END:VCALENDAR\r\n")
    timezone = icalendar.Calendar.from_ical(ics).walk("VTIMEZONE")[0]
    assert str(timezone["TZID"]) == "Europe/London"


# -- text: escaping, folding, injection ---------------------------------------------


def test_text_escapes_backslash_semicolon_comma_and_newlines():
    assert text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_text_turns_every_line_break_into_one_and_shows_control_characters():
    # some parsers split lines on these (Python's str.splitlines does); the rest are shown, as \x1b
    shown = "a\\nb\\nc\\nd\\\\x0be\\\\x1cf\\\\x00g\\\\u007fh\\\\u202ei\tj"
    assert text("a\u2028b\u2029c\x85d\x0be\x1cf\x00g\x7fh\u202ei\tj") == shown


def test_fold_never_splits_a_character_and_keeps_lines_to_75_octets():
    line = "SUMMARY:" + "Café 🎉 " * 40
    folded = fold(line)
    for physical in folded.split("\r\n"):
        assert len(physical.encode()) <= 75
        physical.encode().decode("utf-8")  # each line is whole characters
    assert folded.replace("\r\n ", "") == line


def test_awkward_text_round_trips_exactly():
    name = "Tea; cake, and \\ chat – Café crème 🎉 " * 4
    note = "Line one; with, punctuation\nLine two \\ é 👵🏽 " + "x" * 80
    g = group({"days": "tuesday", "start": "12:00", "note": note}).model_copy(update={"name": name})
    ics = export(g)
    for physical in ics.encode().split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")
    assert b"\n" not in ics.encode().replace(b"\r\n", b"") and b"\r" not in ics.encode().replace(b"\r\n", b"")
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == name
    assert f"Note: {note}\n" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    "evil",
    [
        "Club\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Free money\r\nEND:VEVENT",
        "Club\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil",
        "Club\rATTENDEE:mailto:evil@example.org",
        "Club\u2028BEGIN:VEVENT\x85UID:evil\x0bX-EVIL:1\x1cX-EVIL:2\x00",
    ],
)
def test_text_cannot_create_components_or_properties(evil):
    g = group({"days": "tuesday", "start": "12:00", "note": evil}, contact={"website": "https://example.org"})
    g = g.model_copy(
        update={
            "name": evil,
            "summary": evil,
            "contact": g.contact.model_copy(update={"website": "https://example.org/\r\nX-EVIL:1"}),
        }
    )
    ics = export(g)
    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["UID"]) == "group-0-1@assetdir"
    assert not [k for k in events[0] if k.startswith("X-") or k == "ATTENDEE"]
    names = {line.split(":")[0].split(";")[0] for line in unfolded(ics) if line}
    assert names <= {
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "METHOD",
        "X-WR-CALNAME",
        "X-WR-TIMEZONE",
        "TZID",
        "TZNAME",
        "TZOFFSETFROM",
        "TZOFFSETTO",
        "DTSTART",
        "RRULE",
        "UID",
        "DTSTAMP",
        "DTEND",
        "SUMMARY",
        "DURATION",
        "LOCATION",
        "DESCRIPTION",
        "CATEGORIES",
        "URL",
    }
    assert str(events[0]["URL"]) == "https://example.org/X-EVIL:1"


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_text_round_trips_as_one_value(name):
    g = group({"days": "tuesday", "start": "12:00"}).model_copy(update={"name": name})
    ics = export(g)
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == 1
    # line breaks of every kind become "\n"; other control characters are shown (\x1b)
    expected = visible(re.sub("\r\n|[\r\n\x85\u2028\u2029]", "\n", name))
    assert str(events[0]["SUMMARY"]) == expected


def test_a_group_met_by_phone_has_no_location():
    g = group({"days": "friday", "start": "11:00"}, attending=["phone"], venues=[])
    ics = export(g)
    assert "BEGIN:VEVENT" in ics and "LOCATION" not in ics


# -- privacy and identity ------------------------------------------------------------


PRIVATE = {
    "contact": {"name": "Jean Smith", "phone": "07700 900123", "email": "jean@example.org"},
    "notes": "Prefers calls after 10am",
}


def test_private_details_only_when_asked_for():
    g = group({"days": "tuesday", "start": "12:00"}, private=PRIVATE)
    public = "\n".join(unfolded(export(g)))
    for value in ("Jean Smith", "07700 900123", "jean@example.org", "Prefers calls", "PRIVATE"):
        assert value not in public
    private = export(g, include_private=True)
    calendar = icalendar.Calendar.from_ical(private)
    assert str(calendar["X-WR-CALNAME"]) == f"Test directory - {PRIVATE_WARNING}"
    assert str(calendar["X-WR-CALDESC"]) == PRIVATE_WARNING
    description = str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    assert description.split("\n")[-2:] == [
        "Private contact: Jean Smith, 07700 900123, jean@example.org",
        "Private notes: Prefers calls after 10am",
    ]


def test_sample_private_values_stay_out():
    ics = "\n".join(unfolded(sample_ics())).replace("\\", "")
    private = [g.private for _, g in SAMPLE if g.private]
    assert private
    for p in private:
        values = [p.notes] + ([p.contact.name, p.contact.phone, p.contact.email] if p.contact else [])
        for value in filter(None, values):
            assert value.replace(",", "").replace(";", "") not in ics.replace(",", "").replace(";", "")


def test_uids_are_stable_and_unique():
    first, second = sample_ics(), sample_ics(STAMP + dt.timedelta(days=3))
    uids = re.findall(r"^UID:(.*)\r$", first, re.M)
    assert uids == re.findall(r"^UID:(.*)\r$", second, re.M)
    assert len(uids) == len(set(uids)) > 30
    assert sample_ics() == first


# -- the bundled sample directory ----------------------------------------------------


def sample_ics(stamp: dt.datetime = STAMP) -> str:
    return to_ics(SAMPLE, title=DIRECTORY.config.title, areas=DIRECTORY.areas, vocab=DIRECTORY.vocabulary, stamp=stamp)


def test_sample_agrees_with_meets_on_for_a_year():
    """Every day the calendar gives is a day search's meets_on says (closures and bank holidays
    honoured), and the other way round."""
    from assetdir.export.sessions import spec as closures

    calendar = icalendar.Calendar.from_ical(sample_ics())
    found: dict[str, set[dt.date]] = {}
    for event in recurring_ical_events.of(calendar).between(dt.date(2025, 1, 1), dt.date(2028, 1, 1)):
        found.setdefault(str(event["UID"]), set()).add(event["DTSTART"].dt.date())
        assert event["DTSTART"].dt.astimezone(LONDON).strftime("%H:%M") == session_of(str(event["UID"])).start
    year = [STAMP.date() + dt.timedelta(days=n) for n in range(366)]
    checked = 0
    for group_id, g in SAMPLE:
        for n, session in enumerate(g.sessions, start=1):
            spec = session.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            dates = found.pop(f"{group_id}-{n}@assetdir", set())
            block = closures(g)
            assert all(meets_on(spec, d, block, NATION) for d in dates), (group_id, n)
            assert {d for d in year if meets_on(spec, d, block, NATION)} == {d for d in dates if d in year}, (
                group_id,
                n,
            )
            checked += bool(dates)
    assert found == {}
    assert checked > 30


def test_next_dates_in_print_agree_with_the_calendar():
    """The booklet's "Next: ..." of each fortnightly or monthly session of the sample, from its date,
    against the calendar's own expansion by recurring-ical-events (closures and bank holidays excluded)."""
    from assetdir.export.sessions import NEXT, session_spec, spec
    from assetdir.query.dates import next_dates

    stamp = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC)
    calendar = icalendar.Calendar.from_ical(sample_ics(stamp))
    expanded: dict[str, list[dt.date]] = {}
    for event in recurring_ical_events.of(calendar).between(TODAY, TODAY + dt.timedelta(days=366)):
        expanded.setdefault(str(event["UID"]), []).append(event["DTSTART"].dt.date())
    checked = 0
    for group_id, g in SAMPLE:
        for n, session in enumerate(g.sessions, start=1):
            if session.every == "week" or session.by_arrangement:
                continue
            printed = next_dates(session_spec(session), TODAY, spec(g), NATION, NEXT)
            assert printed == sorted(expanded.get(f"{group_id}-{n}@assetdir", []))[:NEXT], (group_id, n)
            checked += bool(printed)
    assert checked >= 8
    millbrook = dict(SAMPLE)["millbrook-lunch-club"].sessions[0]  # every other Friday, not on bank holidays
    assert dt.date(2026, 12, 25) not in sorted(expanded["millbrook-lunch-club-1@assetdir"])
    assert millbrook.bank_holidays == "closed"


def test_closures_and_bank_holidays_are_exdates():
    closed = group(
        {"days": "tuesday", "start": "12:00", "end": "14:00", "closed": {"from": "2026-12-22", "until": "2026-12-29"}},
        {"days": "monday", "start": "10:00"},
        bank_holidays="closed",
    )
    found = days(export(closed, stamp=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)), until=dt.date(2027, 1, 10))
    assert dt.date(2026, 12, 15) in found and dt.date(2027, 1, 5) in found
    assert dt.date(2026, 12, 22) not in found and dt.date(2026, 12, 29) not in found  # the session is closed
    assert dt.date(2026, 12, 28) not in found  # Boxing Day moved to Monday: a bank holiday
    assert dt.date(2026, 12, 21) in found and dt.date(2027, 1, 4) in found
    ics = unfolded(export(closed, stamp=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)))
    # the session's closure, then the Tuesdays that are bank holidays to the end of 2028
    assert "EXDATE;TZID=Europe/London:20261222T120000,20261229T120000,20271228T120000,20281226T120000" in ics


def session_of(uid: str):
    group_id, n = uid.removesuffix("@assetdir").rsplit("-", 1)
    return dict(SAMPLE)[group_id].sessions[int(n) - 1]


def test_sample_matches_the_golden_file():
    # To accept a deliberate change of output: ASSETDIR_REGEN_GOLDEN=1 python -m pytest tests/export/test_ics.py
    # then read the diff of tests/golden/export/sample.ics before committing it.
    check_golden("export/sample.ics", sample_ics())


def test_ics_shows_them_escaped(evil):
    s = selection(evil)
    import datetime as dt

    stamp = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    out = to_ics(s.groups, title=s.title, areas=s.areas, vocab=s.vocab, stamp=stamp)
    assert not DANGER.search(out), repr(DANGER.search(out))
    event = icalendar.Calendar.from_ical(out).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == NAME
    assert str(event["LOCATION"]).startswith(SHOWN[2])
    assert SHOWN[3] in str(event["DESCRIPTION"]) and SHOWN[1] in str(event["DESCRIPTION"])
