"""The directory as HSDS 3.0 JSON (Open Referral's Human Services Data Specification, which
the Open Referral UK 3.0 profile builds on): an array of service objects for a national
service finder to read.

Every id is a UUID made from the group's id (and, for what belongs to a group, its role
and place), so a feed built again does not churn. No empty strings (live feeds fail their
schema on them), nothing private, and do-not-list groups never: a feed is published."""

from __future__ import annotations

import hashlib
import json
import uuid
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assetdir.export.sessions import exceptions
from assetdir.format.languages import NAMES
from assetdir.visible import visible
from assetdir.words import paragraphs, when

if TYPE_CHECKING:
    from assetdir.format.models import Group, Session, Venue
    from assetdir.query.select import Selection

# fixed for ever: changing it would change every id of every feed
NAMESPACE = uuid.UUID("2f1c7d8e-4b0a-5c3e-9a6f-0d3b8e1f6a42")
_SPACE = NAMESPACE.bytes
_STATUS = {"active": "active", "paused": "temporarily closed", "closed": "inactive"}
_DAYS = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR", "saturday": "SA",
         "sunday": "SU"}  # fmt: skip


@lru_cache(maxsize=256)  # a service's own id is asked for by each of its parts
def uid(*parts: object) -> str:
    """uuid5 of the parts on NAMESPACE (as `uuid.uuid5` makes it, written out here for speed)."""
    h = hashlib.sha1(_SPACE + "/".join(map(str, parts)).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


# the variant bits of a UUID (10xx) set in its 17th hex digit
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


@lru_cache(maxsize=1024)
def shared_uid(*parts: object) -> str:
    """The id of what many services share (a taxonomy term, an organisation): worked out once."""
    return uid(*parts)


def to_hsds(selection: Selection) -> str:
    """A JSON array of services, one a line: a diff of two feeds shows which services changed."""
    services = (_service(id_, group, selection) for id_, group in sorted(selection.groups) if group.status in _STATUS)
    lines = ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in services)
    return visible(f"[\n{lines}\n]\n" if lines else "[]\n")


def _kept(block: dict[str, Any]) -> dict[str, Any]:
    """`block` without its empty values (None, "", [] and {}); 0 and false kept. Every block that
    has optional values is made through here, so no empty string reaches the feed at any depth."""
    return {k: v for k, v in block.items() if v or (v is not None and type(v) in (int, float, bool))}


def _service(id_: str, group: Group, selection: Selection) -> dict[str, Any]:
    contact = group.contact
    description = f"{group.summary}\n\n{paragraphs(group.description)}" if group.description else group.summary
    ids = [v.id for v in group.venues]
    # a session that names its venue goes under that location; the rest are the service's own
    at = {n: [i for i, x in enumerate(group.sessions) if x.venue and x.venue == v] for n, v in enumerate(ids)}
    service: dict[str, Any] = {
        "id": uid(id_),
        "name": group.name,
        "description": description,
        "url": contact.website if contact else None,
        "email": contact.email if contact else None,
        "status": _STATUS[group.status],
        "minimum_age": group.age.min if group.age else None,
        "maximum_age": group.age.max if group.age else None,
        "assured_date": group.last_checked.isoformat() if group.last_checked else None,
        "phones": [_phone(id_, contact.phone)] if contact and contact.phone else [],
        "contacts": [_contact(id_, group)] if contact and contact.name else [],
        "schedules": [
            _schedule(id_, n, x, group, selection)
            for n, x in enumerate(group.sessions)
            if not (x.venue and x.venue in ids)
        ],
        "service_areas": [{"id": uid(id_, "area"), "name": selection.area_label(group.area)}],
        "service_at_locations": [
            _kept(
                _place(id_, n, v, group, selection)
                | {"schedules": [_schedule(id_, i, group.sessions[i], group, selection) for i in at[n]]}
            )
            for n, v in enumerate(group.venues)
        ],
        "languages": [{"id": uid(id_, "language", c), "name": NAMES.get(c, c), "code": c} for c in group.languages],
        "cost_options": _costs(id_, group),
        "attributes": [_category(id_, c, selection) for c in group.categories],
    }
    if group.organisation:
        service["organization_id"] = shared_uid("organisation", group.organisation)
        service["organization"] = {
            "id": service["organization_id"],
            "name": group.organisation,
            "description": f"{group.organisation}, which runs {group.name}",
        }
    return _kept(service)


def _phone(id_: str, number: str) -> dict[str, Any]:
    return {"id": uid(id_, "phone"), "number": number}


def _contact(id_: str, group: Group) -> dict[str, Any]:
    contact = group.contact
    assert contact is not None
    return _kept(
        {
            "id": uid(id_, "contact"),
            "name": contact.name,
            "phones": [_phone(id_, contact.phone)] if contact.phone else [],
        }
    )


def _schedule(id_: str, n: int, session: Session, group: Group, selection: Selection) -> dict[str, Any]:
    """A session as an HSDS schedule; its closures and bank-holiday rule (which the standard has no
    field for) said in its description: "Every Tuesday, 12:00-14:00. Not on bank holidays"."""
    said = exceptions(group, selection.as_of) + exceptions(session, selection.as_of, group)
    description = ". ".join([when(session, notes=False), *said])
    out: dict[str, Any] = {"id": uid(id_, "schedule", n), "description": description}
    if session.by_arrangement:
        return _kept(out | {"notes": session.note})
    days = [_DAYS[d] for d in session.days]
    if session.every == "month":
        out |= {
            "freq": "MONTHLY",
            "interval": 1,
            "byday": ",".join(f"{w}{d}" for d in days for w in session.weeks or []),
        }
    else:
        out |= {"freq": "WEEKLY", "interval": 2 if session.every == "fortnight" else 1, "byday": ",".join(days)}
    start = session.starting if session.every == "fortnight" else session.from_
    return _kept(
        out
        | {
            "opens_at": session.start,
            "closes_at": session.end,
            "dtstart": start.isoformat() if start else None,
            "valid_from": session.from_.isoformat() if session.from_ else None,
            "valid_to": session.until.isoformat() if session.until else None,
            "until": session.until.isoformat() if session.until else None,
            "notes": session.note,
        }
    )


def _place(id_: str, n: int, venue: Venue, group: Group, selection: Selection) -> dict[str, Any]:
    vocab = selection.vocab
    location: dict[str, Any] = {
        "id": uid(id_, "venue", n),
        "location_type": "physical",
        "name": venue.name,
        "transportation": venue.transport,
        "latitude": venue.lat,
        "longitude": venue.lon,
        "external_identifier": venue.id,
        "external_identifier_type": "assetdir-venue" if venue.id else None,
        "accessibility": [
            {"id": uid(id_, "venue", n, "access", a), "description": vocab.label("accessibility", a)}
            for a in venue.accessibility
        ],
    }
    if venue.postcode:  # the standard needs every part of an address, or none
        area = selection.area_label(group.area)
        location["addresses"] = [
            {
                "id": uid(id_, "venue", n, "address"),
                "address_1": venue.address or venue.name,
                "city": area,
                "state_province": area,
                "postal_code": venue.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    location = _kept(location)
    return {"id": uid(id_, "at", n), "service_id": uid(id_), "location_id": location["id"], "location": location}


def _costs(id_: str, group: Group) -> list[dict[str, Any]]:
    cost = group.cost
    if cost is None:
        return []
    amount = {"free": Decimal(0), "donation": None, "fee": cost.amount}[cost.type]
    option = {"free": "Free", "donation": "Donation", "fee": "Fee"}[cost.type]
    out = {"id": uid(id_, "cost"), "option": option, "amount_description": cost.note, "currency": "GBP"}
    if amount is not None:
        out["amount"] = float(amount) if amount != amount.to_integral() else int(amount)
    return [_kept(out)]


def _category(id_: str, category: str, selection: Selection) -> dict[str, Any]:
    term = _term(category, selection.vocab.label("categories", category), selection.vocab.section(category),
                 selection.title)  # fmt: skip
    return {
        "id": uid(id_, "category", category),
        "link_id": uid(id_),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


@lru_cache(maxsize=256)
def _term(category: str, label: str, section: str, title: str) -> dict[str, Any]:
    """A category as a taxonomy term of the directory's vocabulary (the same for every service)."""
    taxonomy = shared_uid("taxonomy", "categories")
    return {
        "id": shared_uid("category", category),
        "code": category,
        "name": label,
        "description": f"{label}: {section}",
        "taxonomy": "assetdir-categories",
        "taxonomy_id": taxonomy,
        "taxonomy_detail": {
            "id": taxonomy,
            "name": "assetdir-categories",
            "description": f"The categories of {title}: the built-in vocabulary and the directory's own",
        },
    }
