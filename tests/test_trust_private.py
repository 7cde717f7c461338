"""Private values stay out of merge plans and problem messages, however the file is laid out."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import SETTINGS, VALID, run, write_group

SECRETS = ("Jean Secret", "07700 900777", "secret@example.org", "Ring after ten")

# the same private block, written in valid but unusual ways
LAYOUTS = {
    "plain": "private:\n  contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n"
    "  notes: Ring after ten\n",
    "quoted-key": '"private":\n  contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n'
    "  notes: Ring after ten\n",
    "space-before-colon": "private :\n  contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n"
    "  notes: Ring after ten\n",
    "explicit-key": "? private\n: contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n"
    "  notes: Ring after ten\n",
    "flow": "private: {contact: {name: Jean Secret, phone: 07700 900777,\n    email: secret@example.org},\n"
    "  notes: Ring after ten}\n",
}


def group(private: str, name: str = "Northfield Lunch Club", indent: int = 0) -> str:
    text = VALID.replace("Northfield Lunch Club", name) + private + "x-ref: A1\n"
    return textwrap.indent(text, " " * indent) if indent else text


def assert_no_secret(result) -> None:
    for secret in SECRETS:
        assert secret not in result.output, result.output


@pytest.mark.parametrize("indent", [0, 3])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_merge_groups_plan_hides_private_values(tmp_path: Path, layout: str, indent: int):
    root = tmp_path / "d"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS)
    write_group(root, "keep", group("private:\n  notes: Another note\n"))
    write_group(root, "other", group(LAYOUTS[layout], "Northfield Luncheon Club", indent))
    assert run("validate", "--dir", str(root)).exit_code == 0
    for args in ([], ["--prefer", "theirs"]):
        result = run("merge-groups", "keep", "other", "--dir", str(root), *args)
        assert result.exit_code == 0, result.output
        assert "private" in result.output  # the plan says a private value differs, without it
        assert_no_secret(result)
    shown = run("merge-groups", "keep", "other", "--dir", str(root), "--show-private")
    assert "Ring after ten" in shown.output


@pytest.mark.parametrize("indent", [0, 3])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_merge_plan_hides_private_values_of_an_added_group(tmp_path: Path, layout: str, indent: int):
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for root in (ours, theirs):
        (root / "groups").mkdir(parents=True)
        (root / "assetdir.yaml").write_text(SETTINGS)
    write_group(ours, "keep", group(""))
    write_group(
        theirs,
        "eastgate-walk",
        group(LAYOUTS[layout], "Eastgate Walking Group", indent)
        .replace("01632 960123", "01632 960999")
        .replace("as1 2ab", "as9 9zz"),
    )
    result = run("merge", str(theirs), "--dir", str(ours))
    assert result.exit_code == 0, result.output
    assert "Add " in result.output
    assert_no_secret(result)


BAD_PRIVATE = {
    "bad-phone": "private:\n  contact: {phone: 07700 90077}\n",
    "phone-as-number": "private:\n  contact: {phone: 07700900777}\n",
    "bad-email": "private:\n  contact: {email: secret at example.org}\n",
    "wrong-type": "private:\n  notes: [Ring after ten]\n",
    "not-one-line": 'private:\n  contact: {name: "Jean\\nSecret"}\n',
    "unknown-key": "private:\n  07700 900777: x\n",
}


@pytest.mark.parametrize("code", sorted(BAD_PRIVATE))
def test_problem_messages_never_echo_a_private_value(tiny: Path, code: str):
    write_group(tiny, "northfield-lunch-club", VALID + BAD_PRIVATE[code])
    secrets = ("07700 90077", "07700900777", "7700900777", "secret at example.org", "Ring after ten", "Jean", "Secret")
    commands = [
        ["validate"],
        ["validate", "--format", "json"],
        ["validate", "--format", "github"],
        ["show", "northfield-lunch-club"],
        ["checked", "northfield-lunch-club"],
        ["fmt"],
        ["fmt", "--check"],
        ["search", "lunch"],
    ]
    for command in commands:
        result = run(*command, "--dir", str(tiny))
        assert result.exit_code == 1, (command, result.output)
        for secret in secrets:
            assert secret not in result.output, (command, result.output)
    result = run("validate", "--dir", str(tiny))
    assert f"error {code}: private" in result.output and "not shown" in result.output, result.output


def test_a_problem_outside_private_still_shows_its_value(tiny: Path):
    write_group(tiny, "northfield-lunch-club", VALID.replace("01632 960123", "01632 96012"))
    result = run("validate", "--dir", str(tiny))
    assert "01632 96012" in result.output
