"""A small directory for the gap tables: seven groups in three areas, one closed and one paused."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.query.gaps import GapTable, gap_tables, missing_categories
from assetdir.store.directory import open_directory
from assetdir.store.index import Index
from conftest import write_group

SETTINGS = """\
title: Test
areas:
  northfield: Northfield
  eastgate: Eastgate
  west-end: West End
vocabulary:
  categories:
    tea-dance: {label: Tea dances, section: Activities}
"""


def group(area: str, categories: list[str], days: list[str] | None, status: str = "active") -> str:
    text = f"name: A group\nsummary: Meets.\nstatus: {status}\ncategories: [{', '.join(categories)}]\narea: {area}\n"
    if days is None:  # by telephone, no fixed times
        return text + 'attending: [phone]\ncontact:\n  phone: "01632 960123"\n'
    text += "venues:\n  - name: Hall\n"
    return text + f'sessions:\n  - days: [{", ".join(days)}]\n    start: "10:00"\n    end: "12:00"\n'


GROUPS = {
    # a group meeting on two days, with two categories in the same section
    "nf-lunch": group("northfield", ["lunch-club", "coffee-morning"], ["tuesday", "thursday"]),
    "nf-walk": group("northfield", ["walking"], ["monday"]),
    "nf-chair": group("northfield", ["gentle-exercise", "falls-prevention"], ["tuesday"]),
    "nf-calls": group("northfield", ["befriending"], None),
    "nf-closed": group("northfield", ["volunteering"], ["wednesday"], status="closed"),
    "eg-tai-chi": group("eastgate", ["tai-chi", "memory-cafe"], ["tuesday"]),
    "eg-paused": group("eastgate", ["housing"], ["friday"], status="paused"),
}


def build(root: Path, settings: str | None = SETTINGS, groups: dict[str, str] = GROUPS) -> Path:
    (root / "groups").mkdir(parents=True)
    if settings is not None:
        (root / "assetdir.yaml").write_text(settings, encoding="utf-8")
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


def open_index(root: Path) -> Index:
    index = Index.open(open_directory(root))
    invalid = index.conn.execute("SELECT rel, problems FROM files WHERE status IS NULL").fetchall()
    assert not invalid, invalid  # a fixture group that is not valid would count nowhere, silently
    return index


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return build(tmp_path / "small")


def tables_of(root: Path, by: list[str]) -> tuple[list[GapTable], list[tuple[str, str]]]:
    index = open_index(root)
    try:
        return gap_tables(index, by), missing_categories(index)
    finally:
        index.close()
