"""Finding a directory and its settings, and the files in it.

Kept light (no pydantic): commands that answer from the index import only this.
The settings are read through the index's cache when it has them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any

from assetdir import __version__
from assetdir.format.vocabulary import Vocabulary
from assetdir.problems import AssetdirError, Problem
from assetdir.yamltext import file_kind

SETTINGS_FILE = "assetdir.yaml"
ENV_VAR = "ASSETDIR_DIR"


@dataclass
class Config:
    """The settings a directory runs with: from assetdir.yaml, or the defaults."""

    title: str = "Community groups"
    groups: str = "groups"
    region: str = "GB"
    review_after_months: int = 12
    areas: dict[str, str] | None = None  # None: there is no (valid) assetdir.yaml
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    problems: list[tuple[int, int, str, str]] = field(default_factory=list)  # in assetdir.yaml

    def to_json(self) -> dict[str, Any]:
        vocab = self.vocabulary
        return {
            "title": self.title, "groups": self.groups, "region": self.region,
            "review_after_months": self.review_after_months, "areas": self.areas,
            "vocabulary": {
                "categories": vocab.categories, "audience": vocab.audience,
                "accessibility": vocab.accessibility, "assets": vocab.assets, "sections": vocab.sections,
            },
            "synonyms": self.synonyms, "problems": self.problems,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Config:
        vocab = data["vocabulary"]
        return cls(
            title=data["title"], groups=data["groups"], region=data["region"],
            review_after_months=data["review_after_months"], areas=data["areas"],
            vocabulary=Vocabulary(
                categories={k: tuple(v) for k, v in vocab["categories"].items()},  # type: ignore[misc]
                audience=vocab["audience"], accessibility=vocab["accessibility"],
                assets=vocab["assets"], sections=vocab["sections"],
            ),
            synonyms=data["synonyms"], problems=[tuple(p) for p in data["problems"]],  # type: ignore[misc]
        )


def read_config(path: Path) -> Config:
    """Read and check assetdir.yaml (slow: pydantic); problems are kept, not raised."""
    from assetdir import yamltext
    from assetdir.format.document import load_document, validate_document
    from assetdir.format.models import Settings
    from assetdir.problems import FileProblem

    try:
        text = yamltext.read_text(path)
        data = load_document(text, first_key="title")
    except FileProblem as err:
        if err.code == "empty-file":
            err = FileProblem("missing-field", f"{SETTINGS_FILE} is empty; it needs at least areas:")
        return Config(problems=[(err.line, err.column, err.code, err.message)])
    settings, problems = validate_document(Settings, data, text, SETTINGS_FILE, {})
    if settings is None:
        return Config(problems=[(p.line, p.column, p.code, p.message) for p in problems])
    return Config(
        title=settings.title,
        groups=settings.groups,
        region=settings.region,
        review_after_months=settings.review_after_months,
        areas=dict(settings.areas),
        vocabulary=settings.merged_vocabulary(),
        synonyms={k: list(v) for k, v in settings.synonyms.items()},
    )


@dataclass
class Directory:
    """Where a directory lives and how it is set up."""

    root: Path
    config: Config = field(default_factory=Config)
    has_settings: bool = False
    config_key: str = "config:none:" + __version__  # changes when the settings or the program change
    _prefix: str | None = field(default=None, repr=False)
    # what the last scan found that cannot be read as a group file: a link leaving the
    # directory, a pipe, an unreadable folder, a name that is not UTF-8...
    walk_problems: list[Problem] = field(default_factory=list, repr=False)

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def groups_dir(self) -> Path:
        return self.root / self.config.groups

    @property
    def vocabulary(self) -> Vocabulary:
        return self.config.vocabulary

    @property
    def areas(self) -> dict[str, str] | None:
        return self.config.areas

    @property
    def settings_problems(self) -> list[Problem]:
        file = display_path(self.settings_path)
        return [Problem(file, line, column, "error", code, message) for line, column, code, message in self.config.problems]

    def context(self, id_: str | None = None) -> dict[str, Any]:
        """What the models check a group against."""
        broken = bool(self.config.problems)
        return {
            # with a broken assetdir.yaml its ids are unknown: check none rather than flag every one
            "vocab": None if broken else self.vocabulary,
            "areas": self.config.areas,
            "region": self.config.region,
            "id": id_,
        }

    def rel(self, path: Path) -> str:
        """A group file's path inside the groups folder ("north/x.yaml"), else absolute."""
        try:
            return path.relative_to(self.groups_dir).as_posix()
        except ValueError:
            return str(path.resolve())

    def display(self, path: Path | str) -> str:
        """A group file's path as the user would type it, without a system call per file."""
        rel = self.rel(path) if isinstance(path, Path) else path
        if os.path.isabs(rel):
            return display_path(Path(rel))
        if self._prefix is None:
            prefix = display_path(self.groups_dir)
            self._prefix = "" if prefix == "." else prefix + os.sep
        return self._prefix + (rel if os.sep == "/" else rel.replace("/", os.sep))

    def from_root(self, rel: str) -> str:
        """A group file's path from the directory's root ("groups/north/x.yaml"), the same wherever
        a command runs."""
        path = self.groups_dir / rel
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def files(self) -> list[Path]:
        """Every group file, in a stable order; hidden folders and files are skipped."""
        return [self.groups_dir / rel for rel in sorted(self.scan())]

    def scan(self) -> dict[str, tuple[int, int, int]]:
        """Every group file's path inside the groups folder ("north/x.yaml"), with its size,
        modification time and change time. Run by every command: one system call a file.
        What cannot be read as a group file is kept in `walk_problems`.

        The change time is there because copying tools (cp -p, rsync, tar) set the
        modification time back; nothing sets the change time back."""
        walk = _Walk(self)
        walk.run()
        self.walk_problems = walk.problems
        return walk.found


class _Walk:
    """One walk over the groups folder: each real folder once, links followed only inside
    the directory, and a problem for each thing named like a group file that is not one."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self.found: dict[str, tuple[int, int, int]] = {}
        self.problems: list[Problem] = []
        self.top = os.path.realpath(directory.groups_dir)
        self.root = os.path.realpath(directory.root)
        self.seen: set[str] = set()  # real folders walked
        self.links: list[tuple[str, str]] = []  # folder links inside the directory, walked last
        self.inside = (self.top, self.root)  # where a link may lead

    def run(self) -> None:
        self.folder(str(self.directory.groups_dir), "", self.top)
        while self.links:  # after the real folders, so a file has the name of where it is
            self.links.sort()
            prefix, real = self.links.pop(0)
            self.folder(str(self.directory.groups_dir / prefix), prefix, real)

    def folder(self, folder: str, prefix: str, real: str) -> None:
        if real in self.seen:
            return
        self.seen.add(real)
        found = self.found
        try:
            entries = os.scandir(folder)
        except OSError as err:
            why = f"cannot read the folder: {err.strerror}; the group files in it are not checked"
            self.problem(prefix[:-1], "unreadable", why)
            return
        with entries:
            for entry in entries:
                name = entry.name
                if name[0] == "." or (not name.isascii() and self.bad_name(entry, prefix)):
                    continue
                if entry.is_symlink():
                    self.link(entry, prefix + name)
                elif entry.is_dir():
                    self.folder(entry.path, prefix + name + "/", real + os.sep + name)
                elif (name.endswith(_SUFFIXES) or is_group_file(name)) and (name != SETTINGS_FILE or real != self.root):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue  # gone since the folder was read
                    if S_ISREG(stat.st_mode):
                        found[prefix + name] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
                    else:
                        self.problem(prefix + name, "not-a-file", _not_a_file(stat.st_mode))

    def link(self, entry: os.DirEntry[str], rel: str) -> None:
        """A link: followed when it stays inside the directory, else a problem of its own."""
        name = entry.name
        target = os.path.realpath(entry.path)
        try:
            stat = os.stat(target)
        except OSError:
            if is_group_file(name):
                try:
                    to = os.readlink(entry.path)
                except OSError:  # gone since the folder was read
                    return
                self.problem(rel, "broken-link", f"a link to {to}, which leads nowhere; remove the link or fix it")
            return
        is_dir = S_ISDIR(stat.st_mode)
        where = self.where(target)
        if where is not None:
            if is_dir or is_group_file(name):
                what = "folder" if is_dir else "file"
                why = f"a link to {target}, {where}: not read; copy the {what} into the groups folder instead"
                self.problem(rel, "outside-link", why)
        elif is_dir:
            self.links.append((rel + "/", target))
        elif is_group_file(name):
            if S_ISREG(stat.st_mode):
                self.found[rel] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            else:
                self.problem(rel, "not-a-file", _not_a_file(stat.st_mode))

    def where(self, target: str) -> str | None:
        """Why a link may not lead to `target` (a real path): outside the directory, or in a
        hidden folder (.git, .assetdir) the walk never enters; None when it may."""
        for inside in self.inside:
            if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
                hidden = any(part.startswith(".") for part in target[len(inside):].split(os.sep))
                return "in a hidden folder" if hidden else None
        return "outside the directory"

    def bad_name(self, entry: os.DirEntry[str], prefix: str) -> bool:
        """A name that is not UTF-8 (read as lone surrogates): a problem, and skipped."""
        name = entry.name
        try:
            name.encode("utf-8")
            return False
        except UnicodeEncodeError:
            pass
        raw = os.fsencode(name)
        shown = raw.decode("utf-8", "backslashreplace")
        folder = entry.is_dir()
        if folder or is_group_file(name):
            from assetdir.format.values import as_id

            stem, suffix = (name, "") if folder else os.path.splitext(name)
            better = (as_id(os.fsencode(stem).decode("latin-1")) or "renamed") + suffix
            what = "folder" if folder else "file"
            why = f"the {what} name is not UTF-8 text, so it is not read: rename it to {better}"
            self.problem(prefix + shown, "not-utf8-name", f"{why} (from a shell in its folder: mv $'{shown}' {better})")
        return True

    def problem(self, rel: str, code: str, message: str) -> None:
        file = self.directory.display(rel) if rel else display_path(self.directory.groups_dir)
        self.problems.append(Problem(file, 1, 1, "error", code, message))


def _not_a_file(mode: int) -> str:
    return f"{file_kind(mode)}, not a file: a group file is a plain text file; remove it or rename it"


_SUFFIXES = (".yaml", ".yml")


def is_group_file(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml")) and not name.startswith(".")


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to where they are, when it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_directory(explicit: Path | str | None = None, start: Path | None = None, cache: bool = True) -> Directory:
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
    return open_directory(root, cache)


def open_directory(root: Path, cache: bool = True) -> Directory:
    directory = Directory(root=root, has_settings=(root / SETTINGS_FILE).is_file())
    if directory.has_settings:
        directory.config, directory.config_key = _config(directory.settings_path, cache)
    if not directory.groups_dir.is_dir():
        where = display_path(directory.groups_dir)
        if directory.has_settings:
            raise AssetdirError(f"{where}: the groups folder named in {SETTINGS_FILE} does not exist; create it or fix 'groups:'")
        raise AssetdirError(
            f"no directory here: no {SETTINGS_FILE} in {display_path(root)} or above it, and no "
            "groups folder; run 'assetdir init' to start one, or give --dir PATH"
        )
    return directory


def _config(path: Path, cache: bool) -> tuple[Config, str]:
    """The settings and a key that changes with them, from the index's cache when
    assetdir.yaml has not changed."""
    from assetdir.store.database import SCHEMA_VERSION  # what is cached changes with it

    try:
        stamp = f"{__version__}/{SCHEMA_VERSION}".encode()
        key = "config:" + hashlib.sha256(path.read_bytes() + stamp).hexdigest()
    except OSError as err:
        return Config(problems=[(1, 1, "unreadable", f"cannot read the file: {err.strerror}")]), "config:unreadable"
    if cache:
        from assetdir.store import database

        found = database.get_meta(path.parent, key, Config.from_json)  # a garbled one: the index is built again
        if found is not None:
            return found, key
    config = read_config(path)
    if cache:
        database.set_meta(path.parent, key, config.to_json())
    return config, key
