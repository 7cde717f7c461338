"""The README documents every command and every problem code the code can emit."""

import ast
import re

import pytest
import typer

from assetdir.cli import app
from assetdir.problems import CODES
from conftest import REPO

COMMANDS = sorted(typer.main.get_command(app).commands)

README = (REPO / "README.md").read_text(encoding="utf-8")
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
# the calls whose first string argument that looks like a code is a problem code
MAKERS = {"Problem", "FileProblem", "fail", "_problem_at", "problem", "at", "_at", "Finding"}


def emitted_codes() -> set[str]:
    """Every problem code written in the source: the code argument of a call that makes a problem,
    and the code of a rule, `((field,), "code", "message")` (found by reading the code, not its layout)."""
    codes: set[str] = set()
    for path in sorted((REPO / "assetdir").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MAKERS:
                    codes |= {
                        a.value
                        for a in node.args
                        if isinstance(a, ast.Constant)
                        and isinstance(a.value, str)
                        and CODE.match(a.value)
                        and a.value not in ("error", "warning")
                    }
            elif isinstance(node, ast.Tuple) and len(node.elts) == 3:
                code = node.elts[1]
                if isinstance(code, ast.Constant) and isinstance(code.value, str) and CODE.match(code.value):
                    if isinstance(node.elts[2], (ast.Constant, ast.JoinedStr)):
                        codes.add(code.value)
    # unknown-<kind> codes are built from the vocabulary kinds
    codes |= {"unknown-category", "unknown-audience", "unknown-accessibility", "unknown-asset"}
    # pydantic's own errors are mapped onto these
    return codes | {"wrong-type", "bad-value", "missing-field", "unknown-key"}


def test_code_patterns_find_the_codes():
    codes = emitted_codes()
    assert {
        "bad-postcode",
        "alias-bomb",
        "duplicate-id",
        "end-before-start",
        "due-for-review",
        "lat-without-lon",
    } <= codes


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
