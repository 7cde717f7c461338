"""Checks that span files, run on light summaries (cached in the index or fresh).

Nothing here imports pydantic: `validate` on an up-to-date index runs only this.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from assetdir.format.vocabulary import LISTED, did_you_mean
from assetdir.problems import Problem
from assetdir.words import plural


@dataclass
class Summary:
    """What the cross-file checks need to know of one group file."""

    id: str
    rel: str  # path inside the groups folder, with / between folders
    ok: bool = False  # the group is valid on its own
    status: str = "active"
    area: str = ""
    last_checked: str | None = None  # YYYY-MM-DD
    reachable: bool = True  # has sessions or a contact
    partners: list[str] = field(default_factory=list)
    # line and column of top-level values, and of list items: {"area": [3, 7], "partners.0": [9, 12]};
    # the index keeps them as JSON text, decoded only when a problem needs one
    positions: dict[str, Any] | str | None = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found in the file on its own

    def position(self, key: str) -> tuple[int, int]:
        if isinstance(self.positions, str):
            self.positions = json.loads(self.positions)
        found = (self.positions or {}).get(key)
        return (found[0], found[1]) if found else (1, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def due_for_review(last_checked: dt.date | str | None, months: int, on: dt.date) -> bool:
    """Due on the day it is `months` old, or when never checked."""
    if last_checked is None:
        return True
    if isinstance(last_checked, str):
        last_checked = dt.date.fromisoformat(last_checked)
    return add_months(last_checked, months) <= on


def across_files(
    summaries: list[Summary],
    display: Any,
    *,
    months: int,
    on: dt.date,
    areas_defined: bool,
) -> list[Problem]:
    """Duplicate ids, partners, future dates, and the warnings that need the whole picture.

    `display(rel)` turns a path inside the groups folder into the path shown to the user.
    """
    by_id: dict[str, list[Summary]] = defaultdict(list)
    for summary in summaries:
        by_id[summary.id].append(summary)
    problems = _duplicate_ids(by_id, display)
    first_use: dict[str, list[Any]] = {}
    for s in summaries:
        problems += _dates_and_partners(s, by_id, display, on)
        if s.ok and s.status in LISTED:
            problems += _warnings(s, display, months, on)
            if not areas_defined:
                first_use.setdefault(s.area, [s, 0])[1] += 1
    for area, (s, count) in sorted(first_use.items()):
        used = f"used by {plural(count, 'group')}"
        message = (
            f"area \"{area}\" ({used}) is not defined: there is no assetdir.yaml; run 'assetdir init' to list the areas"
        )
        problems.append(_at(s, display, "area", "warning", "unknown-area", message))
    return problems


def _at(s: Summary, display: Any, key: str | None, severity: str, code: str, message: str) -> Problem:
    """A problem of the file of `s`, at the value of `key` (the file's start when None)."""
    line, column = s.position(key) if key else (1, 1)
    return Problem(display(s.rel), line, column, severity, code, message)  # type: ignore[arg-type]


def _duplicate_ids(by_id: dict[str, list[Summary]], display: Any) -> list[Problem]:
    return [
        _at(s, display, None, "error", "duplicate-id",
            f'id "{id_}" is also used by {display(same[0].rel)}; ids are unique across all folders: rename one file')
        for id_, same in by_id.items() for s in same[1:]
    ]  # fmt: skip


def _dates_and_partners(s: Summary, by_id: dict[str, list[Summary]], display: Any, on: dt.date) -> list[Problem]:
    """A last_checked in the future and partners that are no group: checked even in a broken file."""
    problems = []
    if s.last_checked and s.last_checked > on.isoformat():
        message = f"{s.last_checked} is in the future; last_checked is the day someone last checked"
        problems.append(_at(s, display, "last_checked", "error", "future-date", message))
    for i, partner in enumerate(s.partners):
        if partner not in by_id and partner != s.id:
            hint = did_you_mean(partner, by_id.keys() - {s.id})
            message = f'"{partner}" is not a group in this directory{hint}'
            problems.append(_at(s, display, f"partners.{i}", "error", "unknown-partner", message))
    return problems


def _warnings(s: Summary, display: Any, months: int, on: dt.date) -> list[Problem]:
    """What a listed group should have: a recent check, and a way to find out when it meets."""
    problems = []
    if due_for_review(s.last_checked, months, on):
        if s.last_checked is None:
            message = "never checked: add last_checked (YYYY-MM-DD) once someone has confirmed the details"
            problems.append(_at(s, display, None, "warning", "due-for-review", message))
        else:
            message = (
                f"last checked {s.last_checked}, over {months} months ago; confirm the details and update last_checked"
            )
            problems.append(_at(s, display, "last_checked", "warning", "due-for-review", message))
    if not s.reachable:
        message = "no sessions and no contact: people cannot find out when it meets; add sessions or a contact"
        problems.append(_at(s, display, None, "warning", "no-sessions-or-contact", message))
    return problems
