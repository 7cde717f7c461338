"""Where older people have little on offer: active groups by area and day, section or category.

Everything here answers from the index's facts and files tables with SQL (no pydantic,
no group read whole), so it stays quick for tens of thousands of groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdir.format.vocabulary import WEEKDAYS, did_you_mean
from assetdir.problems import AssetdirError

if TYPE_CHECKING:
    from assetdir.store.index import Index

THIN = 1  # a cell with 1..THIN active groups is thin; 0 is empty

BY = ("day", "section", "category")
DAYS = tuple(WEEKDAYS)
_TITLES = {
    "day": "Active groups meeting on each day of the week, by area",
    "section": "Active groups in each section, by area",
    "category": "Active groups in each category, by area",
}


@dataclass
class GapTable:
    """Active groups counted by area (rows) and by day, section or category (columns)."""

    by: str  # "day" | "section" | "category"
    rows: list[tuple[str, str]]  # (area id, label)
    columns: list[tuple[str, str]]  # (id, label)
    counts: list[list[int]]  # rows x columns
    sections: list[str] = field(default_factory=list)  # by category: each column's section

    @property
    def title(self) -> str:
        """What the table counts, in words."""
        return _TITLES[self.by]

    @property
    def row_totals(self) -> list[int]:
        """Each row's sum: a group in two cells of a row counts twice."""
        return [sum(row) for row in self.counts]

    @property
    def column_totals(self) -> list[int]:
        """Each column's sum: the active groups with that day, section or category."""
        return [sum(column) for column in zip(*self.counts)] if self.counts else [0] * len(self.columns)


def level(count: int) -> str:
    """A count's level: "empty" (0), "thin" (1..THIN) or "ok"."""
    return "empty" if count <= 0 else "thin" if count <= THIN else "ok"


def _counts(index: Index, kind: str) -> dict[tuple[str, str], int]:
    # DISTINCT: a group with two categories in one section has that section fact twice.
    # files.area equals the area fact of every valid row, and joining the facts for it
    # instead took six times as long (SQLite looks through each group's facts)
    rows = index.conn.execute(
        "SELECT files.area, f.value, COUNT(DISTINCT f.rowid) FROM facts AS f "
        "JOIN files ON files.rowid = f.rowid "
        "WHERE f.kind = ? AND files.status = 'active' GROUP BY files.area, f.value",
        (kind,),
    )
    return {(area, value): n for area, value, n in rows}


def _areas(index: Index) -> list[tuple[str, str]]:
    found = {v for (v,) in index.conn.execute("SELECT DISTINCT value FROM facts WHERE kind = 'area'")}
    areas = index.directory.areas
    if areas is None:
        return [(a, a.replace("-", " ").title()) for a in sorted(found)]  # as search labels them
    # an area the settings do not list cannot be valid; kept anyway so no group goes uncounted
    return list(areas.items()) + [(a, a) for a in sorted(found - set(areas))]


def _category_columns(index: Index) -> tuple[list[tuple[str, str]], list[str]]:
    vocab = index.directory.vocabulary
    columns: list[tuple[str, str]] = []
    sections: list[str] = []
    order = list(vocab.sections) + sorted({s for _, s in vocab.categories.values()} - set(vocab.sections))
    for section in order:
        for id_, (label, in_section) in vocab.categories.items():
            if in_section == section:
                columns.append((id_, label))
                sections.append(section)
    return columns, sections


def _table(index: Index, by: str) -> GapTable:
    sections: list[str] = []
    if by == "day":
        columns = [(d, d.title()) for d in DAYS]
    elif by == "section":
        columns = [(s.lower(), s) for s in index.directory.vocabulary.sections]
    else:
        columns, sections = _category_columns(index)
    counts = _counts(index, by)
    rows = _areas(index)
    known = {c for c, _ in columns}
    # only with broken settings (ids then go unchecked): an unknown category, or section "other"
    for value in sorted({v for _, v in counts} - known):
        columns.append((value, value.title() if by == "section" else value))
        if by == "category":
            sections.append(index.directory.vocabulary.section(value))
    grid = [[counts.get((area, column), 0) for column, _ in columns] for area, _ in rows]
    return GapTable(by, rows, columns, grid, sections)


def gap_tables(index: Index, by: list[str]) -> list[GapTable]:
    """One table per kind asked for ("day", "section", "category"), in the order asked."""
    for kind in by:
        if kind not in BY:
            raise AssetdirError(f"--by {kind}: not one of day, section, category{did_you_mean(kind, BY)}")
    return [_table(index, kind) for kind in dict.fromkeys(by)]


def missing_categories(index: Index) -> list[tuple[str, str]]:
    """The vocabulary's categories that no active group has, in table order (id, label)."""
    present = {
        v
        for (v,) in index.conn.execute(
            "SELECT DISTINCT value FROM facts JOIN files ON files.rowid = facts.rowid "
            "WHERE kind = 'category' AND files.status = 'active'"
        )
    }
    columns, _ = _category_columns(index)
    return [(id_, label) for id_, label in columns if id_ not in present]
