"""What a merge copies into a file is written as `fmt` would write it; the rest is left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"
KEEP, OTHER = "northfield-lunch-club", "northfield-luncheon-club"
SESSION = '  - days: [tuesday]\n    start: "12:00"\n    end: "14:00"\n'


def test_sessions_and_venue_fields_copied_in_are_in_canonical_form(tmp_path: Path):
    root = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", root)
    keep = root / "groups" / "northfield" / f"{KEEP}.yaml"
    other = root / "groups" / "northfield" / f"{OTHER}.yaml"
    text = keep.read_text(encoding="utf-8").replace("sessions:\n" + SESSION, "")
    keep.write_text(
        text.replace("    accessibility: [step-free]\n", "    transport: Bus 11 stops outside\n"), encoding="utf-8"
    )
    other_text = other.read_text(encoding="utf-8")
    assert SESSION in other_text
    other.write_text(
        other_text.replace(SESSION, "  - note: Not in August\n    days: [tuesday]\n    start: 12:00\n    end: 3pm\n"),
        encoding="utf-8",
    )
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(root))
    assert result.exit_code == 0, result.output
    merged = keep.read_text(encoding="utf-8")
    assert '  - days: [tuesday]\n    start: "12:00"\n    end: "15:00"\n    note: Not in August\n' in merged
    assert "    accessibility: [" in merged.split("    transport:")[0]
    check = run("fmt", "--check", "--dir", str(root), str(keep))
    assert check.exit_code == 0, check.output + merged


def test_when_other_was_the_only_partner_the_partners_key_goes(tmp_path: Path):
    root = tmp_path / "ours"
    shutil.copytree(FIXTURES / "ours", root)
    keep = root / "groups" / "northfield" / f"{KEEP}.yaml"
    other = root / "groups" / "northfield" / f"{OTHER}.yaml"
    keep.write_text(
        keep.read_text(encoding="utf-8").replace("partners: [northfield-memory-cafe]", f"partners: [{OTHER}]"),
        encoding="utf-8",
    )
    other.write_text(
        "".join(
            line
            for line in other.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("partners:")
        ),
        encoding="utf-8",
    )
    result = run("merge-groups", KEEP, OTHER, "--prefer", "ours", "--write", "--dir", str(root))
    assert result.exit_code == 0, result.output
    merged = keep.read_text(encoding="utf-8")
    assert "partners" not in merged
    assert "\nlast_checked: 2026-09-14\n" in merged
