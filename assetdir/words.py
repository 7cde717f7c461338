"""A group as labelled lines of plain text, for `show` (and the printed exports)."""

from __future__ import annotations

from assetdir.format.languages import NAMES
from assetdir.format.models import AssetItem, Group, Venue
from assetdir.format.vocabulary import Vocabulary
from assetdir.query.dates import and_list, group_when

ATTENDING = {"venue": "in person", "phone": "by phone", "online": "online", "home-visit": "home visits"}
ACCESS = {
    "drop-in": "Drop in, no need to book",
    "booking": "Please book first",
    "referral": "By referral",
    "membership": "Members (ask about joining)",
}
STATUS = {"paused": "Paused for now", "closed": "Closed", "do-not-list": "Not for listing"}


def paragraphs(text: str) -> str:
    """Plain text as written in a `|` block: lines joined, blank line = new paragraph."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def cost(group: Group, notes: bool = True) -> str:
    if group.cost is None:
        return ""
    text = {"free": "Free", "donation": "Donation welcome", "fee": "£{:.2f}"}[group.cost.type]
    if group.cost.type == "fee" and group.cost.amount is not None:
        text = text.format(group.cost.amount)
    return f"{text} ({group.cost.note})" if group.cost.note and notes else text


def venue_text(venue: Venue, vocab: Vocabulary) -> str:
    where = ", ".join(x for x in (venue.name, venue.address, venue.postcode) if x)
    extras = [", ".join(vocab.label("accessibility", a) for a in venue.accessibility)] if venue.accessibility else []
    if venue.transport:
        extras.append(venue.transport)
    return where + "".join(f". {e}" for e in extras)


def assets(items: list[AssetItem], vocab: Vocabulary) -> str:
    return "; ".join(
        vocab.label("offers-needs", i.asset) + (f" ({i.note})" if i.note else "") for i in items
    )


def describe(group: Group, vocab: Vocabulary, areas: dict[str, str] | None, include_private: bool = False) -> list[tuple[str, str]]:
    """(label, text) pairs in reading order; empty fields left out."""
    contact = group.contact
    rows: list[tuple[str, str]] = [
        ("Status", STATUS.get(group.status, "")),
        ("About", group.summary),
        ("Details", paragraphs(group.description or "")),
        ("Run by", group.organisation or ""),
        ("Area", (areas or {}).get(group.area, group.area)),
        ("Categories", ", ".join(vocab.label("categories", c) for c in group.categories)),
        ("For", ", ".join(vocab.label("audience", a) for a in group.audience)),
        ("Ages", _ages(group)),
        ("When", "\n".join(group_when(group))),
    ]
    rows += [("Where", venue_text(v, vocab)) for v in group.venues]
    rows += [
        ("How", ", ".join(ATTENDING[a] for a in group.attending) + ". " + ACCESS[group.access]),
        ("Cost", cost(group)),
        ("Contact", ", ".join(x for x in (contact.name, contact.phone, contact.email, contact.website) if x) if contact else ""),
        ("Languages", and_list([NAMES.get(code, code) for code in group.languages]) if group.languages != ["en"] else ""),
        ("Offers", assets(group.offers, vocab)),
        ("Needs", assets(group.needs, vocab)),
        ("Partners", ", ".join(group.partners)),
        ("Last checked", f"{group.last_checked}" + (f" ({group.checked_by})" if group.checked_by else "") if group.last_checked else "never"),
    ]
    if include_private and group.private:
        private = group.private.contact
        if private:
            rows.append(("Private contact", ", ".join(x for x in (private.name, private.phone, private.email) if x)))
        rows.append(("Private notes", group.private.notes or ""))
    return [(label, text) for label, text in rows if text]


def _ages(group: Group) -> str:
    if group.age is None:
        return ""
    low, high = group.age.min, group.age.max
    if low is not None and high is not None:
        return f"{low} to {high}"
    return f"{low} and over" if low is not None else f"up to {high}"
