"""assetdir.merge.directories: `merge` as a library call, tests/fixtures/merge/theirs brought into ours."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assetdir.edit.changes import apply
from assetdir.merge.conflicts import Choices
from assetdir.merge.directories import merge_directories
from assetdir.merge.groups import merge_groups
from assetdir.merge.plan import Plan
from assetdir.problems import AssetdirError
from assetdir.query.thresholds import LIKELY
from assetdir.store.directory import Directory, open_directory
from conftest import files, write_group

OUR_LUNCH = "groups/northfield/northfield-lunch-club.yaml"


@pytest.fixture
def both(pair: tuple[Path, Path]) -> tuple[Directory, Directory]:
    return open_directory(pair[0], cache=False), open_directory(pair[1], cache=False)


def planned(ours: Directory, *sources: Directory, choices: Choices | None = None) -> Plan:
    return merge_directories(open_directory(ours.root, cache=False), list(sources), choices or Choices(), LIKELY)


def changed(plan: Plan, root: Path) -> dict[str, str | None]:
    return {c.path.relative_to(root).as_posix(): c.new for c in plan.changes}


def test_their_groups_are_added_or_merged_into_ours_and_nothing_is_written(both):
    ours, theirs = both
    before = files(ours.root)
    plan = planned(ours, theirs)
    assert files(ours.root) == before
    titles = [s.title for s in plan.steps]
    assert titles[0].endswith("eastgate-tea-dance.yaml: groups/eastgate/eastgate-tea-dance.yaml")
    assert titles[1].endswith(
        "eastgate-walking-group.yaml as eastgate-walking-group-2: groups/eastgate/eastgate-walking-group-2.yaml"
    )
    assert titles[2].startswith("Merge lunch-club-northfield into northfield-lunch-club (score 100: same phone")
    assert [c.field for c in plan.unsettled] == ["last_checked"]
    assert sorted(changed(plan, ours.root)) == [
        "groups/eastgate/eastgate-tea-dance.yaml",
        "groups/eastgate/eastgate-walking-group-2.yaml",
        OUR_LUNCH,
    ]


def test_a_new_group_that_does_not_fit_this_directory_is_left_out_and_said(both):
    plan = planned(*both)
    assert len(plan.problems) == 2
    assert all(p.endswith("(so westbury-bingo is not added)") for p in plan.problems)
    assert 'unknown-category: "bingo" is not a category' in plan.problems[0]
    assert 'unknown-area: "westbury" is not an area of this directory' in plan.problems[1]
    assert not any("westbury" in path for path in changed(plan, both[0].root))


def test_partners_of_an_added_group_name_the_ids_used_here(both):
    new = changed(planned(*both), both[0].root)
    assert (
        "partners: [northfield-lunch-club, eastgate-walking-group-2]\n"
        in new["groups/eastgate/eastgate-tea-dance.yaml"]
    )
    merged = new[OUR_LUNCH]
    assert "partners: [northfield-memory-cafe, eastgate-tea-dance]\n" in merged


def test_fields_merged_in_are_in_normal_form_and_our_comments_stay(both):
    merged = changed(planned(*both, choices=Choices("ours")), both[0].root)[OUR_LUNCH]
    assert merged.startswith("# Northfield Lunch Club - checked by phone, Jean still running it\n")
    assert "  phone: 01632 960110   # the church office passes messages on\n" in merged
    assert "  website: https://northfield-methodist.example.org\n" in merged
    assert "categories: [lunch-club, meals-food]\n" in merged
    assert "last_checked: 2026-09-14\n" in merged  # ours preferred


def test_merging_the_same_directory_again_adds_nothing(both):
    ours, theirs = both
    apply(ours, planned(ours, theirs, choices=Choices("ours")).changes)
    again = planned(ours, theirs, choices=Choices("ours"))
    assert again.changes == []
    assert not any(s.title.startswith("Add") for s in again.steps)
    assert again.steps[-1].title.startswith("Already here, nothing new: 2 groups of ")
    assert again.steps[-1].title.endswith("(eastgate-tea-dance, eastgate-walking-group-2)")


def test_a_group_folded_away_by_merge_groups_does_not_come_back(both, tmp_path):
    ours, _ = both
    source = tmp_path / "old-list"
    (source / "groups").mkdir(parents=True)
    shutil.copy(ours.settings_path, source / "assetdir.yaml")
    folded = ours.groups_dir / "northfield" / "northfield-luncheon-club.yaml"
    shutil.copy(folded, source / "groups" / folded.name)
    apply(ours, merge_groups(ours, "northfield-lunch-club", "northfield-luncheon-club", Choices("ours")).changes)
    plan = planned(ours, open_directory(source, cache=False), choices=Choices("ours"))
    assert not any(s.title.startswith("Add") for s in plan.steps)
    assert not any("luncheon" in path for path in changed(plan, ours.root))
    (step,) = plan.steps
    assert step.title == (
        "Merge northfield-luncheon-club into northfield-lunch-club "
        "(score 100: northfield-luncheon-club was merged into northfield-lunch-club)"
    )
    assert plan.changes == []  # everything of it is in ours already, its conflicts settled for ours


def test_an_id_used_twice_in_the_source_is_said_and_neither_file_is_added(both):
    ours, theirs = both
    write_group(theirs.root, "eastgate-tea-dance", (theirs.groups_dir / "eastgate-tea-dance.yaml").read_text(), "again")
    plan = planned(ours, open_directory(theirs.root, cache=False))
    assert any("the id eastgate-tea-dance is used by 2 files" in p for p in plan.problems)
    assert not any("tea-dance" in path for path in changed(plan, ours.root))


def test_a_directory_is_not_merged_into_itself(both):
    ours, _ = both
    with pytest.raises(AssetdirError, match="is this directory"):
        planned(ours, open_directory(ours.root, cache=False))


def test_private_values_are_never_in_the_plan_text(both, tmp_path):
    ours, theirs = both
    lunch = theirs.groups_dir / "lunch-club-northfield.yaml"
    lunch.write_text(lunch.read_text() + "private:\n  notes: Ring Jean Secret after ten\n", encoding="utf-8")
    for choices in (Choices(), Choices("theirs")):
        plan = planned(ours, open_directory(theirs.root, cache=False), choices=choices)
        assert "private.notes" in [c.field for c in plan.conflicts]
        text = "\n".join(plan.lines())
        assert "Jean Secret" not in text and "Prefers calls" not in text
