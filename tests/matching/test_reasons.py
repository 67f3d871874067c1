"""The engine's reasons in the reader's language, through the translation catalogue."""

from django.utils import translation

from buurtbaan.matching.engine import REASON_CODES
from buurtbaan.matching.reasons import SENTENCES, join_words, render, render_all, score_percent


def test_every_engine_reason_has_a_sentence():
    assert set(SENTENCES) >= REASON_CODES


def test_it_renders_words_as_people_wrote_them():
    reason = {"code": "shared_talents", "params": {"words": ["koken", "verbinden"]}}
    assert render(reason) == "is good at koken and verbinden"


def test_it_renders_distances_days_and_hours():
    assert render({"code": "distance", "params": {"km": 0.31}}) == "lives 300 m away"
    assert render({"code": "distance", "params": {"km": 2.44}}) == "lives 2.4 km away"
    assert render({"code": "shared_days", "params": {"days": [1, 3]}}) == (
        "available on Tuesday and Thursday"
    )
    assert render(
        {"code": "few_hours", "params": {"resident_hours": 20.0, "work_hours": 24.0}}
    ) == ("has 20 of the 24 hours a week")


def test_too_far_names_the_limit_the_resident_chose():
    wijk = {"code": "too_far", "params": {"km": 3.2, "travel": "wijk"}}
    fiets = {"code": "too_far", "params": {"km": 9.0, "travel": "fiets"}}
    assert render(wijk) == "lives 3.2 km away, too far for work in their own neighbourhood"
    assert render(fiets) == "lives 9 km away, too far to cycle"


def test_numbers_follow_the_readers_language():
    with translation.override("nl"):
        assert "2,4 km" in render({"code": "distance", "params": {"km": 2.44}})


def test_unknown_codes_are_left_out():
    assert render_all([{"code": "luck", "params": {}}, {"code": "same_area"}]) == [
        "lives in the same neighbourhood"
    ]


def test_join_words_and_percentages():
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert score_percent(0.624) == 62
    assert score_percent(1.3) == 100
