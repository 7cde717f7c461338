from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from assetdir.cli import app
from assetdir.problems import CODES

REPO = Path(__file__).resolve().parents[1]
MERGE_FIXTURES = REPO / "tests" / "fixtures" / "merge"
# Public test data kept beside the checkout, not in it (see the README's Development section)
SHARED = REPO.parent / "shared" / "data"


runner = CliRunner()
WIDE = {"COLUMNS": "400"}  # rich's tables unwrapped, whatever the terminal


def run(*args: str, root: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run the command line in this process: `run("search", "lunch", root=sample)`.

    `root` adds `--dir root` just after the command (so before any `--`); `env` sets
    variables for this run only. The result has exit_code, stdout, stderr and output."""
    argv = list(args)
    if root is not None:
        at = next((i + 1 for i, a in enumerate(argv) if not a.startswith("-")), len(argv))
        argv[at:at] = ["--dir", str(root)]
    return runner.invoke(app, argv, env=env)


def shared(name: str) -> Path:
    """A folder of the shared test data, or a skip saying where it was looked for and why."""
    folder = SHARED / name
    if not folder.is_dir():
        pytest.skip(
            f"shared test data not found: these tests read {name} from {folder}, a folder kept beside "
            "this checkout (../shared/data/); without it they are skipped and the rest of the suite still runs"
        )
    return folder


# Every problem code the package may report; anything else is a bug in itself.
KNOWN_CODES = frozenset(CODES)

# The day every test runs on, whatever the machine's clock says: the fixtures and the
# sample were written to be checked on it (none of them falls due for review).
TODAY = dt.date(2026, 11, 27)


class Clock:
    """The commands' clock in the tests: TODAY unless a test sets another day."""

    def __init__(self) -> None:
        self.day = TODAY

    def set(self, day: dt.date) -> None:
        self.day = day


_clock = Clock()


@pytest.fixture(scope="session", autouse=True)
def _frozen_clock() -> Iterator[None]:
    """The one clock frozen for the whole session, before any fixture builds anything
    (a module-scoped fixture that exports a booklet sees the same day as the tests)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("assetdir.cli.clock.today", lambda: _clock.day)
        yield


@pytest.fixture
def clock() -> Iterator[Clock]:
    """Set the commands' day for one test: `clock.set(dt.date(2026, 10, 29))`."""
    yield _clock
    _clock.day = TODAY


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the bundled sample directory, safe to change."""
    target = tmp_path / "sample"
    target.mkdir()
    shutil.copy(REPO / "assetdir.yaml", target / "assetdir.yaml")
    shutil.copytree(REPO / "groups", target / "groups")
    return target


def write_group(root: Path, id_: str, text: str, folder: str = "") -> Path:
    path = root / "groups" / folder / f"{id_}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


SETTINGS = "title: Test\nareas:\n  northfield: Northfield\n  eastgate: Eastgate\n"

VALID = """\
name: Northfield Lunch Club
summary: Hot two-course lunch and a chat.
categories: [lunch-club]
area: northfield
venues:
  - name: Chapel Hall
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: "12:00"
    end: "14:00"
contact:
  phone: "01632 960123"
last_checked: 2026-10-01
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A directory with settings and one valid group."""
    root = tmp_path / "tiny"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    write_group(root, "northfield-lunch-club", VALID)
    return root


@pytest.fixture
def pair(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """Copies of the merge fixtures, ours and theirs, with ours the current folder."""
    shutil.copytree(MERGE_FIXTURES / "ours", tmp_path / "ours")
    shutil.copytree(MERGE_FIXTURES / "theirs", tmp_path / "theirs")
    monkeypatch.chdir(tmp_path / "ours")
    return tmp_path / "ours", tmp_path / "theirs"


def index_file(root: Path) -> Path:
    """Where a directory's index is kept when its folder can be written."""
    return root / ".assetdir" / "index.sqlite3"


def files(root: Path) -> dict[str, str]:
    """Every YAML file under `root` by its relative path, with its text."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml"))}
