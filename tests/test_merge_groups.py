"""`assetdir merge-groups`: a duplicate folded into the group kept, as a careful person would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, files, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"

KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    target = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", target)
    return target


MERGED_THEIRS = """\
# Northfield Lunch Club - checked by phone, Jean still running it
name: Northfield Luncheon Club   # as on the church noticeboard
summary: Lunch for older people at the Methodist church.
categories: [lunch-club, social-group]
audience: [older-people]
area: northfield
venues:
  - name: Northfield Methodist Church Hall
    postcode: AS2 4DL
    accessibility: [step-free, hearing-loop]

sessions:
  - days: [tuesday]
    start: "12:00"
    end: "14:00"
contact:
  name: Jean
  phone: 01632 960110   # the church office passes messages on
  email: lunch@northfield-methodist.example.org
needs: [volunteer-drivers]
partners: [northfield-memory-cafe, eastgate-walking-group]
last_checked: 2026-10-02
merged_from: [northfield-luncheon-club]
private:
  notes: Council contact is Sam in the wellbeing team.
"""


def test_dry_run_shows_the_plan_and_changes_nothing(ours):
    before = files(ours)
    result = run("merge-groups", KEEP, OTHER, root=ours)
    assert result.exit_code == 0, result.output
    assert files(ours) == before
    lines = result.stdout.splitlines()
    assert lines[:9] == [
        f"Merge {OTHER} into {KEEP}",
        "  filled in: contact.email",
        "  added: venues[Northfield Methodist Church Hall].accessibility: hearing-loop; categories: social-group; "
        "audience: older-people; needs: volunteer-drivers; partners: eastgate-walking-group; "
        "merged_from: northfield-luncheon-club",
        '  CONFLICT name: ours "Northfield Lunch Club", theirs "Northfield Luncheon Club"',
        '  CONFLICT summary: ours "Hot two-course lunch and a chat.", theirs "Lunch for older people at the Methodist church."',
        '  CONFLICT last_checked: ours "2026-09-14", theirs "2026-10-02"',
        "  CONFLICT private.notes: the two differ (private: values not shown)",
        f"  partners: {OTHER} -> {KEEP} in {ours / 'groups/eastgate/eastgate-walking-group.yaml'}",
        f"  partners: {OTHER} -> {KEEP} in {ours / 'groups/northfield/northfield-memory-cafe.yaml'}",
    ]
    assert "+  email: lunch@northfield-methodist.example.org\n" in result.stdout
    assert "Prefers calls" not in result.stdout and "Sam in the wellbeing" not in result.stdout
    assert "  (private, not shown: --show-private shows it)\n" in result.stdout
    assert result.stderr == (
        "3 files to write, 1 to remove; 4 conflicts (name, summary, last_checked, private.notes): "
        "--write needs --prefer ours, theirs or newer\n"
    )


def test_conflicts_block_write(ours):
    before = files(ours)
    result = run("merge-groups", KEEP, OTHER, "--write", root=ours)
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "Error: 4 conflicts (name, summary, last_checked, private.notes): nothing written; "
        "choose with --prefer ours, theirs or newer\n"
    )
    assert files(ours) == before


def test_prefer_theirs_writes_and_rewires_partners(ours):
    result = run("merge-groups", KEEP, OTHER, "--prefer", "theirs", "--write", root=ours)
    assert result.exit_code == 0, result.output
    assert result.stderr == "Wrote 3 files, removed 1\n"
    after = files(ours)
    assert f"groups/northfield/{OTHER}.yaml" not in after
    assert after[f"groups/northfield/{KEEP}.yaml"] == MERGED_THEIRS
    # the memory cafe named both: one entry left, its comment where it was
    assert after["groups/northfield/northfield-memory-cafe.yaml"].endswith(
        "partners: [northfield-lunch-club]  # both, until they are merged\nlast_checked: 2026-08-01\n"
    )
    assert "partners:\n  - northfield-lunch-club\nlast_checked" in after["groups/eastgate/eastgate-walking-group.yaml"]
    assert "  conflict name: kept theirs; not kept: \"Northfield Lunch Club\"" in result.stdout
    assert "  conflict private.notes: kept theirs; not kept: the other value" in result.stdout
    assert run("validate", "--dir", str(ours)).exit_code == 0


def test_prefer_ours_keeps_every_value_of_ours(ours):
    before = files(ours)[f"groups/northfield/{KEEP}.yaml"]
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--show-private", root=ours)
    assert result.exit_code == 0, result.output
    after = files(ours)[f"groups/northfield/{KEEP}.yaml"]
    assert after == (
        before.replace("categories: [lunch-club]", "categories: [lunch-club, social-group]\naudience: [older-people]")
        .replace("[step-free]", "[step-free, hearing-loop]")
        .replace(
            "messages on\n",
            "messages on\n  email: lunch@northfield-methodist.example.org\nneeds: [volunteer-drivers]\n",
        )
        .replace("[northfield-memory-cafe]", "[northfield-memory-cafe, eastgate-walking-group]")
        .replace("private:", "merged_from: [northfield-luncheon-club]\nprivate:")
    )
    assert (
        '  conflict private.notes: kept ours; not kept: "Council contact is Sam in the wellbeing team."'
        in result.stdout
    )


def test_prefer_newer_takes_the_later_check(ours):
    result = run("merge-groups", KEEP, OTHER, "--prefer", "newer", "--write", root=ours)
    assert result.exit_code == 0, result.output
    assert files(ours)[f"groups/northfield/{KEEP}.yaml"] == MERGED_THEIRS  # theirs was checked later


def test_newer_on_a_tie_keeps_ours(ours):
    other = ours / "groups/northfield" / f"{OTHER}.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("2026-10-02", "2026-09-14"), encoding="utf-8")
    result = run("merge-groups", KEEP, OTHER, "--prefer", "newer", root=ours)
    assert '  conflict summary: kept ours; not kept: "Lunch for older people at the Methodist church."' in result.stdout


def test_merging_a_group_with_itself_is_refused(ours):
    result = run("merge-groups", KEEP, KEEP, "--dir", str(ours))
    assert result.exit_code == 1
    assert result.stderr == f'Error: "{KEEP}" given twice: name the group to keep, then its duplicate\n'


def test_an_unknown_group_is_named(ours):
    result = run("merge-groups", KEEP, "northfield-lunch", "--dir", str(ours))
    assert result.exit_code == 1
    assert result.stderr.startswith('Error: no group "northfield-lunch" in ')


def test_a_broken_partner_file_blocks_the_write(ours):
    walking = ours / "groups/eastgate/eastgate-walking-group.yaml"
    walking.write_text(
        walking.read_text(encoding="utf-8").replace("categories: [walking]", "categories: [walkng]"), encoding="utf-8"
    )
    before = files(ours)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", root=ours)
    assert result.exit_code == 1
    assert "Problem: " in result.stdout and "walkng" in result.stdout
    assert result.stderr.endswith("Error: the problems above must be fixed first; nothing written\n")
    assert files(ours) == before


def test_items_added_to_one_list_are_shown_together(sample):
    result = run("merge-groups", "northfield-lunch-club", "northfield-memory-cafe", "--dir", str(sample))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == (
        "  added: categories: memory-cafe, dementia-support, carers-support; audience: people-with-dementia, carers; "
        "partners: riverside-singing-for-the-brain, northfield-carers-group; merged_from: northfield-memory-cafe"
    )
    assert (
        '  CONFLICT cost: ours {type: "fee", amount: "4.50", note: "Two courses and a pudding, tea or coffee included"}, '
        'theirs {type: "donation", note: "Suggested 1.00 for tea and cake"}' in lines
    )
    assert (
        '  CONFLICT sessions: ours ["Every Tuesday and Thursday, 12:00-14:00. Please book by the Friday before"], '
        'theirs ["Every other Wednesday, 14:00-16:00 (fortnightly from 7 January 2026)"]'
    ) in lines


def test_rewiring_keeps_the_comments_of_the_partners_left(ours):
    cafe = ours / "groups/northfield/northfield-memory-cafe.yaml"
    text = cafe.read_text(encoding="utf-8").replace(
        "partners: [northfield-luncheon-club, northfield-lunch-club]  # both, until they are merged\n",
        "partners:\n  - eastgate-walking-group   # walks after the cafe\n  - northfield-luncheon-club   # the duplicate\n"
        "  - northfield-lunch-club   # lunch first\n",
    )
    cafe.write_text(text, encoding="utf-8")
    assert run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", root=ours).exit_code == 0
    assert cafe.read_text(encoding="utf-8") == text.replace("  - northfield-luncheon-club   # the duplicate\n", "")
