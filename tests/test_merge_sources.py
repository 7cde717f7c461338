"""`assetdir merge SOURCE`: a SOURCE that is not another directory is refused, saying what it is."""

from __future__ import annotations

import pytest

from conftest import REPO, run

FIXTURES = REPO / "tests" / "fixtures" / "merge"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "../theirs/assetdir.yaml",
            "Error: ../theirs/assetdir.yaml is a file; SOURCE must be a directory with assetdir.yaml (perhaps ../theirs)",
        ),
        ("../nowhere", "Error: ../nowhere: no such folder; SOURCE must be a directory with assetdir.yaml"),
        (
            "groups",
            "Error: groups is a folder inside this directory; SOURCE must be a directory with assetdir.yaml, another than this one",
        ),
        ("../theirs/groups", "Error: SOURCE must be a directory with assetdir.yaml: ../theirs/groups has none"),
        (".", "Error: . is this directory; name another directory to merge in"),
    ],
)
def test_a_source_that_is_not_another_directory_is_refused(pair, source, message):
    result = run("merge", source)
    assert result.exit_code == 1
    assert result.output.strip() == message


def test_this_directory_is_named_as_typed(pair):
    ours, _ = pair
    result = run("merge", str(ours))
    assert result.output.strip() == f"Error: {ours} is this directory; name another directory to merge in"


def test_a_source_with_broken_settings_is_merged_with_a_warning(pair):
    _, theirs = pair
    (theirs / "assetdir.yaml").write_text("areas: [northfield\n", encoding="utf-8")
    result = run("merge", "../theirs")
    assert result.exit_code == 0, result.output
    assert "Warning: ../theirs/assetdir.yaml:1:" in result.output
    assert "the settings of ../theirs cannot be used" in result.output


def test_usage_shows_that_several_sources_may_be_given():
    result = run("merge", "--help")
    assert "SOURCE..." in result.output
