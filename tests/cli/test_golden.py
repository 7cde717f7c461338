"""Golden files of what people read: each command's output compared whole with tests/golden/cli/.

What is read on a screen is kept as a transcript (`$ assetdir ...`, then its output, its
messages and its exit code); what other tools read (JSON, CSV, HTML, Mermaid, dot) as the
output itself. Every command runs in a copy of its directory, from inside it, so the paths
shown are the ones a volunteer sees; the day is the suite's TODAY and tables are 100
columns wide, whatever the terminal. After a deliberate change to an output, write them
again with ASSETDIR_REGEN_GOLDEN=1 and read the diff (`git diff tests/golden/cli/`)."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from conftest import REPO, run
from golden import check_golden

FIXTURE = REPO / "tests" / "fixtures" / "validate"

# tables as wide as a terminal of 100 columns, and no colour whatever the environment asks
SCREEN = {"COLUMNS": "100", "FORCE_COLOR": "", "TTY_COMPATIBLE": ""}


def output(*args: str, code: int = 0, messages: str | None = None) -> str:
    """What `assetdir ARGS` prints on standard output, checked to be what a user should see;
    its exit code is `code` and its standard error `messages` (when given)."""
    result = run(*args, env=SCREEN)
    shown = result.stdout + result.stderr
    assert result.exit_code == code, shown
    if messages is not None:
        assert result.stderr == messages
    assert "Traceback" not in shown
    assert "\x1b" not in shown  # no colours or other escape sequences
    assert str(Path.cwd().parent) not in shown  # no temporary folder: paths as typed
    return result.stdout


def transcript(*commands: tuple[str, ...]) -> str:
    """Each command as typed, what it prints, its messages and (when not 0) its exit code."""
    parts = []
    for args in commands:
        result = run(*args, env=SCREEN)
        parts.append(f"$ assetdir {shlex.join(args)}\n{result.stdout}")
        if result.stderr:
            parts.append(f"[standard error]\n{result.stderr}")
        if result.exit_code:
            parts.append(f"[exit code {result.exit_code}]\n")
        parts.append("\n")
    text = "".join(parts)
    assert "Traceback" not in text
    assert "\x1b" not in text
    assert str(Path.cwd().parent) not in text
    assert "[exit code 3]" not in text  # 3: an unexpected internal error
    return text


@pytest.fixture
def problems(tmp_path: Path, monkeypatch) -> Path:
    """A copy of tests/fixtures/validate (five groups: five errors, two warnings), the current folder."""
    root = tmp_path / "directory"
    shutil.copytree(FIXTURE, root)
    monkeypatch.delenv("ASSETDIR_DIR", raising=False)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def in_sample(sample: Path, monkeypatch) -> Path:
    """A copy of the bundled sample, the current folder."""
    monkeypatch.delenv("ASSETDIR_DIR", raising=False)
    monkeypatch.chdir(sample)
    return sample


@pytest.fixture
def in_ours(pair: tuple[Path, Path], monkeypatch) -> Path:
    """Copies of tests/fixtures/merge/ours and theirs, from inside ours."""
    monkeypatch.delenv("ASSETDIR_DIR", raising=False)
    return pair[0]


def test_validate_text(problems):
    check_golden(
        "cli/validate.txt",
        transcript(
            ("validate",),
            ("validate", "groups/eastgate"),
            ("validate", "groups/eastgate/eastgate-phone-friends.yaml"),
            ("validate", "--strict", "groups/eastgate/eastgate-phone-friends.yaml"),
        ),
    )


def test_validate_json(problems):
    out = output("validate", "--format", "json", code=1, messages="5 groups checked: 5 errors, 2 warnings\n")
    check_golden("cli/validate.json", out)


def test_validate_github(problems):
    out = output("validate", "--format", "github", code=1, messages="5 groups checked: 5 errors, 2 warnings\n")
    check_golden("cli/validate-github.txt", out)


SEARCHES = [
    ("search", "lunch", "club"),
    ("search", "memory", "cafe"),
    ("search", "--category", "Social", "--on", "tomorrow"),
    ("search", "dementa"),
    ("search", "exercise", "--free", "--accessible", "step-free"),
    ("search", "--category", "Wellbeing", "--area", "eastgate"),
    ("search", "--max-cost", "3", "--day", "monday", "--limit", "3"),
    ("search", "lunch", "--area", "millbrook", "--day", "sunday"),
    ("search", "zzzz"),
]


def test_search(in_sample):
    check_golden("cli/search.txt", transcript(*SEARCHES))


def test_search_table(in_sample):
    check_golden("cli/search-table.txt", transcript(("search", "--format", "table", "lunch", "club")))


def test_match_sheet(in_sample):
    check_golden(
        "cli/match.txt",
        transcript(
            ("match", "--format", "text"),
            ("match", "--group", "northfield-lunch-club", "--format", "text"),
            ("match", "--asset", "minibus", "--area", "millbrook", "--format", "text"),
        ),
    )


def test_review_sheet(in_sample):
    check_golden(
        "cli/review.txt",
        transcript(
            ("review", "--format", "text"),
            ("review", "--due-within", "6m", "--format", "text"),
            ("review", "--due-within", "6m", "--format", "text", "--no-private"),
        ),
    )


def test_gaps_columns(in_sample):
    check_golden("cli/gaps.txt", transcript(("gaps",), ("gaps", "--by", "category")))


@pytest.mark.parametrize("format", ["json", "csv", "html"])
def test_gaps_formats(in_sample, format):
    check_golden(f"cli/gaps.{format}", output("gaps", "--by", "day", "--by", "category", "--format", format))


@pytest.mark.parametrize("format, ending", [("mermaid", "mmd"), ("dot", "dot")])
def test_partners_graphs(in_sample, format, ending):
    check_golden(f"cli/partners.{ending}", output("partners", "--format", format))


def test_partners_in_words(in_sample):
    # a group's partners, and the groups that name it, as `show` lists them
    check_golden("cli/partners.txt", transcript(("show", "northfield-memory-cafe"), ("show", "northfield-lunch-club")))


def test_merge_plan(in_ours):
    check_golden(
        "cli/merge.txt",
        transcript(("merge", "../theirs"), ("merge", "../theirs", "--prefer", "ours")),
    )


# conflicts settled field by field, then the rest by the later check
SETTLED = ("--keep", "name", "--take", "summary", "--prefer", "newer")


def test_merge_groups_plan(in_ours):
    check_golden(
        "cli/merge-groups.txt",
        transcript(
            ("merge-groups", "northfield-lunch-club", "northfield-luncheon-club"),
            ("merge-groups", "northfield-lunch-club", "northfield-luncheon-club", *SETTLED),
        ),
    )
