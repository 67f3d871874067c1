"""The matching round: an exact allocation within places, the fairness cap and the constraints."""

import itertools
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment, linprog

from buurtbaan.matching.engine import solve_round
from buurtbaan.matching.engine.round import _Certificate, _solve_restricted, round_gains

from .build import POSTCODES, piece, prepared, resident


def pairs_of(result) -> list[tuple]:
    return [(a.resident_id, a.work_id) for a in result.assignments]


def test_each_piece_gets_its_best_resident_when_nobody_is_wanted_twice():
    engine = prepared(
        [resident("cook", talents=["koken"]), resident("gardener", talents=["tuinieren"])],
        [piece("kitchen", talents=["koken"]), piece("garden", talents=["tuinieren"])],
    )
    result = solve_round(engine)
    assert pairs_of(result) == [("cook", "kitchen"), ("gardener", "garden")]
    assert result.is_certified_optimal
    assert result.gap_bound <= 1e-6
    assert (result.matched_residents, result.matched_work, result.places) == (2, 2, 2)
    assert result.objective == pytest.approx(sum(a.score + a.bonus for a in result.assignments))


def test_the_fairness_cap_limits_proposals_per_resident():
    engine = prepared(
        [resident("star", talents=["koken", "tuinieren", "repareren"]), resident("plain")],
        [piece(name, talents=[name]) for name in ("koken", "tuinieren", "repareren")],
    )
    capped = solve_round(engine, min_score=0.1)
    assert Counter(a.resident_id for a in capped.assignments) == {"star": 1, "plain": 1}
    uncapped = solve_round(engine, min_score=0.1, max_per_resident=3)
    assert sorted(pairs_of(uncapped)) == [
        ("star", "koken"),
        ("star", "repareren"),
        ("star", "tuinieren"),
    ]
    assert uncapped.objective > capped.objective


def test_the_priority_weight_can_change_the_allocation():
    residents = [
        resident("close-to-work", talents=["koken"], priority=0.0),
        resident("far-from-work", talents=["koken"], postcode="1002", priority=1.0),
    ]
    work = [piece("kitchen", talents=["koken"])]
    without = solve_round(prepared(residents, work, weights={"priority_weight": 0}))
    assert pairs_of(without) == [("close-to-work", "kitchen")]
    with_priority = solve_round(prepared(residents, work, weights={"priority_weight": 0.2}))
    assert pairs_of(with_priority) == [("far-from-work", "kitchen")]
    assert with_priority.assignments[0].bonus == pytest.approx(0.2)


def test_places_of_group_work_are_filled_up_to_people():
    engine = prepared([resident(n) for n in range(5)], [piece("park", people=3)])
    result = solve_round(engine)
    assert result.places == 3
    assert result.open_places == 0
    assert result.matched_work == 1


def test_only_pairs_above_the_minimum_score_are_assigned():
    engine = prepared([resident("r", postcode="1004", travel="overal")], [piece("w")])
    assert engine.scores[0, 0] < 0.6
    assert solve_round(engine, min_score=0.6).assignments == ()
    assert len(solve_round(engine, min_score=0.1).assignments) == 1


def test_excluded_residents_are_never_assigned():
    engine = prepared(
        [resident("young", birth_date="2015-01-01"), resident("private", consent=False)],
        [piece("w")],
    )
    result = solve_round(engine)
    assert result.assignments == ()
    assert result.open_places == 1
    assert result.is_certified_optimal


@pytest.mark.parametrize(
    ("residents", "work"), [([], [piece("w")]), ([resident("r")], []), ([], [])]
)
def test_empty_scenarios_give_an_empty_round(residents, work):
    result = solve_round(prepared(residents, work))
    assert result.assignments == ()
    assert result.objective == 0
    assert result.is_certified_optimal


def test_the_certificate_finds_pairs_the_first_candidates_missed():
    # Without extra candidates each piece first sees only 2 × people residents.
    engine = prepared(
        [
            resident(n, talents=["koken"] if n % 2 else ["tuinieren"], priority=n / 30)
            for n in range(30)
        ],
        [piece(f"w{n}", talents=["koken", "tuinieren"][n % 2 : n % 2 + 1]) for n in range(12)],
    )
    result = solve_round(engine, extra_candidates=0)
    assert result.candidate_pairs > 2 * 12
    assert_optimal(engine, result, 1, 0.35)


def test_the_certificate_bounds_a_restricted_allocation_over_all_pairs():
    # Work-major gains: piece 0 prefers r0 (0.9) to r1 (0.8); piece 1 wants r0 (0.85), not r1.
    by_work = np.array([[0.9, 0.8], [0.85, 0.1]], dtype=np.float32)
    places = np.array([1, 1])
    without_best = np.array([0, 1, 3])  # every pair but (r0, piece 1)
    caps = np.array([1, 1])  # one proposal per resident
    restricted = _solve_restricted(by_work, without_best, places, caps)
    assert sorted(restricted.assigned.tolist()) == [0, 3]  # r0 → piece 0, r1 → piece 1: 1.0
    certificate = _Certificate(by_work, restricted.assigned, places, caps, np.array([1, 1]))
    seen = certificate.certify(without_best)
    # The optimum (r1 → piece 0, r0 → piece 1) is 1.65: the bound must show the 0.65 missing.
    assert certificate.gap_bound >= 0.65 - 1e-6
    assert 2 in seen
    # The LP's own duals find the missing pair too, capped per piece or not.
    for is_capped in (True, False):
        lacking = certificate.price_lp_duals(
            restricted.u, restricted.v, without_best, is_capped=is_capped
        )
        assert lacking.tolist() == [2]
    optimal = _Certificate(by_work, np.array([1, 2]), places, caps, np.array([1, 1]))
    optimal.certify(np.arange(4))
    assert optimal.gap_bound <= 1e-6


def test_everyone_equally_good_still_fills_every_place_and_is_proven():
    # No talents, dreams or days anywhere: every pair scores the same, the priority bonus
    # decides, and every piece's best few are the same few residents. The round used to stop
    # after 20 LP solves with 354 of the 360 places filled and no proof.
    engine = prepared(
        [resident(n, priority=(n % 10) / 10) for n in range(500)],
        [piece(f"w{n}", people=3) for n in range(120)],
    )
    result = solve_round(engine)
    assert result.is_certified_optimal
    assert result.places == 360
    assert result.objective == pytest.approx(
        360 * float(engine.scores[0, 0])
        + 0.1
        * (50 * 0.9 + 50 * 0.8 + 50 * 0.7 + 50 * 0.6 + 50 * 0.5 + 50 * 0.4 + 50 * 0.3 + 10 * 0.2),
        abs=1e-4,
    )


def test_a_piece_without_places_gets_nobody():
    engine = prepared([resident("r")], [piece("w")])
    engine._places = np.array([0])
    result = solve_round(engine, extra_candidates=0)
    assert result.assignments == ()
    assert result.is_certified_optimal


def test_a_fractional_lp_solution_is_solved_again_as_integers(monkeypatch):
    from buurtbaan.matching.engine import round as round_module

    real_linprog = round_module.linprog

    def fractional(*args, **kwargs):
        solution = real_linprog(*args, **kwargs)
        solution.x = np.full_like(solution.x, 0.5)
        return solution

    monkeypatch.setattr(round_module, "linprog", fractional)
    engine = prepared(
        [resident("cook", talents=["koken"]), resident("gardener", talents=["tuinieren"])],
        [piece("kitchen", talents=["koken"]), piece("garden", talents=["tuinieren"])],
    )
    result = solve_round(engine)
    assert pairs_of(result) == [("cook", "kitchen"), ("gardener", "garden")]
    assert result.is_certified_optimal


@pytest.mark.parametrize("min_score", [float("nan"), float("inf")])
def test_the_minimum_score_must_be_a_number(min_score):
    with pytest.raises(ValueError, match="finite"):
        solve_round(prepared([resident("r")], [piece("w")]), min_score=min_score)


def test_max_per_resident_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        solve_round(prepared([resident("r")], [piece("w")]), max_per_resident=0)


# -- property: never a broken constraint, always the optimum ---------------------------------

VOCABULARY = ["koken", "tuinieren", "repareren", "verbinden"]


@st.composite
def scenarios(draw):
    n_residents = draw(st.integers(0, 7))
    n_work = draw(st.integers(0, 4))
    postcodes = [*sorted(POSTCODES), "9999"]
    residents = [
        resident(
            n,
            talents=draw(st.lists(st.sampled_from(VOCABULARY), max_size=3, unique=True)),
            postcode=draw(st.sampled_from(postcodes)),
            hours_per_week=draw(st.sampled_from([2, 8, 16, 32])),
            wants=draw(st.sampled_from(["paid", "volunteer", "both"])),
            travel=draw(st.sampled_from(["wijk", "fiets", "overal"])),
            priority=draw(st.sampled_from([0, 0.5, 1])),
            birth_date=draw(st.sampled_from(["1970-01-01", "2010-01-01"])),
            consent=draw(st.booleans()),
        )
        for n in range(n_residents)
    ]
    work = [
        piece(
            f"w{n}",
            talents=draw(st.lists(st.sampled_from(VOCABULARY), max_size=2, unique=True)),
            postcode=draw(st.sampled_from(postcodes)),
            hours_per_week=draw(st.sampled_from([2, 8, 20])),
            paid=draw(st.booleans()),
            people=draw(st.integers(1, 3)),
        )
        for n in range(n_work)
    ]
    all_pairs = [(r["id"], w["id"]) for r in residents for w in work]
    declined = draw(st.lists(st.sampled_from(all_pairs), max_size=3)) if all_pairs else []
    weights = {"priority_weight": draw(st.sampled_from([0, 0.1, 0.5]))}
    return prepared(residents, work, declined=[list(p) for p in declined], weights=weights)


def dense_lp_optimum(gains: np.ndarray, places: np.ndarray, max_per_resident: int) -> float:
    """The optimum of the LP over *all* usable pairs (integral: the matrix is TU)."""
    rows, cols = np.nonzero(np.isfinite(gains))
    if not len(rows):
        return 0.0
    n = len(rows)
    constraints = sp.vstack(
        [
            sp.csr_matrix((np.ones(n), (cols, np.arange(n))), shape=(gains.shape[1], n)),
            sp.csr_matrix((np.ones(n), (rows, np.arange(n))), shape=(gains.shape[0], n)),
        ]
    )
    limits = np.concatenate([places, np.full(gains.shape[0], max_per_resident)])
    solution = linprog(
        -gains[rows, cols].astype(float), A_ub=constraints, b_ub=limits, bounds=(0, 1)
    )
    return -solution.fun


def assignment_optimum(gains: np.ndarray, places: np.ndarray) -> float:
    """The optimum with one place per resident by the Hungarian method over expanded slots."""
    slots = np.repeat(np.arange(gains.shape[1]), places)
    if not len(slots) or not gains.shape[0]:
        return 0.0
    profit = np.where(np.isfinite(gains), gains, 0).astype(float)[:, slots]
    rows, cols = linear_sum_assignment(profit, maximize=True)
    return float(profit[rows, cols].sum())


def assert_optimal(engine, result, max_per_resident: int, min_score: float) -> None:
    gains = round_gains(engine, min_score)
    per_work = Counter(a.work_id for a in result.assignments)
    per_resident = Counter(a.resident_id for a in result.assignments)
    assert len(set(pairs_of(result))) == len(result.assignments)
    for assignment in result.assignments:
        i = engine.resident_position(assignment.resident_id)
        j = engine.work_position(assignment.work_id)
        assert engine.allowed[i, j], "a hard constraint is broken"
        assert engine.scores[i, j] >= np.float32(min_score)
        assert assignment.score == pytest.approx(float(engine.scores[i, j]))
    for piece_ in engine.work:
        assert per_work[piece_.id] <= piece_.people
    assert all(count <= max_per_resident for count in per_resident.values())
    assert result.is_certified_optimal
    optimum = dense_lp_optimum(gains, engine.places, max_per_resident)
    assert result.objective == pytest.approx(optimum, abs=1e-6)
    if max_per_resident == 1:
        assert result.objective == pytest.approx(assignment_optimum(gains, engine.places), abs=1e-6)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    engine=scenarios(),
    max_per_resident=st.integers(1, 3),
    min_score=st.sampled_from([0.0, 0.35, 0.5]),
    extra_candidates=st.integers(0, 3),
)
def test_the_round_never_breaks_a_constraint_and_reaches_the_optimum(
    engine, max_per_resident, min_score, extra_candidates
):
    result = solve_round(
        engine,
        max_per_resident=max_per_resident,
        min_score=min_score,
        extra_candidates=extra_candidates,
    )
    assert_optimal(engine, result, max_per_resident, min_score)


# -- property: against brute force on raw gains, with ties, N > 1 and several places ---------


def raw_engine(scores, allowed, priority, priority_weight, places):
    """The few attributes ``solve_round`` reads, without scoring a scenario."""
    n_residents, n_work = scores.shape
    return SimpleNamespace(
        scores=np.asfortranarray(scores, dtype=np.float32),
        allowed=np.asfortranarray(allowed),
        priority=np.asarray(priority, dtype=np.float32),
        weights=SimpleNamespace(priority_weight=priority_weight),
        places=np.asarray(places, dtype=np.int64),
        residents=[SimpleNamespace(id=i) for i in range(n_residents)],
        work=[SimpleNamespace(id=j) for j in range(n_work)],
    )


def brute_force_optimum(gains: np.ndarray, places, max_per_resident: int) -> float:
    """The best total over every set of usable pairs within the places and the cap."""
    pairs = list(zip(*np.nonzero(np.isfinite(gains)), strict=True))
    best = 0.0
    for chosen in itertools.product((0, 1), repeat=len(pairs)):
        taken = [pair for pair, is_taken in zip(pairs, chosen, strict=True) if is_taken]
        per_resident = Counter(i for i, _ in taken)
        per_work = Counter(j for _, j in taken)
        if all(n <= max_per_resident for n in per_resident.values()) and all(
            n <= places[j] for j, n in per_work.items()
        ):
            best = max(best, sum(float(gains[i, j]) for i, j in taken))
    return best


@st.composite
def raw_rounds(draw):
    n_residents, n_work = draw(st.integers(0, 4)), draw(st.integers(0, 3))
    shape = (n_residents, n_work)
    # Few distinct values, so that ties are everywhere.
    values = st.sampled_from([0.0, 0.25, 0.5, 0.5, 0.75, 1.0])
    scores = np.array(
        draw(st.lists(values, min_size=n_residents * n_work, max_size=n_residents * n_work))
    )
    allowed = np.array(draw(st.lists(st.booleans(), min_size=scores.size, max_size=scores.size)))
    priority = draw(
        st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=n_residents, max_size=n_residents)
    )
    places = draw(st.lists(st.integers(1, 3), min_size=n_work, max_size=n_work))
    engine = raw_engine(
        scores.reshape(shape),
        allowed.reshape(shape).astype(bool),
        priority,
        draw(st.sampled_from([0.0, 0.1, 1.0])),
        places,
    )
    return engine


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    engine=raw_rounds(),
    max_per_resident=st.integers(1, 3),
    min_score=st.sampled_from([0.0, 0.3]),
    extra_candidates=st.integers(0, 2),
)
def test_the_round_matches_brute_force_on_small_tied_instances(
    engine, max_per_resident, min_score, extra_candidates
):
    result = solve_round(
        engine,
        max_per_resident=max_per_resident,
        min_score=min_score,
        extra_candidates=extra_candidates,
    )
    gains = round_gains(engine, min_score)
    per_work = Counter(a.work_id for a in result.assignments)
    per_resident = Counter(a.resident_id for a in result.assignments)
    assert len(set(pairs_of(result))) == len(result.assignments)
    assert all(np.isfinite(gains[a.resident_id, a.work_id]) for a in result.assignments)
    assert all(per_work[j] <= engine.places[j] for j in per_work)
    assert all(n <= max_per_resident for n in per_resident.values())
    assert result.is_certified_optimal
    optimum = brute_force_optimum(gains, engine.places, max_per_resident)
    assert result.objective == pytest.approx(optimum, abs=1e-6)


def test_out_of_time_it_returns_a_feasible_allocation_with_its_gap():
    """A case whose proof needs a second LP, given no time at all: it stops after the first LP,
    keeps every capacity, and says it is not proven, with a bound that covers the optimum."""
    import random

    draw = random.Random(0)
    talents = ["koken", "tuinieren", "repareren", "zorgen", "organiseren"]
    engine = prepared(
        [
            resident(n, talents=draw.sample(talents, draw.randint(0, 2)), priority=draw.random())
            for n in range(draw.randint(20, 80))
        ],
        [
            piece(
                f"w{n}", talents=draw.sample(talents, draw.randint(1, 2)), people=draw.randint(1, 3)
            )
            for n in range(draw.randint(5, 30))
        ],
    )
    exact = solve_round(engine, extra_candidates=0)
    assert exact.lp_solves > 1
    assert exact.is_certified_optimal
    hurried = solve_round(engine, extra_candidates=0, time_limit=0.0)
    assert hurried.lp_solves == 1
    assert not hurried.is_certified_optimal
    per_resident = Counter(a.resident_id for a in hurried.assignments)
    assert max(per_resident.values()) <= 1
    people = {p.id: p.people for p in engine.work}
    assert all(n <= people[w] for w, n in Counter(a.work_id for a in hurried.assignments).items())
    assert hurried.objective < exact.objective
    assert hurried.objective + hurried.gap_bound >= exact.objective - 1e-6
