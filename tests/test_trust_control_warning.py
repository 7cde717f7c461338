"""validate warns about control characters in a group file's text (code control-character).

Escape sequences and bidi controls are never what a volunteer meant to type: the
warning points at the value (or key), names the character and says to remove it.
It is a warning: the file still validates and every command still reads it.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import VALID, run, write_group

FILE = "northfield-lunch-club"


def problems(root: Path, *args: str) -> tuple[int, list[dict]]:
    result = run("validate", "--format", "json", "--dir", str(root), *args)
    return result.exit_code, [p for p in json.loads(result.stdout) if p["code"] == "control-character"]


def test_an_escape_sequence_is_a_warning_at_its_value(tiny):
    write_group(tiny, FILE, VALID.replace("name: Northfield Lunch Club", 'name: "Northfield \\e]0;x\\a Lunch Club"'))
    code, found = problems(tiny)
    assert code == 0  # a warning: the file still validates
    assert [(p["line"], p["column"], p["severity"]) for p in found] == [(1, 7, "warning")]
    assert "U+001B" in found[0]["message"] and "U+0007" in found[0]["message"]
    assert "remove" in found[0]["message"]


def test_a_raw_bidi_control_in_a_nested_value(tiny):
    write_group(tiny, FILE, VALID.replace("  - name: Chapel Hall", "  - name: Chapel \u202eHall"))
    _, found = problems(tiny)
    assert [(p["line"], p["column"]) for p in found] == [(6, 11)]
    assert "U+202E" in found[0]["message"]


def test_a_control_character_in_a_key_is_placed_at_the_key(tiny):
    write_group(tiny, FILE, VALID + '"not\\x1bes": hello\n')
    code, found = problems(tiny)
    assert code == 1  # the unknown key is an error of its own
    assert [(p["line"], p["column"]) for p in found] == [(15, 1)]


def test_every_kind_is_found(tiny):
    summary = 'summary: "Lunch \\x7f \\x85 \\u200f \\u2066 \\u061c \\r and chat"'
    text = VALID.replace("summary: Hot two-course lunch and a chat.", summary)
    write_group(tiny, FILE, text)
    _, found = problems(tiny)
    assert len(found) == 1
    for code in ("U+007F", "U+0085", "U+200F", "U+2066", "U+061C", "U+000D"):
        assert code in found[0]["message"]


def test_line_breaks_and_tabs_are_not_control_characters(tiny):
    write_group(tiny, FILE, VALID + 'description: "One\\tline\\n\\nand another"\n')
    assert problems(tiny) == (0, [])


def test_strict_fails_and_the_index_remembers(tiny):
    write_group(tiny, FILE, VALID.replace("name: Northfield Lunch Club", 'name: "Lunch \\e[2J Club"'))
    assert problems(tiny)[1]
    code, found = problems(tiny, "--strict")  # answered from the index this time
    assert code == 1 and len(found) == 1


def test_the_sample_has_none(sample):
    assert problems(sample) == (0, [])
