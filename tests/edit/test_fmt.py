"""assetdir.edit.fmt: a group file in canonical form, its comments kept with their keys, its tabs kept."""

from __future__ import annotations

import pytest

from assetdir.edit.fmt import format_text

from .tabs import CANONICAL, UNTIDY, accepted, model, single_tabs
from .untidy import MESSY, TIDY


def test_format_text_is_canonical_and_keeps_comments():
    text, what = format_text(MESSY, "GB")
    assert text == TIDY
    assert what == ["key order", "times", "postcodes", "phone numbers"]


def test_format_twice_changes_nothing():
    assert format_text(TIDY, "GB") == (TIDY, [])


def test_comments_in_a_venue_with_a_list_stay_with_their_keys():
    text = (
        "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\nvenues:\n"
        "  - postcode: AS1 2AB   # checked\n    # the hall's proper name\n    name: Hall\n"
        "    accessibility:\n      - step-free\n    transport: Bus 11   # every ten minutes\n"
    )
    out, what = format_text(text, "GB")
    assert out == (
        "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\nvenues:\n"
        "  - name: Hall\n    # the hall's proper name\n    postcode: AS1 2AB   # checked\n"
        "    accessibility:\n      - step-free\n    transport: Bus 11   # every ten minutes\n"
    )
    assert what == ["key order"]
    assert format_text(out, "GB") == (out, [])


GROUP = "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\n"


def test_a_comment_above_the_first_key_of_a_block_stays_with_that_key():
    text = GROUP + (
        "cost:\n  # tea is extra\n  note: tea 50p\n  type: free\n"
        "contact:\n  # email is the best way\n  email: x@y.org\n  # office line\n  phone: 01632 960110\n"
        "private:\n  # for the coordinator\n  notes: keys at the shop\n"
        "  contact:\n    # evenings only\n    phone: 01632 960111\n    name: Ann\n"
    )
    out, what = format_text(text, "GB")
    assert out == GROUP + (
        "cost:\n  type: free\n  # tea is extra\n  note: tea 50p\n"
        "contact:\n  # office line\n  phone: 01632 960110\n  # email is the best way\n  email: x@y.org\n"
        "private:\n  contact:\n    name: Ann\n    # evenings only\n    phone: 01632 960111\n"
        "  # for the coordinator\n  notes: keys at the shop\n"
    )
    assert what == ["key order"]
    assert format_text(out, "GB") == (out, [])


def test_a_comment_above_the_first_key_of_a_list_item_stays_with_that_key():
    text = GROUP + (
        "venues:\n  - # the new postcode\n    postcode: AS1 2AB\n    name: Hall\n"
        "  -\n    # from the map\n    postcode: AS1 2AB\n    name: Annexe\n"
        "sessions:\n  # the winter session\n  - start: \"10:00\"\n    days: friday\n"
    )
    out, _ = format_text(text, "GB")
    assert out == GROUP + (
        "venues:\n  - name: Hall\n    # the new postcode\n    postcode: AS1 2AB\n"
        "  - name: Annexe\n    # from the map\n    postcode: AS1 2AB\n"
        "sessions:\n  # the winter session\n  - days: friday\n    start: \"10:00\"\n"
    )
    assert format_text(out, "GB") == (out, [])


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_comment_closing_the_file_stays_at_the_end(gap):
    text = "summary: S\nname: A\ncategories: [lunch-club]\narea: northfield\nlast_checked: 2026-10-01\ncontact:\n  phone: 01632 960110\n"
    closing = gap + "# reviewed by the committee\n# in October\n"
    out, what = format_text(text + closing, "GB")
    assert (
        out
        == "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\ncontact:\n  phone: 01632 960110\nlast_checked: 2026-10-01\n"
        + closing
    )
    assert what == ["key order"]


def test_a_comment_after_the_last_key_stays_after_the_block_moved_last():
    text = (
        GROUP
        + "venues:\n  - accessibility:\n      - step-free\n    name: Hall\n    # ask for the side door\n  - name: Annexe\n"
    )
    out, _ = format_text(text, "GB")
    assert (
        out
        == GROUP
        + "venues:\n  - name: Hall\n    accessibility:\n      - step-free\n    # ask for the side door\n  - name: Annexe\n"
    )
    assert format_text(out, "GB") == (out, [])


def test_a_comment_closing_the_file_stays_at_the_end_when_the_last_block_is_reordered():
    text = GROUP + "private:\n  notes: keys at the shop\n  contact:\n    name: Ann\n\n# reviewed in October\n"
    out, _ = format_text(text, "GB")
    assert out == GROUP + "private:\n  contact:\n    name: Ann\n  notes: keys at the shop\n\n# reviewed in October\n"


def test_a_file_with_a_byte_order_mark_keeps_it_first_when_its_first_key_moves():
    text = "\ufeffsummary: S\r\nname: A\r\ncategories: [lunch-club]\r\narea: northfield\r\n"
    assert format_text(text, "GB") == (
        "\ufeffname: A\r\nsummary: S\r\ncategories: [lunch-club]\r\narea: northfield\r\n",
        ["key order"],
    )


@pytest.mark.parametrize("base", [CANONICAL, UNTIDY], ids=["canonical", "messy"])
def test_fmt_handles_one_tab_anywhere_validate_accepts_it(folder, base):
    expected_text, expected_what = format_text(base, "GB")
    tried = 0
    for text in single_tabs(base):
        if not accepted(folder, text):
            continue
        tried += 1
        new, what = format_text(text, "GB")
        # a tab inside a postcode or phone number is one more thing to put in its normal form
        assert set(expected_what) <= set(what) <= set(expected_what) | {"postcodes", "phone numbers"}, text
        assert model(folder, new) == model(folder, text), text
        if not what:
            assert new == text, text  # nothing to do: not a byte changed
        at = next(n for n, line in enumerate(text.splitlines()) if "\t" in line)
        # a line fmt leaves alone keeps its tab
        if what == expected_what and base.splitlines()[at] in expected_text.splitlines():
            assert text.splitlines()[at] in new.splitlines(), text
    assert tried > 100  # most places take a tab


def test_keys_put_in_order_keep_their_tabs():
    session = '  - days: [tuesday]\n    start: "12:00"\n    end: "14:00"\n'
    text = CANONICAL.replace(session, '  - end:\t"14:00"\n    days:\t[tuesday]\n    start:\t"12:00"  # noon\n')
    assert format_text(text, "GB") == (
        CANONICAL.replace(session, '  - days:\t[tuesday]\n    start:\t"12:00"  # noon\n    end:\t"14:00"\n'),
        ["key order"],
    )
