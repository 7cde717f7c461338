"""assetdir.merge.edits: our file's round-trip data changed in place, its comments and layout kept."""

from __future__ import annotations

from assetdir.edit import roundtrip
from assetdir.format.order import TOP
from assetdir.merge.edits import assign, canonical, insert, unique_id
from assetdir.merge.values import editable

TEXT = """\
name: Northfield Lunch Club
summary: "Hot lunch."   # from the leaflet

# how to get in touch
contact:
  phone: 01632 960110
last_checked: 2026-09-14
"""


def edited(change) -> str:
    data = roundtrip.load(TEXT)
    change(data)
    return roundtrip.dump(data, TEXT)


def test_a_replaced_text_keeps_its_quotes_and_its_comment():
    text = edited(lambda d: assign(d, "summary", "Lunch and a chat.", TOP))
    assert 'summary: "Lunch and a chat."   # from the leaflet\n' in text


def test_a_key_is_inserted_at_its_place_in_the_format_order_below_the_comment_lines_of_the_next():
    text = edited(lambda d: insert(d, "area", "northfield", TOP))
    assert text.startswith(
        'name: Northfield Lunch Club\nsummary: "Hot lunch."   # from the leaflet\narea: northfield\n\n'
        "# how to get in touch\ncontact:\n"
    )


def test_a_block_assigned_changes_only_the_keys_that_differ():
    new = editable({"phone": "01632 960111", "email": "lunch@example.org"})
    text = edited(lambda d: assign(d, "contact", new, TOP))
    assert "# how to get in touch\ncontact:\n  phone: 01632 960111\n  email: lunch@example.org\nlast_checked:" in text


def test_a_block_copied_in_is_in_the_format_key_order_with_values_as_fmt_writes_them():
    venue = canonical(editable({"postcode": "as1 2ab", "name": "Chapel Hall", "id": "chapel"}), "venues")
    assert list(venue) == ["id", "name", "postcode"] and venue["postcode"] == "AS1 2AB"
    session = canonical(editable({"end": "2pm", "days": ["tuesday"], "start": "12.00"}), "sessions")
    assert list(session) == ["days", "start", "end"] and (session["start"], session["end"]) == ("12:00", "14:00")


def test_an_id_already_taken_gets_the_next_number():
    assert unique_id("chapel", {"chapel"}) == "chapel-2"
    assert unique_id("chapel", {"chapel", "chapel-2", "chapel-3"}) == "chapel-4"
