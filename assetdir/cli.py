"""The command line: options in, one library call, output rendered; errors become exit codes.

Exit codes: 0 fine, 1 problems found or a known error, 2 bad usage, 3 an unexpected
internal error (`--debug` shows the traceback), 130 interrupted.
Heavy modules are imported inside the commands so that `--help` stays quick.
"""

# No `from __future__ import annotations` here: typer would have to eval every
# annotation as text on each run, a tenth of a second of start-up.
import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from assetdir import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from assetdir.directory import Directory
    from assetdir.problems import Problem

_debug = bool(os.environ.get("ASSETDIR_DEBUG"))


class _Commands(TyperGroup):
    """Turns errors from any command into one line on stderr and an exit code."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)  # in the order they are defined, not alphabetical

    def invoke(self, ctx: typer.Context) -> Any:
        from assetdir.problems import AssetdirError

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise  # help, usage errors and exit codes: typer reports these itself
        except AssetdirError as err:
            _err().print(f"Error: {err}", markup=False)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # the reader went away (`assetdir ... | head`): stop quietly, as other tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as err:  # a folder not writable, a path that is a file...
            where = f"{err.filename}: " if err.filename else ""
            _err().print(f"Error: {where}{err.strerror or err}", markup=False)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _err().print("Interrupted.", markup=False)
            raise typer.Exit(130) from None
        except Exception as err:
            if _debug:
                raise
            _err().print(
                f"assetdir: unexpected internal error ({type(err).__name__}: {err}); "
                "run again as `assetdir --debug ...` to see the traceback, and please report it",
                markup=False,
            )
            raise typer.Exit(3) from None


app = typer.Typer(
    cls=_Commands,
    name="assetdir",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DirOption = Annotated[
    Optional[Path],
    typer.Option(
        "--dir", metavar="PATH",
        envvar="ASSETDIR_DIR",
        help="The directory (folder with assetdir.yaml). Default: the nearest one up from here, else ./groups.",
        show_default=False,
    ),
]


NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read every file afresh, without the index in .assetdir/.")
]


def _out() -> "Console":
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _err() -> Any:
    if not sys.stderr.isatty():
        return _Plain(sys.stderr)  # rich is slow to load; messages to a file need none of it
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


class _Plain:
    """The little of rich's Console that messages use, as plain text."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def print(self, text: Any, *args: Any, **kwargs: Any) -> None:
        self.stream.write(f"{text}\n")


def _version(value: bool) -> None:
    if value:
        print(f"assetdir {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")] = False,
) -> None:
    """A shared directory of community groups for older people, kept as YAML files.

    \b
    Start with:  assetdir validate      (check every group file)
                 assetdir show ID       (one group, readable)
    """
    global _debug
    _debug = _debug or debug
    if ctx.invoked_subcommand is None:  # plain `assetdir`: the help, which is not an error
        print(ctx.get_help())
        raise typer.Exit(0)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show £ gets ? rather than a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


class ProblemFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(metavar="PATH", help="Files or folders to check (default: the whole directory).", exists=True, show_default=False),
    ] = None,
    format: Annotated[ProblemFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text, json or github (workflow annotations).")] = ProblemFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Check every group file and the directory; report every problem.

    \b
    One line per problem: FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE.
    Exit 0 when there are no errors, 1 when there are (or warnings with --strict).

    \b
    Examples:
      assetdir validate
      assetdir validate groups/northfield/northfield-lunch-club.yaml
      assetdir validate --format json > problems.json
    """
    from assetdir.directory import find_directory
    from assetdir.validation import check

    directory = find_directory(dir, cache=not no_cache)
    report = check(directory, paths or [], use_cache=not no_cache)
    problems, checked = report.problems, report.checked
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    summary = (
        f"{checked} group{'s' if checked != 1 else ''} checked: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )
    if format is ProblemFormat.json:
        import json

        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
        _err().print(summary, markup=False)
    elif format is ProblemFormat.github:
        for problem in problems:
            print(_github(problem))
        _err().print(summary, markup=False)
    else:
        if sys.stdout.isatty():
            from rich.text import Text

            out = _out()
            text = Text("\n").join([_styled(p) for p in problems] + [Text(summary, style="bold red" if errors else "green")])
            out.print(text)
        else:  # plain, and quick for thousands of lines
            sys.stdout.write("".join(f"{p}\n" for p in problems) + summary + "\n")
    if errors or (strict and warnings):
        raise typer.Exit(1)


def _styled(problem: "Problem") -> Any:
    from rich.text import Text

    text = Text(f"{problem.file}:{problem.line}:{problem.column}: ")
    text.append(problem.severity, style="bold red" if problem.severity == "error" else "yellow")
    text.append(f" {problem.code}: ", style="bold")
    text.append(problem.message)
    return text


def _github(problem: "Problem") -> str:
    def prop(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")

    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return (
        f"::{problem.severity} file={prop(problem.file)},line={problem.line},col={problem.column},"
        f"title={prop(problem.code)}::{message}"
    )


class SearchFormat(str, enum.Enum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    ids = "ids"


def _many(help: str) -> Any:
    return typer.Option(help=help, show_default=False)


@app.command()
def search(
    words: Annotated[Optional[list[str]], typer.Argument(metavar="WORDS", help="Words to look for, in any order.", show_default=False)] = None,
    category: Annotated[Optional[list[str]], typer.Option("--category", "-c", metavar="CATEGORY", help="A category id or a section (Wellbeing...); repeat for either.", show_default=False)] = None,
    area: Annotated[Optional[list[str]], typer.Option("--area", "-a", metavar="AREA", help="An area id or name; repeat for either.", show_default=False)] = None,
    day: Annotated[Optional[list[str]], typer.Option("--day", "-d", metavar="DAY", help="Meets on this weekday; repeat for either.", show_default=False)] = None,
    on: Annotated[Optional[str], typer.Option("--on", metavar="DATE", help="Really meets on this date: 2026-12-01, today, tomorrow or a weekday.", show_default=False)] = None,
    audience: Annotated[Optional[list[str]], typer.Option("--audience", metavar="ID", help="For this audience (carers, men...).", show_default=False)] = None,
    access: Annotated[Optional[list[str]], typer.Option("--access", metavar="WAY", help="drop-in, booking, referral or membership.", show_default=False)] = None,
    attending: Annotated[Optional[list[str]], typer.Option("--attending", metavar="WAY", help="venue, phone, online or home-visit.", show_default=False)] = None,
    free: Annotated[bool, typer.Option("--free", help="Free or by donation.")] = False,
    max_cost: Annotated[Optional[str], typer.Option("--max-cost", metavar="POUNDS", help="Costs at most this many pounds (free groups too).", show_default=False)] = None,
    accessible: Annotated[Optional[list[str]], typer.Option("--accessible", metavar="FEATURE", help="Has this at one venue; repeat: all at the same venue.", show_default=False)] = None,
    offers: Annotated[Optional[list[str]], typer.Option("--offers", metavar="ASSET", help="Offers this asset (minibus, meeting-room...).", show_default=False)] = None,
    needs: Annotated[Optional[list[str]], typer.Option("--needs", metavar="ASSET", help="Needs this asset.", show_default=False)] = None,
    include_closed: Annotated[bool, typer.Option("--include-closed", help="Also paused, closed and do-not-list groups.")] = False,
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
    from assetdir.crossfile import today
    from assetdir.directory import find_directory
    from assetdir.index import Index
    from assetdir.search import Query, search as run_search, suggestions, words_of

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
            from assetdir.index import public_data

            found.cards = public_data(index, [c["id"] for c in found.cards])
    finally:
        index.close()
    err = _err()
    if found.broken:
        listed = ", ".join(directory.display(rel) for rel in found.broken[:3])
        more = f" and {len(found.broken) - 3} more" if len(found.broken) > 3 else ""
        err.print(f"Warning: left out, with problems: {listed}{more}; run `assetdir validate` to see them", markup=False)
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
        from assetdir.csvout import to_csv

        columns = ["id", "name", "area", "when", "cost", "phone", "summary"]
        sys.stdout.write(to_csv([columns, *([c.get(k, "") for k in columns] for c in cards)]))
    elif chosen is SearchFormat.text:
        for c in cards:
            print(f"{c['name']} ({c['id']})")
            print("  " + " | ".join(x for x in (c["area"], c["when"], c["cost"], c["phone"]) if x))
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(expand=True, show_lines=False, header_style="bold")
        for column, ratio in (("Name", 3), ("Area", 2), ("When", 4), ("Cost", 2)):
            table.add_column(column, ratio=ratio, overflow="fold")
        table.add_column("Phone", no_wrap=True)
        for c in cards:
            table.add_row(*(Text(c[k]) for k in ("name", "area", "times", "price", "phone")))
        _out().print(table)


@app.command()
def show(
    id: Annotated[str, typer.Argument(metavar="ID", help="The group's id: its file name without .yaml.", show_default=False)],
    include_private: Annotated[bool, typer.Option("--include-private", help="Also show the private block (for coordinators).")] = False,
    dir: DirOption = None,
) -> None:
    """Show one group, readably, with its sessions in words.

    \b
    Example:
      assetdir show northfield-lunch-club
    """
    from assetdir.directory import find_directory
    from assetdir.loader import find_group
    from assetdir.render import describe

    from assetdir.index import Index
    from assetdir.network import named_by

    directory = find_directory(dir)
    group = find_group(directory, id)
    rows = describe(group, directory.vocabulary, directory.areas, include_private)
    index = Index.open(directory)
    try:  # partners by name, both ways
        names = dict(index.conn.execute("SELECT id, name FROM files WHERE name IS NOT NULL"))
        by = named_by(index, id)
    finally:
        index.close()
    rows = [(label, ", ".join(names.get(p, p) for p in group.partners) if label == "Partners" else text) for label, text in rows]
    if by:
        rows.insert(next((i for i, (label, _) in enumerate(rows) if label == "Last checked"), len(rows)),
                    ("Partner of", ", ".join(names.get(p, p) for p in by)))
    out = _out()
    if out.is_terminal:
        from rich.table import Table
        from rich.text import Text

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, text in rows:  # Text(): volunteers' words are never read as markup
            table.add_row(Text(label), Text(text), style="red" if label.startswith("Private") else None)
        out.print(Text.assemble((group.name, "bold"), f"  ({id})"))
        out.print(table)
    else:
        print(f"{group.name} ({id})")
        for label, text in rows:
            prefix = f"{label}: " if label else ""
            print(prefix + text.replace("\n", "\n" + " " * len(prefix)))


@app.command()
def new(
    name: Annotated[str, typer.Argument(metavar="NAME", help='The group\'s name, in quotes: "Eastgate Walking Group".', show_default=False)],
    summary: Annotated[str, typer.Option("--summary", "-s", metavar="TEXT", help="One line about the group (at most 160 characters).", show_default=False)],
    area: Annotated[str, typer.Option("--area", "-a", metavar="AREA", help="An area id from assetdir.yaml.", show_default=False)],
    category: Annotated[list[str], typer.Option("--category", "-c", metavar="CATEGORY", help="A category id; repeat for more.", show_default=False)],
    venue: Annotated[Optional[str], typer.Option("--venue", metavar="NAME", help="Where it meets (name of the venue).", show_default=False)] = None,
    attending: Annotated[Optional[list[str]], typer.Option("--attending", metavar="WAY", help="venue, phone, online or home-visit; repeat for more (default: venue).", show_default=False)] = None,
    phone: Annotated[Optional[str], typer.Option("--phone", metavar="PHONE", help="Public contact phone.", show_default=False)] = None,
    email: Annotated[Optional[str], typer.Option("--email", metavar="EMAIL", help="Public contact email.", show_default=False)] = None,
    folder: Annotated[Optional[str], typer.Option("--folder", metavar="FOLDER", help="Sub-folder of groups/ (default: the area's folder if there is one).", show_default=False)] = None,
    id: Annotated[Optional[str], typer.Option("--id", metavar="ID", help="The file name (id), when the one made from the name will not do.", show_default=False)] = None,
    dir: DirOption = None,
) -> None:
    """Write a new group file from a commented template.

    The template shows every optional field in comments, ready to fill in.

    A group that meets at a venue needs --venue; one that does not says how
    people take part with --attending (phone, online, home-visit).
    It never overwrites a file, and writes nothing that would not validate.

    \b
    Example:
      assetdir new "Eastgate Walking Group" --area eastgate --category walking \\
        --summary "Gentle hour-long walks, ending with tea." --venue "Eastgate Library"
    """
    from assetdir.directory import display_path
    from assetdir.scaffold import NewGroup, create_group

    directory = _find(dir)
    spec = NewGroup(name, summary, area, category, venue, attending, phone, email, id)
    path, schema_missing = create_group(directory, spec, folder, dt.date.today())
    _err().print(f"Wrote {display_path(path)}: open it to fill in sessions, contact and the rest.", markup=False)
    if schema_missing:
        _err().print("Tip: `assetdir schema -o assetdir.schema.json` lets editors check the file as you type.", markup=False)
    print(display_path(path))


def _find(dir: Optional[Path], no_cache: bool = False) -> "Directory":
    from assetdir.directory import find_directory

    return find_directory(dir, cache=not no_cache)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="Folder for the new directory (created if needed).")] = Path("."),
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The directory's title, printed on its cover.")] = "Community groups for older people",
    area: Annotated[Optional[list[str]], typer.Option("--area", metavar="AREA", help='A neighbourhood, e.g. "Northfield"; repeat for more.', show_default=False)] = None,
) -> None:
    """Start a new directory, ready for group files.

    Writes assetdir.yaml, groups/, .gitignore, a pre-commit check and the editor schema.

    \b
    Example:
      assetdir init ashbury-groups --title "Ashbury groups" --area "Town Centre" --area Northfield
    """
    from assetdir.directory import display_path
    from assetdir.scaffold import init_directory

    written = init_directory(path, title, area or ["Town Centre"])

    for file in written:
        _err().print(f"Wrote {display_path(file)}", markup=False)
    _err().print(f"Next: edit the areas in {display_path(path / 'assetdir.yaml')}, then `assetdir new` to add a group.", markup=False)


@app.command()
def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of printing.", show_default=False)] = None,
    dir: DirOption = None,
) -> None:
    """Print a JSON Schema of a group file, for editors.

    It lists this directory's ids (categories, areas...) as the choices.

    Editors with YAML support (VS Code with the YAML extension, for one) then
    complete and check group files as you type. Files made by `new` point to
    assetdir.schema.json at the top of the directory.

    \b
    Example:
      assetdir schema -o assetdir.schema.json
    """
    import json

    from assetdir.schema import group_schema

    directory = _find(dir)
    text = json.dumps(group_schema(directory.vocabulary, directory.areas), indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    from assetdir.yaml_io import write_atomic

    write_atomic(output, text)
    _err().print(f"Wrote {output}", markup=False)


class SheetFormat(str, enum.Enum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"


def _contact(group: dict, private: bool = False) -> str:
    block = (group.get("private") or {}).get("contact") if private else group.get("contact")
    return ", ".join(str(block[k]) for k in ("name", "phone", "email") if (block or {}).get(k))


def _index(dir: Optional[Path], no_cache: bool = False) -> Any:
    from assetdir.index import Index

    return Index.open(_find(dir, no_cache), use_cache=not no_cache)


def _table(columns: list[str], rows: list[list[str]]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(expand=True, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(x)) for x in row))
    _out().print(table)


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
    from assetdir.network import match as run_match

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
        from assetdir.csvout import to_csv

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
    from assetdir.crossfile import today
    from assetdir.network import parse_within, review as run_review

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
        from assetdir.csvout import to_csv

        sys.stdout.write(to_csv(([[notice]] if private else []) + [columns] + [row(d) for d in due]))
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
    from assetdir.crossfile import today
    from assetdir.editing import record_check

    path, day = record_check(_find(dir), id, date, by, today())
    from assetdir.directory import display_path

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
    from assetdir.crossfile import today
    from assetdir.network import stats as run_stats

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
    from assetdir.crossfile import today
    from assetdir.gaps import THIN, gap_tables, level, missing_categories, to_csv, to_html, to_json

    chosen = format or (GapFormat(output.suffix.lstrip(".").lower()) if output is not None and output.suffix.lstrip(".").lower() in {"json", "csv", "html"} else None)
    chosen = chosen or (GapFormat.table if output is None else GapFormat.html)
    index = _index(dir, no_cache)
    try:
        tables = gap_tables(index, [b.value for b in by or [GapBy.day, GapBy.section]])
        missing = missing_categories(index)
        title = index.directory.config.title
    finally:
        index.close()
    if chosen is GapFormat.table:
        from rich.table import Table
        from rich.text import Text

        styles = {"empty": "bold white on red", "thin": "black on yellow", "ok": ""}
        out = _out()
        for table in tables:
            grid = Table(title=table.title, header_style="bold")
            grid.add_column("Area")
            for _, label in table.columns:
                grid.add_column(label, justify="right")
            grid.add_column("Total", justify="right", style="bold")
            for (_, label), counts, total in zip(table.rows, table.counts, table.row_totals):
                grid.add_row(Text(label), *(Text(str(n), style=styles[level(n)]) for n in counts), str(total))
            out.print(grid)
        out.print(f"Red: no active group; yellow: {THIN} only.", markup=False)
        if missing:
            out.print("No area has: " + ", ".join(label for _, label in missing), markup=False)
        return
    if chosen is GapFormat.json:
        import json

        text = json.dumps(to_json(tables, missing), indent=2, ensure_ascii=False) + "\n"
    elif chosen is GapFormat.csv:
        text = to_csv(tables)
    else:
        text = to_html(tables, missing, title, today())
    if output is None:
        sys.stdout.write(text)
    else:
        from assetdir.yaml_io import write_atomic

        write_atomic(output, text)
        _err().print(f"Wrote {output}", markup=False)


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
    from assetdir.network import partner_links, to_dot, to_mermaid

    index = _index(dir, no_cache)
    try:
        nodes, links = partner_links(index, include_closed)
        areas = index.directory.areas or {}
    finally:
        index.close()
    text = (to_dot if format is GraphFormat.dot else to_mermaid)(nodes, links, areas)
    if output is None:
        sys.stdout.write(text)
    else:
        from assetdir.yaml_io import write_atomic

        write_atomic(output, text)
        _err().print(f"Wrote {output}", markup=False)


def main() -> None:
    app(prog_name="assetdir")
