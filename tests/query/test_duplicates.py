"""assetdir.query.duplicates: likely duplicates, the same group written twice under names that differ a little.

Checked on groups read from small directories built here, so phones, emails and postcodes
are normalised as a volunteer's file would be."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assetdir.query import duplicates
from assetdir.query.duplicates import best_matches, likely_duplicates
from assetdir.query.likeness import name_key, website_key
from assetdir.store.directory import find_directory
from assetdir.store.validate import load
from conftest import SETTINGS, TODAY, write_group

from .duplicate_groups import group


def groups_of(tmp_path: Path, files: dict[str, str], folder: str = "dir") -> dict:
    root = tmp_path / folder
    (root / "groups").mkdir(parents=True)
    (root / "assetdir.yaml").write_text(SETTINGS + "  riverside: Riverside\n", encoding="utf-8")
    for id_, text in files.items():
        write_group(root, id_, text)
    loaded = load(find_directory(root), TODAY)
    assert not [p for p in loaded.problems if p.severity == "error"], loaded.problems
    return loaded.groups


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Northfield Luncheon Club", "Northfield Lunch Club"),
        ("The Lunch Club", "lunch club!"),
        ("St. Mary's Coffee & Chat", "Saint Marys Coffee and Chat"),
        ("Memory Café", "memory cafe"),
    ],
)
def test_name_key_ignores_what_people_write_differently(one, other):
    assert name_key(one) == name_key(other)


def test_name_key_keeps_the_words_that_matter():
    assert name_key("The Luncheon Club!") == "lunch club"
    assert name_key("Northfield Walking Group") != name_key("Northfield Lunch Club")
    assert name_key("The") == "the"  # nothing but filler: keep it rather than nothing
    # names in other scripts keep their words, so two different ones stay different
    assert name_key("ਪੰਜਾਬੀ ਬਜ਼ੁਰਗ") != name_key("老人会") != ""
    assert name_key("Клуб Друзей!") == name_key("клуб друзей")


def test_renamed_copy_with_the_same_phone_in_another_format_scores_high(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "northfield-lunch-club": group("Northfield Lunch Club", phone="01632 960123", postcode="AS1 2AB"),
            "luncheon-club-northfield": group("The Northfield Luncheon Club", phone="+44 1632 960123"),
        },
    )
    [pair] = likely_duplicates(groups)
    assert (pair.a, pair.b) == ("luncheon-club-northfield", "northfield-lunch-club")
    assert pair.score >= 90
    assert pair.reasons[0] == "same phone 01632 960123"


def test_same_email_in_another_case_counts(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "memory-cafe": group("Memory Cafe", email="Hello@MemoryCafe.example.org"),
            "the-memory-cafe": group("The Memory Café", email="hello@memorycafe.example.org"),
        },
    )
    [pair] = likely_duplicates(groups)
    assert "same email hello@memorycafe.example.org" in pair.reasons
    assert pair.score >= 90


def test_same_website_without_scheme_www_or_slash(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "knit-natter": group("Knit and Natter", area="eastgate", website="https://www.knit.example.org/"),
            "knit-n-natter": group("Knit & Natter Group", area="eastgate", website="http://knit.example.org"),
        },
    )
    [pair] = likely_duplicates(groups)
    assert "same website knit.example.org" in pair.reasons


def test_same_postcode_and_similar_name(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "sunny-seniors": group("Sunny Seniors", postcode="AS1 2AB", phone="01632 960001"),
            "sunny-seniors-club": group("Sunny Seniors Club", postcode="as12ab", phone="01632 960002"),
        },
    )
    [pair] = likely_duplicates(groups)
    assert pair.reasons[0].startswith("same postcode AS1 2AB and similar name (")
    assert pair.score >= duplicates.DEFAULT


def test_similar_generic_names_in_different_areas_are_not_flagged(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "northfield-lunch": group("Lunch Club", phone="01632 960001", postcode="AS1 1AA"),
            "eastgate-lunch": group("Lunch Club", area="eastgate", phone="01632 960002", postcode="AS2 2AA"),
            "riverside-lunch": group("The Lunch Club", area="riverside", phone="01632 960003", postcode="AS3 3AA"),
        },
    )
    assert likely_duplicates(groups) == []
    assert all(p.score < 50 for p in likely_duplicates(groups, min_score=0))


def test_one_organisation_running_two_groups_is_not_a_duplicate(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "tai-chi": group("Tai Chi for Health", area="eastgate", phone="01632 960119", postcode="AS3 2TR"),
            "friday-lunch": group("Friday Luncheon Club", area="eastgate", phone="01632 960119", postcode="AS3 2TR"),
        },
    )
    assert likely_duplicates(groups) == []
    [pair] = likely_duplicates(groups, min_score=0)
    assert pair.reasons[0] == "same phone 01632 960119"
    assert pair.reasons[1].startswith("same postcode AS3 2TR and different names (")


def test_closed_groups_are_compared_and_said_to_be_closed(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "old-lunch": group("Northfield Lunch Club", phone="01632 960123", status="closed"),
            "new-lunch": group("Northfield Lunch Club", phone="01632 960123"),
        },
    )
    [pair] = likely_duplicates(groups)
    assert pair.reasons[-1] == "old-lunch is closed"


def test_pairs_come_best_first(tmp_path):
    groups = groups_of(
        tmp_path,
        {
            "a1": group("Chair Exercise", phone="01632 960001", email="a@x.example.org", postcode="AS1 1AA"),
            "a2": group("Chair Exercises", phone="01632 960001", email="a@x.example.org", postcode="AS1 1AA"),
            "b1": group("Walking Group", phone="01632 960002"),
            "b2": group("Walking Group Northfield", phone="01632 960002", postcode="AS1 9ZZ"),
            "c1": group("Craft Corner", postcode="AS1 5BB"),
            "c2": group("Craft Corner Club", postcode="AS1 5BB"),
        },
    )
    pairs = likely_duplicates(groups)
    assert [(p.a, p.b) for p in pairs] == [("a1", "a2"), ("b1", "b2"), ("c1", "c2")]
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert pairs[0].score > pairs[-1].score


def facts(name: str, area: str, phone: str = "", postcode: str = "") -> dict:
    """A group as the index keeps it (plain data): the core takes these as well as models."""
    return {
        "name": name,
        "area": area,
        "contact": {"phone": phone} if phone else None,
        "venues": [{"postcode": postcode}] if postcode else [],
    }


def count_candidates(monkeypatch) -> list[int]:
    """Counts the pairs the blocks put forward (each is at least looked at)."""
    counted: list[int] = []
    real = duplicates._pairs_in

    def pairs_in(block):
        for pair in real(block):
            counted.append(1)
            yield pair

    monkeypatch.setattr(duplicates, "_pairs_in", pairs_in)
    return counted


def test_plain_data_written_another_way_is_normalised_too():
    pairs = likely_duplicates(
        {
            "a": facts("Oakfield Lunch Club", "northfield", "+44 1632 960123", "as12ab"),
            "b": facts("Oakfield Luncheon Club", "northfield", "01632 960123", "AS1 2AB"),
        }
    )
    assert pairs[0].reasons[:2] == ["same phone +44 1632 960123", "same postcode AS1 2AB and same name"]
    assert website_key("HTTPS://www.Example.org/lunch/") == "example.org/lunch"


def test_blocking_finds_every_planted_pair_among_many_without_comparing_all(monkeypatch):
    rng = random.Random(7)
    sides = ["North", "South", "East", "West", "Upper", "Lower", "Great", "Little", "Old", "New"]
    trees = ["Oak", "Ash", "Elm", "Birch", "Willow", "Hazel", "Rowan", "Holly", "Maple", "Cedar", "Alder", "Beech"]
    ends = ["field", "wood", "ford", "ley", "brook", "ton", "bury", "dale", "moor", "gate", "well", "hurst"]
    kinds = ["Lunch Club", "Coffee Morning", "Memory Cafe", "Walking Group", "Craft Club"]
    names = [f"{s} {t}{e} {k}" for s in sides for t in trees for e in ends for k in kinds]
    groups, planted = {}, set()
    for i, name in enumerate(rng.sample(names, 3000)):  # about five groups a postcode, as at busy centres
        groups[f"g{i:05d}"] = facts(
            name, f"area{i % 6}", f"01632 {i:06d}", f"AS{i % 9 + 1} {i % 67 % 10}A{'BDEFG'[i % 5]}"
        )
    for n, i in enumerate(rng.sample(range(3000), 60)):
        original = groups[f"g{i:05d}"]
        copy = dict(original, name="The " + original["name"].replace("Lunch", "Luncheon").upper())
        if n % 2:
            copy["contact"] = None  # only the postcode and the name in common
        groups[f"z{i:05d}"] = copy
        planted.add((f"g{i:05d}", f"z{i:05d}"))
    scored = count_candidates(monkeypatch)
    found = {(p.a, p.b) for p in likely_duplicates(groups)}
    assert planted <= found
    assert len(found - planted) <= len(planted) // 20
    assert len(scored) < 20 * len(groups)  # all pairs would be 4.6 million


def test_one_common_word_does_not_bring_back_every_pair(monkeypatch):
    groups = {f"g{i}": facts(f"Club {i}", "northfield") for i in range(2000)}
    scored = count_candidates(monkeypatch)
    likely_duplicates(groups)
    assert len(scored) < 10 * len(groups)


def test_a_switchboard_shared_by_hundreds_is_compared_near_names_only(monkeypatch):
    groups = {f"g{i:03d}": facts(f"Council Activity {i}", f"area{i % 6}", "01632 960000") for i in range(500)}
    groups["lunch-1"] = facts("Oakfield Lunch Club", "area1", "01632 960000")
    groups["lunch-2"] = facts("The Oakfield Luncheon Club", "area1", "01632 960000")
    scored = count_candidates(monkeypatch)
    pairs = likely_duplicates(groups)
    assert (pairs[0].a, pairs[0].b, pairs[0].score) == ("lunch-1", "lunch-2", 100)
    assert len(scored) < 10 * len(groups)


def test_best_matches_pairs_each_of_theirs_with_one_of_ours(tmp_path):
    ours = groups_of(
        tmp_path,
        {
            "northfield-lunch-club": group("Northfield Lunch Club", phone="01632 960123"),
            "northfield-lunch-club-2": group("Northfield Lunch Club", phone="01632 960123"),
            "memory-cafe": group("Memory Cafe", email="memory@x.example.org"),
            "walking-group": group("Walking Group", area="eastgate", postcode="AS2 2AA"),
        },
        "ours",
    )
    theirs = groups_of(
        tmp_path,
        {
            "nf-luncheon": group("The Northfield Luncheon Club", phone="01632960123"),
            "nf-luncheon-copy": group("Northfield Luncheon Club", phone="01632 960123"),
            "memory-cafe": group("The Memory Café"),
            "tai-chi": group("Tai Chi", area="eastgate", postcode="AS2 2AA"),
        },
        "theirs",
    )
    matched = best_matches(ours, theirs)
    assert set(matched) == {"nf-luncheon", "nf-luncheon-copy", "memory-cafe"}
    assert {matched["nf-luncheon"].a, matched["nf-luncheon-copy"].a} == {
        "northfield-lunch-club",
        "northfield-lunch-club-2",
    }
    assert matched["memory-cafe"].a == "memory-cafe"
    assert "same id memory-cafe" in matched["memory-cafe"].reasons
    assert all(p.b == b for b, p in matched.items())


def test_best_matches_prefers_the_better_match_when_two_want_the_same_group(tmp_path):
    ours = {"lunch": facts("Northfield Lunch Club", "northfield", "01632 960123", "AS1 1AA")}
    theirs = {
        "close": facts("Northfield Luncheon Club", "northfield", "01632 960123", "AS1 1AA"),
        "less-close": facts("Northfield Lunch and Social Club", "northfield", "01632 960123"),
    }
    matched = best_matches(ours, theirs)
    assert list(matched) == ["close"]
    assert matched["close"].score > best_matches(ours, {"less-close": theirs["less-close"]})["less-close"].score


def _many(count: int) -> dict:
    """Groups with many likely pairs: a few names and phones shared by many."""
    return {
        f"g-{n:05d}": {
            "name": f"Lunch Club {n % 40}",
            "area": "northfield",
            "contact": {"phone": f"01632 96{n % 25:04d}"},
            "venues": [{"postcode": f"AS1 {n % 9}AB"}],
        }
        for n in range(count)
    }


def test_the_top_pairs_are_the_best_of_all_and_all_are_counted():
    groups = _many(600)
    every = likely_duplicates(groups, min_score=0)
    assert len(every) > 1000
    top, total = duplicates.top_duplicates(groups, min_score=0, keep=25)
    assert total == len(every)
    assert [(p.a, p.b, p.score, p.reasons) for p in top] == [(p.a, p.b, p.score, p.reasons) for p in every[:25]]
    assert duplicates.top_duplicates(groups, min_score=0, keep=10**6)[0] == every


@pytest.mark.slow
def test_memory_grows_with_the_pairs_kept_not_with_the_pairs_found():
    import tracemalloc

    groups = _many(1200)

    def peak(call) -> int:
        tracemalloc.start()
        try:
            call()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    kept = peak(lambda: duplicates.top_duplicates(groups, min_score=0, keep=20))
    every = peak(lambda: likely_duplicates(groups, min_score=0))
    assert kept < every / 2, (kept, every)  # what is left is the groups' keys and the pairs seen
