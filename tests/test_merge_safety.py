"""Writing a merge: never stopped by the reader of its output, never left half-done unsaid."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assetdir.edit import writes
from conftest import REPO, files, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"
KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"


def closed_reader(*args: str) -> subprocess.CompletedProcess:
    """Run assetdir with its output read by nobody (as `| head` does once it has enough)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "assetdir", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # type: ignore[union-attr]
    _, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(args, process.returncode, "", err.decode())


def test_merge_groups_write_is_made_when_nobody_reads_the_plan(pair):
    ours, _ = pair
    result = closed_reader("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.returncode == 0, result.stderr
    assert not (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()
    assert "Wrote " in result.stderr


def test_merge_write_is_made_when_nobody_reads_the_plan(pair):
    ours, theirs = pair
    before = {p.name for p in (ours / "groups").rglob("*.yaml")}
    result = closed_reader("merge", str(theirs), "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (ours / "groups").rglob("*.yaml")} > before


def test_a_file_that_cannot_be_written_stops_the_merge_before_anything_is_written(pair):
    ours, _ = pair
    locked = ours / "groups" / "eastgate" / "eastgate-walking-group.yaml"  # a partner to rewire
    before = files(ours)
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert result.exit_code == 1
    assert "eastgate-walking-group.yaml: cannot be changed" in result.output
    assert ".tmp" not in result.output
    assert files(ours) == before


def test_a_write_failing_part_way_says_what_was_and_was_not_written(pair, monkeypatch):
    ours, _ = pair
    monkeypatch.chdir(ours)

    real = writes.write_atomic
    calls = []

    def failing(path, text, **how):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        real(path, text, **how)

    monkeypatch.setattr(writes, "write_atomic", failing)
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert f"{calls[1].name}: No space left on device; stopped part-way" in message
    done, not_done = message.split("Done: ")[1].split("Not done: ")
    assert calls[0].name in done and calls[1].name not in done
    assert calls[1].name in not_done and f"{OTHER}.yaml" in not_done
    assert f"git checkout -- {calls[0].relative_to(ours)}`" in message  # run from inside the directory
    assert (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()
    monkeypatch.setattr(writes, "write_atomic", real)  # the cause fixed: the same command finishes it
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(ours))
    assert result.exit_code == 0, result.output
    assert not (ours / "groups" / "northfield" / f"{OTHER}.yaml").exists()
