"""Golden files: an output compared whole with the file that holds what it should be.

The files are under tests/golden/ (export/ for exports, cli/ for what commands print).
After a deliberate change to an output, write them again and read the diff before
committing it:

    ASSETDIR_REGEN_GOLDEN=1 python -m pytest tests/cli/test_golden.py tests/cli/test_export.py tests/export/test_ics.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os

from conftest import REPO

GOLDEN = REPO / "tests" / "golden"

REGENERATE = "ASSETDIR_REGEN_GOLDEN"


def check_golden(name: str, text: str) -> None:
    """`text` is what tests/golden/`name` holds; with ASSETDIR_REGEN_GOLDEN=1 it is written there first.

    A difference fails with a unified diff, the golden file's lines as `-`, the output's as `+`."""
    __tracebackhide__ = True  # a failure shows the test that checked, and the diff
    path = GOLDEN / name
    if os.environ.get(REGENERATE):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8") if path.exists() else ""
    if text == expected:
        return
    shown = "tests/golden/" + name
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True), text.splitlines(keepends=True), shown, "this run's output"
    )
    missing = "" if path.exists() else f" (there is no {shown} yet)"
    raise AssertionError(
        f"{shown} differs from the output{missing}; if the change is meant, write it again with "
        f"{REGENERATE}=1 and read the diff:\n" + "".join(_ended(line) for line in diff)
    )


def _ended(line: str) -> str:
    """A line of the diff ended, so that a last line without a newline does not run into the next."""
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
