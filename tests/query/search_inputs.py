"""What the search tests share: a copy of the sample read by a whole module, and words that mean something
to a search engine or to Unicode."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import strategies as st

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
