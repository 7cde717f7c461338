"""Sessions in a merge plan are described in full, so a conflict shows what differs."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"
KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"
SESSION = '  - days: [tuesday]\n    start: "12:00"\n    end: "14:00"\n'


def setup(tmp_path: Path, keep_extra: str, other_extra: str) -> Path:
    root = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", root)
    for id_, extra in ((KEEP, keep_extra), (OTHER, other_extra)):
        path = root / "groups" / "northfield" / f"{id_}.yaml"
        text = path.read_text(encoding="utf-8")
        assert SESSION in text
        path.write_text(text.replace(SESSION, SESSION + extra), encoding="utf-8")
    return root


def test_a_session_conflict_shows_the_note_and_dates_that_differ(tmp_path):
    root = setup(tmp_path, "", "    note: Not in August\n    until: 2026-12-31\n")
    result = run("merge-groups", KEEP, OTHER, "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert (
        'CONFLICT sessions: ours ["Every Tuesday, 12:00-14:00"], '
        'theirs ["Every Tuesday, 12:00-14:00 (until 31 December 2026). Not in August"]'
    ) in " ".join(result.output.split())


def test_a_session_note_not_kept_is_listed(tmp_path):
    root = setup(tmp_path, "    note: Bring your own cup\n", "    from: 2026-01-05\n")
    result = run("merge-groups", KEEP, OTHER, "--prefer", "theirs", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert 'conflict sessions: kept theirs; not kept: ["Every Tuesday, 12:00-14:00. Bring your own cup"]' in " ".join(
        result.output.split()
    )
