"""What a merge plan holds and says (for `merge` and `merge-groups`): its steps, conflicts and changes.

A plan is made in full (every new text computed and checked) before anything is
written; `changes.apply` then writes it. Plans show private values only when asked:
they are printed to screens and pasted into messages more often than files are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assetdir import yamltext
from assetdir.edit import changes
from assetdir.merge import conflicts
from assetdir.problems import AssetdirError


@dataclass
class Step:
    """One group merged into another (or added), as the plan tells it."""

    title: str
    merged: conflicts.Merged | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """Everything a merge would do, ready to show and to write."""

    steps: list[Step] = field(default_factory=list)
    changes: list[changes.Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # groups left out, and why
    warnings: list[str] = field(default_factory=list)  # our own files that could not be read
    choices: conflicts.Choices = field(default_factory=conflicts.Choices)
    blocking: bool = False  # problems that stop the whole plan being written

    @property
    def conflicts(self) -> list[conflicts.Conflict]:
        return [c for s in self.steps if s.merged for c in s.merged.conflicts]

    @property
    def unsettled(self) -> list[conflicts.Conflict]:
        return [c for c in self.conflicts if not c.kept]

    def unmatched(self) -> list[str]:
        """The fields named by --keep, --take and --join that name no conflict of this plan."""
        out = []
        for option, fields in (
            ("--keep", self.choices.keep),
            ("--take", self.choices.take),
            ("--join", self.choices.join),
        ):
            for name in fields:
                found = [c for c in self.conflicts if c.matches([name]) and (option != "--join" or c.keep_both)]
                if not found:
                    what = "two texts in conflict" if option == "--join" else "conflict"
                    out.append(f"{option} {name}: this plan has no {what} on that field")
        return out

    def lines(self, show_private: bool = False) -> list[str]:
        """The plan in words (no diffs)."""
        out: list[str] = []
        for step in self.steps:
            out.append(step.title)
            merged = step.merged
            if merged and merged.filled:
                out.append("  filled in: " + ", ".join(merged.filled))
            if merged and merged.added:
                out.append("  added: " + _grouped(merged.added))
            for c in merged.conflicts if merged else []:
                out.append("  " + _conflict(c, show_private))
            out += ["  " + note for note in step.notes]
        out += [f"Problem: {p}" for p in self.problems]
        out += [f"Warning: {w}" for w in self.warnings]
        return out


def _conflict(c: conflicts.Conflict, show_private: bool) -> str:
    if c.private and not show_private:
        values = "the two differ (private: values not shown)"
        lost = "the other value"
    else:
        shown = c.shown or _shown
        values = f"ours {shown(c.ours)}, theirs {shown(c.theirs)}"
        lost = shown(c.not_kept)
    if not c.kept:
        return f"CONFLICT {c.field}: {values}"
    if c.kept == "both":
        return f"conflict {c.field}: kept both, ours then theirs"
    return f"conflict {c.field}: kept {c.kept}; not kept: {lost}"


def _grouped(added: list[str]) -> str:
    """ "categories: a", "categories: b" -> "categories: a, b"."""
    fields: dict[str, list[str]] = {}
    for item in added:
        name, _, value = item.partition(": ")
        fields.setdefault(name, []).append(value)
    return "; ".join(f"{name}: {', '.join(values)}" for name, values in fields.items())


def _shown(value: Any) -> str:
    """A value in a line of the plan: text in quotes (cut short), blocks as key: value."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return '"' + text[:80] + ('..."' if len(text) > 80 else '"')
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_shown(v)}" for k, v in value.items() if v not in (None, [], {})) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return str(value)


def private_lines(text: str | None) -> set[int]:
    """The numbers (1-based) of the lines of a file's `private:` block, values and all.

    Found from the parsed document, not from the text's layout: `"private":`,
    `private :`, `? private` and an indented file hide the same lines."""
    body = (text or "").lstrip("\ufeff")
    if not body or ("private" not in body and "\\" not in body):  # no key can spell it: nothing to read
        return set()
    try:
        root = yamltext.compose(body)
    except AssetdirError:  # cannot tell where the block is: hide every line
        return set(range(1, body.count("\n") + 2))
    if root is None or "private" not in root.keys:
        return set()
    key, value = root.keys["private"]
    first = min(key.line, value.line)
    line, column = value.end
    # a block ends where the next key starts: that key's line is not part of it
    starts = {(k.line, k.column) for k, _ in root.keys.values()}
    last = line - 1 if column == 1 or (line, column) in starts else line
    return set(range(first, max(first, last) + 1))


# a changed line shows as two different lines, so that the reader sees it changed
_HIDDEN = {
    " ": "(private, not shown: --show-private shows it)\n",
    "-": "(private, old value not shown)\n",
    "+": "(private, new value not shown: --show-private shows it)\n",
}


_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def hide_private(diff: str, old: str | None, new: str | None) -> str:
    """A unified diff of `old` to `new` with the lines inside `private:` blocks hidden."""
    hidden_old, hidden_new = private_lines(old), private_lines(new)
    out, at_old, at_new = [], 0, 0
    for line in diff.splitlines(keepends=True):
        hunk = _HUNK.match(line)
        if hunk:
            at_old, at_new = int(hunk[1]), int(hunk[2])
        if hunk or line.startswith(("--- ", "+++ ")):
            out.append(line)
            continue
        kind = line[:1]
        hidden = (
            (kind == "-" and at_old in hidden_old)
            or (kind == "+" and at_new in hidden_new)
            or (kind == " " and at_old in hidden_old)
        )
        if hidden:
            body = line[1:]
            out.append(kind + body[: len(body) - len(body.lstrip(" \t"))] + _HIDDEN[kind])  # indent kept, not a newline
        else:
            out.append(line)
        at_old += kind in " -"
        at_new += kind in " +"
    return "".join(out)
