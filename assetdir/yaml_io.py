"""The one place that reads and writes YAML.

Group files are read with ruamel's C parser and safe constructor: fast, and plain
Python data out. Line numbers are only needed for files that have problems, so
`compose` gives the node tree (with positions) on demand, and `position` finds
the line and column of a key or value in it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
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
    """Plain Python data of one YAML document; raises FileProblem."""
    loader = _new_loader(text)
    try:
        composer = loader.composer if _PURE else loader
        node = composer.get_single_node()
        if node is None:
            return None
        if "&" in text or "*" in text:
            _check_expansion(node)
        return loader.construct_document(node)
    except YAMLError as err:
        raise _syntax_problem(err, text) from None
    finally:
        if not _PURE:
            loader.dispose()


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
