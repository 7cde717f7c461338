"""Fixtures the command-line tests share: sample copies, hostile and broken directories, networks."""

import os
from pathlib import Path

import pytest

from conftest import VALID, WIDE, run, write_group
from export.controls import evil  # noqa: F401  (fixtures)
from query.networks import counted, due, linked, network  # noqa: F401  (fixtures)
from query.search_inputs import ashbury  # noqa: F401  (fixtures)

from .hostile import broken, hostile  # noqa: F401  (fixtures)


def ok(root: Path, *args: str):
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


HUGE = "9" * 5000


@pytest.fixture
def huge(tiny):
    write_group(tiny, "eastgate-lunch", VALID.replace("Northfield Lunch", "Eastgate Lunch") + f"x-big: {HUGE}\n")
    return tiny


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the directory, not in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def bad_name(folder: Path, name: bytes, text: str | None = VALID) -> bytes:
    """A file (or, with no text, a folder) whose name is the bytes given, not UTF-8."""
    path = os.path.join(os.fsencode(folder), name)
    if text is None:
        os.mkdir(path)
    else:
        with open(path, "wb") as f:
            f.write(text.encode("utf-8"))
    return path
