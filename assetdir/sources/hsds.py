"""An HSDS 3.0 (or ORUK 3.0) service in the shape `services.py` reads."""

from __future__ import annotations

from typing import Any

from assetdir.sources.oruk import block, items

READ = {
    "id", "name", "description", "short_description", "summary", "url", "email", "status", "assured_date",
    "organization", "contacts",
    "cost_options", "languages", "service_areas", "service_at_locations", "schedules", "attributes",
    "fees_description", "minimum_age", "maximum_age", "phones", "organization_id",
}  # fmt: skip


def service(data: dict) -> dict[str, Any]:
    places = items(data.get("service_at_locations"))
    phones = [p.get("number") for p in items(data.get("phones"))]
    phones += [p.get("number") for c in items(data.get("contacts")) for p in items(c.get("phones"))]
    phones += [p.get("number") for s in places for p in items(s.get("phones"))]
    schedules = items(data.get("schedules"))
    schedules += [s | {"venue": n} for n, p in enumerate(places) for s in items(p.get("schedules"))]
    return {
        "name": data.get("name"),
        "description": data.get("description"),
        "short": data.get("short_description") or data.get("summary"),
        "url": data.get("url"),
        "email": data.get("email"),
        "status": data.get("status"),
        "assured": data.get("assured_date"),
        "organisation": block(data.get("organization")).get("name"),
        "areas": [a.get("name") or a.get("service_area") for a in items(data.get("service_areas"))],
        "venues": [_venue(block(p.get("location"))) for p in places if block(p.get("location"))],
        "schedules": schedules,
        "phones": [p for p in phones if p],
        "contact_name": next((c.get("name") for c in items(data.get("contacts")) if c.get("name")), None),
        "costs": items(data.get("cost_options")),
        "fees": data.get("fees_description"),
        "languages": [lang.get("code") or lang.get("name") for lang in items(data.get("languages"))],
        "terms": [_term(block(a.get("taxonomy_term"))) for a in items(data.get("attributes"))],
        "age_min": data.get("minimum_age"),
        "age_max": data.get("maximum_age"),
        "holidays": [],  # HSDS 3.0 has no holiday schedules
        "kept": {k: v for k, v in data.items() if k not in READ},
    }


def _venue(place: dict) -> dict[str, Any]:
    address = next(iter(items(place.get("addresses"))), {})
    lines = [address.get(k) for k in ("address_1", "address_2") if address.get(k) != place.get("name")]
    return {
        "id": place.get("external_identifier") if place.get("external_identifier_type") == "assetdir-venue" else None,
        "name": place.get("name"),
        "address": ", ".join(str(v) for v in lines if v),
        "postcode": address.get("postal_code"),
        "locality": address.get("city") or address.get("region"),
        "accessibility": [a.get("description") for a in items(place.get("accessibility"))],
        "transport": place.get("transportation"),
        "lat": place.get("latitude"),
        "lon": place.get("longitude"),
    }


def _term(term: dict) -> object:
    return term.get("code") or term.get("name")
