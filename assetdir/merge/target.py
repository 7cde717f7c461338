"""What `merge` knows of the directories while it plans: their groups, read as cheaply as will do.

Our groups are matched on plain data (from the index when there is one); only
those matched are read and checked as models, as the checks are most of the cost
of reading ten thousand files. Their groups are read and checked once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assetdir import yamltext
from assetdir.edit import roundtrip
from assetdir.format.models import Group
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory
from assetdir.store.files import Checked, check_file


@dataclass
class Pending:
    """A file of ours as the plan leaves it so far."""

    path: Path
    old: str | None  # None: a new file
    text: str
    group: Group


@dataclass
class Source:
    """The groups merged in: the files of another directory, or the records of an import
    (their texts made here, never on disk)."""

    name: str  # how the plan names the source
    files: list[Checked]
    plain: dict[str, dict]  # the data of each valid file
    display: Callable[[Path], str] = str  # how the plan names one of its files
    texts: dict[Path, str] = field(default_factory=dict)  # the text of each file not on disk
    warnings: list[str] = field(default_factory=list)
    checked_here: bool = False  # its groups were checked against this directory already (an import)
    # what became of each of its groups (their id): new, merged, unchanged or skipped, the file, and why
    outcomes: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @property
    def groups(self) -> dict[str, Group]:
        return {c.id: c.group for c in self.files if c.group is not None}

    def text(self, path: Path) -> str:
        """A file's text, without its byte order mark."""
        return self.texts[path] if path in self.texts else yamltext.read_text(path)

    def raw_text(self, path: Path) -> str:
        """A file's text as it is on disk, byte order mark kept."""
        return self.texts[path] if path in self.texts else roundtrip.read(path)


def read_source(directory: Directory) -> Source:
    """Every group file read and checked on its own (the checks across files are not needed);
    only a file with problems is read again to place them."""
    from assetdir.format.document import group_or_none
    from assetdir.format.values import ID_RE
    from assetdir.store.crossfile import Summary
    from assetdir.store.paths import display_path

    name = display_path(directory.root)
    warnings = [
        f"{p} (the settings of {name} cannot be used; its groups are checked against this directory's)"
        for p in directory.settings_problems
    ]
    loaded = Source(name, [], {}, directory.display, warnings=warnings)
    for path in directory.files():
        try:
            data = yamltext.parse(yamltext.read_text(path)) if ID_RE.match(path.stem) else None
            group = group_or_none(data, directory.context(path.stem))
        except (AssetdirError, OSError):
            group = None
        if group is None:
            loaded.files.append(check_file(directory, path))
            continue
        loaded.files.append(Checked(path, Summary(path.stem, directory.rel(path), ok=True), group))
        loaded.plain[path.stem] = data  # type: ignore[assignment]
    return loaded


@dataclass
class Target:
    """This directory while the plan is made: its groups, ids and files as changed so far."""

    directory: Directory
    found: dict[str, dict]  # what matching looks at
    paths: dict[str, Path]
    taken: set[str]
    pending: dict[str, Pending]
    models: dict[str, Group | None]
    plain: dict[str, dict]

    def raw(self, id_: str) -> dict:
        if id_ not in self.plain:
            data = yamltext.parse(roundtrip.read(self.paths[id_]))
            self.plain[id_] = data if isinstance(data, dict) else {}
        return self.plain[id_]

    def model(self, id_: str) -> Group | None:
        """Our group as a model, None when its file does not validate on its own."""
        from assetdir.format.document import group_or_none

        if id_ not in self.models:
            try:
                self.models[id_] = group_or_none(self.raw(id_), self.directory.context(id_))
            except (AssetdirError, OSError):
                self.models[id_] = None
        return self.models[id_]


def for_matching(directory: Directory) -> tuple[dict[str, dict], dict[str, Path], dict[str, dict], dict[Path, str]]:
    """Every group's data to match on, each file's path, the data read (when read here),
    and the files that cannot be read as YAML, with why."""
    from assetdir.store.index import Index
    from assetdir.store.place import existing

    paths: dict[str, Path] = {}
    broken: dict[Path, str] = {}
    for path in directory.files():
        if path.stem in paths:  # one id, two files: which one a merge means is unknown
            for twin in (paths[path.stem], path):
                broken[twin] = f"{directory.display(twin)}: id {path.stem} is used by more than one file; rename one"
        paths.setdefault(path.stem, path)
    if existing(directory.root):  # brought up to date, then read
        with Index.open(directory) as found:
            data = found.all_data()
        read = {}
        for id_ in paths.keys() - data.keys():  # not valid: still matched on, as without the index
            parsed = _parsed(directory, paths[id_], broken)
            if isinstance(parsed, dict):
                data[id_] = read[id_] = parsed
        return data, paths, read, broken
    plain = {}
    for id_, path in paths.items():
        data = _parsed(directory, path, broken)
        if isinstance(data, dict):
            plain[id_] = data
    return plain, paths, plain, broken


def _parsed(directory: Directory, path: Path, broken: dict[Path, str]) -> object:
    """A file's plain data, or None with why it cannot be read put in `broken`."""
    from assetdir.problems import FileProblem

    try:
        return yamltext.parse(yamltext.read_text(path))
    except FileProblem as err:
        broken[path] = str(err.at(directory.display(path)))
    except (AssetdirError, OSError) as err:
        broken[path] = f"{directory.display(path)}: {getattr(err, 'strerror', None) or err}"
    return None


def find_matches(target: Target, theirs: dict[str, Group], min_score: int) -> dict[str, object]:
    """Their id -> the pair of it and our group it is.

    A group under the same id and the same name is ours without scoring (scores stop at
    100, and a close name with a shared phone can tie with it); a group whose id one of
    ours lists in `merged_from` was folded into that one; every other group of theirs is
    scored against every one of ours (two of theirs may be one of ours)."""
    from assetdir.format.values import as_id
    from assetdir.query.duplicates import Pair, best_matches

    same = {
        tid: Pair(tid, tid, 100, [f"same id and name {tid}"])
        for tid, group in theirs.items()
        if tid in target.found and as_id(str(target.found[tid].get("name") or "")) == as_id(group.name)
    }
    folded = {old: our_id for our_id, data in sorted(target.found.items()) for old in listed(data.get("merged_from"))}
    gone = {
        tid: Pair(folded[tid], tid, 100, [f"{tid} was merged into {folded[tid]}"])
        for tid in theirs
        if tid not in same and tid not in target.found and tid in folded
    }
    rest = best_matches(
        target.found, {k: v for k, v in theirs.items() if k not in same and k not in gone}, min_score, one_to_one=False
    )
    return {**rest, **gone, **same}


def listed(value: object) -> list[str]:
    """A list of ids as the file may write it: a list, or one id, or ids between commas."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",")]
    return [str(v) for v in value] if isinstance(value, list) else []


def same_data(ours: dict, theirs: dict, rename: dict[str, str | None], our_id: str) -> bool:
    """Whether their data is ours exactly, once their partners are named as here."""
    partners = theirs.get("partners")
    if isinstance(partners, list) and any(p in rename for p in partners):
        renamed = [rename.get(p, p) for p in partners]
        theirs = {**theirs, "partners": [p for p in renamed if p and p != our_id]}
    return ours == theirs
