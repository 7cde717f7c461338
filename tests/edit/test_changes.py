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


def test_many_new_files_are_written_in_batches_each_whole(tiny, monkeypatch):
    directory = open_directory(tiny, cache=False)
    syncs = []
    monkeypatch.setattr("os.sync", lambda: syncs.append(1))
    new = [
        changes.Change(tiny / "groups" / f"group-{n}.yaml", None, VALID.replace("Northfield", f"N{n}"))
        for n in range(450)
    ]
    changes.apply(directory, new)
    assert len(syncs) == 3  # batches of 200: the disk synced once each, before any file of it is linked in
    assert all(c.path.read_text() == c.new for c in new)
    assert [p.name for p in (tiny / "groups").iterdir() if p.name.endswith(".tmp")] == []


def test_a_batch_stopped_part_way_says_what_was_done(tiny, monkeypatch):
    import os

    directory = open_directory(tiny, cache=False)
    new = [changes.Change(tiny / "groups" / f"group-{n}.yaml", None, VALID) for n in range(5)]
    real = os.link

    def link(src, dst):
        if str(dst).endswith("group-3.yaml"):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr("os.link", link)
    with pytest.raises(AssetdirError, match=r"group-3.yaml: No space left on device; stopped part-way. Done: "):
        changes.apply(directory, new)
    assert sorted(p.name for p in (tiny / "groups").iterdir()) == [
        "group-0.yaml", "group-1.yaml", "group-2.yaml", "northfield-lunch-club.yaml"]  # fmt: skip
