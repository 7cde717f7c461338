"""`assetdir fmt` and the round-trip editing it is built on."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.edit import changes, roundtrip
from assetdir.edit.fmt import format_text
from assetdir.problems import AssetdirError
from assetdir.store.directory import open_directory
from conftest import REPO, VALID, run, write_group

MESSY = """\
# Eastgate coffee morning - from the church newsletter

summary: Coffee, cake and a chat.   # keep it short
# the name as on the church noticeboard
name: Eastgate Coffee Morning
categories: [coffee-morning]
area: eastgate
contact:
  email: coffee@example.org   # the group's own address
  # the church office phone
  phone: "01632960150"
venues:
  - postcode: as12ab
    name: St Luke's Hall
sessions:
  - days: friday
    start: 10.30am
    end: '12:00'
x-grant-ref: EG-17
last_checked: 2026-10-01
"""

TIDY = """\
# Eastgate coffee morning - from the church newsletter

# the name as on the church noticeboard
name: Eastgate Coffee Morning
summary: Coffee, cake and a chat.   # keep it short
categories: [coffee-morning]
area: eastgate
venues:
  - name: St Luke's Hall
    postcode: AS1 2AB
sessions:
  - days: friday
    start: "10:30"
    end: "12:00"
contact:
  # the church office phone
  phone: "01632 960150"
  email: coffee@example.org   # the group's own address
last_checked: 2026-10-01
x-grant-ref: EG-17
"""


def test_format_text_is_canonical_and_keeps_comments():
    text, what = format_text(MESSY, "GB")
    assert text == TIDY
    assert what == ["key order", "times", "postcodes", "phone numbers"]


def test_format_twice_changes_nothing():
    assert format_text(TIDY, "GB") == (TIDY, [])


def test_every_sample_file_round_trips_exactly():
    for path in sorted((REPO / "groups").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert roundtrip.dump(roundtrip.load(text), text) == text, path


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("venues:\n  - name: A\n    postcode: X\ncost:\n  type: free\n", roundtrip.Style(2, 4, 2)),
        ("venues:\n- name: A\n  postcode: X\ncost:\n    type: free\n", roundtrip.Style(4, 2, 0)),
        ("venues:\n    -   name: A\n", roundtrip.Style(2, 8, 4)),
    ],
)
def test_detect_style(text, style):
    assert roundtrip.detect_style(text) == style


def test_a_file_indented_without_offset_keeps_its_indentation():
    text = "name: A\nvenues:\n- name: Hall   # main\n  postcode: AS1 2AB\n"
    data = roundtrip.load(text)
    data["venues"].append({"name": "Annexe"})
    assert roundtrip.dump(data, text) == text + "- name: Annexe\n"


def test_fmt_check_exit_codes_and_write(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    path = write_group(tiny, "eastgate-coffee-morning", MESSY)
    result = run("fmt", "--check")
    assert result.exit_code == 1
    assert result.stdout == (
        "groups/eastgate-coffee-morning.yaml: would change (key order, times, postcodes, phone numbers)\n"
        "groups/northfield-lunch-club.yaml: would change (postcodes)\n"
    )
    assert result.stderr == "2 of 2 files would change\n"
    assert path.read_text(encoding="utf-8") == MESSY
    result = run("fmt", "--dir", str(tiny))
    assert result.exit_code == 0
    assert result.stderr == "2 of 2 files formatted\n"
    assert path.read_text(encoding="utf-8") == TIDY
    result = run("fmt", "--check", "--dir", str(tiny))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "0 of 2 files would change\n")


def test_fmt_leaves_invalid_files_alone_and_says_so(tiny):
    bad = write_group(
        tiny,
        "broken",
        VALID.replace("lunch-club", "lunch-clubb").replace("name:", "area: x\nname:", 0) + "summary2: x\n",
    )
    before = bad.read_text(encoding="utf-8")
    result = run("fmt", str(bad), "--dir", str(tiny))
    assert result.exit_code == 1  # a file left alone is a problem to fix by hand
    assert result.stderr.startswith("Skipped: ")
    assert "broken.yaml:" in result.stderr and "(not formatted)" in result.stderr
    assert len(result.stderr.splitlines()) == 2  # one line for the file, one summary
    assert result.stderr.endswith("0 of 1 files formatted; 1 not formatted (see above)\n")
    assert bad.read_text(encoding="utf-8") == before


def test_fmt_formats_the_valid_files_and_fails_for_the_invalid_ones(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    bad = write_group(tiny, "broken", "summary2: x\nname: y\n")
    result = run("fmt", "--check")
    assert result.exit_code == 1  # the broken file was never checked: CI must not pass
    assert result.stdout == "groups/northfield-lunch-club.yaml: would change (postcodes)\n"
    assert result.stderr.startswith("Skipped: groups/broken.yaml:")
    assert result.stderr.endswith("\n1 of 2 files would change; 1 could not be checked (see above)\n")
    result = run("fmt")
    assert result.exit_code == 1
    assert result.stderr.endswith("\n1 of 2 files formatted; 1 not formatted (see above)\n")
    assert "postcode: AS1 2AB" in (tiny / "groups" / "northfield-lunch-club.yaml").read_text(encoding="utf-8")
    assert bad.read_text(encoding="utf-8") == "summary2: x\nname: y\n"
    bad.unlink()
    result = run("fmt", "--check")
    assert (result.exit_code, result.stderr) == (0, "0 of 1 files would change\n")


def test_fmt_usage_shows_several_paths():
    assert run("fmt", "--help").stdout.startswith("Usage: assetdir fmt [OPTIONS] [PATH...]\n")


def test_fmt_on_the_sample_moves_only_keys(sample):
    path = next(sample.rglob("northfield-lunch-club.yaml"))
    before = path.read_text(encoding="utf-8")
    assert run("fmt", "--dir", str(sample)).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "organisation: Northfield Methodist Church\nstatus: active\n",
        "status: active\norganisation: Northfield Methodist Church\n",
    )
    assert run("validate", "--dir", str(sample)).exit_code == 0


def test_nothing_is_written_outside_the_directory(tiny, tmp_path: Path):
    directory = open_directory(tiny, cache=False)
    outside = tmp_path / "elsewhere.yaml"
    with pytest.raises(AssetdirError, match="outside the directory"):
        changes.apply(directory, [changes.Change(outside, None, VALID)])
    assert not outside.exists()


def test_apply_refuses_a_file_changed_since_it_was_read(tiny):
    directory = open_directory(tiny, cache=False)
    path = next(tiny.rglob("*.yaml"))
    new_file = tiny / "groups" / "new-group.yaml"
    planned = [changes.Change(new_file, None, VALID), changes.Change(path, "not what is there", VALID)]
    with pytest.raises(AssetdirError, match="changed while this ran"):
        changes.apply(directory, planned)
    assert not new_file.exists()


def test_check_text_names_the_file_and_problem(tiny):
    directory = open_directory(tiny, cache=False)
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    with pytest.raises(AssetdirError, match=r"northfield-lunch-club.yaml:3:.*lunch-clubb.*nothing written"):
        changes.check_text(directory, path, VALID.replace("lunch-club", "lunch-clubb"))


def test_line_ends_and_byte_order_mark_are_kept():
    text = "\ufeffname: A   # note\r\nvenues:\r\n- name: Hall\r\n"
    data = roundtrip.load(text)
    data["venues"][0]["postcode"] = "AS1 2AB"
    assert roundtrip.dump(data, text) == "\ufeffname: A   # note\r\nvenues:\r\n- name: Hall\r\n  postcode: AS1 2AB\r\n"


def test_a_comment_keeps_its_gap_when_the_value_before_it_changes():
    text = "partners: [a-group, b-group]  # both\nname: A\n"
    data = roundtrip.load(text)
    data["partners"].pop(0)
    assert roundtrip.dump(data, text) == "partners: [b-group]  # both\nname: A\n"


def test_comments_in_a_venue_with_a_list_stay_with_their_keys():
    text = (
        "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\nvenues:\n"
        "  - postcode: AS1 2AB   # checked\n    # the hall's proper name\n    name: Hall\n"
        "    accessibility:\n      - step-free\n    transport: Bus 11   # every ten minutes\n"
    )
    out, what = format_text(text, "GB")
    assert out == (
        "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\nvenues:\n"
        "  - name: Hall\n    # the hall's proper name\n    postcode: AS1 2AB   # checked\n"
        "    accessibility:\n      - step-free\n    transport: Bus 11   # every ten minutes\n"
    )
    assert what == ["key order"]
    assert format_text(out, "GB") == (out, [])


GROUP = "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\n"


def test_a_comment_above_the_first_key_of_a_block_stays_with_that_key():
    text = GROUP + (
        "cost:\n  # tea is extra\n  note: tea 50p\n  type: free\n"
        "contact:\n  # email is the best way\n  email: x@y.org\n  # office line\n  phone: 01632 960110\n"
        "private:\n  # for the coordinator\n  notes: keys at the shop\n"
        "  contact:\n    # evenings only\n    phone: 01632 960111\n    name: Ann\n"
    )
    out, what = format_text(text, "GB")
    assert out == GROUP + (
        "cost:\n  type: free\n  # tea is extra\n  note: tea 50p\n"
        "contact:\n  # office line\n  phone: 01632 960110\n  # email is the best way\n  email: x@y.org\n"
        "private:\n  contact:\n    name: Ann\n    # evenings only\n    phone: 01632 960111\n"
        "  # for the coordinator\n  notes: keys at the shop\n"
    )
    assert what == ["key order"]
    assert format_text(out, "GB") == (out, [])


def test_a_comment_above_the_first_key_of_a_list_item_stays_with_that_key():
    text = GROUP + (
        "venues:\n  - # the new postcode\n    postcode: AS1 2AB\n    name: Hall\n"
        "  -\n    # from the map\n    postcode: AS1 2AB\n    name: Annexe\n"
        "sessions:\n  # the winter session\n  - start: \"10:00\"\n    days: friday\n"
    )
    out, _ = format_text(text, "GB")
    assert out == GROUP + (
        "venues:\n  - name: Hall\n    # the new postcode\n    postcode: AS1 2AB\n"
        "  - name: Annexe\n    # from the map\n    postcode: AS1 2AB\n"
        "sessions:\n  # the winter session\n  - days: friday\n    start: \"10:00\"\n"
    )
    assert format_text(out, "GB") == (out, [])


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_comment_closing_the_file_stays_at_the_end(gap):
    text = "summary: S\nname: A\ncategories: [lunch-club]\narea: northfield\nlast_checked: 2026-10-01\ncontact:\n  phone: 01632 960110\n"
    closing = gap + "# reviewed by the committee\n# in October\n"
    out, what = format_text(text + closing, "GB")
    assert (
        out
        == "name: A\nsummary: S\ncategories: [lunch-club]\narea: northfield\ncontact:\n  phone: 01632 960110\nlast_checked: 2026-10-01\n"
        + closing
    )
    assert what == ["key order"]


def test_a_comment_after_the_last_key_stays_after_the_block_moved_last():
    text = (
        GROUP
        + "venues:\n  - accessibility:\n      - step-free\n    name: Hall\n    # ask for the side door\n  - name: Annexe\n"
    )
    out, _ = format_text(text, "GB")
    assert (
        out
        == GROUP
        + "venues:\n  - name: Hall\n    accessibility:\n      - step-free\n    # ask for the side door\n  - name: Annexe\n"
    )
    assert format_text(out, "GB") == (out, [])


@pytest.mark.parametrize("name", ["assetdir.yaml", "notes.txt", "other/extra.yaml", "other"])
def test_fmt_refuses_a_path_that_is_not_a_group_file(tiny, monkeypatch, name):
    monkeypatch.chdir(tiny)
    (tiny / "other").mkdir()
    (tiny / "other" / "extra.yaml").write_text("summary2: x\nname: y\n", encoding="utf-8")
    (tiny / "notes.txt").write_text("summary2: x\nname: y\n", encoding="utf-8")
    group = tiny / "groups" / "northfield-lunch-club.yaml"
    before = {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()}
    result = run("fmt", "groups", name)
    assert result.exit_code == 1
    kind = "folder of group files" if name == "other" else "group file"
    assert result.stderr == f"Error: {name} is not a {kind} (group files are the .yaml files under groups/)\n"
    assert result.stdout == ""
    assert {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()} == before
    assert run("fmt", ".").exit_code == 0  # every group file, and nothing else
    assert (
        group.read_text(encoding="utf-8") != VALID
        and (tiny / "assetdir.yaml").read_bytes() == before[tiny / "assetdir.yaml"]
    )


def test_a_comment_closing_the_file_stays_at_the_end_when_the_last_block_is_reordered():
    text = GROUP + "private:\n  notes: keys at the shop\n  contact:\n    name: Ann\n\n# reviewed in October\n"
    out, _ = format_text(text, "GB")
    assert out == GROUP + "private:\n  contact:\n    name: Ann\n  notes: keys at the shop\n\n# reviewed in October\n"


def test_a_file_with_a_byte_order_mark_keeps_it_first_when_its_first_key_moves():
    text = "\ufeffsummary: S\r\nname: A\r\ncategories: [lunch-club]\r\narea: northfield\r\n"
    assert format_text(text, "GB") == (
        "\ufeffname: A\r\nsummary: S\r\ncategories: [lunch-club]\r\narea: northfield\r\n",
        ["key order"],
    )
