"""A tab that `validate` accepts is handled by every command that writes group files.

YAML allows a tab between values (after `key:`, before a comment, in flow lists), and
our reader accepts it; ruamel's round-trip loader refuses many of those. Every file
here is first checked as `validate` checks it: if that accepts it, `fmt`, `fmt --check`,
`checked` and `merge-groups` must succeed and keep what the file says.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdir.edit import changes, roundtrip
from assetdir.store.directory import open_directory
from assetdir.store.files import check_file
from conftest import SETTINGS, run, write_group

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

# fmt has work to do here: a key order, a postcode and a phone number.
UNTIDY = (
    CANONICAL.replace("AS1 2AB", "as12ab")
    .replace('    start: "12:00"\n    end: "14:00"\n', '    end: "14:00"\n    start: "12:00"\n')
    .replace("phone: 01632 960123", 'phone: "01632960123"')
)

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


def tabbed(text: str, places: list[tuple[int, bool]], indents: bool = True) -> str:
    """`text` with a tab at each of these whitespace places: replacing the space there,
    or put before it (a space or a line end); in the indentation too unless `indents` is False."""
    spots = [i for i, char in enumerate(text) if char in " \n" and (indents or text[i - 1 : i] not in ("\n", " ", ""))]
    out = list(text)
    for spot, replace in {spots[n % len(spots)]: replace for n, replace in places}.items():
        out[spot] = "\t" if replace and text[spot] == " " else "\t" + text[spot]
    return "".join(out)


def accepted(root: Path, text: str) -> bool:
    """Whether `validate` accepts `text` as a group file."""
    path = write_group(root, "probe", text)
    return check_file(open_directory(root, cache=False), path).group is not None


def model(root: Path, text: str) -> dict:
    directory = open_directory(root, cache=False)
    group = changes.check_text(directory, root / "groups" / "probe.yaml", text)
    return group.model_dump(exclude={"last_checked", "checked_by"})


def test_merge_groups_keeps_the_tabs_of_lines_it_does_not_change(tmp_path):
    root = tmp_path / "d"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    text = CANONICAL.replace("Club   #", "Club\t#").replace("  contact: {", "  contact:\t{")
    keep = write_group(root, "northfield-lunch-club", text)
    write_group(root, "northfield-luncheon-club", DUPLICATE)
    result = run(
        "merge-groups",
        "northfield-lunch-club",
        "northfield-luncheon-club",
        "--prefer",
        "ours",
        "--write",
        "--dir",
        str(root),
    )
    assert result.exit_code == 0, result.output
    assert keep.read_text(encoding="utf-8") == text.replace(
        "private:", "merged_from: [northfield-luncheon-club]\nprivate:", 1
    )


def run_every_writer(root: Path, text: str) -> None:
    keep = write_group(root, "northfield-lunch-club", text)
    write_group(root, "northfield-luncheon-club", DUPLICATE)
    before = model(root, text)
    check = run("fmt", "--check", "--dir", str(root))
    assert check.exit_code in (0, 1), check.output
    assert keep.read_text(encoding="utf-8") == text
    result = run("fmt", "--dir", str(root))
    assert result.exit_code == 0, result.output
    formatted = keep.read_text(encoding="utf-8")
    assert model(root, formatted) == before
    if check.exit_code == 0:
        assert formatted == text
    result = run(
        "merge-groups",
        "northfield-lunch-club",
        "northfield-luncheon-club",
        "--prefer",
        "ours",
        "--write",
        "--dir",
        str(root),
    )
    assert result.exit_code == 0, result.output
    before = {**before, "merged_from": ["northfield-luncheon-club"]}  # the fold is remembered
    assert model(root, keep.read_text(encoding="utf-8")) == before
    result = run("checked", "northfield-lunch-club", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert model(root, keep.read_text(encoding="utf-8")) == before


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    base=st.sampled_from([CANONICAL, UNTIDY]),
    places=st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=6),
)
def test_every_writer_handles_tabs_validate_accepts(tmp_path, base, places):
    text = tabbed(base, places, indents=False)  # a tab in the indentation is refused by validate
    root = tmp_path / "every"
    shutil.rmtree(root, ignore_errors=True)
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    if accepted(root, text):
        (root / "groups" / "probe.yaml").unlink()
        run_every_writer(root, text)


def test_a_file_the_rewriting_cannot_read_is_named_and_left_alone(tiny, monkeypatch):
    from assetdir.problems import FileProblem

    def refuse(text: str) -> str:
        raise FileProblem("yaml-syntax", "YAML syntax on line 3 that cannot be rewritten here", 3, 1)

    monkeypatch.setattr(roundtrip, "readable", refuse)
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    before = path.read_bytes()
    result = run("fmt", "--dir", str(tiny))
    assert result.exit_code == 1
    assert "Skipped: " in result.stderr and "northfield-lunch-club.yaml:3:1: error yaml-syntax" in result.stderr
    assert path.read_bytes() == before
