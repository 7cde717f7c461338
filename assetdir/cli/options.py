"""Options shared by several commands: the directory, the index, search's filters, how merges settle conflicts."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    from assetdir.merge.conflicts import Choices
    from assetdir.store.directory import Directory
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
from assetdir.cli.output import warn_broken

DirOption = Annotated[
    Optional[Path],
    typer.Option(
        "--dir",
        metavar="PATH",
        envvar="ASSETDIR_DIR",
        help="The directory (folder with assetdir.yaml). Default: the nearest one up from here, else ./groups.",
        show_default=False,
    ),
]


NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read every file afresh, without the index in .assetdir/.")
]


def find_dir(dir: Optional[Path], no_cache: bool = False) -> "Directory":
    from assetdir.store.directory import find_directory

    return find_directory(dir, cache=not no_cache)


def open_index(dir: Optional[Path], no_cache: bool = False) -> Any:
    """The directory's index, saying which group files are left out for their problems."""
    from assetdir.store.index import Index

    index = Index.open(find_dir(dir, no_cache), use_cache=not no_cache)
    warn_broken(index.directory, index.broken())
    return index


class SheetFormat(str, enum.Enum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"


# the words and filters, shared with export (which chooses its groups the same way)
WordsFilter = Annotated[
    Optional[list[str]], typer.Argument(metavar="WORDS", help="Words to look for, in any order.", show_default=False)
]


CategoryFilter = Annotated[
    Optional[list[str]],
    typer.Option(
        "--category",
        "-c",
        metavar="CATEGORY",
        help="A category id or a section (Wellbeing...); repeat for either.",
        show_default=False,
    ),
]


AreaFilter = Annotated[
    Optional[list[str]],
    typer.Option("--area", "-a", metavar="AREA", help="An area id or name; repeat for either.", show_default=False),
]


DayFilter = Annotated[
    Optional[list[str]],
    typer.Option("--day", "-d", metavar="DAY", help="Meets on this weekday; repeat for either.", show_default=False),
]


OnFilter = Annotated[
    Optional[str],
    typer.Option(
        "--on",
        metavar="DATE",
        help="Really meets on this date: 2026-12-01, today, tomorrow or a weekday.",
        show_default=False,
    ),
]


AudienceFilter = Annotated[
    Optional[list[str]],
    typer.Option("--audience", metavar="ID", help="For this audience (carers, men...).", show_default=False),
]


AccessFilter = Annotated[
    Optional[list[str]],
    typer.Option("--access", metavar="WAY", help="drop-in, booking, referral or membership.", show_default=False),
]


AttendingFilter = Annotated[
    Optional[list[str]],
    typer.Option("--attending", metavar="WAY", help="venue, phone, online or home-visit.", show_default=False),
]


FreeFilter = Annotated[bool, typer.Option("--free", help="Free or by donation.")]


MaxCostFilter = Annotated[
    Optional[str],
    typer.Option(
        "--max-cost", metavar="POUNDS", help="Costs at most this many pounds (free groups too).", show_default=False
    ),
]


AccessibleFilter = Annotated[
    Optional[list[str]],
    typer.Option(
        "--accessible",
        metavar="FEATURE",
        help="Has this at one venue; repeat: all at the same venue.",
        show_default=False,
    ),
]


OffersFilter = Annotated[
    Optional[list[str]],
    typer.Option("--offers", metavar="ASSET", help="Offers this asset (minibus, meeting-room...).", show_default=False),
]


NeedsFilter = Annotated[
    Optional[list[str]], typer.Option("--needs", metavar="ASSET", help="Needs this asset.", show_default=False)
]


IncludeClosedFilter = Annotated[
    bool, typer.Option("--include-closed", help="Also paused, closed and do-not-list groups.")
]


class Prefer(str, enum.Enum):
    ours = "ours"
    theirs = "theirs"
    newer = "newer"


PreferOption = Annotated[
    Optional[Prefer],
    typer.Option(
        "--prefer",
        metavar="SIDE",
        help="Settle conflicts: ours, theirs or newer (later last_checked; ours on a tie).",
        show_default=False,
    ),
]


KeepOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--keep",
        metavar="FIELD",
        help="Keep our value of this field (name, contact.phone, cost...); repeat for more.",
        show_default=False,
    ),
]


TakeOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--take", metavar="FIELD", help="Take their value of this field; repeat for more.", show_default=False
    ),
]


JoinOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--join",
        metavar="FIELD",
        help="Keep both texts of this field, ours then theirs (description, notes, note...).",
        show_default=False,
    ),
]


WriteOption = Annotated[bool, typer.Option("--write", help="Make the changes (without it: only show the plan).")]


PrivateOption = Annotated[
    bool, typer.Option("--show-private", help="Show private values in the plan (hidden by default).")
]


def choices_of(
    prefer: Optional[Prefer], keep: Optional[list[str]], take: Optional[list[str]], join: Optional[list[str]]
) -> "Choices":
    """How to settle conflicts, refusing a field named twice in different ways."""
    from assetdir.problems import AssetdirError

    named: dict[str, str] = {}
    for option, fields in (("--keep", keep), ("--take", take), ("--join", join)):
        for name in fields or []:
            if not name.strip():
                raise AssetdirError(f"{option}: name a field, like {option} contact.phone")
            if named.setdefault(name, option) != option:
                raise AssetdirError(f"{named[name]} {name} and {option} {name}: choose one for that field")
    from assetdir.merge.conflicts import Choices

    return Choices(prefer.value if prefer else None, list(keep or []), list(take or []), list(join or []))
