"""The index: a cache of checked group files in SQLite, rebuilt incrementally.

It is never the source of truth. It lives in `.assetdir/` beside assetdir.yaml (or
in the user's cache folder when that is not writable, or is a link); deleting it
changes no result. It is readable only by its owner: it holds private values. A
file is read again only when its path, size or times changed, or when it changed
within two seconds of the last refresh (its content is then compared, as git
does: on a file system with whole-second times a second edit may leave them as
they were); everything is read again when the settings or this program's version
changed. An old index is rebuilt without a word; a damaged one is rebuilt once,
and `rebuilt` says so for the command line to tell. An index another command holds
is waited for briefly, then left alone: the command works without it. Two commands
at once are safe: SQLite serialises the writes, and both would write the same rows.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import TYPE_CHECKING, Any, Callable

from assetdir.problems import Problem
from assetdir.store.crossfile import Summary

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
    from assetdir.store.files import Checked

FOLDER = ".assetdir"
NAME = "index.sqlite3"
# Bump when the tables, or what goes in them, change (a check, a summary field, a
# search word): an index made by other code must not answer for this code.
SCHEMA_VERSION = 13

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    rowid INTEGER PRIMARY KEY,
    rel TEXT NOT NULL UNIQUE,       -- path inside the groups folder
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,         -- nanoseconds
    ctime INTEGER NOT NULL,
    id TEXT NOT NULL,
    ok INTEGER NOT NULL,            -- what crossfile.Summary holds, for validate
    s_status TEXT NOT NULL,
    area TEXT NOT NULL,
    last_checked TEXT,
    reachable INTEGER NOT NULL,
    partners TEXT,
    positions TEXT,
    problems TEXT,
    status TEXT,                    -- NULL when the group is not valid: not searched
    name TEXT,
    card TEXT,                      -- JSON: what a search result shows
    data TEXT,                      -- JSON: the whole group, as the format writes it
    sessions TEXT                   -- JSON: the sessions, for --on
);
CREATE INDEX files_by_status ON files (status);
CREATE TABLE facts (rowid INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX facts_by_value ON facts (kind, value, rowid);
CREATE INDEX facts_by_row ON facts (rowid);
CREATE VIRTUAL TABLE fts USING fts5 (
    name, summary, tags, description, tokenize = 'porter unicode61 remove_diacritics 2'
);
-- every word as written, for typing slips (never pruned: search checks a word still matches)
CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID;
"""


BUSY_WAIT = 2.0  # seconds to wait for another command's write before working without the index
RACY = 2 * 10**9  # a file changed this close to a refresh may change again unseen (whole-second times)
_READ_LIMIT = 1_000_001  # a group file is never larger (yamltext.MAX_BYTES): what is compared of a racy file
_NEEDED = {"meta", "files", "facts", "fts", "words"}

# What this process did with indexes, for the command line to tell (`reset` starts a new command):
rebuilt: set[Path] = set()  # found damaged, thrown away and built again (once each)
busy: set[Path] = set()  # held by another process: left alone
_opened: set[Path] = set()  # connected to, for `repair`


class Damaged(sqlite3.DatabaseError):
    """A value in the index that cannot be read back."""


def reset() -> None:
    for record in (rebuilt, busy, _opened):
        record.clear()


def location(root: Path) -> Path | None:
    """Where the index of the directory at `root` lives: `.assetdir/` beside it, else the
    user's cache folder; None when neither can be used safely."""
    found = _usable(root / FOLDER, ignore=True)
    if found is None:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assetdir"
        found = _usable(cache / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16], ignore=False)
    return found


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
            _make(folder / ".gitignore", 0o644, "# made by assetdir: the index is a cache, never committed\n*\n")
        path = folder / NAME
        _make(path, 0o600)
        return path if _plain(path) else None
    except OSError:
        return None


def _make(path: Path, mode: int, text: str = "") -> None:
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


def connect(root: Path) -> sqlite3.Connection | None:
    """An open index with the current tables, or None when none can be had."""
    opened = _open(root)
    return opened[0] if opened else None


def _open(root: Path) -> tuple[sqlite3.Connection, Path] | None:
    path = location(root)
    if path is None or path in busy:
        return None
    _opened.add(path)
    for _ in range(2):
        try:
            _make(path, 0o600)
            conn = sqlite3.connect(path, timeout=BUSY_WAIT, isolation_level=None)
        except (OSError, sqlite3.DatabaseError):
            return None
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                _create(conn)
            elif not _NEEDED <= _tables(conn):
                raise Damaged("a table is missing")
            return conn, path
        except sqlite3.DatabaseError as err:
            conn.close()
            if not _damaged(path, err):
                return None
    return None


def _damaged(path: Path, err: sqlite3.DatabaseError) -> bool:
    """Whether to build the index at `path` again after `err`: not when another process holds
    it (it is left alone), nor twice in one command. Throws the damaged one away."""
    if _held(err) or not _free(path):
        busy.add(path)
        return False
    if path in rebuilt:
        return False
    rebuilt.add(path)
    _remove(path)
    return True


def _free(path: Path) -> bool:
    """Whether no other connection is writing the index at `path` (so it may be thrown away)."""
    try:
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as conn:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        return True
    except sqlite3.DatabaseError as err:
        return not _held(err)  # not a database at all: nobody can be writing it


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _held(err: sqlite3.DatabaseError) -> bool:
    """Whether `err` says another connection holds the index (after waiting BUSY_WAIT)."""
    return getattr(err, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def repair() -> bool:
    """After a command failed: whether an index it read is damaged, and is now thrown away to
    be built again (or, held by another command, no longer used). Checks all of it (slow), so
    it is run only when something went wrong."""
    found = False
    for path in sorted(_opened - rebuilt - busy):
        if not _whole(path):
            found = True
            if _free(path):
                rebuilt.add(path)
                _remove(path)
            else:  # another command is writing it: left to it, and this one goes on without it
                busy.add(path)
    return found


def _whole(path: Path) -> bool:
    """Whether every page, table and stored value of the index reads back (or it is held
    by another process, and cannot be told)."""
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_WAIT, isolation_level=None)) as conn:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return True  # made again on opening, as an old one is
            if conn.execute("PRAGMA integrity_check(1)").fetchone()[0] != "ok" or not _NEEDED <= _tables(conn):
                return False
            for row in conn.execute("SELECT card, data, sessions, positions, problems FROM files"):
                for value in row:
                    if value is not None:
                        json.loads(value)
            for key, value in conn.execute("SELECT key, value FROM meta"):
                if key == "snapshot":
                    _snapshot_of(value)
                else:
                    json.loads(value)
            return _words_whole(conn)
    except sqlite3.DatabaseError as err:
        return _held(err)
    except (ValueError, TypeError, EOFError):
        return False


def _words_whole(conn: sqlite3.Connection) -> bool:
    """Whether the full-text index agrees with itself (a command, so it takes the write lock:
    while another command writes, it cannot be told)."""
    try:
        conn.execute("INSERT INTO fts (fts) VALUES ('integrity-check')")
        return True
    except sqlite3.DatabaseError as err:
        return _held(err)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def _create(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            conn.execute("COMMIT")  # another command made it meanwhile
            return
        tables = conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
        conn.execute("DROP TABLE IF EXISTS terms")  # an fts5vocab table of an older version
        for name, _ in tables:
            if not name.startswith(("sqlite_", "fts_")) and name != "terms":
                conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in _TABLES.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # another connection is reading: the default journal is fine too


def get_meta(root: Path, key: str, decode: Callable[[Any], Any] = lambda value: value) -> Any:
    """A value kept beside the rows (the settings, read), decoded; None when there is none. One
    that cannot be read back means the index is damaged: it is thrown away to be built again."""
    opened = _open(root)
    if opened is None:
        return None
    conn, path = opened
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return decode(json.loads(row[0])) if row else None
    except sqlite3.DatabaseError as err:
        failed = err
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as err:
        failed = Damaged(f"meta {key}: {err}")
    finally:
        conn.close()
    _damaged(path, failed)
    return None


def set_meta(root: Path, key: str, value: Any) -> None:
    opened = _open(root)
    if opened is None:
        return
    conn, path = opened
    try:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))
        return
    except sqlite3.DatabaseError as err:
        failed = err
    finally:
        conn.close()
    _damaged(path, failed)


class Index:
    """The index of one directory, brought up to date with its files on opening."""

    def __init__(self, directory: Directory, conn: sqlite3.Connection | None, path: Path | None = None) -> None:
        self.directory = directory
        self.conn = conn or _memory()
        self.cached = conn is not None
        self.path = path  # of the file, when it is one

    @classmethod
    def open(cls, directory: Directory, use_cache: bool = True) -> Index:
        """The index brought up to date: the one on disk, built again once if it is damaged,
        or one in memory when none can be used (another command holds it, say)."""
        while use_cache and (opened := _open(directory.root)) is not None:
            index = cls(directory, *opened)
            try:
                index.refresh()
                return index
            except sqlite3.DatabaseError as err:
                index.conn.close()
                if not _damaged(opened[1], err):
                    break
        index = cls(directory, None)
        index.refresh()
        return index

    def close(self) -> None:
        self.conn.close()

    def refresh(self) -> None:
        """Read again the files that changed since the index last saw them."""
        on_disk = self.directory.scan()
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'rows_config'").fetchone()
        if row is None or _decoded(row[0]) != self.directory.config_key:
            self._write(lambda conn: _clear(conn, self.directory.config_key))
        # the fast path: the paths, sizes and times of the rows, kept whole, equal the disk's
        known = self._snapshot()
        if known == on_disk:
            return
        changed = [rel for rel, stat in on_disk.items() if known.get(rel) != stat]
        removed = [rel for rel in known if rel not in on_disk]
        entries, same = self._racy(changed, on_disk, known)
        rows = []
        if len(same) < len(changed):
            from assetdir.store.files import check_file

            groups = self.directory.groups_dir
            rows = [(rel, on_disk[rel], check_file(self.directory, groups / rel)) for rel in changed if rel not in same]
        kept = {rel: entries.get(rel, on_disk[rel]) for rel in same}
        self._write(lambda conn: self._store(conn, removed, rows, entries, kept))

    def _store(self, conn: sqlite3.Connection, removed: list[str], rows: list[Any], entries: dict[str, Any],
               kept: dict[str, Any]) -> None:
        # read again under the write lock: another command may have written meanwhile
        current = self._snapshot()
        for rel in removed:
            _delete(conn, rel)
            current.pop(rel, None)
        for rel, stat, checked in rows:
            _delete(conn, rel)
            _insert(conn, rel, stat, checked, self.directory)
            current[rel] = entries.get(rel, stat)  # a racy file's with its content's digest
        current.update(kept)
        # written with the rows, so it always tells what they hold
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('snapshot', ?)", (marshal.dumps(current),))

    def _racy(
        self, changed: list[str], on_disk: dict[str, Any], known: dict[str, Any]
    ) -> tuple[dict[str, Any], set[str]]:
        """Of the changed files: the snapshot entries of those changed within RACY of this
        refresh, with a digest of their content read before they are checked (their times
        may not move when they change again, so the next refresh compares the content); and
        those racy last time whose content is as it was then, which need no check."""
        now = self._now() if changed and self.cached else None
        groups = self.directory.groups_dir
        entries, same = {}, set()
        for rel in changed:
            stat, old = on_disk[rel], known.get(rel)
            again = old is not None and len(old) == 4 and old[:3] == stat
            racy = now is not None and stat[1] >= now - RACY  # or later: a clock ahead of the disk's
            if again or racy:
                digest = _digest(groups / rel)
                if racy:
                    entries[rel] = (*stat, digest)
                if again and digest == old[3]:
                    same.add(rel)
        return entries, same

    def _now(self) -> int | None:
        """The file system's time now, as the modification time of the index just written:
        the library never reads the clock."""
        self._write(lambda conn: conn.execute("INSERT OR REPLACE INTO meta VALUES ('refreshed', 'null')"))
        times = []
        for name in (f"{self.path}", f"{self.path}-wal") if self.cached else ():
            try:
                times.append(os.stat(name).st_mtime_ns)
            except OSError:
                pass
        return max(times, default=None)

    def _snapshot(self) -> dict[str, tuple[Any, ...]]:
        """The path, size and times of every row, from the copy kept whole beside them."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()
        if row is not None:
            return _snapshot_of(row[0])
        rows = self.conn.execute("SELECT rel, size, mtime, ctime FROM files")
        return {rel: (size, mtime, ctime) for rel, size, mtime, ctime in rows}

    def _write(self, change: Callable[[sqlite3.Connection], Any]) -> None:
        """Make a change in one transaction; while another command holds the index (after
        BUSY_WAIT), in a copy of it in memory."""
        try:
            self._transaction(change)
        except sqlite3.OperationalError as err:
            if not (_held(err) and self._to_memory()):
                raise
            self._transaction(change)

    def _transaction(self, change: Callable[[sqlite3.Connection], Any]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            change(self.conn)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _to_memory(self) -> bool:
        """Go on with a copy in memory of the index another command is writing (it is left
        alone); False when it cannot even be read."""
        if not self.cached:
            return False
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            self.conn.backup(memory)
        except sqlite3.DatabaseError:
            memory.close()
            return False
        busy.add(self.path)  # type: ignore[arg-type]
        self.conn.close()
        self.conn, self.cached = memory, False
        return True

    def summaries(self) -> list[Summary]:
        return [_summary(row) for row in self.conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM files ORDER BY rel")]


def _digest(path: Path) -> bytes:
    """What a racy file holds, in short; never opening what is not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        return hashlib.blake2b(os.read(fd, _READ_LIMIT), digest_size=16).digest()
    except OSError:
        return b""
    finally:
        os.close(fd)


def _decoded(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as err:
        raise Damaged(f"not JSON: {err}") from None


def _snapshot_of(blob: Any) -> dict[str, tuple[Any, ...]]:
    """The snapshot kept in meta, checked: a garbled one means the index is damaged."""
    try:
        found = marshal.loads(blob)
    except (ValueError, EOFError, TypeError) as err:
        raise Damaged(f"snapshot: {err}") from None
    if not isinstance(found, dict) or not all(isinstance(v, tuple) for v in found.values()):
        raise Damaged("snapshot: not a table of files")
    return found


def _memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _create(conn)
    return conn


def _clear(conn: sqlite3.Connection, config_key: str) -> None:
    for table in ("files", "facts", "fts", "words"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM meta WHERE key = 'snapshot'")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('rows_config', ?)", (json.dumps(config_key),))


def _delete(conn: sqlite3.Connection, rel: str) -> None:
    row = conn.execute("SELECT rowid FROM files WHERE rel = ?", (rel,)).fetchone()
    if row:
        for table in ("files", "facts", "fts"):
            conn.execute(f"DELETE FROM {table} WHERE rowid = ?", row)


def _insert(conn: sqlite3.Connection, rel: str, stat: tuple[int, int, int], checked: Checked, directory: Directory) -> None:
    summary = checked.summary
    fields: dict[str, Any] = {"status": None, "name": None, "card": None, "data": None, "sessions": None}
    if checked.group is not None:
        from assetdir.store.documents import describe_for_index

        doc = describe_for_index(checked.group, summary.id, directory)
        fields = {
            "status": checked.group.status,
            "name": checked.group.name,
            "card": json.dumps(doc.card),
            "data": json.dumps(doc.data),
            "sessions": json.dumps(doc.sessions),
        }
    cursor = conn.execute(
        f"INSERT INTO files (size, mtime, ctime, {_SUMMARY_COLUMNS}, status, name, card, data, sessions) "
        f"VALUES ({', '.join('?' * 18)})",
        (*stat, *_summary_values(summary), *fields.values()),
    )
    if checked.group is not None:
        rowid = cursor.lastrowid
        conn.executemany("INSERT INTO facts VALUES (?, ?, ?)", [(rowid, k, v) for k, v in doc.facts])
        conn.execute("INSERT INTO fts (rowid, name, summary, tags, description) VALUES (?, ?, ?, ?, ?)", (rowid, *doc.text))
        words = set(re.findall(r"[^\W\d_]{4,}", " ".join(doc.text).lower()))
        conn.executemany("INSERT OR IGNORE INTO words VALUES (?)", [(w,) for w in words])


_SUMMARY_COLUMNS = "id, rel, ok, s_status, area, last_checked, reachable, partners, positions, problems"


def _summary_values(summary: Summary) -> tuple[Any, ...]:
    keep = {k: v for k, v in summary.positions.items() if k in ("area", "last_checked") or k.startswith("partners.")}
    problems = [[p.line, p.column, p.severity, p.code, p.message] for p in summary.problems]
    return (
        summary.id, summary.rel, summary.ok, summary.status, summary.area, summary.last_checked, summary.reachable,
        " ".join(summary.partners) or None,  # ids have no spaces
        json.dumps(keep, separators=(",", ":")) if keep else None,
        json.dumps(problems) if problems else None,
    )


def _summary(row: tuple[Any, ...]) -> Summary:
    id_, rel, ok, status, area, last_checked, reachable, partners, positions, problems = row
    return Summary(
        id=id_, rel=rel, ok=bool(ok), status=status, area=area, last_checked=last_checked,
        reachable=bool(reachable),
        partners=partners.split() if partners else [],
        positions=positions,
        problems=[Problem("", *p) for p in json.loads(problems)] if problems else [],
    )


def rows_for(conn: Any, sql: str, rowids: list[int] | set[int]) -> list[tuple[Any, ...]]:
    """Run `sql` for many rowids, in batches under SQLite's limit on parameters."""
    ids = list(rowids)
    out: list[tuple[Any, ...]] = []
    for i in range(0, len(ids), 900):
        batch = ids[i : i + 900]
        out += conn.execute(sql.format(",".join("?" * len(batch))), batch).fetchall()
    return out


def public_data(index: Index, ids: list[str]) -> list[dict[str, Any]]:
    """The groups with these ids as the format writes them, without `private`."""
    marks = ",".join("?" * len(ids))
    rows = dict(index.conn.execute(f"SELECT id, data FROM files WHERE data IS NOT NULL AND id IN ({marks})", ids).fetchall())
    out = []
    for id_ in ids:
        data = json.loads(rows[id_])
        data.pop("private", None)
        out.append({"id": id_, **data})
    return out
