"""A merge plan on the screen (merge, merge-groups): written first when asked, then shown in words and as diffs."""

# No `from __future__ import annotations`: typer reads the annotations as they are.
import sys
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from assetdir.edit.changes import Change
    from assetdir.merge.plan import Plan
    from assetdir.store.directory import Directory
from assetdir.cli.output import stderr
from assetdir.words import plural


def show_changes(directory: "Directory", changes: list["Change"], show_private: bool) -> None:
    """A unified diff per file, private lines hidden unless asked for."""
    from assetdir.merge.plan import hide_private

    for change in changes:
        name = directory.root.name + "/" + change.path.relative_to(directory.root).as_posix()
        text = change.diff(name)
        sys.stdout.write(text if show_private else hide_private(text, change.old, change.new))


def report_plan(directory: "Directory", plan: "Plan", write: bool, show_private: bool) -> None:
    """With `write`, make the changes (once all is checked); then the plan in words and a diff per file.

    The changes are written before anything is printed, so that a reader that goes
    away early (`| head`) cannot stop them being written."""
    from assetdir.edit.changes import apply

    err = stderr()
    for line in plan.unmatched():
        err.print(f"Warning: {line}", markup=False)
    unsettled = plan.unsettled
    written = sum(c.new is not None for c in plan.changes)
    removed = len(plan.changes) - written
    done = write and not unsettled and not plan.blocking
    if done:
        apply(directory, plan.changes)
    wrote = f"Wrote {plural(written, 'file')}, removed {removed}"
    try:
        for line in plan.lines(show_private):
            print(line)
        show_changes(directory, plan.changes, show_private)
        sys.stdout.flush()
    except BrokenPipeError:
        if done:  # still say what was done, on the screen the reader did not close
            err.print(wrote, markup=False)
        raise
    summary = f"{plural(written, 'file')} to write, {removed} to remove"
    if unsettled:
        fields = ", ".join(dict.fromkeys(c.field for c in unsettled))
        message = f"{plural(len(unsettled), 'conflict')} ({fields})"
        if write:
            err.print(f"Error: {message}: nothing written; choose with --prefer ours, theirs or newer", markup=False)
            raise typer.Exit(1)
        err.print(f"{summary}; {message}: --write needs --prefer ours, theirs or newer", markup=False)
        return
    if not write:
        err.print(
            f"{summary} (a plan only: --write makes the changes)" if plan.changes else "Nothing to change", markup=False
        )
        return
    if plan.blocking:
        err.print("Error: the problems above must be fixed first; nothing written", markup=False)
        raise typer.Exit(1)
    err.print(wrote, markup=False)
