"""Reading the exchange format: defaults, normalisation, and errors that name their path."""

from datetime import date

import pytest

from buurtbaan.matching.engine import Scenario, ScenarioError, Weights, load_scenario

from .build import piece, resident, scenario


def errors_of(data) -> list[str]:
    with pytest.raises(ScenarioError) as raised:
        Scenario.from_dict(data)
    return raised.value.errors


def test_it_reads_a_minimal_scenario_with_defaults():
    read = Scenario.from_dict({"residents": [{"id": 1}], "work": [{"id": "a"}]})
    only = read.residents[0]
    assert (only.wants, only.travel, only.priority, only.consent) == ("both", "overal", 0.0, True)
    assert read.work[0].people == 1
    assert read.today == date.today()
    assert read.weights == Weights()


def test_it_keeps_ids_as_given_and_normalises_postcodes_and_days():
    read = scenario(
        [resident(7, postcode="6828 ab", days=["Dinsdag", "do", "tuesday"])],
        [piece("klus-1", postcode="6828")],
    )
    assert read.residents[0].id == 7
    assert read.work[0].id == "klus-1"
    assert read.residents[0].postcode == "6828AB"
    assert read.residents[0].days == (1, 3)


def test_it_names_the_path_of_a_bad_birth_date():
    data = {"residents": [resident(n) for n in range(3)] + [resident(3, birth_date="1-2-1980")]}
    assert errors_of(data) == ["residents[3].birth_date: not a date (YYYY-MM-DD)"]


def test_it_collects_every_error_at_once():
    data = {
        "residents": [
            {"id": True, "wants": "money", "priority": 2, "postcode": "ABCD"},
            resident("r", hours_per_week=-1, days=["someday"], talents=["koken", 3]),
        ],
        "work": [piece("w", people=0, paid="yes")],
        "today": "tomorrow",
    }
    assert errors_of(data) == [
        "residents[0].id: missing, or not a non-empty string or a whole number",
        "residents[0].postcode: not a Dutch postcode (1234 or 1234AB)",
        "residents[0].wants: not one of paid, volunteer, both",
        "residents[0].priority: not a number between 0 and 1",
        "residents[1].talents[1]: not a non-empty string",
        "residents[1].hours_per_week: not a number of hours between 0 and 168",
        "residents[1].days[0]: not a weekday (maandag … zondag, or ma … zo)",
        "work[0].paid: not true, false or null",
        "work[0].people: not a whole number >= 1",
        "today: not a date (YYYY-MM-DD)",
    ]


def test_it_rejects_duplicate_ids_and_declined_pairs_of_unknown_ids():
    data = {
        "residents": [resident("a"), resident("a")],
        "work": [piece(1)],
        "declined": [["a", 2], ["nobody", 1], "a-1"],
    }
    assert errors_of(data) == [
        "residents[1].id: duplicate id 'a'",
        "declined[0][1]: no work with id 2",
        "declined[1][0]: no resident with id 'nobody'",
        "declined[2]: not a [resident_id, work_id] pair",
    ]


def test_it_rejects_unknown_weights_with_the_known_ones_listed():
    (error,) = errors_of({"weights": {"talents": 1, "luck": 2}})
    assert error.startswith("weights.luck: unknown weight (known: talents, skills, dream,")


def test_weights_must_not_all_be_zero():
    zero = dict.fromkeys(Weights.FIT_COMPONENTS, 0)
    assert errors_of({"weights": zero}) == [
        "weights: the fit weights (talents, skills, dream, distance, hours, days, paid) sum to 0"
    ]


def test_it_checks_postcode_table_entries():
    assert errors_of({"postcodes": {"6828": [52.0], "68": [52.0, 5.0]}}) == [
        'postcodes["6828"]: not [latitude, longitude] in degrees',
        'postcodes["68"]: not a Dutch postcode (1234 or 1234AB)',
    ]


def test_an_explicit_today_is_used_unless_the_scenario_has_its_own():
    assert Scenario.from_dict({}, today=date(2020, 1, 1)).today == date(2020, 1, 1)
    assert Scenario.from_dict({"today": "2021-02-03"}, today=date(2020, 1, 1)).today == date(
        2021, 2, 3
    )


def test_loading_reports_unreadable_files_and_bad_json(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ScenarioError, match="not valid JSON"):
        load_scenario(broken)
    with pytest.raises(ScenarioError, match="cannot read the file"):
        load_scenario(tmp_path / "missing.json")


def test_weights_must_be_numbers_at_least_zero():
    assert errors_of({"weights": {"paid": "much", "dream": -1}}) == [
        "weights.dream: not a number >= 0",
        "weights.paid: not a number >= 0",
    ]
    assert errors_of({"weights": {"team_coverage": 2}}) == [
        "weights.team_coverage: not between 0 and 1"
    ]
    with pytest.raises(ScenarioError):
        Weights(talents=-0.1)
