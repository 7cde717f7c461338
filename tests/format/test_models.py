"""The group model: what it accepts, how it normalises, and where it places problems."""

import pytest

from assetdir import yamltext
from assetdir.format.document import validate_document
from assetdir.format.models import Group, Settings
from assetdir.format.vocabulary import Vocabulary
from conftest import TODAY

CONTEXT = {"vocab": Vocabulary(), "areas": {"northfield": "Northfield"}, "region": "GB", "today": TODAY, "id": "lunch"}

BASE = """\
name: Lunch
summary: Lunch and a chat.
categories: [lunch-club]
area: northfield
attending: [phone]
"""


def check(text: str, context=CONTEXT):
    data = yamltext.parse(text)
    return validate_document(Group, data, text, "g.yaml", context)


def codes(text: str) -> list[tuple[str, int, int]]:
    group, problems = check(text)
    return [(p.code, p.line, p.column) for p in problems]


def test_minimal_group_is_valid_with_defaults():
    group, problems = check(BASE)
    assert problems == []
    assert group.status == "active"
    assert group.access == "drop-in"
    assert group.languages == ["en"]
    assert group.listed


def test_values_are_normalised():
    group, problems = check(
        BASE
        + """\
venues: [{name: Hall, postcode: "as1 2ab"}]
sessions:
  - {days: Tuesday, start: 9.30am, end: "2pm"}
contact: {phone: "01632960123"}
offers: [minibus, {asset: meeting-room, note: Sundays}]
"""
    )
    assert problems == []
    assert group.venues[0].postcode == "AS1 2AB"
    assert group.sessions[0].days == ["tuesday"]
    assert (group.sessions[0].start, group.sessions[0].end) == ("09:30", "14:00")
    assert group.contact.phone == "01632 960123"
    assert [(o.asset, o.note) for o in group.offers] == [("minibus", None), ("meeting-room", "Sundays")]


def test_x_keys_are_kept_anywhere_and_never_checked():
    group, problems = check(BASE + "x-grant: 17\ncontact: {x-note: [1, 2], phone: '01632 960123'}\n")
    assert problems == []
    assert group.extensions == {"x-grant": 17}
    assert group.contact.extensions == {"x-note": [1, 2]}


def test_unknown_key_points_at_the_key_with_a_suggestion():
    group, problems = check(BASE + "sumary: x\n")
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [
        ("unknown-key", 6, 1, 'unknown key "sumary"; did you mean "summary"?')
    ]


def test_unknown_nested_key_suggests_from_its_own_block():
    text = BASE + "venues:\n  - name: Hall\n    adress: 1 High St\n"
    assert [(p.line, p.column, p.message) for p in check(text)[1]] == [
        (8, 5, 'unknown key "adress"; did you mean "address"?')
    ]


def test_every_problem_of_a_file_is_reported_at_once():
    text = """\
name: Lunch
categories: [lunch-clubb]
area: nowhere
status: actve
venues:
  - name: Hall
    postcode: nope
sessions:
  - days: [tuesday]
    start: "14:00"
    end: "12:00"
    weeks: [1]
last_checked: 2099-01-01
"""
    assert codes(text) == [
        ("missing-field", 1, 1),
        ("unknown-category", 2, 14),
        ("unknown-area", 3, 7),
        ("bad-value", 4, 9),
        ("bad-postcode", 7, 15),
        ("end-before-start", 11, 10),
        ("weeks-without-month", 12, 12),
    ]  # a future last_checked is checked against today, across files (test_cli)


def test_suggestions_for_vocabulary_and_choices():
    _, problems = check(BASE.replace("lunch-club", "lunch-clubb") + "status: actve\n")
    messages = [p.message for p in problems]
    assert '"lunch-clubb" is not a category; did you mean "lunch-club"?' in messages
    assert 'status: "actve" is not one of active, paused, closed, do-not-list; did you mean "active"?' in messages


@pytest.mark.parametrize(
    "extra, code",
    [
        ("sessions: [{days: monday, start: '10:00', every: fortnight}]", "fortnight-without-starting"),
        ("sessions: [{days: monday, start: '10:00', every: fortnight, starting: 2026-01-06}]", "starting-wrong-day"),
        ("sessions: [{days: monday, start: '10:00', every: month}]", "month-without-weeks"),
        ("sessions: [{days: monday, start: '10:00', every: month, weeks: [6]}]", "bad-week"),
        ("sessions: [{days: mondays, start: '10:00'}]", "bad-day"),
        ("sessions: [{days: monday}]", "missing-field"),
        ("sessions: [{by_arrangement: true}]", "missing-field"),
        ("sessions: [{days: monday, start: '10:00', from: 2026-05-01, until: 2026-04-01}]", "until-before-from"),
        ("sessions: [{days: monday, start: '10:00', venue: hall}]", "unknown-venue"),
        ("cost: {type: fee}", "fee-without-amount"),
        ("cost: {type: gratis}", "bad-value"),
        ("age: {min: 70, max: 60}", "bad-age"),
        ("contact: {email: nope}", "bad-email"),
        ("contact: {website: 'javascript:alert(1)'}", "bad-website"),
        ("languages: [english]", "bad-language"),
        ("partners: [lunch]", "self-partner"),
        ("partners: [Not An Id]", "bad-id"),
        ("last_checked: 2026-02-30", "bad-date"),
        ("last_checked: 14/09/2026", "bad-date"),
        ("last_checked: 2026", "bad-date"),
        ("audience: [aliens]", "unknown-audience"),
        ("offers: [spaceship]", "unknown-asset"),
        ("summary: " + "x" * 161, "summary-too-long"),
        ("name: 1984", "wrong-type"),
        ("categories: []", "missing-field"),
        ("organisation: ''", "missing-field"),
    ],
)
def test_rule_codes(extra, code):
    key = extra.split(":")[0]
    text = "\n".join(line for line in BASE.splitlines() if not line.startswith(key + ":")) + "\n" + extra + "\n"
    assert code in [c for c, _, _ in codes(text)]


def test_venue_required_when_attending_a_venue():
    assert codes(BASE.replace("attending: [phone]\n", "")) == [("missing-venue", 1, 1)]


def test_lat_without_lon_points_at_lat():
    text = BASE + "venues:\n  - name: Hall\n    lat: 52.4\n"
    assert codes(text) == [("lat-without-lon", 8, 10)]


def test_duplicate_venue_ids():
    text = BASE + "venues:\n  - {id: hall, name: A}\n  - {id: hall, name: B}\n"
    assert codes(text) == [("duplicate-venue", 8, 10)]


def test_unknown_area_is_not_checked_without_settings():
    group, problems = check(BASE.replace("northfield", "anywhere"), {**CONTEXT, "areas": None})
    assert problems == [] and group.area == "anywhere"


def test_settings_merge_vocabulary():
    settings = Settings.model_validate(
        {
            "areas": {"north": "North"},
            "vocabulary": {
                "categories": {
                    "tea-dance": {"label": "Tea dances", "section": "Activities"},
                    "lunch-club": "Lunches",
                    "choir": {"label": "Choirs", "section": "Music"},
                },
                "offers-needs": {"piano": "Piano"},
            },
        }
    )
    vocab = settings.merged_vocabulary()
    assert vocab.categories["tea-dance"] == ("Tea dances", "Activities")
    assert vocab.categories["lunch-club"] == ("Lunches", "Social")
    assert vocab.sections[-1] == "Music"
    assert vocab.label("offers-needs", "piano") == "Piano"
    assert Vocabulary().categories["lunch-club"] == ("Lunch clubs", "Social")  # the built-in is not changed


def test_settings_need_areas():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Settings.model_validate({"title": "x"})


def test_range_and_amount_messages_say_what_is_allowed():
    text = BASE + "age: {min: -3, max: 200}\ncost: {type: fee, amount: 4.555}\n"
    messages = [p.message for p in check(text)[1]]
    assert messages == [
        "min: -3 is too small; it must be at least 0",
        "max: 200 is too large; it must be at most 120",
        "amount: 4.555 has too many decimal places; write pounds and pence, like 4.50",
    ]
    venue = [p.message for p in check(BASE.replace("attending: [phone]", "venues: [{name: H, lat: 95, lon: 2}]"))[1]]
    assert venue == ["lat: 95 is too large; it must be at most 90"]


def test_a_word_where_a_block_belongs_shows_the_block_to_write():
    messages = [p.message for p in check(BASE + "cost: free\nage: 60\n")[1]]
    assert messages == [
        'cost should be a block of keys and values, not "free"; write it like cost: {type: free}',
        "age should be a block of keys and values, not the number 60; write it like age: {min: 60}",
    ]


def test_closures_and_bank_holidays_on_a_group_and_a_session():
    text = BASE + (
        "sessions:\n"
        "  - days: tuesday\n"
        '    start: "12:00"\n'
        "    closed: {from: 2026-08-03, until: 2026-08-28}\n"
        "    bank_holidays: open\n"
        "closed:\n"
        "  - from: 2026-12-21\n"
        "    until: 2027-01-04\n"
        "    note: Closed over Christmas\n"
        "  - from: 2026-12-25\n"
        "bank_holidays: closed\n"
    )
    group, problems = check(text)
    assert problems == []
    assert [(c.from_.isoformat(), c.last.isoformat(), c.note) for c in group.closed] == [
        ("2026-12-21", "2027-01-04", "Closed over Christmas"),
        ("2026-12-25", "2026-12-25", None),  # one day
    ]
    assert group.bank_holidays == "closed" and group.sessions[0].bank_holidays == "open"
    assert group.sessions[0].closed[0].until.isoformat() == "2026-08-28"


def test_closures_and_bank_holidays_that_cannot_be():
    bad = BASE + "closed:\n  - from: 2027-01-04\n    until: 2026-12-21\n  - until: 2026-12-21\nbank_holidays: shut\n"
    found = codes(bad)
    assert ("until-before-from", 8, 12) in found
    assert any(code == "missing-field" and line == 9 for code, line, _ in found)
    assert any(code == "bad-value" and line == 10 for code, line, _ in found)


def test_print_settings():
    text = (
        "areas: {northfield: Northfield}\n"
        "publisher: {name: Northfield Network, phone: 01632 960100, email: hello@example.org}\n"
        "print_times: 24h\n"
        "nation: scotland\n"
    )
    settings, problems = validate_document(Settings, yamltext.parse(text), text, "assetdir.yaml", {})
    assert problems == []
    assert (
        settings.publisher.phone == "01632 960100" and settings.print_times == "24h" and settings.nation == "scotland"
    )
    wrong = "areas: {northfield: Northfield}\nnation: wales\nprint_times: 12\npublisher: {phone: 01632 960100}\n"
    _, problems = validate_document(Settings, yamltext.parse(wrong), wrong, "assetdir.yaml", {})
    assert sorted(p.line for p in problems) == [2, 3, 4]
