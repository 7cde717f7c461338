"""A printed directory laid out once, for text, HTML and PDF: sections, entries and indexes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdir.format.languages import NAMES
from assetdir.format.vocabulary import WEEKDAYS, in_sentence
from assetdir.query.dates import occurs_on
from assetdir.words import ACCESS, ATTENDING, STATUS, and_list, cost, long_date, times, weeks_of_month, when

if TYPE_CHECKING:
    from assetdir.format.models import Group, Session, Venue
    from assetdir.format.vocabulary import Vocabulary
    from assetdir.query.select import Selection

GROUP_BY = ("category", "area", "day")
NBSP = "\u00a0"  # keeps a postcode or phone number on one line
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
    features: list[tuple[str, str]] = field(default_factory=list)  # (id, label) of the access features used


def layout(selection: Selection, group_by: str = "category") -> Booklet:
    groups = selection.groups
    sections = {"category": _by_category, "area": _by_area, "day": _by_day}[group_by](selection)
    first = {}
    for section in sections:
        for entry in section.entries:
            first.setdefault(entry.id, entry.anchor)
    # an index that would repeat the sections, or list one area, is left out
    days = _day_index(groups, first, selection) if group_by != "day" else []
    areas = (
        [
            (label, [Listing("", g.name, first[id_]) for id_, g in groups if g.area == area])
            for area, label in selection.areas.items()
        ]
        if group_by != "area" and len(selection.areas) > 1
        else []
    )
    return Booklet(
        title=selection.title,
        as_of=long_date(selection.as_of),
        asked=selection.asked,
        private=selection.include_private,
        sections=[s for s in sections if s.entries],
        days=days,
        areas=areas,
        count=len(groups),
        features=[
            (a, selection.vocab.label("accessibility", a))
            for a in selection.vocab.accessibility
            if any(a in v.accessibility for _, g in groups for v in g.venues)
        ],
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
        days: dict[str, str] = {}
        for day, session in _timed(group, selection):
            days[day] = min(days.get(day, "99:99"), session.start or "")
        for day, start in days.items():
            timed[day].append(
                (start, group.name.casefold(), entry(id_, group, selection, f"g-{id_}--{day}"))
            )  # ids never hold "--"
        if not days and selection.days is None and selection.on is None:
            sections["none"].entries.append(entry(id_, group, selection))
    for day, items in timed.items():
        sections[day].entries = [e for *_, e in sorted(items, key=lambda x: (x[0], x[1]))]
    return list(sections.values())


def _timed(group: Group, selection: Selection) -> list[tuple[str, Session]]:
    """(weekday, session) for each day a session runs: not ended, on the days or date asked for."""
    out = []
    for session in group.sessions:
        if session.by_arrangement or (session.until and session.until < selection.as_of):
            continue
        if selection.on and not occurs_on(session.model_dump(mode="json", by_alias=True), selection.on):
            continue
        out += [(day, session) for day in session.days if selection.days is None or day in selection.days]
    return out


def _anchor(kind: str, text: str) -> str:
    return kind + "-" + "".join(c if c.isalnum() else "-" for c in text.lower())


def _day_index(
    groups: list[tuple[str, Group]], first: dict[str, str], selection: Selection
) -> list[tuple[str, list[Listing]]]:
    by_day: dict[str, list[tuple[str, Listing]]] = {day: [] for day in WEEKDAYS}
    for id_, group in groups:
        for day, session in _timed(group, selection):
            note = _how_often(session, day, group, selection)
            by_day[day].append((session.start or "", Listing(times(session), group.name, first[id_], note)))
    return [
        (day.title(), [listing for _, listing in sorted(items, key=lambda x: (x[0], x[1].name.casefold()))])
        for day, items in by_day.items()
        if items
    ]


def _how_often(session: Session, day: str, group: Group, selection: Selection) -> str:
    """The area, then what a reader must know before going: how often, since or until when, paused."""
    words = [selection.area_label(group.area)]
    if session.every == "fortnight":
        words.append("every other week")
    elif session.every == "month":
        words.append(f"{weeks_of_month(session)} {day.title()} of the month")
    if session.from_ and session.from_ > selection.as_of:
        words.append(f"from {long_date(session.from_)}")
    if session.until:
        words.append(f"until {long_date(session.until)}")
    if group.status != "active":
        words.append(STATUS[group.status].lower())
    return "; ".join(words)


def entry(id_: str, group: Group, selection: Selection, anchor: str | None = None) -> Entry:
    """A group's printed lines: what a reader needs to decide, find it and get in touch."""
    vocab = selection.vocab
    fields = [("Status", STATUS.get(group.status, "")), ("About", group.summary), ("When", _when(group))]
    fields += [("Where", _where(v, vocab)) for v in group.venues]
    other_ways = [ATTENDING[a] for a in group.attending if a != "venue"]
    if other_ways:
        fields.append(("Also" if group.venues else "How", and_list(other_ways).capitalize()))
    fields.append(("Cost", cost(group)))
    fields.append(("Contact", _contact(group)))
    fields.append(("Access", _access(group, vocab)))
    if group.languages != ["en"]:
        fields.append(("Languages", and_list([NAMES.get(code, code) for code in group.languages])))
    fields.append(("Checked", long_date(group.last_checked) if group.last_checked else "Not yet checked"))
    if selection.include_private and group.private:
        private = group.private
        if private.contact:
            fields.append(
                (
                    "Private contact",
                    ", ".join(x for x in (private.contact.name, private.contact.phone, private.contact.email) if x),
                )
            )
        if private.notes:
            fields.append(("Private notes", private.notes))
    return Entry(id_, anchor or f"g-{id_}", group.name, [(label, text) for label, text in fields if text], group)


def _when(group: Group) -> str:
    """Each session in words; with two venues or more, where each one is."""
    if not group.sessions:
        return "Contact for times" if group.contact else "Times not given"
    venues = {v.id: v.name for v in group.venues}
    lines = []
    for session in group.sessions:
        if session.by_arrangement:
            lines.append(when(session))
            continue
        text = when(session, notes=False)
        if len(group.venues) > 1:
            text += f", at {venues.get(session.venue, group.venues[0].name)}"
        lines.append(text + (f". {session.note}" if session.note else ""))
    return "\n".join(lines)


def _where(venue: Venue, vocab: Vocabulary) -> str:
    postcode = venue.postcode.replace(" ", NBSP) if venue.postcode else None  # never split over two lines
    lines = [", ".join(x for x in (venue.name, venue.address, postcode) if x)]
    if venue.accessibility:
        lines.append(", ".join(vocab.label("accessibility", a) for a in venue.accessibility))
    if venue.transport:
        lines.append(venue.transport)
    return "\n".join(lines)


def _contact(group: Group) -> str:
    c = group.contact
    if c is None:
        return ""
    lines = [
        f"Ask for {c.name}" if c.name else "",
        f"Phone {c.phone.replace(' ', NBSP)}" if c.phone else "",
        f"Email {c.email}" if c.email else "",
        f"Website {c.website}" if c.website else "",
    ]
    return "\n".join(x for x in lines if x)


def _access(group: Group, vocab: Vocabulary) -> str:
    # a phone line or a home visit cannot be dropped in to: "drop-in" (the default) means open to all there
    open_to_all = group.access == "drop-in" and "venue" not in group.attending
    parts = ["Open to all, no need to book" if open_to_all else ACCESS[group.access]]
    if group.audience:
        labels = [vocab.label("audience", a) for a in group.audience]
        parts.append("For " + and_list([in_sentence(x) for x in labels]))
    if group.age is not None:
        low, high = group.age.min, group.age.max
        parts.append(
            f"Aged {low} to {high}"
            if low is not None and high is not None
            else f"Aged {low} and over"
            if low is not None
            else f"Up to age {high}"
        )
    return ". ".join(parts)
