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
    from assetdir.merge_items import _assets, _sessions, _venues

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
            _union(merged, ours, key, o_norm or [], t_norm or [], name, order)
        elif key == "contact" and isinstance(theirs[key], dict) and isinstance(ours.get(key), dict):
            _block(merged, ours[key], theirs[key], o_norm or {}, t_norm or {}, name + ".", NESTED["contact"])
        else:
            _value(merged, ours, theirs, key, o_norm, t_norm, name, order)


def _union(merged: Merged, ours: Any, key: str, on: list, tn: list, name: str, order: list[str] = TOP) -> None:
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
            insert(ours, key, seq, order)
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


def _unique(base: str, taken: set[Any]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


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


def canonical(block: Any, kind: str) -> Any:
    """A block the merge copies in (a venue, a session), in the format's key order and
    with its times and postcode in their normal form, as `fmt` would write it."""
    from ruamel.yaml.comments import CommentedMap

    from assetdir import values
    from assetdir.fmt import Tidy, _normalise, reorder

    if not isinstance(block, CommentedMap):
        return block
    reorder(block, NESTED[kind])
    for key in ("start", "end") if kind == "sessions" else ():
        _normalise(block, key, values.parse_time, Tidy(), "times", quote=True)
    if kind == "venues":
        _normalise(block, "postcode", values.normalise_postcode, Tidy(), "postcodes")
    return block


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
