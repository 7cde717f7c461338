"""`fmt`: group files in the canonical form, comments kept with the keys they were on.

Top-level keys are put in FORMAT.md's order by moving whole lines (a key with its
value, and the comment lines directly above it), so nothing else in the file moves.
Keys inside venues, sessions, contact, cost, age and private are ordered the same
way through the round-trip loader, and times, postcodes and phone numbers are
written in their normal form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from assetdir import yamltext
from assetdir.edit import roundtrip
from assetdir.problems import AssetdirError, FileProblem
from assetdir.store.directory import Directory

TOP = [
    "name", "summary", "description", "status", "organisation", "categories", "audience", "area",
    "attending", "access", "age", "cost", "venues", "sessions", "contact", "offers", "needs",
    "partners", "languages", "last_checked", "checked_by", "merged_from", "private",
]
NESTED = {
    "venues": ["id", "name", "address", "postcode", "accessibility", "transport", "lat", "lon"],
    "sessions": ["by_arrangement", "days", "start", "end", "every", "weeks", "starting", "venue", "note", "from", "until"],
    "contact": ["name", "phone", "email", "website"],
    "cost": ["type", "amount", "note"],
    "age": ["min", "max"],
    "private": ["contact", "notes"],
    "offers": ["asset", "note"],
    "needs": ["asset", "note"],
}
_TOP_KEY = re.compile(r"^([^\s#\-][^:]*|-[^\s-][^:]*):")


def rank(order: list[str]) -> Callable[[tuple[int, str]], tuple[int, int]]:
    """Sort key of (position, key): the canonical place, then x- and other keys as they were."""
    return lambda item: (order.index(item[1]) if item[1] in order else len(order), item[0])


def order_top(text: str) -> str:
    """`text` with its top-level keys in canonical order, moved as whole lines."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line) and not line.startswith("---")]
    if not starts:
        return text
    blocks, keys = [], []
    for n, start in enumerate(starts):
        while start > 0 and start - 1 not in starts and lines[start - 1].startswith("#") and (n or start - 1 > _header_end(lines)):
            start -= 1  # comment lines directly above a key go with it
        blocks.append(start)
        keys.append(_TOP_KEY.match(lines[starts[n]])[1].strip())  # type: ignore[index]
    if keys == [k for _, k in sorted(enumerate(keys), key=rank(TOP))]:
        return text
    ends = blocks[1:] + [len(lines)]
    parts = []
    for start, end in zip(blocks, ends):
        body, gap = lines[start:end], []
        while body and not body[-1].strip():
            gap.insert(0, body.pop())  # blank lines stay where they were, between keys
        parts.append((body, gap))
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    moved = [parts[i][0] for i, _ in sorted(enumerate(keys), key=rank(TOP))]
    out = lines[: blocks[0]]
    for body, (_, gap) in zip(moved, parts):
        if body and not body[-1].endswith("\n"):
            body = body[:-1] + [body[-1] + newline]
        out += body + gap
    return "".join(out)


def split_closing(text: str) -> tuple[str, str]:
    """`text` without the comment lines that close it (and blank lines before them), and those
    lines: they stay at the end of the file whatever moves above them."""
    lines = text.splitlines(keepends=True)
    end = len(lines)
    while end and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    body, tail = "".join(lines[:end]), "".join(lines[end:])
    if not end or not tail.lstrip().startswith("#") or not _same(body, text):
        return text, ""  # no closing comment, only comments, or blank lines that are part of a value
    return body, tail


def _header_end(lines: list[str]) -> int:
    """The last line of the comment block the file opens with (-1 if none)."""
    end = -1
    while end + 1 < len(lines) and (lines[end + 1].startswith("#") or lines[end + 1].startswith("---")):
        end += 1
    return end


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
    if isinstance(private, CommentedMap) and isinstance(private.get("contact"), CommentedMap):
        if reorder(private["contact"], NESTED["contact"][:3], lead=(private, "contact", 3)):
            tidy.note("key order")
    from assetdir.format import values

    for session in _blocks(data.get("sessions")):
        for key in ("start", "end"):
            _normalise(session, key, values.parse_time, tidy, "times", quote=True)
    for venue in _blocks(data.get("venues")):
        _normalise(venue, "postcode", values.normalise_postcode, tidy, "postcodes")
    for contact in (data.get("contact"), (data.get("private") or {}).get("contact")):
        if isinstance(contact, dict):
            _normalise(contact, "phone", lambda v: values.normalise_phone(v, region), tidy, "phone numbers")


def _blocks(value: Any) -> list[Any]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)]


def _normalise(block: Any, key: str, normal: Callable[[Any], str], tidy: Tidy, what: str, quote: bool = False) -> None:
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


def reorder(block: Any, order: list[str], in_list: bool = False, lead: tuple[Any, Any, int] | None = None) -> bool:
    """Put a CommentedMap's keys in `order`, moving end-of-line comments with their keys
    and comment lines with the key they stand above. False when already in order.

    ruamel keeps the lines after a plain value with that value: they are split off
    and given to the key that follows. A list or block value keeps such lines
    inside itself, so they stay where they are (nothing is lost). In a list item
    nothing can stand above the first key (`- name:`): such lines go below it.
    ruamel keeps the lines above the first key on the list item or the key holding
    the block (`lead`: container, key or index, slot): they go with that key too."""
    keys = list(block.keys())
    wanted = [k for _, k in sorted(enumerate(keys), key=rank(order))]
    if wanted == keys:
        return False
    eol: dict[str, tuple[str, int]] = {}
    above: dict[Any, str] = {}  # key -> the comment lines above it (None: after the last key)
    for k, following in zip(keys, keys[1:] + [None]):
        if isinstance(block[k], (dict, list)):
            continue
        token = (block.ca.items.get(k) or [None] * 3)[2]
        first, _, rest = (token.value if token is not None else "").partition("\n")
        eol[k] = (first, token.column if token is not None else 0)
        above[following] = rest
    if lead is not None and wanted[0] != keys[0]:
        above[keys[0]] = _take_lead(block, *lead)
    for k in wanted:
        block.move_to_end(k)
    placed = set()
    for k, following in zip(wanted, wanted[1:] + [None]):
        if k in eol:
            rest = above.get(following, "")
            placed.add(following)
            first, column = eol[k]
            _set_comment(block, k, first + "\n" + rest if (first or rest) else "", column)
    for k, text in above.items():
        if k not in placed and text.strip():
            if k is None:  # after the last key, which now holds a list or block: keep it after that block
                _append_after(block, wanted[-1], text)
                continue
            if in_list and k == wanted[0] and k in eol:
                first, column = eol[k]
                _set_comment(block, k, first + "\n" + text + above.get(wanted[1] if len(wanted) > 1 else None, ""), column)
                continue
            column = len(text) - len(text.lstrip(" "))
            lines = "\n".join(line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip())
            block.yaml_set_comment_before_after_key(k, before=lines, indent=column)
    return True


def _take_lead(block: Any, holder: Any, at: Any, slot: int) -> str:
    """Remove the comment lines above a block's first key and return them as text."""
    entry = holder.ca.items.get(at) if hasattr(holder, "ca") else None
    tokens = (entry[slot] if entry else None) or []
    if entry:
        entry[slot] = None
    if block.ca.comment and block.ca.comment[1] is not None:
        tokens = tokens or block.ca.comment[1]
        block.ca.comment[1] = None  # the same lines, kept twice by ruamel
    return "".join((" " * t.column + t.value) if t.value.startswith("#") else t.value for t in tokens)


def _append_after(block: Any, key: Any, text: str) -> None:
    """Put comment lines after the value of `key`, however deeply nested its last line is."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value, slot = block[key], 2
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        block, key = value, (list(value.keys())[-1] if isinstance(value, CommentedMap) else len(value) - 1)
        value, slot = block[key], 2 if isinstance(block, CommentedMap) else 0
    entry = block.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    _set_comment(block, key, (token.value if token is not None else "\n") + text, token.column if token is not None else 0, slot)


def _set_comment(block: Any, key: str, value: str, column: int, slot: int = 2) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not value:
        if key in block.ca.items:
            block.ca.items[key][slot] = None
        return
    entry = block.ca.items.setdefault(key, [None, None, None, None])
    entry[slot] = CommentToken(value, CommentMark(column))


def format_text(text: str, region: str) -> tuple[str, list[str]]:
    """The canonical form of a valid group file's text, and what changed."""
    tidy = Tidy()
    bom = "\ufeff" if text.startswith("\ufeff") else ""  # kept at the start, not moved with the first key
    text, closing = split_closing(text[len(bom) :])
    ordered = order_top(text)
    if ordered != text:
        if _same(ordered, text):
            tidy.note("key order")
        else:  # layout too unusual to move by lines
            ordered = text
    data = roundtrip.load(ordered)
    dumped = Tidy()
    if list(data.keys()) != [k for _, k in sorted(enumerate(data.keys()), key=rank(TOP))]:
        reorder(data, TOP)
        dumped.note("key order")
    tidy_nested(data, region, dumped)
    if dumped.changed:
        ordered = roundtrip.dump(data, ordered)
        for what in dumped.changed:
            tidy.note(what)
    return bom + ordered + closing, tidy.changed


def _same(new: str, old: str) -> bool:
    """Whether `new` holds the same data as the valid `old` (False when it does not parse)."""

    try:
        return yamltext.parse(new) == yamltext.parse(old)
    except FileProblem:
        return False


def files_under(directory: Directory, paths: list[Path]) -> list[Path]:
    """The group files named, or under the folders named (all when none is); an error
    for a path that is not a group file, before anything is read."""
    from assetdir.store.paths import display_path, is_group_file

    if not paths:
        return directory.files()
    groups, settings = directory.groups_dir.resolve(), directory.settings_path.resolve()
    found: list[Path] = []
    for path in paths:
        real = path.resolve()
        if path.is_dir() and (real == groups or groups in real.parents or real in groups.parents):
            found += [p for p in directory.files() if real in p.resolve().parents]
        elif path.is_dir() or not is_group_file(path.name) or groups not in real.parents or real == settings:
            where = display_path(directory.groups_dir) + "/"
            kind = "folder of group files" if path.is_dir() else "group file"
            raise AssetdirError(f"{path} is not a {kind} (group files are the .yaml files under {where})")
        else:
            found.append(path)
    return found


@dataclass
class Formatted:
    """The outcome of `fmt` over some files."""

    changes: list[roundtrip.Change] = field(default_factory=list)
    what: dict[Path, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # one line per file that does not validate
    checked: int = 0


def format_files(directory: Directory, paths: list[Path]) -> Formatted:
    """Every file's canonical form, checked; files that do not validate are skipped."""
    from assetdir.store.files import check_file

    result = Formatted()
    for path in files_under(directory, paths):
        roundtrip.inside(directory, path)
        result.checked += 1
        found = check_file(directory, path)
        if found.group is None:
            errors = [p for p in found.summary.problems if p.severity == "error"]
            result.skipped.append(f"{errors[0]} (not formatted)" if errors else f"{directory.display(path)}: not valid (not formatted)")
            continue
        old = roundtrip.read(path)
        try:
            new, what = format_text(old, directory.config.region)
        except FileProblem as err:  # what our reader takes and the rewriting cannot: named, not a crash
            result.skipped.append(f"{err.at(directory.display(path))} (not formatted)")
            continue
        if new != old:
            try:
                roundtrip.check_text(directory, path, new)
            except AssetdirError as err:
                result.skipped.append(str(err))
                continue
            result.changes.append(roundtrip.Change(path, old, new))
            result.what[path] = what
    return result
