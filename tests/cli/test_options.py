"""What every command gets through its options (cli/options.py): the directory (--dir, ASSETDIR_DIR,
or found by walking up) and the index it opens (--no-cache bypasses it).

The index in .assetdir/ is a cache that is never the source of truth: every change to the files
is seen by the next command; only changed files are read again, even within the second a file
system keeps; a missing, damaged, old or unwritable index changes no result (a damaged one is
rebuilt, and the command says so in one line); it is private to its owner and never written
through a link.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

import assetdir.store.files as loader
from assetdir.store import database as index_module
from assetdir.store import place
from assetdir.store.directory import Directory
from conftest import REPO, VALID, index_file, run, write_group

QUERIES = [
    ["lunch"],
    ["dementa"],
    ["exercise", "--free"],
    ["--area", "millbrook"],
    ["--on", "2026-10-30"],
    ["--category", "Wellbeing", "--accessible", "hearing-loop"],
    ["--include-closed", "--limit", "0"],
]


def search_ids(root: Path, *args: str) -> list[str]:
    result = run("search", "--dir", str(root), "--format", "ids", "--limit", "0", *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout.split()


def answers(root: Path, *extra: str) -> list[tuple[int, str, str]]:
    """Exit code, stdout and stderr of a few searches and of validate."""
    out = []
    for query in QUERIES:
        result = run("search", "--dir", str(root), "--format", "ids", *extra, *query)
        out.append((result.exit_code, result.stdout, result.stderr))
    result = run("validate", "--dir", str(root), *extra)
    out.append((result.exit_code, result.stdout, result.stderr))
    return out


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


# --- changes to the files are seen ----------------------------------------------------


def test_edit_is_seen_by_search_and_validate(sample, monkeypatch):
    monkeypatch.chdir(sample)
    path = sample / "groups" / "northfield" / "northfield-knit-and-natter.yaml"
    assert search_ids(sample, "knit") == ["northfield-knit-and-natter"]
    assert run("validate").exit_code == 0

    path.write_text(path.read_text().replace("name: Knit and Natter", "name: Stitch and Chatter"))
    assert search_ids(sample, "stitch") == ["northfield-knit-and-natter"]
    assert "northfield-knit-and-natter" not in search_ids(sample, "natter")[:1]

    path.write_text(
        path.read_text().replace("categories: [arts-crafts, social-group]", "categories: [arts-craft, social-group]")
    )
    result = run("validate")
    assert result.exit_code == 1
    [line] = [line for line in result.stdout.splitlines() if " error " in line]
    assert line.startswith("groups/northfield/northfield-knit-and-natter.yaml:4:")
    assert 'error unknown-category: "arts-craft"' in line and '"arts-crafts"' in line
    result = run("search", "--format", "ids", "--area", "northfield")
    assert result.exit_code == 0
    assert "northfield-knit-and-natter" not in result.stdout.split()
    assert "groups/northfield/northfield-knit-and-natter.yaml" in result.stderr

    path.write_text(path.read_text().replace("arts-craft,", "arts-crafts,"))
    assert run("validate").exit_code == 0
    assert search_ids(sample, "stitch") == ["northfield-knit-and-natter"]


def test_add_delete_and_rename(sample, monkeypatch):
    monkeypatch.chdir(sample)

    def checked() -> str:
        return run("validate").stdout.splitlines()[-1].split(":")[0]

    assert checked() == "48 groups checked"
    new = write_group(
        sample,
        "northfield-quilting-bee",
        VALID.replace("Northfield Lunch Club", "Northfield Quilting Bee"),
        folder="northfield",
    )
    assert search_ids(sample, "quilting") == ["northfield-quilting-bee"]
    assert checked() == "49 groups checked"

    new.unlink()
    result = run("search", "--format", "ids", "quilting")
    assert result.exit_code == 1 and result.stdout == ""
    assert checked() == "48 groups checked"

    old = sample / "groups" / "millbrook" / "millbrook-short-mat-bowls.yaml"
    (sample / "groups" / "village").mkdir()
    os.rename(old, sample / "groups" / "village" / "millbrook-carpet-bowls.yaml")  # same size, same mtime
    assert search_ids(sample, "bowls") == ["millbrook-carpet-bowls"]
    assert "millbrook-short-mat-bowls" not in search_ids(sample, "--include-closed")
    assert checked() == "48 groups checked"
    result = run("validate", "groups/village")
    assert result.stdout.splitlines()[-1].startswith("1 group checked")


def test_only_changed_files_are_read_again(sample, reads, monkeypatch):
    monkeypatch.chdir(sample)
    assert search_ids(sample, "lunch")
    assert len(reads) == 48
    reads.clear()
    assert search_ids(sample, "lunch")
    assert run("validate").exit_code == 0
    assert reads == []  # validate answers from the same index

    path = sample / "groups" / "northfield" / "northfield-walking-group.yaml"
    path.write_text(path.read_text().replace("Northfield Health Walks", "Northfield Health Rambles"))
    assert search_ids(sample, "rambles") == ["northfield-walking-group"]
    assert reads == ["northfield-walking-group.yaml"]
    reads.clear()

    write_group(
        sample,
        "eastgate-quilting-bee",
        VALID.replace("Northfield Lunch Club", "Eastgate Quilting Bee"),
        folder="eastgate",
    )
    assert run("validate").exit_code == 0
    assert reads == ["eastgate-quilting-bee.yaml"]
    reads.clear()

    (sample / "groups" / "eastgate" / "eastgate-quilting-bee.yaml").unlink()
    assert search_ids(sample, "rambles") == ["northfield-walking-group"]
    assert reads == []

    os.rename(path, sample / "groups" / "northfield" / "northfield-rambles.yaml")
    assert search_ids(sample, "rambles") == ["northfield-rambles"]
    assert reads == ["northfield-rambles.yaml"]


def test_changing_assetdir_yaml_reads_everything_again(sample, reads, monkeypatch):
    monkeypatch.chdir(sample)
    write_group(
        sample, "hillside-lunch", VALID.replace("area: northfield", "area: hillside").replace("Northfield", "Hillside")
    )
    result = run("search", "--format", "ids", "hillside")
    assert result.exit_code == 1  # its area is not in assetdir.yaml
    assert "groups/hillside-lunch.yaml" in result.stderr
    reads.clear()

    settings = sample / "assetdir.yaml"
    settings.write_text(
        settings.read_text().replace(
            "  south-ashbury: South Ashbury\n", "  south-ashbury: South Ashbury\n  hillside: Hillside\n"
        )
    )
    assert search_ids(sample, "--area", "Hillside") == ["hillside-lunch"]
    assert len(reads) == 49
    reads.clear()
    assert search_ids(sample, "hillside") == ["hillside-lunch"]
    assert reads == []
    assert run("validate").exit_code == 0


def test_synonyms_added_to_assetdir_yaml_take_effect_at_once(sample):
    result = run("search", "--dir", str(sample), "yarn")
    assert result.exit_code == 1
    with open(sample / "assetdir.yaml", "a", encoding="utf-8") as f:
        f.write("synonyms:\n  yarn: [knit]\n")
    assert search_ids(sample, "yarn") == ["northfield-knit-and-natter"]


def test_same_size_with_an_older_mtime_is_seen(sample, reads):
    path = sample / "groups" / "riverside" / "riverside-coffee-and-games.yaml"
    assert search_ids(sample, "dominoes") == ["riverside-coffee-and-games"]
    before = path.stat()
    text = path.read_text()
    assert "Dominoes" in text
    path.write_text(text.replace("Dominoes", "Skittles"))  # same length
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns - 3 * 10**9))  # set back, as a restore or checkout may
    assert path.stat().st_size == before.st_size
    reads.clear()
    assert search_ids(sample, "skittles") == ["riverside-coffee-and-games"]
    assert reads == ["riverside-coffee-and-games.yaml"]
    assert run("search", "--dir", str(sample), "dominoes").exit_code == 1


# --- a missing, damaged or old index changes nothing ---------------------------------------


def test_deleting_the_index_changes_no_result(sample):
    first = answers(sample)
    assert index_file(sample).is_file()
    again = answers(sample)
    assert again == first
    shutil.rmtree(sample / ".assetdir")
    assert answers(sample) == first
    assert index_file(sample).is_file()


def said_rebuilt_once(after: list[tuple[int, str, str]], first: list[tuple[int, str, str]]) -> None:
    """The same answers, the first command adding one line: the index was rebuilt."""
    (code, out, err), (first_code, first_out, first_err) = after[0], first[0]
    assert (code, out) == (first_code, first_out)
    extra = err.replace(first_err, "", 1)
    assert extra.startswith("Note: the index (") and "rebuilt" in extra and extra.count("\n") == 1, err
    assert after[1:] == first[1:]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"this is not a database, it is garbage\x00\xff" * 300), id="garbage"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:1000]), id="truncated"),
        pytest.param(lambda p: p.write_bytes(os.urandom(8192)), id="random"),
    ],
)
def test_a_corrupt_index_is_rebuilt_and_said_once(sample, reads, damage):
    first = answers(sample)
    damage(index_file(sample))
    reads.clear()
    said_rebuilt_once(answers(sample), first)  # same results; one line says it was rebuilt
    reads.clear()
    assert answers(sample) == first
    assert reads == []  # rebuilt on disk: the next commands read nothing again


def test_an_empty_index_is_built_without_a_word(sample, reads):
    first = answers(sample)
    index_file(sample).write_bytes(b"")  # an empty file is an empty database: nothing is damaged
    assert answers(sample) == first


def test_an_index_damaged_inside_is_rebuilt_too(sample, reads):
    first = answers(sample)
    path = index_file(sample)
    data = bytearray(path.read_bytes())
    for i in range(200, len(data), 7):  # the header survives, the pages do not
        data[i] = 0x5A
    path.write_bytes(bytes(data))
    said_rebuilt_once(answers(sample), first)
    reads.clear()
    assert answers(sample) == first
    # it should have been rebuilt, not left broken so that every command reads every file
    assert reads == []


@pytest.mark.parametrize("version", [0, 1, index_module.SCHEMA_VERSION - 1, index_module.SCHEMA_VERSION + 1])
def test_an_old_index_is_rebuilt_without_a_word(sample, reads, version):
    first = answers(sample)
    conn = sqlite3.connect(index_file(sample))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    reads.clear()
    assert answers(sample) == first
    assert len(reads) == 48  # everything read again
    conn = sqlite3.connect(index_file(sample))
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == index_module.SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 48
    finally:
        conn.close()


def test_an_index_of_another_shape_is_rebuilt(sample):
    first = answers(sample, "--no-cache")
    folder = sample / ".assetdir"
    folder.mkdir()
    conn = sqlite3.connect(folder / "index.sqlite3")
    conn.executescript(
        "CREATE TABLE files (path TEXT, blob BLOB); CREATE TABLE fts (x); INSERT INTO files VALUES ('a', 'b');"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert answers(sample) == first


# --- where the index lives ------------------------------------------------------------------


def cached_indexes(cache: Path) -> list[Path]:
    return sorted(cache.glob("assetdir/*/index.sqlite3"))


def test_unwritable_folder_falls_back_to_the_user_cache(sample, tmp_path, monkeypatch, reads):
    first = answers(sample, "--no-cache")
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    folder = sample / ".assetdir"
    folder.mkdir()
    folder.chmod(0o500)
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # root may write anywhere: say what a user would be told
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    try:
        reads.clear()
        assert answers(sample) == first
        assert len(reads) == 48
        assert not (folder / "index.sqlite3").exists()
        assert len(cached_indexes(cache)) == 1
        reads.clear()
        assert answers(sample) == first
        assert reads == []  # the cache folder's index is used and kept up to date
        path = sample / "groups" / "northfield" / "northfield-lunch-club.yaml"
        path.write_text(path.read_text().replace("Northfield Lunch Club", "Northfield Dinner Club"))
        assert search_ids(sample, "dinner")[0] == "northfield-lunch-club"
        assert reads == ["northfield-lunch-club.yaml"]
    finally:
        folder.chmod(0o700)


def test_index_location_falls_back_when_the_folder_cannot_be_made(sample, tmp_path, monkeypatch):
    first = answers(sample, "--no-cache")
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    (sample / ".assetdir").write_text("a file where the folder would go\n")
    assert place.location(sample).is_relative_to(cache)
    assert answers(sample) == first
    assert len(cached_indexes(cache)) == 1
    assert (sample / ".assetdir").read_text() == "a file where the folder would go\n"


def test_no_usable_index_anywhere_still_answers(sample, tmp_path, monkeypatch):
    first = answers(sample, "--no-cache")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    (sample / ".assetdir").write_text("x")
    assert answers(sample) == first


def test_two_directories_have_two_cached_indexes(tmp_path, monkeypatch):
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    roots = []
    for name in ("one", "two"):
        root = tmp_path / name
        shutil.copytree(REPO / "groups", root / "groups")
        shutil.copy(REPO / "assetdir.yaml", root / "assetdir.yaml")
        (root / ".assetdir").write_text("x")
        roots.append(root)
    (roots[1] / "groups" / "eastgate" / "eastgate-tai-chi.yaml").unlink()
    assert search_ids(roots[0], "tai", "chi") == ["eastgate-tai-chi"]
    assert run("search", "--dir", str(roots[1]), "tai", "chi").exit_code == 1
    assert search_ids(roots[0], "tai", "chi") == ["eastgate-tai-chi"]
    assert len(cached_indexes(cache)) == 2


# --- --no-cache ---------------------------------------------------------------------------


def test_no_cache_gives_the_same_answers_and_writes_no_index(sample):
    fresh = answers(sample, "--no-cache")
    assert not (sample / ".assetdir").exists()
    assert answers(sample) == fresh
    assert (sample / ".assetdir").exists()


@pytest.mark.parametrize("fmt", ["ids", "text", "csv", "json", "table"])
def test_no_cache_writes_no_index_in_any_format(sample, fmt):
    result = run("search", "--dir", str(sample), "--no-cache", "--format", fmt, "lunch")
    assert result.exit_code == 0
    assert not (sample / ".assetdir").exists()


def test_no_cache_reads_the_files_even_when_the_index_cannot_tell(sample):
    path = sample / "groups" / "riverside" / "riverside-coffee-and-games.yaml"
    assert search_ids(sample, "dominoes") == ["riverside-coffee-and-games"]
    before = path.stat()
    path.write_text(path.read_text().replace("Dominoes", "Skittles"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert search_ids(sample, "--no-cache", "skittles") == ["riverside-coffee-and-games"]


def test_no_directory_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ASSETDIR_DIR", raising=False)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: no directory here: no assetdir.yaml in . or above it, and no groups folder; "
        "run 'assetdir init' to start one, or give --dir PATH"
    )


def test_directory_found_by_walking_up_and_by_environment(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(sample / "groups" / "northfield")
    assert run("show", "northfield-lunch-club").exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = run("show", "northfield-lunch-club", env={"ASSETDIR_DIR": str(sample)})
    assert result.exit_code == 0 and result.stdout.startswith("Northfield Lunch Club")


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
