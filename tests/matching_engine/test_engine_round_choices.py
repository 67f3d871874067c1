"""The round with a coordinator's choices: forbidden pairs never appear, fixed pairs always do,
and the rest is the exact optimum around them (checked against brute force)."""

import itertools
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtbaan.matching.engine import solve_round
from buurtbaan.matching.engine.round import ChoiceError

from .build import piece, prepared, resident


def pairs_of(result) -> set[tuple]:
    return {(a.resident_id, a.work_id) for a in result.assignments}


def kitchen_and_garden():
    # The cook fits both pieces best; the gardener fits the garden a little, the kitchen less.
    return prepared(
        [
            resident("cook", talents=["koken", "tuinieren"]),
            resident("gardener", talents=["tuinieren"]),
            resident("helper", talents=["koken"]),
        ],
        [piece("kitchen", talents=["koken"]), piece("garden", talents=["tuinieren"])],
    )


def test_a_forbidden_pair_never_appears():
    engine = kitchen_and_garden()
    plain = solve_round(engine)
    dropped = next(iter(pairs_of(plain)))
    result = solve_round(engine, forbidden=[dropped])
    assert dropped not in pairs_of(result)
    assert result.is_certified_optimal
    assert result.objective <= plain.objective + 1e-9


def test_a_forbidden_pair_frees_its_place_for_the_next_best():
    engine = kitchen_and_garden()
    assert pairs_of(solve_round(engine)) == {("helper", "kitchen"), ("gardener", "garden")}
    result = solve_round(engine, forbidden=[("helper", "kitchen")])
    assert pairs_of(result) == {("cook", "kitchen"), ("gardener", "garden")}


def test_a_fixed_pair_always_appears_even_when_it_is_not_the_best():
    engine = kitchen_and_garden()
    plain = solve_round(engine)
    result = solve_round(engine, fixed=[("gardener", "kitchen")])
    assert ("gardener", "kitchen") in pairs_of(result)
    # The rest is filled around it, and the total is no better than without the choice.
    assert len(result.assignments) == 2
    assert result.objective < plain.objective
    assert result.is_certified_optimal
    assert result.objective == pytest.approx(sum(a.score + a.bonus for a in result.assignments))
    assert result.open_places == 0


def test_fixing_what_the_optimum_chose_changes_nothing():
    engine = kitchen_and_garden()
    plain = solve_round(engine)
    result = solve_round(engine, fixed=sorted(pairs_of(plain)))
    assert pairs_of(result) == pairs_of(plain)
    assert result.objective == pytest.approx(plain.objective)


def test_a_fixed_resident_gets_nothing_else_with_one_proposal_each():
    engine = kitchen_and_garden()
    result = solve_round(engine, fixed=[("cook", "garden")])
    assert Counter(a.resident_id for a in result.assignments)["cook"] == 1


def test_with_two_proposals_each_a_fixed_resident_may_get_one_more():
    engine = prepared(
        [resident("cook", talents=["koken"])],
        [piece("kitchen", talents=["koken"]), piece("canteen", talents=["koken"])],
    )
    result = solve_round(engine, max_per_resident=2, fixed=[("cook", "kitchen")])
    assert pairs_of(result) == {("cook", "kitchen"), ("cook", "canteen")}


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"fixed": [("nobody", "kitchen")]}, "no resident with id 'nobody'"),
        ({"forbidden": [("cook", "nowhere")]}, "no work with id 'nowhere'"),
        ({"fixed": [("cook", "kitchen")], "forbidden": [("cook", "kitchen")]}, "both fixed"),
        ({"fixed": [("cook", "kitchen"), ("helper", "kitchen")]}, "than it has places"),
        ({"fixed": [("cook", "kitchen"), ("cook", "garden")]}, "than proposals a resident"),
        ({"fixed": [("cook", "kitchen"), ("cook", "kitchen")]}, "fixed twice"),
    ],
)
def test_choices_that_cannot_be_honoured_are_refused_clearly(choices, message):
    with pytest.raises(ChoiceError, match=message):
        solve_round(kitchen_and_garden(), **choices)


def test_a_fixed_pair_that_is_not_allowed_is_refused():
    engine = prepared(
        [resident("young", talents=["koken"], birth_date="2015-01-01")],
        [piece("kitchen", talents=["koken"])],
    )
    with pytest.raises(ChoiceError, match="young:kitchen cannot be fixed: it is not allowed"):
        solve_round(engine, fixed=[("young", "kitchen")])


def test_a_fixed_pair_below_the_lowest_fit_is_refused():
    engine = kitchen_and_garden()
    with pytest.raises(ChoiceError, match="below the lowest fit"):
        solve_round(engine, min_score=0.99, fixed=[("gardener", "kitchen")])


# -- property: against brute force, with forbidden and fixed pairs ---------------------------


def raw_engine(scores, allowed, places):
    n_residents, n_work = scores.shape
    return SimpleNamespace(
        scores=np.asfortranarray(scores, dtype=np.float32),
        allowed=np.asfortranarray(allowed),
        priority=np.zeros(n_residents, dtype=np.float32),
        weights=SimpleNamespace(priority_weight=0.0),
        places=np.asarray(places, dtype=np.int64),
        residents=[SimpleNamespace(id=i) for i in range(n_residents)],
        work=[SimpleNamespace(id=j) for j in range(n_work)],
        resident_position=lambda i: i,
        work_position=lambda j: j,
    )


def brute_force(gains, places, cap, forbidden, fixed) -> float | None:
    """The best total with every fixed pair in and no forbidden one; None if impossible."""
    pairs = [
        (i, j)
        for i, j in zip(*np.nonzero(np.isfinite(gains)), strict=True)
        if (i, j) not in forbidden
    ]
    best = None
    for chosen in itertools.product((0, 1), repeat=len(pairs)):
        taken = {pair for pair, is_taken in zip(pairs, chosen, strict=True) if is_taken}
        if not set(fixed) <= taken:
            continue
        if any(n > cap for n in Counter(i for i, _ in taken).values()):
            continue
        if any(n > places[j] for j, n in Counter(j for _, j in taken).items()):
            continue
        total = sum(float(gains[i, j]) for i, j in taken)
        best = total if best is None else max(best, total)
    return best


@st.composite
def rounds_with_choices(draw):
    n_residents, n_work = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    shape = (n_residents, n_work)
    values = st.sampled_from([0.0, 0.25, 0.5, 0.5, 0.75, 1.0])
    scores = np.array(
        draw(st.lists(values, min_size=n_residents * n_work, max_size=n_residents * n_work))
    ).reshape(shape)
    allowed = np.array(
        draw(st.lists(st.booleans(), min_size=scores.size, max_size=scores.size))
    ).reshape(shape)
    places = draw(st.lists(st.integers(0, 2), min_size=n_work, max_size=n_work))
    all_pairs = [(i, j) for i in range(n_residents) for j in range(n_work)]
    forbidden = set(draw(st.lists(st.sampled_from(all_pairs), max_size=3)))
    fixed = sorted(set(draw(st.lists(st.sampled_from(all_pairs), max_size=2))))
    cap = draw(st.integers(1, 2))
    return scores, allowed, places, forbidden, fixed, cap


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds_with_choices())
def test_the_round_with_choices_matches_brute_force(case):
    scores, allowed, places, forbidden, fixed, cap = case
    engine = raw_engine(scores, allowed, places)
    gains = np.where(allowed & (scores >= 0.35), scores, -np.inf)
    best = brute_force(gains, places, cap, forbidden, fixed)
    if best is None:
        with pytest.raises(ChoiceError):
            solve_round(engine, max_per_resident=cap, forbidden=forbidden, fixed=fixed)
        return
    result = solve_round(engine, max_per_resident=cap, forbidden=forbidden, fixed=fixed)
    chosen = pairs_of(result)
    assert set(fixed) <= chosen
    assert not chosen & forbidden
    assert result.is_certified_optimal
    assert result.objective == pytest.approx(best, abs=1e-6)
