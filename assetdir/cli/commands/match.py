"""`assetdir match`."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import sys
from typing import Annotated, Any, Optional

import typer

from assetdir.cli.application import app
from assetdir.cli.options import DirOption, NoCacheOption, SheetFormat, open_index
from assetdir.cli.output import contact_of, print_table, stderr


@app.command()
def match(
    asset: Annotated[Optional[str], typer.Option("--asset", metavar="ASSET", help="Only this asset (minibus, meeting-room...).", show_default=False)] = None,
    area: Annotated[Optional[str], typer.Option("--area", metavar="AREA", help="Only needs of groups in this area.", show_default=False)] = None,
    group: Annotated[Optional[str], typer.Option("--group", metavar="ID", help="What this group could get, and give.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", help="Groups shown for each need (0: all).", min=0)] = 5,
    format: Annotated[Optional[SheetFormat], typer.Option("--format", "-f", metavar="FORMAT", help="table, text (a printable sheet), json or csv.", show_default=False)] = None,
    no_cache: NoCacheOption = False,
    dir: DirOption = None,
) -> None:
    """Who can help whom: each need, with the groups that offer it.

    Same area first, then the nearest venue, then the rest; needs nobody
    offers come last, as open needs. Only active groups, never a group itself.

    \b
    Examples:
      assetdir match --asset minibus
      assetdir match --group northfield-lunch-club --format text
    """
    from assetdir.query.network import match as run_match

    index = open_index(dir, no_cache)
    try:
        needs = run_match(index, asset, area, group, limit)
        vocab, areas = index.directory.vocabulary, index.directory.areas or {}
    finally:
        index.close()
    chosen = format or (SheetFormat.table if sys.stdout.isatty() else SheetFormat.text)

    def where(g: dict) -> str:
        return areas.get(g["area"], g["area"])

    def far(o: Any) -> str:
        return f"{o.distance_km:.1f} km" if o.distance_km is not None else ""

    if chosen is SheetFormat.json:
        import json

        print(json.dumps([
            {"id": n.group["id"], "name": n.group["name"], "area": n.group["area"], "asset": n.asset, "note": n.note,
             "offers": [{"id": o.group["id"], "name": o.group["name"], "area": o.group["area"], "distance_km": o.distance_km,
                         "note": o.note, "contact": o.group.get("contact", {})} for o in n.offers], "more": n.more}
            for n in needs], ensure_ascii=False))  # compact: it can be large, and it is for other tools
    elif chosen is SheetFormat.csv:
        from assetdir.export.cells import to_csv

        rows = [["need_id", "need_name", "need_area", "asset", "need_note", "offer_id", "offer_name", "offer_area", "distance_km", "offer_note", "offer_contact"]]
        for n in needs:
            head = [n.group["id"], n.group["name"], n.group["area"], n.asset, n.note]
            rows += [[*head, o.group["id"], o.group["name"], o.group["area"], far(o).replace(" km", ""), o.note, contact_of(o.group)] for o in n.offers] or [[*head, "", "", "", "", "", ""]]
        sys.stdout.write(to_csv(rows))
    elif chosen is SheetFormat.text:
        open_needs = [n for n in needs if not n.offers]
        print("Who can help whom\n")
        for n in needs:
            if not n.offers:
                continue
            print(f"{n.group['name']} ({where(n.group)}) needs {vocab.label('offers-needs', n.asset).lower()}" + (f": {n.note}" if n.note else ""))
            print(f"  Contact: {contact_of(n.group) or 'none given'}")
            for number, o in enumerate(n.offers, 1):
                extra = ", ".join(x for x in (where(o.group), far(o)) if x)
                print(f"  {number}. {o.group['name']} ({extra})" + (f": {o.note}" if o.note else ""))
                print(f"     Contact: {contact_of(o.group) or 'none given'}")
            if n.more:
                print(f"  ... and {n.more} more further away (--limit 0 shows all)")
            print()
        if open_needs:
            print("Needs nobody offers yet")
            for n in open_needs:
                print(f"  {n.group['name']} ({where(n.group)}): {vocab.label('offers-needs', n.asset).lower()}" + (f" ({n.note})" if n.note else ""))
    else:
        rows = [[n.group["name"], vocab.label("offers-needs", n.asset), where(n.group),
                 "\n".join(f"{o.group['name']} ({', '.join(x for x in (where(o.group), far(o)) if x)})" for o in n.offers) or "nobody yet"]
                for n in needs]
        print_table(["Group", "Needs", "Area", "Could get it from"], rows)
    if not needs:
        stderr().print("No needs match.", markup=False)
