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

import json
import marshal
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdir.store.crossfile import Summary
from assetdir.store.database import busy, damaged, decoded, held, in_memory, open_db, snapshot_of
from assetdir.store.rows import SUMMARY_COLUMNS, clear, content_digest, delete, insert_all, prepared, summary_of

if TYPE_CHECKING:
    from assetdir.store.directory import Directory


RACY = 2 * 10**9  # a file changed this close to a refresh may change again unseen (whole-second times)


class Index:
    """The index of one directory, brought up to date with its files on opening."""

    def __init__(self, directory: Directory, conn: sqlite3.Connection | None, path: Path | None = None) -> None:
        self.directory = directory
        self.conn = conn or in_memory()
        self.cached = conn is not None
        self.path = path  # of the file, when it is one

    @classmethod
    def open(cls, directory: Directory, use_cache: bool = True) -> Index:
        """The index brought up to date: the one on disk, built again once if it is damaged,
        or one in memory when none can be used (another command holds it, say)."""
        while use_cache and (opened := open_db(directory.root)) is not None:
            index = cls(directory, *opened)
            try:
                index.refresh()
                return index
            except sqlite3.DatabaseError as err:
                index.conn.close()
                if not damaged(opened[1], err):
                    break
        index = cls(directory, None)
        index.refresh()
        return index

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> None:
        """Read again the files that changed since the index last saw them."""
        on_disk = self.directory.scan()
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'rows_config'").fetchone()
        if row is None or decoded(row[0]) != self.directory.config_key:
            self._write(lambda conn: clear(conn, self.directory.config_key))
        # the fast path: the paths, sizes and times of the rows, kept whole, equal the disk's
        known = self._snapshot()
        if known == on_disk:
            return
        changed = [rel for rel, stat in on_disk.items() if known.get(rel) != stat]
        removed = [rel for rel in known if rel not in on_disk]
        entries, same = self._racy(changed, on_disk, known)
        todo = [rel for rel in changed if rel not in same]
        if todo:
            from assetdir.store import documents, files  # noqa: F401  (loaded once, before the workers fork)
        kept = {rel: entries.get(rel, on_disk[rel]) for rel in same}
        fresh = {rel: entries.get(rel, on_disk[rel]) for rel in todo}  # a racy file's with its content's digest
        # the rows are written as the workers send them, never all held at once (read again should
        # the write have to start over in memory)
        self._write(lambda conn: self._store(conn, removed, self._rows(todo, on_disk), fresh, kept))

    def _rows(self, todo: list[str], on_disk: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
        from assetdir.store.build import each_file

        for rel, row in zip(todo, each_file(self.directory, prepared, todo)):
            yield rel, on_disk[rel], row

    def _store(
        self,
        conn: sqlite3.Connection,
        removed: list[str],
        rows: Iterable[Any],
        fresh: dict[str, Any],
        kept: dict[str, Any],
    ) -> None:
        # read again under the write lock: another command may have written meanwhile
        current = self._snapshot()
        for rel in removed:
            delete(conn, rel)
            current.pop(rel, None)
        # another command may have stored this very file meanwhile: its rows (and rowids) stay, so a
        # search reading them in two statements never finds them gone
        same = {rel for rel, entry in fresh.items() if current.get(rel) == entry}
        if conn.execute("SELECT 1 FROM files LIMIT 1").fetchone():  # not on a first build
            for rel in fresh.keys() - same:
                delete(conn, rel)
        insert_all(conn, (row for row in rows if row[0] not in same))
        current.update(fresh)
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
                digest = content_digest(groups / rel)
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
            return snapshot_of(row[0])
        rows = self.conn.execute("SELECT rel, size, mtime, ctime FROM files")
        return {rel: (size, mtime, ctime) for rel, size, mtime, ctime in rows}

    def _write(self, change: Callable[[sqlite3.Connection], Any]) -> None:
        """Make a change in one transaction; while another command holds the index (after
        BUSY_WAIT), in a copy of it in memory."""
        try:
            self._transaction(change)
        except sqlite3.OperationalError as err:
            if not (held(err) and self._to_memory()):
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
        return [summary_of(row) for row in self.conn.execute(f"SELECT {SUMMARY_COLUMNS} FROM files ORDER BY rel")]

    # --- named reads: SQL lives here and in query/, nowhere else -----------------------------------

    def broken(self) -> list[str]:
        """The files left out of every answer for their problems (paths inside the groups folder)."""
        return [rel for (rel,) in self.conn.execute("SELECT rel FROM files WHERE status IS NULL ORDER BY rel")]

    def names(self) -> dict[str, str]:
        """Every valid group's name, by id."""
        return dict(self.conn.execute("SELECT id, name FROM files WHERE name IS NOT NULL"))

    def each_data(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every valid group as the format writes it (private included), with its file, one at a time."""
        for id_, rel, data in self.conn.execute("SELECT id, rel, data FROM files WHERE data IS NOT NULL"):
            yield id_, rel, decoded(data)

    def all_data(self) -> dict[str, dict[str, Any]]:
        """Every valid group as the format writes it (private included), by id."""
        return {id_: data for id_, _, data in self.each_data()}

    def public_data(self, ids: list[str]) -> list[dict[str, Any]]:
        """The groups with these ids as the format writes them, without `private`."""
        rows: dict[str, str] = {}
        for i in range(0, len(ids), 900):
            batch = ids[i : i + 900]
            marks = ",".join("?" * len(batch))
            rows.update(
                self.conn.execute(f"SELECT id, data FROM files WHERE data IS NOT NULL AND id IN ({marks})", batch)
            )
        out = []
        for id_ in ids:
            data = decoded(rows[id_])
            data.pop("private", None)
            out.append({"id": id_, **data})
        return out


def rows_for(conn: Any, sql: str, rowids: list[int] | set[int]) -> list[tuple[Any, ...]]:
    """Run `sql` for many rowids at once: its `IN ({})` reads them from one JSON list, so there is
    neither a limit on their number nor a query per batch."""
    ids = json.dumps(list(rowids))
    return conn.execute(sql.format("SELECT value FROM json_each(?)"), (ids,)).fetchall()
