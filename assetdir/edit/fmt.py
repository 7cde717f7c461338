"""`fmt`: group files in the canonical form, comments kept with the keys they were on.

Top-level keys are put in FORMAT.md's order by moving whole lines (a key with its
value, and the comment lines directly above it), so nothing else in the file moves.
Keys inside venues, sessions, contact, cost, age and private are ordered the same
way through the round-trip loader, and times, postcodes and phone numbers are
written in their normal form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assetdir import yamltext
from assetdir.edit import changes, roundtrip
from assetdir.edit.canonical import TOP_KEY, Tidy, tidy_nested
from assetdir.edit.comments import reorder
from assetdir.format.order import TOP, rank
from assetdir.problems import AssetdirError, FileProblem
from assetdir.store.directory import Directory


def order_top(text: str) -> str:
    """`text` with its top-level keys in canonical order, moved as whole lines."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if TOP_KEY.match(line) and not line.startswith("---")]
    if not starts:
        return text
    blocks, keys = [], []
    for n, start in enumerate(starts):
        while (
            start > 0
            and start - 1 not in starts
            and lines[start - 1].startswith("#")
            and (n or start - 1 > _header_end(lines))
        ):
            start -= 1  # comment lines directly above a key go with it
        blocks.append(start)
        keys.append(TOP_KEY.match(lines[starts[n]])[1].strip())  # type: ignore[index]
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

    changes: list[changes.Change] = field(default_factory=list)
    what: dict[Path, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # one line per file that does not validate
    checked: int = 0


def format_files(directory: Directory, paths: list[Path]) -> Formatted:
    """Every file's canonical form, checked; files that do not validate are skipped. Many files
    are read in a pool of processes; each is parsed once, and rewritten (in memory) only when
    that parse shows it is not already in the canonical form."""
    from assetdir.edit import canonical  # noqa: F401  (loaded once, before the workers fork)
    from assetdir.store import files as _files  # noqa: F401
    from assetdir.store.build import each_file

    result = Formatted()
    files = files_under(directory, paths)
    for path in files:
        changes.inside(directory, path)
    for path, (skipped, old, new, what) in zip(files, each_file(directory, formatted, [str(p) for p in files])):
        result.checked += 1
        if skipped is not None:
            result.skipped.append(skipped)
        elif new != old:
            try:
                changes.check_text(directory, path, new)
            except AssetdirError as err:
                result.skipped.append(str(err))
                continue
            result.changes.append(changes.Change(path, old, new))
            result.what[path] = what
    return result


def formatted(directory: Directory, name: str) -> tuple[str | None, str | None, str | None, list[str]]:
    """One file checked and, unless it is already canonical, formatted: why it is skipped (or
    None), and its text before and after (both None when it is canonical), what changed."""
    from assetdir.edit.canonical import is_canonical
    from assetdir.store.files import check_file

    path, seen = Path(name), {}
    found = check_file(directory, path, seen)
    if found.group is None:
        errors = [p for p in found.summary.problems if p.severity == "error"]
        return (
            (f"{errors[0]} (not formatted)" if errors else f"{directory.display(path)}: not valid (not formatted)"),
            None,
            None,
            [],
        )
    if is_canonical(seen["text"], seen["data"], directory.config.region):
        return None, None, None, []
    old = roundtrip.read(path)
    try:
        new, what = format_text(old, directory.config.region)
    except FileProblem as err:  # what our reader takes and the rewriting cannot: named, not a crash
        return f"{err.at(directory.display(path))} (not formatted)", None, None, []
    return None, old, new, what
