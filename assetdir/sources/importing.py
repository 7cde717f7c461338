"""`import`: spreadsheets and Open Referral feeds brought into a directory through merge.

Each source record becomes a group's plain data (`rows.py`, `services.py`), written as a
group file's text and checked as any file is; the valid ones are handed to merge as one
source per file, so matching, conflicts, --prefer and the plan are merge's own. Nothing is
written here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assetdir import yamltext
from assetdir.format.document import check_group, group_or_none
from assetdir.format.values import as_id
from assetdir.merge import conflicts
from assetdir.merge.directories import merge_sources
from assetdir.merge.plan import Plan
from assetdir.merge.target import Source
from assetdir.sources import detect
from assetdir.sources.emit import group_text
from assetdir.sources.mapfile import MapFile
from assetdir.sources.mapping import Draft, Fit
from assetdir.sources.rows import from_row
from assetdir.sources.services import from_service, source_key
from assetdir.sources.spreadsheet import csv_rows, xlsx_rows
from assetdir.store.crossfile import Summary
from assetdir.store.directory import Directory
from assetdir.store.files import Checked


@dataclass
class Record:
    """What became of one source record, for the plan and the report."""

    source: str
    where: str
    outcome: str = "skipped"  # new, merged, unchanged or skipped
    file: str = ""
    id: str = ""
    guesses: list[str] = field(default_factory=list)
    kept: dict[str, object] = field(default_factory=dict)  # the values kept aside, under key
    key: str = ""
    why: str = ""


@dataclass
class Imported:
    plan: Plan
    records: list[Record]


def drafts_of(path: Path, fit: Fit, mapped: MapFile) -> tuple[str, list[Draft]]:
    """The kind of source `path` is, and each of its records as a draft."""
    data = detect.read_bytes(path)
    kind = detect.kind_of(path, data)
    name = path.name
    if kind in ("csv", "xlsx"):
        rows = csv_rows(path, data, mapped.columns) if kind == "csv" else xlsx_rows(path, mapped.columns)
        return "spreadsheet", [from_row(row, name, fit, mapped.columns) for row in rows]
    feed, services = detect.services_in(path, detect.load_json(path, data))
    return feed, [from_service(s, feed, f"{name} record {n}", fit) for n, s in enumerate(services, 1)]


def import_sources(
    directory: Directory, paths: list[Path], fit: Fit, mapped: MapFile, choices: conflicts.Choices, min_score: int
) -> Imported:
    """The plan of bringing every record of every file of `paths` into `directory`."""
    sources, records, by_source = [], [], []
    for path in paths:
        kind, drafts = drafts_of(path, fit, mapped)
        source, made = _source(directory, path, kind, drafts)
        sources.append(source)
        records += made.values()
        by_source.append((source, made))
    plan = merge_sources(directory, sources, choices, min_score)
    for source, made in by_source:
        for id_, record in made.items():
            if id_ in source.outcomes:  # merge said what became of it (and, if it was left out, why)
                record.outcome, record.file, why = source.outcomes[id_]
                record.why = record.why or why
            else:
                plan.problems.append(f"{record.where}: {record.why} (so it is not imported)")
    return Imported(plan, records)


def _source(directory: Directory, path: Path, kind: str, drafts: list[Draft]) -> tuple[Source, dict[str, Record]]:
    key = source_key(kind)
    source = Source(path.name, [], {}, checked_here=True)
    shown: dict[Path, str] = {}
    made: dict[str, Record] = {}
    for n, draft in enumerate(drafts):
        record = Record(path.name, draft.where, guesses=draft.guesses, kept=draft.kept, key=key)
        if draft.problem:
            made[f" {n}"] = record  # not an id: never handed to merge
            record.why = draft.problem
            continue
        data = {**draft.data, **({key: draft.kept} if draft.kept else {})}
        record.id = id_ = _unique(as_id(data["name"]) or "group", made)
        text = group_text(data)
        plain = yamltext.parse(text)
        group = group_or_none(plain, directory.context(id_))
        made[id_] = record
        if group is None:  # checked again, to say why
            _, problems = check_group(text, draft.where, directory.context(id_))
            errors = [p for p in problems if p.severity == "error"] or problems
            record.why = "; ".join(f"{p.code}: {p.message}" for p in errors[:3])
            continue
        fake = Path(f"{id_}.yaml")
        source.files.append(Checked(fake, Summary(id_, fake.name, ok=True), group))
        source.plain[id_] = plain
        source.texts[fake] = text
        shown[fake] = draft.where
    source.display = lambda p: shown.get(p, str(p))
    return source, made


def _unique(id_: str, taken: dict[str, Record]) -> str:
    n, found = 1, id_
    while found in taken:
        n += 1
        found = f"{id_}-{n}"
    return found
