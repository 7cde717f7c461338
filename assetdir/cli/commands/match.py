"""`assetdir match`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import sys
from typing import Annotated, Optional

import typer

from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, SheetFormat, open_index
from assetdir.cli.output import print_table, stderr


@app.command()
def match(
    asset: Annotated[
        Optional[str],
        typer.Option(
            "--asset", metavar="ASSET", help="Only this asset (minibus, meeting-room...).", show_default=False
        ),
    ] = None,
    area: Annotated[
        Optional[str],
        typer.Option("--area", metavar="AREA", help="Only needs of groups in this area.", show_default=False),
    ] = None,
    group: Annotated[
        Optional[str],
        typer.Option("--group", metavar="ID", help="What this group could get, and give.", show_default=False),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", help="Groups shown for each need (0: all).", min=0)
    ] = 5,
    format: Annotated[
        Optional[SheetFormat],
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="table, text (a printable sheet), json or csv.", show_default=False
        ),
    ] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Who can help whom: each need, with the groups that offer it.

    Same area first, then the nearest venue, then the rest; needs nobody
    offers come last, as open needs. Only active groups, never a group itself.

    \b
    Examples:
      assetdir match --asset minibus
      assetdir match --group northfield-lunch-club --format text
    """
    from assetdir.export import calls
    from assetdir.query.network import match as run_match

    with open_index(dir, no_cache) as index:
        needs = run_match(index, asset, area, group, limit)
        vocab, areas = index.directory.vocabulary, index.directory.areas or {}
    chosen = format or (SheetFormat.table if sys.stdout.isatty() else SheetFormat.text)
    if chosen is SheetFormat.json:
        sys.stdout.write(calls.match_json(needs))
    elif chosen is SheetFormat.csv:
        sys.stdout.write(calls.match_csv(needs))
    elif chosen is SheetFormat.text:
        sys.stdout.write(calls.match_sheet(needs, vocab, areas))
    else:
        print_table(*calls.match_rows(needs, vocab, areas))
    if not needs:
        stderr().print("No needs match.", markup=False)
