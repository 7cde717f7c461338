"""What the tests of merge and merge-groups share: a group of ours and their copy of it, written
differently; a private block laid out in unusual ways; a run whose output nobody reads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import SETTINGS, VALID, write_group

OURS = """\
# Northfield Lunch Club: Jean runs it
name: Northfield Lunch Club   # as on the noticeboard
summary: Hot two-course lunch and a chat.
categories: [lunch-club]
area: northfield
cost:                 # per visit
  type: fee
  amount: 4.50        # since April
  note: Two courses

venues:
  - name: Chapel Hall
    postcode: AS1 2AB
sessions:
  - days: [tuesday]
    start: "14:00"     # doors open 1.45
    end: "16:00"
    note: Bring a cup

contact:
  name: Jean
  phone: 01632 960110   # the church office
last_checked: 2026-09-14
private:
  notes: Prefers calls after 10am.
"""


THEIRS = """\
name: Northfield Luncheon Club
summary: Hot two-course lunch and a chat.
categories: [lunch-club, social-group]
area: northfield
cost: {type: fee, amount: 5, note: Three courses}
venues:
  - name: Chapel Hall
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: 2.30pm
    end: "16:00"
    note: Bring a cup
contact:
  phone: "01632960111"
  email: lunch@example.org
last_checked: 2026-10-01
private:
  notes: Council contact is Sam.
"""


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
