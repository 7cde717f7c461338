"""An Open Referral service (v1 or 3.0, read by `oruk.py` or `hsds.py`) as a group."""

from __future__ import annotations

import datetime as dt
from typing import Any

from assetdir.format.languages import NAMES
from assetdir.format.values import ID_RE, as_id
from assetdir.sources import hsds, mapping, oruk
from assetdir.sources.mapping import Draft, Fit
from assetdir.sources.rows import finish
from assetdir.sources.text import plain_text, summary_of
from assetdir.sources.times import from_schedule, parse_when

_STATUS = {"active": "active", "inactive": "closed", "defunct": "closed", "temporarily closed": "paused"}
_LANGUAGES = {name.lower(): code for code, name in NAMES.items()}


def from_service(data: dict, kind: str, where: str, fit: Fit) -> Draft:
    s = (oruk if kind == "oruk1" else hsds).service(data)
    draft = Draft(where)
    for key, value in s.pop("kept").items():
        draft.keep(key, value)
    if data.get("id"):
        draft.kept["id"] = str(data["id"])
    if isinstance(s["name"], str) and s["name"].strip():
        draft.data["name"] = " ".join(s["name"].split())
    _text(draft, s)
    status = _STATUS.get(str(s["status"] or "active").strip().lower())
    if status and status != "active":
        draft.data["status"] = status
    if s["organisation"]:
        draft.data["organisation"] = " ".join(str(s["organisation"]).split())
    localities = [str(v.get("locality") or "") for v in s["venues"]]
    mapping.match_area(draft, [str(a or "") for a in s["areas"]] + localities, fit)
    mapping.match_categories(draft, [str(t) for t in s["terms"] if t], fit)
    _venues(draft, s["venues"], fit)
    _sessions(draft, s["schedules"], fit)
    _closures(draft, s["holidays"])
    phone = next(iter(s["phones"]), None)
    mapping.contact(draft, fit, phone, s["email"], s["url"], s["contact_name"])
    _cost(draft, s)
    _languages(draft, s["languages"])
    _ages(draft, s)
    if s["assured"]:
        mapping.checked_on(draft, s["assured"], fit)
    return finish(draft)


def _text(draft: Draft, s: dict[str, Any]) -> None:
    """The summary: the description's first paragraph when it is short (the rest is the description),
    else its first sentence (and the description whole)."""
    text = plain_text(s["description"]) if isinstance(s["description"], str) else ""
    short = plain_text(s["short"]) if isinstance(s["short"], str) else ""
    if short:
        draft.data["summary"] = summary_of(short)
        if text and text != draft.data["summary"]:
            draft.data["description"] = text
        return
    if not text:
        return
    first, _, rest = text.partition("\n\n")
    if len(first) <= 160 and "\n" not in first:
        draft.data["summary"] = first
        if rest:
            draft.data["description"] = rest
        draft.guesses.append("summary: the description's first paragraph")
    else:
        draft.data["description"] = text
        draft.data["summary"] = summary_of(text)
        draft.guesses.append("summary: the description's first sentence")


def _venues(draft: Draft, venues: list[dict[str, Any]], fit: Fit) -> None:
    out = []
    for place in venues:
        venue: dict[str, Any] = {}
        name = " ".join(str(place.get("name") or "").split()) or " ".join(str(place.get("address") or "").split())
        if not name:
            continue
        if place.get("id") and ID_RE.match(str(place["id"])):
            venue["id"] = str(place["id"])
        venue["name"] = name
        if place.get("address"):
            venue["address"] = " ".join(str(place["address"]).split())
        mapping.postcode(draft, place.get("postcode"), venue)
        words = [str(a) for a in place.get("accessibility") or [] if a]
        found = mapping.match_terms(draft, "accessibility", "accessibility", words, fit)
        if found:
            venue["accessibility"] = found
        if place.get("transport"):
            venue["transport"] = " ".join(str(place["transport"]).split())
        lat, lon = place.get("lat"), place.get("lon")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and abs(lat) <= 90 and abs(lon) <= 180:
            venue |= {"lat": lat, "lon": lon}
        out.append(venue)
    if out:
        draft.data["venues"] = out


def _sessions(draft: Draft, schedules: list[dict], fit: Fit) -> None:
    sessions = []
    for rule in schedules:
        session = from_schedule(rule, draft.guesses)
        said = " ".join(str(rule.get("description") or "").split())
        if session is None and said:
            session = parse_when(said, draft.guesses)
        note = " ".join(str(rule.get("notes") or "").split())
        if session is None and not rule.get("byday") and not rule.get("opens_at") and (note or said):
            session = {"by_arrangement": True}  # no fixed time: what it says is the note
            note = note or said
        if session is None:
            draft.guesses.append("sessions: a schedule not understood: kept aside")
            draft.kept.setdefault("schedules", []).append(rule)
            continue
        if note:
            session["note"] = note
        if isinstance(rule.get("venue"), int) and not session.get("by_arrangement"):
            session["venue"] = _venue_id(draft, rule["venue"])
        if session not in sessions:
            sessions.append(session)
    if sessions:
        draft.data["sessions"] = sessions


def _closures(draft: Draft, holidays: list[dict]) -> None:
    """Holiday schedules that say the service is closed become `closed:` periods; the others (opening
    at other times on a holiday) are kept aside."""
    closed = []
    for rule in holidays:
        first, last = _day(rule.get("start_date")), _day(rule.get("end_date"))
        if rule.get("closed") is True and first and (last is None or last >= first):
            closed.append({"from": first, **({"until": last} if last and last != first else {})})
        else:
            draft.kept.setdefault("holiday_schedules", []).append(rule)
    if closed:
        draft.data["closed"] = closed
        draft.guesses.append(f"closed: {len(closed)} from the feed's holiday schedules")


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _cost(draft: Draft, s: dict[str, Any]) -> None:
    options = s["costs"]
    if options:
        first = options[0]
        words = " ".join(str(first.get(k) or "") for k in ("option", "amount_description"))
        mapping.cost(draft, words, first.get("amount"), first.get("amount_description"))
        if len(options) > 1:
            draft.keep("cost_options", options[1:])
    elif s["fees"]:
        mapping.cost(draft, plain_text(str(s["fees"])))


def _languages(draft: Draft, said: list[Any]) -> None:
    codes = []
    for word in (str(w).strip() for w in said if w):
        code = word.lower() if word.lower() in NAMES else _LANGUAGES.get(word.lower())
        if code and code not in codes:
            codes.append(code)
        elif not code:
            draft.kept.setdefault("languages", []).append(word)
    if codes and codes != ["en"]:
        draft.data["languages"] = codes


def _ages(draft: Draft, s: dict[str, Any]) -> None:
    age = {k: int(s[f"age_{k}"]) for k in ("min", "max") if isinstance(s[f"age_{k}"], (int, float))}
    age = {k: v for k, v in age.items() if 0 <= v <= 120}
    if age.get("max") == 120 or (age.get("min") == 0 and "max" not in age):
        age.pop("max" if age.get("max") == 120 else "min")
    if age:
        draft.data["age"] = age


def source_key(kind: str) -> str:
    return "x-" + as_id({"oruk1": "oruk", "hsds3": "hsds"}.get(kind, "spreadsheet"))


def _venue_id(draft: Draft, n: int) -> str:
    """The id of the venue a schedule is at, given one from its name when it has none."""
    venue = draft.data["venues"][n]
    if "id" not in venue:
        taken = {v.get("id") for v in draft.data["venues"]}
        venue["id"] = next(i for i in (as_id(venue["name"]) or "venue", f"venue-{n + 1}") if i not in taken)
    return venue["id"]
