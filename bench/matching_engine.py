"""Benchmark of the matching engine on a generated neighbourhood (not a test).

    uv run python bench/matching_engine.py [--residents 10000] [--work 2000] [--places 5000]
                                           [--postcodes PATH] [--seed 7] [--no-dense]

Generates residents and open work with a fixed seed on Arnhem-area postcodes (read from the 4pp
postcode table by default; synthetic coordinates when the file is absent), then prints: the prepare
time; suggestion latency for one piece (p50/p95); team composition time; the full round's time and
objective; and the exact optimum of the same problem from a dense
``scipy.optimize.linear_sum_assignment`` (places expanded into slots, residents into
max-per-resident copies, pairs that may not be used as 0), with the relative gap and speed-up.
"""

from __future__ import annotations

import argparse
import csv
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from buurtbaan.matching.engine import (
    Scenario,
    compose_team,
    prepare,
    solve_round,
    suggest_for_work,
)
from buurtbaan.matching.engine.round import DEFAULT_MIN_SCORE, round_gains

DEFAULT_POSTCODES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pc4-4pp.csv"
TODAY = date(2026, 11, 24)

TALENTS = [
    "verbinden", "organiseren", "repareren", "koken", "inspireren", "structureren", "observeren",
    "tuinieren", "snoeien", "schilderen", "timmeren", "presenteren", "zorgen", "luisteren",
    "plannen", "rekenen", "schrijven", "fotograferen", "filmen", "bouwen", "naaien", "helpen",
    "lesgeven", "coachen", "verkopen",
]  # fmt: skip
SKILLS = [
    "rijbewijs B", "EHBO", "schoonmaken", "lassen", "sjouwen", "computer", "boekhouden",
    "Engels", "Arabisch", "Turks", "Pools", "kassa", "heftruck", "hygiënecode", "bijles",
    "fietsen repareren", "vloeren leggen", "isoleren", "kinderopvang", "omgaan met honden",
]  # fmt: skip
TOPICS = [
    "eten", "theater", "muziek", "kinderen", "ouderen", "fietsen", "het groen", "bomen",
    "dieren", "honden", "video", "fotografie", "mode", "kleding", "computers", "techniek",
    "bouwen", "verbouwen", "taal", "sport", "dans", "koffie", "de markt", "de winkel",
    "boeken", "kunst", "schilderen", "zorg", "het buurthuis", "duurzaamheid", "zonnepanelen",
]  # fmt: skip
DREAM_FORMS = ("Iets met {}", "Werken met {}", "Ik droom van een plek in {}", "Iets in {} doen")
WORK_KINDS = ("basisbaan", "buurtklus", "groepswerk", "droombaan")
WORK_FORMS = (
    "Hulp gezocht bij {} in de wijk",
    "Medewerker {} voor een bedrijf in de buurt",
    "Buurtklus: {}",
    "Samen aan de slag met {}",
)
DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def main() -> None:
    options = _options()
    rng = np.random.default_rng(options.seed)
    postcodes = _postcodes(options.postcodes, rng)
    data = _scenario_data(rng, postcodes, options.residents, options.work, options.places)
    scenario = Scenario.from_dict(data, today=TODAY)
    print(
        f"neighbourhood: {len(scenario.residents)} residents, {len(scenario.work)} pieces, "
        f"{sum(p.people for p in scenario.work)} places, {len(postcodes)} postcodes "
        f"({'4pp table' if options.postcodes.exists() else 'synthetic'}), seed {options.seed}"
    )

    started = time.perf_counter()
    prepared = prepare(scenario)
    print(f"prepare:             {time.perf_counter() - started:8.3f} s")
    print(f"allowed pairs:       {prepared.allowed.mean():8.1%}")

    pieces = rng.choice(len(scenario.work), size=min(200, len(scenario.work)), replace=False)
    latencies = []
    for j in pieces:
        started = time.perf_counter()
        suggest_for_work(prepared, scenario.work[j].id, 10)
        latencies.append(time.perf_counter() - started)
    p50, p95 = np.percentile(latencies, [50, 95]) * 1000
    print(f"suggest top-10:      p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   ({len(pieces)} pieces)")

    group_pieces = [piece for piece in scenario.work if piece.people > 1][:50]
    team_times, exact = [], 0
    for piece in group_pieces:
        started = time.perf_counter()
        team = compose_team(prepared, piece.id)
        team_times.append(time.perf_counter() - started)
        exact += team.is_exact
    if team_times:
        t50, t95 = np.percentile(team_times, [50, 95]) * 1000
        print(
            f"team composition:    p50 {t50:6.1f} ms   p95 {t95:6.1f} ms   "
            f"({exact}/{len(group_pieces)} proven optimal)"
        )

    started, started_cpu = time.perf_counter(), time.process_time()
    result = solve_round(prepared, max_per_resident=options.max_per_resident)
    round_seconds = time.perf_counter() - started
    round_cpu = time.process_time() - started_cpu
    print(
        f"round:               {round_seconds:8.3f} s   (cpu {round_cpu:.3f} s)   "
        f"objective {result.objective:.4f}   "
        f"{result.places}/{result.places + result.open_places} places, "
        f"{result.matched_residents} residents, {result.matched_work} pieces   "
        f"certified={result.is_certified_optimal} (gap bound {result.gap_bound:.2g}, "
        f"{result.candidate_pairs} candidate pairs, {result.lp_solves} LP solves)"
    )

    if options.no_dense:
        return
    started, started_cpu = time.perf_counter(), time.process_time()
    optimum = _dense_optimum(prepared, options.max_per_resident)
    dense_seconds = time.perf_counter() - started
    dense_cpu = time.process_time() - started_cpu
    gap = (optimum - result.objective) / optimum if optimum else 0.0
    label = "optimum" if options.max_per_resident == 1 else "bound  "
    print(
        f"dense LSA {label}:   {dense_seconds:8.3f} s   (cpu {dense_cpu:.3f} s)   "
        f"objective {optimum:.4f}"
    )
    print(
        f"relative gap:        {gap:.2e}"
        + ("" if options.max_per_resident == 1 else " (to the bound)")
    )
    print(
        f"speed-up of round:   {dense_seconds / round_seconds:8.1f}x   "
        f"(cpu {dense_cpu / round_cpu:.1f}x)"
    )


def _dense_optimum(prepared, max_per_resident: int) -> float:
    """The optimum by the Hungarian-type solver on the fully expanded dense problem.

    Places become slots, residents become ``max_per_resident`` copies, unusable pairs gain 0.
    With one place per resident this is exactly the round's problem; with more, two copies of a
    resident may take two places of one piece, so it is an upper bound on the round's optimum.
    """
    gains = round_gains(prepared, DEFAULT_MIN_SCORE)
    slots = np.repeat(np.arange(len(prepared.work)), prepared.places)
    profit = np.where(np.isfinite(gains), gains, 0).astype(np.float64)[:, slots]
    del gains
    if max_per_resident > 1:
        profit = np.tile(profit, (max_per_resident, 1))
    rows, cols = linear_sum_assignment(profit, maximize=True)
    return float(profit[rows, cols].sum())


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--work", type=int, default=2_000)
    parser.add_argument("--places", type=int, default=5_000, help="total places over all work")
    parser.add_argument("--max-per-resident", type=int, default=1)
    parser.add_argument("--postcodes", type=Path, default=DEFAULT_POSTCODES, metavar="PATH")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-dense", action="store_true", help="skip the dense comparison")
    options = parser.parse_args()
    if options.places < options.work:
        parser.error("--places must be at least --work (every piece has a place)")
    return options


def _postcodes(path: Path, rng: np.random.Generator) -> dict[str, list[float]]:
    """Arnhem's residential PC4 areas from the 4pp table, or 40 synthetic ones around Arnhem."""
    if path.exists():
        with path.open(encoding="utf-8") as file:
            return {
                row["postcode"]: [float(row["latitude"]), float(row["longitude"])]
                for row in csv.DictReader(file)
                if row["gemeente"] == "Arnhem" and row["soort"] == "Adres"
            }
    centre = np.array([51.985, 5.91])
    points = centre + rng.uniform(-0.04, 0.04, size=(40, 2))
    return {str(6800 + n): [float(lat), float(lon)] for n, (lat, lon) in enumerate(points)}


def _scenario_data(
    rng: np.random.Generator,
    postcodes: dict[str, list[float]],
    n_residents: int,
    n_work: int,
    n_places: int,
) -> dict:
    areas = sorted(postcodes)

    def postcode() -> str:
        area = str(rng.choice(areas))
        if rng.random() < 0.01:
            return "9999"  # not in the table: distance unknown
        if rng.random() < 0.5:
            return area + "".join(rng.choice(list("ABCDEFGHJKLMNPRSTVWX"), size=2))
        return area

    def some(words, low: int, high: int) -> list[str]:
        return [str(w) for w in rng.choice(words, size=rng.integers(low, high + 1), replace=False)]

    residents = []
    for n in range(n_residents):
        age_days = int(rng.integers(16 * 365, 75 * 365))
        resident = {
            "id": n,
            "talents": some(TALENTS, 2, 5),
            "skills": some(SKILLS, 0, 3),
            "dream": " en ".join(
                str(rng.choice(DREAM_FORMS)).format(topic) for topic in some(TOPICS, 1, 2)
            ),
            "postcode": postcode(),
            "hours_per_week": int(rng.integers(2, 41)),
            "wants": str(rng.choice(["paid", "volunteer", "both"], p=[0.5, 0.2, 0.3])),
            "travel": str(rng.choice(["wijk", "fiets", "overal"], p=[0.3, 0.5, 0.2])),
            "priority": round(float(rng.beta(2, 3)), 3),
            "birth_date": (TODAY - timedelta(days=age_days)).isoformat(),
            "consent": bool(rng.random() > 0.02),
        }
        if rng.random() < 0.3:
            resident["days"] = some(DAYS, 2, 5)
        if rng.random() < 0.2:
            resident["support_needed"] = some(["taalcoach", "kinderopvang", "jobcoach"], 1, 2)
        residents.append(resident)

    # Every piece has one place; the rest goes to a fifth of them (group work).
    people = np.ones(n_work, dtype=int)
    group = rng.choice(n_work, size=max(1, n_work // 5), replace=False)
    people[group] += rng.multinomial(n_places - n_work, np.full(len(group), 1 / len(group)))
    work = []
    for n in range(n_work):
        topics = some(TOPICS, 1, 3)
        piece = {
            "id": f"w{n}",
            "kind": "groepswerk" if people[n] > 1 else str(rng.choice(WORK_KINDS)),
            "title": str(rng.choice(WORK_FORMS)).format(topics[0]),
            "description": "Wij zoeken iemand voor " + ", ".join(topics) + ".",
            "talents": some(TALENTS, 1, 4),
            "skills": some(SKILLS, 0, 2),
            "postcode": postcode(),
            "hours_per_week": int(rng.integers(2, 33)),
            "paid": bool(rng.random() < 0.6),
            "people": int(people[n]),
        }
        if rng.random() < 0.3:
            piece["days"] = some(DAYS, 1, 3)
        work.append(piece)

    declined = [
        [int(rng.integers(n_residents)), f"w{int(rng.integers(n_work))}"]
        for _ in range(n_residents // 20)
    ]
    return {
        "residents": residents,
        "work": work,
        "postcodes": postcodes,
        "declined": declined,
    }


if __name__ == "__main__":
    main()
