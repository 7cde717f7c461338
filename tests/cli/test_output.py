"""Output (cli/output.py): text from group files never reaches a terminal raw.

A group file may hold terminal escape sequences (double-quoted YAML writes any
control character: "\\e", "\\x07", "\\u202e") and raw bidi controls. Printed as they
are, they clear the screen, retitle the window or make a name read backwards.
Every command shows them visibly escaped (\\x1b, \\u202e) instead; a problem message
and its file name are always one line. Output piped is plain text, and the files a
command leaves out for their problems are named.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest

from assetdir.cli.output import Shown as _Shown
from assetdir.cli.output import shown_streams as _shown_streams
from conftest import WIDE, run, write_group
from export.controls import DANGER, NAME
from query.networks import group_yaml, new_directory

from .conftest import bad_name
from .hostile import EVIL, shown


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


@pytest.mark.parametrize("args", [["show", "broken"], ["checked", "broken"], ["fmt"]], ids=" ".join)
def test_one_line_errors_are_one_line(broken, args):
    out = shown(broken, *args, code=1)
    line = next(line for line in out.splitlines() if "unknown-category" in line)
    assert '"lunch\\x1b]0;x\\x07\\nclub\\u202e" is not a category' in line


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


def test_piped_output_is_plain_text(sample):
    result = run("validate", "--dir", str(sample), env={"TERM": "xterm-256color"})
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("command", [["stats"], ["gaps"], ["match"], ["review"], ["partners"]])
def test_coordinator_commands_say_which_files_they_leave_out(tmp_path, command):
    root = new_directory(tmp_path)
    write_group(root, "northfield-cafe", group_yaml("Northfield Cafe", "northfield"))
    write_group(root, "broken-club", "name: [unclosed\n")
    result = run(*command, root=root, env=WIDE)
    assert result.exit_code == 0
    assert "Warning: left out, with problems: " in result.stderr and "broken-club.yaml" in result.stderr


def test_everything_else_goes_on(sample, monkeypatch):
    monkeypatch.chdir(sample)
    before = {args: run(*args) for args in [("search", "--format", "ids", "lunch"), ("show", "northfield-lunch-club")]}
    bad_name(sample / "groups", b"caf\xe9.yaml")
    for args, was in before.items():
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout == was.stdout
    search = run("search", "--format", "ids", "lunch")
    assert "groups/caf\\xe9.yaml" in search.stderr  # left out, named
    export = run("export", "--format", "csv")
    assert export.exit_code == 0, export.output
    assert export.stdout.count("\n") > 40


def test_the_stream_escapes_and_passes_the_rest_on():
    raw = io.StringIO()
    shown = _Shown(raw)
    assert shown.write("a\x1bb\n") == 4
    shown.writelines(["\u202e", "c"])
    assert raw.getvalue() == "a\\x1bb\n\\u202ec"
    assert shown.isatty() is False and shown.unescaped is raw
    assert shown.getvalue() == raw.getvalue()  # anything else is the stream's own


def test_the_streams_are_put_back_after_a_command():
    before = sys.stdout, sys.stderr
    with _shown_streams():
        assert isinstance(sys.stdout, _Shown) and sys.stdout.unescaped is before[0]
        with _shown_streams():  # never wrapped twice
            assert sys.stdout.unescaped is before[0]
    assert (sys.stdout, sys.stderr) == before
