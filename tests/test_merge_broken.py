"""Merging with files that cannot be read: said, and never a reason for a wrong write."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO, files, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"
KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"


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
