"""Starting points: a new group file, and a new directory (`new` and `init`)."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from assetdir import yamltext
from assetdir.edit import writes
from assetdir.format.values import ID_RE, as_id
from assetdir.format.vocabulary import Vocabulary
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory
from assetdir.store.paths import display_path
from assetdir.store.settings import SETTINGS_FILE

SCHEMA_FILE = "assetdir.format.schema.json"
CACHE_FOLDER = ".assetdir/"
LEFT_BY_A_WRITE = ".*.tmp"  # the temporary files of edit.writes, .NAME.XXXXXXXX.tmp


def scalar(text: str) -> str:
    """`text` as a YAML value: plain where that reads back the same, else double-quoted."""
    try:
        if text.strip() == text and yamltext.parse(f"k: {text}\n") == {"k": text} and "#" not in text:
            return text
    except Exception:  # anything the parser refuses gets quoted
        pass
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


@dataclass
class NewGroup:
    name: str
    summary: str
    area: str
    categories: list[str]
    venue: str | None = None
    attending: list[str] | None = None
    phone: str | None = None
    email: str | None = None
    id: str | None = None  # the file name; made from the name when not given


# the optional fields a new file shows in comments: after the venue, after the contact, after last_checked
_VENUE_AND_SESSIONS = [
    "#     id: main-hall          # lets a session name this venue",
    "#     address: 1 High Street, Townname",
    "#     postcode: NF1 2AB",
    "#     accessibility: [step-free, accessible-toilet, hearing-loop]",
    "#     transport: Bus 11 stops outside",
    "#     lat: 52.41             # map position: both or neither",
    "#     lon: -1.97",
    "# sessions:",
    "#   - days: [tuesday]",
    '#     start: "10:00"',
    '#     end: "12:00"',
    "#     every: week         # week | fortnight | month",
    "#     weeks: [1, 3]       # with every: month; week of the month 1-5, -1 = last",
    "#     starting: 2026-01-06  # with every: fortnight: a date it runs on",
    "#     venue: main-hall    # a venue id, when it has more than one venue",
    "#     from: 2026-01-01    # first date it runs",
    "#     until: 2026-12-31   # last date it runs",
    "#     note: Not in August",
    "#   - by_arrangement: true",
    "#     note: Home visits by arrangement with the coordinator",
]
_AFTER_CONTACT = [
    "#   website: https://example.org",
    "# offers: [meeting-room]    # what the group can share",
    "# needs: [volunteers]       # what the group is looking for",
    "# partners: [other-group-id]",
    "# languages: [en]",
]
_AFTER_CHECKED = [
    "# checked_by: Phone call with the coordinator",
    "# private:                # never printed or exported unless asked for",
    "#   contact: {name: Full Name, phone: 07700 900000, email: name@example.org}",
    "#   notes: Anything coordinators need to know",
    "# x-your-own-key: keys starting with x- are yours, kept and never checked",
]


def group_template(new: NewGroup, schema_path: str, today: dt.date) -> str:
    """A group file: the given values, and every optional field shown in comments."""
    attending = new.attending or ["venue"]
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# {new.name}: one community group. Lines starting with # are comments:",
        "# remove the # (and keep the indentation) to use a field. `assetdir validate` checks it.",
        f"name: {scalar(new.name)}",
        f"summary: {scalar(new.summary)}   # one line, at most 160 characters",
        "# description: |",
        "#   A few sentences about the group. A blank line starts a new paragraph.",
        "# status: active          # active | paused | closed | do-not-list",
        "# organisation: Who runs it",
        f"categories: {flow_list(new.categories)}",
        "# audience: [older-people]",
        f"area: {scalar(new.area)}",
        f"attending: {flow_list(attending)}        # venue | phone | online | home-visit",
        "# access: drop-in         # drop-in | booking | referral | membership",
        "# age: {min: 60}",
        "# cost:",
        "#   type: free            # free | donation | fee",
        "#   amount: 3.50          # in pounds, when type is fee",
        "#   note: Includes tea and cake",
    ]
    venue = ["venues:", f"  - name: {scalar(new.venue)}"] if new.venue else ["# venues:", "#   - name: Where it meets"]
    lines += venue + _VENUE_AND_SESSIONS
    if new.phone or new.email:
        lines.append("contact:")
        lines += [f"  phone: {scalar(new.phone)}"] if new.phone else []
        lines += [f"  email: {scalar(new.email)}"] if new.email else []
    else:
        lines += ["# contact:", "#   name: the coordinator", "#   phone: 01632 960000", "#   email: hello@example.org"]
    lines += _AFTER_CONTACT
    lines.append(f"last_checked: {today.isoformat()}   # the day someone last confirmed these details")
    lines += _AFTER_CHECKED
    return "\n".join(lines) + "\n"


def new_group_path(groups_dir: Path, new: NewGroup, folder: str | None) -> Path:
    """groups/<folder>/<id>.yaml; by default the area's folder when there is one."""
    if folder is None and (groups_dir / new.area).is_dir():
        folder = new.area
    return groups_dir / (folder or "") / f"{new.id or as_id(new.name)}.yaml"


def schema_reference(file: Path, root: Path) -> str:
    return Path(os.path.relpath(root / SCHEMA_FILE, file.parent)).as_posix()


def settings_template(title: str, areas: list[str]) -> str:
    area_lines = [f"  {as_id(a)}: {scalar(a)}" for a in areas]
    return (
        "\n".join(
            [
                "# The directory's settings. `assetdir validate` checks this file too.",
                f"title: {scalar(title)}",
                "groups: groups            # the folder of group files",
                "region: GB                # for phone numbers and postcodes",
                "review_after_months: 12   # a group is due for checking this long after last_checked",
                "areas:                    # the neighbourhoods, id: label, in print order",
                *area_lines,
                "# vocabulary:              # add to (or relabel) the built-in ids",
                "#   categories:",
                "#     tea-dance: {label: Tea dances, section: Activities}",
                "#   offers-needs:",
                "#     piano: {label: Piano}",
            ]
        )
        + "\n"
    )


GITIGNORE = [  # (why, pattern)
    ("assetdir's index: made from the group files, safe to delete", CACHE_FOLDER),
    ("left by a write stopped before it finished: a copy of a group file, private details and all", LEFT_BY_A_WRITE),
]

PRE_COMMIT = """\
# Checks the directory before each commit: pip install pre-commit && pre-commit install
repos:
  - repo: local
    hooks:
      - id: assetdir-validate
        name: assetdir validate
        entry: assetdir validate
        language: system
        files: \\.(yaml|yml)$
        pass_filenames: false
"""


def create_group(directory: Directory, spec: NewGroup, folder: str | None, today: dt.date) -> tuple[Path, bool]:
    """Write a new group file from the template; refuse to overwrite or to write what is invalid.

    Returns the new file and whether the editor schema is missing."""
    from assetdir.format.document import check_group

    if "\n" in spec.name.strip() or not spec.name.strip():
        raise AssetdirError("the name must be one line of text")
    id_ = spec.id or as_id(spec.name)
    if not id_:
        raise AssetdirError(
            f'cannot make an id (a-z, 0-9 and -) from "{spec.name}"; give one with --id, like --id karaoke-club'
        )
    if not ID_RE.match(id_):
        raise AssetdirError(
            f'--id {id_}: an id is lowercase letters, digits and hyphens, like "{as_id(id_) or "karaoke-club"}"'
        )
    existing = [f for f in directory.files() if f.stem == id_]
    if existing:
        raise AssetdirError(
            f'{display_path(existing[0])} already exists (id "{id_}"); choose another name, or edit that file'
        )
    path = writes.confine(directory.root, new_group_path(directory.groups_dir, spec, folder))
    if directory.groups_dir.resolve() not in path.resolve().parents:
        raise AssetdirError(f"--folder {folder}: must be a folder inside {display_path(directory.groups_dir)}")
    text = group_template(spec, schema_reference(path, directory.root), today)
    group, problems = check_group(text, display_path(path), directory.context(id_))
    if group is None:
        details = "; ".join(f"{p.code}: {p.message}" for p in problems)
        raise AssetdirError(f"not written, the new file would not validate: {details}")
    path.parent.mkdir(parents=True, exist_ok=True)  # the area's folder, when it is new
    try:
        writes.create_exclusive(path, text, root=directory.root)
    except FileExistsError:
        raise AssetdirError(f"{display_path(path)} already exists; not overwritten") from None
    return path, not (directory.root / SCHEMA_FILE).exists()


def init_directory(root: Path, title: str, areas: list[str]) -> list[Path]:
    """Create a new directory's files; existing files are kept (assetdir.yaml is never replaced)."""
    from assetdir.format.schema import group_schema

    settings = root / SETTINGS_FILE
    if settings.exists():
        raise AssetdirError(f"{display_path(settings)} already exists: this is a directory already")
    ids = [as_id(a) for a in areas]
    if not all(ids) or len(set(ids)) != len(ids):
        raise AssetdirError("each --area needs a different name with letters or digits in it")
    root.mkdir(parents=True, exist_ok=True)
    schema = json.dumps(group_schema(Vocabulary(), dict(zip(ids, areas))), indent=2) + "\n"
    files: list[tuple[str, str]] = [
        (SETTINGS_FILE, settings_template(title, areas)),
        (".pre-commit-config.yaml", PRE_COMMIT),
        (SCHEMA_FILE, schema),
        ("groups/.gitkeep", ""),
    ]
    for name in [n for n, _ in files] + [".gitignore"]:  # every one checked before any is written
        writes.confine(root, root / name)
    written: list[Path] = []
    for name, text in files:
        path = root / name
        path.parent.mkdir(exist_ok=True)
        if not path.exists():
            writes.create_exclusive(path, text, root=root)
            written.append(path)
    if _write_gitignore(root):
        written.append(root / ".gitignore")
    return written


def _write_gitignore(root: Path) -> bool:
    """Add what git should not keep to the directory's .gitignore (only the lines it lacks)."""
    path = root / ".gitignore"
    current = path.read_bytes() if path.exists() else None
    missing = [(why, pattern) for why, pattern in GITIGNORE if pattern.encode() not in (current or b"").split()]
    if not missing:
        return False
    lines = "".join(f"# {why}\n{pattern}\n" for why, pattern in missing).encode()
    if current is None:
        writes.create_exclusive(path, lines.decode(), root=root)
    else:
        start = b"\n" if current and not current.endswith(b"\n") else b""
        writes.write_atomic(path, current + start + lines, root=root, expected=current)
    return True
