"""assetdir.merge.values: values compared in their normal form, copied in written so, texts kept together."""

from __future__ import annotations

import datetime as dt

from assetdir.edit import roundtrip
from assetdir.merge.values import copied, editable, holds, joined, normal

from .pairs import OURS, THEIRS, model


def test_values_are_compared_in_their_normal_form():
    ours = normal(model(OURS))
    theirs = normal(model(THEIRS.replace("amount: 5,", "amount: 4.5,").replace('"01632960111"', '"01632960110"')))
    assert ours["cost"]["amount"] == theirs["cost"]["amount"] == "4.50"  # an amount to the penny
    assert ours["contact"]["phone"] == theirs["contact"]["phone"] == "01632 960110"
    assert ours["venues"][0]["postcode"] == theirs["venues"][0]["postcode"] == "AS1 2AB"
    assert ours["sessions"][0]["days"] == theirs["sessions"][0]["days"] == ["tuesday"]


def test_normal_form_trims_text_and_keeps_extension_keys():
    group = model(
        OURS.replace("summary: Hot two-course lunch and a chat.", 'summary: "  Hot lunch.  "') + "x-ref: A1\n"
    )
    data = normal(group)
    assert data["summary"] == "Hot lunch."
    assert data["x-ref"] == "A1"


def test_a_value_copied_in_is_written_in_its_normal_form():
    theirs = roundtrip.load(THEIRS)
    norm = normal(model(THEIRS))
    assert copied(theirs["contact"]["phone"], norm["contact"]["phone"], "phone") == "01632 960111"
    venue = copied(theirs["venues"][0], norm["venues"][0])
    assert venue["postcode"] == "AS1 2AB" and venue["name"] == "Chapel Hall"
    session = copied(theirs["sessions"][0], norm["sessions"][0])
    assert session["start"] == "14:30" and type(session["start"]).__name__ == "DoubleQuotedScalarString"
    assert theirs["contact"]["phone"] == "01632960111"  # their data is copied, not changed


def test_a_text_that_holds_the_other_as_one_of_its_parts():
    assert holds("Ring first; Bring a cup", "Bring a cup")
    # texts are compared in normal form, without the spaces and line breaks around them
    assert holds("Prefers calls after 10am.\n\nCouncil contact is Sam.", "Council contact is Sam.")
    assert not holds("Bring a cup", "Bring a cup and a plate")
    assert not holds("Bring a cupboard", "Bring a cup")  # a part, not any piece of the text
    assert not holds("Bring a cup", "Bring a cup")  # the same text is equal, not held


def test_two_texts_kept_together_as_paragraphs_or_on_one_line():
    assert joined("Bring a cup", "Ring first", False) == "Bring a cup; Ring first"
    block = joined("Prefers calls after 10am.\n", "Council contact is Sam.", True)
    assert str(block) == "Prefers calls after 10am.\n\nCouncil contact is Sam.\n"
    assert type(block).__name__ == "LiteralScalarString"  # written as a | block


def test_plain_data_made_editable_writes_dates_as_dates_and_short_lists_in_brackets():
    data = editable(
        {"name": "A", "categories": ["lunch-club"], "last_checked": "2026-09-14", "venues": [{"name": "B"}]}
    )
    assert data["last_checked"] == dt.date(2026, 9, 14)
    text = roundtrip.dump(data, "")
    assert "categories: [lunch-club]\n" in text
    assert "last_checked: 2026-09-14\n" in text
    assert "venues:\n- name: B\n" in text or "venues:\n  - name: B\n" in text
