"""Search: words and filters in, groups out, in the order a person would expect.

Words are matched in the index's full-text table (Porter stems, so "clubs" finds
"club"); each word counts by where it matched: the name above the summary,
categories and area, above the description. Groups that match more of the words
come first. A word found nowhere is tried against the nearest words the
directory does use ("dementa" finds "dementia"), and synonyms widen a word
("exercise" finds tai chi). Filters are facts kept in the index, combined with AND;
values within one filter with OR. Nothing here imports pydantic.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assetdir.format.vocabulary import ACTIVE, STATUSES
from assetdir.query.filters import Query, filters
from assetdir.store.index import rows_for
from assetdir.words import plural

if TYPE_CHECKING:
    from assetdir.store.index import Index


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "anything",
        "are",
        "around",
        "at",
        "by",
        "can",
        "club",
        "clubs",
        "do",
        "does",
        "for",
        "from",
        "get",
        "go",
        "going",
        "group",
        "groups",
        "i",
        "in",
        "is",
        "like",
        "looking",
        "me",
        "my",
        "near",
        "nearby",
        "of",
        "on",
        "or",
        "place",
        "please",
        "some",
        "something",
        "somewhere",
        "the",
        "there",
        "to",
        "want",
        "where",
        "with",
        "would",
    ]
)


# Words that also find others. A directory adds its own under `synonyms:` in assetdir.yaml.
SYNONYMS: dict[str, list[str]] = {
    "exercise": ["gentle exercise", "tai chi", "walking", "dance", "falls prevention", "fitness"],
    "fitness": ["exercise", "gentle exercise", "tai chi", "walking"],
    "taichi": ["tai chi"],
    "memory": ["dementia"],
    "dementia": ["memory", "alzheimers"],
    "alzheimers": ["dementia", "memory"],
    "lunch": ["meals", "luncheon", "dinner"],
    "luncheon": ["lunch"],
    "dinner": ["lunch", "meals"],
    "food": ["meals", "lunch", "pantry"],
    "computer": ["digital", "computers", "tablet"],
    "internet": ["digital", "online", "wifi"],
    "digital": ["computer", "online"],
    "transport": ["minibus", "lifts", "driver", "dial a ride"],
    "bus": ["minibus", "transport"],
    "singing": ["music", "choir"],
    "choir": ["singing", "music"],
    "music": ["singing"],
    "knitting": ["crafts", "knit"],
    "crafts": ["arts crafts", "knitting"],
    "grief": ["bereavement", "bereaved"],
    "bereaved": ["bereavement"],
    "lonely": ["befriending", "social", "company"],
    "loneliness": ["befriending", "social"],
    "company": ["befriending", "social"],
    "money": ["benefits", "advice"],
    "bills": ["money", "benefits", "energy", "heating"],
    "bill": ["money", "benefits", "energy"],
    "benefits": ["money"],
    "heating": ["energy", "warm"],
    "warm": ["energy heating", "warm space"],
    "deaf": ["hearing"],
    "blind": ["sight", "visual"],
    "gay": ["lgbtq"],
    "carer": ["carers"],
    "coffee": ["cafe", "tea"],
    "cafe": ["coffee"],
    "chat": ["social", "coffee"],
}


TIER_NAME, TIER_MIDDLE, TIER_LOW = 3.0, 2.0, 1.0


SYNONYM_WEIGHT = 0.5


@dataclass
class Found:
    cards: list[dict[str, Any]]  # the shown groups, best first
    total: int
    rowids: list[int]
    why_empty: str = ""
    ignored_words: list[str] = field(default_factory=list)  # found nowhere, even fuzzily
    corrected: dict[str, str] = field(default_factory=dict)  # typed word -> word searched
    broken: list[str] = field(default_factory=list)  # files left out: they have problems
    asked: list[str] = field(default_factory=list)  # the filters in words: "in Eastgate", "meets on Tuesday"


def words_of(text: str) -> list[str]:
    """The search words in any text: quotes, operators, brackets and emoji are just spaces."""
    text = re.sub(r"['\u2019](?=\w)", "", text.lower())  # men's -> mens, as the index reads it
    words = [w for w in re.findall(r"[^\W_]+", text) if w not in STOPWORDS and len(w) > 1]
    return list(dict.fromkeys(words))  # once each, in order


def search(index: Index, query: Query, limit: int | None, today: dt.date) -> Found:
    conn = index.conn
    statuses = _statuses(query.include_closed)
    marks = ",".join("?" * len(statuses))
    listed = {r for (r,) in conn.execute(f"SELECT rowid FROM files WHERE status IN ({marks})", statuses)}
    broken = [rel for (rel,) in conn.execute("SELECT rel FROM files WHERE status IS NULL ORDER BY rel")]
    found = Found([], 0, [], broken=broken)
    candidates = listed
    if not candidates:
        found.why_empty = "there are no listed groups in this directory" + (
            " (try --include-closed)" if not query.include_closed else ""
        )
        return found
    for label, rowids in filters(index, query, today):
        found.asked.append(label)
        narrowed = candidates & rowids
        if not narrowed:
            found.why_empty = f"no group {label}" + (
                " among the others you asked for" if len(candidates) < len(listed) else ""
            )
            return found
        candidates = narrowed
    words = words_of(query.words)
    if words:
        everywhere = _score_words(index, words, listed, found)
        scores = {r: s for r, s in everywhere.items() if r in candidates}
        if not scores:
            if everywhere:
                asked = " ".join(label for label, _ in filters(index, query, today))
                said = " ".join(found.corrected.get(w, w) for w in words)
                found.why_empty = f'{plural(len(everywhere), "group")} match "{said}", but none {asked}'
            else:
                found.why_empty = "no group matches " + ", ".join(f'"{w}"' for w in found.ignored_words)
            return found
        names = dict(rows_for(conn, "SELECT rowid, name FROM files WHERE rowid IN ({})", scores))
        order = sorted(scores, key=lambda r: (-scores[r][0], -scores[r][1], names[r].lower()))
    else:
        names = dict(rows_for(conn, "SELECT rowid, name FROM files WHERE rowid IN ({})", candidates))
        order = sorted(candidates, key=lambda r: names[r].lower())
    found.total = len(order)
    found.rowids = order
    shown = order if limit is None else order[:limit]
    cards = dict(rows_for(conn, "SELECT rowid, card FROM files WHERE rowid IN ({})", shown))
    found.cards = [json.loads(cards[r]) for r in shown]
    return found


def _score_words(index: Index, words: list[str], pool: set[int], found: Found) -> dict[int, tuple[int, float]]:
    """For each group of `pool` that matches any word: (how many words it matches, how well)."""
    synonyms = {**SYNONYMS, **{k.lower(): v for k, v in index.directory.config.synonyms.items()}}
    scores: dict[int, list[float]] = {}
    used: list[str] = []  # the words as searched, after correcting slips
    for word in words:
        hits = _hits(index, [word], pool, 1.0)
        if not hits:
            close = _close_words(index, word, pool)
            if close:
                found.corrected[word] = word = close[0]
                hits = _hits(index, [word], pool, 1.0)
        used.append(word)
        others = [x for key in _forms(word) for x in synonyms.get(key, [])]
        for rowid, more in _hits(index, others, pool, SYNONYM_WEIGHT).items():
            hits.setdefault(rowid, []).extend(more)
        if not hits:
            found.ignored_words.append(word)
        for rowid, places in hits.items():
            # the best place the word matched, plus a little for each other place
            scores.setdefault(rowid, []).append(max(places) + 0.1 * (len(places) - 1))
    if len(words) > 1:  # the words together, as a phrase ("memory cafe"), count once more
        for rowid, places in _hits(index, [" ".join(used)], pool, 1.0).items():
            scores[rowid].append(max(places))
        return {rowid: (min(len(s), len(words)), sum(s)) for rowid, s in scores.items()}
    return {rowid: (len(s), sum(s)) for rowid, s in scores.items()}


def _forms(word: str) -> list[str]:
    """A word and its singulars, to look up synonyms: "exercises" -> exercises, exercise."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _hits(index: Index, terms: list[str], pool: set[int], weight: float) -> dict[int, list[float]]:
    """Where in each group of `pool` any of `terms` matched, as tier scores."""
    terms = [t for t in terms if words_of(t)]
    hits: dict[int, list[float]] = {}
    if not terms:
        return hits
    expression = " OR ".join(_phrase(t) for t in terms)
    for columns, tier in (("name", TIER_NAME), ("summary tags", TIER_MIDDLE), ("description", TIER_LOW)):
        for (rowid,) in index.conn.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ?", (f"{{{columns}}} : ({expression})",)
        ):
            if rowid in pool:
                hits.setdefault(rowid, []).append(tier * weight)
    return hits


def _phrase(text: str) -> str:
    """Words as an FTS5 phrase: quoted, so AND, NEAR or * in them are only words."""
    return '"' + " ".join(words_of(text) or [text]) + '"'


def _words_like(index: Index, word: str, spread: int) -> list[str]:
    """Words in the groups that start with the same letter and are about as long."""
    rows = index.conn.execute(
        "SELECT word FROM words WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?",
        (word[:1], chr(ord(word[:1] or "a") + 1), len(word) - spread, len(word) + spread),
    )
    return [w for (w,) in rows]


def _close_words(index: Index, word: str, pool: set[int], cutoff: float = 0.8) -> list[str]:
    """Words of the groups in `pool` close to a mistyped one, closest first."""
    if len(word) < 4:
        return []
    import difflib

    close = difflib.get_close_matches(word, _words_like(index, word, 3), n=6, cutoff=cutoff)
    return [w for w in close if _hits(index, [w], pool, 1.0)][:3]  # not words of hidden groups


def suggestions(index: Index, words: list[str], include_closed: bool = False) -> list[str]:
    """Close words the directory does use, for when nothing matched."""
    marks = ",".join("?" * len(_statuses(include_closed)))
    pool = {
        r
        for (r,) in index.conn.execute(f"SELECT rowid FROM files WHERE status IN ({marks})", _statuses(include_closed))
    }
    return [w for word in words for w in _close_words(index, word, pool, cutoff=0.6)]


def _statuses(include_closed: bool) -> list[str]:
    return list(STATUSES if include_closed else ACTIVE)
