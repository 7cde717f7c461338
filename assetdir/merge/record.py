"""One group's record merged into another's, field by field, in the kept file's round-trip data:
fields only they have filled in, lists united (ours first), blocks key by key, and every
difference a conflict."""

from __future__ import annotations

from typing import Any

from assetdir.format.models import Group
from assetdir.format.order import NESTED, TOP
from assetdir.merge.conflicts import Merged
from assetdir.merge.edits import seq_of
from assetdir.merge.fields import merge_block, merge_list, merge_value
from assetdir.merge.items import merge_assets, merge_sessions, merge_venues
from assetdir.merge.values import normal

LISTS = ["categories", "audience", "attending", "languages", "partners", "merged_from"]


BLOCKS = {"age": NESTED["age"], "contact": NESTED["contact"], "private": NESTED["private"]}


def merge(
    ours_raw: Any, theirs_raw: Any, ours: Group, theirs: Group, rename: dict[str, str | None], our_id: str
) -> Merged:
    """Bring `theirs` into `ours_raw` (changed in place); `rename` maps their partner ids
    to ours (None: left out), and a partner that would be `our_id` itself is dropped."""
    merged = Merged(ours_raw)
    for raw in (ours_raw, theirs_raw):
        for key in ("venues", "sessions"):
            if isinstance(raw.get(key), dict):  # one written without the dash: a list of one
                raw[key] = seq_of([raw[key]])

    on, tn = normal(ours), normal(theirs)
    tn["partners"] = [p for p in (rename.get(p, p) for p in tn["partners"]) if p and p != our_id]
    venue_map = merge_venues(merged, ours_raw, theirs_raw, on["venues"], tn["venues"])
    for key in [*TOP, *(k for k in theirs_raw if k not in TOP)]:
        if key not in theirs_raw or key in ("venues",):
            continue
        if key in LISTS:
            merge_list(merged, ours_raw, key, on[key], tn[key], key)
        elif key in ("offers", "needs"):
            merge_assets(merged, ours_raw, key, on[key], tn[key], theirs_raw)
        elif key == "sessions":
            merge_sessions(merged, ours_raw, theirs_raw, on, tn, venue_map)
        elif key in BLOCKS and isinstance(theirs_raw[key], dict) and isinstance(ours_raw.get(key), dict):
            merge_block(merged, ours_raw[key], theirs_raw[key], on[key] or {}, tn[key] or {}, key + ".", BLOCKS[key])
        else:
            merge_value(merged, ours_raw, theirs_raw, key, on.get(key), tn.get(key), key, TOP)
    return merged


def remember(merged: Merged, ours: Any, ids: list[str]) -> None:
    """Add ids of groups now part of ours to its `merged_from` list."""
    raw = ours.get("merged_from")
    known = [raw] if isinstance(raw, str) else [str(i) for i in raw or []]
    merge_list(merged, ours, "merged_from", known, ids, "merged_from")
