"""`assetdir export`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from assetdir.query.select import Selection
from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import (
    AccessFilter,
    AccessibleFilter,
    AreaFilter,
    AttendingFilter,
    AudienceFilter,
    CategoryFilter,
    DayFilter,
    DirOption,
    FreeFilter,
    MaxCostFilter,
    NeedsFilter,
    NoCacheOption,
    OffersFilter,
    OnFilter,
    WordsFilter,
)
from assetdir.cli.output import stderr, warn_broken
from assetdir.words import plural


class ExportFormat(str, enum.Enum):
    text = "text"
    html = "html"
    pdf = "pdf"
    csv = "csv"
    json = "json"
    ics = "ics"
    hsds = "hsds"


class GroupBy(str, enum.Enum):
    category = "category"
    area = "area"
    day = "day"


SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".csv": "csv",
    ".json": "json",
    ".ics": "ics",
}


PRIVATE_FORMATS = {"text", "csv", "json"}


_SUFFIX = {"text": "txt", "html": "html", "pdf": "pdf", "csv": "csv", "json": "json", "ics": "ics", "hsds": "json"}


@app.command()
def export(
    words: WordsFilter = None,
    format: Annotated[
        Optional[ExportFormat],
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text, html, pdf, csv, json, ics or hsds. Default: from -o's extension, else text.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (replaced whole, never half-written). Default: standard output.",
            show_default=False,
        ),
    ] = None,
    group_by: Annotated[
        GroupBy,
        typer.Option(
            "--group-by", metavar="WAY", help="Sections by category (in the vocabulary's order), area or day."
        ),
    ] = GroupBy.category,
    large_print: Annotated[
        bool, typer.Option("--large-print", help="html and pdf: clear large print (16pt and over, 1.5 line spacing).")
    ] = False,
    width: Annotated[
        int, typer.Option("--width", metavar="COLUMNS", help="text: wrap lines to this width.", min=30, max=200)
    ] = 72,
    excel: Annotated[
        bool, typer.Option("--excel", help="csv: for Excel (a byte-order mark; no line breaks in cells).")
    ] = False,
    title: Annotated[
        Optional[str],
        typer.Option("--title", metavar="TEXT", help="A title instead of assetdir.yaml's.", show_default=False),
    ] = None,
    category: CategoryFilter = None,
    area: AreaFilter = None,
    day: DayFilter = None,
    on: OnFilter = None,
    audience: AudienceFilter = None,
    access: AccessFilter = None,
    attending: AttendingFilter = None,
    free: FreeFilter = False,
    max_cost: MaxCostFilter = None,
    accessible: AccessibleFilter = None,
    offers: OffersFilter = None,
    needs: NeedsFilter = None,
    include_paused: Annotated[
        bool, typer.Option("--include-paused", help="Also groups paused for now (marked so).")
    ] = False,
    include_closed: Annotated[
        bool, typer.Option("--include-closed", help="Also paused, closed and do-not-list groups (marked so).")
    ] = False,
    include_private: Annotated[
        bool,
        typer.Option(
            "--include-private",
            help="text, csv and json only: add private contacts and notes, marked not for publication.",
        ),
    ] = False,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Export the directory: a printable booklet (text, html, pdf) or data (csv, json, ics).

    Takes the same words and filters as search; groups that are paused,
    closed or not for listing are left out unless asked for. Private
    details are never included unless --include-private is given.

    \b
    Examples:
      assetdir export -o directory.html
      assetdir export --area eastgate --large-print -o eastgate.pdf
      assetdir export --day tuesday --group-by day
      assetdir export -o groups.csv --excel
      assetdir export -o groups.ics
      assetdir export --format hsds -o services.json
    """
    chosen = _format(format, output)
    _check_options(chosen, output, include_private, large_print, excel, width)
    from assetdir.query.filters import Query
    from assetdir.query.select import select
    from assetdir.store.directory import find_directory

    directory = find_directory(dir, cache=not no_cache)
    query = Query(
        " ".join(words or []),
        category or [],
        area or [],
        day or [],
        audience or [],
        access or [],
        attending or [],
        accessible or [],
        offers or [],
        needs or [],
        free,
        max_cost,
        on,
    )
    from assetdir.format.vocabulary import ACTIVE, LISTED, STATUSES

    statuses = set(STATUSES if include_closed else LISTED if include_paused else ACTIVE)
    selection = select(directory, query, statuses, include_private, clock.today(), use_cache=not no_cache)
    if title is not None:
        selection.title = " ".join(title.split()) or selection.title
    warn_broken(directory, selection.broken)
    if chosen == "hsds":  # a feed is published: never a group marked not to be listed
        selection.groups = [(id_, g) for id_, g in selection.groups if g.status != "do-not-list"]
    data = _render(chosen, selection, group_by.value, large_print, width, excel)
    if output is None:
        sys.stdout.write(data)  # never bytes: pdf needs -o
    else:
        from assetdir.edit.writes import write_atomic

        write_atomic(output, data)
        count = len(selection.groups)
        stderr().print(f"Wrote {output} ({plural(count, 'group')}, {chosen})", markup=False)


def _format(format: Optional[ExportFormat], output: Optional[Path]) -> str:
    known = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if format is not None:
        if (
            known is not None and _SUFFIX[known] != _SUFFIX[format.value]
        ):  # a .csv file holding JSON surprises whoever opens it
            raise typer.BadParameter(
                f"the file name {output.name!r} says {known}, not {format.value}: name it .{_SUFFIX[format.value]}",
                param_hint="'--output'",
            )  # type: ignore[union-attr]
        return format.value
    if output is None:
        return "text"
    if known is None:
        raise typer.BadParameter(
            f"cannot tell the format from the file name {output.name!r}: name it .txt, .html, .pdf, .csv, .json or "
            ".ics, or give --format",
            param_hint="'--output'",
        )
    return known


def _check_options(
    chosen: str, output: Optional[Path], include_private: bool, large_print: bool, excel: bool, width: int
) -> None:
    if chosen == "pdf" and output is None:
        raise typer.BadParameter(
            "a PDF is not text: give a file to write, like -o directory.pdf", param_hint="'--format pdf'"
        )
    if include_private and chosen not in PRIVATE_FORMATS:
        a = "an" if chosen in ("html", "ics") else "a"
        raise typer.BadParameter(
            f"private details go only into text, csv and json, never {a} {chosen} file "
            "meant for printing or publishing",
            param_hint="'--include-private'",
        )
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(f"the folder {str(output.parent)!r} does not exist", param_hint="'--output'")
    if large_print and chosen not in ("html", "pdf"):
        raise typer.BadParameter("large print is for html and pdf", param_hint="'--large-print'")
    if excel and chosen != "csv":
        raise typer.BadParameter("--excel is for csv", param_hint="'--excel'")
    if width != 72 and chosen != "text":
        raise typer.BadParameter("--width is for text", param_hint="'--width'")


def _render(
    chosen: str, selection: "Selection", group_by: str, large_print: bool, width: int, excel: bool
) -> "str | bytes":
    if chosen == "csv":
        from assetdir.export.csv import to_table

        return to_table(selection, excel)
    if chosen == "json":
        from assetdir.export.json import to_json

        return to_json(selection)
    if chosen == "hsds":
        from assetdir.export.hsds import to_hsds

        return to_hsds(selection)
    if chosen == "ics":
        import datetime as dt

        from assetdir.export.ics import to_ics

        s = selection
        stamp = dt.datetime.combine(s.as_of, dt.time(), tzinfo=dt.UTC)  # events start from the export's day
        return to_ics(
            s.groups,
            title=s.title,
            areas=s.areas,
            vocab=s.vocab,
            stamp=stamp,
            include_private=s.include_private,
            nation=s.config.nation,
        )
    from assetdir.export.booklet import layout

    booklet = layout(selection, group_by)
    if chosen == "text":
        from assetdir.export.text import to_text

        return to_text(booklet, width)
    if chosen == "html":
        from assetdir.export.html import to_html

        return to_html(booklet, large_print)
    from assetdir.export.pdf import to_pdf

    return to_pdf(booklet, large_print)
