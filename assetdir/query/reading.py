"""How a caller's words are read: the need (the topic words), and the words that say when, where,
for how much or with what access (soft constraints), as a volunteer answering the phone hears them.

"dementia tuesday eastgate" is a need, dementia, with two wishes: meeting on the coming Tuesday, in
Eastgate. A wish ranks the groups that fit it above those that do not; alone, with no need, it
chooses the groups. Each wish is said back in words ("meeting on Tuesday 1 December", "in
Eastgate"), so the caller hears how they were understood.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from assetdir.format.vocabulary import WEEKDAYS
from assetdir.query.dates import coming
from assetdir.query.synonyms import ACCESS_WORDS

# Words that carry no need: the shape of a caller's sentence.
STOPWORDS = frozenset(
    "a about an and any anything anywhere are around at be been being by can club clubs could do does for from "
    "get go going got group groups had has have having he her him his help i id if ill im in is it ive just keep "
    "like looking me mum my dad mother father husband wife son daughter nan gran grandma grandad near nearby need "
    "needs of on or our over place please really she should so some someone something somewhere than that the "
    "their them there they this to very want wants was we were what when where which who whos will with would "
    "you youd your next coming as also too then into onto out up off all more most much many lot lots "
    "am not no but because how its one ones other others own same such only".split()
)
# Words every group is, or could be: they count for little, and a group need not have them.
GENERIC = frozenset(
    "class classes session sessions activity activities meet meeting meetings people older elderly "
    "pensioners seniors local service services support access speak speaks speaking language languages "
    "advice info information group week weekly every day days regular regularly".split()
)
PARTS = {  # times of day, by when a session starts
    "morning": ("in the morning", "00:00", "12:00"),
    "mornings": ("in the morning", "00:00", "12:00"),
    "afternoon": ("in the afternoon", "12:00", "17:00"),
    "afternoons": ("in the afternoon", "12:00", "17:00"),
    "evening": ("in the evening", "17:00", "24:00"),
    "evenings": ("in the evening", "17:00", "24:00"),
    "night": ("in the evening", "17:00", "24:00"),
}
CHEAP = 3  # pounds: "cheap" is free, a donation, or at most this (and nearly so up to twice as much)


@dataclass
class Wish:
    """A soft constraint: what the caller would like, besides the need."""

    kind: str  # day, part, area, price, access
    said: str  # how it was read, in words: "meeting on Friday 4 December"
    dates: list[dt.date] = field(default_factory=list)  # day: any of these
    start: tuple[str, str] = ("", "")  # part: a session starting in [from, to)
    areas: list[str] = field(default_factory=list)  # area ids
    near: bool = False  # area: nearby will do
    cheap: bool = False  # price: free or by donation, or (cheap) a small fee
    features: list[str] = field(default_factory=list)  # access: any of these at a venue
    words: list[str] = field(default_factory=list)  # access: the words said, which a group may use too
    typed: str = ""  # the words it was read from ("south ashbury", "friday"), which a name may have too


@dataclass
class Reading:
    topic: list[str]  # the need, word by word (generic ones included)
    wishes: list[Wish]
    named: list[str]  # the words read as wishes: still matched against names ("Friday Lunch Club")
    phrases: list[str] = field(default_factory=list)  # many-word synonyms found ("someone to talk to")

    @property
    def strong(self) -> list[str]:
        """The topic words a group must have to answer the need (not generic ones)."""
        return [w for w in self.topic if w not in GENERIC] or list(self.topic)

    def said(self) -> list[str]:
        return [w.said for w in self.wishes]


def tokens(text: str) -> list[str]:
    """The words of what was typed: quotes, operators, brackets and emoji are just spaces."""
    text = re.sub(r"['\u2019](?=\w)", "", text.lower())  # men's -> mens, as the index reads it
    return re.findall(r"[^\W_]+", text)


def read(text: str, today: dt.date, areas: dict[str, str], features: dict[str, Any], phrases: list[str]) -> Reading:
    """`text` as a need and wishes. `areas`: the directory's areas (id: label); `features`: its
    accessibility ids and labels; `phrases`: many-word synonym keys to keep together."""
    words = tokens(text)
    used = [False] * len(words)
    wishes: list[Wish] = []
    wishes += _areas(words, used, areas)
    wishes += _days(words, used, today)
    wishes += _parts(words, used)
    wishes += _prices(words, used)
    wishes += _access(words, used, features)
    named = list(dict.fromkeys(w.typed for w in wishes if w.typed))
    found = _phrases(words, used, phrases)
    topic = [w for w, u in zip(words, used) if not u and w not in STOPWORDS and len(w) > 1]
    return Reading(list(dict.fromkeys(topic)), _merged(wishes), named, found)


def _find(words: list[str], used: list[bool], phrase: list[str]) -> int | None:
    """Where the words of `phrase` stand together, unused, in `words`."""
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == phrase and not any(used[i : i + n]):
            return i
    return None


def _take(used: list[bool], at: int, n: int) -> None:
    for i in range(at, at + n):
        used[i] = True


def _areas(words: list[str], used: list[bool], areas: dict[str, str]) -> list[Wish]:
    forms = [(tokens(label), id_) for id_, label in areas.items()] + [(tokens(id_), id_) for id_ in areas]
    forms.sort(key=lambda f: -len(f[0]))
    wishes = []
    for form, id_ in forms:
        at = _find(words, used, form) if form else None
        if at is None:
            continue
        near = at > 0 and words[at - 1] in ("near", "nearby", "around")
        _take(used, at, len(form))
        said = f"{'in or near' if near else 'in'} {areas[id_]}"
        wishes.append(Wish("area", said, areas=[id_], near=near, typed=" ".join(form)))
    return wishes


_SHORT_DAYS = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
               "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday",
               "sun": "sunday"}  # fmt: skip


def _weekday(word: str) -> str | None:
    """ "tuesday", "tuesdays", "tues" -> "tuesday". Stricter than `dates.weekday_named` (which takes
    any start of a day's name, for --on): a caller's "thus" or "mons" is no day."""
    if word in _SHORT_DAYS:
        return _SHORT_DAYS[word]
    return next((d for d in WEEKDAYS if word in (d, d + "s")), None)


def _long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _days(words: list[str], used: list[bool], today: dt.date) -> list[Wish]:
    wishes = []
    for i, word in enumerate(words):
        if used[i]:
            continue
        dates: list[dt.date] = []
        if word in ("today", "tonight"):
            dates = [today]
        elif word == "tomorrow":
            dates = [today + dt.timedelta(days=1)]
        elif word in ("weekend", "weekends"):
            dates = [coming(today, "saturday"), coming(today, "sunday")]
        elif day := _weekday(word):
            dates = [coming(today, day)]
        if not dates:
            continue
        used[i] = True
        if i > 0 and words[i - 1] in ("this", "next", "coming", "on"):
            used[i - 1] = True
        said = "meeting " + ("at the weekend, " if len(dates) == 2 else "on ") + " or ".join(_long(d) for d in dates)
        wishes.append(Wish("day", said, dates=dates, typed=word))
        if word == "tonight":
            wishes.append(Wish("part", "in the evening", start=("17:00", "24:00")))
    return wishes


def _parts(words: list[str], used: list[bool]) -> list[Wish]:
    wishes = []
    for i, word in enumerate(words):
        if not used[i] and word in PARTS:
            used[i] = True
            said, start, end = PARTS[word]
            wishes.append(Wish("part", said, start=(start, end), typed=word))
    return wishes


def _prices(words: list[str], used: list[bool]) -> list[Wish]:
    wishes = []
    for i, word in enumerate(words):
        if used[i] or word not in ("free", "cheap", "inexpensive"):
            continue
        used[i] = True
        cheap = word != "free"
        said = f"free, by donation or £{CHEAP} or less" if cheap else "free or by donation"
        wishes.append(Wish("price", said, cheap=cheap, typed=word))
    return wishes


def _access(words: list[str], used: list[bool], features: dict[str, Any]) -> list[Wish]:
    table = {tuple(tokens(k)): v for k, v in ACCESS_WORDS.items()}
    for id_, label in features.items():
        table.setdefault(tuple(tokens(str(label))), [id_])
    wishes = []
    for form, wanted in sorted(table.items(), key=lambda f: -len(f[0])):
        at = _find(words, used, list(form))
        if at is None:
            continue
        _take(used, at, len(form))
        labels = [str(features.get(f, f)) for f in wanted]
        said = "with " + (" or ".join(labels[:3]) + (" ..." if len(labels) > 3 else ""))
        wishes.append(Wish("access", said, features=list(wanted), words=[" ".join(form)], typed=" ".join(form)))
    return wishes


def _phrases(words: list[str], used: list[bool], phrases: list[str]) -> list[str]:
    """Many-word synonym keys said together ("someone to talk to"): kept as one topic."""
    found = []
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        form = tokens(phrase)
        if len(form) > 1 and (at := _find(words, used, form)) is not None:
            found.append(phrase)
            _take(used, at, len(form))
    return found


def _merged(wishes: list[Wish]) -> list[Wish]:
    """Two wishes of one kind are one, either will do ("tuesday or thursday"); days and parts of
    the day stay apart (both must hold, for the same session)."""
    out: dict[str, Wish] = {}
    for wish in wishes:
        if wish.kind not in out:
            out[wish.kind] = wish
            continue
        kept = out[wish.kind]
        kept.dates += wish.dates
        kept.areas += wish.areas
        kept.features += wish.features
        kept.words += wish.words
        kept.near = kept.near or wish.near
        if wish.kind == "day":
            kept.said = "meeting on " + " or ".join(_long(d) for d in sorted(set(kept.dates)))
        elif wish.kind == "area":
            kept.said = f"{kept.said} or {wish.said.split(' ', 1)[1]}"
        elif wish.kind == "price" and wish.cheap:  # "free or cheap": either will do, so cheap
            kept.cheap, kept.said = True, wish.said
    return list(out.values())
