"""The network of groups: who can help whom (match), who is due a check (review,
checked), the counts (stats) and the partnerships (partners, show).

Every answer is checked on small directories built here, where the right answer
is known by construction, and the totals on the bundled sample directory too.
"Today" is fixed at 2026-11-27 so the review dates do not drift.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SETTINGS, WIDE, run, write_group


def ok(root: Path, *args: str):
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def new_directory(tmp_path: Path, settings: str = SETTINGS) -> Path:
    root = tmp_path / "dir"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(settings, encoding="utf-8")
    return root


def group_yaml(
    name: str,
    area: str,
    *,
    summary: str = "Friendly weekly get-together with tea and a chat.",
    categories: str = "[social-group]",
    status: str = "active",
    venues: list[tuple[str, float | None, float | None]] | None = None,
    phone: str = "01632 960100",
    contact_name: str | None = None,
    email: str | None = None,
    offers: list[str | tuple[str, str]] = (),
    needs: list[str | tuple[str, str]] = (),
    partners: list[str] = (),
    last_checked: str | None = "2026-10-01",
    checked_by: str | None = None,
    private: str | None = None,
) -> str:
    """A realistic group file (venues as (name, lat, lon); lat None for no coordinates)."""
    lines = [
        f"name: {json.dumps(name)}",
        f"summary: {summary}",
        f"categories: {categories}",
        f"area: {area}",
        f"status: {status}",
        "venues:",
    ]
    for venue, lat, lon in venues or [(f"{name} Hall", None, None)]:
        lines.append(f"  - name: {json.dumps(venue)}")
        if lat is not None:
            lines += [f"    lat: {lat}", f"    lon: {lon}"]
    lines += ["sessions:", "  - days: [wednesday]", '    start: "10:00"', '    end: "12:00"', "contact:"]
    if contact_name:
        lines.append(f"  name: {contact_name}")
    lines.append(f'  phone: "{phone}"')
    if email:
        lines.append(f"  email: {email}")
    for key, items in (("offers", offers), ("needs", needs)):
        if items:
            lines.append(f"{key}:")
            for item in items:
                if isinstance(item, tuple):
                    lines += [f"  - asset: {item[0]}", f"    note: {item[1]}"]
                else:
                    lines.append(f"  - {item}")
    if partners:
        lines.append(f"partners: [{', '.join(partners)}]")
    if last_checked:
        lines.append(f"last_checked: {last_checked}")
    if checked_by:
        lines.append(f"checked_by: {checked_by}")
    if private:
        lines.append(private)
    return "\n".join(lines) + "\n"


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
