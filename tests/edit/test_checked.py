"""assetdir.edit.checked: recording a check changes last_checked and checked_by and nothing else, tabs and comments too."""

from __future__ import annotations

import datetime as dt

from assetdir import yamltext
from assetdir.edit.checked import record_check, set_top_level
from assetdir.store.directory import find_directory, open_directory
from conftest import TODAY, VALID, write_group

from .tabs import CANONICAL, accepted, single_tabs


def test_record_check_library(tiny):
    directory = find_directory(tiny)
    path, day = record_check(directory, "northfield-lunch-club", "2026-11-01", "Visit", TODAY)
    assert path == tiny / "groups" / "northfield-lunch-club.yaml" and day == dt.date(2026, 11, 1)
    assert path.read_text(encoding="utf-8") == VALID.replace(
        "last_checked: 2026-10-01\n", "last_checked: 2026-11-01\nchecked_by: Visit\n"
    )


def test_set_top_level_keeps_indented_comment_lines():
    text = "name: X\nlast_checked: 2026-10-01\n  # ask Jean next time\n\n# private below\nprivate:\n  notes: y\n"
    assert set_top_level(text, {"last_checked": "2026-11-27"}) == text.replace("2026-10-01", "2026-11-27")


def test_checked_handles_one_tab_anywhere_validate_accepts_it(folder):
    directory = open_directory(folder, cache=False)
    for text in single_tabs(CANONICAL):
        if not accepted(folder, text):
            continue
        path = write_group(folder, "probe", text)
        record_check(directory, "probe", "2026-11-02", "Phone call", TODAY)
        after = path.read_text(encoding="utf-8")
        assert yamltext.parse(after) == {
            **yamltext.parse(text),
            "last_checked": "2026-11-02",
            "checked_by": "Phone call",
        }
