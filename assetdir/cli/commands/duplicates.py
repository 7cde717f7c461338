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

DEFAULT_MIN_SCORE = 60  # duplicates.DEFAULT, written here so that --help need not import it


class DuplicatesFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def duplicates(
    min_score: Annotated[int, typer.Option("--min-score", metavar="N", help="Only pairs scoring at least this (0-100).", min=0, max=100)] = DEFAULT_MIN_SCORE,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", help="Show at most this many pairs (0: all).", min=0)] = 20,
    format: Annotated[DuplicatesFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = DuplicatesFormat.text,
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

    from assetdir.query.duplicates import likely_duplicates

    directory, groups, files = _read_fresh(dir) if no_cache else _read_indexed(dir)
    pairs = likely_duplicates(groups, min_score)
    shown = pairs[:limit] if limit else pairs
    if format is DuplicatesFormat.json:
        print(json.dumps(_as_json(shown, len(pairs), min_score, groups, files, directory), indent=2, ensure_ascii=False))
    else:
        _print_text(shown, groups, files, directory)
    err = stderr()
    if not pairs:
        err.print(f"No likely duplicates (score {min_score} or more) among {len(groups)} groups", markup=False)
        return
    more = len(pairs) - len(shown)
    err.print(
        f"{len(pairs)} likely duplicate pair{'s' if len(pairs) != 1 else ''} (score {min_score} or more)"
        + (f", showing {len(shown)} (and {more} more: --limit 0 shows all)" if more else ""),
        markup=False,
    )


def _read_indexed(dir: Any) -> tuple["Directory", dict, dict]:
    """The directory, the compared fields of its valid groups, and their files, from the index."""
    import json

    index = open_index(dir)
    groups, files = {}, {}
    try:
        # one row at a time, keeping only what is compared: whole groups would take far more memory
        for id_, rel, data in index.conn.execute("SELECT id, rel, data FROM files WHERE data IS NOT NULL"):
            groups[id_], files[id_] = _compared(json.loads(data)), rel
    finally:
        index.close()
    return index.directory, groups, files


def _read_fresh(dir: Any) -> tuple["Directory", dict, dict]:
    """The same read from every file afresh (an index built in memory would take twice as long)."""
    from assetdir.store.files import check_file

    directory = find_dir(dir, no_cache=True)
    groups, files, broken = {}, {}, []
    for path in directory.files():
        checked = check_file(directory, path)  # one at a time: the models are not kept
        if checked.group is None:
            broken.append(checked.summary.rel)
            continue
        groups[checked.id] = _compared(checked.group.model_dump(include=_COMPARED | {"venues"}, exclude_none=True))
        files[checked.id] = checked.summary.rel
    warn_broken(directory, sorted(broken))
    return directory, groups, files


_COMPARED = {"name", "area", "status", "contact"}


def _compared(group: dict) -> dict:
    """Only the fields that duplicates compares and shows."""
    venues = [{"postcode": v["postcode"]} for v in group.get("venues") or [] if v.get("postcode")]
    return {**{k: group[k] for k in _COMPARED if k in group}, "venues": venues}


def _file(directory: "Directory", rel: str) -> str:
    """A group file's path from the directory's root, the same wherever the command runs."""
    path = directory.groups_dir / rel
    try:
        return path.relative_to(directory.root).as_posix()
    except ValueError:
        return path.as_posix()


def _as_json(pairs: list[Any], total: int, min_score: int, groups: dict, files: dict, directory: "Directory") -> dict:
    def one(id_: str) -> dict:
        g = groups[id_]
        return {"id": id_, "name": g["name"], "area": g.get("area"), "status": g.get("status", "active"), "file": _file(directory, files[id_])}

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
