"""Editing a volunteer's file as a careful person would, and writing edits safely.

A file is read with ruamel's round-trip loader, which keeps comments, key order,
quoting and blank lines, and written back in the indentation it was written in.
Every new text is checked as a group before anything is written; a set of edits
is written only once every one of them has been made and checked, new files
before any file is removed, each file atomically.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assetdir import yamltext
from assetdir.edit import writes
from assetdir.problems import AssetdirError, FileProblem
from assetdir.store.directory import Directory
from assetdir.store.paths import display_path

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
    for before, line in zip(lines, lines[1:]):
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
        raise FileProblem("yaml-syntax", f"YAML syntax{where} that cannot be rewritten here "
                          f"({getattr(err, 'problem', None) or err}); write it more simply by hand") from None


def readable(text: str) -> str:
    """`text` as ruamel's loader can read it, line for line: the same data, read alike by both.

    Our reader takes a tab wherever YAML takes a space between values (after `key:`,
    before a comment, in a flow list); ruamel's refuses most of those, and ends a plain
    value at a tab. The copy has spaces for tabs between values, and a value holding a
    tab in double quotes ("a\\tb"); `dump` gives the lines nobody changed back as they were.
    """
    if "\t" not in text:
        return text
    pieces, at = [], 0
    for start, end, value in _scalars(text):
        pieces += [_spaced(text[at:start]), value]
        at = end
    copy = "".join(pieces) + _spaced(text[at:])
    if copy.count("\n") != text.count("\n") or yamltext.parse(copy) != yamltext.parse(text):
        raise FileProblem("yaml-syntax", "a tab in a value here cannot be rewritten safely; "
                          "write a space instead of the tab (or the value in double quotes, with \\t)")
    return copy


def _scalars(text: str) -> list[tuple[int, int, str]]:
    """Where each value holding a tab starts and ends, and what the copy has there."""
    from ruamel.yaml.events import ScalarEvent, StreamEndEvent

    found, parser = [], yamltext._event_parser(text)
    try:
        while not isinstance(event := parser.get_event(), StreamEndEvent):
            if type(event) is not ScalarEvent:
                continue
            start, end = event.start_mark.index, event.end_mark.index
            source = text[start:end]
            if "\t" not in source:
                continue
            if event.style in ("|", ">"):  # the text is the value itself, tabs and all; the header line is not
                header = text.index("\n", start) + 1 if "\n" in text[start:end] else end
                found.append((start, end, _spaced(text[start:header]) + text[header:end]))
            elif "\t" not in event.value:  # tabs between the parts of a value are spaces to YAML
                found.append((start, end, source.replace("\t", " ")))
            else:  # written in double quotes, on one line: the lines it took stay, blank
                props = _PROPERTIES.match(source)[0]  # type: ignore[index]
                quoted = json.dumps(event.value, ensure_ascii=False)
                found.append((start, end, _spaced(props) + quoted + "\n" * source.count("\n")))
    finally:
        if hasattr(parser, "dispose"):
            parser.dispose()
    return found


_PROPERTIES = re.compile(r"(?:[&!][^ \t\n]*[ \t\n]+)*")  # an &anchor or !tag before a value
_TAB_OR_COMMENT = re.compile(r"#[^\n]*|\t")


def _spaced(text: str) -> str:
    """Text between values with its tabs as spaces (comments kept as they are)."""
    return _TAB_OR_COMMENT.sub(lambda found: " " if found[0] == "\t" else found[0], text)


def _own_lines(out: str, copy: str, own: str) -> str:
    """`out` with the lines that are as in `copy` given back as the file had them (tabs and all):
    runs of lines left in place, then single lines moved (a key put in order, perhaps now
    the first of a list item)."""
    mine, theirs, lines = own.split("\n"), copy.split("\n"), out.split("\n")
    rests = [_gaps(_rest(line)) for line in theirs]
    counts = Counter(rests)
    unique = {rest: i for i, rest in enumerate(rests) if counts[rest] == 1 and mine[i] != theirs[i]}
    result: list[str] = []
    matcher = difflib.SequenceMatcher(None, [_gaps(x) for x in theirs], [_gaps(x) for x in lines], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result += mine[i1:i2]
            continue
        for line in lines[j1:j2]:
            at = unique.get(_gaps(_rest(line)))
            result.append(line if at is None else line[: len(line) - len(_rest(line))] + _rest(mine[at]))
    text = "\n".join(result)
    try:
        return text if yamltext.parse(text) == yamltext.parse(out) else out
    except FileProblem:
        return out


def _gaps(line: str) -> str:
    """A line as ruamel may write it back: one space between its parts, none at its end
    (the indentation and list dashes it starts with kept as they are)."""
    rest = _rest(line)
    return line[: len(line) - len(rest)] + re.sub(r"[ \t]+", " ", rest).rstrip()


def _rest(line: str) -> str:
    """A line without the indentation and list dashes it starts with."""
    return line[len(_INDENT.match(line)[0]) :]  # type: ignore[index]


_INDENT = re.compile(r"[ \t]*(?:-[ \t]+)*")


def dump(data: Any, like: str) -> str:
    """`data` as text, in the style (indentation, line ends, BOM) of the text `like`."""
    own = like.lstrip("\ufeff").replace("\r\n", "\n")
    copy = readable(own)
    out = io.StringIO()
    _yaml(detect_style(copy)).dump(data, out)
    text = _comment_gaps(copy, out.getvalue())
    if copy != own:
        text = _own_lines(text, copy, own)
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


def check_text(directory: Directory, path: Path, text: str, why: str = "the result would not be valid; nothing written") -> Any:
    """The group `text` makes at `path`, or an error naming the file, its first problem and `why`."""
    from assetdir.format.document import check_group

    group, problems = check_group(text, directory.display(path), directory.context(path.stem))
    if group is None:
        raise AssetdirError(f"{problems[0]} ({why})")
    return group


def inside(directory: Directory, path: Path) -> Path:
    """`path`, refusing one outside the directory (a link or `..` pointing elsewhere)."""
    return writes.confine(directory.root, path)


@dataclass
class Change:
    """One file to write (`new`), to create (`old` None) or to remove (`new` None)."""

    path: Path
    old: str | None
    new: str | None

    def diff(self, name: str) -> str:
        old = (self.old or "").splitlines(keepends=True)
        new = (self.new or "").splitlines(keepends=True)
        lines = difflib.unified_diff(old, new, "/dev/null" if self.old is None else f"a/{name}",
                                     "/dev/null" if self.new is None else f"b/{name}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def apply(directory: Directory, changes: list[Change]) -> None:
    """Write every change: new files first, then rewrites, then removals, each atomic.

    Every file and folder is checked first, so that a file that cannot be written
    stops the whole set before anything is written. Should a write still fail, the
    error says which files were written and which were not; a removal comes last so
    that no group is ever lost from the directory.
    """
    for change in changes:
        inside(directory, change.path)
        if change.old is not None and read(change.path) != change.old:
            raise AssetdirError(f"{directory.display(change.path)}: changed while this ran; nothing written, run it again")
        if change.old is None and change.path.exists():
            raise AssetdirError(f"{directory.display(change.path)} already exists; nothing written")
    check_writable(directory, changes)
    order = [c for c in changes if c.old is None and c.new is not None]
    order += [c for c in changes if c.old is not None and c.new is not None]
    order += [c for c in changes if c.new is None]
    for done, change in enumerate(order):
        try:
            _write(directory, change)
        except writes.Changed:
            name = directory.display(change.path)
            if not done:
                raise AssetdirError(f"{name}: changed while this ran; nothing written, run it again") from None
            raise AssetdirError(_part_way(directory, order, done, "changed while this ran")) from None
        except OSError as err:
            raise AssetdirError(_part_way(directory, order, done, str(err.strerror or err))) from None


def _write(directory: Directory, change: Change) -> None:
    """One change, made only if its file is still what the change was made from."""
    if change.old is None and change.new is not None:
        change.path.parent.mkdir(parents=True, exist_ok=True)
        writes.create_exclusive(change.path, change.new, root=directory.root)
    elif change.new is not None:
        writes.write_atomic(change.path, change.new, root=directory.root, expected=change.old)
    else:
        with writes.unchanged(change.path, change.old or ""):
            change.path.unlink()


def _part_way(directory: Directory, order: list[Change], done: int, why: str) -> str:
    """What a write that failed part-way did and did not do, and how to finish or undo it."""

    def listed(items: list[Change]) -> str:
        names = [directory.display(c.path) for c in items]
        return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "") if names else "none"

    failed = order[done]
    written, left = order[:done], order[done:]
    created = [c for c in written if c.old is None]
    rewritten = [directory.display(c.path) for c in written if c.old is not None]
    if len(rewritten) > 8:
        undo = "`git checkout` of the files done (`git status` lists them)"
    else:
        undo = f"`git checkout -- {' '.join(rewritten)}`" if rewritten else ""
    if created:
        undo += (" and " if undo else "") + f"deleting the new files ({listed(created)})"
    return (f"{directory.display(failed.path)}: {why}; stopped part-way. "
            f"Done: {listed(written)}. Not done: {listed(left)}. "
            f"Fix the cause and run the same command again to finish, or undo with {undo}")


def check_writable(directory: Directory, changes: list[Change]) -> None:
    """Refuse, naming the file, when any change could not be written (before anything is)."""
    import errno
    import os
    import tempfile

    folders: dict[Path, str | None] = {}
    for change in changes:
        name = directory.display(change.path)
        if change.old is not None and not writes.writable(change.path):
            raise AssetdirError(f"{name}: cannot be changed (not writable, or locked); nothing written")
        folder = change.path.parent
        while not folder.exists():  # a new sub-folder: made inside the nearest one there is
            folder = folder.parent
        if folder not in folders:
            folders[folder] = None
            try:
                fd, tmp = tempfile.mkstemp(prefix=".assetdir-check.", suffix=".tmp", dir=folder)
                os.close(fd)
                os.unlink(tmp)
            except OSError as err:
                folders[folder] = err.strerror or errno.errorcode.get(err.errno or 0, str(err))
        if folders[folder]:
            raise AssetdirError(f"{name}: cannot write in its folder {display_path(folder)} ({folders[folder]}); nothing written")
