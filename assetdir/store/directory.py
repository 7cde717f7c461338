"""Finding a directory and its settings, and the files in it.

Kept light (no pydantic): commands that answer from the index import only this.
The settings are read through the index's cache when it has them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assetdir import __version__
from assetdir.format.vocabulary import Vocabulary
from assetdir.problems import AssetdirError, Problem
from assetdir.store.paths import display_path
from assetdir.store.settings import SETTINGS_FILE, Config, settings_and_key
from assetdir.store.walk import Walk

ENV_VAR = "ASSETDIR_DIR"


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
        return [
            Problem(file, line, column, "error", code, message) for line, column, code, message in self.config.problems
        ]

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
        walk = Walk(self)
        walk.run()
        self.walk_problems = walk.problems
        return walk.found


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
        directory.config, directory.config_key = settings_and_key(directory.settings_path, cache)
    if not directory.groups_dir.is_dir():
        where = display_path(directory.groups_dir)
        if directory.has_settings:
            raise AssetdirError(
                f"{where}: the groups folder named in {SETTINGS_FILE} does not exist; create it or fix 'groups:'"
            )
        raise AssetdirError(
            f"no directory here: no {SETTINGS_FILE} in {display_path(root)} or above it, and no "
            "groups folder; run 'assetdir init' to start one, or give --dir PATH"
        )
    return directory
