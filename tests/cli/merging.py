"""What the tests of merge and merge-groups share: a group of ours and their copy of it, written
differently; a private block laid out in unusual ways; a run whose output nobody reads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import SETTINGS, VALID, write_group
from merge import pairs

# the library tests' pair, without the partner (these directories have no memory cafe)
OURS = pairs.OURS.replace("partners: [memory-cafe]\n", "")
THEIRS = pairs.THEIRS


def directory(root: Path, groups: dict[str, str]) -> Path:
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS, encoding="utf-8")
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


SECRETS = ("Jean Secret", "07700 900777", "secret@example.org", "Ring after ten")


# the same private block, written in valid but unusual ways
LAYOUTS = {
    "plain": "private:\n  contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n"
    "  notes: Ring after ten\n",
    "quoted-key": '"private":\n  contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n'
    "  notes: Ring after ten\n",
    "space-before-colon": "private :\n  contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n"
    "  notes: Ring after ten\n",
    "explicit-key": "? private\n: contact: {name: Jean Secret, phone: 07700 900777, email: secret@example.org}\n"
    "  notes: Ring after ten\n",
    "flow": "private: {contact: {name: Jean Secret, phone: 07700 900777,\n    email: secret@example.org},\n"
    "  notes: Ring after ten}\n",
}


def group(private: str, name: str = "Northfield Lunch Club", indent: int = 0) -> str:
    text = VALID.replace("Northfield Lunch Club", name) + private + "x-ref: A1\n"
    return textwrap.indent(text, " " * indent) if indent else text


def assert_no_secret(result) -> None:
    for secret in SECRETS:
        assert secret not in result.output, result.output


def closed_reader(*args: str) -> subprocess.CompletedProcess:
    """Run assetdir with its output read by nobody (as `| head` does once it has enough)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "assetdir", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # type: ignore[union-attr]
    _, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(args, process.returncode, "", err.decode())
