"""Words matched in the index's full-text table, scored by BM25: how rare a word is in the directory,
and where it matched (each column of `database.FTS_COLUMNS` has its weight)."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assetdir.query.reading import tokens
from assetdir.store.database import FTS_COLUMNS

if TYPE_CHECKING:
    from assetdir.store.index import Index

# Where a word matched, and how much that says about what a group is: its name most, then its
# categories and audience (the vocabulary) and summary, its area, then its description; where it
# meets and its broad section count little.
TIERS = {"name": 3.0, "concepts": 2.2, "summary": 2.0, "area": 1.5, "description": 1.0, "places": 0.3, "broad": 0.3}
ALSO = 0.15  # for each other place a word is in
# What a group does: the only columns a synonym is matched against (never its addresses or transport).
DOES = ("name", "summary", "concepts", "description")
SYNONYM = 0.5  # a synonym counts this much of the word itself
NAMED = 0.5  # a wish's word in a group's name ("Friday Lunch Club" for "friday")
WHERE = {
    "name": "its name",
    "summary": "its summary",
    "concepts": "its categories, audience, offers, needs or languages",
    "area": "its area",
    "description": "its description",
    "places": "its venue",
    "broad": "its section",
}


Placed = dict[int, tuple[float, list[str]]]  # rowid -> (score, the columns it matched in)


@dataclass
class Match:
    score: float
    how: str  # "the word", or the synonym that matched
    fields: list[str]  # the columns it is in, the one that counts most first


def quoted(text: str) -> str:
    """Words as an FTS5 phrase: quoted, so AND, NEAR or * in them are only words."""
    return '"' + " ".join(tokens(text) or [text]) + '"'


def _rows(index: Index, expression: str, columns: tuple[str, ...]) -> dict[str, set[int]]:
    """The groups each column matches `expression` in."""
    sql = "SELECT rowid FROM fts WHERE fts MATCH ?"
    return {c: {r for (r,) in index.conn.execute(sql, ("{" + c + "} : (" + expression + ")",))} for c in columns}


def _hits(index: Index, expression: str, columns: tuple[str, ...], pool: set[int]) -> dict[str, set[int]]:
    """The groups of `pool` that `expression` matches, column by column."""
    return {c: rows & pool for c, rows in _rows(index, expression, columns).items()}


def _rarity(pool: set[int], found: set[int]) -> float:
    """How rare a word is among `pool`'s groups (inverse document frequency)."""
    return math.log(1 + len(pool) / len(found)) if found else 0.0


def _placed(per: dict[str, set[int]], rarity: float) -> Placed:
    """Each group matched: its score, by where it matched (the best place, and a little for each
    other) times the rarity, and the places it matched in, the one that counts most first."""
    out = {}
    for rowid in set().union(*per.values()):
        fields = sorted((c for c in per if rowid in per[c]), key=lambda c: -TIERS[c])
        out[rowid] = (rarity * (TIERS[fields[0]] + ALSO * (len(fields) - 1)), fields)
    return out


def scored(
    index: Index, expression: str, columns: tuple[str, ...], pool: set[int]
) -> dict[int, tuple[float, list[str]]]:
    """Each group of `pool` that `expression` matches in `columns`: its score, by where it matched
    and how rare the words are among `pool`'s groups, and the places it matched in."""
    per = _hits(index, expression, columns, pool)
    return _placed(per, _rarity(pool, set().union(*per.values())))


def bm25(index: Index, expression: str, columns: tuple[str, ...], pool: set[int]) -> dict[int, float]:
    """Each group of `pool` that `expression` matches in `columns`, with its score (higher is better)."""
    return {rowid: score for rowid, (score, _) in scored(index, expression, columns, pool).items()}


def forms(word: str) -> list[str]:
    """A word and its singulars, to look it up in the synonyms: "exercises" -> exercise."""
    found = [word]
    for ending, instead in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            found.append(word[: -len(ending)] + instead)
    return found


def matches(index: Index, word: str, pool: set[int], synonyms: dict[str, list[str]]) -> dict[int, Match]:
    """The groups a word (or a phrase) of the need matches: the word itself anywhere, or (for half)
    a synonym in what a group does; the better of the two for each group. The word and its synonyms
    are one need, so they share one rarity: a synonym never outweighs the word in the same place."""
    direct = _hits(index, quoted(word), FTS_COLUMNS, pool)
    others = list(dict.fromkeys(o for f in forms(word) for o in synonyms.get(f, []) if tokens(o)))
    through = {other: _hits(index, quoted(other), DOES, pool) for other in others}
    reached = set().union(*direct.values(), *(r for per in through.values() for r in per.values()))
    rarity = _rarity(pool, reached)
    found = {r: Match(s, "the word", f) for r, (s, f) in _placed(direct, rarity).items()}
    for other, per in through.items():
        for rowid, (score, fields) in _placed(per, rarity).items():
            if rowid not in found or found[rowid].score < SYNONYM * score:
                found[rowid] = Match(SYNONYM * score, f'"{other}"', fields)
    return found


def phrase_matches(index: Index, words: list[str], rows: set[int]) -> dict[int, float]:
    """The words of the need together, as written, in a name, summary or the vocabulary ("memory cafe")."""
    if len(words) < 2:
        return {}
    return bm25(index, quoted(" ".join(words)), ("name", "summary", "concepts"), rows)


def named(index: Index, words: list[str], rows: set[int], columns: tuple[str, ...] = ("name",)) -> dict[int, float]:
    """Words read as wishes that a group's name has too ("Friday Lunch Club" for "friday"): a little
    more for those groups (or, given `columns`, for those whose other words have them)."""
    scores: dict[int, float] = {}
    for word in words:
        for rowid, score in bm25(index, quoted(word), columns, rows).items():
            scores[rowid] = scores.get(rowid, 0.0) + NAMED * score
    return scores


def where(index: Index, word: str, rowid: int) -> list[str]:
    """The columns of one group a word is in, in words (for --explain)."""
    found = []
    for column in FTS_COLUMNS:
        sql = "SELECT 1 FROM fts WHERE fts MATCH ? AND rowid = ?"
        if index.conn.execute(sql, ("{" + column + "} : " + quoted(word), rowid)).fetchone():
            found.append(WHERE[column])
    return found


def close_words(index: Index, word: str, pool: set[int], cutoff: float = 0.8) -> list[str]:
    """Words of the groups in `pool` close to a mistyped one, closest first; at equal closeness the
    words of names, summaries and the vocabulary before those of descriptions."""
    if len(word) < 4:
        return []
    rows = index.conn.execute(
        "SELECT word, strong FROM words WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?",
        (word[:1], chr(ord(word[:1] or "a") + 1), len(word) - 3, len(word) + 3),
    )
    ranked = []
    for other, strong in rows:
        ratio = difflib.SequenceMatcher(None, word, other).ratio()
        if ratio >= cutoff and other != word:
            ranked.append((-(ratio + 0.05 * strong), other))
    close = [w for _, w in sorted(ranked)[:8]]
    return [w for w in close if bm25(index, quoted(w), FTS_COLUMNS, pool)][:3]  # not words of hidden groups
