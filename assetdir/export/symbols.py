"""The symbols a reader looks for first (step-free, accessible toilet, hearing loop, parking, free,
booking needed): which a group has, the words beside each, and each one as a small inline SVG.

A symbol is never shown alone: its words are always printed beside it, and the key explains it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assetdir.format.models import Group
    from assetdir.format.vocabulary import Vocabulary

_STROKE = 'fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"'
# id -> (what the key says, the drawing inside a 24 x 24 box: lines only, no text to scale or read)
SYMBOLS = {
    "step-free": (
        "No steps between the street and the room: suits wheelchairs and walking frames.",
        f'<circle cx="11" cy="4" r="2" fill="currentColor"/><path {_STROKE} d="M11 7v7h6l2 6M11 10h5"/>'
        f'<path {_STROKE} d="M8 11a6 6 0 1 0 8 7"/>',
    ),
    "accessible-toilet": (
        "A toilet with room for a wheelchair and grab rails.",
        f'<rect x="2" y="4" width="20" height="16" rx="2" {_STROKE}/>'
        f'<path {_STROKE} d="M4.5 8.5l1.5 7 2-5 2 5 1.5-7M18.5 9.5a3 3.5 0 1 0 0 5"/>',
    ),
    "hearing-loop": (
        "A hearing aid set to T picks up the speaker directly, without background noise.",
        f'<path {_STROKE} d="M7 9a5 5 0 1 1 9 3c-1 1.5-3 2-3 4a3 3 0 0 1-5 2"/>'
        f'<path {_STROKE} d="M10 9a2 2 0 1 1 3 1.5"/>'
        f'<path {_STROKE} d="M16.5 15.5h5M19 15.5v6"/>',
    ),
    "parking": (
        "Somewhere to park at or near the venue (blue badge bays where it says disabled parking).",
        f'<rect x="3" y="3" width="18" height="18" rx="3" {_STROKE}/>'
        f'<path {_STROKE} d="M9.5 17V7h3.5a3 3 0 0 1 0 6H9.5"/>',
    ),
    "free": (
        "Nothing to pay.",
        f'<circle cx="12" cy="12" r="9.5" {_STROKE}/>'
        f'<path {_STROKE} d="M15 8.5a2.8 2.8 0 0 0-5 1.5v6.5H8.5h7M8.5 12.5h5"/>',
    ),
    "booking": (
        "Ring or email before you go: places are booked.",
        f'<rect x="3" y="5" width="18" height="16" rx="2" {_STROKE}/><path {_STROKE} d="M3 10h18M8 3v4M16 3v4"/>'
        f'<path {_STROKE} d="M8 15l3 3 5-5"/>',
    ),
}
WORDS = {"free": "Free", "booking": "Please book first"}
_PARKING = ("parking", "disabled-parking")


def symbols_of(group: Group, vocab: Vocabulary) -> list[tuple[str, str]]:
    """(symbol id, words) for what this group has, in the key's order."""
    features = {a for v in group.venues for a in v.accessibility}
    out = []
    for id_ in ["step-free", "accessible-toilet", "hearing-loop"]:
        if id_ in features:
            out.append((id_, vocab.label("accessibility", id_)))
    parking = [p for p in _PARKING if p in features]
    if parking:
        out.append(("parking", vocab.label("accessibility", parking[-1])))
    if group.cost is not None and group.cost.type == "free":
        out.append(("free", WORDS["free"]))
    if group.access == "booking":
        out.append(("booking", WORDS["booking"]))
    return out


def svg(id_: str) -> str:
    """The symbol as inline SVG, hidden from screen readers: its words are beside it."""
    return (
        f'<svg class="symbol" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
        f"{SYMBOLS[id_][1]}</svg>"
    )
