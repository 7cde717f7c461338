"""The index's database: where it lives, opening it with the current tables, telling a damaged
one (rebuilt once) from one another command holds (left alone), and the values kept beside the rows.

What this process did with indexes is recorded for the command line to tell (`rebuilt`, `busy`);
`reset` starts the record of a new command."""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdir.store.place import location, make_private

if TYPE_CHECKING:
    pass


# Bump when the tables, or what goes in them, change (a check, a summary field, a
# search word): an index made by other code must not answer for this code.
SCHEMA_VERSION = 15


TABLES = """
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
    name, summary, concepts, area, description, places, broad,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- every word as written, for typing slips (never pruned: search checks a word still matches);
-- strong: it is in a name, a summary or a vocabulary label, which corrections prefer
CREATE TABLE words (word TEXT PRIMARY KEY, strong INTEGER NOT NULL) WITHOUT ROWID;
"""
# The columns of the full-text table, in order (store.documents fills them, query.search weighs them):
# what a group does (name, summary, concepts: its categories, audience, offers, needs, languages; then
# its description and session notes), where it is (area; places: venues, addresses, transport, access
# features) and its broad section.
FTS_COLUMNS = ("name", "summary", "concepts", "area", "description", "places", "broad")


BUSY_WAIT = 2.0  # seconds to wait for another command's write before working without the index


NEEDED = {"meta", "files", "facts", "fts", "words"}


# What this process did with indexes, for the command line to tell (`reset` starts a new command):
rebuilt: set[Path] = set()  # found damaged, thrown away and built again (once each)


busy: set[Path] = set()  # held by another process: left alone


opened: set[Path] = set()  # connected to, for `repair`


class Damaged(sqlite3.DatabaseError):
    """A value in the index that cannot be read back."""


def reset() -> None:
    for record in (rebuilt, busy, opened):
        record.clear()


def connect(root: Path) -> sqlite3.Connection | None:
    """An open index with the current tables, or None when none can be had."""
    opened = open_db(root)
    return opened[0] if opened else None


def open_db(root: Path) -> tuple[sqlite3.Connection, Path] | None:
    path = location(root)
    if path is None or path in busy:
        return None
    opened.add(path)
    for _ in range(2):
        try:
            make_private(path, 0o600)
            conn = sqlite3.connect(path, timeout=BUSY_WAIT, isolation_level=None)
        except (OSError, sqlite3.DatabaseError):
            return None
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                create_tables(conn)
            elif not tables_of(conn) >= NEEDED:
                raise Damaged("a table is missing")
            return conn, path
        except sqlite3.DatabaseError as err:
            conn.close()
            if not damaged(path, err):
                return None
    return None


def damaged(path: Path, err: sqlite3.DatabaseError) -> bool:
    """Whether to build the index at `path` again after `err`: not when another process holds
    it (it is left alone), nor twice in one command. Throws the damaged one away."""
    if held(err) or not free(path):
        busy.add(path)
        return False
    if path in rebuilt:
        return False
    rebuilt.add(path)
    remove(path)
    return True


def free(path: Path) -> bool:
    """Whether no other connection is writing the index at `path` (so it may be thrown away)."""
    try:
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as conn:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        return True
    except sqlite3.DatabaseError as err:
        return not held(err)  # not a database at all: nobody can be writing it


def tables_of(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def held(err: sqlite3.DatabaseError) -> bool:
    """Whether `err` says another connection holds the index (after waiting BUSY_WAIT)."""
    return getattr(err, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass


def create_tables(conn: sqlite3.Connection) -> None:
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
        for statement in TABLES.split(";"):
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
    opened = open_db(root)
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
    damaged(path, failed)
    return None


def set_meta(root: Path, key: str, value: Any) -> None:
    opened = open_db(root)
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
    damaged(path, failed)


def decoded(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as err:
        raise Damaged(f"not JSON: {err}") from None


def snapshot_of(blob: Any) -> dict[str, tuple[Any, ...]]:
    """The snapshot kept in meta, checked: a garbled one means the index is damaged."""
    try:
        found = marshal.loads(blob)
    except (ValueError, EOFError, TypeError) as err:
        raise Damaged(f"snapshot: {err}") from None
    if not isinstance(found, dict) or not all(isinstance(v, tuple) for v in found.values()):
        raise Damaged("snapshot: not a table of files")
    return found


def in_memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    create_tables(conn)
    return conn
