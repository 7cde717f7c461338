"""The index: a cache of checked group files in SQLite, rebuilt incrementally.

It is never the source of truth. It lives in `.assetdir/` beside assetdir.yaml (or
in the user's cache folder when that is not writable); deleting it changes no
result. A file is read again only when its path, size or modification time
changed, and everything when the settings or this program's version changed. A
corrupt or old index is rebuilt without a word, and when it cannot be used at all
the commands work without it. Two commands at once are safe: SQLite serialises
the writes, and both would write the same rows.
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
from typing import TYPE_CHECKING, Any

from assetdir.crossfile import Summary
from assetdir.problems import Problem

if TYPE_CHECKING:
    from assetdir.directory import Directory
    from assetdir.loader import Checked

FOLDER = ".assetdir"
NAME = "index.sqlite3"
# Bump when the tables, or what goes in them, change (a check, a summary field, a
# search word): an index made by other code must not answer for this code.
SCHEMA_VERSION = 12

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


def location(root: Path) -> Path:
    """Where the index of the directory at `root` lives."""
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        if os.access(folder, os.W_OK):
            ignore = folder / ".gitignore"
            if not ignore.exists():  # keeps the index out of git in any repository
                ignore.write_text("# made by assetdir: the index is a cache, never committed\n*\n", encoding="utf-8")
            return folder / NAME
    except OSError:
        pass
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "assetdir"
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return cache / digest / NAME


def connect(root: Path) -> sqlite3.Connection | None:
    """An open index with the current tables, or None when none can be had."""
    path = location(root)
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    _create(conn)
                return conn
            except sqlite3.DatabaseError:
                conn.close()
                raise
        except sqlite3.DatabaseError:
            if attempt == 0:  # corrupt or not a database: start again
                _remove(path)
        except OSError:
            return None
    return None


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


def get_meta(root: Path, key: str) -> Any:
    conn = connect(root)
    if conn is None:
        return None
    with closing(conn):
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
    return json.loads(row[0]) if row else None


def set_meta(root: Path, key: str, value: Any) -> None:
    conn = connect(root)
    if conn is None:
        return
    with closing(conn):
        try:
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))
        except sqlite3.DatabaseError:
            pass


class Index:
    """The index of one directory, brought up to date with its files on opening."""

    def __init__(self, directory: Directory, conn: sqlite3.Connection | None) -> None:
        self.directory = directory
        self.conn = conn or _memory()
        self.cached = conn is not None

    @classmethod
    def open(cls, directory: Directory, use_cache: bool = True) -> Index:
        index = cls(directory, connect(directory.root) if use_cache else None)
        try:
            index.refresh()
        except sqlite3.DatabaseError:
            # damaged in a way opening did not show: build it again, silently
            index.conn.close()
            _remove(location(directory.root))
            index = cls(directory, connect(directory.root))
            try:
                index.refresh()
            except sqlite3.DatabaseError:  # still no good: answer from memory this time
                index.conn.close()
                index = cls(directory, None)
                index.refresh()
        return index

    def close(self) -> None:
        self.conn.close()

    def refresh(self) -> None:
        """Read again the files that changed since the index last saw them."""
        conn = self.conn
        on_disk = self.directory.scan()
        row = conn.execute("SELECT value FROM meta WHERE key = 'rows_config'").fetchone()
        if row is None or json.loads(row[0]) != self.directory.config_key:
            self._write(lambda: _clear(conn, self.directory.config_key))
        # the fast path: the paths, sizes and times of the rows, kept whole, equal the disk's
        known = self._snapshot()
        if known == on_disk:
            return
        changed = [rel for rel, stat in on_disk.items() if known.get(rel) != stat]
        removed = [rel for rel in known if rel not in on_disk]
        rows = []
        if changed:
            from assetdir.loader import check_file

            rows = [(rel, on_disk[rel], check_file(self.directory, self.directory.groups_dir / rel)) for rel in changed]

        def write() -> None:
            # read again under the write lock: another command may have written meanwhile
            current = self._snapshot()
            for rel in removed:
                _delete(conn, rel)
                current.pop(rel, None)
            for rel, stat, checked in rows:
                _delete(conn, rel)
                _insert(conn, rel, stat, checked, self.directory)
                current[rel] = stat
            # written with the rows, so it always tells what they hold
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('snapshot', ?)", (marshal.dumps(current),))

        self._write(write)

    def _snapshot(self) -> dict[str, tuple[int, int, int]]:
        """The path, size and times of every row, from the copy kept whole beside them."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()
        if row is not None:
            return marshal.loads(row[0])
        rows = self.conn.execute("SELECT rel, size, mtime, ctime FROM files")
        return {rel: (size, mtime, ctime) for rel, size, mtime, ctime in rows}

    def _write(self, change: Any) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            change()
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def summaries(self) -> list[Summary]:
        return [_summary(row) for row in self.conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM files ORDER BY rel")]


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
        from assetdir.searchdoc import describe_for_index

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
