"""Reasons in plain Dutch, with an English rendering."""

import pytest

from buurtbaan.matching.engine import Reason, explain_pair, render, render_all
from buurtbaan.matching.engine.reasons import REASON_CODES

from .build import piece, prepared, resident


def reasons_of(resident_fields, piece_fields, lang="nl") -> list[str]:
    engine = prepared([resident("r", **resident_fields)], [piece("w", **piece_fields)])
    return render_all(explain_pair(engine, "r", "w").reasons, lang)


def test_a_good_pair_is_explained_in_plain_dutch():
    reasons = reasons_of(
        {
            "talents": ["koken", "verbinden"],
            "dream": "Iets met eten",
            "postcode": "1001",
            "days": ["di"],
            "wants": "paid",
        },
        {
            "talents": ["koken", "verbinden"],
            "title": "Koken in de buurtkeuken",
            "description": "Samen eten met buren.",
            "days": ["dinsdag"],
            "paid": True,
        },
    )
    assert reasons == [
        "kan goed koken en verbinden",
        "wil iets met eten",
        "woont 300 m verderop",
        "beschikbaar op dinsdag",
        "heeft genoeg tijd (20 uur per week)",
        "wil betaald werk",
    ]


def test_the_same_pair_reads_in_english():
    reasons = reasons_of(
        {"talents": ["koken"], "postcode": "1003", "days": ["di", "do"], "wants": "volunteer"},
        {"talents": ["koken", "snoeien"], "days": ["di", "do"], "paid": True},
        lang="en",
    )
    assert reasons == [
        "is good at koken",
        "lives 5 km away",
        "available on Tuesday and Thursday",
        "has enough time (20 hours a week)",
        "would rather do voluntary work",
        "the work also asks for: snoeien",
    ]


def test_reasons_name_what_is_short():
    assert reasons_of({"hours_per_week": 8.5, "days": ["za"]}, {"days": ["ma"]})[1:] == [
        "niet beschikbaar op de gevraagde dagen",
        "heeft 8,5 van de 10 uur per week",
    ]


def test_talents_are_named_as_the_resident_wrote_them():
    assert reasons_of({"talents": ["Fietsen Repareren"]}, {"talents": ["fiets repareren"]})[0] == (
        "kan goed Fietsen Repareren"
    )


def test_exclusions_are_reasons_too():
    engine = prepared(
        [resident("r", travel="wijk", postcode="1003", hours_per_week=2)],
        [piece("w", hours_per_week=10)],
        declined=[["r", "w"]],
    )
    explanation = explain_pair(engine, "r", "w")
    assert render_all(explanation.exclusions) == [
        "heeft te weinig tijd: 2 van de 10 uur per week",
        "woont 5 km verderop, te ver voor werk in de eigen wijk",
        "heeft dit werk eerder afgewezen",
    ]
    assert render_all(explanation.exclusions, "en")[1] == (
        "lives 5 km away, too far for work in their own neighbourhood"
    )


def test_every_reason_code_renders_in_both_languages():
    params = {
        "words": ["koken"],
        "km": 2.44,
        "days": [0],
        "resident_hours": 12,
        "work_hours": 16,
        "travel": "fiets",
    }
    for code in REASON_CODES:
        dutch, english = render(Reason(code, params), "nl"), render(Reason(code, params), "en")
        assert dutch
        assert english
        assert dutch != english, code


def test_distances_are_rounded_for_people():
    assert render(Reason("distance", {"km": 0.312})) == "woont 300 m verderop"
    assert render(Reason("distance", {"km": 0.01})) == "woont 50 m verderop"
    assert render(Reason("distance", {"km": 2.44})) == "woont 2,4 km verderop"
    assert render(Reason("distance", {"km": 2.44}), "en") == "lives 2.4 km away"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        render(Reason("same_area"), "de")


def test_reasons_are_plain_data():
    assert Reason("shared_days", {"days": [1]}).to_dict() == {
        "code": "shared_days",
        "params": {"days": [1]},
    }
