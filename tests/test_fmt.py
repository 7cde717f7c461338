"""`assetdir fmt` and the round-trip editing it is built on."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assetdir import roundtrip
from assetdir.cli import app
from assetdir.directory import open_directory
from assetdir.fmt import format_text
from assetdir.problems import AssetdirError
from conftest import REPO, VALID, write_group

runner = CliRunner()

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
    result = runner.invoke(app, ["fmt", "--check"])
    assert result.exit_code == 1
    assert result.stdout == (
        "groups/eastgate-coffee-morning.yaml: would change (key order, times, postcodes, phone numbers)\n"
        "groups/northfield-lunch-club.yaml: would change (postcodes)\n"
    )
    assert result.stderr == "2 of 2 files would change\n"
    assert path.read_text(encoding="utf-8") == MESSY
    result = runner.invoke(app, ["fmt", "--dir", str(tiny)])
    assert result.exit_code == 0
    assert result.stderr == "2 of 2 files formatted\n"
    assert path.read_text(encoding="utf-8") == TIDY
    result = runner.invoke(app, ["fmt", "--check", "--dir", str(tiny)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "0 of 2 files would change\n")


def test_fmt_leaves_invalid_files_alone_and_says_so(tiny):
    bad = write_group(tiny, "broken", VALID.replace("lunch-club", "lunch-clubb").replace("name:", "area: x\nname:", 0) + "summary2: x\n")
    before = bad.read_text(encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(bad), "--dir", str(tiny)])
    assert result.exit_code == 0
    assert result.stderr.startswith("Skipped: ")
    assert "broken.yaml:" in result.stderr and "(not formatted)" in result.stderr
    assert len(result.stderr.splitlines()) == 2  # one line for the file, one summary
    assert bad.read_text(encoding="utf-8") == before


def test_fmt_on_the_sample_moves_only_keys(sample):
    path = next(sample.rglob("northfield-lunch-club.yaml"))
    before = path.read_text(encoding="utf-8")
    assert runner.invoke(app, ["fmt", "--dir", str(sample)]).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("organisation: Northfield Methodist Church\nstatus: active\n", "status: active\norganisation: Northfield Methodist Church\n")
    assert runner.invoke(app, ["validate", "--dir", str(sample)]).exit_code == 0


def test_nothing_is_written_outside_the_directory(tiny, tmp_path: Path):
    directory = open_directory(tiny, cache=False)
    outside = tmp_path / "elsewhere.yaml"
    with pytest.raises(AssetdirError, match="outside the directory"):
        roundtrip.apply(directory, [roundtrip.Change(outside, None, VALID)])
    assert not outside.exists()


def test_apply_refuses_a_file_changed_since_it_was_read(tiny):
    directory = open_directory(tiny, cache=False)
    path = next(tiny.rglob("*.yaml"))
    new_file = tiny / "groups" / "new-group.yaml"
    changes = [roundtrip.Change(new_file, None, VALID), roundtrip.Change(path, "not what is there", VALID)]
    with pytest.raises(AssetdirError, match="changed while this ran"):
        roundtrip.apply(directory, changes)
    assert not new_file.exists()


def test_check_text_names_the_file_and_problem(tiny):
    directory = open_directory(tiny, cache=False)
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    with pytest.raises(AssetdirError, match=r"northfield-lunch-club.yaml:3:.*lunch-clubb.*nothing written"):
        roundtrip.check_text(directory, path, VALID.replace("lunch-club", "lunch-clubb"))


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
