"""Every command that writes a file (fmt, checked, merge-groups, merge, new, init) writes it
the same careful way: inside the directory only, never over a change it did not see, never
over a read-only file, and without leaving copies of a group lying about."""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
from pathlib import Path

import pytest

from assetdir.edit import writes
from conftest import SETTINGS, VALID, run

GROUP = "northfield-lunch-club"

KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"

THEIRS = VALID.replace("Hot two-course lunch", "Hot three-course lunch")  # what another writer saved

CHANGED = ": changed while this ran; nothing written, run it again"


def everything(root: Path) -> dict[str, bytes]:
    """Every file under `root`, hidden ones too, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def litter(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob(".*.tmp"))


def meanwhile(monkeypatch, path: Path, text: str) -> list[int]:
    """Another writer saves `path` after this one has read it, just before this one writes;
    the modes of this writer's temporary files are noted."""
    real, modes = writes._written_beside, []

    def write_first(target: Path, *args, **kwargs):
        if path.exists():
            path.write_text(text, encoding="utf-8")
        tmp = real(target, *args, **kwargs)
        modes.append(stat.S_IMODE(os.stat(tmp if isinstance(tmp, Path) else tmp[0]).st_mode))
        return tmp

    monkeypatch.setattr(writes, "_written_beside", write_first)
    return modes


def test_checked_refuses_when_the_file_changed_under_it(tiny, monkeypatch):
    path = tiny / "groups" / f"{GROUP}.yaml"
    modes = meanwhile(monkeypatch, path, THEIRS)
    result = run("checked", GROUP, "--by", "Phone call", "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml{CHANGED}\n") and len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == THEIRS
    assert modes == [0o600]  # a temporary file holds private values: the owner's alone until renamed
    assert litter(tiny) == []


def test_fmt_refuses_when_the_file_changed_under_it(tiny, monkeypatch):
    path = tiny / "groups" / f"{GROUP}.yaml"  # its postcode is to be put in its normal form
    meanwhile(monkeypatch, path, THEIRS)
    result = run("fmt", "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml{CHANGED}\n") and len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == THEIRS
    assert litter(tiny) == []


def test_merge_groups_refuses_when_the_kept_file_changed_under_it(pair, monkeypatch):
    ours, _ = pair
    keep, other = ours / "groups" / "northfield" / f"{KEEP}.yaml", ours / "groups" / "northfield" / f"{OTHER}.yaml"
    theirs = keep.read_text(encoding="utf-8") + "x-note: added meanwhile\n"
    before = everything(ours)
    meanwhile(monkeypatch, keep, theirs)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write")
    assert result.exit_code == 1
    assert f"{KEEP}.yaml{CHANGED}" in result.output
    assert keep.read_text(encoding="utf-8") == theirs
    assert everything(ours) == {**before, keep.relative_to(ours).as_posix(): theirs.encode()}
    assert other.exists()


def test_merge_groups_does_not_remove_a_duplicate_changed_under_it(pair, monkeypatch):
    ours, _ = pair
    other = ours / "groups" / "northfield" / f"{OTHER}.yaml"
    theirs = other.read_text(encoding="utf-8") + "x-note: added meanwhile\n"
    real = writes.write_atomic

    def then_other_changes(path, text, **how):
        real(path, text, **how)
        other.write_text(theirs, encoding="utf-8")

    monkeypatch.setattr(writes, "write_atomic", then_other_changes)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write")
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"{OTHER}.yaml: changed while this ran; stopped part-way." in message
    assert other.read_text(encoding="utf-8") == theirs


@pytest.fixture(params=["relative", "absolute"])
def outside(request, tmp_path: Path) -> tuple[Path, Path]:
    """A directory whose assetdir.yaml points `groups:` at a folder outside it."""
    root, elsewhere = tmp_path / "dir", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    groups = "../elsewhere" if request.param == "relative" else str(elsewhere)
    (root / "assetdir.yaml").write_text(SETTINGS + f"groups: {groups}\n", encoding="utf-8")
    (elsewhere / "northfield").mkdir()
    (elsewhere / f"{GROUP}.yaml").write_text(VALID, encoding="utf-8")
    return root, elsewhere


NEW = ["new", "Eastgate Walks", "--area", "eastgate", "--category", "walking", "--summary", "Walks.", "--venue", "Hall"]


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
def test_no_command_writes_where_groups_points_outside_the_directory(outside, command):
    root, elsewhere = outside
    before = everything(elsewhere)
    result = run(*command, "--dir", str(root))
    assert result.exit_code == 1, result.output
    assert "outside the directory" in result.stderr and len(result.stderr.splitlines()) == 1
    assert "nothing written" in result.stderr
    assert everything(elsewhere) == before


def test_checked_does_not_write_through_a_link_to_outside(tiny, tmp_path):
    target = tmp_path / "elsewhere.yaml"
    target.write_text(VALID.replace("Northfield Lunch Club", "Northfield Lunch Club Elsewhere"), encoding="utf-8")
    link = tiny / "groups" / "northfield-elsewhere.yaml"
    link.symlink_to(target)
    before = target.read_bytes()
    result = run("checked", "northfield-elsewhere", "--dir", str(tiny))
    assert result.exit_code == 1
    assert "outside the directory" in result.stderr and len(result.stderr.splitlines()) == 1
    assert target.read_bytes() == before and link.is_symlink()


def test_checked_refuses_a_read_only_file(tiny):
    path = tiny / "groups" / f"{GROUP}.yaml"
    path.chmod(0o444)
    result = run("checked", GROUP, "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml: cannot be changed (not writable, or locked); nothing written\n")
    assert len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == VALID
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_checked_keeps_the_mode_of_a_file(tiny):
    path = tiny / "groups" / f"{GROUP}.yaml"
    path.chmod(0o640)
    assert run("checked", GROUP, "--dir", str(tiny)).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and "last_checked: 2026-11-27" in path.read_text(encoding="utf-8")


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


def aged(path: Path, text: str = VALID, seconds: int = 3600) -> Path:
    path.write_text(text, encoding="utf-8")
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))
    return path


def test_temporary_files_left_by_a_killed_write_are_removed_by_the_next_write(tiny):
    groups = tiny / "groups"
    stale = [aged(groups / f".{GROUP}.yaml.k3j4h5g6.tmp"), aged(groups / ".eastgate-walks.yaml.a_b1c2d3.tmp")]
    fresh = groups / f".{GROUP}.yaml.zzzzzzzz.tmp"
    fresh.write_text(VALID, encoding="utf-8")  # another writer's, still being written
    held = aged(groups / f".{GROUP}.yaml.hhhhhhhh.tmp")
    others = (".notes.tmp", f"{GROUP}.yaml.abcdefgh.tmp", ".x.yaml.abc.tmp", ".notes.txt.abcdefgh.tmp")
    not_ours = [aged(groups / name) for name in others]
    with held.open("rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a live writer holds it
        result = run("checked", GROUP, "--dir", str(tiny))
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and held.exists() and all(p.exists() for p in not_ours)


def test_new_removes_temporary_files_left_in_its_folder(tiny):
    stale = aged(tiny / "groups" / f".{GROUP}.yaml.k3j4h5g6.tmp")
    result = run(*NEW, "--dir", str(tiny))
    assert result.exit_code == 0, result.output
    assert not stale.exists()


def test_the_folder_is_synced_after_the_rename(tiny, monkeypatch):
    synced = []
    real = os.fsync

    def noting(fd: int) -> None:
        info = os.fstat(fd)
        synced.append((stat.S_ISDIR(info.st_mode), info.st_ino))
        real(fd)

    monkeypatch.setattr(os, "fsync", noting)
    assert run("checked", GROUP, "--dir", str(tiny)).exit_code == 0
    assert synced[-1] == (True, (tiny / "groups").stat().st_ino)


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
