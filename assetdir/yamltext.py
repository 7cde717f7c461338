"""The one YAML reader: a file's text, its plain data, the positions of its values, and
its syntax problems. (Writing is `edit.files`; editing with comments kept, `edit.roundtrip`.)

Group files are read straight from the events of ruamel's C parser into plain
Python data (YAML 1.2 core schema): ruamel's own resolver and constructor cost
ten times more than the parser that feeds them. Line numbers are only needed for
files that have problems, so `compose` builds a tree of positions on demand and
`position` finds the line and column of a key or value in it.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from assetdir.problems import FileProblem

MAX_BYTES = 1_000_000
# A group file expands to a few hundred values; aliases that expand past this are a bomb.
MAX_NODES = 50_000
# A group file nests five or six levels; far deeper is a broken or hostile file.
MAX_DEPTH = 100

try:  # the C parser is ~10x faster; the pure one keeps us working where it is missing
    from ruamel.yaml.cyaml import CParser as _Parser

    _PURE = False
except ImportError:  # pragma: no cover - depends on the platform
    _PURE = True

_BOM = b"\xef\xbb\xbf"


def read_text(path: Path) -> str:
    """The text of a file, refusing what is too big or not UTF-8 (a BOM is fine), and never
    opening what is not a regular file (a named pipe would wait for a writer for ever)."""
    found = path.stat()
    if not stat.S_ISREG(found.st_mode):
        raise FileProblem("not-a-file", f"{file_kind(found.st_mode)}, not a file: a group file is a plain text file")
    size = found.st_size
    if size > MAX_BYTES:
        raise FileProblem(
            "file-too-large",
            f"file is {size:,} bytes, over the {MAX_BYTES:,} byte limit for a group file; "
            "a group file is a few kilobytes: is this the right file?",
        )
    data = path.read_bytes()
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        raise FileProblem(
            "not-utf8",
            f"byte 0x{data[err.start]:02x} is not UTF-8 text; save the file as UTF-8 "
            "(most editors have it under 'Save with encoding')",
            line,
            column,
        ) from None


def parse(text: str, marks: dict[str, list[int]] | None = None) -> Any:
    """Plain Python data of one YAML document; raises FileProblem.

    Dates stay text, so the models can say what is wrong with them; keys are
    always text, as written. With `marks`, the line and column of each top-level
    value (and of the items of top-level lists, as "key.0") are put in it.
    """
    return _document(text, lambda parser, event: _build(parser, event, {}, 0, marks)[0])


@dataclass
class Pos:
    """Where a value starts (1-based) and ends (the line and column just after it, 1-based),
    and where its keys and items are."""

    line: int
    column: int
    keys: dict[str, tuple[Pos, Pos]] = field(default_factory=dict)
    items: list[Pos] = field(default_factory=list)
    end: tuple[int, int] = (0, 0)
    text: str | None = None  # a scalar's value: what a key is called, even through an alias


def compose(text: str) -> Pos | None:
    """The positions of every key and value of one YAML document; raises FileProblem."""
    return _document(text, lambda parser, event: _tree(parser, event, {}, 0))


def _document(text: str, build: Callable[[Any, Any], Any]) -> Any:
    parser = _event_parser(text)
    try:
        parser.get_event()  # stream start
        if isinstance(parser.get_event(), StreamEndEvent):
            return None
        result = build(parser, parser.get_event())
        parser.get_event()  # document end
        event = parser.get_event()
        if not isinstance(event, StreamEndEvent):
            raise _problem_at(
                event,
                "yaml-syntax",
                "YAML syntax: a second document starts here; a group file holds one group (remove the extra '---')",
            )
        return result
    except YAMLError as err:
        raise _syntax_problem(err, text) from None
    finally:
        if not _PURE:
            parser.dispose()


def _event_parser(text: str) -> Any:
    if _PURE:  # pragma: no cover
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).get_constructor_parser(text)[1]
    return _Parser(text)


def _key(event: Any, anchors: dict[str, tuple[Any, int]]) -> str:
    """A mapping key as the volunteer wrote it: `1:` and `true:` are the keys "1" and "true"."""
    if type(event) is ScalarEvent:
        return event.value
    if type(event) is AliasEvent and isinstance(anchors.get(event.anchor, (None,))[0], str):
        return anchors[event.anchor][0]
    raise _problem_at(event, "yaml-syntax", "YAML syntax: a key must be a plain word, not a list or block")


def _too_deep(event: Any) -> FileProblem:
    return _problem_at(
        event, "yaml-syntax", f"YAML syntax: values nested more than {MAX_DEPTH} levels deep; a group file needs a few"
    )


def _tree(parser: Any, event: Any, anchors: dict[str, Pos], depth: int) -> Pos:
    """Like `_build`, but the positions of values rather than the values."""
    if depth > MAX_DEPTH:
        raise _too_deep(event)
    kind = type(event)
    if kind is AliasEvent:
        return anchors.get(event.anchor) or _pos(event)  # the anchored value, so positions go on inside it
    start, pos = event, _pos(event)
    if kind is ScalarEvent:
        pos.text = event.value
    elif kind is SequenceStartEvent:
        while not isinstance(event := parser.get_event(), SequenceEndEvent):
            pos.items.append(_tree(parser, event, anchors, depth + 1))
    else:  # a mapping
        while not isinstance(event := parser.get_event(), MappingEndEvent):
            key_pos = _tree(parser, event, anchors, depth + 1)
            value_pos = _tree(parser, parser.get_event(), anchors, depth + 1)
            if key_pos.text is not None:
                pos.keys.setdefault(key_pos.text, (key_pos, value_pos))
    pos.end = (event.end_mark.line + 1, event.end_mark.column + 1)
    if getattr(start, "anchor", None):
        anchors[start.anchor] = pos
    return pos


def _pos(event: Any) -> Pos:
    mark, end = event.start_mark, event.end_mark
    return Pos(mark.line + 1, mark.column + 1, end=(end.line + 1, end.column + 1))


def _problem_at(event: Any, code: str, message: str) -> FileProblem:
    mark = event.start_mark
    return FileProblem(code, message, mark.line + 1, mark.column + 1)


def _build(
    parser: Any, event: Any, anchors: dict[str, tuple[Any, int]], depth: int, marks: Any = None
) -> tuple[Any, int]:
    """The value that starts with `event`, and how many values it expands to."""
    start, kind = event, type(event)
    if depth > MAX_DEPTH:
        raise _too_deep(event)
    if kind is ScalarEvent:
        value, size = _scalar(event), 1
    elif kind is AliasEvent:
        if event.anchor not in anchors:
            raise _problem_at(
                event, "yaml-syntax", f"YAML syntax: *{event.anchor} refers to no &{event.anchor} above it"
            )
        value, size = anchors[event.anchor]
    elif kind is SequenceStartEvent:
        _check_collection_tag(event, _SEQ_TAG)
        value, size = [], 1
        while not isinstance(event := parser.get_event(), SequenceEndEvent):
            if type(marks) is list:
                marks.append([event.start_mark.line + 1, event.start_mark.column + 1])
            item, item_size = _build(parser, event, anchors, depth + 1)
            value.append(item)
            size += item_size
    else:  # MappingStartEvent
        _check_collection_tag(event, _MAP_TAG)
        value, size = {}, 1
        lines: dict[Any, int] = {}
        while not isinstance(event := parser.get_event(), MappingEndEvent):
            key, key_size = _key(event, anchors), 1
            if key in value:
                raise _problem_at(
                    event,
                    "duplicate-key",
                    f'key "{key}" appears twice in the same block (first on line {lines[key]}); keep one',
                )
            lines[key] = event.start_mark.line + 1
            event = parser.get_event()
            items = None
            if type(marks) is dict:
                marks[key] = [event.start_mark.line + 1, event.start_mark.column + 1]
                items = [] if type(event) is SequenceStartEvent else None
            value[key], item_size = _build(parser, event, anchors, depth + 1, items)
            if items:
                marks.update((f"{key}.{i}", mark) for i, mark in enumerate(items))
            size += key_size + item_size
    if size > MAX_NODES:
        raise _problem_at(
            start,
            "alias-bomb",
            f"aliases (*name) here expand to over {MAX_NODES:,} values; "
            "write the values out instead of repeating anchors",
        )
    anchor = getattr(start, "anchor", None) if kind is not AliasEvent else None
    if anchor:
        anchors[anchor] = (value, size)
    return value, size


_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    **dict.fromkeys([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"], float("inf")),
    **dict.fromkeys(["-.inf", "-.Inf", "-.INF"], float("-inf")),
    **dict.fromkeys([".nan", ".NaN", ".NAN"], float("nan")),
}
_MAYBE_TYPED = set("0123456789+-.~nNtTfF")


def _scalar(event: Any) -> Any:
    text = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        return _tagged(event, tag, text)
    if not event.implicit[0] or (text and text[0] not in _MAYBE_TYPED):
        return text  # quoted or block text, or plainly a word
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT_RE.fullmatch(text):
        return _int(event, text, 0 if text[:2] in ("0o", "0x") else 10)
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


# Python refuses to turn integers of over 4,300 digits into text (and back); no group file needs one
MAX_INT_DIGITS = 1_000


def _int(event: Any, text: str, base: int) -> int:
    """An integer, refusing one too long for any use in a group file (a pasted blob, a hostile file)."""
    if len(text) > MAX_INT_DIGITS:
        raise _problem_at(
            event,
            "bad-value",
            f"a number {len(text):,} digits long; no value in a group file needs one: remove it, "
            "or put it in quotes if it is text",
        )
    return int(text, base)


def _tagged(event: Any, tag: str, text: str) -> Any:
    if tag == _STR_TAG:
        return text
    try:
        if tag == "tag:yaml.org,2002:int":
            return _int(event, text.replace("_", ""), 0)
        if tag == "tag:yaml.org,2002:float":
            return _SPECIAL_FLOATS.get(text) or float(text)
        if tag == "tag:yaml.org,2002:bool":
            return _BOOLS[text]
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            return text
    except (KeyError, ValueError):
        kind = tag.rsplit(":", 1)[-1]
        article = "an" if kind[0] in "aeiou" else "a"
        raise _problem_at(
            event, "yaml-syntax", f"YAML syntax: the value tagged !!{kind} is not {article} {kind}"
        ) from None
    raise _problem_at(event, "yaml-syntax", f"YAML syntax: the tag {tag} is not supported here; remove it")


def _check_collection_tag(event: Any, expected: str) -> None:
    if event.tag not in (None, "!", expected):
        raise _problem_at(event, "yaml-syntax", f"YAML syntax: the tag {event.tag} is not supported here; remove it")


_HINTS = {
    "mapping values are not allowed": "a value containing ': ' needs quotes",
    "could not find expected ':'": "each line needs 'key: value'; check the line above",
    "found duplicate anchor": "each &anchor name may be used once",
    "found undefined alias": "a *name refers to an &name that is not defined above it",
    "but found another document": "a group file holds one group; remove the extra '---'",
    "expected <block end>, but found": "check the indentation of this line and the one above",
    "found unexpected end of stream": "a quote opened here is never closed",
    "did not find expected key": "check the indentation; inside '...' write an apostrophe twice ('It''s') or use "
    "\"...\"",
    "did not find expected alphabetic or numeric character": "a value starting with * or & needs quotes",
    "found character that cannot start any token": "a value starting with %, @ or ` needs quotes",
    "did not find expected '-' indicator": "list items start with '- ', each at the same indentation",
    "did not find expected ',' or ']'": "a [ list opened here is not closed with ]",
    "did not find expected ',' or '}'": "a { block opened here is not closed with }",
}
# For these the place to fix is where the quote or bracket opened, not where the file ran out.
_AT_START = ("found unexpected end of stream", "did not find expected ',' or")


def _syntax_problem(err: YAMLError, text: str) -> FileProblem:
    if isinstance(err, ReaderError):
        pos = err.position
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "\0")
        return FileProblem(
            "yaml-syntax",
            f"character U+{char:04X} is not allowed in a YAML file ({err.reason}); remove it",
            line,
            column,
        )
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = (getattr(err, "problem", None) or str(err)).strip()
    if problem.startswith(_AT_START) and getattr(err, "context_mark", None) is not None:
        mark = err.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "'\\t'" in problem:
        return FileProblem(
            "tab-indent",
            "a tab is used for indentation here; YAML needs spaces (set your editor to insert spaces)",
            line,
            bad_line.find("\t") + 1 if "\t" in bad_line else column,
        )
    hint = next((h for key, h in _HINTS.items() if key in problem), "")
    if not isinstance(err, MarkedYAMLError):
        problem = problem.splitlines()[0]
    message = f"YAML syntax: {problem}" + (f" ({hint})" if hint else "")
    return FileProblem("yaml-syntax", message, line, column)


def position(root: Pos | None, loc: Iterable[str | int], key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at `loc`, or of its key when `key` is set.

    Follows `loc` as far as the document goes: a missing field points at the block
    that should hold it.
    """
    if root is None:
        return 1, 1
    node, key_node = root, None
    for step in loc:
        if node.keys and str(step) in node.keys:
            key_node, node = node.keys[str(step)]
        elif isinstance(step, int) and 0 <= step < len(node.items):
            key_node, node = None, node.items[step]
        else:
            break
    target = key_node if key and key_node is not None else node
    return target.line, target.column


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "a folder" if stat.S_ISDIR(mode) else "a device"
