"""Benchmark of matching from the database (PostgreSQL), not a test.

    uv run python bench/matching_db.py [--residents 10000] [--work 2000] [--places 5000]
        [--server postgres://postgres@127.0.0.1:5432] [--database buurtbaan_bench]
        [--postcodes PATH] [--seed 7] [--pieces 200] [--reuse]

Creates (drops and re-creates) a separate PostgreSQL database, migrates it, imports the PC4
centroids with `buurtbaan import_postcodes` (from /work/shared/data/pc4-4pp.csv by default; 26
synthetic areas around Arnhem when it is absent) and generates one bureau with bulk inserts:
residents with talents, skills, dreams, barriers, consents and impact participations, and open
pieces of work (a fifth of them group work holding the extra places), plus declined pairs. The
data come from a fixed seed, like bench/matching_engine.py.

It then measures what the application does, through the same functions the views call:

- the first load of the bureau's engine (queries + prepare), then top-10 candidates for
  `--pieces` random pieces through `suggestions.candidates_for_piece` (fetching the piece,
  reading the matches it has, ranking, explaining and loading the residents), p50/p95;
- the matching round from the database to saved proposals: `actions.run_round` (fresh load,
  prepare, exact round, stored allocation) + `actions.confirm_round` (proposals and their events
  written);
- the exact dense optimum of the same gains by `scipy.optimize.linear_sum_assignment`, its gap to
  the round's objective, and the speed-up of the round's solver over it.

`--reuse` keeps an existing benchmark database (skips generating it) for repeated runs; the round's
proposals of an earlier run are removed first.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sys
import time
from pathlib import Path


def _blas_threads_from_argv() -> None:
    """OpenBLAS reads its thread count when numpy loads, so set it before the import.

    Default 1: the score matrix's small matrix products (7 weekdays, a few dozen talents) gain
    nothing from threads, and on a busy 2-core machine the threads wait for each other (prepare
    is about a third slower with OpenBLAS's default). `--blas-threads 0` keeps the default.
    """
    value = "1"
    for n, arg in enumerate(sys.argv):
        if arg == "--blas-threads" and n + 1 < len(sys.argv):
            value = sys.argv[n + 1]
        elif arg.startswith("--blas-threads="):
            value = arg.split("=", 1)[1]
    if value != "0":
        os.environ["OPENBLAS_NUM_THREADS"] = value


_blas_threads_from_argv()

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from matching_engine import (  # noqa: E402  (the engine benchmark's word lists)
    DREAM_FORMS,
    SKILLS,
    TALENTS,
    TOPICS,
    WORK_FORMS,
)

DEFAULT_POSTCODES = HERE.parents[1] / "shared" / "data" / "pc4-4pp.csv"
SLUG = "bench"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SUPPORT = ("taalcoach", "kinderopvang", "jobcoach")


def main() -> None:
    options = _options()
    url = f"{options.server.rstrip('/')}/{options.database}"
    if not options.reuse:
        _create_database(options.server, options.database)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtbaan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    from buurtbaan.bureaus.models import Bureau

    bureau = Bureau.objects.filter(slug=SLUG).first()
    if bureau is None or not options.reuse:
        started = time.perf_counter()
        _import_postcodes(options.postcodes)
        bureau = _generate(options)
        print(f"generated in {time.perf_counter() - started:.1f} s")
    else:
        _reset_round(bureau)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _measure(bureau, options)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--work", type=int, default=2_000)
    parser.add_argument("--places", type=int, default=5_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="buurtbaan_bench")
    parser.add_argument("--postcodes", type=Path, default=DEFAULT_POSTCODES, metavar="PATH")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pieces", type=int, default=200, help="pieces to time suggestions for")
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    parser.add_argument(
        "--blas-threads", type=int, default=1, help="OpenBLAS threads (0: its default)"
    )
    options = parser.parse_args()
    if options.places < options.work:
        parser.error("--places must be at least --work (every piece has a place)")
    if not options.database.replace("_", "").isalnum():
        parser.error("--database: letters, digits and underscores only")
    return options


def _create_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _import_postcodes(path: Path) -> None:
    from django.core.management import call_command

    if path.exists():
        call_command("import_postcodes", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
        return
    from buurtbaan.matching.models import PostcodeArea

    rng = np.random.default_rng(0)
    centre = np.array([51.985, 5.91])
    points = centre + rng.uniform(-0.04, 0.04, size=(26, 2))
    PostcodeArea.objects.bulk_create(
        PostcodeArea(pc4=str(6800 + n), latitude=float(lat), longitude=float(lon))
        for n, (lat, lon) in enumerate(points)
    )


def _areas() -> list[str]:
    """Arnhem's residential PC4 areas (or the synthetic ones)."""
    from buurtbaan.matching.models import PostcodeArea

    areas = PostcodeArea.objects.filter(municipality="Arnhem")
    if DEFAULT_POSTCODES.exists():
        with DEFAULT_POSTCODES.open(encoding="utf-8") as file:
            residential = {
                row["postcode"]
                for row in csv.DictReader(file)
                if row["gemeente"] == "Arnhem" and row["soort"] == "Adres"
            }
        areas = areas.filter(pc4__in=residential)
    found = sorted(areas.values_list("pc4", flat=True))
    return found or sorted(PostcodeArea.objects.values_list("pc4", flat=True))


def _generate(options):
    from django.utils import timezone

    from buurtbaan.bureaus.models import Bureau, PostcodeRange
    from buurtbaan.impact.models import ImpactAssignment, ImpactParticipant
    from buurtbaan.matching.models import Match, MatchStatus
    from buurtbaan.organisations.models import Organisation, OrganisationKind, ScaleLevel
    from buurtbaan.residents.models import (
        Barrier,
        BarrierLevel,
        Consent,
        ConsentScope,
        Dream,
        Resident,
        Talent,
    )
    from buurtbaan.work.models import PieceOfWork

    rng = np.random.default_rng(options.seed)
    today = timezone.localdate()
    areas = _areas()
    letters = list("ABCDEFGHJKLMNPRTVWXZ")

    def postcode() -> str:
        area = str(rng.choice(areas))
        if rng.random() < 0.5:
            return area + "".join(rng.choice(letters, size=2))
        return area

    def some(words, low, high) -> list[str]:
        return [str(w) for w in rng.choice(words, size=rng.integers(low, high + 1), replace=False)]

    bureau = Bureau.objects.create(name="Benchmark", slug=SLUG, municipality="Arnhem")
    PostcodeRange.objects.create(bureau=bureau, start=areas[0], end=areas[-1])
    existing = set(Talent.objects.filter(bureau=bureau).values_list("name", flat=True))
    Talent.objects.bulk_create(
        Talent(bureau=bureau, name=name) for name in TALENTS if name not in existing
    )
    talent_id = dict(Talent.objects.filter(bureau=bureau).values_list("name", "pk"))

    residents, resident_talents, dreams = [], [], []
    for n in range(options.residents):
        age_days = int(rng.integers(16 * 365, 75 * 365))
        residents.append(
            Resident(
                bureau=bureau,
                first_name=f"Bewoner{n}",
                last_name="Bench",
                email=f"bewoner{n}@buurtbaan.example",
                postcode=postcode(),
                date_of_birth=today - datetime.timedelta(days=age_days),
                skills=", ".join(some(SKILLS, 0, 3)),
                hours_per_week=int(rng.integers(2, 41)),
                wants=str(rng.choice(["paid", "volunteer", "both"], p=[0.5, 0.2, 0.3])),
                travel=str(rng.choice(["neighbourhood", "cycling", "anywhere"], p=[0.3, 0.5, 0.2])),
                available_days=some(WEEKDAYS, 2, 5) if rng.random() < 0.3 else [],
                # Met by a coach, so the rule of who may be proposed lets them take part.
                is_ready_to_propose=True,
            )
        )
        resident_talents.append(some(TALENTS, 2, 5))
        dreams.append(
            " en ".join(str(rng.choice(DREAM_FORMS)).format(t) for t in some(TOPICS, 1, 2))
        )
    Resident.objects.bulk_create(residents, batch_size=2000)
    through = Resident.talents.through
    through.objects.bulk_create(
        [
            through(resident_id=resident.pk, talent_id=talent_id[name])
            for resident, names in zip(residents, resident_talents, strict=True)
            for name in names
        ],
        batch_size=5000,
    )
    Dream.objects.bulk_create(
        [
            Dream(resident=resident, description=text)
            for resident, text in zip(residents, dreams, strict=True)
        ],
        batch_size=5000,
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        [
            Consent(resident=resident, scope=ConsentScope.MATCHING, given_at=now)
            for resident in residents
            if rng.random() > 0.02
        ],
        batch_size=5000,
    )
    Barrier.objects.bulk_create(
        [
            Barrier(
                resident=resident,
                level=BarrierLevel.PERSONAL,
                description="Belemmering",
                support_needed=str(rng.choice(SUPPORT)),
            )
            for resident in residents
            if rng.random() < 0.2
        ],
        batch_size=5000,
    )
    # Distance to work: a tenth take part in an impact assignment, a third registered long ago.
    municipality = Organisation.objects.create(
        bureau=bureau,
        name="Gemeente",
        kind=OrganisationKind.MUNICIPALITY,
        scale_level=ScaleLevel.PUBLIC_SERVICE,
    )
    assignment = ImpactAssignment.objects.create(
        bureau=bureau,
        client=municipality,
        title="Aan het werk",
        budget=20000,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=365),
        status="running",
    )
    ImpactParticipant.objects.bulk_create(
        [
            ImpactParticipant(assignment=assignment, resident=resident, joined_on=today)
            for resident in residents
            if rng.random() < 0.1
        ],
        batch_size=5000,
    )
    long_ago = [resident.pk for resident in residents if rng.random() < 0.3]
    Resident.objects.filter(pk__in=long_ago).update(created_at=now - datetime.timedelta(days=500))

    people = np.ones(options.work, dtype=int)
    group = rng.choice(options.work, size=max(1, options.work // 5), replace=False)
    people[group] += rng.multinomial(
        options.places - options.work, np.full(len(group), 1 / len(group))
    )
    pieces, piece_talents = [], []
    for n in range(options.work):
        topics = some(TOPICS, 1, 3)
        pieces.append(
            PieceOfWork(
                bureau=bureau,
                title=str(rng.choice(WORK_FORMS)).format(topics[0]),
                description="Wij zoeken iemand voor " + ", ".join(topics) + ".",
                kind="groepswerk"
                if people[n] > 1
                else str(rng.choice(["basisbaan", "buurtklus", "droombaan"])),
                skills=some(SKILLS, 0, 2),
                postcode=postcode(),
                hours_per_week=int(rng.integers(2, 33)),
                is_paid=bool(rng.random() < 0.6),
                people_needed=int(people[n]),
                days=some(WEEKDAYS, 1, 3) if rng.random() < 0.3 else [],
                status="open",
            )
        )
        piece_talents.append(some(TALENTS, 1, 4))
    PieceOfWork.objects.bulk_create(pieces, batch_size=2000)
    through = PieceOfWork.talents_needed.through
    through.objects.bulk_create(
        [
            through(pieceofwork_id=piece.pk, talent_id=talent_id[name])
            for piece, names in zip(pieces, piece_talents, strict=True)
            for name in names
        ],
        batch_size=5000,
    )
    declined = {
        (residents[int(rng.integers(len(residents)))].pk, pieces[int(rng.integers(len(pieces)))].pk)
        for _ in range(options.residents // 20)
    }
    Match.objects.bulk_create(
        [
            Match(bureau=bureau, resident_id=r, piece_id=p, status=MatchStatus.DECLINED)
            for r, p in sorted(declined)
        ],
        batch_size=5000,
    )
    print(
        f"neighbourhood: {len(residents)} residents, {len(pieces)} open pieces, "
        f"{int(people.sum())} places, {len(areas)} PC4 areas, {len(declined)} declined pairs"
    )
    return bureau


def _reset_round(bureau) -> None:
    from buurtbaan.matching.models import Match, MatchingRound

    Match.objects.filter(bureau=bureau, matching_round__isnull=False).delete()
    MatchingRound.objects.filter(bureau=bureau).delete()


def _measure(bureau, options) -> None:
    from django.db import connection, reset_queries
    from scipy.optimize import linear_sum_assignment

    from buurtbaan.matching import actions, cache, suggestions
    from buurtbaan.matching.engine import prepare, solve_round
    from buurtbaan.matching.engine.round import round_gains
    from buurtbaan.matching.loader import load_scenario
    from buurtbaan.matching.queries import settings_for
    from buurtbaan.work.models import PieceOfWork

    rng = np.random.default_rng(options.seed + 1)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}"
    )

    # 1. The engine of the bureau, cold: queries and prepare.
    cache.invalidate()
    started = time.perf_counter()
    loaded = load_scenario(bureau)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    cache.prepared_for(bureau)
    cold_seconds = time.perf_counter() - started
    print(
        f"load from database:  {load_seconds:8.3f} s   ({len(loaded.scenario.residents)} residents, "
        f"{len(loaded.scenario.work)} pieces)"
    )
    print(f"cold engine:         {cold_seconds:8.3f} s   (load + prepare, then cached)")

    # 2. Top-10 candidates for random pieces, from the database, through the cached engine.
    piece_ids = list(PieceOfWork.objects.filter(bureau=bureau).values_list("pk", flat=True))
    chosen = rng.choice(piece_ids, size=min(options.pieces, len(piece_ids)), replace=False)
    latencies, queries = [], []
    from django.conf import settings as django_settings

    django_settings.DEBUG = True  # count queries
    for piece_id in chosen:
        reset_queries()
        started = time.perf_counter()
        piece = PieceOfWork.objects.select_related("bureau").get(pk=piece_id, bureau=bureau)
        result = suggestions.candidates_for_piece(bureau, piece, k=10)
        latencies.append(time.perf_counter() - started)
        queries.append(len(connection.queries))
        assert len(result.candidates) == 10, result
    django_settings.DEBUG = False
    p50, p95 = np.percentile(latencies, [50, 95]) * 1000
    print(
        f"candidates top-10:   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {max(latencies) * 1000:.1f} ms"
        f"   ({len(chosen)} pieces, {max(queries)} queries each)"
    )

    # 3. The round, from the database to saved proposals (it always scores afresh).
    started, started_cpu = time.perf_counter(), time.process_time()
    matching_round = actions.run_round(actor=None, bureau=bureau)
    run_seconds = time.perf_counter() - started
    proposals = actions.confirm_round(actor=None, matching_round=matching_round)
    round_seconds = time.perf_counter() - started
    round_cpu = time.process_time() - started_cpu
    print(
        f"round, DB → saved:   {round_seconds:8.3f} s   (cpu {round_cpu:.3f} s; run "
        f"{run_seconds:.3f} s, confirm {round_seconds - run_seconds:.3f} s)   "
        f"{proposals} proposals saved"
    )
    print(
        f"round result:        objective {matching_round.objective:.4f}   "
        f"{matching_round.places_filled}/{matching_round.places_filled + matching_round.open_places}"
        f" places, {matching_round.matched_residents} residents, "
        f"{matching_round.matched_pieces} pieces, certified={matching_round.is_certified_optimal} "
        f"({matching_round.result.lp_solves} LP solves over "
        f"{matching_round.result.candidate_pairs} candidate pairs)"
    )

    # 4. The same round again, phase by phase (no proposals saved).
    matching_settings = settings_for(bureau)
    _reset_round(bureau)
    started = time.perf_counter()
    loaded = load_scenario(bureau)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    prepared = prepare(loaded.scenario)
    prepare_seconds = time.perf_counter() - started
    started = time.perf_counter()
    view = suggestions.round_view(
        bureau, cache.PreparedBureau(prepared, loaded.piece_status, loaded.people_needed, False)
    )
    view_seconds = time.perf_counter() - started
    started, started_cpu = time.perf_counter(), time.process_time()
    solve_round(
        view,
        max_per_resident=matching_settings.max_open_proposals,
        min_score=float(matching_settings.min_score),
    )
    solve_seconds = time.perf_counter() - started
    solve_cpu = time.process_time() - started_cpu
    print(
        f"round phases:        load {load_seconds:.3f} s, prepare {prepare_seconds:.3f} s, "
        f"round view {view_seconds:.3f} s, solve {solve_seconds:.3f} s (cpu {solve_cpu:.3f} s)"
    )
    started, started_cpu = time.perf_counter(), time.process_time()
    # The dense optimum of exactly the gains the round above solved.
    prepared = matching_round.prepared
    gains = round_gains(prepared, float(matching_settings.min_score))
    slots = np.repeat(np.arange(len(prepared.work)), prepared.places)
    profit = np.where(np.isfinite(gains), gains, 0).astype(np.float64)[:, slots]
    del gains
    rows, cols = linear_sum_assignment(profit, maximize=True)
    optimum = float(profit[rows, cols].sum())
    dense_seconds = time.perf_counter() - started
    dense_cpu = time.process_time() - started_cpu
    gap = (optimum - matching_round.objective) / optimum if optimum else 0.0
    print(f"dense LSA optimum:   {dense_seconds:8.3f} s   (cpu {dense_cpu:.3f} s)   {optimum:.4f}")
    print(f"relative gap:        {gap:.2e}   (round {matching_round.objective:.4f})")
    print(
        f"speed-up:            solver {dense_seconds / solve_seconds:.1f}x "
        f"(cpu {dense_cpu / solve_cpu:.1f}x); whole DB round {dense_seconds / round_seconds:.1f}x"
    )


if __name__ == "__main__":
    main()
