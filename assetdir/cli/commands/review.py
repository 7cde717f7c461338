"""`assetdir review`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, SheetFormat, open_index
from assetdir.cli.output import print_table, stderr, stdout


@app.command()
def review(
    due_within: Annotated[
        Optional[str],
        typer.Option(
            "--due-within", metavar="TIME", help="Also what falls due this soon: 30d, 6w, 2m.", show_default=False
        ),
    ] = None,
    no_private: Annotated[bool, typer.Option("--no-private", help="Leave private contact details out.")] = False,
    format: Annotated[
        Optional[SheetFormat],
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="table, text, json or csv (a call list).", show_default=False
        ),
    ] = None,
    letters: Annotated[
        bool, typer.Option("--letters", help="A letter (PDF, one page each) to every group due, with its entry.")
    ] = False,
    emails: Annotated[
        bool, typer.Option("--emails", help="The same as emails (an mbox file) to every group due with an email.")
    ] = False,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", metavar="FILE", help="--letters or --emails: the file to write.", show_default=False
        ),
    ] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Groups due for checking, oldest first, with who to ring; or letters or emails to them.

    For coordinators: it includes private contact details (and says so),
    unless --no-private. Letters and emails go to the groups (to the private
    contact where there is one), never to the public. Record a check with
    `assetdir checked ID`.

    \b
    Examples:
      assetdir review
      assetdir review --due-within 30d --format csv > call-list.csv
      assetdir review --letters -o letters.pdf
      assetdir review --emails -o review.mbox
    """
    from assetdir.export import calls
    from assetdir.query.network import parse_within
    from assetdir.query.network import review as run_review

    _check(letters, emails, output, format)
    days = parse_within(due_within) if due_within else 0
    with open_index(dir, no_cache) as index:
        due = run_review(index, clock.today(), days)
        areas = index.directory.areas or {}
        directory = index.directory
    if output is not None:
        _write(due, directory, output, emails, not no_private)
        return
    private = not no_private
    chosen = format or (SheetFormat.table if sys.stdout.isatty() else SheetFormat.text)
    if chosen is SheetFormat.json:
        sys.stdout.write(calls.review_json(due, areas, private))
    elif chosen is SheetFormat.csv:
        sys.stdout.write(calls.review_csv(due, areas, private))
        if private:  # on the screen too: the file's first line stays a plain header
            stderr().print(calls.NOT_FOR_PUBLICATION, markup=False)
    elif chosen is SheetFormat.text:
        sys.stdout.write(calls.review_sheet(due, areas, private))
    else:
        if private:
            stdout().print(calls.NOT_FOR_PUBLICATION, style="bold red", markup=False)
        print_table(*calls.review_rows(due, areas, private))
    stderr().print(calls.due_count(due), markup=False)


def _check(letters: bool, emails: bool, output: Optional[Path], format: Optional[SheetFormat]) -> None:
    if letters and emails:
        raise typer.BadParameter("one at a time: --letters or --emails", param_hint="'--letters'")
    if (letters or emails) and output is None:
        example = "letters.pdf" if letters else "review.mbox"
        raise typer.BadParameter(f"give the file to write, like -o {example}", param_hint="'--output'")
    if output is not None and not (letters or emails):
        raise typer.BadParameter("-o is for --letters or --emails", param_hint="'--output'")
    if output is not None and format is not None:
        raise typer.BadParameter("--format is for the list on the screen", param_hint="'--format'")
    if output is not None and not output.parent.is_dir():
        raise typer.BadParameter(f"the folder {str(output.parent)!r} does not exist", param_hint="'--output'")


def _write(due: list, directory: object, output: Path, emails: bool, private: bool) -> None:
    """The letters (PDF) or emails (mbox) of the groups due, written whole to `output`."""
    from assetdir.edit.writes import write_atomic, write_mbox
    from assetdir.export.letters import letters, letters_pdf
    from assetdir.problems import AssetdirError
    from assetdir.words import plural

    if not due:
        raise AssetdirError("no group is due for review (try --due-within 30d): nothing written")
    today = clock.today()
    found = letters(due, directory, today, private)  # type: ignore[arg-type]
    if emails:
        from assetdir.export.emails import review_messages

        messages = review_messages(found, directory, today)  # type: ignore[arg-type]
        if not messages:
            raise AssetdirError("no group due for review has an email address: nothing written (try --letters)")
        write_mbox(output, messages)
        without = len(found) - len(messages)
        note = f"; {plural(without, 'group')} without an email address left out (try --letters)" if without else ""
        stderr().print(f"Wrote {output} ({plural(len(messages), 'email')}{note})", markup=False)
        return
    write_atomic(output, letters_pdf(found, directory, today))  # type: ignore[arg-type]
    stderr().print(f"Wrote {output} ({plural(len(found), 'letter')})", markup=False)
