"""Text from group files never reaches a terminal raw.

A group file may hold terminal escape sequences (double-quoted YAML writes any
control character: "\\e", "\\x07", "\\u202e") and raw bidi controls. Printed as they
are, they clear the screen, retitle the window or make a name read backwards.
Every command shows them visibly escaped (\\x1b, \\u202e) instead; a problem message
and its file name are always one line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import WIDE, run, write_group

# everything a terminal could obey or that reorders what it shows; tab, line feed and
# a carriage return ending a line are the only controls output may hold
DANGER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")

SETTINGS = 'title: "Test \\e]0;title\\a"\nareas:\n  northfield: "North\\e[2Jfield"\n  eastgate: Eastgate\n'

EVIL = """\
name: "Evil \\e]0;pwned\\a Club \\u202egnp"
summary: "Tea \\e[2J and\\tcake \\x9b31m \\u2066x\\u2069 \u202eraw"
categories: [lunch-club]
area: northfield
description: "Line one\\n\\nLine two \\e[31mred"
venues:
  - name: "Hall \\u202egnp.exe"
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: "12:00"
    end: "14:00"
    note: "note \\x07 bell"
contact:
  name: "Jean \\x1b[8m hidden \\x7f"
  phone: "01632 960123"
needs:
  - asset: minibus
    note: "need \\e[5m"
partners: [evil-two]
last_checked: 2024-01-01
private:
  notes: "private \\e[2J\\tnext\\nline two"
"""

TWO = """\
name: "Evil \\e]0;pwned\\a Club"
summary: "Tea and \\e[2J cake"
categories: [lunch-club]
area: northfield
venues:
  - name: "Other \\u202eHall"
    postcode: as1 2ab
contact:
  phone: "01632 960123"
offers:
  - asset: minibus
    note: "offer \\e[5m"
last_checked: 2026-10-01
"""

BROKEN = """\
name: Broken
summary: Tea
categories: ["lunch\\e]0;x\\a\\nclub\\u202e"]
area: northfield
venues:
  - name: Hall
"""

NAME = "Evil \\x1b]0;pwned\\x07 Club \\u202egnp"  # the name, as it is shown


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    write_group(root, "evil-club", EVIL)
    write_group(root, "evil-two", TWO)
    return root


@pytest.fixture
def broken(hostile: Path) -> Path:
    write_group(hostile, "broken", BROKEN)
    return hostile


def shown(root: Path, *args: str, code: int = 0) -> str:
    """What a command shows (stdout and stderr), checked to hold no control character raw."""
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    out = result.stdout + result.stderr
    assert not DANGER.search(out), repr(DANGER.search(out))
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["show", "evil-club", "--include-private"],
        ["search", "evil"],
        ["search", "evil", "--format", "table"],
        ["search", "evil", "--format", "csv"],
        ["export"],
        ["export", "--include-private"],
        ["review"],
        ["review", "--format", "table"],
        ["review", "--format", "csv"],
        ["match"],
        ["match", "--format", "table"],
        ["match", "--format", "csv"],
    ],
    ids=lambda args: " ".join(args),
)
def test_names_are_shown_escaped(hostile, args):
    assert NAME in shown(hostile, *args)


@pytest.mark.parametrize(
    "args",
    [["gaps"], ["gaps", "--format", "table"], ["gaps", "--format", "csv"], ["stats"], ["export", "--group-by", "area"]],
    ids=lambda args: " ".join(args),
)
def test_area_labels_are_shown_escaped(hostile, args):
    assert "North\\x1b[2Jfield" in shown(hostile, *args)


def test_duplicates_shows_both_names_escaped(hostile):
    out = shown(hostile, "duplicates", "--min-score", "1")
    assert NAME in out and "Evil \\x1b]0;pwned\\x07 Club (evil-two" in out


def test_show_keeps_real_line_breaks_and_tabs(hostile):
    out = shown(hostile, "show", "evil-club", "--include-private")
    assert "Details: Line one\n" in out and "Line two \\x1b[31mred" in out
    assert "About: Tea \\x1b[2J and cake \\u009b31m \\u2066x\\u2069 \\u202eraw" in out
    assert "Private notes: private \\x1b[2J\tnext\n               line two" in out


def test_show_in_a_terminal_escapes_what_it_gives_rich(hostile):
    env = {"COLUMNS": "400", "FORCE_COLOR": "1"}
    result = run("show", "evil-club", "--dir", str(hostile), env=env)
    assert result.exit_code == 0
    assert "\x1b[1m" in result.stdout  # rich's bold labels: colours still work
    assert "\x1b]" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
    assert NAME in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["search", "evil", "--format", "json"],
        ["review", "--format", "json"],
        ["match", "--format", "json"],
        ["export", "--format", "json"],
    ],
    ids=" ".join,
)
def test_json_on_standard_output_stays_json_of_the_same_text(hostile, args):
    out = run(*args, "--dir", str(hostile)).stdout
    assert not DANGER.search(out)
    assert "Evil \x1b]0;pwned\x07 Club \u202egnp" in set(_strings(json.loads(out)))


def _strings(data):
    if isinstance(data, str):
        yield data
    for value in data.values() if isinstance(data, dict) else data if isinstance(data, list) else []:
        yield from _strings(value)


def test_merge_groups_plan_is_shown_escaped(hostile):
    out = shown(hostile, "merge-groups", "evil-club", "evil-two", "--show-private")
    assert "\\x1b" in out and "\\u202e" in out


def test_merge_plan_is_shown_escaped(hostile, tmp_path):
    ours = tmp_path / "ours"
    (ours / "groups").mkdir(parents=True)
    shutil.copy(hostile / "assetdir.yaml", ours / "assetdir.yaml")
    out = shown(ours, "merge", str(hostile))
    assert "\\x1b" in out and "\\u202e" in out


def test_validate_text_is_one_line_a_problem(broken):
    out = shown(broken, "validate", code=1)
    lines = out.splitlines()
    assert all(re.match(r"^\S.*:\d+:\d+: (error|warning) [a-z-]+: ", line) for line in lines[:-1]), out
    assert '"lunch\\x1b]0;x\\x07\\nclub\\u202e" is not a category' in out


def test_validate_json_messages_are_escaped_text(broken):
    result = run("validate", "--format", "json", "--dir", str(broken))
    problems = json.loads(result.stdout)
    message = next(p["message"] for p in problems if p["code"] == "unknown-category")
    assert message.startswith('"lunch\\x1b]0;x\\x07\\nclub\\u202e"')


def test_validate_github_annotations_are_escaped(broken):
    out = shown(broken, "validate", "--format", "github", code=1)
    assert '::"lunch\\x1b]0;x\\x07\\nclub\\u202e" is not a category' in out


@pytest.mark.parametrize("args", [["show", "broken"], ["checked", "broken"], ["fmt"]], ids=" ".join)
def test_one_line_errors_are_one_line(broken, args):
    out = shown(broken, *args, code=1)
    line = next(line for line in out.splitlines() if "unknown-category" in line)
    assert '"lunch\\x1b]0;x\\x07\\nclub\\u202e" is not a category' in line


def test_a_file_name_with_controls_is_one_line(tiny):
    (tiny / "groups" / "northfield-lunch-club.yaml").rename(tiny / "groups" / "bad\x1b]0;x\x07\nname.yaml")
    out = shown(tiny, "validate", code=1)
    assert "bad\\x1b]0;x\\x07\\nname.yaml:1:1: error bad-id" in out


def test_help_still_works():
    result = run("search", "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def _assetdir() -> list[str]:
    return [sys.executable, "-c", "from assetdir.cli import main; main()"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("args", "code"), [(["validate"], 1), (["show", "evil-club"], 0)], ids=["validate", "show"])
def test_a_real_terminal_gets_colours_and_escaped_text(broken, args, code):
    import pty

    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "300", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    command = [*_assetdir(), *args, "--dir", str(broken)]
    proc = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(main)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == code, out
    assert re.search("\x1b\\[[0-9;]*m", out)  # rich's colours
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b" in out


def test_a_reader_that_goes_away_stops_it_quietly(hostile):
    for n in range(30):
        write_group(hostile, f"evil-{n}", EVIL.replace("partners: [evil-two]\n", ""))
    proc = subprocess.run(
        f"{' '.join(map(repr, _assetdir()))} search evil --limit 0 --dir {hostile} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stdout.startswith("Evil \\x1b]0;pwned")
