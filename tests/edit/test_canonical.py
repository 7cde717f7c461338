"""assetdir.edit.canonical.is_canonical: `fmt --check` tells an already canonical file from its one
parse, and never calls canonical a file `fmt` would change."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetdir import yamltext
from assetdir.edit import canonical, fmt, roundtrip
from assetdir.edit.canonical import is_canonical
from assetdir.edit.fmt import format_files, format_text
from assetdir.format.models import Group
from assetdir.problems import FileProblem
from assetdir.store.directory import find_directory
from conftest import REPO, run

from .untidy import MESSY, TIDY

FIXTURES = sorted(p for folder in ("groups", "tests") for p in (REPO / folder).rglob("*.y*ml"))


def _valid(data: dict) -> bool:
    try:
        Group.model_validate(data, context={"vocab": None, "areas": None, "region": "GB", "id": None})
        return True
    except ValueError:
        return False


def _agrees(text: str) -> bool | None:
    """Whether the quick check and the rewrite agree on `text` (None: not a file fmt formats)."""
    try:
        data = yamltext.parse(text)
    except FileProblem:
        return None
    if not isinstance(data, dict) or not _valid(data):
        return None  # fmt leaves it alone
    try:
        new, _ = format_text(text, "GB")
    except FileProblem:  # what our reader takes and the rewriting cannot: skipped by fmt
        return not is_canonical(text, data, "GB")
    return not is_canonical(text, data, "GB") or new == text


def test_on_every_fixture_canonical_means_fmt_changes_nothing():
    canonical_ones = 0
    for path in FIXTURES:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _agrees(text) is not False, path
        canonical_ones += bool(_agrees(text)) and is_canonical(text, yamltext.parse(text), "GB")
    assert canonical_ones >= 30  # the bundled sample is mostly canonical: the quick way is taken


def test_untidy_is_not_canonical_and_tidy_is():
    assert not is_canonical(MESSY, yamltext.parse(MESSY), "GB")
    assert is_canonical(TIDY, yamltext.parse(TIDY), "GB")


def _text_of(base: str, change: str, at: int) -> str:
    """One way a volunteer's file may be untidy, or merely unusual."""
    lines = base.splitlines(keepends=True)
    if change == "swap":  # two top-level keys in the other order
        starts = [i for i, line in enumerate(lines) if canonical.TOP_KEY.match(line)]
        i = starts[at % (len(starts) - 1)]
        j = starts[starts.index(i) + 1]
        k = starts[starts.index(j) + 1] if starts.index(j) + 1 < len(starts) else len(lines)
        return "".join(lines[:i] + lines[j:k] + lines[i:j] + lines[k:])
    edits = {
        "unquoted": (r'(start|end): "(\d\d:\d\d)"', r"\1: \2"),
        "single": (r'(start|end): "(\d\d:\d\d)"', r"\1: '\2'"),
        "dotted": (r'(start|end): "(\d\d):(\d\d)"', r'\1: "\2.\3"'),
        "flow": (r'- days: (.*)\n    start: ("\d\d:\d\d")\n', r"- {days: \1, start: \2}\n"),
        "postcode": (r"postcode: (\w+) (\w+)", lambda m: f"postcode: {m[1].lower()}{m[2].lower()}"),
        "phone": (r"phone: (\d{5}) (\d{6})", r"phone: \1\2"),
        "quoted-phone": (r"phone: (\d{5}) (\d{6})", r'phone: "\1-\2"'),
        "nested": (r"(\n  - )name: (.*)\n    address: (.*)\n", r"\1address: \3\n    name: \2\n"),
        "contact": (r"contact:\n  name: (.*)\n  phone: (.*)\n", r"contact:\n  phone: \2\n  name: \1\n"),
        "quoted-key": (r'\n    start: "', '\n    "start": "'),
        "in-text": (r"\ndescription: \|\n", '\ndescription: |\n  start: "09:00"\n'),
        "crlf": (r"\n", "\r\n"),
        "comment": (r"\n(sessions:)", r"\n# when\n\1"),
    }
    pattern, replacement = edits[change]
    return re.sub(pattern, replacement, base, count=1 if change != "crlf" else 0)


CHANGES = ["swap", "unquoted", "single", "dotted", "flow", "postcode", "phone", "quoted-phone", "nested"]
CHANGES += ["contact", "quoted-key", "in-text", "crlf", "comment"]
SAMPLE = [p for p in FIXTURES if p.is_relative_to(REPO / "groups")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLE), st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 20)), max_size=3))
def test_no_untidy_file_is_called_canonical(path: Path, changes: list[tuple[str, int]]):
    text = path.read_text(encoding="utf-8")
    for change, at in changes:
        text = _text_of(text, change, at)
    assert _agrees(text) is not False, text


def test_the_quick_way_gives_what_the_rewrite_gives(sample, monkeypatch):
    for path in sorted((sample / "groups").rglob("*.yaml"))[::5]:
        path.write_text(_text_of(path.read_text(encoding="utf-8"), "unquoted", 0), encoding="utf-8")
    directory = find_directory(sample)
    quick = format_files(directory, [])
    monkeypatch.setattr(canonical, "is_canonical", lambda *args: False)
    slow = format_files(directory, [])
    assert [(c.path, c.new) for c in quick.changes] == [(c.path, c.new) for c in slow.changes]
    assert quick.what == slow.what and quick.skipped == slow.skipped and quick.checked == slow.checked == 48
    assert len(quick.changes) >= 10


def test_canonical_files_are_not_read_by_the_round_trip_loader(sample, monkeypatch):
    assert run("fmt", root=sample).exit_code == 0
    loaded = []
    monkeypatch.setattr(roundtrip, "load", lambda text: loaded.append(text))
    result = run("fmt", "--check", root=sample)
    assert result.exit_code == 0, result.output
    assert result.stderr == "0 of 48 files would change\n"
    assert loaded == []
    assert fmt.format_text is format_text


def test_a_time_written_in_a_description_does_not_hide_an_unquoted_one():
    text = (REPO / "groups" / "eastgate" / "eastgate-energy-advice.yaml").read_text(encoding="utf-8")
    assert is_canonical(text, yamltext.parse(text), "GB")
    text = _text_of(_text_of(text, "unquoted", 0), "in-text", 0)
    assert text.count("start: ") == 2 and len(re.findall(r"start: \d", text)) == 1
    assert not is_canonical(text, yamltext.parse(text), "GB")
    assert _agrees(text) is True
