"""The network of groups: who can help whom, who is due a check, counts, partners.

Everything here answers from the index (no pydantic), reading the whole group
only for the few groups an answer names.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assetdir.format.vocabulary import ACTIVE, LISTED, STATUSES, did_you_mean
from assetdir.problems import AssetdirError
from assetdir.store.crossfile import add_months
from assetdir.store.index import rows_for

if TYPE_CHECKING:
    from assetdir.store.index import Index


def _groups(index: Index, rowids: set[int] | None = None) -> dict[int, dict[str, Any]]:
    """Valid groups' data by row, all or those given."""
    sql = "SELECT rowid, id, data FROM files WHERE data IS NOT NULL"
    if rowids is None:
        rows = index.conn.execute(sql).fetchall()
    else:
        rows = rows_for(index.conn, sql + " AND rowid IN ({})", rowids)
    return {rowid: {"id": id_, **json.loads(data)} for rowid, id_, data in rows}


def _with_fact(index: Index, kind: str, status: tuple[str, ...] = ACTIVE) -> list[tuple[int, str]]:
    marks = ",".join("?" * len(status))
    return index.conn.execute(
        f"SELECT facts.rowid, value FROM facts JOIN files ON files.rowid = facts.rowid "
        f"WHERE kind = ? AND files.status IN ({marks})",
        (kind, *status),
    ).fetchall()


@dataclass
class Offer:
    group: dict[str, Any]
    note: str
    distance_km: float | None
    same_area: bool


@dataclass
class Need:
    group: dict[str, Any]
    asset: str
    note: str
    offers: list[Offer] = field(default_factory=list)
    more: int = 0  # other groups offering it, beyond those shown


def match(
    index: Index, asset: str | None = None, area: str | None = None, group: str | None = None, limit: int = 5
) -> list[Need]:
    """Every need of an active group with the active groups that offer it, best first:
    same area, then nearest venue, then by name; at most `limit` each (0: all).
    Needs nobody offers come last."""
    vocab = index.directory.vocabulary
    if asset is not None and asset not in vocab.assets:
        raise AssetdirError(f"--asset {asset}: not an asset{did_you_mean(asset, vocab.assets)}")
    if group is not None:
        everyone = {id_ for (id_,) in index.conn.execute("SELECT id FROM files WHERE status = 'active'")}
        if group not in everyone:
            raise AssetdirError(f"--group {group}: no active group has this id{did_you_mean(group, everyone)}")
    needs = [(r, v) for r, v in _with_fact(index, "needs") if asset in (None, v)]
    offers = [(r, v) for r, v in _with_fact(index, "offers") if asset in (None, v)]
    groups = _groups(index, {r for r, _ in needs} | {r for r, _ in offers})
    if area is not None:
        areas = index.directory.areas or {g["area"]: g["area"] for g in groups.values()}
        if area not in areas:
            raise AssetdirError(f"--area {area}: not an area{did_you_mean(area, areas)}")
    offering: dict[str, list[int]] = {}
    for rowid, value in offers:
        offering.setdefault(value, []).append(rowid)
    offers_set = set(offers)
    places = {rowid: _places(g) for rowid, g in groups.items()}  # once a group, not once a need
    notes: dict[tuple[int, str], str] = {}

    def offer_note(rowid: int, wanted: str) -> str:
        if (rowid, wanted) not in notes:
            notes[rowid, wanted] = _note(groups[rowid], "offers", wanted)
        return notes[rowid, wanted]

    # groups in the same place needing the same thing get the same list: rank it once
    ranked: dict[tuple[str, str, tuple[tuple[float, float], ...]], list[tuple[int, float | None, bool]]] = {}
    result: list[Need] = []
    for rowid, wanted in needs:
        needer = groups[rowid]
        if area is not None and needer["area"] != area:
            continue
        key = (wanted, needer["area"], places[rowid])
        if key not in ranked:
            ranked[key] = sorted(
                (
                    (r, _distance(key[2], places[r]), groups[r]["area"] == needer["area"])
                    for r in offering.get(wanted, [])
                ),
                key=lambda o: (not o[2], o[1] is None, o[1] or 0.0, groups[o[0]]["name"].lower()),
            )
        ranking = ranked[key]
        if group is not None and needer["id"] != group:
            ranking = [o for o in ranking if groups[o[0]]["id"] == group]  # what this group could give
            if not ranking:
                continue
        count = len(ranking) - ((rowid, wanted) in offers_set and (group is None or needer["id"] == group))
        shown = list(_first(ranking, rowid, limit or count))
        need = Need(needer, wanted, _note(needer, "needs", wanted), more=count - len(shown))
        need.offers = [Offer(groups[r], offer_note(r, wanted), km, same) for r, km, same in shown]
        result.append(need)
    result.sort(key=lambda n: (not n.offers, vocab.label("offers-needs", n.asset).lower(), n.group["name"].lower()))
    return result


def _first(
    ranking: list[tuple[int, float | None, bool]], skip: int, limit: int
) -> Iterator[tuple[int, float | None, bool]]:
    """The first `limit` of a ranking, leaving out the group itself, without copying it."""
    taken = 0
    for offer in ranking:
        if taken == limit:
            return
        if offer[0] != skip:
            taken += 1
            yield offer


def _note(group: dict[str, Any], key: str, asset: str) -> str:
    return next((i.get("note") or "" for i in group.get(key, []) if i.get("asset") == asset), "")


def _places(group: dict[str, Any]) -> tuple[tuple[float, float], ...]:
    return tuple((v["lat"], v["lon"]) for v in group.get("venues", []) if "lat" in v)


def _distance(here: tuple[tuple[float, float], ...], there: tuple[tuple[float, float], ...]) -> float | None:
    """Kilometres between the nearest venues of two groups, when both have coordinates."""
    if not here or not there:
        return None
    return min(_haversine(p, q) for p in here for q in there)


def _haversine(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


@dataclass
class Due:
    group: dict[str, Any]
    due: dt.date | None  # None: never checked


def review(index: Index, today: dt.date, within_days: int = 0) -> list[Due]:
    """Active and paused groups due for checking by `today` + `within_days`, oldest first."""
    months = index.directory.config.review_after_months
    limit = today + dt.timedelta(days=within_days)
    rows = index.conn.execute("SELECT rowid, last_checked FROM files WHERE status IN ('active', 'paused')").fetchall()
    due: dict[int, dt.date | None] = {}
    for rowid, last in rows:
        if last is None:
            due[rowid] = None
        else:
            when = add_months(dt.date.fromisoformat(last), months)
            if when <= limit:
                due[rowid] = when
    groups = _groups(index, set(due))
    found = [Due(groups[r], d) for r, d in due.items()]
    found.sort(key=lambda d: (d.due is not None, d.due or dt.date.min, d.group["name"].lower()))
    return found


def parse_within(text: str) -> int:
    """--due-within: 30d, 6w, 2m (months of 30 days) or a number of days."""
    text = text.strip().lower()
    units = {"d": 1, "w": 7, "m": 30}
    try:
        days = int(text[:-1]) * units[text[-1]] if text[-1:] in units else int(text)
        if days < 0:
            raise ValueError(text)
        return days
    except ValueError:
        raise AssetdirError(f"--due-within {text}: give days like 30d, weeks like 6w or months like 2m") from None


def stats(index: Index, today: dt.date) -> dict[str, Any]:
    """Counts by status, area, category section and freshness; each part adds up to its total."""
    vocab = index.directory.vocabulary
    areas = index.directory.areas or {}
    status_rows = index.conn.execute("SELECT status, last_checked FROM files").fetchall()
    by_status: dict[str, int] = {}
    for status, _ in status_rows:
        key = status or "with problems"
        by_status[key] = by_status.get(key, 0) + 1
    active = {r for (r,) in index.conn.execute("SELECT rowid FROM files WHERE status = 'active'")}
    by_area: dict[str, int] = {}
    for _rowid, area in _with_fact(index, "area"):
        label = areas.get(area, area)
        by_area[label] = by_area.get(label, 0) + 1
    ordered_areas = {areas[a]: by_area.pop(areas[a], 0) for a in areas}
    ordered_areas.update(sorted(by_area.items()))
    by_section = dict.fromkeys(vocab.sections, 0)
    seen: set[tuple[int, str]] = set()
    for rowid, section in _with_fact(index, "section"):
        label = next((s for s in vocab.sections if s.lower() == section), section)
        if (rowid, label) not in seen:
            seen.add((rowid, label))
            by_section[label] = by_section.get(label, 0) + 1
    freshness = {"within 3 months": 0, "within 6 months": 0, "within 12 months": 0, "older": 0, "never": 0}
    for status, last in status_rows:
        if status not in LISTED:
            continue
        if last is None:
            freshness["never"] += 1
            continue
        checked = dt.date.fromisoformat(last)
        for months, key in ((3, "within 3 months"), (6, "within 6 months"), (12, "within 12 months")):
            if add_months(checked, months) > today:
                freshness[key] += 1
                break
        else:
            freshness["older"] += 1
    return {
        "groups": len(status_rows),
        "by_status": by_status,
        "active": len(active),
        "by_area": ordered_areas,
        "by_section": by_section,
        "freshness": freshness,
        "note": "by_area and by_section count active groups (a group with categories in two sections counts in "
        "both); freshness counts active and paused groups",
    }


def partner_links(
    index: Index, include_closed: bool = False
) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """Listed groups (id -> name, area, status) and the partnerships between them, each once.
    Closed and do-not-list groups are left out, as from every export, unless asked for."""
    nodes: dict[str, dict[str, Any]] = {}
    links: set[tuple[str, str]] = set()
    statuses = tuple(STATUSES) if include_closed else LISTED
    for id_, name, status, area, partners in index.conn.execute(
        f"SELECT id, name, status, area, partners FROM files WHERE status IN ({','.join('?' * len(statuses))})",
        statuses,
    ):
        nodes[id_] = {"name": name, "status": status, "area": area}
        for other in (partners or "").split():
            links.add(tuple(sorted((id_, other))))  # type: ignore[arg-type]
    return nodes, sorted(link for link in links if link[0] in nodes and link[1] in nodes)


def named_by(index: Index, id_: str) -> list[str]:
    """Groups that name `id_` as a partner."""
    return sorted(
        other
        for other, partners in index.conn.execute("SELECT id, partners FROM files WHERE partners IS NOT NULL")
        if id_ in partners.split()
    )
