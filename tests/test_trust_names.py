"""A file or folder name that is not UTF-8 is one problem of that path; everything else goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import VALID, run


def bad_name(folder: Path, name: bytes, text: str | None = VALID) -> bytes:
    """A file (or, with no text, a folder) whose name is the bytes given, not UTF-8."""
    path = os.path.join(os.fsencode(folder), name)
    if text is None:
        os.mkdir(path)
    else:
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))
    return path


def test_a_file_name_that_is_not_utf8_is_one_problem(sample, monkeypatch):
    monkeypatch.chdir(sample)
    bad_name(sample / "groups" / "northfield", b"caf\xe9.yaml")
    result = run("validate")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    [line] = [x for x in lines if " error " in x]
    assert line.startswith("groups/northfield/caf\\xe9.yaml:1:1: error not-utf8-name: ")
    assert "cafe.yaml" in line  # how to rename it
    assert lines[-1].startswith("48 groups checked: 1 error, ")

    github = run("validate", "--format", "github")
    assert github.exit_code == 1
    assert "file=groups/northfield/caf\\xe9.yaml,line=1,col=1,title=not-utf8-name::" in github.stdout
    problems = json.loads(run("validate", "--format", "json").stdout)
    assert [p["code"] for p in problems if p["severity"] == "error"] == ["not-utf8-name"]


def test_everything_else_goes_on(sample, monkeypatch):
    monkeypatch.chdir(sample)
    before = {args: run(*args) for args in [("search", "--format", "ids", "lunch"), ("show", "northfield-lunch-club")]}
    bad_name(sample / "groups", b"caf\xe9.yaml")
    for args, was in before.items():
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout == was.stdout
    search = run("search", "--format", "ids", "lunch")
    assert "groups/caf\\xe9.yaml" in search.stderr  # left out, named
    export = run("export", "--format", "csv")
    assert export.exit_code == 0, export.output
    assert export.stdout.count("\n") > 40


def test_a_folder_name_that_is_not_utf8(sample, monkeypatch):
    monkeypatch.chdir(sample)
    folder = bad_name(sample / "groups", b"\xff\xfeold", text=None)
    with open(os.path.join(folder, b"old-group.yaml"), "w", encoding="utf-8") as f:
        f.write(VALID)
    result = run("validate")
    assert result.exit_code == 1, result.output
    [line] = [x for x in result.stdout.splitlines() if " error " in x]
    assert line.startswith("groups/\\xff\\xfeold:1:1: error not-utf8-name: ")
    assert "folder" in line
    assert result.stdout.splitlines()[-1].startswith("48 groups checked")
    assert run("search", "--format", "ids", "lunch").exit_code == 0


def test_no_cache_says_the_same(sample, monkeypatch):
    monkeypatch.chdir(sample)
    bad_name(sample / "groups", b"caf\xe9.yaml")
    cached, fresh = run("validate"), run("validate", "--no-cache")
    assert fresh.exit_code == cached.exit_code == 1
    assert fresh.stdout == cached.stdout
