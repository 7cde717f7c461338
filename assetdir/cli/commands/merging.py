"""`assetdir fmt`, `merge-groups` and `merge`: the commands that rewrite group files.

No `from __future__ import annotations`: typer reads these annotations as they are."""

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from assetdir.cli.app import DirOption, _err, _find, app

if TYPE_CHECKING:
    from assetdir.edit.roundtrip import Change
    from assetdir.merge.fields import Choices
    from assetdir.merge.plan import Plan
    from assetdir.store.directory import Directory


@app.command()
def fmt(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="PATH...", help="Group files or folders (default: every group file).", exists=True, show_default=False),
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="Change nothing; list the files that would change and exit 1 if any would or any is not valid.")] = False,
    dir: DirOption = None,
) -> None:
    """Rewrite group files in the canonical form, comments kept.

    Keys in the order of the format's example, times as "HH:MM", postcodes and
    phone numbers in their normal form. Files that do not validate are listed
    and left alone, and then it exits 1. Running it twice changes nothing the
    second time.

    \b
    Examples:
      assetdir fmt
      assetdir fmt --check
      assetdir fmt groups/northfield/northfield-lunch-club.yaml
    """
    from assetdir.edit.fmt import format_files
    from assetdir.edit.roundtrip import apply

    directory = _find(dir, no_cache=True)
    result = format_files(directory, paths or [])
    err = _err()
    for line in result.skipped:
        err.print(f"Skipped: {line}", markup=False)
    for change in result.changes:
        what = ", ".join(result.what[change.path])
        print(f"{directory.display(change.path)}: {'would change' if check else 'formatted'} ({what})")
    left = len(result.skipped)
    if check:
        unchecked = f"; {left} could not be checked (see above)" if left else ""
        err.print(f"{len(result.changes)} of {result.checked} files would change{unchecked}", markup=False)
        if result.changes or left:
            raise typer.Exit(1)
        return
    apply(directory, result.changes)
    err.print(f"{len(result.changes)} of {result.checked} files formatted" + (f"; {left} not formatted (see above)" if left else ""), markup=False)
    if left:
        raise typer.Exit(1)  # the files left alone need fixing by hand


class Prefer(str, enum.Enum):
    ours = "ours"
    theirs = "theirs"
    newer = "newer"


PreferOption = Annotated[
    Optional[Prefer],
    typer.Option("--prefer", metavar="SIDE", help="Settle conflicts: ours, theirs or newer (later last_checked; ours on a tie).", show_default=False),
]
KeepOption = Annotated[
    Optional[list[str]],
    typer.Option("--keep", metavar="FIELD", help="Keep our value of this field (name, contact.phone, cost...); repeat for more.", show_default=False),
]
TakeOption = Annotated[
    Optional[list[str]],
    typer.Option("--take", metavar="FIELD", help="Take their value of this field; repeat for more.", show_default=False),
]
JoinOption = Annotated[
    Optional[list[str]],
    typer.Option("--join", metavar="FIELD", help="Keep both texts of this field, ours then theirs (description, notes, note...).", show_default=False),
]
WriteOption = Annotated[bool, typer.Option("--write", help="Make the changes (without it: only show the plan).")]
PrivateOption = Annotated[bool, typer.Option("--show-private", help="Show private values in the plan (hidden by default).")]


def _show_changes(directory: "Directory", changes: list["Change"], show_private: bool) -> None:
    """A unified diff per file, private lines hidden unless asked for."""
    from assetdir.merge.plan import hide_private

    for change in changes:
        name = directory.root.name + "/" + change.path.relative_to(directory.root).as_posix()
        text = change.diff(name)
        sys.stdout.write(text if show_private else hide_private(text, change.old, change.new))


def _report(directory: "Directory", plan: "Plan", write: bool, show_private: bool) -> None:
    """With `write`, make the changes (once all is checked); then the plan in words and a diff per file.

    The changes are written before anything is printed, so that a reader that goes
    away early (`| head`) cannot stop them being written."""
    from assetdir.edit.roundtrip import apply

    err = _err()
    for line in plan.unmatched():
        err.print(f"Warning: {line}", markup=False)
    unsettled = plan.unsettled
    written = sum(c.new is not None for c in plan.changes)
    removed = len(plan.changes) - written
    done = write and not unsettled and not plan.blocking
    if done:
        apply(directory, plan.changes)
    wrote = f"Wrote {written} file{'s' if written != 1 else ''}, removed {removed}"
    try:
        for line in plan.lines(show_private):
            print(line)
        _show_changes(directory, plan.changes, show_private)
        sys.stdout.flush()
    except BrokenPipeError:
        if done:  # still say what was done, on the screen the reader did not close
            err.print(wrote, markup=False)
        raise
    summary = f"{written} file{'s' if written != 1 else ''} to write, {removed} to remove"
    if unsettled:
        fields = ", ".join(dict.fromkeys(c.field for c in unsettled))
        message = f"{len(unsettled)} conflict{'s' if len(unsettled) != 1 else ''} ({fields})"
        if write:
            err.print(f"Error: {message}: nothing written; choose with --prefer ours, theirs or newer", markup=False)
            raise typer.Exit(1)
        err.print(f"{summary}; {message}: --write needs --prefer ours, theirs or newer", markup=False)
        return
    if not write:
        err.print(f"{summary} (a plan only: --write makes the changes)" if plan.changes else "Nothing to change", markup=False)
        return
    if plan.blocking:
        err.print("Error: the problems above must be fixed first; nothing written", markup=False)
        raise typer.Exit(1)
    err.print(wrote, markup=False)


@app.command("merge-groups")
def merge_groups(
    keep: Annotated[str, typer.Argument(metavar="KEEP", help="The id of the group to keep.", show_default=False)],
    other: Annotated[str, typer.Argument(metavar="OTHER", help="The id of its duplicate, merged into KEEP and removed.", show_default=False)],
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
    from assetdir.merge.plan import merge_groups as plan_merge

    directory = _find(dir, no_cache=True)
    choices = _choices(prefer, keep_field, take_field, join_field)
    plan = plan_merge(directory, keep, other, choices)
    _report(directory, plan, write, show_private)


def _choices(prefer: Optional[Prefer], keep: Optional[list[str]], take: Optional[list[str]],
             join: Optional[list[str]]) -> "Choices":
    """How to settle conflicts, refusing a field named twice in different ways."""
    from assetdir.merge.fields import Choices
    from assetdir.problems import AssetdirError

    named: dict[str, str] = {}
    for option, fields in (("--keep", keep), ("--take", take), ("--join", join)):
        for name in fields or []:
            if not name.strip():
                raise AssetdirError(f"{option}: name a field, like {option} contact.phone")
            if named.setdefault(name, option) != option:
                raise AssetdirError(f"{named[name]} {name} and {option} {name}: choose one for that field")
    return Choices(prefer.value if prefer else None, list(keep or []), list(take or []), list(join or []))


def _check_source(directory: "Directory", source: Path) -> None:
    """Refuse a SOURCE that is not another directory, saying what it is instead."""
    from assetdir.problems import AssetdirError
    from assetdir.store.directory import SETTINGS_FILE

    need = f"SOURCE must be a directory with {SETTINGS_FILE}"
    if source.is_file():
        hint = f" (perhaps {source.parent or '.'})" if source.name == SETTINGS_FILE else ""
        raise AssetdirError(f"{source} is a file; {need}{hint}")
    if not source.is_dir():
        raise AssetdirError(f"{source}: no such folder; {need}")
    real, root = source.resolve(), directory.root.resolve()
    if real == root:
        raise AssetdirError(f"{source} is this directory; name another directory to merge in")
    if root in real.parents:
        raise AssetdirError(f"{source} is a folder inside this directory; {need}, another than this one")
    if not (source / SETTINGS_FILE).is_file():
        raise AssetdirError(f"{need}: {source} has none")


@app.command()
def merge(
    sources: Annotated[list[Path], typer.Argument(metavar="SOURCE...", help="Another directory (a folder with its own assetdir.yaml and groups).", show_default=False)],
    write: WriteOption = False,
    prefer: PreferOption = None,
    keep_field: KeepOption = None,
    take_field: TakeOption = None,
    join_field: JoinOption = None,
    min_score: Annotated[int, typer.Option("--min-score", metavar="N", help="How alike (0-100) two groups must be to be taken as one.", min=0, max=100)] = 60,
    show_private: PrivateOption = False,
    dir: DirOption = None,
) -> None:
    """Bring another directory's groups into this one.

    A group that is already here (the same group, perhaps under another name)
    is merged into ours field by field, as merge-groups does; a new group is
    added as a new file (its id made unique), in the same sub-folder or its
    area's folder. New groups must fit this directory: an area or category it
    does not have is listed, and that group is left out.
    Without --write it only shows the plan and a diff of each file.

    \b
    Examples:
      assetdir merge ../council-list
      assetdir merge ../council-list --prefer ours --write
    """
    from assetdir.merge.directories import merge_directories
    from assetdir.store.directory import open_directory
    directory = _find(dir, no_cache=True)
    opened = []
    for source in sources:
        _check_source(directory, source)
        opened.append(open_directory(source, cache=False))
    plan = merge_directories(directory, opened, _choices(prefer, keep_field, take_field, join_field), min_score)
    _report(directory, plan, write, show_private)
    if plan.problems:
        _err().print(f"Warning: {len(plan.problems)} problem{'s' if len(plan.problems) != 1 else ''} above: those groups are left out", markup=False)
