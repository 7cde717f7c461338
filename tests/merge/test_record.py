"""assetdir.merge.record and conflicts: one group merged into another, as library calls.

Properties over many generated groups: merging a group with itself changes nothing; a merge
never drops a value (each one is in the result, or named as not kept). Then examples on a
lunch club of ours and their copy of it (tests/merge/pairs.py): normal forms, comments, the
conflicts and how they are settled, partners renamed, merged_from, a second merge.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assetdir.edit import roundtrip
from assetdir.format.models import Group
from assetdir.merge import conflicts, record, values
from assetdir.yamltext import parse

from .pairs import OURS, THEIRS, fields, merge
from .strategies import CONTEXT, SETTINGS, as_file, groups


def leaves(value: Any) -> set[Any]:
    """Every plain value inside a value (none for a value not given)."""
    if isinstance(value, dict):
        return {x for k, v in value.items() if k not in ("id", "venue") for x in leaves(v)}
    if isinstance(value, list):
        return {x for v in value for x in leaves(v)}
    return set() if value is None else {value}


def merge_texts(ours: str, theirs: str, a: Group, b: Group, prefer: str | None) -> tuple[str, conflicts.Merged]:
    data = roundtrip.load(ours)
    merged = record.merge(data, roundtrip.load(theirs), a, b, {}, "lunch")
    conflicts.settle(
        merged, conflicts.Choices(prefer), values.normal(a)["last_checked"], values.normal(b)["last_checked"]
    )
    return roundtrip.dump(data, ours), merged


@SETTINGS
@given(groups)
def test_merging_a_group_with_itself_changes_nothing(data):
    text, group = as_file(data)
    result, merged = merge_texts(text, text, group, group, None)
    assert (merged.filled, merged.added, merged.conflicts) == ([], [], [])
    assert result == text


@SETTINGS
@given(groups, groups, st.sampled_from([None, "ours", "theirs", "newer"]))
def test_a_merge_never_drops_a_value(ours_data, theirs_data, prefer):
    ours_text, a = as_file(ours_data)
    theirs_text, b = as_file(theirs_data)
    result, merged = merge_texts(ours_text, theirs_text, a, b, prefer)
    group = Group.model_validate(parse(result), context={**CONTEXT, "id": "lunch"})
    kept = values.normal(group)
    for side, text in ((values.normal(a), ours_text), (values.normal(b), theirs_text)):
        for key, value in side.items():
            if key not in parse(text):
                continue  # a default, not a value either side wrote
            named = set()
            for c in merged.conflicts:
                if c.field.split(".")[0].split("[")[0] == key:
                    named |= leaves(c.not_kept if c.kept else c.theirs)
            missing = leaves(value) - leaves(kept.get(key)) - named
            assert not missing, (key, missing, merged.conflicts)


def test_values_equal_once_written_the_normal_way_are_not_rewritten_whatever_is_preferred():
    ours = OURS.replace("amount: 4.50        # since April", "amount: 5.00        # since April")
    theirs = ours.replace("amount: 5.00", "amount: 5").replace("01632 960110", '"01632960110"')
    theirs = theirs.replace("AS1 2AB", "as12ab").replace('"14:00"     # doors open 1.45', "2pm")
    for prefer in ("ours", "theirs", "newer"):
        text, merged = merge(ours, theirs, conflicts.Choices(prefer))
        assert text == ours
        assert (merged.filled, merged.added, merged.conflicts) == ([], [], [])


def test_values_copied_in_are_written_in_their_normal_form():
    ours = OURS.replace("  phone: 01632 960110   # the church office\n", "").replace("cost:", "x-cost:")
    text, merged = merge(ours, THEIRS, conflicts.Choices("ours"))
    assert "contact.phone" in merged.filled and "cost" in merged.filled
    assert "  phone: 01632 960111\n" in text  # they wrote "01632960111"
    assert "cost: {type: fee, amount: 5, note: Three courses}\n" in text


def test_a_replaced_value_keeps_its_comment_and_the_blank_lines_around_it():
    text, _ = merge(OURS, THEIRS, conflicts.Choices("theirs"))
    assert text.startswith(
        "# Northfield Lunch Club: Jean runs it\nname: Northfield Luncheon Club   # as on the noticeboard\n"
    )
    assert (
        "cost:                 # per visit\n  type: fee\n  amount: 5        # since April\n  note: Three courses\n\n"
        in text
    )
    assert "  phone: 01632 960111   # the church office\n" in text
    assert "    note: Bring a cup\n\ncontact:\n" in text


def test_every_conflict_is_named_and_nothing_changes_until_settled():
    text, merged = merge(OURS, THEIRS)
    assert fields(merged) == {
        "name": "",
        "cost": "",
        "sessions": "",
        "contact.phone": "",
        "last_checked": "",
        "private.notes": "",
    }
    assert merged.filled == ["contact.email"] and merged.added == ["categories: social-group"]
    assert text == OURS.replace(
        "  phone: 01632 960110   # the church office\n",
        "  phone: 01632 960110   # the church office\n  email: lunch@example.org\n",
    ).replace("categories: [lunch-club]", "categories: [lunch-club, social-group]")


def test_fields_settled_one_by_one_then_the_rest_by_prefer():
    choices = conflicts.Choices("ours", keep=["name"], take=["contact.phone", "cost"], join=["notes"])
    text, merged = merge(OURS, THEIRS, choices)
    assert fields(merged) == {
        "name": "ours",
        "cost": "theirs",
        "sessions": "ours",
        "contact.phone": "theirs",
        "last_checked": "ours",
        "private.notes": "both",
    }
    assert "name: Northfield Lunch Club   # as on the noticeboard\n" in text
    assert "  phone: 01632 960111   # the church office\n" in text
    assert "  notes: |\n    Prefers calls after 10am.\n\n    Council contact is Sam.\n" in text
    assert "last_checked: 2026-09-14\n" in text


def test_their_partners_are_renamed_to_ours_and_never_name_the_group_itself():
    theirs = THEIRS + "partners: [other-memory-cafe, lunch, walking-group, gone]\n"
    rename = {"other-memory-cafe": "memory-cafe", "gone": None}
    text, merged = merge(OURS, theirs, rename=rename)
    assert "partners: [memory-cafe, walking-group]\n" in text
    assert merged.added == ["categories: social-group", "partners: walking-group"]


def test_what_was_folded_in_is_remembered_once():
    data = roundtrip.load(OURS)
    merged = conflicts.Merged(data)
    record.remember(merged, data, ["luncheon-club"])
    record.remember(merged, data, ["luncheon-club", "lunch-club-2"])
    text = roundtrip.dump(data, OURS)
    assert "last_checked: 2026-09-14\nmerged_from: [luncheon-club, lunch-club-2]\nprivate:\n" in text
    assert merged.added == ["merged_from: luncheon-club", "merged_from: lunch-club-2"]


def test_merging_the_result_again_brings_nothing_new():
    text, _ = merge(OURS, THEIRS, conflicts.Choices("theirs", join=["notes"]))
    again, merged = merge(text, THEIRS, conflicts.Choices("theirs"))
    assert again == text
    assert (merged.filled, merged.added, merged.conflicts) == ([], [], [])
