"""`assetdir search`: the command line of search (see cli.py for the common parts).

No `from __future__ import annotations`: typer reads these annotations as they are."""

import enum
import sys
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from assetdir.store.directory import Directory

from assetdir.cli.app import DirOption, NoCacheOption, _err, _out, _text, _warn_broken, app

# the words and filters, shared with export (which chooses its groups the same way)
WordsFilter = Annotated[Optional[list[str]], typer.Argument(metavar="WORDS", help="Words to look for, in any order.", show_default=False)]
CategoryFilter = Annotated[Optional[list[str]], typer.Option("--category", "-c", metavar="CATEGORY", help="A category id or a section (Wellbeing...); repeat for either.", show_default=False)]
AreaFilter = Annotated[Optional[list[str]], typer.Option("--area", "-a", metavar="AREA", help="An area id or name; repeat for either.", show_default=False)]
DayFilter = Annotated[Optional[list[str]], typer.Option("--day", "-d", metavar="DAY", help="Meets on this weekday; repeat for either.", show_default=False)]
OnFilter = Annotated[Optional[str], typer.Option("--on", metavar="DATE", help="Really meets on this date: 2026-12-01, today, tomorrow or a weekday.", show_default=False)]
AudienceFilter = Annotated[Optional[list[str]], typer.Option("--audience", metavar="ID", help="For this audience (carers, men...).", show_default=False)]
AccessFilter = Annotated[Optional[list[str]], typer.Option("--access", metavar="WAY", help="drop-in, booking, referral or membership.", show_default=False)]
AttendingFilter = Annotated[Optional[list[str]], typer.Option("--attending", metavar="WAY", help="venue, phone, online or home-visit.", show_default=False)]
FreeFilter = Annotated[bool, typer.Option("--free", help="Free or by donation.")]
MaxCostFilter = Annotated[Optional[str], typer.Option("--max-cost", metavar="POUNDS", help="Costs at most this many pounds (free groups too).", show_default=False)]
AccessibleFilter = Annotated[Optional[list[str]], typer.Option("--accessible", metavar="FEATURE", help="Has this at one venue; repeat: all at the same venue.", show_default=False)]
OffersFilter = Annotated[Optional[list[str]], typer.Option("--offers", metavar="ASSET", help="Offers this asset (minibus, meeting-room...).", show_default=False)]
NeedsFilter = Annotated[Optional[list[str]], typer.Option("--needs", metavar="ASSET", help="Needs this asset.", show_default=False)]
IncludeClosedFilter = Annotated[bool, typer.Option("--include-closed", help="Also paused, closed and do-not-list groups.")]


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
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", help="Show at most this many (0: all).", min=0)] = 20,
    format: Annotated[Optional[SearchFormat], typer.Option("--format", "-f", metavar="FORMAT", help="table (in a terminal), text (when piped), json, csv or ids.", show_default=False)] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Find groups by words and filters, best match first.

    Words match names first, then summaries, categories and areas, then
    descriptions; typing slips, plurals and everyday words are understood.
    Filters combine: every one must hold.

    \b
    Examples:
      assetdir search lunch club eastgate thursday
      assetdir search memory
      assetdir search exercise --free --accessible step-free
      assetdir search --category Wellbeing --on tomorrow
    """
    from assetdir.cli.app import today
    from assetdir.query.search import Query, suggestions, words_of
    from assetdir.query.search import search as run_search
    from assetdir.store.directory import find_directory
    from assetdir.store.index import Index

    directory = find_directory(dir, cache=not no_cache)
    query = Query(
        " ".join(words or []), category or [], area or [], day or [], audience or [], access or [],
        attending or [], accessible or [], offers or [], needs or [], free, max_cost, on, include_closed,
    )
    index = Index.open(directory, use_cache=not no_cache)
    try:
        found = run_search(index, query, limit or None, today())
        close = suggestions(index, found.ignored_words, include_closed) if not found.total else []
        if (format or "") is SearchFormat.json:
            from assetdir.store.index import public_data

            found.cards = public_data(index, [c["id"] for c in found.cards])
    finally:
        index.close()
    err = _err()
    _warn_broken(directory, found.broken)
    if on:
        from assetdir.query.dates import parse_on

        day = parse_on(on, today())
        err.print(f"Meeting on {day:%A} {day.day} {day:%B %Y}", markup=False)
    for typed, used in found.corrected.items():
        err.print(f'Searched for "{used}" (no group has "{typed}")', markup=False)
    if not found.total:
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        err.print(f"Nothing found: {found.why_empty}{hint}", markup=False)
        raise typer.Exit(1)
    chosen = format or (SearchFormat.table if sys.stdout.isatty() else SearchFormat.text)
    _print_results(found, chosen, directory, words_of(query.words))
    more = found.total - len(found.cards)
    count = f"{found.total} group{'s' if found.total != 1 else ''} found" + (f", showing {len(found.cards)} (and {more} more: --limit 0 shows all)" if more else "")
    if chosen is SearchFormat.table:
        _out().print(count, markup=False, style="dim")
    else:
        err.print(count, markup=False)


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
    elif chosen is SearchFormat.text:
        for c in cards:
            print(f"{c['name']} ({c['id']})")
            print("  " + " | ".join(x for x in (c["area"], c["when"], c["cost"], c["phone"]) if x))
    else:
        from rich.table import Table

        table = Table(expand=True, show_lines=False, header_style="bold")
        for column, ratio in (("Name", 3), ("Area", 2), ("When", 4), ("Cost", 2)):
            table.add_column(column, ratio=ratio, overflow="fold")
        table.add_column("Phone", no_wrap=True)
        for c in cards:
            table.add_row(*(_text(c[k]) for k in ("name", "area", "times", "price", "phone")))
        _out().print(table)
