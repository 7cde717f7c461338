"""Changing our file's round-trip data in place, as a careful person would: a key inserted at its
place in the format's order, a value replaced inside its block line by line, so that every comment
and blank line stays with the line it is on."""

from __future__ import annotations

from typing import Any

from assetdir.edit.canonical import Tidy, normalise
from assetdir.edit.comments import reorder, set_comment
from assetdir.format.order import NESTED, TOP, rank


def seq_of(items: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(items)


def as_seq(ours: Any, key: str, items: list[Any], like: Any = None) -> Any:
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


def unique_id(base: str, taken: set[Any]) -> str:
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
        first, _, rest = token.value.partition("\n")  # lines that stood above the next key
        token.value = first + "\n"
        set_comment(block, key, "\n" + rest, 0)


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
        for item in new[len(old) :]:
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
        set_comment(old, list(old)[-1], tail.value, tail.column)  # the blank lines after the block stay


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

    from assetdir.format import values

    if not isinstance(block, CommentedMap):
        return block
    reorder(block, NESTED[kind])
    for key in ("start", "end") if kind == "sessions" else ():
        normalise(block, key, values.parse_time, Tidy(), "times", quote=True)
    if kind == "venues":
        normalise(block, "postcode", values.normalise_postcode, Tidy(), "postcodes")
    return block
