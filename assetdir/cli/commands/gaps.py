"""`assetdir gaps`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, open_index
from assetdir.cli.output import emit, rich_text, stdout


class GapFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


class GapBy(str, enum.Enum):
    day = "day"
    section = "section"
    category = "category"


@app.command()
def gaps(
    by: Annotated[
        Optional[list[GapBy]],
        typer.Option(
            "--by",
            metavar="WHAT",
            help="day, section or category; repeat for more (default: day and section).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Optional[GapFormat],
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="table, json, csv or html (a page to print).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (the format from its ending).",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Where older people have little on offer, area by area.

    Active groups by area and weekday, or category section, or category.
    Empty cells (no group) and thin ones (one group) stand out; categories that
    no area has at all are listed after the tables.

    \b
    Examples:
      assetdir gaps
      assetdir gaps --by category
      assetdir gaps -o gaps.html
    """
    from assetdir.export.gaps import to_columns, to_csv, to_html, to_json
    from assetdir.query.gaps import gap_tables, missing_categories

    if format is None and output is not None:
        ending = output.suffix.lstrip(".").lower()
        if ending not in ("html", "json", "csv"):
            from assetdir.problems import AssetdirError

            raise AssetdirError(f"-o {output}: give a file ending in .html, .json or .csv, or say --format")
        format = GapFormat(ending)
    chosen = format or GapFormat.table
    with open_index(dir, no_cache) as index:
        tables = gap_tables(index, [b.value for b in by or [GapBy.day, GapBy.section]])
        missing = missing_categories(index)
        title = index.directory.config.title
    if chosen is GapFormat.table and not sys.stdout.isatty():  # piped: plain columns
        sys.stdout.write(to_columns(tables, missing))
    elif chosen is GapFormat.table:
        _coloured(tables, missing)
    elif chosen is GapFormat.json:
        import json

        emit(json.dumps(to_json(tables, missing), indent=2, ensure_ascii=False) + "\n", output)
    elif chosen is GapFormat.csv:
        emit(to_csv(tables), output)
    else:
        emit(to_html(tables, missing, title, clock.today()), output)


def _coloured(tables: list, missing: list[tuple[str, str]]) -> None:
    """The tables in a terminal, empty cells red and thin ones yellow."""
    from rich.table import Table

    from assetdir.query.gaps import THIN, level

    styles = {"empty": "bold white on red", "thin": "black on yellow", "ok": ""}
    out = stdout()
    for table in tables:
        grid = Table(title=rich_text(table.title), header_style="bold")
        grid.add_column("Area")
        for _, label in table.columns:
            grid.add_column(rich_text(label), justify="right")
        grid.add_column("Total", justify="right", style="bold")
        for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals):
            grid.add_row(rich_text(label), *(rich_text(n, styles[level(n)]) for n in counts), str(total))
        out.print(grid)
    out.print(f"Red: no active group; yellow: {THIN} only.", markup=False)
    if missing:
        out.print(rich_text("No area has: " + ", ".join(label for _, label in missing)))
