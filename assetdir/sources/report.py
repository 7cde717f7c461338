"""`import --report`: one CSV row per source record, what became of it, every guess and every
value kept aside, for a coordinator to work through."""

from __future__ import annotations

from pathlib import Path

from assetdir.export.cells import to_csv
from assetdir.problems import AssetdirError
from assetdir.sources.importing import Record
from assetdir.store.directory import Directory
from assetdir.store.paths import is_group_file
from assetdir.visible import visible

COLUMNS = ["source", "record", "outcome", "id", "file", "guesses", "kept aside", "why"]


def check_report(directory: Directory, path: Path, sources: list[Path]) -> None:
    """Refuse a report that would replace a group file, a source, or the settings."""
    real = path.resolve()
    if any(real == s.resolve() for s in sources):
        raise AssetdirError(f"--report {path}: that is a file being imported; name another file for the report")
    if path.suffix.lower() != ".csv":
        raise AssetdirError(f"--report {path}: the report is a CSV file; give a name ending .csv")
    root = directory.root.resolve()
    inside = real == root or root in real.parents
    if inside and (is_group_file(real.name) or real == directory.settings_path.resolve()):
        raise AssetdirError(f"--report {path}: would replace a file of the directory; nothing written")
    if path.is_dir():
        raise AssetdirError(f"--report {path}: a folder; name a file for the report")


def report_csv(records: list[Record]) -> str:
    rows = [COLUMNS]
    for r in records:
        kept = "\n".join(f"{r.key}.{k}: {_short(v)}" for k, v in r.kept.items())
        rows.append([r.source, r.where, r.outcome, r.id, r.file, "\n".join(r.guesses), kept, r.why])
    return "\ufeff" + visible(to_csv(rows))


def _short(value: object) -> str:
    """A value kept aside in one cell: JSON for lists and blocks, cut short."""
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197] + "..."
