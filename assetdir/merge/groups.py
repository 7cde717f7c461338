"""`merge-groups`: one group's duplicate folded into it, its file removed, every partner list naming it
pointed at the kept group, and the fold remembered in the kept group's `merged_from`."""

from __future__ import annotations

import re
from pathlib import Path

from assetdir import yamltext
from assetdir.edit import changes, roundtrip
from assetdir.merge import conflicts, record, values
from assetdir.merge.partners import partner_ids, rewire
from assetdir.merge.plan import Plan, Step
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory
from assetdir.store.files import find_path


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
    if not isinstance(partners, (list, str)) or not set(partner_ids(partners)) & rename.keys():
        return None
    rt = roundtrip.load(text)
    rewire(rt, rename, path.stem)
    new = roundtrip.dump(rt, text)
    changes.check_text(directory, path, new)
    return changes.Change(path, text, new)
