"""Pydantic models of the directory format (v1): a group file and `assetdir.yaml`.

Values are checked and normalised field by field. Rules that tie fields together
live on the smallest model that holds them and are reported all at once as a
`rules` error, so one file shows every problem, each at its own field.
Vocabulary ids are checked against the `context` given to `model_validate`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from assetdir.format import values
from assetdir.format.values import fail
from assetdir.format.vocabulary import KIND_NAMES, LISTED, STATUSES, WEEKDAYS, Vocabulary, did_you_mean

_BUILTIN = Vocabulary()


class Block(BaseModel):
    """A mapping in a file: unknown keys are errors, `x-` keys are kept unchecked."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        frozen=True,
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )

    extensions: SkipJsonSchema[dict[str, Any]] = Field(default_factory=dict, alias="__extensions__", exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _split_extensions(cls, data: Any) -> Any:
        if isinstance(data, dict) and any(str(k).startswith("x-") for k in data):
            ext = {k: v for k, v in data.items() if str(k).startswith("x-")}
            data = {k: v for k, v in data.items() if not str(k).startswith("x-")}
            data["__extensions__"] = ext
        return data

    @model_validator(mode="after")
    def _check_rules(self) -> Any:
        broken = self.rules()
        if broken:
            raise PydanticCustomError("rules", "{message}", {"message": broken[0][2], "problems": broken})
        return self

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        """Cross-field rules: (where, code, message) for each one broken."""
        return []


def _context(info: ValidationInfo) -> dict[str, Any]:
    return info.context or {}


def _as_list(value: Any) -> Any:
    """One item may be written without brackets; "a, b" without brackets is two."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",")] if "," in value else [value]
    return [value] if isinstance(value, dict) else value


def _check_id(value: str) -> str:
    if not values.ID_RE.match(value):
        fail(
            "bad-id",
            f'"{value}" is not an id: use lowercase letters, digits and hyphens, '
            f'like "{values.as_id(value) or "my-id"}"',
        )
    return value


def _vocab_schema(kind: str) -> WithJsonSchema:
    """A placeholder that `schema` fills with the directory's ids."""
    return WithJsonSchema({"type": "string", "x-vocabulary": kind})


def _vocab(kind: str) -> AfterValidator:
    def check(value: str, info: ValidationInfo) -> str:
        vocab = _context(info).get("vocab", _BUILTIN)
        if vocab is None:
            return value
        known = vocab.ids(kind)
        if value not in known:
            code = "unknown-" + {"offers-needs": "asset"}.get(kind, KIND_NAMES[kind].split()[0])
            by_label = _by_label(value, vocab, kind)
            hint = f'; write its id: "{by_label}"' if by_label else did_you_mean(values.as_id(value) or value, known)
            fail(code, f'"{value}" is not {_a(KIND_NAMES[kind])}{hint}')
        return value

    return AfterValidator(check)


def _by_label(value: str, vocab: Vocabulary, kind: str) -> str | None:
    """The id whose label (or id) a volunteer wrote: "Lunch clubs" -> "lunch-club"."""
    wanted = values.as_id(value).rstrip("s")
    for id_ in vocab.ids(kind):
        if wanted in (id_.rstrip("s"), values.as_id(vocab.label(kind, id_)).rstrip("s")):
            return id_
    return None


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _check_area(value: str, info: ValidationInfo) -> str:
    areas = _context(info).get("areas")
    if areas is not None and value not in areas:
        fail(
            "unknown-area",
            f'"{value}" is not an area of this directory{did_you_mean(value, areas)} '
            "(areas are listed in assetdir.yaml)",
        )
    return value


def _check_day(value: Any) -> Any:
    if isinstance(value, str):
        day = value.strip().lower()
        if day not in WEEKDAYS:
            fail("bad-day", f'"{value}" is not a day of the week{did_you_mean(day, WEEKDAYS)}')
        return day
    return value


def _check_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if len(value.strip()) == 10:
                return dt.date.fromisoformat(value.strip())
        except ValueError:
            fail("bad-date", f'"{value}" is not a real date; check the month and day (YYYY-MM-DD)')
    fail("bad-date", f'"{value}" is not a date; write it as YYYY-MM-DD, like 2026-09-14')


def _not_self(value: str, info: ValidationInfo) -> str:
    if value == _context(info).get("id"):
        fail("self-partner", f'a group cannot be its own partner ("{value}"); remove it')
    return value


def _phone(value: Any, info: ValidationInfo) -> str:
    return values.normalise_phone(value, _context(info).get("region", "GB"))


def _one_line_text(value: str) -> str:
    if "\n" in value.strip():
        fail("not-one-line", "must be one line; put longer text in description")
    return values.one_line(value)


def _summary(value: str) -> str:
    value = _one_line_text(value)
    if len(value) > 160:
        fail("summary-too-long", f"summary is {len(value)} characters; keep it to 160 or fewer")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        fail("missing-field", "must not be empty")
    return value.strip()


_DATE_SCHEMA = WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD"})
_TIME_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "pattern": r"^\s*\d{1,2}([:.]\d{2})?\s*([aApP]\.?[mM]\.?)?\s*$",
        "description": '24-hour "HH:MM" (9:30, 9.30, 9.30am and 2pm are accepted)',
    }
)

Text = Annotated[str, AfterValidator(_not_blank)]
Line = Annotated[str, AfterValidator(_not_blank), AfterValidator(_one_line_text)]
Id = Annotated[str, AfterValidator(_check_id), WithJsonSchema({"type": "string", "pattern": values.ID_RE.pattern})]
IsoDate = Annotated[dt.date, BeforeValidator(_check_date), _DATE_SCHEMA]
Time = Annotated[str, BeforeValidator(values.parse_time), _TIME_SCHEMA]
Phone = Annotated[str, BeforeValidator(_phone), WithJsonSchema({"type": "string", "description": "phone number"})]
Email = Annotated[str, AfterValidator(values.check_email), WithJsonSchema({"type": "string", "format": "email"})]
Website = Annotated[
    str,
    AfterValidator(values.check_website),
    WithJsonSchema({"type": "string", "pattern": "^[hH][tT][tT][pP][sS]?://"}),
]
Postcode = Annotated[
    str,
    AfterValidator(values.normalise_postcode),
    WithJsonSchema({"type": "string", "description": 'UK postcode, like "NF1 2AB"'}),
]
Weekday = Annotated[Literal[tuple(WEEKDAYS)], BeforeValidator(_check_day)]  # type: ignore[valid-type]
CategoryId = Annotated[str, _vocab("categories"), _vocab_schema("categories")]
AudienceId = Annotated[str, _vocab("audience"), _vocab_schema("audience")]
AccessId = Annotated[str, _vocab("accessibility"), _vocab_schema("accessibility")]
AssetId = Annotated[str, _vocab("offers-needs"), _vocab_schema("offers-needs")]
AreaId = Annotated[str, AfterValidator(_check_id), AfterValidator(_check_area), _vocab_schema("areas")]
PartnerId = Annotated[
    str,
    AfterValidator(_check_id),
    AfterValidator(_not_self),
    WithJsonSchema({"type": "string", "pattern": values.ID_RE.pattern}),
]


def _language(value: str) -> str:
    code = value.strip().lower()
    if code not in values.ISO_639_1:
        fail("bad-language", f'"{value}" is not a two-letter ISO 639-1 language code, like "en" or "pa"')
    return code


class Age(Block):
    min: Annotated[int, Field(ge=0, le=120)] | None = None
    max: Annotated[int, Field(ge=0, le=120)] | None = None

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        if self.min is not None and self.max is not None and self.min > self.max:
            return [(("max",), "bad-age", f"max ({self.max}) is below min ({self.min})")]
        return []


class Cost(Block):
    type: Literal["free", "donation", "fee"]
    amount: Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)] | None = None
    note: Line | None = None

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        if self.type == "fee" and self.amount is None:
            return [((), "fee-without-amount", "a fee needs an amount in pounds, like amount: 4.50")]
        return []


class Venue(Block):
    id: Id | None = None
    name: Line
    address: Line | None = None
    postcode: Postcode | None = None
    accessibility: Annotated[list[AccessId], BeforeValidator(_as_list)] = []
    transport: Line | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        return coordinate_rules(self.lat, self.lon)


Every = Literal["week", "fortnight", "month"]
BankHolidays = Literal["closed", "open"]


class Closure(Block):
    """A period a group or session does not meet: from, until (the same day if left out), a note."""

    from_: IsoDate = Field(alias="from")
    until: IsoDate | None = None
    note: Line | None = None

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        if self.until and self.until < self.from_:
            return [(("until",), "until-before-from", f"until ({self.until}) is before from ({self.from_})")]
        return []

    @property
    def last(self) -> dt.date:
        return self.until or self.from_


def _week_of_month(value: int) -> int:
    if value not in (1, 2, 3, 4, 5, -1):
        fail("bad-week", f"{value} is not a week of the month: use 1 to 5, or -1 for the last")
    return value


class Session(Block):
    days: Annotated[list[Weekday], BeforeValidator(_as_list)] = []
    start: Time | None = None
    end: Time | None = None
    every: Every = "week"
    weeks: Annotated[list[Annotated[int, AfterValidator(_week_of_month)]], BeforeValidator(_as_list)] | None = None
    starting: IsoDate | None = None
    venue: Id | None = None
    note: Text | None = None
    from_: IsoDate | None = Field(default=None, alias="from")
    until: IsoDate | None = None
    closed: Annotated[list[Closure], BeforeValidator(_as_list)] = []
    bank_holidays: BankHolidays | None = None  # None: as the group says
    by_arrangement: bool = False

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        broken: list[tuple[tuple[str | int, ...], str, str]] = []
        if self.by_arrangement:
            if not self.note:
                broken.append(((), "missing-field", "a session by arrangement needs a note saying how to arrange it"))
            return broken
        if not self.days:
            broken.append(((), "missing-field", "days is required: the weekdays it runs (or by_arrangement: true)"))
        if self.start is None:
            broken.append(((), "missing-field", 'start is required: the time it starts, like "10:00"'))
        if self.start and self.end and self.end <= self.start:
            broken.append((("end",), "end-before-start", f"ends at {self.end}, not after it starts at {self.start}"))
        if self.weeks is not None and self.every != "month":
            broken.append((("weeks",), "weeks-without-month", "weeks only goes with every: month"))
        if self.every == "month" and not self.weeks:
            broken.append(
                (("every",), "month-without-weeks", "every: month needs weeks, like weeks: [1, 3] (-1 = last)")
            )
        if self.every == "fortnight":
            if self.starting is None:
                broken.append(
                    (
                        ("every",),
                        "fortnight-without-starting",
                        "every: fortnight needs starting: a date it runs on, like 2026-01-06",
                    )
                )
            elif self.days and WEEKDAYS[self.starting.weekday()] not in self.days:
                day = WEEKDAYS[self.starting.weekday()].title()
                broken.append(
                    (("starting",), "starting-wrong-day", f"starting ({self.starting}) is a {day}, not one of its days")
                )
        if self.from_ and self.until and self.until < self.from_:
            broken.append((("until",), "until-before-from", f"until ({self.until}) is before from ({self.from_})"))
        return broken


class Contact(Block):
    name: Line | None = None
    phone: Phone | None = None
    email: Email | None = None
    website: Website | None = None


class PrivateContact(Block):
    name: Line | None = None
    phone: Phone | None = None
    email: Email | None = None


class Private(Block):
    contact: PrivateContact | None = None
    notes: Text | None = None


def _asset_item(value: Any) -> Any:
    return {"asset": value} if isinstance(value, str) else value


class AssetItem(Block):
    asset: AssetId
    note: Line | None = None


Asset = Annotated[
    AssetItem,
    BeforeValidator(_asset_item),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "x-vocabulary": "offers-needs"},
                {
                    "type": "object",
                    "properties": {
                        "asset": {"type": "string", "x-vocabulary": "offers-needs"},
                        "note": {"type": "string"},
                    },
                    "required": ["asset"],
                    "additionalProperties": False,
                    "patternProperties": {"^x-": {}},
                },
            ]
        }
    ),
]
Attending = Literal["venue", "phone", "online", "home-visit"]


class Group(Block):
    """One community group: the whole of a group file."""

    name: Line
    summary: Annotated[str, AfterValidator(_not_blank), AfterValidator(_summary)]
    description: Text | None = None
    status: Literal[tuple(STATUSES)] = "active"  # type: ignore[valid-type]
    organisation: Line | None = None
    categories: Annotated[list[CategoryId], BeforeValidator(_as_list), Field(min_length=1)]
    audience: Annotated[list[AudienceId], BeforeValidator(_as_list)] = []
    area: AreaId
    attending: Annotated[list[Attending], BeforeValidator(_as_list), Field(min_length=1)] = ["venue"]
    access: Literal["drop-in", "booking", "referral", "membership"] = "drop-in"
    age: Age | None = None
    cost: Cost | None = None
    venues: Annotated[list[Venue], BeforeValidator(_as_list)] = []
    sessions: Annotated[list[Session], BeforeValidator(_as_list)] = []
    closed: Annotated[list[Closure], BeforeValidator(_as_list)] = []
    bank_holidays: BankHolidays | None = None  # None: open on bank holidays
    contact: Contact | None = None
    offers: Annotated[list[Asset], BeforeValidator(_as_list)] = []
    needs: Annotated[list[Asset], BeforeValidator(_as_list)] = []
    partners: Annotated[list[PartnerId], BeforeValidator(_as_list)] = []
    languages: Annotated[list[Annotated[str, AfterValidator(_language)]], BeforeValidator(_as_list)] = ["en"]
    last_checked: IsoDate | None = None  # not in the future: checked across files, against today
    checked_by: Line | None = None
    # ids of groups merged into this one (merge-groups): a merge never brings them back
    merged_from: Annotated[list[Id], BeforeValidator(_as_list)] = []
    private: Private | None = None

    def rules(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        return venue_rules(self.attending, [v.id for v in self.venues], [s.venue for s in self.sessions])

    @staticmethod
    def raw_rules(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
        """The same rules on a file that is not valid elsewhere, so they are reported at once."""

        def items(key: str) -> list[Any]:
            value = _as_list(data.get(key, []))
            return value if isinstance(value, list) else []

        attending = items("attending") if "attending" in data else ["venue"]
        venues = [v.get("id") if isinstance(v, dict) else None for v in items("venues")]
        sessions = [s.get("venue") if isinstance(s, dict) else None for s in items("sessions")]
        coordinates = [
            (("venues", i, *loc), code, message)
            for i, v in enumerate(items("venues"))
            if isinstance(v, dict)
            for loc, code, message in coordinate_rules(v.get("lat"), v.get("lon"))
        ]
        if not all(isinstance(x, (str, type(None))) for x in [*venues, *sessions, *attending]):
            return coordinates
        return coordinates + venue_rules(attending, venues, sessions)

    @property
    def listed(self) -> bool:
        """Shown in search and exports by default (not closed or do-not-list)."""
        return self.status in LISTED


def coordinate_rules(lat: Any, lon: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
    if lat is not None and lon is None:
        return [(("lat",), "lat-without-lon", "lat needs lon too (give both or neither)")]
    if lon is not None and lat is None:
        return [(("lon",), "lon-without-lat", "lon needs lat too (give both or neither)")]
    return []


def venue_rules(
    attending: list[str], venue_ids: list[str | None], session_venues: list[str | None]
) -> list[tuple[tuple[str | int, ...], str, str]]:
    """A group's venues: given when people attend one, ids unique, named by sessions."""
    broken: list[tuple[tuple[str | int, ...], str, str]] = []
    if "venue" in attending and not venue_ids:
        broken.append(
            (
                (),
                "missing-venue",
                "venues is required when people attend at a venue; add one, or set attending (phone, online, "
                "home-visit)",
            )
        )
    ids: list[str] = []
    for i, id_ in enumerate(venue_ids):
        if id_ in ids:
            broken.append((("venues", i, "id"), "duplicate-venue", f'venue id "{id_}" is used twice'))
        elif id_:
            ids.append(id_)
    for i, venue in enumerate(session_venues):
        if venue and venue not in ids:
            known = did_you_mean(venue, ids) if ids else "; give one of the venues an id first"
            broken.append(
                (("sessions", i, "venue"), "unknown-venue", f'"{venue}" is not a venue id of this group{known}')
            )
    return broken


class Entry(BaseModel):
    """A label, and for categories the print section."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: Line
    section: Line | None = None


def _entry(value: Any) -> Any:
    return {"label": value} if isinstance(value, str) else value


VocabEntry = Annotated[Entry, BeforeValidator(_entry)]


class VocabularyAdditions(Block):
    categories: dict[Id, VocabEntry] = {}
    audience: dict[Id, VocabEntry] = {}
    accessibility: dict[Id, VocabEntry] = {}
    offers_needs: dict[Id, VocabEntry] = Field(default={}, alias="offers-needs")


class Publisher(Block):
    """Who publishes the printed directory: on its cover, its last page and review letters."""

    name: Line
    phone: Phone | None = None
    email: Email | None = None
    website: Website | None = None
    address: Line | None = None


Nation = Literal["england-and-wales", "scotland", "northern-ireland"]


class Settings(Block):
    """The directory's `assetdir.yaml`."""

    title: Line = "Community groups"
    groups: Line = "groups"
    region: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = "GB"
    review_after_months: Annotated[int, Field(ge=1, le=120)] = 12
    areas: dict[Id, Line]
    vocabulary: VocabularyAdditions = VocabularyAdditions()
    # search words that also find others: {exercise: [gentle-exercise, tai-chi, walking]}
    synonyms: dict[Annotated[str, AfterValidator(_not_blank)], Annotated[list[Line], BeforeValidator(_as_list)]] = {}
    publisher: Publisher | None = None
    introduction: Text | None = None  # a paragraph for the inside of the cover
    listing: Text | None = None  # how to get a group listed or corrected
    print_times: Literal["12h", "24h"] = "12h"
    nation: Nation = "england-and-wales"  # whose bank holidays

    def merged_vocabulary(self) -> Vocabulary:
        vocab = Vocabulary()
        for id_, entry in self.vocabulary.categories.items():
            old_section = vocab.categories.get(id_, ("", "Other"))[1]
            section = entry.section or old_section
            vocab.categories[id_] = (entry.label, section)
            if section not in vocab.sections:
                vocab.sections.append(section)
        for kind, target in (
            ("audience", vocab.audience),
            ("accessibility", vocab.accessibility),
            ("offers_needs", vocab.assets),
        ):
            for id_, entry in getattr(self.vocabulary, kind).items():
                target[id_] = entry.label
        return vocab
