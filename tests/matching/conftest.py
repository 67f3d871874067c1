"""A small neighbourhood for the matching tests: postcode areas, residents with talents, dreams,
consent and barriers, and open work, in the personas' bureau."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from buurtbaan.matching import actions, cache
from buurtbaan.matching.models import PostcodeArea
from buurtbaan.residents.models import Talent
from tests.factories import (
    BarrierFactory,
    ConsentFactory,
    DreamFactory,
    PieceOfWorkFactory,
    ResidentFactory,
    resident_with_account,
)

AREAS = [
    ("6828", 51.9801, 5.9232),
    ("6826", 51.9814, 5.9502),
    ("6824", 51.9914, 5.9373),
    ("6822", 51.9973, 5.9252),
    ("6812", 51.9839, 5.8755),
]


@pytest.fixture(autouse=True)
def _fresh_engine_cache():
    """Each test builds its own engine: a cached one could hold another test's rows."""
    cache.invalidate()
    yield
    cache.invalidate()


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English msgids (see the `english` fixture in tests/conftest.py)."""


@pytest.fixture
def areas(db):
    return PostcodeArea.objects.bulk_create(
        PostcodeArea(pc4=pc4, latitude=lat, longitude=lon, municipality="Arnhem")
        for pc4, lat, lon in AREAS
    )


def talents(bureau, *names):
    found = {t.name: t for t in Talent.objects.filter(bureau=bureau, name__in=names)}
    missing = [Talent.objects.create(bureau=bureau, name=n) for n in names if n not in found]
    return [*found.values(), *missing]


def propose(neighbourhood, personas, resident=None, piece=None, **kwargs):
    """The coordinator proposes (by default Sandra for the theatre job) through the action."""
    return actions.propose_match(
        actor=personas.coordinator,
        piece=piece or neighbourhood.theatre,
        resident=resident or neighbourhood.sandra,
        **kwargs,
    )


def matchable(bureau, *, talent_names=(), dream="", consent=True, account=False, **fields):
    """A resident who may be proposed (consent for matching), with talents and a dream."""
    fields.setdefault("hours_per_week", 24)
    fields.setdefault("travel", "anywhere")
    # Met by the bureau (see matching.eligibility); tests of the rule itself set it to False.
    fields.setdefault("is_ready_to_propose", True)
    if account:
        resident = resident_with_account(bureau, **fields)
    else:
        resident = ResidentFactory(bureau=bureau, **fields)
    if talent_names:
        resident.talents.set(talents(bureau, *talent_names))
    if dream:
        DreamFactory(resident=resident, description=dream)
    if consent:
        ConsentFactory(resident=resident, scope="matching")
    return resident


def open_piece(bureau, *, talent_names=(), **fields):
    fields.setdefault("hours_total", None)
    fields.setdefault("hours_per_week", 8)
    piece = PieceOfWorkFactory(bureau=bureau, **fields)
    if talent_names:
        piece.talents_needed.set(talents(bureau, *talent_names))
    return piece


@pytest.fixture
def neighbourhood(personas, areas):
    """Sandra (an account), Martinez, a resident without consent, and three pieces of work."""
    bureau = personas.bureau
    sandra = matchable(
        bureau,
        first_name="Sandra",
        talent_names=["organiseren", "verbinden"],
        dream="Iets in het theater",
        postcode="6828BC",
        wants="paid",
        travel="neighbourhood",
        account=True,
    )
    BarrierFactory(resident=sandra, support_needed="Uitleg over bijverdienen")
    BarrierFactory(resident=sandra, support_needed="Al geregeld", is_resolved=True)
    martinez = matchable(
        bureau,
        first_name="Jorge",
        talent_names=["zorgen", "observeren"],
        dream="Elke dag wandelen met een hond",
        postcode="6828BD",
        hours_per_week=6,
        wants="volunteer",
        available_days=["mon", "wed", "fri"],
    )
    no_consent = matchable(bureau, first_name="Lotte", talent_names=["organiseren"], consent=False)
    theatre = open_piece(
        bureau,
        title="Conciërge theater",
        description="Schoonmaak en beheer van het theater",
        kind="basisbaan",
        talent_names=["organiseren"],
        hours_per_week=24,
        is_paid=True,
        postcode="6828BK",
    )
    dog = open_piece(
        bureau,
        title="Hond uitlaten",
        description="Drie keer per week wandelen met de hond",
        talent_names=["zorgen"],
        hours_per_week=3,
        days=["mon", "wed", "fri"],
        postcode="6828BC",
    )
    park = open_piece(
        bureau,
        title="Plantsoen onderhouden",
        description="Samen het groen bijhouden",
        kind="groepswerk",
        people_needed=3,
        talent_names=["organiseren", "zorgen"],
        hours_per_week=4,
        postcode="6828EB",
    )
    return SimpleNamespace(
        bureau=bureau,
        sandra=sandra,
        martinez=martinez,
        no_consent=no_consent,
        theatre=theatre,
        dog=dog,
        park=park,
    )


def long_ago(resident, days=500):
    type(resident).objects.filter(pk=resident.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
