"""assetdir.query.search ranking: where a word matched and how rare it is, synonyms for less and only in
what a group does, wishes that rank the groups fitting them higher, the cut-off, and --explain."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetdir.query.filters import Query
from assetdir.query.search import search
from assetdir.store.directory import find_directory
from assetdir.store.index import Index
from conftest import SETTINGS, TODAY, write_group

VENUE = "  - name: Chapel Hall\n    postcode: AS1 2AB\n"


def group(name: str, summary: str = "A friendly morning together.", **fields: str) -> str:
    """A valid group file: `fields` are extra top-level YAML keys, written as given."""
    base = {
        "categories": "[social-group]",
        "area": "northfield",
        "venues": "\n" + VENUE,
        "sessions": '\n  - days: monday\n    start: "10:00"\n    end: "12:00"\n',
        "contact": '\n  phone: "01632 960123"\n',
    }
    base.update(fields)
    body = "".join(f"{k}: {v}\n" if not v.startswith("\n") else f"{k}:{v}" for k, v in base.items())
    return f"name: {name}\nsummary: {summary}\nlast_checked: 2026-10-01\n" + body


@pytest.fixture
def make(tmp_path: Path):
    def build(groups: dict[str, str], settings: str = "") -> Path:
        root = tmp_path / "d"
        (root / "groups").mkdir(parents=True)
        (root / "assetdir.yaml").write_text(SETTINGS + settings, encoding="utf-8")
        for id_, text in groups.items():
            write_group(root, id_, text)
        return root

    return build


def found(root: Path, words: str, *, limit: int | None = None, explain: bool = False, **query):
    with Index.open(find_directory(root)) as index:
        return search(index, Query(words, **query), limit, TODAY, explain=explain)


def ids(root: Path, words: str, **query) -> list[str]:
    return [card["id"] for card in found(root, words, **query).cards]


def good(root: Path, words: str) -> list[str]:
    """The good matches only (what search shows by default, before the weaker ones)."""
    return [card["id"] for card in found(root, words, limit=100).cards]


def test_a_word_in_the_name_beats_the_summary_which_beats_the_description(make):
    root = make(
        {
            "in-description": group("Alpha Circle", description="We play bowls in summer."),
            "in-summary": group("Beta Circle", "Bowls and a chat."),
            "in-name": group("Zeta Bowls"),
        }
    )
    assert ids(root, "bowls") == ["in-name", "in-summary", "in-description"]


def test_a_category_or_audience_counts_as_a_concept_above_the_description(make):
    root = make(
        {
            "aardvark": group("Aardvark Circle", description="Talk about dementia over tea."),
            "zebra": group("Zebra Circle", audience="[people-with-dementia]"),
        }
    )
    assert ids(root, "dementia") == ["zebra", "aardvark"]


def test_a_rare_word_counts_more_than_a_common_one(make):
    common = {f"g{i}": group(f"Tea Circle {i}", "Tea and a chat.") for i in range(6)}
    root = make({**common, "bingo": group("Bingo Afternoon", "Bingo with tea.")})
    # "bingo" (in one group) says more than "tea" (in all): its group comes first
    assert ids(root, "tea bingo")[0] == "bingo"
    assert ids(root, "bingo tea")[0] == "bingo"


def test_ties_break_on_how_much_of_the_query_a_group_has_never_the_alphabet(make):
    root = make(
        {
            "aaa": group("Aaa Circle", "Knitting."),
            "zzz": group("Zzz Circle", "Knitting and crochet."),
        }
    )
    assert ids(root, "knitting crochet")[0] == "zzz"


def test_a_synonym_counts_less_than_the_word_in_the_same_place(make):
    root = make(
        {
            "aardvark": group("Aardvark Tai Chi"),  # "exercise" -> "tai chi", a rarer phrase
            "zebra": group("Zebra Exercise"),
            "yak": group("Yak Exercise Too"),
        }
    )
    assert ids(root, "exercise")[-1] == "aardvark"
    assert set(ids(root, "exercise")) == {"aardvark", "zebra", "yak"}


def test_synonyms_never_match_addresses_or_transport_notes(make):
    venue = "\n  - name: Old Hall\n    address: 2 Walk Lane\n    postcode: AS1 2AB\n    transport: A short walk from the bus\n"
    root = make(
        {
            "advice": group("Money Advice", "Help with forms.", venues=venue),
            "walkers": group("Park Walkers", "Walking round the park."),
        }
    )
    assert ids(root, "exercise") == ["walkers"]  # exercise -> walking; never "Walk Lane"
    assert "advice" in ids(root, "walk")  # the word itself still finds where a group is


def test_a_section_name_shared_by_a_whole_section_counts_little(make):
    root = make(
        {
            "garden": group("Garden Club", categories="[gardening]"),
            "walk": group("Walking Group", categories="[walking]"),
        }
    )
    # both are in the section "Activities"; only the gardening group is about gardens
    assert ids(root, "activities gardening")[0] == "garden"


def test_languages_offers_and_needs_are_searchable_by_their_labels(make):
    root = make(
        {
            "polish": group("Seniors Circle", languages="[en, pl]"),
            "drivers": group("Lunch Club", needs="[volunteer-drivers]"),
            "room": group("Chapel Club", offers="[meeting-room]"),
            "other": group("Bridge Circle"),
        }
    )
    assert ids(root, "polish") == ["polish"]
    assert "drivers" in ids(root, "volunteer drivers")
    assert ids(root, "meeting room")[0] == "room"


@pytest.mark.parametrize(
    "words, audience",
    [
        ("poor eyesight", "sight-loss"),
        ("blind", "sight-loss"),
        ("deaf", "hearing-loss"),
        ("lonely", "people-living-alone"),
    ],
)
def test_everyday_words_find_the_audience(make, words, audience):
    root = make({"them": group("Ashbury Circle", audience=f"[{audience}]"), "other": group("Bridge Circle")})
    assert ids(root, words)[0] == "them"


def test_a_directory_adds_its_own_synonyms(make):
    groups = {"dom": group("Dominoes Night", "Dominoes and tea.")}
    assert ids(make(groups, "synonyms:\n  fives: [dominoes]\n"), "fives") == ["dom"]


def test_wishes_rank_the_groups_that_fit_first_without_hiding_the_others(make):
    root = make(
        {
            "east-friday": group("Memory Cafe East", "A memory cafe.", area="eastgate",
                                 sessions='\n  - days: friday\n    start: "10:00"\n'),
            "north-monday": group("Memory Cafe North", "A memory cafe."),
        }
    )  # fmt: skip
    result = found(root, "memory cafe friday eastgate", limit=None)
    assert [c["id"] for c in result.cards] == ["east-friday", "north-monday"]
    assert result.read_as == ["in Eastgate", "meeting on Friday 27 November"]


def test_a_wish_word_in_a_name_still_counts(make):
    root = make(
        {
            "friday-club": group("Friday Lunch Club", "Lunch.", sessions='\n  - days: monday\n    start: "12:00"\n'),
            "monday-club": group("Lunch Circle", "Lunch.", sessions='\n  - days: monday\n    start: "12:00"\n'),
        }
    )
    assert ids(root, "friday lunch")[0] == "friday-club"


def test_free_means_the_cost(make):
    root = make(
        {
            "free": group("Gentle Exercise", "Exercise class.", cost="\n  type: free\n"),
            "paid": group("Exercise Plus", "Exercise class, free first visit.", cost="\n  type: fee\n  amount: 4\n"),
        }
    )
    assert ids(root, "free exercise") == ["free", "paid"]


def test_weak_matches_are_counted_not_shown(make):
    both = {f"b{i}": group(f"Knit and Bingo {i}", "Knitting, then bingo.") for i in range(5)}
    one_word = {f"k{i}": group(f"Knitting Circle {i}", "Knitting together.") for i in range(3)}
    root = make({**both, **one_word})
    result = found(root, "knitting bingo", limit=20)
    assert {c["id"] for c in result.cards} == set(both)
    assert (result.good, result.total, result.weaker) == (5, 5, 3)
    assert len(found(root, "knitting bingo", limit=None).cards) == 8  # all of them, as --limit 0


def test_a_few_good_matches_are_followed_by_the_best_weaker_ones(make):
    one_word = {f"k{i}": group(f"Knitting Circle {i}", "Knitting together.") for i in range(5)}
    mention = group("Coffee Morning", "Coffee, cake and a chat.", description="Bingo at Christmas.")
    root = make({**one_word, "mention": mention, "both": group("Knit and Bingo", "Knitting, then bingo.")})
    result = found(root, "knitting bingo", limit=20)
    assert result.cards[0]["id"] == "both"
    assert (result.good, result.total, result.weaker) == (1, 5, 2)  # five shown: one good, four weaker
    with Index.open(find_directory(root)) as index:  # an export holds only what was asked for
        strict = search(index, Query("knitting bingo"), 20, TODAY, strict=True)
    assert [c["id"] for c in strict.cards] == ["both"]


def test_a_word_found_nowhere_is_named_never_dropped_silently(make):
    root = make({"lunch": group("Lunch Club", "Hot meals.")})
    result = found(root, "meals wheelbarrow", limit=20)
    assert result.ignored_words == ["wheelbarrow"]
    assert [c["id"] for c in result.cards] == ["lunch"]


def test_explain_says_which_words_matched_where_and_which_wishes_held(make):
    root = make({"cafe": group("Memory Cafe", "A cafe for people with dementia.", area="eastgate")})
    result = found(root, "dementia eastgate", explain=True, limit=10)
    (why,) = result.why.values()
    assert why[0].startswith("score ")
    assert any(line.startswith('"dementia" in its summary') for line in why)
    assert "in Eastgate: yes" in why
