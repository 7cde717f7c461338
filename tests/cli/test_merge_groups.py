"""`assetdir merge-groups KEEP OTHER`: a duplicate folded into the group kept, as a careful person would:
the plan, conflicts settled field by field, partners rewired, comments, blank lines and tabs kept, what
is copied in written as fmt would write it, and no write over a change made meanwhile."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assetdir.edit import writes
from conftest import REPO, SETTINGS, files, run, write_group
from edit.tabs import CANONICAL, DUPLICATE

from .hostile import shown
from .merging import LAYOUTS, OURS, THEIRS, assert_no_secret, closed_reader, directory, group
from .writing import CHANGED, everything, meanwhile

FIXTURES = REPO / "tests" / "fixtures" / "merge"

KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"

SESSION = '  - days: [tuesday]\n    start: "12:00"\n    end: "14:00"\n'


def test_sessions_and_venue_fields_copied_in_are_in_canonical_form(tmp_path: Path):
    root = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", root)
    keep = root / "groups" / "northfield" / f"{KEEP}.yaml"
    other = root / "groups" / "northfield" / f"{OTHER}.yaml"
    text = keep.read_text(encoding="utf-8").replace("sessions:\n" + SESSION, "")
    keep.write_text(
        text.replace("    accessibility: [step-free]\n", "    transport: Bus 11 stops outside\n"), encoding="utf-8"
    )
    other_text = other.read_text(encoding="utf-8")
    assert SESSION in other_text
    other.write_text(
        other_text.replace(SESSION, "  - note: Not in August\n    days: [tuesday]\n    start: 12:00\n    end: 3pm\n"),
        encoding="utf-8",
    )
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(root))
    assert result.exit_code == 0, result.output
    merged = keep.read_text(encoding="utf-8")
    assert '  - days: [tuesday]\n    start: "12:00"\n    end: "15:00"\n    note: Not in August\n' in merged
    assert "    accessibility: [" in merged.split("    transport:")[0]
    check = run("fmt", "--check", "--dir", str(root), str(keep))
    assert check.exit_code == 0, check.output + merged


def test_when_other_was_the_only_partner_the_partners_key_goes(tmp_path: Path):
    root = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", root)
    keep = root / "groups" / "northfield" / f"{KEEP}.yaml"
    other = root / "groups" / "northfield" / f"{OTHER}.yaml"
    keep.write_text(
        keep.read_text(encoding="utf-8").replace("partners: [northfield-memory-cafe]", f"partners: [{OTHER}]"),
        encoding="utf-8",
    )
    other.write_text(
        "".join(
            line
            for line in other.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("partners:")
        ),
        encoding="utf-8",
    )
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(root))
    assert result.exit_code == 0, result.output
    merged = keep.read_text(encoding="utf-8")
    assert "partners" not in merged
    assert "\nlast_checked: 2026-09-14\n" in merged


def test_a_broken_file_naming_other_stops_merge_groups(pair):
    ours, _ = pair
    (ours / "groups" / "broken.yaml").write_text(f"name: Broken\npartners: [{OTHER}\n", encoding="utf-8")
    before = files(ours)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write")
    assert result.exit_code == 1
    assert "Problem: groups/broken.yaml:2:11: error yaml-syntax" in result.output
    assert f"it mentions {OTHER}" in result.output
    assert files(ours) == before


def test_a_broken_file_not_naming_other_does_not_stop_merge_groups(pair):
    ours, _ = pair
    (ours / "groups" / "broken.yaml").write_text("name: [Broken\n", encoding="utf-8")
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write")
    assert result.exit_code == 0, result.output
    assert not (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()


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


def test_merge_groups_write_is_made_when_nobody_reads_the_plan(pair):
    ours, _ = pair
    result = closed_reader("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.returncode == 0, result.stderr
    assert not (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()
    assert "Wrote " in result.stderr


def test_a_file_that_cannot_be_written_stops_the_merge_before_anything_is_written(pair):
    ours, _ = pair
    locked = ours / "groups" / "eastgate" / "eastgate-walking-group.yaml"  # a partner to rewire
    before = files(ours)
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert result.exit_code == 1
    assert "eastgate-walking-group.yaml: cannot be changed" in result.output
    assert ".tmp" not in result.output
    assert files(ours) == before


def test_a_write_failing_part_way_says_what_was_and_was_not_written(pair, monkeypatch):
    ours, _ = pair
    monkeypatch.chdir(ours)

    real = writes.write_atomic
    calls = []

    def failing(path, text, **how):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        real(path, text, **how)

    monkeypatch.setattr(writes, "write_atomic", failing)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"{calls[1].name}: No space left on device; stopped part-way" in message
    done, not_done = message.split("Done: ")[1].split("Not done: ")
    assert calls[0].name in done and calls[1].name not in done
    assert calls[1].name in not_done and f"{OTHER}.yaml" in not_done
    assert f"git checkout -- {calls[0].relative_to(ours)}`" in message  # run from inside the directory
    assert (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()
    monkeypatch.setattr(writes, "write_atomic", real)  # the cause fixed: the same command finishes it
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.exit_code == 0, result.output
    assert not (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()


def setup(tmp_path: Path, keep_extra: str, other_extra: str) -> Path:
    root = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", root)
    for id_, extra in ((KEEP, keep_extra), (OTHER, other_extra)):
        path = root / "groups" / "northfield" / f"{id_}.yaml"
        text = path.read_text(encoding="utf-8")
        assert SESSION in text
        path.write_text(text.replace(SESSION, SESSION + extra), encoding="utf-8")
    return root


def test_a_session_conflict_shows_the_note_and_dates_that_differ(tmp_path):
    root = setup(tmp_path, "", "    note: Not in August\n    until: 2026-12-31\n")
    result = run("merge-groups", KEEP, OTHER, "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert (
        'CONFLICT sessions: ours ["Every Tuesday, 12:00-14:00"], '
        'theirs ["Every Tuesday, 12:00-14:00 (until 31 December 2026). Not in August"]'
    ) in " ".join(result.output.split())


def test_a_session_note_not_kept_is_listed(tmp_path):
    root = setup(tmp_path, "    note: Bring your own cup\n", "    from: 2026-01-05\n")
    result = run("merge-groups", KEEP, OTHER, "--prefer", "theirs", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert 'conflict sessions: kept theirs; not kept: ["Every Tuesday, 12:00-14:00. Bring your own cup"]' in " ".join(
        result.output.split()
    )


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


@pytest.mark.parametrize("indent", [0, 3])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_merge_groups_plan_hides_private_values(tmp_path: Path, layout: str, indent: int):
    root = tmp_path / "d"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS)
    write_group(root, "keep", group("private:\n  notes: Another note\n"))
    write_group(root, "other", group(LAYOUTS[layout], "Northfield Luncheon Club", indent))
    assert run("validate", "--dir", str(root)).exit_code == 0
    for args in ([], ["--prefer", "theirs"]):
        result = run("merge-groups", "keep", "other", "--dir", str(root), *args)
        assert result.exit_code == 0, result.output
        assert "private" in result.output  # the plan says a private value differs, without it
        assert_no_secret(result)
    shown = run("merge-groups", "keep", "other", "--dir", str(root), "--show-private")
    assert "Ring after ten" in shown.output


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


def test_merge_groups_plan_is_shown_escaped(hostile):
    out = shown(hostile, "merge-groups", "evil-club", "evil-two", "--show-private")
    assert "\\x1b" in out and "\\u202e" in out


# A change made meanwhile is never lost


def test_merge_groups_refuses_when_the_kept_file_changed_under_it(pair, monkeypatch):
    ours, _ = pair
    keep, other = ours / "groups" / "northfield" / f"{KEEP}.yaml", ours / "groups" / "northfield" / f"{OTHER}.yaml"
    theirs = keep.read_text(encoding="utf-8") + "x-note: added meanwhile\n"
    before = everything(ours)
    meanwhile(monkeypatch, keep, theirs)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write")
    assert result.exit_code == 1
    assert f"{KEEP}.yaml{CHANGED}" in result.output
    assert keep.read_text(encoding="utf-8") == theirs
    assert everything(ours) == {**before, keep.relative_to(ours).as_posix(): theirs.encode()}
    assert other.exists()


def test_merge_groups_does_not_remove_a_duplicate_changed_under_it(pair, monkeypatch):
    ours, _ = pair
    other = ours / "groups" / "northfield" / f"{OTHER}.yaml"
    theirs = other.read_text(encoding="utf-8") + "x-note: added meanwhile\n"
    real = writes.write_atomic

    def then_other_changes(path, text, **how):
        real(path, text, **how)
        other.write_text(theirs, encoding="utf-8")

    monkeypatch.setattr(writes, "write_atomic", then_other_changes)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write")
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"{OTHER}.yaml: changed while this ran; stopped part-way." in message
    assert other.read_text(encoding="utf-8") == theirs
