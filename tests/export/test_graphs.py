"""assetdir.export.graphs: a group's name (or an area's) is only ever text in a node label.

In Mermaid, a name could otherwise end its label and add nodes, start a %%{init}%%
directive or carry HTML; in Graphviz dot, end its string or start a new line.
"""

from __future__ import annotations

import html
import re

from assetdir.export.graphs import to_dot, to_mermaid

HOSTILE = [
    '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
    '<img src=x onerror="alert(1)"> <b>bold</b>',
    'Tea"] --> evil["Evil',
    "Tea & [cake] (x) {y} | z #quot; #35; ; a:b `md` \\ end",
    "Bidi \u202egnp \x1b]0;title\x07",
]

MERMAID_ENTITY = re.compile(r"#(\d+|[a-z]+);")


def nodes(names: list[str], area: str = "north") -> tuple[dict, list]:
    ids = [f"g-{n}" for n in range(len(names))]
    return {i: {"name": name, "area": area} for i, name in zip(ids, names)}, [(ids[0], i) for i in ids[1:]]


def mermaid_text(label: str) -> str:
    """What Mermaid shows for a label written "...": its #n; and #name; codes decoded."""
    return MERMAID_ENTITY.sub(lambda m: html.unescape(f"&#{m[1]};" if m[1].isdigit() else f"&{m[1]};"), label)


def test_mermaid_labels_hold_nothing_but_text():
    graph = to_mermaid(*nodes(["Plain", *HOSTILE]), {"north": "North %%{init}%% <i>x</i> [y]"})
    lines = graph.splitlines()
    assert lines[0] == "flowchart LR" and not [line for line in lines if line.lstrip().startswith("%%")]
    labels = []
    for line in lines[1:]:
        found = re.fullmatch(r'  (?:subgraph area\d+\["([^"]*)"\]|  g\d+\["([^"]*)"\]|end|g\d+ --- g\d+)', line)
        assert found, line
        labels += [x for x in found.groups() if x is not None]
    for label in labels:
        assert not re.search(r'[<>"\[\](){}%`|\\]', label), label
    shown = [mermaid_text(label) for label in labels]
    assert shown[0] == "North %%{init}%% <i>x</i> [y]"
    assert shown[1:] == ["Plain", *HOSTILE[:4], "Bidi \\u202egnp \\x1b]0;title\\x07"]


def test_dot_strings_escape_quotes_backslashes_and_line_breaks():
    graph = to_dot(*nodes(['Tea "and" \\N cake\nnext', "B"]), {"north": 'North "x"\nsouth'})
    assert 'label="North \\"x\\"\\\\nsouth";' in graph
    assert '[label="Tea \\"and\\" \\\\N cake\\\\nnext"];' in graph
    string = r'"(?:[^"\\]|\\.)*"'  # a quoted string, its quotes and backslashes escaped
    node = r'"[a-z0-9-]+"'
    statement = rf"\s*(subgraph cluster_\d+ \{{|\}}|label={string};|{node} (?:\[label={string}\]|-- {node});)"
    for line in graph.splitlines()[2:-1]:  # every statement a line of its own
        assert re.fullmatch(statement, line), line


def test_dot_shows_control_characters_escaped():
    graph = to_dot(*nodes([HOSTILE[4], "B"]), {})
    assert '"Bidi \\\\u202egnp \\\\x1b]0;title\\\\x07"' in graph


class _Counted(list):
    """Links that count how often they are read whole."""

    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_a_big_network_is_drawn_in_time_linear_in_groups_and_links():
    areas = {f"area-{a}": f"Area {a}" for a in range(40)}
    count = 4000
    network = {f"g-{n}": {"name": f"Group {n}", "area": f"area-{n % 40}"} for n in range(count)}
    links = [(f"g-{n}", f"g-{n + 1}") for n in range(0, count - 1, 2)]
    for draw in (to_dot, to_mermaid):
        _Counted.reads = 0
        text = draw(network, _Counted(links), areas)
        assert _Counted.reads <= 3  # never once per group
        assert text.count("Group ") == count
        for a in (0, 39):
            assert f"Area {a}" in text
