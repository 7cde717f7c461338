"""Finding a directory, loading its groups, and the checks that span files."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from assetdir import yaml_io
from assetdir.checks import load_document, validate_document
from assetdir.models import Group, Settings
from assetdir.problems import AssetdirError, FileProblem, Problem
from assetdir.values import ID_RE, as_id
from assetdir.vocabulary import Vocabulary, did_you_mean

SETTINGS_FILE = "assetdir.yaml"
ENV_VAR = "ASSETDIR_DIR"


@dataclass
class Directory:
    """Where a directory lives and how it is set up."""

    root: Path
    groups_dir: Path
    settings: Settings | None = None
    settings_problems: list[Problem] = field(default_factory=list)
    _prefix: str | None = field(default=None, repr=False)

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def vocabulary(self) -> Vocabulary:
        return self.settings.merged_vocabulary() if self.settings else Vocabulary()

    @property
    def title(self) -> str:
        return self.settings.title if self.settings else "Community groups"

    @property
    def region(self) -> str:
        return self.settings.region if self.settings else "GB"

    @property
    def review_after_months(self) -> int:
        return self.settings.review_after_months if self.settings else 12

    def display(self, path: Path) -> str:
        """Like `display_path`, without a file system call for each group file."""
        try:
            inner = path.relative_to(self.groups_dir)
        except ValueError:
            return display_path(path)
        if self._prefix is None:
            self._prefix = display_path(self.groups_dir)
        return os.path.join(self._prefix, inner)

    def files(self) -> list[Path]:
        """Every group file, in a stable order; hidden folders and files are skipped."""
        found: list[Path] = []
        for folder, dirs, names in os.walk(self.groups_dir):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(
                Path(folder) / n
                for n in sorted(names)
                if n.endswith((".yaml", ".yml")) and not n.startswith(".")
            )
        return found

    def context(self, today: dt.date, id_: str | None = None) -> dict[str, Any]:
        broken = self.settings is None and bool(self.settings_problems)
        return {
            # with a broken assetdir.yaml its ids are unknown: check none rather than flag every one
            "vocab": None if broken else self.vocabulary,
            "areas": self.settings.areas if self.settings else None,
            "region": self.region,
            "today": today,
            "id": id_,
        }


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to where they are, when it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_directory(explicit: Path | str | None = None, start: Path | None = None) -> Directory:
    """The directory to work on: --dir or $ASSETDIR_DIR, else the nearest assetdir.yaml up
    from `start`, else ./groups with the built-in vocabulary."""
    chosen = explicit or os.environ.get(ENV_VAR) or None
    if chosen:
        root = Path(chosen).expanduser()
        if root.is_file() and root.name == SETTINGS_FILE:
            root = root.parent
        if not root.is_dir():
            raise AssetdirError(f"{chosen}: no such folder (given by --dir or {ENV_VAR})")
    else:
        here = (start or Path.cwd()).resolve()
        root = next((p for p in (here, *here.parents) if (p / SETTINGS_FILE).is_file()), here)
    return open_directory(root)


def open_directory(root: Path) -> Directory:
    directory = Directory(root=root, groups_dir=root / "groups")
    if directory.settings_path.is_file():
        directory.settings, directory.settings_problems = _load_settings(directory.settings_path)
        if directory.settings:
            directory.groups_dir = root / directory.settings.groups
    if not directory.groups_dir.is_dir():
        where = display_path(directory.groups_dir)
        if directory.settings_path.is_file():
            raise AssetdirError(f"{where}: the groups folder named in {SETTINGS_FILE} does not exist; create it or fix 'groups:'")
        raise AssetdirError(
            f"no directory here: no {SETTINGS_FILE} in {display_path(root)} or above it, and no "
            "groups folder; run 'assetdir init' to start one, or give --dir PATH"
        )
    return directory


def _load_settings(path: Path) -> tuple[Settings | None, list[Problem]]:
    file = display_path(path)
    try:
        text = yaml_io.read_text(path)
        data = load_document(text)
    except FileProblem as err:
        if err.code == "empty-file":
            err = FileProblem("missing-field", f"{SETTINGS_FILE} is empty; it needs at least areas:")
        return None, [err.at(file)]
    settings, problems = validate_document(Settings, data, text, file, {})
    return settings, problems


@dataclass
class Record:
    """One group file, read and checked."""

    id: str
    path: Path
    file: str
    group: Group | None
    text: str | None = None


@dataclass
class Report:
    """Everything loaded from a directory, and every problem found on the way."""

    directory: Directory
    records: list[Record]
    problems: list[Problem]

    @property
    def groups(self) -> dict[str, Group]:
        return {r.id: r.group for r in self.records if r.group is not None}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load(directory: Directory, today: dt.date | None = None, extra: Iterable[Path] = ()) -> Report:
    """Read and check every group file, then check what spans files."""
    today = today or dt.date.today()
    records: list[Record] = []
    problems: list[Problem] = list(directory.settings_problems)
    for path in [*directory.files(), *extra]:
        record, found = read_group(directory, path, today)
        records.append(record)
        problems.extend(found)
    problems.extend(_cross_file(directory, records, today))
    return Report(directory, records, sorted(set(problems), key=_order))


def _order(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.code, p.message)


def read_group(directory: Directory, path: Path, today: dt.date) -> tuple[Record, list[Problem]]:
    id_ = path.stem
    file = directory.display(path)
    record = Record(id_, path, file, None)
    problems: list[Problem] = []
    if not ID_RE.match(id_):
        better = as_id(id_) or "my-group"
        problems.append(Problem(file, 1, 1, "error", "bad-id", f'file name "{path.name}" is not a valid id: rename it to {better}{path.suffix}'))
    try:
        record.text = yaml_io.read_text(path)
        data = load_document(record.text)
    except FileProblem as err:
        return record, [*problems, err.at(file)]
    except OSError as err:
        return record, [*problems, Problem(file, 1, 1, "error", "unreadable", f"cannot read the file: {err.strerror}")]
    record.group, found = validate_document(Group, data, record.text, file, directory.context(today, id_))
    return record, problems + found


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def due_for_review(group: Group, months: int, today: dt.date) -> bool:
    """Due on the day it is `months` old (or never checked)."""
    return group.last_checked is None or add_months(group.last_checked, months) <= today


def _cross_file(directory: Directory, records: list[Record], today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_id[record.id].append(record)
    for id_, same in by_id.items():
        for record in same[1:]:
            problems.append(Problem(record.file, 1, 1, "error", "duplicate-id", f'id "{id_}" is also used by {same[0].file}; ids are unique across all folders: rename one file'))
    trees: dict[str, Any] = {}

    def at(record: Record, loc: tuple, severity: str, code: str, message: str) -> Problem:
        if record.file not in trees:
            trees[record.file] = yaml_io.compose(record.text or "")
        line, column = yaml_io.position(trees[record.file], loc)
        return Problem(record.file, line, column, severity, code, message)  # type: ignore[arg-type]

    months = directory.review_after_months
    first_use: dict[str, tuple[Record, int]] = {}
    for record in records:
        group = record.group
        if group is None:
            continue
        for i, partner in enumerate(group.partners):
            if partner not in by_id:
                problems.append(at(record, ("partners", i), "error", "unknown-partner", f'"{partner}" is not a group in this directory{did_you_mean(partner, by_id.keys() - {record.id})}'))
        if group.status not in ("active", "paused"):
            continue
        if due_for_review(group, months, today):
            if group.last_checked is None:
                problems.append(at(record, (), "warning", "due-for-review", "never checked: add last_checked (YYYY-MM-DD) once someone has confirmed the details"))
            else:
                problems.append(at(record, ("last_checked",), "warning", "due-for-review", f"last checked {group.last_checked}, over {months} months ago; confirm the details and update last_checked"))
        if not group.sessions and group.contact is None:
            problems.append(at(record, (), "warning", "no-sessions-or-contact", "no sessions and no contact: people cannot find out when it meets; add sessions or a contact"))
        if directory.settings is None and not directory.settings_problems:
            first_use.setdefault(group.area, (record, 0))
            first_use[group.area] = (first_use[group.area][0], first_use[group.area][1] + 1)
    for area, (record, count) in sorted(first_use.items()):
        problems.append(at(record, ("area",), "warning", "unknown-area", f'area "{area}" (used by {count} group{"s" if count != 1 else ""}) is not defined: there is no {SETTINGS_FILE}; run \'assetdir init\' to list the areas'))
    return problems


def check_paths(directory: Directory, paths: Iterable[Path], today: dt.date | None = None) -> tuple[Report, int]:
    """Check the whole directory, keeping the problems of `paths` (all when empty).

    Group files named outside the groups folder are checked too, against this
    directory's vocabulary. Returns the report and the number of group files checked.
    """
    targets = [p.resolve() for p in paths]
    inside = {f.resolve() for f in directory.files()}
    extra = [
        t for t in targets
        if t.is_file() and t not in inside and t.suffix in (".yaml", ".yml") and t.name != SETTINGS_FILE
    ]
    report = load(directory, today, extra)
    if not targets:
        return report, len(report.records)

    def wanted(path: Path) -> bool:
        path = path.resolve()
        return any(t == path or t in path.parents for t in targets)

    report.problems = [p for p in report.problems if wanted(Path(p.file))]
    return report, sum(wanted(r.path) for r in report.records)


def find_group(directory: Directory, id_: str, today: dt.date | None = None) -> Group:
    """One group by id, or an error saying why it cannot be shown."""
    files = directory.files()
    matches = [f for f in files if f.stem == id_]
    if not matches:
        hint = did_you_mean(id_, {f.stem for f in files})
        raise AssetdirError(f'no group "{id_}" in {display_path(directory.groups_dir)}{hint}')
    if len(matches) > 1:
        raise AssetdirError(f'id "{id_}" is used by {len(matches)} files ({", ".join(display_path(m) for m in matches)}); rename one')
    record, problems = read_group(directory, matches[0], today or dt.date.today())
    if record.group is None:
        errors = [p for p in problems if p.severity == "error"]
        raise AssetdirError(f"{errors[0]} (run `assetdir validate {record.file}` to see every problem)")
    return record.group


def create_group(directory: Directory, spec: Any, folder: str | None, today: dt.date) -> tuple[Path, bool]:
    """Write a new group file from the template; refuse to overwrite or to write what is invalid."""
    from assetdir.scaffold import SCHEMA_FILE, group_template, new_group_path, schema_reference

    id_ = as_id(spec.name)
    if not id_:
        raise AssetdirError(f'"{spec.name}" has no letters or digits to make an id from; give the group a name')
    existing = [f for f in directory.files() if f.stem == id_]
    if existing:
        raise AssetdirError(f'{display_path(existing[0])} already exists (id "{id_}"); choose another name, or edit that file')
    path = new_group_path(directory.groups_dir, spec, folder)
    if directory.groups_dir.resolve() not in path.resolve().parents:
        raise AssetdirError(f"--folder {folder}: must be a folder inside {display_path(directory.groups_dir)}")
    text = group_template(spec, schema_reference(path, directory.root), today)
    data = load_document(text)
    group, problems = validate_document(Group, data, text, display_path(path), directory.context(today, id_))
    if group is None:
        details = "; ".join(f"{p.code}: {p.message}" for p in problems)
        raise AssetdirError(f"not written, the new file would not validate: {details}")
    if path.exists():
        raise AssetdirError(f"{display_path(path)} already exists; not overwritten")
    yaml_io.create_exclusive(path, text)
    return path, not (directory.root / SCHEMA_FILE).exists()


def init_directory(root: Path, title: str, areas: list[str]) -> list[Path]:
    """Create a new directory's files; existing files are kept (assetdir.yaml is never replaced)."""
    import json

    from assetdir.scaffold import GITIGNORE, PRE_COMMIT, SCHEMA_FILE, settings_template
    from assetdir.schema import group_schema

    settings = root / SETTINGS_FILE
    if settings.exists():
        raise AssetdirError(f"{display_path(settings)} already exists: this is a directory already")
    ids = [as_id(a) for a in areas]
    if not all(ids) or len(set(ids)) != len(ids):
        raise AssetdirError("each --area needs a different name with letters or digits in it")
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    schema = json.dumps(group_schema(Vocabulary(), dict(zip(ids, areas))), indent=2) + "\n"
    for name, text in (
        (SETTINGS_FILE, settings_template(title, areas)),
        (".pre-commit-config.yaml", PRE_COMMIT),
        (SCHEMA_FILE, schema),
        ("groups/.gitkeep", ""),
    ):
        path = root / name
        if not path.exists():
            yaml_io.create_exclusive(path, text)
            written.append(path)
    gitignore = root / ".gitignore"
    current = gitignore.read_text(encoding="utf-8") if gitignore.exists() else ""
    if ".assetdir/" not in current.split():
        yaml_io.write_atomic(gitignore, current + ("\n" if current and not current.endswith("\n") else "") + GITIGNORE)
        written.append(gitignore)
    return written
