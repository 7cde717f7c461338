"""partners: a group's name (or an area's) is only ever text in a node label.

In Mermaid, a name could otherwise end its label and add nodes, start a %%{init}%%
directive or carry HTML; in Graphviz dot, end its string or start a new line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run, write_group


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_partners_command_writes_escaped_labels(tiny: Path, fmt):
    write_group(
        tiny,
        "evil",
        """\
name: '%%{init: {"theme": "dark"}}%% <b>x</b>'
summary: Tea.
categories: [lunch-club]
area: northfield
venues:
  - name: Hall
contact:
  phone: "01632 960123"
partners: [northfield-lunch-club]
last_checked: 2026-10-01
""",
    )
    out = tiny / f"partners.{fmt}"
    result = run("partners", "--format", fmt, "--dir", str(tiny), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "mermaid":
        assert "%%" not in text and "<b>" not in text
        coded = "#37;#37;#123;init#58; #123;#quot;theme#quot;#58; #quot;dark#quot;#125;#125;#37;#37; "
        coded += "#60;b#62;x#60;/b#62;"
        assert coded in text
    else:
        assert '[label="%%{init: {\\"theme\\": \\"dark\\"}}%% <b>x</b>"]' in text
