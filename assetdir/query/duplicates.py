"""Likely duplicate groups: the same group written twice, under names that differ a little.

Only pairs that share a block (a phone, an email, a website, a postcode, a rare word
of the name in the same area...) are scored, so a directory is never compared pair
by pair. A score (0-100) weighs how alike the names are by what else agrees.
Groups are models (`Group`) or the same fields as plain dicts (the index's data).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from assetdir.format.vocabulary import LISTED
from assetdir.query.likeness import Likeness, likeness
from assetdir.query.thresholds import LIKELY

if TYPE_CHECKING:
    pass


DEFAULT = LIKELY  # a pair at or above this is worth a person's look


BLOCK_CAP = 40  # a name word shared by more groups than this says nothing


MOST_KEPT = 10_000  # pairs kept when all are asked for: far more than anyone reads, and memory stays bounded


WINDOW = 6  # in a bigger block of an exact key, each group meets this many neighbours


@dataclass
class Pair:
    """Two groups that are probably one: a and b are ids, a < b within one directory."""

    a: str
    b: str
    score: int
    reasons: list[str] = field(default_factory=list)


def _exact_keys(f: Likeness) -> Iterable[tuple[str, ...]]:
    """Keys that two copies of a group very likely share."""
    yield from (("phone", d) for d in f.phones)
    if f.email:
        yield ("email", f.email)
    if f.website:
        yield ("web", f.website)
    yield from (("postcode", p) for p in f.postcodes)
    if f.words:
        yield ("name", f.area, " ".join(sorted(f.words)))


def _word_keys(f: Likeness) -> Iterable[tuple[str, ...]]:
    """Keys of one name word each: only a rare word brings groups together."""
    yield from (("word", f.area, w) for w in f.words)
    yield from (("postcode-word", p, w) for p in f.postcodes for w in f.words)


def _blocks(facts: Iterable[Likeness]) -> list[list[Likeness]]:
    exact: dict[tuple[str, ...], list[Likeness]] = defaultdict(list)
    words: dict[tuple[str, ...], list[Likeness]] = defaultdict(list)
    for f in facts:
        for k in _exact_keys(f):
            exact[k].append(f)
        for k in _word_keys(f):
            words[k].append(f)
    kept = [b for b in exact.values() if len(b) > 1]
    return kept + [b for b in words.values() if 1 < len(b) <= BLOCK_CAP]


def _pairs_in(block: list[Likeness]) -> Iterable[tuple[Likeness, Likeness]]:
    if len(block) <= BLOCK_CAP:
        yield from combinations(block, 2)
        return
    # a shared switchboard or a big community centre: compare near names only
    ordered = sorted(block, key=lambda f: f.key)
    for i, f in enumerate(ordered):
        yield from ((f, g) for g in ordered[i + 1 : i + 1 + WINDOW])


def _ratio(a: str, b: str) -> float:
    return max(fuzz.token_sort_ratio(a, b), 0.9 * fuzz.token_set_ratio(a, b))


def _without(text: str, place: set[str]) -> str:
    return " ".join(w for w in text.split() if w not in place)


def name_similarity(x: Likeness, y: Likeness) -> int:
    """How alike two names are (0-100), not counting the words of a shared area."""
    place = set(x.area.split("-")) if x.area and x.area == y.area else set()
    a, b = _without(x.key, place) or x.key, _without(y.key, place) or y.key
    full = _ratio(a, b)
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    if only_a and only_b:
        # a word put for another ("North" for "South", "Friday" for "Tuesday") names
        # another group unless the two are a typing slip apart; numbers never are ("Group 2")
        swapped = fuzz.ratio(" ".join(sorted(only_a)), " ".join(sorted(only_b)))
        if any(c.isdigit() for w in only_a | only_b for c in w):
            swapped = 0
        if swapped < 80:
            full = min(full, 50 + swapped / 4)
    return round(full)


def _evidence(x: Likeness, y: Likeness, same_id: bool = False) -> tuple[int, list[str], list[str]]:
    """Points for what else agrees (or not), the reasons for them, and the shared postcodes."""
    points, reasons = 0, []
    phone = next((x.phones[d] for d in x.phones if d in y.phones), None)
    if same_id:
        points += 30
        reasons.append(f"same id {x.id}")
    if phone:
        points += 35
        reasons.append(f"same phone {phone}")
    elif x.phones and y.phones:
        points -= 10  # volunteers often give their own number: weak evidence of another group
    if x.email and x.email == y.email:
        points += 30
        reasons.append(f"same email {x.email}")
    if x.website and x.website == y.website:
        points += 25
        reasons.append(f"same website {x.website}")
    shared = sorted(x.postcodes & y.postcodes)
    if shared:
        points += 25
    elif x.postcodes and y.postcodes:
        points -= 10
    points += 20 if x.area == y.area else -15
    return min(points, 60), reasons, shared


def _best_possible(points: int) -> int:
    """The score a pair with these points would have if the names were the same."""
    return 50 + points


def score_pair(x: Likeness, y: Likeness, same_id: bool = False) -> tuple[int, list[str]]:
    """The score of one pair and the reasons for it, strongest first."""
    points, reasons, shared = _evidence(x, y, same_id)
    sim = name_similarity(x, y)
    name = "same name" if sim == 100 else f"similar name ({sim}%)" if sim >= 70 else f"different names ({sim}% alike)"
    if shared:
        reasons.append(f"same postcode {shared[0]} and {name}")
    else:
        reasons.append(
            f"{name} in the same area" if x.area == y.area else f"{name} in different areas ({x.area}, {y.area})"
        )
    reasons += [f"{f.id} is {f.status}" for f in (x, y) if f.status not in LISTED]
    # the name decides how much the rest counts: one phone for two activities is not a duplicate
    score = 0.5 * sim + points * sim / 100
    return max(0, min(100, round(score))), reasons


def likely_duplicates(groups: Mapping[str, Any], min_score: int = DEFAULT) -> list[Pair]:
    """Pairs of groups in one directory that are probably the same group, best first."""
    return sorted(_scored_pairs(groups, min_score), key=_best_first)


def top_duplicates(
    groups: Mapping[str, Any], min_score: int = DEFAULT, keep: int = MOST_KEPT
) -> tuple[list[Pair], int]:
    """The `keep` likeliest of those pairs, best first, and how many there are in all: the pairs
    are scored one at a time and only the best kept, so memory grows with `keep`, not with them."""
    total = 0

    def counted() -> Iterable[Pair]:
        nonlocal total
        for pair in _scored_pairs(groups, min_score):
            total += 1
            yield pair

    best = heapq.nsmallest(keep, counted(), key=_best_first)
    return best, total


def _best_first(pair: Pair) -> tuple[int, str, str]:
    return -pair.score, pair.a, pair.b


def _scored_pairs(groups: Mapping[str, Any], min_score: int) -> Iterable[Pair]:
    """Every pair scoring at least `min_score`, each once, as they are found."""
    facts = [likeness(i, g) for i, g in groups.items()]
    number = {f.id: n for n, f in enumerate(facts)}
    seen: set[int] = set()  # a pair as one number: far smaller than a pair of ids
    for block in _blocks(facts):
        for x, y in _pairs_in(block):
            if x.id > y.id:
                x, y = y, x
            key = number[x.id] * len(facts) + number[y.id]
            if x.id == y.id or key in seen:
                continue
            seen.add(key)
            pair = _scored(x, y, False, min_score)
            if pair:
                yield pair


def _scored(x: Likeness, y: Likeness, same_id: bool, min_score: int) -> Pair | None:
    """The pair if it scores at least min_score; names are compared only when they could matter."""
    if _best_possible(_evidence(x, y, same_id)[0]) < min_score:
        return None
    score, reasons = score_pair(x, y, same_id)
    return Pair(x.id, y.id, score, reasons) if score >= min_score else None


def best_matches(
    ours: Mapping[str, Any], theirs: Mapping[str, Any], min_score: int = DEFAULT, one_to_one: bool = True
) -> dict[str, Pair]:
    """For each of their groups, our group it is the same as (Pair.a ours, Pair.b theirs): one to
    one, or (`one_to_one` False) each of theirs to its most likely of ours, though two of theirs
    (duplicates in their list) may be the same group of ours."""
    mine = [likeness(i, g) for i, g in ours.items()]
    other = [likeness(i, g) for i, g in theirs.items()]
    is_mine = {id(f) for f in mine}
    candidates: dict[tuple[str, str], Pair | None] = {}
    for block in _blocks([*mine, *other]) + _id_blocks(mine, other):
        for x, y in _pairs_in(block):
            if (id(x) in is_mine) == (id(y) in is_mine):
                continue
            x, y = (x, y) if id(x) in is_mine else (y, x)
            if (x.id, y.id) not in candidates:
                candidates[(x.id, y.id)] = _scored(x, y, x.id == y.id, min_score)
    matched: dict[str, Pair] = {}
    taken: set[str] = set()
    for pair in sorted(filter(None, candidates.values()), key=lambda p: (-p.score, p.a, p.b)):
        if pair.b not in matched and (pair.a not in taken or not one_to_one):
            matched[pair.b] = pair
            taken.add(pair.a)
    return matched


def _id_blocks(mine: list[Likeness], other: list[Likeness]) -> list[list[Likeness]]:
    by_id = {f.id: f for f in mine}
    return [[by_id[f.id], f] for f in other if f.id in by_id]
