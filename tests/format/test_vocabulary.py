"""assetdir.format.vocabulary: the ids suggested for a mistyped one."""

from __future__ import annotations

import pytest

from assetdir.format.vocabulary import suggest

IDS = ["dance", "learning", "gardening", "walking", "gentle-exercise", "lunch-club", "music-singing"]


@pytest.mark.parametrize(
    "typed, first",
    [
        ("dancing", "dance"),  # the same start counts, not only how alike the letters are
        ("gardning", "gardening"),
        ("lunchclub", "lunch-club"),
        ("singing", "music-singing"),  # a word may be one part of an id
        ("excercise", "gentle-exercise"),
    ],
)
def test_the_closest_id_comes_first(typed, first):
    assert suggest(typed, IDS)[0] == first


def test_an_id_of_several_parts_is_not_suggested_for_one_shared_part():
    assert suggest("northfield-walking-group", ["northfield-lunch-club", "eastgate-walking-group"]) == [
        "eastgate-walking-group"
    ]


def test_nothing_alike_suggests_nothing():
    assert suggest("zzz", IDS) == []
