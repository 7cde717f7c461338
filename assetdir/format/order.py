"""The key order of a group file: the format's example, top level and inside each block. `fmt`
writes keys in it and merges insert keys at their place in it."""

from __future__ import annotations

from collections.abc import Callable

TOP = [
    "name",
    "summary",
    "description",
    "status",
    "organisation",
    "categories",
    "audience",
    "area",
    "attending",
    "access",
    "age",
    "cost",
    "venues",
    "sessions",
    "closed",
    "bank_holidays",
    "contact",
    "offers",
    "needs",
    "partners",
    "languages",
    "last_checked",
    "checked_by",
    "merged_from",
    "private",
]


NESTED = {
    "venues": ["id", "name", "address", "postcode", "accessibility", "transport", "lat", "lon"],
    "sessions": [
        "by_arrangement",
        "days",
        "start",
        "end",
        "every",
        "weeks",
        "starting",
        "venue",
        "note",
        "from",
        "until",
        "closed",
        "bank_holidays",
    ],
    "contact": ["name", "phone", "email", "website"],
    "cost": ["type", "amount", "note"],
    "age": ["min", "max"],
    "private": ["contact", "notes"],
    "closed": ["from", "until", "note"],
    "offers": ["asset", "note"],
    "needs": ["asset", "note"],
}


def rank(order: list[str]) -> Callable[[tuple[int, str]], tuple[int, int]]:
    """Sort key of (position, key): the canonical place, then x- and other keys as they were."""
    return lambda item: (order.index(item[1]) if item[1] in order else len(order), item[0])
