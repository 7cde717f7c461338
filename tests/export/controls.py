"""Group files with control characters in them (escape sequences, bidi controls), and the pattern of what
must never reach an output raw: shared by the export tests and the command's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assetdir.query.filters import Query
from assetdir.query.select import select
from assetdir.store.directory import open_directory
from conftest import SETTINGS, TODAY, write_group

# everything a terminal could obey or that reorders what it shows; tab, line feed and
# a carriage return ending a line are the only controls output may hold
DANGER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


EVIL = """\
name: "Evil \\e]0;pwned\\a Club \\u202egnp"
summary: "Tea \\e[2J and cake \\x9b31m \\u2066x\\u2069 \\x7f"
categories: [lunch-club]
area: northfield
venues:
  - name: "Hall \\u202egnp.exe \\e[5m"
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: "12:00"
    end: "14:00"
    note: "note \\x07 bell \\u200f"
cost:
  type: donation
  note: "cost \\x1b[8m hidden"
contact:
  phone: "01632 960123"
last_checked: 2026-10-01
private:
  notes: "private \\e[2J notes"
"""


NAME = "Evil \\x1b]0;pwned\\x07 Club \\u202egnp"  # the name, as it is shown


SHOWN = [
    NAME,
    "Tea \\x1b[2J and cake \\u009b31m \\u2066x\\u2069 \\u007f",
    "Hall \\u202egnp.exe \\x1b[5m",
    "note \\x07 bell \\u200f",
    "cost \\x1b[8m hidden",
]


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    root = tmp_path / "evil"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    write_group(root, "evil-club", EVIL)
    return root


def selection(root: Path, include_private: bool = False):
    return select(open_directory(root), Query(""), {"active"}, include_private, TODAY)
