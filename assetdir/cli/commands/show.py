"""`assetdir show`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    pass
from assetdir.cli.application import app
from assetdir.cli.options import DirOption
from assetdir.cli.output import rich_text, stdout


@app.command()
def show(
    id: Annotated[
        str, typer.Argument(metavar="ID", help="The group's id: its file name without .yaml.", show_default=False)
    ],
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Also show the private block (for coordinators).")
    ] = False,
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
        names = index.names()
        by = named_by(index, id)
    finally:
        index.close()
    rows = [
        (label, ", ".join(names.get(p, p) for p in group.partners) if label == "Partners" else text)
        for label, text in rows
    ]
    if by:
        rows.insert(
            next((i for i, (label, _) in enumerate(rows) if label == "Last checked"), len(rows)),
            ("Partner of", ", ".join(names.get(p, p) for p in by)),
        )
    out = stdout()
    if out.is_terminal:
        from rich.table import Table
        from rich.text import Text

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, text in rows:
            table.add_row(rich_text(label), rich_text(text), style="red" if label.startswith("Private") else None)
        out.print(Text.assemble(rich_text(group.name, "bold"), rich_text(f"  ({id})")))
        out.print(table)
    else:
        print(f"{group.name} ({id})")
        for label, text in rows:
            prefix = f"{label}: " if label else ""
            lines = text.split("\n")  # later lines under the first; a blank line stays empty
            print("\n".join([prefix + lines[0], *((" " * len(prefix) + line) if line else "" for line in lines[1:])]))
