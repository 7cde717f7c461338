"""assetdir.merge.items: offers and needs by asset, venues by postcode or name, sessions as a whole timetable."""

from __future__ import annotations

from assetdir.merge.conflicts import Choices

from .pairs import OURS, THEIRS, fields, merge

BASE = """\
name: Northfield Lunch Club
summary: Hot lunch.
categories: [lunch-club]
area: northfield
venues:
  - name: Chapel Hall
    postcode: AS1 2AB
"""

SESSION = 'sessions:\n  - days: [tuesday]\n    start: "12:00"\n    end: "14:00"\n'


def test_an_offer_of_the_same_asset_is_one_item_and_its_note_is_filled_in():
    ours = BASE + SESSION + "offers: [minibus]\n"
    theirs = BASE + SESSION + "offers:\n  - asset: minibus\n    note: Free on Sundays\n  - asset: hall\n"
    text, merged = merge(ours, theirs)
    assert merged.filled == ["offers[minibus].note"] and merged.added == ["offers: hall"]
    assert text.endswith("offers: [{asset: minibus, note: Free on Sundays}, hall]\n")


def test_two_notes_on_one_need_are_a_conflict_that_can_keep_both():
    ours = BASE + SESSION + "needs:\n  - asset: volunteers\n    note: Drivers on Tuesdays\n"
    theirs = BASE + SESSION + "needs:\n  - asset: volunteers\n    note: Kitchen help\n"
    _, merged = merge(ours, theirs)
    assert fields(merged) == {"needs[volunteers].note": ""}
    text, merged = merge(ours, theirs, Choices(join=["note"]))
    assert "    note: Drivers on Tuesdays; Kitchen help\n" in text


def test_a_venue_with_the_same_postcode_is_the_same_venue_merged_field_by_field():
    theirs = BASE.replace("name: Chapel Hall\n    postcode: AS1 2AB", "name: The Chapel\n    postcode: as1 2ab")
    theirs += "    accessibility: [step-free]\n" + SESSION
    text, merged = merge(BASE + SESSION, theirs)
    assert merged.added == ["venues[Chapel Hall].accessibility: step-free"]
    assert fields(merged) == {"venues[Chapel Hall].name": ""}
    assert text.count("postcode:") == 1 and "    postcode: AS1 2AB\n" in text


def test_a_venue_with_the_same_name_and_no_postcode_is_the_same_venue():
    theirs = BASE.replace("    postcode: AS1 2AB\n", "    transport: Bus 11\n") + SESSION
    text, merged = merge(BASE + SESSION, theirs)
    assert merged.filled == ["venues[Chapel Hall].transport"] and fields(merged) == {}
    assert "  - name: Chapel Hall\n    postcode: AS1 2AB\n    transport: Bus 11\n" in text
    assert text.count("- name:") == 1


def test_another_venue_is_added_in_normal_form():
    ours = BASE + SESSION
    theirs = BASE.replace(
        "    postcode: AS1 2AB\n", "    postcode: AS1 2AB\n  - postcode: as9 9zz\n    name: Library\n"
    )
    theirs += SESSION
    text, merged = merge(ours, theirs)
    assert merged.added == ["venues: Library"]
    assert "  - name: Library\n    postcode: AS9 9ZZ\n" in text  # the format's key order, the postcode as fmt writes it


def test_their_sessions_come_in_when_we_have_none():
    ours = BASE + "contact:\n  phone: 01632 960110\n"
    theirs = BASE + 'sessions:\n  - days: tuesday\n    end: 2pm\n    start: "12.00"\n'
    text, merged = merge(ours, theirs)
    assert merged.filled == ["sessions"]
    assert 'sessions:\n  - days: tuesday\n    start: "12:00"\n    end: "14:00"\n' in text


def test_sessions_all_among_ours_are_nothing_new():
    ours = BASE + SESSION + '  - days: [friday]\n    start: "10:00"\n    end: "12:00"\n'
    text, merged = merge(ours, BASE + SESSION.replace('"12:00"', "12pm"))
    assert text == ours and fields(merged) == {}


def test_timetables_that_differ_only_in_a_note_differ_note_by_note():
    ours = BASE + SESSION + "    note: Bring a cup\n"
    _, merged = merge(ours, BASE + SESSION + "    note: Ring first\n")
    assert fields(merged) == {"sessions[1].note": ""}
    text, _ = merge(ours, BASE + SESSION + "    note: Ring first\n", Choices(join=["note"]))
    assert "    note: Bring a cup; Ring first\n" in text


def test_two_timetables_are_one_conflict_shown_in_words():
    _, merged = merge(OURS, THEIRS)
    (sessions,) = [c for c in merged.conflicts if c.field == "sessions"]
    assert sessions.shown is not None
    assert sessions.shown(sessions.ours) == '["Every Tuesday, 14:00-16:00. Bring a cup"]'
    assert sessions.shown(sessions.theirs) == '["Every Tuesday, 14:30-16:00. Bring a cup"]'


def test_a_timetable_taken_from_them_changes_key_by_key_and_keeps_our_comments():
    text, _ = merge(OURS, THEIRS, Choices(take=["sessions"]))
    # their days as they wrote them, their time in normal form, our comment on its line
    assert 'sessions:\n  - days: tuesday\n    start: "14:30"     # doors open 1.45\n    end: "16:00"\n' in text
