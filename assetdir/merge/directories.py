"""`merge`: another directory's groups brought into this one.

Each of their groups is matched to one of ours (`duplicates.best_matches`) and
merged into it field by field, or added as a new file under an id not yet used.
New groups are checked against this directory's areas and vocabulary; one that
does not fit is left out and listed, and partners naming it are dropped (and
listed). Nothing is written here: the plan's changes are written by the caller.
"""

from __future__ import annotations

import re
from pathlib import Path

from assetdir import yamltext
from assetdir.edit import changes, roundtrip
from assetdir.merge import conflicts, edits, record, values
from assetdir.merge.partners import rewire
from assetdir.merge.plan import Plan, Step
from assetdir.merge.target import Pending, Source, Target, find_matches, for_matching, read_source, same_data
from assetdir.problems import AssetdirError
from assetdir.store.directory import Directory
from assetdir.store.files import Checked
from assetdir.store.paths import display_path
from assetdir.words import plural


def merge_directories(
    directory: Directory, sources: list[Directory], choices: conflicts.Choices, min_score: int
) -> Plan:
    """The plan of bringing every group of `sources` into `directory`."""
    for source in sources:
        if source.root.resolve() == directory.root.resolve():
            raise AssetdirError(f"{display_path(source.root)} is this directory; name another directory to merge in")
    return merge_sources(directory, [read_source(s) for s in sources], choices, min_score)


def merge_sources(directory: Directory, sources: list[Source], choices: conflicts.Choices, min_score: int) -> Plan:
    """The plan of bringing every group of `sources` (read already) into `directory`."""
    found, paths, plain, broken = for_matching(directory)
    target = Target(directory, found, paths, set(paths), {}, {}, plain)
    plan = Plan(choices=choices)
    if broken:  # a group we cannot read may be one of theirs under another id: never guess
        plan.warnings += [f"{why} (cannot be read here)" for why in broken.values()]
        plan.warnings.append(
            f"--write refuses while {'this file' if len(broken) == 1 else 'these files'} cannot be read: "
            f"fix {'it' if len(broken) == 1 else 'them'} first (`assetdir validate` shows each problem)"
        )
        plan.blocking = True
    for source in sources:
        _merge_source(target, source, plan, choices, min_score)
    plan.changes = [changes.Change(p.path, p.old, p.text) for p in target.pending.values() if p.text != p.old]
    return plan


def _merge_source(target: Target, loaded: Source, plan: Plan, choices: conflicts.Choices, min_score: int) -> None:
    source, name = loaded, loaded.name
    plan.warnings += loaded.warnings
    files = {c.id: c for c in loaded.files}
    ids: dict[str, str | None] = {}
    for id_, twice in _used_twice(loaded.files).items():
        shown = " and ".join(source.display(c.path) for c in twice)
        plan.problems.append(
            f"{shown}: the id {id_} is used by {len(twice)} files in {name} (so none of them is merged: rename all "
            "but one)"
        )
        loaded.outcomes[id_] = ("skipped", "", f"the id {id_} is used by {len(twice)} records")
        ids[id_] = None
    theirs = {k: v for k, v in loaded.groups.items() if k not in ids}
    for c in loaded.files:
        if c.group is None and c.id not in ids:
            first = next((p for p in c.summary.problems if p.severity == "error"), None)
            plan.problems.append(f"{first} (not merged: fix it in {name})")
            loaded.outcomes[c.id] = ("skipped", "", str(first))
            ids[c.id] = None
    matches = find_matches(target, theirs, min_score)
    for tid in sorted(theirs):
        if tid in matches:
            ids[tid] = matches[tid].a
        else:
            ids[tid] = tid if tid not in target.taken else edits.unique_id(tid, target.taken)
            target.taken.add(ids[tid])  # type: ignore[arg-type]
    for tid in sorted(set(theirs) - set(matches)):
        if not _fits(target, source, files[tid], ids[tid], plan):  # type: ignore[arg-type]
            ids[tid] = None
    rename = {k: v for k, v in ids.items() if k != v}
    named = {p for g in theirs.values() for p in g.partners}
    rename.update(dict.fromkeys(named - ids.keys() - target.taken))  # names no group, there or here
    same: list[str] = []
    for tid in sorted(theirs):
        if ids[tid] is None:
            continue
        if tid in matches:
            _merge_one(target, source, files[tid], loaded.plain[tid], matches[tid], rename, plan, choices, same)
        else:
            _add_one(target, source, files[tid], ids[tid], rename, plan)  # type: ignore[arg-type]
    if same:
        shown = ", ".join(same[:5]) + (f" and {len(same) - 5} more" if len(same) > 5 else "")
        plan.steps.append(Step(f"Already here, nothing new: {plural(len(same), 'group')} of {name} ({shown})"))


def _used_twice(files: list[Checked]) -> dict[str, list[Checked]]:
    """Their ids each given to more than one file (one group, or two, cannot be told)."""
    by_id: dict[str, list[Checked]] = {}
    for c in files:
        by_id.setdefault(c.id, []).append(c)
    return {k: v for k, v in by_id.items() if len(v) > 1}


def _fits(target: Target, source: Source, checked: Checked, new_id: str, plan: Plan) -> bool:
    """Whether a new group fits this directory (areas, vocabulary); its problems listed if not."""
    from assetdir.format.document import check_group

    if source.checked_here and new_id == checked.id:
        return True
    text = source.text(checked.path)
    found, problems = check_group(text, source.display(checked.path), target.directory.context(new_id))
    if found is None:
        plan.problems += [f"{_advised(str(p))} (so {checked.id} is not added)" for p in problems]
        source.outcomes[checked.id] = ("skipped", "", "; ".join(_advised(str(p)) for p in problems))
    return found is not None


def _merge_one(
    target: Target,
    source: Source,
    checked: Checked,
    their_plain: dict,
    pair: object,
    rename: dict[str, str | None],
    plan: Plan,
    choices: conflicts.Choices,
    same: list[str],
) -> None:
    our_id = pair.a  # type: ignore[attr-defined]
    theirs = checked.group
    assert theirs is not None
    source.outcomes[checked.id] = ("unchanged", target.directory.display(target.paths[our_id]), "")
    if same_data(target.raw(our_id), their_plain, rename, our_id):
        same.append(our_id)  # the usual case: the same file but for partners' ids, nothing to check
        return
    ours = target.model(our_id)
    if ours is None:
        plan.problems.append(
            f"{target.directory.display(target.paths[our_id])} does not validate, so {checked.id} is not merged "
            "into it; `assetdir validate` shows why"
        )
        source.outcomes[checked.id] = ("skipped", source.outcomes[checked.id][1], f"{our_id} does not validate")
        return
    on, tn = values.normal(ours), values.normal(theirs)
    tn["partners"] = [p for p in (rename.get(p, p) for p in tn["partners"]) if p and p != our_id]
    if all(on.get(k) == v for k, v in tn.items()):
        same.append(our_id)  # the usual case: nothing to read again, nothing to write
        return
    pending = target.pending.get(our_id)
    if pending is None:
        text = roundtrip.read(target.paths[our_id])
        pending = Pending(target.paths[our_id], text, text, ours)
    # first on a quick copy of our data: most merges only find conflicts, and the
    # round-trip loader is slow enough to matter over a thousand files
    data = values.editable(target.raw(our_id))
    merged = record.merge(data, values.editable(their_plain), ours, theirs, rename, our_id)
    conflicts.settle(merged, choices, on["last_checked"], tn["last_checked"])
    if merged.changed:
        data = roundtrip.load(pending.text)
        merged = record.merge(data, values.editable(their_plain), ours, theirs, rename, our_id)
        conflicts.settle(merged, choices, on["last_checked"], tn["last_checked"])
    if not merged.changed and not merged.conflicts:
        same.append(our_id)
        return
    file = target.directory.display(target.paths[our_id])
    source.outcomes[checked.id] = ("merged", file, f"conflicts: {len(merged.conflicts)}" if merged.conflicts else "")
    reasons = "; ".join(pair.reasons)  # type: ignore[attr-defined]
    step = Step(f"Merge {checked.id} into {our_id} (score {pair.score}: {reasons})", merged)  # type: ignore[attr-defined]
    step.notes += [_dropped(p) for p in theirs.partners if p in rename and rename[p] is None]
    if not merged.changed:
        plan.steps.append(step)
        return
    new_text = roundtrip.dump(data, pending.text)
    why = f"so {checked.id} is not merged into {our_id}"
    try:
        group = changes.check_text(target.directory, pending.path, new_text, why)
    except AssetdirError as err:
        found = _their_problem(target, source, checked, our_id, str(err))
        plan.problems.append(
            f"{found} ({why})" if found else f"the merged result of {source.display(checked.path)}: {err}"
        )
        source.outcomes[checked.id] = ("skipped", file, plan.problems[-1])
        return
    plan.steps.append(step)
    pending.text, pending.group = new_text, group
    target.pending[our_id] = pending
    target.models[our_id] = group
    target.plain[our_id] = target.found[our_id] = yamltext.parse(new_text)


def _add_one(
    target: Target, source: Source, checked: Checked, new_id: str, rename: dict[str, str | None], plan: Plan
) -> None:
    text = source.raw_text(checked.path)
    step = Step("")
    data = source.plain.get(checked.id) if source.checked_here else None
    data = data if data is not None else yamltext.parse(text)
    if set(plan_partners(data)) & rename.keys():
        rt = roundtrip.load(text)
        step.notes += [_dropped(p) for p in rewire(rt, rename, new_id)]
        text = roundtrip.dump(rt, text)
        data = yamltext.parse(text)
    path = _destination(target.directory, checked, new_id)
    try:
        if source.checked_here and new_id == checked.id and not step.notes:
            group = checked.group  # checked against this directory when the source was made
        else:
            group = changes.check_text(target.directory, path, text, f"so {checked.id} is not added")
    except AssetdirError as err:
        plan.problems.append(str(err))
        source.outcomes[checked.id] = ("skipped", "", str(err))
        return
    source.outcomes[checked.id] = ("new", target.directory.display(path), "")
    renamed = f" as {new_id}" if new_id != checked.id else ""
    step.title = f"Add {source.display(checked.path)}{renamed}: {target.directory.display(path)}"
    plan.steps.append(step)
    target.models[new_id] = group
    target.plain[new_id] = target.found[new_id] = data
    target.paths[new_id] = path
    target.pending[new_id] = Pending(path, None, text, group)


def _their_problem(target: Target, source: Source, checked: Checked, our_id: str, error: str) -> str | None:
    """The problem of the merged result `error`, placed in their file where their value is written."""
    from assetdir.format.document import check_group

    text = source.text(checked.path)
    name = source.display(checked.path) if checked.path in source.texts else display_path(checked.path)
    _, problems = check_group(text, name, target.directory.context(our_id))
    for problem in problems:
        _where, _, what = str(problem).partition(": ")  # what without where: the same in both files
        if what and what in error:
            return _advised(str(problem))
    return None


_VOCAB = re.compile(r" error unknown-(?!area|key|partner|venue)[a-z-]+: ")


def _advised(problem: str) -> str:
    """A problem of a word this directory's vocabulary lacks, with what to do about it."""
    if _VOCAB.search(problem) and "did you mean" not in problem.lower() and "write its id" not in problem:
        return f"{problem}; change it there to an id this directory has, or add it under vocabulary: in assetdir.yaml"
    return problem


def _dropped(partner: str) -> str:
    return f"partners: {partner} not kept (a group left out, or no group of that id)"


def plan_partners(data: object) -> list[str]:
    partners = data.get("partners") if isinstance(data, dict) else None
    if isinstance(partners, str):
        return [p.strip() for p in partners.split(",")]
    return [str(p) for p in partners] if isinstance(partners, list) else []


def _destination(directory: Directory, checked: Checked, new_id: str) -> Path:
    """Where a new group goes: its sub-folder if this directory has it, else its area's folder."""
    folder = Path(checked.summary.rel).parent
    base = directory.groups_dir
    if folder.parts and (base / folder).is_dir():
        base = base / folder
    elif checked.group is not None and (base / checked.group.area).is_dir():
        base = base / checked.group.area
    return changes.inside(directory, base / f"{new_id}{checked.path.suffix}")
