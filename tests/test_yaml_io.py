"""assetdir.yamltext: reading YAML into data and positions, and writing files safely."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from assetdir.edit import writes
from assetdir.store.directory import open_directory
from assetdir.store.files import check_file
from assetdir.store.validate import load
from conftest import SHARED, TODAY, run, shared
from test_bad_input import KNOWN_CODES

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


def suite_cases() -> list[str]:
    folder = SUITE / "cases"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else ["(missing)"]


def check_problems(problems, text_lines: int) -> None:
    for p in problems:
        assert p.code in KNOWN_CODES, p
        assert p.severity in ("error", "warning"), p
        assert 1 <= p.line <= text_lines + 1, p
        assert p.column >= 1, p
        assert p.message.strip(), p


@pytest.fixture(scope="module")
def suite_directory(tmp_path_factory):
    root = tmp_path_factory.mktemp("suite")
    (root / "groups").mkdir()
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n  eastgate: Eastgate\n", encoding="utf-8")
    return open_directory(root)


@pytest.mark.parametrize("case", suite_cases())
def test_yaml_test_suite_document_as_a_group_file(case, suite_directory):
    """Every document of the YAML test suite, saved as a group file, loads or gives problems; never raises."""
    shared("yaml-test-suite")
    data = (SUITE / "cases" / f"{case}.yaml").read_bytes()
    path = suite_directory.groups_dir / f"{case.lower()}.yaml"
    path.write_bytes(data)
    try:
        record = check_file(suite_directory, path)
        problems = record.summary.problems
    finally:
        path.unlink()
    check_problems(problems, data.count(b"\n") + data.count(b"\r") + 1)
    # none of these documents is a whole group
    assert record.group is None
    assert any(p.severity == "error" for p in problems)


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


def test_yaml_test_suite_with_load(suite_directory, tmp_path):
    """The same through `directory.load` on a copy: every file gets a record, none raises."""
    shared("yaml-test-suite")
    root = tmp_path / "suite"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n", encoding="utf-8")
    sources = sorted((SUITE / "cases").glob("*.yaml"))
    for source in sources:
        (root / "groups" / f"{source.stem.lower()}.yaml").write_bytes(source.read_bytes())
    report = load(open_directory(root), TODAY)
    assert len(report.files) == len(sources)
    assert all(r.group is None for r in report.files)
    check_problems(report.problems, 10_000)


def test_a_failed_replace_names_the_file_asked_for_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError) as caught:
        writes.write_atomic(target, "text")
    assert caught.value.filename == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
