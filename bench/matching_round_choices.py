"""Benchmark of the matching round with a coordinator's choices (not a test).

    uv run python bench/matching_round_choices.py [--residents 10000] [--work 2000]
                                                  [--places 5000] [--choices 1 10 50] [--seed 7]

The same generated neighbourhood as bench/matching_engine.py. Solves the round once without
choices, then, for each number of choices N, leaves out N pairs of that allocation and fixes N
other usable pairs (a resident not in the allocation for a piece with a pair left out: a swap),
and solves again (`solve_round(..., forbidden=, fixed=)`). Prints the time of each solve (wall and
CPU), whether it is proven optimal, and how far the result with choices is below the plain
optimum: what the round's page shows after a drop or swap, where the application solves both.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from buurtbaan.matching.engine import Scenario, prepare, solve_round
from matching_engine import DEFAULT_POSTCODES, TODAY, _postcodes, _scenario_data


def timed(call):
    started, started_cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, time.perf_counter() - started, time.process_time() - started_cpu


def describe(label: str, result, seconds: float, cpu: float) -> None:
    print(
        f"{label:<28}{seconds:8.3f} s   (cpu {cpu:.3f} s)   objective {result.objective:.4f}   "
        f"{result.places} places   certified={result.is_certified_optimal} "
        f"({result.candidate_pairs} candidate pairs, {result.lp_solves} LP solves)"
    )


def main() -> None:
    options = _options()
    rng = np.random.default_rng(options.seed)
    postcodes = _postcodes(options.postcodes, rng)
    data = _scenario_data(rng, postcodes, options.residents, options.work, options.places)
    scenario = Scenario.from_dict(data, today=TODAY)
    prepared = prepare(scenario)
    print(
        f"neighbourhood: {len(scenario.residents)} residents, {len(scenario.work)} pieces, "
        f"{sum(p.people for p in scenario.work)} places "
        f"({'4pp table' if options.postcodes.exists() else 'synthetic postcodes'}), "
        f"seed {options.seed}"
    )
    plain, seconds, cpu = timed(lambda: solve_round(prepared))
    describe("round without choices:", plain, seconds, cpu)
    chosen = {(a.resident_id, a.work_id) for a in plain.assignments}
    matched = {a.resident_id for a in plain.assignments}
    assignments = list(plain.assignments)
    for n in options.choices:
        picks = rng.choice(len(assignments), size=min(n, len(assignments)), replace=False)
        forbidden = [(assignments[k].resident_id, assignments[k].work_id) for k in picks]
        fixed = _swaps(prepared, forbidden, matched, len(forbidden))
        result, seconds, cpu = timed(
            lambda forbidden=forbidden, fixed=fixed: solve_round(
                prepared, forbidden=forbidden, fixed=fixed
            )
        )
        pairs = {(a.resident_id, a.work_id) for a in result.assignments}
        assert not pairs & set(forbidden)
        assert set(fixed) <= pairs
        below = (plain.objective - result.objective) / plain.objective
        describe(f"{len(forbidden)} dropped, {len(fixed)} swapped:", result, seconds, cpu)
        print(
            f"{'':<28}{below:.3%} below the plain optimum; "
            f"{len(pairs ^ chosen)} pairs differ from it"
        )


def _swaps(prepared, forbidden, matched, wanted: int) -> list[tuple]:
    """For each left-out pair, the best usable resident outside the allocation for its piece."""
    fixed, taken = [], set()
    for _resident, work_id in forbidden[:wanted]:
        j = prepared.work_position(work_id)
        usable = prepared.allowed[:, j] & (prepared.scores[:, j] >= np.float32(0.35))
        for i in np.argsort(-np.where(usable, prepared.scores[:, j], -np.inf)):
            resident_id = prepared.residents[i].id
            if not usable[i]:
                break
            if resident_id not in matched and resident_id not in taken:
                fixed.append((resident_id, work_id))
                taken.add(resident_id)
                break
    return fixed


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--work", type=int, default=2_000)
    parser.add_argument("--places", type=int, default=5_000)
    parser.add_argument("--choices", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--postcodes", type=Path, default=DEFAULT_POSTCODES, metavar="PATH")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


if __name__ == "__main__":
    main()
