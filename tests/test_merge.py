"""`assetdir merge SOURCE`: another directory's groups brought into this one."""

from __future__ import annotations

import pytest

from conftest import REPO, files, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"


TEA_DANCE = """\
# from the council's 2026 list
name: Eastgate Tea Dance
summary: Ballroom and sequence dancing with tea and cake.
categories: [dance]
area: eastgate
venues:
  - name: Eastgate Community Centre
    postcode: AS3 1QQ
sessions:
  - days: [friday]
    start: "14:00"
    end: "16:00"
contact:
  phone: 01632 960140
partners: [northfield-lunch-club, eastgate-walking-group-2]
last_checked: 2026-05-01
"""


def test_dry_run_plan(pair):
    ours, theirs = pair
    before = files(ours)
    result = run("merge", "../theirs")
    assert result.exit_code == 0, result.output
    assert files(ours) == before
    plan = [line for line in result.stdout.splitlines() if not line.startswith(("+", "-", " ", "@"))]
    assert plan == [
        "Add ../theirs/groups/eastgate-tea-dance.yaml: groups/eastgate/eastgate-tea-dance.yaml",
        "Add ../theirs/groups/eastgate-walking-group.yaml as eastgate-walking-group-2: groups/eastgate/eastgate-walking-group-2.yaml",
        "Merge lunch-club-northfield into northfield-lunch-club (score 100: same phone 01632 960110; same postcode AS2 4DL and same name)",
        'Problem: ../theirs/groups/westbury-bingo.yaml:3:14: error unknown-category: "bingo" is not a category'
        '; change it there to an id this directory has, or add it under vocabulary: in assetdir.yaml (so westbury-bingo is not added)',
        'Problem: ../theirs/groups/westbury-bingo.yaml:4:7: error unknown-area: "westbury" is not an area of this directory '
        "(areas are listed in assetdir.yaml) (so westbury-bingo is not added)",
    ]
    assert '  CONFLICT last_checked: ours "2026-09-14", theirs "2026-06-30"' in result.stdout
    assert "+++ b/ours/groups/eastgate/eastgate-tea-dance.yaml\n" in result.stdout
    assert result.stderr == (
        "3 files to write, 0 to remove; 1 conflict (last_checked): --write needs --prefer ours, theirs or newer\n"
        "Warning: 2 problems above: those groups are left out\n"
    )


def test_conflicts_block_write(pair):
    ours, _ = pair
    before = files(ours)
    result = run("merge", "../theirs", "--write")
    assert result.exit_code == 1
    assert "Error: 1 conflict (last_checked): nothing written" in result.stderr
    assert files(ours) == before


@pytest.mark.parametrize(
    ("prefer", "date"), [("ours", "2026-09-14"), ("newer", "2026-09-14"), ("theirs", "2026-06-30")]
)
def test_write_adds_merges_and_renames(pair, prefer, date):
    ours, theirs = pair
    before = files(ours)
    result = run("merge", "../theirs", "--prefer", prefer, "--write")
    assert result.exit_code == 0, result.output
    after = files(ours)
    assert set(after) == set(before) | {
        "groups/eastgate/eastgate-tea-dance.yaml",
        "groups/eastgate/eastgate-walking-group-2.yaml",
    }
    assert after["groups/eastgate/eastgate-tea-dance.yaml"] == TEA_DANCE  # partners point at our ids
    assert after["groups/eastgate/eastgate-walking-group-2.yaml"] == (
        theirs / "groups/eastgate-walking-group.yaml"
    ).read_text(encoding="utf-8")
    lunch = before["groups/northfield/northfield-lunch-club.yaml"]
    expected = (
        lunch.replace("categories: [lunch-club]", "categories: [lunch-club, meals-food]")
        .replace(
            "messages on\n",
            "messages on\n  website: https://northfield-methodist.example.org\noffers: [meeting-room]\n",
        )
        .replace("partners: [northfield-memory-cafe]", "partners: [northfield-memory-cafe, eastgate-tea-dance]")
        .replace("last_checked: 2026-09-14", f"last_checked: {date}")
    )
    assert after["groups/northfield/northfield-lunch-club.yaml"] == expected
    assert {k: v for k, v in after.items() if k in before and "lunch-club.yaml" not in k} == {
        k: v for k, v in before.items() if "lunch-club.yaml" not in k
    }
    assert result.stderr.splitlines()[0] == "Wrote 3 files, removed 0"
    assert run("validate").exit_code == 0


def test_merging_twice_adds_nothing_the_second_time(pair):
    ours, _ = pair
    assert run("merge", "../theirs", "--prefer", "ours", "--write").exit_code == 0
    before = files(ours)
    result = run("merge", "../theirs", "--prefer", "ours", "--write")
    assert result.exit_code == 0, result.output
    assert files(ours) == before
    assert result.stdout.splitlines()[:3] == [
        "Merge lunch-club-northfield into northfield-lunch-club (score 100: same phone 01632 960110; "
        "same website northfield-methodist.example.org; same postcode AS2 4DL and same name)",
        '  conflict last_checked: kept ours; not kept: "2026-06-30"',  # still named, though nothing changes
        "Already here, nothing new: 2 groups of ../theirs (eastgate-tea-dance, eastgate-walking-group-2)",
    ]
    assert result.stderr.startswith("Wrote 0 files, removed 0\n")


def test_a_folder_that_is_not_a_directory_is_named(pair):
    result = run("merge", "../nowhere")
    assert result.exit_code == 1
    assert result.stderr == "Error: ../nowhere: no such folder; SOURCE must be a directory with assetdir.yaml\n"


def test_merging_a_directory_into_itself_is_refused(pair):
    result = run("merge", ".")
    assert result.exit_code == 1
    assert result.stderr == "Error: . is this directory; name another directory to merge in\n"


def test_a_merge_whose_result_does_not_fit_is_left_out(pair):
    ours, theirs = pair
    lunch = theirs / "groups/lunch-club-northfield.yaml"
    lunch.write_text(
        lunch.read_text(encoding="utf-8").replace("[lunch-club, meals-food]", "[lunch-club, bingo]"), encoding="utf-8"
    )
    before = files(ours)
    result = run("merge", "../theirs", "--prefer", "ours", "--write")
    assert result.exit_code == 0, result.output
    problems = [line for line in result.stdout.splitlines() if line.startswith("Problem: ")]
    assert problems[2] == (
        'Problem: ../theirs/groups/lunch-club-northfield.yaml:3:26: error unknown-category: "bingo" is not a category'
        "; change it there to an id this directory has, or add it under vocabulary: in assetdir.yaml (so lunch-club-northfield is not merged into northfield-lunch-club)"
    )
    assert not any(line.startswith("Merge lunch-club-northfield") for line in result.stdout.splitlines())
    after = files(ours)
    assert (
        after["groups/northfield/northfield-lunch-club.yaml"] == before["groups/northfield/northfield-lunch-club.yaml"]
    )
    assert "groups/eastgate/eastgate-tea-dance.yaml" in after  # the rest is written
    assert result.stderr.endswith("Warning: 3 problems above: those groups are left out\n")


def test_a_group_under_the_same_id_and_name_is_merged_into_that_one(tmp_path, monkeypatch):
    from conftest import SETTINGS, VALID

    for root in (tmp_path / "ours", tmp_path / "theirs"):
        (root / "groups").mkdir(parents=True)
        (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    for id_, name in (("advice-15", "Advice Surgery 15"), ("advice-145", "Advice Surgery 145")):
        (tmp_path / "ours/groups" / f"{id_}.yaml").write_text(
            VALID.replace("Northfield Lunch Club", name), encoding="utf-8"
        )
    their_text = VALID.replace("Northfield Lunch Club", "Advice Surgery 15") + "x-source: the council\n"
    (tmp_path / "theirs/groups/advice-15.yaml").write_text(their_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "ours")
    result = run("merge", "../theirs")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Merge advice-15 into advice-15 (score 100: same id and name advice-15)",
        "  filled in: x-source",
    ]
