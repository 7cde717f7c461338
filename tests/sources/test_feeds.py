"""Open Referral services (UK v1, HSDS 3.0, ORUK 3.0) as groups."""

import datetime as dt
import json

from assetdir.sources.services import from_service
from conftest import shared

from .conftest import FIXTURES


def _page():
    return json.loads((FIXTURES / "oruk-v1-services-page.json").read_text())["content"]


def test_a_v1_service(fit):
    draft = from_service(_page()[0], "oruk1", "page.json record 1", fit)
    assert draft.problem is None
    data = draft.data
    # a short first paragraph is the summary, the rest the description
    assert data["summary"] == "A friendly drop-in café for anyone over 60. Tea, cake & a chat."
    assert data["description"] == "More at our page (https://chattycafe.example.org/eastgate)."
    assert data["categories"] == ["coffee-morning"] and data["area"] == "eastgate"
    assert data["organisation"] == "Eastgate Community Association"
    assert data["venues"] == [
        {"name": "Eastgate Library", "address": "3 Market Street", "postcode": "EG2 4DF",
         "accessibility": ["hearing-loop", "accessible-toilet"], "lat": 52.4101, "lon": -1.9702}
    ]  # fmt: skip
    assert data["sessions"] == [{"days": ["wednesday"], "start": "10:00", "end": "12:00"}]
    assert data["contact"] == {"name": "Priya", "phone": "01632 960777", "email": "hello@chattycafe.example.org",
                               "website": "https://chattycafe.example.org"}  # fmt: skip
    assert data["cost"] == {"type": "free"}
    assert data["age"] == {"min": 60}
    assert data["languages"] == ["en", "pa"]
    assert data["last_checked"] == dt.date(2026, 10, 1)
    assert draft.data["closed"] == [{"from": dt.date(2026, 12, 24), "until": dt.date(2027, 1, 2)}]
    assert "holiday_schedules" not in draft.kept  # a closed holiday is a closure of the group
    assert draft.kept["id"] == "svc-1001"


def test_v1_monthly_and_fortnightly_schedules(fit):
    draft = from_service(_page()[1], "oruk1", "r2", fit)
    assert draft.data["sessions"] == [
        {"days": ["thursday"], "start": "13:30", "end": "15:00", "every": "month", "weeks": [2, -1]},
        {"days": ["monday"], "start": "18:00", "end": "19:30", "every": "fortnight", "starting": dt.date(2026, 1, 5)},
    ]
    assert draft.data["categories"] == ["carers-support"]


def test_a_service_without_a_name(fit):
    assert from_service(_page()[2], "oruk1", "r3", fit).problem == "no name (every group needs one)"


def test_a_term_that_matches_nothing_is_kept_and_category_falls_back(fit):
    fit.category = "social-group"
    draft = from_service({"id": "1", "name": "A", "service_taxonomys": [{"taxonomy": {"name": "Bingo"}}]}, "oruk1",
                         "r", fit)  # fmt: skip
    assert draft.data["categories"] == ["social-group"]
    assert draft.kept["categories"] == ["Bingo"]
    assert "categories: social-group (--category)" in draft.guesses


def test_the_hsds_example_service(fit):
    fit.area, fit.category = "eastgate", "mental-wellbeing"
    for folder in ("hsds-3.0/examples/json", "oruk-3.0-profile/examples"):
        found = json.loads((shared("openreferral") / folder / "service_full.json").read_text())
        draft = from_service(found, "hsds3", "service_full.json record 1", fit)
        assert draft.problem is None, folder
        assert draft.data["name"] == "Community Counselling"
        assert draft.data["summary"] == "Counselling Services provided by trained professionals."  # a long paragraph
        assert draft.data["description"].startswith("Counselling Services provided by trained professionals. Suit")
        session = draft.data["sessions"][0]
        assert session["days"] == ["thursday", "friday"] and (session["start"], session["end"]) == ("10:00", "18:00")
        assert session["from"] == session["until"] == dt.date(2005, 1, 1)
        assert draft.data["age"] == {"min": 12, "max": 100}
        assert draft.data["contact"]["website"] == "http://example.com/counselling"
        assert draft.kept["postcode"] == "ABC 1234"  # not a UK postcode: kept, and said
        assert any("ABC 1234" in g for g in draft.guesses)


def test_a_short_description_is_the_summary(fit):
    service = {"id": "1", "name": "A", "short_description": "<p>Tea &amp; chat.</p>",
               "description": "<p>Long words here. More words.</p>", "service_areas": [{"service_area": "Eastgate"}],
               "service_taxonomys": [{"taxonomy": {"name": "Lunch clubs"}}]}  # fmt: skip
    draft = from_service(service, "oruk1", "r", fit)
    assert draft.data["summary"] == "Tea & chat." and draft.data["description"] == "Long words here. More words."
    assert "short_description" not in draft.kept


def test_a_holiday_that_opens_at_other_times_is_kept_aside(fit):
    from assetdir.sources.services import from_service

    data = {"id": "s", "name": "Lunch", "holiday_schedules": [
        {"id": "h", "closed": False, "start_date": "2026-12-24", "end_date": "2026-12-24", "opens_at": "10:00"},
        {"id": "bad", "closed": True, "start_date": "soon", "end_date": "later"},
    ]}  # fmt: skip
    draft = from_service(data, "oruk1", "feed.json record 1", fit)
    assert "closed" not in draft.data
    assert [h["id"] for h in draft.kept["holiday_schedules"]] == ["h", "bad"]
