"""`assetdir merge-groups`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass
from assetdir.cli.application import app
from assetdir.cli.options import (
    DirOption,
    JoinOption,
    KeepOption,
    PreferOption,
    PrivateOption,
    TakeOption,
    WriteOption,
    choices_of,
    find_dir,
)
from assetdir.cli.plans import report_plan


@app.command("merge-groups")
def merge_groups(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The id of the group to keep.", show_default=False)],
    other: Annotated[
        str,
        typer.Argument(
            metavar="OTHER", help="The id of its duplicate, merged into KEEP and removed.", show_default=False
        ),
    ],
    write: WriteOption = False,
    prefer: PreferOption = None,
    keep_field: KeepOption = None,
    take_field: TakeOption = None,
    join_field: JoinOption = None,
    show_private: PrivateOption = False,
    dir: DirOption = None,
) -> None:
    """Merge a duplicate group into the one to keep, and remove its file.

    Fields only OTHER has are filled in, lists are united (KEEP's first), and
    every group that names OTHER as a partner names KEEP instead. Two different
    values for one field are a conflict: --write refuses until --prefer says
    which side to keep (or --keep, --take and --join settle fields one by
    one), and every value not kept is listed. KEEP's merged_from records
    OTHER, so merging a list that still has OTHER does not bring it back.
    Without --write it only shows the plan and a diff of each file.

    \b
    Examples:
      assetdir merge-groups northfield-lunch-club northfield-luncheon-club
      assetdir merge-groups northfield-lunch-club northfield-luncheon-club --prefer newer --write
      assetdir merge-groups northfield-lunch-club northfield-luncheon-club --prefer theirs --keep name --join notes
    """
    from assetdir.merge.groups import merge_groups as plan_merge

    directory = find_dir(dir, no_cache=True)
    choices = choices_of(prefer, keep_field, take_field, join_field)
    plan = plan_merge(directory, keep, other, choices)
    report_plan(directory, plan, write, show_private)
