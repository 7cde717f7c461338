"""`assetdir schema`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    pass
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, find_dir
from assetdir.cli.output import emit


@app.command()
def schema(
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of printing.", show_default=False
        ),
    ] = None,
    dir: DirOption = None,
) -> None:
    """Print a JSON Schema of a group file, for editors.

    It lists this directory's ids (categories, areas...) as the choices.

    Editors with YAML support (VS Code with the YAML extension, for one) then
    complete and check group files as you type. Files made by `new` point to
    assetdir.format.schema.json at the top of the directory.

    \b
    Example:
      assetdir schema -o assetdir.format.schema.json
    """
    import json

    from assetdir.format.schema import group_schema

    directory = find_dir(dir)
    text = json.dumps(group_schema(directory.vocabulary, directory.areas), indent=2) + "\n"
    emit(text, output)
