"""The text of a group file for the duplicate tests: only what a test names is in it."""

from __future__ import annotations

import json


def group(
    name: str,
    area: str = "northfield",
    phone: str = "",
    email: str = "",
    website: str = "",
    postcode: str = "",
    status: str = "active",
) -> str:
    """The text of a valid group file with just these details."""
    lines = [
        f"name: {name}",
        "summary: Something for older people.",
        "categories: [lunch-club]",
        f"area: {area}",
        f"status: {status}",
    ]
    lines += ["venues:", "  - name: The Hall", *([f"    postcode: {postcode}"] if postcode else [])]
    contact = [f"  {k}: {json.dumps(v)}" for k, v in (("phone", phone), ("email", email), ("website", website)) if v]
    if contact:
        lines += ["contact:", *contact]
    return "\n".join(lines) + "\n"
