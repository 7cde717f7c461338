"""Exports are data in their own formats: control characters from a group file are
never written raw into one (a terminal, a browser or a calendar would obey them).

text, csv and ics show them escaped (\\x1b, \\u202e); html (and so pdf) carries none
(they are invalid in HTML) and shows them escaped too; json escapes them as JSON does.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import icalendar
import pytest

from assetdir.export.booklet import layout
from assetdir.export.csv import to_table
from assetdir.export.html import to_html
from assetdir.export.ics import to_ics
from assetdir.export.text import to_text
from assetdir.query.filters import Query
from assetdir.query.select import select
from assetdir.store.directory import open_directory
from conftest import SETTINGS, TODAY, run, write_group

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


def test_text_shows_them_escaped(evil):
    out = to_text(layout(selection(evil), "category"))
    assert not DANGER.search(out), repr(DANGER.search(out))
    assert all(shown in out for shown in SHOWN), out


def test_html_carries_none_and_shows_them_escaped(evil):
    out = to_html(layout(selection(evil), "category"))
    assert not DANGER.search(out), repr(DANGER.search(out))
    assert all(shown in out for shown in SHOWN), out


def test_csv_shows_them_escaped(evil):
    out = to_table(selection(evil, include_private=True))
    assert not DANGER.search(out), repr(DANGER.search(out))
    row = list(csv.DictReader(io.StringIO(out)))[0]
    assert row["name"] == NAME and row["summary"] == SHOWN[1] and row["venue"] == SHOWN[2]
    assert row["private_notes"] == "private \\x1b[2J notes" and row["cost"] == f"Donation welcome ({SHOWN[4]})"


def test_ics_shows_them_escaped(evil):
    s = selection(evil)
    import datetime as dt

    stamp = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    out = to_ics(s.groups, title=s.title, areas=s.areas, vocab=s.vocab, stamp=stamp)
    assert not DANGER.search(out), repr(DANGER.search(out))
    event = icalendar.Calendar.from_ical(out).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == NAME
    assert str(event["LOCATION"]).startswith(SHOWN[2])
    assert SHOWN[3] in str(event["DESCRIPTION"]) and SHOWN[1] in str(event["DESCRIPTION"])


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


def test_pdf_shows_them_escaped(evil, tmp_path):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    out = tmp_path / "out.pdf"
    result = run("export", "--dir", str(evil), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert not DANGER.search(text)
    assert "\\x1b]0;pwned\\x07" in text
