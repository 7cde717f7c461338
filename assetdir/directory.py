"""Finding a directory and its settings, and the files in it.

Kept light (no pydantic): commands that answer from the index import only this.
The settings are read through the index's cache when it has them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assetdir import __version__
from assetdir.problems import AssetdirError, Problem
from assetdir.vocabulary import Vocabulary

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
    from assetdir import yaml_io
    from assetdir.checks import load_document, validate_document
    from assetdir.models import Settings
    from assetdir.problems import FileProblem

    try:
        text = yaml_io.read_text(path)
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

    def files(self) -> list[Path]:
        """Every group file, in a stable order; hidden folders and files are skipped."""
        return [self.groups_dir / rel for rel in sorted(self.scan())]

    def scan(self) -> dict[str, tuple[int, int, int]]:
        """Every group file's path inside the groups folder ("north/x.yaml"), with its size,
        modification time and change time. Run by every command: one system call a file.

        The change time is there because copying tools (cp -p, rsync, tar) set the
        modification time back; nothing sets the change time back."""
        found: dict[str, tuple[int, int, int]] = {}

        def walk(folder: str, prefix: str) -> None:
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        name = entry.name
                        if name[0] == ".":
                            continue
                        if entry.is_dir():
                            walk(entry.path, prefix + name + "/")
                        elif (name.endswith(_SUFFIXES) or is_group_file(name)) and entry.is_file():  # not a pipe
                            try:
                                stat = entry.stat()
                            except OSError:
                                continue
                            found[prefix + name] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            except OSError:
                return

        walk(str(self.groups_dir), "")
        return found


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
    from assetdir.index import SCHEMA_VERSION  # what is cached changes with it

    try:
        stamp = f"{__version__}/{SCHEMA_VERSION}".encode()
        key = "config:" + hashlib.sha256(path.read_bytes() + stamp).hexdigest()
    except OSError as err:
        return Config(problems=[(1, 1, "unreadable", f"cannot read the file: {err.strerror}")]), "config:unreadable"
    if cache:
        from assetdir import index

        found = index.get_meta(path.parent, key)
        if found is not None:
            return Config.from_json(found), key
    config = read_config(path)
    if cache:
        index.set_meta(path.parent, key, config.to_json())
    return config, key
