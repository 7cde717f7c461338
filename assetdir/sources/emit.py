"""A group's plain data written as the text of a group file, in the format's key order.

Written here rather than through the round-trip writer: an import writes thousands of
new files, and every text is read back and checked as any file is, so a value written
wrongly is caught, never kept."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from assetdir.format.order import NESTED, TOP, rank

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _,.'()&/+!?£-]*$")
_FLOW_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _.'-]*$")  # inside [...]: no ?, !, & and the like
_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def scalar(value: Any, flow: bool = False) -> str:
    """One value as YAML: plain where it reads back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = _FLOW_PLAIN if flow else _PLAIN
    if plain.match(text) and text == text.strip() and text.lower() not in _WORDS and ": " not in text:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted if quoted.isprintable() else "".join(c if c.isprintable() else _escaped(c) for c in quoted)


def _escaped(char: str) -> str:
    """A character YAML may not hold raw (DEL, C1 controls, line separators) as its escape."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _block(text: str, indent: str) -> str | None:
    """Text of several lines as a literal block, when it reads back the same."""
    lines = text.split("\n")
    if text != text.strip() or any(line != line.rstrip() or line.startswith(" ") for line in lines):
        return None
    if not all(c.isprintable() or c == "\n" for c in text) or "\ufeff" in text:
        return None
    return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)


def _ordered(data: dict, order: list[str]) -> list[tuple[str, Any]]:
    return [(k, v) for _, (k, v) in sorted(enumerate(data.items()), key=lambda p: rank(order)((p[0], p[1][0])))]


def _lines(data: dict, order: list[str], indent: str, out: list[str], first: str = "") -> None:
    lead = first
    for key, value in _ordered(data, order):
        head = f"{lead or indent}{scalar(key)}:"
        lead = ""
        out += _value(head, value, key, indent)


def _value(head: str, value: Any, key: str, indent: str) -> list[str]:
    deeper = indent + "  "
    if isinstance(value, dict):
        if not value:
            return [head + " {}"]
        out = [head]
        _lines(value, NESTED.get(key, []), deeper, out)
        return out
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return [head + " [" + ", ".join(scalar(v, flow=True) for v in value) + "]"]
        out = [head]
        for item in value:
            if isinstance(item, dict) and item:
                _lines(item, NESTED.get(key, []), deeper + "  ", out, first=deeper + "- ")
            else:
                out.append(f"{deeper}- {scalar(item)}")
        return out
    if isinstance(value, str) and "\n" in value:
        block = _block(value, deeper)
        if block:
            return [f"{head} {block}"]
    return [f"{head} {scalar(value)}"]


def group_text(data: dict) -> str:
    """The text of a group file holding `data`."""
    out: list[str] = []
    _lines(data, TOP, "", out)
    return "\n".join(out) + "\n"
