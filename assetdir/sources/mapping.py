"""What a careful person would do with a source record: its words matched to this directory's
areas and vocabulary, its phone, postcode, email and website checked as `validate` does, and
every guess and every value with no place in the format written down (a `Draft`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from assetdir.format.values import (
    as_id,
    check_email,
    check_website,
    normalise_phone,
    normalise_postcode,
    normalised,
)
from assetdir.format.vocabulary import Vocabulary


@dataclass
class Fit:
    """This directory's words, and what the command line says to fall back on."""

    areas: dict[str, str]  # id -> label
    vocab: Vocabulary
    synonyms: dict[str, list[str]]
    region: str
    today: dt.date
    area: str | None = None  # --area
    category: str | None = None  # --category
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # --map: kind -> {their word: our id}
    known: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> label, once worked out


@dataclass
class Draft:
    """One source record on its way to becoming a group."""

    where: str  # "groups.csv row 7", "feed.json record 3"
    data: dict[str, Any] = field(default_factory=dict)
    guesses: list[str] = field(default_factory=list)
    kept: dict[str, Any] = field(default_factory=dict)  # values with no place in the format, under x-<source>
    problem: str | None = None  # why it cannot become a group

    def keep(self, key: str, value: Any) -> None:
        if value not in (None, "", [], {}):
            self.kept[key] = value


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    return as_id(word).removesuffix("s")


def _find(word: str, known: dict[str, str], mapped: dict[str, str]) -> str | None:
    """The id `word` names: a --map value, an id, a label (any case, singular or plural)."""
    for theirs, ours in mapped.items():
        if _key(theirs) == _key(word):
            return ours
    wanted = _key(word)
    for id_, label in known.items():
        if wanted and wanted in (_key(id_), _key(label)):
            return id_
    return None


def labels(fit: Fit, kind: str) -> dict[str, str]:
    if kind == "areas":
        return fit.areas
    if kind not in fit.known:
        fit.known[kind] = {id_: fit.vocab.label(kind, id_) for id_ in fit.vocab.ids(kind)}
    return fit.known[kind]


def match_area(draft: Draft, words: list[str], fit: Fit) -> None:
    for word in (w for w in words if w):
        found = _find(word, fit.areas, fit.values.get("areas", {}))
        if found:
            if _key(word) not in (_key(found), _key(fit.areas[found])):
                draft.guesses.append(f'area: "{word}" taken as {found}')
            draft.data["area"] = found
            return
    if fit.area:
        draft.data["area"] = fit.area
        shown = ", ".join(f'"{w}"' for w in words if w)
        draft.guesses.append(f"area: {fit.area} (--area){f'; {shown} is no area here' if shown else ''}")
        draft.keep("area", "; ".join(w for w in words if w))
    else:
        draft.keep("area", "; ".join(w for w in words if w))


def split_words(text: str) -> list[str]:
    return [w.strip() for w in re.split(r"[,;/|\n]", text) if w.strip()]


def match_terms(draft: Draft, kind: str, key: str, words: list[str], fit: Fit) -> list[str]:
    """The ids of `kind` the words name (each guess listed); the rest kept aside under `key`."""
    known, mapped = labels(fit, kind), fit.values.get(kind, {})
    found, left = [], []
    for word in words:
        id_ = _find(word, known, mapped) or _by_synonym(word, known, fit)
        if id_ is None:
            id_ = next((i for i, label in known.items() if len(_key(label)) > 3 and _key(label) in as_id(word)), None)
            if id_:
                draft.guesses.append(f'{key}: "{word}" taken as {id_}')
        if id_ and id_ not in found:
            found.append(id_)
        elif not id_:
            left.append(word)
    if left:
        draft.keep(key, left)
    return found


def _by_synonym(word: str, known: dict[str, str], fit: Fit) -> str | None:
    for other in fit.synonyms.get(word.lower().strip(), []):
        found = _find(other, known, {})
        if found:
            return found
    return None


def match_categories(draft: Draft, words: list[str], fit: Fit) -> None:
    found = match_terms(draft, "categories", "categories", words, fit)
    if not found and fit.category:
        found = [fit.category]
        draft.guesses.append(f"categories: {fit.category} (--category)")
    if found:
        draft.data["categories"] = found


def contact(draft: Draft, fit: Fit, phone: Any = None, email: Any = None, website: Any = None, name: Any = None):
    """The public contact, each value in its normal form; one that is not valid kept aside with a guess."""
    out: dict[str, Any] = {}
    if name:
        out["name"] = " ".join(str(name).split())
    checks = (
        ("phone", phone, lambda v: normalise_phone(_phone_text(v), fit.region)),
        ("email", email, lambda v: check_email(str(v).removeprefix("mailto:"))),
        ("website", website, lambda v: check_website(_web(str(v)))),
    )
    for key, value, check in checks:
        if value in (None, ""):
            continue
        good = normalised(check, value)
        if good is None:
            draft.guesses.append(f'contact.{key}: "{value}" is not a valid {key}: kept aside')
            draft.keep(key, str(value))
        else:
            out[key] = good
    if out:
        draft.data["contact"] = out


def _phone_text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "0" + str(int(value))  # a spreadsheet read the number and dropped its 0
    text = str(value).strip().strip('"')
    return re.split(r"\s+(?:or|/|ext)\s+|,", text)[0]


def _web(text: str) -> str:
    text = text.strip()
    return text if "://" in text or not re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", text) else "https://" + text


def postcode(draft: Draft, value: Any, venue: dict[str, Any]) -> None:
    if value in (None, ""):
        return
    good = normalised(normalise_postcode, str(value))
    if good:
        venue["postcode"] = good
    else:
        draft.guesses.append(f'postcode: "{value}" is not a UK postcode: kept aside')
        draft.keep("postcode", str(value))


def cost(draft: Draft, text: Any, amount: Any = None, note: Any = None) -> None:
    """free, donation, or a fee with its amount, from a price written in words or a number;
    `note` is what the source says of it, when it says so apart."""
    words = " ".join(str(text or "").split())
    number = _amount(amount) if amount not in (None, "") else _amount(words)
    low = words.lower()
    if amount not in (None, "") and number:
        draft.data["cost"] = {"type": "fee", "amount": number}
    elif low.startswith("free") or number == 0:
        draft.data["cost"] = {"type": "free"}
    elif "donation" in low or "donate" in low:
        draft.data["cost"] = {"type": "donation"}
    elif "free" in low:
        draft.data["cost"] = {"type": "free"}
    elif number is not None:
        draft.data["cost"] = {"type": "fee", "amount": number}
    elif words:
        draft.keep("cost", words)
        return
    else:
        return
    if note is None:
        plain = words.lower() in ("free", "donation", "fee") or _amount_only(words)
        note = words if words and not plain else None
    note = " ".join(str(note or "").split())
    if note:
        draft.data["cost"]["note"] = note[:200]


def _amount(value: Any) -> Decimal | None:
    found = re.search(r"(\d+(?:\.\d{1,2})?)", str(value).replace(",", ""))
    if not found:
        return None
    try:
        number = Decimal(found[1])
    except InvalidOperation:
        return None
    return number.quantize(Decimal("0.01"))  # pounds and pence, as the format writes them


def _amount_only(words: str) -> bool:
    return bool(re.fullmatch(r"£?\s*\d+(?:\.\d{1,2})?\s*(?:p|per session|each)?", words.strip(), re.I))


def checked_on(draft: Draft, value: Any, fit: Fit) -> None:
    """last_checked from a date the source gives, unless it is in the future."""
    day = value if isinstance(value, dt.date) else None
    if day is None and value:
        text = str(value).strip()
        for form in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y"):
            try:
                day = dt.datetime.strptime(text[:10] if form == "%Y-%m-%d" else text, form).date()
                break
            except ValueError:
                continue
    if day is None:
        draft.keep("last_checked", value)
    elif day > fit.today:
        draft.guesses.append(f"last_checked: {day.isoformat()} is in the future: kept aside")
        draft.keep("last_checked", day.isoformat())
    else:
        draft.data["last_checked"] = day
