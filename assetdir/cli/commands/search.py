"""`assetdir search`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
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
    IncludeClosedFilter,
    MaxCostFilter,
    NeedsFilter,
    NoCacheOption,
    OffersFilter,
    OnFilter,
    WordsFilter,
)
from assetdir.cli.output import rich_text, stderr, stdout, warn_broken


class SearchFormat(str, enum.Enum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    ids = "ids"


@app.command()
def search(
    words: WordsFilter = None,
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
    include_closed: IncludeClosedFilter = False,
    limit: Annotated[
        int, typer.Option("--limit", "-n", metavar="N", help="Show at most this many (0: all).", min=0)
    ] = 20,
    format: Annotated[
        Optional[SearchFormat],
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table (in a terminal), text (when piped), json, csv or ids.",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Say for each group why it ranked where it did.")] = False,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Find groups by words and filters, best match first.

    Type what the caller said. The need counts most (in a name most, then the
    categories and summary, then the description; rare words more than common
    ones); a day, a time of day, an area, "free" or "wheelchair" put the groups
    that fit them first. Typing slips, plurals and everyday words are understood.
    Filters combine: every one must hold.

    \b
    Examples:
      assetdir search lunch club eastgate thursday
      assetdir search memory
      assetdir search exercise --free --accessible step-free
      assetdir search --category Wellbeing --on tomorrow
    """
    from assetdir.query.filters import Query
    from assetdir.query.search import search as run_search
    from assetdir.query.search import suggestions, words_of
    from assetdir.store.directory import find_directory
    from assetdir.store.index import Index

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
        include_closed,
    )
    with Index.open(directory, use_cache=not no_cache) as index:
        found = run_search(index, query, limit or None, clock.today(), explain=explain)
        close = suggestions(index, found.ignored_words, include_closed) if not found.total else []
        if (format or "") is SearchFormat.json:
            found.cards = index.public_data([c["id"] for c in found.cards])
    warn_broken(directory, found.broken)
    _say_how_it_was_read(found, on)
    if not found.total:
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        stderr().print(f"Nothing found: {found.why_empty}{hint}", markup=False)
        raise typer.Exit(1)
    chosen = format or (SearchFormat.table if sys.stdout.isatty() else SearchFormat.text)
    _print_results(found, chosen, directory, words_of(query.words))
    from assetdir.words import plural

    more = found.total - len(found.cards)
    count = plural(found.total, "group") + " found"
    if found.good < found.total and limit:
        count = f"{plural(found.good, 'good match', 'good matches')} and {found.total - found.good} weaker found"
    count += f", showing {len(found.cards)} (and {more} more: --limit 0 shows all)" if more else ""
    if found.weaker and limit:
        count += f"; {plural(found.weaker, 'weaker match', 'weaker matches')} not shown (--limit 0 shows them)"
    if chosen is SearchFormat.table:
        stdout().print(count, markup=False, style="dim")
    else:
        stderr().print(count, markup=False)


def _say_how_it_was_read(found: Any, on: Optional[str]) -> None:
    """On standard error: the date --on meant, and the words corrected."""
    err = stderr()
    if on:
        from assetdir.query.dates import parse_on

        day = parse_on(on, clock.today())
        err.print(f"Meeting on {day:%A} {day.day} {day:%B %Y}", markup=False)
    for typed, used in found.corrected.items():
        err.print(f'Searched for "{used}" (no group has "{typed}")', markup=False)
    for word in found.ignored_words if found.total else []:
        err.print(f'No group has "{word}": left out of the search', markup=False)
    if found.read_as:
        err.print("Read as: " + "; ".join(found.read_as), markup=False)


def _print_results(found: Any, chosen: SearchFormat, directory: "Directory", words: list[str]) -> None:
    cards = found.cards
    if chosen is SearchFormat.ids:
        sys.stdout.write("".join(f"{c['id']}\n" for c in cards))
    elif chosen is SearchFormat.json:
        import json

        print(json.dumps(cards, indent=2, ensure_ascii=False))  # whole groups, fetched above
    elif chosen is SearchFormat.csv:
        from assetdir.export.cells import to_csv

        columns = ["id", "name", "area", "when", "cost", "phone", "summary"]
        sys.stdout.write(to_csv([columns, *([c.get(k, "") for k in columns] for c in cards)]))
    elif chosen is SearchFormat.text or found.why:
        for n, (rowid, c) in enumerate(zip(found.rowids, cards)):
            if n == found.good and n:
                print("Weaker matches:")
            print(f"{c['name']} ({c['id']})")
            print("  " + " | ".join(x for x in (c["area"], c["when"], c["cost"], c["phone"]) if x))
            for line in found.why.get(rowid, []):
                print(f"    why: {line}")
    else:
        from rich.table import Table

        table = Table(expand=True, show_lines=False, header_style="bold")
        for column, ratio in (("Name", 3), ("Area", 2), ("When", 4), ("Cost", 2)):
            table.add_column(column, ratio=ratio, overflow="fold")
        table.add_column("Phone", no_wrap=True)
        for n, c in enumerate(cards):
            table.add_row(
                *(rich_text(c[k]) for k in ("name", "area", "times", "price", "phone")),
                end_section=n + 1 == found.good < len(cards),  # a rule under the good matches
            )
        stdout().print(table)
