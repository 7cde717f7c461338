"""The directory as CSV, one row per group (RFC 4180, UTF-8), safe to open in a spreadsheet."""

from __future__ import annotations

from assetdir.export.cells import to_csv
from assetdir.format.languages import NAMES
from assetdir.format.models import Group
from assetdir.format.vocabulary import WEEKDAYS
from assetdir.query.select import PRIVATE_MARK, Selection
from assetdir.visible import visible
from assetdir.words import ACCESS, cost, when

# documented in the README, in this order; new columns go at the end
COLUMNS = [
    "id",
    "name",
    "summary",
    "status",
    "categories",
    "area",
    "when",
    "days",
    "venue",
    "address",
    "postcode",
    "accessibility",
    "transport",
    "cost",
    "access",
    "audience",
    "contact_name",
    "phone",
    "email",
    "website",
    "languages",
    "last_checked",
]
PRIVATE_COLUMNS = ["private_name", "private_phone", "private_email", "private_notes"]


def to_table(selection: Selection, excel: bool = False) -> str:
    """`excel`: a byte-order mark so Excel reads UTF-8, and line breaks in cells made "; ".
    Control characters are shown (\\x1b), not written: a cell is printed or pasted too."""
    rows = [[_flat(v) if excel else v for v in _row(id_, group, selection)] for id_, group in sorted(selection.groups)]
    if selection.include_private:  # the warning on every row, so no copied part of a sheet loses it
        columns = [*COLUMNS, "warning", *PRIVATE_COLUMNS]
        rows = [[*row[: len(COLUMNS)], PRIVATE_MARK, *row[len(COLUMNS) :]] for row in rows]
    else:
        columns = COLUMNS
        rows = [row[: len(COLUMNS)] for row in rows]
    return ("\ufeff" if excel else "") + visible(to_csv([columns, *rows]))


def _row(id_: str, group: Group, selection: Selection) -> list[str]:
    vocab = selection.vocab
    venues = group.venues
    contact = group.contact
    private = group.private
    pc = private.contact if private else None
    return [
        id_,
        group.name,
        group.summary,
        group.status,
        "; ".join(vocab.label("categories", c) for c in group.categories),
        selection.area_label(group.area),
        "\n".join(when(s) for s in group.sessions),
        "; ".join(d.title() for d in WEEKDAYS if any(d in s.days for s in group.sessions)),
        "\n".join(v.name for v in venues),
        "\n".join(v.address or "" for v in venues).strip("\n"),
        "\n".join(v.postcode or "" for v in venues).strip("\n"),
        "\n".join("; ".join(vocab.label("accessibility", a) for a in v.accessibility) for v in venues).strip("\n"),
        "\n".join(v.transport or "" for v in venues).strip("\n"),
        cost(group),
        ACCESS[group.access],
        "; ".join(vocab.label("audience", a) for a in group.audience),
        (contact.name if contact else None) or "",
        (contact.phone if contact else None) or "",
        (contact.email if contact else None) or "",
        (contact.website if contact else None) or "",
        "; ".join(NAMES.get(code, code) for code in group.languages),
        group.last_checked.isoformat() if group.last_checked else "",
        (pc.name if pc else None) or "",
        (pc.phone if pc else None) or "",
        (pc.email if pc else None) or "",
        (private.notes if private else None) or "",
    ]


def _flat(value: str) -> str:
    return "; ".join(line.strip() for line in value.splitlines() if line.strip())
