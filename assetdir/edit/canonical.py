"""Values in their normal form and keys in the format's order, as `fmt` writes them: times as
"HH:MM" in quotes, postcodes and phone numbers normalised."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assetdir.edit.comments import reorder
from assetdir.format.order import NESTED, TOP, rank


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


TOP_KEY = re.compile(r"^([^\s#\-][^:]*|-[^\s-][^:]*):")  # a top-level key at the start of its line

# a start or end key anywhere (plain or quoted, as a key in a block, a flow mapping or after `?`)
_TIME_KEY = re.compile(r"""(?<![\w-])["']?(?:start|end)["']?\s*:""")
# the one form fmt writes: the key alone on its line (or after a list's dash), "HH:MM" in double quotes
_TIME_LINE = re.compile(r"""^[ ]*(?:-[ ]+)*(?:start|end): "\d\d:\d\d"[ ]*(?:#.*)?$""", re.MULTILINE)


def is_canonical(text: str, data: dict[str, Any], region: str) -> bool:
    """Whether `fmt` would leave a valid group file as it is, told from its text and the data our
    reader made of it, without the round-trip loader. False whenever that cannot be told cheaply
    (tabs, carriage returns, escapes, merge keys, a time not written alone on its line...): the
    file then goes the slow way, so this never calls canonical a file `fmt` would change."""
    if "\t" in text or "\r" in text or "\\" in text or "<<" in text:
        return False
    lines = [TOP_KEY.match(line) for line in text.splitlines() if not line.startswith("---")]
    written = {m[1].strip(): None for m in lines if m}  # the top-level keys as fmt.order_top finds them
    if not _in_order(written, TOP) or len(written) != sum(1 for m in lines if m) or not _in_order(data, TOP):
        return False
    for key, order in NESTED.items():
        value = data.get(key)
        if not all(_in_order(block, order) for block in (value if isinstance(value, list) else [value])):
            return False
    private = data.get("private")
    if isinstance(private, dict) and not _in_order(private.get("contact"), NESTED["contact"][:3]):
        return False
    return _times_quoted(text, data) and _values_normal(data, region)


def _in_order(block: Any, order: list[str]) -> bool:
    if not isinstance(block, dict):
        return True
    keys = list(block)
    return keys == [k for _, k in sorted(enumerate(keys), key=rank(order))]


def _times_quoted(text: str, data: dict[str, Any]) -> bool:
    """Every session time in its normal form and in double quotes: as many start and end keys in
    the whole text as the sessions hold, each on a line of its own in the form fmt writes."""
    from assetdir.format import values

    times = [s[k] for s in _blocks(data.get("sessions")) for k in ("start", "end") if s.get(k) is not None]
    if not all(values.normalised(values.parse_time, t) in (t, None) for t in times):
        return False
    return len(_TIME_KEY.findall(text)) == len(times) == len(_TIME_LINE.findall(text))


def _values_normal(data: dict[str, Any], region: str) -> bool:
    """Postcodes and phones already in their normal form, written as text no reader takes for a number."""
    from assetdir.format import values

    found = [(values.normalise_postcode, v.get("postcode")) for v in _blocks(data.get("venues"))]
    private = data.get("private")
    for contact in (data.get("contact"), private.get("contact") if isinstance(private, dict) else None):
        if isinstance(contact, dict):
            found.append((lambda v: values.normalise_phone(v, region), contact.get("phone")))
    for normal, value in found:
        if value is None:
            continue
        if not isinstance(value, str) or not _WORDY.search(value):
            return False
        if values.normalised(normal, value) not in (value, None):
            return False
    return True


_WORDY = re.compile(r"[A-Za-z ]")  # a letter or a space: text to every YAML reader, never a number or a date
