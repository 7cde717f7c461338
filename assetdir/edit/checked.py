"""Changing a value in a volunteer's file the way a careful person would: that line
only, with comments, order, quoting and blank lines of the rest left exactly as they were."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from assetdir import yamltext
from assetdir.edit import writes
from assetdir.edit.scaffold import scalar
from assetdir.problems import AssetdirError, FileProblem
from assetdir.store.directory import Directory

_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


def set_top_level(text: str, values: dict[str, str], before: tuple[str, ...] = ("private",)) -> str:
    """`text` with these top-level keys set to these one-line values.

    A key already there has its value replaced on its own line(s); a new key goes
    after the key set just before it, else before the first of `before` present,
    else at the end.
    """
    old = yamltext.parse(text)
    new_text, previous = text, None
    for key, value in values.items():
        new_text = _set_one(new_text, key, scalar(value), before, previous)
        previous = key
    # the proof that nothing else moved: the file reads as before, but for these keys
    if yamltext.parse(new_text) != {**old, **values}:
        raise ValueError("the file's layout is too unusual to change by line; edit it by hand")
    return new_text


def _set_one(text: str, key: str, value: str, before: tuple[str, ...], after: str | None) -> str:
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    at = _key_line(lines, key)
    if at is None:
        follows = _key_line(lines, after) if after else None
        where = (
            follows + 1
            if follows is not None
            else next((i for name in before if (i := _key_line(lines, name)) is not None), len(lines))
        )
        if where == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        lines.insert(where, f"{key}: {value}{newline}")
        return "".join(lines)
    line = lines[at]
    body = line.rstrip("\r\n")
    comment = _comment(body)
    written = body[body.index(":") + 1 :].replace(comment, "").strip()
    end = at + 1
    if not written or written[0] in "|>\"'":  # a value that may go on over the next lines
        while (
            end < len(lines)
            and not _TOP_KEY.match(lines[end])
            and (lines[end].startswith((" ", "\t")) or not lines[end].strip())
        ):
            end += 1
        while end > at + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1  # keep the blank lines and comments that follow
    kept = f"  {comment}" if comment and end == at + 1 else ""
    lines[at:end] = [f"{body[: body.index(':') + 1]} {value}{kept}{newline}"]
    return "".join(lines)


def _key_line(lines: list[str], key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i for i, line in enumerate(lines) if pattern.match(line)), None)


def _comment(line: str) -> str:
    """The trailing comment of a one-line `key: value  # comment`, if any."""
    value = line[line.index(":") + 1 :]
    quote = None
    for i, char in enumerate(value):
        if char in "\"'" and quote in (None, char):
            quote = None if quote else char
        elif char == "#" and quote is None and (i == 0 or value[i - 1] in " \t"):
            return value[i:].strip()
    return ""


def record_check(
    directory: Directory, id_: str, date: str | None, by: str | None, today: dt.date
) -> tuple[Path, dt.date]:
    """Set a group's last_checked (and checked_by), changing nothing else in its file."""
    from assetdir.format.document import check_group

    day = today
    if date:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.strip()):
                raise ValueError(date)
            day = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise AssetdirError(f"--date {date}: give the date as YYYY-MM-DD, like {today}") from None
    if day > today:
        raise AssetdirError(f"--date {day}: that is in the future; give the day the check was made")
    if by is not None and ("\n" in by or not by.strip()):
        raise AssetdirError("--by: one line saying how it was checked, like \"Phone call with Jean\"")
    from assetdir.edit.roundtrip import read
    from assetdir.store.files import find_path

    path = writes.confine(directory.root, find_path(directory, id_))
    file = directory.display(path)
    try:
        old = read(path)  # as on disk, byte order mark and all: what the write checks it still is
        bom = "\ufeff" if old.startswith("\ufeff") else ""
        values = {"last_checked": day.isoformat(), **({"checked_by": by.strip()} if by else {})}
        new_text = bom + set_top_level(old[len(bom) :], values)
    except FileProblem as err:
        raise AssetdirError(f"{err.at(file)} (not changed: fix the file first)") from None
    except ValueError as err:
        raise AssetdirError(f"{file}: {err}") from None
    group, problems = check_group(new_text, file, directory.context(id_))
    if group is None:
        raise AssetdirError(f"{problems[0]} (not changed: fix the file first; `assetdir validate` shows every problem)")
    try:
        writes.write_atomic(path, new_text, root=directory.root, expected=old)
    except writes.Changed:
        raise AssetdirError(f"{file}: changed while this ran; nothing written, run it again") from None
    return path, day
