"""Partners renamed in a file's round-trip data: a group folded away, or added under another id."""

from __future__ import annotations

from typing import Any


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


def partner_ids(value: Any) -> list[str]:
    return [p.strip() for p in value.split(",")] if isinstance(value, str) else [str(p) for p in value]
