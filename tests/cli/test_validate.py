"""`assetdir validate`: every problem reported exactly (its file, line, column, code, and a message that
says how to fix it) as text, JSON or GitHub annotations, and never a traceback.

Bad input, one kind at a time: each folder in tests/fixtures/bad/ is a complete little directory
(assetdir.yaml and groups/) whose one group file is broken in exactly one way; its name is the
kind of breakage, and validate must exit 1 and report exactly that one problem.

Then what the walk of the directory meets (links out of it, names that are not UTF-8, pipes,
unreadable folders), control characters (a warning), numbers too long to print, private values
(never echoed), and the public YAML test suite all at once.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import assetdir.store.directory as directory_module
from assetdir.store.crossfile import due_for_review
from assetdir.store.directory import find_directory
from assetdir.store.validate import load
from conftest import KNOWN_CODES, REPO, SHARED, TODAY, VALID, run, shared, write_group

from .conftest import HUGE, bad_name
from .hostile import shown

FIXTURES = REPO / "tests" / "fixtures" / "bad"

_COPIES: list[Path] = []


def _copy() -> Path:
    """The fixtures, copied once per run: commands keep an index beside what they read,
    and one left in the checkout from an older version must not answer for this one."""
    if not _COPIES:
        target = Path(tempfile.mkdtemp(prefix="assetdir-bad-")) / "bad"
        shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns(".assetdir"))
        atexit.register(shutil.rmtree, target.parent, True)
        _COPIES.append(target)
    return _COPIES[0]


L = "northfield-lunch-club.yaml"

M = "northfield-memory-cafe.yaml"

W = "eastgate-walking-group.yaml"

C = "eastgate-coffee-morning.yaml"


@dataclass(frozen=True)
class Case:
    kind: str  # the fixture folder
    file: str  # the broken file, relative to the case's groups/
    code: str
    line: int
    column: int
    phrases: tuple[str, ...] = ()  # must appear in the message

    @property
    def dir(self) -> Path:
        return _copy() / self.kind

    @property
    def shown(self) -> str:
        return f"groups/{self.file}"


CASES = [
    Case("yaml-syntax", L, "yaml-syntax", 12, 20, ("mapping values are not allowed", "needs quotes")),
    Case("tab-indent", W, "tab-indent", 10, 1, ("tab", "spaces")),
    Case("duplicate-key", L, "duplicate-key", 9, 1, ('key "area" appears twice', "first on line 7", "keep one")),
    Case("empty-file", W, "empty-file", 1, 1, ("empty", "name, summary, categories and area")),
    Case("list-not-mapping", W, "not-a-mapping", 1, 1, ("a list", "name: ...")),
    Case("scalar-not-mapping", W, "not-a-mapping", 1, 1, ("a single value", "name: ...")),
    Case("not-utf8", M, "not-utf8", 2, 23, ("byte 0xe9", "UTF-8")),
    Case("unknown-key", W, "unknown-key", 2, 1, ('unknown key "sumary"', 'did you mean "summary"?')),
    Case("missing-required", W, "missing-field", 1, 1, ('required field "summary" is missing',)),
    Case(
        "time-unquoted", W, "time-as-number", 15, 12, ("9.30 was read as a number", 'put the time in quotes: "09:30"')
    ),
    Case("bad-time", C, "bad-time", 13, 10, ('"25:00"', "00:00 to 23:59")),
    Case("impossible-date", C, "bad-date", 18, 15, ('"2026-02-30" is not a real date',)),
    Case("end-before-start", L, "end-before-start", 24, 10, ("ends at 11:00", "starts at 12:00")),
    Case("weeks-without-month", C, "weeks-without-month", 14, 12, ("every: month",)),
    Case("fortnight-without-starting", M, "fortnight-without-starting", 20, 12, ("starting",)),
    # the rule is about the cost block: reported where that block starts (its "type: fee" line)
    Case("fee-without-amount", L, "fee-without-amount", 10, 3, ("amount",)),
    Case("future-last-checked", W, "future-date", 21, 15, ("2099-01-01 is in the future",)),
    Case("bad-postcode", C, "bad-postcode", 9, 15, ('"EG1 3L" is not a UK postcode',)),
    Case("bad-phone", C, "bad-phone", 17, 10, ('"01632 96087"',)),
    Case("phone-as-number", C, "phone-as-number", 17, 10, ("leading 0", 'in quotes: "01632960875"')),
    Case("bad-email", W, "bad-email", 20, 10, ('"walks at example.org" is not an email address',)),
    Case("bad-website", L, "bad-website", 31, 12, ('"ftp://example.org/northfield-lunch"', "https://")),
    Case("bad-file-name", "Northfield Lunch.yaml", "bad-id", 1, 1, ("rename it to northfield-lunch.yaml",)),
    Case(
        "duplicate-id",
        "northfield/friendship-club.yaml",
        "duplicate-id",
        1,
        1,
        ('"friendship-club"', "groups/eastgate/friendship-club.yaml"),
    ),
    Case("unknown-venue", L, "unknown-venue", 25, 12, ('"church-hall"', 'did you mean "chapel-hall"?')),
    Case("lat-without-lon", L, "lat-without-lon", 19, 10, ("lat needs lon",)),
    Case(
        "unknown-category",
        L,
        "unknown-category",
        5,
        14,
        ('"lunch-clubb" is not a category', 'did you mean "lunch-club"?'),
    ),
    Case("unknown-area", W, "unknown-area", 5, 7, ('"eastgait"', 'did you mean "eastgate"?')),
    Case(
        "unknown-partner",
        L,
        "unknown-partner",
        32,
        12,
        ('"northfield-memroy-cafe"', 'did you mean "northfield-memory-cafe"'),
    ),
    Case("self-partner", L, "self-partner", 32, 36, ("its own partner", '"northfield-lunch-club"')),
    Case("alias-bomb", W, "alias-bomb", 25, 9, ("over 50,000 values",)),
    Case("bad-value", W, "bad-value", 6, 9, ('"actve"', 'did you mean "active"?')),
]

BY_KIND = {case.kind: case for case in CASES}


def assert_no_crash(result) -> None:
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def problems_of(result) -> list[dict]:
    assert result.stdout.lstrip().startswith("["), result.output  # a JSON list, not an error line
    problems = json.loads(result.stdout)
    for p in problems:
        assert set(p) == {"file", "line", "column", "severity", "code", "message"}
        assert p["code"] in KNOWN_CODES, p
        assert p["line"] >= 1 and p["column"] >= 1, p
    return problems


def group_files(case_dir: Path) -> list[Path]:
    return sorted((case_dir / "groups").rglob("*.y*ml"))


def summary(groups: int, errors: int, warnings: int = 0) -> str:
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'s' if count != 1 else ''}"

    return f"{n(groups, 'group')} checked: {n(errors, 'error')}, {n(warnings, 'warning')}"


def test_every_fixture_folder_has_a_case():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(BY_KIND) | {"bom-and-crlf"}
    for folder in folders:
        settings = (FIXTURES / folder / "assetdir.yaml").read_text(encoding="utf-8")
        assert "northfield: Northfield" in settings and "eastgate: Eastgate" in settings


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_bad_input_is_reported_exactly(case: Case, monkeypatch):
    monkeypatch.chdir(case.dir)
    result = run("validate", "--format", "json", root=case.dir)
    assert_no_crash(result)
    assert result.exit_code == 1, result.output
    problems = problems_of(result)
    # broken in exactly one way: exactly one problem, and it is that one
    assert [(p["file"], p["severity"], p["code"], p["line"], p["column"]) for p in problems] == [
        (case.shown, "error", case.code, case.line, case.column)
    ], problems
    for phrase in case.phrases:
        assert phrase in problems[0]["message"]
    assert result.stderr.strip() == summary(len(group_files(case.dir)), 1)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_text_format_lines(case: Case, monkeypatch):
    monkeypatch.chdir(case.dir)
    as_json = problems_of(run("validate", "--format", "json", root=case.dir))
    result = run("validate", root=case.dir)
    assert_no_crash(result)
    assert result.exit_code == 1
    expected = [f"{p['file']}:{p['line']}:{p['column']}: {p['severity']} {p['code']}: {p['message']}" for p in as_json]
    assert result.stdout.splitlines() == [*expected, summary(len(group_files(case.dir)), 1)]


def test_text_format_exact_line(monkeypatch):
    case = BY_KIND["time-unquoted"]
    monkeypatch.chdir(case.dir)
    result = run("validate", root=Path("."))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'groups/eastgate-walking-group.yaml:15:12: error time-as-number: '
        '9.30 was read as a number, not a time; put the time in quotes: "09:30"',
        "1 group checked: 1 error, 0 warnings",
    ]


def test_bom_and_crlf_is_valid(monkeypatch):
    case_dir = _copy() / "bom-and-crlf"
    data = (case_dir / "groups" / L).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    monkeypatch.chdir(case_dir)
    result = run("validate", "--format", "json", root=case_dir)
    assert_no_crash(result)
    assert result.exit_code == 0, result.output
    assert problems_of(result) == []
    assert result.stderr.strip() == "1 group checked: 0 errors, 0 warnings"
    text = run("validate", root=case_dir)
    assert text.exit_code == 0 and text.stdout.splitlines() == ["1 group checked: 0 errors, 0 warnings"]


def copy_case(case_kind: str, tmp_path: Path) -> Path:
    target = tmp_path / case_kind
    shutil.copytree(FIXTURES / case_kind, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("website", ["javascript:alert(1)", "JavaScript:alert('hello')", "ftp://example.org/lunch"])
def test_bad_website_schemes_are_refused(website, tmp_path, monkeypatch):
    case_dir = copy_case("bad-website", tmp_path)
    edit(case_dir / "groups" / L, "ftp://example.org/northfield-lunch", website)
    monkeypatch.chdir(case_dir)
    result = run("validate", "--format", "json", root=case_dir)
    assert_no_crash(result)
    assert result.exit_code == 1
    problems = problems_of(result)
    assert [(p["file"], p["code"], p["line"], p["column"]) for p in problems] == [
        (f"groups/{L}", "bad-website", 31, 12)
    ]
    assert "https://" in problems[0]["message"]


def test_too_large_file_is_refused(tmp_path, monkeypatch):
    case_dir = copy_case("bom-and-crlf", tmp_path)
    valid = (case_dir / "groups" / L).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    big = case_dir / "groups" / "eastgate-big-club.yaml"
    filler = "  We meet every week and everyone is welcome to come along for a cup of tea.\n"
    big.write_text(
        valid.replace("Northfield Lunch Club", "Eastgate Big Club")
        + "description: |\n"
        + filler * (1_100_000 // len(filler)),
        encoding="utf-8",
    )
    assert big.stat().st_size > 1_000_000
    monkeypatch.chdir(case_dir)
    started = time.perf_counter()
    result = run("validate", "--format", "json", root=case_dir)
    assert time.perf_counter() - started < 5
    assert_no_crash(result)
    assert result.exit_code == 1
    problems = problems_of(result)
    assert [(p["file"], p["code"], p["line"], p["column"]) for p in problems] == [
        ("groups/eastgate-big-club.yaml", "file-too-large", 1, 1)
    ]
    assert "1,000,000 byte limit" in problems[0]["message"]
    assert result.stderr.strip() == "2 groups checked: 1 error, 0 warnings"


ALIAS_BOMB_PROBE = textwrap.dedent(
    """
    import json, resource, sys, time, tracemalloc
    import assetdir.store.crossfile  # imported before timing: the refusal is what is measured
    from typer.testing import CliRunner
    from assetdir.cli import app

    def peak_rss():
        # this process's own peak: VmHWM counts only what it used since it started, while
        # ru_maxrss also counts the test run that started it (its memory when it forked)
        try:
            with open("/proc/self/status") as status:
                return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) * 1024
        except (OSError, StopIteration):
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    args = ["validate", "--format", "json", "--dir", sys.argv[1]]
    started = time.perf_counter()
    result = CliRunner().invoke(app, args)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    CliRunner().invoke(app, args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({
        "exit_code": result.exit_code,
        "stdout": result.stdout,
        "seconds": seconds,
        "peak_bytes": peak,
        "max_rss_bytes": peak_rss(),
    }))
    """
)


def test_alias_bomb_is_refused_quickly_and_in_little_memory():
    case = BY_KIND["alias-bomb"]
    text = (case.dir / "groups" / case.file).read_text(encoding="utf-8")
    assert text.count("*lol") == 8 * 9  # nine levels of nine: 387 million values if expanded
    env = {k: v for k, v in os.environ.items() if k != "ASSETDIR_DIR"}
    done = subprocess.run(
        [sys.executable, "-c", ALIAS_BOMB_PROBE, str(case.dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["exit_code"] == 1
    assert [p["code"] for p in json.loads(measured["stdout"])] == ["alias-bomb"]
    assert measured["seconds"] < 1.0
    assert measured["peak_bytes"] < 50 * 2**20
    assert measured["max_rss_bytes"] < 200 * 2**20


def test_all_broken_files_together_are_each_reported(tmp_path, monkeypatch):
    """No file stops the others from being checked: every case's problem is still found."""
    root = tmp_path / "everything"
    (root / "groups").mkdir(parents=True)
    shutil.copy(FIXTURES / "bom-and-crlf" / "assetdir.yaml", root / "assetdir.yaml")
    expected: set[tuple[str, str, int, int]] = set()
    files = 0
    keep_names = {"bad-file-name", "duplicate-id", "self-partner"}  # their problem is the file name or id
    for case in [*CASES, Case("bom-and-crlf", L, "", 0, 0)]:
        groups = case.dir / "groups"
        for source in sorted(groups.rglob("*.yaml")):
            rel = source.relative_to(groups)
            if case.kind in keep_names:
                target = Path(case.kind) / rel
            elif rel.as_posix() == case.file:
                target = Path(case.kind) / f"{case.kind}-{source.name}"  # a unique id per case
            else:
                continue  # helper files are needed by keep_names cases only
            (root / "groups" / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, root / "groups" / target)
            files += 1
            if case.code and rel.as_posix() == case.file:
                expected.add((f"groups/{target.as_posix()}", case.code, case.line, case.column))
    big = root / "groups" / "too-large" / "too-large-club.yaml"
    big.parent.mkdir()
    big.write_bytes(b"name: Too Large Club\n" + b"# padding\n" * 110_000)
    files += 1
    expected.add(("groups/too-large/too-large-club.yaml", "file-too-large", 1, 1))

    monkeypatch.chdir(root)
    result = run("validate", "--format", "json", root=root)
    assert_no_crash(result)
    assert result.exit_code == 1
    found = {(p["file"], p["code"], p["line"], p["column"]) for p in problems_of(result)}
    assert expected - found == set(), "not reported"
    assert found - expected == set(), "reported but not expected"
    assert result.stderr.strip() == summary(files, len(expected))


def test_unknown_partner_does_not_suggest_the_group_itself(monkeypatch):
    """BUG: "did you mean" offers the group's own id, which would then be a self-partner error."""
    case = BY_KIND["unknown-partner"]
    monkeypatch.chdir(case.dir)
    (problem,) = problems_of(run("validate", "--format", "json", root=case.dir))
    assert 'did you mean "northfield-memory-cafe"' in problem["message"]
    assert '"northfield-lunch-club"' not in problem["message"]


def test_not_utf8_after_a_bom_points_at_the_bad_byte(tmp_path, monkeypatch):
    """BUG: with a UTF-8 BOM, the offset of the bad byte is taken 3 bytes early (wrong byte, column, even line)."""
    case_dir = copy_case("not-utf8", tmp_path)
    path = case_dir / "groups" / M
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    monkeypatch.chdir(case_dir)
    result = run("validate", "--format", "json", root=case_dir)
    assert_no_crash(result)
    problems = problems_of(result)
    assert [(p["file"], p["code"], p["line"], p["column"]) for p in problems] == [(f"groups/{M}", "not-utf8", 2, 23)]
    assert "byte 0xe9" in problems[0]["message"]


def test_reused_anchor_does_not_stop_the_check(tmp_path, monkeypatch):
    """BUG: an anchor name used twice (allowed in YAML 1.2) in a file with another problem
    makes `compose` raise out of validate: "Error: YAML syntax: second occurrence",
    and no file at all is reported."""
    case_dir = copy_case("unknown-category", tmp_path)
    edit(
        case_dir / "groups" / L,
        "last_checked:",
        "x-leaflet-title: &title Northfield Lunch Club\nx-poster-title: &title Lunch Club\nlast_checked:",
    )
    shutil.copyfile(FIXTURES / "bad-email" / "groups" / W, case_dir / "groups" / W)
    monkeypatch.chdir(case_dir)
    result = run("validate", "--format", "json", root=case_dir)
    assert_no_crash(result)
    assert result.exit_code == 1
    found = [(p["file"], p["code"], p["line"], p["column"]) for p in problems_of(result)]
    assert found == [(f"groups/{W}", "bad-email", 20, 10), (f"groups/{L}", "unknown-category", 5, 14)]


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    """BUG: thousands of nested [ ] end in RecursionError: exit 3, no file reported."""
    case_dir = copy_case("bad-email", tmp_path)
    deep = case_dir / "groups" / "eastgate-deep-club.yaml"
    deep.write_text("name: Eastgate Deep Club\nx-notes: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    monkeypatch.chdir(case_dir)
    result = run("validate", "--format", "json", root=case_dir)
    assert_no_crash(result)
    assert result.exit_code == 1
    problems = problems_of(result)
    assert ("groups/eastgate-walking-group.yaml", "bad-email", 20, 10) in {
        (p["file"], p["code"], p["line"], p["column"]) for p in problems
    }
    assert any(p["file"] == "groups/eastgate-deep-club.yaml" and p["severity"] == "error" for p in problems)


@pytest.mark.parametrize(
    ("key_line", "column"),
    [("1: Tuesday lunch", 1), ("null: Tuesday lunch", 1), ("true: Tuesday lunch", 1)],
    ids=["number", "null", "true"],
)
def test_a_key_that_is_not_text_is_reported_at_its_line(key_line, column, tmp_path, monkeypatch):
    """BUG: keys read as null or true are reported at 1:1, and a number key at its value's column,
    with a message that names neither ("value: keys should be strings")."""
    case_dir = copy_case("bom-and-crlf", tmp_path)
    path = case_dir / "groups" / L
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    path.write_text(text.replace("last_checked:", f"{key_line}\nlast_checked:"), encoding="utf-8")
    monkeypatch.chdir(case_dir)
    result = run("validate", "--format", "json", root=case_dir)
    assert_no_crash(result)
    assert result.exit_code == 1
    problems = problems_of(result)
    assert [(p["line"], p["column"]) for p in problems] == [(32, column)]
    key = key_line.split(":")[0]
    assert re.search(rf'\b{key}\b', problems[0]["message"]), problems[0]["message"]


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


def test_broken_settings_are_reported_without_a_cascade(sample, monkeypatch):
    monkeypatch.chdir(sample)
    (sample / "assetdir.yaml").write_text("title: X\nareaz:\n  northfield: Northfield\n", encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if " error " in line]
    assert errors == ['assetdir.yaml:2:1: error unknown-key: unknown key "areaz"; did you mean "areas"?']


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


# --- --no-cache ---------------------------------------------------------------------------


def test_no_cache_validate_writes_no_index(sample):
    result = run("validate", "--dir", str(sample), "--no-cache")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith("48 groups checked: 0 errors")
    assert not (sample / ".assetdir").exists()


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


SECRET = "name: Secret Club\nsummary: the password is hunter2\nbogus: [unclosed\n"


def errors(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if " error " in line]


def test_a_group_file_linked_outside_is_not_read(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret.yaml").write_text(SECRET)
    os.symlink(outside / "secret.yaml", "groups/leak.yaml")
    for extra in ([], ["--no-cache"], ["--format", "github"], ["--format", "json"]):
        result = run("validate", *extra)
        assert result.exit_code == 1
        assert "hunter2" not in result.output and "unclosed" not in result.output
        assert "outside-link" in result.stdout
    [line] = errors(run("validate"))
    assert line.startswith("groups/leak.yaml:1:1: error outside-link: ")
    assert "outside the directory" in line
    assert run("search", "--format", "ids", "secret").exit_code == 1


def test_a_folder_linked_outside_is_not_walked(sample, outside, monkeypatch):
    monkeypatch.chdir(sample)
    (outside / "secret-club.yaml").write_text(VALID.replace("Northfield Lunch Club", "Secret Club"))
    os.symlink(outside, "groups/elsewhere")
    result = run("validate")
    [line] = errors(result)
    assert line.startswith("groups/elsewhere:1:1: error outside-link: ")
    assert result.stdout.splitlines()[-1].startswith("48 groups checked")
    assert run("search", "--format", "ids", "secret").exit_code == 1


def test_links_inside_the_directory_keep_working(sample, monkeypatch):
    monkeypatch.chdir(sample)
    more = sample / "more-groups"
    more.mkdir()
    (more / "hillside-quoits.yaml").write_text(VALID.replace("Northfield Lunch Club", "Hillside Quoits"))
    (more / "hillside-madrigals.yaml").write_text(VALID.replace("Northfield Lunch Club", "Hillside Madrigals"))
    os.symlink("../more-groups", "groups/more")  # a folder
    os.symlink("../../more-groups/hillside-madrigals.yaml", "groups/northfield/hillside-singers.yaml")  # a file
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("51 groups checked: 0 errors")
    assert run("search", "--format", "ids", "quoits").stdout.split() == ["hillside-quoits"]
    found = run("search", "--format", "ids", "madrigals").stdout.split()
    assert sorted(found) == ["hillside-madrigals", "hillside-singers"]


def test_a_folder_loop_is_walked_once(sample, monkeypatch):
    monkeypatch.chdir(sample)
    os.symlink("..", "groups/northfield/up")  # back to groups/
    os.symlink("northfield", "groups/north")  # a second name for a folder already walked
    calls: list[str] = []
    real_scandir = os.scandir

    def scandir(path="."):
        calls.append(os.path.realpath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    directory = find_directory(sample)
    assert len(directory.scan()) == 48
    assert len(calls) == len(set(calls)) == 7  # groups/ and its six folders, once each
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("48 groups checked: 0 errors, ")


def test_a_link_into_a_hidden_folder_is_not_read(sample, monkeypatch):
    monkeypatch.chdir(sample)
    (sample / ".git").mkdir()
    (sample / ".git" / "config.yaml").write_text("url: https://token@example.org/repo\n")
    os.symlink("../.git/config.yaml", "groups/config.yaml")
    result = run("validate")
    [line] = errors(result)
    assert line.startswith("groups/config.yaml:1:1: error outside-link: ") and "in a hidden folder" in line
    assert "token" not in result.stdout


def test_a_file_name_that_is_not_utf8_is_one_problem(sample, monkeypatch):
    monkeypatch.chdir(sample)
    bad_name(sample / "groups" / "northfield", b"caf\xe9.yaml")
    result = run("validate")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    [line] = [x for x in lines if " error " in x]
    assert line.startswith("groups/northfield/caf\\xe9.yaml:1:1: error not-utf8-name: ")
    assert "cafe.yaml" in line  # how to rename it
    assert lines[-1].startswith("48 groups checked: 1 error, ")

    github = run("validate", "--format", "github")
    assert github.exit_code == 1
    assert "file=groups/northfield/caf\\xe9.yaml,line=1,col=1,title=not-utf8-name::" in github.stdout
    problems = json.loads(run("validate", "--format", "json").stdout)
    assert [p["code"] for p in problems if p["severity"] == "error"] == ["not-utf8-name"]


def test_a_folder_name_that_is_not_utf8(sample, monkeypatch):
    monkeypatch.chdir(sample)
    folder = bad_name(sample / "groups", b"\xff\xfeold", text=None)
    with open(os.path.join(folder, b"old-group.yaml"), "w", encoding="utf-8") as f:
        f.write(VALID)
    result = run("validate")
    assert result.exit_code == 1, result.output
    [line] = [x for x in result.stdout.splitlines() if " error " in x]
    assert line.startswith("groups/\\xff\\xfeold:1:1: error not-utf8-name: ")
    assert "folder" in line
    assert result.stdout.splitlines()[-1].startswith("48 groups checked")
    assert run("search", "--format", "ids", "lunch").exit_code == 0


def test_no_cache_says_the_same(sample, monkeypatch):
    monkeypatch.chdir(sample)
    bad_name(sample / "groups", b"caf\xe9.yaml")
    cached, fresh = run("validate"), run("validate", "--no-cache")
    assert fresh.exit_code == cached.exit_code == 1
    assert fresh.stdout == cached.stdout


def test_validate_reports_the_file_and_checks_the_rest(huge):
    result = run("validate", "--format", "json", "--dir", str(huge))
    assert result.exit_code == 1, result.output
    (problem,) = json.loads(result.stdout)
    assert problem["file"].endswith("eastgate-lunch.yaml")
    assert (problem["line"], problem["code"]) == (15, "bad-value")
    assert "5,000 digits" in problem["message"] and HUGE not in result.output
    assert "2 groups checked: 1 error" in result.stderr


@pytest.mark.parametrize("written", [f"!!int {HUGE}", "0x" + "f" * 5000, f"[{HUGE}]"])
def test_every_way_of_writing_it(tiny, written):
    write_group(tiny, "eastgate-lunch", VALID.replace("Northfield Lunch", "Eastgate Lunch") + f"x-big: {written}\n")
    result = run("validate", "--dir", str(tiny))
    assert result.exit_code == 1 and "bad-value" in result.stdout, result.output


def test_in_the_settings_too(tiny):
    (tiny / "assetdir.yaml").write_text(f"title: Test\nreview_after_months: {HUGE}\nareas:\n  northfield: Northfield\n")
    result = run("validate", "--dir", str(tiny))
    assert result.exit_code == 1 and "assetdir.yaml:2:22: error bad-value" in result.stdout, result.output


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


def test_an_unreadable_folder(sample, monkeypatch):
    monkeypatch.chdir(sample)
    locked = os.path.join("groups", "northfield")
    real_scandir = os.scandir

    def scandir(path="."):  # as chmod 000 would do to anyone but root
        if os.path.abspath(path) == os.path.abspath(locked):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(directory_module.os, "scandir", scandir)
    for extra in ([], ["--no-cache"]):
        result = run("validate", *extra)
        assert result.exit_code == 1
        found = errors(result)
        assert "groups/northfield:1:1: error unreadable: cannot read the folder: Permission denied" in "\n".join(found)
        # and the groups it holds are missed by the partners that name them
        assert {line.split(" error ")[1].split(":")[0] for line in found} == {"unreadable", "unknown-partner"}
        assert result.stdout.splitlines()[-1].startswith("41 groups checked: ")
    search = run("search", "--format", "ids", "lunch")
    assert search.exit_code == 0 and "groups/northfield" in search.stderr


def test_a_named_pipe_a_socket_and_a_dangling_link(sample, monkeypatch):
    monkeypatch.chdir(sample)
    os.mkfifo("groups/pipe.yaml")
    os.symlink("nowhere/gone.yaml", "groups/gone.yaml")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind("groups/sock.yaml")
        result = run("validate")
    assert result.exit_code == 1
    found = errors(result)
    assert len(found) == 3, found
    assert found[0].startswith("groups/gone.yaml:1:1: error broken-link: ") and "nowhere/gone.yaml" in found[0]
    assert found[1].startswith("groups/pipe.yaml:1:1: error not-a-file: ") and "named pipe" in found[1]
    assert found[2].startswith("groups/sock.yaml:1:1: error not-a-file: ") and "socket" in found[2]
    assert result.stdout.splitlines()[-1].startswith("48 groups checked: 3 errors")


@pytest.mark.parametrize("command", ["fmt", "validate", "fmt --check"])
def test_a_command_given_a_pipe_does_not_wait(sample, command):
    pipe = sample / "groups" / "pipe.yaml"
    os.mkfifo(pipe)
    done = subprocess.run(  # a timeout here is the failure: it waited for a writer
        [sys.executable, "-m", "assetdir", *command.split(), str(pipe), "--dir", str(sample)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "not-a-file" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


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


def test_a_file_name_with_controls_is_one_line(tiny):
    (tiny / "groups" / "northfield-lunch-club.yaml").rename(tiny / "groups" / "bad\x1b]0;x\x07\nname.yaml")
    out = shown(tiny, "validate", code=1)
    assert "bad\\x1b]0;x\\x07\\nname.yaml:1:1: error bad-id" in out


SUITE = SHARED / "yaml-test-suite"


# ---------------------------------------------------------------- the public YAML test suite


def test_yaml_test_suite_all_at_once_through_the_cli(tmp_path, monkeypatch):
    """The whole suite as one directory: validate reports every file, and no file stops the others."""
    shared("yaml-test-suite")
    root = tmp_path / "suite"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text("areas:\n  northfield: Northfield\n", encoding="utf-8")
    names = []
    for source in sorted((SUITE / "cases").glob("*.yaml")):
        name = f"{source.stem.lower()}.yaml"
        (root / "groups" / name).write_bytes(source.read_bytes())
        names.append(f"groups/{name}")
    monkeypatch.chdir(root)
    result = run("validate", "--format", "json", "--dir", str(root))
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert result.exit_code == 1
    assert result.stdout.lstrip().startswith("["), result.output
    problems = json.loads(result.stdout)
    assert {p["file"] for p in problems if p["severity"] == "error"} == set(names)
    assert all(p["code"] in KNOWN_CODES and p["line"] >= 1 and p["column"] >= 1 for p in problems)
    assert result.stderr.strip().startswith(f"{len(names)} groups checked: ")
