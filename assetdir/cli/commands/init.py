"""`assetdir init`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    pass
from assetdir.cli.application import app
from assetdir.cli.output import stderr


@app.command()
def init(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="Folder for the new directory (created if needed).")
    ] = Path("."),
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="The directory's title, printed on its cover.")
    ] = "Community groups for older people",
    area: Annotated[
        Optional[list[str]],
        typer.Option(
            "--area", metavar="AREA", help='A neighbourhood, e.g. "Northfield"; repeat for more.', show_default=False
        ),
    ] = None,
) -> None:
    """Start a new directory, ready for group files.

    Writes assetdir.yaml, groups/, .gitignore, a pre-commit check and the editor schema.

    \b
    Example:
      assetdir init ashbury-groups --title "Ashbury groups" --area "Town Centre" --area Northfield
    """
    from assetdir.edit.scaffold import init_directory
    from assetdir.store.paths import display_path

    written = init_directory(path, title, area or ["Town Centre"])

    for file in written:
        stderr().print(f"Wrote {display_path(file)}", markup=False)
    stderr().print(
        f"Next: edit the areas in {display_path(path / 'assetdir.yaml')}, then `assetdir new` to add a group.",
        markup=False,
    )
