"""The network of partnerships as a graph to draw: Graphviz dot or Mermaid, areas as clusters, a
group's name always just text in its label."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assetdir.visible import one_line

if TYPE_CHECKING:
    pass


def to_dot(nodes: dict[str, dict[str, Any]], links: list[tuple[str, str]], areas: dict[str, str]) -> str:
    """Graphviz: one cluster per area; a name is one line of text in its string, whatever it holds."""

    def quote(text: str) -> str:
        return '"' + one_line(text).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["graph partners {", "  node [shape=box, style=rounded];"]
    for number, (area, members) in enumerate(_by_area(nodes, areas, links)):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={quote(areas.get(area, area))};")
        lines += [f"    {quote(id_)} [label={quote(nodes[id_]['name'])}];" for id_ in members]
        lines.append("  }")
    lines += [f"  {quote(a)} -- {quote(b)};" for a, b in links]
    return "\n".join(lines + ["}"]) + "\n"


# written as Mermaid's codes (#quot;, #60;): what could end a label, start a %%{init}%%
# directive, open HTML or markdown, or be read as a code itself
_MERMAID_CODES = {c: "#quot;" if c == '"' else f"#{ord(c)};" for c in '"#%&<>[](){}|;:`\\'}


def to_mermaid(nodes: dict[str, dict[str, Any]], links: list[tuple[str, str]], areas: dict[str, str]) -> str:
    """Mermaid flowchart: one subgraph per area."""

    def label(text: str) -> str:  # only text: no way out of the label, no directive, no HTML
        return '"' + "".join(_MERMAID_CODES.get(c, c) for c in one_line(text)) + '"'

    ids = {id_: f"g{n}" for n, id_ in enumerate(sorted(nodes))}
    lines = ["flowchart LR"]
    for number, (area, members) in enumerate(_by_area(nodes, areas, links)):
        lines.append(f"  subgraph area{number}[{label(areas.get(area, area))}]")
        lines += [f"    {ids[id_]}[{label(nodes[id_]['name'])}]" for id_ in members]
        lines.append("  end")
    lines += [f"  {ids[a]} --- {ids[b]}" for a, b in links]
    return "\n".join(lines) + "\n"


def _by_area(
    nodes: dict[str, dict[str, Any]], areas: dict[str, str], links: list[tuple[str, str]]
) -> list[tuple[str, list[str]]]:
    """The areas of the groups that have partners, in the directory's order, each with those
    groups in id order: one pass over the links and one over the groups."""
    linked = {id_ for link in links for id_ in link}
    members: dict[str, list[str]] = {}
    for id_ in sorted(linked & nodes.keys()):
        members.setdefault(nodes[id_]["area"], []).append(id_)
    order = [a for a in areas if a in members] + sorted(members.keys() - set(areas))
    return [(area, members[area]) for area in order]
