"""What the store's tests share: the YAML test suite's directory and its problem check; the tabs' folder."""

from __future__ import annotations

import pytest

from assetdir.store.directory import open_directory
from conftest import KNOWN_CODES
from edit.tabs import folder  # noqa: F401  (fixtures)


def check_problems(problems, text_lines: int) -> None:
    for p in problems:
        assert p.code in KNOWN_CODES, p
        assert p.severity in ("error", "warning"), p
        assert 1 <= p.line <= text_lines + 1, p
        assert p.column >= 1, p
        assert p.message.strip(), p


@pytest.fixture(scope="module")
def suite_directory(tmp_path_factory):
    root = tmp_path_factory.mktemp("suite")
    (root / "groups").mkdir()
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n  eastgate: Eastgate\n", encoding="utf-8")
    return open_directory(root)
