"""A spreadsheet row as a group: its cells by field (headers.py, or a --map file's columns),
its words matched to this directory, its free-text times read as sessions."""

from __future__ import annotations

from typing import Any

from assetdir.format.vocabulary import STATUSES
from assetdir.sources import mapping
from assetdir.sources.headers import field_of
from assetdir.sources.mapping import Draft, Fit
from assetdir.sources.spreadsheet import Row
from assetdir.sources.text import plain_text, summary_of
from assetdir.sources.times import parse_when


def from_row(row: Row, name: str, fit: Fit, columns: dict[str, str]) -> Draft:
    draft = Draft(f"{name} row {row.number}")
    if row.problems:
        draft.problem = "; ".join(row.problems)
        return draft
    cells: dict[str, Any] = {}
    for header, value in row.cells.items():
        found = field_of(header, columns)
        if found and found not in cells:
            cells[found] = value
        else:
            draft.keep(header, value if not isinstance(value, str) else " ".join(value.split()))
    text = {k: " ".join(str(v).split()) if not hasattr(v, "isoformat") else v for k, v in cells.items()}
    for key in ("name", "organisation", "transport"):
        if text.get(key):
            draft.data[key] = text[key]
    if text.get("description"):
        draft.data["description"] = plain_text(str(cells["description"]))
    if text.get("summary"):
        draft.data["summary"] = summary_of(text["summary"])
    mapping.match_area(draft, [text.get("area") or ""], fit)
    mapping.match_categories(draft, mapping.split_words(text.get("category") or ""), fit)
    if text.get("audience"):
        found = mapping.match_terms(draft, "audience", "audience", mapping.split_words(text["audience"]), fit)
        draft.data["audience"] = found or draft.data.pop("audience", [])
    _venue(draft, text, fit)
    _sessions(draft, text, fit)
    mapping.contact(draft, fit, text.get("phone"), text.get("email"), text.get("website"), text.get("contact"))
    if text.get("cost"):
        mapping.cost(draft, text["cost"])
    if text.get("last_checked"):
        mapping.checked_on(draft, cells["last_checked"], fit)
    status = str(text.get("status") or "").lower()
    if status in STATUSES:
        draft.data["status"] = status
    else:
        draft.keep("status", text.get("status"))
    return finish(draft)


def _venue(draft: Draft, text: dict[str, Any], fit: Fit) -> None:
    venue: dict[str, Any] = {}
    if text.get("venue"):
        venue["name"] = text["venue"]
    if text.get("address"):
        venue["address"] = text["address"]
        if "name" not in venue:
            venue["name"] = str(text["address"]).split(",")[0]
            draft.guesses.append(f'venues: named "{venue["name"]}" after its address')
    mapping.postcode(draft, text.get("postcode"), venue)
    access = text.get("accessibility")
    if access:
        said = str(access).strip().lower()
        if said in ("yes", "y", "true", "full", "fully accessible"):
            words = ["step-free"]
            draft.guesses.append(f'accessibility: "{access}" taken as step-free')
        else:
            words = mapping.split_words(str(access)) if said not in ("no", "n", "false", "none") else []
        found = mapping.match_terms(draft, "accessibility", "accessibility", words, fit)
        if found:
            venue["accessibility"] = found
    if "postcode" in venue and "name" not in venue:
        venue["name"] = venue["postcode"]
        draft.guesses.append(f'venues: named after its postcode "{venue["postcode"]}"')
    if "name" in venue:
        draft.data["venues"] = [venue]
    elif venue.get("accessibility"):
        draft.keep("accessibility", access)


def _sessions(draft: Draft, text: dict[str, Any], fit: Fit) -> None:
    days, time = str(text.get("days") or ""), str(text.get("time") or "")
    if text.get("start"):
        time = f"{text['start']} - {text['end']}" if text.get("end") else str(text["start"])
    said = " ".join(f"{days} {time}".split())
    if not said:
        return
    session = parse_when(said, draft.guesses)
    if session is None:
        draft.guesses.append(f'sessions: "{said}" not understood: kept as a note, to be written as days and times')
        session = {"by_arrangement": True, "note": said}
    draft.data["sessions"] = [session]


def finish(draft: Draft) -> Draft:
    """The fields every group needs, from what there is; the reason when one cannot be had."""
    data = draft.data
    if not data.get("name"):
        draft.problem = "no name (every group needs one)"
        return draft
    if not data.get("summary"):
        source = data.get("description") or ""
        data["summary"] = summary_of(source) if source else data["name"]
        draft.guesses.append("summary: from the description" if source else "summary: the name (no description)")
    if data.get("description") and " ".join(data["description"].split()) == data["summary"]:
        del data["description"]
    if not data.get("venues"):
        reach = [a for a, k in (("phone", "phone"), ("online", "website")) if k in data.get("contact", {})]
        data["attending"] = reach[:1] or ["phone"]
        draft.guesses.append(f"attending: {data['attending'][0]} (no venue given)")
    for key, what in (("area", "--area"), ("categories", "--category")):
        if key not in data:
            seen = draft.kept.get(key)
            found = f" ({seen!r} matched nothing here)" if seen else ""
            draft.problem = f"no {key[:-3] + 'y' if key == 'categories' else key}{found}: give {what} or a --map file"
            return draft
    return draft
