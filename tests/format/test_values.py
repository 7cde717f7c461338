"""assetdir.format.values: times, postcodes, phone numbers, emails, websites and ids, normalised or refused with their code."""

import pytest
from pydantic_core import PydanticCustomError

from assetdir.format import values


@pytest.mark.parametrize(
    "given, expected",
    [
        ("12:00", "12:00"),
        ("9:30", "09:30"),
        ("9.30", "09:30"),
        ("9.30am", "09:30"),
        ("9.30 AM", "09:30"),
        ("2pm", "14:00"),
        ("12pm", "12:00"),
        ("12am", "00:00"),
        ("12.15p.m.", "12:15"),
        (" 23:59 ", "23:59"),
        ("00:00", "00:00"),
    ],
)
def test_times_are_normalised(given, expected):
    assert values.parse_time(given) == expected


@pytest.mark.parametrize(
    "given, code",
    [
        ("25:00", "bad-time"),
        ("12:60", "bad-time"),
        ("13pm", "bad-time"),
        ("noon", "bad-time"),
        ("9", "bad-time"),
        (9.3, "time-as-number"),
        (14.0, "time-as-number"),
        (930, "time-as-number"),
        ([9], "wrong-type"),
        (True, "wrong-type"),
    ],
)
def test_bad_times_are_refused_with_their_code(given, code):
    with pytest.raises(PydanticCustomError) as caught:
        values.parse_time(given)
    assert caught.value.type == code


def test_unquoted_time_message_says_to_quote_it():
    with pytest.raises(PydanticCustomError) as caught:
        values.parse_time(9.3)
    assert caught.value.message() == '9.30 was read as a number, not a time; put the time in quotes: "09:30"'


@pytest.mark.parametrize(
    "given, expected",
    [
        ("nf12ab", "NF1 2AB"),
        ("NF1 2AB", "NF1 2AB"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("b338th", "B33 8TH"),
        ("AS12AB", "AS1 2AB"),
    ],
)
def test_postcodes_are_normalised(given, expected):
    assert values.normalise_postcode(given) == expected


@pytest.mark.parametrize("given", ["NF1", "12345", "NF1 2CI", "hello", "NF1 2AB X"])
def test_bad_postcodes(given):
    with pytest.raises(PydanticCustomError) as caught:
        values.normalise_postcode(given)
    assert caught.value.type == "bad-postcode"


@pytest.mark.parametrize(
    "given, expected",
    [
        ("01632 960123", "01632 960123"),
        ("01632960123", "01632 960123"),
        ("07700 900123", "07700 900123"),
        ("+44 121 496 0000", "0121 496 0000"),
        ("0121-496-0000", "0121 496 0000"),
    ],
)
def test_phones_are_formatted_for_the_region(given, expected):
    assert values.normalise_phone(given, "GB") == expected


def test_foreign_phone_is_shown_in_international_format():
    assert values.normalise_phone("+33 1 42 68 53 00", "GB") == "+33 1 42 68 53 00"


@pytest.mark.parametrize("given", ["12345", "01632 9601", "not a phone", "0000 000000"])
def test_bad_phones(given):
    with pytest.raises(PydanticCustomError) as caught:
        values.normalise_phone(given, "GB")
    assert caught.value.type == "bad-phone"


def test_phone_read_as_number_says_to_quote_it():
    with pytest.raises(PydanticCustomError) as caught:
        values.normalise_phone(1632960123, "GB")
    assert caught.value.type == "phone-as-number"
    assert '"01632960123"' in caught.value.message()


@pytest.mark.parametrize("given", ["hello@example.org", "a.b+c@mail.example.co.uk"])
def test_good_emails(given):
    assert values.check_email(given) == given


@pytest.mark.parametrize("given", ["hello", "hello@", "@example.org", "a@b", "a b@example.org", "a..b@example.org"])
def test_bad_emails(given):
    with pytest.raises(PydanticCustomError) as caught:
        values.check_email(given)
    assert caught.value.type == "bad-email"


@pytest.mark.parametrize("given", ["https://example.org", "http://example.org/path?q=1", "HTTPS://EXAMPLE.ORG"])
def test_good_websites(given):
    assert values.check_website(given) == given


@pytest.mark.parametrize(
    "given",
    [
        "javascript:alert(1)",
        "ftp://example.org",
        "example.org",
        "https://",
        "https://localhost",
        "https://exa mple.org",
    ],
)
def test_bad_websites(given):
    with pytest.raises(PydanticCustomError) as caught:
        values.check_website(given)
    assert caught.value.type == "bad-website"


@pytest.mark.parametrize(
    "name, id_",
    [
        ("St Mary's Lunch Club", "st-marys-lunch-club"),
        ("Knit & Natter", "knit-and-natter"),
        ("  Café 60+  ", "cafe-60"),
        ("!!!", ""),
    ],
)
def test_ids_from_names(name, id_):
    assert values.as_id(name) == id_
