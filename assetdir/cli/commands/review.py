"""`assetdir review`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import sys
from typing import Annotated, Optional

import typer

from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, SheetFormat, open_index
from assetdir.cli.output import print_table, stderr, stdout


@app.command()
def review(
    due_within: Annotated[
        Optional[str],
        typer.Option(
            "--due-within", metavar="TIME", help="Also what falls due this soon: 30d, 6w, 2m.", show_default=False
        ),
    ] = None,
    no_private: Annotated[bool, typer.Option("--no-private", help="Leave private contact details out.")] = False,
    format: Annotated[
        Optional[SheetFormat],
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="table, text, json or csv (a call list).", show_default=False
        ),
    ] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Groups due for checking, oldest first, with who to ring.

    For coordinators: it includes private contact details (and says so),
    unless --no-private. Record a check with `assetdir checked ID`.

    \b
    Examples:
      assetdir review
      assetdir review --due-within 30d --format csv > call-list.csv
    """
    from assetdir.export import calls
    from assetdir.query.network import parse_within
    from assetdir.query.network import review as run_review

    days = parse_within(due_within) if due_within else 0
    with open_index(dir, no_cache) as index:
        due = run_review(index, clock.today(), days)
        areas = index.directory.areas or {}
    private = not no_private
    chosen = format or (SheetFormat.table if sys.stdout.isatty() else SheetFormat.text)
    if chosen is SheetFormat.json:
        sys.stdout.write(calls.review_json(due, areas, private))
    elif chosen is SheetFormat.csv:
        sys.stdout.write(calls.review_csv(due, areas, private))
        if private:  # on the screen too: the file's first line stays a plain header
            stderr().print(calls.NOT_FOR_PUBLICATION, markup=False)
    elif chosen is SheetFormat.text:
        sys.stdout.write(calls.review_sheet(due, areas, private))
    else:
        if private:
            stdout().print(calls.NOT_FOR_PUBLICATION, style="bold red", markup=False)
        print_table(*calls.review_rows(due, areas, private))
    stderr().print(calls.due_count(due), markup=False)
