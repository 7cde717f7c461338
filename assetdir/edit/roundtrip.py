"""Reading a volunteer's file with its comments and layout, and writing it back as it was written.

A file is read with ruamel's round-trip loader, which keeps comments, key order,
quoting and blank lines, and written back in the indentation it was written in
(`edit.changes` checks and writes a set of edits; `edit.tabs` handles the tabs
ruamel refuses).
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assetdir import yamltext
from assetdir.edit.tabs import own_lines, readable
from assetdir.problems import FileProblem

WIDTH = 4096  # never re-wrap a volunteer's long line


_DASH = re.compile(r"^( *)- ")


_KEY = re.compile(r"^( *)[^\s#-][^:]*:(\s|$)")


@dataclass(frozen=True)
class Style:
    """How a file indents: nested keys, list items and the dash before them."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def detect_style(text: str) -> Style:
    """The indentation a file uses, from its first nested key and first list item."""
    mapping = offset = None
    sequence = None
    lines = text.splitlines()
    for before, line in itertools.pairwise(lines):
        parent = _KEY.match(before)
        if parent is None or before.rstrip().endswith(("|", ">", "|-", ">-")):
            continue
        dash, key = _DASH.match(line), _KEY.match(line)
        if dash and offset is None:
            offset = len(dash[1]) - len(parent[1])
            rest = line[len(dash[0]) :]
            sequence = offset + 2 + (len(rest) - len(rest.lstrip(" ")))
        elif key and not dash and mapping is None and len(key[1]) > len(parent[1]):
            mapping = len(key[1]) - len(parent[1])
    mapping = mapping or 2
    if offset is None or offset < 0:
        offset = 2 if mapping == 2 else 0
        sequence = offset + 2
    return Style(mapping, max(sequence or 2, offset + 2), offset)


def _yaml(style: Style) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    return yaml


def read(path: Path) -> str:
    """A file's text as it is on disk, byte order mark kept (yamltext's checks apply)."""
    text = yamltext.read_text(path)
    with path.open("rb") as handle:
        return ("\ufeff" + text) if handle.read(3) == b"\xef\xbb\xbf" else text


def load(text: str) -> Any:
    """A file's data with its comments and layout (a ruamel CommentedMap)."""
    from ruamel.yaml.error import YAMLError

    yamltext.parse(text)  # our own checks first: bombs, tags, duplicate keys
    # line ends as \n inside; `dump` writes them back as the file had them
    copy = readable(text.lstrip("\ufeff").replace("\r\n", "\n"))
    try:
        return _yaml(Style()).load(copy)
    except YAMLError as err:  # what our reader takes and ruamel's does not: say so, in one line
        mark = getattr(err, "problem_mark", None)
        where = f" on line {mark.line + 1}" if mark else ""
        raise FileProblem(
            "yaml-syntax",
            f"YAML syntax{where} that cannot be rewritten here "
            f"({getattr(err, 'problem', None) or err}); write it more simply by hand",
        ) from None


def dump(data: Any, like: str) -> str:
    """`data` as text, in the style (indentation, line ends, BOM) of the text `like`."""
    own = like.lstrip("\ufeff").replace("\r\n", "\n")
    copy = readable(own)
    out = io.StringIO()
    _yaml(detect_style(copy)).dump(data, out)
    text = _comment_gaps(copy, out.getvalue())
    if copy != own:
        text = own_lines(text, copy, own)
    if "\r\n" in like:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" + text) if like.startswith("\ufeff") else text


_EOL = re.compile(r"^(\s*[^#\s][^#]*?:)(.*?\S)?(\s+)(#.*)$")


def _comment_gaps(old: str, new: str) -> str:
    """Keep the spaces before a line's end comment as they were when its value changed
    (ruamel keeps the comment's column instead, leaving a gap or running into it)."""
    gaps = {}
    for line in old.splitlines():
        found = _EOL.match(line)
        if found:
            gaps[(found[1], found[4])] = found[3]
    if not gaps:
        return new
    lines = new.split("\n")
    for i, line in enumerate(lines):
        found = _EOL.match(line)
        if found and (found[1], found[4]) in gaps and found[3] != gaps[(found[1], found[4])]:
            lines[i] = f"{found[1]}{found[2] or ''}{gaps[(found[1], found[4])]}{found[4]}"
    return "\n".join(lines)
