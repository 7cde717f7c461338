"""A merge killed part-way leaves every file as it was or fully new, never half-written."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, VALID, run

sys.path.insert(0, str(REPO / "bench"))
from generate import generate
from run import merge_source

pytestmark = pytest.mark.slow


def group_files(root: Path) -> dict[str, str]:
    """Every group file (hidden temporary files are not group files)."""
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((root / "groups").rglob("*.yaml"))
        if not p.name.startswith(".")
    }


def make_source(root: Path) -> Path:
    """The same groups, some changed, some under other ids, one with its partner gone, and 20 new."""
    source = merge_source(300, root)
    for i in range(20):
        text = VALID.replace("Northfield Lunch Club", f"Quite Another Circle {i}").replace(
            "01632 960123", f"07700 9009{i:02d}"
        )
        (source / "groups" / f"another-circle-{i}.yaml").write_text(text, encoding="utf-8")
    next((source / "groups").rglob("eastgate-asian-womens-wellbeing-1*.yaml")).unlink()
    return source


def merge(target: Path, source: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "assetdir",
        "merge",
        str(source),
        "--write",
        "--prefer",
        "theirs",
        "--dir",
        str(target),
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_killed_merge_leaves_each_file_old_or_new(tmp_path):
    base = generate(300, tmp_path / "base")
    source = make_source(tmp_path / "source")
    old = group_files(base)

    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    start = time.perf_counter()
    process = merge(reference, source)
    _, err = process.communicate(timeout=300)
    took = time.perf_counter() - start
    assert process.returncode == 0, err.decode()
    new = group_files(reference)
    assert run("validate", "--no-cache", "--dir", str(reference)).exit_code == 0
    changed = [rel for rel in new if old.get(rel) != new[rel]]
    assert len(changed) > 100 and len(set(new) - set(old)) >= 10  # enough writes to stop among them

    outcomes = []
    for attempt in range(6):
        target = tmp_path / f"killed-{attempt}"
        shutil.copytree(base, target)
        process = merge(target, source)
        time.sleep(random.uniform(0.4 * took, 1.05 * took))
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = group_files(target)
        for rel, text in found.items():
            assert text in (old.get(rel), new.get(rel)), f"{rel} is neither the old nor the new version"
        assert set(old) <= set(found), "a group file went missing"
        outcomes.append(sum(found.get(rel) == new[rel] for rel in changed))
    # every file was either version; say how far the runs got, for whoever reads a failure
    print(f"files new when killed (of {len(changed)}): {outcomes}")
