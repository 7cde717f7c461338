"""The command line: options in, one library call, output rendered; errors become exit codes.

Exit codes: 0 fine, 1 problems found or a known error, 2 bad usage, 3 an unexpected
internal error (`--debug` shows the traceback), 130 interrupted.
Heavy modules are imported inside the commands so that `--help` stays quick.
"""

# No `from __future__ import annotations` here: typer would have to eval every
# annotation as text on each run, a tenth of a second of start-up.
import contextlib
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
from assetdir.visible import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console

    from assetdir.problems import Problem
    from assetdir.store.directory import Directory

_debug = bool(os.environ.get("ASSETDIR_DEBUG"))
# the order --help lists the commands in: a volunteer's first, a coordinator's after
_ORDER = [
    "validate", "search", "show", "export", "new", "init", "schema", "match", "gaps", "review", "checked", "stats", "partners",
    "duplicates", "merge-groups", "merge", "fmt",
]


class _Commands(TyperGroup):
    """Turns errors from any command into one line on stderr and an exit code."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        known = [name for name in _ORDER if name in self.commands]
        return known + [name for name in self.commands if name not in known]

    def invoke(self, ctx: typer.Context) -> Any:
        index = sys.modules.get("assetdir.store.index")  # loaded only by a command that reads the index
        if index is not None:
            index.reset()
        _warned.clear()
        # the command and its arguments (click takes them off `ctx`), to run it again once
        # after its index is found damaged and thrown away
        protected = "_protected_args" if hasattr(ctx, "_protected_args") else "protected_args"  # click 8.2 renamed it
        again = {name: list(getattr(ctx, name)) for name in (protected, "args")}
        with _shown_streams():
            try:
                return self._invoke(ctx, again)
            finally:
                _say_rebuilt()

    def _invoke(self, ctx: typer.Context, again: Optional[dict[str, list[str]]]) -> Any:
        from assetdir.problems import AssetdirError

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise  # help, usage errors and exit codes: typer reports these itself
        except AssetdirError as err:
            _err().print(f"Error: {one_line(str(err))}", markup=False)
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
            if again is not None and _index_repaired():  # its index was damaged: thrown away, built again
                for name, value in again.items():
                    setattr(ctx, name, value)
                return self._invoke(ctx, None)
            if _debug:
                raise
            _err().print(
                f"assetdir: unexpected internal error ({type(err).__name__}: {err}); "
                "run again as `assetdir --debug ...` to see the traceback, and please report it",
                markup=False,
            )
            raise typer.Exit(3) from None


def _index_repaired() -> bool:
    index = sys.modules.get("assetdir.store.index")
    return index is not None and index.repair()


def _say_rebuilt() -> None:
    """One line when the index had to be built again (the library records it)."""
    index = sys.modules.get("assetdir.store.index")
    if index is not None and index.rebuilt:
        from assetdir.store.directory import display_path

        where = ", ".join(display_path(path) for path in sorted(index.rebuilt))
        note = f"Note: the index ({where}) could not be read and has been rebuilt (it is only a cache)"
        _err().print(note, markup=False)


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


def today() -> dt.date:
    """The date every command works to: the one place that reads the clock (the library is
    given the date), and the one place tests set it."""
    return dt.date.today()


class _Shown:
    """A text stream that shows control characters (\\x1b, \\u202e) rather than passing them on:
    whatever a group file holds, printing it cannot clear the screen or disguise a name."""

    def __init__(self, stream: Any) -> None:
        self.unescaped = stream  # rich writes its colours here; it is given only escaped text

    def write(self, text: str) -> int:
        self.unescaped.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, flush, encoding, buffer...
        return getattr(self.unescaped, name)


@contextlib.contextmanager
def _shown_streams() -> Any:
    """Standard output and error as `_Shown` streams while a command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (s if isinstance(s, _Shown) else _Shown(s) for s in saved)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _out() -> "Console":
    """A rich console on the real standard output, so that colours reach the terminal:
    what it prints must be escaped already (`_text`)."""
    from rich.console import Console

    return Console(file=getattr(sys.stdout, "unescaped", sys.stdout), highlight=False, soft_wrap=True)


def _text(value: Any, style: str = "") -> Any:
    """A piece of a file's text for rich: escaped, and never read as markup."""
    from rich.text import Text

    return Text(visible(str(value)), style=style)


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
    from assetdir.store.directory import find_directory
    from assetdir.store.validate import check

    directory = find_directory(dir, cache=not no_cache)
    report = check(directory, paths or [], use_cache=not no_cache, today=today())
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
    from assetdir.query.network import named_by
    from assetdir.store.directory import find_directory
    from assetdir.store.files import find_group
    from assetdir.store.index import Index
    from assetdir.words import describe

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
        for label, text in rows:
            table.add_row(_text(label), _text(text), style="red" if label.startswith("Private") else None)
        out.print(Text.assemble(_text(group.name, "bold"), _text(f"  ({id})")))
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
    from assetdir.edit.scaffold import NewGroup, create_group
    from assetdir.store.directory import display_path

    directory = _find(dir)
    spec = NewGroup(name, summary, area, category, venue, attending, phone, email, id)
    path, schema_missing = create_group(directory, spec, folder, today())
    _err().print(f"Wrote {display_path(path)}: open it to fill in sessions, contact and the rest.", markup=False)
    if schema_missing:
        _err().print("Tip: `assetdir schema -o assetdir.format.schema.json` lets editors check the file as you type.", markup=False)
    print(display_path(path))


def _find(dir: Optional[Path], no_cache: bool = False) -> "Directory":
    from assetdir.store.directory import find_directory

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
    from assetdir.edit.scaffold import init_directory
    from assetdir.store.directory import display_path

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
    assetdir.format.schema.json at the top of the directory.

    \b
    Example:
      assetdir schema -o assetdir.format.schema.json
    """
    import json

    from assetdir.format.schema import group_schema

    directory = _find(dir)
    text = json.dumps(group_schema(directory.vocabulary, directory.areas), indent=2) + "\n"
    _emit(text, output)


def _contact(group: dict, private: bool = False) -> str:
    block = (group.get("private") or {}).get("contact") if private else group.get("contact")
    return ", ".join(str(block[k]) for k in ("name", "phone", "email") if (block or {}).get(k))


def _index(dir: Optional[Path], no_cache: bool = False) -> Any:
    """The directory's index, saying which group files are left out for their problems."""
    from assetdir.store.index import Index

    index = Index.open(_find(dir, no_cache), use_cache=not no_cache)
    _warn_broken(index.directory, [rel for (rel,) in index.conn.execute("SELECT rel FROM files WHERE status IS NULL ORDER BY rel")])
    return index


def _warn_broken(directory: "Directory", broken: list[str]) -> None:
    """Name the group files left out for their problems, and what the walk could not read."""
    files = [one_line(directory.display(rel)) for rel in broken] + [p.file for p in directory.walk_problems]
    if files:
        listed = ", ".join(files[:3])
        more = f" and {len(files) - 3} more" if len(files) > 3 else ""
        line = f"Warning: left out, with problems: {listed}{more}; run `assetdir validate` to see them"
        if line not in _warned:  # said once, even when the command runs again on its rebuilt index
            _warned.add(line)
            _err().print(line, markup=False)


_warned: set[str] = set()  # by this command


def _table(columns: list[str], rows: list[list[str]]) -> None:
    from rich.table import Table

    table = Table(expand=True, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_text(x) for x in row))
    _out().print(table)


def _emit(text: str, output: Optional[Path]) -> None:
    """Data to standard output, or atomically to the file asked for."""
    if output is None:
        sys.stdout.write(text)
        return
    from assetdir.edit.writes import write_atomic

    write_atomic(output, visible(text))  # a file is read in a terminal too
    _err().print(f"Wrote {output}", markup=False)


# the other commands live beside this module; importing them adds them to `app`
from assetdir.cli.commands import duplicates, export, merging, network, search  # noqa: E402,F401 (their commands)


def main() -> None:
    import gc

    # A command is a short run that reads thousands of groups into objects that live
    # until it ends; collecting cycles after every 700 new objects made 10,000-group
    # commands a third slower, walking the same survivors again and again.
    gc.set_threshold(100_000, 50, 100)
    app(prog_name="assetdir")
