"""Merging one record of a group into another, field by field, in the kept file.

Values are compared in their normal form ("01632960123" is "01632 960123", 5 is
5.00), and what is copied in is written in it. A field only one side has is filled
in; lists are united, ours first; two different values for one field are a conflict,
settled only as asked (`settle`): ours, theirs, or both texts kept together.
Changes are made to the kept file's round-trip data in place, value by value, so its
comments and blank lines stay with the lines they are on.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable

from assetdir.edit.fmt import NESTED, TOP, rank
from assetdir.format.models import Group

LISTS = ["categories", "audience", "attending", "languages", "partners", "merged_from"]
BLOCKS = {"age": NESTED["age"], "contact": NESTED["contact"], "private": NESTED["private"]}
_DATES = {"last_checked", "starting", "from", "until"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMPTY: tuple[Any, ...] = (None, [], {})
_TIMES = ("start", "end")
# free text that may run over lines: two sides' texts kept together go in paragraphs
_PARAGRAPHS = ("description", "private.notes")


@dataclass
class Conflict:
    """One field both sides give, differently."""

    field: str
    ours: Any
    theirs: Any
    take_theirs: Callable[[], None] = field(repr=False)
    kept: str = ""  # "ours", "theirs" or "both", once settled
    shown: Callable[[Any], str] | None = field(default=None, repr=False)  # values in words
    keep_both: Callable[[], None] | None = field(default=None, repr=False)  # for two texts

    @property
    def private(self) -> bool:
        return self.field.startswith("private")

    @property
    def not_kept(self) -> Any:
        return self.theirs if self.kept == "ours" else self.ours

    def matches(self, fields: list[str]) -> bool:
        """Whether a field named on the command line (`contact`, `contact.phone`, `note`) means this one."""
        last = re.split(r"[.\]]", self.field)[-1].lstrip("[")
        return any(self.field == f or self.field.startswith((f + ".", f + "[")) or _same_word(last, f) for f in fields)


def _same_word(a: str, b: str) -> bool:
    return a.rstrip("s") == b.rstrip("s")


@dataclass
class Merged:
    """What merging their record into ours did, and what is left to settle."""

    data: Any  # our file's round-trip data, changed in place
    filled: list[str] = field(default_factory=list)  # fields only they had
    added: list[str] = field(default_factory=list)  # list items only they had
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.filled or self.added or any(c.kept in ("theirs", "both") for c in self.conflicts))


@dataclass
class Choices:
    """How conflicts are settled: a side for all (`prefer`), and fields named one by one,
    which come first: keep ours, take theirs, or keep both texts (`join`)."""

    prefer: str | None = None
    keep: list[str] = field(default_factory=list)
    take: list[str] = field(default_factory=list)
    join: list[str] = field(default_factory=list)


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
        return dt.date.fromisoformat(value)  # yamltext keeps dates as text; written plain again
    return value


def normal(group: Group) -> dict[str, Any]:
    """A group's values in normal form, as plain data, `x-` keys included: what two sides
    are compared in (an amount to the penny, text without the spaces around it)."""
    data = _trimmed({**group.model_dump(mode="json", by_alias=True), **group.extensions})
    cost = data.get("cost")
    if isinstance(cost, dict) and cost.get("amount") is not None:
        data["cost"] = {**cost, "amount": f"{Decimal(str(cost['amount'])):.2f}"}
    return data


def _trimmed(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trimmed(v) for v in value]
    return value


def copied(raw: Any, norm: Any, key: str = "") -> Any:
    """A copy of their value to write into our file: as they wrote it (their comments too),
    but every text that has a normal form in it (phones, postcodes, times) in that form."""
    return _normalised(copy.deepcopy(raw), norm, key)


def _normalised(value: Any, norm: Any, key: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    if isinstance(value, dict) and isinstance(norm, dict):
        for k in list(value):
            value[k] = _normalised(value[k], norm.get(k), str(k))
    elif isinstance(value, list) and isinstance(norm, list) and len(value) == len(norm):
        for i, item in enumerate(value):
            value[i] = _normalised(item, norm[i], key)
    elif key in _TIMES and isinstance(norm, str):
        return DoubleQuotedScalarString(norm)  # as fmt writes times
    elif isinstance(value, str) and isinstance(norm, str) and value.strip() != norm:
        # a text in normal form needs no quotes to stay text ("01632960110" did, 01632 960110 does not)
        return norm if "\n" not in norm or not isinstance(value, ScalarString) else type(value)(norm)
    return value


def merge(ours_raw: Any, theirs_raw: Any, ours: Group, theirs: Group, rename: dict[str, str | None], our_id: str) -> Merged:
    """Bring `theirs` into `ours_raw` (changed in place); `rename` maps their partner ids
    to ours (None: left out), and a partner that would be `our_id` itself is dropped."""
    merged = Merged(ours_raw)
    for raw in (ours_raw, theirs_raw):
        for key in ("venues", "sessions"):
            if isinstance(raw.get(key), dict):  # one written without the dash: a list of one
                raw[key] = _seq([raw[key]])
    from assetdir.merge.items import _assets, _sessions, _venues

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
    if on == tn or tn in _EMPTY or _holds(on, tn):
        return
    value = copied(theirs[key], tn, key)
    if key not in ours and on in _EMPTY:
        insert(ours, key, value, order)
        merged.filled.append(name)
        return

    def take() -> None:
        if key in ours:
            assign(ours, key, value, order)
        else:
            insert(ours, key, value, order)

    both = None
    if isinstance(on, str) and isinstance(tn, str) and key in ours:

        def both() -> None:
            ours[key] = _joined(ours[key], tn, name in _PARAGRAPHS)

    merged.conflicts.append(Conflict(name, on, tn, take, keep_both=both))


def _holds(on: Any, tn: Any) -> bool:
    """Whether our text already holds theirs as one of its parts (kept together before)."""
    if not (isinstance(on, str) and isinstance(tn, str)) or len(tn) >= len(on):
        return False
    return tn in re.split(r"\n\s*\n|; ", on)


def _joined(ours: Any, theirs: str, paragraphs: bool) -> Any:
    """Our text and theirs, kept together: as paragraphs of a block, or on one line."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if paragraphs:
        return LiteralScalarString(f"{str(ours).strip()}\n\n{theirs}\n")
    return f"{str(ours).strip()}; {theirs}"


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


def remember(merged: Merged, ours: Any, ids: list[str]) -> None:
    """Add ids of groups now part of ours to its `merged_from` list."""
    raw = ours.get("merged_from")
    known = [raw] if isinstance(raw, str) else [str(i) for i in raw or []]
    _union(merged, ours, "merged_from", known, ids, "merged_from")


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
        from assetdir.edit.fmt import _set_comment

        first, _, rest = token.value.partition("\n")  # lines that stood above the next key
        token.value = first + "\n"
        _set_comment(block, key, "\n" + rest, 0)


def assign(block: Any, key: Any, new: Any, order: list[str]) -> None:
    """Set `block[key]` to `new` as a careful person editing the file would: inside a block
    or list that is there already, only what differs changes, so every comment and blank
    line stays with the line it is on; a text keeps its quoting where it can."""
    from ruamel.yaml.scalarstring import ScalarString

    old = block[key]
    if isinstance(old, dict) and isinstance(new, dict):
        _assign_block(old, new, NESTED.get(str(key), order))
    elif isinstance(old, list) and isinstance(new, list) and not _flow(old):
        for i in range(min(len(old), len(new))):
            if old[i] != new[i]:
                assign(old, i, new[i], order)
        for item in new[len(old):]:
            old.append(item)
        for i in reversed(range(len(new), len(old))):
            del old[i]
    elif isinstance(old, str) and isinstance(new, str) and ("\n" in old) == ("\n" in new):
        block[key] = type(old)(new) if isinstance(old, ScalarString) else str(new)  # quoted as ours was
    else:
        block[key] = new


def _assign_block(old: Any, new: dict, order: list[str]) -> None:
    last = list(old)[-1] if old else None
    tail = _tail(old, last)
    for k in [k for k in old if k not in new]:
        del old[k]
    for k, v in new.items():
        if k not in old:
            insert(old, k, v, order)
        elif old[k] != v:
            assign(old, k, v, order)
    if tail is not None and old and list(old)[-1] != last and _tail(old, list(old)[-1]) is None:
        from assetdir.edit.fmt import _set_comment

        _set_comment(old, list(old)[-1], tail.value, tail.column)  # the blank lines after the block stay


def _tail(block: Any, key: Any) -> Any:
    """The comment token after a block's last plain value: its end comment and the blank lines after."""
    if key is None or isinstance(block.get(key), (dict, list)):
        return None
    entry = block.ca.items.get(key)
    return entry[2] if entry and len(entry) > 2 else None


def _flow(value: Any) -> bool:
    fa = getattr(value, "fa", None)
    return bool(fa is not None and fa.flow_style())


def canonical(block: Any, kind: str) -> Any:
    """A block the merge copies in (a venue, a session), in the format's key order and
    with its times and postcode in their normal form, as `fmt` would write it."""
    from ruamel.yaml.comments import CommentedMap

    from assetdir.edit.fmt import Tidy, _normalise, reorder
    from assetdir.format import values

    if not isinstance(block, CommentedMap):
        return block
    reorder(block, NESTED[kind])
    for key in ("start", "end") if kind == "sessions" else ():
        _normalise(block, key, values.parse_time, Tidy(), "times", quote=True)
    if kind == "venues":
        _normalise(block, "postcode", values.normalise_postcode, Tidy(), "postcodes")
    return block


def settle(merged: Merged, choices: Choices, ours_checked: Any, theirs_checked: Any) -> None:
    """Settle the conflicts: fields named one by one first (both texts, theirs, ours), then the
    side `prefer` says: ours, theirs, or the side checked later (ours on a tie)."""
    side = choices.prefer
    if side == "newer":
        side = "theirs" if (theirs_checked or "") > (ours_checked or "") else "ours"
    for conflict in merged.conflicts:
        if conflict.keep_both is not None and conflict.matches(choices.join):
            conflict.kept = "both"
            conflict.keep_both()
        elif conflict.matches(choices.take):
            conflict.kept = "theirs"
        elif conflict.matches(choices.keep):
            conflict.kept = "ours"
        elif side is not None:
            conflict.kept = side
        if conflict.kept == "theirs":
            conflict.take_theirs()
