"""The README documents every command and every problem code the code can emit."""

import re

import pytest
import typer

from assetdir.cli import app
from assetdir.problems import CODES
from conftest import REPO

COMMANDS = sorted(typer.main.get_command(app).commands)

README = (REPO / "README.md").read_text(encoding="utf-8")
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "assetdir").rglob("*.py")))

CODE_PATTERNS = [
    r'fail\(\s*"([a-z0-9-]+)"',
    r'FileProblem\(\s*"([a-z0-9-]+)"',
    r'_problem_at\(\s*\w+,\s*"([a-z0-9-]+)"',
    r'"(?:error|warning)", "([a-z0-9-]+)"',
    r'\), "([a-z0-9-]+)", f?"',  # rules: ((field,), "code", "message")
    r'code = "(unknown)-"',
]


def emitted_codes() -> set[str]:
    codes = {m for pattern in CODE_PATTERNS for m in re.findall(pattern, SOURCE)}
    codes -= {"unknown", "error", "warning"}
    # unknown-<kind> codes are built from the vocabulary kinds
    codes |= {"unknown-category", "unknown-audience", "unknown-accessibility", "unknown-asset"}
    # pydantic's own errors are mapped onto these
    return codes | {"wrong-type", "bad-value", "missing-field", "unknown-key"}


def test_code_patterns_find_the_codes():
    codes = emitted_codes()
    assert {"bad-postcode", "alias-bomb", "duplicate-id", "end-before-start", "due-for-review", "lat-without-lon"} <= codes


@pytest.mark.parametrize("code", sorted(emitted_codes()))
def test_every_problem_code_the_code_emits_is_in_the_table(code):
    assert code in CODES


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_problem_code_is_documented(code):
    table = README.split("## Problem codes")[1].split("\n## ")[0]
    assert f"`{code}`" in table


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_readme_section_with_an_example(command):
    assert f"### `assetdir {command}" in README
    assert re.search(rf"^(\$ )?assetdir {command}\b", README, re.MULTILINE), f"no example of {command}"


def test_commands_are_registered():
    assert set(COMMANDS) >= {"validate", "show", "new", "init", "schema"}


def test_changelog_has_unreleased_section():
    assert (REPO / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()[2] == "## Unreleased"
