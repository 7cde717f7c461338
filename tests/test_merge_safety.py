"""Writing a merge: never stopped by the reader of its output, never left half-done unsaid."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO

runner = CliRunner()
FIXTURES = REPO / "tests" / "fixtures" / "merge"
KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(FIXTURES / "ours", tmp_path / "ours")
    shutil.copytree(FIXTURES / "theirs", tmp_path / "theirs")
    return tmp_path / "ours", tmp_path / "theirs"


def closed_reader(*args: str) -> subprocess.CompletedProcess:
    """Run assetdir with its output read by nobody (as `| head` does once it has enough)."""
    process = subprocess.Popen([sys.executable, "-m", "assetdir", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
