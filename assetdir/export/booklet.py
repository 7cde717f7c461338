"""A printed directory laid out once, for text, HTML and PDF: sections, entries and indexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assetdir.export.sessions import group_when, how_often, runs_on
from assetdir.export.symbols import symbols_of
from assetdir.format.languages import NAMES
from assetdir.format.vocabulary import WEEKDAYS, in_sentence
from assetdir.words import ACCESS, ATTENDING, STATUS, and_list, cost, long_date, times

if TYPE_CHECKING:
    from assetdir.format.models import Group, Session, Venue
    from assetdir.format.vocabulary import Vocabulary
    from assetdir.query.select import Selection

GROUP_BY = ("category", "area", "day")
NBSP = "\u00a0"  # keeps a postcode or phone number on one line
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")  # in an address written out
NO_FIXED_DAY = "By arrangement, or contact for times"
A_TO_Z = "Groups from A to Z"
LISTING = "Is your group listed, and right?"
LISTING_DEFAULT = "To add a group or correct an entry, tell whoever gave you this directory."
PLEASE_RING = "Please ring a group before your first visit: times and places can change."


def publisher_line(publisher: dict[str, str], address: bool = False) -> str:
    """ "Ashbury Community Network, phone 01632 960100, directory@..., https://..."."""
    parts = [publisher["name"]]
    if address and publisher.get("address"):
        parts.append(POSTCODE.sub(lambda m: m[0].replace(" ", NBSP), publisher["address"]))
    if publisher.get("phone"):
        parts.append("phone " + publisher["phone"].replace(" ", NBSP))
    parts += [publisher[k] for k in ("email", "website") if publisher.get(k)]
    return ", ".join(parts)


@dataclass
class Entry:
    """One group as printed: its name and (label, text) lines in reading order."""

    id: str
    anchor: str  # unique in the document: a group is under each day it meets
    name: str
    fields: list[tuple[str, str]]
    group: Group  # for what a format shows its own way: links, say
    symbols: list[tuple[str, str]] = field(default_factory=list)  # (id, words): step-free, free ...


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
    a_to_z: list[tuple[str, list[Listing]]] = field(default_factory=list)  # by first letter
    covers: str = ""  # the areas it covers, in words
    publisher: dict[str, str] | None = None  # name, phone, email, website, address
    introduction: str = ""
    listing: str = ""  # how to get a group listed or corrected
    symbols: list[tuple[str, str]] = field(default_factory=list)  # (id, words) of the symbols used


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
        a_to_z=_a_to_z(groups, first, selection),
        covers=and_list(list(selection.areas.values())),
        publisher=selection.config.publisher,
        introduction=selection.config.introduction or "",
        listing=selection.config.listing or "",
        symbols=_symbols_used(sections),
    )


def _symbols_used(sections: list[Section]) -> list[tuple[str, str]]:
    """Each symbol the booklet uses once, in the key's order, with its words (the first seen)."""
    from assetdir.export.symbols import SYMBOLS

    used: dict[str, str] = {}
    for section in sections:
        for entry_ in section.entries:
            for id_, words in entry_.symbols:
                used.setdefault(id_, words)
    return [(id_, used[id_]) for id_ in SYMBOLS if id_ in used]


def _a_to_z(
    groups: list[tuple[str, Group]], first: dict[str, str], selection: Selection
) -> list[tuple[str, list[Listing]]]:
    """Every group once, by name, under its first letter."""
    letters: dict[str, list[Listing]] = {}
    for id_, group in sorted(groups, key=lambda pair: pair[1].name.casefold()):
        letter = group.name[:1].upper() if group.name[:1].isalpha() else "#"
        letters.setdefault(letter, []).append(Listing("", group.name, first[id_], selection.area_label(group.area)))
    return list(letters.items())


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
        if selection.on and not runs_on(group, session, selection.on, selection.config.nation):
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
            lead = times(session, selection.config.print_times)
            by_day[day].append((session.start or "", Listing(lead, group.name, first[id_], note)))
    return [
        (day.title(), [listing for _, listing in sorted(items, key=lambda x: (x[0], x[1].name.casefold()))])
        for day, items in by_day.items()
        if items
    ]


def _how_often(session: Session, day: str, group: Group, selection: Selection) -> str:
    """The area, then what a reader must know before going: how often, since or until when, paused."""
    words = [selection.area_label(group.area), *how_often(session, day, group, selection)]
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
    fields = [
        ("Status", STATUS.get(group.status, "")),
        ("About", group.summary),
        ("When", group_when(group, selection)),
    ]
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
    kept = [(label, text) for label, text in fields if text]
    return Entry(id_, anchor or f"g-{id_}", group.name, kept, group, symbols_of(group, vocab))


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
