"""Group files with tabs where YAML allows them: a file in fmt's canonical form, one fmt has work to do on,
ways of putting tabs in, and whether validate accepts the result (shared by the tests of fmt, checked
and the file check, and by the commands' tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.edit import changes
from assetdir.store.directory import open_directory
from assetdir.store.files import check_file
from conftest import SETTINGS, write_group

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


def tabbed(text: str, places: list[tuple[int, bool]], indents: bool = True) -> str:
    """`text` with a tab at each of these whitespace places: replacing the space there,
    or put before it (a space or a line end); in the indentation too unless `indents` is False."""
    spots = [i for i, char in enumerate(text) if char in " \n" and (indents or text[i - 1 : i] not in ("\n", " ", ""))]
    out = list(text)
    for spot, replace in {spots[n % len(spots)]: replace for n, replace in places}.items():
        out[spot] = "\t" if replace and text[spot] == " " else "\t" + text[spot]
    return "".join(out)


def single_tabs(text: str) -> list[str]:
    """Every way of putting one tab in a whitespace place of `text`."""
    spots = [i for i, char in enumerate(text) if char in " \n"]
    return sorted({tabbed(text, [(n, replace)]) for n in range(len(spots)) for replace in (True, False)})


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


# fmt has work to do here: a key order, a postcode and a phone number.
UNTIDY = (
    CANONICAL.replace("AS1 2AB", "as12ab")
    .replace('    start: "12:00"\n    end: "14:00"\n', '    end: "14:00"\n    start: "12:00"\n')
    .replace("phone: 01632 960123", 'phone: "01632960123"')
)


def model(root: Path, text: str) -> dict:
    directory = open_directory(root, cache=False)
    group = changes.check_text(directory, root / "groups" / "probe.yaml", text)
    return group.model_dump(exclude={"last_checked", "checked_by"})


# The duplicate merged into it: nothing it has is new, so the group kept stays as it is.
DUPLICATE = """\
name: Northfield Lunch Club
summary: Hot two-course lunch and a chat.
categories: [lunch-club]
area: northfield
venues:
  - name: Chapel Hall
last_checked: 2026-09-01
"""
