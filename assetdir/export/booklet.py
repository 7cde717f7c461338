"""A printed directory laid out once, for text, HTML and PDF: sections, entries and indexes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdir.languages import NAMES
from assetdir.models import WEEKDAYS
from assetdir.render import ACCESS, ATTENDING, STATUS, cost
from assetdir.schedule import and_list, long_date, times, when
from assetdir.vocabulary import in_sentence

if TYPE_CHECKING:
    from assetdir.export.select import Selection
    from assetdir.models import Group, Session, Venue

GROUP_BY = ("category", "area", "day")
NO_FIXED_DAY = "By arrangement, or contact for times"


@dataclass
class Entry:
    """One group as printed: its name and (label, text) lines in reading order."""

    id: str
    anchor: str  # unique in the document: a group is under each day it meets
    name: str
    fields: list[tuple[str, str]]
    group: Group  # for what a format shows its own way: links, say


@dataclass
class Section:
    heading: str
    anchor: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Listing:
    """One line of an index: a time or area, the group, and where its entry is."""

    lead: str
    name: str
    anchor: str
    note: str = ""


@dataclass
class Booklet:
    title: str
    as_of: str  # "27 November 2026"
    asked: list[str]
    private: bool
    sections: list[Section]
    days: list[tuple[str, list[Listing]]]  # "What's on each day"
    areas: list[tuple[str, list[Listing]]]
    count: int


def layout(selection: Selection, group_by: str = "category") -> Booklet:
    groups = selection.groups
    sections = {"category": _by_category, "area": _by_area, "day": _by_day}[group_by](selection)
    first = {}
    for section in sections:
        for entry in section.entries:
            first.setdefault(entry.id, entry.anchor)
    return Booklet(
        title=selection.title,
        as_of=long_date(selection.as_of),
        asked=selection.asked,
        private=selection.include_private,
        sections=[s for s in sections if s.entries],
        days=_day_index(groups, first, selection),
        areas=[
            (label, [Listing("", g.name, first[id_]) for id_, g in groups if g.area == area])
            for area, label in selection.areas.items()
        ],
        count=len(groups),
    )


def _by_category(selection: Selection) -> list[Section]:
    vocab = selection.vocab
    order = [*vocab.sections, "Other"]
    sections = {name: Section(name, _anchor("s", name)) for name in order}
    for id_, group in selection.groups:
        sections[vocab.section(group.categories[0])].entries.append(entry(id_, group, selection))
    return list(sections.values())


def _by_area(selection: Selection) -> list[Section]:
    sections = {area: Section(label, _anchor("a", area)) for area, label in selection.areas.items()}
    for id_, group in selection.groups:
        sections[group.area].entries.append(entry(id_, group, selection))
    return list(sections.values())


def _by_day(selection: Selection) -> list[Section]:
    sections = {day: Section(day.title(), _anchor("d", day)) for day in [*WEEKDAYS, "none"]}
    sections["none"].heading = NO_FIXED_DAY
    timed: dict[str, list[tuple[str, str, Entry]]] = {day: [] for day in WEEKDAYS}
    for id_, group in selection.groups:
        days = {d: min(s.start or "" for s in group.sessions if d in s.days) for d in _days(group)}
        for day, start in days.items():
            timed[day].append((start, group.name.casefold(), entry(id_, group, selection, f"g-{id_}--{day}")))  # ids never hold "--"
        if not days:
            sections["none"].entries.append(entry(id_, group, selection))
    for day, items in timed.items():
        sections[day].entries = [e for *_, e in sorted(items, key=lambda x: (x[0], x[1]))]
    return list(sections.values())


def _days(group: Group) -> list[str]:
    return [d for d in WEEKDAYS if any(d in s.days for s in group.sessions if not s.by_arrangement)]


def _anchor(kind: str, text: str) -> str:
    return kind + "-" + "".join(c if c.isalnum() else "-" for c in text.lower())


def _day_index(groups: list[tuple[str, Group]], first: dict[str, str], selection: Selection) -> list[tuple[str, list[Listing]]]:
    out = []
    for day in WEEKDAYS:
        items = []
        for id_, group in groups:
            for session in group.sessions:
                if day in session.days and not session.by_arrangement:
                    items.append((session.start or "", Listing(times(session), group.name, first[id_], _how_often(session, day, selection.area_label(group.area)))))
        if items:
            out.append((day.title(), [listing for _, listing in sorted(items, key=lambda x: (x[0], x[1].name.casefold()))]))
    return out


def _how_often(session: Session, day: str, area: str) -> str:
    if session.every == "fortnight":
        return f"{area}; every other week"
    if session.every == "month":
        weeks = sorted(session.weeks or [], key=lambda w: (w < 0, w))
        ordinals = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}
        return f"{area}; {and_list([ordinals[w] for w in weeks])} {day.title()} of the month"
    return area


def entry(id_: str, group: Group, selection: Selection, anchor: str | None = None) -> Entry:
    """A group's printed lines: what a reader needs to decide, find it and get in touch."""
    vocab = selection.vocab
    fields = [("Status", STATUS.get(group.status, "")), ("About", group.summary), ("When", "\n".join(when(s) for s in group.sessions) or "Contact for times")]
    fields += [("Where", _where(v, vocab)) for v in group.venues]
    other_ways = [ATTENDING[a] for a in group.attending if a != "venue"]
    if other_ways:
        fields.append(("Also" if group.venues else "How", and_list(other_ways).capitalize()))
    fields.append(("Cost", cost(group)))
    fields.append(("Contact", _contact(group)))
    fields.append(("Access", _access(group, vocab)))
    if group.languages != ["en"]:
        fields.append(("Languages", and_list([NAMES.get(code, code) for code in group.languages])))
    fields.append(("Checked", f"Details last checked {long_date(group.last_checked)}" if group.last_checked else "Details not yet checked"))
    if selection.include_private and group.private:
        private = group.private
        if private.contact:
            fields.append(("Private contact", ", ".join(x for x in (private.contact.name, private.contact.phone, private.contact.email) if x)))
        if private.notes:
            fields.append(("Private notes", private.notes))
    return Entry(id_, anchor or f"g-{id_}", group.name, [(label, text) for label, text in fields if text], group)


def _where(venue: Venue, vocab: object) -> str:
    lines = [", ".join(x for x in (venue.name, venue.address, venue.postcode) if x)]
    if venue.accessibility:
        lines.append(", ".join(vocab.label("accessibility", a) for a in venue.accessibility))  # type: ignore[attr-defined]
    if venue.transport:
        lines.append(venue.transport)
    return "\n".join(lines)


def _contact(group: Group) -> str:
    c = group.contact
    if c is None:
        return ""
    lines = [f"Ask for {c.name}" if c.name else "", f"Phone {c.phone}" if c.phone else "", f"Email {c.email}" if c.email else "", f"Website {c.website}" if c.website else ""]
    return "\n".join(x for x in lines if x)


def _access(group: Group, vocab: object) -> str:
    parts = [ACCESS[group.access]]
    if group.audience:
        labels = [vocab.label("audience", a) for a in group.audience]  # type: ignore[attr-defined]
        parts.append("For " + and_list([in_sentence(x) for x in labels]))
    if group.age is not None:
        low, high = group.age.min, group.age.max
        parts.append(f"Ages {low} to {high}" if low is not None and high is not None else f"Ages {low} and over" if low is not None else f"Up to age {high}")
    return ". ".join(parts)
