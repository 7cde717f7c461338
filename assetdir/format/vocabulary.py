"""The built-in vocabulary of ids, their printed labels, and a directory's additions."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTIONS = ["Social", "Activities", "Practical help", "Wellbeing", "Advice", "Volunteering"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# a group's status: listed ones are shown by default (paused marked); closed and do-not-list kept as history
STATUSES = ["active", "paused", "closed", "do-not-list"]
LISTED = ("active", "paused")
ACTIVE = ("active",)

CATEGORIES: dict[str, tuple[str, str]] = {
    # id: (label, section)
    "lunch-club": ("Lunch clubs", "Social"),
    "coffee-morning": ("Coffee mornings", "Social"),
    "social-group": ("Social groups", "Social"),
    "befriending": ("Befriending", "Social"),
    "trips-outings": ("Trips and outings", "Social"),
    "intergenerational": ("Intergenerational", "Social"),
    "gentle-exercise": ("Gentle exercise", "Activities"),
    "walking": ("Walking", "Activities"),
    "tai-chi": ("Tai chi", "Activities"),
    "dance": ("Dance", "Activities"),
    "arts-crafts": ("Arts and crafts", "Activities"),
    "music-singing": ("Music and singing", "Activities"),
    "gardening": ("Gardening", "Activities"),
    "games": ("Games", "Activities"),
    "book-club": ("Book clubs", "Activities"),
    "learning": ("Learning", "Activities"),
    "digital-skills": ("Digital skills", "Activities"),
    "community-transport": ("Community transport", "Practical help"),
    "shopping-help": ("Shopping help", "Practical help"),
    "meals-food": ("Meals and food", "Practical help"),
    "handyperson": ("Handyperson", "Practical help"),
    "memory-cafe": ("Memory cafes", "Wellbeing"),
    "dementia-support": ("Dementia support", "Wellbeing"),
    "carers-support": ("Carers' support", "Wellbeing"),
    "bereavement": ("Bereavement support", "Wellbeing"),
    "falls-prevention": ("Falls prevention", "Wellbeing"),
    "sensory-loss": ("Sight and hearing loss", "Wellbeing"),
    "mental-wellbeing": ("Mental wellbeing", "Wellbeing"),
    "benefits-money": ("Benefits and money", "Advice"),
    "energy-heating": ("Energy and heating", "Advice"),
    "housing": ("Housing", "Advice"),
    "volunteering": ("Volunteering", "Volunteering"),
}

AUDIENCE: dict[str, str] = {
    "older-people": "Older people",
    "carers": "Carers",
    "people-with-dementia": "People living with dementia",
    "people-living-alone": "People living alone",
    "men": "Men",
    "women": "Women",
    "lgbtq": "LGBTQ+ people",
    "sight-loss": "People with sight loss",
    "hearing-loss": "People with hearing loss",
    "ethnic-minority-communities": "Ethnic minority communities",
}

ACCESSIBILITY: dict[str, str] = {
    "step-free": "Step-free access",
    "ramp": "Ramp",
    "lift": "Lift",
    "accessible-toilet": "Accessible toilet",
    "changing-places": "Changing Places toilet",
    "hearing-loop": "Hearing loop",
    "disabled-parking": "Disabled parking",
    "parking": "Parking",
    "seating": "Seating available",
    "dementia-friendly": "Dementia friendly",
    "bsl": "British Sign Language",
    "large-print": "Large print materials",
    "quiet-space": "Quiet space",
    "guide-dogs-welcome": "Guide dogs welcome",
}

ASSETS: dict[str, str] = {
    "meeting-room": "Meeting room",
    "hall": "Hall",
    "kitchen": "Kitchen",
    "garden": "Garden",
    "storage": "Storage",
    "minibus": "Minibus",
    "volunteer-drivers": "Volunteer drivers",
    "volunteers": "Volunteers",
    "befrienders": "Befrienders",
    "tea-and-coffee": "Tea and coffee",
    "admin-help": "Admin help",
    "it-equipment": "IT equipment",
    "wifi": "Wi-Fi",
    "training": "Training",
    "funding": "Funding",
    "publicity": "Publicity",
    "venue": "Venue",
}

# The names a volunteer reads in a message, per vocabulary kind.
KIND_NAMES = {
    "categories": "category",
    "audience": "audience",
    "accessibility": "accessibility feature",
    "offers-needs": "asset (offers and needs)",
    "areas": "area",
}


_ATTRIBUTES = {
    "categories": "categories",
    "audience": "audience",
    "accessibility": "accessibility",
    "offers-needs": "assets",
}


@dataclass
class Vocabulary:
    """Every id a group may use, with labels; built-in plus a directory's own."""

    categories: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(CATEGORIES))
    audience: dict[str, str] = field(default_factory=lambda: dict(AUDIENCE))
    accessibility: dict[str, str] = field(default_factory=lambda: dict(ACCESSIBILITY))
    assets: dict[str, str] = field(default_factory=lambda: dict(ASSETS))
    sections: list[str] = field(default_factory=lambda: list(SECTIONS))

    def ids(self, kind: str) -> dict[str, object]:
        return getattr(self, _ATTRIBUTES[kind])

    def label(self, kind: str, id_: str) -> str:
        value = self.ids(kind).get(id_, id_)
        return value[0] if isinstance(value, tuple) else str(value)

    def section(self, category: str) -> str:
        return self.categories.get(category, (category, "Other"))[1]


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Carers" -> "carers"; "LGBTQ+ people" and "BSL" stay as they are."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label


def suggest(word: str, known: object, n: int = 3) -> list[str]:
    """The known ids closest to a mistyped one, best first: how alike they are (as a whole, or one
    part of an id such as "singing" of music-singing), and a little more for the same first letters
    ("dancing" -> dance before learning)."""
    import difflib  # only when something is mistyped

    def closeness(known_id: str) -> tuple[float, float]:
        parts = [known_id, *(known_id.split("-") if "-" not in word.strip() else [])]  # a word, to a part
        ratios = [difflib.SequenceMatcher(None, part, word).ratio() for part in parts]  # as get_close_matches
        alike = max([ratios[0], *(r for r in ratios[1:] if r >= 0.8)])  # a part only when it is nearly the word
        start = max(
            next((i for i, (a, b) in enumerate(zip(word, part)) if a != b), min(len(word), len(part))) for part in parts
        )
        return alike, alike + 0.05 * min(start, 4)

    scored = [(closeness(k), k) for k in map(str, known)]  # type: ignore[call-overload]
    return [k for (alike, rank), k in sorted(scored, key=lambda x: -x[0][1]) if alike >= 0.6][:n]


def did_you_mean(word: str, known: object) -> str:
    """'; did you mean "x"?' or '' when nothing is close."""
    close = suggest(word, known)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?"
