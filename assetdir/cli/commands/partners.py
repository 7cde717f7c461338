"""`assetdir partners`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, open_index
from assetdir.cli.output import emit


class GraphFormat(str, enum.Enum):
    dot = "dot"
    mermaid = "mermaid"


@app.command()
def partners(
    format: Annotated[
        GraphFormat, typer.Option("--format", "-f", metavar="FORMAT", help="dot (Graphviz) or mermaid.")
    ] = GraphFormat.mermaid,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write to this file.", show_default=False)
    ] = None,
    include_closed: Annotated[
        bool, typer.Option("--include-closed", help="Also closed and do-not-list groups.")
    ] = False,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Draw the network of partnerships, areas as clusters.

    \b
    Examples:
      assetdir partners --format mermaid > partners.mmd
      assetdir partners --format dot | dot -Tpdf -o partners.pdf
    """
    from assetdir.export.graphs import to_dot, to_mermaid
    from assetdir.query.network import partner_links

    index = open_index(dir, no_cache)
    try:
        nodes, links = partner_links(index, include_closed)
        areas = index.directory.areas or {}
    finally:
        index.close()
    text = (to_dot if format is GraphFormat.dot else to_mermaid)(nodes, links, areas)
    emit(text, output)
