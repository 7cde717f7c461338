"""Sheets for people who ring round: who can help whom (`match`) and the groups due for checking
(`review`), as a printable text sheet, a CSV call list, JSON for other tools, and table rows."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from assetdir.export.cells import to_csv
from assetdir.words import contact_line, plural

if TYPE_CHECKING:
    from assetdir.format.vocabulary import Vocabulary
    from assetdir.query.network import Due, Need, Offer

NOT_FOR_PUBLICATION = "FOR COORDINATORS: CONTAINS PRIVATE DETAILS - not for publication"


# --- match: each need, with the groups that offer it ---------------------------------------------


def _far(offer: Offer) -> str:
    return f"{offer.distance_km:.1f} km" if offer.distance_km is not None else ""


def match_json(needs: list[Need]) -> str:
    """Compact: it can be large, and it is for other tools."""
    return (
        json.dumps(
            [
                {
                    "id": n.group["id"],
                    "name": n.group["name"],
                    "area": n.group["area"],
                    "asset": n.asset,
                    "note": n.note,
                    "offers": [
                        {
                            "id": o.group["id"],
                            "name": o.group["name"],
                            "area": o.group["area"],
                            "distance_km": o.distance_km,
                            "note": o.note,
                            "contact": o.group.get("contact", {}),
                        }
                        for o in n.offers
                    ],
                    "more": n.more,
                }
                for n in needs
            ],
            ensure_ascii=False,
        )
        + "\n"
    )


def match_csv(needs: list[Need]) -> str:
    rows = [
        [
            "need_id",
            "need_name",
            "need_area",
            "asset",
            "need_note",
            "offer_id",
            "offer_name",
            "offer_area",
            "distance_km",
            "offer_note",
            "offer_contact",
        ]
    ]
    for n in needs:
        head = [n.group["id"], n.group["name"], n.group["area"], n.asset, n.note]
        offers = [
            [
                *head,
                o.group["id"],
                o.group["name"],
                o.group["area"],
                _far(o).replace(" km", ""),
                o.note,
                contact_line(o.group),
            ]
            for o in n.offers
        ]
        rows += offers or [[*head, "", "", "", "", "", ""]]
    return to_csv(rows)


def match_sheet(needs: list[Need], vocab: Vocabulary, areas: dict[str, str]) -> str:
    """A printable sheet: each need with the groups that could help and who to ring, then open needs."""

    def where(g: dict[str, Any]) -> str:
        return areas.get(g["area"], g["area"])

    lines = ["Who can help whom", ""]
    for n in (n for n in needs if n.offers):
        note = f": {n.note}" if n.note else ""
        lines.append(f"{n.group['name']} ({where(n.group)}) needs {vocab.label('offers-needs', n.asset).lower()}{note}")
        lines.append(f"  Contact: {contact_line(n.group) or 'none given'}")
        for number, o in enumerate(n.offers, 1):
            extra = ", ".join(x for x in (where(o.group), _far(o)) if x)
            lines.append(f"  {number}. {o.group['name']} ({extra})" + (f": {o.note}" if o.note else ""))
            lines.append(f"     Contact: {contact_line(o.group) or 'none given'}")
        if n.more:
            lines.append(f"  ... and {n.more} more further away (--limit 0 shows all)")
        lines.append("")
    open_needs = [n for n in needs if not n.offers]
    if open_needs:
        lines.append("Needs nobody offers yet")
        lines += [
            f"  {n.group['name']} ({where(n.group)}): {vocab.label('offers-needs', n.asset).lower()}"
            + (f" ({n.note})" if n.note else "")
            for n in open_needs
        ]
    return "\n".join(lines) + "\n"


def match_rows(needs: list[Need], vocab: Vocabulary, areas: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Columns and rows of the table shown in a terminal."""

    def where(g: dict[str, Any]) -> str:
        return areas.get(g["area"], g["area"])

    rows = [
        [
            n.group["name"],
            vocab.label("offers-needs", n.asset),
            where(n.group),
            "\n".join(f"{o.group['name']} ({', '.join(x for x in (where(o.group), _far(o)) if x)})" for o in n.offers)
            or "nobody yet",
        ]
        for n in needs
    ]
    return ["Group", "Needs", "Area", "Could get it from"], rows


# --- review: the groups due for checking, with who to ring ---------------------------------------


def _review_columns(private: bool) -> list[str]:
    columns = ["due", "id", "name", "area", "last_checked", "checked_by", "contact"]
    return columns + (["private_contact", "private_notes"] if private else [])


def _review_row(due: Due, areas: dict[str, str], private: bool) -> list[str]:
    g = due.group
    cells = [
        str(due.due) if due.due else "never checked",
        g["id"],
        g["name"],
        areas.get(g["area"], g["area"]),
        g.get("last_checked", ""),
        g.get("checked_by", ""),
        contact_line(g),
    ]
    return cells + ([contact_line(g, private=True), (g.get("private") or {}).get("notes", "")] if private else [])


def review_json(due: list[Due], areas: dict[str, str], private: bool) -> str:
    columns = _review_columns(private)
    rows = [dict(zip(columns, _review_row(d, areas, private))) for d in due]
    data = {"private": private, "notice": NOT_FOR_PUBLICATION if private else "", "due": rows}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def review_csv(due: list[Due], areas: dict[str, str], private: bool) -> str:
    """A call list. The header itself says which columns are private, so the first line stays a
    header spreadsheets understand."""
    header = [f"{c} (NOT FOR PUBLICATION)" if c.startswith("private") else c for c in _review_columns(private)]
    return to_csv([header] + [_review_row(d, areas, private) for d in due])


def review_sheet(due: list[Due], areas: dict[str, str], private: bool) -> str:
    lines = [NOT_FOR_PUBLICATION, ""] if private else []
    for d in due:
        cells = _review_row(d, areas, private)
        lines.append(f"{cells[2]} ({cells[1]}), {cells[3]}: " + (f"due {cells[0]}" if d.due else "never checked"))
        lines.append(f"  last checked: {cells[4] or 'never'}" + (f" ({cells[5]})" if cells[5] else ""))
        lines.append(f"  contact: {cells[6] or 'none given'}")
        if private and (cells[7] or cells[8]):
            lines.append(f"  private: {', '.join(x for x in cells[7:9] if x)}")
    return "".join(line + "\n" for line in lines)


def review_rows(due: list[Due], areas: dict[str, str], private: bool) -> tuple[list[str], list[list[str]]]:
    columns = ["Due", "Group", "Area", "Last checked", "Contact"] + (["Private contact"] if private else [])
    rows = []
    for d in due:
        r = _review_row(d, areas, private)
        rows.append([r[0], f"{r[2]} ({r[1]})", r[3], r[4], r[6]] + ([r[7]] if private else []))
    return columns, rows


def due_count(due: list[Due]) -> str:
    return f"{plural(len(due), 'group')} due for checking"
