"""assetdir.merge.record and conflicts: one group merged into another, as library calls.

Properties over many generated groups: merging a group with itself changes nothing; a merge
never drops a value (each one is in the result, or named as not kept).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assetdir.edit import roundtrip
from assetdir.format.models import Group
from assetdir.merge import conflicts, record, values
from assetdir.yamltext import parse

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
