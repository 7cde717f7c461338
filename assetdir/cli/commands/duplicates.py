"""`assetdir duplicates`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, find_dir, open_index
from assetdir.cli.output import stderr, warn_broken
from assetdir.query.thresholds import LIKELY
from assetdir.words import plural

DEFAULT_MIN_SCORE = LIKELY


class DuplicatesFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def duplicates(
    min_score: Annotated[
        int, typer.Option("--min-score", metavar="N", help="Only pairs scoring at least this (0-100).", min=0, max=100)
    ] = DEFAULT_MIN_SCORE,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            help="Show at most this many pairs (0: all, up to the 10,000 most likely).",
            min=0,
        ),
    ] = 20,
    format: Annotated[
        DuplicatesFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = DuplicatesFormat.text,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Groups that look like the same group entered twice, most likely first.

    Each pair has a score (0-100) and the reasons for it: the same phone,
    email, website or postcode, a similar name in the same area. Closed and
    do-not-list groups are compared too, and marked. Nothing is changed.

    \b
    Examples:
      assetdir duplicates
      assetdir duplicates --min-score 80 --format json
    """
    import json

    from assetdir.query.compared import from_files, from_index
    from assetdir.query.duplicates import MOST_KEPT, top_duplicates

    if no_cache:  # every file afresh: an index built in memory would take twice as long
        directory = find_dir(dir, no_cache=True)
        groups, files, broken = from_files(directory)
        warn_broken(directory, broken)
    else:
        with open_index(dir) as index:
            directory, (groups, files) = index.directory, from_index(index)
    shown, total = top_duplicates(groups, min_score, limit or MOST_KEPT)
    if format is DuplicatesFormat.json:
        print(json.dumps(_as_json(shown, total, min_score, groups, files, directory), indent=2, ensure_ascii=False))
    else:
        _print_text(shown, groups, files, directory)
    err = stderr()
    if not total:
        err.print(f"No likely duplicates (score {min_score} or more) among {len(groups)} groups", markup=False)
        return
    more = total - len(shown)
    if more and not limit:
        tail = f", showing the {len(shown):,} most likely (at most {MOST_KEPT:,} are shown; raise --min-score)"
    else:
        tail = f", showing {len(shown)} (and {more} more: --limit 0 shows all)" if more else ""
    err.print(f"{plural(total, 'likely duplicate pair')} (score {min_score} or more){tail}", markup=False)


def _as_json(pairs: list[Any], total: int, min_score: int, groups: dict, files: dict, directory: "Directory") -> dict:
    def one(id_: str) -> dict:
        g = groups[id_]
        return {
            "id": id_,
            "name": g["name"],
            "area": g.get("area"),
            "status": g.get("status", "active"),
            "file": directory.from_root(files[id_]),
        }

    return {
        "min_score": min_score,
        "total": total,
        "pairs": [{"score": p.score, "reasons": p.reasons, "a": one(p.a), "b": one(p.b)} for p in pairs],
    }


def _print_text(pairs: list[Any], groups: dict, files: dict, directory: "Directory") -> None:
    def line(id_: str) -> str:
        status = groups[id_].get("status", "active")
        marked = f" [{status}]" if status != "active" else ""
        return f"{groups[id_]['name']}{marked} ({id_}, {directory.display(files[id_])})"

    for n, p in enumerate(pairs):
        print(("\n" if n else "") + f"{p.score:3d}  {line(p.a)}")
        print(f"     {line(p.b)}")
        print(f"     {'; '.join(p.reasons)}")
