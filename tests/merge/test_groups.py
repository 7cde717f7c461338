"""assetdir.merge.groups: `merge-groups` as a library call, on copies of tests/fixtures/merge/ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.edit.changes import apply
from assetdir.merge.conflicts import Choices
from assetdir.merge.groups import merge_groups
from assetdir.merge.plan import Plan
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory, open_directory
from assetdir.store.validate import check
from conftest import files

KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"


@pytest.fixture
def ours(pair: tuple[Path, Path]) -> Directory:
    return open_directory(pair[0], cache=False)


def changed(plan: Plan, root: Path) -> dict[str, str | None]:
    """The plan's new text of each file it changes, by its path in the directory (None: removed)."""
    return {c.path.relative_to(root).as_posix(): c.new for c in plan.changes}


def test_the_plan_folds_other_into_keep_and_writes_nothing(ours):
    before = files(ours.root)
    plan = merge_groups(ours, KEEP, OTHER, Choices())
    assert files(ours.root) == before
    (step,) = plan.steps
    assert step.title == f"Merge {OTHER} into {KEEP}"
    assert step.notes == [
        f"partners: {OTHER} -> {KEEP} in groups/eastgate/eastgate-walking-group.yaml",
        f"partners: {OTHER} -> {KEEP} in groups/northfield/northfield-memory-cafe.yaml",
        f"remove groups/northfield/{OTHER}.yaml",
    ]
    assert [c.field for c in plan.unsettled] == ["name", "summary", "last_checked", "private.notes"]
    assert list(changed(plan, ours.root).values())[-1] is None  # the removal last


def test_keep_remembers_other_and_every_partner_list_names_keep(ours):
    new = changed(merge_groups(ours, KEEP, OTHER, Choices("ours")), ours.root)
    kept = new[f"groups/northfield/{KEEP}.yaml"]
    assert "merged_from: [northfield-luncheon-club]\n" in kept
    assert "partners: [northfield-memory-cafe, eastgate-walking-group]\n" in kept  # never itself
    cafe = new["groups/northfield/northfield-memory-cafe.yaml"]
    assert "partners: [northfield-lunch-club]  # both, until they are merged\n" in cafe  # not twice, comment kept
    assert "  - northfield-lunch-club\n" in new["groups/eastgate/eastgate-walking-group.yaml"]
    assert new[f"groups/northfield/{OTHER}.yaml"] is None


def test_prefer_ours_keeps_every_value_of_ours_and_fills_in_the_rest(ours):
    kept = changed(merge_groups(ours, KEEP, OTHER, Choices("ours")), ours.root)[f"groups/northfield/{KEEP}.yaml"]
    assert "name: Northfield Lunch Club   # as on the church noticeboard\n" in kept
    assert "last_checked: 2026-09-14\n" in kept and "  notes: Prefers calls after 10am.\n" in kept
    assert "  email: lunch@northfield-methodist.example.org\n" in kept
    assert "    postcode: AS2 4DL\n" in kept and "01632960110" not in kept  # equal once normalised: left alone


def test_prefer_newer_takes_the_side_checked_later(ours):
    kept = changed(merge_groups(ours, KEEP, OTHER, Choices("newer")), ours.root)[f"groups/northfield/{KEEP}.yaml"]
    assert "name: Northfield Luncheon Club   # as on the church noticeboard\n" in kept  # checked 2026-10-02
    assert "last_checked: 2026-10-02\n" in kept


def test_a_written_fold_leaves_a_directory_that_validates(ours, today):
    before = check(ours, use_cache=False, today=today)
    plan = merge_groups(ours, KEEP, OTHER, Choices("theirs"))
    apply(ours, plan.changes)
    after = check(open_directory(ours.root, cache=False), use_cache=False, today=today)
    assert (before.checked, after.checked) == (4, 3)
    assert [str(p) for p in after.problems] == []
    assert not (ours.groups_dir / "northfield" / f"{OTHER}.yaml").exists()


@pytest.mark.parametrize(
    "keep, other, message",
    [
        (KEEP, KEEP, f'"{KEEP}" given twice'),
        (KEEP, "no-such-group", "no-such-group"),
    ],
)
def test_a_fold_that_cannot_be_made_is_refused_with_a_message(ours, keep, other, message):
    with pytest.raises(AssetdirError, match=message):
        merge_groups(ours, keep, other, Choices())


def test_a_broken_file_naming_other_blocks_the_plan(ours):
    broken = ours.groups_dir / "eastgate" / "eastgate-walking-group.yaml"
    broken.write_text(broken.read_text() + "partners: [oops\n", encoding="utf-8")
    plan = merge_groups(ours, KEEP, OTHER, Choices("ours"))
    assert plan.blocking
    assert len(plan.problems) == 1 and "eastgate-walking-group.yaml" in plan.problems[0]
    assert plan.problems[0].endswith(f"it mentions {OTHER}: fix it, then merge again")


def test_private_values_are_never_in_the_plan_text(ours):
    for choices in (Choices(), Choices("theirs"), Choices("ours", join=["notes"])):
        text = "\n".join(merge_groups(ours, KEEP, OTHER, choices).lines())
        assert "Prefers calls" not in text and "Council contact" not in text
