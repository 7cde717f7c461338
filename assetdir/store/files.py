"""Reading one group file: its problems on its own, its model, and its summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assetdir import yamltext
from assetdir.format.document import load_document, validate_document
from assetdir.format.models import Group
from assetdir.format.values import ID_RE, as_id
from assetdir.problems import FileProblem, Problem
from assetdir.store.crossfile import Summary
from assetdir.store.directory import Directory
from assetdir.visible import controls_in, may_hold_controls

DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


@dataclass
class Checked:
    """One group file, read and checked on its own."""

    path: Path
    summary: Summary
    group: Group | None

    @property
    def id(self) -> str:
        return self.summary.id


def check_file(directory: Directory, path: Path, seen: dict[str, Any] | None = None) -> Checked:
    """Read and check one group file; never raises for what is in the file. With `seen`, the
    file's text and the data read from it are put in it (for `fmt`, which reads each file once)."""
    rel = directory.rel(path)
    summary = Summary(id=path.stem, rel=rel)
    checked = Checked(path, summary, None)
    file = directory.display(rel)
    if not ID_RE.match(summary.id):
        better = as_id(summary.id) or "my-group"
        summary.problems.append(
            Problem(
                file,
                1,
                1,
                "error",
                "bad-id",
                f'file name "{path.name}" is not a valid id: rename it to {better}{path.suffix}',
            )
        )
    marks: dict[str, list[int]] = {}
    try:
        text = yamltext.read_text(path)
        data = load_document(text, marks)
    except FileProblem as err:
        summary.problems.append(err.at(file))
        return checked
    except OSError as err:
        summary.problems.append(Problem(file, 1, 1, "error", "unreadable", f"cannot read the file: {err.strerror}"))
        return checked
    if seen is not None:
        seen.update(text=text, data=data)
    group, found = validate_document(Group, data, text, file, directory.context(summary.id))
    summary.problems.extend(found)
    if may_hold_controls(text):
        summary.problems.extend(_controls(data, text, file))
    summary.positions = marks
    if group is None:
        # a future date is worth reporting even when the rest of the file is broken
        when = data.get("last_checked")
        if isinstance(when, str) and DATE_RE.match(when):
            summary.last_checked = when
        partners = data.get("partners")
        if isinstance(partners, list) and all(isinstance(p, str) for p in partners):
            summary.partners = partners  # checked across files even so
    else:
        checked.group = group
        summary.ok = True
        summary.status = group.status
        summary.area = group.area
        summary.last_checked = group.last_checked.isoformat() if group.last_checked else None
        summary.reachable = bool(group.sessions) or group.contact is not None
        summary.partners = list(group.partners)
    return checked


def _controls(data: dict, text: str, file: str) -> list[Problem]:
    """A warning at each key or text value holding a control character (an escape sequence, a bidi control)."""
    found = list(controls_in(data))
    root = yamltext.compose(text) if found else None
    problems = []
    for loc, key, chars in found:
        codes = [f"U+{ord(c):04X}" for c in chars]
        listed = ", ".join(codes[:-1]) + " and " + codes[-1] if len(codes) > 1 else codes[0]
        what, it = ("control characters", "them") if len(codes) > 1 else ("the control character", "it")
        message = f"{'key' if key else 'text'} holds {what} {listed}, which can change how it is shown; remove {it}"
        line, column = yamltext.position(root, loc, key=key)
        problems.append(Problem(file, line, column, "warning", "control-character", message))
    return problems


def find_path(directory: Directory, id_: str) -> Path:
    """The one file of a group, or an error saying why there is none: no such id, or two files."""
    from assetdir.format.vocabulary import did_you_mean
    from assetdir.problems import AssetdirError
    from assetdir.store.paths import display_path

    files = directory.files()
    matches = [f for f in files if f.stem == id_]
    if not matches:
        for problem in directory.walk_problems:  # there, but a pipe, a link leaving the directory...
            if Path(problem.file).stem == id_:
                raise AssetdirError(str(problem))
        hint = did_you_mean(id_, {f.stem for f in files})
        raise AssetdirError(f'no group "{id_}" in {display_path(directory.groups_dir)}{hint}')
    if len(matches) > 1:
        raise AssetdirError(
            f'id "{id_}" is used by {len(matches)} files ({", ".join(display_path(m) for m in matches)}); rename one'
        )
    return matches[0]


def find_group(directory: Directory, id_: str) -> Group:
    """One group by id, or an error saying why it cannot be shown."""
    from assetdir.problems import AssetdirError

    path = find_path(directory, id_)
    checked = check_file(directory, path)
    if checked.group is None:
        errors = [p for p in checked.summary.problems if p.severity == "error"]
        file = directory.display(path)
        raise AssetdirError(f"{errors[0]} (run `assetdir validate {file}` to see every problem)")
    return checked.group
