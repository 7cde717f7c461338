"""The network commands: match, review, checked, stats, gaps, partners.

No `from __future__ import annotations`: typer reads these annotations as they are."""

import enum
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from assetdir.cli.app import (
    DirOption,
    NoCacheOption,
    _contact,
    _emit,
    _err,
    _find,
    _index,
    _out,
    _table,
    _text,
    app,
)
from assetdir.problems import AssetdirError


class SheetFormat(str, enum.Enum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
def match(
    asset: Annotated[Optional[str], typer.Option("--asset", metavar="ASSET", help="Only this asset (minibus, meeting-room...).", show_default=False)] = None,
    area: Annotated[Optional[str], typer.Option("--area", metavar="AREA", help="Only needs of groups in this area.", show_default=False)] = None,
    group: Annotated[Optional[str], typer.Option("--group", metavar="ID", help="What this group could get, and give.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", help="Groups shown for each need (0: all).", min=0)] = 5,
    format: Annotated[Optional[SheetFormat], typer.Option("--format", "-f", metavar="FORMAT", help="table, text (a printable sheet), json or csv.", show_default=False)] = None,
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
    from assetdir.query.network import match as run_match

    index = _index(dir, no_cache)
    try:
        needs = run_match(index, asset, area, group, limit)
        vocab, areas = index.directory.vocabulary, index.directory.areas or {}
    finally:
        index.close()
    chosen = format or (SheetFormat.table if sys.stdout.isatty() else SheetFormat.text)

    def where(g: dict) -> str:
        return areas.get(g["area"], g["area"])

    def far(o: Any) -> str:
        return f"{o.distance_km:.1f} km" if o.distance_km is not None else ""

    if chosen is SheetFormat.json:
        import json

        print(json.dumps([
            {"id": n.group["id"], "name": n.group["name"], "area": n.group["area"], "asset": n.asset, "note": n.note,
             "offers": [{"id": o.group["id"], "name": o.group["name"], "area": o.group["area"], "distance_km": o.distance_km,
                         "note": o.note, "contact": o.group.get("contact", {})} for o in n.offers], "more": n.more}
            for n in needs], ensure_ascii=False))  # compact: it can be large, and it is for other tools
    elif chosen is SheetFormat.csv:
        from assetdir.export.cells import to_csv

        rows = [["need_id", "need_name", "need_area", "asset", "need_note", "offer_id", "offer_name", "offer_area", "distance_km", "offer_note", "offer_contact"]]
        for n in needs:
            head = [n.group["id"], n.group["name"], n.group["area"], n.asset, n.note]
            rows += [[*head, o.group["id"], o.group["name"], o.group["area"], far(o).replace(" km", ""), o.note, _contact(o.group)] for o in n.offers] or [[*head, "", "", "", "", "", ""]]
        sys.stdout.write(to_csv(rows))
    elif chosen is SheetFormat.text:
        open_needs = [n for n in needs if not n.offers]
        print("Who can help whom\n")
        for n in needs:
            if not n.offers:
                continue
            print(f"{n.group['name']} ({where(n.group)}) needs {vocab.label('offers-needs', n.asset).lower()}" + (f": {n.note}" if n.note else ""))
            print(f"  Contact: {_contact(n.group) or 'none given'}")
            for number, o in enumerate(n.offers, 1):
                extra = ", ".join(x for x in (where(o.group), far(o)) if x)
                print(f"  {number}. {o.group['name']} ({extra})" + (f": {o.note}" if o.note else ""))
                print(f"     Contact: {_contact(o.group) or 'none given'}")
            if n.more:
                print(f"  ... and {n.more} more further away (--limit 0 shows all)")
            print()
        if open_needs:
            print("Needs nobody offers yet")
            for n in open_needs:
                print(f"  {n.group['name']} ({where(n.group)}): {vocab.label('offers-needs', n.asset).lower()}" + (f" ({n.note})" if n.note else ""))
    else:
        rows = [[n.group["name"], vocab.label("offers-needs", n.asset), where(n.group),
                 "\n".join(f"{o.group['name']} ({', '.join(x for x in (where(o.group), far(o)) if x)})" for o in n.offers) or "nobody yet"]
                for n in needs]
        _table(["Group", "Needs", "Area", "Could get it from"], rows)
    if not needs:
        _err().print("No needs match.", markup=False)


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
    from assetdir.cli.app import today
    from assetdir.query.network import parse_within
    from assetdir.query.network import review as run_review

    days = parse_within(due_within) if due_within else 0
    index = _index(dir, no_cache)
    try:
        due = run_review(index, today(), days)
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
                 g.get("last_checked", ""), g.get("checked_by", ""), _contact(g)]
        return cells + ([_contact(g, private=True), (g.get("private") or {}).get("notes", "")] if private else [])

    if chosen is SheetFormat.json:
        import json

        print(json.dumps({"private": private, "notice": notice if private else "", "due": [dict(zip(columns, row(d))) for d in due]}, indent=2, ensure_ascii=False))
    elif chosen is SheetFormat.csv:
        from assetdir.export.cells import to_csv

        # the header itself says so, and the first line stays a header spreadsheets understand
        header = [f"{c} (NOT FOR PUBLICATION)" if c.startswith("private") else c for c in columns]
        sys.stdout.write(to_csv([header] + [row(d) for d in due]))
        if private:
            _err().print(notice, markup=False)
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
            _out().print(notice, style="bold red", markup=False)
        _table(["Due", "Group", "Area", "Last checked", "Contact"] + (["Private contact"] if private else []),
               [[r[0], f"{r[2]} ({r[1]})", r[3], r[4], r[6]] + ([r[7]] if private else []) for r in map(row, due)])
    _err().print(f"{len(due)} group{'s' if len(due) != 1 else ''} due for checking", markup=False)


@app.command()
def checked(
    id: Annotated[str, typer.Argument(metavar="ID", help="The group's id.", show_default=False)],
    by: Annotated[Optional[str], typer.Option("--by", metavar="TEXT", help='How it was checked: "Phone call with Jean".', show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="The day of the check (default: today).", show_default=False)] = None,
    dir: DirOption = None,
) -> None:
    """Record that a group's details were checked (today, or --date).

    Sets last_checked (and checked_by with --by), leaving every other line of
    the file exactly as it was.

    \b
    Example:
      assetdir checked northfield-lunch-club --by "Phone call with Jean"
    """
    from assetdir.cli.app import today
    from assetdir.edit.checked import record_check

    path, day = record_check(_find(dir), id, date, by, today())
    from assetdir.store.directory import display_path

    _err().print(f"{display_path(path)}: last_checked {day}" + (f', checked_by "{by}"' if by else ""), markup=False)


@app.command()
def stats(
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="table or json.", show_default=False)] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Count groups by status, area, section and freshness.

    \b
    Example:
      assetdir stats
    """
    from assetdir.cli.app import today
    from assetdir.query.network import stats as run_stats

    if format not in (None, "table", "json"):
        raise typer.BadParameter("table or json", param_hint="--format")
    index = _index(dir, no_cache)
    try:
        counts = run_stats(index, today())
    finally:
        index.close()
    if format == "json":
        import json

        print(json.dumps(counts, indent=2))
        return
    print(f"{counts['groups']} group files, {counts['active']} active")
    for title, key in (("By status", "by_status"), ("Active groups by area", "by_area"), ("Active groups by section", "by_section"), ("Details last checked (active and paused)", "freshness")):
        print(f"\n{title}")
        width = max((len(k) for k in counts[key]), default=0)
        for name, number in counts[key].items():
            print(f"  {name.ljust(width)}  {number:>5}")


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
    by: Annotated[Optional[list[GapBy]], typer.Option("--by", metavar="WHAT", help="day, section or category; repeat for more (default: day and section).", show_default=False)] = None,
    format: Annotated[Optional[GapFormat], typer.Option("--format", "-f", metavar="FORMAT", help="table, json, csv or html (a page to print).", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file (the format from its ending).", show_default=False)] = None,
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
    from assetdir.cli.app import today
    from assetdir.export.gaps import to_csv, to_html, to_json
    from assetdir.query.gaps import THIN, gap_tables, level, missing_categories

    if format is None and output is not None:
        ending = output.suffix.lstrip(".").lower()
        if ending not in ("html", "json", "csv"):
            raise AssetdirError(f"-o {output}: give a file ending in .html, .json or .csv, or say --format")
        format = GapFormat(ending)
    chosen = format or GapFormat.table
    index = _index(dir, no_cache)
    try:
        tables = gap_tables(index, [b.value for b in by or [GapBy.day, GapBy.section]])
        missing = missing_categories(index)
        title = index.directory.config.title
    finally:
        index.close()
    if chosen is GapFormat.table and not sys.stdout.isatty():  # piped: plain columns
        widths = max((len(label) for t in tables for _, label in t.rows), default=4)
        for table in tables:
            labels = [label for _, label in table.columns]
            print(table.title)
            print("  ".join(["Area".ljust(widths), *labels, "Total"]))
            for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals):
                cells = [f"{n}{'!' if level(n) == 'empty' else '?' if level(n) == 'thin' else ''}".rjust(len(h)) for n, h in zip(counts, labels)]
                print("  ".join([label.ljust(widths), *cells, str(total).rjust(5)]))
            print()
        print(f"! no active group; ? {THIN} only.")
        if missing:
            print("No area has: " + ", ".join(label for _, label in missing))
        return
    if chosen is GapFormat.table:
        from rich.table import Table

        styles = {"empty": "bold white on red", "thin": "black on yellow", "ok": ""}
        out = _out()
        for table in tables:
            grid = Table(title=_text(table.title), header_style="bold")
            grid.add_column("Area")
            for _, label in table.columns:
                grid.add_column(_text(label), justify="right")
            grid.add_column("Total", justify="right", style="bold")
            for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals):
                grid.add_row(_text(label), *(_text(n, styles[level(n)]) for n in counts), str(total))
            out.print(grid)
        out.print(f"Red: no active group; yellow: {THIN} only.", markup=False)
        if missing:
            out.print(_text("No area has: " + ", ".join(label for _, label in missing)))
        return
    if chosen is GapFormat.json:
        import json

        text = json.dumps(to_json(tables, missing), indent=2, ensure_ascii=False) + "\n"
    elif chosen is GapFormat.csv:
        text = to_csv(tables)
    else:
        text = to_html(tables, missing, title, today())
    _emit(text, output)


class GraphFormat(str, enum.Enum):
    dot = "dot"
    mermaid = "mermaid"


@app.command()
def partners(
    format: Annotated[GraphFormat, typer.Option("--format", "-f", metavar="FORMAT", help="dot (Graphviz) or mermaid.")] = GraphFormat.mermaid,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file.", show_default=False)] = None,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also closed and do-not-list groups.")] = False,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Draw the network of partnerships, areas as clusters.

    \b
    Examples:
      assetdir partners --format mermaid > partners.mmd
      assetdir partners --format dot | dot -Tpdf -o partners.pdf
    """
    from assetdir.query.network import partner_links, to_dot, to_mermaid

    index = _index(dir, no_cache)
    try:
        nodes, links = partner_links(index, include_closed)
        areas = index.directory.areas or {}
    finally:
        index.close()
    text = (to_dot if format is GraphFormat.dot else to_mermaid)(nodes, links, areas)
    _emit(text, output)
