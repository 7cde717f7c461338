"""`assetdir new`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    pass
from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, find_dir
from assetdir.cli.output import stderr


@app.command()
def new(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME", help='The group\'s name, in quotes: "Eastgate Walking Group".', show_default=False
        ),
    ],
    summary: Annotated[
        str,
        typer.Option(
            "--summary",
            "-s",
            metavar="TEXT",
            help="One line about the group (at most 160 characters).",
            show_default=False,
        ),
    ],
    area: Annotated[
        str, typer.Option("--area", "-a", metavar="AREA", help="An area id from assetdir.yaml.", show_default=False)
    ],
    category: Annotated[
        list[str],
        typer.Option(
            "--category", "-c", metavar="CATEGORY", help="A category id; repeat for more.", show_default=False
        ),
    ],
    venue: Annotated[
        Optional[str],
        typer.Option("--venue", metavar="NAME", help="Where it meets (name of the venue).", show_default=False),
    ] = None,
    attending: Annotated[
        Optional[list[str]],
        typer.Option(
            "--attending",
            metavar="WAY",
            help="venue, phone, online or home-visit; repeat for more (default: venue).",
            show_default=False,
        ),
    ] = None,
    phone: Annotated[
        Optional[str], typer.Option("--phone", metavar="PHONE", help="Public contact phone.", show_default=False)
    ] = None,
    email: Annotated[
        Optional[str], typer.Option("--email", metavar="EMAIL", help="Public contact email.", show_default=False)
    ] = None,
    folder: Annotated[
        Optional[str],
        typer.Option(
            "--folder",
            metavar="FOLDER",
            help="Sub-folder of groups/ (default: the area's folder if there is one).",
            show_default=False,
        ),
    ] = None,
    id: Annotated[
        Optional[str],
        typer.Option(
            "--id",
            metavar="ID",
            help="The file name (id), when the one made from the name will not do.",
            show_default=False,
        ),
    ] = None,
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
    from assetdir.store.paths import display_path

    directory = find_dir(dir)
    spec = NewGroup(name, summary, area, category, venue, attending, phone, email, id)
    path, schema_missing = create_group(directory, spec, folder, clock.today())
    stderr().print(f"Wrote {display_path(path)}: open it to fill in sessions, contact and the rest.", markup=False)
    if schema_missing:
        stderr().print(
            "Tip: `assetdir schema -o assetdir.format.schema.json` lets editors check the file as you type.",
            markup=False,
        )
    print(display_path(path))
