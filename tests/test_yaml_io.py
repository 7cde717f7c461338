"""assetdir.yamltext: reading YAML into data and positions, and writing files safely."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from assetdir.edit import writes
from conftest import KNOWN_CODES, SHARED, run, shared

SUITE = SHARED / "yaml-test-suite"


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


def test_yaml_test_suite_all_at_once_through_the_cli(tmp_path, monkeypatch):
    """The whole suite as one directory: validate reports every file, and no file stops the others."""
    shared("yaml-test-suite")
    root = tmp_path / "suite"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n", encoding="utf-8")
    names = []
    for source in sorted((SUITE / "cases").glob("*.yaml")):
        name = f"{source.stem.lower()}.yaml"
        (root / "groups" / name).write_bytes(source.read_bytes())
        names.append(f"groups/{name}")
    monkeypatch.chdir(root)
    result = run("validate", "--format", "json", "--dir", str(root))
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert result.exit_code == 1
    assert result.stdout.lstrip().startswith("["), result.output
    problems = json.loads(result.stdout)
    assert {p["file"] for p in problems if p["severity"] == "error"} == set(names)
    assert all(p["code"] in KNOWN_CODES and p["line"] >= 1 and p["column"] >= 1 for p in problems)
    assert result.stderr.strip().startswith(f"{len(names)} groups checked: ")


def test_a_failed_replace_names_the_file_asked_for_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError) as caught:
        writes.write_atomic(target, "text")
    assert caught.value.filename == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
