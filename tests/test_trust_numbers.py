"""An integer too long for Python to turn into text is a problem of its file, not a crash."""

from __future__ import annotations

import json

import pytest

from conftest import VALID, run, write_group

HUGE = "9" * 5000


@pytest.fixture
def huge(tiny):
    write_group(tiny, "eastgate-lunch", VALID.replace("Northfield Lunch", "Eastgate Lunch") + f"x-big: {HUGE}\n")
    return tiny


def test_validate_reports_the_file_and_checks_the_rest(huge):
    result = run("validate", "--format", "json", "--dir", str(huge))
    assert result.exit_code == 1, result.output
    (problem,) = json.loads(result.stdout)
    assert problem["file"].endswith("eastgate-lunch.yaml")
    assert (problem["line"], problem["code"]) == (15, "bad-value")
    assert "5,000 digits" in problem["message"] and HUGE not in result.output
    assert "2 groups checked: 1 error" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["search", "lunch"],
        ["show", "northfield-lunch-club"],
        ["export"],
        ["stats"],
        ["duplicates"],
        ["fmt", "--check"],
        ["review"],
        ["gaps"],
        ["match"],
        ["partners"],
    ],
)
def test_no_command_crashes_on_it(huge, command):
    result = run(*command, "--dir", str(huge))
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output and HUGE not in result.output


@pytest.mark.parametrize("written", [f"!!int {HUGE}", "0x" + "f" * 5000, f"[{HUGE}]"])
def test_every_way_of_writing_it(tiny, written):
    write_group(tiny, "eastgate-lunch", VALID.replace("Northfield Lunch", "Eastgate Lunch") + f"x-big: {written}\n")
    result = run("validate", "--dir", str(tiny))
    assert result.exit_code == 1 and "bad-value" in result.stdout, result.output


def test_in_the_settings_too(tiny):
    (tiny / "assetdir.yaml").write_text(f"title: Test\nreview_after_months: {HUGE}\nareas:\n  northfield: Northfield\n")
    result = run("validate", "--dir", str(tiny))
    assert result.exit_code == 1 and "assetdir.yaml:2:22: error bad-value" in result.stdout, result.output
