"""The import fixtures, and the words of the sample directory to match records against."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import REPO, TODAY

FIXTURES = REPO / "tests" / "fixtures" / "import"


@pytest.fixture
def fit():
    from assetdir.sources.mapping import Fit
    from assetdir.store.directory import open_directory

    directory = open_directory(REPO, cache=False)
    return Fit(dict(directory.areas), directory.vocabulary, {"natter": ["knit", "chat"]}, "GB", TODAY)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """The council spreadsheet as an .xlsx, made by the script beside the fixtures."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_xlsx", FIXTURES / "make_xlsx.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    path = tmp_path / "council-groups.xlsx"
    module.make(str(path))
    return path


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
