"""The groups an export holds: chosen with search's filters, read from the index."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdir.format.data import rebuild
from assetdir.problems import AssetdirError

if TYPE_CHECKING:
    from assetdir.format.models import Group
    from assetdir.format.vocabulary import Vocabulary
    from assetdir.query.filters import Query
    from assetdir.store.directory import Directory

from assetdir.store.settings import Config

PRIVATE_MARK = "CONTAINS PRIVATE DETAILS - not for publication"


@dataclass
class Selection:
    """What one export prints: the groups (by name) and what it needs to say about them."""

    title: str
    as_of: dt.date
    groups: list[tuple[str, Group]]
    vocab: Vocabulary
    areas: dict[str, str]  # every area a group uses, id -> label, in the directory's order
    asked: list[str] = field(default_factory=list)  # the filters, in words
    broken: list[str] = field(default_factory=list)  # files left out: they have problems
    include_private: bool = False
    days: list[str] | None = None  # the weekdays asked for (--day), else every day
    on: dt.date | None = None  # the date asked for (--on)
    raw: dict[str, str] = field(default_factory=dict)  # id -> the index's JSON of the group, private included
    config: Config = field(default_factory=Config)  # the directory's settings: publisher, times, nation

    def area_label(self, area: str) -> str:
        return self.areas.get(area, area)


def select(
    directory: Directory,
    query: Query,
    statuses: set[str],
    include_private: bool,
    today: dt.date,
    use_cache: bool = True,
) -> Selection:
    """The groups matching `query` whose status is one of `statuses`; private left out unless asked."""
    from assetdir.query.dates import parse_on, weekday_named
    from assetdir.query.search import search
    from assetdir.store.index import Index, rows_for

    query.include_closed = not statuses <= {"active"}
    index = Index.open(directory, use_cache=use_cache)
    try:
        found = search(index, query, 0, today, strict=True)
        rows = rows_for(index.conn, "SELECT rowid, id, status, data FROM files WHERE rowid IN ({})", found.rowids)
    finally:
        index.close()
    chosen, raw = [], {}
    for _, id_, status, data in rows:
        if status in statuses:
            raw[id_] = data
            group = rebuild(json.loads(data), extensions='"x-' in data)
            if not include_private and group.private is not None:
                group = group.model_copy(update={"private": None})
            chosen.append((id_, group))
    if not chosen:
        why = found.why_empty or "every group found is paused or closed (try --include-paused or --include-closed)"
        raise AssetdirError(f"nothing to export: {why}")
    chosen.sort(key=lambda pair: (pair[1].name.casefold(), pair[0]))
    known = directory.areas or {}
    used = {g.area for _, g in chosen}
    areas = {a: label for a, label in known.items() if a in used}
    areas |= {a: a.replace("-", " ").title() for a in sorted(used - set(known))}
    asked = ([f'matching "{query.words.strip()}"'] if query.words.strip() else []) + found.asked
    days = [weekday_named(d) or d for d in query.day] if query.day else None
    on = parse_on(query.on, today) if query.on else None
    return Selection(
        directory.config.title,
        today,
        chosen,
        directory.vocabulary,
        areas,
        asked,
        found.broken,
        include_private,
        days,
        on,
        raw,
        directory.config,
    )
