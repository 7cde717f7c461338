"""assetdir.merge.fields: one value, a block key by key, a list united, in our file's round-trip data."""

from __future__ import annotations

import pytest

from assetdir.edit import roundtrip
from assetdir.format.order import NESTED, TOP
from assetdir.merge.conflicts import Merged
from assetdir.merge.fields import merge_block, merge_list, merge_value

OURS = """\
name: Northfield Lunch Club   # as on the noticeboard
summary: Hot lunch.
area: northfield
contact:
  name: Jean
  phone: 01632 960110   # the church office
last_checked: 2026-09-14
"""


def value(ours_text: str, theirs_text: str, key: str, on: object, tn: object) -> tuple[str, Merged]:
    ours, theirs = roundtrip.load(ours_text), roundtrip.load(theirs_text)
    merged = Merged(ours)
    merge_value(merged, ours, theirs, key, on, tn, key, TOP)
    return roundtrip.dump(ours, ours_text), merged


def test_an_equal_value_is_left_alone():
    text, merged = value(
        OURS, "name: Northfield Lunch Club\n", "name", "Northfield Lunch Club", "Northfield Lunch Club"
    )
    assert text == OURS
    assert not (merged.filled or merged.added or merged.conflicts)


def test_a_value_only_they_have_is_filled_in_at_its_place():
    text, merged = value(OURS, "organisation: Methodist Church\n", "organisation", None, "Methodist Church")
    assert merged.filled == ["organisation"] and merged.conflicts == []
    assert text.splitlines()[:3] == [
        "name: Northfield Lunch Club   # as on the noticeboard",
        "summary: Hot lunch.",
        "organisation: Methodist Church",
    ]


def test_two_values_are_a_conflict_that_changes_nothing_until_settled():
    text, merged = value(OURS, "summary: Lunch and a chat.\n", "summary", "Hot lunch.", "Lunch and a chat.")
    assert text == OURS
    (conflict,) = merged.conflicts
    assert (conflict.field, conflict.ours, conflict.theirs, conflict.kept) == (
        "summary",
        "Hot lunch.",
        "Lunch and a chat.",
        "",
    )
    conflict.take_theirs()
    assert "summary: Lunch and a chat.\n" in roundtrip.dump(merged.data, OURS)


def test_a_replaced_value_keeps_its_comment():
    ours = roundtrip.load(OURS)
    merged = Merged(ours)
    merge_value(
        merged,
        ours,
        roundtrip.load("name: The Lunch Club\n"),
        "name",
        "Northfield Lunch Club",
        "The Lunch Club",
        "name",
        TOP,
    )
    merged.conflicts[0].take_theirs()
    assert roundtrip.dump(ours, OURS).startswith("name: The Lunch Club   # as on the noticeboard\n")


def test_two_texts_can_be_kept_together():
    text, merged = value(OURS, "summary: Lunch and a chat.\n", "summary", "Hot lunch.", "Lunch and a chat.")
    merged.conflicts[0].keep_both()
    assert "summary: Hot lunch. Lunch and a chat.\n" in roundtrip.dump(merged.data, OURS)  # never ".;"


def test_two_texts_without_a_full_stop_are_kept_with_a_semicolon():
    ours = OURS.replace("summary: Hot lunch.", "summary: Hot lunch")
    text, merged = value(ours, "summary: Lunch and a chat\n", "summary", "Hot lunch", "Lunch and a chat")
    merged.conflicts[0].keep_both()
    assert "summary: Hot lunch; Lunch and a chat\n" in roundtrip.dump(merged.data, ours)


def test_a_text_joined_after_a_full_stop_holds_theirs_next_time():
    joined = OURS.replace("summary: Hot lunch.", "summary: Hot lunch. Lunch and a chat.")
    text, merged = value(
        joined, "summary: Lunch and a chat.\n", "summary", "Hot lunch. Lunch and a chat.", "Lunch and a chat."
    )
    assert text == joined and merged.conflicts == []


def test_a_text_that_holds_theirs_already_is_no_conflict():
    joined = OURS.replace("summary: Hot lunch.", "summary: Hot lunch.; Lunch and a chat.")
    text, merged = value(
        joined, "summary: Lunch and a chat.\n", "summary", "Hot lunch.; Lunch and a chat.", "Lunch and a chat."
    )
    assert text == joined and merged.conflicts == []


def test_only_texts_can_be_kept_together():
    ours = roundtrip.load("age: {min: 60}\n")
    merged = Merged(ours)
    merge_value(merged, ours, roundtrip.load("age: {min: 55}\n"), "age", {"min": 60}, {"min": 55}, "age", TOP)
    assert merged.conflicts[0].keep_both is None


def test_a_block_is_merged_key_by_key():
    ours = roundtrip.load(OURS)
    theirs = roundtrip.load('contact:\n  phone: "01632960110"\n  email: lunch@example.org\n  name: Jean\n')
    merged = Merged(ours)
    on = {"name": "Jean", "phone": "01632 960110"}
    tn = {"name": "Jean", "phone": "01632 960110", "email": "lunch@example.org"}
    merge_block(merged, ours["contact"], theirs["contact"], on, tn, "contact.", NESTED["contact"])
    assert merged.filled == ["contact.email"] and merged.conflicts == []
    assert (
        "contact:\n  name: Jean\n  phone: 01632 960110   # the church office\n  email: lunch@example.org\n"
        in roundtrip.dump(ours, OURS)
    )


def test_a_list_is_united_ours_first_none_twice():
    text = "categories: [lunch-club, social-group]\n"
    ours = roundtrip.load(text)
    merged = Merged(ours)
    merge_list(
        merged,
        ours,
        "categories",
        ["lunch-club", "social-group"],
        ["meals-food", "lunch-club", "meals-food"],
        "categories",
    )
    assert roundtrip.dump(ours, text) == "categories: [lunch-club, social-group, meals-food]\n"
    assert merged.added == ["categories: meals-food"]


def test_a_list_written_as_one_item_becomes_a_list_and_a_new_one_is_added_in_brackets():
    text = "name: A\ncategories: lunch-club\n"
    ours = roundtrip.load(text)
    merged = Merged(ours)
    merge_list(merged, ours, "categories", ["lunch-club"], ["social-group"], "categories")
    merge_list(merged, ours, "audience", [], ["carers"], "audience")
    assert roundtrip.dump(ours, text) == "name: A\ncategories: [lunch-club, social-group]\naudience: [carers]\n"
    assert merged.added == ["categories: social-group", "audience: carers"]


@pytest.mark.parametrize(
    "key, ours, theirs",
    [("name", "Northfield Lunch Club", "Northfield Luncheon Club"), ("last_checked", "2026-09-14", "2026-10-01")],
)
def test_only_free_texts_can_be_joined(key, ours, theirs):
    _, merged = value(OURS, f"{key}: {theirs}\n", key, ours, theirs)
    (conflict,) = merged.conflicts
    assert conflict.keep_both is None  # --join says "this plan has no two texts in conflict on that field"
