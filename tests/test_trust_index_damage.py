"""A damaged index is rebuilt, once, and the command says so in one line; it never stops
a command. Each kind of damage, through each command that reads the index."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

import assetdir.store.files as loader
from conftest import MERGE_FIXTURES, REPO, run

COMMANDS = {
    "validate": ["validate"],
    "search": ["search", "--format", "ids", "--limit", "0", "lunch"],
    "show": ["show", "northfield-lunch-club"],
    "export": ["export", "--format", "text"],
    "stats": ["stats", "--format", "json"],
    "review": ["review", "--format", "json"],
    "match": ["match", "--format", "json"],
    "duplicates": ["duplicates", "--min-score", "30"],
    "merge": ["merge", "THEIRS"],
}


def index_file(root: Path) -> Path:
    return root / ".assetdir" / "index.sqlite3"


def sql(*statements: str):
    def damage(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    return damage


def pages(path: Path) -> None:
    """Bytes changed inside the pages of the files table, the rest left whole."""
    conn = sqlite3.connect(path)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'files'").fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xa5" * 48)


DAMAGE = {
    "pages": pages,
    "blob": sql("UPDATE meta SET value = X'0badc0ffee' WHERE key = 'snapshot'"),
    "missing-table": sql("DROP TABLE facts"),
    "json-in-a-row": sql(
        "UPDATE files SET card = '{\"name\": ', data = '{\"name\": ', sessions = '[1,'",
        "UPDATE files SET problems = '[[1, 2' WHERE problems IS NOT NULL",
        "UPDATE files SET positions = '{\"area\"' WHERE positions IS NOT NULL",
    ),
    "settings-cache": sql("UPDATE meta SET value = '{\"title\": \"Ashb' WHERE key LIKE 'config:%'"),
    "settings-cache-shape": sql("UPDATE meta SET value = '{\"title\": 3}' WHERE key LIKE 'config:%'"),
}

# what a command does not read cannot fail it (the next command that reads it rebuilds it):
# merge reads assetdir.yaml afresh, show and stats read no JSON of the rows
NOT_READ = {
    ("settings-cache", "merge"),
    ("settings-cache-shape", "merge"),
    ("json-in-a-row", "show"),
    ("json-in-a-row", "stats"),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, dict[str, tuple[int, str, str]]]:
    """A small directory (two of the sample's areas) and what each command says on it."""
    root = tmp_path_factory.mktemp("pristine") / "dir"
    for area in ("northfield", "eastgate"):
        shutil.copytree(REPO / "groups" / area, root / "groups" / area)
    shutil.copy(REPO / "assetdir.yaml", root / "assetdir.yaml")
    # a file left out with a warning: said once, even when a command is run again on the rebuilt index
    (root / "groups" / "northfield" / "northfield-broken.yaml").write_text("name: Broken\ncategories: [nonsense]\n")
    shutil.copytree(MERGE_FIXTURES / "theirs", root.parent / "theirs")
    said = {}
    for name in COMMANDS:
        said[name] = invoke(root, name)
        said[name] = invoke(root, name)  # the second time from the index
    return root, said


def invoke(root: Path, command: str) -> tuple[int, str, str]:
    """Run in the directory, so that the paths it prints are the same from one copy to the next."""
    args = ["../theirs" if a == "THEIRS" else a for a in COMMANDS[command]]
    with contextlib.chdir(root):
        result = run(*args)
    assert result.exit_code in (0, 1), (command, result.output)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    seen: list[Path] = []
    original = loader.check_file

    def counting(directory, path):
        seen.append(path)
        return original(directory, path)

    monkeypatch.setattr(loader, "check_file", counting)
    return seen


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_index_is_rebuilt_once_and_said(pristine, tmp_path, reads, damage, command):
    source, said = pristine
    root = tmp_path / "dir"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns(".assetdir"))
    shutil.copytree(source.parent / "theirs", tmp_path / "theirs")
    assert invoke(root, "validate")[0] == said["validate"][0]  # the index, built
    DAMAGE[damage](index_file(root))

    code, out, err = invoke(root, command)
    expected_code, expected_out, expected_err = said[command]
    assert (code, out) == (expected_code, expected_out)
    notes = [line for line in err.splitlines() if line.startswith("Note: the index")]
    assert [line for line in err.splitlines() if line not in notes] == expected_err.splitlines()  # nothing twice
    if (damage, command) in NOT_READ:
        assert notes == []
    else:
        assert len(notes) == 1 and "rebuilt" in notes[0], err

    reads.clear()
    assert invoke(root, command) == said[command]  # nothing more said
    shown = {"northfield-lunch-club.yaml"} if command == "show" else set()  # show reads its group's file
    assert [p for p in reads if root in p.parents and p.name not in shown] == []  # rebuilt on disk, not read again
