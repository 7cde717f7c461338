"""A set of changes to group files, checked whole and written safely: every new text checked as a
group and every file and folder as writable before anything is written; new files first,
removals last, each file atomically; a write that fails part-way says what was done."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assetdir.edit import writes
from assetdir.edit.roundtrip import read
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory
from assetdir.store.paths import display_path


def check_text(
    directory: Directory, path: Path, text: str, why: str = "the result would not be valid; nothing written"
) -> Any:
    """The group `text` makes at `path`, or an error naming the file, its first problem and `why`."""
    from assetdir.format.document import check_group

    group, problems = check_group(text, directory.display(path), directory.context(path.stem))
    if group is None:
        raise AssetdirError(f"{problems[0]} ({why})")
    return group


def inside(directory: Directory, path: Path) -> Path:
    """`path`, refusing one outside the directory (a link or `..` pointing elsewhere)."""
    return writes.confine(directory.root, path)


@dataclass
class Change:
    """One file to write (`new`), to create (`old` None) or to remove (`new` None)."""

    path: Path
    old: str | None
    new: str | None

    def diff(self, name: str) -> str:
        old = (self.old or "").splitlines(keepends=True)
        new = (self.new or "").splitlines(keepends=True)
        lines = difflib.unified_diff(
            old, new, "/dev/null" if self.old is None else f"a/{name}", "/dev/null" if self.new is None else f"b/{name}"
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def apply(directory: Directory, changes: list[Change]) -> None:
    """Write every change: new files first, then rewrites, then removals, each atomic.

    Every file and folder is checked first, so that a file that cannot be written
    stops the whole set before anything is written. Should a write still fail, the
    error says which files were written and which were not; a removal comes last so
    that no group is ever lost from the directory.
    """
    for change in changes:
        inside(directory, change.path)
        if change.old is not None and read(change.path) != change.old:
            raise AssetdirError(
                f"{directory.display(change.path)}: changed while this ran; nothing written, run it again"
            )
        if change.old is None and change.path.exists():
            raise AssetdirError(f"{directory.display(change.path)} already exists; nothing written")
    refuse_unwritable(directory, changes)
    order = [c for c in changes if c.old is None and c.new is not None]
    order += [c for c in changes if c.old is not None and c.new is not None]
    order += [c for c in changes if c.new is None]
    _create(directory, order)
    for done, change in enumerate(order):
        if change.old is None:
            continue  # made already
        try:
            _write(directory, change)
        except writes.Changed:
            name = directory.display(change.path)
            if not done:
                raise AssetdirError(f"{name}: changed while this ran; nothing written, run it again") from None
            raise AssetdirError(_part_way(directory, order, done, "changed while this ran")) from None
        except OSError as err:
            raise AssetdirError(_part_way(directory, order, done, str(err.strerror or err))) from None


_BATCH = 200  # new files written and synced together (each open until it is linked in)


def _create(directory: Directory, order: list[Change]) -> None:
    """The new files (first in `order`), in batches synced together."""
    new = [c for c in order if c.old is None]
    for start in range(0, len(new), _BATCH):
        chunk = new[start : start + _BATCH]
        for change in chunk:
            change.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            writes.create_many([(c.path, c.new or "") for c in chunk], root=directory.root)
        except writes.PartWay as err:
            raise AssetdirError(_part_way(directory, order, start + err.done, str(err.strerror or err))) from None


def _write(directory: Directory, change: Change) -> None:
    """One change, made only if its file is still what the change was made from."""
    if change.new is not None:
        writes.write_atomic(change.path, change.new, root=directory.root, expected=change.old)
    else:
        with writes.unchanged(change.path, change.old or ""):
            change.path.unlink()


def _part_way(directory: Directory, order: list[Change], done: int, why: str) -> str:
    """What a write that failed part-way did and did not do, and how to finish or undo it."""

    def listed(items: list[Change]) -> str:
        names = [directory.display(c.path) for c in items]
        return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "") if names else "none"

    failed = order[done]
    written, left = order[:done], order[done:]
    created = [c for c in written if c.old is None]
    rewritten = [directory.display(c.path) for c in written if c.old is not None]
    if len(rewritten) > 8:
        undo = "`git checkout` of the files done (`git status` lists them)"
    else:
        undo = f"`git checkout -- {' '.join(rewritten)}`" if rewritten else ""
    if created:
        undo += (" and " if undo else "") + f"deleting the new files ({listed(created)})"
    return (
        f"{directory.display(failed.path)}: {why}; stopped part-way. "
        f"Done: {listed(written)}. Not done: {listed(left)}. "
        f"Fix the cause and run the same command again to finish, or undo with {undo}"
    )


def refuse_unwritable(directory: Directory, changes: list[Change]) -> None:
    """Refuse, naming the file, when any change could not be written (before anything is)."""
    import errno
    import os
    import tempfile

    folders: dict[Path, str | None] = {}
    for change in changes:
        name = directory.display(change.path)
        if change.old is not None and not writes.writable(change.path):
            raise AssetdirError(f"{name}: cannot be changed (not writable, or locked); nothing written")
        folder = change.path.parent
        while not folder.exists():  # a new sub-folder: made inside the nearest one there is
            folder = folder.parent
        if folder not in folders:
            folders[folder] = None
            try:
                fd, tmp = tempfile.mkstemp(prefix=".assetdir-check.", suffix=".tmp", dir=folder)
                os.close(fd)
                os.unlink(tmp)
            except OSError as err:
                folders[folder] = err.strerror or errno.errorcode.get(err.errno or 0, str(err))
        if folders[folder]:
            raise AssetdirError(
                f"{name}: cannot write in its folder {display_path(folder)} ({folders[folder]}); nothing written"
            )
