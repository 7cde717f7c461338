"""Spreadsheet headers in the forms people write them ("Group name", "Tel", "Post code",
"Day(s)", "Web site"...), each recognised as one field of a row."""

from __future__ import annotations

import re

# field -> the headers that name it, normalised (see `normal`)
SYNONYMS: dict[str, list[str]] = {
    "name": [
        "name",
        "group name",
        "name of group",
        "group",
        "organisation name",
        "activity name",
        "club name",
        "title",
        "service name",
        "activity",
    ],
    "summary": ["summary", "short description", "what it is", "about", "brief description"],
    "description": ["description", "details", "more information", "long description", "full description", "info"],
    "organisation": ["organisation", "organization", "run by", "provider", "organiser", "organisation running it"],
    "category": ["category", "categories", "type", "type of activity", "activity type", "kind", "keywords"],
    "area": ["area", "ward", "neighbourhood", "neighborhood", "locality", "district", "parish", "town", "village"],
    "venue": ["venue", "venue name", "location", "where", "place", "meeting place", "building"],
    "address": ["address", "venue address", "street", "address line 1", "street address", "address 1"],
    "postcode": ["postcode", "post code", "postal code", "zip", "zip code"],
    "days": ["day", "days", "day of week", "which day", "meeting day", "days of the week", "when"],
    "time": ["time", "times", "opening times", "opening hours", "hours", "meeting times", "session times"],
    "start": ["start", "start time", "starts", "from", "opens", "begins"],
    "end": ["end", "end time", "finish", "finish time", "ends", "to", "until", "closes"],
    "cost": ["cost", "price", "fee", "fees", "charge", "cost per session", "charges"],
    "phone": [
        "phone",
        "telephone",
        "tel",
        "phone number",
        "telephone number",
        "contact number",
        "mobile",
        "contact phone",
        "contact telephone",
    ],
    "email": ["email", "e mail", "email address", "contact email"],
    "website": ["website", "web site", "web", "url", "web address", "link"],
    "contact": ["contact", "contact name", "contact person", "name of contact", "organiser name", "coordinator"],
    "last_checked": [
        "last updated",
        "updated",
        "last checked",
        "date checked",
        "checked",
        "date updated",
        "last reviewed",
        "reviewed",
    ],
    "accessibility": [
        "wheelchair access",
        "accessibility",
        "access",
        "disabled access",
        "accessible",
        "access features",
    ],
    "status": ["status"],
    "audience": ["audience", "who for", "who is it for", "suitable for"],
    "transport": ["transport", "buses", "bus", "getting there"],
}


def normal(header: object) -> str:
    """A header in one form: lower case, '(s)' dropped, punctuation as spaces, spaces single."""
    text = str(header or "").strip().lower().replace("(s)", "").replace("e-mail", "email")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


_BY_HEADER = {h: f for f, hs in SYNONYMS.items() for h in hs}


def field_of(header: object, mapped: dict[str, str] | None = None) -> str | None:
    """The field a header names (a --map file's columns first), or None."""
    key = normal(header)
    for column, field in (mapped or {}).items():
        if normal(column) == key:
            return field
    return _BY_HEADER.get(key)


def fields_of(headers: list[object], mapped: dict[str, str] | None = None) -> list[str | None]:
    """Each column's field; a field named twice is taken from its first column only."""
    seen: set[str] = set()
    out: list[str | None] = []
    for header in headers:
        field = field_of(header, mapped)
        out.append(field if field and field not in seen else None)
        if field:
            seen.add(field)
    return out
