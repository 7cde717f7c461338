"""Merges lose nothing: comments and blank lines stay, equal values stay as written, what is
copied in is in its normal form, folded groups never come back, and fields can be settled
one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SETTINGS, files, run, write_group

OURS = """\
# Northfield Lunch Club: Jean runs it
name: Northfield Lunch Club   # as on the noticeboard
summary: Hot two-course lunch and a chat.
categories: [lunch-club]
area: northfield
cost:                 # per visit
  type: fee
  amount: 4.50        # since April
  note: Two courses

venues:
  - name: Chapel Hall
    postcode: AS1 2AB
sessions:
  - days: [tuesday]
    start: "14:00"     # doors open 1.45
    end: "16:00"
    note: Bring a cup

contact:
  name: Jean
  phone: 01632 960110   # the church office
last_checked: 2026-09-14
private:
  notes: Prefers calls after 10am.
"""

THEIRS = """\
name: Northfield Luncheon Club
summary: Hot two-course lunch and a chat.
categories: [lunch-club, social-group]
area: northfield
cost: {type: fee, amount: 5, note: Three courses}
venues:
  - name: Chapel Hall
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: 2.30pm
    end: "16:00"
    note: Bring a cup
contact:
  phone: "01632960111"
  email: lunch@example.org
last_checked: 2026-10-01
private:
  notes: Council contact is Sam.
"""


def directory(root: Path, groups: dict[str, str]) -> Path:
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


def fold(root: Path, *args: str):
    return run("merge-groups", "keep", "other", "--dir", str(root), *args)


@pytest.fixture
def keep_and_other(tmp_path: Path) -> Path:
    return directory(tmp_path / "d", {"keep": OURS, "other": THEIRS})


def test_a_replaced_value_keeps_its_comment_and_the_blank_lines_around_it(keep_and_other: Path):
    result = fold(keep_and_other, "--prefer", "theirs", "--write")
    assert result.exit_code == 0, result.output
    text = (keep_and_other / "groups" / "keep.yaml").read_text()
    assert '    start: "14:30"     # doors open 1.45\n' in text
    assert "name: Northfield Luncheon Club   # as on the noticeboard\n" in text
    assert (
        "cost:                 # per visit\n  type: fee\n  amount: 5        # since April\n  note: Three courses\n\nvenues:\n"
        in text
    )
    assert "  phone: 01632 960111   # the church office\n" in text
    assert text.startswith("# Northfield Lunch Club: Jean runs it\n")
    assert "    note: Bring a cup\n\ncontact:\n" in text


def test_a_value_equal_once_normalised_is_never_rewritten(tmp_path: Path):
    ours = OURS.replace("amount: 4.50        # since April", "amount: 5.00        # since April")
    theirs = OURS.replace("amount: 4.50        # since April", "amount: 5").replace("01632 960110", '"01632960110"')
    theirs = theirs.replace("AS1 2AB", "as12ab").replace('"14:00"     # doors open 1.45', "2pm")
    root = directory(tmp_path / "d", {"keep": ours, "other": theirs})
    before = (root / "groups" / "keep.yaml").read_text()
    for prefer in ("theirs", "ours", "newer"):
        result = fold(root, "--prefer", prefer)
        assert "CONFLICT" not in result.output and "conflict " not in result.output, result.output
    assert fold(root, "--prefer", "theirs", "--write").exit_code == 0
    assert (root / "groups" / "keep.yaml").read_text() == before.replace("private:", "merged_from: [other]\nprivate:")


def test_values_copied_in_are_written_in_their_normal_form(tmp_path: Path):
    ours = OURS.replace("  phone: 01632 960110   # the church office\n", "").replace("cost:", "x-cost:")
    root = directory(
        tmp_path / "d",
        {"keep": ours, "other": THEIRS.replace("email: lunch@example.org", "website: https://example.org")},
    )
    result = fold(root, "--prefer", "ours", "--write")
    assert result.exit_code == 0, result.output
    text = (root / "groups" / "keep.yaml").read_text()
    assert "  phone: 01632 960111\n" in text
    assert "cost: {type: fee, amount: 5, note: Three courses}\n" in text
    assert "    postcode: AS1 2AB\n" in text


def test_a_new_venue_and_new_sessions_come_in_normal_form(tmp_path: Path):
    ours = OURS.replace(OURS[OURS.index("venues:") : OURS.index("contact:")], "").replace(
        "area: northfield\n", "area: northfield\nattending: [phone]\n"
    )
    root = directory(
        tmp_path / "d",
        {"keep": ours, "other": THEIRS.replace("area: northfield\n", "area: northfield\nattending: [phone, venue]\n")},
    )
    result = fold(root, "--prefer", "ours", "--write")
    assert result.exit_code == 0, result.output
    text = (root / "groups" / "keep.yaml").read_text()
    assert "postcode: AS1 2AB" in text and 'start: "14:30"' in text


def test_fields_settled_one_by_one(keep_and_other: Path):
    result = fold(
        keep_and_other,
        "--keep",
        "name",
        "--take",
        "contact.phone",
        "--take",
        "sessions",
        "--take",
        "cost",
        "--take",
        "last_checked",
        "--keep",
        "private",
        "--write",
    )
    assert result.exit_code == 0, result.output
    text = (keep_and_other / "groups" / "keep.yaml").read_text()
    assert "name: Northfield Lunch Club   # as on the noticeboard\n" in text
    assert "  phone: 01632 960111   # the church office\n" in text
    assert "  notes: Prefers calls after 10am.\n" in text
    assert "conflict name: kept ours" in result.stdout and "conflict contact.phone: kept theirs" in result.stdout


def test_a_field_named_two_ways_or_naming_no_conflict(keep_and_other: Path):
    both = fold(keep_and_other, "--keep", "name", "--take", "name")
    assert both.exit_code == 1 and "--keep name and --take name: choose one" in both.output
    none = fold(keep_and_other, "--keep", "organisation", "--prefer", "ours")
    assert none.exit_code == 0
    assert "Warning: --keep organisation: this plan has no a conflict" not in none.output
    assert "Warning: --keep organisation: this plan has no conflict on that field" in none.output


def test_notes_kept_together_and_not_again_next_time(tmp_path: Path):
    root = directory(tmp_path / "d", {"keep": OURS, "other": THEIRS.replace("Bring a cup", "Ring first")})
    result = fold(root, "--prefer", "ours", "--join", "notes", "--join", "note", "--show-private", "--write")
    assert result.exit_code == 0, result.output
    text = (root / "groups" / "keep.yaml").read_text()
    assert "  notes: |\n    Prefers calls after 10am.\n\n    Council contact is Sam.\n" in text
    assert "conflict private.notes: kept both, ours then theirs" in result.stdout


def test_session_notes_kept_together(tmp_path: Path):
    theirs = OURS.replace("Northfield Lunch Club", "Northfield Luncheon Club").replace("Bring a cup", "Ring first")
    root = directory(tmp_path / "d", {"keep": OURS, "other": theirs})
    plan = fold(root, "--join", "note", "--prefer", "ours", "--write")
    assert plan.exit_code == 0, plan.output
    assert "conflict sessions[1].note: kept both, ours then theirs" in plan.stdout
    text = (root / "groups" / "keep.yaml").read_text()
    assert (
        '    start: "14:00"     # doors open 1.45\n    end: "16:00"\n    note: Bring a cup; Ring first\n\ncontact:'
        in text
    )


def test_every_source_group_is_compared_with_every_one_of_ours(tmp_path: Path):
    ours = directory(tmp_path / "ours", {"northfield-lunch-club": OURS})
    same_id = OURS.replace("Hot two-course lunch and a chat.", "Lunch.")
    duplicate = THEIRS.replace("01632960111", "01632960110")
    theirs = directory(
        tmp_path / "theirs", {"northfield-lunch-club": same_id, "the-northfield-luncheon-club": duplicate}
    )
    result = run("merge", str(theirs), "--dir", str(ours), "--prefer", "ours")
    assert result.exit_code == 0, result.output
    assert "Add " not in result.stdout, result.stdout
    assert "Merge the-northfield-luncheon-club into northfield-lunch-club" in result.stdout


WALK = """\
name: Eastgate Walking Group
summary: Gentle walks.
categories: [walking]
area: eastgate
venues:
  - name: Eastgate Library
sessions:
  - days: [friday]
    start: "10:00"
    end: "11:00"
contact:
  phone: 01632 960200
last_checked: 2026-10-01
"""
WALKERS = WALK.replace("Eastgate Walking Group", "Eastgate Walkers").replace("Gentle walks.", "Walks, then tea.")
CAFE = """\
name: Eastgate Cafe
summary: Tea and a chat.
categories: [coffee-morning]
area: eastgate
venues:
  - name: Eastgate Library
sessions:
  - days: [monday]
    start: "10:00"
    end: "11:00"
contact:
  phone: 01632 960300
partners: [eastgate-walkers]
last_checked: 2026-10-01
"""


def test_repeated_merges_with_a_fold_between_add_nothing_twice(tmp_path: Path):
    ours = directory(tmp_path / "ours", {"keep": OURS})
    theirs = directory(
        tmp_path / "theirs", {"eastgate-walking-group": WALK, "eastgate-walkers": WALKERS, "eastgate-cafe": CAFE}
    )
    first = run("merge", str(theirs), "--dir", str(ours), "--write")
    assert first.exit_code == 0, first.output
    assert sorted(files(ours / "groups")) == [
        "eastgate-cafe.yaml",
        "eastgate-walkers.yaml",
        "eastgate-walking-group.yaml",
        "keep.yaml",
    ]
    again = run("merge", str(theirs), "--dir", str(ours))
    assert again.stderr.startswith("Nothing to change"), again.output
    folded = run(
        "merge-groups", "eastgate-walking-group", "eastgate-walkers", "--dir", str(ours), "--prefer", "ours", "--write"
    )
    assert folded.exit_code == 0, folded.output
    after_fold = files(ours / "groups")
    assert "eastgate-walkers.yaml" not in after_fold
    assert "partners: [eastgate-walking-group]" in after_fold["eastgate-cafe.yaml"]
    assert "merged_from: [eastgate-walkers]" in after_fold["eastgate-walking-group.yaml"]
    for _ in range(2):
        result = run("merge", str(theirs), "--dir", str(ours), "--prefer", "ours", "--write")
        assert result.exit_code == 0, result.output
        assert "Add " not in result.stdout and files(ours / "groups") == after_fold, result.output
    # an edit of ours, then the same merge again: still nothing comes back
    cafe = ours / "groups" / "eastgate-cafe.yaml"
    cafe.write_text(cafe.read_text().replace("Tea and a chat.", "Tea, cake and a chat."))
    result = run("merge", str(theirs), "--dir", str(ours), "--prefer", "ours", "--write")
    assert result.exit_code == 0 and "Add " not in result.stdout, result.output
    assert "eastgate-walkers" not in files(ours / "groups")["eastgate-cafe.yaml"]
    assert (ours / "groups" / "keep.yaml").read_text() == OURS


def test_texts_kept_together_are_not_joined_again_by_the_next_merge(tmp_path: Path):
    ours = directory(tmp_path / "ours", {"keep": OURS})
    theirs = directory(
        tmp_path / "theirs", {"keep": OURS.replace("Prefers calls after 10am.", "Council contact is Sam.")}
    )
    first = run("merge", str(theirs), "--dir", str(ours), "--join", "notes", "--write")
    assert first.exit_code == 0, first.output
    joined = (ours / "groups" / "keep.yaml").read_text()
    assert "Prefers calls after 10am.\n\n    Council contact is Sam.\n" in joined
    for args in ([], ["--join", "notes"], ["--prefer", "theirs"]):
        again = run("merge", str(theirs), "--dir", str(ours), *args, "--write")
        assert again.exit_code == 0 and "CONFLICT" not in again.output, again.output
        assert (ours / "groups" / "keep.yaml").read_text() == joined
