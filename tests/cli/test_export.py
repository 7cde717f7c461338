"""assetdir export: golden files of a small directory, filters, options, privacy and injection.

Golden files are in tests/golden/export/; after a deliberate change to the
output, write them again with ASSETDIR_REGEN_GOLDEN=1 and read the diff."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

import icalendar
import pytest

from assetdir.export.csv import COLUMNS, PRIVATE_COLUMNS
from assetdir.store.directory import open_directory
from assetdir.store.validate import load
from conftest import REPO, TODAY, run, write_group
from export.controls import DANGER, NAME
from golden import check_golden

FIXTURE = REPO / "tests" / "fixtures" / "export"

PRIVATE_VALUES = ["Jean Smith", "07700 900001", "jean.smith@example.org", "Ring after ten"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    target = tmp_path / "small"
    shutil.copytree(FIXTURE, target)
    return target


def export(*args: str) -> tuple[int, str, str]:
    """`export` run with these options: its exit code, standard output and standard error."""
    result = run("export", *args)
    return result.exit_code, result.stdout, result.stderr


def export_file(root: Path, name: str, *args: str) -> Path:
    out = root.parent / name
    code, _, err = export("--dir", str(root), "-o", str(out), *args)
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    "name, args",
    [
        ("small.txt", []),
        ("small-by-day.txt", ["--group-by", "day"]),
        ("small.csv", []),
        ("small.json", []),
        ("small.ics", []),
    ],
)
def test_golden(small, name, args):
    out = export_file(small, name, *args)
    check_golden(f"export/{name}", out.read_bytes().decode("utf-8"))


def test_text_goes_to_standard_output_by_default(small):
    code, out, err = export("--dir", str(small))
    assert code == 0
    assert out.startswith("Riverside Test Directory\n")
    assert "Correct as of 27 November 2026" in out
    assert err == ""


def test_format_comes_from_the_file_name_or_the_option(small):
    assert export_file(small, "x.HTML").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(export_file(small, "x.json").read_text(encoding="utf-8"))["format"] == "assetdir-directory"
    assert export_file(small, "x.data", "--format", "csv").read_text(encoding="utf-8").startswith("id,name,")
    code, _, err = export("--dir", str(small), "-o", str(small.parent / "x.doc"))
    assert code == 2
    assert "cannot tell the format from the file name 'x.doc'" in err
    assert not (small.parent / "x.doc").exists()


def test_message_names_what_was_written(small):
    out = small.parent / "book.txt"
    code, stdout, err = export("--dir", str(small), "-o", str(out))
    assert (code, stdout) == (0, "")
    assert err.strip() == f"Wrote {out} (4 groups, text)"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "pdf"], "a PDF is not text: give a file to write"),
        (["--format", "html", "--include-private"], "private details go only into text, csv and json"),
        (["-o", "x.ics", "--include-private"], "private details go only into text, csv and json"),
        (["--large-print"], "large print is for html and pdf"),
        (["--format", "json", "--excel"], "--excel is for csv"),
        (["--format", "csv", "--width", "60"], "--width is for text"),
    ],
)
def test_options_that_do_not_fit_the_format_are_refused(small, monkeypatch, args, message):
    monkeypatch.chdir(small.parent)
    code, out, err = export("--dir", str(small), *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert out == ""


def test_only_active_groups_unless_asked(small):
    _, out, _ = export("--dir", str(small), "--format", "csv")
    ids = [row["id"] for row in csv.DictReader(io.StringIO(out))]
    assert ids == ["friday-walk", "memory-cafe", "phone-friends", "tuesday-lunch"]
    _, out, _ = export("--dir", str(small), "--format", "csv", "--include-paused")
    assert "paused-choir" in out and "closed-club" not in out
    _, out, _ = export("--dir", str(small), "--include-closed")
    assert "Silver Voices Choir" in out and "Old Tea Dance" in out
    assert "Status:   Closed" in out and "Status:   Paused for now" in out


def test_a_broken_file_is_left_out_with_a_warning(small):
    path = small / "groups" / "memory-cafe.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("RV2 3DF", "RV2 3CD"), encoding="utf-8")
    code, out, err = export("--dir", str(small))
    assert code == 0
    assert "Hilltop Memory Cafe" not in out and "Tuesday Lunch Club" in out
    assert "left out, with problems: " in err and "memory-cafe.yaml" in err


def test_filters_are_search_filters(small):
    _, out, _ = export("--dir", str(small), "--area", "hilltop", "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["memory-cafe", "phone-friends"]
    _, out, _ = export("--dir", str(small), "--day", "thursday")
    assert "Only groups meeting on Thursday" in out
    assert "Hilltop Memory Cafe" in out and "Tuesday Lunch Club" not in out
    _, out, _ = export("--dir", str(small), "lunch", "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["tuesday-lunch"]
    _, out, _ = export("--dir", str(small), "--free", "--area", "Riverside", "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["friday-walk"]


def test_nothing_to_export_is_an_error(small):
    code, out, err = export("--dir", str(small), "--day", "sunday")
    assert code == 1
    assert out == ""
    assert err.strip() == "Error: nothing to export: no group meeting on Sunday"


def test_group_by_area_follows_the_settings_order(small):
    _, out, _ = export("--dir", str(small), "--group-by", "area")
    assert out.index("\nRiverside\n=========") < out.index("\nHilltop\n=======")


def test_group_by_day_orders_by_start_time(small):
    write_group(
        small,
        "early-tuesday",
        "name: Early Birds\nsummary: Breakfast.\ncategories: [coffee-morning]\narea: riverside\n"
        "venues: [{name: Cafe}]\nsessions: [{days: tuesday, start: '08:00'}]\n",
    )
    _, out, _ = export("--dir", str(small), "--group-by", "day")
    tuesday = out.split("\nTuesday\n=======")[1].split("\nFriday\n")[0]
    assert tuesday.index("Early Birds") < tuesday.index("Tuesday Lunch Club")


def test_text_wraps_to_the_width(small):
    for width in (72, 40):
        args = ["--width", str(width)] if width != 72 else []
        _, out, _ = export("--dir", str(small), *args)
        assert max(len(line) for line in out.splitlines()) <= width
    assert "Hot lunch and a chat, every week." in out.replace("\n            ", " ")


def test_title_can_be_given(small):
    _, out, _ = export("--dir", str(small), "--title", "Eastgate booklet")
    assert out.startswith("Eastgate booklet\n================\n")


def test_csv_columns_and_excel(small):
    text = export_file(small, "x.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    lunch = next(r for r in rows if r["id"] == "tuesday-lunch")
    assert lunch["phone"] == "01632 960001"
    assert lunch["postcode"] == "RV1 2AB"
    assert lunch["days"] == "Tuesday"
    assert lunch["cost"] == "£4.50 (Two courses)"
    assert lunch["languages"] == "English; Punjabi"
    walk = next(r for r in rows if r["id"] == "friday-walk")
    assert "\n" in walk["when"]
    assert "\r\n" in text and not text.startswith("\ufeff")
    excel = export_file(small, "y.csv", "--excel").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(excel.decode("utf-8-sig"), newline="")))
    assert all("\n" not in value for row in rows for value in row.values())
    assert "; Last Friday of the month" in next(r for r in rows if r["id"] == "friday-walk")["when"]


def test_json_is_the_whole_group_without_private(small):
    data = json.loads(export_file(small, "x.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["contains_private"] is False
    lunch = next(g for g in data["groups"] if g["id"] == "tuesday-lunch")
    assert lunch["x-grant-ref"] == "RV-1"
    assert lunch["venues"][0]["postcode"] == "RV1 2AB"
    assert "private" not in lunch
    assert lunch["text"]["when"] == ["Every Tuesday, 12:00-14:00. Not in August"]
    assert [a["id"] for a in data["areas"]] == ["riverside", "hilltop"]


@pytest.mark.parametrize("suffix", ["txt", "html", "csv", "json", "ics"])
def test_private_never_appears_without_the_flag(small, suffix):
    text = export_file(small, f"x.{suffix}", "--include-closed").read_text(encoding="utf-8")
    for value in PRIVATE_VALUES:
        assert value not in text
    assert "CONTAINS PRIVATE" not in text


@pytest.mark.parametrize("suffix", ["txt", "csv", "json"])
def test_include_private_adds_and_marks_it(small, suffix):
    text = export_file(small, f"x.{suffix}", "--include-private").read_text(encoding="utf-8")
    for value in PRIVATE_VALUES:
        assert value in text
    assert "CONTAINS PRIVATE DETAILS - not for publication" in text
    if suffix == "csv":  # on every row, so no copied or sorted part of a sheet loses it
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["warning"] for r in rows} == {"CONTAINS PRIVATE DETAILS - not for publication"}
        header = text.splitlines()[0].split(",")
        assert header[:22] == COLUMNS and header[22:] == ["warning", *PRIVATE_COLUMNS]
    if suffix == "txt":
        assert text.startswith("CONTAINS PRIVATE") and text.rstrip().endswith("not for publication")


def test_sample_directory_private_values_never_leak(sample):
    private = [
        str(v)
        for g in load(open_directory(sample), TODAY).groups.values()
        if g.private
        for v in (g.private.notes, *(g.private.contact.model_dump().values() if g.private.contact else ()))
        if v
    ]
    assert private, "the sample should show private: in use"
    for suffix in ("txt", "html", "csv", "json", "ics"):
        text = export_file(sample, f"all.{suffix}", "--include-closed").read_text(encoding="utf-8")
        leaked = [v for v in private if v in text]
        assert not leaked, f"{suffix}: {leaked}"


HOSTILE = """\
name: "<script>alert('name')</script> =HYPERLINK(\\"http://evil\\")"
summary: "=1+2 <img src=x onerror=alert(1)> javascript:alert(1)"
categories: [lunch-club]
area: riverside
venues:
  - name: "@SUM(A1:A9) Hall"
    address: "-2+3 Road\\t"
    transport: "<a href='javascript:alert(1)'>bus</a>"
sessions:
  - days: monday
    start: "10:00"
    note: "+CMD|' /C calc'!A0\\r\\nBEGIN:VEVENT"
contact:
  name: "\\tTab"
  phone: "+33 1 42 68 53 00"
  website: "https://example.org/?a=1&b=2"
"""


def test_hostile_text_comes_out_inert_in_every_format(small):
    write_group(small, "hostile", HOSTILE)
    html = export_file(small, "x.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "<a href='javascript" not in html
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in html
    assert 'href="javascript' not in html.lower()
    assert 'href="https://example.org/?a=1&amp;b=2"' in html
    hrefs = [h.split('"')[0] for h in html.split('href="')[1:]]
    assert hrefs and all(h.startswith(("#", "http://", "https://", "mailto:", "tel:")) for h in hrefs)
    rows = list(csv.reader(io.StringIO(export_file(small, "x.csv").read_bytes().decode("utf-8"), newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    row = next(r for r in rows if r[0] == "hostile")
    assert row[1] == "<script>alert('name')</script> =HYPERLINK(\"http://evil\")"  # a formula only at the start
    assert row[2].startswith("'=1+2")
    assert "'+33 1 42 68 53 00" in cells  # neutralised, and still readable as a number
    assert "01632 960001" in cells  # a UK number as people write it: its 0 kept, nothing added
    data = json.loads(export_file(small, "x.json").read_text(encoding="utf-8"))
    assert next(g for g in data["groups"] if g["id"] == "hostile")["summary"].startswith("=1+2 <img")
    ics = export_file(small, "x.ics").read_text(encoding="utf-8")
    import icalendar

    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == len([line for line in ics.splitlines() if line.startswith("BEGIN:VEVENT")]) == 5
    hostile = next(e for e in events if str(e["UID"]).startswith("hostile-"))
    assert "calc'!A0\nBEGIN:VEVENT" in str(hostile["DESCRIPTION"])  # text inside one event, not a new one
    text = export_file(small, "x.txt").read_text(encoding="utf-8")
    assert "<script>alert('name')</script>" in text  # plain text is shown as written


def test_a_javascript_website_never_gets_in(small):
    write_group(small, "sneaky", HOSTILE.replace("https://example.org/?a=1&b=2", "javascript:alert(1)"))
    code, out, err = export("--dir", str(small), "--format", "html")
    assert code == 0
    assert "javascript:alert(1)" not in out.replace("javascript:alert(1)&lt;", "")
    assert "sneaky.yaml" in err


def test_output_folder_must_exist_and_nothing_half_written(small):
    code, _, err = export("--dir", str(small), "-o", str(small / "missing" / "x.txt"))
    assert code == 2
    assert f"the folder '{small / 'missing'}' does not exist" in " ".join(err.split())
    code, _, err = export("--dir", str(small), "-o", str(small / "groups"), "--format", "text")
    assert code == 1
    assert err.strip() == f"Error: {small / 'groups'}: Is a directory"
    target = small.parent / "keep.txt"
    target.write_text("old", encoding="utf-8")
    code, _, _ = export("--dir", str(small), "-o", str(target), "--day", "sunday")
    assert code == 1
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in small.parent.iterdir() if p.name.startswith(".keep")] == []


def test_nested_extensions_are_kept(small):
    path = small / "groups" / "friday-walk.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    address: Mill Road\n", "    address: Mill Road\n    x-key-safe: true\n"
        ),
        encoding="utf-8",
    )
    data = json.loads(export_file(small, "x.json").read_text(encoding="utf-8"))
    walk = next(g for g in data["groups"] if g["id"] == "friday-walk")
    assert walk["venues"][0]["x-key-safe"] is True


def test_the_selection_is_described_words_included(small):
    _, out, _ = export("--dir", str(small), "walk", "--area", "riverside")
    assert 'Only groups matching "walk"; in Riverside' in out
    _, out, _ = export("--dir", str(small), "walk", "--format", "json")
    assert json.loads(out)["filters"] == ['matching "walk"']


def test_a_day_or_date_limits_the_day_sections_and_index(small):
    _, out, _ = export("--dir", str(small), "--day", "tuesday", "--group-by", "day")
    assert "\nTuesday\n=======" in out
    assert "\nFriday\n" not in out and "By arrangement" not in out
    _, out, _ = export("--dir", str(small), "--on", "2026-12-03")  # the 1st Thursday of December
    index = out.split("What's on each day\n==================")[1]
    assert "Thursday" in index and "Tuesday" not in index and "Friday" not in index
    code, _, err = export("--dir", str(small), "--on", "2026-12-10")  # the 2nd Thursday: the cafe does not meet
    assert code == 1 and "no group meeting on Thursday 10 December 2026" in err


def test_the_day_index_leaves_out_ended_sessions_and_marks_paused_groups(small):
    _, out, _ = export("--dir", str(small), "--include-paused")
    index = out.split("What's on each day\n==================")[1]
    assert "from 2pm" not in index and "14:00" not in index  # the walk's last-Friday season ended on 31 October
    walk = "Friday Health Walk (Riverside; every other week; next 27 November, 11 and 25 December)"
    assert "Every other Friday" not in index and walk in " ".join(index.split())
    assert "Silver Voices Choir (Riverside; paused for now)" in index


def test_with_two_venues_each_session_says_where(small):
    path = small / "groups" / "friday-walk.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    address: Mill Road\n", "    address: Mill Road\n  - id: cafe\n    name: Park Cafe\n"
    )
    path.write_text(text.replace("    from: 2026-03-01\n", "    from: 2026-03-01\n    venue: cafe\n"), encoding="utf-8")
    _, out, _ = export("--dir", str(small), "--include-closed")
    words = " ".join(out.split())
    assert "Every other Friday, 10.30am to 11.30am, at Riverside Park gates. Next: 27 November" in words
    assert "until 31 October 2026), at Park Cafe" in words


def test_words_for_groups_without_times_contact_or_a_door(small):
    write_group(
        small,
        "quiet-line",
        "name: Quiet Line\nsummary: Someone to talk to.\ncategories: [befriending]\narea: hilltop\nattending: phone\n",
    )
    _, out, _ = export("--dir", str(small))
    entry = out.split("Quiet Line\n")[1].split("\n\n")[0]
    assert "When:     Times not given" in entry
    assert "Access:   Open to all, no need to book" in entry


def test_a_file_name_that_says_another_format_is_refused(small):
    code, _, err = export("--dir", str(small), "-o", str(small.parent / "x.csv"), "--format", "json")
    assert code == 2
    assert "the file name 'x.csv' says csv, not json: name it .json" in " ".join(err.split())
    assert not (small.parent / "x.csv").exists()


def test_postcodes_and_phone_numbers_are_never_split(sample):
    for width in (40, 50, 72):
        _, out, _ = export("--dir", str(sample), "--width", str(width))
        assert not re.search(r"\bAS\d\n", out) and not re.search(r"\b01632\n", out)
        assert "\u00a0" not in out
    html = export_file(sample, "x.html").read_text(encoding="utf-8")
    assert "AS1\u00a01TH" in html and "01632\u00a0960107" in html


@pytest.mark.parametrize("group_by, left_out", [("day", "What's on each day"), ("area", "Groups by area")])
def test_an_index_that_repeats_the_sections_is_left_out(sample, group_by, left_out):
    html = export_file(sample, "x.html", "--group-by", group_by).read_text(encoding="utf-8")
    assert left_out not in html
    one_area = export_file(sample, "y.html", "--area", "eastgate").read_text(encoding="utf-8")
    assert "Groups by area" not in one_area and "What's on each day" in one_area


def test_the_key_explains_the_access_features_a_booklet_uses(small):
    html = export_file(small, "x.html").read_text(encoding="utf-8")
    key = html.split('<section class="key"')[1]
    # the lunch club's hall has one: its symbol and its words, then what it means
    assert re.search(r"<dt><svg [^>]*>.*?</svg> Hearing loop</dt><dd>A hearing aid set to T", key)
    assert "Changing Places" not in key  # no venue here has one


def test_without_weasyprint_one_line_says_how_to_install(sample, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    result = run("export", "--dir", str(sample), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: PDF export needs WeasyPrint: pip install 'assetdir[pdf]' (or export --format html and print that from a browser)"
    ]
    assert not (tmp_path / "x.pdf").exists()


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


def test_times_are_said_in_print_and_kept_as_hh_mm_in_data(small):
    _, text, _ = export("--dir", str(small))
    html = export_file(small, "x.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    for printed in (" ".join(text.split()), html):
        assert "Every Tuesday, 12 noon to 2pm" in printed and "12:00" not in printed
    _, table, _ = export("--dir", str(small), "--format", "csv")
    _, data, _ = export("--dir", str(small), "--format", "json")
    assert "Every Tuesday, 12:00-14:00" in table and "noon" not in table
    lunch = next(g for g in json.loads(data)["groups"] if g["name"] == "Tuesday Lunch Club")
    assert lunch["sessions"][0]["start"] == "12:00" and lunch["text"]["when"] == [
        "Every Tuesday, 12:00-14:00. Not in August"
    ]
    settings = small / "assetdir.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "print_times: 24h\n", encoding="utf-8")
    _, text, _ = export("--dir", str(small))
    assert "Every Tuesday, 12:00-14:00" in text and "noon" not in text


def test_closures_in_print_and_in_the_day_index_of_a_date(sample):
    _, text, _ = export("--dir", str(sample), "--area", "northfield")
    lunch = " ".join(text.split("Northfield Lunch Club\n---")[1].split("\n\n")[0].split())
    assert "Every Tuesday and Thursday, 12 noon to 2pm. Please book by the Friday before" in lunch
    assert "Not on bank holidays Closed 21 December to 4 January (Closed over Christmas)" in lunch
    _, on, _ = export("--dir", str(sample), "--on", "2026-12-25")  # Christmas Day: no tea dance, no Millbrook lunch
    index = on.split("What's on each day\n==================")[1]
    assert "Friday" in index and "Ashbury Tea Dance" not in index and "Millbrook Friday Lunch Club" not in index
    assert "Northfield Health Walks" in index
    _, friday, _ = export("--dir", str(sample), "--on", "2026-11-27")
    assert "Ashbury Tea Dance" in friday.split("What's on each day\n==================")[1]
