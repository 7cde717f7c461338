"""assetdir.merge.conflicts: which fields a name on the command line means, and how conflicts are settled."""

from __future__ import annotations

import pytest

from assetdir.merge.conflicts import Choices, Conflict, Merged, settle


def conflict(name: str, ours: object = "a", theirs: object = "b", texts: bool = False) -> tuple[Conflict, list[str]]:
    """A conflict whose settling is recorded: "theirs" when their value is taken, "both" when both are kept."""
    done: list[str] = []
    both = (lambda: done.append("both")) if texts else None
    return Conflict(name, ours, theirs, lambda: done.append("theirs"), keep_both=both), done


@pytest.mark.parametrize(
    "field, named, means",
    [
        ("contact.phone", "contact.phone", True),
        ("contact.phone", "contact", True),  # a block's name means every field in it
        ("contact.phone", "contact.email", False),
        ("sessions[1].note", "note", True),  # note and notes mean every note
        ("sessions[1].note", "notes", True),
        ("private.notes", "note", True),
        ("offers[minibus].note", "offers", True),
        ("private.contact.name", "contact", False),  # a private contact is not the public one
        ("cost", "cost", True),
        ("summary", "name", False),
        ("contact.name", "name", False),  # the group's name, not its contact's
        ("private.contact.name", "name", False),
        ("contact.phone", "phone", True),  # a word that is not a top-level field means every field so called
    ],
)
def test_a_field_named_on_the_command_line(field, named, means):
    assert conflict(field)[0].matches([named]) is means


def test_a_private_field_is_known_by_its_name():
    assert conflict("private.notes")[0].private
    assert conflict("private.contact.phone")[0].private
    assert not conflict("contact.phone")[0].private


@pytest.mark.parametrize(
    "prefer, kept, taken", [("ours", "ours", []), ("theirs", "theirs", ["theirs"]), (None, "", [])]
)
def test_prefer_settles_every_conflict_for_one_side(prefer, kept, taken):
    first, done_first = conflict("name")
    second, done_second = conflict("contact.phone")
    merged = Merged(None, conflicts=[first, second])
    settle(merged, Choices(prefer), "2026-01-01", "2026-02-01")
    assert (first.kept, second.kept) == (kept, kept)
    assert done_first == done_second == taken


@pytest.mark.parametrize(
    "ours_checked, theirs_checked, kept",
    [
        ("2026-01-05", "2026-06-30", "theirs"),
        ("2026-06-30", "2026-01-05", "ours"),
        ("2026-06-30", "2026-06-30", "ours"),  # a tie keeps ours
        (None, None, "ours"),
        (None, "2026-01-05", "theirs"),
        ("2026-01-05", None, "ours"),
    ],
)
def test_prefer_newer_takes_the_side_checked_later(ours_checked, theirs_checked, kept):
    one, done = conflict("summary")
    settle(Merged(None, conflicts=[one]), Choices("newer"), ours_checked, theirs_checked)
    assert one.kept == kept
    assert done == (["theirs"] if kept == "theirs" else [])


def test_fields_named_one_by_one_come_before_prefer():
    name, _ = conflict("name")
    phone, phone_done = conflict("contact.phone")
    notes, notes_done = conflict("private.notes", texts=True)
    rest, _ = conflict("last_checked")
    merged = Merged(None, conflicts=[name, phone, notes, rest])
    settle(merged, Choices("theirs", keep=["name"], take=["contact"], join=["notes"]), None, None)
    assert [c.kept for c in merged.conflicts] == ["ours", "theirs", "both", "theirs"]
    assert phone_done == ["theirs"] and notes_done == ["both"]


def test_join_is_for_two_texts_only_and_comes_first():
    texts, texts_done = conflict("summary", texts=True)
    sessions, _ = conflict("sessions", ours=[{"days": ["monday"]}], theirs=[{"days": ["friday"]}])
    merged = Merged(None, conflicts=[texts, sessions])
    settle(merged, Choices(None, take=["summary"], join=["summary", "sessions"]), None, None)
    assert texts.kept == "both" and texts_done == ["both"]
    assert sessions.kept == ""  # two timetables cannot be joined: still to settle


def test_the_value_not_kept_is_the_other_side():
    one, _ = conflict("name", "Ours", "Theirs")
    one.kept = "ours"
    assert one.not_kept == "Theirs"
    one.kept = "theirs"
    assert one.not_kept == "Ours"


def test_a_merge_changed_something_only_when_a_value_of_theirs_came_in():
    kept_ours, _ = conflict("name")
    kept_ours.kept = "ours"
    assert not Merged(None, conflicts=[kept_ours]).changed
    assert Merged(None, filled=["contact.email"]).changed
    assert Merged(None, added=["categories: social-group"]).changed
    kept_theirs, _ = conflict("name")
    kept_theirs.kept = "theirs"
    assert Merged(None, conflicts=[kept_theirs]).changed
