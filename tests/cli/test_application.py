"""The app as every command shares it: exit codes (2 for bad usage, 3 and one line for an internal error),
--version and --help, the checkout's entry points, a reader that goes away at once.

And what is checked over every command: none crashes on a huge number; a damaged index is rebuilt
once, and said once; nothing is written where groups: points outside the directory; every command
that writes handles the tabs validate accepts.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assetdir.store.files as loader
from assetdir import __version__
from conftest import MERGE_FIXTURES, REPO, SETTINGS, VALID, index_file, run, write_group
from edit.tabs import CANONICAL, DUPLICATE, UNTIDY, accepted, model, tabbed

from .conftest import HUGE
from .writing import GROUP, NEW, everything

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


def test_bad_usage_exits_2(tiny):
    assert run("validate", "--format", "xml", "--dir", str(tiny)).exit_code == 2
    assert run("validate", "no-such-file.yaml", "--dir", str(tiny)).exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_version_and_help_on_every_command():
    assert run("--version").stdout.strip() == f"assetdir {__version__}"
    for command in ("validate", "show", "new", "init", "schema"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command


def test_unexpected_error_is_one_line_and_exit_3(tiny, monkeypatch):
    import assetdir.store.validate

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(assetdir.store.validate, "check", boom)
    result = run("validate", "--dir", str(tiny))
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        "assetdir: unexpected internal error (RuntimeError: disk on fire); "
        "run again as `assetdir --debug ...` to see the traceback, and please report it"
    )
    monkeypatch.setattr("assetdir.cli.application._debug", False)
    debug = run("--debug", "validate", "--dir", str(tiny))
    assert isinstance(debug.exception, RuntimeError)
    monkeypatch.setattr("assetdir.cli.application._debug", False)


@pytest.mark.parametrize("entry", [["cli.py"], ["-m", "assetdir"]])
def test_checkout_entry_points_behave_like_the_command(entry, sample):
    done = subprocess.run(
        [sys.executable, *entry, "validate", "--dir", str(sample)], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("48 groups checked: 0 errors")
    version = subprocess.run([sys.executable, *entry, "--version"], cwd=REPO, capture_output=True, text=True)
    assert version.stdout.strip() == f"assetdir {__version__}"


def test_output_to_a_closed_pipe_stops_quietly(sample):
    proc = subprocess.Popen(
        [sys.executable, "-m", "assetdir", "validate", "--dir", str(sample)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader goes away at once, as with `| head`
    proc.wait()
    assert proc.stderr.read() == b""


@pytest.mark.parametrize(
    "command",
    [
        ["search", "lunch"],
        ["show", "northfield-lunch-club"],
        ["export"],
        ["stats"],
        ["duplicates"],
        ["fmt", "--check"],
        ["review"],
        ["gaps"],
        ["match"],
        ["partners"],
    ],
)
def test_no_command_crashes_on_it(huge, command):
    result = run(*command, "--dir", str(huge))
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output and HUGE not in result.output


def run_every_writer(root: Path, text: str) -> None:
    keep = write_group(root, "northfield-lunch-club", text)
    write_group(root, "northfield-luncheon-club", DUPLICATE)
    before = model(root, text)
    check = run("fmt", "--check", "--dir", str(root))
    assert check.exit_code in (0, 1), check.output
    assert keep.read_text(encoding="utf-8") == text
    result = run("fmt", "--dir", str(root))
    assert result.exit_code == 0, result.output
    formatted = keep.read_text(encoding="utf-8")
    assert model(root, formatted) == before
    if check.exit_code == 0:
        assert formatted == text
    result = run(
        "merge-groups",
        "northfield-lunch-club",
        "northfield-luncheon-club",
        "--prefer",
        "ours",
        "--write",
        "--dir",
        str(root),
    )
    assert result.exit_code == 0, result.output
    before = {**before, "merged_from": ["northfield-luncheon-club"]}  # the fold is remembered
    assert model(root, keep.read_text(encoding="utf-8")) == before
    result = run("checked", "northfield-lunch-club", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert model(root, keep.read_text(encoding="utf-8")) == before


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    base=st.sampled_from([CANONICAL, UNTIDY]),
    places=st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=6),
)
def test_every_writer_handles_tabs_validate_accepts(tmp_path, base, places):
    text = tabbed(base, places, indents=False)  # a tab in the indentation is refused by validate
    root = tmp_path / "every"
    shutil.rmtree(root, ignore_errors=True)
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    if accepted(root, text):
        (root / "groups" / "probe.yaml").unlink()
        run_every_writer(root, text)


@pytest.fixture(params=["relative", "absolute"])
def groups_outside(request, tmp_path: Path) -> tuple[Path, Path]:
    """A directory whose assetdir.yaml points `groups:` at a folder outside it."""
    root, elsewhere = tmp_path / "dir", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    groups = "../elsewhere" if request.param == "relative" else str(elsewhere)
    (root / "assetdir.yaml").write_text(SETTINGS + f"groups: {groups}\n", encoding="utf-8")
    (elsewhere / "northfield").mkdir()
    (elsewhere / f"{GROUP}.yaml").write_text(VALID, encoding="utf-8")
    return root, elsewhere


# Nothing is written outside the directory, nor over a read-only file


@pytest.mark.parametrize(
    "command",
    [
        ["checked", GROUP],
        NEW,
        ["new", "Northfield Walks", "--area", "northfield", *NEW[4:]],  # into the area's folder
        ["fmt"],
    ],
    ids=["checked", "new", "new-in-area-folder", "fmt"],
)
def test_no_command_writes_where_groups_points_outside_the_directory(groups_outside, command):
    root, elsewhere = groups_outside
    before = everything(elsewhere)
    result = run(*command, "--dir", str(root))
    assert result.exit_code == 1, result.output
    assert "outside the directory" in result.stderr and len(result.stderr.splitlines()) == 1
    assert "nothing written" in result.stderr
    assert everything(elsewhere) == before
