"""Benchmark of the talent bank search, not a test.

    uv run python bench/talent_search.py [--backend both|postgresql|sqlite] [--residents 10000]
        [--queries 50] [--server postgres://postgres@127.0.0.1:5432]
        [--database buurtbaan_bench_search] [--sqlite var/bench_talent_search.sqlite3]
        [--seed 42] [--rebuild]

Fills one bureau ("bench-search") with `--residents` fictional residents — Faker nl_NL names and
streets, and Dutch dreams, work experience, education, skills and talents from the word lists
below — with bulk inserts and a fixed seed, then builds the search index with
`talentsearch.actions.reindex_bureau` (timed). A database that already holds the bureau with that
many residents is reused; `--rebuild` starts over. PostgreSQL gets its own database
(`--database`, created when missing); SQLite a file (`--sqlite`).

It then times `--queries` typical searches through `talentsearch.queries.search_page`, the
function the search page calls (query, count, page, prefetches, highlighting): free text such as
"koken", "fietsen repareren", "theater", "tuin onderhoud", with and without filters, page 1 and a
later page, as a coordinator and (one in five) as a coach, whose searches add the visibility
rule. Each search runs `--repeat` times and counts with the median (a shared machine is noisy).
It prints p50, p95 and max in milliseconds, the load average of the machine, and the number of
database queries per page.

`--backend both` (the default) runs PostgreSQL, then SQLite for comparison, each in its own
process (Django connects to one database per process here).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

SLUG = "bench-search"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# --- Word lists: believable Dutch profiles ------------------------------------------------------
# fmt: off

PROFESSIONS = [
    "kok", "bakker", "fietsenmaker", "tuinman", "schilder", "conciërge", "kapper", "chauffeur",
    "timmerman", "verzorgende", "gastvrouw", "theatertechnicus", "pedagogisch medewerker",
    "monteur", "fotograaf", "naaister", "klusjesman", "kassamedewerker", "muziekdocent",
    "schoonmaker", "magazijnmedewerker", "barista", "hovenier", "administratief medewerker",
]
BUSINESSES = [
    "lunchroom", "fietsenwerkplaats", "naaiatelier", "kapsalon", "bakkerij", "moestuin",
    "koffiebar", "klusbedrijf", "cateringbedrijf", "tweedehandswinkel", "fotostudio",
]
TOPICS = [
    "koken", "theater", "muziek", "tuinen", "fietsen", "kinderen", "ouderen", "computers",
    "kleding", "dieren", "schilderen", "techniek", "verhalen", "sport", "bloemen", "film",
    "bouwen", "taal", "eten", "natuur",
]
ACTIVITIES = [
    "koken", "fietsen repareren", "tuinen onderhouden", "les geven", "boodschappen doen",
    "voorlezen", "muziek maken", "sporten", "wandelen", "kleding maken", "taarten bakken",
    "decors bouwen", "huizen schilderen", "computers repareren", "planten verzorgen",
]
AUDIENCES = [
    "ouderen", "kinderen", "de buurt", "nieuwkomers", "jongeren", "mensen met een beperking",
    "buurtbewoners",
]
PLACES = [
    "het buurthuis", "het theater", "de school", "de bibliotheek", "het wijkcentrum",
    "de moestuin", "het park", "een restaurant", "de kinderboerderij", "het verzorgingshuis",
]
DREAM_FORMS = [
    "Werken als {profession} in de wijk",
    "Een eigen {business} beginnen",
    "Iets met {topic} doen",
    "{activity} voor {audience}",
    "Ooit {profession} worden",
    "Mijn talent voor {topic} gebruiken in {place}",
    "Samen met anderen {activity} in {place}",
]
SECTORS = [
    "de bouw", "de zorg", "de horeca", "de schoonmaak", "de logistiek", "de detailhandel",
    "de groenvoorziening", "een fabriek", "de kinderopvang", "het onderwijs",
]
EXPERIENCE_FORMS = [
    "{years} jaar {profession} bij een bedrijf in {sector}",
    "Vrijwilliger in {place}: {activity}",
    "Uitzendwerk in {sector}",
    "Mantelzorger voor mijn moeder; daarvoor {profession}",
    "{years} jaar thuis voor de kinderen; daarvoor werk in {sector}",
]
STUDIES = [
    "koken", "zorg en welzijn", "techniek", "bouw", "administratie", "groen", "retail",
    "logistiek", "onderwijsassistent", "mode", "ICT", "horeca",
]
EDUCATION_FORMS = [
    "mbo {study}", "hbo {study}", "vmbo", "cursus {activity}", "taalcursus Nederlands B1",
    "opleiding {study} in het buitenland",
]
SKILLS = [
    "rijbewijs B", "EHBO", "VCA", "heftruck", "kassa", "Excel", "naaimachine", "BHV", "Spaans",
    "Arabisch", "Turks", "Engels", "lassen", "koken voor groepen", "boekhouden", "Photoshop",
    "rijbewijs C", "hygiënecode",
]
OWN_TALENT_WORDS = [
    "geduld", "mensen laten lachen", "luisteren", "plannen", "precies werken", "handig",
    "creatief", "verhalen vertellen", "doorzetten", "gastvrij", "rustig blijven", "sleutelen",
]

# --- The searches: typical questions a coordinator asks -----------------------------------------

TEXTS = [
    "koken", "fietsen repareren", "theater", "tuin onderhoud", "schilderen", "kinderen",
    "computers", "taarten bakken", "zorg ouderen", "muziek", '"tuin onderhoud"',
    "theater or muziek", "koken -restaurant", "conciërge", "", "naaister kleding",
]
FILTERS = [
    {},
    {"talents": ["koken"]},
    {"days": ["mon", "wed"]},
    {"wants": "paid", "min_hours": 16},
    {"area": "inside", "stage": "active"},
    {"talents": ["repareren", "organiseren"], "travel": "cycling"},
    {"pc4": "6828"},
]

# fmt: on


def main() -> None:
    options = _options()
    if options.backend == "both":
        for backend in ("postgresql", "sqlite"):
            args = [arg for arg in sys.argv[1:] if not arg.startswith("--backend")]
            subprocess.run([sys.executable, __file__, "--backend", backend, *args], check=True)
        return
    if options.backend == "postgresql":
        _create_database_if_missing(options.server, options.database, rebuild=options.rebuild)
        url = f"{options.server.rstrip('/')}/{options.database}"
    else:
        path = Path(options.sqlite).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        if options.rebuild and path.exists():
            path.unlink()
        url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtbaan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print(f"\n== {connection.vendor} ({url}) ==")
    call_command("migrate", interactive=False, verbosity=0)
    bureau = _bureau_if_complete(options.residents)
    if bureau is None:
        started = time.perf_counter()
        bureau = _generate(options)
        print(f"generated {options.residents} residents in {time.perf_counter() - started:.1f} s")
    else:
        print(f"reusing {options.residents} residents (--rebuild to start over)")
    from buurtbaan.talentsearch.actions import reindex_bureau

    started = time.perf_counter()
    indexed = reindex_bureau(bureau=bureau)
    print(f"index built: {indexed} documents in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    _measure(bureau, options)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["both", "postgresql", "sqlite"], default="both")
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per search; its time is their median"
    )
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="buurtbaan_bench_search")
    parser.add_argument(
        "--sqlite", default=str(HERE.parent / "var" / "bench_talent_search.sqlite3")
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rebuild", action="store_true", help="generate the data again")
    options = parser.parse_args()
    if not options.database.replace("_", "").isalnum():
        parser.error("--database: letters, digits and underscores only")
    return options


def _create_database_if_missing(server: str, name: str, *, rebuild: bool) -> None:
    import psycopg

    with psycopg.connect(f"{server.rstrip('/')}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and rebuild:
            connection.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def _bureau_if_complete(residents: int):
    from buurtbaan.bureaus.models import Bureau

    bureau = Bureau.objects.filter(slug=SLUG).first()
    if bureau is not None and bureau.residents.count() == residents:
        return bureau
    if bureau is not None:
        raise SystemExit(f"The bureau {SLUG!r} has other data; run again with --rebuild.")
    return None


def _generate(options):
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from faker import Faker

    from buurtbaan.bureaus.models import Bureau, Membership, PostcodeRange, Role
    from buurtbaan.residents.models import Consent, ConsentScope, Dream, Resident, Stage

    fake = Faker("nl_NL")
    fake.seed_instance(options.seed)
    rng = random.Random(options.seed)
    User = get_user_model()

    def fill(form: str) -> str:
        return form.format(
            profession=rng.choice(PROFESSIONS),
            business=rng.choice(BUSINESSES),
            topic=rng.choice(TOPICS),
            activity=rng.choice(ACTIVITIES),
            audience=rng.choice(AUDIENCES),
            place=rng.choice(PLACES),
            sector=rng.choice(SECTORS),
            study=rng.choice(STUDIES),
            years=rng.randint(1, 25),
        )

    with transaction.atomic():
        bureau = Bureau.objects.create(name="Benchmark zoeken", slug=SLUG, municipality="Arnhem")
        PostcodeRange.objects.create(bureau=bureau, start="6828", end="6828")
        staff = []
        for local, role in (("bench.coordinator", Role.COORDINATOR), ("bench.coach", Role.COACH)):
            user = User.objects.create_user(email=f"{local}@buurtbaan.example", password=None)
            Membership.objects.create(user=user, bureau=bureau, role=role)
            staff.append(user)
        talents = list(bureau.talents.all())
        letters = [a + b for a in "ABCDEFGHJKLMNPRTVWXZ" for b in "ABCDEFGHJKLMNPRTVWXZ"]
        today = datetime.date(2026, 1, 1)
        residents = []
        for _ in range(options.residents):
            outside = rng.random() < 0.05
            area = rng.choice(["6822", "6824", "6826"]) if outside else "6828"
            residents.append(
                Resident(
                    bureau=bureau,
                    first_name=fake.first_name(),
                    last_name=fake.last_name(),
                    email=f"{fake.user_name()}{rng.randint(1, 9999)}@buurtbaan.example",
                    phone=fake.numerify("+3161#######"),  # valid, in the stored form
                    street=fake.street_address(),
                    postcode=area + rng.choice(letters),
                    city="Arnhem",
                    is_outside_area=outside,
                    date_of_birth=today - datetime.timedelta(days=rng.randint(18 * 365, 80 * 365)),
                    own_talent_words=", ".join(rng.sample(OWN_TALENT_WORDS, rng.randint(0, 3))),
                    skills=", ".join(rng.sample(SKILLS, rng.randint(0, 4))),
                    work_experience=". ".join(
                        fill(rng.choice(EXPERIENCE_FORMS)) for _ in range(rng.randint(0, 3))
                    ),
                    education=fill(rng.choice(EDUCATION_FORMS)) if rng.random() < 0.8 else "",
                    wants=rng.choices(["paid", "volunteer", "both"], [5, 2, 3])[0],
                    hours_per_week=rng.choice([None, 4, 8, 12, 16, 20, 24, 32, 36]),
                    available_days=sorted(
                        rng.sample(WEEKDAYS, rng.randint(0, 5)), key=WEEKDAYS.index
                    ),
                    travel=rng.choices(["neighbourhood", "cycling", "anywhere"], [3, 5, 2])[0],
                    stage=rng.choices(list(Stage), [2, 1, 4, 2, 1, 1])[0],
                    coach=rng.choice([None, None, *staff]),
                )
            )
        Resident.objects.bulk_create(residents, batch_size=2000)
        through = Resident.talents.through
        through.objects.bulk_create(
            [
                through(resident_id=resident.pk, talent_id=talent.pk)
                for resident in residents
                for talent in rng.sample(talents, rng.randint(1, 4))
            ],
            batch_size=5000,
        )
        Dream.objects.bulk_create(
            [
                Dream(resident=resident, description=fill(rng.choice(DREAM_FORMS)), position=n)
                for resident in residents
                for n in range(rng.choices([0, 1, 2, 3], [1, 6, 3, 1])[0])
            ],
            batch_size=5000,
        )
        now = timezone.now()
        Consent.objects.bulk_create(
            [
                Consent(resident=resident, scope=scope, given_at=now)
                for resident in residents
                for scope, share in ((ConsentScope.COACHES, 0.6), (ConsentScope.PARTNERS, 0.45))
                if rng.random() < share
            ],
            batch_size=5000,
        )
    return bureau


def _searches(bureau, count: int, seed: int):
    from buurtbaan.bureaus.models import Membership, Role
    from buurtbaan.talentsearch.queries import SearchCriteria

    talent_ids = dict(bureau.talents.values_list("name", "pk"))
    coordinator = Membership.objects.get(bureau=bureau, role=Role.COORDINATOR)
    coach = Membership.objects.get(bureau=bureau, role=Role.COACH)
    rng = random.Random(seed)
    searches = []
    for number in range(count):
        text = TEXTS[number % len(TEXTS)]
        filters = dict(FILTERS[(number // len(TEXTS) + number) % len(FILTERS)])
        if "talents" in filters:
            filters["talents"] = [talent_ids[name] for name in filters["talents"]]
        page = 1 if number % 2 == 0 else rng.choice([2, 3, 5])
        membership = coach if number % 5 == 4 else coordinator
        label = " ".join(
            [repr(text) if text else "(no words)"]
            + [
                f"{k}={v}"
                for k, v in FILTERS[(number // len(TEXTS) + number) % len(FILTERS)].items()
            ]
            + [f"page {page}", membership.role]
        )
        searches.append((label, membership, SearchCriteria(text=text, **filters), page))
    return searches


def _measure(bureau, options) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from buurtbaan.talentsearch.queries import search_page

    searches = _searches(bureau, options.queries, options.seed)
    # Warm up: the first query of a process pays for connecting and compiling.
    for _label, membership, criteria, page in searches[:3]:
        search_page(bureau, membership=membership, criteria=criteria, page_number=page)

    timings, cpu_timings, query_counts, rows = [], [], {}, []
    for label, membership, criteria, page in searches:
        runs, cpu = [], []
        for _ in range(options.repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                result = search_page(
                    bureau, membership=membership, criteria=criteria, page_number=page
                )
                runs.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
        elapsed = statistics.median(runs)
        timings.append(elapsed)
        cpu_timings.append(statistics.median(cpu))
        shown = len(result.page.object_list)
        query_counts.setdefault(shown > 0, set()).add(len(captured))
        rows.append((elapsed, result.page.paginator.count, shown, len(captured), label))

    for elapsed, matches, shown, queries, label in rows[:16]:
        print(
            f"  {elapsed:7.1f} ms  {matches:6d} matches  {shown:2d} shown  {queries} queries  {label}"
        )
    if len(rows) > 16:
        print(f"  … and {len(rows) - 16} more; the slowest:")
        for elapsed, matches, shown, queries, label in sorted(rows, reverse=True)[:3]:
            print(
                f"  {elapsed:7.1f} ms  {matches:6d} matches  {shown:2d} shown  {queries} queries"
                f"  {label}"
            )
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{connection.vendor}: {len(timings)} searches over {options.residents} residents "
        f"(median of {options.repeat} runs each; load average {load}): "
        f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"
    )
    print(
        f"of which Python in this process (CPU time, without the database server): "
        f"p50 {statistics.median(cpu_timings):.1f} ms, max {max(cpu_timings):.1f} ms"
    )
    for has_rows, counts in sorted(query_counts.items(), reverse=True):
        kind = "a page with results" if has_rows else "an empty page"
        print(f"queries per page: {sorted(counts)} for {kind}")


if __name__ == "__main__":
    main()
