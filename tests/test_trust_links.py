"""Links: one that leaves the directory is a problem and is not followed; links inside
keep working; a folder loop is walked once; the index is never written through a link."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from assetdir.store.directory import find_directory
from conftest import VALID, run

SECRET = "name: Secret Club\nsummary: the password is hunter2\nbogus: [unclosed\n"


def errors(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if " error " in line]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the directory, not in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def test_a_group_file_linked_outside_is_not_read(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret.yaml").write_text(SECRET)
    os.symlink(outside / "secret.yaml", "groups/leak.yaml")
    for extra in ([], ["--no-cache"], ["--format", "github"], ["--format", "json"]):
        result = run("validate", *extra)
        assert result.exit_code == 1
        assert "hunter2" not in result.output and "unclosed" not in result.output
        assert "outside-link" in result.stdout
    [line] = errors(run("validate"))
    assert line.startswith("groups/leak.yaml:1:1: error outside-link: ")
    assert "outside the directory" in line
    assert run("search", "--format", "ids", "secret").exit_code == 1


def test_a_folder_linked_outside_is_not_walked(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret-club.yaml").write_text(VALID.replace("Northfield Lunch Club", "Secret Club"))
    os.symlink(outside, "groups/elsewhere")
    result = run("validate")
    [line] = errors(result)
    assert line.startswith("groups/elsewhere:1:1: error outside-link: ")
    assert result.stdout.splitlines()[-1].startswith("48 groups checked")
    assert run("search", "--format", "ids", "secret").exit_code == 1


def test_links_inside_the_directory_keep_working(sample, monkeypatch):
    monkeypatch.chdir(sample)
    more = sample / "more-groups"
    more.mkdir()
    (more / "hillside-quoits.yaml").write_text(VALID.replace("Northfield Lunch Club", "Hillside Quoits"))
    (more / "hillside-madrigals.yaml").write_text(VALID.replace("Northfield Lunch Club", "Hillside Madrigals"))
    os.symlink("../more-groups", "groups/more")  # a folder
    os.symlink("../../more-groups/hillside-madrigals.yaml", "groups/northfield/hillside-singers.yaml")  # a file
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("51 groups checked: 0 errors")
    assert run("search", "--format", "ids", "quoits").stdout.split() == ["hillside-quoits"]
    found = run("search", "--format", "ids", "madrigals").stdout.split()
    assert sorted(found) == ["hillside-madrigals", "hillside-singers"]


def test_a_folder_loop_is_walked_once(sample, monkeypatch):
    monkeypatch.chdir(sample)
    os.symlink("..", "groups/northfield/up")  # back to groups/
    os.symlink("northfield", "groups/north")  # a second name for a folder already walked
    calls: list[str] = []
    real_scandir = os.scandir

    def scandir(path="."):
        calls.append(os.path.realpath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    directory = find_directory(sample)
    assert len(directory.scan()) == 48
    assert len(calls) == len(set(calls)) == 7  # groups/ and its six folders, once each
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("48 groups checked: 0 errors, ")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def precious(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE precious (x TEXT)")
    conn.execute("INSERT INTO precious VALUES ('keep me')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("linked", [".assetdir", ".assetdir/index.sqlite3", ".assetdir/index.sqlite3-wal"])
def test_the_index_is_never_written_through_a_link(sample, outside, tmp_path, monkeypatch, linked):
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    expected = run("search", "--dir", str(sample), "--no-cache", "--format", "ids", "lunch").stdout
    target = outside / "target"
    if linked == ".assetdir":
        target.mkdir()
        precious(target / "index.sqlite3")
        watched = target / "index.sqlite3"
    else:
        (sample / ".assetdir").mkdir()
        precious(target)
        watched = target
    before, listing = digest(watched), sorted(os.listdir(outside))
    os.symlink(target, sample / linked)
    for _ in range(2):
        result = run("search", "--dir", str(sample), "--format", "ids", "lunch")
        assert result.exit_code == 0, result.output
        assert result.stdout == expected
        assert run("validate", "--dir", str(sample)).exit_code == 0
    assert digest(watched) == before  # not written, no table dropped
    assert sorted(os.listdir(outside)) == listing  # and nothing made beside it
    if linked == ".assetdir":
        assert sorted(os.listdir(target)) == ["index.sqlite3"]
    assert (sample / linked).is_symlink()  # refused, not removed
    assert list(cache.glob("assetdir/*/index.sqlite3"))  # worked from the user's cache folder


def test_a_hard_linked_index_is_refused(sample, outside, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    precious(outside / "db.sqlite3")
    (sample / ".assetdir").mkdir()
    before = digest(outside / "db.sqlite3")
    os.link(outside / "db.sqlite3", sample / ".assetdir" / "index.sqlite3")
    assert run("search", "--dir", str(sample), "lunch").exit_code == 0
    assert digest(outside / "db.sqlite3") == before


def test_a_gitignore_link_in_the_index_folder_is_not_followed(sample, outside):
    (sample / ".assetdir").mkdir()
    os.symlink(outside / "written.txt", sample / ".assetdir" / ".gitignore")
    assert run("search", "--dir", str(sample), "lunch").exit_code == 0
    assert not (outside / "written.txt").exists()
    shutil.rmtree(sample / ".assetdir")


def test_show_says_why_a_group_linked_outside_is_not_shown(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret-club.yaml").write_text(VALID)
    os.symlink(outside / "secret-club.yaml", "groups/secret-club.yaml")
    result = run("show", "secret-club")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: groups/secret-club.yaml:1:1: error outside-link: ")
    assert "Northfield" not in result.output


def test_a_link_into_a_hidden_folder_is_not_read(sample, monkeypatch):
    monkeypatch.chdir(sample)
    (sample / ".git").mkdir()
    (sample / ".git" / "config.yaml").write_text("url: https://token@example.org/repo\n")
    os.symlink("../.git/config.yaml", "groups/config.yaml")
    result = run("validate")
    [line] = errors(result)
    assert line.startswith("groups/config.yaml:1:1: error outside-link: ") and "in a hidden folder" in line
    assert "token" not in result.stdout
