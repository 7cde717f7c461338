"""assetdir.query.gaps: the gap tables (active groups by area and day, section or category) and the
categories no area has."""

from __future__ import annotations

from collections import Counter

import pytest

from assetdir.format.vocabulary import CATEGORIES, SECTIONS
from assetdir.problems import AssetdirError
from assetdir.query import gaps
from assetdir.query.gaps import GapTable, gap_tables, level, missing_categories
from assetdir.store.directory import open_directory
from assetdir.store.index import Index
from conftest import TODAY

from .gap_directories import build, group, open_index, tables_of


def cells(table: GapTable) -> dict[tuple[str, str], int]:
    """The non-zero cells, by (area id, column id)."""
    return {
        (area, column): n
        for (area, _), row in zip(table.rows, table.counts)
        for (column, _), n in zip(table.columns, row)
        if n
    }


AREAS = [("northfield", "Northfield"), ("eastgate", "Eastgate"), ("west-end", "West End")]


def test_by_day(small):
    (table,), _ = tables_of(small, ["day"])
    assert table.by == "day"
    assert table.rows == AREAS
    assert table.columns == [
        ("monday", "Monday"),
        ("tuesday", "Tuesday"),
        ("wednesday", "Wednesday"),
        ("thursday", "Thursday"),
        ("friday", "Friday"),
        ("saturday", "Saturday"),
        ("sunday", "Sunday"),
    ]
    assert table.counts == [
        [1, 2, 0, 1, 0, 0, 0],  # lunch on Tuesday and Thursday; the closed group's Wednesday not counted
        [0, 1, 0, 0, 0, 0, 0],  # the paused group's Friday not counted
        [0, 0, 0, 0, 0, 0, 0],  # no groups at all
    ]
    assert table.row_totals == [4, 1, 0]
    assert table.column_totals == [1, 3, 0, 1, 0, 0, 0]


def test_by_section(small):
    (table,), _ = tables_of(small, ["section"])
    assert table.columns == [(s.lower(), s) for s in SECTIONS]
    assert table.counts == [
        # Social: lunch club (two Social categories, counted once) and befriending
        [2, 2, 0, 1, 0, 0],
        [0, 1, 0, 1, 0, 0],  # the paused group's Advice not counted
        [0, 0, 0, 0, 0, 0],
    ]
    assert table.row_totals == [5, 2, 0]
    assert table.column_totals == [2, 3, 0, 2, 0, 0]


def test_by_category(small):
    (table,), missing = tables_of(small, ["category"])
    builtin = list(CATEGORIES.items())
    # the directory's own category goes at the end of its section, not of the whole list
    activities_end = max(i for i, (_, (_, s)) in enumerate(builtin) if s == "Activities") + 1
    expected = [(c, label) for c, (label, _) in builtin]
    expected.insert(activities_end, ("tea-dance", "Tea dances"))
    assert table.columns == expected
    assert table.sections[activities_end] == "Activities"
    assert cells(table) == {
        ("northfield", "lunch-club"): 1,
        ("northfield", "coffee-morning"): 1,
        ("northfield", "walking"): 1,
        ("northfield", "gentle-exercise"): 1,
        ("northfield", "falls-prevention"): 1,
        ("northfield", "befriending"): 1,
        ("eastgate", "tai-chi"): 1,
        ("eastgate", "memory-cafe"): 1,
    }
    assert table.counts[2] == [0] * len(expected)
    assert table.row_totals == [6, 2, 0]
    had = {
        "lunch-club",
        "coffee-morning",
        "walking",
        "gentle-exercise",
        "falls-prevention",
        "befriending",
        "tai-chi",
        "memory-cafe",
    }
    assert missing == [c for c in expected if c[0] not in had]
    # only paused or closed groups have these
    assert ("housing", "Housing") in missing and ("volunteering", "Volunteering") in missing


def test_several_tables_in_the_order_asked(small):
    tables, _ = tables_of(small, ["section", "day", "section"])
    assert [t.by for t in tables] == ["section", "day"]


def test_unknown_by(small):
    index = open_index(small)
    try:
        with pytest.raises(AssetdirError, match='did you mean "day"'):
            gap_tables(index, ["days"])
    finally:
        index.close()


def test_without_settings_areas_are_those_found_sorted(tmp_path):
    root = build(
        tmp_path / "plain",
        None,
        {
            "a": group("north-end", ["walking"], ["monday"]),
            "b": group("east", ["walking"], ["monday"], status="paused"),
        },
    )
    index = Index.open(open_directory(root))
    try:
        (table,) = gap_tables(index, ["day"])
    finally:
        index.close()
    assert table.rows == [("east", "East"), ("north-end", "North End")]
    assert table.counts == [[0] * 7, [1, 0, 0, 0, 0, 0, 0]]


def test_level():
    assert gaps.THIN == 1
    assert [level(n) for n in (0, 1, 2, 50)] == ["empty", "thin", "ok", "ok"]


def test_sample_day_totals_match_the_groups(sample):
    from assetdir.store.validate import load

    directory = open_directory(sample)
    groups = [g for g in load(directory, TODAY).groups.values() if g.status == "active"]
    meeting = Counter(day for g in groups for day in {d for s in g.sessions for d in s.days})
    sections = Counter(s for g in groups for s in {directory.vocabulary.section(c) for c in g.categories})
    had = {c for g in groups for c in g.categories}
    index = Index.open(directory)
    try:
        day, section = gap_tables(index, ["day", "section"])
        missing = missing_categories(index)
    finally:
        index.close()
    assert [label for _, label in day.rows] == list(directory.areas.values())
    assert dict(zip([c for c, _ in day.columns], day.column_totals)) == {d: meeting[d] for d in gaps.DAYS}
    assert sum(day.column_totals) == sum(meeting.values()) > 0
    assert dict(zip([label for _, label in section.columns], section.column_totals)) == {
        s: sections[s] for s in directory.vocabulary.sections
    }
    assert missing == [(c, label) for c, (label, _) in directory.vocabulary.categories.items() if c not in had]
