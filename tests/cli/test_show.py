"""`assetdir show ID`: a group in words, private details only on request, partners both ways, a broken or
linked-out group explained; text is never read as markup nor obeyed by the terminal."""

from __future__ import annotations

import os

from conftest import VALID, run, write_group
from export.controls import NAME

from .conftest import ok
from .hostile import shown


def test_show_in_words_and_private_only_on_request(sample):
    result = run("show", "northfield-lunch-club", "--dir", str(sample))
    assert result.exit_code == 0
    assert "When: Every Tuesday and Thursday, 12:00-14:00" in result.stdout
    assert "Cost: £4.50" in result.stdout
    assert "07700" not in result.stdout and "Private" not in result.stdout
    private = run("show", "northfield-lunch-club", "--include-private", "--dir", str(sample))
    assert "Private contact: " in private.stdout and "07700 900" in private.stdout


def test_show_says_when_a_group_is_closed(sample):
    result = run("show", "northfield-lunch-club", "--dir", str(sample), env={"COLUMNS": "200"})
    assert "Closures: Not on bank holidays" in result.stdout
    assert "Closed 21 December 2026 to 4 January 2027 (Closed over Christmas)" in result.stdout
    dance = run("show", "ashbury-tea-dance", "--dir", str(sample), env={"COLUMNS": "200"}).stdout
    assert "Closures: Closed 25 December 2026 (No dance on Christmas Day)" in dance
    walk = run("show", "northfield-walking-group", "--dir", str(sample)).stdout
    assert "Closures" not in walk


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


def test_show_says_why_a_group_linked_outside_is_not_shown(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret-club.yaml").write_text(VALID)
    os.symlink(outside / "secret-club.yaml", "groups/secret-club.yaml")
    result = run("show", "secret-club")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: groups/secret-club.yaml:1:1: error outside-link: ")
    assert "Northfield" not in result.output


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


def test_show_leaves_no_line_of_only_spaces_between_paragraphs(sample):
    result = run("show", "northfield-lunch-club", root=sample)
    lines = result.stdout.splitlines()
    assert "" in lines  # the paragraphs of the details, apart
    assert not [line for line in lines if line and not line.strip()]
