"""`assetdir merge`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
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
from assetdir.cli.output import stderr
from assetdir.cli.plans import report_plan
from assetdir.query.thresholds import LIKELY
from assetdir.words import plural


def _check_source(directory: "Directory", source: Path) -> None:
    """Refuse a SOURCE that is not another directory, saying what it is instead."""
    from assetdir.problems import AssetdirError
    from assetdir.store.settings import SETTINGS_FILE

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
    sources: Annotated[
        list[Path],
        typer.Argument(
            metavar="SOURCE...",
            help="Another directory (a folder with its own assetdir.yaml and groups).",
            show_default=False,
        ),
    ],
    write: WriteOption = False,
    prefer: PreferOption = None,
    keep_field: KeepOption = None,
    take_field: TakeOption = None,
    join_field: JoinOption = None,
    min_score: Annotated[
        int,
        typer.Option(
            "--min-score", metavar="N", help="How alike (0-100) two groups must be to be taken as one.", min=0, max=100
        ),
    ] = LIKELY,
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

    directory = find_dir(dir, no_cache=True)
    opened = []
    for source in sources:
        _check_source(directory, source)
        opened.append(open_directory(source, cache=False))
    plan = merge_directories(directory, opened, choices_of(prefer, keep_field, take_field, join_field), min_score)
    report_plan(directory, plan, write, show_private)
    if plan.problems:
        stderr().print(
            f"Warning: {plural(len(plan.problems), 'problem')} above: those groups are left out",
            markup=False,
        )
