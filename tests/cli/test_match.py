"""The network of groups: who can help whom (match), who is due a check (review,
checked), the counts (stats) and the partnerships (partners, show).

Every answer is checked on small directories built here, where the right answer
is known by construction, and the totals on the bundled sample directory too.
"Today" is fixed at 2026-11-27 so the review dates do not drift.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from conftest import SETTINGS, WIDE, run, write_group


def ok(root: Path, *args: str):
    result = run(*args, root=root, env=WIDE)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


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


def test_match_never_offers_a_group_to_itself_nor_paused_or_closed_groups(network):
    data = json.loads(ok(network, "match", "--limit", "0", "--format", "json").stdout)
    for need in data:
        offered = [o["id"] for o in need["offers"]]
        assert need["id"] not in offered
        assert not {"eastgate-hearing-loss-group", "eastgate-energy-advice"} & set(offered)
    # the paused group's need is left out altogether
    assert "northfield-carers-group" not in {n["id"] for n in data}
    assert "Northfield Carers Group" not in ok(network, "match", "--format", "text").stdout


def test_match_json_lists_open_needs_last_with_empty_offers(network):
    data = json.loads(ok(network, "match", "--limit", "0", "--format", "json").stdout)
    assert [(n["id"], n["asset"]) for n in data] == ALL_NEEDS
    assert [n["offers"] == [] for n in data] == [False, False, True, True]
    minibus = data[1]
    assert [o["id"] for o in minibus["offers"]] == MINIBUS_OFFERS
    assert minibus["name"] == "Northfield Lunch Club" and minibus["area"] == "northfield"
    assert minibus["note"] == "A second one on Tuesdays"
    first = minibus["offers"][0]
    assert first["name"] == "Northfield Memory Cafe" and first["note"] == "Thursdays only"
    assert first["contact"] == {"phone": "01632 960111"}
    assert 7 < first["distance_km"] < 9
    assert minibus["offers"][1]["distance_km"] is None


def test_match_csv_header_rows_and_open_needs(network):
    text = ok(network, "match", "--limit", "0", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert text.splitlines()[0] == (
        "need_id,need_name,need_area,asset,need_note,offer_id,offer_name,offer_area,distance_km,offer_note,offer_contact"
    )
    body = rows[1:]
    assert [r[0] for r in body] == ["eastgate-luncheon-club"] * 2 + ["northfield-lunch-club"] * 7 + [
        "eastgate-luncheon-club",
        "northfield-lunch-club",
    ]
    assert [r[5] for r in body[2:9]] == MINIBUS_OFFERS
    assert body[2] == [
        "northfield-lunch-club",
        "Northfield Lunch Club",
        "northfield",
        "minibus",
        "A second one on Tuesdays",
        "northfield-memory-cafe",
        "Northfield Memory Cafe",
        "northfield",
        body[2][8],
        "Thursdays only",
        "01632 960111",
    ]
    assert 7 < float(body[2][8]) < 9 and body[3][8] == ""
    assert body[0][10] == "01632 960124, welcome@example.org"
    # open needs: one row each, the offer columns empty
    assert body[-2:] == [
        ["eastgate-luncheon-club", "Eastgate Luncheon Club", "eastgate", "funding", "", "", "", "", "", "", ""],
        ["northfield-lunch-club", "Northfield Lunch Club", "northfield", "hall", "", "", "", "", "", "", ""],
    ]


def test_match_text_sheet_has_contacts_and_open_needs_at_the_end(network):
    lines = ok(network, "match", "--limit", "0", "--format", "text").stdout.splitlines()
    assert lines[0] == "Who can help whom"
    start = lines.index("Northfield Lunch Club (Northfield) needs minibus: A second one on Tuesdays")
    assert lines[start + 1] == "  Contact: Jean, 01632 960110, lunch@example.org"
    offers = [line for line in lines[start + 2 : start + 16] if not line.strip().startswith("Contact:")]
    assert [line.split(" (")[0] for line in offers] == [
        "  1. Northfield Memory Cafe",
        "  2. Northfield Walking Group",
        "  3. Eastgate Luncheon Club",
        "  4. Eastgate Tai Chi",
        "  5. Eastgate Tea Dance",
        "  6. A Warm Welcome Eastgate",
        "  7. Eastgate Polish Seniors Club",
    ]
    assert offers[0].startswith("  1. Northfield Memory Cafe (Northfield, ") and offers[0].endswith(
        " km): Thursdays only"
    )
    assert offers[1] == "  2. Northfield Walking Group (Northfield)"
    assert lines[start + 3] == "     Contact: 01632 960111"
    assert lines.index("Eastgate Luncheon Club (Eastgate) needs kitchen") < start
    heading = lines.index("Needs nobody offers yet")
    assert lines[heading + 1 :] == [
        "  Eastgate Luncheon Club (Eastgate): funding",
        "  Northfield Lunch Club (Northfield): hall",
    ]
    assert all(" needs " not in line for line in lines[heading:])


def test_match_limit_shows_the_best_and_counts_the_rest(network):
    data = json.loads(ok(network, "match", "--asset", "minibus", "--format", "json").stdout)
    assert [o["id"] for o in data[0]["offers"]] == MINIBUS_OFFERS[:5]  # at most 5 by default
    assert data[0]["more"] == 2  # its own minibus is not counted
    data = json.loads(ok(network, "match", "--asset", "minibus", "--limit", "2", "--format", "json").stdout)
    assert [o["id"] for o in data[0]["offers"]] == MINIBUS_OFFERS[:2] and data[0]["more"] == 5
    data = json.loads(ok(network, "match", "--asset", "minibus", "--limit", "0", "--format", "json").stdout)
    assert data[0]["more"] == 0 and len(data[0]["offers"]) == 7
    lines = ok(network, "match", "--asset", "minibus", "--limit", "2", "--format", "text").stdout.splitlines()
    numbered = [line for line in lines if line[:3] == "  " + line[2:3] and line[2:3].isdigit()]
    assert [line.split(" (")[0] for line in numbered] == [
        "  1. Northfield Memory Cafe",
        "  2. Northfield Walking Group",
    ]
    assert any(line.startswith("  ... and 5 more") for line in lines)
    assert len(ok(network, "match", "--asset", "minibus", "--limit", "2", "--format", "csv").stdout.splitlines()) == 3


def test_match_table_format_runs(network):
    result = ok(network, "match", "--format", "table")
    assert "nobody yet" in result.stdout
    assert "Northfield Memory Cafe" in result.stdout


def test_match_asset_option(network):
    data = json.loads(ok(network, "match", "--asset", "kitchen", "--format", "json").stdout)
    assert [(n["id"], n["asset"]) for n in data] == [("eastgate-luncheon-club", "kitchen")]
    assert [o["id"] for o in data[0]["offers"]] == ["eastgate-warm-welcome", "northfield-lunch-club"]
    result = run("match", "--asset", "garden", "--format", "json", root=network, env=WIDE)
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "No needs match." in result.stderr


def test_match_area_option_filters_the_needing_groups(network):
    data = json.loads(ok(network, "match", "--area", "eastgate", "--format", "json").stdout)
    assert [(n["id"], n["asset"]) for n in data] == [
        ("eastgate-luncheon-club", "kitchen"),
        ("eastgate-luncheon-club", "funding"),
    ]
    # offers still come from any area
    assert "northfield-lunch-club" in [o["id"] for o in data[0]["offers"]]
    data = json.loads(ok(network, "match", "--area", "northfield", "--format", "json").stdout)
    assert [(n["id"], n["asset"]) for n in data] == [
        ("northfield-lunch-club", "minibus"),
        ("northfield-lunch-club", "hall"),
    ]


def test_match_group_option_shows_what_it_could_get_and_give(network):
    data = json.loads(
        ok(network, "match", "--group", "northfield-lunch-club", "--limit", "0", "--format", "json").stdout
    )
    assert [(n["id"], n["asset"]) for n in data] == [
        ("eastgate-luncheon-club", "kitchen"),  # what it could give: only itself as the offer
        ("northfield-lunch-club", "minibus"),  # what it could get: every offer
        ("northfield-lunch-club", "hall"),  # its open need
    ]
    assert [o["id"] for o in data[0]["offers"]] == ["northfield-lunch-club"]
    assert [o["id"] for o in data[1]["offers"]] == MINIBUS_OFFERS
    assert data[2]["offers"] == []
    # a group that only gives
    data = json.loads(ok(network, "match", "--group", "eastgate-chi", "--format", "json").stdout)
    assert [(n["id"], n["asset"], [o["id"] for o in n["offers"]]) for n in data] == [
        ("northfield-lunch-club", "minibus", ["eastgate-chi"]),
    ]


def test_match_unknown_values_exit_1_with_did_you_mean(network):
    result = run("match", "--asset", "minibuss", root=network, env=WIDE)
    assert result.exit_code == 1
    assert result.stderr == 'Error: --asset minibuss: not an asset; did you mean "minibus"?\n'
    result = run("match", "--group", "northfield-lunch-clb", root=network, env=WIDE)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --group northfield-lunch-clb: ")
    assert 'did you mean "northfield-lunch-club"' in result.stderr
    result = run("match", "--area", "eastgat", root=network, env=WIDE)
    assert result.exit_code == 1
    assert 'did you mean "eastgate"?' in result.stderr
    assert result.stdout == ""


def test_match_on_sample_directory_keeps_its_promises(sample):
    data = json.loads(ok(sample, "match", "--limit", "0", "--format", "json").stdout)
    assert data, "the sample directory has needs"
    with _Opened(sample) as index:
        status = dict(index.conn.execute("SELECT id, status FROM files"))
    seen_open = False
    for need in data:
        assert status[need["id"]] == "active"
        offers = need["offers"]
        if not offers:
            seen_open = True
            continue
        assert not seen_open, "needs with offers come before the open needs"
        assert need["id"] not in [o["id"] for o in offers]
        assert all(status[o["id"]] == "active" for o in offers)
        keys = [
            (o["area"] != need["area"], o["distance_km"] is None, o["distance_km"] or 0, o["name"].lower())
            for o in offers
        ]
        assert keys == sorted(keys), need
