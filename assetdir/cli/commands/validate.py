"""`assetdir validate`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from assetdir.problems import Problem
from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption
from assetdir.cli.output import stderr, stdout
from assetdir.words import plural


class ProblemFormat(str, enum.Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH",
            help="Files or folders to check (default: the whole directory).",
            exists=True,
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ProblemFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, json or github (workflow annotations)."),
    ] = ProblemFormat.text,
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
    report = check(directory, paths or [], use_cache=not no_cache, today=clock.today())
    problems, checked = report.problems, report.checked
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    summary = f"{plural(checked, 'group')} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}"
    if format is ProblemFormat.json:
        import json

        print(json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False))
        stderr().print(summary, markup=False)
    elif format is ProblemFormat.github:
        for problem in problems:
            print(_github(problem))
        stderr().print(summary, markup=False)
    else:
        if sys.stdout.isatty():
            from rich.text import Text

            out = stdout()
            text = Text("\n").join(
                [_styled(p) for p in problems] + [Text(summary, style="bold red" if errors else "green")]
            )
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
        return (
            value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
        )

    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return (
        f"::{problem.severity} file={prop(problem.file)},line={problem.line},col={problem.column},"
        f"title={prop(problem.code)}::{message}"
    )
