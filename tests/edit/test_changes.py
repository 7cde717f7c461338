"""assetdir.edit.changes: a change is checked before it is written, only inside the directory, and never over a
file changed since it was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.edit import changes
from assetdir.problems import AssetdirError
from assetdir.store.directory import open_directory
from conftest import VALID


def test_nothing_is_written_outside_the_directory(tiny, tmp_path: Path):
    directory = open_directory(tiny, cache=False)
    outside = tmp_path / "elsewhere.yaml"
    with pytest.raises(AssetdirError, match="outside the directory"):
        changes.apply(directory, [changes.Change(outside, None, VALID)])
    assert not outside.exists()


def test_apply_refuses_a_file_changed_since_it_was_read(tiny):
    directory = open_directory(tiny, cache=False)
    path = next(tiny.rglob("*.yaml"))
    new_file = tiny / "groups" / "new-group.yaml"
    planned = [changes.Change(new_file, None, VALID), changes.Change(path, "not what is there", VALID)]
    with pytest.raises(AssetdirError, match="changed while this ran"):
        changes.apply(directory, planned)
    assert not new_file.exists()


def test_check_text_names_the_file_and_problem(tiny):
    directory = open_directory(tiny, cache=False)
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    with pytest.raises(AssetdirError, match=r"northfield-lunch-club.yaml:3:.*lunch-clubb.*nothing written"):
        changes.check_text(directory, path, VALID.replace("lunch-club", "lunch-clubb"))
