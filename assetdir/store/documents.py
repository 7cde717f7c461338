"""What the index keeps of a valid group for search: words, facts and a result card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assetdir.format.data import as_data
from assetdir.format.models import Group
from assetdir.words import cost, group_when

if TYPE_CHECKING:
    from assetdir.format.vocabulary import Vocabulary
    from assetdir.store.directory import Directory


@dataclass
class SearchDoc:
    card: dict[str, Any]  # name, area, when, cost, phone...: one line of results
    data: dict[str, Any]  # the whole group as the format writes it (private included)
    sessions: list[dict[str, Any]]
    facts: list[tuple[str, str]]  # (kind, value) for filters
    text: tuple[str, ...]  # the searched words, one text per column of database.FTS_COLUMNS


def describe_for_index(group: Group, id_: str, directory: Directory) -> SearchDoc:
    vocab = directory.vocabulary
    areas = directory.areas or {}
    area_label = areas.get(group.area, group.area.replace("-", " ").title())
    days = sorted({d for s in group.sessions for d in s.days})
    card = {
        "id": id_,
        "name": group.name,
        "summary": group.summary,
        "area": area_label,
        "when": "; ".join(group_when(group)),
        "times": "; ".join(group_when(group, notes=False)),  # short, for a table
        "cost": cost(group),
        "price": cost(group, notes=False),
        "phone": group.contact.phone if group.contact and group.contact.phone else "",
        "status": group.status,
    }
    facts: list[tuple[str, str]] = [("status", group.status), ("area", group.area), ("access", group.access)]
    facts += [("category", c) for c in group.categories]
    facts += [("section", vocab.section(c).lower()) for c in group.categories]
    facts += [("audience", a) for a in group.audience]
    facts += [("attending", a) for a in group.attending]
    facts += [("day", d) for d in days]
    facts += [("offers", o.asset) for o in group.offers] + [("needs", n.asset) for n in group.needs]
    facts += [("accessible", f"{i}:{a}") for i, v in enumerate(group.venues) for a in v.accessibility]
    if group.cost is not None:
        facts.append(("cost", group.cost.type))
        if group.cost.amount is not None:
            facts.append(("amount", f"{group.cost.amount:09.2f}"))  # zero-padded: compares as text
    facts += [("place", f"{v.lat:.5f},{v.lon:.5f}") for v in group.venues if v.lat is not None and v.lon is not None]
    return_text = _text(group, vocab, area_label)
    sessions = [s.model_dump(mode="json", by_alias=True, exclude_defaults=True) for s in group.sessions]
    return SearchDoc(card, as_data(group), sessions, facts, return_text)


def _text(group: Group, vocab: Vocabulary, area_label: str) -> tuple[str, ...]:
    """The searched words, one text per column of the full-text table (`database.FTS_COLUMNS`).

    What a group does is kept apart from where it is: a synonym ("exercise" for "walk") is
    matched against what it does, never against "five minutes' walk from the bus station"."""
    from assetdir.words import languages

    concepts = [
        *(f"{c.replace('-', ' ')} {vocab.label('categories', c)}" for c in group.categories),
        *(f"{a.replace('-', ' ')} {vocab.label('audience', a)}" for a in group.audience),
        *(f"offers {vocab.label('offers-needs', o.asset)}" for o in group.offers),
        *(f"needs {vocab.label('offers-needs', n.asset)}" for n in group.needs),
        languages(group.languages),
        " ".join(a.replace("-", " ") for a in group.attending if a != "venue"),
        group.cost.type if group.cost and group.cost.type != "fee" else "",
    ]
    description = [group.description or "", group.organisation or ""]
    description += [s.note for s in group.sessions if s.note]
    description += [o.note for o in (*group.offers, *group.needs) if o.note]
    # a venue's access features are wishes ("wheelchair"), never words of the need: "dementia
    # friendly" is not dementia support
    places = [" ".join(x for x in (v.name, v.address, v.postcode, v.transport) if x) for v in group.venues]
    broad = sorted({vocab.section(c) for c in group.categories})
    area = f"{group.area.replace('-', ' ')} {area_label}"
    return (
        group.name,
        group.summary,
        "\n".join(c for c in concepts if c),
        area,
        "\n".join(d for d in description if d),
        "\n".join(places),
        " ".join(broad),
    )
