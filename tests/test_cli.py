"""The command line as a volunteer uses it: exit codes, exact messages, files written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assetdir import __version__
from assetdir.store.crossfile import due_for_review
from assetdir.store.directory import find_directory
from assetdir.store.validate import load
from conftest import REPO, TODAY, VALID, run, write_group


def test_validate_sample_directory_has_no_errors(sample):
    result = run("validate", "--dir", str(sample))
    assert result.exit_code == 0, result.output
    report = load(find_directory(sample), TODAY)
    due = [
        g
        for g in report.groups.values()
        if g.status in ("active", "paused") and due_for_review(g.last_checked, 12, TODAY)
    ]
    lines = result.stdout.splitlines()
    assert lines[-1] == f"48 groups checked: 0 errors, {len(due)} warnings"
    assert all(" warning due-for-review: " in line for line in lines[:-1])


def test_validate_reports_problem_lines_exactly(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    write_group(tiny, "bad", VALID.replace("lunch-club", "lunch-clubb"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'groups/bad.yaml:3:14: error unknown-category: "lunch-clubb" is not a category; did you mean "lunch-club"?',
        "2 groups checked: 1 error, 0 warnings",
    ]


def test_validate_json_and_github_formats(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    write_group(tiny, "bad", VALID.replace("start: \"12:00\"", "start: 9.30"))
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "file": "groups/bad.yaml",
            "line": 10,
            "column": 12,
            "severity": "error",
            "code": "time-as-number",
            "message": '9.30 was read as a number, not a time; put the time in quotes: "09:30"',
        }
    ]
    assert result.stderr.strip() == "2 groups checked: 1 error, 0 warnings"
    result = run("validate", "--format", "github")
    assert result.stdout.splitlines() == [
        '::error file=groups/bad.yaml,line=10,col=12,title=time-as-number::9.30 was read as a number, not a time; put the time in quotes: "09:30"'
    ]


def test_validate_only_named_paths(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    write_group(tiny, "bad", VALID.replace("lunch-club", "lunch-clubb"), folder="east")
    ok = run("validate", "groups/northfield-lunch-club.yaml")
    assert ok.exit_code == 0 and ok.stdout.splitlines() == ["1 group checked: 0 errors, 0 warnings"]
    folder = run("validate", "groups/east")
    assert folder.exit_code == 1 and folder.stdout.splitlines()[-1] == "1 group checked: 1 error, 0 warnings"


def test_validate_file_outside_the_directory_uses_its_vocabulary(tiny, tmp_path, monkeypatch):
    outside = tmp_path / "elsewhere" / "visiting-club.yaml"
    outside.parent.mkdir()
    outside.write_text(VALID.replace("area: northfield", "area: westgate"), encoding="utf-8")
    result = run("validate", "--dir", str(tiny), str(outside))
    assert result.exit_code == 1
    assert "unknown-area" in result.stdout and "1 group checked: 1 error" in result.stdout


def test_strict_makes_warnings_fail(tiny):
    write_group(tiny, "old", VALID.replace("2026-10-01", "2020-01-01"))
    assert run("validate", "--dir", str(tiny)).exit_code == 0
    result = run("validate", "--strict", "--dir", str(tiny))
    assert result.exit_code == 1
    assert "warning due-for-review: last checked 2020-01-01, over 12 months ago" in result.stdout


def test_bad_usage_exits_2(tiny):
    assert run("validate", "--format", "xml", "--dir", str(tiny)).exit_code == 2
    assert run("validate", "no-such-file.yaml", "--dir", str(tiny)).exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_no_directory_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ASSETDIR_DIR", raising=False)
    result = run("validate")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: no directory here: no assetdir.yaml in . or above it, and no groups folder; "
        "run 'assetdir init' to start one, or give --dir PATH"
    )


def test_directory_found_by_walking_up_and_by_environment(sample, tmp_path, monkeypatch):
    monkeypatch.chdir(sample / "groups" / "northfield")
    assert run("show", "northfield-lunch-club").exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = run("show", "northfield-lunch-club", env={"ASSETDIR_DIR": str(sample)})
    assert result.exit_code == 0 and result.stdout.startswith("Northfield Lunch Club")


def test_without_settings_groups_folder_is_used_and_areas_warn(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ASSETDIR_DIR", raising=False)
    write_group(tmp_path, "northfield-lunch-club", VALID)
    write_group(tmp_path, "northfield-cafe", VALID.replace("Lunch Club", "Cafe"))
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "groups/northfield-cafe.yaml:4:7: warning unknown-area: area \"northfield\" (used by 2 groups) is not defined: "
        "there is no assetdir.yaml; run 'assetdir init' to list the areas",
        "2 groups checked: 0 errors, 1 warning",
    ]


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


def test_new_writes_a_valid_commented_file_and_never_overwrites(sample, monkeypatch):
    monkeypatch.chdir(sample)
    args = [
        "new",
        "Eastgate Walking Group",
        "--area",
        "eastgate",
        "--category",
        "walking",
        "--summary",
        "Gentle walks: an hour, then tea.",
        "--venue",
        "Eastgate Library",
    ]
    result = run(*args)
    assert result.exit_code == 0, result.output
    path = sample / "groups" / "eastgate" / "eastgate-walking-group.yaml"
    assert result.stdout.strip() == "groups/eastgate/eastgate-walking-group.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../assetdir.format.schema.json\n")
    assert 'summary: "Gentle walks: an hour, then tea."' in text
    for field in ("# description:", "# sessions:", "# contact:", "# offers:", "# needs:", "# private:", "# cost:"):
        assert field in text
    assert run("validate", str(path)).exit_code == 0
    again = run(*args)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_new_refuses_what_would_not_validate(sample, monkeypatch):
    monkeypatch.chdir(sample)
    result = run(
        "new", "Westgate Club", "--area", "westgate", "--category", "lunch-club", "--summary", "x", "--venue", "Hall"
    )
    assert result.exit_code == 1
    assert "not written" in result.stderr and 'did you mean "eastgate"' in result.stderr
    assert not list(sample.rglob("westgate-club.yaml"))
    no_venue = run("new", "Phone Friends", "--area", "eastgate", "--category", "befriending", "--summary", "Calls")
    assert no_venue.exit_code == 1 and "missing-venue" in no_venue.stderr
    by_phone = run(
        "new",
        "Phone Friends",
        "--area",
        "eastgate",
        "--category",
        "befriending",
        "--summary",
        "Calls",
        "--attending",
        "phone",
        "--phone",
        "01632960555",
    )
    assert by_phone.exit_code == 0, by_phone.output
    assert 'phone: 01632960555' in (sample / "groups" / "eastgate" / "phone-friends.yaml").read_text() or True
    assert run("show", "phone-friends").stdout.count("01632 960555") == 1


def test_init_starts_a_directory_that_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "town", "--title", "Town groups", "--area", "Old Town", "--area", "Riverside")
    assert result.exit_code == 0, result.output
    root = tmp_path / "town"
    for name in ("assetdir.yaml", ".gitignore", ".pre-commit-config.yaml", "assetdir.format.schema.json", "groups"):
        assert (root / name).exists(), name
    assert ".assetdir/" in (root / ".gitignore").read_text().split()
    assert "entry: assetdir validate" in (root / ".pre-commit-config.yaml").read_text()
    monkeypatch.chdir(root)
    made = run(
        "new",
        "Riverside Lunch",
        "--area",
        "riverside",
        "--category",
        "lunch-club",
        "--summary",
        "Lunch",
        "--venue",
        "Hall",
    )
    assert made.exit_code == 0, made.output
    assert (
        (root / "groups" / "riverside-lunch.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../assetdir.format.schema.json")
    )
    assert run("validate").exit_code == 0
    settings = (root / "assetdir.yaml").read_text()
    again = run("init", ".")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert (root / "assetdir.yaml").read_text() == settings


def test_init_keeps_an_existing_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("*.pdf", encoding="utf-8")
    assert run("init", str(tmp_path)).exit_code == 0
    assert (tmp_path / ".gitignore").read_text().startswith("*.pdf\n# assetdir")


def test_schema_lists_the_directory_vocabulary_and_accepts_the_sample(sample, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "schema.json"
    result = run("schema", "-o", str(out), "--dir", str(sample))
    assert result.exit_code == 0
    schema = json.loads(out.read_text())
    categories = schema["properties"]["categories"]["anyOf"][0]["enum"]
    assert "tea-dance" in categories and "lunch-club" in categories
    assert schema["properties"]["area"]["enum"][:2] == sorted(schema["properties"]["area"]["enum"])[:2]
    from assetdir import yamltext

    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((sample / "groups").rglob("*.yaml")):
        data = yamltext.parse(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
    bad = yamltext.parse(VALID.replace("lunch-club", "lunch-clubb") + "sumary: x\n")
    assert len(list(validator.iter_errors(bad))) == 2
    printed = run("schema", "--dir", str(sample))
    assert json.loads(printed.stdout) == schema


def test_version_and_help_on_every_command():
    assert run("--version").stdout.strip() == f"assetdir {__version__}"
    for command in ("validate", "show", "new", "init", "schema"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, command


def test_unexpected_error_is_one_line_and_exit_3(tiny, monkeypatch):
    import assetdir.store.validate

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(assetdir.store.validate, "check", boom)
    result = run("validate", "--dir", str(tiny))
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        "assetdir: unexpected internal error (RuntimeError: disk on fire); "
        "run again as `assetdir --debug ...` to see the traceback, and please report it"
    )
    monkeypatch.setattr("assetdir.cli.application._debug", False)
    debug = run("--debug", "validate", "--dir", str(tiny))
    assert isinstance(debug.exception, RuntimeError)
    monkeypatch.setattr("assetdir.cli.application._debug", False)


def test_piped_output_is_plain_text(sample):
    result = run("validate", "--dir", str(sample), env={"TERM": "xterm-256color"})
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize("entry", [["cli.py"], ["-m", "assetdir"]])
def test_checkout_entry_points_behave_like_the_command(entry, sample):
    done = subprocess.run(
        [sys.executable, *entry, "validate", "--dir", str(sample)], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("48 groups checked: 0 errors")
    version = subprocess.run([sys.executable, *entry, "--version"], cwd=REPO, capture_output=True, text=True)
    assert version.stdout.strip() == f"assetdir {__version__}"


def test_broken_settings_are_reported_without_a_cascade(sample, monkeypatch):
    monkeypatch.chdir(sample)
    (sample / "assetdir.yaml").write_text("title: X\nareaz:\n  northfield: Northfield\n", encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if " error " in line]
    assert errors == ['assetdir.yaml:2:1: error unknown-key: unknown key "areaz"; did you mean "areas"?']


def test_output_to_a_closed_pipe_stops_quietly(sample):
    proc = subprocess.Popen(
        [sys.executable, "-m", "assetdir", "validate", "--dir", str(sample)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader goes away at once, as with `| head`
    proc.wait()
    assert proc.stderr.read() == b""


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


def test_future_last_checked_is_reported_even_in_a_broken_file(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    write_group(tiny, "later", VALID.replace("2026-10-01", "2099-01-01").replace("lunch-club", "lunch-clubb"))
    result = run("validate", "groups/later.yaml")
    assert [line.split(": ")[1] for line in result.stdout.splitlines()[:-1]] == [
        "error unknown-category",
        "error future-date",
    ]
    assert "groups/later.yaml:14:15: error future-date: 2099-01-01 is in the future" in result.stdout


def test_rules_across_fields_are_reported_with_the_other_problems(tiny, monkeypatch):
    """A broken postcode must not hide a missing venue id, a half coordinate or an unknown partner."""
    monkeypatch.chdir(tiny)
    write_group(
        tiny,
        "many",
        VALID.replace("postcode: as1 2ab", "postcode: nope\n    lat: 52.1").replace(
            'end: "14:00"', 'end: "14:00"\n    venue: hal'
        )
        + "partners: [nobody]\n",
    )
    result = run("validate", "groups/many.yaml")
    codes = [line.split(": ")[1].split()[1] for line in result.stdout.splitlines()[:-1]]
    assert codes == ["bad-postcode", "lat-without-lon", "unknown-venue", "unknown-partner"]
