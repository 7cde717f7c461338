"""What a row of the index holds: a checked file written into the tables, and its summary read back."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdir.problems import Problem
from assetdir.store.crossfile import Summary
from assetdir.store.database import FTS_COLUMNS

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
    from assetdir.store.files import Checked


_READ_LIMIT = 1_000_001  # a group file is never larger (yamltext.MAX_BYTES): what is compared of a racy file


def content_digest(path: Path) -> bytes:
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


def clear(conn: sqlite3.Connection, config_key: str) -> None:
    for table in ("files", "facts", "fts", "words"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM meta WHERE key = 'snapshot'")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('rows_config', ?)", (json.dumps(config_key),))


def delete(conn: sqlite3.Connection, rel: str) -> None:
    row = conn.execute("SELECT rowid FROM files WHERE rel = ?", (rel,)).fetchone()
    if row:
        for table in ("files", "facts", "fts"):
            conn.execute(f"DELETE FROM {table} WHERE rowid = ?", row)


def insert(
    conn: sqlite3.Connection, rel: str, stat: tuple[int, int, int], checked: Checked, directory: Directory
) -> None:
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
        f"INSERT INTO files (size, mtime, ctime, {SUMMARY_COLUMNS}, status, name, card, data, sessions) "
        f"VALUES ({', '.join('?' * 18)})",
        (*stat, *summary_values(summary), *fields.values()),
    )
    if checked.group is not None:
        rowid = cursor.lastrowid
        conn.executemany("INSERT INTO facts VALUES (?, ?, ?)", [(rowid, k, v) for k, v in doc.facts])
        marks = ", ".join("?" * (len(FTS_COLUMNS) + 1))
        conn.execute(f"INSERT INTO fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES ({marks})", (rowid, *doc.text))
        strong = _words(" ".join(doc.text[:3]))
        rest = _words(" ".join(doc.text[3:])) - strong
        conn.executemany("INSERT OR REPLACE INTO words VALUES (?, 1)", [(w,) for w in strong])
        conn.executemany("INSERT OR IGNORE INTO words VALUES (?, 0)", [(w,) for w in rest])


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{4,}", text.lower()))


SUMMARY_COLUMNS = "id, rel, ok, s_status, area, last_checked, reachable, partners, positions, problems"


def summary_values(summary: Summary) -> tuple[Any, ...]:
    keep = {k: v for k, v in summary.positions.items() if k in ("area", "last_checked") or k.startswith("partners.")}
    problems = [[p.line, p.column, p.severity, p.code, p.message] for p in summary.problems]
    return (
        summary.id,
        summary.rel,
        summary.ok,
        summary.status,
        summary.area,
        summary.last_checked,
        summary.reachable,
        " ".join(summary.partners) or None,  # ids have no spaces
        json.dumps(keep, separators=(",", ":")) if keep else None,
        json.dumps(problems) if problems else None,
    )


def summary_of(row: tuple[Any, ...]) -> Summary:
    id_, rel, ok, status, area, last_checked, reachable, partners, positions, problems = row
    return Summary(
        id=id_,
        rel=rel,
        ok=bool(ok),
        status=status,
        area=area,
        last_checked=last_checked,
        reachable=bool(reachable),
        partners=partners.split() if partners else [],
        positions=positions,
        problems=[Problem("", *p) for p in json.loads(problems)] if problems else [],
    )
