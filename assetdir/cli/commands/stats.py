"""`assetdir stats`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from typing import Annotated, Optional

import typer

from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, open_index


@app.command()
def stats(
    format: Annotated[
        Optional[str], typer.Option("--format", "-f", metavar="FORMAT", help="table or json.", show_default=False)
    ] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Count groups by status, area, section and freshness.

    \b
    Example:
      assetdir stats
    """
    from assetdir.query.network import stats as run_stats

    if format not in (None, "table", "json"):
        raise typer.BadParameter("table or json", param_hint="--format")
    index = open_index(dir, no_cache)
    try:
        counts = run_stats(index, clock.today())
    finally:
        index.close()
    if format == "json":
        import json

        print(json.dumps(counts, indent=2))
        return
    print(f"{counts['groups']} group files, {counts['active']} active")
    for title, key in (
        ("By status", "by_status"),
        ("Active groups by area", "by_area"),
        ("Active groups by section", "by_section"),
        ("Details last checked (active and paused)", "freshness"),
    ):
        print(f"\n{title}")
        width = max((len(k) for k in counts[key]), default=0)
        for name, number in counts[key].items():
            print(f"  {name.ljust(width)}  {number:>5}")
