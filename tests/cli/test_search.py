"""`assetdir search`: the right groups, in the order a person would agree with.

Most tests run on a copy of the bundled Ashbury & District directory, whose groups
were read to pick queries with clear right answers. Where the sample cannot make
a point unambiguous (which field a word is in), a small directory is built here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import SETTINGS, run, write_group
from query.search_inputs import ODD, words

from .hostile import shown


def ids(root: Path, *args: str) -> list[str]:
    """The ids `search` prints for these words and filters, best first, all of them."""
    result = run("search", "--format", "ids", "--limit", "0", *args, root=root)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout.split()


def nothing(root: Path, *args: str) -> str:
    """The message when nothing is found (exit 1, nothing on stdout)."""
    result = run("search", "--format", "ids", *args, root=root)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    return result.stderr


def group(
    name: str,
    summary: str = "A friendly afternoon together.",
    *,
    description: str | None = None,
    categories: str = "social-group",
    area: str = "northfield",
    day: str = "tuesday",
    venues: str | None = None,
    extra: str = "",
) -> str:
    """The text of a valid group file; only what a test names is in it."""
    venues = venues or "  - name: Chapel Hall\n    postcode: AS1 2AB\n"
    text = (
        f"name: {name}\nsummary: {summary}\ncategories: [{categories}]\narea: {area}\n"
        f"venues:\n{venues}"
        f'sessions:\n  - days: {day}\n    start: "10:00"\n    end: "12:00"\n'
        'contact:\n  phone: "01632 960123"\nlast_checked: 2026-10-01\n'
    )
    if description:
        text += f"description: {description}\n"
    return text + extra


@pytest.fixture
def build(tmp_path: Path):
    """build({id: text}, settings_extra) -> a small directory with just those groups."""

    def make(groups: dict[str, str], settings_extra: str = "") -> Path:
        root = tmp_path / "custom"
        (root / "groups").mkdir(parents=True)
        (root / "assetdir.yaml").write_text(SETTINGS + settings_extra, encoding="utf-8")
        for id_, text in groups.items():
            write_group(root, id_, text)
        return root

    return make


ACTIVE = 45  # 48 groups: one closed, one paused, one do-not-list


# --- words: where they match --------------------------------------------------------


def test_name_above_summary_above_description(build):
    # names chosen so alphabetical order is the opposite of the right one
    root = build(
        {
            "aardvark": group("Aardvark Circle", description="Patchwork quilting with tea."),
            "middle": group("Middle Circle", "Quilting and a chat every week."),
            "zebra": group("Zebra Quilting Circle"),
        }
    )
    assert ids(root, "quilting") == ["zebra", "middle", "aardvark"]


def test_name_beats_many_lower_places(build):
    root = build(
        {
            "aardvark": group(
                "Aardvark Circle", "Quilting, quilting and more quilting.", description="Quilting all day."
            ),
            "zebra": group("Zebra Quilting"),
        }
    )
    assert ids(root, "quilting") == ["zebra", "aardvark"]


def test_category_and_area_above_description(build):
    root = build(
        {
            "aardvark": group("Aardvark Circle", description="We talk about gardening and Eastgate."),
            "zebra-category": group("Zebra Circle", categories="gardening"),
            "zebra-area": group("Zulu Circle", area="eastgate"),
        }
    )
    assert ids(root, "gardening") == ["zebra-category", "aardvark"]
    assert ids(root, "eastgate") == ["zebra-area", "aardvark"]


def test_all_words_first(build):
    root = build(
        {
            "aardvark": group("Aardvark Circle", description="Patchwork quilting and knitting."),
            "bee": group("Quilting Bee", "Sewing afternoons."),
        }
    )
    # one word in the name does not beat both words, even in the description
    assert ids(root, "quilting", "knitting") == ["aardvark", "bee"]
    assert ids(root, "quilting") == ["bee", "aardvark"]


def test_all_words_first_in_sample(ashbury):
    assert ids(ashbury, "lunch", "eastgate")[0] == "eastgate-punjabi-elders-lunch"
    assert ids(ashbury, "coffee", "saturday")[0] == "st-marys-coffee-morning"
    assert ids(ashbury, "singing", "dementia")[:2] == ["riverside-singing-for-the-brain", "northfield-memory-cafe"]
    assert ids(ashbury, "sight", "loss")[0] == "ashbury-sight-loss-support"


def test_name_match_first_in_sample(ashbury):
    assert ids(ashbury, "knit") == ["northfield-knit-and-natter"]
    assert ids(ashbury, "bowls") == ["millbrook-short-mat-bowls"]
    assert ids(ashbury, "walking")[:2] == ["northfield-walking-group", "south-ashbury-walking-football"]
    # the three lunch clubs, in the order of how much of each is about lunch (never the alphabet)
    assert set(ids(ashbury, "lunch")[:3]) == {
        "millbrook-lunch-club",
        "northfield-lunch-club",
        "eastgate-punjabi-elders-lunch",
    }


def test_dementia_groups_above_venues_that_are_only_dementia_friendly(ashbury):
    # Memory cafe, Singing for the Brain and the carers' cafe are about dementia (their
    # categories and summaries say so); the lunch club, pantry and talking group only
    # meet in a dementia-friendly venue. A person expects the first three first.
    assert set(ids(ashbury, "dementia")[:3]) == {
        "northfield-memory-cafe",
        "riverside-singing-for-the-brain",
        "south-ashbury-carers-cafe",
    }


# --- words: typing slips, plurals, labels, synonyms ----------------------------------


def test_typo_finds_the_word_meant(ashbury):
    result = run("search", "--format", "ids", "dementa", root=ashbury)
    assert result.exit_code == 0
    found = result.stdout.split()
    assert set(found[:2]) == {"northfield-memory-cafe", "riverside-singing-for-the-brain"}  # both about dementia
    assert "south-ashbury-carers-cafe" in found
    assert 'Searched for "dementia" (no group has "dementa")' in result.stderr


def test_typo_gives_the_same_answer_as_the_word(ashbury):
    # the corrected word should also bring its synonyms and so its ranking
    assert ids(ashbury, "dementa") == ids(ashbury, "dementia")


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("gardning", "millbrook-gardening-club"),  # a letter missing from a word with a suffix
        ("excercise", "northfield-chair-exercise"),  # the commonest misspelling of exercise
        ("walkng", "northfield-walking-group"),
        ("bereavment", "ashbury-bereavement-cafe"),
    ],
)
def test_common_typos(ashbury, typed, expected):
    result = run("search", "--format", "ids", typed, root=ashbury)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split()[0] == expected


@pytest.mark.parametrize("words", [["tai", "chi"], ["tai-chi"], ["Tai", "Chi"], ["TAI CHI"], ["chi", "tai"]])
def test_tai_chi(ashbury, words):
    assert ids(ashbury, *words) == ["eastgate-tai-chi"]


@pytest.mark.parametrize("words", [["lunch", "clubs"], ["lunches"], ["lunch", "club"], ["Lunch", "Clubs"]])
def test_plurals_and_stems(ashbury, words):
    assert set(ids(ashbury, *words)[:3]) == {
        "millbrook-lunch-club",
        "northfield-lunch-club",
        "eastgate-punjabi-elders-lunch",
    }


def test_plurals_and_stems_more(ashbury):
    assert ids(ashbury, "dances")[:2] == ["ashbury-tea-dance", "south-ashbury-line-dancing"]
    assert ids(ashbury, "walks")[:2] == ["northfield-walking-group", "south-ashbury-walking-football"]
    assert ids(ashbury, "bowl") == ["millbrook-short-mat-bowls"]
    assert ids(ashbury, "trip")[0] == "millbrook-village-trips"


def test_labels_of_vocabulary_ids(ashbury):
    # category memory-cafe, label "Memory cafes": Singing for the Brain says neither
    assert ids(ashbury, "memory", "cafe")[:2] == ["northfield-memory-cafe", "riverside-singing-for-the-brain"]
    # accessibility bsl is labelled "British Sign Language"
    assert ids(ashbury, "sign", "language")[0] == "eastgate-hearing-loss-group"
    # a directory's own category, labelled in assetdir.yaml
    assert ids(ashbury, "tea", "dances")[0] == "ashbury-tea-dance"


def test_labels_in_a_small_directory(build):
    root = build(
        {
            "circle": group("Tuesday Circle", categories="sensory-loss"),  # "Sight and hearing loss"
            "friday": group("Friday Social", categories="fixing"),
            "other": group("Other Circle"),
        },
        "vocabulary:\n  categories:\n    fixing: {label: Repair cafes, section: Mending}\n",
    )
    assert ids(root, "sight") == ["circle"]
    assert ids(root, "repair", "cafe") == ["friday"]
    assert ids(root, "--category", "Mending") == ["friday"]  # a section added by the directory


def test_builtin_synonyms_in_sample(ashbury):
    found = ids(ashbury, "exercise")
    assert found[0] == "northfield-chair-exercise"
    exercise = {
        "northfield-chair-exercise",
        "northfield-walking-group",
        "eastgate-asian-womens-wellbeing",
        "riverside-falls-prevention",
        "south-ashbury-line-dancing",
        "eastgate-tai-chi",
        "south-ashbury-walking-football",
        "millbrook-short-mat-bowls",
    }
    assert set(found[: len(exercise)]) == exercise  # exercise groups before passing mentions
    assert "ashbury-tea-dance" in found  # dance


@pytest.mark.parametrize("word", ["exercise", "Exercise", "exercises"])
def test_builtin_synonyms_find_groups_without_the_word(build, word):
    root = build(
        {
            "movement": group("Morning Movement", "Slow movements in the park.", categories="tai-chi"),
            "strollers": group("Park Strollers", "An hour round the park.", categories="walking"),
            "bridge": group("Bridge Circle", "Cards and tea.", categories="games"),
        }
    )
    assert set(ids(root, word)) == {"movement", "strollers"}


def test_synonyms_from_assetdir_yaml(sample):
    nothing(sample, "yarn")  # no group says yarn
    with open(sample / "assetdir.yaml", "a", encoding="utf-8") as f:
        f.write("synonyms:\n  yarn: [knit]\n  natter: [knit, chat]\n")
    assert ids(sample, "yarn") == ["northfield-knit-and-natter"]
    assert ids(sample, "natter")[0] == "northfield-knit-and-natter"


def test_synonym_list_and_single_value(build):
    root = build(
        {"bee": group("Quilting Bee"), "shed": group("Tool Shed", "Woodwork and repairs.")},
        "synonyms:\n  patchwork: quilting\n  Carpentry: [woodwork, joinery]\n",
    )
    assert ids(root, "patchwork") == ["bee"]
    assert ids(root, "carpentry") == ["shed"]


# --- no words: every match, alphabetically --------------------------------------------


def test_no_words_lists_all_alphabetically(ashbury):
    result = run("search", "--format", "ids", "--limit", "0", root=ashbury)
    assert result.exit_code == 0
    found = result.stdout.split()
    assert len(found) == ACTIVE
    assert result.stderr == f"{ACTIVE} groups found\n"
    names = [
        c["name"].lower() for c in json.loads(run("search", "--format", "json", "--limit", "0", root=ashbury).stdout)
    ]
    assert names == sorted(names)
    assert found[0] == "ashbury-u3a"  # "Ashbury & District U3A"


def test_filters_only_are_alphabetical(ashbury):
    assert ids(ashbury, "--area", "millbrook") == [
        "millbrook-lunch-club",  # Millbrook Friday Lunch Club
        "millbrook-friendship-calls",  # Millbrook Friendship Calls
        "millbrook-gardening-club",  # Millbrook Gardening Club
        "millbrook-village-trips",  # Millbrook Over 60s Outings
        "millbrook-short-mat-bowls",  # Millbrook Short Mat Bowls
    ]


# --- every filter on its own -----------------------------------------------------------


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["--area", "Millbrook"],
            [
                "millbrook-lunch-club",
                "millbrook-friendship-calls",
                "millbrook-gardening-club",
                "millbrook-village-trips",
                "millbrook-short-mat-bowls",
            ],
        ),
        (
            ["--area", "South Ashbury"],
            [
                "ashbury-handyperson-service",
                "south-ashbury-mens-shed",
                "ashbury-shopping-help",
                "south-ashbury-line-dancing",
                "south-ashbury-carers-cafe",
                "south-ashbury-community-pantry",
                "south-ashbury-talking-together",
                "south-ashbury-walking-football",
            ],
        ),
        (
            ["--area", "south-ashbury"],
            [
                "ashbury-handyperson-service",
                "south-ashbury-mens-shed",
                "ashbury-shopping-help",
                "south-ashbury-line-dancing",
                "south-ashbury-carers-cafe",
                "south-ashbury-community-pantry",
                "south-ashbury-talking-together",
                "south-ashbury-walking-football",
            ],
        ),
        (["--category", "memory-cafe"], ["northfield-memory-cafe", "riverside-singing-for-the-brain"]),
        (["--category", "tai-chi", "--category", "walking"], ["northfield-walking-group", "eastgate-tai-chi"]),
        (["--category", "tea-dance"], ["ashbury-tea-dance"]),  # the directory's own category
        (["--day", "sunday"], ["eastgate-polish-seniors-club", "ashbury-lgbtq-over-50s"]),
        (
            ["--day", "sat"],
            [
                "south-ashbury-mens-shed",
                "riverside-allotment-group",
                "south-ashbury-community-pantry",
                "st-marys-coffee-morning",
            ],
        ),
        (["--day", "Sundays"], ["eastgate-polish-seniors-club", "ashbury-lgbtq-over-50s"]),
        (
            ["--audience", "men"],
            ["south-ashbury-mens-shed", "riverside-coffee-and-games", "south-ashbury-walking-football"],
        ),
        (
            ["--access", "referral"],
            ["millbrook-friendship-calls", "northfield-good-neighbours", "riverside-falls-prevention"],
        ),
        (["--attending", "online"], ["ashbury-u3a", "ashbury-volunteer-hub", "ashbury-lgbtq-over-50s"]),
        (
            ["--attending", "home-visit"],
            [
                "ashbury-handyperson-service",
                "ashbury-sight-loss-support",
                "ashbury-shopping-help",
                "northfield-good-neighbours",
            ],
        ),
        (["--offers", "minibus"], ["riverside-dial-a-ride"]),
        (["--offers", "piano"], ["st-marys-coffee-morning"]),
        (["--needs", "piano"], ["ashbury-tea-dance", "riverside-singing-for-the-brain"]),
        (["--accessible", "bsl"], ["eastgate-hearing-loss-group"]),
        (
            ["--accessible", "changing-places", "--accessible", "lift"],
            ["south-ashbury-line-dancing", "south-ashbury-walking-football"],
        ),
        (
            ["--free", "--area", "eastgate"],
            [
                "eastgate-energy-advice",
                "eastgate-hearing-loss-group",
                "eastgate-punjabi-elders-lunch",
                "eastgate-asian-womens-wellbeing",
            ],
        ),
        (["--max-cost", "2", "--area", "millbrook"], ["millbrook-friendship-calls"]),
        (["--max-cost", "2.50", "--area", "millbrook"], ["millbrook-friendship-calls", "millbrook-short-mat-bowls"]),
        (
            ["--max-cost", "£5.50", "--area", "millbrook"],
            ["millbrook-lunch-club", "millbrook-friendship-calls", "millbrook-short-mat-bowls"],
        ),
        (["--max-cost", "4.49", "--category", "lunch-club"], ["eastgate-punjabi-elders-lunch"]),
        (
            ["--max-cost", "4.50", "--category", "lunch-club"],
            ["northfield-lunch-club", "eastgate-punjabi-elders-lunch"],
        ),
        (["--category", "lunch-club", "--free"], ["eastgate-punjabi-elders-lunch"]),
    ],
)
def test_filter_alone(ashbury, args, expected):
    assert ids(ashbury, *args) == expected


def test_category_section(ashbury):
    wellbeing = ids(ashbury, "--category", "Wellbeing")
    assert set(wellbeing) == {
        "ashbury-handyperson-service",
        "south-ashbury-mens-shed",
        "ashbury-sight-loss-support",
        "ashbury-bereavement-cafe",
        "eastgate-hearing-loss-group",
        "millbrook-friendship-calls",
        "northfield-carers-group",
        "northfield-chair-exercise",
        "northfield-memory-cafe",
        "ashbury-lgbtq-over-50s",
        "riverside-singing-for-the-brain",
        "eastgate-asian-womens-wellbeing",
        "south-ashbury-carers-cafe",
        "riverside-falls-prevention",
        "eastgate-tai-chi",
        "south-ashbury-talking-together",
    }
    assert ids(ashbury, "--category", "wellbeing") == wellbeing
    assert ids(ashbury, "--category", "Practical help", "--area", "riverside") == ["riverside-dial-a-ride"]
    # a section or a category, either
    assert set(ids(ashbury, "--category", "Advice", "--category", "housing")) == {
        "ashbury-benefits-advice",
        "eastgate-energy-advice",
        "ashbury-housing-advice",
        "south-ashbury-community-pantry",
        "ashbury-warm-space-library",
        "ashbury-handyperson-service",
    }


def test_filters_combine_with_words(ashbury):
    assert ids(ashbury, "lunch", "--area", "riverside") == ["riverside-dial-a-ride"]
    found = ids(ashbury, "exercise", "--free", "--accessible", "step-free")
    assert set(found[:3]) == {
        "northfield-walking-group",
        "eastgate-asian-womens-wellbeing",
        "riverside-falls-prevention",
    }
    assert "northfield-chair-exercise" not in found  # it costs 3.00
    assert "eastgate-tai-chi" not in found  # 4.00 a class


def test_accessible_features_must_be_at_the_same_venue(build):
    two_venues = (
        "  - name: Chapel Hall\n    accessibility: [hearing-loop]\n"
        "  - name: Scout Hut\n    accessibility: [step-free]\n"
    )
    one_venue = "  - name: Library\n    accessibility: [step-free, hearing-loop, seating]\n"
    root = build(
        {"split": group("Split Circle", venues=two_venues), "together": group("Together Circle", venues=one_venue)}
    )
    assert ids(root, "--accessible", "hearing-loop", "--accessible", "step-free") == ["together"]
    assert ids(root, "--accessible", "hearing-loop") == ["split", "together"]
    assert ids(root, "--accessible", "step-free") == ["split", "together"]


def test_accessible_same_venue_in_sample(ashbury):
    # the U3A has a lift at the Town Hall and seating at St Mary's: not both at one venue
    assert ids(ashbury, "--accessible", "lift", "--accessible", "seating") == [
        "ashbury-book-club",
        "ashbury-sight-loss-support",
        "ashbury-digital-drop-in",
        "ashbury-warm-space-library",
    ]
    # the benefits surgery has a quiet space at one venue, a Changing Places toilet at the other
    message = nothing(ashbury, "--accessible", "quiet-space", "--accessible", "changing-places")
    assert "no group with Quiet space and Changing Places toilet at one venue" in message


def test_closed_paused_and_do_not_list_are_left_out(ashbury):
    everything = ids(ashbury, "--include-closed")
    assert len(everything) == 48
    assert set(everything) - set(ids(ashbury)) == {
        "eastgate-luncheon-club",
        "millbrook-art-group",
        "riverside-widowers-group",
    }
    assert "eastgate-luncheon-club" not in ids(ashbury, "luncheon")  # closed
    assert "millbrook-art-group" not in ids(ashbury, "--area", "millbrook")  # paused
    assert ids(ashbury, "--category", "bereavement") == ["ashbury-bereavement-cafe"]  # widowers: do-not-list
    assert "riverside-widowers-group" not in ids(ashbury, "widowers")  # the bereavement cafe, by its synonym
    nothing(ashbury, "watercolour")


def test_include_closed(ashbury):
    assert "eastgate-luncheon-club" in ids(ashbury, "--include-closed", "--area", "eastgate")
    assert "millbrook-art-group" in ids(ashbury, "--include-closed", "--area", "millbrook")
    assert ids(ashbury, "--include-closed", "--category", "bereavement") == [
        "ashbury-bereavement-cafe",
        "riverside-widowers-group",
    ]
    assert ids(ashbury, "--include-closed", "widowers")[0] == "riverside-widowers-group"
    assert ids(ashbury, "--include-closed", "watercolour") == ["millbrook-art-group"]


def test_include_closed_in_a_small_directory(build):
    root = build(
        {
            "a-active": group("Alpha"),
            "b-paused": group("Bravo", extra="status: paused\n"),
            "c-closed": group("Charlie", extra="status: closed\n"),
            "d-hidden": group("Delta", extra="status: do-not-list\n"),
        }
    )
    assert ids(root) == ["a-active"]
    assert ids(root, "--include-closed") == ["a-active", "b-paused", "c-closed", "d-hidden"]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--category", "wellbeeing"], 'did you mean "mental-wellbeing"?'),
        (["--category", "lunch-clubs"], 'did you mean "lunch-club"?'),
        (["--area", "millbrok"], 'did you mean "millbrook"?'),
        (["--day", "fridya"], 'did you mean "friday"?'),
        (["--audience", "carer"], 'did you mean "carers"?'),
        (["--access", "dropin"], 'did you mean "drop-in"?'),
        (["--attending", "phones"], 'did you mean "phone"?'),
        (["--accessible", "stepfree"], 'did you mean "step-free"?'),
        (["--offers", "minibuss"], 'did you mean "minibus"?'),
        (["--needs", "pianos"], 'did you mean "piano"?'),
    ],
)
def test_unknown_filter_values(ashbury, args, expected):
    result = run("search", "--format", "ids", *args, root=ashbury)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {args[0]} {args[1]}: not ")
    assert lines[0].endswith(expected)


@pytest.mark.parametrize("args", [["--max-cost", "cheap"], ["--on", "someday"], ["--on", "2026-13-01"]])
def test_bad_values_without_suggestions(ashbury, args):
    result = run("search", *args, root=ashbury)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {args[0]} {args[1]}: give ")


def test_empty_result_names_the_filter(ashbury):
    assert nothing(ashbury, "--area", "millbrook", "--day", "sunday") == (
        "Nothing found: no group meeting on Sunday among the others you asked for\n"
    )
    assert "no group offering minibus" in nothing(ashbury, "--area", "millbrook", "--offers", "minibus")
    assert nothing(ashbury, "--accessible", "bsl", "--area", "riverside").startswith(
        "Nothing found: no group with British Sign Language"
    )


def test_empty_result_from_words_suggests_close_words(ashbury):
    message = nothing(ashbury, "zzzqqq")
    assert message == 'Nothing found: no group matches "zzzqqq"\n'
    message = nothing(ashbury, "knittting", "--area", "riverside")
    assert message.splitlines() == [
        'Searched for "knitting" (no group has "knittting")',
        'Nothing found: 2 groups match "knitting", but none in Riverside',
    ]


def test_words_emptied_by_a_filter_say_so(ashbury):
    # "tai chi" does match a group, in Eastgate: the message should blame the area,
    # and must not suggest the very words that were typed
    message = nothing(ashbury, "tai", "chi", "--area", "millbrook")
    assert "Millbrook" in message
    assert "'tai'" not in message and "'chi'" not in message


# --- --on: sessions that really meet on a date ----------------------------------------


ON_FRIDAY_30_OCT = [  # last Friday of the month; Millbrook's fortnightly lunch runs
    "ashbury-tea-dance",
    "eastgate-hearing-loss-group",
    "millbrook-lunch-club",
    "northfield-walking-group",
    "eastgate-punjabi-elders-lunch",
    "riverside-coffee-and-games",
    "south-ashbury-walking-football",
]

ON_THURSDAY_29_OCT = [
    "ashbury-u3a",
    "south-ashbury-mens-shed",
    "ashbury-volunteer-hub",
    "ashbury-digital-drop-in",
    "northfield-lunch-club",
    "riverside-singing-for-the-brain",
    "eastgate-asian-womens-wellbeing",
    "riverside-falls-prevention",
    "south-ashbury-talking-together",
]


def test_on_dates_through_the_cli(ashbury):
    assert ids(ashbury, "--on", "2026-10-30") == ON_FRIDAY_30_OCT
    # a week earlier: not the last Friday, not Millbrook's week
    assert ids(ashbury, "--on", "2026-10-23") == [
        "northfield-walking-group",
        "eastgate-punjabi-elders-lunch",
        "riverside-coffee-and-games",
        "south-ashbury-walking-football",
    ]
    assert ids(ashbury, "--on", "2026-10-29") == ON_THURSDAY_29_OCT


def test_on_from_and_until_through_the_cli(ashbury):
    tai_chi = "eastgate-tai-chi"  # Tuesdays 8 September to 15 December 2026
    assert tai_chi not in ids(ashbury, "--on", "2026-09-01")
    assert tai_chi in ids(ashbury, "--on", "2026-09-08")
    assert tai_chi in ids(ashbury, "--on", "2026-12-15")
    assert tai_chi not in ids(ashbury, "--on", "2026-12-22")
    warm = "ashbury-warm-space-library"  # Mon, Wed, Fri from 2 November 2026
    assert warm not in ids(ashbury, "--on", "2026-10-30")
    assert warm in ids(ashbury, "--on", "2026-11-02")


def test_on_fortnightly_and_monthly_through_the_cli(ashbury):
    memory = "northfield-memory-cafe"  # every other Wednesday from 7 January 2026
    assert memory in ids(ashbury, "--on", "2025-12-24")  # before `starting`
    assert memory not in ids(ashbury, "--on", "2026-12-30")  # 51 weeks
    assert memory in ids(ashbury, "--on", "2027-01-06")  # across the new year
    assert memory in ids(ashbury, "--on", "2026-12-23")  # 50 weeks after 7 January
    assert "ashbury-tea-dance" in ids(ashbury, "--on", "2027-02-26")  # last Friday of February
    assert "ashbury-tea-dance" not in ids(ashbury, "--on", "2027-02-19")
    carers = "south-ashbury-carers-cafe"  # 1st and 3rd Tuesdays
    assert [carers in ids(ashbury, "--on", f"2026-12-{n:02}") for n in (1, 8, 15, 22, 29)] == [
        True,
        False,
        True,
        False,
        False,
    ]


def test_on_today_tomorrow_and_weekdays(ashbury, clock):
    clock.set(dt.date(2026, 10, 29))  # a Thursday
    assert ids(ashbury, "--on", "today") == ON_THURSDAY_29_OCT
    assert ids(ashbury, "--on", "thursday") == ON_THURSDAY_29_OCT  # today is the next Thursday
    assert ids(ashbury, "--on", "tomorrow") == ON_FRIDAY_30_OCT
    assert ids(ashbury, "--on", "friday") == ON_FRIDAY_30_OCT
    assert ids(ashbury, "--on", "Fri") == ON_FRIDAY_30_OCT
    assert ids(ashbury, "--on", "TOMORROW") == ON_FRIDAY_30_OCT
    # next Wednesday is 4 November: the warm space has opened
    assert "ashbury-warm-space-library" in ids(ashbury, "--on", "wednesday")


def test_on_christmas_day_honours_closures_and_bank_holidays(ashbury):
    """Three groups close for bank holidays or over Christmas in the sample: none is listed on Christmas Day."""
    christmas = ids(ashbury, "--on", "2026-12-25")
    for closed in ("ashbury-tea-dance", "millbrook-lunch-club", "riverside-coffee-and-games"):
        assert closed not in christmas
        assert closed in ids(ashbury, "--on", "2026-11-27")  # a Friday like any other
    assert "northfield-walking-group" in christmas  # open on bank holidays
    lunch = "northfield-lunch-club"  # Tuesdays and Thursdays; closed 21 December to 4 January and bank holidays
    assert lunch in ids(ashbury, "--on", "2026-12-17")
    assert lunch not in ids(ashbury, "--on", "2026-12-22")
    assert lunch not in ids(ashbury, "--on", "2026-12-31")
    assert lunch in ids(ashbury, "--on", "2027-01-05")
    assert lunch not in ids(ashbury, "--on", "2027-12-28") and lunch in ids(
        ashbury, "--on", "2027-12-30"
    )  # Boxing Day moved


def test_on_says_the_date_when_nothing_meets(ashbury):
    message = nothing(ashbury, "--on", "2026-10-23", "--area", "millbrook")
    assert "Friday 23 October 2026" in message


# --- output -------------------------------------------------------------------------------


def test_json_has_no_private_block_ever(ashbury):
    result = run("search", "--format", "json", "--limit", "0", "--include-closed", root=ashbury)
    assert result.exit_code == 0
    groups = json.loads(result.stdout)
    assert len(groups) == 48
    assert [g["id"] for g in groups] == ids(ashbury, "--include-closed")

    def keys(value):
        if isinstance(value, dict):
            for k, v in value.items():
                yield k
                yield from keys(v)
        elif isinstance(value, list):
            for v in value:
                yield from keys(v)

    assert "private" not in set(keys(groups))
    assert "Penhallow" not in result.stdout and "07700 900202" not in result.stdout
    rainbow = json.loads(run("search", "--format", "json", "rainbow", root=ashbury).stdout)
    assert rainbow[0]["id"] == "ashbury-lgbtq-over-50s"
    assert rainbow[0]["name"] == "Rainbow Over 50s Ashbury"
    assert "private" not in rainbow[0]


def test_csv(ashbury):
    result = run("search", "--format", "csv", "--area", "millbrook", root=ashbury)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "id,name,area,when,cost,phone,summary"
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[0] for r in rows[1:]] == ids(ashbury, "--area", "millbrook")
    assert rows[1][:3] == ["millbrook-lunch-club", "Millbrook Friday Lunch Club", "Millbrook"]
    assert result.stderr == "5 groups found\n"


def test_ids_and_text(ashbury):
    result = run("search", "--format", "ids", "bowls", root=ashbury)
    assert result.stdout == "millbrook-short-mat-bowls\n"
    assert result.stderr == "1 group found\n"
    result = run("search", "--format", "text", "bowls", root=ashbury)
    lines = result.stdout.splitlines()
    assert lines[0] == "Millbrook Short Mat Bowls (millbrook-short-mat-bowls)"
    assert lines[1].startswith("  Millbrook | ")
    assert len(lines) == 2
    # piped, with no --format: plain text
    assert run("search", "bowls", root=ashbury).stdout == result.stdout


def test_table_format(ashbury):
    result = run("search", "--format", "table", "bowls", root=ashbury)
    assert result.exit_code == 0
    assert "Name" in result.stdout and "Bowls" in result.stdout
    assert "1 group found" in result.stdout


def test_limit_and_how_many_more(ashbury):
    result = run("search", "--format", "ids", root=ashbury)
    assert len(result.stdout.split()) == 20  # the default
    assert result.stderr == f"{ACTIVE} groups found, showing 20 (and {ACTIVE - 20} more: --limit 0 shows all)\n"
    result = run("search", "--format", "ids", "--limit", "2", "--area", "millbrook", root=ashbury)
    assert result.stdout.split() == ["millbrook-lunch-club", "millbrook-friendship-calls"]
    assert result.stderr == "5 groups found, showing 2 (and 3 more: --limit 0 shows all)\n"
    result = run("search", "--format", "ids", "--limit", "0", root=ashbury)
    assert len(result.stdout.split()) == ACTIVE
    assert "more" not in result.stderr
    assert run("search", "--format", "ids", "--limit", "-1", root=ashbury).exit_code == 2


# --- bad input ------------------------------------------------------------------------------


def test_broken_file_left_out_with_one_warning(sample, monkeypatch):
    monkeypatch.chdir(sample)
    write_group(sample, "northfield-broken-lunch", "name: Broken Lunch Club\nsummary: [unclosed\n", folder="northfield")
    result = run("search", "--format", "ids", "lunch", root=sample)
    assert result.exit_code == 0
    assert set(result.stdout.split()[:3]) == {
        "millbrook-lunch-club",
        "northfield-lunch-club",
        "eastgate-punjabi-elders-lunch",
    }
    assert "northfield-broken-lunch" not in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "found" not in line]
    assert len(warnings) == 1
    assert "groups/northfield/northfield-broken-lunch.yaml" in warnings[0]
    assert "assetdir validate" in warnings[0]


def test_invalid_group_left_out_others_still_found(sample, monkeypatch):
    monkeypatch.chdir(sample)
    path = sample / "groups" / "millbrook" / "millbrook-short-mat-bowls.yaml"
    path.write_text(path.read_text().replace("categories: [games, gentle-exercise]", "categories: [gamez]"))
    result = run("search", "--format", "ids", "--area", "millbrook", root=sample)
    assert result.exit_code == 0
    assert result.stdout.split() == [
        "millbrook-lunch-club",
        "millbrook-friendship-calls",
        "millbrook-gardening-club",
        "millbrook-village-trips",
    ]
    warnings = result.stderr.splitlines()[:-1]
    assert warnings == [
        "Warning: left out, with problems: groups/millbrook/millbrook-short-mat-bowls.yaml; run `assetdir validate` to see them"
    ]
    # and when the broken one was the only match
    result = run("search", "--format", "ids", "bowls", root=sample)
    assert result.exit_code == 1
    assert "millbrook-short-mat-bowls.yaml" in result.stderr


def test_many_broken_files_still_one_warning_line(sample, monkeypatch):
    monkeypatch.chdir(sample)
    for n in range(5):
        write_group(sample, f"broken-{n}", "name: [\n")
    write_group(sample, "not-utf8", "")
    (sample / "groups" / "not-utf8.yaml").write_bytes(b"name: \xff\xfe\n")
    result = run("search", "--format", "ids", "knit", root=sample)
    assert result.exit_code == 0
    assert result.stdout == "northfield-knit-and-natter\n"
    warnings = result.stderr.splitlines()[:-1]
    assert len(warnings) == 1
    assert warnings[0].startswith("Warning: left out, with problems: groups/broken-0.yaml")
    assert "and 3 more" in warnings[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words)
def test_any_text_never_raises_in_the_cli(ashbury, parts):
    result = run("search", "--format", "ids", "--", *parts, root=ashbury)
    assert result.exit_code in (0, 1), (parts, result.stdout, result.stderr)
    assert "unexpected internal error" not in result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith("Nothing found:") or "Nothing found:" in result.stderr


@pytest.mark.parametrize("text", ODD)
def test_odd_words_are_just_words(ashbury, text):
    result = run("search", "--format", "ids", "--", text, "bowls", root=ashbury)
    assert result.exit_code == 0, result.stderr
    assert "millbrook-short-mat-bowls" in result.stdout.split()


def test_everyday_phrasing_and_apostrophes(ashbury):
    assert ids(ashbury, "men's", "shed") == ids(ashbury, "mens", "shed")
    assert ids(ashbury, "men's", "shed")[0] == "south-ashbury-mens-shed"
    # "somewhere to go on" are not what is looked for
    assert ids(ashbury, "somewhere", "to", "go", "on", "sunday") == ids(ashbury, "sunday")
    assert "ashbury-benefits-advice" in ids(ashbury, "help", "with", "bills")[:3]


def test_on_says_which_date_it_used_and_max_cost_must_be_a_price(ashbury):
    result = run("search", "--on", "friday", "--format", "ids", root=ashbury)
    assert "Meeting on Friday 27 November 2026" in result.stderr
    bad = run("search", "--max-cost", "-1", root=ashbury)
    assert bad.exit_code == 1 and "--max-cost -1: give an amount in pounds" in bad.stderr


def test_the_words_read_as_wishes_are_said_back(ashbury):
    result = run("search", "dementia tuesday eastgate", root=ashbury)
    assert result.exit_code == 0
    assert "Read as: in Eastgate; meeting on Tuesday 1 December\n" in result.stderr
    assert "Read as" not in result.stdout  # the results stay clean for a pipe


def test_weaker_matches_are_counted_and_limit_0_shows_them(ashbury):
    shown = run("search", "--format", "ids", "transport to hospital", root=ashbury)
    ids = shown.stdout.split()
    assert ids[0] == "riverside-dial-a-ride" and len(ids) == 5  # the one good match, then the best weaker ones
    assert "1 good match and 4 weaker found; " in shown.stderr
    weaker = int(re.search(r"; (\d+) weaker match", shown.stderr).group(1))
    assert "(--limit 0 shows them)" in shown.stderr
    everything = run("search", "--format", "ids", "--limit", "0", "transport to hospital", root=ashbury)
    assert len(everything.stdout.split()) == 5 + weaker


def test_the_weaker_matches_shown_are_marked_as_such(ashbury):
    lines = run("search", "--format", "text", "transport to hospital", root=ashbury).stdout.splitlines()
    assert lines[0].startswith("Ashbury Dial-a-Ride")
    assert lines[2] == "Weaker matches:"


def test_a_word_no_group_has_is_said_not_dropped(ashbury):
    result = run("search", "meals on wheels", root=ashbury)
    assert 'No group has "wheels": left out of the search' in result.stderr


def test_explain_says_why_each_group_ranked_there(ashbury):
    result = run("search", "--explain", "--limit", "2", "memory cafe friday", root=ashbury)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Northfield Memory Cafe (northfield-memory-cafe)")
    why = [line.strip() for line in lines if line.startswith("    why: ")]
    assert why[0].startswith("why: score ")
    assert any(line.startswith('why: "memory" in its name') for line in why)
    assert any(line.startswith("why: meeting on Friday 27 November: ") for line in why)


def test_explain_text_from_files_is_escaped(hostile):
    out = shown(hostile, "search", "--explain", "--limit", "0", "North")
    assert "why: " in out
