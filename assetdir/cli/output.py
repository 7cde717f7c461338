"""Output: data to standard output, messages to standard error, tables in a terminal, files written whole;
control characters from files always shown escaped."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from assetdir.visible import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console

    from assetdir.store.directory import Directory


class Shown:
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
def shown_streams() -> Any:
    """Standard output and error as `Shown` streams while a command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (s if isinstance(s, Shown) else Shown(s) for s in saved)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def stdout() -> "Console":
    """A rich console on the real standard output, so that colours reach the terminal:
    what it prints must be escaped already (`rich_text`)."""
    from rich.console import Console

    return Console(file=getattr(sys.stdout, "unescaped", sys.stdout), highlight=False, soft_wrap=True)


def rich_text(value: Any, style: str = "") -> Any:
    """A piece of a file's text for rich: escaped, and never read as markup."""
    from rich.text import Text

    return Text(visible(str(value)), style=style)


def stderr() -> Any:
    if not sys.stderr.isatty():
        return Plain(sys.stderr)  # rich is slow to load; messages to a file need none of it
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


class Plain:
    """The little of rich's Console that messages use, as plain text."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def print(self, text: Any, *args: Any, **kwargs: Any) -> None:
        self.stream.write(f"{text}\n")


def warn_broken(directory: "Directory", broken: list[str]) -> None:
    """Name the group files left out for their problems, and what the walk could not read."""
    files = [one_line(directory.display(rel)) for rel in broken] + [p.file for p in directory.walk_problems]
    if files:
        listed = ", ".join(files[:3])
        more = f" and {len(files) - 3} more" if len(files) > 3 else ""
        line = f"Warning: left out, with problems: {listed}{more}; run `assetdir validate` to see them"
        if line not in _warned:  # said once, even when the command runs again on its rebuilt index
            _warned.add(line)
            stderr().print(line, markup=False)


_warned: set[str] = set()  # by this command


def forget_warnings() -> None:
    """A new command starts: it says its own warnings again."""
    _warned.clear()


def print_table(columns: list[str], rows: list[list[str]]) -> None:
    from rich.table import Table

    table = Table(expand=True, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(rich_text(x) for x in row))
    stdout().print(table)


def emit(text: str, output: Optional[Path]) -> None:
    """Data to standard output, or atomically to the file asked for."""
    if output is None:
        sys.stdout.write(text)
        return
    from assetdir.edit.writes import write_atomic

    write_atomic(output, visible(text))  # a file is read in a terminal too
    stderr().print(f"Wrote {output}", markup=False)
