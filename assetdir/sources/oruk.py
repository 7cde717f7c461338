"""An Open Referral UK v1 service (what most live UK feeds serve) in the shape `services.py` reads."""

from __future__ import annotations

from typing import Any

# the keys read here; any other key's value is kept aside
READ = {
    "id", "name", "description", "short_description", "summary", "url", "email", "status", "assured_date",
    "organization", "contacts",
    "cost_options", "eligibilitys", "languages", "service_areas", "service_at_locations", "regular_schedules",
    "service_taxonomys", "fees", "holiday_schedules",
}  # fmt: skip


def items(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def block(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def service(data: dict) -> dict[str, Any]:
    places = [block(p.get("location")) for p in items(data.get("service_at_locations"))]
    phones = [p.get("number") for c in items(data.get("contacts")) for p in items(c.get("phones"))]
    ages = [e for e in items(data.get("eligibilitys")) if e.get("minimum_age") or e.get("maximum_age")]
    schedules = items(data.get("regular_schedules")) + [
        s | {"venue": n}
        for n, p in enumerate(items(data.get("service_at_locations")))
        for s in items(p.get("regular_schedule"))
    ]
    return {
        "name": data.get("name"),
        "description": data.get("description"),
        "short": data.get("short_description") or data.get("summary"),
        "url": data.get("url"),
        "email": data.get("email"),
        "status": data.get("status"),
        "assured": data.get("assured_date"),
        "organisation": block(data.get("organization")).get("name"),
        "areas": [a.get("service_area") for a in items(data.get("service_areas"))],
        "venues": [_venue(place) for place in places if place],
        "schedules": schedules,
        "phones": [p for p in phones if p],
        "contact_name": next((c.get("name") for c in items(data.get("contacts")) if c.get("name")), None),
        "costs": items(data.get("cost_options")),
        "fees": data.get("fees"),
        "languages": [lang.get("language") for lang in items(data.get("languages"))],
        "terms": [block(t.get("taxonomy")).get("name") for t in items(data.get("service_taxonomys"))],
        "age_min": ages[0].get("minimum_age") if ages else None,
        "age_max": ages[0].get("maximum_age") if ages else None,
        "holidays": items(data.get("holiday_schedules")),
        "kept": {k: v for k, v in data.items() if k not in READ},
    }


def _venue(place: dict) -> dict[str, Any]:
    address = next(iter(items(place.get("physical_addresses"))), {})
    return {
        "name": place.get("name"),
        "address": ", ".join(
            str(address[k]) for k in ("address_1", "address_2") if address.get(k) and address[k] != place.get("name")
        ),
        "postcode": address.get("postal_code"),
        "locality": address.get("city") or address.get("state_province"),
        "accessibility": [a.get("accessibility") for a in items(place.get("accessibility_for_disabilities"))],
        "lat": place.get("latitude"),
        "lon": place.get("longitude"),
    }
