"""Suggestions both ways: best residents for a piece, best work for a resident."""

import numpy as np
import pytest

from buurtbaan.matching.engine import (
    UnknownIdError,
    suggest_for_resident,
    suggest_for_work,
)
from buurtbaan.matching.engine.suggest import best_positions

from .build import piece, prepared, resident


def test_it_lists_the_best_residents_first():
    engine = prepared(
        [
            resident("none"),
            resident("both", talents=["koken", "verbinden"]),
            resident("one", talents=["koken"]),
        ],
        [piece("w", talents=["koken", "verbinden"])],
    )
    suggestions = suggest_for_work(engine, "w", k=2)
    assert [s.resident_id for s in suggestions] == ["both", "one"]
    assert suggestions[0].score > suggestions[1].score
    assert suggestions[0].to_dict()["reasons"][0] == "kan goed koken en verbinden"


def test_it_lists_the_best_work_for_a_resident():
    engine = prepared(
        [resident("r", talents=["tuinieren"], postcode="1000", travel="fiets")],
        [
            piece("far", talents=["tuinieren"], postcode="1003"),
            piece("near", talents=["tuinieren"], postcode="1001"),
            piece("other", talents=["koken"], postcode="1001"),
            piece("too-far", talents=["tuinieren"], postcode="1004"),
        ],
    )
    assert [s.work_id for s in suggest_for_resident(engine, "r", k=10)] == [
        "near",
        "far",
        "other",
    ]


def test_ties_are_broken_by_position_in_the_scenario():
    twins = [resident(n, talents=["koken"]) for n in (5, 3, 9, 1)]
    engine = prepared(twins, [piece("w", talents=["koken"])])
    assert [s.resident_id for s in suggest_for_work(engine, "w", k=3)] == [5, 3, 9]


def test_best_positions_is_deterministic_at_the_cut_off():
    values = np.array([0.5, 0.9, 0.5, 0.5, 0.9, 0.1], dtype=np.float32)
    is_candidate = np.array([True, True, True, True, True, False])
    assert best_positions(values, is_candidate, 3).tolist() == [1, 4, 0]
    assert best_positions(values, is_candidate, 10).tolist() == [1, 4, 0, 2, 3]
    assert best_positions(values, is_candidate, 0).tolist() == []


def test_excluded_residents_are_never_suggested():
    engine = prepared(
        [resident("young", birth_date="2015-01-01"), resident("adult")],
        [piece("w")],
    )
    assert [s.resident_id for s in suggest_for_work(engine, "w")] == ["adult"]


def test_empty_scenarios_give_empty_lists():
    no_residents = prepared([], [piece("w")])
    assert suggest_for_work(no_residents, "w") == []
    no_work = prepared([resident("r")], [])
    assert suggest_for_resident(no_work, "r") == []


def test_an_unknown_id_is_an_error_but_a_string_finds_a_number():
    engine = prepared([resident(12)], [piece(7)])
    assert suggest_for_work(engine, "7")[0].resident_id == 12
    with pytest.raises(UnknownIdError, match="no work with id 'nope'"):
        suggest_for_work(engine, "nope")
