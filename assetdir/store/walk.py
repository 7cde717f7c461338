"""One walk over the groups folder: each real folder once, links followed only inside the directory,
and a problem for each thing named like a group file that is not one (a pipe, a broken link, a
name that is not UTF-8, a link out of the directory, a folder that cannot be read)."""

from __future__ import annotations

import os
from stat import S_ISDIR, S_ISREG
from typing import TYPE_CHECKING

from assetdir.problems import Problem
from assetdir.store.paths import SUFFIXES, display_path, is_group_file
from assetdir.store.settings import SETTINGS_FILE

if TYPE_CHECKING:
    from assetdir.store.directory import Directory


class Walk:
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
                elif (name.endswith(SUFFIXES) or is_group_file(name)) and (name != SETTINGS_FILE or real != self.root):
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
                hidden = any(part.startswith(".") for part in target[len(inside) :].split(os.sep))
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
    from assetdir.yamltext import file_kind  # the YAML reader loads its parser: only for such a file

    return f"{file_kind(mode)}, not a file: a group file is a plain text file; remove it or rename it"
