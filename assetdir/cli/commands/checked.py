"""`assetdir checked`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from typing import Annotated, Optional

import typer

from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, find_dir
from assetdir.cli.output import stderr


@app.command()
def checked(
    id: Annotated[str, typer.Argument(metavar="ID", help="The group's id.", show_default=False)],
    by: Annotated[
        Optional[str],
        typer.Option("--by", metavar="TEXT", help='How it was checked: "Phone call with Jean".', show_default=False),
    ] = None,
    date: Annotated[
        Optional[str],
        typer.Option("--date", metavar="DATE", help="The day of the check (default: today).", show_default=False),
    ] = None,
    dir: DirOption = None,
) -> None:
    """Record that a group's details were checked (today, or --date).

    Sets last_checked (and checked_by with --by), leaving every other line of
    the file exactly as it was.

    \b
    Example:
      assetdir checked northfield-lunch-club --by "Phone call with Jean"
    """
    from assetdir.edit.checked import record_check

    path, day = record_check(find_dir(dir), id, date, by, clock.today())
    from assetdir.store.paths import display_path

    stderr().print(f"{display_path(path)}: last_checked {day}" + (f', checked_by "{by}"' if by else ""), markup=False)
