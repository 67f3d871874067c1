"""The fit score and the hard constraints, on pairs whose answer is known by hand."""

from pathlib import Path

import numpy as np
import pytest

from buurtbaan.matching.engine import explain_pair, load_scenario, prepare, render_all
from buurtbaan.matching.engine.scoring import NEUTRAL

from .build import piece, prepared, resident

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scenario.json"


def only_pair(resident_fields=None, piece_fields=None, **top):
    """Explanation of the single pair of a one-resident, one-piece scenario."""
    engine = prepared(
        [resident("r", **(resident_fields or {}))], [piece("w", **(piece_fields or {}))], **top
    )
    return engine, explain_pair(engine, "r", "w")


def exclusion_codes(resident_fields=None, piece_fields=None, **top) -> list[str]:
    engine, explanation = only_pair(resident_fields, piece_fields, **top)
    assert bool(engine.allowed[0, 0]) == explanation.is_allowed
    return [reason.code for reason in explanation.exclusions]


def test_the_score_is_the_weighted_mean_of_the_components():
    _, explanation = only_pair(
        {"talents": ["Koken", "verbinden"]}, {"talents": ["koken", "verbinden", "organiseren"]}
    )
    assert explanation.components == pytest.approx(
        {
            "talents": 2 / 3,
            "skills": NEUTRAL,
            "dream": NEUTRAL,
            "distance": 1.0,
            "hours": 1.0,
            "days": NEUTRAL,
            "paid": NEUTRAL,
        }
    )
    assert explanation.score == pytest.approx(
        0.30 * 2 / 3 + 0.10 * 0.5 + 0.25 * 0.5 + 0.15 + 0.10 + 0.05 * 0.5 + 0.05 * 0.5
    )


def test_a_skill_of_the_resident_can_meet_a_talent_the_work_asks_for():
    _, explanation = only_pair({"skills": ["Fietsen"]}, {"talents": ["fiets"]})
    assert explanation.components["talents"] == 1.0


@pytest.mark.parametrize(
    ("postcode", "expected"),
    [("1000", 1.0), ("1001AB", 1.0), ("1002", 1 - 0.2 / 7), ("1003", 1 - 4 / 7), ("1004", 0.0)],
)
def test_distance_counts_fully_within_walking_distance_then_falls(postcode, expected):
    _, explanation = only_pair({"postcode": postcode})
    assert explanation.components["distance"] == pytest.approx(expected, abs=1e-5)


def test_an_unknown_postcode_is_neutral_and_says_so():
    _, explanation = only_pair({"postcode": "9999", "travel": "wijk"})
    assert explanation.is_allowed
    assert explanation.components["distance"] == NEUTRAL
    assert "afstand onbekend" in render_all(explanation.reasons)


def test_hours_count_as_the_share_of_the_work_the_resident_can_give():
    _, explanation = only_pair({"hours_per_week": 8}, {"hours_per_week": 10})
    assert explanation.components["hours"] == pytest.approx(0.8)


def test_days_count_as_the_share_of_the_work_days_the_resident_is_free():
    _, explanation = only_pair({"days": ["di", "do"]}, {"days": ["dinsdag", "woensdag"]})
    assert explanation.components["days"] == 0.5
    _, unknown = only_pair({"days": ["di"]}, {})
    assert unknown.components["days"] == NEUTRAL


@pytest.mark.parametrize(
    ("wants", "paid", "expected"),
    [("paid", True, 1), ("paid", False, 0), ("volunteer", False, 1), ("both", False, 1)],
)
def test_paid_or_voluntary_counts_when_it_is_what_the_resident_wants(wants, paid, expected):
    _, explanation = only_pair({"wants": wants}, {"paid": paid})
    assert explanation.components["paid"] == expected


def test_the_dream_counts_when_the_work_text_shares_its_words():
    _, explanation = only_pair(
        {"dream": "Iets in het theater"},
        {"title": "Conciërge in het theater", "description": "Het theater zoekt iemand."},
    )
    assert explanation.components["dream"] > 0.9
    _, unrelated = only_pair({"dream": "Iets met eten"}, {"title": "Fietsen repareren"})
    assert unrelated.components["dream"] == 0


def test_support_lowers_nothing_and_travels_with_the_pair():
    _, plain = only_pair()
    _, supported = only_pair({"support_needed": ["taalcoach"]})
    assert supported.score == plain.score
    assert supported.support == ("taalcoach",)


def test_weights_from_the_scenario_change_the_ranking():
    residents = [
        resident("near", postcode="1000"),
        resident("skilled", postcode="1003", talents=["koken"]),
    ]
    work = [piece("w", talents=["koken"])]
    default = prepared(residents, work)
    assert default.scores[1, 0] > default.scores[0, 0]
    no_talents = prepared(residents, work, weights={"talents": 0})
    assert no_talents.scores[0, 0] > no_talents.scores[1, 0]


# -- hard constraints ---------------------------------------------------------------------


def test_a_resident_under_18_on_the_reference_date_is_excluded():
    assert exclusion_codes({"birth_date": "2008-06-02"}) == ["under_18"]
    assert exclusion_codes({"birth_date": "2008-06-01"}) == []
    assert exclusion_codes({"birth_date": None}) == []


def test_someone_born_on_29_february_turns_18_on_1_march_in_other_years():
    leapling = {"birth_date": "2008-02-29"}
    assert exclusion_codes(leapling, today="2026-02-28") == ["under_18"]
    assert exclusion_codes(leapling, today="2026-03-01") == []


def test_a_resident_without_consent_is_excluded():
    assert exclusion_codes({"consent": False}) == ["no_consent"]


def test_too_few_hours_beyond_the_tolerance_excludes_the_pair():
    # Tolerance: max(2 hours, 20 % of the work's hours).
    assert exclusion_codes({"hours_per_week": 8}, {"hours_per_week": 10}) == []
    assert exclusion_codes({"hours_per_week": 7.9}, {"hours_per_week": 10}) == ["too_few_hours"]
    assert exclusion_codes({"hours_per_week": 19.2}, {"hours_per_week": 24}) == []
    assert exclusion_codes({"hours_per_week": 19}, {"hours_per_week": 24}) == ["too_few_hours"]
    assert exclusion_codes({"hours_per_week": None}, {"hours_per_week": 40}) == []


@pytest.mark.parametrize(
    ("travel", "postcode", "is_excluded"),
    [
        ("wijk", "1002", False),
        ("wijk", "1003", True),
        ("fiets", "1003", False),
        ("fiets", "1004", True),
        ("overal", "1005", False),
        ("wijk", "9999", False),
    ],
)
def test_travel_beyond_what_the_resident_will_do_excludes_the_pair(travel, postcode, is_excluded):
    codes = exclusion_codes({"travel": travel, "postcode": postcode})
    assert codes == (["too_far"] if is_excluded else [])


def test_a_pair_declined_before_is_excluded():
    assert exclusion_codes(declined=[["r", "w"]]) == ["declined"]


def test_the_matrix_and_each_explained_pair_agree_on_the_example():
    engine = prepare(load_scenario(EXAMPLE))
    for i in range(len(engine.residents)):
        for j in range(len(engine.work)):
            explanation = engine.explain(i, j)
            assert explanation.is_allowed == engine.allowed[i, j]
            assert explanation.score == engine.scores[i, j]
            components = {name: np.float32(value) for name, value in explanation.components.items()}
            assert engine.combine(components) == pytest.approx(engine.scores[i, j], abs=1e-6)
    assert np.all((engine.scores >= 0) & (engine.scores <= 1))
