"""Spreadsheets read as rows, whatever Excel saved: encodings, delimiters, title rows,
blank and repeated header rows, headers in people's words, formulas, numbers."""

import datetime as dt

import pytest

from assetdir.problems import AssetdirError
from assetdir.sources.headers import field_of
from assetdir.sources.rows import from_row
from assetdir.sources.spreadsheet import csv_rows, xlsx_rows

from .conftest import FIXTURES

COPIES = ["council-groups.csv", "council-groups-windows-1252.csv", "council-groups-semicolon.csv"]


@pytest.mark.parametrize(
    ("header", "field"),
    [("Group name", "name"), ("NAME OF GROUP", "name"), ("Tel", "phone"), ("Phone  number", "phone"),
     ("Post code", "postcode"), ("Ward", "area"), ("Neighbourhood", "area"), ("Day(s)", "days"),
     ("Finish", "end"), ("Web-site", "website"), ("E-mail", "email"), ("Last updated:", "last_checked"),
     ("Wheelchair access", "accessibility"), ("Type of activity", "category"), ("Price", "cost"),
     ("Ward number", None)],
)  # fmt: skip
def test_headers_in_peoples_words(header, field):
    assert field_of(header) == field


@pytest.mark.parametrize("name", COPIES)
def test_every_copy_reads_the_same_rows(name):
    path = FIXTURES / name
    rows = csv_rows(path, path.read_bytes())
    assert [r.number for r in rows] == [4, 5, 8, 9, 10, 11, 12]  # title rows, a blank and a repeated header gone
    assert rows[0].cells["Cost"] == "£4.50 two courses"
    assert rows[0].cells["Name of Group"] == "Northfield Friendship Lunch"


def test_a_csv_without_headers_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(AssetdirError, match=r"list.csv: not a spreadsheet of groups"):
        csv_rows(path, path.read_bytes())


def test_workbook_rows_dates_numbers_and_an_unsaved_formula(workbook):
    rows = xlsx_rows(workbook)
    assert [r.number for r in rows] == [3, 6, 7]
    assert rows[0].cells["Last updated"] == dt.date(2026, 9, 14)
    assert rows[0].cells["Phone number"] == 1632960111
    assert rows[2].problems == [
        "sheet 'Groups 2026' cell I7 holds a formula whose value was never saved (open the file in a spreadsheet "
        "program, save it, and import again)"
    ]


def test_a_row_as_a_group(fit):
    path = FIXTURES / "council-groups.csv"
    row = csv_rows(path, path.read_bytes())[0]
    draft = from_row(row, "council-groups.csv", fit, {})
    assert draft.problem is None
    assert draft.data["categories"] == ["lunch-club"] and draft.data["area"] == "northfield"
    assert draft.data["venues"] == [
        {"name": "Methodist Church Hall", "address": "12 Chapel Lane, Northfield", "postcode": "NF1 2AB",
         "accessibility": ["step-free"]}
    ]  # fmt: skip
    assert draft.data["sessions"] == [{"days": ["tuesday"], "start": "12:00", "end": "14:00"}]
    assert draft.data["contact"]["website"] == "https://www.friendship.example.org"
    assert draft.data["cost"] == {"type": "fee", "amount": 4.5, "note": "£4.50 two courses"}
    assert draft.data["last_checked"] == dt.date(2026, 9, 14)
    assert draft.kept == {"Ward number": "12"}
    assert 'accessibility: "Yes" taken as step-free' in draft.guesses


def test_a_bad_phone_is_kept_aside_and_said(fit):
    path = FIXTURES / "council-groups.csv"
    row = csv_rows(path, path.read_bytes())[2]
    draft = from_row(row, "council-groups.csv", fit, {})
    assert "contact" in draft.data and "phone" not in draft.data["contact"]
    assert draft.kept["phone"] == "0163 BAD"
    assert any("0163 BAD" in g for g in draft.guesses)


def test_a_row_without_a_name_or_an_area_says_why(fit):
    path = FIXTURES / "council-groups.csv"
    rows = csv_rows(path, path.read_bytes())
    assert from_row(rows[5], "x.csv", fit, {}).problem == "no name (every group needs one)"
    assert "no area ('Nowhere Ward' matched nothing here)" in from_row(rows[6], "x.csv", fit, {}).problem


def test_a_phone_read_as_a_number_gets_its_0_back(fit, workbook):
    draft = from_row(xlsx_rows(workbook)[0], "c.xlsx", fit, {})
    assert draft.data["contact"]["phone"] == "01632 960111"
    assert draft.data["sessions"] == [{"days": ["tuesday"], "start": "12:00", "end": "14:00"}]


def test_cells_beyond_the_headers_are_kept(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("Group name,Ward\nLunch,Northfield,extra note\n", encoding="utf-8")
    assert csv_rows(path, path.read_bytes())[0].cells == {"Group name": "Lunch", "Ward": "Northfield",
                                                          "column 3": "extra note"}  # fmt: skip


def test_a_csv_saved_with_its_formulas_names_the_cell_and_what_to_do(tmp_path):
    data = b'Group name,Phone,Summary\n=HYPERLINK("http://x"),=B1,Tea\nTea Club,01632 960111,=2+2 is fun\n'
    formula, fine = csv_rows(tmp_path / "f.csv", data)
    assert formula.number == 2
    assert [p.split(" holds")[0] for p in formula.problems] == ["column 1", "column 2"]
    assert "paste as values" in formula.problems[0]
    assert fine.problems == []  # text that only starts with "=" is text
