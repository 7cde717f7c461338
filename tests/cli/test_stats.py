"""`assetdir stats`: the counts add up, as JSON and as a table."""

from __future__ import annotations

import json

from conftest import WIDE, run

from .conftest import ok


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
