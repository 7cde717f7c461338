"""assetdir.edit.writes: a file written whole or not at all (atomic replace, exclusive create), and never
over a change another writer made meanwhile."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

from assetdir.edit import writes
from conftest import VALID

# ---------------------------------------------------------------- write_atomic and create_exclusive


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_creates_and_replaces(tmp_path):
    path = tmp_path / "sub" / "dir" / "out.json"
    with pytest.raises(OSError) as missing:  # a mistyped folder is not made
        writes.write_atomic(path, "first\n")
    assert missing.value.filename == str(path) and not path.parent.exists()
    path.parent.mkdir(parents=True)
    writes.write_atomic(path, "first\n")
    assert path.read_bytes() == b"first\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    writes.write_atomic(path, "second: café\r\n")
    assert path.read_bytes() == "second: café\r\n".encode()  # UTF-8, line endings untouched
    assert leftovers(path.parent) == []


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "private.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o600)
    writes.write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_atomic_failure_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "out.yaml"
    path.write_text("old\n", encoding="utf-8")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writes.os, "fsync", disk_full)
    with pytest.raises(OSError):
        writes.write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_create_exclusive_writes_a_new_file(tmp_path):
    path = tmp_path / "groups" / "northfield" / "new-club.yaml"
    path.parent.mkdir(parents=True)
    writes.create_exclusive(path, "name: New Club\n")
    assert path.read_text(encoding="utf-8") == "name: New Club\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert leftovers(path.parent) == []


def test_create_exclusive_refuses_to_overwrite(tmp_path):
    path = tmp_path / "club.yaml"
    path.write_text("name: Precious\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        writes.create_exclusive(path, "name: Replacement\n")
    assert path.read_text(encoding="utf-8") == "name: Precious\n"
    assert leftovers(tmp_path) == []


def test_create_exclusive_refuses_a_symlink_in_the_way(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "club.yaml"
    os.symlink(target, link)
    with pytest.raises(FileExistsError):
        writes.create_exclusive(link, "name: Club\n")
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_a_failed_replace_names_the_file_asked_for_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError) as caught:
        writes.write_atomic(target, "text")
    assert caught.value.filename == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


GROUP = "northfield-lunch-club"

THEIRS = VALID.replace("Hot two-course lunch", "Hot three-course lunch")  # what another writer saved


# A change made meanwhile is never lost


def test_two_writers_never_both_find_the_file_unchanged(tiny, monkeypatch):
    path = tiny / "groups" / f"{GROUP}.yaml"
    real, paused, go, results = os.replace, threading.Event(), threading.Event(), {}

    def first_one_slow(source, target):
        if Path(target) == path and not paused.is_set():
            paused.set()  # the first writer has found the file unchanged and is about to rename
            go.wait(10)
        real(source, target)

    def write(name: str, text: str) -> None:
        try:
            writes.write_atomic(path, text, root=tiny, expected=VALID)
            results[name] = "written"
        except writes.Changed:
            results[name] = "refused"

    monkeypatch.setattr(os, "replace", first_one_slow)
    first = threading.Thread(target=write, args=("first", THEIRS))
    first.start()
    assert paused.wait(10)
    second = threading.Thread(target=write, args=("second", VALID + "x-note: mine\n"))
    second.start()
    time.sleep(0.3)  # the second compares now, unless the first one's hold makes it wait
    go.set()
    first.join(10)
    second.join(10)
    assert results == {"first": "written", "second": "refused"}
    assert path.read_text(encoding="utf-8") == THEIRS
