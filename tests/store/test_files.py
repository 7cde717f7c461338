"""assetdir.store.files: one group file checked as validate checks it: the tabs the reader accepts, and
every document of the public YAML test suite (a problem or a group, never an exception)."""

from __future__ import annotations

import pytest

from assetdir.store.files import check_file
from conftest import SHARED, shared
from edit.tabs import CANONICAL, accepted

from .conftest import check_problems


def test_the_cases_found_by_trying_are_accepted_by_validate(folder):
    for text in (
        CANONICAL.replace("Club   #", "Club\t#"),
        CANONICAL.replace("contact:\n  phone", "contact:\t\n  phone"),
        CANONICAL.replace("  contact: {", "  contact:\t{"),
        CANONICAL.replace("[lunch-club, social", "[lunch-club,\tsocial"),
    ):
        assert accepted(folder, text)


SUITE = SHARED / "yaml-test-suite"


# ---------------------------------------------------------------- the public YAML test suite


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
