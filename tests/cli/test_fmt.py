"""`assetdir fmt`: --check and its exit codes, invalid files left alone and named, only group files
taken, and never a write over a change made meanwhile."""

from __future__ import annotations

import pytest

from assetdir.edit import roundtrip
from conftest import VALID, run, write_group
from edit.untidy import MESSY, TIDY

from .writing import CHANGED, GROUP, THEIRS, litter, meanwhile


def test_fmt_check_exit_codes_and_write(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    path = write_group(tiny, "eastgate-coffee-morning", MESSY)
    result = run("fmt", "--check")
    assert result.exit_code == 1
    assert result.stdout == (
        "groups/eastgate-coffee-morning.yaml: would change (key order, times, postcodes, phone numbers)\n"
        "groups/northfield-lunch-club.yaml: would change (postcodes)\n"
    )
    assert result.stderr == "2 of 2 files would change\n"
    assert path.read_text(encoding="utf-8") == MESSY
    result = run("fmt", "--dir", str(tiny))
    assert result.exit_code == 0
    assert result.stderr == "2 of 2 files formatted\n"
    assert path.read_text(encoding="utf-8") == TIDY
    result = run("fmt", "--check", "--dir", str(tiny))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "0 of 2 files would change\n")


def test_fmt_leaves_invalid_files_alone_and_says_so(tiny):
    bad = write_group(
        tiny,
        "broken",
        VALID.replace("lunch-club", "lunch-clubb").replace("name:", "area: x\nname:", 0) + "summary2: x\n",
    )
    before = bad.read_text(encoding="utf-8")
    result = run("fmt", str(bad), "--dir", str(tiny))
    assert result.exit_code == 1  # a file left alone is a problem to fix by hand
    assert result.stderr.startswith("Skipped: ")
    assert "broken.yaml:" in result.stderr and "(not formatted)" in result.stderr
    assert len(result.stderr.splitlines()) == 2  # one line for the file, one summary
    assert result.stderr.endswith("0 of 1 files formatted; 1 not formatted (see above)\n")
    assert bad.read_text(encoding="utf-8") == before


def test_fmt_formats_the_valid_files_and_fails_for_the_invalid_ones(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    bad = write_group(tiny, "broken", "summary2: x\nname: y\n")
    result = run("fmt", "--check")
    assert result.exit_code == 1  # the broken file was never checked: CI must not pass
    assert result.stdout == "groups/northfield-lunch-club.yaml: would change (postcodes)\n"
    assert result.stderr.startswith("Skipped: groups/broken.yaml:")
    assert result.stderr.endswith("\n1 of 2 files would change; 1 could not be checked (see above)\n")
    result = run("fmt")
    assert result.exit_code == 1
    assert result.stderr.endswith("\n1 of 2 files formatted; 1 not formatted (see above)\n")
    assert "postcode: AS1 2AB" in (tiny / "groups" / "northfield-lunch-club.yaml").read_text(encoding="utf-8")
    assert bad.read_text(encoding="utf-8") == "summary2: x\nname: y\n"
    bad.unlink()
    result = run("fmt", "--check")
    assert (result.exit_code, result.stderr) == (0, "0 of 1 files would change\n")


def test_fmt_usage_shows_several_paths():
    assert run("fmt", "--help").stdout.startswith("Usage: assetdir fmt [OPTIONS] [PATH...]\n")


def test_fmt_on_the_sample_moves_only_keys(sample):
    path = next(sample.rglob("northfield-lunch-club.yaml"))
    before = path.read_text(encoding="utf-8")
    assert run("fmt", "--dir", str(sample)).exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "organisation: Northfield Methodist Church\nstatus: active\n",
        "status: active\norganisation: Northfield Methodist Church\n",
    )
    assert run("validate", "--dir", str(sample)).exit_code == 0


@pytest.mark.parametrize("name", ["assetdir.yaml", "notes.txt", "other/extra.yaml", "other"])
def test_fmt_refuses_a_path_that_is_not_a_group_file(tiny, monkeypatch, name):
    monkeypatch.chdir(tiny)
    (tiny / "other").mkdir()
    (tiny / "other" / "extra.yaml").write_text("summary2: x\nname: y\n", encoding="utf-8")
    (tiny / "notes.txt").write_text("summary2: x\nname: y\n", encoding="utf-8")
    group = tiny / "groups" / "northfield-lunch-club.yaml"
    before = {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()}
    result = run("fmt", "groups", name)
    assert result.exit_code == 1
    kind = "folder of group files" if name == "other" else "group file"
    assert result.stderr == f"Error: {name} is not a {kind} (group files are the .yaml files under groups/)\n"
    assert result.stdout == ""
    assert {p: p.read_bytes() for p in tiny.rglob("*") if p.is_file()} == before
    assert run("fmt", ".").exit_code == 0  # every group file, and nothing else
    assert (
        group.read_text(encoding="utf-8") != VALID
        and (tiny / "assetdir.yaml").read_bytes() == before[tiny / "assetdir.yaml"]
    )


def test_a_file_the_rewriting_cannot_read_is_named_and_left_alone(tiny, monkeypatch):
    from assetdir.problems import FileProblem

    def refuse(text: str) -> str:
        raise FileProblem("yaml-syntax", "YAML syntax on line 3 that cannot be rewritten here", 3, 1)

    monkeypatch.setattr(roundtrip, "readable", refuse)
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    before = path.read_bytes()
    result = run("fmt", "--dir", str(tiny))
    assert result.exit_code == 1
    assert "Skipped: " in result.stderr and "northfield-lunch-club.yaml:3:1: error yaml-syntax" in result.stderr
    assert path.read_bytes() == before


# A change made meanwhile is never lost


def test_fmt_refuses_when_the_file_changed_under_it(tiny, monkeypatch):
    path = tiny / "groups" / f"{GROUP}.yaml"  # its postcode is to be put in its normal form
    meanwhile(monkeypatch, path, THEIRS)
    result = run("fmt", "--dir", str(tiny))
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{GROUP}.yaml{CHANGED}\n") and len(result.stderr.splitlines()) == 1
    assert path.read_text(encoding="utf-8") == THEIRS
    assert litter(tiny) == []


def test_the_pre_commit_hook_passes_only_the_changed_group_files(sample):
    import re

    from assetdir import yamltext
    from conftest import REPO

    hooks = {h["id"]: h for h in yamltext.parse((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["assetdir-fmt"]
    assert hook["pass_filenames"] is True and hook["entry"] == "assetdir fmt --check"
    passed = re.compile(hook["files"])
    assert passed.search("groups/northfield/northfield-lunch-club.yaml") and passed.search("county/groups/a.yml")
    assert not passed.search("assetdir.yaml") and not passed.search(".github/workflows/ci.yml")
    # as pre-commit runs it: the files named, and only those
    named = ["groups/eastgate/eastgate-energy-advice.yaml", "groups/northfield/northfield-lunch-club.yaml"]
    result = run("fmt", "--check", *[str(sample / n) for n in named], root=sample)
    assert result.exit_code == 1
    assert result.stdout.endswith("northfield-lunch-club.yaml: would change (key order)\n")
    assert result.stderr == "1 of 2 files would change\n"


def test_fmt_given_a_file_that_is_not_a_group_file_says_so_in_one_line(sample):
    (sample / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run("fmt", "--check", str(sample / "notes.yaml"), root=sample)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "notes.yaml is not a group file" in result.stderr
