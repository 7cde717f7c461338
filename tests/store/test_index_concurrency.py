"""The index shared by processes at once (seconds each, marked slow): two commands on a fresh or stale
directory agree and leave a whole index; a command meeting an index another process holds waits a
moment, then answers from the files, and never deletes the index from under the other process."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import assetdir.store.files as loader
from assetdir.store import database as index_module
from conftest import REPO, index_file, run

pytestmark = pytest.mark.slow


def search(root: Path, *words: str):
    return run("search", "--dir", str(root), "--format", "ids", "--limit", "0", *words)


@pytest.fixture
def built(sample):
    """The sample with its index built, and a file edited since, so the next command must write."""
    assert search(sample, "lunch").exit_code == 0
    path = sample / "groups" / "northfield" / "northfield-lunch-club.yaml"
    path.write_text(path.read_text().replace("Northfield Lunch Club", "Northfield Zither Club"))
    return sample


def hold(path: Path, journal: str) -> sqlite3.Connection:
    """Another connection holding the index with BEGIN EXCLUSIVE."""
    conn = sqlite3.connect(path, isolation_level=None)
    if journal != "wal":  # in the default journal even reading waits for the holder
        conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('held', '1')")
    return conn


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    seen: list[str] = []
    original = loader.check_file

    def counting(directory, path):
        seen.append(path.name)
        return original(directory, path)

    monkeypatch.setattr(loader, "check_file", counting)
    return seen


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_held_index_is_waited_for_briefly_and_left_alone(built, journal, reads, monkeypatch):
    monkeypatch.setattr(index_module, "BUSY_WAIT", 0.5)  # the wait itself is timed in the test below
    path = index_file(built)
    inode = path.stat().st_ino
    holder = hold(path, journal)
    try:
        started = time.monotonic()
        result = search(built, "zither")
        waited = time.monotonic() - started
        assert result.exit_code == 0, result.output
        assert result.stdout.split() == ["northfield-lunch-club"]  # answered from the files
        assert waited < 10, waited
        # it could still be read: a copy of it in memory, with the one edited file read again
        assert len(reads) == (1 if journal == "wal" else 48)
        assert run("validate", "--dir", str(built)).exit_code == 0
        assert path.stat().st_ino == inode  # not deleted from under the holder
        holder.execute("COMMIT")  # and the holder's work is still good
    finally:
        holder.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key = 'held'").fetchone() == ("1",)
    finally:
        conn.close()
    assert search(built, "zither").stdout.split() == ["northfield-lunch-club"]


def test_held_by_another_process(built):
    path = index_file(built)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sqlite3, sys\n"
                f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
                "c.execute('PRAGMA journal_mode = delete'); c.execute('BEGIN EXCLUSIVE')\n"
                "print('held', flush=True); sys.stdin.read()\n"
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "assetdir", "search", "--dir", str(built), "--format", "ids", "zither"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["northfield-lunch-club"]
        assert time.monotonic() - started < 10
        assert path.exists()
    finally:
        holder.communicate("", timeout=30)
    assert os.path.exists(path)


def test_a_damaged_index_another_process_is_writing_is_not_deleted(sample, monkeypatch):
    monkeypatch.setattr(index_module, "BUSY_WAIT", 0.5)
    expected = search(sample, "lunch")
    path = index_file(sample)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE files SET card = '{\"name\": '")  # every row's card garbled
    conn.close()
    inode = path.stat().st_ino
    holder = hold(path, "wal")
    try:
        result = search(sample, "lunch")
        assert (result.exit_code, result.stdout) == (0, expected.stdout)  # answered without it
        assert path.stat().st_ino == inode
        holder.execute("COMMIT")
    finally:
        holder.close()
    assert search(sample, "lunch").stdout == expected.stdout  # and rebuilt once it is free
    assert "rebuilt" not in result.stderr


def bump(path: Path, seconds: int = 5) -> None:
    """Move a file's modification time on, as a later edit would."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 10**9))


# --- two commands at once -----------------------------------------------------------------


def test_two_commands_at_once_on_a_fresh_directory(tmp_path):
    expected = None
    for round_ in range(3):
        root = tmp_path / f"round-{round_}"
        shutil.copytree(REPO / "groups", root / "groups")
        shutil.copy(REPO / "assetdir.yaml", root / "assetdir.yaml")
        if round_ == 2:  # and on a stale index: every file touched
            subprocess.run([sys.executable, "-m", "assetdir", "search", "--dir", str(root), "x"], capture_output=True)
            for path in (root / "groups").rglob("*.yaml"):
                bump(path)
        commands = [
            ["search", "--format", "ids", "--limit", "0", "lunch"],
            ["search", "--format", "ids", "--limit", "0", "lunch"],
            ["validate"],
            ["validate"],
            ["search", "--format", "ids", "--limit", "0", "--on", "2026-10-30"],
        ]
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "assetdir", *c, "--dir", str(root)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for c in commands
        ]
        outputs = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            outputs.append((p.returncode, out, err))
        for code, out, err in outputs:
            assert code == 0, (out, err)
            assert "Warning" not in err and "rror" not in err, err
        assert outputs[0] == outputs[1]
        assert outputs[2] == outputs[3]
        assert outputs[4][1].split()[:2] == ["ashbury-tea-dance", "eastgate-hearing-loss-group"]
        got = [o[1] for o in outputs]
        if expected is not None:
            assert [got[0], got[4]] == expected
        expected = [got[0], got[4]]
        # and the index they left behind is whole: a later command agrees
        later = subprocess.run(
            [
                sys.executable,
                "-m",
                "assetdir",
                "search",
                "--format",
                "ids",
                "--limit",
                "0",
                "lunch",
                "--dir",
                str(root),
            ],
            capture_output=True,
            text=True,
        )
        assert later.stdout == outputs[0][1]
        conn = sqlite3.connect(index_file(root))
        try:
            assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 48
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
