"""assetdir.merge.partners: partner lists renamed in place when a group is folded away or added under another id."""

from __future__ import annotations

from assetdir.edit import roundtrip
from assetdir.merge.partners import partner_ids, rewire


def rewired(text: str, rename: dict[str, str | None], own_id: str = "memory-cafe") -> tuple[str, list[str]]:
    data = roundtrip.load(text)
    dropped = rewire(data, rename, own_id)
    return roundtrip.dump(data, text), dropped


def test_a_folded_group_is_renamed_to_the_one_kept():
    text, dropped = rewired("name: A\npartners: [luncheon-club, walking-group]\n", {"luncheon-club": "lunch-club"})
    assert text == "name: A\npartners: [lunch-club, walking-group]\n"
    assert dropped == []


def test_a_group_named_twice_is_kept_once_with_its_own_comment():
    text, _ = rewired(
        "name: A\npartners:\n  - luncheon-club   # the old name\n  - lunch-club   # Jean's club\n  - walking-group\n",
        {"luncheon-club": "lunch-club"},
    )
    assert text == "name: A\npartners:\n  - lunch-club   # Jean's club\n  - walking-group\n"


def test_a_group_is_never_its_own_partner():
    text, _ = rewired("name: A\npartners: [luncheon-club, walking-group]\n", {"luncheon-club": "memory-cafe"})
    assert text == "name: A\npartners: [walking-group]\n"


def test_a_partner_left_out_is_dropped_and_said():
    text, dropped = rewired("name: A\npartners: [gone, walking-group]\n", {"gone": None})
    assert text == "name: A\npartners: [walking-group]\n"
    assert dropped == ["gone"]


def test_when_the_only_partner_goes_the_key_goes_unless_it_carries_a_comment():
    text, _ = rewired(
        "name: A\npartners: [luncheon-club]\nlast_checked: 2026-01-05\n", {"luncheon-club": "memory-cafe"}
    )
    assert text == "name: A\nlast_checked: 2026-01-05\n"
    text, _ = rewired("name: A\npartners:   # ask Jean\n  - luncheon-club\n", {"luncheon-club": "memory-cafe"})
    assert "partners:" in text and "ask Jean" in text and "luncheon-club" not in text


def test_partners_written_as_one_line_of_text_are_renamed_too():
    text, _ = rewired("name: A\npartners: luncheon-club, walking-group\n", {"luncheon-club": "lunch-club"})
    assert text == "name: A\npartners: lunch-club, walking-group\n"
    assert partner_ids("lunch-club, walking-group") == ["lunch-club", "walking-group"]


def test_a_list_naming_no_renamed_group_is_left_alone():
    original = "name: A\npartners: [walking-group]   # since 2019\n"
    assert rewired(original, {"luncheon-club": "lunch-club"}) == (original, [])
