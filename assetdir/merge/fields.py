"""One field merged: a value (equal left alone, missing filled in, different a conflict), a block key
by key, a list united (ours first).

Values are compared in their normal form ("01632960123" is "01632 960123", 5 is
5.00), and what is copied in is written in it. A field only one side has is filled
in; lists are united, ours first; two different values for one field are a conflict,
settled only as asked (`settle`): ours, theirs, or both texts kept together.
Changes are made to the kept file's round-trip data in place, value by value, so its
comments and blank lines stay with the lines they are on.
"""

from __future__ import annotations

from typing import Any

from assetdir.format.order import NESTED, TOP
from assetdir.merge.conflicts import Conflict, Merged
from assetdir.merge.edits import assign, insert
from assetdir.merge.values import copied, holds, joined

_EMPTY: tuple[Any, ...] = (None, [], {})


# free text that may run over lines: two sides' texts kept together go in paragraphs
_PARAGRAPHS = ("description", "private.notes")
# the free texts that --join may keep together; a name, a date, a phone or an id joined is no value
_TEXTS = frozenset({"summary", "description", "note", "notes", "transport"})


def merge_value(
    merged: Merged, ours: Any, theirs: Any, key: str, on: Any, tn: Any, name: str, order: list[str]
) -> None:
    """One value: equal is left alone, missing is filled in, different is a conflict."""
    if on == tn or tn in _EMPTY or holds(on, tn):
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
    if isinstance(on, str) and isinstance(tn, str) and key in ours and key in _TEXTS:

        def both() -> None:
            ours[key] = joined(ours[key], tn, name in _PARAGRAPHS)

    merged.conflicts.append(Conflict(name, on, tn, take, keep_both=both))


def merge_block(
    merged: Merged,
    ours: Any,
    theirs: Any,
    on: dict,
    tn: dict,
    prefix: str,
    order: list[str],
    lists: tuple[str, ...] = (),
) -> None:
    """A block of keys (contact, age, private, a venue), key by key."""
    for key in theirs:
        name = prefix + key
        t_norm, o_norm = tn.get(key, theirs[key]), on.get(key, ours.get(key))
        if key in lists:
            merge_list(merged, ours, key, o_norm or [], t_norm or [], name, order)
        elif key == "contact" and isinstance(theirs[key], dict) and isinstance(ours.get(key), dict):
            merge_block(merged, ours[key], theirs[key], o_norm or {}, t_norm or {}, name + ".", NESTED["contact"])
        else:
            merge_value(merged, ours, theirs, key, o_norm, t_norm, name, order)


def merge_list(merged: Merged, ours: Any, key: str, on: list, tn: list, name: str, order: list[str] = TOP) -> None:
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
