"""`assetdir partners`: the partnerships as Mermaid and dot, to a file, closed and unlisted groups left
out unless asked, names escaped in the labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run, write_group
from query.networks import group_yaml, new_directory

from .conftest import ok


def test_partners_dot(linked):
    text = ok(linked, "partners", "--format", "dot").stdout
    lines = text.splitlines()
    assert lines[0] == "graph partners {"
    assert lines[-1] == "}"
    assert text.count("subgraph cluster_") == 2
    assert 'label="Northfield";' in text and 'label="Eastgate";' in text
    assert '"eastgate-tea-dance" [label="The \\"Tuesday\\" Tea Dance"];' in text
    edges = [line.strip() for line in lines if " -- " in line]
    assert edges == [
        '"eastgate-book-club" -- "eastgate-tea-dance";',
        '"eastgate-tea-dance" -- "northfield-lunch-club";',
    ]
    assert "northfield-walking-group" not in text  # no partnership, not drawn
    # the lunch club sits in the Northfield cluster
    north = text.index('label="Northfield";')
    assert north < text.index('"northfield-lunch-club" [label=') < text.index('label="Eastgate";')


def test_partners_mermaid(linked):
    text = ok(linked, "partners").stdout
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    subgraphs = [line.strip() for line in lines if line.strip().startswith("subgraph")]
    assert len(subgraphs) == 2
    assert '"Northfield"' in subgraphs[0] and '"Eastgate"' in subgraphs[1]
    assert sum(line.strip() == "end" for line in lines) == 2
    assert "The #quot;Tuesday#quot; Tea Dance" in text
    assert '"Tuesday"' not in text
    assert sum(" --- " in line for line in lines) == 2
    assert "Northfield Walking Group" not in text
    assert ok(linked, "partners", "--format", "mermaid").stdout == text


def test_partners_no_cluster_for_an_area_without_linked_groups(tmp_path):
    """Only areas with a group that has a partnership get a cluster: an empty box draws as clutter."""
    root = new_directory(tmp_path)
    write_group(root, "northfield-walking-group", group_yaml("Northfield Walking Group", "northfield"))
    write_group(
        root, "eastgate-tea-dance", group_yaml("Eastgate Tea Dance", "eastgate", partners=["eastgate-book-club"])
    )
    write_group(root, "eastgate-book-club", group_yaml("Eastgate Book Club", "eastgate"))
    dot = ok(root, "partners", "--format", "dot").stdout
    assert dot.count("subgraph cluster_") == 1
    assert 'label="Northfield"' not in dot
    mermaid = ok(root, "partners", "--format", "mermaid").stdout
    assert mermaid.count("subgraph") == 1
    assert "Northfield" not in mermaid


def test_partners_output_file(linked, tmp_path):
    out = tmp_path / "partners.dot"
    result = ok(linked, "partners", "--format", "dot", "--output", str(out))
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == ok(linked, "partners", "--format", "dot").stdout


def test_partners_on_sample(sample):
    dot = ok(sample, "partners", "--format", "dot").stdout
    assert dot.startswith("graph partners {\n") and dot.endswith("}\n")
    edges = [line.strip() for line in dot.splitlines() if " -- " in line]
    assert len(edges) == len(set(edges)) > 0
    for edge in edges:
        a, b = edge.rstrip(";").split(" -- ")
        assert a < b  # each pair once, in one order


def test_partners_leaves_closed_and_do_not_list_groups_out_unless_asked(tmp_path):
    root = new_directory(tmp_path)
    write_group(
        root,
        "northfield-cafe",
        group_yaml("Northfield Cafe", "northfield", partners=["northfield-old-club", "northfield-walkers"]),
    )
    write_group(root, "northfield-walkers", group_yaml("Northfield Walkers", "northfield"))
    write_group(root, "northfield-old-club", group_yaml("Northfield Old Club", "northfield", status="closed"))
    shown = ok(root, "partners", "--format", "dot").stdout
    assert '"northfield-cafe" -- "northfield-walkers";' in shown
    assert "northfield-old-club" not in shown
    everything = ok(root, "partners", "--format", "dot", "--include-closed").stdout
    assert '"northfield-cafe" -- "northfield-old-club";' in everything


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
