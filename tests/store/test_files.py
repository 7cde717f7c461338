"""assetdir.store.files: one group file checked as validate checks it: the tabs the reader accepts, and
every document of the public YAML test suite (a problem or a group, never an exception)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.store.directory import open_directory
from assetdir.store.files import check_file
from conftest import SETTINGS, SHARED, shared, write_group

from .conftest import check_problems

# Already in fmt's canonical form: fmt must leave it exactly as it is, tabs and all.
CANONICAL = """\
# Northfield Lunch Club, from the church newsletter
name: Northfield Lunch Club   # as on the noticeboard
summary: Hot two-course lunch and a chat.
description: |
  A warm lunch.
  Every week.
categories: [lunch-club, social-group]
area: northfield
age: {min: 60}
venues:
  - name: Chapel Hall  # the big hall
    postcode: AS1 2AB
sessions:
  - days: [tuesday]
    start: "12:00"
    end: "14:00"
contact:
  phone: 01632 960123
last_checked: 2026-10-01
private:
  contact: {name: Jean, phone: 07700 900000}
  notes: Keys are with the caretaker
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tabs")
    (root / "groups").mkdir()
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    return root


def accepted(root: Path, text: str) -> bool:
    """Whether `validate` accepts `text` as a group file."""
    path = write_group(root, "probe", text)
    return check_file(open_directory(root, cache=False), path).group is not None


def test_the_cases_found_by_trying_are_accepted_by_validate(folder):
    for text in (
        CANONICAL.replace("Club   #", "Club\t#"),
        CANONICAL.replace("contact:\n  phone", "contact:\t\n  phone"),
        CANONICAL.replace("  contact: {", "  contact:\t{"),
        CANONICAL.replace("[lunch-club, social", "[lunch-club,\tsocial"),
    ):
        assert accepted(folder, text)


SUITE = SHARED / "yaml-test-suite"


def suite_cases() -> list[str]:
    folder = SUITE / "cases"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else ["(missing)"]


@pytest.mark.parametrize("case", suite_cases())
def test_yaml_test_suite_document_as_a_group_file(case, suite_directory):
    """Every document of the YAML test suite, saved as a group file, loads or gives problems; never raises."""
    shared("yaml-test-suite")
    data = (SUITE / "cases" / f"{case}.yaml").read_bytes()
    path = suite_directory.groups_dir / f"{case.lower()}.yaml"
    path.write_bytes(data)
    try:
        record = check_file(suite_directory, path)
        problems = record.summary.problems
    finally:
        path.unlink()
    check_problems(problems, data.count(b"\n") + data.count(b"\r") + 1)
    # none of these documents is a whole group
    assert record.group is None
    assert any(p.severity == "error" for p in problems)
