"""The index holds private values: it is readable only by its owner, whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import run


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(params=[0o022, 0o000, 0o077], ids=["umask-022", "umask-000", "umask-077"])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_the_index_and_its_folder_are_private(sample, umask):
    assert run("search", "--dir", str(sample), "lunch").exit_code == 0
    folder = sample / ".assetdir"
    assert mode(folder) == 0o700
    assert mode(folder / "index.sqlite3") == 0o600
    # the write-ahead log and shared memory, while a reader keeps them open
    reader = sqlite3.connect(folder / "index.sqlite3")
    try:
        reader.execute("SELECT count(*) FROM files").fetchone()
        path = sample / "groups" / "northfield" / "northfield-lunch-club.yaml"
        path.write_text(path.read_text().replace("Northfield Lunch Club", "Northfield Dinner Club"))
        assert run("search", "--dir", str(sample), "dinner").exit_code == 0
        for suffix in ("-wal", "-shm"):
            assert mode(folder / f"index.sqlite3{suffix}") == 0o600, suffix
    finally:
        reader.close()


def test_an_index_made_readable_by_others_is_made_private(sample):
    assert run("search", "--dir", str(sample), "lunch").exit_code == 0
    index = sample / ".assetdir" / "index.sqlite3"
    index.chmod(0o644)  # as an earlier version left it
    assert run("search", "--dir", str(sample), "lunch").exit_code == 0
    assert mode(index) == 0o600


def test_the_user_cache_folder_is_private_too(sample, tmp_path, monkeypatch, umask):
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    (sample / ".assetdir").write_text("a file where the folder would go\n")
    assert run("search", "--dir", str(sample), "lunch").exit_code == 0
    [index] = cache.glob("assetdir/*/index.sqlite3")
    assert mode(index) == 0o600
    assert mode(index.parent) == 0o700
