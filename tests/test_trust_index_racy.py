"""Racy timestamps: on a file system with whole-second times, a same-size edit in the same
second as the index's last refresh leaves the size and times as they were. A file whose
modification time is within two seconds of the refresh is checked again next time (by
its content, as git does), so such an edit is still seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import assetdir.store.files as loader
from assetdir.store.directory import Directory
from conftest import run

SECOND = 10**9


@pytest.fixture
def whole_seconds(monkeypatch):
    """The walk sees times as a file system with whole-second times (FAT, some network
    file systems) would give them; the change time too, as it would be in the same second."""
    real_scan = Directory.scan

    def scan(self):
        found = real_scan(self).items()
        return {rel: (size, mtime // SECOND * SECOND, mtime // SECOND * SECOND) for rel, (size, mtime, _) in found}

    monkeypatch.setattr(Directory, "scan", scan)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The group files read and checked, by name, as they are read."""

    seen: list[str] = []
    original = loader.check_file

    def counting(directory, path):
        seen.append(path.name)
        return original(directory, path)

    monkeypatch.setattr(loader, "check_file", counting)
    return seen


def search(root: Path, *words: str) -> list[str]:
    result = run("search", "--dir", str(root), "--format", "ids", "--limit", "0", *words)
    assert result.exit_code in (0, 1), result.output
    return result.stdout.split()


def disk_now(folder: Path) -> int:
    """The file system's time now, in whole seconds (not the test's clock, which may be set apart)."""
    probe = folder / ".now"
    probe.write_text("")
    seconds = int(probe.stat().st_mtime)
    probe.unlink()
    return seconds


def set_mtime(path: Path, seconds: int) -> None:
    os.utime(path, ns=(seconds * SECOND, seconds * SECOND))


def test_a_same_size_edit_in_the_second_of_the_refresh_is_seen(tiny, whole_seconds, reads):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    now = disk_now(path.parent)
    set_mtime(path, now)  # edited just now, in the second the next command runs
    assert search(tiny, "chapel") == ["northfield-lunch-club"]
    path.write_text(path.read_text().replace("Chapel Hall", "Church Hall"))  # same size
    set_mtime(path, now)  # the same second: size and times all as they were
    assert search(tiny, "church") == ["northfield-lunch-club"]
    assert search(tiny, "chapel") == []


def test_a_racy_file_unchanged_is_not_checked_again(tiny, whole_seconds, reads):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    set_mtime(path, disk_now(path.parent))
    assert search(tiny, "chapel") == ["northfield-lunch-club"]
    assert reads == ["northfield-lunch-club.yaml"]
    reads.clear()
    assert search(tiny, "chapel") == ["northfield-lunch-club"]
    assert reads == []  # its content was compared, and is the same


def test_an_old_file_costs_nothing_more(tiny, whole_seconds, reads, monkeypatch):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    set_mtime(path, disk_now(path.parent) - 60)  # well before the refresh
    assert search(tiny, "chapel") == ["northfield-lunch-club"]
    opened: list[str] = []
    real_open, real_os_open = open, os.open

    def counting_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    def counting_os_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting_open)
    monkeypatch.setattr(os, "open", counting_os_open)
    reads.clear()
    assert search(tiny, "chapel") == ["northfield-lunch-club"]
    assert reads == []
    assert not [f for f in opened if f.endswith(".yaml")]  # not even read to compare
