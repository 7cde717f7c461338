"""What a row of the index holds: a checked file written into the tables, and its summary read back."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sqlite3
from collections.abc import Iterable
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


def prepared(directory: Directory, rel: str) -> tuple[Any, ...]:
    """One group file read and checked, as the plain values its rows hold (sent back from a
    worker of the build): the summary's columns, the search columns, the facts, the searched
    text and its words."""
    from assetdir.store.files import check_file

    checked = check_file(directory, directory.groups_dir / rel)
    return row_values(checked, directory)


def row_values(checked: Checked, directory: Directory) -> tuple[Any, ...]:
    summary = checked.summary
    if checked.group is None:
        return summary_values(summary), (None,) * 5, [], None, ([], [])
    from assetdir.store.documents import describe_for_index

    doc = describe_for_index(checked.group, summary.id, directory)
    fields = (
        checked.group.status,
        checked.group.name,
        json.dumps(doc.card),
        json.dumps(doc.data),
        json.dumps(doc.sessions),
    )
    strong = _words(" ".join(doc.text[:3]))  # name, summary, concepts: what corrections prefer
    words = (sorted(strong), sorted(_words(" ".join(doc.text[3:])) - strong))
    return summary_values(summary), fields, list(doc.facts), tuple(doc.text), words


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{4,}", text.lower()))


def insert_all(conn: sqlite3.Connection, rows: Iterable[tuple[str, tuple[int, int, int], tuple[Any, ...]]]) -> None:
    """Prepared rows written in bulk, a batch at a time (they may still be coming from the workers):
    the files, their facts and searched text, then every word once."""
    base = conn.execute("SELECT coalesce(max(rowid), 0) FROM files").fetchone()[0] + 1
    made = []
    if base == 1:  # a first build: the facts' indexes made once after them, not entry by entry
        indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts'")
        made = [(name, sql) for name, sql in indexes if sql]
        for name, _ in made:
            conn.execute(f'DROP INDEX "{name}"')
    strong: set[str] = set()
    rest: set[str] = set()
    rows = iter(rows)
    while batch := list(itertools.islice(rows, BATCH)):
        _insert_batch(conn, base, batch)
        for *_, (*_, (named, other)) in batch:
            strong.update(named)
            rest.update(other)
        base += len(batch)
    for _, sql in made:
        conn.execute(sql)
    conn.executemany("INSERT OR REPLACE INTO words VALUES (?, 1)", ((w,) for w in sorted(strong)))
    conn.executemany("INSERT OR IGNORE INTO words VALUES (?, 0)", ((w,) for w in sorted(rest - strong)))


BATCH = 500


def _insert_batch(conn: sqlite3.Connection, base: int, rows: list[tuple[str, tuple[int, int, int], Any]]) -> None:
    conn.executemany(
        f"INSERT INTO files (rowid, size, mtime, ctime, {SUMMARY_COLUMNS}, status, name, card, data, sessions) "
        f"VALUES ({', '.join('?' * 19)})",
        ((base + n, *stat, *values, *fields) for n, (_, stat, (values, fields, *_)) in enumerate(rows)),
    )
    conn.executemany(
        "INSERT INTO facts VALUES (?, ?, ?)",
        ((base + n, k, v) for n, (*_, (_, _, facts, _, _)) in enumerate(rows) for k, v in facts),
    )
    conn.executemany(
        f"INSERT INTO fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES ({', '.join('?' * (len(FTS_COLUMNS) + 1))})",
        ((base + n, *text) for n, (*_, (*_, text, _)) in enumerate(rows) if text is not None),
    )


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
