"""assetdir.edit.roundtrip: reading and writing a file gives it back exactly, its style, line ends and comments kept."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assetdir.edit import roundtrip
from assetdir.format.models import Group
from assetdir.merge import values
from assetdir.yamltext import parse
from conftest import REPO


def test_every_sample_file_round_trips_exactly():
    for path in sorted((REPO / "groups").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert roundtrip.dump(roundtrip.load(text), text) == text, path


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("venues:\n  - name: A\n    postcode: X\ncost:\n  type: free\n", roundtrip.Style(2, 4, 2)),
        ("venues:\n- name: A\n  postcode: X\ncost:\n    type: free\n", roundtrip.Style(4, 2, 0)),
        ("venues:\n    -   name: A\n", roundtrip.Style(2, 8, 4)),
    ],
)
def test_detect_style(text, style):
    assert roundtrip.detect_style(text) == style


def test_a_file_indented_without_offset_keeps_its_indentation():
    text = "name: A\nvenues:\n- name: Hall   # main\n  postcode: AS1 2AB\n"
    data = roundtrip.load(text)
    data["venues"].append({"name": "Annexe"})
    assert roundtrip.dump(data, text) == text + "- name: Annexe\n"


def test_line_ends_and_byte_order_mark_are_kept():
    text = "\ufeffname: A   # note\r\nvenues:\r\n- name: Hall\r\n"
    data = roundtrip.load(text)
    data["venues"][0]["postcode"] = "AS1 2AB"
    assert roundtrip.dump(data, text) == "\ufeffname: A   # note\r\nvenues:\r\n- name: Hall\r\n  postcode: AS1 2AB\r\n"


def test_a_comment_keeps_its_gap_when_the_value_before_it_changes():
    text = "partners: [a-group, b-group]  # both\nname: A\n"
    data = roundtrip.load(text)
    data["partners"].pop(0)
    assert roundtrip.dump(data, text) == "partners: [b-group]  # both\nname: A\n"


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

COMMENTS = ["# checked by phone", "# the church office", "# see the newsletter"]


@SETTINGS
@given(groups, st.lists(st.tuples(st.integers(0, 40), st.sampled_from(COMMENTS), st.booleans()), max_size=4))
def test_load_write_load_keeps_data_and_comments(data, comments):
    text, _ = as_file(data)
    lines = text.splitlines()
    for at, comment, own_line in comments:  # comments at the end of a line, or on a line of their own
        at = min(at, len(lines) - 1)
        if own_line and not lines[at].lstrip().startswith("- "):
            lines.insert(at, " " * (len(lines[at]) - len(lines[at].lstrip())) + comment)
        elif not lines[at].rstrip().endswith(("|", "|-", ">")) and "#" not in lines[at] and lines[at].strip():
            lines[at] += "   " + comment
    commented = "\n".join(lines) + "\n"
    assume(parse(commented) == parse(text))  # a comment inside a block of text is text
    written = roundtrip.dump(roundtrip.load(commented), commented)
    assert written == commented
    assert parse(written) == parse(text)
