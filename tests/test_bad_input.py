"""Bad input, one kind at a time, through the real command line.

Each folder in tests/fixtures/bad/ is a complete little directory (assetdir.yaml
and groups/) whose one group file is broken in exactly one way; its name is the
kind of breakage. `validate` must exit 1, print no traceback, and report exactly
that one problem: its code, its file, its line and column, and a message that
says how to fix it.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import KNOWN_CODES, run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
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
        "max_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
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
