"""assetdir.query.search: any text at all is a query, never an exception."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdir.query.filters import Query
from assetdir.query.search import search, suggestions
from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from conftest import REPO


@pytest.fixture(scope="module")
def ashbury(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled sample directory (as the `sample` fixture makes), shared by
    the tests of this module that only read it, so its index is built once."""
    target = tmp_path_factory.mktemp("ashbury") / "sample"
    target.mkdir()
    shutil.copy(REPO / "assetdir.yaml", target / "assetdir.yaml")
    shutil.copytree(REPO / "groups", target / "groups")
    return target


ODD = [
    '"',
    "'",
    "*",
    "-",
    "--",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "^",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "name:",
    "{name}:",
    "lunch*",
    "-lunch",
    '"lunch',
    "a\"b",
    "🎉",
    "👵🏽",
    "",
    " ",
    "\t",
    "\x00",
    "\\",
    "%",
    "_",
    "'; DROP TABLE files; --",
    "²",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "٣",
    "Ⅻ",
    "\u0301",
    "x" * 300,
    "+",
    "col:name",
    "NEAR(lunch club, 2)",
]

words = st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=20)), max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words)
def test_any_text_never_raises_in_search(ashbury, parts):
    index = Index.open(find_directory(ashbury))
    try:
        found = search(index, Query(" ".join(parts)), 20, dt.date(2026, 10, 29))
        suggestions(index, found.ignored_words)
    finally:
        index.close()
    assert found.total == len(found.rowids)
