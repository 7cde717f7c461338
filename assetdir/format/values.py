"""Checking and normalising single values: ids, times, postcodes, phones, emails, links."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NoReturn
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from assetdir.format.languages import NAMES

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fail(code: str, message: str) -> NoReturn:
    """Raise a validation error whose type is our stable problem code."""
    raise PydanticCustomError(code, "{message}", {"message": message})


def normalised(normal: Any, value: Any) -> Any:
    """`normal(value)`, or None when the value has no normal form (it is not valid)."""
    try:
        return normal(value)
    except PydanticCustomError:
        return None


# Letters that do not break down into a plain letter and an accent.
_LATIN = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "ı": "i",
    }
)


def as_id(text: str) -> str:
    """The id a name would have: 'St Mary's Lunch Club' -> 'st-marys-lunch-club'."""
    text = text.translate(_LATIN)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return "-".join(re.findall(r"[a-z0-9]+", text))


_TIME_RE = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?$", re.IGNORECASE)


def parse_time(value: Any) -> str:
    """'9:30', '9.30', '9.30am', '2pm', '14:00' -> 'HH:MM' (24-hour)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        fail("wrong-type", f"expected a time like \"14:00\", got {type(value).__name__}")
    if isinstance(value, (int, float)):
        if isinstance(value, float):
            shown = f"{value:.2f}"
            guess = shown.replace(".", ":").zfill(5)
        else:
            shown = str(value)
            hour, minute = divmod(value, 100) if value >= 100 else (value, 0)
            guess = f"{hour:02d}:{minute:02d}"
        fail(
            "time-as-number",
            f"{shown} was read as a number, not a time; put the time in quotes: \"{guess}\"",
        )
    match = _TIME_RE.match(value.strip())
    if not match:
        fail("bad-time", f'"{value}" is not a time; write it like "09:30" or "14:00"')
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            fail("bad-time", f'"{value}" is not a time: with am/pm the hour is 1 to 12')
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif match["m"] is None:
        fail("bad-time", f'"{value}" needs minutes or am/pm: write "{hour:02d}:00"')
    if hour > 23 or minute > 59:
        fail("bad-time", f'"{value}" is not a time of day (00:00 to 23:59)')
    return f"{hour:02d}:{minute:02d}"


# UK postcode: outward code (area letters, district) and inward code (sector digit, unit letters).
_POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][ABD-HJLNP-UW-Z]{2})$")


def normalise_postcode(value: str) -> str:
    """'nf12ab' -> 'NF1 2AB'."""
    text = " ".join(value.upper().split())
    match = _POSTCODE_RE.match(text)
    if not match:
        fail("bad-postcode", f'"{value}" is not a UK postcode; write it like "NF1 2AB"')
    return f"{match[1]} {match[2]}"


# Ofcom keeps these ranges for drama and examples; they never ring anyone.
_DRAMA_RE = re.compile(r"^(?:01632 ?960\d{3}|07700 ?900\d{3})$")


def normalise_phone(value: Any, region: str = "GB") -> str:
    """Check a phone number and format it as people in the region write it."""
    if isinstance(value, int) and not isinstance(value, bool):
        fail(
            "phone-as-number",
            f"{value} was read as a number and lost its leading 0; put the phone number in quotes: \"0{value}\"",
        )
    if not isinstance(value, str):
        fail("wrong-type", f"expected a phone number as text, got {type(value).__name__}")
    import phonenumbers  # imported here: it is slow to load and only some commands need it

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        fail("bad-phone", f'"{value}" is not a phone number')
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if _DRAMA_RE.match(national) and region == "GB":
        return national
    if not phonenumbers.is_valid_number(number):
        fail("bad-phone", f'"{value}" is not a valid {region} phone number; check the digits')
    if phonenumbers.region_code_for_number(number) != region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return national


_EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def check_email(value: str) -> str:
    text = value.strip()
    if not _EMAIL_RE.match(text) or ".." in text:
        fail("bad-email", f'"{value}" is not an email address; write it like name@example.org')
    return text


def check_website(value: str) -> str:
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        fail(
            "bad-website",
            f'"{value}" is not a web address: it must start with https:// (or http://)',
        )
    host = parts.hostname or ""
    if "." not in host or any(c in text for c in " <>\"'"):
        fail("bad-website", f'"{value}" is not a web address; write it like https://example.org')
    return text


def one_line(value: str) -> str:
    return " ".join(value.split())


ISO_639_1 = frozenset(NAMES)  # the codes a group may list under languages
