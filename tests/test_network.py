"""The network of groups: who can help whom (match), who is due a check (review,
checked), the counts (stats) and the partnerships (partners, show).

Every answer is checked on small directories built here, where the right answer
is known by construction, and the totals on the bundled sample directory too.
"Today" is fixed at 2026-11-27 so the review dates do not drift.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from assetdir.yamltext import parse
from conftest import SETTINGS, VALID, WIDE, run, write_group

NOTICE = "FOR COORDINATORS: CONTAINS PRIVATE DETAILS - not for publication"


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


PRIVATE = """\
private:
  contact: {name: Jean Hartigan, phone: 07700 900203, email: jean.hartigan@example.org}
  notes: Prefers calls after 10am."""

PRIVATE_VALUES = ["Jean Hartigan", "07700 900203", "jean.hartigan@example.org", "Prefers calls after 10am."]


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


def test_review_boundary_follows_the_day(due, clock):
    clock.set(dt.date(2026, 11, 28))
    ids = [r[1] for r in csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private").stdout))][1:]
    assert ids == DUE_NOW + ["northfield-walking-group"]


def test_review_due_within(due):
    def ids(*args: str) -> list[str]:
        rows = list(csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private", *args).stdout)))
        return [r[1] for r in rows[1:]]

    assert ids() == DUE_NOW
    assert ids("--due-within", "30d") == DUE_NOW + DUE_SOON  # 20 and 30 days, not 40
    assert ids("--due-within", "20d") == DUE_NOW + DUE_SOON[:2]
    assert ids("--due-within", "6w") == DUE_NOW + DUE_SOON + ["northfield-memory-cafe"]
    result = run("review", "--due-within", "soon", root=due, env=WIDE)
    assert result.exit_code == 1 and "30d" in result.stderr


def test_review_text_has_notice_at_top_and_private_details(due):
    result = ok(due, "review", "--format", "text")
    lines = result.stdout.splitlines()
    assert lines[0] == NOTICE
    assert lines[1] == ""
    assert lines[2] == "Eastgate Hearing Loss Group (eastgate-hearing-loss-group), Eastgate: never checked"
    assert "  private: Jean Hartigan, 07700 900203, jean.hartigan@example.org, Prefers calls after 10am." in lines
    assert "Eastgate Energy Advice (eastgate-energy-advice), Eastgate: due 2026-03-10" in lines
    assert "  last checked: 2025-03-10 (Email from Sam)" in lines
    assert "Northfield Chair Exercise (northfield-chair-exercise), Northfield: due 2026-11-27" in lines
    assert "  contact: Pat, 01632 960134, chairs@example.org" in lines
    assert "Northfield Walking Group" not in result.stdout
    assert "Polish" not in result.stdout and "Private Circle" not in result.stdout
    assert result.stderr == "4 groups due for checking\n"


def test_review_csv_call_list(due):
    result = ok(due, "review", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    # the first line is the header spreadsheets expect, and the header itself says what is private
    assert rows[0] == [
        "due",
        "id",
        "name",
        "area",
        "last_checked",
        "checked_by",
        "contact",
        "private_contact (NOT FOR PUBLICATION)",
        "private_notes (NOT FOR PUBLICATION)",
    ]
    assert NOTICE in result.stderr
    assert [r[1] for r in rows[1:]] == DUE_NOW
    assert rows[1] == [
        "never checked",
        "eastgate-hearing-loss-group",
        "Eastgate Hearing Loss Group",
        "Eastgate",
        "",
        "",
        "01632 960132",
        "Jean Hartigan, 07700 900203, jean.hartigan@example.org",
        "Prefers calls after 10am.",
    ]
    assert rows[3][:7] == [
        "2026-03-10",
        "eastgate-energy-advice",
        "Eastgate Energy Advice",
        "Eastgate",
        "2025-03-10",
        "Email from Sam",
        "01632 960133",
    ]


def test_review_json(due):
    text = ok(due, "review", "--format", "json").stdout
    data = json.loads(text)
    assert list(data)[:2] == ["private", "notice"]
    assert data["private"] is True and data["notice"] == NOTICE
    assert [d["id"] for d in data["due"]] == DUE_NOW
    assert data["due"][0]["private_contact"] == "Jean Hartigan, 07700 900203, jean.hartigan@example.org"
    assert data["due"][0]["private_notes"] == "Prefers calls after 10am."
    assert data["due"][3]["due"] == "2026-11-27"


@pytest.mark.parametrize("format", ["text", "csv", "json", "table"])
def test_review_no_private_leaves_every_private_value_out(due, format):
    result = ok(due, "review", "--no-private", "--format", format)
    assert "PRIVATE DETAILS" not in result.stdout
    assert "Eastgate Hearing Loss Group" in result.stdout
    for value in PRIVATE_VALUES:
        assert value not in result.stdout
    with_private = ok(due, "review", "--format", format).stdout
    assert ("NOT FOR PUBLICATION" if format == "csv" else "PRIVATE DETAILS") in with_private
    assert "07700 900203" in with_private
    assert "NOT FOR PUBLICATION" not in result.stdout


def test_review_csv_columns_without_private(due):
    rows = list(csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private").stdout)))
    assert rows[0] == ["due", "id", "name", "area", "last_checked", "checked_by", "contact"]
    assert all(len(r) == 7 for r in rows)
    data = json.loads(ok(due, "review", "--format", "json", "--no-private").stdout)
    assert data["private"] is False and data["notice"] == ""
    assert set(data["due"][0]) == {"due", "id", "name", "area", "last_checked", "checked_by", "contact"}


COMMENTED = """\
# Northfield Lunch Club - checked by phone, Jean still running it
name: Northfield Lunch Club
summary: Hot two-course lunch and a chat.   # keep it short

categories: [lunch-club, social-group]
area: northfield
venues:
  - name: Northfield Methodist Church Hall
    postcode: AS2 4DL    # use the side door
    lat: 52.4418
    lon: -1.9786

sessions:
  - days: [tuesday, thursday]
    start: "12:00"
    end: "14:00"
contact:
  name: Jean
  phone: "01632 960110"
  email: lunch@example.org
needs: [volunteer-drivers]

# when someone last rang them
last_checked: 2025-09-14   # phoned
checked_by: Phone call with Jean
private:
  contact: {name: Jean Hartigan, phone: 07700 900203}
  notes: Prefers calls after 10am.
"""


def lines_apart(before: list[str], after: list[str]) -> list[int]:
    assert len(before) == len(after), (before, after)
    return [i for i, (a, b) in enumerate(zip(before, after)) if a != b]


def test_checked_changes_only_the_two_lines(tiny):
    path = write_group(tiny, "northfield-lunch-club", COMMENTED)
    result = ok(tiny, "checked", "northfield-lunch-club", "--by", "Visit to the hall", "--date", "2026-11-20")
    assert "last_checked 2026-11-20" in result.stderr
    before, after = COMMENTED.splitlines(), path.read_text(encoding="utf-8").splitlines()
    at = before.index("last_checked: 2025-09-14   # phoned")
    assert lines_apart(before, after) == [at, at + 1]
    assert after[at].startswith("last_checked: 2026-11-20 ") and after[at].endswith("# phoned")
    assert after[at + 1] == "checked_by: Visit to the hall"
    assert path.read_text(encoding="utf-8").endswith("notes: Prefers calls after 10am.\n")


def test_checked_default_date_is_today_and_by_is_optional(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    ok(tiny, "checked", "northfield-lunch-club")
    before, after = VALID.splitlines(), path.read_text(encoding="utf-8").splitlines()
    assert lines_apart(before, after) == [len(before) - 1]
    assert after[-1] == "last_checked: 2026-11-27"


def test_checked_keeps_crlf_line_endings(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    original = COMMENTED.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    ok(tiny, "checked", "northfield-lunch-club", "--by", "Visit to the hall", "--date", "2026-11-20")
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") == original.count(b"\r\n")
    before, after = original.split(b"\r\n"), data.split(b"\r\n")
    at = before.index(b"last_checked: 2025-09-14   # phoned")
    assert lines_apart(before, after) == [at, at + 1]
    assert after[at + 1] == b"checked_by: Visit to the hall"


def test_checked_inserts_missing_keys_before_private(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    text = COMMENTED.replace("last_checked: 2025-09-14   # phoned\nchecked_by: Phone call with Jean\n", "")
    path.write_text(text, encoding="utf-8")
    ok(tiny, "checked", "northfield-lunch-club", "--by", "Phone call: Jean")
    before, after = text.splitlines(), path.read_text(encoding="utf-8").splitlines()
    at = before.index("private:")
    assert after == before[:at] + ["last_checked: 2026-11-27", 'checked_by: "Phone call: Jean"'] + before[at:]
    data = parse(path.read_text(encoding="utf-8"))
    assert data["checked_by"] == "Phone call: Jean" and data["last_checked"] == "2026-11-27"
    assert "Last checked: 2026-11-27 (Phone call: Jean)" in ok(tiny, "show", "northfield-lunch-club").stdout


def test_checked_quotes_a_by_that_would_not_read_back(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    for by in ("Phone call: Jean", "Email # to Jean", "- left a message", "Jean's 'yes'"):
        ok(tiny, "checked", "northfield-lunch-club", "--by", by)
        assert parse(path.read_text(encoding="utf-8"))["checked_by"] == by
    assert path.read_text(encoding="utf-8").splitlines()[:-2] == VALID.splitlines()[:-1]


def test_checked_refuses_a_future_or_bad_date(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    original = path.read_bytes()
    result = run("checked", "northfield-lunch-club", "--date", "2026-11-28", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert "future" in result.stderr
    for bad in ("2026-02-30", "27/11/2026", "yesterday", "2026-13-01"):
        result = run("checked", "northfield-lunch-club", "--date", bad, root=tiny, env=WIDE)
        assert result.exit_code == 1, bad
        assert "YYYY-MM-DD" in result.stderr
    assert path.read_bytes() == original
    ok(tiny, "checked", "northfield-lunch-club", "--date", "2026-11-27")  # today is fine
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "last_checked: 2026-11-27"


def test_checked_refuses_a_bad_by(tiny):
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    original = path.read_bytes()
    for by in ("", "   ", "line one\nline two"):
        result = run("checked", "northfield-lunch-club", "--by", by, root=tiny, env=WIDE)
        assert result.exit_code == 1, by
    assert path.read_bytes() == original


def test_checked_unknown_id(tiny):
    result = run("checked", "northfield-lunch-clb", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert 'no group "northfield-lunch-clb"' in result.stderr
    assert 'did you mean "northfield-lunch-club"?' in result.stderr


def test_checked_refuses_a_file_with_an_error_and_leaves_it(tiny):
    broken = write_group(tiny, "eastgate-tai-chi", group_yaml("Eastgate Tai Chi", "eastgate", categories="[tai-chii]"))
    original = broken.read_bytes()
    result = run("checked", "eastgate-tai-chi", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert "unknown-category" in result.stderr and "not changed" in result.stderr
    assert broken.read_bytes() == original
    # not YAML at all
    broken.write_text(VALID.replace("area: northfield", "area: [northfield"), encoding="utf-8")
    original = broken.read_bytes()
    result = run("checked", "eastgate-tai-chi", root=tiny, env=WIDE)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert broken.read_bytes() == original


def test_checked_group_leaves_review(due):
    def listed() -> list[str]:
        return [r[1] for r in csv.reader(io.StringIO(ok(due, "review", "--format", "csv", "--no-private").stdout))][1:]

    assert "northfield-chair-exercise" in listed()
    ok(due, "checked", "northfield-chair-exercise")  # same length of file: only the date changes
    assert listed() == [i for i in DUE_NOW if i != "northfield-chair-exercise"]
    ok(due, "checked", "northfield-knit-and-natter", "--by", "Phone call with Maureen")
    assert listed() == ["eastgate-hearing-loss-group", "eastgate-energy-advice"]


def test_checked_on_a_sample_file(sample):
    path = sample / "groups" / "northfield" / "northfield-lunch-club.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    ok(sample, "checked", "northfield-lunch-club", "--by", "Phone call with Jean", "--date", "2026-11-03")
    after = path.read_text(encoding="utf-8").splitlines()
    at = before.index("last_checked: 2026-09-14")
    assert lines_apart(before, after) == [at]
    assert after[at] == "last_checked: 2026-11-03"
    assert after[0].startswith("# Northfield Lunch Club")


def test_checked_keeps_indented_comment_lines_after_last_checked(tiny):
    """A comment line under last_checked (indented, or after a blank line) is not part
    of its value: it stays, as does the blank line."""
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    text = (
        VALID
        + "  # ask for Jean, not the church office\n\n  # private details below\nprivate:\n  notes: Prefers calls after 10am.\n"
    )
    path.write_text(text, encoding="utf-8")
    ok(tiny, "checked", "northfield-lunch-club")
    before, after = text.splitlines(), path.read_text(encoding="utf-8").splitlines()
    at = before.index("last_checked: 2026-10-01")
    assert after[at] == "last_checked: 2026-11-27"
    assert after == before[:at] + ["last_checked: 2026-11-27"] + before[at + 1 :]


def test_checked_keeps_a_byte_order_mark(tiny):
    """Some Windows editors save UTF-8 with a BOM; the file reads with it, and keeps it."""
    path = tiny / "groups" / "northfield-lunch-club.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    ok(tiny, "checked", "northfield-lunch-club")
    assert path.read_bytes() == b"\xef\xbb\xbf" + VALID.replace("2026-10-01", "2026-11-27").encode("utf-8")


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


def assert_adds_up(counts: dict) -> None:
    assert sum(counts["by_status"].values()) == counts["groups"]
    assert counts["active"] == counts["by_status"].get("active", 0)
    assert sum(counts["by_area"].values()) == counts["active"]
    assert sum(counts["freshness"].values()) == counts["by_status"].get("active", 0) + counts["by_status"].get(
        "paused", 0
    )
    assert sum(counts["by_section"].values()) >= counts["active"]


def test_stats_json_adds_up(counted):
    counts = json.loads(ok(counted, "stats", "--format", "json").stdout)
    assert_adds_up(counts)
    assert counts["freshness"]["never"] == 1


def test_stats_on_sample_adds_up(sample):
    counts = json.loads(ok(sample, "stats", "--format", "json").stdout)
    assert counts["groups"] == len(list((sample / "groups").rglob("*.yaml"))) == 48
    assert_adds_up(counts)
    assert list(counts["by_area"]) == [
        "Town Centre",
        "Northfield",
        "Eastgate",
        "Riverside",
        "Millbrook",
        "South Ashbury",
    ]
    assert "with problems" not in counts["by_status"]


def test_stats_table(counted):
    result = ok(counted, "stats")
    lines = result.stdout.splitlines()
    assert lines[0] == "10 group files, 5 active"
    for title in (
        "By status",
        "Active groups by area",
        "Active groups by section",
        "Details last checked (active and paused)",
    ):
        assert title in lines
    assert "  never                 1" in lines
    result = run("stats", "--format", "csv", root=counted, env=WIDE)
    assert result.exit_code == 2


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


def test_partners_dot(linked):
    text = ok(linked, "partners", "--format", "dot").stdout
    lines = text.splitlines()
    assert lines[0] == "graph partners {"
    assert lines[-1] == "}"
    assert text.count("subgraph cluster_") == 2
    assert 'label="Northfield";' in text and 'label="Eastgate";' in text
    assert '"eastgate-tea-dance" [label="The \\"Tuesday\\" Tea Dance"];' in text
    edges = [line.strip() for line in lines if " -- " in line]
    assert edges == [
        '"eastgate-book-club" -- "eastgate-tea-dance";',
        '"eastgate-tea-dance" -- "northfield-lunch-club";',
    ]
    assert "northfield-walking-group" not in text  # no partnership, not drawn
    # the lunch club sits in the Northfield cluster
    north = text.index('label="Northfield";')
    assert north < text.index('"northfield-lunch-club" [label=') < text.index('label="Eastgate";')


def test_partners_mermaid(linked):
    text = ok(linked, "partners").stdout
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    subgraphs = [line.strip() for line in lines if line.strip().startswith("subgraph")]
    assert len(subgraphs) == 2
    assert '"Northfield"' in subgraphs[0] and '"Eastgate"' in subgraphs[1]
    assert sum(line.strip() == "end" for line in lines) == 2
    assert "The #quot;Tuesday#quot; Tea Dance" in text
    assert '"Tuesday"' not in text
    assert sum(" --- " in line for line in lines) == 2
    assert "Northfield Walking Group" not in text
    assert ok(linked, "partners", "--format", "mermaid").stdout == text


def test_partners_no_cluster_for_an_area_without_linked_groups(tmp_path):
    """Only areas with a group that has a partnership get a cluster: an empty box draws as clutter."""
    root = new_directory(tmp_path)
    write_group(root, "northfield-walking-group", group_yaml("Northfield Walking Group", "northfield"))
    write_group(
        root, "eastgate-tea-dance", group_yaml("Eastgate Tea Dance", "eastgate", partners=["eastgate-book-club"])
    )
    write_group(root, "eastgate-book-club", group_yaml("Eastgate Book Club", "eastgate"))
    dot = ok(root, "partners", "--format", "dot").stdout
    assert dot.count("subgraph cluster_") == 1
    assert 'label="Northfield"' not in dot
    mermaid = ok(root, "partners", "--format", "mermaid").stdout
    assert mermaid.count("subgraph") == 1
    assert "Northfield" not in mermaid


def test_partners_output_file(linked, tmp_path):
    out = tmp_path / "partners.dot"
    result = ok(linked, "partners", "--format", "dot", "--output", str(out))
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == ok(linked, "partners", "--format", "dot").stdout


def test_show_lists_partners_both_ways(linked):
    lines = ok(linked, "show", "northfield-lunch-club").stdout.splitlines()
    assert 'Partners: The "Tuesday" Tea Dance' in lines
    assert 'Partner of: The "Tuesday" Tea Dance' in lines
    assert lines.index('Partner of: The "Tuesday" Tea Dance') == lines.index("Last checked: 2026-10-01") - 1
    lines = ok(linked, "show", "eastgate-tea-dance").stdout.splitlines()
    assert "Partners: Northfield Lunch Club, Eastgate Book Club" in lines
    assert "Partner of: Northfield Lunch Club" in lines
    lines = ok(linked, "show", "eastgate-book-club").stdout.splitlines()
    assert 'Partner of: The "Tuesday" Tea Dance' in lines
    assert not any(line.startswith("Partners:") for line in lines)
    text = ok(linked, "show", "northfield-walking-group").stdout
    assert "Partners:" not in text and "Partner of:" not in text


def test_partners_on_sample(sample):
    dot = ok(sample, "partners", "--format", "dot").stdout
    assert dot.startswith("graph partners {\n") and dot.endswith("}\n")
    edges = [line.strip() for line in dot.splitlines() if " -- " in line]
    assert len(edges) == len(set(edges)) > 0
    for edge in edges:
        a, b = edge.rstrip(";").split(" -- ")
        assert a < b  # each pair once, in one order


def test_partners_leaves_closed_and_do_not_list_groups_out_unless_asked(tmp_path):
    root = new_directory(tmp_path)
    write_group(
        root,
        "northfield-cafe",
        group_yaml("Northfield Cafe", "northfield", partners=["northfield-old-club", "northfield-walkers"]),
    )
    write_group(root, "northfield-walkers", group_yaml("Northfield Walkers", "northfield"))
    write_group(root, "northfield-old-club", group_yaml("Northfield Old Club", "northfield", status="closed"))
    shown = ok(root, "partners", "--format", "dot").stdout
    assert '"northfield-cafe" -- "northfield-walkers";' in shown
    assert "northfield-old-club" not in shown
    everything = ok(root, "partners", "--format", "dot", "--include-closed").stdout
    assert '"northfield-cafe" -- "northfield-old-club";' in everything


def test_gaps_piped_is_plain_text_and_output_needs_a_known_ending(tmp_path):
    root = new_directory(tmp_path)
    write_group(root, "northfield-cafe", group_yaml("Northfield Cafe", "northfield"))
    plain = ok(root, "gaps", "--by", "day").stdout
    assert "┃" not in plain and "│" not in plain
    assert plain.splitlines()[1].split() == [
        "Area",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Total",
    ]
    refused = run("gaps", "-o", str(tmp_path / "gaps.txt"), root=root, env=WIDE)
    assert refused.exit_code == 1 and "give a file ending in .html, .json or .csv" in refused.stderr
    assert not (tmp_path / "gaps.txt").exists()
    missing = run("gaps", "-o", str(tmp_path / "no-such-folder" / "gaps.html"), root=root, env=WIDE)
    assert missing.exit_code == 1 and not (tmp_path / "no-such-folder").exists()


@pytest.mark.parametrize("command", [["stats"], ["gaps"], ["match"], ["review"], ["partners"]])
def test_coordinator_commands_say_which_files_they_leave_out(tmp_path, command):
    root = new_directory(tmp_path)
    write_group(root, "northfield-cafe", group_yaml("Northfield Cafe", "northfield"))
    write_group(root, "broken-club", "name: [unclosed\n")
    result = run(*command, root=root, env=WIDE)
    assert result.exit_code == 0
    assert "Warning: left out, with problems: " in result.stderr and "broken-club.yaml" in result.stderr
