"""Where the index lives: `.assetdir/` beside assetdir.yaml, else the user's cache folder; made
readable only by its owner, and never through a link (it would be written outside the directory)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


FOLDER = ".assetdir"


NAME = "index.sqlite3"


def location(root: Path) -> Path | None:
    """Where the index of the directory at `root` lives: `.assetdir/` beside it, else the
    user's cache folder; None when neither can be used safely."""
    found = _usable(root / FOLDER, ignore=True)
    return found if found is not None else _usable(_cached(root), ignore=False)


def existing(root: Path) -> Path | None:
    """Where the index of the directory at `root` is, if it has one (nothing is made)."""
    for folder in (root / FOLDER, _cached(root)):
        if (folder / NAME).is_file() and (folder / NAME).stat().st_size:
            return folder / NAME
    return None


def _cached(root: Path) -> Path:
    """The folder for the index of the directory at `root` in the user's cache folder."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assetdir"
    return cache / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def _usable(folder: Path, ignore: bool) -> Path | None:
    """The index file in `folder`, made if missing, readable only by its owner; None when the
    folder is not writable or is a link, or a file of the index is a link (it would be written
    through, outside the directory)."""
    try:
        try:
            folder.mkdir(mode=0o700, parents=not ignore)
            os.chmod(folder, 0o700)  # whatever the umask took away
        except FileExistsError:
            pass
        if not S_ISDIR(os.lstat(folder).st_mode) or not os.access(folder, os.W_OK):
            return None
        if ignore:  # keeps the index out of git in any repository
            make_private(folder / ".gitignore", 0o644, "# made by assetdir: the index is a cache, never committed\n*\n")
        path = folder / NAME
        make_private(path, 0o600)
        return path if _plain(path) else None
    except OSError:
        return None


def make_private(path: Path, mode: int, text: str = "") -> None:
    """A new file with this mode and text, unless something (even a link) is there already."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
    except FileExistsError:
        return
    try:
        os.chmod(path, mode)  # whatever the umask took away
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _plain(path: Path) -> bool:
    """Whether the index and its journals are plain files of their own (no link, no second
    name elsewhere); one left readable by others (by an older version) is made private."""
    for name in (str(path), f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        try:
            found = os.lstat(name)
        except FileNotFoundError:
            continue
        if not S_ISREG(found.st_mode) or found.st_nlink != 1:
            return False
        if found.st_mode & 0o077:
            os.chmod(name, 0o600)
    return True
