"""`assetdir merge SOURCE`: another directory's groups brought into this one: the plan, conflicts settled,
files that cannot be read said, private values hidden, nothing added twice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, SETTINGS, VALID, files, run, write_group

from .hostile import shown
from .merging import LAYOUTS, OURS, THEIRS, assert_no_secret, closed_reader, directory, group

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
    from conftest import SETTINGS

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


KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"


@pytest.mark.parametrize("indexed", [False, True])
def test_merge_names_our_broken_files_and_refuses_to_write(pair, indexed):
    ours, theirs = pair
    if indexed:  # our groups are then matched from the index, which has no data for a broken file
        run("validate")
        assert (ours / ".assetdir").is_dir()
    broken = ours / "groups" / "eastgate" / "eastgate-tea-dance.yaml"
    broken.write_text("name: [Eastgate Tea Dance\n", encoding="utf-8")
    before = files(ours)
    plan = run("merge", str(theirs), "--prefer", "ours")
    assert plan.exit_code == 0, plan.output
    assert "Warning: groups/eastgate/eastgate-tea-dance.yaml:1:7: error yaml-syntax" in plan.output
    assert "--write refuses while this file cannot be read" in plan.output
    result = run("merge", str(theirs), "--prefer", "ours", "--write")
    assert result.exit_code == 1
    assert "groups/eastgate/eastgate-tea-dance.yaml:1:7" in result.output
    assert files(ours) == before


def test_an_id_used_twice_in_the_source_is_said_and_neither_file_is_added(pair):
    ours, theirs = pair
    tea = theirs / "groups" / "eastgate-tea-dance.yaml"
    for folder in ("a", "b"):
        (theirs / "groups" / folder).mkdir()
        shutil.copy(tea, theirs / "groups" / folder / tea.name)
    (theirs / "groups" / "b" / tea.name).write_text(
        tea.read_text(encoding="utf-8").replace("Tea Dance", "Tea Dance Too"), encoding="utf-8"
    )
    tea.unlink()
    result = run("merge", "../theirs", "--prefer", "ours", "--write")
    assert result.exit_code == 0, result.output
    assert (
        "Problem: ../theirs/groups/a/eastgate-tea-dance.yaml and ../theirs/groups/b/eastgate-tea-dance.yaml: "
        "the id eastgate-tea-dance is used by 2 files in ../theirs"
    ) in result.output
    assert not list(ours.rglob("eastgate-tea-dance*.yaml"))
    assert "partners: eastgate-tea-dance not kept" in result.output


def test_a_value_of_theirs_that_does_not_fit_is_placed_in_their_file(pair):
    _, theirs = pair
    path = theirs / "groups" / "lunch-club-northfield.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("categories: ["))
    lines[at] = lines[at].replace("categories: [", "categories: [bingo, ")
    path.write_text("".join(lines), encoding="utf-8")
    result = run("merge", "../theirs")
    assert result.exit_code == 0, result.output
    assert (
        f'Problem: ../theirs/groups/lunch-club-northfield.yaml:{at + 1}:14: error unknown-category: "bingo" is not a category'
        "; change it there to an id this directory has, or add it under vocabulary: in assetdir.yaml"
        " (so lunch-club-northfield is not merged into northfield-lunch-club)"
    ) in result.output


def _plan(ours, theirs, indexed: bool) -> str:
    if indexed:
        assert run("validate", "--dir", str(ours)).exit_code in (0, 1)  # builds the index
    result = run("merge", str(theirs))
    return result.output


def test_an_invalid_file_of_ours_is_matched_the_same_with_or_without_the_index(tmp_path, monkeypatch):
    """A group of ours that does not validate is still the group their copy is: never added again."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for root in (ours, theirs):
        shutil.copytree(REPO / "groups", root / "groups")
        shutil.copy(REPO / "assetdir.yaml", root)
    carers = next((ours / "groups").rglob("northfield-carers-group.yaml"))
    carers.write_text(carers.read_text(encoding="utf-8").replace("area: northfield", "area: nowhere"), encoding="utf-8")
    theirs_carers = next((theirs / "groups").rglob("northfield-carers-group.yaml"))
    text = theirs_carers.read_text(encoding="utf-8")
    theirs_carers.write_text(text.replace("summary: ", "summary: Now ", 1), encoding="utf-8")
    monkeypatch.chdir(ours)
    plans = [_plan(ours, theirs, indexed) for indexed in (False, True)]
    for plan in plans:
        assert "northfield-carers-group-2" not in plan
        assert "northfield-carers-group" in plan
    assert plans[0] == plans[1]


def test_an_id_used_by_two_of_our_files_stops_the_write(pair):
    ours, theirs = pair
    twin = ours / "groups" / "elsewhere"
    twin.mkdir()
    shutil.copy(next((ours / "groups").rglob(f"{KEEP}.yaml")), twin / f"{KEEP}.yaml")
    before = files(ours)
    result = run("merge", str(theirs), "--prefer", "ours", "--write")
    assert result.exit_code == 1
    assert f"id {KEEP} is used by more than one file; rename one" in result.output
    assert files(ours) == before


def test_merge_write_is_made_when_nobody_reads_the_plan(pair):
    ours, theirs = pair
    before = {p.name for p in (ours / "groups").rglob("*.yaml")}
    result = closed_reader("merge", str(theirs), "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (ours / "groups").rglob("*.yaml")} > before


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "../theirs/assetdir.yaml",
            "Error: ../theirs/assetdir.yaml is a file; SOURCE must be a directory with assetdir.yaml (perhaps ../theirs)",
        ),
        ("../nowhere", "Error: ../nowhere: no such folder; SOURCE must be a directory with assetdir.yaml"),
        (
            "groups",
            "Error: groups is a folder inside this directory; SOURCE must be a directory with assetdir.yaml, another than this one",
        ),
        ("../theirs/groups", "Error: SOURCE must be a directory with assetdir.yaml: ../theirs/groups has none"),
        (".", "Error: . is this directory; name another directory to merge in"),
    ],
)
def test_a_source_that_is_not_another_directory_is_refused(pair, source, message):
    result = run("merge", source)
    assert result.exit_code == 1
    assert result.output.strip() == message


def test_this_directory_is_named_as_typed(pair):
    ours, _ = pair
    result = run("merge", str(ours))
    assert result.output.strip() == f"Error: {ours} is this directory; name another directory to merge in"


def test_a_source_with_broken_settings_is_merged_with_a_warning(pair):
    _, theirs = pair
    (theirs / "assetdir.yaml").write_text("areas: [northfield\n", encoding="utf-8")
    result = run("merge", "../theirs")
    assert result.exit_code == 0, result.output
    assert "Warning: ../theirs/assetdir.yaml:1:" in result.output
    assert "the settings of ../theirs cannot be used" in result.output


def test_usage_shows_that_several_sources_may_be_given():
    result = run("merge", "--help")
    assert "SOURCE..." in result.output


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


@pytest.mark.parametrize("indent", [0, 3])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_merge_plan_hides_private_values_of_an_added_group(tmp_path: Path, layout: str, indent: int):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for root in (ours, theirs):
        (root / "groups").mkdir(parents=True)
        (root / "assetdir.yaml").write_text(SETTINGS)
    write_group(ours, "keep", group(""))
    write_group(
        theirs,
        "eastgate-walk",
        group(LAYOUTS[layout], "Eastgate Walking Group", indent)
        .replace("01632 960123", "01632 960999")
        .replace("as1 2ab", "as9 9zz"),
    )
    result = run("merge", str(theirs), "--dir", str(ours))
    assert result.exit_code == 0, result.output
    assert "Add " in result.output
    assert_no_secret(result)


def test_merge_plan_is_shown_escaped(hostile, tmp_path):
    ours = tmp_path / "ours"
    (ours / "groups").mkdir(parents=True)
    shutil.copy(hostile / "assetdir.yaml", ours / "assetdir.yaml")
    out = shown(ours, "merge", str(hostile))
    assert "\\x1b" in out and "\\u202e" in out


def test_closures_that_differ_are_conflicts_told_apart(sample, tmp_path):
    theirs = tmp_path / "theirs"
    shutil.copytree(sample, theirs)
    lunch = theirs / "groups" / "millbrook" / "millbrook-lunch-club.yaml"
    text = lunch.read_text(encoding="utf-8")
    lunch.write_text(
        text.replace(
            "    bank_holidays: closed\n",
            "    bank_holidays: closed\n    closed: {from: 2027-08-01, until: 2027-08-31}\n",
        ),
        encoding="utf-8",
    )
    result = run("merge", str(theirs), "--dir", str(sample))
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "CONFLICT sessions:" in out
    assert "bank holidays closed\"], theirs" in out and "closed 2027-08-01 to 2027-08-31" in out
