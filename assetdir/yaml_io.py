"""The one place that reads and writes YAML.

Group files are read with ruamel's C parser and safe constructor: fast, and plain
Python data out. Line numbers are only needed for files that have problems, so
`compose` gives the node tree (with positions) on demand, and `position` finds
the line and column of a key or value in it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
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
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

from assetdir.problems import FileProblem

MAX_BYTES = 1_000_000
# A group file expands to a few hundred nodes; aliases that expand past this are a bomb.
MAX_NODES = 50_000

try:  # the C parser is ~10x faster; the pure one keeps us working where it is missing
    from ruamel.yaml.cyaml import CParser as _Parser

    _PURE = False
except ImportError:  # pragma: no cover - depends on the platform
    _PURE = True


class _Constructor(SafeConstructor):
    """Safe constructor that keeps dates as text, so pydantic can say what is wrong."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)

if not _PURE:

    class _Loader(_Parser, _Constructor, VersionedResolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            self._parser = self._composer = self
            _Constructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False
            VersionedResolver.__init__(self, version=None, loadumper=self)


def read_text(path: Path) -> str:
    """The text of a file, refusing what is too big or not UTF-8 (a BOM is fine)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FileProblem(
            "file-too-large",
            f"file is {size:,} bytes, over the {MAX_BYTES:,} byte limit for a group file; "
            "a group file is a few kilobytes: is this the right file?",
        )
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise FileProblem(
            "not-utf8",
            f"byte 0x{data[err.start]:02x} is not UTF-8 text; save the file as UTF-8 "
            "(most editors have it under 'Save with encoding')",
            line,
            column,
        ) from None


def _new_loader(text: str) -> Any:
    if _PURE:  # pragma: no cover
        from ruamel.yaml import YAML

        yaml = YAML(typ="safe", pure=True)
        yaml.Constructor = _Constructor
        yaml.reader.stream = text
        return yaml.constructor  # has composer through .loader
    return _Loader(text)


def compose(text: str) -> Node | None:
    """The node tree of one YAML document, with positions; raises FileProblem."""
    loader = _new_loader(text)
    try:
        node = (loader.composer if _PURE else loader).get_single_node()
    except YAMLError as err:
        raise _syntax_problem(err, text) from None
    finally:
        if not _PURE:
            loader.dispose()
    if node is not None and ("&" in text or "*" in text):
        _check_expansion(node)
    return node


def parse(text: str) -> Any:
    """Plain Python data of one YAML document (YAML 1.2 core schema); raises FileProblem.

    Built straight from the parser's events: ruamel's own resolver and constructor
    cost ten times more than the C parser that feeds them. Dates stay text, so the
    models can say what is wrong with them.
    """
    parser = _event_parser(text)
    try:
        parser.get_event()  # stream start
        if isinstance(parser.get_event(), StreamEndEvent):
            return None
        data, _ = _build(parser, parser.get_event(), {})
        parser.get_event()  # document end
        event = parser.get_event()
        if not isinstance(event, StreamEndEvent):
            mark = event.start_mark
            raise FileProblem(
                "yaml-syntax",
                "YAML syntax: a second document starts here; a group file holds one group "
                "(remove the extra '---')",
                mark.line + 1,
                mark.column + 1,
            )
        return data
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


def _problem_at(event: Any, code: str, message: str) -> FileProblem:
    mark = event.start_mark
    return FileProblem(code, message, mark.line + 1, mark.column + 1)


def _build(parser: Any, event: Any, anchors: dict[str, tuple[Any, int]]) -> tuple[Any, int]:
    """The value that starts with `event`, and how many values it expands to."""
    start, kind = event, type(event)
    if kind is ScalarEvent:
        value, size = _scalar(event), 1
    elif kind is AliasEvent:
        if event.anchor not in anchors:
            raise _problem_at(event, "yaml-syntax", f"YAML syntax: *{event.anchor} refers to no &{event.anchor} above it")
        value, size = anchors[event.anchor]
    elif kind is SequenceStartEvent:
        _check_collection_tag(event, _SEQ_TAG)
        value, size = [], 1
        while not isinstance(event := parser.get_event(), SequenceEndEvent):
            item, item_size = _build(parser, event, anchors)
            value.append(item)
            size += item_size
    else:  # MappingStartEvent
        _check_collection_tag(event, _MAP_TAG)
        value, size = {}, 1
        lines: dict[Any, int] = {}
        while not isinstance(event := parser.get_event(), MappingEndEvent):
            key, key_size = _build(parser, event, anchors)
            if isinstance(key, (dict, list)):
                raise _problem_at(event, "yaml-syntax", "YAML syntax: a key must be a plain word, not a list or block")
            if key in value:
                raise _problem_at(
                    event,
                    "duplicate-key",
                    f'key "{key}" appears twice in the same block (first on line {lines[key]}); keep one',
                )
            lines[key] = event.start_mark.line + 1
            value[key], item_size = _build(parser, parser.get_event(), anchors)
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
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    return _SPECIAL_FLOATS.get(text, text)


def _tagged(event: Any, tag: str, text: str) -> Any:
    if tag == _STR_TAG:
        return text
    try:
        if tag == "tag:yaml.org,2002:int":
            return int(text.replace("_", ""), 0)
        if tag == "tag:yaml.org,2002:float":
            return _SPECIAL_FLOATS.get(text) or float(text)
        if tag == "tag:yaml.org,2002:bool":
            return _BOOLS[text]
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            return text
    except (KeyError, ValueError):
        raise _problem_at(event, "yaml-syntax", f'YAML syntax: "{text}" is not a {tag.rsplit(":", 1)[-1]}') from None
    raise _problem_at(event, "yaml-syntax", f"YAML syntax: the tag {tag} is not supported here; remove it")


def _check_collection_tag(event: Any, expected: str) -> None:
    if event.tag not in (None, "!", expected):
        raise _problem_at(event, "yaml-syntax", f"YAML syntax: the tag {event.tag} is not supported here; remove it")


def _check_expansion(root: Node) -> None:
    """Refuse alias bombs: count the nodes the document would expand to."""
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # guards against recursive aliases
        total = 1
        if isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, SequenceNode):
            total += sum(size(item) for item in node.value)
        if total > MAX_NODES:
            mark = node.start_mark
            raise FileProblem(
                "alias-bomb",
                f"aliases (*name) here expand to over {MAX_NODES:,} values; "
                "write the values out instead of repeating anchors",
                mark.line + 1,
                mark.column + 1,
            )
        sizes[key] = total
        return total

    size(root)


_HINTS = {
    "mapping values are not allowed": "a value containing ': ' needs quotes",
    "could not find expected ':'": "each line needs 'key: value'; check the line above",
    "found duplicate anchor": "each &anchor name may be used once",
    "found undefined alias": "a *name refers to an &name that is not defined above it",
    "but found another document": "a group file holds one group; remove the extra '---'",
    "expected <block end>, but found": "check the indentation of this line and the one above",
}


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
    if isinstance(err, DuplicateKeyError):
        mark = err.problem_mark
        key = text.splitlines()[mark.line][mark.column :].split(":", 1)[0].strip()
        first = err.context_mark.line + 1 if err.context_mark else None
        where = f" (first on line {first})" if first else ""
        return FileProblem(
            "duplicate-key",
            f'key "{key}" appears twice in the same block{where}; keep one',
            mark.line + 1,
            mark.column + 1,
        )
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (getattr(err, "problem", None) or str(err)).strip()
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


def position(root: Node | None, loc: Iterable[str | int], key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at `loc`, or of its key when `key` is set.

    Follows `loc` as far as the document goes: a missing field points at the block
    that should hold it.
    """
    if root is None:
        return 1, 1
    node = root
    key_node: Node | None = None
    for step in loc:
        child = _child(node, step)
        if child is None:
            break
        key_node, node = child
    target = key_node if key and key_node is not None else node
    mark = target.start_mark
    return mark.line + 1, mark.column + 1


def locate(text: str, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int] | None:
    """Fast line and column of a top-level key or its one-line value, found in the text
    itself; None when that cannot be told without parsing (then use `position`)."""
    if not loc:
        return 1, 1
    if len(loc) != 1 or not isinstance(loc[0], str):
        return None
    match = re.search(rf"^{re.escape(loc[0])}[ \t]*:[ \t]*", text, re.MULTILINE)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    if key:
        return line, 1
    rest = text[match.end() : match.end() + 1]
    if rest in ("", "\n", "\r", "#"):
        return None  # the value starts on a later line
    return line, match.end() - match.start() + 1


def _child(node: Node, step: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if k.value == step or (isinstance(step, int) and k.value == str(step)):
                return k, v
    elif isinstance(node, SequenceNode) and isinstance(step, int):
        if 0 <= step < len(node.value):
            return None, node.value[step]
    return None


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that it is either as it was or fully new, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_exclusive(path: Path, text: str) -> None:
    """Write a new file atomically, refusing to replace one that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.link(tmp, path)  # fails with FileExistsError rather than replacing
    finally:
        Path(tmp).unlink(missing_ok=True)
