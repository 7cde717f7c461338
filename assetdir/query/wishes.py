"""Which groups fit a caller's wishes (a day, a time of day, an area, a price, access), from the
index's facts and sessions: 1 for a wish held, 0.5 for one nearly held (nearby), 0 otherwise."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdir.format.vocabulary import WEEKDAYS
from assetdir.query.dates import occurs_on
from assetdir.query.matching import DOES, bm25, quoted
from assetdir.query.reading import CHEAP, Wish
from assetdir.store.index import rows_for

if TYPE_CHECKING:
    from assetdir.store.index import Index

NEAR_KM = 2.0  # a venue this close to the middle of an area's venues is near it


@dataclass
class Held:
    """How well each group fits the wishes: in all (`total`), wish by wish, and when it starts on
    the day asked for (to list the day's groups in order)."""

    total: dict[int, float] = field(default_factory=dict)
    each: list[dict[int, float]] = field(default_factory=list)
    starts: dict[int, str] = field(default_factory=dict)

    def __getitem__(self, rowid: int) -> float:
        return self.total.get(rowid, 0.0)

    def said(self, i: int, rowid: int) -> str:
        value = self.each[i].get(rowid, 0.0)
        return "yes" if value >= 1 else "nearby" if value > 0 else "no"


def fits(index: Index, wishes: list[Wish], rows: set[int]) -> Held:
    held = Held()
    day = next((w for w in wishes if w.kind == "day"), None)
    part = next((w for w in wishes if w.kind == "part"), None)
    sessions = _sessions(index, _meeting(index, day, rows) if day else rows) if day or part else {}
    for wish in wishes:
        if wish.kind == "area":
            values = _area(index, wish, rows)
        elif wish.kind == "price":
            values = _price(index, wish, rows)
        elif wish.kind == "access":
            values = _access(index, wish, rows)
        elif wish.kind == "day":
            values = {r: 1.0 for r in rows if _when(sessions.get(r, []), day, None, held, r)}
        else:
            values = {r: 1.0 for r in rows if _when(sessions.get(r, []), day, part, held, r)}
        held.each.append(values)
    for values in held.each:
        for rowid, value in values.items():
            held.total[rowid] = held.total.get(rowid, 0.0) + value
    return held


def _meeting(index: Index, day: Wish, rows: set[int]) -> set[int]:
    """The groups with a session on one of the weekdays of the dates asked for (read before the dates)."""
    return _with(index, "day", sorted({WEEKDAYS[d.weekday()] for d in day.dates}), rows)


def _sessions(index: Index, rows: set[int]) -> dict[int, list[dict]]:
    found = rows_for(index.conn, "SELECT rowid, sessions FROM files WHERE rowid IN ({})", rows)
    return {rowid: json.loads(text or "[]") for rowid, text in found}


def _when(sessions: list[dict], day: Wish | None, part: Wish | None, held: Held, rowid: int) -> bool:
    """Whether a session meets on a day asked for and (when asked) starts in the part of the day."""
    fit = []
    for session in sessions:
        if session.get("by_arrangement"):
            continue
        if day is not None and not any(occurs_on(session, d) for d in day.dates):
            continue
        start = session.get("start") or ""
        if part is not None and not (start and part.start[0] <= start < part.start[1]):
            continue
        fit.append(start or "99:99")
    if fit and day is not None:
        held.starts[rowid] = min(fit)
    return bool(fit)


def _with(index: Index, kind: str, values: list[str], rows: set[int]) -> set[int]:
    marks = ",".join("?" * len(values))
    sql = f"SELECT rowid FROM facts WHERE kind = ? AND value IN ({marks})"
    return {r for (r,) in index.conn.execute(sql, (kind, *values)) if r in rows}


def _area(index: Index, wish: Wish, rows: set[int]) -> dict[int, float]:
    inside = _with(index, "area", wish.areas, rows)
    values = dict.fromkeys(inside, 1.0)
    if wish.near:
        middle = _middle(index, wish.areas)
        if middle is not None:
            for rowid, place in index.conn.execute("SELECT rowid, value FROM facts WHERE kind = 'place'"):
                if rowid in rows and rowid not in inside and _km(middle, place) <= NEAR_KM:
                    values[rowid] = 0.5
    return values


def _middle(index: Index, areas: list[str]) -> tuple[float, float] | None:
    """The middle of the venues of the groups in these areas."""
    marks = ",".join("?" * len(areas))
    sql = (
        "SELECT value FROM facts WHERE kind = 'place' AND rowid IN "
        f"(SELECT rowid FROM facts WHERE kind = 'area' AND value IN ({marks}))"
    )
    points = [tuple(map(float, v.split(","))) for (v,) in index.conn.execute(sql, areas)]
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _km(here: tuple[float, float], place: str) -> float:
    lat, lon = map(float, place.split(","))
    dy = (lat - here[0]) * 111.2
    dx = (lon - here[1]) * 111.2 * math.cos(math.radians(here[0]))
    return math.hypot(dx, dy)


def _price(index: Index, wish: Wish, rows: set[int]) -> dict[int, float]:
    values = dict.fromkeys(_with(index, "cost", ["free", "donation"], rows), 1.0)
    if wish.cheap:
        sql = "SELECT rowid, value FROM facts WHERE kind = 'amount' AND value <= ?"
        for rowid, amount in index.conn.execute(sql, (f"{2 * CHEAP:09.2f}",)):
            if rowid in rows:
                values.setdefault(rowid, 1.0 if float(amount) <= CHEAP else 0.5)
    return values


def _access(index: Index, wish: Wish, rows: set[int]) -> dict[int, float]:
    """A venue with one of the features; or the group's own words saying so ("wheelchair-accessible
    minibus", "suitable for wheelchair users"), for a group that has no venue with them."""
    marks = ",".join("?" * len(wish.features))
    feature = "substr(value, instr(value, ':') + 1)"  # the value is "venue:feature"
    sql = f"SELECT DISTINCT rowid FROM facts WHERE kind = 'accessible' AND {feature} IN ({marks})"
    fit = {r for (r,) in index.conn.execute(sql, wish.features)} & rows
    for words in wish.words:
        fit |= set(bm25(index, quoted(words), DOES, rows))
    return dict.fromkeys(fit, 1.0)
