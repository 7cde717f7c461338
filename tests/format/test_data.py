"""assetdir.format.data: a group as plain data (what the index keeps) and rebuilt from it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assetdir.format.data import as_data, rebuild
from assetdir.store.directory import open_directory
from assetdir.store.validate import load
from conftest import REPO, TODAY

FIXTURE = REPO / "tests" / "fixtures" / "export"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    target = tmp_path / "small"
    shutil.copytree(FIXTURE, target)
    return target


def test_rebuild_from_the_index_equals_the_checked_model(sample, small):
    for root in (sample, small):
        for id_, group in load(open_directory(root), TODAY).groups.items():
            data = as_data(group)
            assert rebuild(as_data(group)) == group, id_
            assert as_data(rebuild(as_data(group))) == data
            if '"x-' not in json.dumps(data):
                assert rebuild(as_data(group), extensions=False) == group, id_
