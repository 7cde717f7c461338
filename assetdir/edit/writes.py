"""Writing files safely: whole or not at all, only inside the directory, never over a change
saved meanwhile, never leaving a half-written copy (with its private details) behind."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assetdir.problems import AssetdirError

try:  # holding a temporary file while it is written tells a cleaner it is not litter
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


# A temporary file of ours, left by a write killed before its rename: `.NAME.XXXXXXXX.tmp`,
# NAME a group file's (or the file written, or roundtrip's check that a folder is writable)
_LITTER = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
STALE_SECONDS = 10  # a writer takes well under a second; older ones no live writer holds are litter
_cleaned: dict[str, float] = {}  # folder -> when it was last cleaned (a file's time)


class Changed(AssetdirError):
    """A file is no longer the text a change was made from: someone else saved it meanwhile."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{_shown(path)}: changed while this ran; nothing written, run it again")
        self.path = path


def confine(root: Path, path: Path) -> Path:
    """`path`, refusing one outside the directory `root` (by `..`, an absolute path or a link):
    the one rule of where every command may write."""
    top, real = root.resolve(), path.resolve()
    if real != top and top not in real.parents:
        raise AssetdirError(f"{_shown(path)}: outside the directory {_shown(top)}; nothing written")
    return path


def writable(path: Path) -> bool:
    """Whether an existing file may be replaced: not read-only (as marked for its owner), not locked."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def write_atomic(
    path: Path, text: str | bytes, *, root: Path | None = None, expected: str | bytes | None = None
) -> None:
    """Write a file (text as UTF-8) so that it is either as it was or fully new, never half-written.

    With `root`, only inside that directory and never over a read-only file. With `expected`
    (what the change was made from), only if the file still holds it: compared just before the
    rename, so that a change saved meanwhile is refused (`Changed`) rather than lost."""
    if root is not None:
        confine(root, path)
        if path.exists() and not writable(path):
            raise AssetdirError(f"{_shown(path)}: cannot be changed (not writable, or locked); nothing written")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    tmp, handle = _written_beside(path, text)
    try:
        os.chmod(tmp, mode)
        with unchanged(path, expected) if expected is not None else contextlib.nullcontext():
            os.replace(tmp, path)
    except OSError as err:  # name the file asked for, not the temporary one
        tmp.unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror, str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        handle.close()  # and with it the hold on the temporary file
    _sync_folder(path.parent)


def write_mbox(path: Path, messages: list[Any]) -> None:
    """An mbox file of `messages` (email.message.EmailMessage), by Python's mailbox, written whole
    or not at all: built in a temporary file beside `path`, then renamed over it."""
    import mailbox

    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    tmp, handle = _written_beside(path, b"")
    try:
        box = mailbox.mbox(tmp, create=False)
        for message in messages:
            box.add(message)
        box.flush()
        box.close()
        with tmp.open("rb") as done:
            os.fsync(done.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:  # name the file asked for, not the temporary one
        tmp.unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror, str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        handle.close()
    _sync_folder(path.parent)


def create_exclusive(path: Path, text: str, *, root: Path | None = None) -> None:
    """Write a new file atomically, refusing to replace one that exists (and, with `root`,
    to write outside that directory)."""
    if root is not None:
        confine(root, path)
    tmp, handle = _written_beside(path, text)
    try:
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # fails with FileExistsError rather than replacing
    except OSError as err:
        raise type(err)(err.errno, err.strerror, str(path)) from None
    finally:
        tmp.unlink(missing_ok=True)
        handle.close()
    _sync_folder(path.parent)


class PartWay(OSError):
    """A batch of new files stopped: `done` of them were made."""

    def __init__(self, err: OSError, done: int) -> None:
        super().__init__(err.errno, err.strerror, err.filename)
        self.done = done


def create_many(files: list[tuple[Path, str]], *, root: Path | None = None) -> None:
    """New files, each whole or not at all, as `create_exclusive` makes them, but synced to disk
    together (one sync for the batch, not one per file: ten thousand new files in seconds):
    every file is written beside, the disk synced, and only then each linked into place."""
    batch: list[tuple[Path, Path, Any]] = []
    done = 0
    try:
        for path, text in files:
            if root is not None:
                confine(root, path)
            batch.append((path, *_written_beside(path, text, sync=False)))
        _sync_all([handle for _, _, handle in batch])
        for path, tmp, _ in batch:
            os.link(tmp, path)
            done += 1
    except OSError as err:
        raise PartWay(OSError(err.errno, err.strerror, str(files[min(done, len(files) - 1)][0])), done) from None
    finally:
        for _, tmp, handle in batch:
            tmp.unlink(missing_ok=True)
            handle.close()
    sync_folders([path for path, _ in files])


def _sync_all(handles: list[Any]) -> None:
    if hasattr(os, "sync") and len(handles) > 1:
        os.sync()  # pragma: no branch - every file system at once, where there is such a call
    else:
        for handle in handles:
            os.fsync(handle.fileno())


def sync_folders(paths: list[Path]) -> None:
    """Make new files' names survive a power cut: each of their folders synced once."""
    for folder in dict.fromkeys(p.parent for p in paths):
        _sync_folder(folder)


@contextlib.contextmanager
def unchanged(path: Path, expected: str | bytes) -> Iterator[None]:
    """Hold `path` for the block that replaces or removes it, once it is found to hold `expected`;
    refuse (`Changed`) when it does not, or is gone.

    Our writers hold the file while they compare and rename, so two of them never both
    find it unchanged; one that waited finds the file renamed over (not the one it opened)."""
    want = expected.encode("utf-8") if isinstance(expected, str) else expected
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise Changed(path) from None
    with handle:
        _hold(handle.fileno(), wait=True)
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(path)) and handle.read() == want
        except FileNotFoundError:
            same = False
        if not same:
            raise Changed(path)
        yield


def _written_beside(path: Path, text: str | bytes, sync: bool = True) -> tuple[Path, Any]:
    """A temporary file in `path`'s folder (so a rename is atomic), written and synced (unless the
    caller syncs many at once), readable by its owner only, and held (locked) while the handle
    returned with it is open. The folder must exist: a mistyped folder is an error, not a new folder."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:  # name the file asked for, not the temporary one
        raise OSError(err.errno, err.strerror, str(path)) from None
    tmp, handle = Path(name), os.fdopen(fd, "wb")
    try:
        _hold(handle.fileno(), wait=True)
        handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())
        clean_litter(path.parent, os.fstat(handle.fileno()).st_mtime, path.name)
    except BaseException:
        handle.close()
        tmp.unlink(missing_ok=True)
        raise
    return tmp, handle


def clean_litter(folder: Path, now: float, name: str = "") -> list[Path]:
    """Remove the temporary files that writes killed before their rename left in `folder`
    (a whole copy of a group each, private block and all): ours only, by their exact name
    (of a group file, or of the file `name`), at least STALE_SECONDS older than `now`
    (a file's time, not the clock's) and held by no live writer."""
    removed: list[Path] = []
    key = os.fspath(folder)
    if now - _cleaned.get(key, now - STALE_SECONDS) < STALE_SECONDS:
        return removed  # done moments ago: a merge writing a thousand files looks once a folder
    _cleaned[key] = now
    try:
        entries = [e for e in os.scandir(folder) if _ours(e.name, name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS or _held(Path(entry.path)):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove after all
    return removed


def _ours(entry: str, name: str) -> bool:
    found = _LITTER.fullmatch(entry)
    if found is None:
        return False
    return found["name"] in (name, "assetdir-check") or found["name"].lower().endswith((".yaml", ".yml"))


def _hold(fd: int, wait: bool) -> bool:
    """Lock an open file for this writer; False when another holds it (always True without locks)."""
    if fcntl is None:  # pragma: no cover - Windows: the age of a file is all there is to go on
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _held(path: Path) -> bool:
    """Whether a live writer holds this temporary file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        return not _hold(fd, wait=False)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (where folders can be synced at all)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open a folder
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the rename itself is done
        pass
    finally:
        os.close(fd)


def _shown(path: Path) -> str:
    from assetdir.store.paths import display_path

    return display_path(path)
