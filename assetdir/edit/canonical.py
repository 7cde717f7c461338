"""Values in their normal form and keys in the format's order, as `fmt` writes them: times as
"HH:MM" in quotes, postcodes and phone numbers normalised."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assetdir.edit.comments import reorder
from assetdir.format.order import NESTED


@dataclass
class Tidy:
    """What formatting one file changed."""

    changed: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if what not in self.changed:
            self.changed.append(what)


def tidy_nested(data: Any, region: str, tidy: Tidy) -> None:
    """Order the keys of nested blocks and normalise times, postcodes and phones, in place."""
    from ruamel.yaml.comments import CommentedMap

    for key, order in NESTED.items():
        value = data.get(key)
        # where the comment lines above a block's first key are kept: on the list item, or on the key holding the block
        places = [(value, i, 1) for i in range(len(value))] if isinstance(value, list) else [(data, key, 3)]
        for holder, at, slot in places:
            block = holder[at] if slot == 1 else holder.get(at)
            if isinstance(block, CommentedMap) and reorder(block, order, in_list=slot == 1, lead=(holder, at, slot)):
                tidy.note("key order")
    private = data.get("private")
    contact = private.get("contact") if isinstance(private, CommentedMap) else None
    if isinstance(contact, CommentedMap) and reorder(contact, NESTED["contact"][:3], lead=(private, "contact", 3)):
        tidy.note("key order")
    from assetdir.format import values

    for session in _blocks(data.get("sessions")):
        for key in ("start", "end"):
            normalise(session, key, values.parse_time, tidy, "times", quote=True)
    for venue in _blocks(data.get("venues")):
        normalise(venue, "postcode", values.normalise_postcode, tidy, "postcodes")
    for contact in (data.get("contact"), (data.get("private") or {}).get("contact")):
        if isinstance(contact, dict):
            normalise(contact, "phone", lambda v: values.normalise_phone(v, region), tidy, "phone numbers")


def _blocks(value: Any) -> list[Any]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)]


def normalise(block: Any, key: str, normal: Callable[[Any], str], tidy: Tidy, what: str, quote: bool = False) -> None:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from assetdir.format.values import normalised

    value = block.get(key)
    if value is None:
        return
    new = normalised(normal, value)
    if new is None:
        return  # the file does not validate; it is reported and left alone before this
    if quote and not (type(value) is DoubleQuotedScalarString and value == new):
        block[key] = DoubleQuotedScalarString(new)
        tidy.note(what)
    elif not quote and value != new:
        block[key] = type(value)(new) if isinstance(value, str) else new
        tidy.note(what)
