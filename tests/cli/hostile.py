"""A directory whose group files hold terminal escape sequences and bidi controls, for the commands'
tests: what they show must hold none of them raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import WIDE, run, write_group
from export.controls import DANGER

HOSTILE_SETTINGS = 'title: "Test \\e]0;title\\a"\nareas:\n  northfield: "North\\e[2Jfield"\n  eastgate: Eastgate\n'


EVIL = """\
name: "Evil \\e]0;pwned\\a Club \\u202egnp"
summary: "Tea \\e[2J and\\tcake \\x9b31m \\u2066x\\u2069 \u202eraw"
categories: [lunch-club]
area: northfield
description: "Line one\\n\\nLine two \\e[31mred"
venues:
  - name: "Hall \\u202egnp.exe"
    postcode: as1 2ab
sessions:
  - days: tuesday
    start: "12:00"
    end: "14:00"
    note: "note \\x07 bell"
contact:
  name: "Jean \\x1b[8m hidden \\x7f"
  phone: "01632 960123"
needs:
  - asset: minibus
    note: "need \\e[5m"
partners: [evil-two]
last_checked: 2024-01-01
private:
  notes: "private \\e[2J\\tnext\\nline two"
"""


TWO = """\
name: "Evil \\e]0;pwned\\a Club"
summary: "Tea and \\e[2J cake"
categories: [lunch-club]
area: northfield
venues:
  - name: "Other \\u202eHall"
    postcode: as1 2ab
contact:
  phone: "01632 960123"
offers:
  - asset: minibus
    note: "offer \\e[5m"
last_checked: 2026-10-01
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(HOSTILE_SETTINGS, encoding="utf-8")
    write_group(root, "evil-club", EVIL)
    write_group(root, "evil-two", TWO)
    return root


def shown(root: Path, *args: str, code: int = 0) -> str:
    """What a command shows (stdout and stderr), checked to hold no control character raw."""
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    out = result.stdout + result.stderr
    assert not DANGER.search(out), repr(DANGER.search(out))
    return out


BROKEN = """\
name: Broken
summary: Tea
categories: ["lunch\\e]0;x\\a\\nclub\\u202e"]
area: northfield
venues:
  - name: Hall
"""


@pytest.fixture
def broken(hostile: Path) -> Path:
    write_group(hostile, "broken", BROKEN)
    return hostile
