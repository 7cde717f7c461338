"""Hypothesis strategies for group files: generated groups written as a volunteer would, with their models."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assetdir.edit import roundtrip
from assetdir.format.models import Group
from assetdir.merge import values
from assetdir.yamltext import parse

CONTEXT = {"areas": {"northfield": "Northfield", "eastgate": "Eastgate"}, "region": "GB"}


VENUES = [
    {"name": "Chapel Hall", "postcode": "AS1 2AB"},
    {"name": "chapel hall", "postcode": "as12ab", "accessibility": ["step-free"]},
    {"id": "library", "name": "Eastgate Library", "accessibility": ["hearing-loop", "lift"]},
    {"name": "Chapel Hall", "postcode": "AS9 9ZZ", "transport": "Bus 11"},
]


SESSIONS = [
    {"days": ["tuesday"], "start": "12:00", "end": "14:00"},
    {"days": "tuesday", "start": "12.00", "end": "2pm"},
    {"days": ["friday"], "start": "10:00", "note": "Not in August"},
    {"by_arrangement": True, "note": "Home visits by arrangement"},
]


OFFERS = ["hall", "minibus", {"asset": "minibus", "note": "Free on Sundays"}, {"asset": "kitchen", "note": "Small"}]


groups = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Northfield Lunch Club", "Northfield Luncheon Club"]),
        "summary": st.sampled_from(["Hot lunch and a chat.", "Lunch for older people."]),
        "categories": st.lists(
            st.sampled_from(["lunch-club", "social-group", "meals-food"]), min_size=1, max_size=3, unique=True
        ),
        "area": st.sampled_from(["northfield", "eastgate"]),
    },
    optional={
        "description": st.sampled_from(["Run by volunteers.\n", "Since 1998.\n\nAll welcome.\n"]),
        "status": st.sampled_from(["active", "paused"]),
        "audience": st.lists(st.sampled_from(["older-people", "carers", "men"]), max_size=2, unique=True),
        "venues": st.lists(st.sampled_from(VENUES), min_size=1, max_size=2),
        "sessions": st.lists(st.sampled_from(SESSIONS), max_size=2),
        "contact": st.fixed_dictionaries(
            {},
            optional={
                "name": st.sampled_from(["Jean", "the coordinator"]),
                "phone": st.sampled_from(["01632 960123", "01632960123", "01632 960124"]),
                "email": st.sampled_from(["a@example.org", "b@example.org"]),
            },
        ),
        "offers": st.lists(st.sampled_from(OFFERS), max_size=2),
        "needs": st.lists(st.sampled_from(["volunteers", "funding"]), max_size=2, unique=True),
        "partners": st.lists(st.sampled_from(["memory-cafe", "walking-group"]), max_size=2, unique=True),
        "languages": st.lists(st.sampled_from(["en", "pa", "cy"]), min_size=1, max_size=2, unique=True),
        "last_checked": st.sampled_from(["2026-01-05", "2026-06-30"]),
        "private": st.fixed_dictionaries(
            {},
            optional={
                "notes": st.sampled_from(["Call after 10am", "Ask for Sam"]),
                "contact": st.fixed_dictionaries({"name": st.sampled_from(["Jean Smith", "Sam Jones"])}),
            },
        ),
        "x-grant-ref": st.sampled_from(["NF-1", "NF-2"]),
    },
)


def as_file(data: dict) -> tuple[str, Group]:
    """A group file's text, and its model; invalid combinations are skipped."""
    data = dict(data)
    if "venues" not in data:
        data["attending"] = ["phone"]
    else:
        ids = [v.get("id") for v in data["venues"] if v.get("id")]
        assume(len(ids) == len(set(ids)))
    offers = [o if isinstance(o, str) else o["asset"] for o in data.get("offers", [])]
    assume(len(offers) == len(set(offers)))
    text = roundtrip.dump(values.editable(data), "")
    try:
        return text, Group.model_validate(parse(text), context={**CONTEXT, "id": "lunch"})
    except ValidationError:
        assume(False)
        raise


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
