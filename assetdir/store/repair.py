"""After a command failed: whether an index it read is damaged, by reading all of it back (slow,
so only then), and if so throwing it away to be built again."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from assetdir.store.database import (
    BUSY_WAIT,
    NEEDED,
    SCHEMA_VERSION,
    busy,
    free,
    held,
    opened,
    rebuilt,
    remove,
    snapshot_of,
    tables_of,
)

if TYPE_CHECKING:
    pass


def repair() -> bool:
    """After a command failed: whether an index it read is damaged, and is now thrown away to
    be built again (or, held by another command, no longer used). Checks all of it (slow), so
    it is run only when something went wrong."""
    found = False
    for path in sorted(opened - rebuilt - busy):
        if not _whole(path):
            found = True
            if free(path):
                rebuilt.add(path)
                remove(path)
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
            if conn.execute("PRAGMA integrity_check(1)").fetchone()[0] != "ok" or not tables_of(conn) >= NEEDED:
                return False
            for row in conn.execute("SELECT card, data, sessions, positions, problems FROM files"):
                for value in row:
                    if value is not None:
                        json.loads(value)
            for key, value in conn.execute("SELECT key, value FROM meta"):
                if key == "snapshot":
                    snapshot_of(value)
                else:
                    json.loads(value)
            return _words_whole(conn)
    except sqlite3.DatabaseError as err:
        return held(err)
    except (ValueError, TypeError, EOFError):
        return False


def _words_whole(conn: sqlite3.Connection) -> bool:
    """Whether the full-text index agrees with itself (a command, so it takes the write lock:
    while another command writes, it cannot be told)."""
    try:
        conn.execute("INSERT INTO fts (fts) VALUES ('integrity-check')")
        return True
    except sqlite3.DatabaseError as err:
        return held(err)
