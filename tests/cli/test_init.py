"""`assetdir init`: a directory that works from the start; an existing .gitignore kept and completed;
nothing written through a link; temporary files kept out of git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import VALID, run

from .writing import GROUP


def test_init_starts_a_directory_that_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "town", "--title", "Town groups", "--area", "Old Town", "--area", "Riverside")
    assert result.exit_code == 0, result.output
    root = tmp_path / "town"
    for name in ("assetdir.yaml", ".gitignore", ".pre-commit-config.yaml", "assetdir.format.schema.json", "groups"):
        assert (root / name).exists(), name
    assert ".assetdir/" in (root / ".gitignore").read_text().split()
    assert "entry: assetdir validate" in (root / ".pre-commit-config.yaml").read_text()
    monkeypatch.chdir(root)
    made = run(
        "new",
        "Riverside Lunch",
        "--area",
        "riverside",
        "--category",
        "lunch-club",
        "--summary",
        "Lunch",
        "--venue",
        "Hall",
    )
    assert made.exit_code == 0, made.output
    assert (
        (root / "groups" / "riverside-lunch.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../assetdir.format.schema.json")
    )
    assert run("validate").exit_code == 0
    settings = (root / "assetdir.yaml").read_text()
    again = run("init", ".")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert (root / "assetdir.yaml").read_text() == settings


def test_init_keeps_an_existing_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("*.pdf", encoding="utf-8")
    assert run("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / ".gitignore").read_text().startswith("*.pdf\n# assetdir")


# Nothing is written outside the directory, nor over a read-only file


def test_init_writes_nothing_through_a_groups_link_to_outside(tmp_path):
    root, elsewhere = tmp_path / "new-dir", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (root / "groups").symlink_to(elsewhere)
    result = run("init", str(root))
    assert result.exit_code == 1
    assert "outside the directory" in result.stderr and len(result.stderr.splitlines()) == 1
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in root.iterdir()) == ["groups"]  # nothing written at all


# No copies of a group left lying about


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env)


def test_init_keeps_temporary_files_out_of_git(tmp_path):
    root = tmp_path / "groups-dir"
    assert run("init", str(root)).exit_code == 0
    assert git(root, "init", "-q").returncode == 0
    left = root / "groups" / f".{GROUP}.yaml.k3j4h5g6.tmp"
    left.write_text(VALID, encoding="utf-8")
    assert git(root, "check-ignore", "-q", str(left)).returncode == 0
    assert git(root, "check-ignore", "-q", str(root / "groups" / f"{GROUP}.yaml")).returncode == 1


def test_init_adds_the_pattern_to_a_gitignore_that_lacks_it(tmp_path):
    root = tmp_path / "groups-dir"
    root.mkdir()
    (root / ".gitignore").write_text("*.pdf\n.assetdir/\n", encoding="utf-8")
    assert run("init", str(root)).exit_code == 0
    lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["*.pdf", ".assetdir/"] and lines.count(".assetdir/") == 1 and ".*.tmp" in lines
