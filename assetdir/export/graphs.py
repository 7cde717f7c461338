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
    for number, area in enumerate(_areas_of(nodes, areas, links)):
        lines.append(f"  subgraph cluster_{number} {{")
        lines.append(f"    label={quote(areas.get(area, area))};")
        lines += [
            f"    {quote(id_)} [label={quote(n['name'])}];"
            for id_, n in sorted(nodes.items())
            if n["area"] == area and _linked(id_, links)
        ]
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
    for number, area in enumerate(_areas_of(nodes, areas, links)):
        lines.append(f"  subgraph area{number}[{label(areas.get(area, area))}]")
        lines += [
            f"    {ids[id_]}[{label(n['name'])}]"
            for id_, n in sorted(nodes.items())
            if n["area"] == area and _linked(id_, links)
        ]
        lines.append("  end")
    lines += [f"  {ids[a]} --- {ids[b]}" for a, b in links]
    return "\n".join(lines) + "\n"


def _areas_of(nodes: dict[str, dict[str, Any]], areas: dict[str, str], links: list[tuple[str, str]]) -> list[str]:
    """The areas of the groups that have partners, in the directory's order."""
    used = {nodes[id_]["area"] for link in links for id_ in link}
    return [a for a in areas if a in used] + sorted(used - set(areas))


def _linked(id_: str, links: list[tuple[str, str]]) -> bool:
    return any(id_ in link for link in links)
