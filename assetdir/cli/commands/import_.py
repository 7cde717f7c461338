"""`assetdir import`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from assetdir.sources.importing import Imported
    from assetdir.store.directory import Directory
from assetdir.cli import clock
from assetdir.cli.application import app
from assetdir.cli.options import (
    DirOption,
    JoinOption,
    KeepOption,
    PreferOption,
    PrivateOption,
    TakeOption,
    WriteOption,
    choices_of,
    find_dir,
)
from assetdir.cli.output import stderr
from assetdir.cli.plans import report_plan
from assetdir.query.thresholds import LIKELY
from assetdir.words import plural


def _fit(directory: "Directory", area: Optional[str], category: Optional[str]):
    from assetdir.format.vocabulary import did_you_mean
    from assetdir.problems import AssetdirError
    from assetdir.sources.mapping import Fit

    areas = dict(directory.areas or {})
    if not areas:
        raise AssetdirError(f"{directory.settings_path}: no areas: an import matches records to this directory's areas")
    if area is not None and area not in areas:
        raise AssetdirError(f"--area {area}: not an area of this directory{did_you_mean(area, areas)}")
    if category is not None and category not in directory.vocabulary.categories:
        hint = did_you_mean(category, directory.vocabulary.categories)
        raise AssetdirError(f"--category {category}: not a category of this directory{hint}")
    synonyms = {k.lower(): v for k, v in directory.config.synonyms.items()}
    today = clock.today()
    return Fit(areas, directory.vocabulary, synonyms, directory.config.region, today, area, category)


def _show_records(imported: "Imported") -> None:
    """Each record's guesses and values kept aside, after the plan."""
    for record in imported.records:
        if record.outcome not in ("new", "merged") or not (record.guesses or record.kept):
            continue
        name = f"{record.where} ({record.file or record.id})"
        for guess in record.guesses:
            print(f"Guess: {name}: {guess}")
        if record.kept:
            print(f"Kept aside: {name}: under {record.key}: {', '.join(record.kept)}")


@app.command("import")
def import_(
    sources: Annotated[
        list[Path],
        typer.Argument(
            metavar="SOURCE...",
            help="A spreadsheet (.csv, .xlsx) or an Open Referral feed saved as JSON (ORUK v1, HSDS 3.0).",
            show_default=False,
        ),
    ],
    write: WriteOption = False,
    area: Annotated[
        Optional[str], typer.Option("--area", metavar="AREA", help="The area of records whose own matches none.")
    ] = None,
    category: Annotated[
        Optional[str],
        typer.Option("--category", metavar="ID", help="The category of records whose own matches none."),
    ] = None,
    map_file: Annotated[
        Optional[Path],
        typer.Option("--map", metavar="FILE.yaml", help="Column names and words for areas and vocabulary."),
    ] = None,
    report: Annotated[
        Optional[Path],
        typer.Option("--report", metavar="FILE.csv", help="A CSV with what became of each record, to work through."),
    ] = None,
    prefer: PreferOption = None,
    keep_field: KeepOption = None,
    take_field: TakeOption = None,
    join_field: JoinOption = None,
    min_score: Annotated[
        int,
        typer.Option(
            "--min-score", metavar="N", help="How alike (0-100) two groups must be to be taken as one.", min=0, max=100
        ),
    ] = LIKELY,
    show_private: PrivateOption = False,
    dir: DirOption = None,
) -> None:
    """Bring a spreadsheet or an Open Referral feed into this directory.

    Each record becomes a group (its words matched to this directory's areas and
    vocabulary, each guess listed), merged as `merge` does: a group already here
    is merged field by field, a new one added as a new file. Values with no place
    in the format are kept under an x- key. Without --write it only shows the plan.

    \b
    Examples:
      assetdir import council-groups.xlsx --category social-group
      assetdir import feed.json --report import-report.csv --write
    """
    from assetdir.sources.importing import import_sources
    from assetdir.sources.mapfile import MapFile, read_map
    from assetdir.sources.report import check_report, report_csv

    directory = find_dir(dir, no_cache=True)
    fit = _fit(directory, area, category)
    mapped = read_map(map_file, fit) if map_file else MapFile()
    fit.values = mapped.values
    if report is not None:
        check_report(directory, report, sources)
    imported = import_sources(
        directory, sources, fit, mapped, choices_of(prefer, keep_field, take_field, join_field), min_score
    )
    if report is not None:
        from assetdir.edit.writes import write_atomic

        write_atomic(report, report_csv(imported.records))
    report_plan(directory, imported.plan, write, show_private)
    _show_records(imported)
    if report is not None:
        stderr().print(f"Wrote the report {report} ({plural(len(imported.records), 'record')})", markup=False)
    if imported.plan.problems:
        stderr().print(
            f"Warning: {plural(len(imported.plan.problems), 'problem')} above: those records are left out",
            markup=False,
        )
