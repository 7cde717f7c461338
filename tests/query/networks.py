"""Directories for the coordinators' questions, built so that the right answer is known: who offers and
needs what, at known distances (network); who is due a check around the review boundary (due); the
counts (counted); the partnerships (linked). Shared by the library's tests and the commands'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from conftest import SETTINGS, write_group


def new_directory(tmp_path: Path, settings: str = SETTINGS) -> Path:
    root = tmp_path / "dir"
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(settings, encoding="utf-8")
    return root


def group_yaml(
    name: str,
    area: str,
    *,
    summary: str = "Friendly weekly get-together with tea and a chat.",
    categories: str = "[social-group]",
    status: str = "active",
    venues: list[tuple[str, float | None, float | None]] | None = None,
    phone: str = "01632 960100",
    contact_name: str | None = None,
    email: str | None = None,
    offers: list[str | tuple[str, str]] = (),
    needs: list[str | tuple[str, str]] = (),
    partners: list[str] = (),
    last_checked: str | None = "2026-10-01",
    checked_by: str | None = None,
    private: str | None = None,
) -> str:
    """A realistic group file (venues as (name, lat, lon); lat None for no coordinates)."""
    lines = [
        f"name: {json.dumps(name)}",
        f"summary: {summary}",
        f"categories: {categories}",
        f"area: {area}",
        f"status: {status}",
        "venues:",
    ]
    for venue, lat, lon in venues or [(f"{name} Hall", None, None)]:
        lines.append(f"  - name: {json.dumps(venue)}")
        if lat is not None:
            lines += [f"    lat: {lat}", f"    lon: {lon}"]
    lines += ["sessions:", "  - days: [wednesday]", '    start: "10:00"', '    end: "12:00"', "contact:"]
    if contact_name:
        lines.append(f"  name: {contact_name}")
    lines.append(f'  phone: "{phone}"')
    if email:
        lines.append(f"  email: {email}")
    for key, items in (("offers", offers), ("needs", needs)):
        if items:
            lines.append(f"{key}:")
            for item in items:
                if isinstance(item, tuple):
                    lines += [f"  - asset: {item[0]}", f"    note: {item[1]}"]
                else:
                    lines.append(f"  - {item}")
    if partners:
        lines.append(f"partners: [{', '.join(partners)}]")
    if last_checked:
        lines.append(f"last_checked: {last_checked}")
    if checked_by:
        lines.append(f"checked_by: {checked_by}")
    if private:
        lines.append(private)
    return "\n".join(lines) + "\n"


def open_index(root: Path) -> Index:
    return Index.open(find_directory(root))


class _Opened:
    """An index opened on a directory, closed afterwards."""

    def __init__(self, root: Path) -> None:
        self.index = open_index(root)

    def __enter__(self) -> Index:
        return self.index

    def __exit__(self, *exc: object) -> None:
        self.index.close()


# Northfield Lunch Club's venue; the others are placed around it.
HOME = (52.4418, -1.9786)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """Who offers and needs what, with known distances:

    Northfield Lunch Club (northfield, at HOME) needs a minibus and a hall; it offers a
    minibus of its own (never offered to itself) and a kitchen.
    Offering a minibus: Northfield Memory Cafe (same area, ~8 km), Northfield Walking Group
    (same area, no coordinates), Eastgate Luncheon Club (two venues, the nearer ~0.4 km),
    Eastgate Tai Chi and Eastgate Tea Dance (the same venue, ~2.9 km), A Warm Welcome
    Eastgate and Eastgate Polish Seniors Club (no coordinates); paused Eastgate Hearing
    Loss Group and closed Eastgate Energy Advice offer one too, and are left out.
    Eastgate Luncheon Club needs a kitchen (offered by A Warm Welcome Eastgate and
    Northfield Lunch Club) and funding (nobody offers it).
    Northfield Carers Group is paused and needs a minibus: left out.
    """
    root = new_directory(tmp_path)
    far_venue = ("Eastgate Community Centre", 52.6000, -1.7000)
    shared = ("St Luke's Church Hall", 52.4600, -1.9500)
    groups = {
        "northfield-lunch-club": group_yaml(
            "Northfield Lunch Club",
            "northfield",
            categories="[lunch-club]",
            venues=[("Northfield Methodist Church Hall", *HOME)],
            contact_name="Jean",
            email="lunch@example.org",
            phone="01632 960110",
            offers=["minibus", ("kitchen", "Free on Mondays and Fridays")],
            needs=[("minibus", "A second one on Tuesdays"), "hall"],
        ),
        "northfield-memory-cafe": group_yaml(
            "Northfield Memory Cafe",
            "northfield",
            categories="[memory-cafe]",
            venues=[("Ridgeway Community Centre", 52.5000, -1.9000)],
            phone="01632 960111",
            offers=[("minibus", "Thursdays only")],
        ),
        "northfield-walking-group": group_yaml(
            "Northfield Walking Group",
            "northfield",
            categories="[walking]",
            phone="01632 960112",
            offers=["minibus"],
        ),
        "northfield-carers-group": group_yaml(
            "Northfield Carers Group",
            "northfield",
            categories="[carers-support]",
            status="paused",
            venues=[("Northfield Library", 52.4420, -1.9790)],
            phone="01632 960113",
            needs=["minibus"],
        ),
        "eastgate-luncheon-club": group_yaml(
            "Eastgate Luncheon Club",
            "eastgate",
            categories="[lunch-club]",
            venues=[far_venue, ("Eastgate Methodist Hall", 52.4450, -1.9750)],
            phone="01632 960120",
            offers=["minibus"],
            needs=["kitchen", "funding"],
        ),
        "eastgate-chi": group_yaml(
            "Eastgate Tai Chi",
            "eastgate",
            categories="[tai-chi]",
            venues=[shared],
            phone="01632 960121",
            offers=["minibus"],
        ),
        "eastgate-afternoon-dance": group_yaml(
            "Eastgate Tea Dance",
            "eastgate",
            categories="[dance]",
            venues=[shared],
            phone="01632 960122",
            offers=["minibus"],
        ),
        "eastgate-polish-seniors": group_yaml(
            "Eastgate Polish Seniors Club",
            "eastgate",
            phone="01632 960123",
            offers=["minibus"],
        ),
        "eastgate-warm-welcome": group_yaml(
            "A Warm Welcome Eastgate",
            "eastgate",
            phone="01632 960124",
            email="welcome@example.org",
            offers=["minibus", "kitchen"],
        ),
        "eastgate-hearing-loss-group": group_yaml(
            "Eastgate Hearing Loss Group",
            "eastgate",
            categories="[sensory-loss]",
            status="paused",
            venues=[("Eastgate Library", 52.4419, -1.9787)],
            phone="01632 960125",
            offers=["minibus"],
        ),
        "eastgate-energy-advice": group_yaml(
            "Eastgate Energy Advice",
            "eastgate",
            categories="[energy-heating]",
            status="closed",
            venues=[("Eastgate Library", 52.4419, -1.9787)],
            phone="01632 960126",
            offers=["minibus", "kitchen"],
        ),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


MINIBUS_OFFERS = [
    "northfield-memory-cafe",  # same area, with coordinates
    "northfield-walking-group",  # same area, none
    "eastgate-luncheon-club",  # other area, nearest venue ~0.4 km
    "eastgate-chi",  # ~2.9 km, "Eastgate Tai Chi"...
    "eastgate-afternoon-dance",  # ...before "Eastgate Tea Dance" at the same place
    "eastgate-warm-welcome",  # no coordinates: "A Warm Welcome Eastgate"...
    "eastgate-polish-seniors",  # ...before "Eastgate Polish Seniors Club"
]


# (needing group, asset): needs with offers by asset label, then the open needs
ALL_NEEDS = [
    ("eastgate-luncheon-club", "kitchen"),
    ("northfield-lunch-club", "minibus"),
    ("eastgate-luncheon-club", "funding"),
    ("northfield-lunch-club", "hall"),
]


PRIVATE = """\
private:
  contact: {name: Jean Hartigan, phone: 07700 900203, email: jean.hartigan@example.org}
  notes: Prefers calls after 10am."""


@pytest.fixture
def due(tmp_path: Path) -> Path:
    """Groups around the review boundary, with today 2026-11-27 and review_after_months 12."""
    root = new_directory(tmp_path)
    groups = {
        # never checked: first, by name
        "northfield-knit-and-natter": group_yaml(
            "Northfield Knit and Natter", "northfield", last_checked=None, phone="01632 960131"
        ),
        "eastgate-hearing-loss-group": group_yaml(
            "Eastgate Hearing Loss Group",
            "eastgate",
            last_checked=None,
            phone="01632 960132",
            private=PRIVATE,
        ),
        # due 2026-03-10
        "eastgate-energy-advice": group_yaml(
            "Eastgate Energy Advice",
            "eastgate",
            last_checked="2025-03-10",
            checked_by="Email from Sam",
            phone="01632 960133",
        ),
        # exactly 12 months ago: due today
        "northfield-chair-exercise": group_yaml(
            "Northfield Chair Exercise",
            "northfield",
            last_checked="2025-11-27",
            phone="01632 960134",
            contact_name="Pat",
            email="chairs@example.org",
        ),
        # 12 months less a day: due tomorrow
        "northfield-walking-group": group_yaml(
            "Northfield Walking Group", "northfield", last_checked="2025-11-28", phone="01632 960135"
        ),
        # paused, due in 20 days
        "eastgate-tai-chi": group_yaml(
            "Eastgate Tai Chi", "eastgate", status="paused", last_checked="2025-12-17", phone="01632 960136"
        ),
        # due in exactly 30 days
        "eastgate-book-club": group_yaml(
            "Eastgate Book Club", "eastgate", last_checked="2025-12-27", phone="01632 960137"
        ),
        # due in 40 days
        "northfield-memory-cafe": group_yaml(
            "Northfield Memory Cafe", "northfield", last_checked="2026-01-06", phone="01632 960138"
        ),
        # checked lately
        "northfield-lunch-club": group_yaml(
            "Northfield Lunch Club", "northfield", last_checked="2026-10-01", phone="01632 960139"
        ),
        # not listed: never reviewed
        "eastgate-polish-seniors": group_yaml(
            "Eastgate Polish Seniors Club", "eastgate", status="closed", last_checked=None
        ),
        "eastgate-private-circle": group_yaml(
            "Eastgate Private Circle", "eastgate", status="do-not-list", last_checked="2024-01-05"
        ),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


DUE_NOW = [
    "eastgate-hearing-loss-group",
    "northfield-knit-and-natter",
    "eastgate-energy-advice",
    "northfield-chair-exercise",
]


DUE_SOON = ["northfield-walking-group", "eastgate-tai-chi", "eastgate-book-club"]


@pytest.fixture
def counted(tmp_path: Path) -> Path:
    root = new_directory(tmp_path)
    groups = {
        # freshness boundaries with today 2026-11-27: a check made n months ago is no longer "within n months"
        "northfield-lunch-club": group_yaml(
            "Northfield Lunch Club", "northfield", categories="[lunch-club, meals-food]", last_checked="2026-08-28"
        ),
        "northfield-chair-exercise": group_yaml(
            "Northfield Chair Exercise",
            "northfield",
            categories="[gentle-exercise, tai-chi]",
            last_checked="2026-08-27",
        ),
        "northfield-memory-cafe": group_yaml(
            "Northfield Memory Cafe", "northfield", categories="[memory-cafe]", last_checked="2026-05-28"
        ),
        "eastgate-luncheon-club": group_yaml(
            "Eastgate Luncheon Club", "eastgate", categories="[lunch-club]", last_checked="2026-05-27"
        ),
        "eastgate-tai-chi": group_yaml(
            "Eastgate Tai Chi", "eastgate", categories="[tai-chi]", status="paused", last_checked="2025-11-28"
        ),
        "eastgate-book-club": group_yaml(
            "Eastgate Book Club", "eastgate", categories="[book-club]", last_checked="2025-11-27"
        ),
        "eastgate-knit-and-natter": group_yaml(
            "Eastgate Knit and Natter", "eastgate", categories="[arts-crafts]", status="paused", last_checked=None
        ),
        "eastgate-energy-advice": group_yaml(
            "Eastgate Energy Advice",
            "eastgate",
            categories="[energy-heating]",
            status="closed",
            last_checked="2020-01-01",
        ),
        "eastgate-private-circle": group_yaml(
            "Eastgate Private Circle", "eastgate", status="do-not-list", last_checked=None
        ),
        "eastgate-broken": group_yaml("Eastgate Broken", "eastgate", categories="[lunch-clubb]"),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """Northfield Lunch Club and "The "Tuesday" Tea Dance" name each other; the tea dance also
    names Eastgate Book Club. Northfield Walking Group has no partners and nobody names it."""
    root = new_directory(tmp_path)
    groups = {
        "northfield-lunch-club": group_yaml("Northfield Lunch Club", "northfield", partners=["eastgate-tea-dance"]),
        "northfield-walking-group": group_yaml("Northfield Walking Group", "northfield"),
        "eastgate-tea-dance": group_yaml(
            'The "Tuesday" Tea Dance',
            "eastgate",
            categories="[dance]",
            partners=["northfield-lunch-club", "eastgate-book-club"],
        ),
        "eastgate-book-club": group_yaml("Eastgate Book Club", "eastgate", categories="[book-club]"),
    }
    for id_, text in groups.items():
        write_group(root, id_, text)
    return root
