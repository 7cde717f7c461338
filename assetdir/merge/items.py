"""Merging the lists whose items are blocks: offers and needs, venues, sessions.

What counts as the same item: an offer or need of the same asset; a venue with
the same postcode, or the same name; sessions are compared as a whole timetable.
"""

from __future__ import annotations

import json
from typing import Any

from assetdir.format.order import NESTED, TOP
from assetdir.format.values import as_id
from assetdir.merge.conflicts import Conflict, Merged
from assetdir.merge.edits import as_seq, assign, canonical, insert, unique_id
from assetdir.merge.fields import merge_block, merge_value
from assetdir.merge.values import copied, holds, joined


def merge_assets(merged: Merged, ours: Any, key: str, on: list[dict], tn: list[dict], theirs: Any) -> None:
    """Offers or needs: the same asset is the same item; its notes are compared."""
    from ruamel.yaml.comments import CommentedMap

    mine = {item["asset"]: i for i, item in enumerate(on)}
    for item in tn:
        asset, note = item["asset"], item.get("note")
        if asset not in mine:
            seq = as_seq(ours, key, [i["asset"] if not i.get("note") else dict(i) for i in on], theirs.get(key))
            seq.append(asset if not note else CommentedMap(item))
            mine[asset] = len(seq) - 1
            merged.added.append(f"{key}: {asset}")
            continue
        i = mine[asset]
        ours_note = on[i].get("note") if i < len(on) else None
        if not note or note == ours_note:
            continue
        seq = as_seq(ours, key, [x["asset"] if not x.get("note") else dict(x) for x in on])

        def take(seq: Any = seq, i: int = i, asset: str = asset, note: str = note) -> None:
            seq[i] = CommentedMap(asset=asset, note=note) if not isinstance(seq[i], dict) else seq[i]
            seq[i]["note"] = note

        if ours_note is None:
            take()
            merged.filled.append(f"{key}[{asset}].note")
        elif ours_note != note and not holds(ours_note, note):

            def both(seq: Any = seq, i: int = i, ours_note: str = ours_note, note: str = note) -> None:
                seq[i]["note"] = joined(ours_note, note, False)

            merged.conflicts.append(Conflict(f"{key}[{asset}].note", ours_note, note, take, keep_both=both))


def _same_venue(a: dict, b: dict) -> bool:
    if a.get("postcode") and b.get("postcode") and a["postcode"] == b["postcode"]:
        return True
    return as_id(a["name"]) == as_id(b["name"])


def merge_venues(merged: Merged, ours: Any, theirs: Any, on: list[dict], tn: list[dict]) -> dict[int, int]:
    """Unite the venues (the same postcode or name is the same venue); their index -> ours."""
    mapping: dict[int, int] = {}
    merged_norm = list(on)
    taken: set[int] = set()
    for j, venue in enumerate(tn):
        free = [i for i in range(len(on)) if i not in taken]
        i = next((i for i in free if on[i] == venue), None)  # the very same venue first
        if i is None:
            i = next((i for i in free if _same_venue(on[i], venue)), None)
        if i is not None:
            taken.add(i)
            mapping[j] = i
            raw = {k: v for k, v in theirs["venues"][j].items() if k != "id"}
            merge_block(
                merged,
                ours["venues"][i],
                raw,
                on[i],
                venue,
                f"venues[{on[i]['name']}].",
                NESTED["venues"],
                ("accessibility",),
            )
            continue
        raw = copied(theirs["venues"][j], venue)
        ids = {v.get("id") for v in merged_norm}
        if raw.get("id") and raw["id"] in ids:
            raw["id"] = unique_id(raw["id"], ids)
        as_seq(ours, "venues", []).append(canonical(raw, "venues"))
        mapping[j] = len(merged_norm)
        merged_norm.append({**venue, "id": raw.get("id")})
        merged.added.append(f"venues: {venue['name']}")
    return mapping


def _session_keys(sessions: list[dict], venue_ids: list[Any], mapping: dict[int, int] | None) -> list[str]:
    keys = []
    for s in sessions:
        where = venue_ids.index(s["venue"]) if s.get("venue") and s["venue"] in venue_ids else 0
        key = {**s, "venue": None if s.get("by_arrangement") else (mapping or {}).get(where, where)}
        keys.append(json.dumps(key, sort_keys=True))
    return keys


def merge_sessions(merged: Merged, ours: Any, theirs: Any, on: dict, tn: dict, mapping: dict[int, int]) -> None:
    """Sessions are compared as a whole timetable: theirs in ours is nothing new. Timetables
    that differ only in their notes differ note by note (and notes can be kept together)."""
    our_keys = _session_keys(on["sessions"], [v.get("id") for v in on["venues"]], None)
    their_keys = _session_keys(tn["sessions"], [v.get("id") for v in tn["venues"]], mapping)
    if set(their_keys) <= set(our_keys):
        return
    their_ids = [v.get("id") for v in tn["venues"]]
    if _without_notes(our_keys) == _without_notes(their_keys) and isinstance(ours.get("sessions"), list):
        for i, (mine, yours) in enumerate(zip(on["sessions"], tn["sessions"])):
            raw = theirs["sessions"][i] if isinstance(theirs["sessions"], list) else theirs["sessions"]
            merge_value(
                merged,
                ours["sessions"][i],
                raw,
                "note",
                mine.get("note"),
                yours.get("note"),
                f"sessions[{i + 1}].note",
                NESTED["sessions"],
            )
        return

    def take() -> None:
        sessions = copied(theirs["sessions"], tn["sessions"], "sessions")
        for raw in sessions if isinstance(sessions, list) else []:
            if isinstance(raw, dict) and not raw.get("by_arrangement"):
                where = mapping.get(
                    their_ids.index(raw["venue"]) if raw.get("venue") and raw["venue"] in their_ids else 0, 0
                )
                _point_at(ours, raw, where, merged)
            canonical(raw, "sessions")
        if "sessions" in ours:
            assign(ours, "sessions", sessions, TOP)  # line by line: our comments on the lines kept stay
        else:
            insert(ours, "sessions", sessions, TOP)

    if not on["sessions"]:
        take()
        merged.filled.append("sessions")
        return
    merged.conflicts.append(Conflict("sessions", on["sessions"], tn["sessions"], take, shown=_when))


def _without_notes(keys: list[str]) -> list[str]:
    out = []
    for key in keys:
        session = json.loads(key)
        session.pop("note", None)
        out.append(json.dumps(session, sort_keys=True))
    return out


def _point_at(ours: Any, session: Any, where: int, merged: Merged) -> None:
    """Make a session name our venue number `where` (the first needs no name)."""
    venues = ours.get("venues") or []
    if where == 0 or where >= len(venues):
        session.pop("venue", None)
        return
    venue = venues[where]
    if not venue.get("id"):
        taken = {v.get("id") for v in venues}
        base = as_id(str(venue["name"])) or "venue"
        venue.insert(0, "id", base if base not in taken else unique_id(base, taken))
        merged.filled.append(f"venues[{venue['name']}].id")
    session["venue"] = venue["id"]


def _when(sessions: list[dict]) -> str:
    """A timetable in words, all of it (notes, dates, venue), so that two can be told apart."""
    from assetdir.format.document import session_or_none
    from assetdir.words import when

    def one(s: dict) -> str:
        session = session_or_none(s)
        if session is None:  # not a session the model takes: show it as written
            return json.dumps(s, sort_keys=True, default=str)
        text = when(session)
        text += f" (at venue {s['venue']})" if s.get("venue") and not s.get("by_arrangement") else ""
        if session.bank_holidays:  # what the words of `when` leave out, so that two can be told apart
            text += f"; bank holidays {session.bank_holidays}"
        return text + "".join(f"; closed {c.from_} to {c.last}" for c in session.closed)

    return "[" + ", ".join(f'"{one(s)}"' for s in sessions) + "]"
