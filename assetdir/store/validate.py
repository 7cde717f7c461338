"""`validate`: every problem of every file, from the index or read afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assetdir.problems import AssetdirError, Problem, ProblemList
from assetdir.store import crossfile
from assetdir.store.crossfile import Summary
from assetdir.store.directory import Directory
from assetdir.store.paths import display_path, is_group_file
from assetdir.store.settings import SETTINGS_FILE

if TYPE_CHECKING:
    from assetdir.format.models import Group
    from assetdir.store.files import Checked


@dataclass
class Report(ProblemList):
    problems: list[Problem]
    checked: int  # group files


def check(directory: Directory, paths: Iterable[Path] = (), use_cache: bool = True, *, today: dt.date) -> Report:
    """Check the whole directory, keeping the problems of `paths` (all when empty).

    Group files named outside the groups folder are checked too, against this
    directory's settings. `today` is the date checks are made against.
    """
    from assetdir.store.index import Index

    targets = [Path(os.path.abspath(p)) for p in paths]  # not resolved: a link is where it stands
    groups_dir = Path(os.path.abspath(directory.groups_dir))
    for target in targets:
        if target.is_file() and target.name != SETTINGS_FILE and not is_group_file(target.name):
            raise AssetdirError(f"{display_path(target)}: not a group file; group files end in .yaml or .yml")
    # named outside the groups folder: checked too (a pipe or a socket is then a problem, never opened)
    extra = [t for t in targets if not t.is_dir() and groups_dir not in t.parents and t.name != SETTINGS_FILE]
    if use_cache:
        index = Index.open(directory)
        try:
            summaries = index.summaries()
        finally:
            index.close()
    else:  # the checks alone, without building what search needs
        from assetdir.store.files import check_file

        summaries = [check_file(directory, path).summary for path in directory.files()]
    if extra:
        from assetdir.store.files import check_file

        summaries += [check_file(directory, path).summary for path in extra]
    problems = problems_of(directory, summaries, today)
    if not targets:
        return Report(problems, len(summaries))

    def wanted(path: Path) -> bool:
        path = Path(os.path.abspath(path))
        return any(t == path or t in path.parents for t in targets)

    return Report(
        [p for p in problems if wanted(Path(p.file))],
        sum(wanted(directory.groups_dir / s.rel) for s in summaries),
    )


def problems_of(directory: Directory, summaries: list[Summary], today: dt.date) -> list[Problem]:
    """Every problem: the settings', the walk's (what cannot be read as a group file), each
    file's, and those across files, in file order."""
    display = directory.display
    problems = directory.settings_problems + directory.walk_problems
    for summary in summaries:
        if summary.problems:
            file = display(summary.rel)
            problems += [dataclasses.replace(p, file=file) for p in summary.problems]
    problems += crossfile.across_files(
        summaries,
        display,
        months=directory.config.review_after_months,
        on=today,
        areas_defined=directory.has_settings,
    )
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))


@dataclass
class Loaded(ProblemList):
    """Every group file read afresh, as models, with every problem."""

    files: list[Checked]
    problems: list[Problem]

    @property
    def groups(self) -> dict[str, Group]:
        return {c.id: c.group for c in self.files if c.group is not None}


def load(directory: Directory, today: dt.date) -> Loaded:
    """Read and check every group file without the index (for tests and whole-directory work),
    the checks that depend on the day made against `today`."""
    from assetdir.store.files import check_file

    files = [check_file(directory, path) for path in directory.files()]
    return Loaded(files, problems_of(directory, [c.summary for c in files], today))
