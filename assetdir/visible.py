"""Text from files made safe to show: the control characters a terminal would obey, shown instead.

A group file can hold any character (double-quoted YAML writes "\\e", "\\x07", "\\u202e").
Printed raw, escape sequences clear the screen or retitle the window, and bidi controls
make a name read backwards. `visible` writes each as \\x1b or \\u202e; backslashes are
left alone, so escaping twice changes nothing. The \\u form is also a valid JSON escape
of the same character, so JSON stays JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

# C0 controls but tab and line feed, DEL, C1 controls, and the bidi controls
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(rf"[{_CONTROLS}\r]")  # one class, no look-ahead: quick to compile at start-up
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}")


def _shown_but_line_ends(match: re.Match[str]) -> str:
    # a carriage return ending a line (CSV and iCalendar lines) is a line break, not a control
    if match.group() == "\r" and match.string.startswith("\n", match.end()):
        return "\r"
    return _shown(match)


def visible(text: str) -> str:
    """`text` with its control characters written out; line breaks and tabs kept."""
    return text if text.isprintable() else CONTROL.sub(_shown_but_line_ends, text)  # the first test is quicker


@cache
def _not_one_line() -> re.Pattern[str]:
    return re.compile(rf"[{_CONTROLS}\r\n\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` as one line of visible characters: line breaks written out too (\\n)."""
    return text if text.isprintable() else _not_one_line().sub(_shown, text)


def controls_in(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, bool, str]]:
    """(place, is a key, the distinct control characters) of each key and text value holding any."""
    if isinstance(data, str):
        found = CONTROL.findall(data)
        if found:
            yield loc, False, "".join(dict.fromkeys(found))
    elif isinstance(data, dict):
        for key, value in data.items():
            found = CONTROL.findall(str(key))
            if found:
                yield (*loc, key), True, "".join(dict.fromkeys(found))
            yield from controls_in(value, (*loc, key))
    elif isinstance(data, list):
        for n, item in enumerate(data):
            yield from controls_in(item, (*loc, n))


def may_hold_controls(text: str) -> bool:
    """Whether a YAML document's text can hold a control character: raw, or as a backslash escape."""
    return "\\" in text or CONTROL.search(text) is not None
