"""The command line as a volunteer uses it: exit codes, exact messages, files written."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import SETTINGS, VALID, WIDE, run, write_group


def test_show_in_words_and_private_only_on_request(sample):
    result = run("show", "northfield-lunch-club", "--dir", str(sample))
    assert result.exit_code == 0
    assert "When: Every Tuesday and Thursday, 12:00-14:00" in result.stdout
    assert "Cost: £4.50" in result.stdout
    assert "07700" not in result.stdout and "Private" not in result.stdout
    private = run("show", "northfield-lunch-club", "--include-private", "--dir", str(sample))
    assert "Private contact: " in private.stdout and "07700 900" in private.stdout


def test_show_unknown_id_suggests(sample):
    result = run("show", "northfield-lunch", "--dir", str(sample))
    assert result.exit_code == 1
    assert result.stderr.startswith('Error: no group "northfield-lunch" in ')
    assert 'did you mean "northfield-lunch-club"' in result.stderr


def test_show_broken_group_says_how_to_see_the_problems(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    write_group(tiny, "broken", VALID.replace("summary:", "sumary:"))
    result = run("show", "broken")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        'Error: groups/broken.yaml:2:1: error unknown-key: unknown key "sumary"; did you mean "summary"? '
        "(run `assetdir validate groups/broken.yaml` to see every problem)"
    )


def test_show_in_a_terminal_never_reads_text_as_markup(tiny, monkeypatch):
    import io

    from rich.console import Console

    buffer = io.StringIO()
    monkeypatch.setattr(
        "assetdir.cli.commands.show.stdout", lambda: Console(file=buffer, force_terminal=True, width=100)
    )
    write_group(
        tiny, "odd", VALID.replace("Hot two-course lunch and a chat.", "Lunch [bold]and[/] [/oops] <script>x</script>")
    )
    result = run("show", "odd", "--dir", str(tiny))
    assert result.exit_code == 0, result.output
    shown = buffer.getvalue()
    assert "[bold]and[/] [/oops] <script>x</script>" in shown
    assert "\x1b[" in shown  # it really was the terminal layout


def ok(root: Path, *args: str):
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def new_directory(tmp_path: Path, settings: str = SETTINGS) -> Path:
    root = tmp_path / "dir"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(settings, encoding="utf-8")
    return root


def group_yaml(
    name: str,
    area: str,
    *,
    summary: str = "Friendly weekly get-together with tea and a chat.",
    categories: str = "[social-group]",
    status: str = "active",
    venues: list[tuple[str, float | None, float | None]] | None = None,
    phone: str = "01632 960100",
    contact_name: str | None = None,
    email: str | None = None,
    offers: list[str | tuple[str, str]] = (),
    needs: list[str | tuple[str, str]] = (),
    partners: list[str] = (),
    last_checked: str | None = "2026-10-01",
    checked_by: str | None = None,
    private: str | None = None,
) -> str:
    """A realistic group file (venues as (name, lat, lon); lat None for no coordinates)."""
    lines = [
        f"name: {json.dumps(name)}",
        f"summary: {summary}",
        f"categories: {categories}",
        f"area: {area}",
        f"status: {status}",
        "venues:",
    ]
    for venue, lat, lon in venues or [(f"{name} Hall", None, None)]:
        lines.append(f"  - name: {json.dumps(venue)}")
        if lat is not None:
            lines += [f"    lat: {lat}", f"    lon: {lon}"]
    lines += ["sessions:", "  - days: [wednesday]", '    start: "10:00"', '    end: "12:00"', "contact:"]
    if contact_name:
        lines.append(f"  name: {contact_name}")
    lines.append(f'  phone: "{phone}"')
    if email:
        lines.append(f"  email: {email}")
    for key, items in (("offers", offers), ("needs", needs)):
        if items:
            lines.append(f"{key}:")
            for item in items:
                if isinstance(item, tuple):
                    lines += [f"  - asset: {item[0]}", f"    note: {item[1]}"]
                else:
                    lines.append(f"  - {item}")
    if partners:
        lines.append(f"partners: [{', '.join(partners)}]")
    if last_checked:
        lines.append(f"last_checked: {last_checked}")
    if checked_by:
        lines.append(f"checked_by: {checked_by}")
    if private:
        lines.append(private)
    return "\n".join(lines) + "\n"


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """Northfield Lunch Club and "The "Tuesday" Tea Dance" name each other; the tea dance also
    names Eastgate Book Club. Northfield Walking Group has no partners and nobody names it."""
    root = new_directory(tmp_path)
    groups = {
        "northfield-lunch-club": group_yaml("Northfield Lunch Club", "northfield", partners=["eastgate-tea-dance"]),
        "northfield-walking-group": group_yaml("Northfield Walking Group", "northfield"),
        "eastgate-tea-dance": group_yaml(
            'The "Tuesday" Tea Dance',
            "eastgate",
            categories="[dance]",
            partners=["northfield-lunch-club", "eastgate-book-club"],
        ),
        "eastgate-book-club": group_yaml("Eastgate Book Club", "eastgate", categories="[book-club]"),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


def test_show_lists_partners_both_ways(linked):
    lines = ok(linked, "show", "northfield-lunch-club").stdout.splitlines()
    assert 'Partners: The "Tuesday" Tea Dance' in lines
    assert 'Partner of: The "Tuesday" Tea Dance' in lines
    assert lines.index('Partner of: The "Tuesday" Tea Dance') == lines.index("Last checked: 2026-10-01") - 1
    lines = ok(linked, "show", "eastgate-tea-dance").stdout.splitlines()
    assert "Partners: Northfield Lunch Club, Eastgate Book Club" in lines
    assert "Partner of: Northfield Lunch Club" in lines
    lines = ok(linked, "show", "eastgate-book-club").stdout.splitlines()
    assert 'Partner of: The "Tuesday" Tea Dance' in lines
    assert not any(line.startswith("Partners:") for line in lines)
    text = ok(linked, "show", "northfield-walking-group").stdout
    assert "Partners:" not in text and "Partner of:" not in text


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the directory, not in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def test_show_says_why_a_group_linked_outside_is_not_shown(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret-club.yaml").write_text(VALID)
    os.symlink(outside / "secret-club.yaml", "groups/secret-club.yaml")
    result = run("show", "secret-club")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: groups/secret-club.yaml:1:1: error outside-link: ")
    assert "Northfield" not in result.output


# everything a terminal could obey or that reorders what it shows; tab, line feed and
# a carriage return ending a line are the only controls output may hold
DANGER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")

HOSTILE_SETTINGS = 'title: "Test \\e]0;title\\a"\nareas:\n  northfield: "North\\e[2Jfield"\n  eastgate: Eastgate\n'

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

NAME = "Evil \\x1b]0;pwned\\x07 Club \\u202egnp"  # the name, as it is shown


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(HOSTILE_SETTINGS, encoding="utf-8")
    write_group(root, "evil-club", EVIL)
    write_group(root, "evil-two", TWO)
    return root


def shown(root: Path, *args: str, code: int = 0) -> str:
    """What a command shows (stdout and stderr), checked to hold no control character raw."""
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    out = result.stdout + result.stderr
    assert not DANGER.search(out), repr(DANGER.search(out))
    return out


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
