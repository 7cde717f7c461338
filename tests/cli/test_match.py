"""`assetdir match`: who can help whom, as JSON, CSV, a text sheet and a table; --asset, --area, --group
and --limit; the bundled sample keeps its promises."""

from __future__ import annotations

import csv
import io
import json

from conftest import WIDE, run
from query.networks import ALL_NEEDS, MINIBUS_OFFERS, _Opened

from .conftest import ok


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
