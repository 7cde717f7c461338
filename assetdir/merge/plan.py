"""`merge-groups`: one group's duplicate folded into it, and what a merge plan says.

A plan is made in full (every new text computed and checked) before anything is
written; `changes.apply` then writes it. Plans show private values only when asked:
they are printed to screens and pasted into messages more often than files are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assetdir import yamltext
from assetdir.edit import changes, roundtrip
from assetdir.merge import conflicts, record, values
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory
from assetdir.store.files import find_path


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
    if not body:
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
            out.append(kind + body[: len(body) - len(body.lstrip())] + _HIDDEN[kind])
        else:
            out.append(line)
        at_old += kind in " -"
        at_new += kind in " +"
    return "".join(out)


def rewire(data: Any, rename: dict[str, str | None], own_id: str) -> list[str]:
    """Partners renamed in place (None: dropped); no duplicates, never itself. What was dropped."""
    partners = data.get("partners")
    if isinstance(partners, str):
        partners = [p.strip() for p in partners.split(",")]
    if not isinstance(partners, list) or not any(p in rename for p in partners):
        return []
    new = [rename.get(p, p) for p in partners]
    # of two items naming the same group, keep the one that named it already (and its comment)
    chosen = {v: i for i, (p, v) in reversed(list(enumerate(zip(partners, new)))) if v}
    chosen.update({v: i for i, (p, v) in reversed(list(enumerate(zip(partners, new)))) if v and p == v})
    kept, dropped, gone = [], [], []
    for i, (p, v) in enumerate(zip(partners, new)):
        if v is None or v == own_id or chosen[v] != i:
            gone.append(i)
            if v is None:
                dropped.append(p)
            continue
        kept.append(v)
        if isinstance(data["partners"], list) and v != p:
            data["partners"][i] = v
    if isinstance(data["partners"], list):
        for i in reversed(gone):  # one by one: each item's comment stays with it
            del data["partners"][i]
        if not data["partners"] and not _commented(data, "partners"):
            del data["partners"]  # no partners left: no key (one with a comment is left, as `partners: []`)
    else:
        data["partners"] = kept[0] if len(kept) == 1 else ", ".join(kept)
    return dropped


def _commented(data: Any, key: str) -> bool:
    """Whether a key of round-trip data carries a comment (removing it would lose the comment)."""
    ca = getattr(data, "ca", None)
    item = ca.items.get(key) if ca is not None else None
    value = data.get(key)
    return bool(item and any(item)) or bool(getattr(getattr(value, "ca", None), "comment", None))


def merge_groups(directory: Directory, keep: str, other: str, choices: conflicts.Choices) -> Plan:
    """Fold `other` into `keep`: merge fields, remove its file, point its partners at `keep`,
    and remember in `keep`'s `merged_from` that `other` is now part of it (so that merging
    a directory that still has `other` brings nothing of it back)."""
    if keep == other:
        raise AssetdirError(f'"{keep}" given twice: name the group to keep, then its duplicate')
    keep_path, other_path = find_path(directory, keep), find_path(directory, other)
    keep_text, other_text = roundtrip.read(keep_path), roundtrip.read(other_path)
    ours = changes.check_text(directory, keep_path, keep_text)
    theirs = changes.check_text(directory, other_path, other_text)
    data = roundtrip.load(keep_text)
    merged = record.merge(data, roundtrip.load(other_text), ours, theirs, {other: keep}, keep)
    conflicts.settle(merged, choices, values.normal(ours)["last_checked"], values.normal(theirs)["last_checked"])
    record.remember(merged, data, [other])
    rewire(data, {other: keep}, keep)
    plan = Plan(choices=choices)
    step = Step(f"Merge {other} into {keep}", merged)
    plan.steps.append(step)
    new_text = roundtrip.dump(data, keep_text)
    if new_text != keep_text:
        changes.check_text(directory, keep_path, new_text)
        plan.changes.append(changes.Change(keep_path, keep_text, new_text))
    for path in directory.files():
        if path in (keep_path, other_path):
            continue
        try:
            change = _rewired(directory, path, {other: keep})
        except _Unreadable as err:
            plan.warnings.append(
                f"{directory.display(path)} cannot be read ({err}); if it names {other} as a partner, change it by hand"
            )
            continue
        except _Unparsed as err:  # it may name `other`: removing it would leave a partner that is no group
            plan.problems.append(f"{err}; it mentions {other}: fix it, then merge again")
            plan.blocking = True
            continue
        except AssetdirError as err:  # it names `other` but is broken already
            plan.problems.append(f"{err}; fix it, then merge again")
            plan.blocking = True
            continue
        if change:
            plan.changes.append(change)
            step.notes.append(f"partners: {other} -> {keep} in {directory.display(path)}")
    plan.changes.append(changes.Change(other_path, other_text, None))
    step.notes.append(f"remove {directory.display(other_path)}")
    return plan


_WORD = re.compile(r"[a-z0-9-]+")


class _Unreadable(Exception):
    """A file that cannot be read at all."""


class _Unparsed(Exception):
    """A file that mentions a renamed group but is not YAML that can be read."""


def _rewired(directory: Directory, path: Path, rename: dict[str, str | None]) -> changes.Change | None:
    """The change to one file's partners, when it names a renamed group."""
    try:
        text = roundtrip.read(path)
    except (AssetdirError, OSError) as err:
        raise _Unreadable(getattr(err, "strerror", None) or str(err)) from None
    if not any(old in text for old in rename) or not set(_WORD.findall(text)) & rename.keys():
        return None
    try:
        data = yamltext.parse(text)
    except AssetdirError as err:
        found = getattr(err, "at", None)
        raise _Unparsed(
            found(directory.display(path)) if callable(found) else f"{directory.display(path)}: {err}"
        ) from None
    partners = data.get("partners") if isinstance(data, dict) else None
    if not isinstance(partners, (list, str)) or not set(merging_list(partners)) & rename.keys():
        return None
    rt = roundtrip.load(text)
    rewire(rt, rename, path.stem)
    new = roundtrip.dump(rt, text)
    changes.check_text(directory, path, new)
    return changes.Change(path, text, new)


def merging_list(value: Any) -> list[str]:
    return [p.strip() for p in value.split(",")] if isinstance(value, str) else [str(p) for p in value]
