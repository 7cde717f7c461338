"""`assetdir gaps`: plain columns when piped, and an output file needs a known ending."""

from __future__ import annotations

from conftest import WIDE, run, write_group
from query.networks import group_yaml, new_directory

from .conftest import ok


def test_gaps_piped_is_plain_text_and_output_needs_a_known_ending(tmp_path):
    root = new_directory(tmp_path)
    write_group(root, "northfield-cafe", group_yaml("Northfield Cafe", "northfield"))
    plain = ok(root, "gaps", "--by", "day").stdout
    assert "┃" not in plain and "│" not in plain
    assert plain.splitlines()[1].split() == [
        "Area",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Total",
    ]
    refused = run("gaps", "-o", str(tmp_path / "gaps.txt"), root=root, env=WIDE)
    assert refused.exit_code == 1 and "give a file ending in .html, .json or .csv" in refused.stderr
    assert not (tmp_path / "gaps.txt").exists()
    missing = run("gaps", "-o", str(tmp_path / "no-such-folder" / "gaps.html"), root=root, env=WIDE)
    assert missing.exit_code == 1 and not (tmp_path / "no-such-folder").exists()
