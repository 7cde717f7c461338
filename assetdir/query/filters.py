"""What a search or an export asks for (`Query`), and its filters: each an exact set of groups from
the index's facts, with the words that say what it asked ("in Eastgate", "meeting on Tuesday")."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assetdir.format.vocabulary import WEEKDAYS, did_you_mean, in_sentence
from assetdir.problems import AssetdirError
from assetdir.query.dates import parse_on, weekday_named
from assetdir.store.index import rows_for

if TYPE_CHECKING:
    from assetdir.store.index import Index


@dataclass
class Query:
    words: str = ""
    category: list[str] = field(default_factory=list)
    area: list[str] = field(default_factory=list)
    day: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    attending: list[str] = field(default_factory=list)
    accessible: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    free: bool = False
    max_cost: str | None = None
    on: str | None = None
    include_closed: bool = False


def with_fact(index: Index, kind: str, values: list[str]) -> set[int]:
    marks = ",".join("?" * len(values))
    return {
        r
        for (r,) in index.conn.execute(
            f"SELECT rowid FROM facts WHERE kind = ? AND value IN ({marks})", (kind, *values)
        )
    }


def filters(index: Index, query: Query, today: dt.date) -> list[tuple[str, set[int]]]:
    """(what it asked, the groups that pass) for each filter given, in a fixed order."""
    vocab = index.directory.vocabulary
    out: list[tuple[str, set[int]]] = []
    if query.category:
        out.append(_by_category(index, query.category))
    if query.area:
        out.append(_by_area(index, query.area))
    if query.day:
        days = [weekday_named(d) or _unknown(d, WEEKDAYS, "--day", "a day of the week") for d in query.day]
        out.append((f"meeting on {' or '.join(d.title() for d in days)}", with_fact(index, "day", days)))
    for name, kind, known, what in _one_fact_filters(vocab):
        values = getattr(query, name)
        if values:
            ids = [_known(v, known, f"--{name}", what) for v in values]
            out.append((_asked(name, ids, vocab), with_fact(index, kind, ids)))
    if query.accessible:
        features = [
            _known(f, vocab.accessibility, "--accessible", "an accessibility feature") for f in query.accessible
        ]
        named = " and ".join(vocab.label("accessibility", f) for f in features)  # "Changing Places" is a name
        out.append((f"with {named} at one venue", _at_one_venue(index, features)))
    if query.free:
        out.append(("free or by donation", with_fact(index, "cost", ["free", "donation"])))
    if query.max_cost is not None:
        out.append(_by_price(index, query.max_cost))
    if query.on:
        day = parse_on(query.on, today)
        out.append((f"meeting on {day:%A} {day.day} {day:%B %Y}", _meets_on(index, day)))
    return out


def _one_fact_filters(vocab: Any) -> list[tuple[str, str, Any, str]]:
    """The filters that are one fact each: option, fact kind, the ids it may name, and those in words."""
    return [
        ("audience", "audience", vocab.audience, "an audience"),
        ("access", "access", dict.fromkeys(["drop-in", "booking", "referral", "membership"]),
         "drop-in, booking, referral or membership"),
        ("attending", "attending", dict.fromkeys(["venue", "phone", "online", "home-visit"]),
         "venue, phone, online or home-visit"),
        ("offers", "offers", vocab.assets, "an asset"),
        ("needs", "needs", vocab.assets, "an asset"),
    ]  # fmt: skip


def _by_category(index: Index, asked: list[str]) -> tuple[str, set[int]]:
    """--category: a category id or label, or a whole section ("Wellbeing")."""
    vocab = index.directory.vocabulary
    ids, sections, named = [], [], []
    for value in asked:
        section = next((s for s in vocab.sections if s.lower() == value.strip().lower()), None)
        if section:
            sections.append(section.lower())
            named.append(section)
            continue
        what = "a category or a section (" + ", ".join(vocab.sections) + ")"
        ids.append(_known(value, vocab.categories, "--category", what))
        named.append(vocab.label("categories", ids[-1]))
    groups = with_fact(index, "category", ids) | with_fact(index, "section", sections)
    return f"in {' or '.join(named)}", groups


def _by_area(index: Index, asked: list[str]) -> tuple[str, set[int]]:
    """--area: an area id or its name (without assetdir.yaml, the areas the files name)."""
    areas = index.directory.areas or {
        v: v for (v,) in index.conn.execute("SELECT DISTINCT value FROM facts WHERE kind = 'area'")
    }
    by_label = {label.lower(): id_ for id_, label in areas.items()}
    ids = [by_label.get(a.strip().lower()) or _known(a, areas, "--area", "an area") for a in asked]
    return f"in {' or '.join(areas.get(i, i) for i in ids)}", with_fact(index, "area", ids)


def _by_price(index: Index, max_cost: str) -> tuple[str, set[int]]:
    """--max-cost: at most this many pounds; free and donation groups pass too."""
    from decimal import Decimal, InvalidOperation

    try:
        most = Decimal(max_cost.strip().lstrip("£"))
        if most < 0 or not most.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise AssetdirError(f"--max-cost {max_cost}: give an amount in pounds, like 5 or 3.50") from None
    sql = "SELECT rowid FROM facts WHERE kind = 'amount' AND value <= ?"
    cheap = {r for (r,) in index.conn.execute(sql, (f"{most:09.2f}",))}
    return f"costing £{most:.2f} or less", cheap | with_fact(index, "cost", ["free", "donation"])


_WAYS = {
    "drop-in": "open to drop in",
    "booking": "that take bookings",
    "referral": "by referral",
    "membership": "for members",
    "venue": "meeting in person",
    "phone": "by phone",
    "online": "online",
    "home-visit": "visiting at home",
}


def _asked(option: str, ids: list[str], vocab: Any) -> str:
    """A filter in words, after "no group" or "Only groups": "for carers", "offering minibus"."""
    if option in ("access", "attending"):
        return " or ".join(_WAYS[i] for i in ids)
    kind = "audience" if option == "audience" else "offers-needs"
    lead = {"audience": "for", "offers": "offering", "needs": "needing"}[option]
    return f"{lead} {' or '.join(in_sentence(vocab.label(kind, i)) for i in ids)}"


def _at_one_venue(index: Index, features: list[str]) -> set[int]:
    per_venue: dict[tuple[int, str], set[str]] = {}
    marks = ",".join("?" * len(features))
    sql = (
        "SELECT rowid, value FROM facts WHERE kind = 'accessible' AND substr(value, instr(value, ':') + 1) IN "
        f"({marks})"
    )
    for rowid, value in index.conn.execute(sql, features):
        venue, feature = value.split(":", 1)
        per_venue.setdefault((rowid, venue), set()).add(feature)
    return {rowid for (rowid, _), have in per_venue.items() if have >= set(features)}


def _meets_on(index: Index, day: dt.date) -> set[int]:
    """Groups with a session on `day`: not closed then, nor on a bank holiday they close for."""
    from assetdir.query.dates import meets_on

    weekday = WEEKDAYS[day.weekday()]
    nation = index.directory.config.nation
    rows = rows_for(index.conn, "SELECT rowid, data FROM files WHERE rowid IN ({})", with_fact(index, "day", [weekday]))
    found = set()
    for rowid, data in rows:
        group = json.loads(data)
        if any(meets_on(s, day, group, nation) for s in group.get("sessions", [])):
            found.add(rowid)
    return found


def _known(value: str, known: Any, option: str, what: str) -> str:
    id_ = value.strip().lower().replace(" ", "-")
    if id_ not in known:
        _unknown(value, known, option, what)
    return id_


def _unknown(value: str, known: Any, option: str, what: str) -> str:
    hint = did_you_mean(value.strip().lower(), known)
    if not hint and len(known) <= 12:
        hint = "; choose from " + ", ".join(known)
    raise AssetdirError(f"{option} {value}: not {what}{hint}")
