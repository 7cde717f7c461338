"""What `duplicates` compares of each group (name, area, status, contact, venue postcodes), read as
cheaply as will do: one row at a time from the index, or every file afresh."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assetdir.store.directory import Directory
    from assetdir.store.index import Index


_COMPARED = {"name", "area", "status", "contact"}


def from_index(index: Index) -> tuple[dict[str, dict], dict[str, str]]:
    """The compared fields of every valid group, and its file, from the index, one row at a time:
    whole groups would take far more memory."""
    groups, files = {}, {}
    for id_, rel, data in index.each_data():
        groups[id_], files[id_] = _compared(data), rel
    return groups, files


def from_files(directory: Directory) -> tuple[dict[str, dict], dict[str, str], list[str]]:
    """The same read from every file afresh, and the files left out for their problems."""
    from assetdir.store.files import check_file

    groups, files, broken = {}, {}, []
    for path in directory.files():
        checked = check_file(directory, path)  # one at a time: the models are not kept
        if checked.group is None:
            broken.append(checked.summary.rel)
            continue
        groups[checked.id] = _compared(checked.group.model_dump(include=_COMPARED | {"venues"}, exclude_none=True))
        files[checked.id] = checked.summary.rel
    return groups, files, sorted(broken)


def _compared(group: dict) -> dict:
    """Only the fields that duplicates compares and shows."""
    venues = [{"postcode": v["postcode"]} for v in group.get("venues") or [] if v.get("postcode")]
    return {**{k: group[k] for k in _COMPARED if k in group}, "venues": venues}
