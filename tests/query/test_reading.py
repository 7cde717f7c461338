"""assetdir.query.reading: a caller's words read as a need and wishes (when, where, how much, access)."""

from __future__ import annotations

import datetime as dt

import pytest

from assetdir.query.reading import read

WEDNESDAY = dt.date(2026, 12, 2)
AREAS = {"eastgate": "Eastgate", "south-ashbury": "South Ashbury", "town-centre": "Town Centre"}
FEATURES = {"step-free": "Step-free access", "hearing-loop": "Hearing loop"}


def reading(text: str, today: dt.date = WEDNESDAY):
    return read(text, today, AREAS, FEATURES, ["someone to talk to", "meals on wheels"])


def test_a_need_with_a_day_and_an_area():
    found = reading("dementia tuesday eastgate")
    assert found.topic == ["dementia"]
    assert found.said() == ["in Eastgate", "meeting on Tuesday 8 December"]
    day = next(w for w in found.wishes if w.kind == "day")
    assert day.dates == [dt.date(2026, 12, 8)]


@pytest.mark.parametrize(
    "text, dates",
    [
        ("today", [WEDNESDAY]),
        ("tomorrow", [dt.date(2026, 12, 3)]),
        ("this friday", [dt.date(2026, 12, 4)]),
        ("next friday", [dt.date(2026, 12, 4)]),
        ("anything on fridays", [dt.date(2026, 12, 4)]),
        ("on wednesday", [WEDNESDAY]),  # today is the coming Wednesday
        ("weekend", [dt.date(2026, 12, 5), dt.date(2026, 12, 6)]),
        ("tues or thurs", [dt.date(2026, 12, 8), dt.date(2026, 12, 3)]),
    ],
)
def test_days_are_the_coming_dates(text, dates):
    found = reading(text)
    assert found.topic == []
    (day,) = [w for w in found.wishes if w.kind == "day"]
    assert day.dates == dates


def test_the_dates_follow_the_day_it_is_asked():
    assert reading("friday", dt.date(2027, 12, 1)).said() == ["meeting on Friday 3 December"]


def test_tonight_is_today_in_the_evening():
    assert reading("tonight").said() == ["meeting on Wednesday 2 December", "in the evening"]


@pytest.mark.parametrize(
    "word, start",
    [("morning", ("00:00", "12:00")), ("afternoons", ("12:00", "17:00")), ("evening", ("17:00", "24:00"))],
)
def test_parts_of_the_day_are_when_a_session_starts(word, start):
    found = reading(f"carers in the {word}")
    assert found.topic == ["carers"]
    (part,) = found.wishes
    assert (part.kind, part.start) == ("part", start)


def test_area_labels_of_several_words_and_near():
    found = reading("lunch near south ashbury")
    assert found.topic == ["lunch"]
    (area,) = found.wishes
    assert (area.areas, area.near, area.said) == (["south-ashbury"], True, "in or near South Ashbury")
    assert reading("town-centre bingo").said() == ["in Town Centre"]


def test_free_and_cheap_are_prices_not_topics():
    assert reading("free exercise classes").said() == ["free or by donation"]
    assert reading("free exercise classes").topic == ["exercise", "classes"]
    cheap = reading("cheap lunch").wishes[0]
    assert (cheap.kind, cheap.cheap) == ("price", True)


def test_access_words_and_the_directory_labels():
    wheelchair = reading("exercise for a wheelchair user").wishes[0]
    assert wheelchair.kind == "access"
    assert "step-free" in wheelchair.features and "ramp" in wheelchair.features
    assert reading("hearing loop").wishes[0].features == ["hearing-loop"]


def test_wish_words_are_still_there_for_names():
    found = reading("friday lunch")
    assert found.named == ["friday"]  # "Friday Lunch Club" still matches by its name


def test_phrases_stay_together_and_the_sentence_falls_away():
    found = reading("is there someone to talk to for my dad")
    assert found.phrases == ["someone to talk to"]
    assert found.topic == []
    assert reading("meals on wheels").phrases == ["meals on wheels"]


def test_nothing_typed_reads_as_nothing():
    found = reading("   ")
    assert (found.topic, found.wishes, found.phrases) == ([], [], [])


def test_free_or_cheap_is_cheap():
    (price,) = reading("free or cheap lunch").wishes
    assert price.cheap and price.said == "free, by donation or £3 or less"
