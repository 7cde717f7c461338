"""What two groups are compared on, normalised once: the name's words, phones as digits, the
website without its scheme, postcodes in their normal form."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assetdir.format.values import as_id, normalise_postcode

# words people add or drop without meaning another group
FILLER = frozenset(["the", "and", "of", "for", "at", "a", "an", "in", "on", "with"])


# words written two ways for the same thing
SAME_WORD = {"luncheon": "lunch", "saint": "st", "center": "centre", "mtg": "meeting"}


@dataclass
class Likeness:
    """What a group is compared on, normalised once."""

    id: str
    name: str
    key: str
    words: frozenset[str]
    area: str
    status: str
    phones: dict[str, str]  # digits -> as written
    email: str
    website: str
    postcodes: frozenset[str]


def name_key(name: str) -> str:
    """A name as compared: 'The Luncheon Club!' -> 'lunch club'."""
    # a name in another script has no id letters: keep its own words, case-folded
    words = [SAME_WORD.get(w, w) for w in as_id(name).split("-") if w] or _own_words(name)
    kept = [w for w in words if w and w not in FILLER]
    return " ".join(kept or words)


def _own_words(name: str) -> list[str]:
    """Letters (with their marks) and digits, case-folded; anything else parts words."""
    return "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in name.casefold()).split()


def website_key(url: str) -> str:
    """'https://www.Example.org/lunch/' -> 'example.org/lunch'."""
    text = re.sub(r"^[a-z]+://", "", url.strip().lower())
    text = text.removeprefix("www.").split("#")[0]
    return text.rstrip("/")


def phone_digits(phone: str) -> str:
    """The digits that identify a UK number however written: '+44 1632 960123' -> '01632960123'."""
    digits = re.sub(r"\D", "", phone)  # the model has already normalised it; plain data may not be
    if phone.strip().startswith(("+44", "0044")):
        digits = "0" + digits.removeprefix("00").removeprefix("44")
    return digits


def postcode_key(postcode: str) -> str:
    """'as12ab' -> 'AS1 2AB', or as written (in capitals) if it is no UK postcode."""
    try:
        return normalise_postcode(postcode)
    except ValueError:  # pydantic's error is a ValueError
        return " ".join(postcode.upper().split())


def _get(group: Any, key: str) -> Any:
    return group.get(key) if isinstance(group, Mapping) else getattr(group, key, None)


def likeness(id_: str, group: Any) -> Likeness:
    contact = _get(group, "contact") or {}
    phone = _get(contact, "phone") or ""
    digits = phone_digits(phone)
    postcodes = {postcode_key(str(_get(v, "postcode"))) for v in _get(group, "venues") or [] if _get(v, "postcode")}
    key = name_key(str(_get(group, "name") or id_))
    return Likeness(
        id=id_,
        name=str(_get(group, "name") or id_),
        key=key,
        words=frozenset(key.split()),
        area=str(_get(group, "area") or ""),
        status=str(_get(group, "status") or "active"),
        phones={digits: phone} if digits else {},
        email=str(_get(contact, "email") or "").strip().lower(),
        website=website_key(str(_get(contact, "website") or "")),
        postcodes=frozenset(postcodes),
    )
