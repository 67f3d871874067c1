"""Team composition for group work: covering the needed talents together."""

import itertools
import random

import numpy as np
import pytest

from buurtbaan.matching.engine import compose_team

from .build import piece, prepared, resident

PARK = ["tuinieren", "snoeien", "repareren"]
SIX_TALENTS = [*PARK, "koken", "organiseren", "verbinden"]


def test_a_team_covers_three_talents_rather_than_stacking_the_best_individuals():
    engine = prepared(
        [
            resident("a", talents=["tuinieren", "snoeien"]),
            resident("b", talents=["tuinieren", "snoeien"]),
            resident("c", talents=["tuinieren", "snoeien"]),
            resident("d", talents=["repareren"]),
        ],
        [piece("park", talents=PARK, people=3)],
    )
    # Individually a, b and c fit best; together they never repair anything.
    assert engine.scores[3, 0] < engine.scores[2, 0]
    team = compose_team(engine, "park")
    assert [m.resident_id for m in team.members] == ["a", "b", "d"]
    assert team.uncovered == ()
    assert team.covered == tuple(PARK)
    assert team.coverage == 1.0
    assert team.is_exact
    assert team.members[2].brings == ("repareren",)


def test_it_reports_the_talents_nobody_brings():
    engine = prepared(
        [resident("a", talents=["koken"]), resident("b", talents=["Tuinieren"])],
        [piece("w", talents=["koken", "tuinieren", "rijden"], skills=["EHBO"], people=2)],
    )
    team = compose_team(engine, "w")
    assert team.uncovered == ("rijden", "EHBO")
    # Talents weigh 0.30 each and skills 0.10 by default.
    assert team.coverage == pytest.approx(0.6 / 1.0)


def test_too_few_allowed_residents_leave_places_open():
    engine = prepared(
        [resident("a"), resident("b", consent=False), resident("c")],
        [piece("w", talents=PARK, people=4)],
    )
    team = compose_team(engine, "w")
    assert [m.resident_id for m in team.members] == ["a", "c"]
    assert team.open_places == 2


def test_the_team_size_can_be_asked_for():
    engine = prepared([resident(n) for n in range(5)], [piece("w", people=4)])
    assert len(compose_team(engine, "w", size=2).members) == 2
    with pytest.raises(ValueError, match="at least one member"):
        compose_team(engine, "w", size=0)


def brute_force_value(engine, j: int, size: int) -> float:
    """The best team value by trying every team of allowed residents."""
    weights = engine.weights
    needs = engine.needs(j)
    need_weight = [weights.talents if kind == "talent" else weights.skills for _, _, kind in needs]
    total = sum(need_weight)
    candidates = np.flatnonzero(engine.allowed[:, j]).tolist()
    best = -1.0
    for team in itertools.combinations(candidates, min(size, len(candidates))):
        covered = sum(
            w
            for (key, _, _), w in zip(needs, need_weight, strict=True)
            if any(key in engine.abilities(i) for i in team)
        )
        coverage = covered / total if total else 1.0
        fit = sum(float(engine.scores[i, j]) for i in team) / size
        best = max(best, (1 - weights.team_coverage) * fit + weights.team_coverage * coverage)
    return best


def random_team_case(rng: random.Random):
    vocabulary = ["tuinieren", "snoeien", "repareren", "koken", "organiseren"]
    residents = [
        resident(
            n,
            talents=rng.sample(vocabulary, rng.randint(0, 2)),
            hours_per_week=rng.choice([4, 8, 20]),
            postcode=rng.choice(["1000", "1002", "1003"]),
            consent=rng.random() > 0.1,
        )
        for n in range(rng.randint(0, 11))
    ]
    size = rng.randint(1, 4)
    work = [piece("w", talents=rng.sample(vocabulary, rng.randint(0, 4)), people=size)]
    return prepared(residents, work), size


def test_the_team_is_optimal_against_brute_force_on_random_cases():
    rng = random.Random(20261124)
    for _ in range(60):
        engine, size = random_team_case(rng)
        team = compose_team(engine, "w")
        assert team.is_exact
        assert team.value == pytest.approx(brute_force_value(engine, 0, size), abs=1e-9)
        members = [engine.resident_position(m.resident_id) for m in team.members]
        assert len(set(members)) == len(members)
        assert all(engine.allowed[i, 0] for i in members)


def test_without_search_budget_the_greedy_and_swap_team_is_returned_unproven():
    rng = random.Random(7)
    residents = [resident(n, talents=rng.sample(SIX_TALENTS, 2)) for n in range(40)]
    engine = prepared(
        residents,
        [piece("w", talents=SIX_TALENTS, people=4)],
    )
    exact = compose_team(engine, "w")
    quick = compose_team(engine, "w", node_limit=0)
    assert exact.is_exact
    assert not quick.is_exact
    assert len(quick.members) == 4
    assert quick.value <= exact.value + 1e-12
    assert quick.value >= exact.value - 0.05
