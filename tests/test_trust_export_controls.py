"""Exports are data in their own formats: control characters from a group file are
never written raw into one (a terminal, a browser or a calendar would obey them).

text, csv and ics show them escaped (\\x1b, \\u202e); html (and so pdf) carries none
(they are invalid in HTML) and shows them escaped too; json escapes them as JSON does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import icalendar
import pytest

from conftest import SETTINGS, run, write_group

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

NAME = "Evil \\x1b]0;pwned\\x07 Club \\u202egnp"


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    root = tmp_path / "evil"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    write_group(root, "evil-club", EVIL)
    return root


@pytest.mark.parametrize("suffix", ["txt", "html", "csv", "ics", "json"])
def test_files_written_with_o_hold_none_raw(evil, tmp_path, suffix):
    out = tmp_path / f"out.{suffix}"
    extra = ["--include-private"] if suffix in ("txt", "csv", "json") else []
    result = run("export", "--dir", str(evil), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    text = out.read_bytes().decode("utf-8")
    assert not DANGER.search(text), repr(DANGER.search(text))
    if suffix == "json":  # JSON's own escapes: the same text, read back
        group = json.loads(text)["groups"][0]
        assert group["name"] == "Evil \x1b]0;pwned\x07 Club \u202egnp"
        assert group["private"]["notes"] == "private \x1b[2J notes"
    elif suffix == "ics":
        assert str(icalendar.Calendar.from_ical(text).walk("VEVENT")[0]["SUMMARY"]) == NAME
    else:
        assert NAME in text
