"""Merging one record of a group into another, field by field, in the kept file.

Values are compared in their normal form ("01632960123" is "01632 960123").
A field only one side has is filled in; lists are united, ours first; two
different values for one field are a conflict, settled only as asked (`settle`).
Changes are made to the kept file's round-trip data, so its comments and layout stay.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from assetdir.fmt import NESTED, TOP, rank
from assetdir.models import Group
from assetdir.values import as_id

LISTS = ["categories", "audience", "attending", "languages", "partners"]
BLOCKS = {"age": NESTED["age"], "contact": NESTED["contact"], "private": NESTED["private"]}
_DATES = {"last_checked", "starting", "from", "until"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMPTY: tuple[Any, ...] = (None, [], {})


@dataclass
class Conflict:
    """One field both sides give, differently."""

    field: str
    ours: Any
    theirs: Any
    take_theirs: Callable[[], None] = field(repr=False)
    kept: str = ""  # "ours" or "theirs", once settled
    shown: Callable[[Any], str] | None = field(default=None, repr=False)  # values in words

    @property
    def private(self) -> bool:
        return self.field.startswith("private")

    @property
    def not_kept(self) -> Any:
        return self.theirs if self.kept == "ours" else self.ours


@dataclass
class Merged:
    """What merging their record into ours did, and what is left to settle."""

    data: Any  # our file's round-trip data, changed in place
    filled: list[str] = field(default_factory=list)  # fields only they had
    added: list[str] = field(default_factory=list)  # list items only they had
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.filled or self.added or any(c.kept == "theirs" for c in self.conflicts))


def editable(value: Any, key: str = "") -> Any:
    """Plain data as round-trip data: lists of plain values written [a, b], the rest as blocks,
    dates as dates. Much quicker than the round-trip loader, for values only copied."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((k, editable(v, k)) for k, v in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(editable(v) for v in value)
        if not any(isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        return seq
    if key in _DATES and isinstance(value, str) and _DATE.match(value):
        return dt.date.fromisoformat(value)  # yaml_io keeps dates as text; written plain again
    return value


def normal(group: Group) -> dict[str, Any]:
    """A group's values in normal form, as plain data, `x-` keys included."""
    return {**group.model_dump(mode="json", by_alias=True), **group.extensions}


def merge(ours_raw: Any, theirs_raw: Any, ours: Group, theirs: Group, rename: dict[str, str | None], our_id: str) -> Merged:
    """Bring `theirs` into `ours_raw` (changed in place); `rename` maps their partner ids
    to ours (None: left out), and a partner that would be `our_id` itself is dropped."""
    merged = Merged(ours_raw)
    for raw in (ours_raw, theirs_raw):
        for key in ("venues", "sessions"):
            if isinstance(raw.get(key), dict):  # one written without the dash: a list of one
                raw[key] = _seq([raw[key]])
    on, tn = normal(ours), normal(theirs)
    tn["partners"] = [p for p in (rename.get(p, p) for p in tn["partners"]) if p and p != our_id]
    venue_map = _venues(merged, ours_raw, theirs_raw, on["venues"], tn["venues"])
    for key in [*TOP, *(k for k in theirs_raw if k not in TOP)]:
        if key not in theirs_raw or key in ("venues",):
            continue
        if key in LISTS:
            _union(merged, ours_raw, key, on[key], tn[key], key)
        elif key in ("offers", "needs"):
            _assets(merged, ours_raw, key, on[key], tn[key], theirs_raw)
        elif key == "sessions":
            _sessions(merged, ours_raw, theirs_raw, on, tn, venue_map)
        elif key in BLOCKS and isinstance(theirs_raw[key], dict) and isinstance(ours_raw.get(key), dict):
            _block(merged, ours_raw[key], theirs_raw[key], on[key] or {}, tn[key] or {}, key + ".", BLOCKS[key])
        else:
            _value(merged, ours_raw, theirs_raw, key, on.get(key), tn.get(key), key, TOP)
    return merged


def _value(merged: Merged, ours: Any, theirs: Any, key: str, on: Any, tn: Any, name: str, order: list[str]) -> None:
    """One value: equal is left alone, missing is filled in, different is a conflict."""
    if on == tn or tn in _EMPTY:
        return
    value = copy.deepcopy(theirs[key])
    if key not in ours and on in _EMPTY:
        insert(ours, key, value, order)
        merged.filled.append(name)
        return

    def take() -> None:
        if key in ours:
            ours[key] = value
        else:
            insert(ours, key, value, order)

    merged.conflicts.append(Conflict(name, on, tn, take))


def _block(merged: Merged, ours: Any, theirs: Any, on: dict, tn: dict, prefix: str, order: list[str], lists: tuple[str, ...] = ()) -> None:
    """A block of keys (contact, age, private, a venue), key by key."""
    for key in theirs:
        name = prefix + key
        t_norm, o_norm = tn.get(key, theirs[key]), on.get(key, ours.get(key))
        if key in lists:
            _union(merged, ours, key, o_norm or [], t_norm or [], name)
        elif key == "contact" and isinstance(theirs[key], dict) and isinstance(ours.get(key), dict):
            _block(merged, ours[key], theirs[key], o_norm or {}, t_norm or {}, name + ".", NESTED["contact"])
        else:
            _value(merged, ours, theirs, key, o_norm, t_norm, name, order)


def _union(merged: Merged, ours: Any, key: str, on: list, tn: list, name: str) -> None:
    from ruamel.yaml.comments import CommentedSeq

    new = [item for item in dict.fromkeys(tn) if item not in on]
    if not new:
        return
    raw = ours.get(key)
    if isinstance(raw, list):
        raw.extend(new)
    else:  # not written, or written as one item without brackets
        seq = CommentedSeq([*on, *new])
        seq.fa.set_flow_style()
        if key in ours:
            ours[key] = seq
        else:
            insert(ours, key, seq, TOP)
    merged.added += [f"{name}: {item}" for item in new]


def _seq(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def _as_seq(ours: Any, key: str, items: list[Any], like: Any = None) -> Any:
    """Our list as a list in the file (one item may have been written without brackets);
    a new list is written in the style of `like` (their list), flow [a, b] or block."""
    from ruamel.yaml.comments import CommentedSeq

    raw = ours.get(key)
    if isinstance(raw, list):
        return raw
    seq = CommentedSeq(items)
    if isinstance(raw, str) or (like is not None and getattr(like, "fa", None) is not None and like.fa.flow_style()):
        seq.fa.set_flow_style()
    if key in ours:
        ours[key] = seq
    else:
        insert(ours, key, seq, TOP)
    return seq


def _assets(merged: Merged, ours: Any, key: str, on: list[dict], tn: list[dict], theirs: Any) -> None:
    """Offers or needs: the same asset is the same item; its notes are compared."""
    from ruamel.yaml.comments import CommentedMap

    mine = {item["asset"]: i for i, item in enumerate(on)}
    for item in tn:
        asset, note = item["asset"], item.get("note")
        if asset not in mine:
            seq = _as_seq(ours, key, [i["asset"] if not i.get("note") else dict(i) for i in on], theirs.get(key))
            seq.append(asset if not note else CommentedMap(item))
            mine[asset] = len(seq) - 1
            merged.added.append(f"{key}: {asset}")
            continue
        i = mine[asset]
        ours_note = on[i].get("note") if i < len(on) else None
        if not note or note == ours_note:
            continue
        seq = _as_seq(ours, key, [x["asset"] if not x.get("note") else dict(x) for x in on])

        def take(seq: Any = seq, i: int = i, asset: str = asset, note: str = note) -> None:
            seq[i] = CommentedMap(asset=asset, note=note) if not isinstance(seq[i], dict) else seq[i]
            seq[i]["note"] = note

        if ours_note is None:
            take()
            merged.filled.append(f"{key}[{asset}].note")
        else:
            merged.conflicts.append(Conflict(f"{key}[{asset}].note", ours_note, note, take))


def _same_venue(a: dict, b: dict) -> bool:
    if a.get("postcode") and b.get("postcode") and a["postcode"] == b["postcode"]:
        return True
    return as_id(a["name"]) == as_id(b["name"])


def _venues(merged: Merged, ours: Any, theirs: Any, on: list[dict], tn: list[dict]) -> dict[int, int]:
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
            _block(merged, ours["venues"][i], raw, on[i], venue, f"venues[{on[i]['name']}].", NESTED["venues"], ("accessibility",))
            continue
        raw = copy.deepcopy(theirs["venues"][j])
        ids = {v.get("id") for v in merged_norm}
        if raw.get("id") and raw["id"] in ids:
            raw["id"] = _unique(raw["id"], ids)
        _as_seq(ours, "venues", []).append(raw)
        mapping[j] = len(merged_norm)
        merged_norm.append({**venue, "id": raw.get("id")})
        merged.added.append(f"venues: {venue['name']}")
    return mapping


def _unique(base: str, taken: set[Any]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _session_keys(sessions: list[dict], venue_ids: list[Any], mapping: dict[int, int] | None) -> list[str]:
    import json

    keys = []
    for s in sessions:
        where = venue_ids.index(s["venue"]) if s.get("venue") and s["venue"] in venue_ids else 0
        key = {**s, "venue": None if s.get("by_arrangement") else (mapping or {}).get(where, where)}
        keys.append(json.dumps(key, sort_keys=True))
    return keys


def _sessions(merged: Merged, ours: Any, theirs: Any, on: dict, tn: dict, mapping: dict[int, int]) -> None:
    """Sessions are compared as a whole timetable: theirs in ours is nothing new."""
    our_keys = _session_keys(on["sessions"], [v.get("id") for v in on["venues"]], None)
    their_keys = _session_keys(tn["sessions"], [v.get("id") for v in tn["venues"]], mapping)
    if set(their_keys) <= set(our_keys):
        return
    their_ids = [v.get("id") for v in tn["venues"]]

    def take() -> None:
        sessions = copy.deepcopy(theirs["sessions"])
        for raw in sessions if isinstance(sessions, list) else []:
            if isinstance(raw, dict) and not raw.get("by_arrangement"):
                where = mapping.get(their_ids.index(raw["venue"]) if raw.get("venue") and raw["venue"] in their_ids else 0, 0)
                _point_at(ours, raw, where, merged)
        if "sessions" in ours:
            ours["sessions"] = sessions
        else:
            insert(ours, "sessions", sessions, TOP)

    if not on["sessions"]:
        take()
        merged.filled.append("sessions")
        return
    merged.conflicts.append(Conflict("sessions", on["sessions"], tn["sessions"], take, shown=_when))


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
        venue.insert(0, "id", base if base not in taken else _unique(base, taken))
        merged.filled.append(f"venues[{venue['name']}].id")
    session["venue"] = venue["id"]


def _when(sessions: list[dict]) -> str:
    def one(s: dict) -> str:
        if s.get("by_arrangement"):
            return "by arrangement"
        days = "/".join(d[:3] for d in s["days"])
        every = "" if s.get("every") == "week" else f" every {s['every']}"
        return f"{days} {s.get('start')}-{s.get('end') or ''}{every}".rstrip("-")

    return "; ".join(one(s) for s in sessions)


def insert(block: Any, key: str, value: Any, order: list[str]) -> None:
    """Add a key at its canonical place; comment lines above the next key stay above it."""
    keys = list(block.keys())
    order_of = rank(order)
    at = sum(1 for i, k in enumerate(keys) if order_of((i, k)) <= order_of((len(keys), key)))
    before = keys[at - 1] if at else None
    block.insert(at, key, value)
    token = block.ca.items.get(before, [None] * 3)[2] if before is not None else None
    scalars = not isinstance(block[before], (dict, list)) and not isinstance(value, (dict, list)) if before else False
    if token is not None and scalars and "\n" in token.value.rstrip("\n"):
        from assetdir.fmt import _set_comment

        first, _, rest = token.value.partition("\n")  # lines that stood above the next key
        token.value = first + "\n"
        _set_comment(block, key, "\n" + rest, 0)


def settle(merged: Merged, prefer: str | None, ours_checked: Any, theirs_checked: Any) -> None:
    """Settle every conflict: keep ours, take theirs, or the side checked later (ours on a tie)."""
    if prefer is None:
        return
    side = prefer
    if prefer == "newer":
        side = "theirs" if (theirs_checked or "") > (ours_checked or "") else "ours"
    for conflict in merged.conflicts:
        conflict.kept = side
        if side == "theirs":
            conflict.take_theirs()
