"""`assetdir review`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import sys
from typing import Annotated, Any, Optional

import typer

from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, SheetFormat, open_index
from assetdir.cli.output import contact_of, print_table, stderr, stdout


@app.command()
def review(
    due_within: Annotated[Optional[str], typer.Option("--due-within", metavar="TIME", help="Also what falls due this soon: 30d, 6w, 2m.", show_default=False)] = None,
    no_private: Annotated[bool, typer.Option("--no-private", help="Leave private contact details out.")] = False,
    format: Annotated[Optional[SheetFormat], typer.Option("--format", "-f", metavar="FORMAT", help="table, text, json or csv (a call list).", show_default=False)] = None,
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
    from assetdir.query.network import parse_within
    from assetdir.query.network import review as run_review

    days = parse_within(due_within) if due_within else 0
    index = open_index(dir, no_cache)
    try:
        due = run_review(index, clock.today(), days)
        areas = index.directory.areas or {}
    finally:
        index.close()
    private = not no_private
    notice = "FOR COORDINATORS: CONTAINS PRIVATE DETAILS - not for publication"
    chosen = format or (SheetFormat.table if sys.stdout.isatty() else SheetFormat.text)
    columns = ["due", "id", "name", "area", "last_checked", "checked_by", "contact"] + (["private_contact", "private_notes"] if private else [])

    def row(d: Any) -> list[str]:
        g = d.group
        cells = [str(d.due) if d.due else "never checked", g["id"], g["name"], areas.get(g["area"], g["area"]),
                 g.get("last_checked", ""), g.get("checked_by", ""), contact_of(g)]
        return cells + ([contact_of(g, private=True), (g.get("private") or {}).get("notes", "")] if private else [])

    if chosen is SheetFormat.json:
        import json

        print(json.dumps({"private": private, "notice": notice if private else "", "due": [dict(zip(columns, row(d))) for d in due]}, indent=2, ensure_ascii=False))
    elif chosen is SheetFormat.csv:
        from assetdir.export.cells import to_csv

        # the header itself says so, and the first line stays a header spreadsheets understand
        header = [f"{c} (NOT FOR PUBLICATION)" if c.startswith("private") else c for c in columns]
        sys.stdout.write(to_csv([header] + [row(d) for d in due]))
        if private:
            stderr().print(notice, markup=False)
    elif chosen is SheetFormat.text:
        if private:
            print(notice + "\n")
        for d in due:
            cells = row(d)
            print(f"{cells[2]} ({cells[1]}), {cells[3]}: " + (f"due {cells[0]}" if d.due else "never checked"))
            print(f"  last checked: {cells[4] or 'never'}" + (f" ({cells[5]})" if cells[5] else ""))
            print(f"  contact: {cells[6] or 'none given'}")
            if private and (cells[7] or cells[8]):
                print(f"  private: {', '.join(x for x in cells[7:9] if x)}")
    else:
        if private:
            stdout().print(notice, style="bold red", markup=False)
        print_table(["Due", "Group", "Area", "Last checked", "Contact"] + (["Private contact"] if private else []),
               [[r[0], f"{r[2]} ({r[1]})", r[3], r[4], r[6]] + ([r[7]] if private else []) for r in map(row, due)])
    stderr().print(f"{len(due)} group{'s' if len(due) != 1 else ''} due for checking", markup=False)
