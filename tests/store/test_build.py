"""assetdir.store.build: many files checked in a pool of processes, the index written in bulk, the
same rows as one process writes."""

from __future__ import annotations

import os

from assetdir.store import build
from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from assetdir.store.rows import prepared
from conftest import write_group


def _pid(directory, rel):
    return os.getpid()


PARENT = os.getpid()


def _dies_in_a_worker(directory, rel):
    if os.getpid() != PARENT and rel.endswith("eastgate-tai-chi.yaml"):
        os._exit(1)  # a worker killed (out of memory, say) in the middle of the work
    return rel


def _tables(index: Index) -> dict[str, list]:
    conn = index.conn
    return {
        "files": conn.execute("SELECT * FROM files ORDER BY rel").fetchall(),
        "facts": conn.execute(
            "SELECT rel, kind, value FROM facts JOIN files ON files.rowid = facts.rowid ORDER BY 1, 2, 3"
        ).fetchall(),
        "fts": conn.execute("SELECT rel, fts.* FROM fts JOIN files ON files.rowid = fts.rowid ORDER BY 1").fetchall(),
        "words": conn.execute("SELECT word FROM words ORDER BY 1").fetchall(),
    }


def _built(root, monkeypatch, parallel: int) -> dict[str, list]:
    monkeypatch.setattr(build, "workers", lambda: parallel)
    with Index.open(find_directory(root, cache=False), use_cache=False) as index:
        return _tables(index)


def test_work_is_shared_by_processes_in_order(sample, monkeypatch):
    monkeypatch.setattr(build, "PARALLEL_MIN", 2)
    directory = find_directory(sample)
    rels = sorted(directory.scan())
    pids = list(build.each_file(directory, _pid, rels, parallel=2))
    assert len(pids) == len(rels) and os.getpid() not in pids
    assert list(build.each_file(directory, prepared, rels, parallel=2)) == [prepared(directory, rel) for rel in rels]


def test_few_files_are_done_in_this_process(sample):
    directory = find_directory(sample)
    rels = sorted(directory.scan())
    assert len(rels) < build.PARALLEL_MIN
    assert set(build.each_file(directory, _pid, rels, parallel=2)) == {os.getpid()}


def test_the_pool_writes_the_rows_one_process_writes(sample, monkeypatch):
    write_group(sample, "broken", "name: [unclosed\n")
    write_group(sample, "no-summary", "name: A group\narea: northfield\n", folder="northfield")
    monkeypatch.setattr(build, "PARALLEL_MIN", 2)
    pooled = _built(sample, monkeypatch, 2)
    assert len(pooled["files"]) == 50 and pooled["facts"] and pooled["fts"] and pooled["words"]
    assert pooled == _built(sample, monkeypatch, 1)


def test_no_pool_to_be_had_the_work_is_done_here(sample, monkeypatch):
    def refused(*args):
        raise OSError("no processes")

    monkeypatch.setattr(build, "PARALLEL_MIN", 2)
    monkeypatch.setattr(build, "_in_pool", refused)
    directory = find_directory(sample)
    rels = sorted(directory.scan())
    assert set(build.each_file(directory, _pid, rels, parallel=2)) == {os.getpid()}
    with Index.open(directory) as index:
        assert len(index.summaries()) == 48


def test_an_edit_after_a_pooled_build_is_read_again(sample, monkeypatch):
    monkeypatch.setattr(build, "PARALLEL_MIN", 2)
    monkeypatch.setattr(build, "workers", lambda: 2)
    with Index.open(find_directory(sample)) as index:
        assert index.names()["eastgate-tai-chi"] == "Tai Chi for Health"
    path = sample / "groups" / "eastgate" / "eastgate-tai-chi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Tai Chi for Health", "name: Tai Chi"), "utf-8")
    with Index.open(find_directory(sample)) as index:
        assert index.names()["eastgate-tai-chi"] == "Tai Chi"
        assert len(index.summaries()) == 48


def test_a_first_build_keeps_the_facts_indexes(sample):
    with Index.open(find_directory(sample)) as index:
        names = {n for (n,) in index.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        plan = " ".join(
            str(r) for r in index.conn.execute("EXPLAIN QUERY PLAN SELECT rowid FROM facts WHERE kind = 'a'")
        )
    assert {"facts_by_value", "facts_by_row"} <= names
    assert "facts_by_value" in plan


def test_a_worker_killed_midway_the_rest_is_done_here(sample, monkeypatch):
    monkeypatch.setattr(build, "PARALLEL_MIN", 2)
    monkeypatch.setattr(build, "CHUNK", 4)
    directory = find_directory(sample)
    rels = sorted(directory.scan())
    assert list(build.each_file(directory, _dies_in_a_worker, rels, parallel=2)) == rels


def test_a_write_started_over_in_memory_reads_the_rows_again(sample, monkeypatch):
    import sqlite3

    from assetdir.store import index as index_module

    real, calls = index_module.insert_all, []

    def held_midway(conn, rows):
        calls.append(1)
        if len(calls) == 1:  # another command takes the index after ten rows are read
            for _ in zip(range(10), rows):
                pass
            err = sqlite3.OperationalError("database is locked")
            err.sqlite_errorcode = sqlite3.SQLITE_BUSY
            raise err
        real(conn, rows)

    monkeypatch.setattr(index_module, "insert_all", held_midway)
    with Index.open(find_directory(sample)) as index:
        assert not index.cached and len(calls) == 2
        assert len(index.summaries()) == 48 and len(index.names()) == 48
