"""assetdir.query.network: who can help whom (match), who is due a check (review), the counts (stats) and
the partnerships (partner_links), on small directories built so that the right answer is known."""

from __future__ import annotations

import datetime as dt

import pytest

from assetdir.problems import AssetdirError
from assetdir.query.network import match, named_by, parse_within, partner_links, review, stats
from conftest import TODAY

from .networks import ALL_NEEDS, DUE_NOW, DUE_SOON, MINIBUS_OFFERS, _Opened

# --- match ---------------------------------------------------------------------------------------


def test_match_orders_offers_same_area_then_nearest_then_without_coordinates(network):
    with _Opened(network) as index:
        needs = match(index, limit=0)
    assert [(n.group["id"], n.asset) for n in needs] == ALL_NEEDS
    minibus = needs[1]
    assert [o.group["id"] for o in minibus.offers] == MINIBUS_OFFERS
    assert [o.same_area for o in minibus.offers] == [True, True, False, False, False, False, False]
    distances = [o.distance_km for o in minibus.offers]
    assert distances[1] is None and distances[5] is None and distances[6] is None
    assert 7 < distances[0] < 9
    assert 0.3 < distances[2] < 0.6  # the nearer of its two venues, not the first
    assert distances[3] == distances[4] and 2.5 < distances[3] < 3.5
    assert minibus.note == "A second one on Tuesdays"
    assert minibus.offers[0].note == "Thursdays only"
    # kitchen: the same area first even without coordinates, before a nearer group in another area
    assert [o.group["id"] for o in needs[0].offers] == ["eastgate-warm-welcome", "northfield-lunch-club"]
    assert needs[0].offers[1].note == "Free on Mondays and Fridays"
    assert needs[2].offers == [] and needs[3].offers == []


# --- review --------------------------------------------------------------------------------------


def test_review_boundary_and_order(due):
    with _Opened(due) as index:
        found = review(index, TODAY)
        soon = review(index, TODAY, 30)
    assert [d.group["id"] for d in found] == DUE_NOW
    assert [d.due for d in found] == [None, None, dt.date(2026, 3, 10), dt.date(2026, 11, 27)]
    assert [d.group["id"] for d in soon] == DUE_NOW + DUE_SOON
    assert [d.due for d in soon][4:] == [dt.date(2026, 11, 28), dt.date(2026, 12, 17), dt.date(2026, 12, 27)]


def test_parse_within():
    assert parse_within("30d") == 30
    assert parse_within(" 6W ") == 42
    assert parse_within("2m") == 60
    assert parse_within("10") == 10
    for bad in ("soon", "d", "", "3x"):
        with pytest.raises(AssetdirError):
            parse_within(bad)


# --- stats ---------------------------------------------------------------------------------------


def test_stats_counts(counted):
    with _Opened(counted) as index:
        counts = stats(index, TODAY)
    assert counts["groups"] == 10
    assert counts["by_status"] == {"active": 5, "paused": 2, "closed": 1, "do-not-list": 1, "with problems": 1}
    assert counts["active"] == 5
    assert counts["by_area"] == {"Northfield": 3, "Eastgate": 2}
    assert counts["by_section"] == {
        "Social": 2,
        "Activities": 2,
        "Practical help": 1,
        "Wellbeing": 1,
        "Advice": 0,
        "Volunteering": 0,
    }  # two categories in one section count once
    assert counts["freshness"] == {
        "within 3 months": 1,
        "within 6 months": 2,
        "within 12 months": 2,
        "older": 1,
        "never": 1,
    }


# --- partners ------------------------------------------------------------------------------------


def test_partner_links_each_once(linked):
    with _Opened(linked) as index:
        nodes, links = partner_links(index)
        assert named_by(index, "northfield-lunch-club") == ["eastgate-tea-dance"]
        assert named_by(index, "eastgate-book-club") == ["eastgate-tea-dance"]
        assert named_by(index, "northfield-walking-group") == []
    assert links == [("eastgate-book-club", "eastgate-tea-dance"), ("eastgate-tea-dance", "northfield-lunch-club")]
    assert nodes["eastgate-tea-dance"]["name"] == 'The "Tuesday" Tea Dance'
