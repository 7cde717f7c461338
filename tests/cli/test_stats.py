"""The network of groups: who can help whom (match), who is due a check (review,
checked), the counts (stats) and the partnerships (partners, show).

Every answer is checked on small directories built here, where the right answer
is known by construction, and the totals on the bundled sample directory too.
"Today" is fixed at 2026-11-27 so the review dates do not drift.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.fixture
def counted(tmp_path: Path) -> Path:
    root = new_directory(tmp_path)
    groups = {
        # freshness boundaries with today 2026-11-27: a check made n months ago is no longer "within n months"
        "northfield-lunch-club": group_yaml(
            "Northfield Lunch Club", "northfield", categories="[lunch-club, meals-food]", last_checked="2026-08-28"
        ),
        "northfield-chair-exercise": group_yaml(
            "Northfield Chair Exercise",
            "northfield",
            categories="[gentle-exercise, tai-chi]",
            last_checked="2026-08-27",
        ),
        "northfield-memory-cafe": group_yaml(
            "Northfield Memory Cafe", "northfield", categories="[memory-cafe]", last_checked="2026-05-28"
        ),
        "eastgate-luncheon-club": group_yaml(
            "Eastgate Luncheon Club", "eastgate", categories="[lunch-club]", last_checked="2026-05-27"
        ),
        "eastgate-tai-chi": group_yaml(
            "Eastgate Tai Chi", "eastgate", categories="[tai-chi]", status="paused", last_checked="2025-11-28"
        ),
        "eastgate-book-club": group_yaml(
            "Eastgate Book Club", "eastgate", categories="[book-club]", last_checked="2025-11-27"
        ),
        "eastgate-knit-and-natter": group_yaml(
            "Eastgate Knit and Natter", "eastgate", categories="[arts-crafts]", status="paused", last_checked=None
        ),
        "eastgate-energy-advice": group_yaml(
            "Eastgate Energy Advice",
            "eastgate",
            categories="[energy-heating]",
            status="closed",
            last_checked="2020-01-01",
        ),
        "eastgate-private-circle": group_yaml(
            "Eastgate Private Circle", "eastgate", status="do-not-list", last_checked=None
        ),
        "eastgate-broken": group_yaml("Eastgate Broken", "eastgate", categories="[lunch-clubb]"),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


def assert_adds_up(counts: dict) -> None:
    assert sum(counts["by_status"].values()) == counts["groups"]
    assert counts["active"] == counts["by_status"].get("active", 0)
    assert sum(counts["by_area"].values()) == counts["active"]
    assert sum(counts["freshness"].values()) == counts["by_status"].get("active", 0) + counts["by_status"].get(
        "paused", 0
    )
    assert sum(counts["by_section"].values()) >= counts["active"]


def test_stats_json_adds_up(counted):
    counts = json.loads(ok(counted, "stats", "--format", "json").stdout)
    assert_adds_up(counts)
    assert counts["freshness"]["never"] == 1


def test_stats_on_sample_adds_up(sample):
    counts = json.loads(ok(sample, "stats", "--format", "json").stdout)
    assert counts["groups"] == len(list((sample / "groups").rglob("*.yaml"))) == 48
    assert_adds_up(counts)
    assert list(counts["by_area"]) == [
        "Town Centre",
        "Northfield",
        "Eastgate",
        "Riverside",
        "Millbrook",
        "South Ashbury",
    ]
    assert "with problems" not in counts["by_status"]


def test_stats_table(counted):
    result = ok(counted, "stats")
    lines = result.stdout.splitlines()
    assert lines[0] == "10 group files, 5 active"
    for title in (
        "By status",
        "Active groups by area",
        "Active groups by section",
        "Details last checked (active and paused)",
    ):
        assert title in lines
    assert "  never                 1" in lines
    result = run("stats", "--format", "csv", root=counted, env=WIDE)
    assert result.exit_code == 2
