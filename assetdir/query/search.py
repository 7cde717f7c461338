"""Search: the caller's words and the filters in, groups out, in the order a person would pick them.

The words are read first (`reading`): the need, and the wishes (a day, a time of day, an area, a
price, access). Each word of the need is scored in the index's full-text table by BM25, which
weighs how rare a word is in the directory, with weights for where it matched: a group's name
above its categories and audience, summary, then description; its addresses and transport notes
count little. A synonym counts half, and never matches where a group is, only what it does. Groups
that have every word of the need come first; among those, the best are good matches, shown, and
the rest are counted as weaker ones. Wishes rank the groups that fit them above the others; with
no need, they choose the groups. Filters (`--area`, `--on` ...) are exact, as before. Nothing here
imports pydantic.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assetdir.format.vocabulary import ACTIVE, STATUSES
from assetdir.query.filters import Query, filters
from assetdir.query.matching import DOES, WHERE, Match, close_words, matches, named, phrase_matches
from assetdir.query.reading import GENERIC, Reading, read, tokens
from assetdir.query.synonyms import SYNONYMS
from assetdir.query.wishes import Held, fits
from assetdir.store.index import rows_for
from assetdir.words import plural

if TYPE_CHECKING:
    from assetdir.store.index import Index

GOOD = 0.35  # a group with every word of the need and at least this share of the best score is a good match
GENERIC_WEIGHT = 0.3  # a word every group could have ("class", "session") counts for this much
WISH = 0.5  # each wish a group fits adds this share to its score: a strong match can still come first
FEW = 5  # with fewer good matches than this, the best weaker ones are shown after them, up to this many


@dataclass
class Found:
    cards: list[dict[str, Any]]  # the shown groups, best first
    total: int  # the good matches (all the matches with --limit 0)
    rowids: list[int]
    why_empty: str = ""
    ignored_words: list[str] = field(default_factory=list)  # found nowhere, even fuzzily
    corrected: dict[str, str] = field(default_factory=dict)  # typed word -> word searched
    broken: list[str] = field(default_factory=list)  # files left out: they have problems
    asked: list[str] = field(default_factory=list)  # the filters in words: "in Eastgate", "meets on Tuesday"
    read_as: list[str] = field(default_factory=list)  # the wishes in words: "meeting on Friday 4 December"
    weaker: int = 0  # matches left out below the good ones (--limit 0 shows them)
    good: int = 0  # of the `total` shown, how many are good matches (the rest are the best weaker ones)
    why: dict[int, list[str]] = field(default_factory=dict)  # rowid -> why it ranked there (--explain)


def words_of(text: str) -> list[str]:
    """The words of the need in any text (for showing what was searched)."""
    from assetdir.query.reading import STOPWORDS

    return list(dict.fromkeys(w for w in tokens(text) if w not in STOPWORDS and len(w) > 1))


def search(
    index: Index, query: Query, limit: int | None, today: dt.date, *, strict: bool = False, explain: bool = False
) -> Found:
    """The groups for `query`, best first. `strict`: wishes must hold and only good matches count
    (for an export, which holds what was asked for, not a ranking)."""
    listed = _listed(index, query.include_closed)
    found = Found([], 0, [], broken=index.broken())
    if not listed:
        closed = " (try --include-closed)" if not query.include_closed else ""
        found.why_empty = "there are no listed groups in this directory" + closed
        return found
    candidates = _filtered(index, query, today, listed, found)
    if candidates is None:
        return found
    directory = index.directory
    synonyms = {**SYNONYMS, **{k.lower(): v for k, v in directory.config.synonyms.items()}}
    phrases = [k for k in synonyms if " " in k]
    reading = read(query.words, today, directory.areas or _areas(index), directory.vocabulary.accessibility, phrases)
    found.read_as = reading.said()
    if reading.topic or reading.phrases:
        order = _ranked(index, reading, listed, candidates, found, synonyms, strict, explain)
    elif reading.wishes:
        order = _wished(index, reading, candidates, found, today)
    else:
        names = _names(index, candidates)
        order = sorted(candidates, key=lambda r: names[r])
        found.good = len(order)
    found.total = found.total or len(order)
    if limit is None:  # all: the weaker matches too
        found.total, found.weaker = len(order), 0
    found.rowids = order[: found.total]
    shown = found.rowids if limit is None else found.rowids[:limit]
    cards = dict(rows_for(index.conn, "SELECT rowid, card FROM files WHERE rowid IN ({})", shown))
    found.cards = [json.loads(cards[r]) for r in shown]
    return found


def _listed(index: Index, include_closed: bool) -> set[int]:
    statuses = list(STATUSES if include_closed else ACTIVE)
    marks = ",".join("?" * len(statuses))
    return {r for (r,) in index.conn.execute(f"SELECT rowid FROM files WHERE status IN ({marks})", statuses)}


def _areas(index: Index) -> dict[str, str]:
    """Without assetdir.yaml, the areas the files name."""
    rows = index.conn.execute("SELECT DISTINCT value FROM facts WHERE kind = 'area'")
    return {v: v.replace("-", " ").title() for (v,) in rows}


def _filtered(index: Index, query: Query, today: dt.date, listed: set[int], found: Found) -> set[int] | None:
    """The groups that pass every filter, or None (and why) when none does."""
    candidates = listed
    for label, rowids in filters(index, query, today):
        found.asked.append(label)
        narrowed = candidates & rowids
        if not narrowed:
            others = " among the others you asked for" if len(candidates) < len(listed) else ""
            found.why_empty = f"no group {label}{others}"
            return None
        candidates = narrowed
    return candidates


def _scored(
    index: Index, reading: Reading, pool: set[int], found: Found, synonyms: dict[str, list[str]]
) -> tuple[dict[str, dict[int, Match]], list[str]]:
    """Each word of the need (and each many-word synonym said) with the groups it matches; typing
    slips corrected to the nearest word the directory uses (names and labels first)."""
    scored: dict[str, dict[int, Match]] = {}
    for word in reading.topic:
        hits = matches(index, word, pool, synonyms)
        if not hits:
            close = close_words(index, word, pool)
            if close:
                found.corrected[word] = close[0]
                hits = matches(index, close[0], pool, synonyms)
        if hits:
            scored[found.corrected.get(word, word)] = hits
        else:
            found.ignored_words.append(word)
    for phrase in reading.phrases:
        hits = matches(index, phrase, pool, synonyms)
        if hits:
            scored[phrase] = hits
        else:
            found.ignored_words.append(phrase)
    strong = [w for w in scored if w not in GENERIC] or list(scored)
    return scored, strong


def _ranked(
    index: Index,
    reading: Reading,
    listed: set[int],
    candidates: set[int],
    found: Found,
    synonyms: dict[str, list[str]],
    strict: bool,
    explain: bool,
) -> list[int]:
    scored, strong = _scored(index, reading, listed, found, synonyms)
    if not scored:
        found.why_empty = "no group matches " + ", ".join(f'"{w}"' for w in found.ignored_words)
        return []
    totals: dict[int, float] = {}
    covered: dict[int, int] = {}
    for word, hits in scored.items():
        weight = GENERIC_WEIGHT if word in GENERIC else 1.0
        for rowid, match in hits.items():
            totals[rowid] = totals.get(rowid, 0.0) + weight * match.score
            covered[rowid] = covered.get(rowid, 0) + (word in strong)
    words = list(scored)
    for rowid, score in phrase_matches(index, words, set(totals)).items():
        totals[rowid] += score  # the words together, as written ("memory cafe")
    for rowid, score in named(index, reading.named, set(totals)).items():
        totals[rowid] += score  # "Friday Lunch Club" for "friday"
    rows = set(totals) & candidates
    if not rows:
        said = " ".join(scored)
        found.why_empty = f'{plural(len(totals), "group")} match "{said}", but none {" ".join(found.asked)}'
        return []
    held = fits(index, reading.wishes, rows)
    most = max(covered[r] for r in rows)
    full = [r for r in rows if covered[r] == most]
    best = max(totals[r] for r in full)
    good = [r for r in full if totals[r] >= GOOD * best]
    if strict:
        good = [r for r in good if held[r] == len(reading.wishes)]
    chosen = set(good)
    rest = [] if strict else [r for r in rows if r not in chosen]
    good.sort(key=lambda r: (-totals[r] * (1 + WISH * held[r]), -held[r], -covered[r], r))
    rest.sort(key=lambda r: (-covered[r], -held[r], -totals[r], r))
    if explain:
        found.why = _explained(index, scored, totals, covered, held, reading, good + rest, len(strong))
    shown = len(good) if strict else max(len(good), min(len(good) + len(rest), FEW))
    found.good, found.total, found.weaker = len(good), shown, len(good) + len(rest) - shown
    if not good:
        found.why_empty = "no group " + " and ".join(reading.said()) if reading.wishes else "nothing matched well"
    return good + rest


def _explained(
    index: Index,
    scored: dict[str, dict[int, Match]],
    totals: dict[int, float],
    covered: dict[int, int],
    held: Held,
    reading: Reading,
    order: list[int],
    strong: int,
) -> dict[int, list[str]]:
    """Why each group ranked where it did: its score, the words it has (where, and how much each
    counted) and the wishes it fits."""
    why: dict[int, list[str]] = {}
    for rowid in order:
        lines = [f"score {totals[rowid]:.1f}, with {covered[rowid]} of {plural(strong, 'word')} of the need"]
        for word, hits in scored.items():
            match = hits.get(rowid)
            if match is None:
                lines.append(f'"{word}": not found')
                continue
            places = ", ".join(WHERE[f] for f in match.fields)
            via = "" if match.how == "the word" else f" as {match.how}"
            lines.append(f'"{word}"{via} in {places}: {match.score:.1f}')
        lines += [f"{wish.said}: {held.said(i, rowid)}" for i, wish in enumerate(reading.wishes)]
        why[rowid] = lines
    return why


def _wished(index: Index, reading: Reading, candidates: set[int], found: Found, today: dt.date) -> list[int]:
    """No need, only wishes ("anything on friday"): the groups that fit them all, soonest first; then,
    as weaker matches, groups that only have the words ("Friday Lunch Club" that meets on Mondays)."""
    held = fits(index, reading.wishes, candidates)
    rows = [r for r in candidates if held[r] >= len(reading.wishes)]
    named_only = named(index, reading.named, candidates - set(rows), DOES)
    if not rows and not named_only:
        found.why_empty = "no group " + " and ".join(reading.said())
        return []
    starts = held.starts
    names = _names(index, rows)
    rows.sort(key=lambda r: (starts.get(r, "99:99"), names[r]))
    rest = sorted(named_only, key=lambda r: (-named_only[r], r))
    found.good, found.total, found.weaker = len(rows), len(rows), len(rest)
    if not rows:
        found.why_empty = "no group " + " and ".join(reading.said())
    return rows + rest


def _names(index: Index, rows: list[int] | set[int]) -> dict[int, str]:
    """The groups' names, lower case, to list them by name: read whole when they are most of the table."""
    if len(rows) > 2000:
        return {r: n.lower() for r, n in index.conn.execute("SELECT rowid, name FROM files")}
    return {r: n.lower() for r, n in rows_for(index.conn, "SELECT rowid, name FROM files WHERE rowid IN ({})", rows)}


def suggestions(index: Index, words: list[str], include_closed: bool = False) -> list[str]:
    """Close words the directory does use, for when nothing matched: names and labels first."""
    pool = _listed(index, include_closed)
    return [w for word in words for w in close_words(index, word, pool, cutoff=0.6)]
