"""`assetdir fmt`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    pass
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, find_dir
from assetdir.cli.output import stderr


@app.command()
def fmt(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH...",
            help="Group files or folders (default: every group file).",
            exists=True,
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Change nothing; list the files that would change and exit 1 if any would or any is not valid.",
        ),
    ] = False,
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
    from assetdir.edit.changes import apply
    from assetdir.edit.fmt import format_files

    directory = find_dir(dir, no_cache=True)
    result = format_files(directory, paths or [])
    err = stderr()
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
    err.print(
        f"{len(result.changes)} of {result.checked} files formatted"
        + (f"; {left} not formatted (see above)" if left else ""),
        markup=False,
    )
    if left:
        raise typer.Exit(1)  # the files left alone need fixing by hand
