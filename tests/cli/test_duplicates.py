"""`assetdir duplicates`: the likely pairs with their files, as text and JSON, the index and a fresh read
agreeing, broken files left out with a warning, names shown escaped."""

from __future__ import annotations

import json

import pytest

from assetdir.query import duplicates
from conftest import run, write_group
from export.controls import NAME
from query.duplicate_groups import group

from .hostile import shown


def test_the_bundled_sample_has_no_likely_duplicates(sample):
    result = run("duplicates", root=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "No likely duplicates (score 60 or more) among 48 groups\n"


def test_a_renamed_copy_in_the_sample_is_found_with_its_files(sample):
    write_group(
        sample,
        "the-northfield-luncheon-club",
        group("The Northfield Luncheon Club!", phone="+44 1632 960110", postcode="as24dl"),
        "northfield",
    )
    result = run("duplicates", root=sample)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "100  Northfield Lunch Club (northfield-lunch-club, "
        + str(sample / "groups/northfield/northfield-lunch-club.yaml")
        + ")"
    )
    assert lines[1].startswith("     The Northfield Luncheon Club! (the-northfield-luncheon-club, ")
    assert lines[2] == "     same phone 01632 960110; same postcode AS2 4DL and same name"
    assert result.stderr == "1 likely duplicate pair (score 60 or more)\n"


def test_json_output_is_documented_shape(sample):
    write_group(
        sample,
        "riverside-widowers",
        group("Riverside Widowers Group", area="riverside", phone="01632 960108"),
        "riverside",
    )
    result = run("duplicates", "--format", "json", "--no-cache", root=sample)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["min_score"] == 60 and data["total"] == 1
    [pair] = data["pairs"]
    assert pair["a"] == {
        "id": "riverside-widowers",
        "name": "Riverside Widowers Group",
        "area": "riverside",
        "status": "active",
        "file": "groups/riverside/riverside-widowers.yaml",
    }
    assert pair["b"]["id"] == "riverside-widowers-group" and pair["b"]["status"] == "do-not-list"
    assert pair["reasons"][0] == "same phone 01632 960108"
    assert pair["reasons"][-1] == "riverside-widowers-group is do-not-list"
    assert 60 <= pair["score"] <= 100


def test_min_score_and_limit(sample):
    result = run("duplicates", "--min-score", "45", "--limit", "2", "--format", "json", root=sample)
    data = json.loads(result.stdout)
    assert data["total"] == 4 and len(data["pairs"]) == 2
    assert [p["score"] for p in data["pairs"]] == sorted((p["score"] for p in data["pairs"]), reverse=True)
    assert result.stderr == "4 likely duplicate pairs (score 45 or more), showing 2 (and 2 more: --limit 0 shows all)\n"
    assert run("duplicates", "--min-score", "101", root=sample).exit_code == 2


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_broken_files_are_left_out_with_a_warning(tiny, cache):
    write_group(tiny, "broken", "name: [\n")
    write_group(tiny, "the-northfield-luncheon-club", group("The Northfield Luncheon Club", phone="01632 960123"))
    result = run("duplicates", *cache, root=tiny)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: left out, with problems: ")
    assert "broken.yaml; run `assetdir validate` to see them\n" in result.stderr
    assert "northfield-lunch-club" in result.stdout and "same phone 01632 960123" in result.stdout


def test_the_index_and_a_fresh_read_give_the_same_answer(sample):
    write_group(
        sample,
        "the-northfield-luncheon-club",
        group("The Northfield Luncheon Club!", phone="+44 1632 960110", postcode="as24dl"),
        "northfield",
    )
    indexed = run("duplicates", "--format", "json", "--min-score", "30", root=sample)
    assert indexed.exit_code == 0
    assert (
        run("duplicates", "--format", "json", "--min-score", "30", "--no-cache", root=sample).stdout == indexed.stdout
    )
    assert json.loads(indexed.stdout)["total"] > 10


def test_text_marks_a_closed_or_unlisted_group(sample):
    write_group(
        sample, "widowers", group("Riverside Widowers Group", area="riverside", phone="01632 960108"), "riverside"
    )
    lines = run("duplicates", root=sample).stdout.splitlines()
    assert lines[0].startswith("100  Riverside Widowers' Group [do-not-list] (riverside-widowers-group, ")
    assert lines[1].startswith("     Riverside Widowers Group (widowers, ")
    assert (
        lines[2] == "     same phone 01632 960108; same name in the same area; riverside-widowers-group is do-not-list"
    )


def test_the_command_default_is_the_core_default():
    from assetdir.cli.commands.duplicates import DEFAULT_MIN_SCORE

    assert DEFAULT_MIN_SCORE == duplicates.DEFAULT


def test_duplicates_shows_both_names_escaped(hostile):
    out = shown(hostile, "duplicates", "--min-score", "1")
    assert NAME in out and "Evil \\x1b]0;pwned\\x07 Club (evil-two" in out


def test_limit_0_shows_all_up_to_the_most_kept(sample, monkeypatch):
    for id_, phone in (("the-northfield-luncheon-club", "+44 1632 960110"), ("northfield-lunch-club-2", "01632960110")):
        write_group(sample, id_, group("The Northfield Luncheon Club!", phone=phone, postcode="as24dl"), "northfield")
    result = run("duplicates", "--limit", "0", root=sample)
    assert result.exit_code == 0, result.output
    assert result.stderr == "3 likely duplicate pairs (score 60 or more)\n"
    monkeypatch.setattr(duplicates, "MOST_KEPT", 2)
    result = run("duplicates", "--limit", "0", "--format", "json", root=sample)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 3 and len(data["pairs"]) == 2
    assert result.stderr == (
        "3 likely duplicate pairs (score 60 or more), showing the 2 most likely (at most 2 are shown; raise --min-score)\n"
    )
